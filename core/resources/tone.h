#pragma once

#include <QtGlobal>

namespace Pot {

/// Colour hint of a cell or value; the QML theme maps it to a colour (core and models know none).
enum class Tone : qint8 { None = 0, Ok, Warn, Bad, Info, Muted };

} // namespace Pot
