#include "yamljson.h"

#include "core/tr.h"
#include "core/yaml/manifest.h"

#include <yaml-cpp/yaml.h>

#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

namespace Pot::Resources {

namespace {

using Manifest::plainScalar;

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
    const Manifest::Parsed parsed = Manifest::parse(text);
    if (!parsed.problems.isEmpty()) {
        const Manifest::Problem &p = parsed.problems.first();
        if (p.line <= 0)
            return Error(ErrorCode::InvalidInput, p.message);
        return Error(ErrorCode::InvalidInput,
                     Tr::tr("Line %1, column %2: %3").arg(p.line).arg(p.column).arg(p.message));
    }
    if (parsed.documents.size() > 1) {
        const Manifest::Document &second = parsed.documents.at(1);
        return Error(ErrorCode::InvalidInput,
                     Tr::tr("Line %1, column %2: %3")
                         .arg(second.line)
                         .arg(1)
                         .arg(Tr::tr("Only one document per upload: remove the second one (after ---).")));
    }
    return parsed.documents.first().root.toJson();
}

QByteArray jsonToYaml(const QJsonObject &object, const QStringList &order)
{
    YAML::Emitter out;
    out.SetIndent(2);
    emitObject(out, object, order);
    return QByteArray(out.c_str(), qsizetype(out.size())) + '\n';
}

} // namespace Pot::Resources
