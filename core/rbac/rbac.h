#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace Pot::Rbac {

/// One rule of a role: apiGroups × resources × verbs, optionally limited to resourceNames.
struct Rule
{
    QStringList apiGroups;
    QStringList resources;
    QStringList verbs;
    QStringList resourceNames;

    bool operator==(const Rule &) const = default;
};

struct Role
{
    QString name;
    bool system = false; ///< built in: cannot be created, changed or deleted
    QList<Rule> rules;
    // Initialised so that aggregates listing only the fields above stay warning-free.
    QString createdAt = {}; ///< ISO-8601 as sent; empty for the built-in roles
    QString updatedAt = {};

    QString key() const { return name; }
    /// One entry of GET /roles (parseRole()): the record of the roles kind.
    static Result<Role> fromJson(const QJsonObject &o);
};

struct Subject
{
    QString kind; ///< "User", "Group" or "ServiceAccount"
    QString name;

    bool operator==(const Subject &) const = default;
};

struct RoleBinding
{
    QString name;
    QString roleName;
    QList<Subject> subjects;
    QString createdAt = {}; ///< ISO-8601 as sent
    QString updatedAt = {};

    QString key() const { return name; }
    /// One entry of GET /rolebindings; null and absent alike, refused without a name.
    static Result<RoleBinding> fromJson(const QJsonObject &o);
};

/// One entry of GET /serviceaccounts: the account a microservice's token acts as.
struct ServiceAccount
{
    QString name;
    QString applicationName;  ///< applicationName, or application.name
    QString roleName;         ///< roleRef.name
    QString microserviceUuid; ///< microserviceUuid, or microservice_uuid; empty: none
    QString createdAt;
    QString updatedAt;

    /// "<application>/<name>": names are unique per application only.
    QString key() const { return applicationName + u'/' + name; }
    QString label() const { return name; }
    static Result<ServiceAccount> fromJson(const QJsonObject &o);
};

/// The names the Controller reserves for its built-in roles (compared case-insensitively).
const QStringList &systemRoleNames();
bool isSystemRoleName(const QString &name);
/// GET /roles as the Controller 3.7.3 answers it with only the built-in roles.
QByteArray systemRolesJson();
/// The built-in roles, parsed from systemRolesJson().
QList<Role> systemRoles();

/// `{roles: [...]}` (GET /roles), `{role: {...}}` or a bare role object.
Result<QList<Role>> parseRoles(const QJsonValue &json);
Result<Role> parseRole(const QJsonValue &json);
/// `{bindings: [...]}` (GET /rolebindings) or a bare array.
Result<QList<RoleBinding>> parseBindings(const QJsonValue &json);

/// The Controller's pattern match (authorizer.js matchesPattern): "*" matches anything, "abc*" a
/// prefix, anything else exactly.
bool matchesPattern(const QString &pattern, const QString &value);
bool ruleMatches(const Rule &rule, const QString &resource, const QString &verb,
                 const QString &resourceName);

/// The subjects the Controller derives from an access token: `User <preferred_username>` and one
/// `Group <role lower-cased>` per client role.
QList<Subject> subjectsFromToken(const QString &preferredUsername, const QStringList &clientRoles);

/// Why a request is allowed: the role, the rule inside it, and how the subject got the role.
struct Grant
{
    QString roleName;
    int ruleIndex = -1;
    QString via;   ///< "group sre" or "binding nats-operators"
    Rule rule;

    QString describe() const;
};

/// Outcome of one check. `grant` is set when allowed.
struct Decision
{
    bool allowed = false;
    Grant grant;
};

/// Evaluates requests the way the Controller's RBAC middleware does (controller-api.md §6.1):
/// a Group subject named like a built-in role gets that role directly; otherwise any rule of any role
/// bound to one of the subjects must match. Roles and bindings are the last ones read from the
/// Controller; built-in roles are always known.
class Authorizer final
{
public:
    Authorizer();

    /// Custom and built-in roles as read from GET /roles (built-ins are kept if missing).
    void setRoles(const QList<Role> &roles);
    void setBindings(const QList<RoleBinding> &bindings);
    const QList<Role> &roles() const { return m_roles; }
    const QList<RoleBinding> &bindings() const { return m_bindings; }
    const Role *role(const QString &name) const;

    Decision decide(const QList<Subject> &subjects, const QString &resource, const QString &verb,
                    const QString &resourceName = {}) const;

private:
    QList<Role> m_roles;
    QList<RoleBinding> m_bindings;
};

/// Resources and verbs of the Controller's catalogue (rbac-resources.yaml), in its order, for
/// pickers and the "who can do what" grid.
const QStringList &catalogResources();
const QStringList &catalogVerbs();

} // namespace Pot::Rbac
