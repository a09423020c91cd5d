#include "clusterview.h"

#include "core/logging.h"
#include "core/net/controllerclient.h"
#include "core/resources/kinds/kinds.h"
#include "models/accesspage.h"
#include "models/agentspage.h"
#include "models/applicationspage.h"
#include "models/controlplanesession.h"
#include "models/eventspage.h"
#include "models/demodata.h"
#include "models/natspage.h"
#include "models/resourcepage.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Pot::Models {

namespace {

const QStringList &mutatingVerbs()
{
    static const QStringList verbs{QStringLiteral("create"), QStringLiteral("update"),
                                   QStringLiteral("patch"), QStringLiteral("delete")};
    return verbs;
}

QString joinSubjects(const QList<Rbac::Subject> &subjects)
{
    QStringList roles;
    for (const Rbac::Subject &s : subjects) {
        if (s.kind == u"Group")
            roles << s.name;
    }
    return roles.isEmpty() ? ClusterView::tr("none") : roles.join(u", ");
}

} // namespace

ClusterView::ClusterView(ControlPlaneSession *session, Services services, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_services(std::move(services))
{
    // One worker keeps the answers of a list in order; parsing never runs on the GUI thread.
    m_pool.setMaxThreadCount(1);
    m_pool.setObjectName(QStringLiteral("ClusterView parse"));
    if (demo()) {
        // The sample is generated around a fixed time: read relative to now, as if just reported.
        if (auto status = DemoData::readStatus(m_services.demoRoot)) {
            m_demoShiftMs = QDateTime::currentMSecsSinceEpoch() - status->referenceMs;
            m_demoVersion = status->version;
        }
    }

    // Roles and role bindings decide permissions whether or not a page shows them: kept here, as
    // their kinds describe them; the resource pages of those kinds show these same lists.
    m_roles = addList(specOf(Resources::Kinds::roles()));
    m_roleBindings = addList(specOf(Resources::Kinds::roleBindings()));

    auto readAuthorizer = [this] {
        QList<Rbac::Role> roleList;
        for (const QJsonObject &o : m_roles->objects()) {
            if (auto r = Rbac::parseRole(o))
                roleList << *r;
        }
        m_authorizer.setRoles(roleList);
        QJsonArray array;
        for (const QJsonObject &o : m_roleBindings->objects())
            array.append(o);
        if (auto b = Rbac::parseBindings(array))
            m_authorizer.setBindings(*b);
        updatePermissions();
    };
    connect(m_roles, &ResourceList::applied, this, readAuthorizer);
    connect(m_roleBindings, &ResourceList::applied, this, readAuthorizer);

    m_agents = new AgentsPage(this);
    // NATS reads the account rule of an application account from the applications list: first.
    m_applications = new ApplicationsPage(this);
    for (ResourceList *source : microserviceSources())
        connect(source, &ResourceList::applied, this, &ClusterView::microservicesChanged);
    m_nats = new NatsPage(this);
    m_access = new AccessPage(this);
    m_events = new EventsPage(this);
    if (m_services.kinds) {
        for (const Resources::Kind &kind : m_services.kinds->kinds())
            m_resourcePages << new ResourcePage(kind, this);
    }

    connect(&m_refresh, &QTimer::timeout, this, [this] {
        refreshAll();
        Q_EMIT refreshTick();
    });
    m_freshness.setInterval(10000);
    connect(&m_freshness, &QTimer::timeout, this, [this] {
        for (ResourceList *l : std::as_const(m_lists))
            l->notifyFreshness();
    });
    m_freshness.start();

    if (m_session)
        connect(m_session, &ControlPlaneSession::changed, this, &ClusterView::onSessionChanged);
    if (auto nats = offlineDocument(QStringLiteral("capabilities"))) {
        m_natsAvailable = QJsonDocument::fromJson(nats->body).object().value(u"nats").toBool();
        m_natsKnown = true;
    }
    onSessionChanged();
}

ClusterView::~ClusterView()
{
    m_pool.waitForDone();
}

bool ClusterView::online() const
{
    return m_session && !demo() && m_session->state() == ConnectionState::SignedIn
           && m_session->client();
}

bool ClusterView::demo() const
{
    return m_session && m_session->profile().demo;
}

QString ClusterView::readOnlyReason() const
{
    if (demo())
        return tr("The demo control plane is read-only.");
    if (m_session && m_session->profile().readOnly)
        return tr("This profile is read-only.");
    if (!online())
        return tr("Not connected: this is the last state read from the Controller.");
    return {};
}

bool ClusterView::hasData() const
{
    return std::any_of(m_lists.cbegin(), m_lists.cend(), [](ResourceList *l) { return l->loaded(); });
}

QString ClusterView::userName() const
{
    return m_session ? m_session->userName() : QString();
}

ResourcePage *ClusterView::resourcePage(const QString &id) const
{
    for (ResourcePage *p : m_resourcePages) {
        if (p->kindId() == id)
            return p;
    }
    return nullptr;
}

QString ClusterView::agentName(const QString &uuid) const
{
    return m_agents->list()->object(uuid).value(u"name").toString();
}

QList<std::pair<QString, QString>> ClusterView::agentNames() const
{
    QList<std::pair<QString, QString>> out;
    for (const QJsonObject &o : m_agents->list()->objects())
        out.append({o.value(u"uuid").toString(), o.value(u"name").toString()});
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
        return a.second.localeAwareCompare(b.second) < 0;
    });
    return out;
}

QList<QJsonObject> ClusterView::microservicesOnAgent(const QString &uuid) const
{
    QList<QJsonObject> out;
    if (uuid.isEmpty() || !m_applications)
        return out;
    for (ResourceList *source : microserviceSources()) {
        const bool system = source == m_applications->systemList();
        for (const QJsonObject &app : source->objects()) {
            const bool systemApp = system || app.value(u"isSystem").toBool();
            const QString appName = app.value(u"name").toString();
            for (const QJsonValue &v : app.value(u"microservices").toArray()) {
                QJsonObject ms = v.toObject();
                if (ms.value(u"iofogUuid").toString() != uuid)
                    continue;
                if (ms.value(u"application").toString().isEmpty())
                    ms.insert(QStringLiteral("application"), appName);
                ms.insert(QStringLiteral("isSystem"), systemApp);
                out.append(ms);
            }
        }
    }
    return out;
}

QList<ResourceList *> ClusterView::microserviceSources() const
{
    if (!m_applications)
        return {};
    return {m_applications->list(), m_applications->systemList()};
}

QJsonValue ClusterView::demoDocument(const QString &file, const QString &key) const
{
    if (!demo())
        return QJsonValue(QJsonValue::Undefined);
    const std::optional<QByteArray> body = DemoData::read(m_services.demoRoot, file, m_demoShiftMs);
    if (!body)
        return QJsonValue(QJsonValue::Undefined);
    return QJsonDocument::fromJson(*body).object().value(key);
}

QList<Rbac::Subject> ClusterView::subjects() const
{
    if (!m_session)
        return {};
    return Rbac::subjectsFromToken(m_session->userName(), m_session->roles());
}

QString ClusterView::readDeniedReason(const QString &resource, const QString &verb,
                                      const QString &name) const
{
    if (!online())
        return {}; // offline and demo data is shown as it was read
    const QList<Rbac::Subject> who = subjects();
    if (m_authorizer.decide(who, resource, verb, name).allowed)
        return {};
    // Without the role bindings (not read yet, or not readable with these roles) a grant through a
    // binding cannot be ruled out: let the Controller decide rather than disable wrongly.
    if (!m_roleBindings || !m_roleBindings->loaded())
        return {};
    QString permission = resource + u':' + verb;
    if (!name.isEmpty())
        permission += u" (" + name + u')';
    return tr("Your roles (%1) do not grant %2.").arg(joinSubjects(who), permission);
}

QString ClusterView::deniedReason(const QString &resource, const QString &verb,
                                  const QString &name) const
{
    if (mutatingVerbs().contains(verb) || verb == u"*") {
        if (const QString reason = readOnlyReason(); !reason.isEmpty())
            return reason;
    } else if (!online()) {
        return readOnlyReason();
    }
    return readDeniedReason(resource, verb, name);
}

void ClusterView::refreshAll()
{
    for (ResourceList *l : std::as_const(m_lists))
        l->refresh();
}

void ClusterView::copy(const QString &text, bool sensitive)
{
    if (m_services.copy)
        m_services.copy(text, sensitive);
}

ResourceList *ClusterView::addList(ResourceList::Spec spec, QObject *owner)
{
    const QString arrayKey = spec.arrayKey;
    auto *list = new ResourceList(std::move(spec), &m_pool, owner ? owner : this);
    m_lists << list;
    if (m_services.snapshots && m_session && !demo()) {
        const Profiles::SnapshotStore *store = m_services.snapshots;
        const QUuid profile = m_session->profile().id;
        const QString id = list->listId();
        // Runs on the parse thread. An unchanged answer is written again only every few minutes,
        // so the saved time stays close to the last time the Controller confirmed it.
        struct Written { size_t hash = 0; QDateTime at; };
        auto last = std::make_shared<Written>();
        list->setSink([store, profile, id, arrayKey, last](const QByteArray &answer, const QDateTime &at) {
            const size_t hash = qHash(answer);
            if (hash == last->hash && last->at.isValid() && last->at.secsTo(at) < 300)
                return;
            if (Status s = store->saveList(profile, id, answer, arrayKey, at); !s) {
                qCWarning(lcCoreProfiles) << "snapshot" << id << "not saved:" << s.error().message;
                return;
            }
            *last = Written{hash, at};
        });
    }
    connect(list, &ResourceList::stateChanged, this, &ClusterView::dataAvailabilityChanged);
    loadOffline(list);
    if (online()) {
        list->setClient(m_session->client());
        updateListAvailability();
        list->refresh();
    }
    return list;
}

std::optional<Profiles::Snapshot> ClusterView::offlineDocument(const QString &id) const
{
    if (demo()) {
        // Sample data: shown as current, not as stale.
        std::optional<QByteArray> body = DemoData::read(m_services.demoRoot, id, m_demoShiftMs);
        if (!body)
            return std::nullopt;
        return Profiles::Snapshot{std::move(*body), QDateTime::currentDateTimeUtc()};
    }
    if (!m_services.snapshots || !m_session)
        return std::nullopt;
    Result<Profiles::Snapshot> s = m_services.snapshots->load(m_session->profile().id, id);
    if (!s)
        return std::nullopt;
    return *s;
}

QString ClusterView::demoFreshnessText() const
{
    return tr("Sample data (generated from Controller %1 answers)")
        .arg(m_demoVersion.isEmpty() ? QStringLiteral("3.7.3") : m_demoVersion);
}

void ClusterView::loadOffline(ResourceList *list)
{
    if (demo())
        list->setFixed(demoFreshnessText());
    // Read on the parse thread: a snapshot of a large cluster is tens of megabytes.
    const bool isDemo = demo();
    const QString root = m_services.demoRoot;
    const qint64 shiftMs = m_demoShiftMs;
    const Profiles::SnapshotStore *store = m_services.snapshots;
    const QUuid profile = m_session ? m_session->profile().id : QUuid();
    const QString id = list->listId();
    list->showSaved(
        [isDemo, root, shiftMs, store, profile, id]() -> std::optional<ResourceList::Saved> {
            if (isDemo) {
                std::optional<QByteArray> body = DemoData::read(root, id, shiftMs);
                if (!body)
                    return std::nullopt;
                return ResourceList::Saved{std::move(*body), QDateTime::currentDateTimeUtc()};
            }
            if (!store || profile.isNull())
                return std::nullopt;
            Result<Profiles::Snapshot> s = store->load(profile, id);
            if (!s)
                return std::nullopt;
            return ResourceList::Saved{std::move(s->body), s->savedAt};
        },
        !isDemo);
}

void ClusterView::fetchDocument(const QString &id, const QString &path, QObject *context,
                                std::function<void(const QJsonValue &, bool)> done,
                                std::function<void(const Error &)> failed)
{
    auto offline = [this, id, done, failed] {
        if (auto s = offlineDocument(id)) {
            const QJsonDocument doc = QJsonDocument::fromJson(s->body);
            done(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()), false);
            return true;
        }
        return false;
    };
    if (!online()) {
        if (!offline() && failed)
            failed(Error(ErrorCode::Network, tr("Not connected, and nothing saved from earlier.")));
        return;
    }
    m_session->client()->send(
        Net::ApiRequest::get(path), context,
        [this, id, done, failed, offline](Result<Net::ApiResponse> r) {
            if (!r) {
                if (failed)
                    failed(r.error());
                else
                    offline();
                return;
            }
            if (m_services.snapshots && m_session) {
                if (Status s = m_services.snapshots->save(m_session->profile().id, id, r->json); !s)
                    qCWarning(lcCoreProfiles) << "snapshot" << id << "not saved:" << s.error().message;
            }
            done(r->json, true);
        });
}

Net::ApiReply *ClusterView::send(const Net::ApiRequest &request, QObject *context, Done done)
{
    if (!online()) {
        Error e(ErrorCode::Network, readOnlyReason());
        QMetaObject::invokeMethod(
            context ? context : this, [done, e] { done(e); }, Qt::QueuedConnection);
        return nullptr;
    }
    return m_session->client()->send(request, context ? context : this, std::move(done));
}

void ClusterView::runAction(const QString &successText, const Net::ApiRequest &request,
                            const QList<ResourceList *> &refresh, Done done,
                            std::function<QString(const Error &)> settled)
{
    if (const QString reason = readOnlyReason(); !reason.isEmpty()) {
        finishAction(false, reason);
        if (done)
            QMetaObject::invokeMethod(
                this, [done, reason] { done(Error(ErrorCode::Forbidden, reason)); },
                Qt::QueuedConnection);
        return;
    }
    ++m_busy;
    Q_EMIT busyChanged();
    QList<QPointer<ResourceList>> targets;
    for (ResourceList *l : refresh)
        targets << l;
    m_session->client()->send(
        request, this, [this, successText, targets, done, settled](Result<Net::ApiResponse> r) {
            --m_busy;
            Q_EMIT busyChanged();
            const QString already = !r && settled ? settled(r.error()) : QString();
            if (r)
                finishAction(true, successText);
            else if (!already.isEmpty())
                finishAction(true, already);
            else
                finishAction(false, r.error().message);
            for (const QPointer<ResourceList> &l : targets) {
                if (l)
                    l->refresh();
            }
            if (done)
                done(r);
        });
}

void ClusterView::finishAction(bool ok, const QString &message)
{
    m_lastActionOk = ok;
    m_lastActionMessage = message;
    if (!ok)
        qCInfo(lcModels) << "action failed:" << message;
    Q_EMIT actionFinished(ok, message);
}

void ClusterView::updatePermissions()
{
    updateListAvailability();
    ++m_permissionsRevision;
    Q_EMIT permissionsChanged();
}

void ClusterView::updateListAvailability()
{
    for (ResourceList *l : std::as_const(m_lists)) {
        const auto &spec = l->spec();
        if (m_natsKnown && !m_natsAvailable && spec.rbacResource.startsWith(u"nats")) {
            l->setUnavailable(tr("NATS is disabled on this Controller."));
            continue;
        }
        l->setUnavailable(spec.rbacResource.isEmpty()
                              ? QString()
                              : readDeniedReason(spec.rbacResource, spec.rbacVerb, spec.rbacName));
    }
}

void ClusterView::checkNatsCapability()
{
    if (!online() || m_capabilityReply)
        return;
    m_capabilityReply = m_session->client()->send(
        Net::ApiRequest::head(QStringLiteral("/capabilities/nats")), this,
        [this](Result<Net::ApiResponse> r) {
            bool available = false;
            if (r) {
                available = r->httpStatus == 204 || r->httpStatus == 200;
            } else if (r.error().httpStatus != 404) {
                return; // unknown: keep what we knew
            }
            m_natsKnown = true;
            if (available != m_natsAvailable) {
                m_natsAvailable = available;
            }
            if (m_services.snapshots && m_session) {
                QJsonObject o;
                o.insert(u"nats", available);
                if (Status s = m_services.snapshots->save(
                        m_session->profile().id, QStringLiteral("capabilities"), QJsonValue(o));
                    !s)
                    qCWarning(lcCoreProfiles) << "capabilities not saved:" << s.error().message;
            }
            updateListAvailability();
            Q_EMIT natsAvailableChanged();
        });
}

void ClusterView::onSessionChanged()
{
    const bool isOnline = online();
    if (m_session)
        m_refresh.setInterval(std::max(5, m_session->profile().refreshIntervalSec) * 1000);
    if (demo() && !m_natsKnown) {
        m_natsKnown = true;
        m_natsAvailable = true;
        Q_EMIT natsAvailableChanged();
    }
    if (isOnline == m_wasOnline) {
        updatePermissions();
        return;
    }
    m_wasOnline = isOnline;
    for (ResourceList *l : std::as_const(m_lists))
        l->setClient(isOnline ? m_session->client() : nullptr);
    updatePermissions();
    if (isOnline) {
        checkNatsCapability();
        refreshAll();
        Q_EMIT refreshTick();
        m_refresh.start();
    } else {
        m_refresh.stop();
        for (ResourceList *l : std::as_const(m_lists)) {
            if (l->loaded() && !demo())
                l->setStale(true);
        }
    }
    Q_EMIT onlineChanged();
}

} // namespace Pot::Models
