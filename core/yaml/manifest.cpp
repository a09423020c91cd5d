#include "manifest.h"

#include "core/tr.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <exception>

namespace Pot::Manifest {

namespace {

constexpr int MaxDepth = 64;
// Aliases are expanded into the tree; this bounds what a few anchors can blow up to.
constexpr int MaxNodes = 500000;

// The YAML 1.2 core schema as js-yaml applies it to plain (unquoted) scalars. yaml-cpp leaves plain
// scalars untyped (tag "?"), so the resolution is done here.
const QRegularExpression &intPattern()
{
    static const QRegularExpression re(QStringLiteral("^[-+]?(0|[1-9][0-9_]*)$"));
    return re;
}

const QRegularExpression &floatPattern()
{
    static const QRegularExpression re(
        QStringLiteral("^[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?$"));
    return re;
}

} // namespace

QJsonValue plainScalar(const QString &s)
{
    if (s.isEmpty() || s == u"~" || s == u"null" || s == u"Null" || s == u"NULL")
        return QJsonValue::Null;
    if (s == u"true" || s == u"True" || s == u"TRUE")
        return true;
    if (s == u"false" || s == u"False" || s == u"FALSE")
        return false;
    QString digits = s;
    digits.remove(u'_');
    if (intPattern().match(s).hasMatch()) {
        bool ok = false;
        const qint64 v = digits.toLongLong(&ok);
        if (ok)
            return double(v);
    }
    if (floatPattern().match(s).hasMatch()) {
        bool ok = false;
        const double v = digits.toDouble(&ok);
        if (ok && std::isfinite(v))
            return v;
    }
    return s;
}

namespace {

struct Converter
{
    int lineOffset = 0; ///< lines before the chunk the node was read from
    int documentIndex = 0;
    int nodes = 0;
    QList<Problem> *problems = nullptr;

    void problem(const YAML::Mark &mark, const QString &path, const QString &message)
    {
        Problem p;
        p.document = documentIndex;
        p.line = mark.is_null() ? 0 : mark.line + 1 + lineOffset;
        p.column = mark.is_null() ? 0 : mark.column + 1;
        p.path = path;
        p.message = message;
        problems->append(p);
    }

    /// false: the tree is unusable (too deep, too big).
    bool convert(const YAML::Node &in, Node &out, const QString &path, int depth)
    {
        if (++nodes > MaxNodes) {
            problem(in.Mark(), path, Tr::tr("The document is too large (more than %1 nodes once its aliases are expanded).").arg(MaxNodes));
            return false;
        }
        if (depth > MaxDepth) {
            problem(in.Mark(), path, Tr::tr("The document is nested too deeply."));
            return false;
        }
        const YAML::Mark mark = in.Mark();
        out.line = mark.is_null() ? 0 : mark.line + 1 + lineOffset;
        out.column = mark.is_null() ? 0 : mark.column + 1;
        switch (in.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null:
            out.type = Node::Type::Null;
            return true;
        case YAML::NodeType::Scalar:
            out.type = Node::Type::Scalar;
            out.scalar = QString::fromStdString(in.Scalar());
            out.plain = in.Tag() == "?";
            return true;
        case YAML::NodeType::Sequence: {
            out.type = Node::Type::Sequence;
            int i = 0;
            for (const YAML::Node &item : in) {
                Node child;
                if (!convert(item, child, QStringLiteral("%1[%2]").arg(path).arg(i++), depth + 1))
                    return false;
                out.items.push_back(std::move(child));
            }
            return true;
        }
        case YAML::NodeType::Map: {
            out.type = Node::Type::Map;
            for (const auto &pair : in) {
                if (!pair.first.IsScalar()) {
                    problem(pair.first.Mark(), path, Tr::tr("A key must be a plain text."));
                    continue;
                }
                Node::Entry entry;
                entry.key = QString::fromStdString(pair.first.Scalar());
                const YAML::Mark keyMark = pair.first.Mark();
                entry.line = keyMark.is_null() ? 0 : keyMark.line + 1 + lineOffset;
                entry.column = keyMark.is_null() ? 0 : keyMark.column + 1;
                const QString childPath = path.isEmpty() ? entry.key : path + u'.' + entry.key;
                if (out.entry(entry.key)) {
                    // js-yaml refuses duplicated keys ("duplicated mapping key"); so do we.
                    problem(keyMark, childPath, Tr::tr("The key %1 appears twice.").arg(entry.key));
                    continue;
                }
                if (!convert(pair.second, entry.value, childPath, depth + 1))
                    return false;
                out.entries.push_back(std::move(entry));
            }
            return true;
        }
        }
        return true;
    }
};

struct Chunk
{
    QByteArray text;
    int firstLine = 0; ///< 0-based line of the chunk's first line in the whole text
};

bool isSeparator(QByteArrayView line)
{
    if (!line.startsWith("---"))
        return false;
    return line.size() == 3 || line.at(3) == ' ' || line.at(3) == '\t' || line.at(3) == '\r';
}

/// The text cut at `---` lines (a line of its own at column 0: inside block scalars content is
/// indented, so such a line always separates documents).
QList<Chunk> chunks(const QByteArray &text)
{
    QList<Chunk> out;
    Chunk current;
    int lineNo = 0;
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        const QByteArrayView line(text.constData() + start, end - start);
        if (isSeparator(line) && !current.text.trimmed().isEmpty()) {
            out << current;
            current = Chunk{{}, lineNo};
        } else if (isSeparator(line)) {
            current = Chunk{{}, lineNo};
        }
        current.text.append(line.data(), line.size());
        current.text.append('\n');
        ++lineNo;
        if (end == text.size())
            break;
        start = end + 1;
    }
    out << current;
    return out;
}

bool onlyComments(const QByteArray &text)
{
    for (const QByteArray &line : text.split('\n')) {
        const QByteArray t = line.trimmed();
        if (!t.isEmpty() && !t.startsWith('#') && t != "---" && t != "...")
            return false;
    }
    return true;
}

// ---- canonical output --------------------------------------------------------------------------

/// Preferred key order of the maps of a manifest, by path ("" = root, "spec", "spec.limits",
/// "rules[]" for every item of rules). Keys not listed follow in their original order.
QStringList orderFor(const QString &kind, const QString &path)
{
    static const QHash<QString, QStringList> common = {
        {QString(), {QStringLiteral("apiVersion"), QStringLiteral("kind"), QStringLiteral("metadata"),
                     QStringLiteral("type"), QStringLiteral("spec"), QStringLiteral("data"),
                     QStringLiteral("rules"), QStringLiteral("roleRef"), QStringLiteral("subjects")}},
        {QStringLiteral("metadata"), {QStringLiteral("name"), QStringLiteral("applicationName"),
                                      QStringLiteral("namespace"), QStringLiteral("tags")}},
        {QStringLiteral("rules[]"), {QStringLiteral("apiGroups"), QStringLiteral("resources"),
                                     QStringLiteral("verbs"), QStringLiteral("resourceNames")}},
        {QStringLiteral("roleRef"), {QStringLiteral("kind"), QStringLiteral("name"), QStringLiteral("apiGroup")}},
        {QStringLiteral("subjects[]"), {QStringLiteral("kind"), QStringLiteral("name"), QStringLiteral("apiGroup")}},
    };
    static const QHash<QString, QStringList> perKind = {
        {QStringLiteral("NatsAccountRule/spec"),
         {QStringLiteral("description"), QStringLiteral("info_url"), QStringLiteral("infoUrl"),
          QStringLiteral("limits"), QStringLiteral("tiered_limits"), QStringLiteral("tieredLimits"),
          QStringLiteral("exports"), QStringLiteral("imports"), QStringLiteral("default_permissions")}},
        {QStringLiteral("NatsAccountRule/spec.limits"),
         {QStringLiteral("conn"), QStringLiteral("leaf"), QStringLiteral("subs"), QStringLiteral("payload"),
          QStringLiteral("data"), QStringLiteral("imports"), QStringLiteral("exports"),
          QStringLiteral("wildcards"), QStringLiteral("disallow_bearer"), QStringLiteral("mem_storage"),
          QStringLiteral("disk_storage"), QStringLiteral("streams"), QStringLiteral("consumer"),
          QStringLiteral("max_ack_pending"), QStringLiteral("mem_max_stream_bytes"),
          QStringLiteral("disk_max_stream_bytes"), QStringLiteral("max_bytes_required")}},
        {QStringLiteral("NatsAccountRule/spec.imports[]"),
         {QStringLiteral("name"), QStringLiteral("subject"), QStringLiteral("type"), QStringLiteral("account"),
          QStringLiteral("local_subject"), QStringLiteral("to"), QStringLiteral("token"), QStringLiteral("share")}},
        {QStringLiteral("NatsAccountRule/spec.exports[]"),
         {QStringLiteral("name"), QStringLiteral("subject"), QStringLiteral("type"),
          QStringLiteral("description"), QStringLiteral("info_url"), QStringLiteral("token_req"),
          QStringLiteral("response_type"), QStringLiteral("response_threshold"),
          QStringLiteral("account_token_position"), QStringLiteral("advertise")}},
        {QStringLiteral("NatsAccountRule/spec.default_permissions"),
         {QStringLiteral("pub"), QStringLiteral("sub"), QStringLiteral("resp")}},
        {QStringLiteral("NatsUserRule/spec"),
         {QStringLiteral("description"), QStringLiteral("subs"), QStringLiteral("maxSubscriptions"),
          QStringLiteral("payload"), QStringLiteral("maxPayload"), QStringLiteral("maxData"),
          QStringLiteral("bearer_token"), QStringLiteral("bearerToken"), QStringLiteral("proxy_required"),
          QStringLiteral("proxyRequired"), QStringLiteral("allowed_connection_types"),
          QStringLiteral("allowedConnectionTypes"), QStringLiteral("src"), QStringLiteral("times"),
          QStringLiteral("times_location"), QStringLiteral("timesLocation"), QStringLiteral("pub"),
          QStringLiteral("sub"), QStringLiteral("resp"), QStringLiteral("tags")}},
        {QStringLiteral("Certificate/spec"),
         {QStringLiteral("subject"), QStringLiteral("hosts"), QStringLiteral("expiration"), QStringLiteral("ca")}},
        {QStringLiteral("CertificateAuthority/spec"),
         {QStringLiteral("type"), QStringLiteral("subject"), QStringLiteral("expiration"), QStringLiteral("secretName")}},
    };
    const QString generic = QString(path).replace(QRegularExpression(QStringLiteral("\\[\\d+\\]")), QStringLiteral("[]"));
    QStringList order = perKind.value(kind + u'/' + generic);
    if (order.isEmpty())
        order = common.value(generic);
    if (order.isEmpty() && (generic.endsWith(u".pub") || generic.endsWith(u".sub")))
        order = {QStringLiteral("allow"), QStringLiteral("deny")};
    if (order.isEmpty() && generic.endsWith(u".resp"))
        order = {QStringLiteral("max"), QStringLiteral("ttl")};
    if (order.isEmpty() && generic.endsWith(u"times[]"))
        order = {QStringLiteral("start"), QStringLiteral("end")};
    return order;
}

void emitNode(YAML::Emitter &out, const Node &node, const QString &kind, const QString &path);

void emitScalar(YAML::Emitter &out, const Node &node)
{
    const std::string text = node.scalar.toStdString();
    if (node.scalar.contains(u'\n')) {
        out << YAML::Literal << text;
    } else if (node.plain) {
        // A plain scalar keeps its type by staying plain (5, true, foo.>); the emitter quotes only
        // what could not be read back otherwise.
        out << text;
    } else if (plainScalar(node.scalar) != QJsonValue(node.scalar) || node.scalar.trimmed() != node.scalar) {
        out << YAML::DoubleQuoted << text; // would read back as another type
    } else {
        out << text;
    }
}

bool allScalars(const Node &node)
{
    for (const Node &item : node.items) {
        if (item.isMap() || item.isSequence() || item.scalar.contains(u'\n'))
            return false;
    }
    return true;
}

void emitMap(YAML::Emitter &out, const Node &node, const QString &kind, const QString &path)
{
    if (node.entries.empty()) {
        out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
        return;
    }
    out << YAML::BeginMap;
    const QStringList order = orderFor(kind, path);
    auto emitEntry = [&](const Node::Entry &e) {
        out << YAML::Key << e.key.toStdString() << YAML::Value;
        emitNode(out, e.value, kind, path.isEmpty() ? e.key : path + u'.' + e.key);
    };
    for (const QString &key : order) {
        if (const Node::Entry *e = node.entry(key))
            emitEntry(*e);
    }
    for (const Node::Entry &e : node.entries) {
        if (!order.contains(e.key))
            emitEntry(e);
    }
    out << YAML::EndMap;
}

void emitNode(YAML::Emitter &out, const Node &node, const QString &kind, const QString &path)
{
    switch (node.type) {
    case Node::Type::Null:
        out << YAML::Null;
        break;
    case Node::Type::Scalar:
        emitScalar(out, node);
        break;
    case Node::Type::Sequence:
        if (node.items.empty() || allScalars(node))
            out << YAML::Flow;
        out << YAML::BeginSeq;
        for (std::size_t i = 0; i < node.items.size(); ++i)
            emitNode(out, node.items.at(i), kind, QStringLiteral("%1[%2]").arg(path).arg(i));
        out << YAML::EndSeq;
        break;
    case Node::Type::Map:
        emitMap(out, node, kind, path);
        break;
    }
}

} // namespace

QString Problem::toString() const
{
    const QString where = line > 0 ? QStringLiteral("%1:%2: ").arg(line).arg(column) : QString();
    const QString what = severity == Severity::Error ? Tr::tr("error") : Tr::tr("warning");
    return where + what + QStringLiteral(": ") + (path.isEmpty() ? QString() : path + QStringLiteral(": ")) + message;
}

const Node::Entry *Node::entry(QStringView key) const
{
    if (type != Type::Map)
        return nullptr;
    for (const Entry &e : entries) {
        if (e.key == key)
            return &e;
    }
    return nullptr;
}

const Node *Node::value(QStringView key) const
{
    const Entry *e = entry(key);
    return e ? &e->value : nullptr;
}

QString Node::text(QStringView key) const
{
    const Node *v = value(key);
    return v && v->isScalar() ? v->scalar : QString();
}

QJsonValue Node::toJson() const
{
    switch (type) {
    case Type::Null:
        return QJsonValue::Null;
    case Type::Scalar:
        return plain ? plainScalar(scalar) : QJsonValue(scalar);
    case Type::Sequence: {
        QJsonArray a;
        for (const Node &item : items)
            a.append(item.toJson());
        return a;
    }
    case Type::Map: {
        QJsonObject o;
        for (const Entry &e : entries)
            o.insert(e.key, e.value.toJson());
        return o;
    }
    }
    return QJsonValue::Null;
}

Node Node::fromJson(const QJsonValue &value)
{
    Node n;
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    case QJsonValue::Bool:
        n.type = Type::Scalar;
        n.scalar = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        break;
    case QJsonValue::Double: {
        n.type = Type::Scalar;
        const double d = value.toDouble();
        n.scalar = std::floor(d) == d && std::abs(d) < 9e15 ? QString::number(qint64(d))
                                                            : QString::number(d, 'g', 17);
        break;
    }
    case QJsonValue::String:
        n.type = Type::Scalar;
        n.scalar = value.toString();
        n.plain = plainScalar(n.scalar) == QJsonValue(n.scalar);
        break;
    case QJsonValue::Array:
        n.type = Type::Sequence;
        for (const QJsonValue &v : value.toArray())
            n.items.push_back(fromJson(v));
        break;
    case QJsonValue::Object: {
        n.type = Type::Map;
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            n.entries.push_back(Entry{it.key(), 0, 0, fromJson(it.value())});
        break;
    }
    }
    return n;
}

QString Document::name() const
{
    const Node *metadata = root.value(u"metadata");
    return metadata ? metadata->text(u"name") : QString();
}

Parsed parse(const QByteArray &text)
{
    Parsed parsed;
    if (text.trimmed().isEmpty() || onlyComments(text)) {
        parsed.problems << Problem{0, 0, 0, Severity::Error, {}, Tr::tr("The text is empty.")};
        return parsed;
    }
    int index = 0;
    for (const Chunk &chunk : chunks(text)) {
        if (onlyComments(chunk.text))
            continue;
        Converter converter{chunk.firstLine, index, 0, &parsed.problems};
        try {
            const YAML::Node node = YAML::Load(std::string(chunk.text.constData(), std::size_t(chunk.text.size())));
            Document doc;
            doc.index = index;
            doc.line = chunk.firstLine + 1;
            if (converter.convert(node, doc.root, QString(), 0))
                parsed.documents << std::move(doc);
        } catch (const YAML::Exception &e) {
            converter.problem(e.mark, QString(), QString::fromStdString(e.msg));
        } catch (const std::exception &e) {
            converter.problem(YAML::Mark::null_mark(), QString(),
                              Tr::tr("The text could not be read as YAML: %1").arg(QString::fromLocal8Bit(e.what())));
        }
        ++index;
    }
    return parsed;
}

QByteArray canonical(const Document &document)
{
    YAML::Emitter out;
    out.SetIndent(2);
    out.SetNullFormat(YAML::LowerNull);
    emitNode(out, document.root, document.kind(), QString());
    return QByteArray(out.c_str(), qsizetype(out.size())) + '\n';
}

QByteArray canonical(const QList<Document> &documents)
{
    QByteArray text;
    for (const Document &d : documents) {
        if (!text.isEmpty())
            text += "---\n";
        text += canonical(d);
    }
    return text;
}

QByteArray documentText(const QByteArray &text, int startLine)
{
    const QList<QByteArray> lines = text.split('\n');
    static const QRegularExpression separator(QStringLiteral("^---\\s*$"));
    const auto isSeparator = [&lines](qsizetype i) { return separator.match(QString::fromUtf8(lines.at(i))).hasMatch(); };
    qsizetype from = std::clamp<qsizetype>(startLine - 1, 0, lines.size());
    if (from < lines.size() && isSeparator(from)) {
        ++from;
    } else {
        while (from > 0 && !isSeparator(from - 1))
            --from;
    }
    QByteArray out;
    for (qsizetype i = from; i < lines.size() && !isSeparator(i); ++i)
        out += lines.at(i) + '\n';
    return out;
}

} // namespace Pot::Manifest
