#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace Pot::Rbac {

/// The RBAC objects the Controller accepts as YAML (controller-api.md §4.5).
enum class Kind { Role, RoleBinding, ServiceAccount };

/// "Role", "RoleBinding", "ServiceAccount".
QString kindName(Kind kind);
std::optional<Kind> kindFromName(const QString &name);
/// Multipart field name of the /yaml endpoints: "role", "rolebinding", "serviceaccount".
QByteArray uploadField(Kind kind);

/// A YAML document checked the way the Controller's schema would check it, before it is uploaded.
struct YamlDocument
{
    Kind kind = Kind::Role;
    QString name;
    QString applicationName; ///< ServiceAccount only
    /// The object as the JSON endpoints take it: Role {name, kind, rules}, RoleBinding {name, kind,
    /// roleRef, subjects}, ServiceAccount {name, applicationName, roleRef}.
    QJsonObject json;
    /// Accepted by the Controller but probably not what the user meant (a Group name with capitals
    /// never matches, §6.1).
    QStringList warnings;
};

/// YAML for an object as GET returns it, in the §4.5 shape: kind, metadata, then rules / roleRef /
/// subjects at top level (no spec). Server fields (id, timestamps, roleId) are left out.
QByteArray toYaml(Kind kind, const QJsonObject &object);
/// A starting point for a new object of this kind.
QByteArray templateYaml(Kind kind);

/// Parses one YAML document and validates it for `expected`. Errors name line and column
/// (1-based) of the offending node; the kind must match exactly.
Result<YamlDocument> parseYaml(const QByteArray &text, Kind expected);

/// The Controller's object-name rule (src/schemas/rbac.js).
bool isValidObjectName(const QString &name);

} // namespace Pot::Rbac
