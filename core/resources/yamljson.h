#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>

namespace Pot::Resources {

/// Reads one YAML document into JSON the way the Controller's js-yaml (core schema) reads it: plain
/// scalars `true`/`false`, `null`/`~`, integers and floats become JSON booleans, null and numbers;
/// quoted scalars stay strings. Errors name the line and column (1-based). More than one document
/// is refused: the Controller's /yaml endpoints read one.
Result<QJsonValue> yamlToJson(const QByteArray &text);

/// The object as YAML, keys in the order given by `order` first (e.g. apiVersion, kind,
/// metadata, spec), then the rest alphabetically. Strings that would read back as another type
/// ("true", "5", "") are quoted; multi-line strings are written as literal blocks.
QByteArray jsonToYaml(const QJsonObject &object, const QStringList &order = {});

} // namespace Pot::Resources
