#include "claimsinwords.h"

#include "core/nats/validation.h"
#include "core/tr.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <iterator>

namespace Pot::Nats {

namespace {

class Rows final
{
public:
    void add(const QString &group, const QString &label, const QString &value,
             const QString &hint = {}, const QString &warning = {})
    {
        m_rows.append(ClaimRow{group, label, value, hint, warning});
    }
    QList<ClaimRow> take() { return std::move(m_rows); }

private:
    QList<ClaimRow> m_rows;
};

QString yesNo(bool b)
{
    return b ? Tr::tr("yes") : Tr::tr("no");
}

QString listOrNone(const QStringList &list)
{
    return list.isEmpty() ? Tr::tr("none") : list.join(u", ");
}

QString compactJson(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    if (v.isBool())
        return yesNo(v.toBool());
    if (v.isDouble()) {
        const qint64 i = v.toInteger(0);
        return double(i) == v.toDouble() ? QString::number(i) : QString::number(v.toDouble());
    }
    return QStringLiteral("null");
}

QString jtiHint(JtiStyle style)
{
    switch (style) {
    case JtiStyle::Go: return Tr::tr("matches the Go/nsc-style hash");
    case JtiStyle::JwtJs: return Tr::tr("matches the jwt.js-style hash (Datasance Controller)");
    case JtiStyle::Other: return Tr::tr("opaque token id");
    }
    return {};
}

/// Limit row with the §4.4 rule: absent or 0 is zero, not unlimited.
void limitRow(Rows &r, const QString &group, const QString &label, std::optional<qint64> value,
              bool bytes, const QString &zeroWarning)
{
    const bool zero = value.value_or(0) == 0;
    r.add(group, label, formatLimit(value, bytes),
          zero && !value ? Tr::tr("absent: nats-server reads a missing limit as 0") : QString(),
          zero ? zeroWarning : QString());
}

void permissionRows(Rows &r, const QString &group, const UserPermissionLimits &p)
{
    r.add(group, Tr::tr("Pub allow"), listOrNone(p.pub.allow),
          p.pub.allow.isEmpty() && p.pub.deny.isEmpty() ? Tr::tr("no pub rules: all subjects allowed") : QString());
    r.add(group, Tr::tr("Pub deny"), listOrNone(p.pub.deny));
    r.add(group, Tr::tr("Sub allow"), listOrNone(p.sub.allow),
          p.sub.allow.isEmpty() && p.sub.deny.isEmpty() ? Tr::tr("no sub rules: all subjects allowed") : QString());
    r.add(group, Tr::tr("Sub deny"), listOrNone(p.sub.deny));
    if (p.resp) {
        const qint64 ttl = p.resp->ttlNanos;
        QString warning;
        if (ttl > 0 && ttl < 1000000)
            warning = Tr::tr("ttl is %1 ns (%2); nats-server reads a Go duration in nanoseconds. "
                             "This looks like milliseconds were meant (%1 ms = %3).")
                          .arg(ttl)
                          .arg(formatNanos(ttl), formatNanos(ttl * 1000000));
        r.add(group, Tr::tr("Response permissions"),
              Tr::tr("max %1 responses, ttl %2").arg(p.resp->maxMsgs).arg(ttl ? formatNanos(ttl) : Tr::tr("none")),
              Tr::tr("lets the user reply to requests it receives"), warning);
    } else {
        r.add(group, Tr::tr("Response permissions"), Tr::tr("not set"));
    }
}

void connectionRows(Rows &r, const QString &group, const UserPermissionLimits &p)
{
    r.add(group, Tr::tr("Network sources"), p.src.isEmpty() ? Tr::tr("any") : p.src.join(u", "));
    QStringList windows;
    for (const TimeRange &t : p.times)
        windows.append(t.start + u"–" + t.end);
    r.add(group, Tr::tr("Time windows"), windows.isEmpty() ? Tr::tr("any time") : windows.join(u", "));
    if (!p.timesLocation.isEmpty())
        r.add(group, Tr::tr("Time zone"), p.timesLocation);
    r.add(group, Tr::tr("Bearer token"), yesNo(p.bearerToken),
          p.bearerToken ? Tr::tr("the JWT alone authenticates; no nonce signature") : QString());
    r.add(group, Tr::tr("Allowed connection types"),
          p.allowedConnectionTypes.isEmpty() ? Tr::tr("all") : p.allowedConnectionTypes.join(u", "));
    if (p.proxyRequired)
        r.add(group, Tr::tr("Proxy required"), yesNo(true));
}

void jetStreamRows(Rows &r, const QString &group, const QString &prefix, const JetStreamLimits &j)
{
    r.add(group, prefix + Tr::tr("Memory storage"), formatLimit(j.memStorage, true),
          j.memStorage == 0 ? Tr::tr("0 = no memory streams") : QString());
    r.add(group, prefix + Tr::tr("Disk storage"), formatLimit(j.diskStorage, true),
          j.diskStorage == 0 ? Tr::tr("0 = no file streams") : QString());
    r.add(group, prefix + Tr::tr("Streams"), formatLimit(j.streams));
    r.add(group, prefix + Tr::tr("Consumers"), formatLimit(j.consumer));
    r.add(group, prefix + Tr::tr("Max ack pending"), formatLimit(j.maxAckPending));
    r.add(group, prefix + Tr::tr("Max memory stream"),
          j.memMaxStreamBytes ? formatBytes(j.memMaxStreamBytes) : Tr::tr("Unlimited"));
    r.add(group, prefix + Tr::tr("Max disk stream"),
          j.diskMaxStreamBytes ? formatBytes(j.diskMaxStreamBytes) : Tr::tr("Unlimited"));
    r.add(group, prefix + Tr::tr("Max bytes required"), yesNo(j.maxBytesRequired));
}

void operatorRows(Rows &r, const OperatorClaims &op)
{
    const QString g = Tr::tr("Operator");
    r.add(g, Tr::tr("Signing keys"), listOrNone(op.signingKeys),
          Tr::tr("keys that may issue account JWTs"));
    r.add(g, Tr::tr("Account server URL"), op.accountServerUrl.isEmpty() ? Tr::tr("none") : op.accountServerUrl);
    r.add(g, Tr::tr("Operator service URLs"), listOrNone(op.operatorServiceUrls));
    r.add(g, Tr::tr("System account"), op.systemAccount.isEmpty() ? Tr::tr("none") : op.systemAccount);
    if (!op.assertServerVersion.isEmpty())
        r.add(g, Tr::tr("Requires server version"), op.assertServerVersion);
    r.add(g, Tr::tr("Strict signing key usage"), yesNo(op.strictSigningKeyUsage),
          op.strictSigningKeyUsage ? Tr::tr("the operator identity key itself may not issue accounts") : QString());
}

void accountRows(Rows &r, const AccountClaims &a)
{
    const QString g = Tr::tr("Limits");
    const AccountLimits &l = a.limits;
    if (!a.limitsPresent)
        r.add(g, Tr::tr("Limits"), Tr::tr("none"), {},
              Tr::tr("No limits object: nats-server treats every limit as 0 and refuses all clients "
                     "(maximum account active connections exceeded)."));
    limitRow(r, g, Tr::tr("Max connections"), l.conn, false,
             Tr::tr("0 connections: nats-server refuses every client of this account "
                    "(maximum account active connections exceeded)."));
    limitRow(r, g, Tr::tr("Max leaf node connections"), l.leaf, false, {});
    limitRow(r, g, Tr::tr("Max data"), l.nats.data, true, {});
    limitRow(r, g, Tr::tr("Max exports"), l.exports, false,
             a.exports.isEmpty() ? QString() : Tr::tr("0 exports allowed, but the account declares exports."));
    limitRow(r, g, Tr::tr("Max imports"), l.imports, false,
             a.imports.isEmpty() ? QString() : Tr::tr("0 imports allowed, but the account declares imports."));
    limitRow(r, g, Tr::tr("Max msg payload"), l.nats.payload, true,
             Tr::tr("0 bytes: every publish fails with MAX_PAYLOAD_EXCEEDED."));
    limitRow(r, g, Tr::tr("Max subscriptions"), l.nats.subs, false,
             Tr::tr("0 subscriptions: every SUB fails (maximum subscriptions exceeded)."));
    r.add(g, Tr::tr("Exports allow wildcards"), yesNo(l.wildcards));
    r.add(g, Tr::tr("Disallow bearer token"), yesNo(l.disallowBearer));

    const QString js = Tr::tr("JetStream");
    if (l.jetStream.isEmpty() && l.tieredLimits.isEmpty()) {
        r.add(js, Tr::tr("JetStream"), Tr::tr("Disabled"), Tr::tr("no storage limits set (0 = disabled)"));
    } else {
        if (!l.jetStream.isEmpty())
            jetStreamRows(r, js, QString(), l.jetStream);
        for (auto it = l.tieredLimits.begin(); it != l.tieredLimits.end(); ++it)
            jetStreamRows(r, js, Tr::tr("Tier %1: ").arg(it.key()), it.value());
    }

    permissionRows(r, Tr::tr("Default permissions"), a.defaultPermissions);

    const QString sk = Tr::tr("Signing keys");
    if (a.signingKeys.isEmpty())
        r.add(sk, Tr::tr("Signing keys"), Tr::tr("none"), Tr::tr("only the account key issues users"));
    for (const SigningKey &k : a.signingKeys) {
        if (!k.scoped) {
            r.add(sk, Tr::tr("Signing key"), k.key);
            continue;
        }
        QStringList tmpl;
        const UserPermissionLimits &t = k.userTemplate;
        if (!t.pub.allow.isEmpty())
            tmpl.append(Tr::tr("pub allow %1").arg(t.pub.allow.join(u", ")));
        if (!t.pub.deny.isEmpty())
            tmpl.append(Tr::tr("pub deny %1").arg(t.pub.deny.join(u", ")));
        if (!t.sub.allow.isEmpty())
            tmpl.append(Tr::tr("sub allow %1").arg(t.sub.allow.join(u", ")));
        if (!t.sub.deny.isEmpty())
            tmpl.append(Tr::tr("sub deny %1").arg(t.sub.deny.join(u", ")));
        tmpl.append(Tr::tr("subs %1, data %2, payload %3")
                        .arg(formatLimit(t.limits.subs), formatLimit(t.limits.data, true),
                             formatLimit(t.limits.payload, true)));
        if (t.resp)
            tmpl.append(Tr::tr("resp max %1 ttl %2").arg(t.resp->maxMsgs).arg(formatNanos(t.resp->ttlNanos)));
        if (t.bearerToken)
            tmpl.append(Tr::tr("bearer"));
        r.add(sk, Tr::tr("Scoped key (role %1)").arg(k.role.isEmpty() ? Tr::tr("unnamed") : k.role), k.key,
              tmpl.join(u"; ") + (k.description.isEmpty() ? QString() : u" — " + k.description));
    }

    const QString im = Tr::tr("Imports");
    if (a.imports.isEmpty())
        r.add(im, Tr::tr("Imports"), Tr::tr("none"));
    for (const Import &i : a.imports) {
        QString v = Tr::tr("%1 %2 from %3").arg(i.type.isEmpty() ? Tr::tr("stream") : i.type, i.subject, i.account);
        if (!i.localSubject.isEmpty())
            v += Tr::tr(" as %1").arg(i.localSubject);
        else if (!i.to.isEmpty())
            v += Tr::tr(" to %1").arg(i.to);
        QStringList hints;
        if (!i.token.isEmpty())
            hints.append(Tr::tr("with activation token"));
        if (i.share)
            hints.append(Tr::tr("shares latency data"));
        r.add(im, i.name.isEmpty() ? i.subject : i.name, v, hints.join(u", "));
    }

    const QString ex = Tr::tr("Exports");
    if (a.exports.isEmpty())
        r.add(ex, Tr::tr("Exports"), Tr::tr("none"));
    for (const Export &e : a.exports) {
        QString v = (e.type.isEmpty() ? Tr::tr("stream") : e.type) + u' ' + e.subject;
        QStringList hints;
        hints.append(e.tokenReq ? Tr::tr("private (token required)") : Tr::tr("public"));
        if (!e.responseType.isEmpty())
            hints.append(Tr::tr("response %1").arg(e.responseType));
        if (e.responseThreshold)
            hints.append(Tr::tr("threshold %1").arg(formatNanos(e.responseThreshold)));
        if (e.latency)
            hints.append(Tr::tr("latency sampling %1 to %2").arg(e.latency->sampling, e.latency->results));
        if (e.accountTokenPosition)
            hints.append(Tr::tr("account token position %1").arg(e.accountTokenPosition));
        if (e.advertise)
            hints.append(Tr::tr("advertised"));
        if (!e.revocations.isEmpty())
            hints.append(Tr::tr("%1 revocations").arg(e.revocations.size()));
        if (!e.description.isEmpty())
            hints.append(e.description);
        r.add(ex, e.name.isEmpty() ? e.subject : e.name, v, hints.join(u", "));
    }

    const QString rv = Tr::tr("Revocations");
    if (a.revocations.isEmpty())
        r.add(rv, Tr::tr("Revocations"), Tr::tr("none"));
    for (auto it = a.revocations.begin(); it != a.revocations.end(); ++it)
        r.add(rv, it.key() == u"*" ? Tr::tr("All users") : it.key(),
              Tr::tr("issued at or before %1").arg(formatUnixTime(it.value())),
              Tr::tr("user JWTs with iat ≤ this time are refused"));

    const QString other = Tr::tr("Account");
    if (!a.description.isEmpty())
        r.add(other, Tr::tr("Description"), a.description);
    if (!a.infoUrl.isEmpty())
        r.add(other, Tr::tr("Info URL"), a.infoUrl);
    if (!a.mappings.isEmpty())
        r.add(other, Tr::tr("Mappings"), compactJson(a.mappings));
    if (!a.authorization.isEmpty())
        r.add(other, Tr::tr("Authorization (auth callout)"), compactJson(a.authorization));
}

void userRows(Rows &r, const UserClaims &u)
{
    const UserPermissionLimits &p = u.permissions;
    permissionRows(r, Tr::tr("Permissions"), p);
    const QString g = Tr::tr("Limits");
    const QString scopedHint = Tr::tr(" (fine only when a scoped signing key supplies the limits)");
    limitRow(r, g, Tr::tr("Max msg payload"), p.limits.payload, true,
             Tr::tr("0 bytes: every publish fails with MAX_PAYLOAD_EXCEEDED") + scopedHint + u'.');
    limitRow(r, g, Tr::tr("Max data"), p.limits.data, true, {});
    limitRow(r, g, Tr::tr("Max subscriptions"), p.limits.subs, false,
             Tr::tr("0 subscriptions: every SUB fails (maximum subscriptions exceeded)") + scopedHint + u'.');
    connectionRows(r, Tr::tr("Connection"), p);
}

bool isDateKey(const QString &key)
{
    return key == u"exp" || key == u"iat" || key == u"nbf" || key == u"auth_time"
           || key == u"updated_at";
}

} // namespace

QString formatUnixTime(qint64 seconds)
{
    const QDateTime utc = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
    const QString utcText = utc.toString(u"yyyy-MM-dd HH:mm:ss") + u" UTC";
    const QDateTime local = utc.toLocalTime();
    if (local.offsetFromUtc() == 0 && local.timeZoneAbbreviation() == u"UTC")
        return utcText;
    return local.toString(u"yyyy-MM-dd HH:mm:ss ") + local.timeZoneAbbreviation() + u" (" + utcText + u')';
}

QString formatBytes(qint64 bytes)
{
    static const char *units[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    if (bytes < 1024 && bytes > -1024)
        return Tr::tr("%1 bytes").arg(bytes);
    double v = double(bytes);
    int unit = -1;
    while ((v >= 1024.0 || v <= -1024.0) && unit < 5) {
        v /= 1024.0;
        ++unit;
    }
    const QString number = QLocale::c().toString(v, 'g', 4);
    return Tr::tr("%1 %2 (%3 bytes)").arg(number, QString::fromLatin1(units[unit])).arg(bytes);
}

QString formatNanos(qint64 nanos)
{
    struct Unit { qint64 ns; const char *name; };
    static const Unit units[] = {{3600000000000LL, "h"}, {60000000000LL, "min"}, {1000000000LL, "s"},
                                 {1000000LL, "ms"}, {1000LL, "µs"}};
    // The largest unit that fits; an exact smaller unit below 1000 beats a fraction ("90 s").
    for (std::size_t i = 0; i < std::size(units); ++i) {
        if (nanos < units[i].ns)
            continue;
        for (std::size_t j = i; j < std::size(units); ++j) {
            if (nanos % units[j].ns == 0 && (j == i || nanos / units[j].ns < 1000))
                return QString::number(nanos / units[j].ns) + u' ' + QString::fromUtf8(units[j].name);
        }
        return QLocale::c().toString(double(nanos) / double(units[i].ns), 'g', 4) + u' '
               + QString::fromUtf8(units[i].name);
    }
    return QString::number(nanos) + u" ns";
}

QString formatLimit(std::optional<qint64> value, bool bytes)
{
    if (!value || *value == 0)
        return Tr::tr("none (0)");
    if (*value == -1)
        return Tr::tr("Unlimited");
    return bytes ? formatBytes(*value) : QString::number(*value);
}

QList<ClaimRow> claimsInWords(const Jwt &jwt, qint64 now)
{
    Rows r;
    const StandardClaims &s = jwt.standard();
    const Claims &c = jwt.claims();
    const QJsonObject &payload = jwt.payload();

    if (!jwt.isNats()) {
        const QString g = Tr::tr("Claims");
        r.add(g, Tr::tr("Algorithm"), jwt.algorithm());
        for (auto it = payload.begin(); it != payload.end(); ++it) {
            if (isDateKey(it.key()) && it.value().isDouble())
                r.add(g, it.key(), formatUnixTime(it.value().toInteger()));
            else
                r.add(g, it.key(), compactJson(it.value()));
        }
    } else {
        const QString id = Tr::tr("Details");
        r.add(id, Tr::tr("Kind"), claimKindName(c.kind),
              c.kind == ClaimKind::Generic ? Tr::tr("unknown NATS claim type \"%1\"").arg(c.type) : QString());
        r.add(id, Tr::tr("Name"), s.name);
        const QString subjectLabel = c.kind == ClaimKind::Operator ? Tr::tr("Operator ID")
                                     : c.kind == ClaimKind::Account ? Tr::tr("Account ID")
                                     : c.kind == ClaimKind::User  ? Tr::tr("User ID")
                                                                  : Tr::tr("Subject");
        r.add(id, subjectLabel, s.subject);
        r.add(id, Tr::tr("Issuer ID"), s.issuer,
              s.issuer == s.subject ? Tr::tr("self-signed") : QString());
        if (c.kind == ClaimKind::User)
            r.add(id, Tr::tr("Issuer account"),
                  c.user.issuerAccount.isEmpty() ? Tr::tr("none (issuer is the account)") : c.user.issuerAccount);
        if (!s.audience.isEmpty())
            r.add(id, Tr::tr("Audience"), s.audience, Tr::tr("ignored by nats-server"));
        r.add(id, Tr::tr("ID (jti)"), s.id, jtiHint(jwt.detectJtiStyle()));
        r.add(id, Tr::tr("Version"), QString::number(c.version),
              jwt.natsVersion() == 1 ? Tr::tr("legacy v1 token (payload-only signature)") : QString());
        if (!c.tags.isEmpty())
            r.add(id, Tr::tr("Tags"), c.tags.join(u", "));
        if (c.kind == ClaimKind::Activation) {
            r.add(id, Tr::tr("Import subject"), c.activation.importSubject);
            r.add(id, Tr::tr("Import type"), c.activation.importType);
            if (!c.activation.issuerAccount.isEmpty())
                r.add(id, Tr::tr("Issuer account"), c.activation.issuerAccount);
        }
    }

    const QString v = Tr::tr("Validity");
    r.add(v, Tr::tr("Issued"), s.issuedAt ? formatUnixTime(s.issuedAt) : Tr::tr("not set"));
    if (s.notBefore)
        r.add(v, Tr::tr("Not before"), formatUnixTime(s.notBefore));
    r.add(v, Tr::tr("Expires"), s.expires ? formatUnixTime(s.expires) : Tr::tr("never"));
    switch (jwt.timeState(now)) {
    case TimeState::Valid:
        r.add(v, Tr::tr("Status"), Tr::tr("valid now"));
        break;
    case TimeState::Expired:
        r.add(v, Tr::tr("Status"), Tr::tr("expired"), {}, Tr::tr("The claim is expired."));
        break;
    case TimeState::NotYetValid:
        r.add(v, Tr::tr("Status"), Tr::tr("not yet valid"), {}, Tr::tr("The claim is not yet valid."));
        break;
    }

    if (jwt.isNats()) {
        switch (c.kind) {
        case ClaimKind::Operator: operatorRows(r, c.op); break;
        case ClaimKind::Account: accountRows(r, c.account); break;
        case ClaimKind::User: userRows(r, c.user); break;
        default: break;
        }
        // What nats-server only warns about (its refusals are in Jwt::problems()).
        for (const ValidationIssue &issue : validateClaims(c)) {
            if (!issue.blocking)
                r.add(Tr::tr("nats-server validation"), Tr::tr("Warning"), issue.text, {},
                      Tr::tr("nats-server accepts this but warns: %1").arg(issue.text));
        }
        // Keys this version does not interpret are still shown.
        const QString other = Tr::tr("Other fields");
        for (auto it = payload.begin(); it != payload.end(); ++it) {
            if (!isKnownTopLevelKey(it.key()))
                r.add(other, it.key(), compactJson(it.value()));
        }
        const QJsonObject nats = payload.value(u"nats").toObject();
        for (auto it = nats.begin(); it != nats.end(); ++it) {
            if (!isKnownNatsKey(c.kind, it.key()))
                r.add(other, u"nats." + it.key(), compactJson(it.value()));
        }
    }
    return r.take();
}

} // namespace Pot::Nats
