#include "yamlreader.h"

#include "core/tr.h"

namespace Pot::Profiles::Yaml {

Result<std::vector<YAML::Node>> loadAll(const QByteArray &text, const QString &source)
{
    try {
        return YAML::LoadAll(std::string(text.constData(), std::size_t(text.size())));
    } catch (const YAML::Exception &e) {
        const QString what = QString::fromStdString(e.msg);
        if (e.mark.is_null())
            return Error(ErrorCode::InvalidInput, Tr::tr("%1 is not valid YAML: %2").arg(source, what));
        return Error(ErrorCode::InvalidInput,
                     Tr::tr("%1 is not valid YAML (line %2, column %3): %4")
                         .arg(source)
                         .arg(e.mark.line + 1)
                         .arg(e.mark.column + 1)
                         .arg(what));
    } catch (const std::exception &e) {
        return Error(ErrorCode::InvalidInput, Tr::tr("%1 could not be read as YAML.").arg(source),
                     QString::fromLocal8Bit(e.what()));
    }
}

QString where(const QString &source, const YAML::Node &node)
{
    const YAML::Mark mark = node.Mark();
    if (mark.is_null())
        return source;
    return Tr::tr("%1, line %2, column %3").arg(source).arg(mark.line + 1).arg(mark.column + 1);
}

YAML::Node FieldReader::scalarAt(const YAML::Node &map, const char *key)
{
    if (!map.IsMap())
        return YAML::Node(YAML::NodeType::Undefined);
    const YAML::Node node = map[key];
    if (!node.IsDefined() || node.IsNull())
        return YAML::Node(YAML::NodeType::Undefined);
    if (!node.IsScalar()) {
        fail(node, Tr::tr("\"%1\" must be a single value.").arg(QString::fromLatin1(key)));
        return YAML::Node(YAML::NodeType::Undefined);
    }
    return node;
}

QString FieldReader::string(const YAML::Node &map, const char *key)
{
    const YAML::Node node = scalarAt(map, key);
    if (!node.IsDefined())
        return {};
    return QString::fromStdString(node.Scalar());
}

bool FieldReader::boolean(const YAML::Node &map, const char *key, bool fallback)
{
    const YAML::Node node = scalarAt(map, key);
    if (!node.IsDefined())
        return fallback;
    bool value = fallback;
    if (!YAML::convert<bool>::decode(node, value)) {
        fail(node, Tr::tr("\"%1\" must be true or false.").arg(QString::fromLatin1(key)));
        return fallback;
    }
    return value;
}

qint64 FieldReader::integer(const YAML::Node &map, const char *key, qint64 fallback)
{
    const YAML::Node node = scalarAt(map, key);
    if (!node.IsDefined())
        return fallback;
    bool ok = false;
    const qint64 value = QString::fromStdString(node.Scalar()).trimmed().toLongLong(&ok);
    if (!ok) {
        // ECN-Viewer writes numbers from JavaScript, which may carry a fraction ("3000.0").
        const double d = QString::fromStdString(node.Scalar()).trimmed().toDouble(&ok);
        if (ok && d >= -9.0e15 && d <= 9.0e15)
            return qint64(d);
        fail(node, Tr::tr("\"%1\" must be a whole number.").arg(QString::fromLatin1(key)));
        return fallback;
    }
    return value;
}

YAML::Node FieldReader::child(const YAML::Node &map, const char *key)
{
    if (!map.IsMap())
        return YAML::Node(YAML::NodeType::Undefined);
    const YAML::Node node = map[key];
    if (!node.IsDefined() || node.IsNull())
        return YAML::Node(YAML::NodeType::Undefined);
    return node;
}

void FieldReader::fail(const YAML::Node &at, const QString &message)
{
    if (!ok())
        return;
    m_error = Error(ErrorCode::InvalidInput, where(m_source, at) + u": " + message);
}

} // namespace Pot::Profiles::Yaml
