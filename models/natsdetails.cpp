#include "natsdetails.h"

#include "core/nats/claimsinwords.h"
#include "core/nats/jwt.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <optional>

namespace Pot::Models {

namespace {

std::optional<qint64> optionalInt(const QJsonValue &v)
{
    if (v.isDouble())
        return qint64(v.toDouble());
    return std::nullopt;
}

QString yesNo(bool b)
{
    return b ? NatsDetails::tr("yes") : NatsDetails::tr("no");
}

QString stringList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out << s.toString();
    return out.isEmpty() ? NatsDetails::tr("none") : out.join(u", ");
}

void claimRows(QList<DetailRow> &rows, const QString &token, qint64 now, bool bearer = false)
{
    Result<Nats::Jwt> jwt = Nats::Jwt::decode(token.toLatin1());
    if (!jwt) {
        rows.append(DetailRow(NatsDetails::tr("Claims"), NatsDetails::tr("JWT"),
                              jwt.error().message, {}, false, true));
        return;
    }
    for (const Nats::ClaimRow &r : Nats::claimsInWords(*jwt, now)) {
        QString hint = r.hint;
        if (!r.warning.isEmpty())
            hint = hint.isEmpty() ? r.warning : r.warning + u'\n' + hint;
        rows.append(DetailRow(r.group, r.label, r.value, hint, false, !r.warning.isEmpty()));
    }
    // A bearer user's JWT alone signs in: treat it like a password.
    rows.append(DetailRow(NatsDetails::tr("Token"), NatsDetails::tr("Encoded JWT"), token,
                          bearer ? NatsDetails::tr("Bearer token: this JWT alone lets a client connect.")
                                 : QString(),
                          bearer));
}

/// A numeric limit of a rule: -1 unlimited; null flagged when it ends up in the JWT as null.
DetailRow limitRow(const QString &group, const QString &label, const QJsonObject &rule,
                   const QString &key, bool bytes, bool nullReachesJwt)
{
    const QJsonValue v = rule.value(key);
    if (v.isDouble())
        return DetailRow(group, label, Nats::formatLimit(qint64(v.toDouble()), bytes),
                         QStringLiteral("%1 = %2").arg(key).arg(qint64(v.toDouble())));
    if (!nullReachesJwt)
        return DetailRow(group, label, NatsDetails::tr("not set"),
                         NatsDetails::tr("Left out of the JWT."));
    return DetailRow(group, label, NatsDetails::tr("not set (null)"),
                     NatsDetails::tr("The Controller writes null into the JWT; nats-server reads null "
                                     "as 0, which is not unlimited. Set -1 for unlimited."),
                     false, true);
}

void permissionRows(QList<DetailRow> &rows, const QString &group, const QJsonObject &rule)
{
    rows.append(DetailRow(group, NatsDetails::tr("Publish allow"), stringList(rule.value(u"pubAllow"))));
    rows.append(DetailRow(group, NatsDetails::tr("Publish deny"), stringList(rule.value(u"pubDeny"))));
    rows.append(DetailRow(group, NatsDetails::tr("Subscribe allow"), stringList(rule.value(u"subAllow"))));
    rows.append(DetailRow(group, NatsDetails::tr("Subscribe deny"), stringList(rule.value(u"subDeny"))));
}

void responseRows(QList<DetailRow> &rows, const QString &group, const QJsonObject &rule)
{
    const std::optional<qint64> max = optionalInt(rule.value(u"respMax"));
    const std::optional<qint64> ttl = optionalInt(rule.value(u"respTtl"));
    if (!max && !ttl) {
        rows.append(DetailRow(group, NatsDetails::tr("Responses"), NatsDetails::tr("not set"),
                              NatsDetails::tr("No resp permission in the JWT.")));
        return;
    }
    rows.append(DetailRow(group, NatsDetails::tr("Response max"),
                          max ? QString::number(*max) : NatsDetails::tr("not set (null)")));
    const QString warning = NatsDetails::ttlWarning(ttl.value_or(0));
    rows.append(DetailRow(group, NatsDetails::tr("Response TTL"),
                          ttl ? NatsDetails::tr("%1 (%2 as nats-server reads it)")
                                    .arg(*ttl)
                                    .arg(Nats::formatNanos(*ttl))
                              : NatsDetails::tr("not set (null)"),
                          warning.isEmpty() ? NatsDetails::tr("resp.ttl is a Go duration in nanoseconds.")
                                            : warning,
                          false, !warning.isEmpty()));
}

QString compact(const QJsonValue &v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
}

QString ruleHeaderGroup()
{
    return NatsDetails::tr("Rule");
}

void ruleHeaderRows(QList<DetailRow> &rows, const QJsonObject &rule)
{
    const QString g = ruleHeaderGroup();
    rows.append(DetailRow(g, NatsDetails::tr("Name"), rule.value(u"name").toString()));
    rows.append(DetailRow(g, NatsDetails::tr("Description"), rule.value(u"description").toString()));
    const bool system = rule.value(u"isSystem").toBool();
    rows.append(DetailRow(g, NatsDetails::tr("Kind"),
                          system ? NatsDetails::tr("built-in (reserved, cannot be changed)")
                                 : NatsDetails::tr("custom")));
}

} // namespace

QString NatsDetails::ttlWarning(qint64 ttl)
{
    // Below 1 ms as nanoseconds: almost certainly meant as milliseconds (5000 → 5 µs).
    if (ttl > 0 && ttl < 1000000)
        return tr("resp.ttl %1 is %2 for nats-server (a Go duration in nanoseconds); if %1 ms was "
                  "meant, the rule needs %3.")
            .arg(ttl)
            .arg(Nats::formatNanos(ttl))
            .arg(ttl * 1000000);
    return {};
}

NatsDetails::Expiry NatsDetails::userExpiry(const QJsonObject &payload)
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

QList<DetailRow> NatsDetails::operatorRows(const QJsonObject &op, const QJsonObject &hub, qint64 now)
{
    QList<DetailRow> rows;
    if (!op.isEmpty()) {
        const QString g = tr("Operator");
        rows.append(DetailRow(g, tr("Name"), op.value(u"name").toString()));
        rows.append(DetailRow(g, tr("Public key"), op.value(u"publicKey").toString(),
                              tr("The operator identity key; it signs every account JWT.")));
    }
    if (!hub.isEmpty()) {
        const QString g = tr("Hub");
        rows.append(DetailRow(g, tr("Host"), hub.value(u"host").toString()));
        rows.append(DetailRow(g, tr("Client port"), QString::number(hub.value(u"serverPort").toInt())));
        rows.append(DetailRow(g, tr("Cluster port"), QString::number(hub.value(u"clusterPort").toInt())));
        rows.append(DetailRow(g, tr("Leaf node port"), QString::number(hub.value(u"leafPort").toInt())));
        rows.append(DetailRow(g, tr("MQTT port"), QString::number(hub.value(u"mqttPort").toInt())));
        rows.append(DetailRow(g, tr("Monitoring port"), QString::number(hub.value(u"httpPort").toInt())));
    }
    if (!op.isEmpty())
        claimRows(rows, op.value(u"jwt").toString(), now);
    return rows;
}

QList<DetailRow> NatsDetails::accountRows(const QJsonObject &account, const QList<QJsonObject> &users,
                                          const QString &ruleName, const QString &ruleSource,
                                          qint64 now)
{
    QList<DetailRow> rows;
    const QString g = tr("Account");
    const QString name = account.value(u"name").toString();
    rows.append(DetailRow(g, tr("Name"), name));
    QString kind = tr("application account");
    if (account.value(u"isSystem").toBool())
        kind = tr("system account (SYS)");
    else if (account.value(u"isLeafSystem").toBool())
        kind = tr("leaf node system account");
    rows.append(DetailRow(g, tr("Kind"), kind));
    rows.append(DetailRow(g, tr("Public key"), account.value(u"publicKey").toString()));
    rows.append(DetailRow(g, tr("Account rule"), ruleName.isEmpty() ? tr("unknown") : ruleName,
                          ruleSource));

    const QString ug = tr("Users");
    int count = 0;
    for (const QJsonObject &u : users) {
        if (u.value(u"accountName").toString() != name)
            continue;
        ++count;
        QStringList notes;
        if (u.value(u"isBearer").toBool())
            notes << tr("MQTT bearer");
        if (!u.value(u"microserviceUuid").toString().isEmpty())
            notes << tr("microservice");
        if (auto jwt = Nats::Jwt::decode(u.value(u"jwt").toString().toLatin1())) {
            const Expiry e = userExpiry(jwt->payload());
            if (e.seconds > 0)
                notes << (e.enforced ? tr("expires %1") : tr("requested expiry %1 (not enforced)"))
                             .arg(Nats::formatUnixTime(e.seconds));
        }
        rows.append(DetailRow(ug, u.value(u"name").toString(),
                              notes.isEmpty() ? tr("user") : notes.join(u", "),
                              u.value(u"publicKey").toString()));
    }
    if (count == 0)
        rows.append(DetailRow(ug, tr("Users"), tr("none")));
    claimRows(rows, account.value(u"jwt").toString(), now);
    return rows;
}

QList<DetailRow> NatsDetails::userRows(const QJsonObject &user, qint64 now)
{
    QList<DetailRow> rows;
    const QString g = tr("User");
    rows.append(DetailRow(g, tr("Name"), user.value(u"name").toString()));
    rows.append(DetailRow(g, tr("Account"), user.value(u"accountName").toString()));
    if (!user.value(u"applicationName").toString().isEmpty())
        rows.append(DetailRow(g, tr("Application"), user.value(u"applicationName").toString()));
    if (!user.value(u"microserviceUuid").toString().isEmpty())
        rows.append(DetailRow(g, tr("Microservice"), user.value(u"microserviceUuid").toString(),
                              tr("Created for this microservice; it is deleted with it.")));
    rows.append(DetailRow(g, tr("Public key"), user.value(u"publicKey").toString()));
    const bool bearer = user.value(u"isBearer").toBool();
    rows.append(DetailRow(g, tr("MQTT bearer user"), yesNo(bearer),
                          bearer ? tr("Connects with the JWT alone, no nonce signature: the JWT is "
                                      "a password.")
                                 : QString()));

    Result<Nats::Jwt> jwt = Nats::Jwt::decode(user.value(u"jwt").toString().toLatin1());
    if (jwt) {
        const Expiry e = userExpiry(jwt->payload());
        if (e.seconds <= 0) {
            rows.append(DetailRow(g, tr("Expiry"), tr("never")));
        } else if (e.enforced) {
            rows.append(DetailRow(g, tr("Expiry"), Nats::formatUnixTime(e.seconds), {}, false,
                                  e.seconds < now));
        } else {
            rows.append(DetailRow(
                g, tr("Expiry"),
                tr("%1, requested expiry (not enforced)").arg(Nats::formatUnixTime(e.seconds)),
                tr("The Controller wrote the expiry into nats.exp, which nats-server ignores: "
                   "these credentials keep working after this date. Delete the user to revoke it."),
                false, true));
        }
        const Nats::UserPermissionLimits &p = jwt->claims().user.permissions;
        rows.append(DetailRow(g, tr("Connection types"),
                              p.allowedConnectionTypes.isEmpty() ? tr("all")
                                                                 : p.allowedConnectionTypes.join(u", ")));
    }
    claimRows(rows, user.value(u"jwt").toString(), now, user.value(u"isBearer").toBool());
    return rows;
}

QList<DetailRow> NatsDetails::accountRuleRows(const QJsonObject &rule)
{
    QList<DetailRow> rows;
    ruleHeaderRows(rows, rule);
    const QString g0 = ruleHeaderGroup();
    if (!rule.value(u"infoUrl").toString().isEmpty())
        rows.append(DetailRow(g0, tr("Info URL"), rule.value(u"infoUrl").toString()));

    const QString g = tr("Limits");
    rows.append(limitRow(g, tr("Connections"), rule, QStringLiteral("maxConnections"), false, true));
    rows.append(limitRow(g, tr("Leaf node connections"), rule, QStringLiteral("maxLeafNodeConnections"), false, true));
    rows.append(limitRow(g, tr("Data"), rule, QStringLiteral("maxData"), true, true));
    rows.append(limitRow(g, tr("Message payload"), rule, QStringLiteral("maxMsgPayload"), true, true));
    rows.append(limitRow(g, tr("Subscriptions"), rule, QStringLiteral("maxSubscriptions"), false, true));
    rows.append(limitRow(g, tr("Imports"), rule, QStringLiteral("maxImports"), false, true));
    rows.append(limitRow(g, tr("Exports"), rule, QStringLiteral("maxExports"), false, true));
    rows.append(DetailRow(g, tr("Wildcard exports"),
                          yesNo(rule.value(u"exportsAllowWildcards").toBool(true))));
    rows.append(DetailRow(g, tr("Bearer tokens refused"), yesNo(rule.value(u"disallowBearer").toBool())));

    // The JetStream group reaches the JWT only when one of its fields is set (§5.3).
    static const char *const js[] = {"memStorage", "diskStorage", "streams", "consumer",
                                     "maxAckPending", "memMaxStreamBytes", "diskMaxStreamBytes"};
    bool anyJs = false;
    for (const char *k : js)
        anyJs = anyJs || rule.value(QLatin1StringView(k)).isDouble();
    const QString jg = tr("JetStream");
    if (!anyJs) {
        rows.append(DetailRow(jg, tr("JetStream"), tr("not enabled by this rule"),
                              tr("No JetStream limits in the JWT.")));
    } else {
        rows.append(limitRow(jg, tr("Memory storage"), rule, QStringLiteral("memStorage"), true, true));
        rows.append(limitRow(jg, tr("Disk storage"), rule, QStringLiteral("diskStorage"), true, true));
        rows.append(limitRow(jg, tr("Streams"), rule, QStringLiteral("streams"), false, true));
        rows.append(limitRow(jg, tr("Consumers"), rule, QStringLiteral("consumer"), false, true));
        rows.append(limitRow(jg, tr("Max ack pending"), rule, QStringLiteral("maxAckPending"), false, true));
        rows.append(limitRow(jg, tr("Memory stream bytes"), rule, QStringLiteral("memMaxStreamBytes"), true, true));
        rows.append(limitRow(jg, tr("Disk stream bytes"), rule, QStringLiteral("diskMaxStreamBytes"), true, true));
    }

    const QString pg = tr("Default permissions");
    permissionRows(rows, pg, rule);
    responseRows(rows, pg, rule);

    const QString eg = tr("Exports");
    const QJsonArray exports = rule.value(u"exports").toArray();
    for (const QJsonValue &v : exports) {
        const QJsonObject e = v.toObject();
        rows.append(DetailRow(eg, e.value(u"name").toString(),
                              tr("%1 %2").arg(e.value(u"type").toString(), e.value(u"subject").toString()),
                              compact(e)));
    }
    if (exports.isEmpty())
        rows.append(DetailRow(eg, tr("Exports"), tr("none")));
    const QString ig = tr("Imports");
    const QJsonArray imports = rule.value(u"imports").toArray();
    for (const QJsonValue &v : imports) {
        const QJsonObject i = v.toObject();
        rows.append(DetailRow(ig, i.value(u"name").toString(),
                              tr("%1 %2 from %3").arg(i.value(u"type").toString(),
                                                      i.value(u"subject").toString(),
                                                      i.value(u"account").toString()),
                              compact(i)));
    }
    if (imports.isEmpty())
        rows.append(DetailRow(ig, tr("Imports"), tr("none")));
    if (rule.value(u"responsePermissions").isObject())
        rows.append(DetailRow(pg, tr("Response permissions"), compact(rule.value(u"responsePermissions")),
                              tr("Stored by the Controller but never written into any JWT."), false,
                              true));
    return rows;
}

QList<DetailRow> NatsDetails::userRuleRows(const QJsonObject &rule)
{
    QList<DetailRow> rows;
    ruleHeaderRows(rows, rule);
    const QString g = tr("Limits");
    rows.append(limitRow(g, tr("Subscriptions"), rule, QStringLiteral("maxSubscriptions"), false, true));
    rows.append(limitRow(g, tr("Payload"), rule, QStringLiteral("maxPayload"), true, true));
    rows.append(limitRow(g, tr("Data"), rule, QStringLiteral("maxData"), true, true));

    const QString cg = tr("Connection");
    const bool bearer = rule.value(u"bearerToken").toBool();
    rows.append(DetailRow(cg, tr("Bearer token"), yesNo(bearer),
                          bearer ? tr("Users connect with the JWT alone (no nonce signature).") : QString()));
    rows.append(DetailRow(cg, tr("Connection types"),
                          rule.value(u"allowedConnectionTypes").toArray().isEmpty()
                              ? tr("all")
                              : stringList(rule.value(u"allowedConnectionTypes"))));
    rows.append(DetailRow(cg, tr("Proxy required"), yesNo(rule.value(u"proxyRequired").toBool())));
    rows.append(DetailRow(cg, tr("Source networks"),
                          rule.value(u"src").toArray().isEmpty() ? tr("any") : stringList(rule.value(u"src"))));
    QStringList times;
    for (const QJsonValue &t : rule.value(u"times").toArray())
        times << tr("%1–%2").arg(t.toObject().value(u"start").toString(), t.toObject().value(u"end").toString());
    if (!times.isEmpty()) {
        const QString zone = rule.value(u"timesLocation").toString();
        rows.append(DetailRow(cg, tr("Allowed times"),
                              zone.isEmpty() ? times.join(u", ")
                                             : tr("%1 (%2)").arg(times.join(u", "), zone)));
    }

    const QString pg = tr("Permissions");
    permissionRows(rows, pg, rule);
    responseRows(rows, pg, rule);
    if (!rule.value(u"tags").toArray().isEmpty())
        rows.append(DetailRow(ruleHeaderGroup(), tr("Tags"), stringList(rule.value(u"tags"))));
    return rows;
}

QString NatsDetails::findAccountRule(const QJsonObject &account, const QList<QJsonObject> &applications,
                                     const QList<QJsonObject> &rules, QString *source)
{
    auto say = [source](const QString &s) {
        if (source)
            *source = s;
    };
    if (account.value(u"isSystem").toBool() || account.value(u"isLeafSystem").toBool()) {
        say(tr("System accounts always use the built-in system account rule."));
        return QStringLiteral("default-system-account");
    }
    const QString name = account.value(u"name").toString();
    for (const QJsonObject &app : applications) {
        if (app.value(u"name").toString() != name)
            continue;
        const QString rule = app.value(u"natsConfig").toObject().value(u"natsRule").toString();
        if (!rule.isEmpty()) {
            say(tr("From the application's NATS settings."));
            return rule;
        }
        say(tr("The application names no rule, so the Controller uses the default."));
        return QStringLiteral("default-account");
    }
    // Without the application: the Controller copies the rule's description into the JWT.
    Result<Nats::Jwt> jwt = Nats::Jwt::decode(account.value(u"jwt").toString().toLatin1());
    if (!jwt)
        return {};
    const QString description = jwt->claims().account.description;
    if (description.isEmpty())
        return {};
    for (const QJsonObject &r : rules) {
        if (r.value(u"description").toString() == description) {
            say(tr("Matched by the description in the account JWT; the application was not read."));
            return r.value(u"name").toString();
        }
    }
    return {};
}

} // namespace Pot::Models
