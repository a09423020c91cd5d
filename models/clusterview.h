#pragma once

#include "core/net/apireply.h"
#include "core/profiles/snapshotstore.h"
#include "core/resources/registry.h"
#include "core/rbac/rbac.h"
#include "models/manifestapply.h"
#include "models/resourcelist.h"

#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>

#include <functional>

namespace Pot::Session {
class ControlPlaneSession;
}

namespace Pot::Manifest {
class DraftStore;
class HistoryStore;
} // namespace Pot::Manifest

namespace Pot::Cluster {
class ActionService;
class ClusterState;
} // namespace Pot::Cluster

namespace Pot::Models {

class AgentsPage;
class ManifestApply;
class ApplicationsPage;
class NatsPage;
class AccessPage;
class EventsPage;
class ResourcePage;

/// Everything the cluster pages show for one control plane: its lists (refreshed every N seconds
/// while signed in, read from the on-disk snapshot before that and when offline, or from the bundled
/// demo data), the signed-in user's permissions as the Controller's RBAC would decide them, and the
/// runner for mutating actions. One per profile; the page view models hang off it. The QML face of
/// two core services: Cluster::ClusterState (polling, snapshots, demo data, documents, typed
/// look-ups) and Cluster::ActionService (read-only and RBAC checks with the reason, the request,
/// the outcome); it keeps the lists and the pages.
class ClusterView final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterView)
    Q_PROPERTY(bool online READ online NOTIFY onlineChanged)
    Q_PROPERTY(bool demo READ demo CONSTANT)
    Q_PROPERTY(bool readOnly READ readOnly NOTIFY onlineChanged)
    Q_PROPERTY(QString readOnlyReason READ readOnlyReason NOTIFY onlineChanged)
    Q_PROPERTY(bool hasData READ hasData NOTIFY dataAvailabilityChanged)
    Q_PROPERTY(bool natsAvailable READ natsAvailable NOTIFY natsAvailableChanged)
    Q_PROPERTY(bool natsKnown READ natsKnown NOTIFY natsAvailableChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString lastActionMessage READ lastActionMessage NOTIFY actionFinished)
    Q_PROPERTY(bool lastActionOk READ lastActionOk NOTIFY actionFinished)
    Q_PROPERTY(QString userName READ userName NOTIFY permissionsChanged)
    Q_PROPERTY(int permissionsRevision READ permissionsRevision NOTIFY permissionsChanged)
    Q_PROPERTY(Pot::Models::ResourceList *roles READ roles CONSTANT)
    Q_PROPERTY(Pot::Models::ResourceList *roleBindings READ roleBindings CONSTANT)
    Q_PROPERTY(Pot::Models::AgentsPage *agents READ agents CONSTANT)
    Q_PROPERTY(Pot::Models::ApplicationsPage *applications READ applications CONSTANT)
    Q_PROPERTY(Pot::Models::NatsPage *nats READ nats CONSTANT)
    Q_PROPERTY(Pot::Models::AccessPage *access READ access CONSTANT)
    Q_PROPERTY(Pot::Models::EventsPage *events READ events CONSTANT)
    /// Applies a file of many manifests (any page's "Apply file…").
    Q_PROPERTY(Pot::Models::ManifestApply *applier READ applier CONSTANT)
    Q_MOC_INCLUDE("models/agentspage.h")
    Q_MOC_INCLUDE("models/applicationspage.h")
    Q_MOC_INCLUDE("models/natspage.h")
    Q_MOC_INCLUDE("models/accesspage.h")
    Q_MOC_INCLUDE("models/eventspage.h")

public:
    struct Services
    {
        const Profiles::SnapshotStore *snapshots = nullptr; ///< nullptr: no snapshots
        std::function<void(const QString &text, bool sensitive)> copy;
        QString demoRoot = QStringLiteral(":/demo"); ///< where the demo answers are (Cluster::DemoData::root())
        /// The kinds shown by generic resource pages; nullptr: none.
        const Resources::Registry *kinds = nullptr;
        /// Drafts of the manifest editors and the history of applied objects; nullptr: none kept.
        const Manifest::DraftStore *drafts = nullptr;
        const Manifest::HistoryStore *history = nullptr;
    };
    using Done = std::function<void(Result<Net::ApiResponse>)>;

    /// `session` must outlive the view.
    ClusterView(Session::ControlPlaneSession *session, Services services, QObject *parent = nullptr);
    ~ClusterView() override;

    Session::ControlPlaneSession *session() const { return m_session; }
    const Services &services() const { return m_services; }
    Cluster::ClusterState *state() const { return m_state; }
    Cluster::ActionService *actions() const { return m_actions; }
    bool online() const;
    bool demo() const;
    bool readOnly() const { return !readOnlyReason().isEmpty(); }
    /// Why nothing may be changed right now (profile read-only, demo, offline); empty if allowed.
    QString readOnlyReason() const;
    bool hasData() const;
    bool natsAvailable() const;
    bool natsKnown() const;
    bool busy() const;
    QString lastActionMessage() const;
    bool lastActionOk() const;
    QString userName() const;
    int permissionsRevision() const { return m_permissionsRevision; }

    ResourceList *roles() const { return m_roles; }
    ResourceList *roleBindings() const { return m_roleBindings; }
    AgentsPage *agents() const { return m_agents; }
    ApplicationsPage *applications() const { return m_applications; }
    NatsPage *nats() const { return m_nats; }
    AccessPage *access() const { return m_access; }
    EventsPage *events() const { return m_events; }

    /// The generic page of kind `id` (Resources::Kind::id), or nullptr.
    Q_INVOKABLE Pot::Models::ResourcePage *resourcePage(const QString &id) const;
    QList<ResourcePage *> resourcePages() const { return m_resourcePages; }
    ManifestApply *applier() const { return m_applier; }

    // Typed look-ups across kinds, so a page asks for "the agent with this uuid" instead of
    // reading another page's list.
    /// The name of the agent `uuid`, or empty when it is not listed.
    QString agentName(const QString &uuid) const;
    /// Every listed agent as (uuid, name), sorted by name.
    QList<std::pair<QString, QString>> agentNames() const;
    /// The microservices placed on the agent `uuid` (iofogUuid), from the applications and the
    /// system applications as last read, in list order. Each is the Controller's object with
    /// `application` (its application's name) and `isSystem` (whether that application is a
    /// system one) set.
    QList<QJsonObject> microservicesOnAgent(const QString &uuid) const;
    /// The lists microservicesOnAgent() reads, to refresh after a microservice action.
    QList<ResourceList *> microserviceSources() const;
    /// The entry `key` of the bundled demo document `file` (e.g. "secrets-details"); undefined
    /// when not a demo control plane or absent.
    QJsonValue demoDocument(const QString &file, const QString &key) const;

    /// The user's subjects and the roles/bindings last read (for the "who can do what" grid).
    const Rbac::Authorizer &authorizer() const;
    QList<Rbac::Subject> subjects() const;

    /// Why the signed-in user may not do `verb` on `resource` (named `name`), as the Controller's RBAC
    /// would decide it; empty when allowed. Mutating verbs are also refused when read-only.
    Q_INVOKABLE QString deniedReason(const QString &resource, const QString &verb,
                                     const QString &name = {}) const;
    /// Same, ignoring read-only (for reading: lists, details).
    Q_INVOKABLE QString readDeniedReason(const QString &resource, const QString &verb,
                                         const QString &name = {}) const;
    /// Refreshes every list now.
    Q_INVOKABLE void refreshAll();
    /// Copies text; sensitive text (creds, seeds, keys) is cleared from the clipboard after 30 s.
    Q_INVOKABLE void copy(const QString &text, bool sensitive = false);

    /// A list owned by this view: loaded from the snapshot (or demo data) at once, refreshed while
    /// signed in, saved to the snapshot after each successful fetch.
    ResourceList *addList(ResourceList::Spec spec, QObject *owner = nullptr);
    QList<ResourceList *> lists() const { return m_lists; }

    /// A single document (NATS operator, hub) under `id`: fetched while online, from the snapshot
    /// or demo data otherwise. `done` gets the JSON and whether it is live.
    void fetchDocument(const QString &id, const QString &path, QObject *context,
                       std::function<void(const QJsonValue &json, bool live)> done,
                       std::function<void(const Error &)> failed = {});

    /// Sends a request that changes nothing (creds, provisioning key). Fails at once when offline.
    Net::ApiReply *send(const Net::ApiRequest &request, QObject *context, Done done);
    /// Runs a mutating request, reports it through actionFinished() with `successText`, and
    /// refreshes `refresh` afterwards. Refused (with the reason) when read-only; callers check
    /// deniedReason() for the RBAC verb first, as their buttons do.
    /// `settled`, when given, maps a refusal that means the wanted state already holds (e.g.
    /// "already has an account") to the message reported instead of an error; "" keeps the error.
    void runAction(const QString &successText, const Net::ApiRequest &request,
                   const QList<ResourceList *> &refresh, Done done = {},
                   std::function<QString(const Error &)> settled = {},
                   std::function<QString(const Error &)> explain = {});
    /// Reports the outcome of an action decided without a request (nothing to do), as runAction()
    /// reports its own.
    void reportAction(bool ok, const QString &message);

Q_SIGNALS:
    void onlineChanged();
    void dataAvailabilityChanged();
    void natsAvailableChanged();
    void busyChanged();
    void permissionsChanged();
    void actionFinished(bool ok, const QString &message);
    /// Every N seconds while online (page models refresh their documents).
    void refreshTick();
    /// The applications or system applications were read again: microservicesOnAgent() may differ.
    void microservicesChanged();

private:
    void onOnlineChanged();
    void updatePermissions();
    void updateListAvailability();
    void loadOffline(ResourceList *list);

    Session::ControlPlaneSession *m_session;
    Services m_services;
    Cluster::ClusterState *m_state;
    Cluster::ActionService *m_actions;
    QList<ResourceList *> m_lists;
    ResourceList *m_roles = nullptr;
    ResourceList *m_roleBindings = nullptr;
    AgentsPage *m_agents = nullptr;
    ApplicationsPage *m_applications = nullptr;
    NatsPage *m_nats = nullptr;
    AccessPage *m_access = nullptr;
    EventsPage *m_events = nullptr;
    QList<ResourcePage *> m_resourcePages;
    ManifestApply *m_applier = nullptr;
    QTimer m_freshness;
    int m_permissionsRevision = 0;
    // Declared last: destroyed first, so no parse job outlives the lists it reports to.
    QThreadPool m_pool;
};

} // namespace Pot::Models
