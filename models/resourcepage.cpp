#include "resourcepage.h"

#include "core/logging.h"
#include "core/resources/yamlapply.h"
#include "core/resources/yamljson.h"
#include "core/session/controlplanesession.h"
#include "core/yaml/manifestdiff.h"
#include "core/yaml/manifeststore.h"
#include "models/clusterview.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QVariantMap>

namespace Pot::Models {

using Resources::Action;
using Resources::Kind;
using Resources::verbOf;

namespace {

/// A secret value as shown before it is revealed: nothing of it but its length.
QString mask(const QString &value)
{
    return ResourcePage::tr("•••••••• (%n characters, hidden)", nullptr, int(value.size()));
}

} // namespace

ResourceList::Spec specOf(const Kind &kind)
{
    ResourceList::Spec spec;
    spec.id = kind.id;
    spec.path = kind.listPath;
    spec.arrayKey = kind.arrayKey;
    spec.rbacResource = kind.rbacResource;
    spec.rbacVerb = kind.listVerb;
    spec.rbacName = kind.listName;
    for (const Resources::Column &c : kind.columns)
        spec.columns << ResourceColumn{c.title, c.width};
    spec.build = [toRow = kind.row](const QJsonObject &o) {
        ResourceRow row;
        const std::optional<Resources::Row> r = toRow ? toRow(o) : std::nullopt;
        if (!r)
            return row; // no key: left out of the list
        row.key = r->key;
        row.object = o;
        // Exact sizes: 10,000 rows of lists grown one append at a time keep megabytes of spare room.
        row.cells.reserve(r->cells.size());
        row.sortKeys.reserve(r->cells.size());
        row.tips.reserve(r->cells.size());
        row.tones.reserve(r->cells.size());
        for (const Resources::Cell &c : r->cells) {
            row.cells << c.text;
            row.sortKeys << (c.sortKey ? QVariant(*c.sortKey) : QVariant());
            row.tips << c.tip;
            row.tones << c.tone;
        }
        return row;
    };
    return spec;
}

ResourcePage::ResourcePage(const Kind &kind, ClusterView *cluster)
    : QObject(cluster)
    , m_kind(kind)
    , m_cluster(cluster)
    , m_details(new DetailsModel(this))
{
    if (!m_kind.single) {
        // One list per id: a list the cluster already keeps (roles and role bindings, which
        // decide permissions) is shown here rather than read twice. A fed kind has its own.
        if (!m_kind.fed) {
            for (ResourceList *l : m_cluster->lists()) {
                if (l->listId() == m_kind.id)
                    m_list = l;
            }
        }
        if (!m_list)
            m_list = m_kind.fed ? new ResourceList(specOf(m_kind), nullptr, this)
                                : m_cluster->addList(specOf(m_kind), this);
        connect(m_list, &ResourceList::selectedKeyChanged, this, &ResourcePage::onSelection);
        connect(m_list, &ResourceList::selectedObjectChanged, this, &ResourcePage::onSelection);
        // Relative times in details ("2 min ago") age between refreshes; the list ticks.
        connect(m_list, &ResourceList::freshnessChanged, this, &ResourcePage::showDetails);
    } else {
        loadSingle();
        connect(m_cluster, &ClusterView::refreshTick, this, &ResourcePage::loadSingle);
        connect(m_cluster, &ClusterView::onlineChanged, this, &ResourcePage::loadSingle);
    }
    connect(m_cluster, &ClusterView::permissionsChanged, this, &ResourcePage::actionsChanged);
    connect(m_cluster, &ClusterView::onlineChanged, this, &ResourcePage::actionsChanged);
    if (m_kind.yaml) {
        ManifestEditor::Services es;
        es.drafts = m_cluster->services().drafts;
        es.profile = m_cluster->session() ? m_cluster->session()->profile().id : QUuid();
        m_manifest = new ManifestEditor(es, this);
        if (Manifest::kindInfo(m_kind.yaml->kind))
            m_manifest->setExpectedKind(m_kind.yaml->expectedKinds());
        else
            m_manifest->setOwnKind(m_kind.yaml->kind);
    }
}

ResourcePage::~ResourcePage() = default;

void ResourcePage::loadSingle()
{
    m_cluster->fetchDocument(
        m_kind.id, m_kind.listPath, this,
        [this](const QJsonValue &json, bool) {
            m_single = json.toObject();
            m_detailsError.clear();
            showDetails();
            Q_EMIT selectionChanged();
            Q_EMIT actionsChanged();
        },
        [this](const Error &e) {
            m_detailsError = e.message;
            Q_EMIT detailsChanged();
        });
}

QVariantList ResourcePage::actions() const
{
    QVariantList out;
    for (const Action &a : m_kind.actions) {
        out << QVariantMap{{QStringLiteral("id"), a.id},
                           {QStringLiteral("label"), a.label},
                           {QStringLiteral("destructive"), a.destructive},
                           {QStringLiteral("confirm"), int(a.confirm)},
                           {QStringLiteral("confirmText"), a.confirmText},
                           {QStringLiteral("input"), int(a.input)}};
    }
    return out;
}

bool ResourcePage::canEdit() const
{
    return m_kind.yaml && (!m_kind.yaml->updatePath.isEmpty() || m_kind.yaml->update);
}

QJsonObject ResourcePage::selectedObject() const
{
    return m_kind.single ? m_single : m_list->selectedObject();
}

QString ResourcePage::selectedKey() const
{
    return m_kind.single ? QString() : m_list->selectedKey();
}

QString ResourcePage::selectedName() const
{
    const QJsonObject o = selectedObject();
    if (o.isEmpty() || !m_kind.row)
        return {};
    const std::optional<Resources::Row> r = m_kind.row(o);
    return r ? r->name : QString();
}

QString ResourcePage::rbacName(const QJsonObject &object) const
{
    return Resources::rbacNameOf(m_kind, selectedKey(), object);
}

QString ResourcePage::readWarning() const
{
    if (m_kind.readWarning.isEmpty())
        return {};
    QStringList roles;
    for (const Rbac::Role &role : m_cluster->authorizer().roles()) {
        for (const Rbac::Rule &rule : role.rules) {
            if (Rbac::ruleMatches(rule, m_kind.rbacResource, QStringLiteral("get"), {})) {
                roles << role.name;
                break;
            }
        }
    }
    return m_kind.readWarning.arg(roles.isEmpty() ? tr("no role known yet") : roles.join(u", "));
}

QString ResourcePage::deniedReason(const QString &actionId) const
{
    const QJsonObject object = selectedObject();
    if (actionId == u"create") {
        if (!m_kind.yaml)
            return tr("The Controller offers no way to create %1.").arg(singularWithArticle());
        return m_cluster->deniedReason(m_kind.rbacResource, QStringLiteral("create"));
    }
    if (object.isEmpty())
        return tr("Select %1 first.").arg(singularWithArticle());
    if (actionId == u"copy") {
        if (!m_kind.yaml || (!m_kind.yaml->document && !m_kind.yaml->write))
            return tr("The Controller offers no way to create %1.").arg(singularWithArticle());
        if (const QString denied = m_cluster->deniedReason(m_kind.rbacResource, QStringLiteral("create"));
            !denied.isEmpty())
            return denied;
        if (!m_kind.detailPath.isEmpty() && !m_haveDetail)
            return tr("Wait until the details are read.");
        if (m_kind.secretDetails && !m_revealed)
            return tr("Reveal the values first: copying shows them.");
        return {};
    }
    if (actionId == u"reveal")
        return m_cluster->demo() || !m_cluster->online()
                   ? QString()
                   : m_cluster->readDeniedReason(m_kind.rbacResource, QStringLiteral("get"),
                                                 rbacName(object));
    if (actionId == u"edit") {
        if (!canEdit())
            return tr("The Controller offers no way to change %1.").arg(singularWithArticle());
        if (m_kind.yaml->editRefused) {
            if (const QString why = m_kind.yaml->editRefused(object); !why.isEmpty())
                return why;
        }
        if (const QString denied = m_cluster->deniedReason(
                m_kind.rbacResource, verbOf(m_kind.yaml->updateMethod), rbacName(object));
            !denied.isEmpty())
            return denied;
        if (!m_kind.detailPath.isEmpty() && !m_haveDetail)
            return m_detailsLoading ? tr("Wait until the details are read.")
                                    : tr("The details could not be read: %1").arg(m_detailsError);
        if (m_kind.secretDetails && !m_revealed)
            return tr("Reveal the values first: editing shows them.");
        return {};
    }
    const Action *a = m_kind.action(actionId);
    if (!a)
        return tr("Unknown action %1.").arg(actionId);
    if (a->refused) {
        if (const QString why = a->refused(object); !why.isEmpty())
            return why;
    }
    if (const QString denied = m_cluster->deniedReason(m_kind.rbacResource, a->verb, rbacName(object));
        !denied.isEmpty())
        return denied;
    if (a->input == Resources::Input::LinkedAgent && m_linksKnown && m_links.isEmpty())
        return tr("It is not linked to any agent.");
    if (a->input != Resources::Input::None && choices(actionId).isEmpty())
        return a->input == Resources::Input::Agent ? tr("There is no agent to link it to.")
                                                    : tr("Wait until the linked agents are read.");
    return {};
}

QString ResourcePage::question(const QString &actionId)
{
    const Action *a = m_kind.action(actionId);
    if (a && a->questionWith)
        return a->questionWith(selectedObject(), related());
    if (a && a->questionOf)
        return a->questionOf(selectedObject());
    return a ? a->question.arg(selectedName()) : QString();
}

QVariantList ResourcePage::choices(const QString &actionId) const
{
    const Action *a = m_kind.action(actionId);
    QVariantList out;
    if (!a || a->input == Resources::Input::None)
        return out;
    if (a->input == Resources::Input::LinkedAgent) {
        for (const QString &uuid : m_links) {
            const QString name = m_cluster->agentName(uuid);
            out << QVariantMap{{QStringLiteral("value"), uuid},
                               {QStringLiteral("text"), name.isEmpty() ? uuid : name}};
        }
        return out;
    }
    for (const auto &[uuid, name] : m_cluster->agentNames()) {
        if (!m_links.contains(uuid))
            out << QVariantMap{{QStringLiteral("value"), uuid}, {QStringLiteral("text"), name}};
    }
    return out;
}

bool ResourcePage::run(const QString &actionId, const QString &key, const QString &choice)
{
    const Action *a = m_kind.action(actionId);
    if (!a || key != selectedKey() || !deniedReason(actionId).isEmpty())
        return false;
    if (a->input != Resources::Input::None && choice.isEmpty())
        return false;
    const QJsonObject object = selectedObject();
    const QString path = Kind::expand(a->path, key, object);
    Net::ApiRequest request = a->body ? Net::ApiRequest::sendJson(a->method, path, a->body(object, choice))
                                      : Net::ApiRequest::remove(path);
    request.method = a->method;
    const QString done = a->doneOf ? a->doneOf(object)
                         : a->input == Resources::Input::None
                             ? a->doneText.arg(selectedName())
                             : a->doneText.arg(selectedName(), m_cluster->agentName(choice));
    const bool links = a->input != Resources::Input::None;
    QPointer<ResourcePage> self(this);
    std::function<QString(const Error &)> explain;
    if (a->failed) {
        explain = [self, failed = a->failed, object](const Error &e) {
            return self ? failed(e, object, self->related()) : QString();
        };
    }
    m_cluster->runAction(
        done, request, {m_list},
        [self, links](Result<Net::ApiResponse>) {
            if (self && links)
                self->fetchLinks();
        },
        {}, std::move(explain));
    return true;
}

void ResourcePage::refresh()
{
    if (m_kind.single)
        loadSingle();
    else
        m_list->refresh();
}

void ResourcePage::setRevealed(bool revealed)
{
    if (revealed == m_revealed)
        return;
    if (revealed && !deniedReason(QStringLiteral("reveal")).isEmpty())
        return;
    m_revealed = revealed;
    showDetails();
    Q_EMIT actionsChanged();
}

void ResourcePage::onSelection()
{
    const QString key = selectedKey();
    const bool moved = key != m_shownKey;
    if (moved) {
        // Secret values of one object never stay around while another is shown.
        m_secretDetail.clear();
        m_detail = {};
        m_haveDetail = false;
        m_revealed = false;
        m_links.clear();
        m_linksKnown = false;
        m_detailsError.clear();
        m_shownKey = key;
    }
    showDetails();
    if (!key.isEmpty()) {
        fetchDetails();
        fetchLinks();
    }
    Q_EMIT selectionChanged();
    Q_EMIT actionsChanged();
}

void ResourcePage::fetchDetails()
{
    if (m_kind.detailPath.isEmpty())
        return;
    const QString key = selectedKey();
    delete m_detailRequest; // its answer is for another object
    auto *context = new QObject(this);
    m_detailRequest = context;
    m_detailsLoading = true;
    Q_EMIT detailsChanged();
    auto apply = [this, key, context](Result<QByteArray> body) {
        context->deleteLater();
        if (key != selectedKey())
            return;
        m_detailsLoading = false;
        if (!body) {
            m_detailsError = body.error().message;
        } else if (m_kind.secretDetails) {
            m_secretDetail = SecretBytes::takeFrom(*body);
            m_haveDetail = true;
            m_detailsError.clear();
        } else {
            m_detail = QJsonDocument::fromJson(*body).object();
            m_haveDetail = true;
            m_detailsError.clear();
        }
        showDetails();
        Q_EMIT actionsChanged();
    };
    if (m_cluster->demo()) {
        const QJsonValue v = m_cluster->demoDocument(m_kind.id + QStringLiteral("-details"), key);
        QMetaObject::invokeMethod(
            context,
            [apply, v, this] {
                if (v.isObject())
                    apply(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
                else
                    apply(Error(ErrorCode::NotFound,
                                tr("The sample data has no details for this %1.").arg(m_kind.singular)));
            },
            Qt::QueuedConnection);
        return;
    }
    // Not fetchDocument(): details (secret values above all) are never written to a snapshot.
    Net::ApiRequest request = Net::ApiRequest::get(m_kind.detailPathFor(key, selectedObject()));
    request.parseJson = !m_kind.secretDetails;
    m_cluster->send(request, context, [apply](Result<Net::ApiResponse> r) {
        if (!r)
            return apply(r.error());
        if (!r->json.isObject() && !QJsonDocument::fromJson(r->body).isObject())
            return apply(Error(ErrorCode::Protocol, tr("The Controller's answer is not a JSON object.")));
        apply(std::move(r->body));
    });
}

void ResourcePage::fetchLinks()
{
    if (m_kind.linksPath.isEmpty())
        return;
    const QString key = selectedKey();
    delete m_linkRequest;
    auto *context = new QObject(this);
    m_linkRequest = context;
    auto apply = [this, key, context](const QJsonValue &answer) {
        context->deleteLater();
        if (key != selectedKey())
            return;
        m_links.clear();
        for (const QJsonValue &v : answer.toObject().value(u"fogUuids").toArray())
            m_links << v.toString();
        m_linksKnown = answer.isObject();
        showDetails();
        Q_EMIT actionsChanged();
    };
    if (m_cluster->demo()) {
        const QJsonValue v = m_cluster->demoDocument(m_kind.id + QStringLiteral("-links"), key);
        QMetaObject::invokeMethod(context, [apply, v] { apply(v); }, Qt::QueuedConnection);
        return;
    }
    m_cluster->send(Net::ApiRequest::get(Kind::expand(m_kind.linksPath, key, selectedObject())),
                    context, [apply](Result<Net::ApiResponse> r) { apply(r ? r->json : QJsonValue()); });
}

QJsonObject ResourcePage::existing() const
{
    if (m_kind.detailPath.isEmpty())
        return selectedObject();
    if (!m_haveDetail)
        return {};
    if (!m_kind.secretDetails)
        return m_detail;
    QByteArray copy = m_secretDetail.revealCopy();
    const QJsonObject o = QJsonDocument::fromJson(copy).object();
    SecretBytes::wipe(copy);
    return o;
}

void ResourcePage::showDetails()
{
    const QJsonObject listed = selectedObject();
    if (listed.isEmpty()) {
        m_details->clear();
        Q_EMIT detailsChanged();
        return;
    }
    const QJsonObject shown = m_haveDetail ? existing() : listed;
    QList<DetailRow> rows = m_kind.relatedDetails ? m_kind.relatedDetails(shown, [this](const QString &id) {
        return relatedObjects(id);
    }) : m_kind.details(shown);
    for (DetailRow &row : rows) {
        if (row.sensitive && !m_revealed)
            row.value = mask(row.value);
    }
    if (m_kind.secretDetails && !m_haveDetail && !m_detailsLoading && m_detailsError.isEmpty()
        && !m_cluster->online() && !m_cluster->demo())
        m_detailsError = tr("Values are read from the Controller only: connect to see them.");
    if (!m_kind.linksPath.isEmpty()) {
        const QString group = tr("Linked agents");
        if (!m_linksKnown)
            rows << DetailRow(group, tr("Linked to"), tr("not read yet"));
        else if (m_links.isEmpty())
            rows << DetailRow(group, tr("Linked to"), tr("no agent"));
        for (const QString &uuid : std::as_const(m_links)) {
            const QString name = m_cluster->agentName(uuid);
            rows << DetailRow(group, name.isEmpty() ? tr("unknown agent") : name, uuid);
        }
    }
    m_details->setRows(rows);
    Q_EMIT detailsChanged();
}

QList<QJsonObject> ResourcePage::relatedObjects(const QString &kindId)
{
    for (ResourceList *l : m_cluster->lists()) {
        if (l->listId() != kindId)
            continue;
        // The details name these objects: redone when the list is read again.
        if (!m_related.contains(l)) {
            m_related << l;
            connect(l, &ResourceList::applied, this, &ResourcePage::showDetails);
        }
        return l->objects();
    }
    return {};
}

Resources::Related ResourcePage::related()
{
    return [this](const QString &id) { return relatedObjects(id); };
}

void ResourcePage::setEditor(const QString &error, const QStringList &warnings)
{
    m_editorError = error;
    m_editorWarnings = warnings;
    Q_EMIT editorChanged();
}

void ResourcePage::clearEditor()
{
    setEditor({});
}

QString ResourcePage::yamlOf(const QString &, const QString &key) const
{
    if (!m_kind.yaml || key != selectedKey() || !deniedReason(QStringLiteral("edit")).isEmpty())
        return {};
    return QString::fromUtf8(yamlText(existing()));
}

QByteArray ResourcePage::yamlText(const QJsonObject &o) const
{
    return Resources::yamlTextOf(m_kind, o);
}

QVariantList ResourcePage::manifests() const
{
    QVariantList out;
    // Never for kinds whose details hold secret values.
    if (!m_kind.yaml || !m_kind.row || m_kind.secretDetails)
        return out;
    for (const QJsonObject &o : m_list->objects()) {
        const std::optional<Resources::Row> r = m_kind.row(o);
        const QByteArray text = yamlText(o);
        out << QVariantMap{{QStringLiteral("name"), r ? r->name : QString()}, {QStringLiteral("text"), QString::fromUtf8(text)}};
    }
    return out;
}

QString ResourcePage::newYaml(const QString &) const
{
    return m_kind.yaml ? QString::fromUtf8(m_kind.yaml->example) : QString();
}

QString ResourcePage::nameOf(const QString &, const QString &key) const
{
    return key == selectedKey() ? selectedName() : key;
}

Result<ResourcePage::Parsed> ResourcePage::parse(const QString &text, const QJsonObject &existing) const
{
    Result<Parsed> p = Resources::readYamlDocument(m_kind, text, existing);
    if (p && !existing.isEmpty() && !p->name.isEmpty() && p->name != selectedName())
        return Error(ErrorCode::InvalidInput,
                     tr("metadata.name must stay %1: the Controller cannot rename %2.")
                         .arg(selectedName(), singularWithArticle()));
    return p;
}

QString ResourcePage::check(const QString &, const QString &text)
{
    const Result<Parsed> p = parse(text, {});
    setEditor(p ? QString() : p.error().message, p ? p->warnings : QStringList());
    return m_editorError;
}

Net::ApiRequest ResourcePage::saveRequest(const QString &key, const QJsonObject &before, const Parsed &p,
                                          const QString &text) const
{
    return Resources::saveRequest(m_kind, key, before, p, text);
}

QString ResourcePage::draftKeyOf(const QString &name) const
{
    return m_kind.yaml ? m_kind.yaml->kind + u'/' + (name.isEmpty() ? QStringLiteral("new") : name) : QString();
}

bool ResourcePage::openEditor(const QString &key)
{
    const bool create = key.isEmpty();
    if (!m_manifest || !deniedReason(create ? QStringLiteral("create") : QStringLiteral("edit")).isEmpty()
        || (!create && key != selectedKey()))
        return false;
    m_manifest->load(create ? newYaml({}) : yamlOf({}, key), draftKeyOf(create ? QString() : selectedName()));
    clearEditor();
    return true;
}

bool ResourcePage::openCopy(const QString &key)
{
    if (!m_manifest || key != selectedKey() || !deniedReason(QStringLiteral("copy")).isEmpty())
        return false;
    Manifest::Parsed parsed = Manifest::parse(yamlText(existing()));
    if (parsed.documents.size() != 1)
        return false;
    // A name no object of the list has yet: "<name>-copy", "<name>-copy-2", …
    QString name = selectedName() + QStringLiteral("-copy");
    for (int n = 2; m_list && m_list->rowOfKey(name) >= 0; ++n)
        name = selectedName() + QStringLiteral("-copy-%1").arg(n);
    Manifest::Document &doc = parsed.documents.first();
    for (Manifest::Node::Entry &e : doc.root.entries) {
        if (e.key != u"metadata" || !e.value.isMap())
            continue;
        for (Manifest::Node::Entry &m : e.value.entries) {
            if (m.key == u"name") {
                m.value.type = Manifest::Node::Type::Scalar;
                m.value.scalar = name;
            }
        }
    }
    m_manifest->load(QString::fromUtf8(Manifest::canonical(doc)), draftKeyOf(QString()));
    clearEditor();
    return true;
}

bool ResourcePage::openNewFrom(const QVariantMap &document)
{
    if (!m_manifest || !deniedReason(QStringLiteral("create")).isEmpty())
        return false;
    const QByteArray json = QJsonDocument(QJsonObject::fromVariantMap(document)).toJson(QJsonDocument::Compact);
    // JSON is YAML: parsed as any manifest, then written in the kind's usual key order.
    const Manifest::Parsed parsed = Manifest::parse(json);
    if (parsed.documents.size() != 1)
        return false;
    m_manifest->load(QString::fromUtf8(Manifest::canonical(parsed.documents.first())), draftKeyOf(QString()));
    clearEditor();
    return true;
}

QStringList ResourcePage::namesWhere(const QString &field, const QVariant &value) const
{
    QStringList names;
    if (!m_list)
        return names;
    const QJsonValue wanted = QJsonValue::fromVariant(value);
    for (const QJsonObject &o : m_list->objects()) {
        if (o.value(field) == wanted)
            names << o.value(u"name").toString();
    }
    names.sort();
    return names;
}

bool ResourcePage::openRevert(const QString &key, const QString &historyId)
{
    const Manifest::HistoryStore *history = m_cluster->services().history;
    if (key.isEmpty() || !history || !m_cluster->session() || !openEditor(key))
        return false;
    const Result<QByteArray> kept = history->read(m_cluster->session()->profile().id, historyId);
    if (!kept) {
        setEditor(kept.error().message);
        return true;
    }
    // The editor starts on what is live; the kept text is the change to review and apply.
    m_manifest->setText(QString::fromUtf8(*kept));
    return true;
}

QVariantMap ResourcePage::review(const QString &key, const QString &text)
{
    QVariantMap out;
    const bool create = key.isEmpty();
    if (const QString denied = deniedReason(create ? QStringLiteral("create") : QStringLiteral("edit"));
        !denied.isEmpty() || (!create && key != selectedKey())) {
        out.insert(QStringLiteral("error"), denied.isEmpty()
                                                ? tr("The %1 being edited is no longer selected.").arg(m_kind.singular)
                                                : denied);
        return out;
    }
    const QJsonObject before = create ? QJsonObject() : existing();
    const Result<Parsed> p = parse(text, before);
    if (!p) {
        out.insert(QStringLiteral("error"), p.error().message);
        return out;
    }
    const Resources::Yaml &y = *m_kind.yaml;
    QVariantList changeList;
    for (const Resources::ChangeLine &c : Resources::describeChanges(m_kind, before, *p)) {
        static const char *const types[] = {"added", "removed", "changed", "kept"};
        changeList << QVariantMap{{QStringLiteral("type"), QString::fromLatin1(types[int(c.type)])},
                                  {QStringLiteral("text"), c.text}};
    }
    out.insert(QStringLiteral("changes"), changeList);
    // The exact request.
    const Net::ApiRequest request = saveRequest(key, before, *p, text);
    QString what = QString::fromLatin1(request.method) + QStringLiteral(" /api/v3") + request.path;
    if (request.contentType.startsWith("multipart/form-data"))
        what += tr(" — multipart/form-data, field %1, file %2.yaml (%3 bytes of YAML)")
                    .arg(QString::fromLatin1(y.field), p->name)
                    .arg(text.toUtf8().size());
    else if (!request.body.isEmpty()) {
        // A registry's password goes in its JSON body: the review names the field, never its value.
        QJsonObject shown = QJsonDocument::fromJson(request.body).object();
        for (auto it = shown.begin(); it != shown.end(); ++it) {
            if (it.key().contains(u"password", Qt::CaseInsensitive) || it.key().contains(u"secret", Qt::CaseInsensitive)
                || it.key().contains(u"token", Qt::CaseInsensitive))
                it.value() = tr("(not shown)");
        }
        what += m_kind.secretDetails
                    ? tr(" — JSON body with the values (not shown)")
                    : tr(" — JSON body %1").arg(QString::fromUtf8(QJsonDocument(shown).toJson(QJsonDocument::Compact).left(400)));
    }
    out.insert(QStringLiteral("requests"), QStringList{what});
    QStringList impact;
    if (y.impact)
        impact = y.impact(before, Manifest::modelOf(p->document), related());
    out.insert(QStringLiteral("impact"), impact);
    out.insert(QStringLiteral("warnings"), p->warnings);
    out.insert(QStringLiteral("error"), QString());
    return out;
}

Result<Net::ApiRequest> ResourcePage::applyRequest(const QString &text, bool *update, QString *name,
                                                   QByteArray *live)
{
    if (!m_kind.yaml || !m_list)
        return Error(ErrorCode::InvalidInput, tr("%1 cannot be applied from a file.").arg(m_kind.title));
    const Result<Parsed> p = parse(text, {});
    if (!p)
        return p.error();
    *name = p->name;
    const QJsonObject listed = m_list->rowOfKey(p->name) >= 0 ? m_list->object(p->name) : QJsonObject();
    *update = !listed.isEmpty();
    const Resources::Yaml &y = *m_kind.yaml;
    QString denied = *update ? m_cluster->deniedReason(m_kind.rbacResource, verbOf(y.updateMethod),
                                                       Resources::rbacNameOf(m_kind, p->name, listed))
                             : m_cluster->deniedReason(m_kind.rbacResource, QStringLiteral("create"));
    if (denied.isEmpty() && *update) {
        if (y.updatePath.isEmpty() && !y.update)
            denied = tr("The Controller offers no way to change %1.").arg(singularWithArticle());
        else if (y.editRefused)
            denied = y.editRefused(listed);
    }
    if (!denied.isEmpty())
        return Error(ErrorCode::Forbidden, denied);
    live->clear();
    if (*update && m_kind.detailPath.isEmpty() && !m_kind.secretDetails) {
        *live = yamlText(listed);
    }
    return saveRequest(*update ? p->name : QString(), listed, *p, text);
}

bool ResourcePage::readLiveYaml(const QString &name, QObject *context, std::function<void(QByteArray)> done)
{
    const QJsonObject listed = m_list ? m_list->object(name) : QJsonObject();
    if (!m_kind.yaml || m_kind.detailPath.isEmpty() || m_kind.secretDetails || listed.isEmpty() || m_cluster->demo())
        return false;
    // The page outlives the applier (`context`), whose end drops the answer.
    m_cluster->send(Net::ApiRequest::get(m_kind.detailPathFor(name, listed)), context,
                    [this, done](Result<Net::ApiResponse> r) {
                        const QJsonObject o = r ? (r->json.isObject() ? r->json.toObject() : QJsonDocument::fromJson(r->body).object())
                                                : QJsonObject();
                        done(o.isEmpty() ? QByteArray() : yamlText(o));
                    });
    return true;
}

QVariantList ResourcePage::historyOf(const QString &key) const
{
    QVariantList out;
    const Manifest::HistoryStore *history = m_cluster->services().history;
    if (!history || !m_kind.yaml || !m_cluster->session() || key.isEmpty() || key != selectedKey())
        return out;
    for (const Manifest::HistoryEntry &e :
         history->entries(m_cluster->session()->profile().id, m_kind.yaml->kind, selectedName())) {
        out << QVariantMap{{QStringLiteral("id"), e.id},
                           {QStringLiteral("at"), QLocale().toString(e.at.toLocalTime(), QLocale::ShortFormat)},
                           {QStringLiteral("note"), e.note}};
    }
    return out;
}

bool ResourcePage::save(const QString &, const QString &key, const QString &text)
{
    if (m_saving) {
        setEditor(tr("The previous save has not finished yet."));
        return false;
    }
    const bool create = key.isEmpty();
    if (const QString denied = deniedReason(create ? QStringLiteral("create") : QStringLiteral("edit"));
        !denied.isEmpty() || (!create && key != selectedKey())) {
        setEditor(denied.isEmpty() ? tr("The %1 being edited is no longer selected.").arg(m_kind.singular)
                                   : denied);
        return false;
    }
    const QJsonObject before = create ? QJsonObject() : existing();
    const Result<Parsed> p = parse(text, before);
    if (!p) {
        setEditor(p.error().message);
        return false;
    }
    const Resources::Yaml &y = *m_kind.yaml;
    // What is live now is kept before it changes (Secret values never), so the change can be
    // compared and reverted later.
    const Manifest::HistoryStore *history = m_cluster->services().history;
    if (!create && history && m_cluster->session()) {
        const QString live = yamlOf({}, key);
        if (const Result<QByteArray> clean = Manifest::withoutSecretValues(live.toUtf8()); clean) {
            const Result<Manifest::HistoryEntry> kept = history->record(
                m_cluster->session()->profile().id, y.kind, selectedName(), *clean, tr("before an edit"));
            if (!kept)
                qCWarning(lcModels) << "history not kept:" << kept.error().toString();
        }
    }
    const Net::ApiRequest request = saveRequest(key, before, *p, text);
    const QString what = p->name.isEmpty() ? m_kind.singular : m_kind.singular + u' ' + p->name;
    const QString success = create ? tr("Created %1.").arg(what) : tr("Saved %1.").arg(what);
    m_saving = true;
    setEditor({}, p->warnings);
    QPointer<ResourcePage> self(this);
    const QString kindName = y.kind;
    const QString name = p->name;
    m_cluster->runAction(success, request, {m_list}, [self, key, kindName, name](Result<Net::ApiResponse> r) {
        if (!self)
            return;
        self->m_saving = false;
        if (!r) {
            // The dialog stays open with the text (and its draft); the Controller's reason shows under it.
            self->setEditor(r.error().message, self->m_editorWarnings);
            return;
        }
        // Live now: the draft goes.
        if (self->m_manifest)
            self->m_manifest->markSaved();
        // A new object is selected once the refresh lists it; an id the Controller chose comes
        // back in the answer ({id}).
        QString newKey = key.isEmpty() ? name : key;
        if (key.isEmpty() && r->json.toObject().value(u"id").isDouble() && name.isEmpty())
            newKey = QString::number(r->json.toObject().value(u"id").toDouble(), 'g', 15);
        if (self->m_list && !newKey.isEmpty())
            self->m_list->setSelectedKey(newKey);
        self->setEditor({});
        if (!key.isEmpty())
            self->fetchDetails();
        Q_EMIT self->saved(kindName, newKey);
    });
    return true;
}

} // namespace Pot::Models
