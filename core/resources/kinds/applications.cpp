#include "kinds.h"

#include "core/api/records.h"
#include "core/timetext.h"
#include "core/tr.h"

#include <QDateTime>
#include <QJsonDocument>

namespace Pot::Resources::Kinds {

using namespace Qt::StringLiterals;
using Api::Application;
using Api::Microservice;

namespace {

QString systemReason()
{
    return Tr::tr("System applications belong to their agent (its router and NATS server); the "
                  "Controller manages them, so they are read-only here.");
}

QString yesNo(bool v)
{
    return v ? Tr::tr("yes") : Tr::tr("no");
}

/// "on (rule)", "on" (the Controller's default rule) or "off".
Cell natsCell(bool access, const QString &rule)
{
    if (!access)
        return Cell(Tr::tr("off"), Tone::Muted);
    return Cell(rule.isEmpty() ? Tr::tr("on") : Tr::tr("on (%1)").arg(rule));
}

/// An ISO time of the Controller as a local date and time, the ISO text as its hint.
DetailRow timeRow(const QString &group, const QString &label, const QString &iso)
{
    return DetailRow(group, label, TimeText::exact(TimeText::parseIso(iso)), iso);
}

QString imageShort(const QString &image)
{
    const qsizetype slash = image.lastIndexOf(u'/');
    return slash < 0 ? image : image.mid(slash + 1);
}

QString prettyJson(const QString &text)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || doc.isNull())
        return text;
    return QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
}

Action stateAction(const QString &id, const QString &label, const QString &path, bool start)
{
    Action a;
    a.id = id;
    a.label = label;
    a.verb = QStringLiteral("patch");
    a.method = QByteArrayLiteral("PATCH");
    a.path = path;
    a.confirm = start ? Confirm::None : Confirm::Plain;
    a.confirmText = start ? QString() : Tr::tr("Stop");
    return a;
}

/// The details of an object as `rows` shows its record (none for an object without identity).
template <class R>
std::function<QList<DetailRow>(const QJsonObject &)> detailsOf(QList<DetailRow> (*rows)(const R &))
{
    return [rows](const QJsonObject &o) {
        const Result<R> r = R::fromJson(o);
        return r ? rows(*r) : QList<DetailRow>();
    };
}

QList<DetailRow> applicationDetails(const Application &app)
{
    const QString g = Tr::tr("Application");
    QList<DetailRow> rows{
        DetailRow(g, Tr::tr("Name"), app.name),
        DetailRow(g, Tr::tr("Description"), app.description),
        DetailRow(g, Tr::tr("State"), app.isActivated ? Tr::tr("activated") : Tr::tr("stopped"),
                  Tr::tr("isActivated: whether the Controller deploys the microservices"), false,
                  !app.isActivated),
        DetailRow(g, Tr::tr("System"), yesNo(app.isSystem)),
        DetailRow(g, Tr::tr("Id"), QString::number(app.id)),
        timeRow(g, Tr::tr("Created"), app.createdAt),
        timeRow(g, Tr::tr("Updated"), app.updatedAt)};
    const QString n = Tr::tr("NATS");
    rows << DetailRow(n, Tr::tr("NATS access"), app.natsAccess ? Tr::tr("enabled") : Tr::tr("disabled"),
                      Tr::tr("With access the application gets a NATS account named like it."));
    if (app.natsAccess)
        rows << DetailRow(n, Tr::tr("Account rule"),
                          app.natsRule.isEmpty() ? Tr::tr("(Controller default)") : app.natsRule,
                          Tr::tr("NATS account rule applied to the application's account"));
    const QString m = Tr::tr("Microservices");
    rows << DetailRow(m, Tr::tr("Count"), QString::number(app.microserviceCount))
         << DetailRow(m, Tr::tr("Running"), QString::number(app.runningCount), {}, false,
                      app.isActivated && app.runningCount < app.microserviceCount);
    return rows;
}

QList<DetailRow> microserviceDetails(const Microservice &ms)
{
    const QString g = Tr::tr("Microservice");
    QList<DetailRow> rows{
        DetailRow(g, Tr::tr("Name"), ms.name),
        DetailRow(g, Tr::tr("UUID"), ms.uuid),
        DetailRow(g, Tr::tr("Application"), ms.application),
        DetailRow(g, Tr::tr("Agent"), ms.agentName.isEmpty() ? ms.agentUuid : ms.agentName, ms.agentUuid),
        DetailRow(g, Tr::tr("Activated"), yesNo(ms.isActivated)),
        timeRow(g, Tr::tr("Created"), ms.createdAt),
        timeRow(g, Tr::tr("Updated"), ms.updatedAt)};

    const QString st = Tr::tr("Status");
    const Tone tone = microserviceTone(ms.status);
    rows << DetailRow(st, Tr::tr("Status"), ms.status, {}, false, tone == Tone::Bad || tone == Tone::Warn);
    if (!ms.errorMessage.isEmpty())
        rows << DetailRow(st, Tr::tr("Error"), ms.errorMessage, {}, false, true);
    rows << DetailRow(st, Tr::tr("Started"),
                      ms.startTimeMs > 0 ? TimeText::exact(ms.startTimeMs) : Tr::tr("not started"));
    if (ms.operatingDurationMs > 0)
        rows << DetailRow(st, Tr::tr("Running for"), TimeText::duration(ms.operatingDurationMs));
    rows << DetailRow(st, Tr::tr("CPU"), Tr::tr("%1%").arg(ms.cpuUsage, 0, 'f', 1))
         << DetailRow(st, Tr::tr("Memory"),
                      Tr::tr("%1 MB").arg(ms.memoryUsage / (1024.0 * 1024.0), 0, 'f', 1),
                      Tr::tr("as reported by the agent"));
    if (ms.percentage > 0 && ms.percentage < 100)
        rows << DetailRow(st, Tr::tr("Image pull"), Tr::tr("%1%").arg(ms.percentage, 0, 'f', 0));
    rows << DetailRow(st, Tr::tr("Container"), ms.containerId)
         << DetailRow(st, Tr::tr("IP address"), ms.ipAddress);

    const QString h = Tr::tr("Health");
    rows << DetailRow(h, Tr::tr("Health"), ms.healthStatus.isEmpty() ? Tr::tr("not reported") : ms.healthStatus,
                      {}, false, ms.healthStatus.compare(u"unhealthy", Qt::CaseInsensitive) == 0);
    if (!ms.hasHealthCheck)
        rows << DetailRow(h, Tr::tr("Check"), Tr::tr("none"));
    else
        rows << DetailRow(h, Tr::tr("Check"), ms.healthTest.join(u' '))
             << DetailRow(h, Tr::tr("Timing"),
                          Tr::tr("every %1 s, timeout %2 s, start period %3 s, %4 retries")
                              .arg(ms.healthInterval)
                              .arg(ms.healthTimeout)
                              .arg(ms.healthStartPeriod)
                              .arg(ms.healthRetries));

    const QString ex = Tr::tr("Exec");
    rows << DetailRow(ex, Tr::tr("Exec enabled"), yesNo(ms.execEnabled))
         << DetailRow(ex, Tr::tr("Exec status"), ms.execStatus);
    if (!ms.execSessionId.isEmpty())
        rows << DetailRow(ex, Tr::tr("Exec session"), ms.execSessionId);

    for (const Microservice::Image &image : ms.images)
        rows << DetailRow(Tr::tr("Images"), Api::fogTypeName(image.fogTypeId), image.containerImage);
    for (const Microservice::Port &p : ms.ports)
        rows << DetailRow(Tr::tr("Ports"), Tr::tr("container %1/%2").arg(p.internal).arg(p.protocol),
                          Tr::tr("host %1").arg(p.external));
    for (const Microservice::Volume &v : ms.volumes)
        rows << DetailRow(Tr::tr("Volumes"), v.containerDestination,
                          Tr::tr("%1 (%2, %3)").arg(v.hostDestination, v.type, v.accessMode));
    const QString env = Tr::tr("Environment");
    for (const Microservice::Env &e : ms.env) {
        // The record keeps no value from a secret: only the reference is shown.
        if (!e.valueFromSecret.isEmpty())
            rows << DetailRow(env, e.key, Tr::tr("from secret %1").arg(e.valueFromSecret),
                              Tr::tr("The value comes from the secret (name/key); it is not shown here."));
        else if (!e.valueFromConfigMap.isEmpty())
            rows << DetailRow(env, e.key, Tr::tr("from config map %1").arg(e.valueFromConfigMap),
                              Tr::tr("The value comes from the config map (name/key)."));
        else
            rows << DetailRow(env, e.key, e.value);
    }

    const QString n = Tr::tr("NATS");
    rows << DetailRow(n, Tr::tr("NATS access"), ms.natsAccess ? Tr::tr("enabled") : Tr::tr("disabled"),
                      Tr::tr("With access the microservice gets a NATS user named like it."));
    if (ms.natsAccess) {
        rows << DetailRow(n, Tr::tr("User rule"),
                          ms.natsRule.isEmpty() ? Tr::tr("(Controller default)") : ms.natsRule,
                          Tr::tr("NATS user rule applied to the microservice's user"));
        if (!ms.natsCredsSecretName.isEmpty())
            rows << DetailRow(n, Tr::tr("Creds secret"), ms.natsCredsSecretName,
                              Tr::tr("Secret holding the user's creds, mounted at /etc/nats/creds"));
    }

    const QString c = Tr::tr("Configuration");
    rows << DetailRow(c, Tr::tr("Config"), ms.config.isEmpty() ? Tr::tr("(none)") : prettyJson(ms.config));
    QStringList flags;
    if (ms.isPrivileged)
        flags << Tr::tr("privileged");
    if (ms.hostNetworkMode)
        flags << Tr::tr("host network");
    if (!flags.isEmpty())
        rows << DetailRow(c, Tr::tr("Flags"), flags.join(u", "), {}, false, true);
    if (!ms.cmd.isEmpty())
        rows << DetailRow(c, Tr::tr("Command"), ms.cmd.join(u' '));
    return rows;
}

/// Applications (`system`: the system applications, one per agent, read-only here).
Kind applicationKind(bool system)
{
    Kind k;
    k.id = system ? QStringLiteral("systemApplications") : QStringLiteral("applications");
    k.title = system ? Tr::tr("System applications") : Tr::tr("Applications");
    k.singular = Tr::tr("application");
    k.plural = system ? Tr::tr("system applications") : Tr::tr("applications");
    k.listPath = system ? QStringLiteral("/application/system") : QStringLiteral("/application");
    k.arrayKey = QStringLiteral("applications");
    k.rbacResource = QStringLiteral("applications");
    if (system) {
        // First-match routing: this GET resolves to applications:get with resourceName "system".
        k.listVerb = QStringLiteral("get");
        k.listName = QStringLiteral("system");
    }
    k.emptyText = system ? Tr::tr("The Controller makes one system application (router, NATS) for "
                                  "each agent; there is none yet.")
                         : Tr::tr("This control plane runs no applications yet. Deploy one with "
                                  "potctl or the Controller API (POST /application).");
    auto refusedIf = [system](QString reason, std::optional<bool> activatedRefused) {
        return [system, reason, activatedRefused](const QJsonObject &o) {
            if (system || Api::Json::boolean(o, "isSystem"_L1))
                return systemReason();
            if (activatedRefused && Api::Json::boolean(o, "isActivated"_L1) == *activatedRefused)
                return reason;
            return QString();
        };
    };
    const QString path = QStringLiteral("/application/{key}");
    // What potctl start/stop application sends.
    Action start = stateAction(QStringLiteral("start"), Tr::tr("Start application"), path, true);
    start.doneText = Tr::tr("Application %1 started.");
    start.body = [](const QJsonObject &, const QString &) {
        return QJsonObject{{QStringLiteral("isActivated"), true}};
    };
    start.refused = refusedIf(Tr::tr("The application is already activated."), true);
    Action stop = stateAction(QStringLiteral("stop"), Tr::tr("Stop application"), path, false);
    stop.question = Tr::tr("Stop %1? The Controller removes its microservices from their agents "
                           "until it is started again.");
    stop.doneText = Tr::tr("Application %1 stopped.");
    stop.body = [](const QJsonObject &, const QString &) {
        return QJsonObject{{QStringLiteral("isActivated"), false}};
    };
    stop.refused = refusedIf(Tr::tr("The application is already stopped."), false);
    Action del = deleteAction(k.singular, path, {});
    del.question = Tr::tr("Delete %1 and all its microservices? Their containers are removed from "
                          "the agents and the application's NATS account goes away. This cannot "
                          "be undone.");
    del.doneText = Tr::tr("Application %1 deleted.");
    del.refused = refusedIf({}, std::nullopt);
    return KindOf<Application>(k)
        .column(Tr::tr("Name"), 160, [](const Application &a) {
            Cell c(a.name);
            c.tip = Tr::tr("Application id %1").arg(a.id);
            return c;
        })
        .column(Tr::tr("State"), 80, [](const Application &a) {
            Cell c(a.isActivated ? Tr::tr("activated") : Tr::tr("stopped"), a.isActivated ? Tone::Ok : Tone::Warn);
            c.tip = a.isActivated ? Tr::tr("The application is activated: its microservices are deployed.")
                                  : Tr::tr("The application is stopped: its microservices are not deployed.");
            return c;
        })
        .column(Tr::tr("Microservices"), 105, [](const Application &a) { return Cell::number(a.microserviceCount); })
        .column(Tr::tr("Running"), 70, [](const Application &a) {
            Cell c = Cell::number(a.runningCount);
            c.tone = a.microserviceCount == 0                 ? Tone::Muted
                     : a.runningCount == a.microserviceCount ? Tone::Ok
                                                              : Tone::Warn;
            c.tip = Tr::tr("%1 of %2 microservices report RUNNING").arg(a.runningCount).arg(a.microserviceCount);
            return c;
        })
        .column(Tr::tr("NATS"), 150, [](const Application &a) {
            Cell c = natsCell(a.natsAccess, a.natsRule);
            if (!a.natsRule.isEmpty())
                c.tip = Tr::tr("NATS account rule %1").arg(a.natsRule);
            return c;
        })
        .column(Tr::tr("Description"), 240, [](const Application &a) {
            Cell c(a.description);
            c.tip = a.description;
            return c;
        })
        .column(Tr::tr("Updated"), 110, [](const Application &a) {
            const qint64 updated = TimeText::parseIso(a.updatedAt);
            Cell c(TimeText::relative(updated, QDateTime::currentMSecsSinceEpoch()));
            if (updated > 0)
                c.sortKey = double(updated);
            c.tip = TimeText::exact(updated);
            return c;
        })
        .details(detailsOf(applicationDetails))
        .action(start)
        .action(stop)
        .action(del)
        .build();
}

} // namespace

/// RUNNING is fine; FAILED, STUCK_IN_RESTART and UNKNOWN need attention; a microservice on its
/// way down or gone is a warning; the rest are on their way up.
Tone microserviceTone(const QString &status)
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

Kind applications()
{
    return applicationKind(false);
}

Kind systemApplications()
{
    return applicationKind(true);
}

Kind microservices()
{
    Kind k;
    k.id = QStringLiteral("microservices");
    k.title = Tr::tr("Microservices");
    k.singular = Tr::tr("microservice");
    k.plural = Tr::tr("microservices");
    k.arrayKey = QStringLiteral("microservices");
    k.rbacResource = QStringLiteral("microservices");
    k.fed = true;
    k.emptyText = Tr::tr("This application has no microservices.");
    auto system = [](const QJsonObject &o) {
        return Api::Json::boolean(o, "isSystem"_L1) ? systemReason() : QString();
    };
    Action start = stateAction(QStringLiteral("start"), Tr::tr("Start microservice"),
                               QStringLiteral("/microservices/{key}/start"), true);
    start.doneText = Tr::tr("Microservice %1 started.");
    Action stop = stateAction(QStringLiteral("stop"), Tr::tr("Stop microservice"),
                              QStringLiteral("/microservices/{key}/stop"), false);
    stop.question = Tr::tr("Stop %1? Its container stops on the agent until it is started again.");
    stop.doneText = Tr::tr("Microservice %1 stopped.");
    for (Action *a : {&start, &stop}) {
        a->body = [](const QJsonObject &, const QString &) { return QJsonObject(); };
        a->refused = system;
    }
    Action del = deleteAction(k.singular, QStringLiteral("/microservices/{key}"), {});
    del.question = Tr::tr("Delete %1? Its container is removed from the agent and its NATS user "
                          "goes away. This cannot be undone.");
    del.doneText = Tr::tr("Microservice %1 deleted.");
    del.refused = system;
    // Images last: they are long, and the columns before them matter more in a narrow pane.
    return KindOf<Microservice>(k)
        .column(Tr::tr("Name"), 120, [](const Microservice &m) {
            Cell c(m.name);
            c.tip = m.uuid;
            return c;
        })
        .column(Tr::tr("Status"), 95, [](const Microservice &m) {
            Cell c(m.status, m.errorMessage.isEmpty() ? microserviceTone(m.status) : Tone::Bad);
            c.tip = m.errorMessage;
            return c;
        })
        .column(Tr::tr("Agent"), 100, [](const Microservice &m) {
            Cell c(m.agentName.isEmpty() ? m.agentUuid : m.agentName);
            c.tip = m.agentUuid;
            return c;
        })
        .column(Tr::tr("Ports"), 120, [](const Microservice &m) {
            QStringList ports;
            for (const Microservice::Port &p : m.ports)
                ports << QStringLiteral("%1→%2/%3").arg(p.external).arg(p.internal).arg(p.protocol);
            Cell c(ports.join(u", "));
            c.tip = Tr::tr("host port → container port");
            return c;
        })
        .column(Tr::tr("Health"), 80, [](const Microservice &m) {
            const QString health = !m.healthStatus.isEmpty() ? m.healthStatus
                                   : m.hasHealthCheck       ? Tr::tr("not reported")
                                                            : Tr::tr("no check");
            const QString lower = health.toLower();
            return Cell(health, lower == u"healthy"     ? Tone::Ok
                                : lower == u"unhealthy" ? Tone::Bad
                                                        : Tone::Muted);
        })
        .column(Tr::tr("NATS"), 160, [](const Microservice &m) { return natsCell(m.natsAccess, m.natsRule); })
        .column(Tr::tr("Images"), 260, [](const Microservice &m) {
            QStringList images;
            QStringList tips;
            for (const Microservice::Image &i : m.images) {
                const QString type = Api::fogTypeName(i.fogTypeId);
                images << imageShort(i.containerImage) + u" (" + type + u')';
                tips << type + u": " + i.containerImage;
            }
            Cell c(images.join(u", "));
            c.tip = tips.join(u'\n');
            return c;
        })
        .details(detailsOf(microserviceDetails))
        .action(start)
        .action(stop)
        .action(del)
        .build();
}

} // namespace Pot::Resources::Kinds
