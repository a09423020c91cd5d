#include "validation.h"

#include "core/nats/jwt.h"
#include "core/nats/nkey.h"
#include "core/tr.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUrl>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>

#include <cstdint>

namespace Pot::Nats {

// The rules below follow nats-io/jwt v2.3.0 (account_claims.go, user_claims.go, types.go,
// exports.go, imports.go, signingkeys.go, activation_claims.go), the version nats-server 2.9.10
// is built with. The messages quote Go's where that helps to match a server log.

namespace {

class Issues final
{
public:
    void error(const QString &text) { m_list.append(ValidationIssue{text, true}); }
    void warning(const QString &text) { m_list.append(ValidationIssue{text, false}); }
    void add(const QList<ValidationIssue> &more) { m_list += more; }
    QList<ValidationIssue> take() { return std::move(m_list); }

private:
    QList<ValidationIssue> m_list;
};

bool isAccountKey(const QString &key)
{
    return isValidPublicKey(QByteArrayView(key.toLatin1()), KeyKind::Account);
}

void subject(Issues &v, const QString &s)
{
    v.add(validateSubject(s));
}

/// Go Subject.HasWildCards.
bool hasWildcards(const QString &s)
{
    return s.endsWith(u".>") || s.contains(u".*.") || s.endsWith(u".*") || s.startsWith(u"*.")
           || s == u"*" || s == u">";
}

/// Go Subject.IsContainedIn: `s` lies within `other` (token by token, * and a final >).
bool isContainedIn(const QString &s, const QString &other)
{
    const QStringList otherTokens = other.split(u'.');
    const QStringList myTokens = s.split(u'.');
    if (myTokens.size() > otherTokens.size() && otherTokens.last() != u">")
        return false;
    if (myTokens.size() < otherTokens.size())
        return false;
    for (qsizetype i = 0; i < otherTokens.size(); ++i) {
        const QString &tok = otherTokens.at(i);
        if (i == otherTokens.size() - 1 && tok == u">")
            return true;
        if (tok != myTokens.at(i) && tok != u"*")
            return false;
    }
    return true;
}

int countTokenWildcards(const QString &s)
{
    if (s == u"*")
        return 1;
    int n = 0;
    for (const QString &t : s.split(u'.'))
        n += t == u"*" ? 1 : 0;
    return n;
}

/// Go strconv.Atoi: optional sign, decimal digits, fits an int.
std::optional<qint64> atoi(QStringView s)
{
    bool ok = false;
    const qint64 n = s.toLongLong(&ok, 10);
    if (!ok || s.isEmpty() || s.contains(u' '))
        return std::nullopt;
    return n;
}

/// Go RenamingSubject.Validate(from).
void renamingSubject(Issues &v, const QString &to, const QString &from)
{
    subject(v, to);
    if (from.isEmpty())
        v.error(Tr::tr("subject cannot be empty"));
    if (to.contains(u' '))
        v.error(Tr::tr("subject \"%1\" cannot have spaces").arg(to));
    const auto suffix = [](const QString &s) { return s == u">" || s.endsWith(u".>"); };
    if (suffix(to) != suffix(from))
        v.error(Tr::tr("local subject \"%1\" and subject \"%2\": both need to end or not end in >")
                    .arg(to, from));
    const int fromCount = countTokenWildcards(from);
    int refCount = 0;
    for (const QString &tk : to.split(u'.')) {
        if (tk == u"*")
            ++refCount;
        if (tk.size() < 2)
            continue;
        if (tk.front() == u'$') {
            if (const std::optional<qint64> idx = atoi(QStringView(tk).sliced(1))) {
                if (*idx > fromCount)
                    v.error(Tr::tr("Reference $%1 in \"%2\" refers to a * in \"%3\" that does not exist")
                                .arg(*idx)
                                .arg(to, from));
                else
                    ++refCount;
            }
        }
    }
    if (refCount != fromCount)
        v.error(Tr::tr("local subject \"%1\" does not contain enough * or reference wildcards $[0-9] "
                       "for \"%2\"")
                    .arg(to, from));
}

/// Go ToSubject: $n references become *.
QString toSubject(const QString &s)
{
    if (!s.contains(u'$'))
        return s;
    QStringList tokens = s.split(u'.');
    for (QString &tk : tokens) {
        if (tk.size() > 1 && tk.front() == u'$' && atoi(QStringView(tk).sliced(1)))
            tk = QStringLiteral("*");
    }
    return tokens.join(u'.');
}

void info(Issues &v, const QString &description, const QString &infoUrl)
{
    constexpr qsizetype maxInfoLength = 8 * 1024;
    if (description.toUtf8().size() > maxInfoLength)
        v.error(Tr::tr("Description is too long (more than 8 KiB)"));
    if (!infoUrl.isEmpty()) {
        if (infoUrl.toUtf8().size() > maxInfoLength)
            v.error(Tr::tr("Info URL is too long (more than 8 KiB)"));
        const QUrl url(infoUrl); // Go's url.Parse is lenient too; it wants a scheme and a host
        if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty())
            v.error(Tr::tr("error parsing info url \"%1\": no hostname or scheme").arg(infoUrl));
    }
}

/// Go checkPermission: "subject" or (sub only) "subject queue".
void permission(Issues &v, const QStringList &subjects, bool permitQueue)
{
    for (const QString &subj : subjects) {
        const QStringList tk = subj.split(u' ');
        if (tk.size() == 1) {
            subject(v, tk.at(0));
        } else if (tk.size() == 2) {
            subject(v, tk.at(0));
            subject(v, tk.at(1));
            if (!permitQueue)
                v.error(Tr::tr("Permission subject \"%1\" is not allowed to contain a queue").arg(subj));
        } else {
            v.error(Tr::tr("Permission subject \"%1\" contains too many spaces").arg(subj));
        }
    }
}

void permissions(Issues &v, const UserPermissionLimits &p)
{
    permission(v, p.sub.allow, true);
    permission(v, p.sub.deny, true);
    permission(v, p.pub.allow, false);
    permission(v, p.pub.deny, false);
}

void userLimits(Issues &v, const UserPermissionLimits &p)
{
    for (const QString &cidr : p.src) {
        if (!isValidCidr(cidr))
            v.error(Tr::tr("invalid cidr \"%1\" in user src limits").arg(cidr));
    }
    for (const TimeRange &t : p.times) {
        if (t.start.isEmpty())
            v.error(Tr::tr("time ranges start must contain a start"));
        else if (!isValidClockTime(t.start))
            v.error(Tr::tr("start in time range is invalid \"%1\" (HH:MM:SS)").arg(t.start));
        if (t.end.isEmpty())
            v.error(Tr::tr("time ranges end must contain an end"));
        else if (!isValidClockTime(t.end))
            v.error(Tr::tr("end in time range is invalid \"%1\" (HH:MM:SS)").arg(t.end));
    }
    if (!p.timesLocation.isEmpty() && !isKnownTimeZone(p.timesLocation))
        v.error(Tr::tr("could not parse iana time zone by name: unknown time zone %1").arg(p.timesLocation));
}

bool isService(const QString &type) { return type == u"service"; }
bool isStream(const QString &type) { return type == u"stream"; }

void importOne(Issues &v, const Import &i, const QString &accountKey)
{
    if (!isService(i.type) && !isStream(i.type))
        v.error(Tr::tr("invalid import type: \"%1\"").arg(i.type));
    if (i.account.isEmpty())
        v.error(Tr::tr("account to import from is not specified (import \"%1\")").arg(i.subject));
    if (!i.to.isEmpty())
        v.warning(Tr::tr("the field to has been deprecated (use local_subject instead)"));
    subject(v, i.subject);
    if (!i.localSubject.isEmpty()) {
        renamingSubject(v, i.localSubject, i.subject);
        if (!i.to.isEmpty())
            v.error(Tr::tr("Local Subject replaces To (import \"%1\")").arg(i.subject));
    }
    if (i.share && !isService(i.type))
        v.error(Tr::tr("sharing information (for latency tracking) is only valid for services: \"%1\"")
                    .arg(i.subject));
    if (i.token.isEmpty())
        return;
    const Result<Jwt> act = Jwt::decode(QByteArrayView(i.token.toUtf8()));
    const bool decoded = act && act->isNats() && act->kind() == ClaimKind::Activation
                         && act->verifySignature().ok() && act->checkKinds().ok()
                         && act->claims().decodeProblems.isEmpty();
    if (!decoded) {
        v.error(Tr::tr("import \"%1\" contains an invalid activation token").arg(i.subject));
        return;
    }
    const ActivationClaims &a = act->claims().activation;
    if (act->standard().issuer != i.account && a.issuerAccount != i.account)
        v.error(Tr::tr("activation token doesn't match account for import \"%1\"").arg(i.subject));
    if (act->standard().subject != accountKey)
        v.error(Tr::tr("activation token doesn't match account it is being included in, \"%1\"").arg(i.subject));
    if (a.importType != i.type)
        v.error(Tr::tr("mismatch between token import type %1 and type of import %2").arg(a.importType, i.type));
    if (!isService(a.importType) && !isStream(a.importType))
        v.error(Tr::tr("invalid import type: \"%1\" (activation token)").arg(a.importType));
    subject(v, a.importSubject);
    if (!a.issuerAccount.isEmpty() && !isAccountKey(a.issuerAccount))
        v.error(Tr::tr("account_id is not an account public key (activation token)"));
    const QString subj = isService(i.type) && !i.to.isEmpty() ? i.to : i.subject;
    if (!isContainedIn(subj, a.importSubject))
        v.error(Tr::tr("activation token import subject \"%1\" doesn't match import \"%2\"")
                    .arg(a.importSubject, i.subject));
}

void imports(Issues &v, const QList<Import> &list, const QString &accountKey)
{
    QStringList toSet;
    for (const Import &i : list) {
        if (i.type == u"service") {
            QString sub = i.to;
            if (sub.isEmpty())
                sub = toSubject(i.localSubject);
            if (sub.isEmpty())
                sub = i.subject;
            for (const QString &k : std::as_const(toSet)) {
                if (isContainedIn(sub, k) || isContainedIn(k, sub))
                    v.error(Tr::tr("overlapping subject namespace for \"%1\" and \"%2\"").arg(sub, k));
            }
            if (!toSet.contains(sub))
                toSet.append(sub);
        }
        importOne(v, i, accountKey);
    }
}

void exportOne(Issues &v, const Export &e)
{
    const bool service = isService(e.type);
    if (!service && !isStream(e.type))
        v.error(Tr::tr("invalid export type: \"%1\"").arg(e.type));
    if (service && !e.responseType.isEmpty() && e.responseType != u"Singleton"
        && e.responseType != u"Stream" && e.responseType != u"Chunked")
        v.error(Tr::tr("invalid response type for service: \"%1\"").arg(e.responseType));
    if (isStream(e.type) && !e.responseType.isEmpty())
        v.error(Tr::tr("invalid response type for stream: \"%1\"").arg(e.responseType));
    if (e.latency) {
        if (!service)
            v.error(Tr::tr("latency tracking only permitted for services"));
        const QString &sampling = e.latency->sampling;
        if (sampling.compare(u"headers", Qt::CaseInsensitive) != 0 && !sampling.isEmpty()) {
            bool numeric = false;
            const qint64 rate = sampling.toLongLong(&numeric);
            if (!numeric)
                v.error(Tr::tr("service_latency.sampling \"%1\" is neither a number nor \"headers\"")
                            .arg(sampling));
            else if (rate != 0 && (rate < 1 || rate > 100))
                v.error(Tr::tr("sampling percentage needs to be between 1-100"));
        }
        subject(v, e.latency->results);
        if (hasWildcards(e.latency->results))
            v.error(Tr::tr("results subject can not contain wildcards"));
    }
    if (e.responseThreshold < 0)
        v.error(Tr::tr("negative response threshold is invalid"));
    if (e.responseThreshold > 0 && !service)
        v.error(Tr::tr("response threshold only valid for services"));
    subject(v, e.subject);
    if (e.accountTokenPosition > 0) {
        if (!hasWildcards(e.subject)) {
            v.error(Tr::tr("Account Token Position can only be used with wildcard subjects: %1").arg(e.subject));
        } else {
            const QStringList tokens = e.subject.split(u'.');
            if (e.accountTokenPosition > tokens.size())
                v.error(Tr::tr("Account Token Position %1 exceeds length of subject '%2'")
                            .arg(e.accountTokenPosition)
                            .arg(e.subject));
            else if (const QString &tk = tokens.at(e.accountTokenPosition - 1); tk != u"*")
                v.error(Tr::tr("Account Token Position %1 matches '%2' but must match a * in: %3")
                            .arg(e.accountTokenPosition)
                            .arg(tk, e.subject));
        }
    }
    info(v, e.description, e.infoUrl);
}

void containedExports(Issues &v, const QString &kind, const QStringList &subjects)
{
    QStringList reported;
    for (qsizetype i = 0; i < subjects.size(); ++i) {
        for (qsizetype j = 0; j < subjects.size(); ++j) {
            if (i == j || !isContainedIn(subjects.at(i), subjects.at(j)) || reported.contains(subjects.at(j)))
                continue;
            reported.append(subjects.at(j));
            v.error(Tr::tr("%1 export subject \"%2\" already exports \"%3\"")
                        .arg(kind, subjects.at(j), subjects.at(i)));
        }
    }
}

void exports(Issues &v, const QList<Export> &list)
{
    QStringList services;
    QStringList streams;
    for (const Export &e : list) {
        (isService(e.type) ? services : streams).append(e.subject);
        exportOne(v, e);
    }
    containedExports(v, QStringLiteral("service"), services);
    containedExports(v, QStringLiteral("stream"), streams);
}

/// Go Mapping.Validate (mappings are kept as JSON by the reader).
void mappings(Issues &v, const QJsonObject &m)
{
    for (auto it = m.begin(); it != m.end(); ++it) {
        subject(v, it.key());
        if (!it.value().isArray()) {
            v.error(Tr::tr("mapping \"%1\" is not a list of {subject, weight} objects").arg(it.key()));
            continue;
        }
        std::uint8_t total = 0; // Go sums weights in a uint8
        for (const QJsonValue &w : it.value().toArray()) {
            const QJsonObject o = w.toObject();
            if (!w.isObject() || (o.contains(u"subject") && !o.value(u"subject").isString())) {
                v.error(Tr::tr("mapping \"%1\" is not a list of {subject, weight} objects").arg(it.key()));
                continue;
            }
            const QString to = o.value(u"subject").toString();
            subject(v, to);
            if (hasWildcards(to))
                v.error(Tr::tr("Subject \"%1\" in weighted mapping \"%2\" is not allowed to contain wildcards")
                            .arg(to, it.key()));
            // Weights outside 0..255 are decode problems (Claims::decodeProblems).
            const qint64 weight = o.value(u"weight").toInteger(0);
            total = std::uint8_t(total + (weight == 0 ? 100 : weight));
        }
        if (total > 100)
            v.error(Tr::tr("Mapping \"%1\" exceeds 100% among all of its weighted mappings").arg(it.key()));
    }
}

bool limitsEmpty(const AccountLimits &l)
{
    return !l.nats.subs.value_or(0) && !l.nats.data.value_or(0) && !l.nats.payload.value_or(0)
           && !l.imports.value_or(0) && !l.exports.value_or(0) && !l.wildcards && !l.disallowBearer
           && !l.conn.value_or(0) && !l.leaf.value_or(0) && l.jetStream.isEmpty() && l.tieredLimits.isEmpty();
}

QString limitText(std::optional<qint64> v)
{
    return v ? QString::number(*v) : Tr::tr("null (read as 0)");
}

void account(Issues &v, const Claims &c)
{
    const AccountClaims &a = c.account;
    imports(v, a.imports, c.standard.subject);
    exports(v, a.exports);
    if (a.limits.tieredLimits.contains(QString()))
        v.error(Tr::tr("Tiered JetStream Limits can not contain a blank \"\" tier name"));
    permissions(v, a.defaultPermissions);
    mappings(v, a.mappings);

    // Go reads an absent or null limit as 0; only -1 means unlimited.
    const qint64 maxImports = a.limits.imports.value_or(0);
    if (maxImports != -1 && a.imports.size() > maxImports)
        v.error(Tr::tr("the account contains more imports than allowed by the operator: %1 imports, "
                       "limits.imports is %2")
                    .arg(a.imports.size())
                    .arg(limitText(a.limits.imports)));
    const qint64 maxExports = a.limits.exports.value_or(0);
    if (maxExports != -1) {
        if (a.exports.size() > maxExports)
            v.error(Tr::tr("the account contains more exports than allowed by the operator: %1 exports, "
                           "limits.exports is %2")
                        .arg(a.exports.size())
                        .arg(limitText(a.limits.exports)));
        if (!a.limits.wildcards) {
            for (const Export &e : a.exports) {
                if (hasWildcards(e.subject))
                    v.error(Tr::tr("the account contains wildcard exports that are not allowed by the "
                                   "operator: %1 (limits.wildcards is not true)")
                                .arg(e.subject));
            }
        }
    }
    for (const SigningKey &k : a.signingKeys) {
        if (!isAccountKey(k.key))
            v.error(k.scoped ? Tr::tr("%1 is not an account public key (scoped signing key)").arg(k.key)
                             : Tr::tr("\"%1\" is not a valid account signing key").arg(k.key));
        if (k.scoped && k.kind != u"user_scope")
            v.error(Tr::tr("unknown signing key scope \"%1\"").arg(k.kind));
    }
    info(v, a.description, a.infoUrl);
    if (isAccountKey(c.standard.issuer) && !limitsEmpty(a.limits))
        v.warning(Tr::tr("self-signed account JWTs shouldn't contain operator limits"));
}

void user(Issues &v, const Claims &c)
{
    const UserClaims &u = c.user;
    permissions(v, u.permissions);
    userLimits(v, u.permissions);
    if (!u.issuerAccount.isEmpty() && !isAccountKey(u.issuerAccount))
        v.error(Tr::tr("issuer_account %1 is not an account public key (\"account_id is not an account "
                       "public key\")")
                    .arg(u.issuerAccount));
}

} // namespace

QList<ValidationIssue> validateSubject(const QString &s)
{
    QList<ValidationIssue> out;
    if (s.isEmpty())
        out.append(ValidationIssue{Tr::tr("subject cannot be empty"), true});
    if (s.contains(u' '))
        out.append(ValidationIssue{Tr::tr("subject \"%1\" cannot have spaces").arg(s), true});
    return out;
}

bool isValidCidr(const QString &cidr)
{
    const qsizetype slash = cidr.indexOf(u'/');
    if (slash < 0)
        return false;
    const QByteArray addr = cidr.left(slash).toLatin1();
    const QString prefix = cidr.mid(slash + 1);
    if (prefix.isEmpty() || prefix.size() > 9)
        return false;
    for (const QChar ch : prefix) {
        if (ch < u'0' || ch > u'9')
            return false;
    }
    const int bits = prefix.toInt();
    if (!addr.contains(':')) {
        // Go: a dotted quad of decimal octets 0..255, no leading zeros.
        const QList<QByteArray> octets = addr.split('.');
        if (octets.size() != 4)
            return false;
        for (const QByteArray &o : octets) {
            if (o.isEmpty() || o.size() > 3 || (o.size() > 1 && o.front() == '0'))
                return false;
            for (const char ch : o) {
                if (ch < '0' || ch > '9')
                    return false;
            }
            if (o.toInt() > 255)
                return false;
        }
        return bits <= 32;
    }
    // IPv6; Go's ParseCIDR takes no zone ("%eth0").
    if (addr.contains('%'))
        return false;
    const QHostAddress host(QString::fromLatin1(addr));
    return host.protocol() == QAbstractSocket::IPv6Protocol && bits <= 128;
}

bool isValidClockTime(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^([0-9]{1,2}):([0-9]{2}):([0-9]{2})(\\.[0-9]+)?$"));
    const QRegularExpressionMatch m = re.match(text);
    return m.hasMatch() && m.captured(1).toInt() < 24 && m.captured(2).toInt() < 60
           && m.captured(3).toInt() < 60;
}

bool isKnownTimeZone(const QString &name)
{
    if (name.isEmpty() || name == u"UTC" || name == u"Local")
        return true;
    // Go refuses these before looking at the zone database; Qt invents "UTC+01:00"-style zones
    // that no zoneinfo file has.
    if (name.contains(u"..") || name.startsWith(u'/') || name.startsWith(u'\\')
        || name.startsWith(u"UTC+") || name.startsWith(u"UTC-"))
        return false;
    // Go on Linux reads the zone from /usr/share/zoneinfo (a TZif file); elsewhere the console
    // asks Qt's zone database.
    const QDir zoneinfo(QStringLiteral("/usr/share/zoneinfo"));
    if (zoneinfo.exists()) {
        QFile file(zoneinfo.filePath(name));
        return QFileInfo(file).isFile() && file.open(QIODevice::ReadOnly) && file.read(4) == "TZif";
    }
    return QTimeZone(name.toUtf8()).isValid();
}

QList<ValidationIssue> validateClaims(const Claims &claims)
{
    Issues v;
    if (claims.kind == ClaimKind::Account)
        account(v, claims);
    else if (claims.kind == ClaimKind::User)
        user(v, claims);
    return v.take();
}

} // namespace Pot::Nats
