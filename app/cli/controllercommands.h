#pragma once

#include "app/cli/clicommand.h"

#include <QStringList>

#include <vector>

namespace Pot::Cli {

/// Commands that talk to a Controller through the console's own core (profiles, keychain session,
/// verified TLS, one descriptor per kind): login, logout, get, describe, delete, agent actions,
/// start and stop.
std::vector<Command> controllerCommands();

/// The names `get` takes for each kind, in the console's order (completion scripts).
QStringList cliKindNames();

} // namespace Pot::Cli
