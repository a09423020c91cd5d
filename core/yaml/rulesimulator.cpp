#include "rulesimulator.h"

#include "core/tr.h"
#include "core/yaml/manifestcheck.h"
#include "core/yaml/manifestdiff.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Pot::Manifest {

namespace {

QString S(const char *s)
{
    return QString::fromLatin1(s);
}

QString q(const QString &s)
{
    return u'"' + s + u'"';
}

// nats-server: the queue group it keeps for itself (client.go sysGroup) and the gateway reply
// prefix no client may publish to (hasGWRoutedReplyPrefix).
constexpr auto kSysGroup = u"_sys_";
constexpr auto kGatewayReplyPrefix = u"$GNR.";

// nats-server's defaults for a response permission of 0 (const.go).
constexpr qint64 kDefaultResponseMax = 1;
constexpr qint64 kDefaultResponseTtlNs = 2LL * 60 * 1000 * 1000 * 1000;

/// A permission field as the Controller reads it: the JSON name directly in spec wins over the
/// NATS-style place (pub.allow, resp.max; under default_permissions in an account rule), as
/// modelOf() maps it.
struct Located
{
    const Node *node = nullptr;
    QString path;
};

Located locate(const Node &spec, const Node *natsBase, const QString &natsPath, const QString &json,
               const QString &group, const QString &key)
{
    if (const Node *n = spec.value(json))
        return {n, S("spec.") + json};
    if (natsBase && natsBase->isMap()) {
        if (const Node *g = natsBase->value(group); g && g->isMap()) {
            if (const Node *n = g->value(key))
                return {n, natsPath + u'.' + group + u'.' + key};
        }
    }
    return {};
}

QString listText(const QJsonArray &list)
{
    QStringList items;
    for (const QJsonValue &v : list)
        items << v.toString();
    return u'[' + items.join(QStringLiteral(", ")) + u']';
}

QString duration(qint64 ns)
{
    if (ns % 1000000000LL == 0)
        return QStringLiteral("%1 s").arg(ns / 1000000000LL);
    if (ns % 1000000LL == 0)
        return QStringLiteral("%1 ms").arg(ns / 1000000LL);
    if (ns % 1000LL == 0)
        return QStringLiteral("%1 µs").arg(ns / 1000LL);
    return QStringLiteral("%1 ns").arg(ns);
}

/// One rule's permission fields with their places.
struct RuleLists
{
    bool account = false;
    bool pubAllowSet = false; ///< pubAllow given as a list (possibly empty)
    QList<RuleEntry> pubAllow, pubDeny, subAllow, subDeny;
    std::optional<RuleEntry> pubAllowList, subAllowList;
    std::optional<UserPermissions::Responses> responses;
};

RuleLists listsOf(const Document &doc, bool account)
{
    RuleLists r;
    r.account = account;
    static const Node none;
    const Node *specNode = doc.root.value(u"spec");
    const Node &spec = specNode ? *specNode : none;
    const Node *natsBase = account ? spec.value(u"default_permissions") : &spec;
    const QString natsPath = account ? S("spec.default_permissions") : S("spec");
    const QJsonObject model = modelOf(doc);

    const struct { const char *json, *group, *key; QList<RuleEntry> RuleLists::*list; } fields[] = {
        {"pubAllow", "pub", "allow", &RuleLists::pubAllow}, {"pubDeny", "pub", "deny", &RuleLists::pubDeny},
        {"subAllow", "sub", "allow", &RuleLists::subAllow}, {"subDeny", "sub", "deny", &RuleLists::subDeny}};
    for (const auto &f : fields) {
        const QString field = S(f.json);
        const QJsonValue value = model.value(field);
        const Located at = locate(spec, natsBase, natsPath, field, S(f.group), S(f.key));
        // The places are those of the nodes the model was made from; the values are the model's.
        const bool placed = at.node && at.node->isSequence() && at.node->toJson() == value;
        const QJsonArray list = value.toArray();
        const QString path = at.path.isEmpty() ? field : at.path;
        for (qsizetype i = 0; i < list.size(); ++i) {
            RuleEntry e{field, QStringLiteral("%1[%2]").arg(path).arg(i), list.at(i).toString(), 0, 0, account};
            if (placed) {
                const Node &n = at.node->items.at(std::size_t(i));
                e.line = n.line;
                e.column = n.column;
            }
            (r.*(f.list)) << e;
        }
        if (value.isArray()) {
            RuleEntry whole{field, path, listText(list), placed ? at.node->line : 0, placed ? at.node->column : 0, account};
            if (field == u"pubAllow") {
                r.pubAllowSet = true;
                r.pubAllowList = whole;
            } else if (field == u"subAllow") {
                r.subAllowList = whole;
            }
        }
    }

    // resp is written into the JWT only when respMax or respTtl is set; Go reads null as 0, and
    // nats-server replaces 0 by its defaults (validateResponsePermissions).
    const QJsonValue max = model.value(u"respMax");
    const QJsonValue ttl = model.value(u"respTtl");
    const bool maxSet = !max.isUndefined() && !max.isNull();
    const bool ttlSet = !ttl.isUndefined() && !ttl.isNull();
    if (maxSet || ttlSet) {
        UserPermissions::Responses resp;
        resp.maxMsgs = maxSet && max.toDouble() != 0 ? qint64(max.toDouble()) : kDefaultResponseMax;
        resp.expiresNs = ttlSet && ttl.toDouble() != 0 ? qint64(ttl.toDouble()) : kDefaultResponseTtlNs;
        const Located at = maxSet ? locate(spec, natsBase, natsPath, S("respMax"), S("resp"), S("max"))
                                  : locate(spec, natsBase, natsPath, S("respTtl"), S("resp"), S("ttl"));
        resp.at = RuleEntry{maxSet ? S("respMax") : S("respTtl"), at.path,
                            Tr::tr("max %1, ttl %2").arg(resp.maxMsgs).arg(duration(resp.expiresNs)),
                            at.node ? at.node->line : 0, at.node ? at.node->column : 0, account};
        r.responses = resp;
    }
    return r;
}

/// nats-server buildPermissionsFromJwt: std::nullopt when the rule gives no permissions at all.
std::optional<UserPermissions> permissionsFrom(const RuleLists &r)
{
    const bool hasPub = !r.pubAllow.isEmpty() || !r.pubDeny.isEmpty();
    const bool hasSub = !r.subAllow.isEmpty() || !r.subDeny.isEmpty();
    if (!hasPub && !hasSub && !r.responses)
        return std::nullopt;
    UserPermissions p;
    p.source = r.account ? UserPermissions::Source::AccountDefaults : UserPermissions::Source::UserRule;
    if (hasPub) {
        // setPermissions: a non-nil allow list, even an empty one, allows only what it lists.
        if (r.pubAllowSet)
            p.pubAllow = r.pubAllow;
        p.pubDeny = r.pubDeny;
    }
    if (hasSub) {
        p.subAllow = r.subAllow;
        p.subDeny = r.subDeny;
    }
    if (r.responses) {
        p.responses = r.responses;
        if (!p.pubAllow)
            p.pubAllow = QList<RuleEntry>(); // "we turn off the blanket allow statement"
    }
    p.pubAllowList = r.pubAllowList;
    p.subAllowList = r.subAllowList;
    return p;
}

Status checkDocument(const Document &doc, const QString &kind)
{
    if (doc.kind() != kind)
        return Error(ErrorCode::InvalidInput,
                     Tr::tr("The document is a %1, not a %2.").arg(doc.kind().isEmpty() ? Tr::tr("document without kind") : doc.kind(), kind));
    QStringList errors;
    for (const Problem &p : validate(doc)) {
        if (p.isError())
            errors << p.toString();
    }
    if (errors.isEmpty())
        return {};
    return Error(ErrorCode::InvalidInput,
                 Tr::tr("%1 %2 has errors (%3); the Controller refuses it, so no user gets these permissions.")
                     .arg(kind, doc.name().isEmpty() ? Tr::tr("(unnamed)") : doc.name())
                     .arg(errors.size()),
                 errors.join(u'\n'));
}

QStringList tokens(const QString &subject)
{
    return subject.split(u'.');
}

bool hasWildcard(const QString &subject)
{
    const QStringList t = tokens(subject);
    return t.contains(S("*")) || t.contains(S(">"));
}

// ---- decisions ------------------------------------------------------------------------------------

struct Split
{
    QString subject;
    QString queue;
};

/// "subject queue" as nats-server splits an entry (strings.Fields).
Split split(const QString &entry)
{
    const QStringList parts = entry.split(u' ', Qt::SkipEmptyParts);
    return {parts.value(0), parts.value(1)};
}

/// The entries of `list` that nats-server's sublist returns for `subject`, plain and with queue.
struct Matches
{
    QList<RuleEntry> plain;
    QList<RuleEntry> queued;
};

Matches match(const QList<RuleEntry> &list, const QString &subject)
{
    Matches m;
    for (const RuleEntry &e : list) {
        const Split s = split(e.value);
        if (!sublistMatches(s.subject, subject))
            continue;
        (s.queue.isEmpty() ? m.plain : m.queued) << e;
    }
    return m;
}

/// nats-server queueMatches: the first queue entry whose group is `queue` (or covers it).
const RuleEntry *queueMatch(const QString &queue, const QList<RuleEntry> &queued)
{
    for (const RuleEntry &e : queued) {
        const QString group = split(e.value).queue;
        if (queue == group || (hasWildcard(group) && isSubsetMatch(queue, group)))
            return &e;
    }
    return nullptr;
}

const RuleEntry *firstMatch(const QList<RuleEntry> &list, const QString &subject)
{
    for (const RuleEntry &e : list) {
        if (sublistMatches(e.value, subject))
            return &e;
    }
    return nullptr;
}

QString responseSentence(const UserPermissions::Responses &r)
{
    const QString where = r.at.line > 0 ? QStringLiteral(" at %1:%2").arg(r.at.line).arg(r.at.column) : QString();
    const QString count = r.maxMsgs == 1 ? Tr::tr("1 reply") : Tr::tr("%1 replies").arg(r.maxMsgs);
    return Tr::tr("response permissions (%1%2: at most %3 per request, within %4)")
        .arg(r.at.field, where, count, duration(r.expiresNs));
}

/// A user without permissions (client.perms nil): nats-server allows every publish and subscribe.
bool allowsEverything(const UserPermissions &p, Simulation &sim)
{
    if (p.source != UserPermissions::Source::None)
        return false;
    sim.decision = Simulation::Decision::Allowed;
    sim.explanation = Tr::tr("Allowed: the user has no permissions at all (no pub/sub allow or deny lists, no response permissions), so nats-server allows every subject.");
    return true;
}

/// pubAllowedFullCheck without the reply tracking: the decision for an ordinary publish.
void decidePublish(const UserPermissions &p, const QString &subject, Simulation &sim)
{
    if (subject.startsWith(kGatewayReplyPrefix)) {
        sim.decision = Simulation::Decision::Denied;
        sim.explanation = Tr::tr("Denied: subjects starting with $GNR. carry gateway replies; nats-server refuses a client's publish to them whatever the permissions.");
        return;
    }
    if (allowsEverything(p, sim))
        return;
    if (!p.pubAllow && p.pubDeny.isEmpty()) {
        sim.decision = Simulation::Decision::Allowed;
        sim.explanation = Tr::tr("Allowed: there is neither a pubAllow nor a pubDeny list, so every subject may be published.");
        return;
    }
    const RuleEntry *allowedBy = p.pubAllow ? firstMatch(*p.pubAllow, subject) : nullptr;
    if (p.pubAllow && !allowedBy) {
        sim.decision = Simulation::Decision::Denied;
        if (p.pubAllow->isEmpty() && p.responses && !p.pubAllowList) {
            sim.explanation = Tr::tr("Denied: %1 make publishing deny-by-default (nats-server sets an empty publish allow list when pubAllow is not set), so only replies to received requests may be published.")
                                  .arg(responseSentence(*p.responses));
            sim.decidedBy = p.responses->at;
        } else if (p.pubAllow->isEmpty()) {
            sim.explanation = Tr::tr("Denied: pubAllow is an empty list, so no subject may be published (the JWT carries pub.allow: [], which nats-server reads as an allow list with nothing in it).");
            sim.decidedBy = p.pubAllowList;
        } else {
            sim.explanation = Tr::tr("Denied: no pubAllow entry matches %1 (pubAllow: %2).")
                                  .arg(q(subject), p.pubAllowList ? p.pubAllowList->value : QString());
            sim.decidedBy = p.pubAllowList;
        }
        return;
    }
    if (const RuleEntry *deniedBy = firstMatch(p.pubDeny, subject)) {
        sim.decision = Simulation::Decision::Denied;
        sim.explanation = allowedBy
            ? Tr::tr("Denied: pubDeny %1 matches %2; deny overrides allow (pubAllow %3 matches too).").arg(q(deniedBy->value), q(subject), q(allowedBy->value))
            : Tr::tr("Denied: pubDeny %1 matches %2.").arg(q(deniedBy->value), q(subject));
        sim.decidedBy = *deniedBy;
        return;
    }
    sim.decision = Simulation::Decision::Allowed;
    if (allowedBy) {
        sim.explanation = p.pubDeny.isEmpty()
            ? Tr::tr("Allowed: pubAllow %1 covers %2.").arg(q(allowedBy->value), q(subject))
            : Tr::tr("Allowed: pubAllow %1 covers %2 and no pubDeny entry matches it.").arg(q(allowedBy->value), q(subject));
        sim.decidedBy = *allowedBy;
    } else {
        sim.explanation = Tr::tr("Allowed: there is no pubAllow list, so what pubDeny does not match may be published, and no pubDeny entry matches %1.")
                              .arg(q(subject));
    }
}

/// canSubscribe (client.go), entry by entry.
void decideSubscribe(const UserPermissions &p, const QString &subject, const QString &queue, Simulation &sim)
{
    const QString what = queue.isEmpty() ? q(subject) : Tr::tr("%1 in queue group %2").arg(q(subject), q(queue));
    if (queue == kSysGroup) {
        sim.decision = Simulation::Decision::Denied;
        sim.explanation = Tr::tr("Denied: the queue group _sys_ is reserved by nats-server; no client may use it.");
        return;
    }
    if (allowsEverything(p, sim))
        return;
    bool allowed = true;
    std::optional<RuleEntry> allowEntry;
    QString allowReason;
    if (!p.subAllow.isEmpty()) {
        const Matches m = match(p.subAllow, subject);
        allowed = !m.plain.isEmpty();
        if (allowed)
            allowEntry = m.plain.first();
        if (!queue.isEmpty() && !m.queued.isEmpty()) {
            // A queue entry for the subject decides queue subscriptions, plain entries or not.
            const RuleEntry *hit = queueMatch(queue, m.queued);
            allowed = hit != nullptr;
            if (hit) {
                allowEntry = *hit;
            } else {
                allowEntry = m.queued.first();
                allowReason = Tr::tr("Denied: subAllow %1 limits queue subscriptions on %2 to its queue group, and %3 is not it.")
                                  .arg(q(m.queued.first().value), q(subject), q(queue));
            }
        }
        if (!allowed && allowReason.isEmpty()) {
            allowEntry = p.subAllowList;
            allowReason = m.queued.isEmpty()
                ? Tr::tr("Denied: no subAllow entry matches %1 (subAllow: %2).").arg(q(subject), p.subAllowList ? p.subAllowList->value : QString())
                : Tr::tr("Denied: subAllow matches %1 only with a queue group (%2); a plain subscription is not allowed.").arg(q(subject), q(m.queued.first().value));
            if (hasWildcard(subject))
                allowReason += u' ' + Tr::tr("A wildcard subscription is allowed only when an entry covers the whole wildcard itself (\"foo.*\" is covered by \"foo.*\", \"foo.>\" or \">\", not by \"foo.bar\").");
        }
    }
    if (!allowed) {
        sim.decision = Simulation::Decision::Denied;
        sim.explanation = allowReason;
        sim.decidedBy = allowEntry;
        return;
    }
    if (!p.subDeny.isEmpty()) {
        const Matches m = match(p.subDeny, subject);
        const RuleEntry *denyEntry = m.plain.isEmpty() ? nullptr : &m.plain.first();
        bool denied = denyEntry != nullptr;
        QString reason;
        if (!queue.isEmpty() && !m.queued.isEmpty()) {
            // As with allow: a queue entry for the subject decides queue subscriptions.
            const RuleEntry *hit = queueMatch(queue, m.queued);
            if (hit) {
                denied = true;
                denyEntry = hit;
            } else if (denied) {
                denied = false;
                reason = Tr::tr("subDeny %1 matches %2, but nats-server lets the queue entries for the subject (%3) decide queue subscriptions, and they do not name %4.")
                             .arg(q(m.plain.first().value), q(subject), q(m.queued.first().value), q(queue));
            }
        }
        if (denied) {
            sim.decision = Simulation::Decision::Denied;
            sim.explanation = allowEntry && allowEntry->field == u"subAllow" && !p.subAllow.isEmpty()
                ? Tr::tr("Denied: subDeny %1 matches %2; deny overrides allow (subAllow %3 matches too).").arg(q(denyEntry->value), what, q(allowEntry->value))
                : Tr::tr("Denied: subDeny %1 matches %2.").arg(q(denyEntry->value), what);
            sim.decidedBy = *denyEntry;
            return;
        }
        if (!reason.isEmpty())
            sim.notes << reason;
        // A wildcard subscription that covers a deny entry is allowed, but what the deny entry
        // matches is not delivered (canSubscribe → loadMsgDenyFilter).
        if (hasWildcard(subject)) {
            for (const RuleEntry &d : p.subDeny) {
                if (isSubsetMatch(d.value, subject)) {
                    sim.notes << Tr::tr("Messages on %1 (subDeny at %2:%3) are not delivered to this subscription: nats-server allows the wildcard but filters what the deny entry matches.")
                                     .arg(q(d.value)).arg(d.line).arg(d.column);
                }
            }
        }
    }
    sim.decision = Simulation::Decision::Allowed;
    if (allowEntry && subject.endsWith(u'>')) {
        const QStringList entry = tokens(split(allowEntry->value).subject);
        const qsizetype last = tokens(subject).size() - 1;
        if (last < entry.size() && entry.at(last) == u"*")
            sim.notes << Tr::tr("nats-server's subscription check lets the '*' of %1 cover the '>' of %2, so this subscription also receives subjects with more tokens than %1 allows.")
                             .arg(q(allowEntry->value), q(subject));
    }
    if (allowEntry) {
        sim.explanation = p.subDeny.isEmpty()
            ? Tr::tr("Allowed: subAllow %1 covers %2.").arg(q(allowEntry->value), what)
            : Tr::tr("Allowed: subAllow %1 covers %2 and no subDeny entry matches it.").arg(q(allowEntry->value), what);
        sim.decidedBy = allowEntry;
    } else if (p.subDeny.isEmpty()) {
        sim.explanation = Tr::tr("Allowed: there is neither a subAllow nor a subDeny list, so every subject may be subscribed to.");
    } else {
        sim.explanation = Tr::tr("Allowed: there is no subAllow list, so what subDeny does not match may be subscribed to, and no subDeny entry matches %1.").arg(what);
    }
}

// ---- notes: what else matters -------------------------------------------------------------------

/// The subject an import is known by in the importing account (wildcard references $1… as `*`).
QString localSubject(const QJsonObject &import)
{
    QString local = import.value(u"local_subject").toString();
    const QString subject = import.value(u"subject").toString();
    if (local.isEmpty() && !import.value(u"to").toString().isEmpty()) {
        const QString to = import.value(u"to").toString();
        local = import.value(u"type").toString() == u"stream" ? to + u'.' + subject : to;
    }
    if (local.isEmpty())
        local = subject;
    QStringList t = tokens(local);
    for (QString &token : t) {
        if (token.size() > 1 && token.startsWith(u'$') && token.mid(1).toInt() > 0)
            token = S("*");
    }
    return t.join(u'.');
}

QString placeOf(const Node *spec, const char *list, qsizetype i)
{
    const Node *n = spec ? spec->value(S(list)) : nullptr;
    if (!n || !n->isSequence() || std::size_t(i) >= n->items.size())
        return QStringLiteral("spec.%1[%2]").arg(S(list)).arg(i);
    const Node &item = n->items.at(std::size_t(i));
    return QStringLiteral("spec.%1[%2] at %3:%4").arg(S(list)).arg(i).arg(item.line).arg(item.column);
}

void accountExplanation(const Document &account, Action action, const QString &subject, Simulation &sim)
{
    const QJsonObject model = modelOf(account);
    const Node *spec = account.root.value(u"spec");
    const QJsonArray imports = model.value(u"imports").toArray();
    for (qsizetype i = 0; i < imports.size(); ++i) {
        const QJsonObject im = imports.at(i).toObject();
        const QString local = localSubject(im);
        if (local.isEmpty() || !subjectProblem(local).isEmpty() || !subjectsIntersect(local, subject))
            continue;
        const QString name = im.value(u"name").toString();
        const QString from = im.value(u"account").toString();
        const QString remote = im.value(u"subject").toString();
        const bool service = im.value(u"type").toString() == u"service";
        const QString where = placeOf(spec, "imports", i);
        if (!sim.allowed()) {
            if ((action == Action::Subscribe) != service)
                sim.explanation += u' ' + Tr::tr("%1 is reached through the %2 import %3 (%4) from account %5, which this user may not use.")
                                              .arg(q(subject), service ? Tr::tr("service") : Tr::tr("stream"), q(name), where, from);
        } else if (action == Action::Subscribe && !service) {
            sim.explanation += u' ' + Tr::tr("%1 is reached through the stream import %2 (%3): the subscription receives what account %4 publishes on %5. Whether that account exports it and publishes anything is not known here.")
                             .arg(q(subject), q(name), where, from, q(remote));
        } else if (action != Action::Subscribe && service) {
            sim.explanation += u' ' + Tr::tr("%1 is reached through the service import %2 (%3): the request goes to account %4 on %5. Whether that account exports the service and answers is not known here.")
                             .arg(q(subject), q(name), where, from, q(remote));
        } else if (action != Action::Subscribe) {
            sim.explanation += u' ' + Tr::tr("%1 is the local side of the stream import %2 (%3): publishing here reaches subscribers of this account only, not account %4.")
                             .arg(q(subject), q(name), where, from);
        }
    }
    const QJsonArray exports = model.value(u"exports").toArray();
    for (qsizetype i = 0; i < exports.size(); ++i) {
        const QJsonObject ex = exports.at(i).toObject();
        const QString exported = ex.value(u"subject").toString();
        if (exported.isEmpty() || !subjectProblem(exported).isEmpty() || !subjectsIntersect(exported, subject))
            continue;
        const bool service = ex.value(u"type").toString() == u"service";
        const QString where = placeOf(spec, "exports", i);
        if (!sim.allowed())
            continue;
        if (action != Action::Subscribe && !service)
            sim.explanation += u' ' + Tr::tr("The account exports %1 as a stream (%2): accounts that import it receive this message too.").arg(q(exported), where);
        else if (action == Action::Subscribe && service)
            sim.explanation += u' ' + Tr::tr("The account exports %1 as a service (%2): requests from accounts that import it arrive on this subscription.").arg(q(exported), where);
    }
}

/// Limits and connection conditions nats-server applies besides the permissions.
void userNotes(const Document &user, Action action, Simulation &sim)
{
    const QJsonObject model = modelOf(user);
    auto unsetOrZero = [&](const char *field) {
        const QJsonValue v = model.value(S(field));
        return v.isUndefined() || v.isNull() || (v.isDouble() && v.toDouble() == 0);
    };
    if (sim.allowed() && action == Action::Subscribe && unsetOrZero("maxSubscriptions"))
        sim.notes << Tr::tr("maxSubscriptions (subs) is not set or 0: the JWT gets 0 and nats-server refuses every subscription (\"maximum subscriptions exceeded\") although the permissions allow it. Write -1 for unlimited.");
    if (sim.allowed() && action != Action::Subscribe && unsetOrZero("maxPayload"))
        sim.notes << Tr::tr("maxPayload (payload) is not set or 0: the JWT gets 0 and nats-server refuses every publish with a payload (MAX_PAYLOAD_EXCEEDED). Write -1 for unlimited.");
    QStringList conditions;
    if (!model.value(u"src").toArray().isEmpty())
        conditions << Tr::tr("from the networks in src");
    if (!model.value(u"times").toArray().isEmpty())
        conditions << Tr::tr("within the time windows in times");
    if (!model.value(u"allowedConnectionTypes").toArray().isEmpty())
        conditions << Tr::tr("of a type in allowedConnectionTypes");
    if (!conditions.isEmpty())
        sim.notes << Tr::tr("Not simulated: nats-server accepts the connection only %1.").arg(conditions.join(QStringLiteral(", ")));
}

} // namespace

QString RuleEntry::toString() const
{
    const QString where = line > 0 ? QStringLiteral("%1:%2 ").arg(line).arg(column) : QString();
    return where + path + u' ' + value;
}

Result<UserPermissions> permissionsOf(const Document &userRule, const Document *accountRule)
{
    if (const Status s = checkDocument(userRule, S("NatsUserRule")); !s)
        return s.error();
    if (accountRule) {
        if (const Status s = checkDocument(*accountRule, S("NatsAccountRule")); !s)
            return s.error();
    }
    if (std::optional<UserPermissions> own = permissionsFrom(listsOf(userRule, false)))
        return *own;
    if (accountRule) {
        if (std::optional<UserPermissions> defaults = permissionsFrom(listsOf(*accountRule, true)))
            return *defaults;
    }
    return UserPermissions{};
}

Result<Simulation> simulate(const Document &userRule, const Document *accountRule, Action action,
                            const QString &input)
{
    QString subject = input;
    QString queue;
    if (action == Action::Subscribe) {
        if (const QString problem = subjectProblem(input, true); !problem.isEmpty())
            return Error(ErrorCode::InvalidInput, Tr::tr("Cannot subscribe to %1: %2").arg(q(input), problem));
        const Split s = split(input);
        subject = s.subject;
        queue = s.queue;
    } else {
        if (const QString problem = subjectProblem(input); !problem.isEmpty())
            return Error(ErrorCode::InvalidInput, Tr::tr("Cannot publish to %1: %2").arg(q(input), problem));
        if (hasWildcard(input))
            return Error(ErrorCode::InvalidInput,
                         Tr::tr("Cannot publish to %1: a publish subject is literal; '*' and '>' are wildcards only for subscriptions and permissions.").arg(q(input)));
    }
    Result<UserPermissions> perms = permissionsOf(userRule, accountRule);
    if (!perms)
        return perms.error();

    Simulation sim;
    sim.permissions = *perms;
    const UserPermissions &p = sim.permissions;
    if (action == Action::Subscribe) {
        decideSubscribe(p, subject, queue, sim);
    } else {
        decidePublish(p, subject, sim);
        if (!sim.allowed() && p.responses && !subject.startsWith(kGatewayReplyPrefix)) {
            const QString asPublish = sim.explanation;
            if (action == Action::Reply) {
                sim.decision = Simulation::Decision::Allowed;
                sim.explanation = Tr::tr("Allowed as a reply: %1 let the user publish to the reply subject of a request it received, even where pubAllow and pubDeny say no.")
                                      .arg(responseSentence(*p.responses));
                sim.decidedBy = p.responses->at;
                sim.notes << Tr::tr("As an ordinary publish (not the reply subject of a received request, or after the replies are used up or the time is over): %1").arg(asPublish);
            } else {
                sim.notes << Tr::tr("Unless %1 is the reply subject of a request the user received: %2 allow that.").arg(q(subject), responseSentence(*p.responses));
            }
        } else if (!sim.allowed() && action == Action::Reply) {
            sim.explanation += u' ' + Tr::tr("There are no response permissions (respMax, respTtl), so a reply is checked like any publish.");
        }
    }
    if (p.source == UserPermissions::Source::AccountDefaults)
        sim.explanation += u' ' + Tr::tr("(The user rule sets no permissions, so nats-server applies the account rule's default_permissions.)");
    if (p.source == UserPermissions::Source::None && !accountRule)
        sim.notes << Tr::tr("The user rule sets no permissions: nats-server then applies the account rule's default_permissions, which were not given here.");
    if (action != Action::Subscribe && p.responses && p.responses->expiresNs > 0 && p.responses->expiresNs < 1000000)
        sim.notes << Tr::tr("The response TTL is %1 (the JWT's ttl is nanoseconds): a reply must be sent within that.").arg(duration(p.responses->expiresNs));
    if (accountRule)
        accountExplanation(*accountRule, action, subject, sim);
    userNotes(userRule, action, sim);
    return sim;
}

bool sublistMatches(const QString &pattern, const QString &subject)
{
    const QStringList p = tokens(pattern);
    const QStringList s = tokens(subject);
    for (qsizetype i = 0; i < p.size(); ++i) {
        if (i >= s.size())
            return false;
        if (p.at(i) == u">")
            return true;
        if (p.at(i) != u"*" && p.at(i) != s.at(i))
            return false;
    }
    return p.size() == s.size();
}

bool isSubsetMatch(const QString &subject, const QString &test)
{
    // isSubsetMatchTokenized (sublist.go), token by token.
    const QStringList t1 = tokens(subject);
    const QStringList t2 = tokens(test);
    for (qsizetype i = 0; i < t2.size(); ++i) {
        if (i >= t1.size())
            return false;
        const QString &b = t2.at(i);
        if (b.isEmpty())
            return false;
        if (b == u">")
            return true;
        const QString &a = t1.at(i);
        if (a.isEmpty() || a == u">")
            return false;
        if (a == u"*") {
            if (b != u"*")
                return false;
            continue;
        }
        if (b != u"*" && a != b)
            return false;
    }
    return t1.size() == t2.size();
}

bool subjectsIntersect(const QString &a, const QString &b)
{
    const QStringList x = tokens(a);
    const QStringList y = tokens(b);
    for (qsizetype i = 0; i < x.size() && i < y.size(); ++i) {
        if (x.at(i) == u">" || y.at(i) == u">")
            return true;
        if (x.at(i) != u"*" && y.at(i) != u"*" && x.at(i) != y.at(i))
            return false;
    }
    return x.size() == y.size();
}

} // namespace Pot::Manifest
