#pragma once

#include "core/cluster/objectreader.h"
#include "core/api/records.h"
#include "core/cluster/demodata.h"
#include "core/error.h"
#include "core/profiles/snapshotstore.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <optional>
#include <utility>

namespace Pot::Net {
class ApiReply;
}

namespace Pot::Session {
class ControlPlaneSession;
}

namespace Pot::Cluster {

/// What is known of one control plane's cluster, whatever shows it: whether it is live, the refresh
/// tick while it is, the last answers saved on disk (snapshots) or bundled (the demo, its times
/// moved to now), single documents, whether the Controller has NATS, and typed look-ups across
/// kinds ("the agent with this uuid", "the microservices on this agent") read from the list answers
/// as typed records, so no page reads another page's list.
///
/// List answers reach the look-ups object by object through recordsReader() while their rows are
/// built, and snapshots are read and written through savedAnswer() and snapshotSink(); all three may
/// run on a worker thread, and the caller keeps the state alive until such work is done.
class ClusterState final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterState)

public:
    struct Services
    {
        const Profiles::SnapshotStore *snapshots = nullptr; ///< nullptr: no snapshots
        QString demoRoot = DemoData::root();                ///< where the demo answers are
    };

    /// Snapshot/demo ids of the lists the typed look-ups read.
    static QString agentsId() { return QStringLiteral("agents"); }
    static QString applicationsId() { return QStringLiteral("applications"); }
    static QString systemApplicationsId() { return QStringLiteral("systemApplications"); }

    ClusterState(const Session::ControlPlaneSession *session, Services services,
                 QObject *parent = nullptr);

    const Session::ControlPlaneSession *session() const { return m_session; }
    bool online() const;
    bool demo() const;
    /// Follows the session from now on (its changes call this): emits onlineChanged() and tick()
    /// when it goes online (and checks for NATS), sessionUpdated() otherwise. Call once after
    /// connecting to the signals.
    void update();

    bool natsAvailable() const { return m_natsAvailable; }
    bool natsKnown() const { return m_natsKnown; }

    // ---- saved and bundled answers

    /// "Sample data (generated from Controller 3.7.3 answers)": the freshness of every demo list.
    QString demoFreshnessText() const;
    /// The demo's answer, or the snapshot, saved under `id`; nullopt when there is none.
    std::optional<Profiles::Snapshot> offlineDocument(const QString &id) const;
    /// The same as a function that may run on any thread (a large snapshot is read off the GUI
    /// thread).
    std::function<std::optional<Profiles::Snapshot>()> savedAnswer(const QString &id) const;
    /// Saves a list answer read from the Controller as the snapshot `id` (any thread): the array
    /// under `arrayKey` only, secrets removed; an unchanged answer only every few minutes. Null
    /// when nothing is saved (the demo, no snapshot store).
    std::function<void(const QByteArray &answer, const QDateTime &at)>
    snapshotSink(const QString &id, const QString &arrayKey) const;
    /// A single document (NATS operator, hub) under `id`: fetched while online, from the snapshot
    /// or demo data otherwise. `done` gets the JSON and whether it is live.
    void fetchDocument(const QString &id, const QString &path, QObject *context,
                       std::function<void(const QJsonValue &json, bool live)> done,
                       std::function<void(const Error &)> failed = {});
    /// The entry `key` of the bundled demo document `file` (e.g. "secrets-details"); undefined
    /// when not a demo control plane or absent.
    QJsonValue demoDocument(const QString &file, const QString &key) const;

    // ---- typed look-ups across kinds

    /// Reads the list answer `listId` (agentsId(), applicationsId(), systemApplicationsId(); others
    /// are ignored) into typed records. A body that is no such list changes nothing.
    void applyAnswer(const QString &listId, const QByteArray &body);
    /// The same for any thread, object by object as a list reads its answer: collects where it is
    /// called, applies on this object's thread once done (queued when called from another one).
    /// Null for a list the look-ups do not read.
    ObjectReaderFactory recordsReader(const QString &listId);
    /// The name of the agent `uuid`, or empty when it is not listed.
    QString agentName(const QString &uuid) const;
    /// Every listed agent as (uuid, name), sorted by name.
    QList<std::pair<QString, QString>> agentNames() const { return m_agentNames; }
    /// The microservices placed on the agent `uuid` (iofogUuid), from the applications and the
    /// system applications as last read, in list order. Each is the Controller's object with
    /// `application` (its application's name) and `isSystem` (whether that application is a
    /// system one) set.
    QList<QJsonObject> microservicesOnAgent(const QString &uuid) const;

Q_SIGNALS:
    void onlineChanged();
    /// The session changed without going on- or offline (user, roles, status).
    void sessionUpdated();
    /// Every N seconds while online, and once on going online.
    void tick();
    void natsAvailableChanged();
    /// The typed records of `listId` were read again.
    void recordsChanged(const QString &listId);

private:
    struct Records;
    static void addRecord(const QString &listId, Records &records, const QJsonObject &object);
    static void finishRecords(const QString &listId, Records &records);
    void setRecords(const QString &listId, const std::shared_ptr<const Records> &records);
    void checkNatsCapability();

    const Session::ControlPlaneSession *m_session;
    Services m_services;
    QTimer m_refresh;
    QPointer<Net::ApiReply> m_capabilityReply;
    bool m_wasOnline = false;
    bool m_natsAvailable = false;
    bool m_natsKnown = false;
    qint64 m_demoShiftMs = 0; ///< now minus the reference time of the sample data
    QString m_demoVersion;    ///< the Controller version the sample data is modelled on
    QHash<QString, QString> m_agentNameOf;
    QList<std::pair<QString, QString>> m_agentNames;
    QList<Api::Application> m_applications;
    QList<Api::Application> m_systemApplications;
};

} // namespace Pot::Cluster
