#pragma once

#include "core/timetext.h"

namespace Pot::Models {

/// Moved to core (kinds render times too); the view models keep their name for it.
using TimeText = Pot::TimeText;

} // namespace Pot::Models
