#pragma once

#include "app/cli/clicommand.h"

#include <vector>

namespace Pot::Cli {

/// profile list|show|use|add|remove|import|export over the console's own profiles.yaml.
std::vector<Command> profileCommands();

} // namespace Pot::Cli
