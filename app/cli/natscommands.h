#pragma once

#include "app/cli/clicommand.h"

#include <vector>

namespace Pot::Cli {

/// jwt decode, jwt verify, creds check, creds export.
std::vector<Command> natsCommands();

} // namespace Pot::Cli
