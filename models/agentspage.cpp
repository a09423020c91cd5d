#include "agentspage.h"

#include "core/api/records.h"
#include "core/net/controllerclient.h"
#include "models/applicationspage.h"
#include "core/session/controlplanesession.h"
#include "models/clusterview.h"
#include "models/timetext.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace Pot::Models {

namespace {

Tone statusTone(const QString &status)
{
    if (status == u"RUNNING")
        return Tone::Ok;
    if (status == u"WARNING" || status == u"DEPROVISIONED" || status == u"NOT_PROVISIONED")
        return Tone::Warn;
    if (status == u"UNKNOWN" || status == u"STOPPED" || status == u"ERROR")
        return Tone::Bad;
    return Tone::None;
}

QString percent(double v)
{
    return QString::number(v, 'f', v < 10 ? 1 : 0) + u'%';
}

QString dash()
{
    return QStringLiteral("\u2014");
}

/// A JSON value as the detail pane shows it; null, empty strings and empty arrays read "—".
QString plain(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        return v.toBool() ? AgentsPage::tr("yes") : AgentsPage::tr("no");
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (d == double(qint64(d)))
            return QString::number(qint64(d));
        return QString::number(d, 'g', 10);
    }
    case QJsonValue::String:
        return v.toString().isEmpty() ? dash() : v.toString();
    case QJsonValue::Array: {
        QStringList items;
        for (const QJsonValue &item : v.toArray())
            items << (item.isString() ? item.toString() : plain(item));
        return items.isEmpty() ? dash() : items.join(u", ");
    }
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return dash();
}

bool isEmptyValue(const QJsonValue &v)
{
    return v.isNull() || v.isUndefined() || (v.isString() && v.toString().isEmpty())
           || (v.isArray() && v.toArray().isEmpty());
}

/// A violation field is set when the agent reported one: anything but null, "", "0" or false.
bool isViolation(const QJsonValue &v)
{
    if (isEmptyValue(v))
        return false;
    if (v.isBool())
        return v.toBool();
    if (v.isDouble())
        return v.toDouble() != 0;
    const QString s = v.toString().trimmed().toLower();
    return s != u"0" && s != u"false" && s != u"no" && s != u"none";
}

/// Collects the rows of one group. A key the object does not have is left out.
class Rows
{
public:
    Rows(const QJsonObject &o, QList<DetailRow> &out)
        : m_o(o)
        , m_out(out)
    {}

    void group(const QString &name) { m_group = name; }
    bool has(const char16_t *key) const { return m_o.contains(QStringView(key)); }
    QJsonValue value(const char16_t *key) const { return m_o.value(QStringView(key)); }

    void add(const QString &label, const QString &value, const QString &hint = {},
             bool warning = false)
    {
        m_out.append(DetailRow(m_group, label, value.isEmpty() ? dash() : value, hint, false,
                               warning));
    }
    void field(const char16_t *key, const QString &label, const QString &hint = {})
    {
        if (has(key))
            add(label, plain(value(key)), hint);
    }
    /// A number with a unit ("80 %", "4096 MiB"); null reads "—".
    void unit(const char16_t *key, const QString &label, const QString &unitText,
              const QString &hint = {})
    {
        if (!has(key))
            return;
        const QJsonValue v = value(key);
        add(label, isEmptyValue(v) ? dash() : plain(v) + u' ' + unitText, hint);
    }
    /// A time in ms since the epoch, relative with the exact time as hint; 0 reads `zeroText`.
    void time(const char16_t *key, const QString &label, qint64 nowMs, const QString &zeroText = {})
    {
        if (!has(key))
            return;
        const qint64 ms = qint64(value(key).toDouble());
        if (ms <= 0) {
            add(label, zeroText.isEmpty() ? dash() : zeroText);
            return;
        }
        add(label, TimeText::relative(ms, nowMs), TimeText::exact(ms));
    }
    /// An ISO time (createdAt), exact with the relative time as hint.
    void isoTime(const char16_t *key, const QString &label, qint64 nowMs)
    {
        if (!has(key))
            return;
        const qint64 ms = TimeText::parseIso(value(key).toString());
        if (ms <= 0)
            add(label, plain(value(key)));
        else
            add(label, TimeText::exact(ms), TimeText::relative(ms, nowMs));
    }
    void duration(const char16_t *key, const QString &label)
    {
        if (!has(key))
            return;
        const qint64 ms = qint64(value(key).toDouble());
        add(label, ms > 0 ? TimeText::duration(ms) : dash());
    }
    void bytes(const char16_t *key, const QString &label)
    {
        if (!has(key))
            return;
        const QJsonValue v = value(key);
        if (isEmptyValue(v) || !v.isDouble()) {
            add(label, plain(v));
            return;
        }
        add(label, QLocale().formattedDataSize(qint64(v.toDouble())),
            AgentsPage::tr("%1 bytes").arg(qint64(v.toDouble())));
    }
    void violation(const char16_t *key, const QString &label)
    {
        if (!has(key))
            return;
        const QJsonValue v = value(key);
        const bool violated = isViolation(v);
        add(label, isEmptyValue(v) ? AgentsPage::tr("none") : plain(v),
            violated ? AgentsPage::tr("The agent reports that this limit is exceeded.") : QString(),
            violated);
    }

private:
    const QJsonObject &m_o;
    QList<DetailRow> &m_out;
    QString m_group;
};

} // namespace

ResourceList::Spec AgentsPage::listSpec()
{
    ResourceList::Spec spec;
    spec.id = QStringLiteral("agents");
    spec.path = QStringLiteral("/iofog-list");
    spec.arrayKey = QStringLiteral("fogs");
    spec.rbacResource = QStringLiteral("fogs");
    spec.columns = {
        {tr("Name"), 170},       {tr("Status"), 130},   {tr("Host"), 130},
        {tr("Type"), 60},        {tr("Engine"), 70},    {tr("Deployment"), 90},
        {tr("CPU"), 60},         {tr("Memory"), 80},    {tr("Disk"), 60},
        {tr("Version"), 80},     {tr("Last active"), 110}, {tr("Router"), 80},
        {tr("NATS"), 70},
    };
    spec.build = [](const QJsonObject &o) {
        ResourceRow row;
        row.key = o.value(u"uuid").toString();
        row.object = o;
        const QString status = o.value(u"daemonStatus").toString();
        const QString host = o.value(u"host").toString();
        const QString ip = o.value(u"ipAddressExternal").toString(o.value(u"ipAddress").toString());
        const double cpu = o.value(u"cpuUsage").toDouble();
        const double memMb = o.value(u"memoryUsage").toDouble();
        const double disk = o.value(u"diskUsage").toDouble();
        const qint64 lastActive = qint64(o.value(u"lastActive").toDouble());
        const QString name = o.value(u"name").toString();
        row.cells = {
            o.value(u"isSystem").toBool() ? tr("%1 (system)").arg(name) : name,
            status,
            host.isEmpty() ? ip : host,
            Api::fogTypeName(o.value(u"fogTypeId").toInt()),
            o.value(u"containerEngine").toString(),
            o.value(u"deploymentType").toString(),
            percent(cpu),
            tr("%1 MB").arg(memMb, 0, 'f', 0),
            tr("%1 MB").arg(disk, 0, 'f', 0),
            o.value(u"version").toString(),
            lastActive > 0 ? TimeText::relative(lastActive, QDateTime::currentMSecsSinceEpoch())
                           : tr("never"),
            o.value(u"routerMode").toString(),
            o.value(u"natsMode").toString(),
        };
        row.sortKeys = {QVariant(), QVariant(), QVariant(), QVariant(), QVariant(), QVariant(),
                        cpu, memMb, disk, QVariant(), lastActive, QVariant(), QVariant()};
        row.tips = {row.key, o.value(u"warningMessage").toString(),
                    tr("host %1, IP %2, external %3")
                        .arg(host, o.value(u"ipAddress").toString(),
                             o.value(u"ipAddressExternal").toString()),
                    {}, {}, {}, {}, {}, {}, {},
                    lastActive > 0 ? TimeText::exact(lastActive) : tr("The agent never reported."),
                    {}, {}};
        row.tones = {Tone::None, statusTone(status)};
        return row;
    };
    return spec;
}

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

QString AgentsPage::emptyValue()
{
    return dash();
}

QList<DetailRow> AgentsPage::detailRows(const QJsonObject &fog, qint64 nowMs)
{
    QList<DetailRow> out;
    Rows r(fog, out);

    r.group(tr("Identity"));
    r.field(u"name", tr("Name"));
    r.field(u"uuid", tr("UUID"));
    r.field(u"description", tr("Description"));
    r.field(u"location", tr("Location"));
    r.field(u"host", tr("Host"), tr("Address other agents and routers use to reach this agent."));
    r.field(u"ipAddress", tr("IP address"), tr("As reported by the agent; 0.0.0.0 until it reports."));
    r.field(u"ipAddressExternal", tr("External IP address"));
    if (r.has(u"fogTypeId")) {
        const int type = fog.value(u"fogTypeId").toInt();
        r.add(tr("Fog type"), Api::fogTypeName(type), tr("fogTypeId %1").arg(type));
    }
    r.field(u"isSystem", tr("System agent"),
            tr("A system agent runs the control plane's interior router and NATS hub."));
    r.field(u"timeZone", tr("Time zone"));
    r.isoTime(u"createdAt", tr("Created"), nowMs);
    r.isoTime(u"updatedAt", tr("Updated"), nowMs);

    r.group(tr("Health"));
    if (r.has(u"daemonStatus")) {
        const QString status = fog.value(u"daemonStatus").toString();
        const Tone tone = statusTone(status);
        r.add(tr("Status"), status, {}, tone == Tone::Warn || tone == Tone::Bad);
    }
    if (r.has(u"warningMessage")) {
        const QString message = fog.value(u"warningMessage").toString();
        r.add(tr("Warning message"), message, {},
              !message.isEmpty() && message != u"HEALTHY");
    }
    r.time(u"lastActive", tr("Last active"), nowMs, tr("never"));
    r.time(u"lastStatusTime", tr("Last status"), nowMs, tr("never"));
    r.time(u"daemonLastStart", tr("Daemon started"), nowMs);
    r.duration(u"daemonOperatingDuration", tr("Daemon running for"));
    r.time(u"systemTime", tr("Agent clock"), nowMs);
    r.time(u"lastCommandTime", tr("Last command"), nowMs);
    r.field(u"version", tr("Version"));
    r.field(u"isReadyToUpgrade", tr("Ready to upgrade"));
    r.field(u"isReadyToRollback", tr("Ready to roll back"));
    r.field(u"repositoryCount", tr("Registries"));
    r.field(u"repositoryStatus", tr("Registry status"));
    r.field(u"catalogItemStatus", tr("Catalog item status"));
    r.field(u"processedMessages", tr("Processed messages"));
    r.unit(u"messageSpeed", tr("Message speed"), tr("msg/s"));
    r.field(u"catalogItemMessageCounts", tr("Catalog item message counts"));
    r.field(u"activeVolumeMounts", tr("Active volume mounts"));
    r.time(u"volumeMountLastUpdate", tr("Volume mounts updated"), nowMs);

    r.group(tr("Resources and violations"));
    r.unit(u"cpuUsage", tr("CPU usage"), QStringLiteral("%"));
    r.unit(u"cpuLimit", tr("CPU limit"), QStringLiteral("%"));
    r.violation(u"cpuViolation", tr("CPU violation"));
    r.unit(u"memoryUsage", tr("Memory usage"), tr("MB"));
    r.unit(u"memoryLimit", tr("Memory limit"), tr("MiB"));
    r.violation(u"memoryViolation", tr("Memory violation"));
    r.unit(u"diskUsage", tr("Disk usage"), tr("MB"));
    r.unit(u"diskLimit", tr("Disk limit"), tr("GiB"), tr("Disk space the agent may use in its disk directory."));
    r.violation(u"diskViolation", tr("Disk violation"));
    r.bytes(u"systemAvailableDisk", tr("Available disk"));
    r.bytes(u"systemAvailableMemory", tr("Available memory"));
    r.field(u"systemTotalCpu", tr("Total CPU"));

    r.group(tr("Security"));
    const QString security = fog.value(u"securityStatus").toString();
    const bool insecure = r.has(u"securityStatus") && security != u"OK";
    r.field(u"securityStatus", tr("Security status"));
    if (insecure && !out.isEmpty())
        out.last().warning = true;
    if (r.has(u"securityViolationInfo"))
        r.add(tr("Security violation"), plain(fog.value(u"securityViolationInfo")), {}, insecure);

    r.group(tr("Agent config"));
    r.field(u"networkInterface", tr("Network interface"));
    r.field(u"dockerUrl", tr("Container engine URL"));
    r.field(u"containerEngine", tr("Container engine"));
    r.field(u"deploymentType", tr("Deployment type"));
    r.field(u"diskDirectory", tr("Disk directory"));
    r.unit(u"logLimit", tr("Log disk limit"), tr("GiB"));
    r.field(u"logDirectory", tr("Log directory"));
    r.field(u"logFileCount", tr("Log files"));
    r.field(u"logLevel", tr("Log level"));
    r.unit(u"statusFrequency", tr("Status frequency"), tr("s"), tr("How often the agent reports its status."));
    r.unit(u"changeFrequency", tr("Change frequency"), tr("s"), tr("How often the agent asks for changes."));
    r.unit(u"deviceScanFrequency", tr("Device scan frequency"), tr("s"));
    r.field(u"bluetoothEnabled", tr("Bluetooth"));
    r.field(u"watchdogEnabled", tr("Watchdog"));
    r.field(u"abstractedHardwareEnabled", tr("Hardware abstraction"));
    r.unit(u"edgeGuardFrequency", tr("Edge guard frequency"), tr("s"));
    r.unit(u"dockerPruningFrequency", tr("Image pruning frequency"), tr("h"));
    r.unit(u"availableDiskThreshold", tr("Available disk threshold"), QStringLiteral("%"));
    r.field(u"tunnel", tr("Tunnel"));
    r.field(u"routerId", tr("Router ID"));

    r.group(tr("Router"));
    r.field(u"routerMode", tr("Router mode"));
    r.field(u"messagingPort", tr("Messaging port"));
    r.field(u"interRouterPort", tr("Inter-router port"));
    r.field(u"edgeRouterPort", tr("Edge router port"));
    r.field(u"upstreamRouters", tr("Upstream routers"));
    r.field(u"networkRouter", tr("Network router"));

    r.group(tr("NATS"));
    r.field(u"natsMode", tr("NATS mode"));
    r.field(u"natsServerPort", tr("Server port"));
    r.field(u"natsLeafPort", tr("Leaf port"));
    r.field(u"natsClusterPort", tr("Cluster port"));
    r.field(u"natsMqttPort", tr("MQTT port"));
    r.field(u"natsHttpPort", tr("HTTP monitoring port"));
    r.field(u"jsStorageSize", tr("JetStream storage"));
    r.field(u"jsMemoryStoreSize", tr("JetStream memory"));
    r.field(u"upstreamNatsServers", tr("Upstream NATS servers"));

    if (r.has(u"volumeMounts")) {
        r.group(tr("Volume mounts"));
        const QJsonArray mounts = fog.value(u"volumeMounts").toArray();
        if (mounts.isEmpty())
            r.add(tr("Volume mounts"), tr("none"));
        for (const QJsonValue &m : mounts) {
            const QJsonObject mo = m.toObject();
            const QString configMap = mo.value(u"configMapName").toString();
            const QString secret = mo.value(u"secretName").toString();
            QString source = !configMap.isEmpty() ? tr("config map %1").arg(configMap)
                             : !secret.isEmpty()  ? tr("secret %1").arg(secret)
                                                  : dash();
            r.add(plain(mo.value(u"name")),
                  tr("%1, version %2").arg(source, plain(mo.value(u"version"))));
        }
    }
    if (r.has(u"edgeResources")) {
        const QJsonArray resources = fog.value(u"edgeResources").toArray();
        if (!resources.isEmpty()) {
            r.group(tr("Edge resources"));
            for (const QJsonValue &e : resources) {
                const QJsonObject eo = e.toObject();
                r.add(plain(eo.value(u"name")), tr("version %1").arg(plain(eo.value(u"version"))));
            }
        }
    }

    r.group(tr("Tags"));
    r.field(u"tags", tr("Tags"));

    r.group(tr("GPS"));
    r.field(u"gpsMode", tr("GPS mode"));
    r.field(u"gpsDevice", tr("GPS device"));
    r.field(u"latitude", tr("Latitude"));
    r.field(u"longitude", tr("Longitude"));
    r.unit(u"gpsScanFrequency", tr("GPS scan frequency"), tr("s"));
    r.field(u"gpsStatus", tr("GPS status"));
    return out;
}

AgentsPage::AgentsPage(ClusterView *cluster)
    : QObject(cluster)
    , m_cluster(cluster)
    , m_list(cluster->addList(listSpec(), this))
    , m_details(new DetailsModel(this))
    , m_microservices(new ResourceList(microserviceSpec(), nullptr, this))
{
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, [this] {
        if (keySecondsLeft() == 0)
            m_countdown.stop();
        Q_EMIT keyCountdownChanged();
    });
    connect(m_list, &ResourceList::selectedObjectChanged, this,
            &AgentsPage::onSelectedObjectChanged);
    // Relative times ("2 min ago") age between refreshes; the list ticks every few seconds.
    connect(m_list, &ResourceList::freshnessChanged, this, &AgentsPage::updateDetails);
    connect(m_cluster, &ClusterView::permissionsChanged, this, &AgentsPage::actionsChanged);
    connect(m_cluster, &ClusterView::onlineChanged, this, &AgentsPage::actionsChanged);

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
        m_microservices->setFixed(m_list->freshnessText());
    connect(m_list, &ResourceList::freshnessChanged, m_microservices,
            &ResourceList::notifyFreshness);
    onSelectedObjectChanged();
}

AgentsPage::~AgentsPage()
{
    clearProvisioningKey();
}

void AgentsPage::onSelectedObjectChanged()
{
    const QJsonObject now = m_list->selectedObject();
    const QString uuid = now.value(u"uuid").toString();
    const bool moved = uuid != selectedUuid();
    if (now == m_selected && !moved)
        return;
    m_selected = now;
    if (hasKey() || m_keyLoading || !m_keyError.isEmpty()) {
        if (uuid != m_keyUuid)
            clearProvisioningKey();
    }
    updateDetails();
    feedMicroservices();
    Q_EMIT selectionChanged();
    if (moved)
        Q_EMIT actionsChanged();
}

void AgentsPage::updateDetails()
{
    if (m_selected.isEmpty())
        m_details->clear();
    else
        m_details->setRows(detailRows(m_selected, QDateTime::currentMSecsSinceEpoch()));
}

QString AgentsPage::selectedUuid() const
{
    return m_selected.value(u"uuid").toString();
}

QString AgentsPage::selectedName() const
{
    return m_selected.value(u"name").toString();
}

QString AgentsPage::selectedStatus() const
{
    return m_selected.value(u"daemonStatus").toString();
}

int AgentsPage::selectedStatusTone() const
{
    return int(statusTone(selectedStatus()));
}

bool AgentsPage::readyToUpgrade() const
{
    return m_selected.value(u"isReadyToUpgrade").toBool();
}

bool AgentsPage::readyToRollback() const
{
    return m_selected.value(u"isReadyToRollback").toBool();
}

QString AgentsPage::patchDeniedReason() const
{
    return m_cluster->deniedReason(QStringLiteral("fogs"), QStringLiteral("patch"), selectedUuid());
}

QString AgentsPage::deleteDeniedReason() const
{
    return m_cluster->deniedReason(QStringLiteral("fogs"), QStringLiteral("delete"), selectedUuid());
}

QString AgentsPage::provisioningKeyDeniedReason() const
{
    // RBAC files this under fogs:get, but a new key replaces the fog's old one: a change, so a
    // read-only profile (or the demo, or offline) does not mint keys.
    if (const QString reason = m_cluster->readOnlyReason(); !reason.isEmpty())
        return reason;
    return m_cluster->deniedReason(QStringLiteral("fogs"), QStringLiteral("get"), selectedUuid());
}

QString AgentsPage::fogName(const QString &uuid) const
{
    const QString name = m_list->object(uuid).value(u"name").toString();
    return name.isEmpty() ? uuid : name;
}

bool AgentsPage::runFogAction(const QString &uuid, const QString &method, const QString &suffix,
                              const QString &successText)
{
    if (uuid.isEmpty() || m_list->object(uuid).isEmpty())
        return false;
    const QString verb = method == u"DELETE" ? QStringLiteral("delete") : QStringLiteral("patch");
    if (!m_cluster->deniedReason(QStringLiteral("fogs"), verb, uuid).isEmpty())
        return false;
    Net::ApiRequest request;
    request.method = method.toLatin1();
    request.path = u"/iofog/" + Net::pathSegment(uuid) + suffix;
    m_cluster->runAction(successText, request, {m_list});
    return true;
}

bool AgentsPage::reboot(const QString &uuid)
{
    return runFogAction(uuid, QStringLiteral("POST"), QStringLiteral("/reboot"),
                        tr("Reboot of agent %1 requested.").arg(fogName(uuid)));
}

bool AgentsPage::prune(const QString &uuid)
{
    return runFogAction(uuid, QStringLiteral("POST"), QStringLiteral("/prune"),
                        tr("Prune of agent %1 requested.").arg(fogName(uuid)));
}

bool AgentsPage::upgrade(const QString &uuid)
{
    if (!m_list->object(uuid).value(u"isReadyToUpgrade").toBool())
        return false;
    return runFogAction(uuid, QStringLiteral("POST"), QStringLiteral("/version/upgrade"),
                        tr("Upgrade of agent %1 requested.").arg(fogName(uuid)));
}

bool AgentsPage::rollback(const QString &uuid)
{
    if (!m_list->object(uuid).value(u"isReadyToRollback").toBool())
        return false;
    return runFogAction(uuid, QStringLiteral("POST"), QStringLiteral("/version/rollback"),
                        tr("Rollback of agent %1 requested.").arg(fogName(uuid)));
}

bool AgentsPage::deleteAgent(const QString &uuid)
{
    return runFogAction(uuid, QStringLiteral("DELETE"), QString(),
                        tr("Agent %1 deleted.").arg(fogName(uuid)));
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
    m_cluster->send(request, context, [this, context](Result<Net::ApiResponse> r) {
        context->deleteLater();
        m_keyLoading = false;
        const QJsonObject o = r ? r->json.toObject() : QJsonObject();
        const QString key = o.value(u"key").toString();
        if (!r) {
            m_keyError = r.error().message;
        } else if (key.isEmpty()) {
            m_keyError = tr("The Controller answered without a provisioning key.");
        } else {
            m_key = key;
            m_caCert = o.value(u"caCert").toString();
            // expirationTime is on the Controller's clock; count down on ours.
            m_keyExpiresLocalMs = qint64(o.value(u"expirationTime").toDouble()) - r->clockSkewMs;
            m_countdown.start();
        }
        Q_EMIT provisioningKeyChanged();
        Q_EMIT keyCountdownChanged();
    });
}

void AgentsPage::clearProvisioningKey()
{
    const bool had = hasKey() || m_keyLoading || !m_keyError.isEmpty() || m_keyRevealed;
    delete m_keyRequest.data(); // its answer is no longer wanted
    m_keyLoading = false;
    m_key.fill(u'0');
    m_key.clear();
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
    return m_keyRevealed ? m_key : QString(m_key.size(), u'•');
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

QString AgentsPage::rawProvisionCommand() const
{
    return hasKey() ? u"sudo iofog-agent provision " + m_key : QString();
}

void AgentsPage::copyKey() const
{
    if (hasKey())
        m_cluster->copy(m_key, true);
}

void AgentsPage::copyProvisionCommand() const
{
    if (hasKey())
        m_cluster->copy(rawProvisionCommand(), true);
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
    lines << rawProvisionCommand();
    m_cluster->copy(lines.join(u'\n') + u'\n', true);
}

} // namespace Pot::Models
