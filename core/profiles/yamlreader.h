#pragma once

// Internal adapter between yaml-cpp (which throws) and Pot::Result. Only included by .cpp files of
// core/profiles: yaml-cpp is a private dependency of pot_core.

#include "core/result.h"

#include <QByteArray>
#include <QString>

#include <yaml-cpp/yaml.h>

#include <vector>

namespace Pot::Profiles::Yaml {

/// Parses every document of `text`. Syntax errors name the source, line and column (1-based).
Result<std::vector<YAML::Node>> loadAll(const QByteArray &text, const QString &source);

/// Where a node sits, for messages: "<source>, line L, column C".
QString where(const QString &source, const YAML::Node &node);

/// Reads typed fields out of YAML maps, keeping the first problem. Missing or null keys give the
/// fallback; unknown keys are simply never asked for.
class FieldReader final
{
public:
    explicit FieldReader(QString source) : m_source(std::move(source)) {}

    QString string(const YAML::Node &map, const char *key);
    bool boolean(const YAML::Node &map, const char *key, bool fallback);
    qint64 integer(const YAML::Node &map, const char *key, qint64 fallback);
    /// The child map/sequence under `key`, or an undefined node.
    YAML::Node child(const YAML::Node &map, const char *key);

    void fail(const YAML::Node &at, const QString &message);
    bool ok() const { return m_error.code == ErrorCode::None; }
    const Error &error() const { return m_error; }
    const QString &source() const { return m_source; }

private:
    YAML::Node scalarAt(const YAML::Node &map, const char *key);

    QString m_source;
    Error m_error;
};

inline std::string toStd(const QString &s)
{
    return s.toStdString();
}

} // namespace Pot::Profiles::Yaml
