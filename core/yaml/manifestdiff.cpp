#include "manifestdiff.h"

#include "core/tr.h"
#include "core/yaml/manifestcheck.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Pot::Manifest {

namespace {

QString S(const char *s)
{
    return QString::fromLatin1(s);
}

/// Sizes as the Controller stores them (bytes); anything else as given.
QJsonValue sized(const QJsonValue &v)
{
    const qint64 bytes = sizeInBytes(v);
    return bytes == -2 ? v : QJsonValue(double(bytes));
}

const QStringList &sizeFields()
{
    static const QStringList f{S("maxData"), S("maxMsgPayload"), S("memStorage"), S("diskStorage"),
                               S("memMaxStreamBytes"), S("diskMaxStreamBytes"), S("maxPayload")};
    return f;
}

/// Sets `json` from the alias only when the JSON name itself is not given (it wins).
void alias(QJsonObject &model, const QJsonObject &spec, const QString &from, const QString &json)
{
    if (!spec.contains(json) && spec.contains(from))
        model.insert(json, spec.value(from));
}

void permissions(QJsonObject &model, const QJsonObject &spec, const QJsonObject &perm)
{
    const struct { const char *dir, *which, *json; } map[] = {
        {"pub", "allow", "pubAllow"}, {"pub", "deny", "pubDeny"}, {"sub", "allow", "subAllow"}, {"sub", "deny", "subDeny"}};
    for (const auto &m : map) {
        const QJsonObject d = perm.value(S(m.dir)).toObject();
        if (!spec.contains(S(m.json)) && d.contains(S(m.which)))
            model.insert(S(m.json), d.value(S(m.which)));
    }
    const QJsonObject resp = perm.value(u"resp").toObject();
    if (!spec.contains(u"respMax") && resp.contains(u"max"))
        model.insert(S("respMax"), resp.value(u"max"));
    if (!spec.contains(u"respTtl") && resp.contains(u"ttl"))
        model.insert(S("respTtl"), resp.value(u"ttl"));
}

QJsonObject accountRule(const QJsonObject &spec)
{
    QJsonObject m;
    static const QStringList dropped{S("jetstream"), S("jetstreamEnabled"), S("limits"), S("default_permissions"),
                                     S("info_url"), S("tiered_limits")};
    for (auto it = spec.begin(); it != spec.end(); ++it) {
        if (!dropped.contains(it.key()))
            m.insert(it.key(), it.value());
    }
    alias(m, spec, S("info_url"), S("infoUrl"));
    alias(m, spec, S("tiered_limits"), S("tieredLimits"));
    const QJsonObject limits = spec.value(u"limits").toObject();
    const struct { const char *nats, *json; } map[] = {
        {"conn", "maxConnections"}, {"leaf", "maxLeafNodeConnections"}, {"data", "maxData"},
        {"exports", "maxExports"}, {"imports", "maxImports"}, {"payload", "maxMsgPayload"},
        {"subs", "maxSubscriptions"}, {"wildcards", "exportsAllowWildcards"}, {"disallow_bearer", "disallowBearer"},
        {"mem_storage", "memStorage"}, {"disk_storage", "diskStorage"}, {"streams", "streams"},
        {"consumer", "consumer"}, {"max_ack_pending", "maxAckPending"}, {"mem_max_stream_bytes", "memMaxStreamBytes"},
        {"disk_max_stream_bytes", "diskMaxStreamBytes"}, {"max_bytes_required", "maxBytesRequired"}};
    // A JSON name directly in spec wins over limits.*.
    for (const auto &l : map) {
        if (spec.contains(S(l.json)))
            m.insert(S(l.json), spec.value(S(l.json)));
        else if (limits.contains(S(l.nats)))
            m.insert(S(l.json), limits.value(S(l.nats)));
    }
    permissions(m, spec, spec.value(u"default_permissions").toObject());
    return m;
}

QJsonObject userRule(const QJsonObject &spec)
{
    QJsonObject m;
    static const QStringList dropped{S("pub"), S("sub"), S("resp"), S("allowed_connection_types"), S("bearer_token"),
                                     S("proxy_required"), S("times_location"), S("subs"), S("payload")};
    for (auto it = spec.begin(); it != spec.end(); ++it) {
        if (!dropped.contains(it.key()))
            m.insert(it.key(), it.value());
    }
    alias(m, spec, S("subs"), S("maxSubscriptions"));
    alias(m, spec, S("payload"), S("maxPayload"));
    alias(m, spec, S("bearer_token"), S("bearerToken"));
    alias(m, spec, S("proxy_required"), S("proxyRequired"));
    alias(m, spec, S("allowed_connection_types"), S("allowedConnectionTypes"));
    alias(m, spec, S("times_location"), S("timesLocation"));
    permissions(m, spec, spec);
    return m;
}

QString shown(const QJsonValue &v)
{
    if (v.isUndefined())
        return Tr::tr("(not set)");
    if (v.isNull())
        return QStringLiteral("null");
    if (v.isString())
        return v.toString();
    if (v.isDouble()) {
        const double d = v.toDouble();
        return d == qint64(d) ? QString::number(qint64(d)) : QString::number(d);
    }
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    QString text = QString::fromUtf8(v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                                                 : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (text.size() > 120)
        text = text.left(117) + QStringLiteral("…");
    return text;
}

bool absent(const QJsonValue &v)
{
    return v.isUndefined() || v.isNull();
}

void diffInto(QList<Change> &out, const QString &prefix, const QJsonObject &live, const QJsonObject &edited,
              bool merge, bool top)
{
    QStringList keys = live.keys();
    for (const QString &k : edited.keys()) {
        if (!keys.contains(k))
            keys << k;
    }
    for (const QString &k : keys) {
        if (top && serverFields().contains(k))
            continue;
        const QString path = prefix.isEmpty() ? k : prefix + u'.' + k;
        const QJsonValue before = live.value(k);
        const bool inEdit = edited.contains(k);
        const QJsonValue after = edited.value(k);
        if (!inEdit) {
            if (absent(before))
                continue;
            out << Change{merge ? Change::Type::Kept : Change::Type::Removed, path, before, merge ? before : QJsonValue()};
            continue;
        }
        if (absent(before) && absent(after))
            continue;
        if (before.isObject() && after.isObject()) {
            diffInto(out, path, before.toObject(), after.toObject(), false, false);
            continue;
        }
        if (absent(before))
            out << Change{Change::Type::Added, path, QJsonValue(QJsonValue::Undefined), after};
        else if (absent(after))
            out << Change{Change::Type::Removed, path, before, after};
        else if (before != after)
            out << Change{Change::Type::Changed, path, before, after};
    }
}

} // namespace

const QStringList &serverFields()
{
    static const QStringList f{S("id"), S("createdAt"), S("updatedAt"), S("created_at"), S("updated_at"),
                               S("isSystem"), S("roleId"), S("applicationId")};
    return f;
}

QJsonObject modelOf(const Document &document)
{
    const QJsonObject root = document.root.toJson().toObject();
    const QString kind = document.kind();
    const QJsonObject spec = root.value(u"spec").toObject();
    QJsonObject m;
    if (kind == u"NatsAccountRule")
        m = accountRule(spec);
    else if (kind == u"NatsUserRule")
        m = userRule(spec);
    else if (kind == u"Role" || kind == u"RoleBinding" || kind == u"ServiceAccount") {
        for (const char *k : {"rules", "roleRef", "subjects"}) {
            if (root.contains(S(k)))
                m.insert(S(k), root.value(S(k)));
        }
        if (kind == u"ServiceAccount")
            m.insert(S("applicationName"), root.value(u"metadata").toObject().value(u"applicationName"));
        if (kind != u"ServiceAccount")
            m.insert(S("kind"), kind);
    } else {
        m = spec;
        for (const char *k : {"type", "data"}) {
            if (root.contains(S(k)))
                m.insert(S(k), root.value(S(k)));
        }
    }
    for (const QString &f : sizeFields()) {
        if (m.contains(f))
            m.insert(f, sized(m.value(f)));
    }
    m.insert(S("name"), document.name());
    return m;
}

QList<Change> diff(const QJsonObject &live, const QJsonObject &edited, bool merge)
{
    QList<Change> out;
    diffInto(out, QString(), live, edited, merge, true);
    return out;
}

QJsonObject predicted(const QJsonObject &live, const QJsonObject &edited, bool merge)
{
    if (!merge)
        return edited;
    QJsonObject out = live;
    for (auto it = edited.begin(); it != edited.end(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

QString describe(const Change &c)
{
    switch (c.type) {
    case Change::Type::Added:
        return Tr::tr("%1: set to %2").arg(c.path, shown(c.after));
    case Change::Type::Removed:
        return Tr::tr("%1: %2 removed").arg(c.path, shown(c.before));
    case Change::Type::Changed:
        return Tr::tr("%1: %2 → %3").arg(c.path, shown(c.before), shown(c.after));
    case Change::Type::Kept:
        return Tr::tr("%1: stays %2 (left out of the document; the update changes only the fields it names)")
            .arg(c.path, shown(c.before));
    }
    return c.path;
}

} // namespace Pot::Manifest
