#include "agentspage.h"

#include "models/clusterview.h"
#include "models/timetext.h"

#include <QDateTime>
#include <QJsonArray>

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

QString fogTypeName(int id)
{
    switch (id) {
    case 1: return QStringLiteral("x86");
    case 2: return QStringLiteral("ARM");
    default: return AgentsPage::tr("auto");
    }
}

QString percent(double v)
{
    return QString::number(v, 'f', v < 10 ? 1 : 0) + u'%';
}

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
            fogTypeName(o.value(u"fogTypeId").toInt()),
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

AgentsPage::AgentsPage(ClusterView *cluster)
    : QObject(cluster)
    , m_cluster(cluster)
    , m_list(cluster->addList(listSpec(), this))
{}

} // namespace Pot::Models
