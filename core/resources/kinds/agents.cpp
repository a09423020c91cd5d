#include "kinds.h"

#include "core/api/records.h"
#include "core/timetext.h"
#include "core/tr.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <algorithm>

// Agents (fogs, GET /iofog-list): the list, every field of a fog grouped for the detail pane, and
// what can be done to one (reboot, prune, upgrade, rollback, delete). The provisioning key and the
// microservices on an agent are the Agents page's own (models/agentspage).

namespace Pot::Resources::Kinds {

using namespace Qt::StringLiterals;
namespace Json = Api::Json;

namespace {

QString dash()
{
    return QStringLiteral("\u2014");
}

/// A JSON value as the detail pane shows it; null, empty strings and empty arrays read "—".
QString plain(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        return v.toBool() ? Tr::tr("yes") : Tr::tr("no");
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
            Tr::tr("%1 bytes").arg(qint64(v.toDouble())));
    }
    void violation(const char16_t *key, const QString &label)
    {
        if (!has(key))
            return;
        const QJsonValue v = value(key);
        const bool violated = isViolation(v);
        add(label, isEmptyValue(v) ? Tr::tr("none") : plain(v),
            violated ? Tr::tr("The agent reports that this limit is exceeded.") : QString(),
            violated);
    }

private:
    const QJsonObject &m_o;
    QList<DetailRow> &m_out;
    QString m_group;
};

} // namespace

Tone agentStatusTone(const QString &status)
{
    if (status == u"RUNNING")
        return Tone::Ok;
    if (status == u"WARNING" || status == u"DEPROVISIONED" || status == u"NOT_PROVISIONED")
        return Tone::Warn;
    if (status == u"UNKNOWN" || status == u"STOPPED" || status == u"ERROR")
        return Tone::Bad;
    return Tone::None;
}

QList<DetailRow> agentDetails(const QJsonObject &fog, qint64 nowMs)
{
    QList<DetailRow> out;
    Rows r(fog, out);

    r.group(Tr::tr("Identity"));
    r.field(u"name", Tr::tr("Name"));
    r.field(u"uuid", Tr::tr("UUID"));
    r.field(u"description", Tr::tr("Description"));
    r.field(u"location", Tr::tr("Location"));
    r.field(u"host", Tr::tr("Host"), Tr::tr("Address other agents and routers use to reach this agent."));
    r.field(u"ipAddress", Tr::tr("IP address"), Tr::tr("As reported by the agent; 0.0.0.0 until it reports."));
    r.field(u"ipAddressExternal", Tr::tr("External IP address"));
    if (r.has(u"fogTypeId")) {
        const int type = int(Json::integer(fog, "fogTypeId"_L1));
        r.add(Tr::tr("Fog type"), Api::fogTypeName(type), Tr::tr("fogTypeId %1").arg(type));
    }
    r.field(u"isSystem", Tr::tr("System agent"),
            Tr::tr("A system agent runs the control plane's interior router and NATS hub."));
    r.field(u"timeZone", Tr::tr("Time zone"));
    r.isoTime(u"createdAt", Tr::tr("Created"), nowMs);
    r.isoTime(u"updatedAt", Tr::tr("Updated"), nowMs);

    r.group(Tr::tr("Health"));
    if (r.has(u"daemonStatus")) {
        const QString status = Json::string(fog, "daemonStatus"_L1);
        const Tone tone = agentStatusTone(status);
        r.add(Tr::tr("Status"), status, {}, tone == Tone::Warn || tone == Tone::Bad);
    }
    if (r.has(u"warningMessage")) {
        const QString message = Json::string(fog, "warningMessage"_L1);
        r.add(Tr::tr("Warning message"), message, {},
              !message.isEmpty() && message != u"HEALTHY");
    }
    r.time(u"lastActive", Tr::tr("Last active"), nowMs, Tr::tr("never"));
    r.time(u"lastStatusTime", Tr::tr("Last status"), nowMs, Tr::tr("never"));
    r.time(u"daemonLastStart", Tr::tr("Daemon started"), nowMs);
    r.duration(u"daemonOperatingDuration", Tr::tr("Daemon running for"));
    r.time(u"systemTime", Tr::tr("Agent clock"), nowMs);
    r.time(u"lastCommandTime", Tr::tr("Last command"), nowMs);
    r.field(u"version", Tr::tr("Version"));
    r.field(u"isReadyToUpgrade", Tr::tr("Ready to upgrade"));
    r.field(u"isReadyToRollback", Tr::tr("Ready to roll back"));
    r.field(u"repositoryCount", Tr::tr("Registries"));
    r.field(u"repositoryStatus", Tr::tr("Registry status"));
    r.field(u"catalogItemStatus", Tr::tr("Catalog item status"));
    r.field(u"processedMessages", Tr::tr("Processed messages"));
    r.unit(u"messageSpeed", Tr::tr("Message speed"), Tr::tr("msg/s"));
    r.field(u"catalogItemMessageCounts", Tr::tr("Catalog item message counts"));
    r.field(u"activeVolumeMounts", Tr::tr("Active volume mounts"));
    r.time(u"volumeMountLastUpdate", Tr::tr("Volume mounts updated"), nowMs);

    r.group(Tr::tr("Resources and violations"));
    r.unit(u"cpuUsage", Tr::tr("CPU usage"), QStringLiteral("%"));
    r.unit(u"cpuLimit", Tr::tr("CPU limit"), QStringLiteral("%"));
    r.violation(u"cpuViolation", Tr::tr("CPU violation"));
    r.unit(u"memoryUsage", Tr::tr("Memory usage"), Tr::tr("MB"));
    r.unit(u"memoryLimit", Tr::tr("Memory limit"), Tr::tr("MiB"));
    r.violation(u"memoryViolation", Tr::tr("Memory violation"));
    r.unit(u"diskUsage", Tr::tr("Disk usage"), Tr::tr("MB"));
    r.unit(u"diskLimit", Tr::tr("Disk limit"), Tr::tr("GiB"), Tr::tr("Disk space the agent may use in its disk directory."));
    r.violation(u"diskViolation", Tr::tr("Disk violation"));
    r.bytes(u"systemAvailableDisk", Tr::tr("Available disk"));
    r.bytes(u"systemAvailableMemory", Tr::tr("Available memory"));
    r.field(u"systemTotalCpu", Tr::tr("Total CPU"));

    r.group(Tr::tr("Security"));
    const QString security = Json::string(fog, "securityStatus"_L1);
    const bool insecure = r.has(u"securityStatus") && security != u"OK";
    r.field(u"securityStatus", Tr::tr("Security status"));
    if (insecure && !out.isEmpty())
        out.last().warning = true;
    if (r.has(u"securityViolationInfo"))
        r.add(Tr::tr("Security violation"), plain(fog.value(u"securityViolationInfo")), {}, insecure);

    r.group(Tr::tr("Agent config"));
    r.field(u"networkInterface", Tr::tr("Network interface"));
    r.field(u"dockerUrl", Tr::tr("Container engine URL"));
    r.field(u"containerEngine", Tr::tr("Container engine"));
    r.field(u"deploymentType", Tr::tr("Deployment type"));
    r.field(u"diskDirectory", Tr::tr("Disk directory"));
    r.unit(u"logLimit", Tr::tr("Log disk limit"), Tr::tr("GiB"));
    r.field(u"logDirectory", Tr::tr("Log directory"));
    r.field(u"logFileCount", Tr::tr("Log files"));
    r.field(u"logLevel", Tr::tr("Log level"));
    r.unit(u"statusFrequency", Tr::tr("Status frequency"), Tr::tr("s"), Tr::tr("How often the agent reports its status."));
    r.unit(u"changeFrequency", Tr::tr("Change frequency"), Tr::tr("s"), Tr::tr("How often the agent asks for changes."));
    r.unit(u"deviceScanFrequency", Tr::tr("Device scan frequency"), Tr::tr("s"));
    r.field(u"bluetoothEnabled", Tr::tr("Bluetooth"));
    r.field(u"watchdogEnabled", Tr::tr("Watchdog"));
    r.field(u"abstractedHardwareEnabled", Tr::tr("Hardware abstraction"));
    r.unit(u"edgeGuardFrequency", Tr::tr("Edge guard frequency"), Tr::tr("s"));
    r.unit(u"dockerPruningFrequency", Tr::tr("Image pruning frequency"), Tr::tr("h"));
    r.unit(u"availableDiskThreshold", Tr::tr("Available disk threshold"), QStringLiteral("%"));
    r.field(u"tunnel", Tr::tr("Tunnel"));
    r.field(u"routerId", Tr::tr("Router ID"));

    r.group(Tr::tr("Router"));
    r.field(u"routerMode", Tr::tr("Router mode"));
    r.field(u"messagingPort", Tr::tr("Messaging port"));
    r.field(u"interRouterPort", Tr::tr("Inter-router port"));
    r.field(u"edgeRouterPort", Tr::tr("Edge router port"));
    r.field(u"upstreamRouters", Tr::tr("Upstream routers"));
    r.field(u"networkRouter", Tr::tr("Network router"));

    r.group(Tr::tr("NATS"));
    r.field(u"natsMode", Tr::tr("NATS mode"));
    r.field(u"natsServerPort", Tr::tr("Server port"));
    r.field(u"natsLeafPort", Tr::tr("Leaf port"));
    r.field(u"natsClusterPort", Tr::tr("Cluster port"));
    r.field(u"natsMqttPort", Tr::tr("MQTT port"));
    r.field(u"natsHttpPort", Tr::tr("HTTP monitoring port"));
    r.field(u"jsStorageSize", Tr::tr("JetStream storage"));
    r.field(u"jsMemoryStoreSize", Tr::tr("JetStream memory"));
    r.field(u"upstreamNatsServers", Tr::tr("Upstream NATS servers"));

    if (r.has(u"volumeMounts")) {
        r.group(Tr::tr("Volume mounts"));
        const QJsonArray mounts = fog.value(u"volumeMounts").toArray();
        if (mounts.isEmpty())
            r.add(Tr::tr("Volume mounts"), Tr::tr("none"));
        for (const QJsonValue &m : mounts) {
            const QJsonObject mo = m.toObject();
            const QString configMap = Json::string(mo, "configMapName"_L1);
            const QString secret = Json::string(mo, "secretName"_L1);
            QString source = !configMap.isEmpty() ? Tr::tr("config map %1").arg(configMap)
                             : !secret.isEmpty()  ? Tr::tr("secret %1").arg(secret)
                                                  : dash();
            r.add(plain(mo.value(u"name")),
                  Tr::tr("%1, version %2").arg(source, plain(mo.value(u"version"))));
        }
    }
    if (r.has(u"edgeResources")) {
        const QJsonArray resources = fog.value(u"edgeResources").toArray();
        if (!resources.isEmpty()) {
            r.group(Tr::tr("Edge resources"));
            for (const QJsonValue &e : resources) {
                const QJsonObject eo = e.toObject();
                r.add(plain(eo.value(u"name")), Tr::tr("version %1").arg(plain(eo.value(u"version"))));
            }
        }
    }

    r.group(Tr::tr("Tags"));
    r.field(u"tags", Tr::tr("Tags"));

    r.group(Tr::tr("GPS"));
    r.field(u"gpsMode", Tr::tr("GPS mode"));
    r.field(u"gpsDevice", Tr::tr("GPS device"));
    r.field(u"latitude", Tr::tr("Latitude"));
    r.field(u"longitude", Tr::tr("Longitude"));
    r.unit(u"gpsScanFrequency", Tr::tr("GPS scan frequency"), Tr::tr("s"));
    r.field(u"gpsStatus", Tr::tr("GPS status"));
    return out;
}


namespace {

/// POST /iofog/{uuid}<suffix>, confirmed; `ready` names the flag the Controller sets when the
/// action applies (isReadyToUpgrade), `notReady` says why it does not.
Action fogAction(const QString &id, const QString &label, const QString &suffix,
                 const QString &question, const QString &doneText,
                 QLatin1StringView ready = {}, const QString &notReady = {})
{
    Action a;
    a.id = id;
    a.label = label;
    a.verb = QStringLiteral("patch");
    a.method = QByteArrayLiteral("POST");
    a.path = u"/iofog/{key}"_s + suffix;
    a.confirm = Confirm::Plain;
    a.question = question;
    a.doneText = doneText;
    if (!ready.isEmpty()) {
        a.refused = [ready, notReady](const QJsonObject &fog) {
            return Json::boolean(fog, ready) ? QString() : notReady;
        };
    }
    return a;
}

} // namespace

Kind agents()
{
    Kind k;
    k.id = QStringLiteral("agents");
    k.title = Tr::tr("Agents");
    k.singular = Tr::tr("agent");
    k.plural = Tr::tr("agents");
    k.listPath = QStringLiteral("/iofog-list");
    k.arrayKey = QStringLiteral("fogs");
    k.rbacResource = QStringLiteral("fogs");
    k.emptyText = Tr::tr("This control plane has no agents yet. Add one with potctl or the "
                         "Controller API, then provision it with its key.");
    Action del = deleteAction(k.singular, QStringLiteral("/iofog/{key}"), {});
    del.question = Tr::tr("Delete agent %1 from the control plane? Its microservices are removed "
                          "from it and the agent can no longer connect. This cannot be undone.");
    del.doneText = Tr::tr("Agent %1 deleted.");
    // Texts translated once, not per row: 10,000 rows would ask the translator 60,000 times
    // (bench_lists: a load of 10,000 agents within 2.5× a plain JSON parse).
    const QString mbText = Tr::tr("%1 MB"), systemText = Tr::tr("%1 (system)");
    const QString hostTip = Tr::tr("host %1, IP %2, external %3");
    const QString never = Tr::tr("never"), neverTip = Tr::tr("The agent never reported.");
    const auto megabytes = [mbText](double mb) { return Cell::number(mb, mbText.arg(mb, 0, 'f', 0)); };
    return KindOf<Api::Fog>(k)
        .column(Tr::tr("Name"), 170, [systemText](const Api::Fog &f) {
            Cell c(f.isSystem ? systemText.arg(f.name) : f.name);
            c.tip = f.uuid;
            return c;
        })
        .column(Tr::tr("Status"), 130, [](const Api::Fog &f) {
            Cell c(f.daemonStatus, agentStatusTone(f.daemonStatus));
            c.tip = f.warningMessage;
            return c;
        })
        .column(Tr::tr("Host"), 130, [hostTip](const Api::Fog &f) {
            Cell c(!f.host.isEmpty() ? f.host : !f.ipAddressExternal.isEmpty() ? f.ipAddressExternal : f.ipAddress);
            c.tip = hostTip.arg(f.host, f.ipAddress, f.ipAddressExternal);
            return c;
        })
        .column(Tr::tr("Type"), 60, [](const Api::Fog &f) { return Cell(Api::fogTypeName(f.fogTypeId)); })
        .column(Tr::tr("Engine"), 70, [](const Api::Fog &f) { return Cell(f.containerEngine); })
        .column(Tr::tr("Deployment"), 90, [](const Api::Fog &f) { return Cell(f.deploymentType); })
        .column(Tr::tr("CPU"), 60, [](const Api::Fog &f) {
            return Cell::number(f.cpuUsage, QString::number(f.cpuUsage, 'f', f.cpuUsage < 10 ? 1 : 0) + u'%');
        })
        .column(Tr::tr("Memory"), 80, [megabytes](const Api::Fog &f) { return megabytes(f.memoryUsage); })
        .column(Tr::tr("Disk"), 60, [megabytes](const Api::Fog &f) { return megabytes(f.diskUsage); })
        .column(Tr::tr("Version"), 80, [](const Api::Fog &f) { return Cell(f.version); })
        .column(Tr::tr("Last active"), 110, [never, neverTip](const Api::Fog &f) {
            const bool seen = f.lastActiveMs > 0;
            Cell c = Cell::number(double(std::max<qint64>(f.lastActiveMs, 0)),
                                  seen ? TimeText::relative(f.lastActiveMs, QDateTime::currentMSecsSinceEpoch()) : never);
            c.tip = seen ? TimeText::exact(f.lastActiveMs) : neverTip;
            return c;
        })
        .column(Tr::tr("Router"), 80, [](const Api::Fog &f) { return Cell(f.routerMode); })
        .column(Tr::tr("NATS"), 70, [](const Api::Fog &f) { return Cell(f.natsMode); })
        .details([](const QJsonObject &fog) { return agentDetails(fog, QDateTime::currentMSecsSinceEpoch()); })
        .action(fogAction(QStringLiteral("reboot"), Tr::tr("Reboot"), QStringLiteral("/reboot"),
                          Tr::tr("Reboot the host of agent %1? Its microservices stop until the host is back."),
                          Tr::tr("Reboot of agent %1 requested.")))
        .action(fogAction(QStringLiteral("prune"), Tr::tr("Prune"), QStringLiteral("/prune"),
                          Tr::tr("Remove the unused container images on agent %1? Images needed later are "
                                 "pulled again."),
                          Tr::tr("Prune of agent %1 requested.")))
        .action(fogAction(QStringLiteral("upgrade"), Tr::tr("Upgrade"), QStringLiteral("/version/upgrade"),
                          Tr::tr("Upgrade the agent software on %1? The agent restarts."),
                          Tr::tr("Upgrade of agent %1 requested."), "isReadyToUpgrade"_L1,
                          Tr::tr("The Controller does not offer an upgrade for this agent "
                                 "(isReadyToUpgrade is false).")))
        .action(fogAction(QStringLiteral("rollback"), Tr::tr("Rollback"), QStringLiteral("/version/rollback"),
                          Tr::tr("Roll the agent software on %1 back to its previous version? The agent "
                                 "restarts."),
                          Tr::tr("Rollback of agent %1 requested."), "isReadyToRollback"_L1,
                          Tr::tr("There is no earlier agent version to roll back to (isReadyToRollback "
                                 "is false).")))
        .action(del)
        .build();
}

} // namespace Pot::Resources::Kinds
