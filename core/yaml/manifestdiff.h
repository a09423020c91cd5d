#pragma once

#include "core/yaml/manifest.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace Pot::Manifest {

/// The object a document asks for, in the Controller's own JSON field names, so that it compares
/// with what GET returns: NATS rules mapped as the Controller maps them (controller-api.md §4.2, §4.3:
/// NATS-style names to JSON names, a JSON name wins over its alias, sizes such as 1m in bytes),
/// Role / RoleBinding / ServiceAccount as {name, rules | roleRef, subjects | applicationName},
/// every other kind as {name, …spec}.
QJsonObject modelOf(const Document &document);

/// One field an apply changes.
struct Change
{
    enum class Type { Added, Removed, Changed, Kept };
    Type type = Type::Changed;
    QString path;       ///< "maxSubscriptions", "times[0].start", "imports"
    QJsonValue before;  ///< live value (undefined when added)
    QJsonValue after;   ///< value after the apply (undefined when removed)
};

/// Fields the Controller adds itself; never part of a change.
const QStringList &serverFields();

/// What applying `edited` (a modelOf()) changes in `live` (as GET returns it), field by field and
/// into nested objects; lists are compared whole. With `merge` (a PATCH, which changes only the
/// fields it names), a live field the edit leaves out is Kept, not Removed. Live null and absent are
/// alike. Server fields are skipped.
QList<Change> diff(const QJsonObject &live, const QJsonObject &edited, bool merge);

/// The object as it will be after the apply: `edited` over `live` for a merge, else `edited`.
QJsonObject predicted(const QJsonObject &live, const QJsonObject &edited, bool merge);

/// "maxSubscriptions: 100 → 200", for review lists and logs (values shortened).
QString describe(const Change &change);

} // namespace Pot::Manifest
