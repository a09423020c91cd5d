#include "clusterview.h"
#include "models/manifestapply.h"

#include "core/cluster/actionservice.h"
#include "core/cluster/clusterstate.h"
#include "core/logging.h"
#include "core/net/controllerclient.h"
#include "core/session/controlplanesession.h"
#include "core/resources/kinds/kinds.h"
#include "models/accesspage.h"
#include "models/agentspage.h"
#include "models/applicationspage.h"
#include "models/eventspage.h"
#include "models/natspage.h"
#include "models/resourcepage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Pot::Models {

ClusterView::ClusterView(Session::ControlPlaneSession *session, Services services, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_services(std::move(services))
    , m_state(new Cluster::ClusterState(session, {m_services.snapshots, m_services.demoRoot}, this))
    , m_actions(new Cluster::ActionService(session, this))
{
    // One worker keeps the answers of a list in order; parsing never runs on the GUI thread.
    m_pool.setMaxThreadCount(1);
    m_pool.setObjectName(QStringLiteral("ClusterView parse"));
    connect(m_actions, &Cluster::ActionService::busyChanged, this, &ClusterView::busyChanged);
    connect(m_actions, &Cluster::ActionService::finished, this, &ClusterView::actionFinished);

    // Roles and role bindings decide permissions whether or not a page shows them: kept here, as
    // their kinds describe them; the resource pages of those kinds show these same lists.
    m_roles = addList(specOf(Resources::Kinds::roles()));
    m_roleBindings = addList(specOf(Resources::Kinds::roleBindings()));

    auto readAuthorizer = [this] {
        Rbac::Authorizer authorizer = m_actions->authorizer();
        QList<Rbac::Role> roleList;
        for (const QJsonObject &o : m_roles->objects()) {
            if (auto r = Rbac::parseRole(o))
                roleList << *r;
        }
        authorizer.setRoles(roleList);
        QJsonArray array;
        for (const QJsonObject &o : m_roleBindings->objects())
            array.append(o);
        if (auto b = Rbac::parseBindings(array))
            authorizer.setBindings(*b);
        m_actions->setAuthorizer(std::move(authorizer), m_roleBindings->loaded());
        updatePermissions();
    };
    connect(m_roles, &ResourceList::applied, this, readAuthorizer);
    connect(m_roleBindings, &ResourceList::applied, this, readAuthorizer);

    // First: the page view models below use the generic pages of their kinds.
    if (m_services.kinds) {
        for (const Resources::Kind &kind : m_services.kinds->kinds())
            m_resourcePages << new ResourcePage(kind, this);
    }
    m_applier = new ManifestApply(this);
    m_agents = new AgentsPage(this);
    // NATS reads the account rule of an application account from the applications list: first.
    m_applications = new ApplicationsPage(this);
    connect(m_state, &Cluster::ClusterState::recordsChanged, this, [this](const QString &listId) {
        if (listId != Cluster::ClusterState::agentsId())
            Q_EMIT microservicesChanged();
    });
    m_access = new AccessPage(this);
    m_events = new EventsPage(this);
    // The NATS page works on the resource pages of the NATS kinds: after them.
    m_nats = new NatsPage(this);

    connect(m_state, &Cluster::ClusterState::tick, this, [this] {
        refreshAll();
        Q_EMIT refreshTick();
    });
    m_freshness.setInterval(10000);
    connect(&m_freshness, &QTimer::timeout, this, [this] {
        for (ResourceList *l : std::as_const(m_lists))
            l->notifyFreshness();
    });
    m_freshness.start();

    connect(m_state, &Cluster::ClusterState::sessionUpdated, this, &ClusterView::updatePermissions);
    connect(m_state, &Cluster::ClusterState::onlineChanged, this, &ClusterView::onOnlineChanged);
    connect(m_state, &Cluster::ClusterState::natsAvailableChanged, this, [this] {
        updateListAvailability();
        Q_EMIT natsAvailableChanged();
    });
    m_state->update();
}

ClusterView::~ClusterView()
{
    // The lists are children, destroyed after this view's members: a list cancelling its request
    // on the way out must not reach the pages, which read those members (lists(), the state).
    for (ResourceList *l : std::as_const(m_lists))
        l->blockSignals(true);
    m_pool.waitForDone();
}

bool ClusterView::online() const
{
    return m_state->online();
}

bool ClusterView::demo() const
{
    return m_state->demo();
}

QString ClusterView::readOnlyReason() const
{
    return m_actions->readOnlyReason();
}

bool ClusterView::natsAvailable() const
{
    return m_state->natsAvailable();
}

bool ClusterView::natsKnown() const
{
    return m_state->natsKnown();
}

bool ClusterView::busy() const
{
    return m_actions->busy();
}

QString ClusterView::lastActionMessage() const
{
    return m_actions->lastMessage();
}

bool ClusterView::lastActionOk() const
{
    return m_actions->lastOk();
}

QString ClusterView::agentName(const QString &uuid) const
{
    return m_state->agentName(uuid);
}

QList<std::pair<QString, QString>> ClusterView::agentNames() const
{
    return m_state->agentNames();
}

QList<QJsonObject> ClusterView::microservicesOnAgent(const QString &uuid) const
{
    return m_state->microservicesOnAgent(uuid);
}

QJsonValue ClusterView::demoDocument(const QString &file, const QString &key) const
{
    return m_state->demoDocument(file, key);
}

const Rbac::Authorizer &ClusterView::authorizer() const
{
    return m_actions->authorizer();
}

QList<Rbac::Subject> ClusterView::subjects() const
{
    return m_actions->subjects();
}

void ClusterView::reportAction(bool ok, const QString &message)
{
    m_actions->report(ok, message);
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

QList<ResourceList *> ClusterView::microserviceSources() const
{
    if (!m_applications || !m_applications->list())
        return {};
    return {m_applications->list(), m_applications->systemList()};
}

QString ClusterView::readDeniedReason(const QString &resource, const QString &verb,
                                      const QString &name) const
{
    return m_actions->readDeniedReason(resource, verb, name);
}

QString ClusterView::deniedReason(const QString &resource, const QString &verb,
                                  const QString &name) const
{
    return m_actions->deniedReason(resource, verb, name);
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
    // Both run on the parse thread: the snapshot, and the typed look-ups of the cluster state (fed
    // before the rows reach the view, so a look-up agrees with the list once it shows).
    list->setSink(m_state->snapshotSink(list->listId(), arrayKey));
    list->setReader(m_state->recordsReader(list->listId()));
    connect(list, &ResourceList::stateChanged, this, &ClusterView::dataAvailabilityChanged);
    loadOffline(list);
    if (online()) {
        list->setClient(m_session->client());
        updateListAvailability();
        list->refresh();
    }
    return list;
}

void ClusterView::loadOffline(ResourceList *list)
{
    if (demo())
        list->setFixed(m_state->demoFreshnessText());
    // Read on the parse thread: a snapshot of a large cluster is tens of megabytes.
    list->showSaved(
        [load = m_state->savedAnswer(list->listId())]() -> std::optional<ResourceList::Saved> {
            std::optional<Profiles::Snapshot> s = load();
            if (!s)
                return std::nullopt;
            return ResourceList::Saved{std::move(s->body), s->savedAt, s->spare, std::move(s->mapping)};
        },
        !demo());
}

void ClusterView::fetchDocument(const QString &id, const QString &path, QObject *context,
                                std::function<void(const QJsonValue &, bool)> done,
                                std::function<void(const Error &)> failed)
{
    m_state->fetchDocument(id, path, context, std::move(done), std::move(failed));
}

Net::ApiReply *ClusterView::send(const Net::ApiRequest &request, QObject *context, Done done)
{
    return m_actions->send(request, context ? context : this, std::move(done));
}

void ClusterView::runAction(const QString &successText, const Net::ApiRequest &request,
                            const QList<ResourceList *> &refresh, Done done,
                            std::function<QString(const Error &)> settled,
                            std::function<QString(const Error &)> explain)
{
    QList<QPointer<ResourceList>> targets;
    for (ResourceList *l : refresh)
        targets << l;
    // A refused action refreshes nothing; a sent one refreshes its lists once it is answered.
    const bool refused = !m_actions->readOnlyReason().isEmpty();
    m_actions->run(
        successText, request,
        [targets, done, refused](Result<Net::ApiResponse> r) {
            if (!refused) {
                for (const QPointer<ResourceList> &l : targets) {
                    if (l)
                        l->refresh();
                }
            }
            if (done)
                done(r);
        },
        std::move(settled), std::nullopt, std::move(explain));
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
        if (natsKnown() && !natsAvailable() && spec.rbacResource.startsWith(u"nats")) {
            l->setUnavailable(tr("NATS is disabled on this Controller."));
            continue;
        }
        l->setUnavailable(spec.rbacResource.isEmpty()
                              ? QString()
                              : readDeniedReason(spec.rbacResource, spec.rbacVerb, spec.rbacName));
    }
}

void ClusterView::onOnlineChanged()
{
    const bool isOnline = online();
    for (ResourceList *l : std::as_const(m_lists))
        l->setClient(isOnline ? m_session->client() : nullptr);
    updatePermissions();
    if (!isOnline) {
        for (ResourceList *l : std::as_const(m_lists)) {
            if (l->loaded() && !demo())
                l->setStale(true);
        }
    }
    Q_EMIT onlineChanged();
}

} // namespace Pot::Models
