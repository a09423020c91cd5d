#include "rbac.h"

#include "core/tr.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace Pot::Rbac {

namespace {

QStringList stringList(const QJsonValue &v)
{
    QStringList out;
    const QJsonArray a = v.toArray();
    out.reserve(a.size());
    for (const QJsonValue &e : a)
        out << e.toString();
    return out;
}

Error invalid(const QString &what)
{
    return Error(ErrorCode::InvalidInput, Tr::tr("The Controller's answer is not a valid %1.").arg(what));
}

bool anyMatches(const QStringList &patterns, const QString &value)
{
    for (const QString &p : patterns) {
        if (matchesPattern(p, value))
            return true;
    }
    return false;
}

} // namespace

const QStringList &systemRoleNames()
{
    static const QStringList names{QStringLiteral("admin"),     QStringLiteral("sre"),
                                   QStringLiteral("developer"), QStringLiteral("viewer"),
                                   QStringLiteral("agent-admin"), QStringLiteral("microservice")};
    return names;
}

bool isSystemRoleName(const QString &name)
{
    return systemRoleNames().contains(name, Qt::CaseInsensitive);
}

QList<Role> systemRoles()
{
    const QJsonDocument doc = QJsonDocument::fromJson(systemRolesJson());
    auto roles = parseRoles(doc.object());
    return roles ? *roles : QList<Role>{};
}

Result<Role> parseRole(const QJsonValue &json)
{
    QJsonObject o = json.toObject();
    if (o.contains(u"role") && o.value(u"role").isObject())
        o = o.value(u"role").toObject();
    const QString name = o.value(u"name").toString();
    if (name.isEmpty())
        return invalid(Tr::tr("role"));
    Role role;
    role.name = name;
    role.system = isSystemRoleName(name);
    role.createdAt = o.value(u"createdAt").toString();
    role.updatedAt = o.value(u"updatedAt").toString();
    const QJsonArray rules = o.value(u"rules").toArray();
    for (const QJsonValue &rv : rules) {
        const QJsonObject r = rv.toObject();
        Rule rule;
        rule.apiGroups = stringList(r.value(u"apiGroups"));
        rule.resources = stringList(r.value(u"resources"));
        rule.verbs = stringList(r.value(u"verbs"));
        rule.resourceNames = stringList(r.value(u"resourceNames"));
        role.rules << rule;
    }
    return role;
}

Result<QList<Role>> parseRoles(const QJsonValue &json)
{
    if (json.isObject() && json.toObject().contains(u"role")) {
        auto one = parseRole(json);
        if (!one)
            return one.error();
        return QList<Role>{*one};
    }
    const QJsonValue list = json.isArray() ? json : json.toObject().value(u"roles");
    if (!list.isArray())
        return invalid(Tr::tr("role list"));
    QList<Role> out;
    for (const QJsonValue &v : list.toArray()) {
        auto role = parseRole(v);
        if (!role)
            return role.error();
        out << *role;
    }
    return out;
}

Result<QList<RoleBinding>> parseBindings(const QJsonValue &json)
{
    const QJsonValue list = json.isArray() ? json : json.toObject().value(u"bindings");
    if (!list.isArray())
        return invalid(Tr::tr("role binding list"));
    QList<RoleBinding> out;
    for (const QJsonValue &v : list.toArray()) {
        auto b = RoleBinding::fromJson(v.toObject());
        if (!b)
            return b.error();
        out << *b;
    }
    return out;
}

Result<Role> Role::fromJson(const QJsonObject &o)
{
    return parseRole(o);
}

Result<RoleBinding> RoleBinding::fromJson(const QJsonObject &o)
{
    RoleBinding b;
    b.name = o.value(u"name").toString();
    b.roleName = o.value(u"roleRef").toObject().value(u"name").toString();
    if (b.name.isEmpty())
        return invalid(Tr::tr("role binding"));
    for (const QJsonValue &s : o.value(u"subjects").toArray()) {
        const QJsonObject so = s.toObject();
        b.subjects << Subject{so.value(u"kind").toString(), so.value(u"name").toString()};
    }
    b.createdAt = o.value(u"createdAt").toString();
    b.updatedAt = o.value(u"updatedAt").toString();
    return b;
}

Result<ServiceAccount> ServiceAccount::fromJson(const QJsonObject &o)
{
    ServiceAccount a;
    a.name = o.value(u"name").toString();
    a.applicationName = o.value(u"applicationName").toString();
    if (a.applicationName.isEmpty())
        a.applicationName = o.value(u"application").toObject().value(u"name").toString();
    if (a.name.isEmpty())
        return invalid(Tr::tr("service account"));
    a.roleName = o.value(u"roleRef").toObject().value(u"name").toString();
    a.microserviceUuid = o.value(u"microserviceUuid").toString();
    if (a.microserviceUuid.isEmpty())
        a.microserviceUuid = o.value(u"microservice_uuid").toString();
    a.createdAt = o.value(u"createdAt").toString();
    a.updatedAt = o.value(u"updatedAt").toString();
    return a;
}

bool matchesPattern(const QString &pattern, const QString &value)
{
    if (pattern == u"*")
        return true;
    if (pattern.endsWith(u'*'))
        return value.startsWith(QStringView(pattern).chopped(1));
    return pattern == value;
}

bool ruleMatches(const Rule &rule, const QString &resource, const QString &verb,
                 const QString &resourceName)
{
    if (!anyMatches(rule.apiGroups, QString()))
        return false;
    if (!anyMatches(rule.resources, resource) || !anyMatches(rule.verbs, verb))
        return false;
    if (!rule.resourceNames.isEmpty() && !anyMatches(rule.resourceNames, resourceName))
        return false;
    return true;
}

QList<Subject> subjectsFromToken(const QString &preferredUsername, const QStringList &clientRoles)
{
    QList<Subject> out;
    if (!preferredUsername.isEmpty())
        out << Subject{QStringLiteral("User"), preferredUsername};
    for (const QString &r : clientRoles)
        out << Subject{QStringLiteral("Group"), r.toLower()};
    return out;
}

QString Grant::describe() const
{
    if (roleName.isEmpty())
        return {};
    QString text = Tr::tr("role %1, rule %2 (%3 × %4)")
                       .arg(roleName)
                       .arg(ruleIndex + 1)
                       .arg(rule.resources.join(u", "), rule.verbs.join(u", "));
    if (!rule.resourceNames.isEmpty())
        text += Tr::tr(" on %1").arg(rule.resourceNames.join(u", "));
    return text + Tr::tr(", via %1").arg(via);
}

Authorizer::Authorizer()
    : m_roles(systemRoles())
{}

void Authorizer::setRoles(const QList<Role> &roles)
{
    QList<Role> merged = roles;
    for (const Role &builtin : systemRoles()) {
        const bool present = std::any_of(merged.cbegin(), merged.cend(), [&](const Role &r) {
            return r.name.compare(builtin.name, Qt::CaseInsensitive) == 0;
        });
        if (!present)
            merged << builtin;
    }
    m_roles = merged;
}

void Authorizer::setBindings(const QList<RoleBinding> &bindings)
{
    m_bindings = bindings;
}

const Role *Authorizer::role(const QString &name) const
{
    for (const Role &r : m_roles) {
        if (r.name == name)
            return &r;
    }
    for (const Role &r : m_roles) {
        if (r.system && r.name.compare(name, Qt::CaseInsensitive) == 0)
            return &r;
    }
    return nullptr;
}

Decision Authorizer::decide(const QList<Subject> &subjects, const QString &resource,
                            const QString &verb, const QString &resourceName) const
{
    auto tryRole = [&](const Role *r, const QString &via) -> Decision {
        if (!r)
            return {};
        for (int i = 0; i < r->rules.size(); ++i) {
            if (ruleMatches(r->rules.at(i), resource, verb, resourceName))
                return Decision{true, Grant{r->name, i, via, r->rules.at(i)}};
        }
        return {};
    };
    for (const Subject &s : subjects) {
        if (s.kind == u"Group" && isSystemRoleName(s.name)) {
            const Role *r = role(s.name);
            if (r && r->system) {
                Decision d = tryRole(r, Tr::tr("group %1").arg(s.name));
                if (d.allowed)
                    return d;
            }
        }
    }
    for (const RoleBinding &b : m_bindings) {
        const bool bound = std::any_of(b.subjects.cbegin(), b.subjects.cend(),
                                       [&](const Subject &bs) { return subjects.contains(bs); });
        if (!bound)
            continue;
        Decision d = tryRole(role(b.roleName), Tr::tr("binding %1").arg(b.name));
        if (d.allowed)
            return d;
    }
    return {};
}

const QStringList &catalogResources()
{
    static const QStringList list{
        QStringLiteral("microservices"),   QStringLiteral("systemMicroservices"),
        QStringLiteral("fogs"),            QStringLiteral("execSessions"),
        QStringLiteral("systemExecSessions"), QStringLiteral("logs"),
        QStringLiteral("systemLogs"),      QStringLiteral("applications"),
        QStringLiteral("systemApplications"), QStringLiteral("cluster"),
        QStringLiteral("router"),          QStringLiteral("natsOperator"),
        QStringLiteral("natsBootstrap"),   QStringLiteral("natsHub"),
        QStringLiteral("natsAccounts"),    QStringLiteral("natsUsers"),
        QStringLiteral("natsAccountRules"), QStringLiteral("natsUserRules"),
        QStringLiteral("services"),        QStringLiteral("flows"),
        QStringLiteral("catalog"),         QStringLiteral("registries"),
        QStringLiteral("secrets"),         QStringLiteral("configMaps"),
        QStringLiteral("volumeMounts"),    QStringLiteral("tunnels"),
        QStringLiteral("certificates"),    QStringLiteral("edgeResources"),
        QStringLiteral("applicationTemplates"), QStringLiteral("capabilities"),
        QStringLiteral("events"),          QStringLiteral("config"),
        QStringLiteral("roles"),           QStringLiteral("roleBindings"),
        QStringLiteral("serviceAccounts"),
    };
    return list;
}

const QStringList &catalogVerbs()
{
    static const QStringList list{QStringLiteral("get"),    QStringLiteral("list"),
                                  QStringLiteral("create"), QStringLiteral("update"),
                                  QStringLiteral("patch"),  QStringLiteral("delete")};
    return list;
}

} // namespace Pot::Rbac
