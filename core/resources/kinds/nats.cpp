#include "kinds.h"
#include "natsdetails.h"

#include "core/nats/claimsinwords.h"
#include "core/nats/jwt.h"
#include "core/yaml/manifestcheck.h"
#include "core/yaml/manifestdiff.h"
#include "core/tr.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <optional>

// The NATS lists (controller-api.md §5): accounts, users, account rules and user rules, with their
// fields in words and the Controller's quirks flagged (null limits, resp.ttl in ms, nats.exp).

namespace Pot::Resources {

namespace {

using Api::NatsAccount;
using Api::NatsAccountRule;
using Api::NatsUser;
using Api::NatsUserRule;

std::optional<qint64> optionalInt(const QJsonValue &v)
{
    if (v.isDouble())
        return qint64(v.toDouble());
    return std::nullopt;
}

QString yesNo(bool b)
{
    return b ? Tr::tr("yes") : Tr::tr("no");
}

QString stringList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out << s.toString();
    return out.isEmpty() ? Tr::tr("none") : out.join(u", ");
}

qint64 nowSeconds()
{
    return QDateTime::currentSecsSinceEpoch();
}

void claimRows(QList<DetailRow> &rows, const QString &token, qint64 now, bool bearer = false)
{
    Result<Nats::Jwt> jwt = Nats::Jwt::decode(token.toLatin1());
    if (!jwt) {
        rows.append(DetailRow(Tr::tr("Claims"), Tr::tr("JWT"), jwt.error().message, {}, false, true));
        return;
    }
    for (const Nats::ClaimRow &r : Nats::claimsInWords(*jwt, now)) {
        QString hint = r.hint;
        if (!r.warning.isEmpty())
            hint = hint.isEmpty() ? r.warning : r.warning + u'\n' + hint;
        rows.append(DetailRow(r.group, r.label, r.value, hint, false, !r.warning.isEmpty()));
    }
    // A bearer user's JWT alone signs in: treat it like a password.
    rows.append(DetailRow(Tr::tr("Token"), Tr::tr("Encoded JWT"), token,
                          bearer ? Tr::tr("Bearer token: this JWT alone lets a client connect.") : QString(),
                          bearer));
}

/// A numeric limit of a rule: -1 unlimited; null flagged (it reaches the JWT as null).
DetailRow limitRow(const QString &group, const QString &label, const QJsonObject &rule,
                   QLatin1StringView key, bool bytes)
{
    const QJsonValue v = rule.value(key);
    if (v.isDouble())
        return DetailRow(group, label, Nats::formatLimit(qint64(v.toDouble()), bytes),
                         QStringLiteral("%1 = %2").arg(key).arg(qint64(v.toDouble())));
    return DetailRow(group, label, Tr::tr("not set (null)"),
                     Tr::tr("The Controller writes null into the JWT; nats-server reads null "
                            "as 0, which is not unlimited. Set -1 for unlimited."),
                     false, true);
}

void permissionRows(QList<DetailRow> &rows, const QString &group, const QJsonObject &rule)
{
    rows.append(DetailRow(group, Tr::tr("Publish allow"), stringList(rule.value(u"pubAllow"))));
    rows.append(DetailRow(group, Tr::tr("Publish deny"), stringList(rule.value(u"pubDeny"))));
    rows.append(DetailRow(group, Tr::tr("Subscribe allow"), stringList(rule.value(u"subAllow"))));
    rows.append(DetailRow(group, Tr::tr("Subscribe deny"), stringList(rule.value(u"subDeny"))));
}

void responseRows(QList<DetailRow> &rows, const QString &group, const QJsonObject &rule)
{
    const std::optional<qint64> max = optionalInt(rule.value(u"respMax"));
    const std::optional<qint64> ttl = optionalInt(rule.value(u"respTtl"));
    if (!max && !ttl) {
        rows.append(DetailRow(group, Tr::tr("Responses"), Tr::tr("not set"),
                              Tr::tr("No resp permission in the JWT.")));
        return;
    }
    rows.append(DetailRow(group, Tr::tr("Response max"),
                          max ? QString::number(*max) : Tr::tr("not set (null)")));
    const QString warning = NatsDetails::ttlWarning(ttl.value_or(0));
    rows.append(DetailRow(group, Tr::tr("Response TTL"),
                          ttl ? Tr::tr("%1 (%2 as nats-server reads it)").arg(*ttl).arg(Nats::formatNanos(*ttl))
                              : Tr::tr("not set (null)"),
                          warning.isEmpty() ? Tr::tr("resp.ttl is a Go duration in nanoseconds.") : warning,
                          false, !warning.isEmpty()));
}

QString compact(const QJsonValue &v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
}

QString ruleGroup()
{
    return Tr::tr("Rule");
}

void ruleHeaderRows(QList<DetailRow> &rows, const QJsonObject &rule)
{
    const QString g = ruleGroup();
    rows.append(DetailRow(g, Tr::tr("Name"), rule.value(u"name").toString()));
    rows.append(DetailRow(g, Tr::tr("Description"), rule.value(u"description").toString()));
    rows.append(DetailRow(g, Tr::tr("Kind"),
                          rule.value(u"isSystem").toBool() ? Tr::tr("built-in (reserved, cannot be changed)")
                                                           : Tr::tr("custom")));
}

/// The "Kind" cell of both rule lists.
Cell ruleKindCell(const Api::NatsRule &r)
{
    Cell c(r.isSystem ? Tr::tr("built-in") : Tr::tr("custom"), r.isSystem ? Tone::Muted : Tone::None);
    if (r.isSystem)
        c.tip = Tr::tr("Reserved: the Controller refuses changes.");
    return c;
}

/// The "Flags" cell of both rule lists: null limits and a resp.ttl that looks like milliseconds.
Cell ruleFlagsCell(const Api::NatsRule &r)
{
    QStringList flags;
    QStringList tips;
    if (!r.nullLimits.isEmpty()) {
        flags << Tr::tr("%n limit(s) null", nullptr, int(r.nullLimits.size()));
        tips << Tr::tr("null limits reach the JWT as null, which nats-server reads as 0 (not unlimited)");
    }
    if (const QString ttl = NatsDetails::ttlWarning(r.respTtl); !ttl.isEmpty()) {
        flags << Tr::tr("resp.ttl in ms?");
        tips << ttl;
    }
    Cell c(flags.join(u", "), flags.isEmpty() ? Tone::None : Tone::Warn);
    c.tip = tips.join(u'\n');
    return c;
}

Cell descriptionCell(const Api::NatsRule &r)
{
    Cell c(r.description);
    c.tip = r.description;
    return c;
}

/// Deleting a user of an application account (controller-api.md §5.4): the Controller revokes its
/// key in the account JWT. Users of microservices and of system accounts are the Controller's.
Action deleteUserAction(bool bearer)
{
    Action a;
    a.id = bearer ? QStringLiteral("deleteBearer") : QStringLiteral("delete");
    a.label = bearer ? Tr::tr("Delete MQTT bearer…") : Tr::tr("Delete user…");
    a.verb = QStringLiteral("delete");
    a.method = QByteArrayLiteral("DELETE");
    a.path = bearer ? QStringLiteral("/nats/accounts/{applicationName}/mqtt-bearer/{name}")
                    : QStringLiteral("/nats/accounts/{applicationName}/users/{name}");
    a.confirm = Confirm::TypedName;
    a.destructive = true;
    a.question = Tr::tr("Delete %1 from the account of %2? The Controller adds its public key to the "
                        "account JWT's revocations and deletes its creds; clients using them are "
                        "refused once servers have the new account JWT.");
    a.questionOf = [question = a.question](const QJsonObject &o) {
        const Result<NatsUser> u = NatsUser::fromJson(o);
        return u ? question.arg(u->name, u->applicationName) : QString();
    };
    a.doneOf = [](const QJsonObject &o) {
        const Result<NatsUser> u = NatsUser::fromJson(o);
        return u ? Tr::tr("User %1 deleted from %2; its key is revoked in the account JWT.")
                       .arg(u->name, u->applicationName)
                 : QString();
    };
    a.refused = [bearer](const QJsonObject &o) -> QString {
        const Result<NatsUser> u = NatsUser::fromJson(o);
        if (!u)
            return u.error().message;
        if (!u->microserviceUuid.isEmpty())
            return Tr::tr("This user belongs to a microservice; it goes away with the microservice.");
        if (u->applicationName.isEmpty())
            return Tr::tr("Users of system accounts are managed by the Controller.");
        if (u->isBearer != bearer)
            return bearer ? Tr::tr("Not an MQTT bearer user: use Delete user.")
                          : Tr::tr("An MQTT bearer user: use Delete MQTT bearer.");
        return {};
    };
    return a;
}

} // namespace

namespace NatsDetails {

QString ttlWarning(qint64 ttl)
{
    // Below 1 ms as nanoseconds: almost certainly meant as milliseconds (5000 → 5 µs).
    if (ttl > 0 && ttl < 1000000)
        return Tr::tr("resp.ttl %1 is %2 for nats-server (a Go duration in nanoseconds); if %1 ms was "
                      "meant, the rule needs %3.")
            .arg(ttl)
            .arg(Nats::formatNanos(ttl))
            .arg(ttl * 1000000);
    return {};
}

Expiry userExpiry(const QJsonObject &payload)
{
    Expiry e;
    if (payload.value(u"exp").isDouble()) {
        e.seconds = qint64(payload.value(u"exp").toDouble());
        e.enforced = true;
    } else {
        e.seconds = qint64(payload.value(u"nats").toObject().value(u"exp").toDouble());
    }
    return e;
}

Expiry userExpiry(const QString &jwt)
{
    if (auto decoded = Nats::Jwt::decode(jwt.toLatin1()))
        return userExpiry(decoded->payload());
    return {};
}

QList<DetailRow> operatorRows(const std::optional<Api::NatsOperator> &op,
                              const std::optional<Api::NatsHub> &hub, qint64 now)
{
    QList<DetailRow> rows;
    if (op) {
        const QString g = Tr::tr("Operator");
        rows.append(DetailRow(g, Tr::tr("Name"), op->name));
        rows.append(DetailRow(g, Tr::tr("Public key"), op->publicKey,
                              Tr::tr("The operator identity key; it signs every account JWT.")));
    }
    if (hub) {
        const QString g = Tr::tr("Hub");
        rows.append(DetailRow(g, Tr::tr("Host"), hub->host));
        rows.append(DetailRow(g, Tr::tr("Client port"), QString::number(hub->serverPort)));
        rows.append(DetailRow(g, Tr::tr("Cluster port"), QString::number(hub->clusterPort)));
        rows.append(DetailRow(g, Tr::tr("Leaf node port"), QString::number(hub->leafPort)));
        rows.append(DetailRow(g, Tr::tr("MQTT port"), QString::number(hub->mqttPort)));
        rows.append(DetailRow(g, Tr::tr("Monitoring port"), QString::number(hub->httpPort)));
    }
    if (op)
        claimRows(rows, op->jwt, now);
    return rows;
}

QList<DetailRow> accountRows(const QJsonObject &object, qint64 now)
{
    const Result<NatsAccount> account = NatsAccount::fromJson(object);
    if (!account)
        return {DetailRow(Tr::tr("Account"), Tr::tr("Account"), account.error().message, {}, false, true)};
    QList<DetailRow> rows;
    const QString g = Tr::tr("Account");
    rows.append(DetailRow(g, Tr::tr("Name"), account->name));
    QString kind = Tr::tr("application account");
    if (account->isSystem)
        kind = Tr::tr("system account (SYS)");
    else if (account->isLeafSystem)
        kind = Tr::tr("leaf node system account");
    rows.append(DetailRow(g, Tr::tr("Kind"), kind));
    rows.append(DetailRow(g, Tr::tr("Public key"), account->publicKey));
    claimRows(rows, account->jwt, now);
    return rows;
}

QList<DetailRow> accountContextRows(const NatsAccount &account, const QList<NatsUser> &users,
                                    const QString &ruleName, const QString &ruleSource)
{
    QList<DetailRow> rows;
    rows.append(DetailRow(Tr::tr("Account"), Tr::tr("Account rule"),
                          ruleName.isEmpty() ? Tr::tr("unknown") : ruleName, ruleSource));
    const QString ug = Tr::tr("Users");
    int count = 0;
    for (const NatsUser &u : users) {
        if (u.accountName != account.name)
            continue;
        ++count;
        QStringList notes;
        if (u.isBearer)
            notes << Tr::tr("MQTT bearer");
        if (!u.microserviceUuid.isEmpty())
            notes << Tr::tr("microservice");
        if (const Expiry e = userExpiry(u.jwt); e.seconds > 0)
            notes << (e.enforced ? Tr::tr("expires %1") : Tr::tr("requested expiry %1 (not enforced)"))
                         .arg(Nats::formatUnixTime(e.seconds));
        rows.append(DetailRow(ug, u.name, notes.isEmpty() ? Tr::tr("user") : notes.join(u", "), u.publicKey));
    }
    if (count == 0)
        rows.append(DetailRow(ug, Tr::tr("Users"), Tr::tr("none")));
    return rows;
}

QList<DetailRow> userRows(const QJsonObject &object, qint64 now)
{
    const Result<NatsUser> user = NatsUser::fromJson(object);
    if (!user)
        return {DetailRow(Tr::tr("User"), Tr::tr("User"), user.error().message, {}, false, true)};
    QList<DetailRow> rows;
    const QString g = Tr::tr("User");
    rows.append(DetailRow(g, Tr::tr("Name"), user->name));
    rows.append(DetailRow(g, Tr::tr("Account"), user->accountName));
    if (!user->applicationName.isEmpty())
        rows.append(DetailRow(g, Tr::tr("Application"), user->applicationName));
    if (!user->microserviceUuid.isEmpty())
        rows.append(DetailRow(g, Tr::tr("Microservice"), user->microserviceUuid,
                              Tr::tr("Created for this microservice; it is deleted with it.")));
    rows.append(DetailRow(g, Tr::tr("Public key"), user->publicKey));
    rows.append(DetailRow(g, Tr::tr("MQTT bearer user"), yesNo(user->isBearer),
                          user->isBearer ? Tr::tr("Connects with the JWT alone, no nonce signature: the "
                                                  "JWT is a password.")
                                         : QString()));
    if (Result<Nats::Jwt> jwt = Nats::Jwt::decode(user->jwt.toLatin1())) {
        const Expiry e = userExpiry(jwt->payload());
        if (e.seconds <= 0) {
            rows.append(DetailRow(g, Tr::tr("Expiry"), Tr::tr("never")));
        } else if (e.enforced) {
            rows.append(DetailRow(g, Tr::tr("Expiry"), Nats::formatUnixTime(e.seconds), {}, false,
                                  e.seconds < now));
        } else {
            rows.append(DetailRow(
                g, Tr::tr("Expiry"),
                Tr::tr("%1, requested expiry (not enforced)").arg(Nats::formatUnixTime(e.seconds)),
                Tr::tr("The Controller wrote the expiry into nats.exp, which nats-server ignores: "
                       "these credentials keep working after this date. Delete the user to revoke it."),
                false, true));
        }
        const Nats::UserPermissionLimits &p = jwt->claims().user.permissions;
        rows.append(DetailRow(g, Tr::tr("Connection types"),
                              p.allowedConnectionTypes.isEmpty() ? Tr::tr("all")
                                                                 : p.allowedConnectionTypes.join(u", ")));
    }
    claimRows(rows, user->jwt, now, user->isBearer);
    return rows;
}

QList<DetailRow> accountRuleRows(const QJsonObject &rule)
{
    using namespace Qt::StringLiterals;
    QList<DetailRow> rows;
    ruleHeaderRows(rows, rule);
    if (!rule.value(u"infoUrl").toString().isEmpty())
        rows.append(DetailRow(ruleGroup(), Tr::tr("Info URL"), rule.value(u"infoUrl").toString()));

    const QString g = Tr::tr("Limits");
    rows.append(limitRow(g, Tr::tr("Connections"), rule, "maxConnections"_L1, false));
    rows.append(limitRow(g, Tr::tr("Leaf node connections"), rule, "maxLeafNodeConnections"_L1, false));
    rows.append(limitRow(g, Tr::tr("Data"), rule, "maxData"_L1, true));
    rows.append(limitRow(g, Tr::tr("Message payload"), rule, "maxMsgPayload"_L1, true));
    rows.append(limitRow(g, Tr::tr("Subscriptions"), rule, "maxSubscriptions"_L1, false));
    rows.append(limitRow(g, Tr::tr("Imports"), rule, "maxImports"_L1, false));
    rows.append(limitRow(g, Tr::tr("Exports"), rule, "maxExports"_L1, false));
    rows.append(DetailRow(g, Tr::tr("Wildcard exports"), yesNo(rule.value(u"exportsAllowWildcards").toBool(true))));
    rows.append(DetailRow(g, Tr::tr("Bearer tokens refused"), yesNo(rule.value(u"disallowBearer").toBool())));

    // The JetStream group reaches the JWT only when one of its fields is set (§5.3).
    static const QLatin1StringView js[] = {"memStorage"_L1,    "diskStorage"_L1,       "streams"_L1,
                                           "consumer"_L1,      "maxAckPending"_L1,     "memMaxStreamBytes"_L1,
                                           "diskMaxStreamBytes"_L1};
    bool anyJs = false;
    for (QLatin1StringView k : js)
        anyJs = anyJs || rule.value(k).isDouble();
    const QString jg = Tr::tr("JetStream");
    if (!anyJs) {
        rows.append(DetailRow(jg, Tr::tr("JetStream"), Tr::tr("not enabled by this rule"),
                              Tr::tr("No JetStream limits in the JWT.")));
    } else {
        rows.append(limitRow(jg, Tr::tr("Memory storage"), rule, js[0], true));
        rows.append(limitRow(jg, Tr::tr("Disk storage"), rule, js[1], true));
        rows.append(limitRow(jg, Tr::tr("Streams"), rule, js[2], false));
        rows.append(limitRow(jg, Tr::tr("Consumers"), rule, js[3], false));
        rows.append(limitRow(jg, Tr::tr("Max ack pending"), rule, js[4], false));
        rows.append(limitRow(jg, Tr::tr("Memory stream bytes"), rule, js[5], true));
        rows.append(limitRow(jg, Tr::tr("Disk stream bytes"), rule, js[6], true));
    }

    const QString pg = Tr::tr("Default permissions");
    permissionRows(rows, pg, rule);
    responseRows(rows, pg, rule);

    const QString eg = Tr::tr("Exports");
    const QJsonArray exports = rule.value(u"exports").toArray();
    for (const QJsonValue &v : exports) {
        const QJsonObject e = v.toObject();
        rows.append(DetailRow(eg, e.value(u"name").toString(),
                              Tr::tr("%1 %2").arg(e.value(u"type").toString(), e.value(u"subject").toString()),
                              compact(e)));
    }
    if (exports.isEmpty())
        rows.append(DetailRow(eg, Tr::tr("Exports"), Tr::tr("none")));
    const QString ig = Tr::tr("Imports");
    const QJsonArray imports = rule.value(u"imports").toArray();
    for (const QJsonValue &v : imports) {
        const QJsonObject i = v.toObject();
        rows.append(DetailRow(ig, i.value(u"name").toString(),
                              Tr::tr("%1 %2 from %3")
                                  .arg(i.value(u"type").toString(), i.value(u"subject").toString(),
                                       i.value(u"account").toString()),
                              compact(i)));
    }
    if (imports.isEmpty())
        rows.append(DetailRow(ig, Tr::tr("Imports"), Tr::tr("none")));
    if (rule.value(u"responsePermissions").isObject())
        rows.append(DetailRow(pg, Tr::tr("Response permissions"), compact(rule.value(u"responsePermissions")),
                              Tr::tr("Stored by the Controller but never written into any JWT."), false, true));
    return rows;
}

QList<DetailRow> userRuleRows(const QJsonObject &rule)
{
    using namespace Qt::StringLiterals;
    QList<DetailRow> rows;
    ruleHeaderRows(rows, rule);
    const QString g = Tr::tr("Limits");
    rows.append(limitRow(g, Tr::tr("Subscriptions"), rule, "maxSubscriptions"_L1, false));
    rows.append(limitRow(g, Tr::tr("Payload"), rule, "maxPayload"_L1, true));
    rows.append(limitRow(g, Tr::tr("Data"), rule, "maxData"_L1, true));

    const QString cg = Tr::tr("Connection");
    const bool bearer = rule.value(u"bearerToken").toBool();
    rows.append(DetailRow(cg, Tr::tr("Bearer token"), yesNo(bearer),
                          bearer ? Tr::tr("Users connect with the JWT alone (no nonce signature).") : QString()));
    rows.append(DetailRow(cg, Tr::tr("Connection types"),
                          rule.value(u"allowedConnectionTypes").toArray().isEmpty()
                              ? Tr::tr("all")
                              : stringList(rule.value(u"allowedConnectionTypes"))));
    rows.append(DetailRow(cg, Tr::tr("Proxy required"), yesNo(rule.value(u"proxyRequired").toBool())));
    rows.append(DetailRow(cg, Tr::tr("Source networks"),
                          rule.value(u"src").toArray().isEmpty() ? Tr::tr("any") : stringList(rule.value(u"src"))));
    QStringList times;
    for (const QJsonValue &t : rule.value(u"times").toArray())
        times << Tr::tr("%1–%2").arg(t.toObject().value(u"start").toString(), t.toObject().value(u"end").toString());
    if (!times.isEmpty()) {
        const QString zone = rule.value(u"timesLocation").toString();
        rows.append(DetailRow(cg, Tr::tr("Allowed times"),
                              zone.isEmpty() ? times.join(u", ") : Tr::tr("%1 (%2)").arg(times.join(u", "), zone)));
    }

    const QString pg = Tr::tr("Permissions");
    permissionRows(rows, pg, rule);
    responseRows(rows, pg, rule);
    if (!rule.value(u"tags").toArray().isEmpty())
        rows.append(DetailRow(ruleGroup(), Tr::tr("Tags"), stringList(rule.value(u"tags"))));
    return rows;
}

QString findAccountRule(const NatsAccount &account, const QList<Api::Application> &applications,
                        const QList<NatsAccountRule> &rules, QString *source)
{
    auto say = [source](const QString &s) {
        if (source)
            *source = s;
    };
    if (account.isSystem || account.isLeafSystem) {
        say(Tr::tr("System accounts always use the built-in system account rule."));
        return QStringLiteral("default-system-account");
    }
    for (const Api::Application &app : applications) {
        if (app.name != account.name)
            continue;
        if (!app.natsRule.isEmpty()) {
            say(Tr::tr("From the application's NATS settings."));
            return app.natsRule;
        }
        say(Tr::tr("The application names no rule, so the Controller uses the default."));
        return QStringLiteral("default-account");
    }
    // Without the application: the Controller copies the rule's description into the JWT.
    Result<Nats::Jwt> jwt = Nats::Jwt::decode(account.jwt.toLatin1());
    if (!jwt)
        return {};
    const QString description = jwt->claims().account.description;
    if (description.isEmpty())
        return {};
    for (const NatsAccountRule &r : rules) {
        if (r.description == description) {
            say(Tr::tr("Matched by the description in the account JWT; the application was not read."));
            return r.name;
        }
    }
    return {};
}

} // namespace NatsDetails

namespace {

// ---- rule manifests (create, edit, delete through /nats/{account,user}-rules; controller-api.md §3.5, §4)

/// The manifest of a rule as GET returns it: its JSON fields under spec (the Controller takes its
/// own field names there), without the fields it sets itself and without nulls (a null fails its
/// validation; PATCH merges, so a left-out field stays as it is).
QJsonObject ruleDocument(const QString &kind, const QJsonObject &rule)
{
    QJsonObject spec;
    for (auto it = rule.begin(); it != rule.end(); ++it) {
        if (it.key() == u"name" || it.value().isNull() || Manifest::serverFields().contains(it.key()))
            continue;
        spec.insert(it.key(), it.value());
    }
    return QJsonObject{{QStringLiteral("apiVersion"), Kinds::apiVersion()},
                       {QStringLiteral("kind"), kind},
                       {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), rule.value(u"name")}}},
                       {QStringLiteral("spec"), spec}};
}

/// Why a built-in rule cannot be changed or deleted; empty for the user's own rules.
QString builtInRule(const QJsonObject &rule)
{
    if (rule.value(u"isSystem").toBool() || Manifest::isReservedRuleName(rule.value(u"name").toString()))
        return Tr::tr("Built-in rule: the Controller keeps it as it is. Copy it as a new rule to change it.");
    return {};
}

/// The applications (account rule) or microservices (user rule, as "application/microservice")
/// that use the rule `name`, from the application lists as last read. Those without a rule of
/// their own get the Controller's default rule.
QStringList usersOfRule(bool accountRule, const QString &name, const Related &related)
{
    QStringList out;
    for (const QString &listId : {QStringLiteral("applications"), QStringLiteral("systemApplications")}) {
        for (const QJsonObject &o : related(listId)) {
            const Result<Api::Application> app = Api::Application::fromJson(o);
            if (!app)
                continue;
            if (accountRule) {
                const QString rule = app->natsRule.isEmpty() ? QStringLiteral("default-account") : app->natsRule;
                if (app->natsAccess && rule == name && !out.contains(app->name))
                    out << app->name;
                continue;
            }
            for (const Api::Microservice &ms : app->microservices) {
                const QString rule = ms.natsRule.isEmpty() ? QStringLiteral("default-user") : ms.natsRule;
                const QString who = app->name + u'/' + ms.name;
                if (ms.natsAccess && rule == name && !out.contains(who))
                    out << who;
            }
        }
    }
    return out;
}

Yaml ruleYaml(bool accountRule)
{
    Yaml y;
    y.kind = accountRule ? QStringLiteral("NatsAccountRule") : QStringLiteral("NatsUserRule");
    y.field = accountRule ? QByteArrayLiteral("natsAccountRule") : QByteArrayLiteral("natsUserRule");
    const QString base = accountRule ? QStringLiteral("/nats/account-rules") : QStringLiteral("/nats/user-rules");
    y.createPath = base + QStringLiteral("/yaml");
    y.updatePath = base + QStringLiteral("/yaml/{key}");
    y.hint = accountRule
                 ? Tr::tr("kind NatsAccountRule, metadata.name, spec: limits, JetStream, exports, imports, "
                          "default permissions. Fields you leave out keep their value (saving merges).")
                 : Tr::tr("kind NatsUserRule, metadata.name, spec: limits, bearer token, connection types, "
                          "source networks, time windows, permissions, responses, tags. Saving re-keys "
                          "every user of the rule.");
    y.example = accountRule
                    ? QByteArrayLiteral("apiVersion: datasance.com/v3\nkind: NatsAccountRule\nmetadata:\n"
                                        "  name: my-account-rule\nspec:\n  description: What the accounts may do\n"
                                        "  limits:\n    conn: 100\n    leaf: 10\n    subs: 1000\n"
                                        "    payload: 1m\n    data: -1\n    imports: 10\n    exports: 10\n"
                                        "    wildcards: true\n  default_permissions:\n    pub:\n"
                                        "      allow: [\"my.>\"]\n    sub:\n      allow: [\"my.>\", \"_INBOX.>\"]\n")
                    : QByteArrayLiteral("apiVersion: datasance.com/v3\nkind: NatsUserRule\nmetadata:\n"
                                        "  name: my-user-rule\nspec:\n  description: What the users may do\n"
                                        "  subs: 100\n  payload: 256k\n  maxData: -1\n"
                                        "  allowed_connection_types: [STANDARD]\n  pub:\n"
                                        "    allow: [\"my.>\"]\n  sub:\n    allow: [\"my.>\", \"_INBOX.>\"]\n"
                                        "  resp:\n    max: 1\n    ttl: 1000000000  # nanoseconds: 1 s\n");
    y.document = [kind = y.kind](const QJsonObject &rule) { return ruleDocument(kind, rule); };
    y.editRefused = builtInRule;
    y.impact = [accountRule](const QJsonObject &live, const QJsonObject &edited, const Related &related) {
        QStringList out;
        if (live.isEmpty())
            return out;
        const QStringList users = usersOfRule(accountRule, edited.value(u"name").toString(), related);
        if (accountRule) {
            out << (users.isEmpty()
                        ? Tr::tr("No application uses this rule now.")
                        : Tr::tr("The account JWTs of %1 are signed again with the new limits and "
                                 "permissions (their users keep their creds).")
                              .arg(users.join(u", ")));
        } else {
            out << Tr::tr("Changing a user rule gives every user of it a new key and new creds, revokes "
                          "the old key and drops any expiry: creds downloaded before stop working.");
            out << (users.isEmpty()
                        ? Tr::tr("No microservice uses this rule now (users made with Create user and "
                                 "this rule are not listed by the Controller).")
                        : Tr::tr("Microservices re-keyed: %1.").arg(users.join(u", ")));
        }
        return out;
    };
    return y;
}

Action ruleDeleteAction(bool accountRule)
{
    const QString singular = accountRule ? Tr::tr("account rule") : Tr::tr("user rule");
    Action a = deleteAction(singular,
                            (accountRule ? QStringLiteral("/nats/account-rules") : QStringLiteral("/nats/user-rules"))
                                + QStringLiteral("/{key}"),
                            accountRule ? Tr::tr("Applications cannot be given it any more.")
                                        : Tr::tr("Microservices cannot be given it any more."));
    a.refused = builtInRule;
    // A rule in use is refused with a bare 500 (a ValidationError the route does not list).
    a.failed = [accountRule](const Error &error, const QJsonObject &rule, const Related &related) {
        const QString message = error.message + u' ' + error.detail;
        if (!message.contains(u"attached", Qt::CaseInsensitive) && !message.contains(u"in use", Qt::CaseInsensitive))
            return QString();
        const QString name = rule.value(u"name").toString();
        const QStringList users = usersOfRule(accountRule, name, related);
        if (accountRule)
            return users.isEmpty()
                       ? Tr::tr("The account rule %1 is still used by an application: give those "
                                "applications another rule first.").arg(name)
                       : Tr::tr("The account rule %1 is used by %2: give those applications another "
                                "rule first.").arg(name, users.join(u", "));
        return users.isEmpty()
                   ? Tr::tr("The user rule %1 is still used by a microservice: give those "
                            "microservices another rule first.").arg(name)
                   : Tr::tr("The user rule %1 is used by %2: give those microservices another rule "
                            "first.").arg(name, users.join(u", "));
    };
    return a;
}

} // namespace

namespace Kinds {

Kind natsAccounts()
{
    Kind k;
    k.id = QStringLiteral("natsAccounts");
    k.title = Tr::tr("NATS accounts");
    k.singular = Tr::tr("account");
    k.plural = Tr::tr("accounts");
    k.listPath = QStringLiteral("/nats/accounts");
    k.arrayKey = QStringLiteral("accounts");
    k.rbacResource = QStringLiteral("natsAccounts");
    k.emptyText = Tr::tr("Accounts appear when an application gets NATS access or its first user.");
    return KindOf<NatsAccount>(k)
        .column(Tr::tr("Name"), 200, [](const NatsAccount &a) { return Cell(a.name); })
        .column(Tr::tr("Application"), 150, [](const NatsAccount &a) {
            Cell c(a.isApplication() ? a.name : QString());
            if (a.applicationId)
                c.tip = Tr::tr("Application id %1").arg(*a.applicationId);
            return c;
        })
        .column(Tr::tr("Kind"), 130, [](const NatsAccount &a) {
            if (a.isSystem)
                return Cell(Tr::tr("system"), Tone::Info);
            if (a.isLeafSystem)
                return Cell(Tr::tr("leaf system"), Tone::Info);
            if (!a.isApplication())
                return Cell(Tr::tr("no application"), Tone::Warn);
            return Cell(Tr::tr("application"));
        })
        .column(Tr::tr("Revoked users"), 110, [](const NatsAccount &a) {
            int revoked = 0;
            if (auto jwt = Nats::Jwt::decode(a.jwt.toLatin1()))
                revoked = int(jwt->claims().account.revocations.size());
            Cell c(revoked > 0 ? QString::number(revoked) : QString(), revoked > 0 ? Tone::Warn : Tone::None);
            c.sortKey = revoked;
            return c;
        })
        .column(Tr::tr("Public key"), 300, [](const NatsAccount &a) { return Cell(a.publicKey, Tone::Muted); })
        .details([](const QJsonObject &o) { return NatsDetails::accountRows(o, nowSeconds()); })
        .build();
}

Kind natsUsers()
{
    Kind k;
    k.id = QStringLiteral("natsUsers");
    k.title = Tr::tr("NATS users");
    k.singular = Tr::tr("user");
    k.plural = Tr::tr("users");
    k.listPath = QStringLiteral("/nats/users");
    k.arrayKey = QStringLiteral("users");
    k.rbacResource = QStringLiteral("natsUsers");
    // The routes are /nats/accounts/{appName}/…: the Controller checks the application's name.
    k.rbacNameField = QStringLiteral("applicationName");
    k.emptyText = Tr::tr("Users are created for microservices with NATS access, leaf nodes, and with Create user.");
    return KindOf<NatsUser>(k)
        .column(Tr::tr("Name"), 180, [](const NatsUser &u) {
            Cell c(u.name);
            c.tip = u.publicKey;
            return c;
        })
        .column(Tr::tr("Account"), 150, [](const NatsUser &u) { return Cell(u.accountName); })
        .column(Tr::tr("Application"), 140, [](const NatsUser &u) { return Cell(u.applicationName); })
        .column(Tr::tr("Bearer"), 70, [](const NatsUser &u) {
            return u.isBearer ? Cell(Tr::tr("bearer"), Tone::Warn) : Cell();
        })
        .column(Tr::tr("Microservice"), 120, [](const NatsUser &u) {
            Cell c(u.microserviceUuid.isEmpty() ? QString() : Tr::tr("yes"));
            c.tip = u.microserviceUuid;
            return c;
        })
        .column(Tr::tr("Expiry"), 170, [](const NatsUser &u) {
            // The Controller writes the requested expiry into nats.exp, where nats-server ignores
            // it (controller-api.md §5.5); a top-level exp would be enforced.
            const NatsDetails::Expiry e = NatsDetails::userExpiry(u.jwt);
            if (e.seconds <= 0) {
                Cell never(Tr::tr("never"), Tone::Muted);
                never.sortKey = 0;
                return never;
            }
            Cell c = Cell::time(QJsonValue(double(e.seconds) * 1000));
            const QString exact = Nats::formatUnixTime(e.seconds);
            if (!e.enforced) {
                c.text += Tr::tr(" (not enforced)");
                c.tone = Tone::Warn;
                c.tip = Tr::tr("Requested expiry %1, not enforced: the Controller put it in nats.exp, "
                               "which nats-server ignores.")
                            .arg(exact);
            } else {
                c.tone = e.seconds < nowSeconds() ? Tone::Bad : Tone::None;
                c.tip = Tr::tr("Expires %1").arg(exact);
            }
            return c;
        })
        .details([](const QJsonObject &o) { return NatsDetails::userRows(o, nowSeconds()); })
        .action(deleteUserAction(false))
        .action(deleteUserAction(true))
        .build();
}

Kind natsAccountRules()
{
    Kind k;
    k.id = QStringLiteral("natsAccountRules");
    k.title = Tr::tr("NATS account rules");
    k.singular = Tr::tr("account rule");
    k.plural = Tr::tr("account rules");
    k.listPath = QStringLiteral("/nats/account-rules");
    k.arrayKey = QStringLiteral("rules");
    k.rbacResource = QStringLiteral("natsAccountRules");
    k.emptyText = Tr::tr("The Controller lists its built-in rules here, and the rules you create.");
    return KindOf<NatsAccountRule>(k)
        .column(Tr::tr("Name"), 190, [](const NatsAccountRule &r) { return Cell(r.name); })
        .column(Tr::tr("Kind"), 80, [](const NatsAccountRule &r) { return ruleKindCell(r); })
        .column(Tr::tr("Connections"), 100, [](const NatsAccountRule &r) {
            if (!r.maxConnections)
                return Cell(Tr::tr("null"));
            return Cell::number(double(*r.maxConnections),
                                *r.maxConnections < 0 ? Tr::tr("unlimited") : QString());
        })
        .column(Tr::tr("Exports"), 70, [](const NatsAccountRule &r) { return Cell::number(r.exports); })
        .column(Tr::tr("Imports"), 70, [](const NatsAccountRule &r) { return Cell::number(r.imports); })
        .column(Tr::tr("Flags"), 170, [](const NatsAccountRule &r) { return ruleFlagsCell(r); })
        .column(Tr::tr("Description"), 300, [](const NatsAccountRule &r) { return descriptionCell(r); })
        .details(NatsDetails::accountRuleRows)
        .action(ruleDeleteAction(true))
        .yaml(ruleYaml(true))
        .build();
}

Kind natsUserRules()
{
    Kind k;
    k.id = QStringLiteral("natsUserRules");
    k.title = Tr::tr("NATS user rules");
    k.singular = Tr::tr("user rule");
    k.plural = Tr::tr("user rules");
    k.listPath = QStringLiteral("/nats/user-rules");
    k.arrayKey = QStringLiteral("rules");
    k.rbacResource = QStringLiteral("natsUserRules");
    k.emptyText = Tr::tr("The Controller lists its built-in rules here, and the rules you create.");
    return KindOf<NatsUserRule>(k)
        .column(Tr::tr("Name"), 180, [](const NatsUserRule &r) { return Cell(r.name); })
        .column(Tr::tr("Kind"), 80, [](const NatsUserRule &r) { return ruleKindCell(r); })
        .column(Tr::tr("Bearer"), 70, [](const NatsUserRule &r) {
            return r.bearerToken ? Cell(Tr::tr("bearer"), Tone::Warn) : Cell();
        })
        .column(Tr::tr("Connection types"), 180, [](const NatsUserRule &r) {
            return Cell(r.allowedConnectionTypes.isEmpty() ? Tr::tr("all") : r.allowedConnectionTypes.join(u", "));
        })
        .column(Tr::tr("Flags"), 170, [](const NatsUserRule &r) { return ruleFlagsCell(r); })
        .column(Tr::tr("Description"), 300, [](const NatsUserRule &r) { return descriptionCell(r); })
        .details(NatsDetails::userRuleRows)
        .action(ruleDeleteAction(false))
        .yaml(ruleYaml(false))
        .build();
}

} // namespace Kinds

} // namespace Pot::Resources
