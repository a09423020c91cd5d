#include "accesspage.h"

#include "core/net/apireply.h"
#include "models/clusterview.h"
#include "models/detailsmodel.h"
#include "models/permissiongridmodel.h"
#include "models/timetext.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>

namespace Pot::Models {

namespace {

std::optional<Rbac::Kind> kindOf(const QString &kind)
{
    return Rbac::kindFromName(kind);
}

QString join(const QJsonValue &list)
{
    QStringList out;
    for (const QJsonValue &v : list.toArray())
        out << (v.toString().isEmpty() ? QStringLiteral("\"\"") : v.toString());
    return out.join(u", ");
}

QString subjectText(const Rbac::Subject &s)
{
    return s.kind + u' ' + s.name;
}

void addTimes(QList<DetailRow> &rows, const QString &group, const QJsonObject &o)
{
    const qint64 created = TimeText::parseIso(o.value(u"createdAt").toString());
    const qint64 updated = TimeText::parseIso(o.value(u"updatedAt").toString());
    if (created > 0)
        rows << DetailRow(group, AccessPage::tr("Created"), TimeText::exact(created));
    if (updated > 0 && updated != created)
        rows << DetailRow(group, AccessPage::tr("Updated"), TimeText::exact(updated));
}

/// The path of one object from its list key, each name encoded as its own segment; a service
/// account's key is "<application>/<name>" and its routes take both (/serviceaccounts/{app}/{name}).
QString objectPath(Rbac::Kind kind, const QString &key)
{
    if (kind == Rbac::Kind::ServiceAccount)
        return Net::pathSegment(key.section(u'/', 0, 0)) + u'/' + Net::pathSegment(key.section(u'/', 1));
    return Net::pathSegment(key);
}

} // namespace

ResourceList::Spec AccessPage::serviceAccountsSpec()
{
    ResourceList::Spec spec;
    spec.id = QStringLiteral("serviceAccounts");
    spec.path = QStringLiteral("/serviceaccounts");
    spec.arrayKey = QStringLiteral("serviceAccounts");
    spec.rbacResource = QStringLiteral("serviceAccounts");
    spec.columns = {{tr("Name"), 180}, {tr("Application"), 160}, {tr("Role"), 140},
                    {tr("Microservice"), 290}};
    spec.build = [](const QJsonObject &o) {
        ResourceRow row;
        const QString name = o.value(u"name").toString();
        QString app = o.value(u"applicationName").toString();
        if (app.isEmpty())
            app = o.value(u"application").toObject().value(u"name").toString();
        row.key = app + u'/' + name;
        row.object = o;
        QString msvc = o.value(u"microserviceUuid").toString();
        if (msvc.isEmpty())
            msvc = o.value(u"microservice_uuid").toString();
        row.cells = {name, app, o.value(u"roleRef").toObject().value(u"name").toString(), msvc};
        row.tones = {Tone::None, Tone::None, Tone::None, Tone::Muted};
        return row;
    };
    return spec;
}

std::optional<Rbac::Subject> AccessPage::parseSubject(const QString &text)
{
    const QString t = text.simplified();
    if (t.isEmpty())
        return std::nullopt;
    const qsizetype space = t.indexOf(u' ');
    if (space > 0) {
        const QString kind = t.left(space);
        for (const QString &k : {QStringLiteral("User"), QStringLiteral("Group"),
                                 QStringLiteral("ServiceAccount")}) {
            if (kind.compare(k, Qt::CaseInsensitive) == 0)
                return Rbac::Subject{k, t.mid(space + 1)};
        }
        return std::nullopt;
    }
    return Rbac::Subject{Rbac::isSystemRoleName(t) ? QStringLiteral("Group") : QStringLiteral("User"),
                         t};
}

AccessPage::AccessPage(ClusterView *cluster)
    : QObject(cluster)
    , m_cluster(cluster)
    , m_serviceAccounts(cluster->addList(serviceAccountsSpec(), this))
    , m_roleDetails(new DetailsModel(this))
    , m_bindingDetails(new DetailsModel(this))
    , m_serviceAccountDetails(new DetailsModel(this))
    , m_grid(new PermissionGridModel(this))
{
    m_grid->setAuthorizer(&cluster->authorizer());
    connect(roles(), &ResourceList::selectedObjectChanged, this, &AccessPage::updateRoleDetails);
    connect(roleBindings(), &ResourceList::selectedObjectChanged, this,
            &AccessPage::updateBindingDetails);
    connect(m_serviceAccounts, &ResourceList::selectedObjectChanged, this,
            &AccessPage::updateServiceAccountDetails);
    // Roles and bindings feed the authorizer; each change re-decides the grid and the details
    // that name other objects ("bound by", "role does not exist").
    connect(cluster, &ClusterView::permissionsChanged, this, [this] {
        updateGrid();
        updateRoleDetails();
        updateBindingDetails();
    });
    updateGrid();
}

ResourceList *AccessPage::roles() const
{
    return m_cluster->roles();
}

ResourceList *AccessPage::roleBindings() const
{
    return m_cluster->roleBindings();
}

ResourceList *AccessPage::listOf(Rbac::Kind kind) const
{
    switch (kind) {
    case Rbac::Kind::Role: return roles();
    case Rbac::Kind::RoleBinding: return roleBindings();
    case Rbac::Kind::ServiceAccount: return m_serviceAccounts;
    }
    return nullptr;
}

QString AccessPage::rbacResource(Rbac::Kind kind)
{
    switch (kind) {
    case Rbac::Kind::Role: return QStringLiteral("roles");
    case Rbac::Kind::RoleBinding: return QStringLiteral("roleBindings");
    case Rbac::Kind::ServiceAccount: return QStringLiteral("serviceAccounts");
    }
    return {};
}

// ---- details ----------------------------------------------------------------------------------

void AccessPage::updateRoleDetails()
{
    const QJsonObject o = roles()->selectedObject();
    if (o.isEmpty()) {
        m_roleDetails->clear();
        return;
    }
    const QString name = o.value(u"name").toString();
    const bool system = Rbac::isSystemRoleName(name);
    const QString g = tr("Role");
    QList<DetailRow> rows;
    rows << DetailRow(g, tr("Name"), name);
    rows << DetailRow(g, tr("Type"), system ? tr("built-in") : tr("custom"),
                      system ? tr("Built into the Controller: it cannot be changed or deleted, and "
                                  "a Keycloak client role of the same name grants it directly.")
                             : QString());
    QStringList boundBy;
    for (const Rbac::RoleBinding &b : m_cluster->authorizer().bindings()) {
        if (b.roleName == name)
            boundBy << b.name;
    }
    // A built-in role applies without a binding: the Controller gives it to the group of its name,
    // which every user with that client role (any case) is in.
    QString bound = boundBy.join(u", ");
    if (system) {
        const QString group = tr("Group %1").arg(name.toLower());
        bound = boundBy.isEmpty() ? tr("%1 (built in, no binding needed)").arg(group)
                                  : tr("%1 (built in); %2").arg(group, bound);
    } else if (boundBy.isEmpty()) {
        bound = tr("no binding");
    }
    rows << DetailRow(g, tr("Bound by"), bound,
                      system ? tr("Built-in roles apply directly: every user whose token has the client "
                                  "role “%1” (in any case) is in Group %2 and has this role, with or "
                                  "without a role binding.")
                                   .arg(name, name.toLower())
                             : QString());
    addTimes(rows, g, o);

    const QString rg = tr("Rules");
    const QJsonArray rules = o.value(u"rules").toArray();
    for (int i = 0; i < rules.size(); ++i) {
        const QJsonObject r = rules.at(i).toObject();
        const QJsonArray names = r.value(u"resourceNames").toArray();
        const QString value = tr("%1 × %2 × %3")
                                  .arg(join(r.value(u"resources")), join(r.value(u"verbs")),
                                       names.isEmpty() ? tr("any name") : join(names));
        bool core = false;
        for (const QJsonValue &ag : r.value(u"apiGroups").toArray())
            core = core || Rbac::matchesPattern(ag.toString(), QString());
        const QString hint = core ? tr("API groups: %1").arg(join(r.value(u"apiGroups")))
                                  : tr("API groups %1: this rule never matches the Controller's "
                                       "management API (only \"\" does).")
                                        .arg(join(r.value(u"apiGroups")));
        rows << DetailRow(rg, tr("Rule %1").arg(i + 1), value, hint, false, !core && !system);
    }
    m_roleDetails->setRows(rows);
}

void AccessPage::updateBindingDetails()
{
    const QJsonObject o = roleBindings()->selectedObject();
    if (o.isEmpty()) {
        m_bindingDetails->clear();
        return;
    }
    const QString g = tr("Role binding");
    const QString roleName = o.value(u"roleRef").toObject().value(u"name").toString();
    const bool roleKnown = m_cluster->authorizer().role(roleName) != nullptr;
    QList<DetailRow> rows;
    rows << DetailRow(g, tr("Name"), o.value(u"name").toString());
    rows << DetailRow(g, tr("Role"), roleKnown ? roleName : tr("%1 (does not exist)").arg(roleName),
                      roleKnown ? QString()
                                : tr("The role was deleted or not read yet: this binding grants "
                                     "nothing until a role of that name exists."),
                      false, !roleKnown);
    addTimes(rows, g, o);
    const QString sg = tr("Subjects");
    for (const QJsonValue &sv : o.value(u"subjects").toArray()) {
        const QJsonObject s = sv.toObject();
        const QString kind = s.value(u"kind").toString();
        const QString name = s.value(u"name").toString();
        const bool neverMatches = kind == u"Group" && name != name.toLower();
        QString hint;
        if (neverMatches)
            hint = tr("The Controller lower-cases the roles of a token, so this group never matches.");
        else if (kind == u"Group")
            hint = tr("Users with the Keycloak client role “%1”.").arg(name);
        else if (kind == u"ServiceAccount")
            hint = tr("Used by microservices, not by people.");
        rows << DetailRow(sg, kind, name, hint, false, neverMatches);
    }
    m_bindingDetails->setRows(rows);
}

void AccessPage::updateServiceAccountDetails()
{
    const QJsonObject o = m_serviceAccounts->selectedObject();
    if (o.isEmpty()) {
        m_serviceAccountDetails->clear();
        return;
    }
    const QString g = tr("Service account");
    QString app = o.value(u"applicationName").toString();
    if (app.isEmpty())
        app = o.value(u"application").toObject().value(u"name").toString();
    QString msvc = o.value(u"microserviceUuid").toString();
    if (msvc.isEmpty())
        msvc = o.value(u"microservice_uuid").toString();
    QList<DetailRow> rows;
    rows << DetailRow(g, tr("Name"), o.value(u"name").toString());
    rows << DetailRow(g, tr("Application"), app);
    rows << DetailRow(g, tr("Role"), o.value(u"roleRef").toObject().value(u"name").toString());
    rows << DetailRow(g, tr("Microservice UUID"), msvc.isEmpty() ? tr("none") : msvc,
                      msvc.isEmpty() ? QString()
                                     : tr("Deleting the account fails while this microservice "
                                          "uses it."));
    addTimes(rows, g, o);
    m_serviceAccountDetails->setRows(rows);
}

// ---- grid -------------------------------------------------------------------------------------

QList<Rbac::Subject> AccessPage::companionsOf(const std::optional<Rbac::Subject> &subject) const
{
    // The signed-in user is decided with the groups of its token, as the Controller does.
    const QList<Rbac::Subject> mine = m_cluster->subjects();
    if (!subject || subject->kind != u"User" || !mine.contains(*subject))
        return {};
    QList<Rbac::Subject> groups;
    for (const Rbac::Subject &s : mine) {
        if (s.kind == u"Group")
            groups << s;
    }
    return groups;
}

QStringList AccessPage::gridSubjects() const
{
    return m_gridSubjects;
}

void AccessPage::updateGrid()
{
    QStringList subjects;
    for (const Rbac::Subject &s : m_cluster->subjects()) {
        if (s.kind == u"User")
            subjects << subjectText(s);
    }
    for (const QString &r : Rbac::systemRoleNames())
        subjects << subjectText({QStringLiteral("Group"), r});
    for (const Rbac::RoleBinding &b : m_cluster->authorizer().bindings()) {
        for (const Rbac::Subject &s : b.subjects)
            subjects << subjectText(s);
    }
    subjects.removeDuplicates();
    if (subjects != m_gridSubjects) {
        m_gridSubjects = subjects;
        Q_EMIT gridSubjectsChanged();
    }
    // Until the user picks one, the grid follows the first offer (the signed-in user once known).
    if (!m_gridSubjectChosen && !subjects.isEmpty() && m_gridSubject != subjects.constFirst()) {
        m_gridSubject = subjects.constFirst();
    }
    m_grid->setCompanions(companionsOf(parseSubject(m_gridSubject)));
    m_grid->setSubject(parseSubject(m_gridSubject));
    m_grid->recompute();
    Q_EMIT gridChanged();
}

void AccessPage::setGridSubject(const QString &subject)
{
    if (subject == m_gridSubject)
        return;
    m_gridSubject = subject;
    m_gridSubjectChosen = true;
    m_grid->setCompanions(companionsOf(parseSubject(subject)));
    m_grid->setSubject(parseSubject(subject));
    Q_EMIT gridChanged();
}

void AccessPage::setGridResourceName(const QString &name)
{
    if (name == m_gridResourceName)
        return;
    m_gridResourceName = name;
    m_grid->setResourceName(name.trimmed());
    Q_EMIT gridChanged();
}

QString AccessPage::gridSummary() const
{
    const auto subject = m_grid->subject();
    if (!subject)
        return m_gridSubject.trimmed().isEmpty()
                   ? tr("Choose a subject, e.g. “Group viewer” or “User alice”.")
                   : tr("“%1” is not a subject: write User, Group or ServiceAccount, then the name.")
                         .arg(m_gridSubject.trimmed());
    const int total = m_grid->rowCount() * m_grid->columnCount();
    QString text = tr("%1: %2 of %3 allowed").arg(subjectText(*subject)).arg(m_grid->allowedCount()).arg(total);
    if (subject->kind == u"Group" && subject->name != subject->name.toLower())
        text += tr(" (token roles are lower-cased, so no user is ever in this group)");
    if (!m_cluster->roleBindings()->loaded())
        text += tr(" — role bindings not read, only built-in roles count");
    return text;
}

// ---- editing ----------------------------------------------------------------------------------

QString AccessPage::yamlOf(const QString &kind, const QString &key) const
{
    const auto k = kindOf(kind);
    if (!k || key.isEmpty())
        return {};
    const QJsonObject o = listOf(*k)->object(key);
    if (o.isEmpty())
        return {};
    return QString::fromUtf8(Rbac::toYaml(*k, o));
}

QString AccessPage::newYaml(const QString &kind) const
{
    const auto k = kindOf(kind);
    return k ? QString::fromUtf8(Rbac::templateYaml(*k)) : QString();
}

QString AccessPage::nameOf(const QString &kind, const QString &key) const
{
    if (kind == u"ServiceAccount")
        return key.section(u'/', 1);
    return key;
}

QString AccessPage::deniedFor(Rbac::Kind kind, const QString &verb, const QString &key) const
{
    return m_cluster->deniedReason(rbacResource(kind), verb,
                                   nameOf(Rbac::kindName(kind), key));
}

QString AccessPage::createDeniedReason(const QString &kind) const
{
    const auto k = kindOf(kind);
    if (!k)
        return tr("Unknown kind %1.").arg(kind);
    return deniedFor(*k, QStringLiteral("create"), {});
}

QString AccessPage::editDeniedReason(const QString &kind, const QString &key) const
{
    return changeDeniedReason(kind, key, QStringLiteral("patch"), tr("changing"));
}

QString AccessPage::deleteDeniedReason(const QString &kind, const QString &key) const
{
    return changeDeniedReason(kind, key, QStringLiteral("delete"), tr("deleting"));
}

QString AccessPage::changeDeniedReason(const QString &kind, const QString &key, const QString &verb,
                                       const QString &change) const
{
    const auto k = kindOf(kind);
    if (!k)
        return tr("Unknown kind %1.").arg(kind);
    if (key.isEmpty() || listOf(*k)->object(key).isEmpty())
        return tr("Select one in the list first.");
    if (*k == Rbac::Kind::Role && Rbac::isSystemRoleName(key))
        return tr("%1 is a built-in role: the Controller does not allow %2 it.").arg(key, change);
    return deniedFor(*k, verb, key);
}

void AccessPage::setEditor(const QString &error, const QStringList &warnings)
{
    m_editorError = error;
    m_editorWarnings = warnings;
    Q_EMIT editorChanged();
}

void AccessPage::clearEditor()
{
    setEditor({}, {});
}

QString AccessPage::check(const QString &kind, const QString &text)
{
    const auto k = kindOf(kind);
    if (!k) {
        setEditor(tr("Unknown kind %1.").arg(kind), {});
        return m_editorError;
    }
    const auto doc = Rbac::parseYaml(text.toUtf8(), *k);
    if (!doc)
        setEditor(doc.error().message, {});
    else
        setEditor({}, doc->warnings);
    return m_editorError;
}

bool AccessPage::save(const QString &kind, const QString &key, const QString &text)
{
    const auto k = kindOf(kind);
    if (!k) {
        setEditor(tr("Unknown kind %1.").arg(kind), {});
        return false;
    }
    if (m_saving) {
        setEditor(tr("The previous save has not finished yet."), m_editorWarnings);
        return false;
    }
    const QByteArray content = text.toUtf8();
    const auto doc = Rbac::parseYaml(content, *k);
    if (!doc) {
        setEditor(doc.error().message, {});
        return false;
    }
    const bool create = key.isEmpty();
    if (const QString denied = create ? createDeniedReason(kind) : editDeniedReason(kind, key);
        !denied.isEmpty()) {
        setEditor(denied, doc->warnings);
        return false;
    }

    const QString base = *k == Rbac::Kind::Role          ? QStringLiteral("/roles/yaml")
                         : *k == Rbac::Kind::RoleBinding ? QStringLiteral("/rolebindings/yaml")
                                                         : QStringLiteral("/serviceaccounts/yaml");
    const QString path = create ? base : base + u'/' + objectPath(*k, key);
    const Net::ApiRequest request = Net::ApiRequest::multipartFile(
        create ? QByteArrayLiteral("POST") : QByteArrayLiteral("PATCH"), path, Rbac::uploadField(*k),
        doc->name.toUtf8() + QByteArrayLiteral(".yaml"), content);
    const QString newKey = *k == Rbac::Kind::ServiceAccount
                               ? doc->applicationName + u'/' + doc->name
                               : doc->name;
    const QString what = *k == Rbac::Kind::Role          ? tr("Role %1").arg(doc->name)
                         : *k == Rbac::Kind::RoleBinding ? tr("Role binding %1").arg(doc->name)
                                                         : tr("Service account %1").arg(doc->name);
    const QString success = create ? tr("%1 created.").arg(what) : tr("%1 saved.").arg(what);

    m_saving = true;
    setEditor({}, doc->warnings);
    ResourceList *list = listOf(*k);
    QPointer<AccessPage> self(this);
    m_cluster->runAction(success, request, {list},
                         [self, list, kind, newKey](Result<Net::ApiResponse> r) {
                             if (!self)
                                 return;
                             self->m_saving = false;
                             if (!r) {
                                 // The dialog stays open with the text; the Controller's reason shows.
                                 self->setEditor(r.error().message, self->m_editorWarnings);
                                 return;
                             }
                             list->setSelectedKey(newKey);
                             self->setEditor({}, {});
                             Q_EMIT self->saved(kind, newKey);
                         });
    return true;
}

bool AccessPage::remove(const QString &kind, const QString &key)
{
    const auto k = kindOf(kind);
    if (!k)
        return false;
    // The button is disabled with the reason; a call anyway (keyboard, script) does nothing.
    if (!deleteDeniedReason(kind, key).isEmpty())
        return false;
    const QString base = *k == Rbac::Kind::Role          ? QStringLiteral("/roles/")
                         : *k == Rbac::Kind::RoleBinding ? QStringLiteral("/rolebindings/")
                                                         : QStringLiteral("/serviceaccounts/");
    const Net::ApiRequest request = Net::ApiRequest::remove(base + objectPath(*k, key));
    const QString name = nameOf(kind, key);
    const QString what = *k == Rbac::Kind::Role          ? tr("Role %1").arg(name)
                         : *k == Rbac::Kind::RoleBinding ? tr("Role binding %1").arg(name)
                                                         : tr("Service account %1").arg(name);
    m_cluster->runAction(tr("%1 deleted.").arg(what), request, {listOf(*k)});
    return true;
}

} // namespace Pot::Models
