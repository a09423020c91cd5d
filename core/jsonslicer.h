#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace Pot {

/// Finds the elements of one JSON array in a Controller answer without building a document: the
/// array under `arrayKey` of the top-level object, or the top-level array when `arrayKey` is empty.
/// Each element is then parsed (and freed) on its own, so a 10,000-row answer never lives as one
/// JSON tree. Lenient: it only tracks nesting and strings; each element is validated when parsed.
/// nullopt when the answer does not have that shape (the caller then parses it whole for a precise
/// error message).
std::optional<QList<QByteArrayView>> sliceJsonArray(QByteArrayView body, const QString &arrayKey);

/// The raw text of the value of `key` in the top-level object (strings with their quotes), or
/// nullopt when the body is no such object or its nesting is broken up to the end of that value.
std::optional<QByteArrayView> sliceJsonMember(QByteArrayView body, const QString &key);

} // namespace Pot
