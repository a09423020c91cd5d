#include "ruleform.h"

#include "core/nats/validation.h"
#include "core/tr.h"
#include "core/yaml/manifestcheck.h"

#include <QJsonValue>
#include <QRegularExpression>

#include <algorithm>
#include <limits>

namespace Pot::Manifest {

namespace {

QString S(const char *s)
{
    return QString::fromLatin1(s);
}

// ---- paths in a document ("spec.exports[0].subject") --------------------------------------------

struct Segment
{
    QString key;     ///< a map key, or empty for an index
    int index = -1;  ///< a sequence index
};

QList<Segment> segmentsOf(const QString &path)
{
    QList<Segment> out;
    for (const QString &part : path.split(u'.')) {
        const qsizetype bracket = part.indexOf(u'[');
        out.append({bracket < 0 ? part : part.left(bracket), -1});
        for (qsizetype at = bracket; at >= 0; at = part.indexOf(u'[', at + 1)) {
            const qsizetype close = part.indexOf(u']', at);
            out.append({QString(), part.mid(at + 1, close - at - 1).toInt()});
        }
    }
    return out;
}

const Node *nodeAt(const Node &root, const QString &path)
{
    const Node *n = &root;
    for (const Segment &s : segmentsOf(path)) {
        if (s.index >= 0)
            n = n->isSequence() && s.index < int(n->items.size()) ? &n->items.at(std::size_t(s.index)) : nullptr;
        else
            n = n->value(s.key);
        if (!n)
            return nullptr;
    }
    return n;
}

Node *mutableValue(Node &map, const QString &key)
{
    for (Node::Entry &e : map.entries) {
        if (e.key == key)
            return &e.value;
    }
    return nullptr;
}

/// The node at `path`, made (with the maps on the way) when absent. nullptr with `why` when
/// something that is not a map is in the way (the form does not overwrite what it cannot show).
Node *ensureAt(Node &root, const QString &path, QString *why)
{
    Node *n = &root;
    QString walked;
    for (const Segment &s : segmentsOf(path)) {
        walked += s.index >= 0 ? QStringLiteral("[%1]").arg(s.index) : (walked.isEmpty() ? s.key : u'.' + s.key);
        if (s.index >= 0) {
            if (!n->isSequence() || s.index >= int(n->items.size())) {
                *why = Tr::tr("%1 is not in the YAML.").arg(walked);
                return nullptr;
            }
            n = &n->items.at(std::size_t(s.index));
            continue;
        }
        if (n->isNull())
            n->type = Node::Type::Map;
        if (!n->isMap()) {
            *why = Tr::tr("%1 in the YAML is not a map of fields; change it there.").arg(walked.left(walked.size() - s.key.size() - 1));
            return nullptr;
        }
        Node *next = mutableValue(*n, s.key);
        if (!next) {
            n->entries.push_back({s.key, 0, 0, Node()});
            next = &n->entries.back().value;
        }
        n = next;
    }
    return n;
}

/// Removes the key at `path` and then the maps it leaves empty, up to (not including) spec.
void removeAt(Node &root, const QString &path)
{
    const QList<Segment> segs = segmentsOf(path);
    for (qsizetype depth = segs.size(); depth > 1; --depth) {
        Node *parent = &root;
        for (qsizetype i = 0; i + 1 < depth && parent; ++i) {
            const Segment &s = segs.at(i);
            if (s.index >= 0)
                parent = parent->isSequence() && s.index < int(parent->items.size()) ? &parent->items.at(std::size_t(s.index)) : nullptr;
            else
                parent = parent->isMap() ? mutableValue(*parent, s.key) : nullptr;
        }
        const Segment &last = segs.at(depth - 1);
        if (!parent || !parent->isMap() || last.index >= 0)
            return;
        auto &entries = parent->entries;
        const auto it = std::find_if(entries.begin(), entries.end(), [&](const Node::Entry &e) { return e.key == last.key; });
        if (it == entries.end())
            return;
        // The last key asked for goes; a map on the way goes only when it is empty now.
        if (depth < segs.size() && !(it->value.isMap() && it->value.entries.empty()))
            return;
        entries.erase(it);
        if (depth <= 2) // never spec itself
            return;
    }
}

Node plainScalarNode(const QString &text)
{
    Node n;
    n.type = Node::Type::Scalar;
    n.scalar = text;
    return n;
}

/// The value as written, for a field the form cannot show ("lots", "a list").
QString asWritten(const Node &n)
{
    if (n.isScalar())
        return n.scalar;
    return n.isMap() ? Tr::tr("a map") : Tr::tr("a list");
}

std::optional<qint64> wholeNumber(const Node &n)
{
    if (!n.isScalar() || !n.plain)
        return std::nullopt;
    static const QRegularExpression re(S("^-?[0-9]{1,18}$"));
    if (!re.match(n.scalar).hasMatch())
        return std::nullopt;
    return n.scalar.toLongLong();
}

/// The largest unit that shows `base` exactly.
void splitUnits(FieldType type, qint64 base, FieldValue &v)
{
    v.unit = 0;
    v.amount = base;
    const int units = int(unitsOf(type).size());
    for (int u = units - 1; u > 0; --u) {
        const qint64 f = unitFactor(type, u);
        if (base != 0 && base % f == 0) {
            v.unit = u;
            v.amount = base / f;
            return;
        }
    }
}

const QRegularExpression &windowPattern()
{
    static const QRegularExpression re(QStringLiteral("^\\s*([0-9]{2}:[0-9]{2}:[0-9]{2})\\s*(?:-|–|to)\\s*([0-9]{2}:[0-9]{2}:[0-9]{2})\\s*$"));
    return re;
}

QStringList cleanLines(const QStringList &items)
{
    QStringList out;
    for (const QString &i : items) {
        const QString t = i.trimmed();
        if (!t.isEmpty())
            out << t;
    }
    return out;
}

Node textSequence(const QStringList &items)
{
    Node seq;
    seq.type = Node::Type::Sequence;
    for (const QString &i : items)
        seq.items.push_back(Node::fromJson(QJsonValue(i)));
    return seq;
}

// ---- the fields of each kind --------------------------------------------------------------------

struct Builder
{
    QList<FormField> &out;
    QString group;

    FormField &add(const QString &label, FieldType type, QStringList paths, QString writePath = {})
    {
        FormField f;
        f.group = group;
        f.label = label;
        f.type = type;
        f.writePath = writePath.isEmpty() ? paths.constFirst() : writePath;
        f.id = f.writePath;
        f.paths = std::move(paths);
        out.append(f);
        return out.last();
    }
};

QString nullIsZero()
{
    return Tr::tr("Not set: the JWT gets null, which nats-server reads as 0, not unlimited.");
}

/// pub/sub allow/deny (JSON names pubAllow… win) and the "Responses" group, under `at`
/// ("spec." for a user rule, "spec.default_permissions." for an account rule).
void addPermissions(Builder &b, const QString &at, const QString &allowNotSet)
{
    for (const auto &[label, json, nats] : {std::tuple{Tr::tr("Publish allow"), "pubAllow", "pub.allow"},
                                            std::tuple{Tr::tr("Publish deny"), "pubDeny", "pub.deny"},
                                            std::tuple{Tr::tr("Subscribe allow"), "subAllow", "sub.allow"},
                                            std::tuple{Tr::tr("Subscribe deny"), "subDeny", "sub.deny"}}) {
        FormField &f = b.add(label, FieldType::List, {S("spec.") + S(json), at + S(nats)}, at + S(nats));
        f.notSet = QString::fromLatin1(json).endsWith(u"Allow") ? allowNotSet : Tr::tr("Not set: nothing denied.");
        f.help = Tr::tr("One subject per line; * matches a token, > the rest.");
    }
    b.group = Tr::tr("Responses");
    b.add(Tr::tr("Response messages"), FieldType::Number, {S("spec.respMax"), at + S("resp.max")}, at + S("resp.max"))
        .notSet = Tr::tr("Not set: no response permission.");
    b.add(Tr::tr("Response time limit"), FieldType::Duration, {S("spec.respTtl"), at + S("resp.ttl")}, at + S("resp.ttl"))
        .notSet = Tr::tr("Not set: no time limit.");
}

void accountRuleFields(const Node &spec, QList<FormField> &out)
{
    Builder b{out, Tr::tr("General")};
    b.add(Tr::tr("Description"), FieldType::Text, {S("spec.description")});
    b.add(Tr::tr("Info URL"), FieldType::Text, {S("spec.infoUrl"), S("spec.info_url")}, S("spec.info_url"));

    struct Limit { const char *label; const char *json; const char *nats; FieldType type; bool zero; };
    b.group = Tr::tr("Connections and data");
    static const Limit core[] = {
        {QT_TRANSLATE_NOOP("PotCore", "Connections"), "maxConnections", "conn", FieldType::Count, true},
        {QT_TRANSLATE_NOOP("PotCore", "Leaf node connections"), "maxLeafNodeConnections", "leaf", FieldType::Count, false},
        {QT_TRANSLATE_NOOP("PotCore", "Subscriptions"), "maxSubscriptions", "subs", FieldType::Count, true},
        {QT_TRANSLATE_NOOP("PotCore", "Message payload"), "maxMsgPayload", "payload", FieldType::Size, true},
        {QT_TRANSLATE_NOOP("PotCore", "Data"), "maxData", "data", FieldType::Size, true},
        {QT_TRANSLATE_NOOP("PotCore", "Import limit"), "maxImports", "imports", FieldType::Count, false},
        {QT_TRANSLATE_NOOP("PotCore", "Export limit"), "maxExports", "exports", FieldType::Count, false},
    };
    // Each limit is read from its JSON name (which wins) or limits.<NATS name>, written under limits.
    auto addLimits = [&b](const auto &limits, const QString &notSet) {
        for (const Limit &l : limits) {
            b.add(Tr::tr(l.label), l.type, {S("spec.") + S(l.json), S("spec.limits.") + S(l.nats)}, S("spec.limits.") + S(l.nats))
                .notSet = l.zero ? nullIsZero() : notSet;
        }
    };
    addLimits(core, Tr::tr("Not set: null in the JWT, read as 0."));
    FormField &wild = b.add(Tr::tr("Exports may use wildcards"), FieldType::Bool,
                            {S("spec.exportsAllowWildcards"), S("spec.limits.wildcards")}, S("spec.limits.wildcards"));
    wild.notSet = Tr::tr("Not set: allowed (the Controller's default).");
    FormField &bearer = b.add(Tr::tr("Refuse bearer tokens"), FieldType::Bool,
                              {S("spec.disallowBearer"), S("spec.limits.disallow_bearer")}, S("spec.limits.disallow_bearer"));
    bearer.notSet = Tr::tr("Not set: bearer tokens are accepted.");

    b.group = Tr::tr("JetStream");
    static const Limit js[] = {
        {QT_TRANSLATE_NOOP("PotCore", "Memory storage"), "memStorage", "mem_storage", FieldType::Size, false},
        {QT_TRANSLATE_NOOP("PotCore", "Disk storage"), "diskStorage", "disk_storage", FieldType::Size, false},
        {QT_TRANSLATE_NOOP("PotCore", "Streams"), "streams", "streams", FieldType::Count, false},
        {QT_TRANSLATE_NOOP("PotCore", "Consumers"), "consumer", "consumer", FieldType::Count, false},
        {QT_TRANSLATE_NOOP("PotCore", "Pending acks per consumer"), "maxAckPending", "max_ack_pending", FieldType::Count, false},
        {QT_TRANSLATE_NOOP("PotCore", "Memory stream size"), "memMaxStreamBytes", "mem_max_stream_bytes", FieldType::Size, false},
        {QT_TRANSLATE_NOOP("PotCore", "Disk stream size"), "diskMaxStreamBytes", "disk_max_stream_bytes", FieldType::Size, false},
    };
    addLimits(js, Tr::tr("Not set: JetStream stays off unless another JetStream limit is set (then this one is 0)."));
    b.add(Tr::tr("Stream size required"), FieldType::Bool, {S("spec.maxBytesRequired"), S("spec.limits.max_bytes_required")},
          S("spec.limits.max_bytes_required"))
        .notSet = Tr::tr("Not set: streams may be made without a size.");

    // Exports and imports: a head row, then one group per item.
    for (const auto &[list, title, one] : {std::tuple{S("exports"), Tr::tr("Exports"), Tr::tr("Export %1")},
                                           std::tuple{S("imports"), Tr::tr("Imports"), Tr::tr("Import %1")}}) {
        b.group = title;
        FormField &head = b.add(title, FieldType::Items, {S("spec.") + list});
        head.list = list;
        const Node *items = spec.value(list);
        const int count = items && items->isSequence() ? int(items->items.size()) : 0;
        for (int i = 0; i < count; ++i) {
            const QString name = items->items.at(std::size_t(i)).text(u"name");
            b.group = one.arg(i + 1) + (name.isEmpty() ? QString() : QStringLiteral(" · ") + name);
            const QString at = QStringLiteral("spec.%1[%2].").arg(list).arg(i);
            auto item = [&](const QString &label, FieldType type, const char *key) -> FormField & {
                FormField &f = b.add(label, type, {at + S(key)});
                f.list = list;
                f.item = i;
                return f;
            };
            item(Tr::tr("Name"), FieldType::Text, "name");
            item(Tr::tr("Subject"), FieldType::Text, "subject");
            item(Tr::tr("Type"), FieldType::Choice, "type").choices = {S("stream"), S("service")};
            if (list == u"exports") {
                item(Tr::tr("Response type"), FieldType::Choice, "response_type").choices = {S("Singleton"), S("Stream"), S("Chunked")};
                item(Tr::tr("Description"), FieldType::Text, "description");
                item(Tr::tr("Token required"), FieldType::Bool, "token_req").notSet = Tr::tr("Not set: public, no token needed.");
                item(Tr::tr("Advertise"), FieldType::Bool, "advertise");
            } else {
                item(Tr::tr("Exporting account"), FieldType::Text, "account").help =
                    Tr::tr("The public key of the account that exports (A…), not its name.");
                item(Tr::tr("Local subject"), FieldType::Text, "local_subject").notSet = Tr::tr("Not set: the subject as exported.");
                item(Tr::tr("Share"), FieldType::Bool, "share");
            }
        }
    }

    b.group = Tr::tr("Default permissions");
    addPermissions(b, S("spec.default_permissions."), Tr::tr("Not set: every subject (unless denied)."));
}

void userRuleFields(QList<FormField> &out)
{
    Builder b{out, Tr::tr("General")};
    b.add(Tr::tr("Description"), FieldType::Text, {S("spec.description")});
    b.group = Tr::tr("Limits");
    b.add(Tr::tr("Subscriptions"), FieldType::Count, {S("spec.maxSubscriptions"), S("spec.subs")}, S("spec.subs")).notSet = nullIsZero();
    b.add(Tr::tr("Message payload"), FieldType::Size, {S("spec.maxPayload"), S("spec.payload")}, S("spec.payload")).notSet = nullIsZero();
    b.add(Tr::tr("Data"), FieldType::Size, {S("spec.maxData")}).notSet = nullIsZero();
    b.group = Tr::tr("Bearer and proxy");
    b.add(Tr::tr("Bearer token"), FieldType::Bool, {S("spec.bearerToken"), S("spec.bearer_token")}, S("spec.bearer_token"))
        .notSet = Tr::tr("Not set: a signed nonce is needed (MQTT bearer users get a bearer token anyway).");
    b.add(Tr::tr("Proxy required"), FieldType::Bool, {S("spec.proxyRequired"), S("spec.proxy_required")}, S("spec.proxy_required"))
        .notSet = Tr::tr("Not set: no proxy needed.");
    b.group = Tr::tr("Connection types");
    b.add(Tr::tr("Allowed connection types"), FieldType::ConnectionTypes,
          {S("spec.allowedConnectionTypes"), S("spec.allowed_connection_types")}, S("spec.allowed_connection_types"))
        .notSet = Tr::tr("None ticked: every connection type.");
    b.group = Tr::tr("Source networks");
    FormField &src = b.add(Tr::tr("Networks"), FieldType::List, {S("spec.src")});
    src.notSet = Tr::tr("Not set: from any address.");
    src.help = Tr::tr("One network per line in CIDR form (10.20.0.0/16).");
    b.group = Tr::tr("Time windows");
    FormField &times = b.add(Tr::tr("Windows"), FieldType::TimeWindows, {S("spec.times")});
    times.notSet = Tr::tr("Not set: at any time.");
    times.help = Tr::tr("One window per line: 08:00:00-18:00:00.");
    FormField &zone = b.add(Tr::tr("Time zone"), FieldType::Text, {S("spec.timesLocation"), S("spec.times_location")},
                            S("spec.times_location"));
    zone.notSet = Tr::tr("Not set: the server's local time.");
    zone.help = Tr::tr("An IANA time zone (Europe/Istanbul, UTC).");
    b.group = Tr::tr("Permissions");
    addPermissions(b, S("spec."), Tr::tr("Not set: the account's default permissions."));
    b.group = Tr::tr("Tags");
    FormField &tags = b.add(Tr::tr("Tags"), FieldType::List, {S("spec.tags")});
    tags.notSet = Tr::tr("Not set: no tags.");
    tags.help = Tr::tr("One tag per line.");
}

} // namespace

QStringList unitsOf(FieldType type)
{
    switch (type) {
    case FieldType::Size:
        return {Tr::tr("bytes"), S("KiB"), S("MiB"), S("GiB"), S("TiB")};
    case FieldType::Duration:
        return {S("ns"), QStringLiteral("µs"), S("ms"), S("s"), S("min"), S("h")};
    default:
        return {QString()};
    }
}

qint64 unitFactor(FieldType type, int unit)
{
    if (type == FieldType::Size)
        return qint64(1) << (10 * std::clamp(unit, 0, 4));
    if (type == FieldType::Duration) {
        static const qint64 f[] = {1, 1000, 1000000, 1000000000, 60000000000, 3600000000000};
        return f[std::clamp(unit, 0, 5)];
    }
    return 1;
}

Result<RuleForm> RuleForm::read(const QByteArray &text)
{
    const Parsed parsed = parse(text);
    for (const Problem &p : parsed.problems) {
        if (p.isError())
            return Error(ErrorCode::InvalidInput, Tr::tr("The YAML cannot be read at line %1: %2 Fix it there to use the form.")
                                                      .arg(p.line).arg(p.message));
    }
    if (parsed.documents.size() != 1)
        return Error(ErrorCode::InvalidInput, Tr::tr("The form shows one rule; the text holds %1 documents.")
                                                  .arg(parsed.documents.size()));
    RuleForm form;
    form.m_doc = parsed.documents.constFirst();
    if (!form.m_doc.root.isMap())
        return Error(ErrorCode::InvalidInput, Tr::tr("The text is not a manifest (a map with kind, metadata and spec)."));
    const QString kind = form.kind();
    if (kind != u"NatsAccountRule" && kind != u"NatsUserRule")
        return Error(ErrorCode::InvalidInput, kind.isEmpty() ? Tr::tr("The text has no kind; the form shows NatsAccountRule and NatsUserRule.")
                                                             : Tr::tr("The form shows NATS rules; this is a %1.").arg(kind));
    if (const Node *spec = form.m_doc.root.value(u"spec"); spec && !spec->isMap() && !spec->isNull())
        return Error(ErrorCode::InvalidInput, Tr::tr("spec is not a map of fields; change it in the YAML to use the form."));
    form.buildFields();
    return form;
}

Result<RuleForm> RuleForm::empty(const QString &kind)
{
    return read(QStringLiteral("apiVersion: datasance.com/v3\nkind: %1\nmetadata:\n  name: \"\"\nspec: {}\n").arg(kind).toUtf8());
}

void RuleForm::buildFields()
{
    m_fields.clear();
    static const Node none;
    const Node *spec = m_doc.root.value(u"spec");
    if (isAccountRule())
        accountRuleFields(spec ? *spec : none, m_fields);
    else
        userRuleFields(m_fields);
}

const FormField *RuleForm::field(const QString &id) const
{
    for (const FormField &f : m_fields) {
        if (f.id == id)
            return &f;
    }
    return nullptr;
}

FieldValue RuleForm::value(const FormField &field) const
{
    FieldValue v;
    const Node *n = nullptr;
    for (const QString &p : field.paths) {
        if ((n = nodeAt(m_doc.root, p)))
            break;
    }
    if (field.type == FieldType::Items) {
        v.amount = n && n->isSequence() ? qint64(n->items.size()) : 0;
        v.state = v.amount > 0 ? FieldValue::State::Set : FieldValue::State::NotSet;
        return v;
    }
    if (!n || n->isNull())
        return v;
    auto unreadable = [&] {
        v.state = FieldValue::State::Unreadable;
        v.text = asWritten(*n);
        return v;
    };
    v.state = FieldValue::State::Set;
    switch (field.type) {
    case FieldType::Count:
    case FieldType::Number: {
        const std::optional<qint64> x = wholeNumber(*n);
        if (!x || *x < (field.type == FieldType::Count ? -1 : 0))
            return unreadable();
        if (*x == -1)
            v.state = FieldValue::State::Unlimited;
        else
            v.amount = *x;
        return v;
    }
    case FieldType::Size: {
        const qint64 bytes = n->isScalar() ? sizeInBytes(n->toJson()) : -2;
        if (bytes == -2)
            return unreadable();
        if (bytes == -1)
            v.state = FieldValue::State::Unlimited;
        else
            splitUnits(field.type, bytes, v);
        return v;
    }
    case FieldType::Duration: {
        const std::optional<qint64> x = wholeNumber(*n);
        if (!x || *x < 0)
            return unreadable();
        splitUnits(field.type, *x, v);
        return v;
    }
    case FieldType::Bool: {
        const QJsonValue j = n->isScalar() ? n->toJson() : QJsonValue();
        if (!j.isBool())
            return unreadable();
        v.flag = j.toBool();
        return v;
    }
    case FieldType::Text:
    case FieldType::Choice:
        if (!n->isScalar())
            return unreadable();
        v.text = n->scalar;
        return v;
    case FieldType::List:
    case FieldType::ConnectionTypes:
        if (!n->isSequence())
            return unreadable();
        for (const Node &i : n->items) {
            if (!i.isScalar())
                return unreadable();
            v.items << i.scalar;
        }
        return v;
    case FieldType::TimeWindows:
        if (!n->isSequence())
            return unreadable();
        for (const Node &w : n->items) {
            if (!w.isMap())
                return unreadable();
            v.items << w.text(u"start") + u'-' + w.text(u"end");
        }
        return v;
    case FieldType::Items:
        break;
    }
    return v;
}

Status RuleForm::set(const QString &id, const FieldValue &value)
{
    const FormField *f = field(id);
    if (!f || f->type == FieldType::Items)
        return Error(ErrorCode::InvalidInput, Tr::tr("The form has no field %1.").arg(id));
    const FieldType type = f->type;

    // The new node, or none (the key goes).
    std::optional<Node> node;
    switch (value.state) {
    case FieldValue::State::NotSet:
        break;
    case FieldValue::State::Unreadable:
        return Error(ErrorCode::InvalidInput, Tr::tr("%1: write a value the form can show.").arg(f->label));
    case FieldValue::State::Unlimited:
        if (type != FieldType::Count && type != FieldType::Size)
            return Error(ErrorCode::InvalidInput, Tr::tr("%1 cannot be unlimited.").arg(f->label));
        node = plainScalarNode(S("-1"));
        break;
    case FieldValue::State::Set:
        switch (type) {
        case FieldType::Count:
        case FieldType::Number:
            if (value.amount < 0)
                return Error(ErrorCode::InvalidInput, Tr::tr("%1 must be 0 or more.").arg(f->label));
            node = plainScalarNode(QString::number(value.amount));
            break;
        case FieldType::Size: {
            static const char suffix[] = {'\0', 'k', 'm', 'g', 't'};
            const int unit = std::clamp(value.unit, 0, 4);
            if (value.amount < 0 || value.amount > std::numeric_limits<qint64>::max() / unitFactor(type, unit))
                return Error(ErrorCode::InvalidInput, Tr::tr("%1 must be a size of 0 or more.").arg(f->label));
            node = plainScalarNode(unit == 0 ? QString::number(value.amount)
                                             : QString::number(value.amount) + QLatin1Char(suffix[unit]));
            break;
        }
        case FieldType::Duration: {
            const qint64 factor = unitFactor(type, value.unit);
            if (value.amount < 0 || value.amount > std::numeric_limits<qint64>::max() / factor)
                return Error(ErrorCode::InvalidInput, Tr::tr("%1 must be a duration of 0 or more.").arg(f->label));
            node = plainScalarNode(QString::number(value.amount * factor));
            break;
        }
        case FieldType::Bool:
            node = plainScalarNode(value.flag ? S("true") : S("false"));
            break;
        case FieldType::Text:
        case FieldType::Choice:
            if (!value.text.isEmpty())
                node = Node::fromJson(QJsonValue(value.text));
            break;
        case FieldType::List:
        case FieldType::ConnectionTypes: {
            const QStringList items = cleanLines(value.items);
            if (type == FieldType::ConnectionTypes) {
                for (const QString &t : items) {
                    if (!connectionTypes().contains(t))
                        return Error(ErrorCode::InvalidInput, Tr::tr("%1 is not a connection type.").arg(t));
                }
            }
            if (!items.isEmpty())
                node = textSequence(items);
            break;
        }
        case FieldType::TimeWindows: {
            Node seq;
            seq.type = Node::Type::Sequence;
            for (const QString &line : cleanLines(value.items)) {
                const QRegularExpressionMatch m = windowPattern().match(line);
                if (!m.hasMatch() || !Nats::isValidClockTime(m.captured(1)) || !Nats::isValidClockTime(m.captured(2)))
                    return Error(ErrorCode::InvalidInput, Tr::tr("'%1' is not a time window: write 08:00:00-18:00:00.").arg(line));
                Node w;
                w.type = Node::Type::Map;
                // Quoted: "08:00:00" is the form of the Controller's examples.
                for (const auto &[key, at] : {std::pair{S("start"), 1}, std::pair{S("end"), 2}}) {
                    Node t = plainScalarNode(m.captured(at));
                    t.plain = false;
                    w.entries.push_back({key, 0, 0, t});
                }
                seq.items.push_back(w);
            }
            if (!seq.items.empty())
                node = seq;
            break;
        }
        case FieldType::Items:
            break;
        }
        break;
    }

    if (!node) {
        for (const QString &p : f->paths)
            removeAt(m_doc.root, p);
    } else {
        QString target = f->writePath;
        for (const QString &p : f->paths) {
            if (nodeAt(m_doc.root, p)) {
                target = p;
                break;
            }
        }
        QString why;
        Node *at = ensureAt(m_doc.root, target, &why);
        if (!at)
            return Error(ErrorCode::InvalidInput, why);
        *at = *node;
    }
    // A renamed export or import renames its group.
    if (f->item >= 0 && f->id.endsWith(u".name"))
        buildFields();
    return {};
}

Status RuleForm::addItem(const QString &list)
{
    if (!isAccountRule() || (list != u"exports" && list != u"imports"))
        return Error(ErrorCode::InvalidInput, Tr::tr("Only account rules have exports and imports."));
    QString why;
    Node *seq = ensureAt(m_doc.root, S("spec.") + list, &why);
    if (!seq)
        return Error(ErrorCode::InvalidInput, why);
    if (seq->isNull())
        seq->type = Node::Type::Sequence;
    if (!seq->isSequence())
        return Error(ErrorCode::InvalidInput, Tr::tr("spec.%1 in the YAML is not a list; change it there.").arg(list));
    Node item;
    item.type = Node::Type::Map;
    const QString name = (list == u"exports" ? S("export-") : S("import-")) + QString::number(seq->items.size() + 1);
    item.entries.push_back({S("name"), 0, 0, Node::fromJson(QJsonValue(name))});
    item.entries.push_back({S("subject"), 0, 0, Node::fromJson(QJsonValue(QString()))});
    item.entries.push_back({S("type"), 0, 0, plainScalarNode(S("stream"))});
    seq->items.push_back(item);
    buildFields();
    return {};
}

Status RuleForm::removeItem(const QString &list, int index)
{
    Node *spec = mutableValue(m_doc.root, S("spec"));
    Node *seq = spec && spec->isMap() ? mutableValue(*spec, list) : nullptr;
    if (!seq || !seq->isSequence() || index < 0 || index >= int(seq->items.size()))
        return Error(ErrorCode::InvalidInput, Tr::tr("There is no item %1 in spec.%2.").arg(index + 1).arg(list));
    seq->items.erase(seq->items.begin() + index);
    if (seq->items.empty())
        removeAt(m_doc.root, S("spec.") + list);
    buildFields();
    return {};
}

QByteArray RuleForm::text() const
{
    return canonical(m_doc);
}

} // namespace Pot::Manifest
