#include "applicationspage.h"

#include "core/api/records.h"
#include "core/net/apireply.h"
#include "models/agentspage.h"
#include "models/clusterview.h"
#include "models/timetext.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace Pot::Models {

namespace {

bool isRunning(const QJsonObject &ms)
{
    return ms.value(u"status").toObject().value(u"status").toString() == u"RUNNING";
}

QString natsCell(const QJsonObject &o)
{
    const QJsonObject nats = o.value(u"natsConfig").toObject();
    const bool access = nats.contains(u"natsAccess") ? nats.value(u"natsAccess").toBool()
                                                      : o.value(u"natsAccess").toBool();
    if (!access)
        return ApplicationsPage::tr("off");
    const QString rule = nats.value(u"natsRule").toString();
    return rule.isEmpty() ? ApplicationsPage::tr("on") : ApplicationsPage::tr("on (%1)").arg(rule);
}

QString imageShort(const QString &image)
{
    const qsizetype slash = image.lastIndexOf(u'/');
    return slash < 0 ? image : image.mid(slash + 1);
}

QString portText(const QJsonObject &p)
{
    const QString protocol = p.value(u"protocol").toString(QStringLiteral("tcp"));
    return QStringLiteral("%1→%2/%3")
        .arg(p.value(u"external").toInteger())
        .arg(p.value(u"internal").toInteger())
        .arg(protocol);
}

qint64 isoMs(const QJsonObject &o, QStringView key)
{
    return TimeText::parseIso(o.value(key).toString());
}

QString timeText(qint64 ms)
{
    return ms > 0 ? TimeText::exact(ms) : QString();
}

QString yesNo(bool v)
{
    return v ? ApplicationsPage::tr("yes") : ApplicationsPage::tr("no");
}

QString prettyJsonString(const QString &text)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || doc.isNull())
        return text;
    return QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
}

ResourceRow applicationRow(const QJsonObject &o)
{
    ResourceRow row;
    row.key = o.value(u"name").toString();
    row.object = o;
    const QJsonArray ms = o.value(u"microservices").toArray();
    int running = 0;
    for (const QJsonValue &m : ms)
        running += isRunning(m.toObject()) ? 1 : 0;
    const bool active = o.value(u"isActivated").toBool();
    const qint64 updated = isoMs(o, u"updatedAt");
    const QString rule = o.value(u"natsConfig").toObject().value(u"natsRule").toString();
    row.cells = {
        row.key,
        active ? ApplicationsPage::tr("activated") : ApplicationsPage::tr("stopped"),
        QString::number(ms.size()),
        QString::number(running),
        natsCell(o),
        o.value(u"description").toString(),
        updated > 0 ? TimeText::relative(updated, QDateTime::currentMSecsSinceEpoch()) : QString(),
    };
    row.sortKeys = {QVariant(), QVariant(), int(ms.size()), running, QVariant(), QVariant(), updated};
    row.tips = {
        ApplicationsPage::tr("Application id %1").arg(o.value(u"id").toInteger()),
        active ? ApplicationsPage::tr("The application is activated: its microservices are deployed.")
               : ApplicationsPage::tr("The application is stopped: its microservices are not deployed."),
        {},
        ApplicationsPage::tr("%1 of %2 microservices report RUNNING").arg(running).arg(ms.size()),
        rule.isEmpty() ? QString() : ApplicationsPage::tr("NATS account rule %1").arg(rule),
        o.value(u"description").toString(),
        timeText(updated),
    };
    const Tone runningTone = ms.isEmpty() ? Tone::Muted
                             : running == ms.size() ? Tone::Ok
                                                    : Tone::Warn;
    row.tones = {Tone::None, active ? Tone::Ok : Tone::Warn, Tone::None, runningTone,
                 o.value(u"natsConfig").toObject().value(u"natsAccess").toBool() ? Tone::None
                                                                                  : Tone::Muted};
    return row;
}

QList<ResourceColumn> applicationColumns()
{
    return {{ApplicationsPage::tr("Name"), 160},        {ApplicationsPage::tr("State"), 80},
            {ApplicationsPage::tr("Microservices"), 105}, {ApplicationsPage::tr("Running"), 70},
            {ApplicationsPage::tr("NATS"), 150},          {ApplicationsPage::tr("Description"), 240},
            {ApplicationsPage::tr("Updated"), 110}};
}

} // namespace

/// RUNNING is fine; FAILED, STUCK_IN_RESTART and UNKNOWN need attention; a microservice on its
/// way down or gone is a warning; the rest are on their way up.
Tone ApplicationsPage::microserviceTone(const QString &status)
{
    if (status == u"RUNNING")
        return Tone::Ok;
    if (status == u"FAILED" || status == u"STUCK_IN_RESTART" || status == u"UNKNOWN")
        return Tone::Bad;
    if (status == u"STOPPING" || status == u"STOPPED" || status == u"DELETING"
        || status == u"MARKED_FOR_DELETION" || status == u"DELETED" || status == u"EXITING")
        return Tone::Warn;
    if (status.isEmpty())
        return Tone::Muted;
    return Tone::Info;
}

ResourceList::Spec ApplicationsPage::applicationSpec()
{
    ResourceList::Spec spec;
    spec.id = QStringLiteral("applications");
    spec.path = QStringLiteral("/application");
    spec.arrayKey = QStringLiteral("applications");
    spec.rbacResource = QStringLiteral("applications");
    spec.columns = applicationColumns();
    spec.build = applicationRow;
    return spec;
}

ResourceList::Spec ApplicationsPage::systemApplicationSpec()
{
    ResourceList::Spec spec;
    spec.id = QStringLiteral("systemApplications");
    spec.path = QStringLiteral("/application/system");
    spec.arrayKey = QStringLiteral("applications");
    // First-match routing: this GET resolves to applications:get with resourceName "system".
    spec.rbacResource = QStringLiteral("applications");
    spec.rbacVerb = QStringLiteral("get");
    spec.rbacName = QStringLiteral("system");
    spec.columns = applicationColumns();
    spec.build = applicationRow;
    return spec;
}

ApplicationsPage::ApplicationsPage(ClusterView *cluster)
    : QObject(cluster)
    , m_cluster(cluster)
    , m_list(cluster->addList(applicationSpec(), this))
    , m_systemList(cluster->addList(systemApplicationSpec(), this))
    , m_agentNames(std::make_shared<QHash<QString, QString>>())
    , m_appDetails(new DetailsModel(this))
    , m_msDetails(new DetailsModel(this))
{
    ResourceList::Spec ms;
    ms.id = QStringLiteral("applicationMicroservices");
    ms.arrayKey = QStringLiteral("microservices");
    // Images last: they are long, and the columns before them matter more in a narrow pane.
    ms.columns = {{tr("Name"), 120}, {tr("Status"), 95}, {tr("Agent"), 100}, {tr("Ports"), 120},
                  {tr("Health"), 80}, {tr("NATS"), 160}, {tr("Images"), 260}};
    ms.build = [names = m_agentNames](const QJsonObject &o) {
        ResourceRow row;
        row.key = o.value(u"uuid").toString();
        row.object = o;
        const QJsonObject status = o.value(u"status").toObject();
        const QString state = status.value(u"status").toString();
        const QString agentUuid = o.value(u"iofogUuid").toString();
        QStringList images;
        QStringList imageTips;
        for (const QJsonValue &v : o.value(u"images").toArray()) {
            const QJsonObject image = v.toObject();
            const QString type = Api::fogTypeName(image.value(u"fogTypeId").toInt());
            images << imageShort(image.value(u"containerImage").toString()) + u" (" + type + u')';
            imageTips << type + u": " + image.value(u"containerImage").toString();
        }
        QStringList ports;
        for (const QJsonValue &v : o.value(u"ports").toArray())
            ports << portText(v.toObject());
        QString health = status.value(u"healthStatus").toString();
        const bool hasCheck = !o.value(u"healthCheck").toObject().isEmpty();
        if (health.isEmpty())
            health = hasCheck ? ApplicationsPage::tr("not reported") : ApplicationsPage::tr("no check");
        const QString error = status.value(u"errorMessage").toString();
        row.cells = {o.value(u"name").toString(),
                     state,
                     names->value(agentUuid, agentUuid),
                     ports.join(u", "),
                     health,
                     natsCell(o),
                     images.join(u", ")};
        row.tips = {row.key,
                    error.isEmpty() ? QString() : error,
                    agentUuid,
                    ApplicationsPage::tr("host port → container port"),
                    {},
                    {},
                    imageTips.join(u'\n')};
        const QString lowerHealth = health.toLower();
        const Tone healthTone = lowerHealth == u"healthy"     ? Tone::Ok
                                : lowerHealth == u"unhealthy" ? Tone::Bad
                                                              : Tone::Muted;
        row.tones = {Tone::None, error.isEmpty() ? ApplicationsPage::microserviceTone(state) : Tone::Bad, Tone::None,
                     Tone::None, healthTone};
        return row;
    };
    // Fed from the selected application; parsed at once (no pool), never fetched by itself.
    m_microservices = new ResourceList(std::move(ms), nullptr, this);

    auto onApplication = [this] {
        feedMicroservices();
        updateDetails();
    };
    connect(m_list, &ResourceList::selectedObjectChanged, this, onApplication);
    connect(m_systemList, &ResourceList::selectedObjectChanged, this, onApplication);
    connect(m_microservices, &ResourceList::selectedObjectChanged, this,
            &ApplicationsPage::updateDetails);
    // The microservice table has no request of its own: its refresh() (no client) only marks it
    // stale, which is taken as "read the application list again"; the answer feeds it anew.
    connect(m_microservices, &ResourceList::stateChanged, this, [this] {
        ResourceList *source = shownList();
        if (m_microservices->stale() && !source->stale() && !m_cluster->demo()) {
            source->refresh();
            feedMicroservices();
        }
    });
    if (cluster->demo())
        m_microservices->setFixed(m_list->freshnessText());
    // Same age as the list it comes from, re-read on the same tick.
    for (ResourceList *source : {m_list, m_systemList})
        connect(source, &ResourceList::freshnessChanged, m_microservices, &ResourceList::notifyFreshness);
    if (AgentsPage *agents = cluster->agents()) {
        connect(agents->list(), &ResourceList::applied, this, [this] {
            feedMicroservices();
            updateDetails();
        });
    }
    connect(cluster, &ClusterView::permissionsChanged, this, &ApplicationsPage::actionsChanged);
    connect(cluster, &ClusterView::onlineChanged, this, &ApplicationsPage::actionsChanged);
    connect(this, &ApplicationsPage::selectionChanged, this, &ApplicationsPage::actionsChanged);
    onApplication();
}

ApplicationsPage::~ApplicationsPage() = default;

void ApplicationsPage::setShowSystem(bool system)
{
    if (system == m_showSystem)
        return;
    m_showSystem = system;
    Q_EMIT showSystemChanged();
    feedMicroservices();
    updateDetails();
}

QJsonObject ApplicationsPage::application() const
{
    return shownList()->selectedObject();
}

QString ApplicationsPage::applicationName() const
{
    return application().value(u"name").toString();
}

bool ApplicationsPage::applicationSystem() const
{
    return m_showSystem || application().value(u"isSystem").toBool();
}

bool ApplicationsPage::applicationActivated() const
{
    return application().value(u"isActivated").toBool();
}

bool ApplicationsPage::applicationNatsAccess() const
{
    return application().value(u"natsConfig").toObject().value(u"natsAccess").toBool();
}

bool ApplicationsPage::microserviceNatsAccess() const
{
    return microservice().value(u"natsConfig").toObject().value(u"natsAccess").toBool();
}

QString ApplicationsPage::accountRuleName() const
{
    const QJsonObject nats = application().value(u"natsConfig").toObject();
    return nats.value(u"natsAccess").toBool() ? nats.value(u"natsRule").toString() : QString();
}

QString ApplicationsPage::microserviceUuid() const
{
    return microservice().value(u"uuid").toString();
}

QString ApplicationsPage::microserviceName() const
{
    return microservice().value(u"name").toString();
}

QString ApplicationsPage::microserviceStatus() const
{
    return microservice().value(u"status").toObject().value(u"status").toString();
}

bool ApplicationsPage::microserviceActivated() const
{
    return microservice().value(u"isActivated").toBool();
}

QString ApplicationsPage::userRuleName() const
{
    const QJsonObject nats = microservice().value(u"natsConfig").toObject();
    return nats.value(u"natsAccess").toBool() ? nats.value(u"natsRule").toString() : QString();
}

namespace {

QString systemReason()
{
    return ApplicationsPage::tr("System applications belong to their agent (its router and NATS server); the "
                 "Controller manages them, so they are read-only here.");
}

} // namespace

QString ApplicationsPage::applicationPatchDenied() const
{
    if (!hasApplication())
        return tr("Select an application first.");
    if (applicationSystem())
        return systemReason();
    return m_cluster->deniedReason(QStringLiteral("applications"), QStringLiteral("patch"),
                                   applicationName());
}

QString ApplicationsPage::applicationDeleteDenied() const
{
    if (!hasApplication())
        return tr("Select an application first.");
    if (applicationSystem())
        return systemReason();
    return m_cluster->deniedReason(QStringLiteral("applications"), QStringLiteral("delete"),
                                   applicationName());
}

QString ApplicationsPage::microservicePatchDenied() const
{
    if (!hasMicroservice())
        return tr("Select a microservice first.");
    if (applicationSystem())
        return systemReason();
    return m_cluster->deniedReason(QStringLiteral("microservices"), QStringLiteral("patch"),
                                   microserviceUuid());
}

QString ApplicationsPage::microserviceDeleteDenied() const
{
    if (!hasMicroservice())
        return tr("Select a microservice first.");
    if (applicationSystem())
        return systemReason();
    return m_cluster->deniedReason(QStringLiteral("microservices"), QStringLiteral("delete"),
                                   microserviceUuid());
}

QList<ResourceList *> ApplicationsPage::refreshTargets() const
{
    return {m_list};
}

bool ApplicationsPage::setApplicationActivated(bool active)
{
    if (!applicationPatchDenied().isEmpty())
        return false;
    const QString name = applicationName();
    m_cluster->runAction(active ? tr("Application %1 started.").arg(name)
                                : tr("Application %1 stopped.").arg(name),
                         Net::ApiRequest::sendJson(QByteArrayLiteral("PATCH"),
                                                   u"/application/" + Net::pathSegment(name),
                                                   QJsonObject{{QStringLiteral("isActivated"), active}}),
                         refreshTargets());
    return true;
}

bool ApplicationsPage::deleteApplication()
{
    if (!applicationDeleteDenied().isEmpty())
        return false;
    const QString name = applicationName();
    const Net::ApiRequest request = Net::ApiRequest::remove(u"/application/" + Net::pathSegment(name));
    m_cluster->runAction(tr("Application %1 deleted.").arg(name), request, refreshTargets());
    return true;
}

bool ApplicationsPage::microserviceAction(bool start)
{
    if (!microservicePatchDenied().isEmpty())
        return false;
    const QString name = microserviceName();
    const QString path = u"/microservices/" + Net::pathSegment(microserviceUuid())
                         + (start ? QStringLiteral("/start") : QStringLiteral("/stop"));
    m_cluster->runAction(start ? tr("Microservice %1 started.").arg(name)
                               : tr("Microservice %1 stopped.").arg(name),
                         Net::ApiRequest::sendJson(QByteArrayLiteral("PATCH"), path, QJsonObject()),
                         refreshTargets());
    return true;
}

bool ApplicationsPage::deleteMicroservice()
{
    if (!microserviceDeleteDenied().isEmpty())
        return false;
    const Net::ApiRequest request =
        Net::ApiRequest::remove(u"/microservices/" + Net::pathSegment(microserviceUuid()));
    m_cluster->runAction(tr("Microservice %1 deleted.").arg(microserviceName()), request,
                         refreshTargets());
    return true;
}

void ApplicationsPage::openRule(const QString &kind, const QString &name)
{
    if (name.isEmpty() || (kind != u"account" && kind != u"user"))
        return;
    Q_EMIT ruleLinkActivated(kind, name);
}

QString ApplicationsPage::agentName(const QString &uuid) const
{
    if (uuid.isEmpty())
        return {};
    if (AgentsPage *agents = m_cluster->agents()) {
        const QString name = agents->list()->object(uuid).value(u"name").toString();
        if (!name.isEmpty())
            return name;
    }
    return {};
}

void ApplicationsPage::feedMicroservices()
{
    const QJsonObject app = application();
    const QJsonArray ms = app.value(u"microservices").toArray();
    m_agentNames->clear();
    for (const QJsonValue &v : ms) {
        const QString uuid = v.toObject().value(u"iofogUuid").toString();
        if (const QString name = agentName(uuid); !name.isEmpty())
            m_agentNames->insert(uuid, name);
    }
    const QString name = app.value(u"name").toString();
    // Another application: its microservices are other rows; drop the old selection first.
    if (name != m_fedApplication) {
        m_microservices->setSelectedKey(QString());
        m_microservices->setFilterText(QString());
        m_fedApplication = name;
    }
    ResourceList *source = shownList();
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("microservices"), ms}}).toJson(
        QJsonDocument::Compact);
    m_microservices->showAnswer(body, source->updatedAt().isValid() ? source->updatedAt()
                                                                   : QDateTime::currentDateTimeUtc(),
                                source->stale());
}

namespace {

/// DetailsModel updates rows in place; a ListView does not re-read a row's section on dataChanged,
/// so when rows change groups (another microservice, an error row appears) start from empty.
void setDetailRows(DetailsModel *model, const QList<DetailRow> &rows)
{
    const QList<DetailRow> &old = model->rows();
    const qsizetype common = std::min(old.size(), rows.size());
    for (qsizetype i = 0; i < common; ++i) {
        if (old.at(i).group != rows.at(i).group || old.at(i).label != rows.at(i).label) {
            model->clear();
            break;
        }
    }
    model->setRows(rows);
}

} // namespace

void ApplicationsPage::updateDetails()
{
    const QJsonObject app = application();
    setDetailRows(m_appDetails, app.isEmpty() ? QList<DetailRow>() : applicationRows(app));
    const QJsonObject ms = microservice();
    setDetailRows(m_msDetails,
                  ms.isEmpty() ? QList<DetailRow>()
                               : microserviceRows(ms, agentName(ms.value(u"iofogUuid").toString())));
    Q_EMIT selectionChanged();
}

QList<DetailRow> ApplicationsPage::applicationRows(const QJsonObject &app)
{
    QList<DetailRow> rows;
    const QString g = tr("Application");
    const bool active = app.value(u"isActivated").toBool();
    rows << DetailRow(g, tr("Name"), app.value(u"name").toString())
         << DetailRow(g, tr("Description"), app.value(u"description").toString())
         << DetailRow(g, tr("State"), active ? tr("activated") : tr("stopped"),
                      tr("isActivated: whether the Controller deploys the microservices"), false,
                      !active)
         << DetailRow(g, tr("System"), yesNo(app.value(u"isSystem").toBool()))
         << DetailRow(g, tr("Id"), QString::number(app.value(u"id").toInteger()))
         << DetailRow(g, tr("Created"), timeText(isoMs(app, u"createdAt")),
                      app.value(u"createdAt").toString())
         << DetailRow(g, tr("Updated"), timeText(isoMs(app, u"updatedAt")),
                      app.value(u"updatedAt").toString());

    const QString n = tr("NATS");
    const QJsonObject nats = app.value(u"natsConfig").toObject();
    const bool access = nats.value(u"natsAccess").toBool();
    rows << DetailRow(n, tr("NATS access"), access ? tr("enabled") : tr("disabled"),
                      tr("With access the application gets a NATS account named like it."));
    if (access) {
        const QString rule = nats.value(u"natsRule").toString();
        rows << DetailRow(n, tr("Account rule"),
                          rule.isEmpty() ? tr("(Controller default)") : rule,
                          tr("NATS account rule applied to the application's account"));
    }

    const QString m = tr("Microservices");
    const QJsonArray ms = app.value(u"microservices").toArray();
    int running = 0;
    for (const QJsonValue &v : ms)
        running += isRunning(v.toObject()) ? 1 : 0;
    rows << DetailRow(m, tr("Count"), QString::number(ms.size()))
         << DetailRow(m, tr("Running"), QString::number(running), {}, false,
                      active && running < ms.size());
    return rows;
}

QList<DetailRow> ApplicationsPage::microserviceRows(const QJsonObject &ms, const QString &agent)
{
    QList<DetailRow> rows;
    const QString g = tr("Microservice");
    const QString agentUuid = ms.value(u"iofogUuid").toString();
    rows << DetailRow(g, tr("Name"), ms.value(u"name").toString())
         << DetailRow(g, tr("UUID"), ms.value(u"uuid").toString())
         << DetailRow(g, tr("Application"), ms.value(u"application").toString())
         << DetailRow(g, tr("Agent"), agent.isEmpty() ? agentUuid : agent, agentUuid)
         << DetailRow(g, tr("Activated"), yesNo(ms.value(u"isActivated").toBool()))
         << DetailRow(g, tr("Created"), timeText(isoMs(ms, u"createdAt")),
                      ms.value(u"createdAt").toString())
         << DetailRow(g, tr("Updated"), timeText(isoMs(ms, u"updatedAt")),
                      ms.value(u"updatedAt").toString());

    const QString st = tr("Status");
    const QJsonObject status = ms.value(u"status").toObject();
    const QString state = status.value(u"status").toString();
    const Tone tone = ApplicationsPage::microserviceTone(state);
    rows << DetailRow(st, tr("Status"), state, {}, false, tone == Tone::Bad || tone == Tone::Warn);
    if (const QString error = status.value(u"errorMessage").toString(); !error.isEmpty())
        rows << DetailRow(st, tr("Error"), error, {}, false, true);
    const qint64 started = qint64(status.value(u"startTime").toDouble());
    rows << DetailRow(st, tr("Started"), started > 0 ? TimeText::exact(started) : tr("not started"));
    const qint64 duration = qint64(status.value(u"operatingDuration").toDouble());
    if (duration > 0)
        rows << DetailRow(st, tr("Running for"), TimeText::duration(duration));
    rows << DetailRow(st, tr("CPU"), tr("%1%").arg(status.value(u"cpuUsage").toDouble(), 0, 'f', 1))
         << DetailRow(st, tr("Memory"),
                      tr("%1 MB").arg(status.value(u"memoryUsage").toDouble() / (1024.0 * 1024.0),
                                      0, 'f', 1),
                      tr("as reported by the agent"));
    if (const double pct = status.value(u"percentage").toDouble(); pct > 0 && pct < 100)
        rows << DetailRow(st, tr("Image pull"), tr("%1%").arg(pct, 0, 'f', 0));
    rows << DetailRow(st, tr("Container"), status.value(u"containerId").toString())
         << DetailRow(st, tr("IP address"), status.value(u"ipAddress").toString());

    const QString h = tr("Health");
    const QJsonObject check = ms.value(u"healthCheck").toObject();
    const QString health = status.value(u"healthStatus").toString();
    rows << DetailRow(h, tr("Health"), health.isEmpty() ? tr("not reported") : health, {}, false,
                      health.compare(u"unhealthy", Qt::CaseInsensitive) == 0);
    if (check.isEmpty()) {
        rows << DetailRow(h, tr("Check"), tr("none"));
    } else {
        QStringList test;
        for (const QJsonValue &t : check.value(u"test").toArray())
            test << t.toString();
        rows << DetailRow(h, tr("Check"), test.join(u' '))
             << DetailRow(h, tr("Timing"),
                          tr("every %1 s, timeout %2 s, start period %3 s, %4 retries")
                              .arg(check.value(u"interval").toInteger())
                              .arg(check.value(u"timeout").toInteger())
                              .arg(check.value(u"startPeriod").toInteger())
                              .arg(check.value(u"retries").toInteger()));
    }

    const QString ex = tr("Exec");
    const QJsonObject exec = ms.value(u"execStatus").toObject();
    rows << DetailRow(ex, tr("Exec enabled"), yesNo(ms.value(u"execEnabled").toBool()))
         << DetailRow(ex, tr("Exec status"), exec.value(u"status").toString());
    if (const QString session = exec.value(u"execSessionId").toString(); !session.isEmpty())
        rows << DetailRow(ex, tr("Exec session"), session);

    const QString img = tr("Images");
    for (const QJsonValue &v : ms.value(u"images").toArray()) {
        const QJsonObject image = v.toObject();
        rows << DetailRow(img, Api::fogTypeName(image.value(u"fogTypeId").toInt()),
                          image.value(u"containerImage").toString());
    }

    const QJsonArray ports = ms.value(u"ports").toArray();
    for (const QJsonValue &v : ports) {
        const QJsonObject p = v.toObject();
        rows << DetailRow(tr("Ports"),
                          tr("container %1/%2").arg(p.value(u"internal").toInteger())
                              .arg(p.value(u"protocol").toString(QStringLiteral("tcp"))),
                          tr("host %1").arg(p.value(u"external").toInteger()));
    }

    for (const QJsonValue &v : ms.value(u"volumeMappings").toArray()) {
        const QJsonObject vm = v.toObject();
        rows << DetailRow(tr("Volumes"), vm.value(u"containerDestination").toString(),
                          tr("%1 (%2, %3)")
                              .arg(vm.value(u"hostDestination").toString(),
                                   vm.value(u"type").toString(), vm.value(u"accessMode").toString()));
    }

    for (const QJsonValue &v : ms.value(u"env").toArray()) {
        const QJsonObject e = v.toObject();
        const QString secret = e.value(u"valueFromSecret").toString();
        const QString configMap = e.value(u"valueFromConfigMap").toString();
        // The Controller answers with the resolved value; a value from a secret is secret material,
        // so only the reference is shown.
        if (!secret.isEmpty())
            rows << DetailRow(tr("Environment"), e.value(u"key").toString(),
                              tr("from secret %1").arg(secret),
                              tr("The value comes from the secret (name/key); it is not shown here."));
        else if (!configMap.isEmpty())
            rows << DetailRow(tr("Environment"), e.value(u"key").toString(),
                              tr("from config map %1").arg(configMap),
                              tr("The value comes from the config map (name/key)."));
        else
            rows << DetailRow(tr("Environment"), e.value(u"key").toString(),
                              e.value(u"value").toString());
    }

    const QString n = tr("NATS");
    const QJsonObject nats = ms.value(u"natsConfig").toObject();
    const bool access = nats.value(u"natsAccess").toBool();
    rows << DetailRow(n, tr("NATS access"), access ? tr("enabled") : tr("disabled"),
                      tr("With access the microservice gets a NATS user named like it."));
    if (access) {
        const QString rule = nats.value(u"natsRule").toString();
        rows << DetailRow(n, tr("User rule"), rule.isEmpty() ? tr("(Controller default)") : rule,
                          tr("NATS user rule applied to the microservice's user"));
        if (const QString creds = ms.value(u"natsCredsSecretName").toString(); !creds.isEmpty())
            rows << DetailRow(n, tr("Creds secret"), creds,
                              tr("Secret holding the user's creds, mounted at /etc/nats/creds"));
    }

    const QString c = tr("Configuration");
    const QString config = ms.value(u"config").toString();
    rows << DetailRow(c, tr("Config"), config.isEmpty() ? tr("(none)") : prettyJsonString(config));
    QStringList flags;
    if (ms.value(u"isPrivileged").toBool())
        flags << tr("privileged");
    if (ms.value(u"hostNetworkMode").toBool())
        flags << tr("host network");
    if (!flags.isEmpty())
        rows << DetailRow(c, tr("Flags"), flags.join(u", "), {}, false, true);
    QStringList cmd;
    for (const QJsonValue &v : ms.value(u"cmd").toArray())
        cmd << v.toString();
    if (!cmd.isEmpty())
        rows << DetailRow(c, tr("Command"), cmd.join(u' '));
    return rows;
}

} // namespace Pot::Models
