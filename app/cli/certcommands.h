#pragma once

#include "app/cli/clicommand.h"

#include <vector>

namespace Pot::Cli {

/// cert inspect: a certificate file (PEM, DER, PKCS#12) read with core/x509.
std::vector<Command> certCommands();

} // namespace Pot::Cli
