#pragma once

#include "app/cli/clicommand.h"

#include <vector>

namespace Pot::Cli {

/// rule validate, rule fmt, rule simulate: YAML manifests checked, written canonically, and NATS
/// user rules asked what nats-server would decide.
std::vector<Command> ruleCommands();

} // namespace Pot::Cli
