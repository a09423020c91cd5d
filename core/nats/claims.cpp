#include "claims.h"

#include "core/tr.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace Pot::Nats {

namespace {

// ---- number literals as Go sees them ------------------------------------------------------------
// QJsonDocument turns 1e10, 10000000000.0 and 10000000000 into the same value, but Go's
// encoding/json decodes into an int64 field with strconv.ParseInt on the literal text, so only a
// plain integer literal is accepted there. This scan of the (already validated) JSON text records
// every number literal with a fraction or an exponent by its path ("exp", "nats.limits.imports",
// "nats.imports[0].…"); a later duplicate key replaces an earlier one, as in Go and Qt.

using Literals = QHash<QString, QByteArray>;
/// Object path → its keys in document order (duplicates kept), for Go's key matching.
using KeyOrder = QHash<QString, QStringList>;

/// Go's encoding/json matches an object key to a struct field exactly, else case-insensitively
/// (Unicode simple folding: besides ASCII, the Kelvin sign folds to k and the long s to s). The
/// NATS field names are lower-case ASCII, so folding a key to that form decides the match.
QString goFold(QStringView key)
{
    QString out;
    out.reserve(key.size());
    for (const QChar ch : key) {
        if (ch == QChar(0x212A))
            out += u'k';
        else if (ch == QChar(0x017F))
            out += u's';
        else if (ch.unicode() < 0x80)
            out += ch.toLower();
        else
            out += ch;
    }
    return out;
}

struct Scan
{
    Literals literals; ///< by folded path
    KeyOrder keys;     ///< by folded path
};

void skipSpace(const char *&p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        ++p;
}

QString scanString(const char *&p, const char *end)
{
    const char *start = p++;
    bool escaped = false;
    while (p < end && *p != '"') {
        if (*p == '\\') {
            escaped = true;
            ++p;
        }
        ++p;
    }
    if (p < end)
        ++p;
    const QByteArrayView raw(start, p - start);
    if (!escaped)
        return QString::fromUtf8(raw.sliced(1, std::max<qsizetype>(raw.size() - 2, 0)));
    const QJsonDocument doc = QJsonDocument::fromJson('[' + raw.toByteArray() + ']');
    return doc.array().at(0).toString();
}

bool scanValue(const char *&p, const char *end, const QString &path, Scan &out, int depth)
{
    if (depth > 512)
        return false;
    skipSpace(p, end);
    if (p >= end)
        return false;
    if (*p == '{' || *p == '[') {
        const bool object = *p == '{';
        const char close = object ? '}' : ']';
        ++p;
        skipSpace(p, end);
        if (p < end && *p == close) {
            ++p;
            return true;
        }
        for (int index = 0;; ++index) {
            QString child;
            if (object) {
                skipSpace(p, end);
                if (p >= end || *p != '"')
                    return false;
                const QString key = scanString(p, end);
                skipSpace(p, end);
                if (p >= end || *p != ':')
                    return false;
                ++p;
                out.keys[path].append(key);
                const QString folded = goFold(key);
                child = path.isEmpty() ? folded : path + u'.' + folded;
            } else {
                child = path + u'[' + QString::number(index) + u']';
            }
            if (!scanValue(p, end, child, out, depth + 1))
                return false;
            skipSpace(p, end);
            if (p < end && *p == ',') {
                ++p;
                continue;
            }
            if (p < end && *p == close) {
                ++p;
                return true;
            }
            return false;
        }
    }
    if (*p == '"') {
        scanString(p, end);
        out.literals.remove(path);
        return true;
    }
    const char *start = p;
    while (p < end && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\t' && *p != '\n'
           && *p != '\r')
        ++p;
    const QByteArrayView literal(start, p - start);
    const bool number = !literal.isEmpty() && (literal.front() == '-' || (literal.front() >= '0' && literal.front() <= '9'));
    if (number && (literal.contains('.') || literal.contains('e') || literal.contains('E')))
        out.literals.insert(path, literal.toByteArray());
    else
        out.literals.remove(path);
    return true;
}

/// Whether `json` has anything Go reads differently from Qt: a number literal with a fraction or an
/// exponent, or an object key that is not plain lower-case ASCII (case-folded matching). One pass
/// without allocation; nearly every real token has neither, and then the path scan below (whose
/// hash tables cost more than the JSON parse itself) is skipped.
bool needsGoScan(QByteArrayView json)
{
    const char *p = json.data();
    const char *end = p + json.size();
    char previous = 0; // last byte outside strings
    while (p < end) {
        const char c = *p;
        if (c == '"') {
            bool odd = false; // upper-case ASCII or non-ASCII in this string
            ++p;
            while (p < end && *p != '"') {
                if (*p == '\\') {
                    odd = true; // an escape may hide anything: take the exact path
                    ++p;
                } else if ((*p >= 'A' && *p <= 'Z') || (static_cast<unsigned char>(*p) & 0x80)) {
                    odd = true;
                }
                ++p;
            }
            ++p;
            if (odd) {
                const char *q = p;
                while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
                    ++q;
                if (q < end && *q == ':')
                    return true; // a key Go may match case-insensitively
            }
            previous = '"';
            continue;
        }
        if (c == '.' || ((c == 'e' || c == 'E') && previous >= '0' && previous <= '9'))
            return true;
        previous = c;
        ++p;
    }
    return false;
}

Scan scanJson(QByteArrayView json)
{
    Scan out;
    const char *p = json.data();
    const char *end = p + json.size();
    if (json.startsWith("\xEF\xBB\xBF"))
        p += 3;
    scanValue(p, end, QString(), out, 0);
    return out;
}

/// Reads typed fields and remembers the first type error with its JSON path.
class Reader final
{
public:
    explicit Reader(Scan scan = {})
        : m_scan(std::move(scan))
    {}

    /// o[key] as Go's decoder finds it: of every key that is `key` or folds to it, the last in
    /// document order (without the raw JSON: the exact key).
    QJsonValue get(const QJsonObject &o, const QString &path, QLatin1StringView key) const
    {
        if (m_scan.keys.isEmpty())
            return o.value(key);
        const auto order = m_scan.keys.constFind(goFold(path));
        if (order == m_scan.keys.constEnd())
            return o.value(key);
        const QStringList &keys = order.value();
        for (qsizetype i = keys.size() - 1; i >= 0; --i) {
            const QString &k = keys.at(i);
            if (k == key || (k.size() == key.size() && goFold(k) == key))
                return o.value(k);
        }
        return QJsonValue(QJsonValue::Undefined);
    }

    bool failed() const { return !m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    /// What Go's decoder would refuse although the value is readable (see Claims::decodeProblems).
    const QStringList &goProblems() const { return m_goProblems; }
    void goProblem(const QString &text) { m_goProblems.append(text); }

    QString str(const QJsonObject &o, const QString &path, QLatin1StringView key)
    {
        const QJsonValue v = get(o, path, key);
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isString()) {
            fail(path, key, Tr::tr("a string"));
            return {};
        }
        return v.toString();
    }

    std::optional<qint64> int64(const QJsonObject &o, const QString &path, QLatin1StringView key)
    {
        const QJsonValue v = get(o, path, key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        return toInt64(v, path, key);
    }

    qint64 int64Or0(const QJsonObject &o, const QString &path, QLatin1StringView key)
    {
        return int64(o, path, key).value_or(0);
    }

    std::optional<qint64> toInt64(const QJsonValue &v, const QString &path, QLatin1StringView key)
    {
        if (!v.isDouble()) {
            fail(path, key, Tr::tr("an integer"));
            return std::nullopt;
        }
        // Qt keeps integers that fit in 64 bits exact; anything else arrives as a double.
        const qint64 i = v.toInteger(0);
        const double d = v.toDouble();
        if (!std::isfinite(d) || std::floor(d) != d || (i == 0 && d != 0.0)) {
            fail(path, key, Tr::tr("an integer between -2^63 and 2^63-1"));
            return std::nullopt;
        }
        if (m_scan.literals.isEmpty())
            return i;
        const QString where = join(path, key);
        const auto literal = m_scan.literals.constFind(goFold(where));
        if (literal != m_scan.literals.constEnd())
            m_goProblems.append(
                Tr::tr("%1 is written as %2: nats-server (Go's encoding/json) reads this integer claim "
                       "only from a whole number without fraction or exponent (\"cannot unmarshal "
                       "number %2 into int64\"), so it cannot decode the JWT.")
                    .arg(where, QString::fromLatin1(literal.value())));
        return i;
    }

    /// An integer Go decodes into an unsigned field (uint): a negative value cannot be decoded.
    qint64 uint64Or0(const QJsonObject &o, const QString &path, QLatin1StringView key)
    {
        const std::optional<qint64> v = int64(o, path, key);
        if (v && *v < 0)
            m_goProblems.append(Tr::tr("%1 is %2, but nats-server decodes it into an unsigned integer "
                                       "(\"cannot unmarshal number %2 into uint\"), so it cannot "
                                       "decode the JWT.")
                                    .arg(join(path, key))
                                    .arg(*v));
        return v.value_or(0);
    }

    bool boolean(const QJsonObject &o, const QString &path, QLatin1StringView key)
    {
        const QJsonValue v = get(o, path, key);
        if (v.isUndefined() || v.isNull())
            return false;
        if (!v.isBool()) {
            fail(path, key, Tr::tr("true or false"));
            return false;
        }
        return v.toBool();
    }

    QStringList strings(const QJsonObject &o, const QString &path, QLatin1StringView key,
                        bool acceptCommaString = false)
    {
        const QJsonValue v = get(o, path, key);
        if (v.isUndefined() || v.isNull())
            return {};
        if (acceptCommaString && v.isString()) {
            QStringList out;
            for (const QString &part : v.toString().split(u',', Qt::SkipEmptyParts))
                out.append(part.trimmed());
            return out;
        }
        if (!v.isArray()) {
            fail(path, key, Tr::tr("a list of strings"));
            return {};
        }
        QStringList out;
        for (const QJsonValue &item : v.toArray()) {
            if (!item.isString()) {
                fail(path, key, Tr::tr("a list of strings"));
                return {};
            }
            out.append(item.toString());
        }
        return out;
    }

    QJsonObject object(const QJsonObject &o, const QString &path, QLatin1StringView key,
                       bool *present = nullptr)
    {
        const QJsonValue v = get(o, path, key);
        if (present)
            *present = v.isObject();
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isObject()) {
            fail(path, key, Tr::tr("an object"));
            return {};
        }
        return v.toObject();
    }

    QJsonArray array(const QJsonObject &o, const QString &path, QLatin1StringView key)
    {
        const QJsonValue v = get(o, path, key);
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isArray()) {
            fail(path, key, Tr::tr("a list"));
            return {};
        }
        return v.toArray();
    }

    QMap<QString, qint64> int64Map(const QJsonObject &o, const QString &path, QLatin1StringView key)
    {
        QMap<QString, qint64> out;
        const QJsonObject m = object(o, path, key);
        const QString sub = join(path, key);
        for (auto it = m.begin(); it != m.end(); ++it) {
            const std::optional<qint64> n = toInt64(it.value(), sub, QLatin1StringView(it.key().toLatin1()));
            if (!n)
                return out;
            out.insert(it.key(), *n);
        }
        return out;
    }

    void fail(const QString &path, QLatin1StringView key, const QString &expected)
    {
        if (m_error.isEmpty())
            m_error = Tr::tr("%1 must be %2.").arg(join(path, key), expected);
    }

    static QString join(const QString &path, QLatin1StringView key)
    {
        return path.isEmpty() ? QString(key) : path + u'.' + key;
    }

private:
    Scan m_scan;
    QString m_error;
    QStringList m_goProblems;
};

Permission readPermission(Reader &r, const QJsonObject &o, const QString &path, QLatin1StringView key)
{
    const QJsonObject p = r.object(o, path, key);
    const QString sub = Reader::join(path, key);
    return Permission{r.strings(p, sub, QLatin1StringView("allow")),
                      r.strings(p, sub, QLatin1StringView("deny"))};
}

void readPermissions(Reader &r, const QJsonObject &o, const QString &path, UserPermissionLimits &u)
{
    u.pub = readPermission(r, o, path, QLatin1StringView("pub"));
    u.sub = readPermission(r, o, path, QLatin1StringView("sub"));
    bool hasResp = false;
    const QJsonObject resp = r.object(o, path, QLatin1StringView("resp"), &hasResp);
    if (hasResp) {
        const QString sub = Reader::join(path, QLatin1StringView("resp"));
        u.resp = ResponsePermission{r.int64Or0(resp, sub, QLatin1StringView("max")),
                                    r.int64Or0(resp, sub, QLatin1StringView("ttl"))};
    }
}

void readNatsLimits(Reader &r, const QJsonObject &o, const QString &path, NatsLimits &l)
{
    l.subs = r.int64(o, path, QLatin1StringView("subs"));
    l.data = r.int64(o, path, QLatin1StringView("data"));
    l.payload = r.int64(o, path, QLatin1StringView("payload"));
}

UserPermissionLimits readUserPermissionLimits(Reader &r, const QJsonObject &o, const QString &path)
{
    UserPermissionLimits u;
    readPermissions(r, o, path, u);
    u.src = r.strings(o, path, QLatin1StringView("src"), true);
    const QJsonArray times = r.array(o, path, QLatin1StringView("times"));
    for (qsizetype index = 0; index < times.size(); ++index) {
        const QJsonValue v = times.at(index);
        if (!v.isObject()) {
            r.fail(path, QLatin1StringView("times"), Tr::tr("a list of {start, end} objects"));
            break;
        }
        const QString sub = Reader::join(path, QLatin1StringView("times")) + u'[' + QString::number(index) + u']';
        u.times.append(TimeRange{r.str(v.toObject(), sub, QLatin1StringView("start")),
                                 r.str(v.toObject(), sub, QLatin1StringView("end"))});
    }
    u.timesLocation = r.str(o, path, QLatin1StringView("times_location"));
    readNatsLimits(r, o, path, u.limits);
    u.bearerToken = r.boolean(o, path, QLatin1StringView("bearer_token"));
    u.allowedConnectionTypes = r.strings(o, path, QLatin1StringView("allowed_connection_types"));
    u.proxyRequired = r.boolean(o, path, QLatin1StringView("proxy_required"));
    return u;
}

JetStreamLimits readJetStream(Reader &r, const QJsonObject &o, const QString &path)
{
    JetStreamLimits j;
    j.memStorage = r.int64Or0(o, path, QLatin1StringView("mem_storage"));
    j.diskStorage = r.int64Or0(o, path, QLatin1StringView("disk_storage"));
    j.streams = r.int64Or0(o, path, QLatin1StringView("streams"));
    j.consumer = r.int64Or0(o, path, QLatin1StringView("consumer"));
    j.maxAckPending = r.int64Or0(o, path, QLatin1StringView("max_ack_pending"));
    j.memMaxStreamBytes = r.int64Or0(o, path, QLatin1StringView("mem_max_stream_bytes"));
    j.diskMaxStreamBytes = r.int64Or0(o, path, QLatin1StringView("disk_max_stream_bytes"));
    j.maxBytesRequired = r.boolean(o, path, QLatin1StringView("max_bytes_required"));
    return j;
}

void readOperator(Reader &r, const QJsonObject &n, OperatorClaims &op)
{
    const QString p = QStringLiteral("nats");
    op.signingKeys = r.strings(n, p, QLatin1StringView("signing_keys"));
    op.accountServerUrl = r.str(n, p, QLatin1StringView("account_server_url"));
    op.operatorServiceUrls = r.strings(n, p, QLatin1StringView("operator_service_urls"));
    op.systemAccount = r.str(n, p, QLatin1StringView("system_account"));
    op.assertServerVersion = r.str(n, p, QLatin1StringView("assert_server_version"));
    op.strictSigningKeyUsage = r.boolean(n, p, QLatin1StringView("strict_signing_key_usage"));
}

void readAccount(Reader &r, const QJsonObject &n, AccountClaims &a)
{
    const QString p = QStringLiteral("nats");
    const QJsonArray importList = r.array(n, p, QLatin1StringView("imports"));
    for (qsizetype index = 0; index < importList.size(); ++index) {
        const QJsonValue v = importList.at(index);
        if (!v.isObject()) {
            r.fail(p, QLatin1StringView("imports"), Tr::tr("a list of objects"));
            break;
        }
        const QJsonObject o = v.toObject();
        const QString s = QStringLiteral("nats.imports[%1]").arg(index);
        Import im;
        im.name = r.str(o, s, QLatin1StringView("name"));
        im.subject = r.str(o, s, QLatin1StringView("subject"));
        im.account = r.str(o, s, QLatin1StringView("account"));
        im.token = r.str(o, s, QLatin1StringView("token"));
        im.to = r.str(o, s, QLatin1StringView("to"));
        im.localSubject = r.str(o, s, QLatin1StringView("local_subject"));
        im.type = r.str(o, s, QLatin1StringView("type"));
        im.share = r.boolean(o, s, QLatin1StringView("share"));
        im.allowTrace = r.boolean(o, s, QLatin1StringView("allow_trace"));
        a.imports.append(im);
    }
    const QJsonArray exportList = r.array(n, p, QLatin1StringView("exports"));
    for (qsizetype index = 0; index < exportList.size(); ++index) {
        const QJsonValue v = exportList.at(index);
        if (!v.isObject()) {
            r.fail(p, QLatin1StringView("exports"), Tr::tr("a list of objects"));
            break;
        }
        const QJsonObject o = v.toObject();
        const QString s = QStringLiteral("nats.exports[%1]").arg(index);
        Export ex;
        ex.name = r.str(o, s, QLatin1StringView("name"));
        ex.subject = r.str(o, s, QLatin1StringView("subject"));
        ex.type = r.str(o, s, QLatin1StringView("type"));
        ex.tokenReq = r.boolean(o, s, QLatin1StringView("token_req"));
        ex.revocations = r.int64Map(o, s, QLatin1StringView("revocations"));
        ex.responseType = r.str(o, s, QLatin1StringView("response_type"));
        ex.responseThreshold = r.int64Or0(o, s, QLatin1StringView("response_threshold"));
        bool hasLatency = false;
        const QJsonObject lat = r.object(o, s, QLatin1StringView("service_latency"), &hasLatency);
        if (hasLatency) {
            const QJsonValue sampling = r.get(lat, s + u".service_latency", QLatin1StringView("sampling"));
            ServiceLatency l;
            if (sampling.isString())
                l.sampling = sampling.toString();
            else if (sampling.isDouble())
                l.sampling = QString::number(
                    r.int64(lat, s + u".service_latency", QLatin1StringView("sampling")).value_or(0));
            l.results = r.str(lat, s + u".service_latency", QLatin1StringView("results"));
            ex.latency = l;
        }
        ex.accountTokenPosition = r.uint64Or0(o, s, QLatin1StringView("account_token_position"));
        ex.advertise = r.boolean(o, s, QLatin1StringView("advertise"));
        ex.allowTrace = r.boolean(o, s, QLatin1StringView("allow_trace"));
        ex.description = r.str(o, s, QLatin1StringView("description"));
        ex.infoUrl = r.str(o, s, QLatin1StringView("info_url"));
        a.exports.append(ex);
    }
    const QJsonObject limits = r.object(n, p, QLatin1StringView("limits"), &a.limitsPresent);
    const QString lp = QStringLiteral("nats.limits");
    readNatsLimits(r, limits, lp, a.limits.nats);
    a.limits.imports = r.int64(limits, lp, QLatin1StringView("imports"));
    a.limits.exports = r.int64(limits, lp, QLatin1StringView("exports"));
    a.limits.wildcards = r.boolean(limits, lp, QLatin1StringView("wildcards"));
    a.limits.disallowBearer = r.boolean(limits, lp, QLatin1StringView("disallow_bearer"));
    a.limits.conn = r.int64(limits, lp, QLatin1StringView("conn"));
    a.limits.leaf = r.int64(limits, lp, QLatin1StringView("leaf"));
    a.limits.jetStream = readJetStream(r, limits, lp);
    const QJsonObject tiers = r.object(limits, lp, QLatin1StringView("tiered_limits"));
    for (auto it = tiers.begin(); it != tiers.end(); ++it) {
        if (!it.value().isObject()) {
            r.fail(lp, QLatin1StringView("tiered_limits"), Tr::tr("an object of objects"));
            break;
        }
        a.limits.tieredLimits.insert(it.key(),
                                     readJetStream(r, it.value().toObject(), lp + u".tiered_limits." + it.key()));
    }

    const QJsonArray keyList = r.array(n, p, QLatin1StringView("signing_keys"));
    for (qsizetype index = 0; index < keyList.size(); ++index) {
        const QJsonValue v = keyList.at(index);
        SigningKey k;
        if (v.isString()) {
            k.key = v.toString();
        } else if (v.isObject()) {
            const QJsonObject o = v.toObject();
            const QString s = QStringLiteral("nats.signing_keys[%1]").arg(index);
            k.scoped = true;
            k.kind = r.str(o, s, QLatin1StringView("kind"));
            k.key = r.str(o, s, QLatin1StringView("key"));
            k.role = r.str(o, s, QLatin1StringView("role"));
            k.description = r.str(o, s, QLatin1StringView("description"));
            k.userTemplate = readUserPermissionLimits(r, r.object(o, s, QLatin1StringView("template")),
                                                      s + u".template");
        } else {
            r.fail(p, QLatin1StringView("signing_keys"), Tr::tr("a list of keys or scoped-key objects"));
            break;
        }
        a.signingKeys.append(k);
    }
    a.revocations = r.int64Map(n, p, QLatin1StringView("revocations"));
    const QJsonObject dp = r.object(n, p, QLatin1StringView("default_permissions"),
                                    &a.defaultPermissionsPresent);
    readPermissions(r, dp, QStringLiteral("nats.default_permissions"), a.defaultPermissions);
    a.mappings = r.object(n, p, QLatin1StringView("mappings"));
    for (auto it = a.mappings.begin(); it != a.mappings.end(); ++it) {
        const QJsonArray targets = it.value().toArray();
        for (qsizetype index = 0; index < targets.size(); ++index) {
            const QString wp = QStringLiteral("nats.mappings.%1[%2]").arg(it.key()).arg(index);
            const std::optional<qint64> weight = r.int64(targets.at(index).toObject(), wp, QLatin1StringView("weight"));
            if (weight && (*weight < 0 || *weight > 255))
                r.goProblem(Tr::tr("%1.weight is %2, but nats-server decodes it into an 8-bit unsigned "
                                   "integer (0..255), so it cannot decode the JWT.")
                                .arg(wp)
                                .arg(*weight));
        }
    }
    a.authorization = r.object(n, p, QLatin1StringView("authorization"));
    a.description = r.str(n, p, QLatin1StringView("description"));
    a.infoUrl = r.str(n, p, QLatin1StringView("info_url"));
}

} // namespace

QString claimKindName(ClaimKind kind)
{
    switch (kind) {
    case ClaimKind::Operator: return QStringLiteral("operator");
    case ClaimKind::Account: return QStringLiteral("account");
    case ClaimKind::User: return QStringLiteral("user");
    case ClaimKind::Activation: return QStringLiteral("activation");
    case ClaimKind::AuthorizationRequest: return QStringLiteral("authorization_request");
    case ClaimKind::AuthorizationResponse: return QStringLiteral("authorization_response");
    case ClaimKind::Generic: return QStringLiteral("generic");
    }
    return {};
}

bool UserPermissionLimits::isEmpty() const
{
    return pub.isEmpty() && sub.isEmpty() && !resp && src.isEmpty() && times.isEmpty()
           && timesLocation.isEmpty() && !limits.subs.value_or(0) && !limits.data.value_or(0)
           && !limits.payload.value_or(0) && !bearerToken && allowedConnectionTypes.isEmpty()
           && !proxyRequired;
}

bool JetStreamLimits::isEmpty() const
{
    return !memStorage && !diskStorage && !streams && !consumer && !maxAckPending
           && !memMaxStreamBytes && !diskMaxStreamBytes && !maxBytesRequired;
}

const SigningKey *AccountClaims::signingKey(const QString &key) const
{
    for (const SigningKey &k : signingKeys) {
        if (k.key == key)
            return &k;
    }
    return nullptr;
}

Result<Claims> Claims::fromPayload(const QJsonObject &payload, QByteArrayView rawJson)
{
    Reader r(rawJson.isEmpty() || !needsGoScan(rawJson) ? Scan() : scanJson(rawJson));
    Claims c;
    c.payload = payload;
    const QString top;
    StandardClaims &s = c.standard;
    // aud may be a string or (in generic JWTs) a list.
    const QJsonValue aud = r.get(payload, top, QLatin1StringView("aud"));
    if (aud.isArray()) {
        QStringList parts;
        for (const QJsonValue &v : aud.toArray())
            parts.append(v.toString());
        s.audience = parts.join(u", ");
    } else {
        s.audience = r.str(payload, top, QLatin1StringView("aud"));
    }
    s.expires = r.int64Or0(payload, top, QLatin1StringView("exp"));
    s.id = r.str(payload, top, QLatin1StringView("jti"));
    s.issuedAt = r.int64Or0(payload, top, QLatin1StringView("iat"));
    s.issuer = r.str(payload, top, QLatin1StringView("iss"));
    s.name = r.str(payload, top, QLatin1StringView("name"));
    s.notBefore = r.int64Or0(payload, top, QLatin1StringView("nbf"));
    s.subject = r.str(payload, top, QLatin1StringView("sub"));
    if (r.failed())
        return Error(ErrorCode::InvalidInput, r.error());

    const QJsonValue natsValue = r.get(payload, top, QLatin1StringView("nats"));
    const QJsonObject nats = natsValue.toObject();
    const QString np = QStringLiteral("nats");
    const QJsonValue v1Type = r.get(payload, top, QLatin1StringView("type"));
    std::optional<qint64> natsVersion;
    if (v1Type.isString() && !v1Type.toString().isEmpty()) {
        c.type = v1Type.toString();
        c.version = 1;
    } else {
        c.type = r.get(nats, np, QLatin1StringView("type")).toString();
        natsVersion = r.int64(nats, QStringLiteral("nats"), QLatin1StringView("version"));
        c.version = int(std::clamp<qint64>(natsVersion.value_or(0), 0, 1000));
    }
    if (!natsValue.isUndefined() && !natsValue.isObject() && !natsValue.isNull())
        return Error(ErrorCode::InvalidInput, Tr::tr("nats must be an object."));

    static const QList<std::pair<QString, ClaimKind>> kinds = {
        {QStringLiteral("operator"), ClaimKind::Operator},
        {QStringLiteral("account"), ClaimKind::Account},
        {QStringLiteral("user"), ClaimKind::User},
        {QStringLiteral("activation"), ClaimKind::Activation},
        {QStringLiteral("authorization_request"), ClaimKind::AuthorizationRequest},
        {QStringLiteral("authorization_response"), ClaimKind::AuthorizationResponse},
    };
    for (const auto &[name, kind] : kinds) {
        if (c.type == name)
            c.kind = kind;
    }
    c.tags = r.strings(nats, QStringLiteral("nats"), QLatin1StringView("tags"));

    switch (c.kind) {
    case ClaimKind::Operator:
        readOperator(r, nats, c.op);
        break;
    case ClaimKind::Account:
        readAccount(r, nats, c.account);
        break;
    case ClaimKind::User:
        c.user.permissions = readUserPermissionLimits(r, nats, QStringLiteral("nats"));
        c.user.issuerAccount = r.str(nats, QStringLiteral("nats"), QLatin1StringView("issuer_account"));
        break;
    case ClaimKind::Activation:
        c.activation.importSubject = r.str(nats, QStringLiteral("nats"), QLatin1StringView("subject"));
        c.activation.importType = r.str(nats, QStringLiteral("nats"), QLatin1StringView("kind"));
        c.activation.issuerAccount = r.str(nats, QStringLiteral("nats"), QLatin1StringView("issuer_account"));
        break;
    default:
        break;
    }
    if (r.failed())
        return Error(ErrorCode::InvalidInput, r.error());
    // jwt v2.3.0 loads operator, account, user and activation claims of version 1 (a top-level
    // "type") or 2 only; a missing, null or other nats.version fails the decode ("library supports
    // version 2 or less - received 0").
    if (c.version != 1 && c.kind != ClaimKind::Generic && c.kind != ClaimKind::AuthorizationRequest
        && c.kind != ClaimKind::AuthorizationResponse && natsVersion.value_or(0) != 2) {
        const QJsonValue raw = r.get(nats, np, QLatin1StringView("version"));
        const QString shown = raw.isUndefined() ? Tr::tr("missing")
                              : raw.isNull()    ? QStringLiteral("null")
                                                : QString::number(natsVersion.value_or(0));
        r.goProblem(Tr::tr("nats.version is %1: nats-server (nats-io/jwt v2.3.0) decodes %2 claims only "
                           "of version 1 or 2 (\"library supports version 2 or less - received %3\").")
                        .arg(shown, claimKindName(c.kind))
                        .arg(natsVersion.value_or(0)));
    }
    c.decodeProblems = r.goProblems();
    return c;
}

Claims Claims::newOperator(const QString &name, const QString &subject)
{
    Claims c;
    c.kind = ClaimKind::Operator;
    c.type = QStringLiteral("operator");
    c.version = 2;
    c.standard.name = name;
    c.standard.subject = subject;
    return c;
}

Claims Claims::newAccount(const QString &name, const QString &subject)
{
    Claims c;
    c.kind = ClaimKind::Account;
    c.type = QStringLiteral("account");
    c.version = 2;
    c.standard.name = name;
    c.standard.subject = subject;
    AccountLimits &l = c.account.limits;
    c.account.limitsPresent = true;
    l.nats = NatsLimits{-1, -1, -1};
    l.imports = -1;
    l.exports = -1;
    l.wildcards = true;
    l.conn = -1;
    l.leaf = -1;
    return c;
}

Claims Claims::newUser(const QString &name, const QString &subject, const QString &issuerAccount)
{
    Claims c;
    c.kind = ClaimKind::User;
    c.type = QStringLiteral("user");
    c.version = 2;
    c.standard.name = name;
    c.standard.subject = subject;
    c.user.permissions.limits = NatsLimits{-1, -1, -1};
    c.user.issuerAccount = issuerAccount;
    return c;
}

bool isKnownTopLevelKey(const QString &key)
{
    static const QStringList known = {u"aud"_qs, u"exp"_qs, u"jti"_qs, u"iat"_qs, u"iss"_qs,
                                      u"name"_qs, u"nbf"_qs, u"sub"_qs, u"nats"_qs};
    return known.contains(key);
}

bool isKnownNatsKey(ClaimKind kind, const QString &key)
{
    static const QStringList generic = {u"tags"_qs, u"type"_qs, u"version"_qs};
    static const QStringList op = {u"signing_keys"_qs, u"account_server_url"_qs,
                                   u"operator_service_urls"_qs, u"system_account"_qs,
                                   u"assert_server_version"_qs, u"strict_signing_key_usage"_qs};
    static const QStringList acc = {u"imports"_qs, u"exports"_qs, u"limits"_qs, u"signing_keys"_qs,
                                    u"revocations"_qs, u"default_permissions"_qs, u"mappings"_qs,
                                    u"authorization"_qs, u"description"_qs, u"info_url"_qs};
    static const QStringList user = {u"pub"_qs, u"sub"_qs, u"resp"_qs, u"src"_qs, u"times"_qs,
                                     u"times_location"_qs, u"subs"_qs, u"data"_qs, u"payload"_qs,
                                     u"bearer_token"_qs, u"allowed_connection_types"_qs,
                                     u"proxy_required"_qs, u"issuer_account"_qs};
    static const QStringList act = {u"subject"_qs, u"kind"_qs, u"issuer_account"_qs};
    if (generic.contains(key))
        return true;
    switch (kind) {
    case ClaimKind::Operator: return op.contains(key);
    case ClaimKind::Account: return acc.contains(key);
    case ClaimKind::User: return user.contains(key);
    case ClaimKind::Activation: return act.contains(key);
    default: return false;
    }
}

} // namespace Pot::Nats
