#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace Pot::Models {

/// Finds the elements of one JSON array in a Controller answer without building a document: the
/// array under `arrayKey` of the top-level object, or the top-level array when `arrayKey` is empty.
/// Each element is then parsed (and freed) on its own, so a 10,000-row answer never lives as one
/// JSON tree. Lenient: it only tracks nesting and strings; each element is validated when parsed.
/// nullopt when the answer does not have that shape (the caller then parses it whole for a precise
/// error message).
std::optional<QList<QByteArrayView>> sliceJsonArray(QByteArrayView body, const QString &arrayKey);

} // namespace Pot::Models
