#include "yamljson.h"

#include "core/tr.h"
#include "core/yamldoc.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

namespace Pot::Resources {

namespace {

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

Result<QJsonValue> toJson(const YAML::Node &node, int depth)
{
    if (depth > 64)
        return YamlDoc::errorAt(node, node, Tr::tr("The YAML is nested too deeply."));
    switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        return QJsonValue(QJsonValue::Null);
    case YAML::NodeType::Scalar: {
        const QString text = QString::fromStdString(node.Scalar());
        return node.Tag() == "?" ? plainScalar(text) : QJsonValue(text);
    }
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const YAML::Node &item : node) {
            Result<QJsonValue> v = toJson(item, depth + 1);
            if (!v)
                return v;
            array.append(*v);
        }
        return QJsonValue(array);
    }
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (const auto &entry : node) {
            if (!entry.first.IsScalar())
                return YamlDoc::errorAt(entry.first, node, Tr::tr("A key must be a plain text."));
            const QString key = QString::fromStdString(entry.first.Scalar());
            if (object.contains(key))
                return YamlDoc::errorAt(entry.first, node,
                                        Tr::tr("The key %1 appears twice.").arg(key));
            Result<QJsonValue> v = toJson(entry.second, depth + 1);
            if (!v)
                return v;
            object.insert(key, *v);
        }
        return QJsonValue(object);
    }
    }
    return QJsonValue(QJsonValue::Null);
}

void emitValue(YAML::Emitter &out, const QJsonValue &v);

void emitString(YAML::Emitter &out, const QString &s)
{
    const std::string text = s.toStdString();
    if (s.contains(u'\n'))
        out << YAML::Literal << text;
    else if (plainScalar(s) != QJsonValue(s) || s.trimmed() != s)
        out << YAML::DoubleQuoted << text;
    else
        out << text;
}

void emitObject(YAML::Emitter &out, const QJsonObject &object, const QStringList &order)
{
    out << YAML::BeginMap;
    for (const QString &key : order) {
        if (object.contains(key)) {
            out << YAML::Key << key.toStdString() << YAML::Value;
            emitValue(out, object.value(key));
        }
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (order.contains(it.key()))
            continue;
        out << YAML::Key;
        emitString(out, it.key());
        out << YAML::Value;
        emitValue(out, it.value());
    }
    out << YAML::EndMap;
}

void emitValue(YAML::Emitter &out, const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out << YAML::Null;
        break;
    case QJsonValue::Bool:
        out << v.toBool();
        break;
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (std::floor(d) == d && std::abs(d) < 9e15)
            out << qint64(d);
        else
            out << d;
        break;
    }
    case QJsonValue::String:
        emitString(out, v.toString());
        break;
    case QJsonValue::Array:
        out << YAML::BeginSeq;
        for (const QJsonValue &item : v.toArray())
            emitValue(out, item);
        out << YAML::EndSeq;
        break;
    case QJsonValue::Object:
        emitObject(out, v.toObject(), {});
        break;
    }
}

} // namespace

Result<QJsonValue> yamlToJson(const QByteArray &text)
{
    Result<YAML::Node> doc = YamlDoc::loadOne(text);
    if (!doc)
        return doc.error();
    try {
        return toJson(*doc, 0);
    } catch (const YAML::Exception &e) {
        return Error(ErrorCode::InvalidInput, Tr::tr("The YAML could not be read."),
                     QString::fromStdString(e.msg));
    }
}

QByteArray jsonToYaml(const QJsonObject &object, const QStringList &order)
{
    YAML::Emitter out;
    out.SetIndent(2);
    emitObject(out, object, order);
    return QByteArray(out.c_str(), qsizetype(out.size())) + '\n';
}

} // namespace Pot::Resources
