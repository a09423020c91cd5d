#include "clusterstate.h"

#include "core/jsonelements.h"
#include "core/logging.h"
#include "core/net/apireply.h"
#include "core/net/controllerclient.h"
#include "core/session/controlplanesession.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <memory>

namespace Pot::Cluster {

namespace {

/// Calls `each` with every object of the array under `arrayKey` in `body`, element by element (a
/// 10,000-agent answer is never one tree). false when `body` holds no such array.
bool forEachObject(const QByteArray &body, const QString &arrayKey,
                   const std::function<void(const QJsonObject &)> &each)
{
    if (const std::optional<QList<QByteArrayView>> elements = jsonArrayElements(body, arrayKey)) {
        for (const QByteArrayView element : *elements) {
            if (element.isEmpty() || element.front() != '{')
                continue;
            const QJsonDocument doc = QJsonDocument::fromJson(
                QByteArray::fromRawData(element.data(), element.size()));
            if (doc.isObject())
                each(doc.object());
        }
        return true;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QJsonValue list = doc.isArray() ? QJsonValue(doc.array()) : doc.object().value(arrayKey);
    if (!list.isArray())
        return false;
    for (const QJsonValue &v : list.toArray()) {
        if (v.isObject())
            each(v.toObject());
    }
    return true;
}

} // namespace

/// The typed records read from one list answer.
struct ClusterState::Records
{
    QHash<QString, QString> agentNameOf;
    QList<std::pair<QString, QString>> agentNames; ///< sorted by name
    QList<Api::Application> applications;
};

ClusterState::ClusterState(const Session::ControlPlaneSession *session, Services services,
                           QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_services(std::move(services))
{
    if (demo()) {
        // The sample is generated around a fixed time: read relative to now, as if just reported.
        if (auto status = DemoData::readStatus(m_services.demoRoot)) {
            m_demoShiftMs = QDateTime::currentMSecsSinceEpoch() - status->referenceMs;
            m_demoVersion = status->version;
        }
    }
    connect(&m_refresh, &QTimer::timeout, this, &ClusterState::tick);
    if (m_session)
        connect(m_session, &Session::ControlPlaneSession::changed, this, &ClusterState::update);
    if (auto nats = offlineDocument(QStringLiteral("capabilities"))) {
        m_natsAvailable = QJsonDocument::fromJson(nats->body).object().value(u"nats").toBool();
        m_natsKnown = true;
    }
}

bool ClusterState::online() const
{
    return m_session && m_session->online();
}

bool ClusterState::demo() const
{
    return m_session && m_session->profile().demo;
}

void ClusterState::update()
{
    if (m_session)
        m_refresh.setInterval(std::max(5, m_session->profile().refreshIntervalSec) * 1000);
    if (demo() && !m_natsKnown) {
        m_natsKnown = true;
        m_natsAvailable = true;
        Q_EMIT natsAvailableChanged();
    }
    const bool isOnline = online();
    if (isOnline == m_wasOnline) {
        Q_EMIT sessionUpdated();
        return;
    }
    m_wasOnline = isOnline;
    if (isOnline) {
        checkNatsCapability();
        m_refresh.start();
    } else {
        m_refresh.stop();
    }
    Q_EMIT onlineChanged();
    if (isOnline)
        Q_EMIT tick();
}

void ClusterState::checkNatsCapability()
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
            m_natsAvailable = available;
            if (m_services.snapshots && m_session) {
                QJsonObject o;
                o.insert(u"nats", available);
                if (Status s = m_services.snapshots->save(
                        m_session->profile().id, QStringLiteral("capabilities"), QJsonValue(o));
                    !s)
                    qCWarning(lcCoreProfiles) << "capabilities not saved:" << s.error().message;
            }
            Q_EMIT natsAvailableChanged();
        });
}

// ---- saved and bundled answers

QString ClusterState::demoFreshnessText() const
{
    return tr("Sample data (generated from Controller %1 answers)")
        .arg(m_demoVersion.isEmpty() ? QStringLiteral("3.7.3") : m_demoVersion);
}

std::optional<Profiles::Snapshot> ClusterState::offlineDocument(const QString &id) const
{
    if (demo()) {
        // Sample data: shown as current, not as stale.
        std::optional<QByteArray> body = DemoData::read(m_services.demoRoot, id, m_demoShiftMs);
        if (!body)
            return std::nullopt;
        return Profiles::Snapshot{std::move(*body), QDateTime::currentDateTimeUtc(), {}, -1};
    }
    if (!m_services.snapshots || !m_session)
        return std::nullopt;
    Result<Profiles::Snapshot> s = m_services.snapshots->load(m_session->profile().id, id);
    if (!s)
        return std::nullopt;
    return *s;
}

std::function<std::optional<Profiles::Snapshot>()> ClusterState::savedAnswer(const QString &id) const
{
    const bool isDemo = demo();
    const QString root = m_services.demoRoot;
    const qint64 shiftMs = m_demoShiftMs;
    const Profiles::SnapshotStore *store = m_services.snapshots;
    const QUuid profile = m_session ? m_session->profile().id : QUuid();
    return [isDemo, root, shiftMs, store, profile, id]() -> std::optional<Profiles::Snapshot> {
        if (isDemo) {
            std::optional<QByteArray> body = DemoData::read(root, id, shiftMs);
            if (!body)
                return std::nullopt;
            return Profiles::Snapshot{std::move(*body), QDateTime::currentDateTimeUtc(), {}, -1};
        }
        if (!store || profile.isNull())
            return std::nullopt;
        Result<Profiles::Snapshot> s = store->load(profile, id);
        if (!s)
            return std::nullopt;
        return std::move(*s);
    };
}

std::function<void(const QByteArray &, const QDateTime &)>
ClusterState::snapshotSink(const QString &id, const QString &arrayKey) const
{
    if (!m_services.snapshots || !m_session || demo())
        return {};
    const Profiles::SnapshotStore *store = m_services.snapshots;
    const QUuid profile = m_session->profile().id;
    // An unchanged answer is written again only every few minutes, so the saved time stays close
    // to the last time the Controller confirmed it.
    struct Written { size_t hash = 0; QDateTime at; };
    auto last = std::make_shared<Written>();
    return [store, profile, id, arrayKey, last](const QByteArray &answer, const QDateTime &at) {
        const size_t hash = qHash(answer);
        if (hash == last->hash && last->at.isValid() && last->at.secsTo(at) < 300)
            return;
        if (Status s = store->saveList(profile, id, answer, arrayKey, at); !s) {
            qCWarning(lcCoreProfiles) << "snapshot" << id << "not saved:" << s.error().message;
            return;
        }
        *last = Written{hash, at};
    };
}

void ClusterState::fetchDocument(const QString &id, const QString &path, QObject *context,
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

QJsonValue ClusterState::demoDocument(const QString &file, const QString &key) const
{
    if (!demo())
        return QJsonValue(QJsonValue::Undefined);
    const std::optional<QByteArray> body = DemoData::read(m_services.demoRoot, file, m_demoShiftMs);
    if (!body)
        return QJsonValue(QJsonValue::Undefined);
    return QJsonDocument::fromJson(*body).object().value(key);
}

// ---- typed look-ups

void ClusterState::addRecord(const QString &listId, Records &records, const QJsonObject &object)
{
    if (listId == agentsId()) {
        // Only what the look-ups need is kept: 10,000 agents are held by their list already.
        if (Result<Api::Fog> fog = Api::Fog::fromJson(object)) {
            records.agentNameOf.insert(fog->uuid, fog->name);
            records.agentNames.append({fog->uuid, fog->name});
        }
    } else if (listId == applicationsId() || listId == systemApplicationsId()) {
        if (Result<Api::Application> app = Api::Application::fromJson(object))
            records.applications << std::move(*app);
    }
}

void ClusterState::finishRecords(const QString &listId, Records &records)
{
    if (listId == agentsId()) {
        std::sort(records.agentNames.begin(), records.agentNames.end(),
                  [](const auto &a, const auto &b) { return a.second.localeAwareCompare(b.second) < 0; });
    }
}

ObjectReaderFactory ClusterState::recordsReader(const QString &listId)
{
    if (listId != agentsId() && listId != applicationsId() && listId != systemApplicationsId())
        return {};
    // Object by object while the list builds its rows: the answer is parsed once (a second parse of
    // 10,000 agents needed ~170 MB of parser buffers, and the console kept part of it resident).
    return [this, listId] {
        auto records = std::make_shared<Records>();
        return ObjectReader{
            [records, listId](const QJsonObject &o) { addRecord(listId, *records, o); },
            [this, records, listId] {
                finishRecords(listId, *records);
                QMetaObject::invokeMethod(
                    this, [this, listId, records] { setRecords(listId, records); }, Qt::AutoConnection);
            }};
    };
}

void ClusterState::applyAnswer(const QString &listId, const QByteArray &body)
{
    if (listId != agentsId() && listId != applicationsId() && listId != systemApplicationsId())
        return;
    auto records = std::make_shared<Records>();
    const QString arrayKey = listId == agentsId() ? QStringLiteral("fogs") : QStringLiteral("applications");
    if (!forEachObject(body, arrayKey, [&](const QJsonObject &o) { addRecord(listId, *records, o); }))
        return;
    finishRecords(listId, *records);
    setRecords(listId, records);
}

void ClusterState::setRecords(const QString &listId, const std::shared_ptr<const Records> &records)
{
    if (listId == agentsId()) {
        m_agentNameOf = records->agentNameOf;
        m_agentNames = records->agentNames;
    } else if (listId == applicationsId()) {
        m_applications = records->applications;
    } else if (listId == systemApplicationsId()) {
        m_systemApplications = records->applications;
    } else {
        return;
    }
    Q_EMIT recordsChanged(listId);
}

QString ClusterState::agentName(const QString &uuid) const
{
    return m_agentNameOf.value(uuid);
}

QList<QJsonObject> ClusterState::microservicesOnAgent(const QString &uuid) const
{
    QList<QJsonObject> out;
    if (uuid.isEmpty())
        return out;
    for (const QList<Api::Application> *source : {&m_applications, &m_systemApplications}) {
        const bool system = source == &m_systemApplications;
        for (const Api::Application &app : *source) {
            for (const Api::Microservice &m : app.microservices) {
                if (m.agentUuid != uuid)
                    continue;
                QJsonObject ms = m.json;
                if (m.application.isEmpty())
                    ms.insert(QStringLiteral("application"), app.name);
                ms.insert(QStringLiteral("isSystem"), system || app.isSystem);
                out.append(ms);
            }
        }
    }
    return out;
}

} // namespace Pot::Cluster
