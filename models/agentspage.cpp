#include "agentspage.h"

#include "core/api/records.h"
#include "core/cluster/clusterstate.h"
#include "core/logging.h"
#include "core/net/controllerclient.h"
#include "core/resources/kinds/kinds.h"
#include "models/applicationspage.h"
#include "core/session/controlplanesession.h"
#include "models/clusterview.h"
#include "core/session/controlplanesession.h"
#include "models/resourcepage.h"
#include "models/timetext.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace Pot::Models {

ResourceList::Spec AgentsPage::microserviceSpec()
{
    ResourceList::Spec spec;
    spec.id = QStringLiteral("agentMicroservices");
    spec.arrayKey = QStringLiteral("microservices");
    // Narrow enough for the detail pane (no horizontal scrolling); wider panes stretch them.
    spec.columns = {{tr("Name"), 105}, {tr("Application"), 160}, {tr("Status"), 90},
                    {tr("Activated"), 80}};
    spec.build = [](const QJsonObject &o) {
        ResourceRow row;
        row.key = o.value(u"uuid").toString();
        row.object = o;
        const QJsonObject status = o.value(u"status").toObject();
        const QString state = status.value(u"status").toString();
        const QString error = status.value(u"errorMessage").toString();
        const bool system = o.value(u"isSystem").toBool();
        const QString application = o.value(u"application").toString();
        // System applications are named system-<agent>: the name says it; the tip explains.
        row.cells = {o.value(u"name").toString(),
                     application,
                     state,
                     o.value(u"isActivated").toBool() ? tr("yes") : tr("no")};
        row.tips = {row.key,
                    system ? tr("A system application, made by the Controller for this agent.")
                           : QString(),
                    error,
                    o.value(u"isActivated").toBool()
                        ? tr("isActivated: the Controller deploys this microservice.")
                        : tr("isActivated is false: the microservice is stopped.")};
        row.tones = {Tone::None, Tone::None,
                     error.isEmpty() ? ApplicationsPage::microserviceTone(state) : Tone::Bad,
                     o.value(u"isActivated").toBool() ? Tone::None : Tone::Warn};
        return row;
    };
    return spec;
}

AgentsPage::AgentsPage(ClusterView *cluster)
    : QObject(cluster)
    , m_cluster(cluster)
    // The registry's page; a cluster view made without the agents kind (tests) still lists agents:
    // the look-ups across kinds (agentName) read them.
    , m_page(cluster->resourcePage(QStringLiteral("agents"))
                 ? cluster->resourcePage(QStringLiteral("agents"))
                 : new ResourcePage(Resources::Kinds::agents(), cluster))
    , m_microservices(new ResourceList(microserviceSpec(), nullptr, this))
{
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, [this] {
        if (keySecondsLeft() == 0)
            m_countdown.stop();
        Q_EMIT keyCountdownChanged();
    });
    connect(m_page, &ResourcePage::selectionChanged, this, &AgentsPage::onSelectionChanged);
    connect(m_page, &ResourcePage::actionsChanged, this, &AgentsPage::actionsChanged);

    // The microservices on the selected agent: fed from the application lists (no request of
    // their own), so a refresh updates them by diff and keeps the selection.
    connect(m_cluster, &ClusterView::microservicesChanged, this, &AgentsPage::feedMicroservices);
    connect(m_microservices, &ResourceList::selectedObjectChanged, this, [this] {
        Q_EMIT microserviceSelectionChanged();
        Q_EMIT actionsChanged();
    });
    // Its refresh() (no client) only marks it stale: read the application lists again.
    connect(m_microservices, &ResourceList::stateChanged, this, [this] {
        const QList<ResourceList *> sources = m_cluster->microserviceSources();
        if (!m_microservices->stale() || sources.isEmpty() || sources.first()->stale()
            || m_cluster->demo())
            return;
        for (ResourceList *source : sources)
            source->refresh();
        feedMicroservices();
    });
    if (cluster->demo())
        m_microservices->setFixed(list()->freshnessText());
    connect(list(), &ResourceList::freshnessChanged, m_microservices,
            &ResourceList::notifyFreshness);
    onSelectionChanged();
}

AgentsPage::~AgentsPage()
{
    clearProvisioningKey();
}

ResourceList *AgentsPage::list() const
{
    return m_page->list();
}

DetailsModel *AgentsPage::details() const
{
    return m_page->details();
}

void AgentsPage::onSelectionChanged()
{
    const QString uuid = selectedUuid();
    // The key of one fog never stays around while another is selected.
    if ((hasKey() || m_keyLoading || !m_keyError.isEmpty()) && uuid != m_keyUuid)
        clearProvisioningKey();
    feedMicroservices();
    Q_EMIT selectionChanged();
    if (uuid != m_shownUuid) {
        m_shownUuid = uuid;
        Q_EMIT actionsChanged();
    }
}

QString AgentsPage::selectedUuid() const
{
    return m_page->selectedKey();
}

QString AgentsPage::selectedName() const
{
    return m_page->selectedName();
}

QString AgentsPage::selectedStatus() const
{
    return Api::Json::string(m_page->selectedObject(), QLatin1StringView("daemonStatus"));
}

int AgentsPage::selectedStatusTone() const
{
    return int(Resources::Kinds::agentStatusTone(selectedStatus()));
}

QString AgentsPage::provisioningKeyDeniedReason() const
{
    if (selectedUuid().isEmpty())
        return tr("Select an agent first.");
    // RBAC files this under fogs:get, but a new key replaces the fog's old one: a change, so a
    // read-only profile (or the demo, or offline) does not mint keys.
    if (const QString reason = m_cluster->readOnlyReason(); !reason.isEmpty())
        return reason;
    return m_cluster->deniedReason(QStringLiteral("fogs"), QStringLiteral("get"), selectedUuid());
}

// ---- microservices on the agent

void AgentsPage::feedMicroservices()
{
    const QString agent = selectedUuid();
    QJsonArray placed;
    for (const QJsonObject &ms : m_cluster->microservicesOnAgent(agent))
        placed.append(ms);
    // Another agent: other rows; drop the old selection first.
    if (agent != m_fedAgent) {
        m_microservices->setSelectedKey(QString());
        m_microservices->setFilterText(QString());
        m_fedAgent = agent;
    }
    const QList<ResourceList *> sources = m_cluster->microserviceSources();
    const ResourceList *source = sources.isEmpty() ? nullptr : sources.first();
    const QDateTime at = source && source->updatedAt().isValid() ? source->updatedAt()
                                                                 : QDateTime::currentDateTimeUtc();
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("microservices"), placed}})
                                .toJson(QJsonDocument::Compact);
    m_microservices->showAnswer(body, at, source && source->stale());
}

QJsonObject AgentsPage::placedMicroservice(const QString &uuid) const
{
    return uuid.isEmpty() ? QJsonObject() : m_microservices->object(uuid);
}

QString AgentsPage::microserviceUuid() const
{
    return m_microservices->selectedObject().value(u"uuid").toString();
}

QString AgentsPage::microserviceName() const
{
    return m_microservices->selectedObject().value(u"name").toString();
}

bool AgentsPage::microserviceSystem() const
{
    return m_microservices->selectedObject().value(u"isSystem").toBool();
}

QString AgentsPage::microserviceDeniedReason(const QString &uuid, bool restart) const
{
    const QJsonObject ms = placedMicroservice(uuid);
    if (ms.isEmpty())
        return tr("Select a microservice first.");
    if (ms.value(u"isSystem").toBool()) {
        // System microservices (router, NATS) have their own routes under /microservices/system/
        // (RBAC resource systemMicroservices); there is a rebuild among them but no start or stop.
        if (restart)
            return tr("The Controller has no start or stop route for system microservices; "
                      "rebuild recreates the container instead.");
        return m_cluster->deniedReason(QStringLiteral("systemMicroservices"),
                                       QStringLiteral("patch"), uuid);
    }
    return m_cluster->deniedReason(QStringLiteral("microservices"), QStringLiteral("patch"), uuid);
}

bool AgentsPage::restartMicroservice(const QString &uuid)
{
    if (!microserviceDeniedReason(uuid, true).isEmpty())
        return false;
    const QString name = placedMicroservice(uuid).value(u"name").toString();
    const QString base = u"/microservices/" + Net::pathSegment(uuid);
    // The Controller (3.7.3) has no restart route: a restart is a stop, then a start once the
    // stop succeeded. A failed stop is reported as it is and nothing is started (the microservice
    // may still be running, and starting it would hide why the stop failed).
    ClusterView *cluster = m_cluster;
    m_cluster->runAction(
        tr("Microservice %1 stopped; starting it again…").arg(name),
        Net::ApiRequest::sendJson(QByteArrayLiteral("PATCH"), base + u"/stop", QJsonObject()), {},
        [cluster, base, name](const Result<Net::ApiResponse> &stopped) {
            if (!stopped)
                return;
            cluster->runAction(tr("Microservice %1 restarted.").arg(name),
                               Net::ApiRequest::sendJson(QByteArrayLiteral("PATCH"),
                                                         base + u"/start", QJsonObject()),
                               cluster->microserviceSources());
        });
    return true;
}

bool AgentsPage::rebuildMicroservice(const QString &uuid)
{
    if (!microserviceDeniedReason(uuid, false).isEmpty())
        return false;
    const QJsonObject ms = placedMicroservice(uuid);
    const QString prefix = ms.value(u"isSystem").toBool() ? QStringLiteral("/microservices/system/")
                                                         : QStringLiteral("/microservices/");
    m_cluster->runAction(tr("Rebuild of microservice %1 requested.")
                             .arg(ms.value(u"name").toString()),
                         Net::ApiRequest::sendJson(QByteArrayLiteral("PATCH"),
                                                   prefix + Net::pathSegment(uuid) + u"/rebuild",
                                                   QJsonObject()),
                         m_cluster->microserviceSources());
    return true;
}

// ---- provisioning key

void AgentsPage::fetchProvisioningKey()
{
    const QString uuid = selectedUuid();
    if (uuid.isEmpty() || !provisioningKeyDeniedReason().isEmpty())
        return;
    clearProvisioningKey();
    m_keyUuid = uuid;
    m_keyLoading = true;
    auto *context = new QObject(this);
    m_keyRequest = context;
    Q_EMIT provisioningKeyChanged();
    Net::ApiRequest request = Net::ApiRequest::get(
        u"/iofog/" + Net::pathSegment(uuid) + u"/provisioning-key");
    // The body holds the key: parsed here and wiped, not kept as the reply's JSON.
    request.parseJson = false;
    m_cluster->send(request, context, [this, context](Result<Net::ApiResponse> r) {
        context->deleteLater();
        m_keyLoading = false;
        if (!r) {
            m_keyError = r.error().message;
        } else {
            const QJsonObject o = QJsonDocument::fromJson(r->body).object();
            SecretBytes::wipe(r->body);
            QByteArray key = o.value(u"key").toString().toUtf8();
            if (key.isEmpty()) {
                m_keyError = tr("The Controller answered without a provisioning key.");
            } else {
                m_key = SecretBytes::takeFrom(key);
                m_caCert = o.value(u"caCert").toString();
                // expirationTime is on the Controller's clock; count down on ours.
                m_keyExpiresLocalMs = qint64(o.value(u"expirationTime").toDouble()) - r->clockSkewMs;
                m_countdown.start();
                rememberMintedKey(qint64(o.value(u"expirationTime").toDouble()));
            }
        }
        Q_EMIT provisioningKeyChanged();
        Q_EMIT keyCountdownChanged();
    });
}

void AgentsPage::rememberMintedKey(qint64 expirationMs)
{
    // For the expiry radar: which agent has a key until when (never the key). The Controller
    // cannot list provisioning keys, and asking it for one would replace the agent's key.
    const Profiles::SnapshotStore *store = m_cluster->services().snapshots;
    if (!store || !m_cluster->session() || m_cluster->demo())
        return;
    const QUuid profile = m_cluster->session()->profile().id;
    const QString id = QStringLiteral("provisioningKeys");
    QJsonArray keys;
    if (Result<Profiles::Snapshot> saved = store->load(profile, id))
        keys = QJsonDocument::fromJson(saved->body).object().value(u"keys").toArray();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QJsonArray kept;
    for (const QJsonValue &v : std::as_const(keys)) {
        const QJsonObject k = v.toObject();
        // The agent's earlier key is replaced; keys long expired are dropped.
        if (k.value(u"uuid").toString() != m_keyUuid && k.value(u"expirationTime").toInteger() > now - 7LL * 86400 * 1000)
            kept << k;
    }
    kept << QJsonObject{{QStringLiteral("agent"), m_cluster->state()->agentName(m_keyUuid)},
                        {QStringLiteral("uuid"), m_keyUuid},
                        {QStringLiteral("mintedAt"), now},
                        {QStringLiteral("expirationTime"), expirationMs}};
    if (const Status saved = store->save(profile, id, QJsonDocument(QJsonObject{{QStringLiteral("keys"), kept}}).toJson(QJsonDocument::Compact));
        !saved)
        qCWarning(lcModels) << "minted key not noted for the expiry radar:" << saved.error().toString();
}

void AgentsPage::clearProvisioningKey()
{
    const bool had = hasKey() || m_keyLoading || !m_keyError.isEmpty() || m_keyRevealed;
    delete m_keyRequest.data(); // its answer is no longer wanted
    m_keyLoading = false;
    m_key.clear(); // wipes
    m_caCert.clear();
    m_keyUuid.clear();
    m_keyError.clear();
    m_keyRevealed = false;
    m_keyExpiresLocalMs = 0;
    m_countdown.stop();
    if (had) {
        Q_EMIT provisioningKeyChanged();
        Q_EMIT keyCountdownChanged();
    }
}

void AgentsPage::setKeyRevealed(bool revealed)
{
    if (revealed == m_keyRevealed)
        return;
    m_keyRevealed = revealed;
    Q_EMIT provisioningKeyChanged();
}

QString AgentsPage::keyText() const
{
    if (m_key.isEmpty())
        return {};
    if (m_keyRevealed)
        return withKey({});
    // As many dots as the key has characters (UTF-8 continuation bytes are not characters).
    qsizetype chars = 0;
    for (std::size_t i = 0; i < m_key.size(); ++i)
        chars += (m_key.constData()[i] & 0xC0) != 0x80;
    return QString(chars, u'•');
}

QString AgentsPage::keyExpiresAt() const
{
    return hasKey() ? TimeText::exact(m_keyExpiresLocalMs) : QString();
}

int AgentsPage::keySecondsLeft() const
{
    if (!hasKey())
        return 0;
    const qint64 left = m_keyExpiresLocalMs - QDateTime::currentMSecsSinceEpoch();
    return left <= 0 ? 0 : int((left + 999) / 1000);
}

QString AgentsPage::keyCountdownText() const
{
    if (!hasKey())
        return {};
    const int left = keySecondsLeft();
    if (left == 0)
        return tr("expired");
    return tr("%1 left").arg(TimeText::duration(qint64(left) * 1000));
}

QString AgentsPage::caCertPem() const
{
    if (m_caCert.isEmpty())
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(m_caCert.toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || !decoded.decoded.contains("-----BEGIN"))
        return m_caCert; // not base64 of a PEM: show what the Controller sent
    return QString::fromUtf8(decoded.decoded);
}

QString AgentsPage::controllerUrl() const
{
    const Session::ControlPlaneSession *session = m_cluster->session();
    if (!session || !session->client())
        return {};
    QString url = session->client()->baseUrl().toString();
    if (!url.endsWith(u'/'))
        url += u'/';
    return url;
}

QString AgentsPage::certCommand() const
{
    if (m_caCert.isEmpty())
        return {};
    // iofog-agent takes the CA as base64 of the PEM, which is what the Controller sends.
    return u"sudo iofog-agent cert " + m_caCert;
}

QString AgentsPage::configCommand() const
{
    const QString url = controllerUrl();
    return url.isEmpty() ? QString() : u"sudo iofog-agent config -a " + url;
}

QString AgentsPage::provisionCommand() const
{
    return hasKey() ? u"sudo iofog-agent provision " + keyText() : QString();
}

QString AgentsPage::withKey(const QString &prefix) const
{
    QByteArray bytes = m_key.revealCopy();
    const QString out = prefix + QString::fromUtf8(bytes);
    SecretBytes::wipe(bytes);
    return out;
}

void AgentsPage::copyKey() const
{
    if (hasKey())
        m_cluster->copy(withKey({}), true);
}

void AgentsPage::copyProvisionCommand() const
{
    if (hasKey())
        m_cluster->copy(withKey(QStringLiteral("sudo iofog-agent provision ")), true);
}

void AgentsPage::copyCertCommand() const
{
    if (const QString cert = certCommand(); !cert.isEmpty())
        m_cluster->copy(cert, false);
}

void AgentsPage::copyConfigCommand() const
{
    if (const QString config = configCommand(); !config.isEmpty())
        m_cluster->copy(config, false);
}

void AgentsPage::copyAllCommands() const
{
    if (!hasKey())
        return;
    QStringList lines;
    if (const QString cert = certCommand(); !cert.isEmpty())
        lines << cert;
    if (const QString config = configCommand(); !config.isEmpty())
        lines << config;
    lines << withKey(QStringLiteral("sudo iofog-agent provision "));
    m_cluster->copy(lines.join(u'\n') + u'\n', true);
}

} // namespace Pot::Models
