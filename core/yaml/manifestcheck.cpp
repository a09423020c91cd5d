#include "manifestcheck.h"

#include "core/nats/nkey.h"
#include "core/nats/validation.h"
#include "core/tr.h"

#include <QJsonValue>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace Pot::Manifest {

const QStringList &connectionTypes()
{
    static const QStringList v{QStringLiteral("STANDARD"), QStringLiteral("WEBSOCKET"), QStringLiteral("LEAFNODE"),
                               QStringLiteral("LEAFNODE_WS"), QStringLiteral("MQTT"), QStringLiteral("MQTT_WS"),
                               QStringLiteral("IN_PROCESS")};
    return v;
}

namespace {

QString S(const char *s)
{
    return QString::fromLatin1(s);
}

const QStringList &apiVersions()
{
    static const QStringList v{S("datasance.com/v3"), S("iofog.org/v3")};
    return v;
}

const QRegularExpression &objectNamePattern()
{
    // src/schemas/rbac.js (the Kubernetes DNS subdomain rule).
    static const QRegularExpression re(
        S("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"));
    return re;
}

const QRegularExpression &sizePattern()
{
    static const QRegularExpression re(S("^(-1|[0-9]+[kmgtKMGT]?)$"));
    return re;
}

QString join(const QStringList &list)
{
    return list.join(QStringLiteral(", "));
}

/// Collects the problems of one document; each check points at the node it is about.
class Checker
{
public:
    explicit Checker(const Document &doc) : m_doc(doc) {}

    QList<Problem> problems;

    void add(Severity severity, int line, int column, const QString &path, const QString &message)
    {
        problems << Problem{m_doc.index, line, column, severity, path, message};
    }
    void error(const Node &at, const QString &path, const QString &message)
    {
        add(Severity::Error, at.line, at.column, path, message);
    }
    void warn(const Node &at, const QString &path, const QString &message)
    {
        add(Severity::Warning, at.line, at.column, path, message);
    }
    void errorAtKey(const Node::Entry &e, const QString &path, const QString &message)
    {
        add(Severity::Error, e.line, e.column, path, message);
    }
    void warnAtKey(const Node::Entry &e, const QString &path, const QString &message)
    {
        add(Severity::Warning, e.line, e.column, path, message);
    }

    static QString at(const QString &path, const QString &key)
    {
        return path.isEmpty() ? key : path + u'.' + key;
    }
    static QString item(const QString &path, std::size_t i)
    {
        return QStringLiteral("%1[%2]").arg(path).arg(i);
    }

    /// The map under `key` of `parent`; a problem when present but not a map, or absent and
    /// required.
    const Node *map(const Node &parent, const QString &path, const QString &key, bool required)
    {
        const Node *n = parent.value(key);
        if (!n || n->isNull()) {
            if (required)
                error(n ? *n : parent, at(path, key), Tr::tr("is required (a map of fields)."));
            return nullptr;
        }
        if (!n->isMap()) {
            error(*n, at(path, key), Tr::tr("must be a map of fields (key: value)."));
            return nullptr;
        }
        return n;
    }

    const Node *sequence(const Node &parent, const QString &path, const QString &key, bool required,
                         int minItems = 0)
    {
        const Node *n = parent.value(key);
        if (!n || n->isNull()) {
            if (required)
                error(n ? *n : parent, at(path, key), Tr::tr("is required (a list)."));
            return nullptr;
        }
        if (!n->isSequence()) {
            error(*n, at(path, key), Tr::tr("must be a list."));
            return nullptr;
        }
        if (int(n->items.size()) < minItems)
            error(*n, at(path, key), minItems == 1 ? Tr::tr("needs at least one item.") : Tr::tr("needs at least %1 items.").arg(minItems));
        return n;
    }

    /// A text; `required` refuses absent and empty.
    std::optional<QString> text(const Node &parent, const QString &path, const QString &key, bool required)
    {
        const Node *n = parent.value(key);
        if (!n || n->isNull()) {
            if (required)
                error(n ? *n : parent, at(path, key), Tr::tr("is required."));
            return std::nullopt;
        }
        if (!n->isScalar()) {
            error(*n, at(path, key), Tr::tr("must be a text, not a %1.").arg(n->isMap() ? Tr::tr("map") : Tr::tr("list")));
            return std::nullopt;
        }
        const QJsonValue v = n->toJson();
        if (!v.isString()) {
            // js-yaml types it; the Controller's schema then refuses a number or a boolean.
            error(*n, at(path, key), Tr::tr("must be a text: quote it (\"%1\").").arg(n->scalar));
            return std::nullopt;
        }
        if (required && n->scalar.trimmed().isEmpty()) {
            error(*n, at(path, key), Tr::tr("must not be empty."));
            return std::nullopt;
        }
        return n->scalar;
    }

    /// A whole number ≥ `min`.
    std::optional<qint64> integer(const Node &n, const QString &path, qint64 min, const QString &meaning)
    {
        const QJsonValue v = n.isScalar() ? n.toJson() : QJsonValue();
        const double d = v.toDouble(std::nan(""));
        if (!v.isDouble() || std::floor(d) != d) {
            if (n.isScalar() && !n.plain && plainIsInteger(n.scalar))
                error(n, path, Tr::tr("must be a number, not a quoted text: write %1 without quotes.").arg(n.scalar));
            else
                error(n, path, Tr::tr("must be a whole number %1.").arg(meaning));
            return std::nullopt;
        }
        if (d < double(min)) {
            error(n, path, Tr::tr("must be a whole number %1.").arg(meaning));
            return std::nullopt;
        }
        return qint64(d);
    }

    std::optional<qint64> count(const Node &n, const QString &path)
    {
        return integer(n, path, -1, Tr::tr("≥ -1 (-1 = unlimited)"));
    }

    std::optional<qint64> size(const Node &n, const QString &path)
    {
        const qint64 bytes = n.isScalar() ? sizeInBytes(n.toJson()) : -2;
        if (bytes == -2) {
            error(n, path, Tr::tr("must be a size: bytes, or a number with k, m, g or t (1024-based, e.g. 256k, 1g), or -1 for unlimited."));
            return std::nullopt;
        }
        return bytes;
    }

    void boolean(const Node &n, const QString &path)
    {
        if (!n.isScalar() || !n.toJson().isBool())
            error(n, path, n.isScalar() && !n.plain
                               ? Tr::tr("must be true or false without quotes.")
                               : Tr::tr("must be true or false."));
    }

    void oneOf(const Node &n, const QString &path, const QStringList &allowed)
    {
        if (!n.isScalar() || !allowed.contains(n.scalar))
            error(n, path, Tr::tr("must be one of: %1.").arg(join(allowed)));
    }

    /// A list of texts; each checked by `each` (empty: fine, else the problem).
    void texts(const Node &n, const QString &path, const std::function<QString(const QString &)> &each = {})
    {
        if (!n.isSequence()) {
            error(n, path, Tr::tr("must be a list of texts."));
            return;
        }
        for (std::size_t i = 0; i < n.items.size(); ++i) {
            const Node &it = n.items.at(i);
            if (!it.isScalar() || !it.toJson().isString()) {
                error(it, item(path, i), Tr::tr("must be a text."));
                continue;
            }
            if (each) {
                const QString problem = each(it.scalar);
                if (!problem.isEmpty())
                    error(it, item(path, i), problem);
            }
        }
    }

    void subjects(const Node &n, const QString &path, bool queue)
    {
        texts(n, path, [queue](const QString &s) { return subjectProblem(s, queue); });
    }

    /// Keys of `map` outside `allowed`: an error (the Controller's schema refuses them) or a warning
    /// (ignored) by `refused`.
    void onlyKeys(const Node &map, const QString &path, const QStringList &allowed, bool refused,
                  const QString &hint = {})
    {
        for (const Node::Entry &e : map.entries) {
            if (allowed.contains(e.key))
                continue;
            const QString more = hint.isEmpty() ? QString() : u' ' + hint;
            if (refused)
                errorAtKey(e, at(path, e.key), Tr::tr("Field '%1' not allowed here; the Controller refuses it. Known fields: %2.%3")
                                                   .arg(e.key, join(allowed), more));
            else
                warnAtKey(e, at(path, e.key), Tr::tr("'%1' is not a field the Controller reads here; it is ignored.%2").arg(e.key, more));
        }
    }

    /// Warns when both the NATS-style and the JSON name of a field are set.
    void aliasPair(const Node &map, const QString &path, const QString &natsName, const QString &jsonName)
    {
        const Node::Entry *a = map.entry(natsName);
        const Node::Entry *b = map.entry(jsonName);
        if (a && b)
            warnAtKey(*a, at(path, natsName), Tr::tr("both '%1' and '%2' are set; the Controller uses '%2'.").arg(natsName, jsonName));
    }

    void responseTtl(const Node &n, const QString &path)
    {
        const std::optional<qint64> ttl = integer(n, path, 0, Tr::tr("≥ 0"));
        if (ttl && *ttl > 0 && *ttl < 1000000)
            warn(n, path, Tr::tr("%1 reaches the JWT unchanged and nats-server reads it as nanoseconds (%1 ns = %2 µs). "
                                 "For %1 milliseconds write %3.")
                              .arg(*ttl).arg(double(*ttl) / 1000.0).arg(*ttl * 1000000));
    }

    void notSetIsZero(const Node &map, const QString &path, const QStringList &anyOf, const QString &shown)
    {
        for (const QString &k : anyOf) {
            if (map.value(k))
                return;
        }
        add(Severity::Warning, map.line, map.column, at(path, shown),
            Tr::tr("not set: the JWT gets null, which nats-server reads as 0, not unlimited. Write -1 for unlimited."));
    }

    static bool plainIsInteger(const QString &s)
    {
        static const QRegularExpression re(S("^-?[0-9]+$"));
        return re.match(s).hasMatch();
    }

private:
    const Document &m_doc;
};

// ---- NATS rules ----------------------------------------------------------------------------------

/// pub/sub (allow, deny) and resp (max, ttl) of `perm`; `ownMap`: perm holds nothing else.
void checkPermissions(Checker &c, const Node &perm, const QString &path, bool withResp, bool refused,
                      bool ownMap = true)
{
    QStringList keys{S("pub"), S("sub")};
    if (withResp)
        keys << S("resp");
    if (ownMap)
        c.onlyKeys(perm, path, keys, refused);
    for (const QString &dir : {S("pub"), S("sub")}) {
        const Node *d = c.map(perm, path, dir, false);
        if (!d)
            continue;
        const QString p = Checker::at(path, dir);
        c.onlyKeys(*d, p, {S("allow"), S("deny")}, refused);
        for (const QString &which : {S("allow"), S("deny")}) {
            if (const Node *list = d->value(which))
                c.subjects(*list, Checker::at(p, which), dir == u"sub");
        }
    }
    if (withResp) {
        if (const Node *resp = c.map(perm, path, S("resp"), false)) {
            const QString p = Checker::at(path, S("resp"));
            c.onlyKeys(*resp, p, {S("max"), S("ttl")}, refused);
            if (const Node *m = resp->value(u"max"))
                c.integer(*m, Checker::at(p, S("max")), 0, Tr::tr("≥ 0"));
            if (const Node *t = resp->value(u"ttl"))
                c.responseTtl(*t, Checker::at(p, S("ttl")));
        }
    }
}

int checkImportsExports(Checker &c, const Node &spec, const QString &key, bool exports,
                        bool wildcardsAllowed)
{
    const Node *list = c.sequence(spec, QStringLiteral("spec"), key, false);
    if (!list)
        return 0;
    const QString path = QStringLiteral("spec.") + key;
    const QStringList known = exports
        ? QStringList{S("name"), S("subject"), S("type"), S("description"), S("info_url"), S("token_req"),
                      S("response_type"), S("response_threshold"), S("account_token_position"),
                      S("advertise"), S("revocations"), S("service_latency"), S("allow_trace")}
        : QStringList{S("name"), S("subject"), S("type"), S("account"), S("local_subject"), S("to"),
                      S("token"), S("share"), S("allow_trace")};
    for (std::size_t i = 0; i < list->items.size(); ++i) {
        const Node &it = list->items.at(i);
        const QString p = Checker::item(path, i);
        if (!it.isMap()) {
            c.error(it, p, exports ? Tr::tr("each export must be a map (name, subject, type, …).")
                                   : Tr::tr("each import must be a map (name, subject, type, account, …)."));
            continue;
        }
        // Passed to the JWT verbatim: nats-server ignores what jwt v2 does not know.
        c.onlyKeys(it, p, known, false, Tr::tr("(Passed to the JWT as written.)"));
        c.text(it, p, S("name"), false);
        if (const std::optional<QString> subject = c.text(it, p, S("subject"), true)) {
            const QString problem = subjectProblem(*subject);
            if (!problem.isEmpty())
                c.error(*it.value(u"subject"), Checker::at(p, S("subject")), problem);
            else if (exports && !wildcardsAllowed
                     && (subject->contains(u'*') || subject->contains(u'>')))
                c.error(*it.value(u"subject"), Checker::at(p, S("subject")),
                        Tr::tr("has a wildcard but the account's limits do not allow wildcard exports "
                               "(limits.wildcards is false): nats-server refuses the account."));
        }
        if (const Node *type = it.value(u"type"))
            c.oneOf(*type, Checker::at(p, S("type")), {S("stream"), S("service")});
        else
            c.error(it, Checker::at(p, S("type")), Tr::tr("is required: stream or service."));
        if (exports) {
            if (const Node *rt = it.value(u"response_type")) {
                c.oneOf(*rt, Checker::at(p, S("response_type")), {S("Singleton"), S("Stream"), S("Chunked")});
                if (it.text(u"type") == u"stream")
                    c.warn(*rt, Checker::at(p, S("response_type")), Tr::tr("only applies to service exports."));
            }
            if (const Node *tr = it.value(u"token_req"))
                c.boolean(*tr, Checker::at(p, S("token_req")));
            if (const Node *pos = it.value(u"account_token_position"))
                c.integer(*pos, Checker::at(p, S("account_token_position")), 0, Tr::tr("≥ 0"));
            if (const Node *adv = it.value(u"advertise"))
                c.boolean(*adv, Checker::at(p, S("advertise")));
        } else {
            if (const std::optional<QString> account = c.text(it, p, S("account"), true)) {
                const auto key = Nats::PublicKey::fromString(account->trimmed(), Nats::KeyKind::Account);
                if (!key)
                    c.error(*it.value(u"account"), Checker::at(p, S("account")),
                            Tr::tr("must be the exporting account's public key (56 characters starting with A, with a valid checksum): %1")
                                .arg(key.error().message));
            }
            for (const QString &k : {S("local_subject"), S("to")}) {
                if (const std::optional<QString> s = c.text(it, p, k, false)) {
                    const QString problem = subjectProblem(*s);
                    if (!problem.isEmpty())
                        c.error(*it.value(k), Checker::at(p, k), problem);
                }
            }
            if (it.value(u"to"))
                c.warn(*it.value(u"to"), Checker::at(p, S("to")), Tr::tr("'to' is deprecated in NATS JWTs; use local_subject."));
            if (const Node *share = it.value(u"share"))
                c.boolean(*share, Checker::at(p, S("share")));
        }
    }
    return int(list->items.size());
}

void checkAccountRule(Checker &c, const Node &spec)
{
    const QString path = QStringLiteral("spec");
    static const QStringList counts{S("maxConnections"), S("maxLeafNodeConnections"), S("maxExports"),
                                    S("maxImports"), S("maxSubscriptions"), S("streams"), S("consumer"),
                                    S("maxAckPending")};
    static const QStringList sizes{S("maxData"), S("maxMsgPayload"), S("memStorage"), S("diskStorage"),
                                   S("memMaxStreamBytes"), S("diskMaxStreamBytes")};
    static const QStringList bools{S("exportsAllowWildcards"), S("disallowBearer"), S("maxBytesRequired")};
    static const QStringList subjectLists{S("pubAllow"), S("pubDeny"), S("subAllow"), S("subDeny")};
    QStringList allowed{S("description"), S("infoUrl"), S("info_url"), S("respMax"), S("respTtl"),
                        S("responsePermissions"), S("imports"), S("exports"), S("tieredLimits"),
                        S("tiered_limits"), S("limits"), S("default_permissions"), S("jetstream"),
                        S("jetstreamEnabled")};
    allowed << counts << sizes << bools << subjectLists;
    c.onlyKeys(spec, path, allowed, true,
               spec.value(u"subs") || spec.value(u"payload")
                   ? Tr::tr("(Limits of an account rule go under limits: conn, subs, payload, …)")
                   : QString());

    c.text(spec, path, S("description"), false);
    c.text(spec, path, S("infoUrl"), false);
    c.text(spec, path, S("info_url"), false);
    c.aliasPair(spec, path, S("info_url"), S("infoUrl"));
    c.aliasPair(spec, path, S("tiered_limits"), S("tieredLimits"));
    for (const QString &k : {S("jetstream"), S("jetstreamEnabled")}) {
        if (const Node::Entry *e = spec.entry(k))
            c.warnAtKey(*e, Checker::at(path, k), Tr::tr("is read and dropped by the Controller: JetStream limits go under limits (mem_storage, disk_storage, streams, …)."));
    }
    for (const QString &k : counts) {
        if (const Node *n = spec.value(k))
            c.count(*n, Checker::at(path, k));
    }
    for (const QString &k : sizes) {
        if (const Node *n = spec.value(k))
            c.size(*n, Checker::at(path, k));
    }
    for (const QString &k : bools) {
        if (const Node *n = spec.value(k))
            c.boolean(*n, Checker::at(path, k));
    }
    for (const QString &k : subjectLists) {
        if (const Node *n = spec.value(k))
            c.subjects(*n, Checker::at(path, k), k.startsWith(u"sub"));
    }
    if (const Node *n = spec.value(u"respMax"))
        c.integer(*n, Checker::at(path, S("respMax")), 0, Tr::tr("≥ 0"));
    if (const Node *n = spec.value(u"respTtl"))
        c.responseTtl(*n, Checker::at(path, S("respTtl")));
    if (const Node::Entry *e = spec.entry(u"responsePermissions")) {
        c.warnAtKey(*e, Checker::at(path, e->key), Tr::tr("is stored by the Controller but never written into the account JWT."));
        if (!e->value.isMap() && !e->value.isNull())
            c.error(e->value, Checker::at(path, e->key), Tr::tr("must be a map (maxMsgs, expires)."));
    }
    for (const QString &k : {S("tieredLimits"), S("tiered_limits")}) {
        if (const Node *n = spec.value(k); n && !n->isMap() && !n->isNull())
            c.error(*n, Checker::at(path, k), Tr::tr("must be a map of tiers (it is copied into the JWT as limits.tiered_limits)."));
    }

    // limits (NATS-style names), with the JSON names as alternatives.
    struct Limit { const char *nats; const char *json; enum { Count, Size, Bool } type; };
    static const Limit limits[] = {
        {"conn", "maxConnections", Limit::Count},     {"leaf", "maxLeafNodeConnections", Limit::Count},
        {"subs", "maxSubscriptions", Limit::Count},   {"payload", "maxMsgPayload", Limit::Size},
        {"data", "maxData", Limit::Size},             {"imports", "maxImports", Limit::Count},
        {"exports", "maxExports", Limit::Count},      {"wildcards", "exportsAllowWildcards", Limit::Bool},
        {"disallow_bearer", "disallowBearer", Limit::Bool}, {"mem_storage", "memStorage", Limit::Size},
        {"disk_storage", "diskStorage", Limit::Size}, {"streams", "streams", Limit::Count},
        {"consumer", "consumer", Limit::Count},       {"max_ack_pending", "maxAckPending", Limit::Count},
        {"mem_max_stream_bytes", "memMaxStreamBytes", Limit::Size},
        {"disk_max_stream_bytes", "diskMaxStreamBytes", Limit::Size},
        {"max_bytes_required", "maxBytesRequired", Limit::Bool},
    };
    const Node *lim = c.map(spec, path, S("limits"), false);
    auto limitValue = [&](const Limit &l) -> std::pair<const Node *, QString> {
        if (const Node *n = spec.value(S(l.json)))
            return {n, Checker::at(path, S(l.json))};
        if (lim) {
            if (const Node *n = lim->value(S(l.nats)))
                return {n, QStringLiteral("spec.limits.") + S(l.nats)};
        }
        return {nullptr, {}};
    };
    if (lim) {
        QStringList known;
        for (const Limit &l : limits)
            known << S(l.nats);
        c.onlyKeys(*lim, QStringLiteral("spec.limits"), known, false);
        for (const Limit &l : limits) {
            const Node *n = lim->value(S(l.nats));
            if (!n)
                continue;
            const QString p = QStringLiteral("spec.limits.") + S(l.nats);
            if (spec.value(S(l.json)))
                c.warn(*n, p, Tr::tr("spec.%1 is set too; the Controller uses spec.%1.").arg(S(l.json)));
            else if (l.type == Limit::Count)
                c.count(*n, p);
            else if (l.type == Limit::Size)
                c.size(*n, p);
            else
                c.boolean(*n, p);
        }
    }
    // Unset core limits reach the JWT as null, which nats-server reads as 0.
    for (const char *k : {"conn", "subs", "payload", "data"}) {
        for (const Limit &l : limits) {
            if (qstrcmp(l.nats, k) == 0 && !limitValue(l).first)
                c.notSetIsZero(lim ? *lim : spec, QStringLiteral("spec.limits"), {S(l.nats)}, S(l.nats));
        }
    }

    // default_permissions
    if (const Node *perm = c.map(spec, path, S("default_permissions"), false))
        checkPermissions(c, *perm, QStringLiteral("spec.default_permissions"), true, false);

    // imports / exports against the limits as nats-server reads them (absent = 0).
    bool wildcards = true; // the Controller's default for exportsAllowWildcards
    {
        const Limit &w = limits[7];
        if (const Node *n = limitValue(w).first; n && n->toJson().isBool())
            wildcards = n->toJson().toBool();
    }
    const int exportCount = checkImportsExports(c, spec, S("exports"), true, wildcards);
    const int importCount = checkImportsExports(c, spec, S("imports"), false, wildcards);
    for (const auto &[count, limit, word] : {std::tuple{exportCount, &limits[6], Tr::tr("exports")},
                                             std::tuple{importCount, &limits[5], Tr::tr("imports")}}) {
        if (count == 0)
            continue;
        const auto [n, p] = limitValue(*limit);
        const qint64 max = n ? qint64(n->toJson().toDouble(0)) : 0;
        if (max >= 0 && count > max) {
            const Node &where = *spec.value(limit == &limits[6] ? u"exports" : u"imports");
            c.error(where, QStringLiteral("spec.") + (limit == &limits[6] ? S("exports") : S("imports")),
                    n ? Tr::tr("%1 %2 but the limit is %3: nats-server refuses the account. Raise limits.%4 or set it to -1.")
                            .arg(count).arg(word).arg(max).arg(S(limit->nats))
                      : Tr::tr("%1 %2 but limits.%3 is not set, which nats-server reads as 0 and refuses the account. Set limits.%3 to -1 or at least %1.")
                            .arg(count).arg(word, S(limit->nats)));
        }
    }
}

void checkUserRule(Checker &c, const Node &spec)
{
    const QString path = QStringLiteral("spec");
    const QStringList allowed{S("description"), S("maxSubscriptions"), S("subs"), S("maxPayload"), S("payload"),
                              S("maxData"), S("bearerToken"), S("bearer_token"), S("proxyRequired"),
                              S("proxy_required"), S("allowedConnectionTypes"), S("allowed_connection_types"),
                              S("src"), S("times"), S("timesLocation"), S("times_location"), S("respMax"),
                              S("respTtl"), S("resp"), S("pubAllow"), S("pubDeny"), S("subAllow"),
                              S("subDeny"), S("pub"), S("sub"), S("tags")};
    // Two names the Controller maps but then refuses (controller-api.md §4.3).
    if (const Node::Entry *e = spec.entry(u"data"))
        c.errorAtKey(*e, QStringLiteral("spec.data"), Tr::tr("Field 'data' not allowed: the Controller refuses it in a user rule. Write maxData."));
    if (const Node::Entry *e = spec.entry(u"locale"))
        c.errorAtKey(*e, QStringLiteral("spec.locale"), Tr::tr("Field 'locale' not allowed: the Controller refuses it. Write times_location."));
    QStringList withRefused = allowed;
    withRefused << S("data") << S("locale");
    c.onlyKeys(spec, path, withRefused, true,
               spec.value(u"limits") ? Tr::tr("(A user rule has its limits directly in spec: subs, payload, maxData.)") : QString());

    c.text(spec, path, S("description"), false);
    for (const auto &[nats, json] : {std::pair{S("subs"), S("maxSubscriptions")}, std::pair{S("payload"), S("maxPayload")},
                                     std::pair{S("bearer_token"), S("bearerToken")}, std::pair{S("proxy_required"), S("proxyRequired")},
                                     std::pair{S("allowed_connection_types"), S("allowedConnectionTypes")},
                                     std::pair{S("times_location"), S("timesLocation")}})
        c.aliasPair(spec, path, nats, json);
    for (const QString &k : {S("subs"), S("maxSubscriptions")}) {
        if (const Node *n = spec.value(k))
            c.count(*n, Checker::at(path, k));
    }
    for (const QString &k : {S("payload"), S("maxPayload"), S("maxData")}) {
        if (const Node *n = spec.value(k))
            c.size(*n, Checker::at(path, k));
    }
    for (const QString &k : {S("bearer_token"), S("bearerToken"), S("proxy_required"), S("proxyRequired")}) {
        if (const Node *n = spec.value(k))
            c.boolean(*n, Checker::at(path, k));
    }
    for (const QString &k : {S("allowed_connection_types"), S("allowedConnectionTypes")}) {
        if (const Node *n = spec.value(k)) {
            c.texts(*n, Checker::at(path, k), [](const QString &t) {
                return connectionTypes().contains(t) ? QString()
                                                     : Tr::tr("is not a connection type; one of: %1.").arg(join(connectionTypes()));
            });
        }
    }
    if (const Node *n = spec.value(u"src")) {
        c.texts(*n, QStringLiteral("spec.src"), [](const QString &cidr) {
            return Nats::isValidCidr(cidr) ? QString()
                                           : Tr::tr("is not a network in CIDR form (e.g. 10.20.0.0/16 or ::1/128).");
        });
    }
    if (const Node *times = c.sequence(spec, path, S("times"), false)) {
        for (std::size_t i = 0; i < times->items.size(); ++i) {
            const Node &w = times->items.at(i);
            const QString p = Checker::item(QStringLiteral("spec.times"), i);
            if (!w.isMap()) {
                c.error(w, p, Tr::tr("each time window must be a map: {start: \"HH:MM:SS\", end: \"HH:MM:SS\"}."));
                continue;
            }
            c.onlyKeys(w, p, {S("start"), S("end")}, false);
            for (const QString &k : {S("start"), S("end")}) {
                const Node *t = w.value(k);
                if (!t) {
                    c.error(w, Checker::at(p, k), Tr::tr("is required (HH:MM:SS)."));
                } else if (!t->isScalar() || !Nats::isValidClockTime(t->scalar)) {
                    // An unquoted 06:00:00 is text in js-yaml's core schema too; only the form matters.
                    c.error(*t, Checker::at(p, k), Tr::tr("must be a time of day as HH:MM:SS (00:00:00 to 23:59:59)."));
                }
            }
        }
    }
    for (const QString &k : {S("times_location"), S("timesLocation")}) {
        if (const std::optional<QString> zone = c.text(spec, path, k, false)) {
            if (!Nats::isKnownTimeZone(*zone))
                c.error(*spec.value(k), Checker::at(path, k), Tr::tr("'%1' is not an IANA time zone (e.g. Europe/Istanbul, UTC).").arg(*zone));
        }
    }
    if (spec.value(u"times_location") || spec.value(u"timesLocation")) {
        if (!spec.value(u"times"))
            c.warn(spec.value(u"times_location") ? *spec.value(u"times_location") : *spec.value(u"timesLocation"),
                   QStringLiteral("spec.times_location"), Tr::tr("has no effect without times."));
    }
    if (const Node *n = spec.value(u"respMax"))
        c.integer(*n, QStringLiteral("spec.respMax"), 0, Tr::tr("≥ 0"));
    if (const Node *n = spec.value(u"respTtl"))
        c.responseTtl(*n, QStringLiteral("spec.respTtl"));
    for (const QString &k : {S("pubAllow"), S("pubDeny"), S("subAllow"), S("subDeny")}) {
        if (const Node *n = spec.value(k))
            c.subjects(*n, Checker::at(path, k), k.startsWith(u"sub"));
    }
    checkPermissions(c, spec, path, true, true, false); // pub, sub, resp directly in spec
    if (const Node *n = spec.value(u"tags"))
        c.texts(*n, QStringLiteral("spec.tags"));
    for (const auto &[nats, json] : {std::pair{S("subs"), S("maxSubscriptions")}, std::pair{S("payload"), S("maxPayload")}}) {
        if (!spec.value(nats) && !spec.value(json))
            c.notSetIsZero(spec, path, {nats, json}, nats);
    }
    if (!spec.value(u"maxData"))
        c.notSetIsZero(spec, path, {S("maxData")}, S("maxData"));
}

// ---- RBAC ----------------------------------------------------------------------------------------

void checkObjectName(Checker &c, const Node &at, const QString &path, const QString &name)
{
    if (name.size() > 255 || !objectNamePattern().match(name).hasMatch())
        c.error(at, path, Tr::tr("'%1' is not a valid name: lower-case letters, digits, '-' and '.', "
                                 "starting and ending with a letter or digit, at most 255 characters.").arg(name));
}

void checkRoleRef(Checker &c, const Node &root)
{
    const Node *ref = c.map(root, {}, S("roleRef"), true);
    if (!ref)
        return;
    c.onlyKeys(*ref, S("roleRef"), {S("kind"), S("name"), S("apiGroup")}, true);
    if (const Node *k = ref->value(u"kind"))
        c.oneOf(*k, S("roleRef.kind"), {S("Role")});
    else
        c.error(*ref, S("roleRef.kind"), Tr::tr("is required (Role)."));
    c.text(*ref, S("roleRef"), S("name"), true);
    c.text(*ref, S("roleRef"), S("apiGroup"), false);
}

void checkRole(Checker &c, const Node &root)
{
    c.onlyKeys(root, {}, {S("apiVersion"), S("kind"), S("metadata"), S("rules")}, false);
    const Node *rules = c.sequence(root, {}, S("rules"), true, 1);
    if (!rules)
        return;
    static const QStringList verbs{S("get"), S("list"), S("create"), S("update"), S("patch"), S("delete"), S("*")};
    for (std::size_t i = 0; i < rules->items.size(); ++i) {
        const Node &r = rules->items.at(i);
        const QString p = Checker::item(S("rules"), i);
        if (!r.isMap()) {
            c.error(r, p, Tr::tr("each rule must be a map (apiGroups, resources, verbs)."));
            continue;
        }
        c.onlyKeys(r, p, {S("apiGroups"), S("resources"), S("verbs"), S("resourceNames")}, true);
        if (const Node *g = c.sequence(r, p, S("apiGroups"), true, 1))
            c.texts(*g, Checker::at(p, S("apiGroups")));
        if (const Node *res = c.sequence(r, p, S("resources"), true, 1))
            c.texts(*res, Checker::at(p, S("resources")), [](const QString &s) {
                return s.isEmpty() ? Tr::tr("must not be empty.") : QString();
            });
        if (const Node *v = c.sequence(r, p, S("verbs"), true, 1))
            c.texts(*v, Checker::at(p, S("verbs")), [](const QString &s) {
                return verbs.contains(s) ? QString() : Tr::tr("'%1' is not a verb; one of: %2.").arg(s, join(verbs));
            });
        if (const Node *n = r.value(u"resourceNames"))
            c.texts(*n, Checker::at(p, S("resourceNames")));
    }
}

void checkRoleBinding(Checker &c, const Node &root)
{
    c.onlyKeys(root, {}, {S("apiVersion"), S("kind"), S("metadata"), S("roleRef"), S("subjects")}, false);
    checkRoleRef(c, root);
    const Node *subjects = c.sequence(root, {}, S("subjects"), true, 1);
    if (!subjects)
        return;
    for (std::size_t i = 0; i < subjects->items.size(); ++i) {
        const Node &s = subjects->items.at(i);
        const QString p = Checker::item(S("subjects"), i);
        if (!s.isMap()) {
            c.error(s, p, Tr::tr("each subject must be a map (kind, name)."));
            continue;
        }
        c.onlyKeys(s, p, {S("kind"), S("name"), S("apiGroup")}, true);
        if (const Node *k = s.value(u"kind"))
            c.oneOf(*k, Checker::at(p, S("kind")), {S("User"), S("Group"), S("ServiceAccount")});
        else
            c.error(s, Checker::at(p, S("kind")), Tr::tr("is required: User, Group or ServiceAccount."));
        const std::optional<QString> name = c.text(s, p, S("name"), true);
        if (name && s.text(u"kind") == u"Group" && *name != name->toLower())
            c.warn(*s.value(u"name"), Checker::at(p, S("name")),
                   Tr::tr("group names are compared in lower case: '%1' never matches; write '%2'.").arg(*name, name->toLower()));
        c.text(s, p, S("apiGroup"), false);
    }
}

void checkServiceAccount(Checker &c, const Node &root, const Node *metadata)
{
    c.onlyKeys(root, {}, {S("apiVersion"), S("kind"), S("metadata"), S("roleRef")}, false);
    if (metadata) {
        if (const std::optional<QString> app = c.text(*metadata, S("metadata"), S("applicationName"), true))
            checkObjectName(c, *metadata->value(u"applicationName"), S("metadata.applicationName"), *app);
    }
    checkRoleRef(c, root);
}

// ---- certificates --------------------------------------------------------------------------------

void checkExpiration(Checker &c, const Node &spec)
{
    const Node *n = spec.value(u"expiration");
    if (!n)
        return;
    const std::optional<qint64> e = c.integer(*n, S("spec.expiration"), 0, Tr::tr("≥ 0 (months below 1000, milliseconds from 1000)"));
    if (e && *e >= 1000 && *e < 86400000)
        c.warn(*n, S("spec.expiration"), Tr::tr("from 1000 on the Controller reads milliseconds: %1 is less than a day. For months write a number below 1000.").arg(*e));
}

void checkCertificate(Checker &c, const Node &spec)
{
    c.onlyKeys(spec, S("spec"), {S("subject"), S("hosts"), S("expiration"), S("ca")}, true);
    if (const std::optional<QString> subject = c.text(spec, S("spec"), S("subject"), true)) {
        const QString cn = subject->startsWith(u"/CN=") ? subject->mid(4) : *subject;
        if (cn.contains(u'=') || cn.contains(u','))
            c.warn(*spec.value(u"subject"), S("spec.subject"),
                   Tr::tr("the Controller removes only a leading /CN= and makes the rest the common name, "
                          "which will read '%1'. Write the plain name or /CN=name.").arg(cn));
    }
    if (const std::optional<QString> hosts = c.text(spec, S("spec"), S("hosts"), true)) {
        const QStringList parts = hosts->split(u',');
        for (const QString &h : parts) {
            if (h.trimmed().isEmpty()) {
                c.error(*spec.value(u"hosts"), S("spec.hosts"), Tr::tr("has an empty entry: host names and IP addresses separated by commas."));
                break;
            }
            if (h.trimmed().contains(u' ')) {
                c.error(*spec.value(u"hosts"), S("spec.hosts"), Tr::tr("'%1' has a space: separate hosts with commas.").arg(h.trimmed()));
                break;
            }
        }
    }
    checkExpiration(c, spec);
    const Node *ca = c.map(spec, S("spec"), S("ca"), true);
    if (!ca)
        return;
    c.onlyKeys(*ca, S("spec.ca"), {S("type"), S("secretName")}, true);
    if (const Node *t = ca->value(u"type")) {
        c.oneOf(*t, S("spec.ca.type"), {S("direct"), S("self-signed"), S("k8s-secret")});
        if (t->scalar != u"self-signed")
            c.text(*ca, S("spec.ca"), S("secretName"), true);
    } else {
        c.error(*ca, S("spec.ca.type"), Tr::tr("is required: direct, self-signed or k8s-secret (without it the Controller answers 500)."));
    }
}

void checkCertificateAuthority(Checker &c, const Node &spec)
{
    c.onlyKeys(spec, S("spec"), {S("type"), S("subject"), S("expiration"), S("secretName")}, true);
    const Node *t = spec.value(u"type");
    if (!t) {
        c.error(spec, S("spec.type"), Tr::tr("is required: self-signed, direct or k8s-secret."));
        return;
    }
    c.oneOf(*t, S("spec.type"), {S("self-signed"), S("direct"), S("k8s-secret")});
    if (t->scalar == u"self-signed") {
        c.text(spec, S("spec"), S("subject"), true);
        if (!spec.value(u"expiration"))
            c.error(spec, S("spec.expiration"), Tr::tr("is required for a self-signed CA (months below 1000)."));
        checkExpiration(c, spec);
    } else {
        c.text(spec, S("spec"), S("secretName"), true);
    }
}

// ---- other kinds: structure ----------------------------------------------------------------------

void checkSecret(Checker &c, const Node &root)
{
    if (const Node *t = root.value(u"type"))
        c.oneOf(*t, S("type"), {S("Opaque"), S("tls")});
    else
        c.error(root, S("type"), Tr::tr("is required: Opaque or tls."));
    const Node *data = c.map(root, {}, S("data"), true);
    const Node *spec = c.map(root, {}, S("spec"), true);
    if (spec) {
        if (const Node *t = spec->value(u"type")) {
            c.oneOf(*t, S("spec.type"), {S("Opaque"), S("tls")});
            if (root.value(u"type") && root.text(u"type") != t->scalar)
                c.error(*t, S("spec.type"), Tr::tr("differs from type (%1): give both the same.").arg(root.text(u"type")));
        } else {
            c.error(*spec, S("spec.type"), Tr::tr("is required too: the Controller reads the type of a new secret from spec.type."));
        }
    } else if (!root.value(u"spec")) {
        // Refused by the Controller with "Cannot read properties of undefined (reading 'type')".
    }
    if (data && root.text(u"type") == u"tls") {
        for (const char *k : {"tls.crt", "tls.key"}) {
            if (!data->value(S(k)))
                c.warn(*data, QStringLiteral("data.") + S(k), Tr::tr("a tls secret usually has %1.").arg(S(k)));
        }
    }
    if (data) {
        for (const Node::Entry &e : data->entries) {
            if (!e.value.isScalar())
                c.error(e.value, QStringLiteral("data.") + e.key, Tr::tr("must be a text value."));
        }
    }
}

void checkConfigMap(Checker &c, const Node &root)
{
    const Node *data = c.map(root, {}, S("data"), true);
    if (data) {
        for (const Node::Entry &e : data->entries) {
            if (!e.value.isScalar())
                c.error(e.value, QStringLiteral("data.") + e.key, Tr::tr("must be a text value."));
        }
    }
    if (const Node *spec = c.map(root, {}, S("spec"), true)) {
        c.onlyKeys(*spec, S("spec"), {S("immutable"), S("useVault")}, false);
        for (const QString &k : {S("immutable"), S("useVault")}) {
            if (const Node *n = spec->value(k))
                c.boolean(*n, Checker::at(S("spec"), k));
        }
    }
}

void checkVolumeMount(Checker &c, const Node &root)
{
    const Node *spec = c.map(root, {}, S("spec"), true);
    if (!spec)
        return;
    const bool secret = spec->value(u"secretName");
    const bool configMap = spec->value(u"configMapName");
    if (secret == configMap)
        c.error(*spec, S("spec"), Tr::tr("needs exactly one of secretName and configMapName."));
    c.text(*spec, S("spec"), S("secretName"), false);
    c.text(*spec, S("spec"), S("configMapName"), false);
}

void checkService(Checker &c, const Node &root)
{
    const Node *spec = c.map(root, {}, S("spec"), true);
    if (!spec)
        return;
    c.text(*spec, S("spec"), S("type"), true);
    c.text(*spec, S("spec"), S("resource"), true);
    if (const Node *p = spec->value(u"targetPort"))
        c.integer(*p, S("spec.targetPort"), 1, Tr::tr("from 1 to 65535"));
}

void checkMicroserviceSpec(Checker &c, const Node &ms, const QString &path, bool named)
{
    if (named)
        c.text(ms, path, S("name"), true);
    if (const Node *agent = c.map(ms, path, S("agent"), false))
        c.text(*agent, Checker::at(path, S("agent")), S("name"), true);
    if (const Node *images = c.map(ms, path, S("images"), true)) {
        const QString p = Checker::at(path, S("images"));
        if (!images->value(u"x86") && !images->value(u"arm") && !images->value(u"catalogItemId"))
            c.error(*images, p, Tr::tr("needs an image: x86, arm or catalogItemId."));
    }
    c.map(ms, path, S("container"), false);
    if (const Node *nats = c.map(ms, path, S("natsConfig"), false)) {
        if (const Node *a = nats->value(u"natsAccess"))
            c.boolean(*a, Checker::at(path, S("natsConfig.natsAccess")));
        c.text(*nats, Checker::at(path, S("natsConfig")), S("natsRule"), false);
    }
}

void checkApplication(Checker &c, const Node &root)
{
    const Node *spec = c.map(root, {}, S("spec"), true);
    if (!spec)
        return;
    if (const Node *nats = c.map(*spec, S("spec"), S("natsConfig"), false)) {
        if (const Node *a = nats->value(u"natsAccess"))
            c.boolean(*a, S("spec.natsConfig.natsAccess"));
        c.text(*nats, S("spec.natsConfig"), S("natsRule"), false);
    }
    if (const Node *list = c.sequence(*spec, S("spec"), S("microservices"), false)) {
        for (std::size_t i = 0; i < list->items.size(); ++i) {
            const Node &ms = list->items.at(i);
            const QString p = Checker::item(S("spec.microservices"), i);
            if (!ms.isMap())
                c.error(ms, p, Tr::tr("each microservice must be a map (name, agent, images, container)."));
            else
                checkMicroserviceSpec(c, ms, p, true);
        }
    }
}

} // namespace

const QList<KindInfo> &kinds()
{
    static const QList<KindInfo> list = {
        {S("CertificateAuthority"), "certificate", S("/certificates/yaml"), {}, {}, true},
        {S("Certificate"), "certificate", S("/certificates/yaml"), {}, {}, true},
        {S("Secret"), "secret", S("/secrets/yaml"), S("/secrets/yaml/{name}"), "PATCH", false},
        {S("ConfigMap"), "configMap", S("/configmaps/yaml"), S("/configmaps/yaml/{name}"), "PATCH", false},
        {S("VolumeMount"), "volumeMount", S("/volumeMounts/yaml"), S("/volumeMounts/yaml/{name}"), "PATCH", false},
        {S("NatsAccountRule"), "natsAccountRule", S("/nats/account-rules/yaml"), S("/nats/account-rules/yaml/{name}"), "PATCH", true},
        {S("NatsUserRule"), "natsUserRule", S("/nats/user-rules/yaml"), S("/nats/user-rules/yaml/{name}"), "PATCH", true},
        {S("Role"), "role", S("/roles/yaml"), S("/roles/yaml/{name}"), "PATCH", true},
        {S("Service"), "service", S("/services/yaml"), S("/services/yaml/{name}"), "PATCH", false},
        {S("ApplicationTemplate"), "template", S("/applicationTemplate/yaml"), S("/applicationTemplate/yaml/{name}"), "PUT", false},
        {S("Application"), "application", S("/application/yaml"), S("/application/yaml/{name}"), "PUT", false},
        {S("Microservice"), "microservice", S("/microservices/yaml"), S("/microservices/yaml/{uuid}"), "PATCH", false},
        {S("ServiceAccount"), "serviceaccount", S("/serviceaccounts/yaml"), S("/serviceaccounts/yaml/{applicationName}/{name}"), "PATCH", true},
        {S("RoleBinding"), "rolebinding", S("/rolebindings/yaml"), S("/rolebindings/yaml/{name}"), "PATCH", true},
    };
    return list;
}

const KindInfo *kindInfo(const QString &kind)
{
    for (const KindInfo &k : kinds()) {
        if (k.kind == kind)
            return &k;
    }
    return nullptr;
}

bool isReservedRuleName(const QString &name)
{
    static const QStringList reserved{S("default-system-account"), S("default-account"), S("default-user"),
                                      S("default-mqtt-user"), S("default-leaf-user")};
    return reserved.contains(name);
}

QString subjectProblem(const QString &input, bool queue)
{
    QString subject = input;
    if (queue) {
        const QStringList parts = input.split(u' ', Qt::SkipEmptyParts);
        if (parts.size() == 2)
            subject = parts.first();
        else if (parts.size() > 2)
            return Tr::tr("'%1' has more than a subject and a queue group.").arg(input);
    }
    if (subject.isEmpty())
        return Tr::tr("a subject must not be empty.");
    for (const QChar ch : subject) {
        if (ch.isSpace())
            return queue ? Tr::tr("'%1' has a space: a subject, optionally followed by one queue group.").arg(input)
                         : Tr::tr("'%1' has a space; subjects have none.").arg(input);
    }
    const QStringList tokens = subject.split(u'.');
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const QString &t = tokens.at(i);
        if (t.isEmpty())
            return Tr::tr("'%1' has an empty token (two dots in a row, or a dot at the start or end): it never matches.").arg(subject);
        if (t == u">" && i != tokens.size() - 1)
            return Tr::tr("'%1': '>' matches the rest of a subject and must be its last token.").arg(subject);
        if (t.size() > 1 && (t.contains(u'*') || t.contains(u'>')))
            return Tr::tr("'%1': '%2' mixes a wildcard with other characters; '*' and '>' work only as whole tokens.").arg(subject, t);
    }
    return {};
}

qint64 sizeInBytes(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (std::floor(d) != d || d < -1 || d > 9e18)
            return -2;
        return qint64(d);
    }
    if (!value.isString())
        return -2;
    const QString s = value.toString();
    if (!sizePattern().match(s).hasMatch())
        return -2;
    if (s == u"-1")
        return -1;
    qint64 factor = 1;
    QString digits = s;
    switch (s.back().toLower().unicode()) {
    case 'k': factor = 1LL << 10; break;
    case 'm': factor = 1LL << 20; break;
    case 'g': factor = 1LL << 30; break;
    case 't': factor = 1LL << 40; break;
    default: break;
    }
    if (factor > 1)
        digits.chop(1);
    bool ok = false;
    const qint64 n = digits.toLongLong(&ok);
    if (!ok || n > std::numeric_limits<qint64>::max() / factor)
        return -2;
    return n * factor;
}

QList<Problem> validate(const Document &doc)
{
    Checker c(doc);
    const Node &root = doc.root;
    if (!root.isMap()) {
        c.error(root, {}, Tr::tr("A manifest must be a map with apiVersion, kind, metadata and (for most kinds) spec."));
        return c.problems;
    }
    // apiVersion: ignored by the Controller 3.7.3, checked by potctl and later Controllers.
    if (const Node *v = root.value(u"apiVersion")) {
        if (!v->isScalar() || !apiVersions().contains(v->scalar))
            c.warn(*v, S("apiVersion"), Tr::tr("should be %1; the Controller 3.7.3 ignores it, potctl refuses other values.").arg(join(apiVersions())));
    } else {
        c.add(Severity::Warning, root.line, root.column, S("apiVersion"),
              Tr::tr("is missing; write apiVersion: datasance.com/v3 (potctl needs it)."));
    }
    const Node *kindNode = root.value(u"kind");
    if (!kindNode || !kindNode->isScalar() || kindNode->scalar.isEmpty()) {
        c.error(kindNode ? *kindNode : root, S("kind"), Tr::tr("is required: one of %1.").arg([] {
                    QStringList names;
                    for (const KindInfo &k : kinds())
                        names << k.kind;
                    return join(names);
                }()));
        return c.problems;
    }
    const QString kind = kindNode->scalar;
    const KindInfo *info = kindInfo(kind);
    if (!info) {
        QStringList names;
        QString near;
        for (const KindInfo &k : kinds()) {
            names << k.kind;
            if (k.kind.compare(kind, Qt::CaseInsensitive) == 0)
                near = k.kind;
        }
        c.error(*kindNode, S("kind"), near.isEmpty() ? Tr::tr("'%1' is not a kind the Controller takes: one of %2.").arg(kind, join(names))
                                                     : Tr::tr("'%1' is not a kind; the Controller compares exactly: write %2.").arg(kind, near));
        return c.problems;
    }

    const Node *metadata = c.map(root, {}, S("metadata"), true);
    if (metadata) {
        if (const std::optional<QString> name = c.text(*metadata, S("metadata"), S("name"), true)) {
            const Node &at = *metadata->value(u"name");
            if (kind == u"NatsAccountRule" || kind == u"NatsUserRule") {
                if (name->size() > 255)
                    c.error(at, S("metadata.name"), Tr::tr("is longer than 255 characters."));
                if (isReservedRuleName(*name))
                    c.error(at, S("metadata.name"), Tr::tr("Rule %1 is reserved and immutable: the Controller keeps it for itself. Copy it under another name.").arg(*name));
            } else if (kind == u"Role" || kind == u"RoleBinding" || kind == u"ServiceAccount") {
                checkObjectName(c, at, S("metadata.name"), *name);
            } else if (kind == u"Microservice") {
                if (name->count(u'/') > 1)
                    c.error(at, S("metadata.name"), Tr::tr("must be a name or <application>/<name>."));
            } else if (name->trimmed() != *name) {
                c.error(at, S("metadata.name"), Tr::tr("must not start or end with a space."));
            }
        }
    }

    const bool needsSpec = kind != u"Role" && kind != u"RoleBinding" && kind != u"ServiceAccount";
    const Node *spec = needsSpec && kind != u"Secret" && kind != u"ConfigMap" && kind != u"VolumeMount"
                               && kind != u"Service" && kind != u"Application"
                           ? c.map(root, {}, S("spec"), true)
                           : nullptr;
    if (kind == u"NatsAccountRule" && spec)
        checkAccountRule(c, *spec);
    else if (kind == u"NatsUserRule" && spec)
        checkUserRule(c, *spec);
    else if (kind == u"Certificate" && spec)
        checkCertificate(c, *spec);
    else if (kind == u"CertificateAuthority" && spec)
        checkCertificateAuthority(c, *spec);
    else if (kind == u"Role")
        checkRole(c, root);
    else if (kind == u"RoleBinding")
        checkRoleBinding(c, root);
    else if (kind == u"ServiceAccount")
        checkServiceAccount(c, root, metadata);
    else if (kind == u"Secret")
        checkSecret(c, root);
    else if (kind == u"ConfigMap")
        checkConfigMap(c, root);
    else if (kind == u"VolumeMount")
        checkVolumeMount(c, root);
    else if (kind == u"Service")
        checkService(c, root);
    else if (kind == u"Application")
        checkApplication(c, root);
    else if (kind == u"Microservice" && spec)
        checkMicroserviceSpec(c, *spec, S("spec"), false);
    return c.problems;
}

bool Checked::hasErrors() const
{
    return errorCount() > 0;
}

int Checked::errorCount() const
{
    return int(std::count_if(problems.begin(), problems.end(), [](const Problem &p) { return p.isError(); }));
}

int Checked::warningCount() const
{
    return int(problems.size()) - errorCount();
}

Checked check(const QByteArray &text, const QString &expectedKind)
{
    Parsed parsed = parse(text);
    Checked checked;
    checked.problems = std::move(parsed.problems);
    for (const Document &d : parsed.documents) {
        const QString kind = d.kind();
        // One kind, or several a route takes, separated by "|".
        const QStringList expected = expectedKind.split(u'|', Qt::SkipEmptyParts);
        if (!expected.isEmpty() && !kind.isEmpty() && !expected.contains(kind)) {
            // The Controller's own words (400 ValidationError of the /yaml endpoints).
            const Node *at = d.root.value(u"kind");
            checked.problems << Problem{d.index, at->line, at->column, Severity::Error, S("kind"),
                                        Tr::tr("Invalid kind %1, expected %2")
                                            .arg(kind, expected.join(Tr::tr(" or ")))};
            continue;
        }
        checked.problems << validate(d);
    }
    checked.documents = std::move(parsed.documents);
    std::stable_sort(checked.problems.begin(), checked.problems.end(), [](const Problem &a, const Problem &b) {
        return std::tie(a.document, a.line, a.column) < std::tie(b.document, b.line, b.column);
    });
    return checked;
}

} // namespace Pot::Manifest
