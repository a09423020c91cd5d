#pragma once

// TimeText lives in core (the kind descriptions use it); the view models name it as before.
#include "core/timetext.h"

namespace Pot::Models {
using Pot::TimeText;
} // namespace Pot::Models
