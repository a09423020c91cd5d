#pragma once

#include "app/cli/clicommand.h"

namespace Pot::Cli {

/// completion bash|zsh|fish: a completion script made from the command list and the kind names,
/// so it cannot drift from them. The .deb installs all three.
Command completionCommand();

} // namespace Pot::Cli
