#pragma once

#include "app/cli/clicommand.h"

#include <vector>

namespace Pot::Cli {

/// nats creds, nats context and events: what the NATS and Events pages fetch, for scripts.
std::vector<Command> liveCommands();

} // namespace Pot::Cli
