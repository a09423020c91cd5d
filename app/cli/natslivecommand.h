#pragma once

#include "clicommand.h"

namespace Pot::Cli {

/// `creds test --server URL [--ca FILE] [--timeout SECONDS] FILE`: live NATS handshake with the
/// user JWT and seed of a .creds file ("-" reads standard input). Exit 0 authenticated, 1 refused,
/// unreachable or unreadable creds, 2 usage.
Command credsTestCommand();

} // namespace Pot::Cli
