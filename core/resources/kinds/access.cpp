#include "kinds.h"

#include "core/rbac/rbac.h"
#include "core/rbac/rbacyaml.h"
#include "core/tr.h"

// Access control (controller-api.md §6): roles, role bindings and service accounts. The records
// are the RBAC types of core/rbac; create and edit go through the Controller's /yaml endpoints
// with the manifests of core/rbac/rbacyaml (their checks name line and column).
namespace Pot::Resources::Kinds {

namespace {

/// A list as the details show it: "" stays visible (the core API group is "").
QString join(const QStringList &list)
{
    QStringList out;
    for (const QString &s : list)
        out << (s.isEmpty() ? QStringLiteral("\"\"") : s);
    return out.join(u", ");
}

void addTimes(QList<DetailRow> &rows, const QString &group, const QString &created,
              const QString &updated)
{
    const Cell c = Cell::time(created);
    const Cell u = Cell::time(updated);
    if (c.sortKey)
        rows << DetailRow(group, Tr::tr("Created"), c.tip);
    if (u.sortKey && u.sortKey != c.sortKey)
        rows << DetailRow(group, Tr::tr("Updated"), u.tip);
}

/// Create and edit of one RBAC kind through POST …/yaml and PATCH …/yaml/… (§4.5).
Yaml rbacYaml(Rbac::Kind kind, const QString &createPath, const QString &updatePath,
              const QString &hint)
{
    Yaml y;
    y.kind = Rbac::kindName(kind);
    y.field = Rbac::uploadField(kind);
    y.createPath = createPath;
    y.updatePath = updatePath;
    y.hint = hint;
    y.example = Rbac::templateYaml(kind);
    y.write = [kind](const QJsonObject &o) { return Rbac::toYaml(kind, o); };
    y.read = [kind](const QByteArray &text) -> Result<QStringList> {
        Result<Rbac::YamlDocument> doc = Rbac::parseYaml(text, kind);
        if (!doc)
            return doc.error();
        return doc->warnings;
    };
    return y;
}

/// Why a built-in role cannot be changed or deleted ("changing", "deleting"); empty for others.
QString builtIn(const QJsonObject &o, const QString &change)
{
    const QString name = o.value(u"name").toString();
    return Rbac::isSystemRoleName(name)
               ? Tr::tr("%1 is a built-in role: the Controller does not allow %2 it.").arg(name, change)
               : QString();
}

QList<DetailRow> roleDetails(const QJsonObject &o, const Related &related)
{
    const Result<Rbac::Role> role = Rbac::Role::fromJson(o);
    if (!role)
        return {};
    const QString g = Tr::tr("Role");
    QList<DetailRow> rows;
    rows << DetailRow(g, Tr::tr("Name"), role->name);
    rows << DetailRow(g, Tr::tr("Type"), role->system ? Tr::tr("built-in") : Tr::tr("custom"),
                      role->system ? Tr::tr("Built into the Controller: it cannot be changed or "
                                            "deleted, and a Keycloak client role of the same name "
                                            "grants it directly.")
                                   : QString());
    QStringList boundBy;
    for (const QJsonObject &bo : related(QStringLiteral("roleBindings"))) {
        if (const Result<Rbac::RoleBinding> b = Rbac::RoleBinding::fromJson(bo); b && b->roleName == role->name)
            boundBy << b->name;
    }
    // A built-in role applies without a binding: the Controller gives it to the group of its name,
    // which every user with that client role (any case) is in.
    QString bound = boundBy.join(u", ");
    if (role->system) {
        const QString group = Tr::tr("Group %1").arg(role->name.toLower());
        bound = boundBy.isEmpty() ? Tr::tr("%1 (built in, no binding needed)").arg(group)
                                  : Tr::tr("%1 (built in); %2").arg(group, bound);
    } else if (boundBy.isEmpty()) {
        bound = Tr::tr("no binding");
    }
    rows << DetailRow(g, Tr::tr("Bound by"), bound,
                      role->system
                          ? Tr::tr("Built-in roles apply directly: every user whose token has the "
                                   "client role “%1” (in any case) is in Group %2 and has this "
                                   "role, with or without a role binding.")
                                .arg(role->name, role->name.toLower())
                          : QString());
    addTimes(rows, g, role->createdAt, role->updatedAt);

    const QString rg = Tr::tr("Rules");
    for (qsizetype i = 0; i < role->rules.size(); ++i) {
        const Rbac::Rule &r = role->rules.at(i);
        const QString value = Tr::tr("%1 × %2 × %3")
                                  .arg(join(r.resources), join(r.verbs),
                                       r.resourceNames.isEmpty() ? Tr::tr("any name")
                                                                 : join(r.resourceNames));
        bool core = false;
        for (const QString &ag : r.apiGroups)
            core = core || Rbac::matchesPattern(ag, QString());
        const QString hint = core ? Tr::tr("API groups: %1").arg(join(r.apiGroups))
                                  : Tr::tr("API groups %1: this rule never matches the Controller's "
                                           "management API (only \"\" does).")
                                        .arg(join(r.apiGroups));
        rows << DetailRow(rg, Tr::tr("Rule %1").arg(i + 1), value, hint, false, !core && !role->system);
    }
    return rows;
}

QList<DetailRow> bindingDetails(const QJsonObject &o, const Related &related)
{
    const Result<Rbac::RoleBinding> b = Rbac::RoleBinding::fromJson(o);
    if (!b)
        return {};
    // Built-in roles always exist, listed or not (the authorizer's rule).
    bool roleKnown = Rbac::isSystemRoleName(b->roleName);
    for (const QJsonObject &ro : related(QStringLiteral("roles"))) {
        if (const Result<Rbac::Role> r = Rbac::Role::fromJson(ro); r && r->name == b->roleName)
            roleKnown = true;
    }
    const QString g = Tr::tr("Role binding");
    QList<DetailRow> rows;
    rows << DetailRow(g, Tr::tr("Name"), b->name);
    rows << DetailRow(g, Tr::tr("Role"),
                      roleKnown ? b->roleName : Tr::tr("%1 (does not exist)").arg(b->roleName),
                      roleKnown ? QString()
                                : Tr::tr("The role was deleted or not read yet: this binding grants "
                                         "nothing until a role of that name exists."),
                      false, !roleKnown);
    addTimes(rows, g, b->createdAt, b->updatedAt);
    const QString sg = Tr::tr("Subjects");
    for (const Rbac::Subject &s : b->subjects) {
        const bool neverMatches = s.kind == u"Group" && s.name != s.name.toLower();
        QString hint;
        if (neverMatches)
            hint = Tr::tr("The Controller lower-cases the roles of a token, so this group never matches.");
        else if (s.kind == u"Group")
            hint = Tr::tr("Users with the Keycloak client role “%1”.").arg(s.name);
        else if (s.kind == u"ServiceAccount")
            hint = Tr::tr("Used by microservices, not by people.");
        rows << DetailRow(sg, s.kind, s.name, hint, false, neverMatches);
    }
    return rows;
}

QList<DetailRow> serviceAccountDetails(const QJsonObject &o)
{
    const Result<Rbac::ServiceAccount> a = Rbac::ServiceAccount::fromJson(o);
    if (!a)
        return {};
    const QString g = Tr::tr("Service account");
    QList<DetailRow> rows;
    rows << DetailRow(g, Tr::tr("Name"), a->name);
    rows << DetailRow(g, Tr::tr("Application"), a->applicationName);
    rows << DetailRow(g, Tr::tr("Role"), a->roleName);
    rows << DetailRow(g, Tr::tr("Microservice UUID"),
                      a->microserviceUuid.isEmpty() ? Tr::tr("none") : a->microserviceUuid,
                      a->microserviceUuid.isEmpty()
                          ? QString()
                          : Tr::tr("Deleting the account fails while this microservice uses it."));
    addTimes(rows, g, a->createdAt, a->updatedAt);
    return rows;
}

/// What the three kinds share: the RBAC resource is the kind's id.
Kind accessKind(const QString &id, const QString &title, const QString &singular,
                const QString &plural, const QString &listPath, const QString &arrayKey,
                const QString &emptyText)
{
    Kind k;
    k.id = id;
    k.title = title;
    k.singular = singular;
    k.plural = plural;
    k.listPath = listPath;
    k.arrayKey = arrayKey;
    k.rbacResource = id;
    k.emptyText = emptyText;
    return k;
}

/// Service accounts are addressed as /…/{application}/{name}.
QString withoutApplication(const QJsonObject &o)
{
    return o.value(u"applicationName").toString().isEmpty()
               ? Tr::tr("The Controller did not say which application this service account "
                        "belongs to, so it cannot be addressed.")
               : QString();
}

} // namespace

Kind roles()
{
    const Kind k = accessKind(QStringLiteral("roles"), Tr::tr("Roles"), Tr::tr("role"), Tr::tr("roles"),
                              QStringLiteral("/roles"), QStringLiteral("roles"),
                              Tr::tr("The Controller always has its built-in roles; none could be read."));
    Yaml y = rbacYaml(Rbac::Kind::Role, QStringLiteral("/roles/yaml"), QStringLiteral("/roles/yaml/{key}"),
                      Tr::tr("kind, metadata.name and rules at top level (no spec). Verbs: get, "
                             "list, create, update, patch, delete or *."));
    y.editRefused = [](const QJsonObject &o) { return builtIn(o, Tr::tr("changing")); };
    Action del = deleteAction(k.singular, QStringLiteral("/roles/{key}"),
                              Tr::tr("Bindings that refer to it stay, but grant nothing until a "
                                     "role of that name exists again."));
    del.refused = [](const QJsonObject &o) { return builtIn(o, Tr::tr("deleting")); };
    return KindOf<Rbac::Role>(k)
        .column(Tr::tr("Name"), 200, [](const Rbac::Role &r) { return Cell(r.name); })
        .column(Tr::tr("Kind"), 90, [](const Rbac::Role &r) {
            return r.system ? Cell(Tr::tr("built-in"), Tone::Muted) : Cell(Tr::tr("custom"));
        })
        .column(Tr::tr("Rules"), 70, [](const Rbac::Role &r) { return Cell::number(double(r.rules.size())); })
        .column(Tr::tr("Resources"), 320, [](const Rbac::Role &r) {
            QStringList resources;
            for (const Rbac::Rule &rule : r.rules) {
                for (const QString &res : rule.resources) {
                    if (!resources.contains(res))
                        resources << res;
                }
            }
            return Cell(resources.join(u", "));
        })
        .relatedDetails(roleDetails)
        .action(del)
        .yaml(y)
        .build();
}

Kind roleBindings()
{
    const Kind k = accessKind(QStringLiteral("roleBindings"), Tr::tr("Role bindings"),
                              Tr::tr("role binding"), Tr::tr("role bindings"),
                              QStringLiteral("/rolebindings"), QStringLiteral("bindings"),
                              Tr::tr("Users get built-in roles from their Keycloak client roles. "
                                     "Bind a custom role to users or groups with New role binding…."));
    const Yaml y = rbacYaml(Rbac::Kind::RoleBinding, QStringLiteral("/rolebindings/yaml"),
                            QStringLiteral("/rolebindings/yaml/{key}"),
                            Tr::tr("kind, metadata.name, roleRef and subjects at top level. Group "
                                   "names must be lower case to match."));
    return KindOf<Rbac::RoleBinding>(k)
        .column(Tr::tr("Name"), 200, [](const Rbac::RoleBinding &b) { return Cell(b.name); })
        .column(Tr::tr("Role"), 160, [](const Rbac::RoleBinding &b) { return Cell(b.roleName); })
        .column(Tr::tr("Subjects"), 360, [](const Rbac::RoleBinding &b) {
            QStringList subjects;
            for (const Rbac::Subject &s : b.subjects)
                subjects << s.kind + u' ' + s.name;
            return Cell(subjects.join(u", "));
        })
        .column(Tr::tr("Created"), 140, [](const Rbac::RoleBinding &b) { return Cell::time(b.createdAt); })
        .relatedDetails(bindingDetails)
        .action(deleteAction(k.singular, QStringLiteral("/rolebindings/{key}"),
                             Tr::tr("Its subjects lose what the binding granted them.")))
        .yaml(y)
        .build();
}

Kind serviceAccounts()
{
    Kind k = accessKind(QStringLiteral("serviceAccounts"), Tr::tr("Service accounts"),
                        Tr::tr("service account"), Tr::tr("service accounts"),
                        QStringLiteral("/serviceaccounts"), QStringLiteral("serviceAccounts"),
                        Tr::tr("The Controller creates one for each microservice."));
    k.rbacNameField = QStringLiteral("name");
    Yaml y = rbacYaml(Rbac::Kind::ServiceAccount, QStringLiteral("/serviceaccounts/yaml"),
                      QStringLiteral("/serviceaccounts/yaml/{applicationName}/{name}"),
                      Tr::tr("kind, metadata.name, metadata.applicationName and roleRef at top level."));
    y.editRefused = withoutApplication;
    Action del = deleteAction(k.singular, QStringLiteral("/serviceaccounts/{applicationName}/{name}"),
                              Tr::tr("The Controller refuses while a microservice uses this service "
                                     "account."));
    del.refused = withoutApplication;
    return KindOf<Rbac::ServiceAccount>(k)
        .column(Tr::tr("Name"), 180, [](const Rbac::ServiceAccount &a) { return Cell(a.name); })
        .column(Tr::tr("Application"), 160, [](const Rbac::ServiceAccount &a) { return Cell(a.applicationName); })
        .column(Tr::tr("Role"), 140, [](const Rbac::ServiceAccount &a) { return Cell(a.roleName); })
        .column(Tr::tr("Microservice"), 290, [](const Rbac::ServiceAccount &a) {
            return Cell(a.microserviceUuid, Tone::Muted);
        })
        .details(serviceAccountDetails)
        .action(del)
        .yaml(y)
        .build();
}

} // namespace Pot::Resources::Kinds
