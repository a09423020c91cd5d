#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace Pot {

/// The raw text of each element of one JSON array in `body`: the array under `arrayKey` of the
/// top-level object, or the top-level array when `arrayKey` is empty. Found with simdjson's
/// on-demand reader, which builds no tree: a 10,000-row answer is then parsed (and freed) one
/// element at a time instead of as one tree several times its size. nullopt when `body` has no
/// such array or is malformed on the way (the caller parses it whole for a precise message).
/// simdjson reads past the end: a body with less than jsonPadding() bytes of spare capacity is
/// copied first.
std::optional<QList<QByteArrayView>> jsonArrayElements(const QByteArray &body, const QString &arrayKey);
/// The same for text that has `spare` readable bytes after its end (a body inside a mapped file).
std::optional<QList<QByteArrayView>> jsonArrayElements(QByteArrayView body, qsizetype spare,
                                                       const QString &arrayKey);

/// The raw text of the value of `key` in the top-level object of `body` (strings with their
/// quotes), or nullopt when `body` is no such object or is malformed on the way.
std::optional<QByteArrayView> jsonMember(const QByteArray &body, const QString &key);
std::optional<QByteArrayView> jsonMember(QByteArrayView body, qsizetype spare, const QString &key);

/// Spare capacity a body needs to be read without a copy.
qsizetype jsonPadding();

} // namespace Pot
