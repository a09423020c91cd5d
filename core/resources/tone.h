#pragma once

#include <QObject>

namespace Pot {

/// Colour hint of a cell or value; QML maps it to the theme (Theme.toneColour; core and models know
/// no colours). In its own namespace so the QML module can register it (QML_FOREIGN_NAMESPACE)
/// without core depending on QtQml: QML writes Tone.Ok.
namespace Tones {
Q_NAMESPACE
enum class Tone : qint8 { None = 0, Ok, Warn, Bad, Info, Muted };
Q_ENUM_NS(Tone)
} // namespace Tones
using Tones::Tone;

} // namespace Pot
