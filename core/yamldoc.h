#pragma once

// Internal adapter between yaml-cpp (which throws) and Pot::Result for the /yaml documents the
// console uploads. Only included by .cpp files of core: yaml-cpp is a private dependency of pot_core.

#include "core/result.h"

#include <QByteArray>

#include <yaml-cpp/yaml.h>

namespace Pot::YamlDoc {

/// Exactly one document of `text`. Syntax errors, an empty text and a second document are refused
/// with a message that names line and column (1-based).
Result<YAML::Node> loadOne(const QByteArray &text);

/// "Line L, column C: message" at `node` (or at `fallback` when node has no position).
Error errorAt(const YAML::Node &node, const YAML::Node &fallback, const QString &message);

} // namespace Pot::YamlDoc
