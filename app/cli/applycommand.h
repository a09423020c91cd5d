#pragma once

#include "app/cli/clicommand.h"

namespace Pot::Cli {

/// apply -f FILE|- [--dry-run] [--diff]: the console's manifest layer (core/yaml and the kinds'
/// YAML routes through core/resources/yamlapply) against a control plane.
Command applyCommand();

} // namespace Pot::Cli
