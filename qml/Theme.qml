pragma Singleton
import QtQuick
import PotConsole

// Colours and sizes. Follows the system palette, so light and dark themes come from the platform.
QtObject {
    readonly property SystemPalette palette: SystemPalette { colorGroup: SystemPalette.Active }
    readonly property bool dark: palette.window.hslLightness < 0.5
    readonly property color window: palette.window
    readonly property color base: palette.base
    readonly property color text: palette.windowText
    readonly property color mutedText: Qt.tint(palette.windowText, dark ? "#80000000" : "#80ffffff")
    readonly property color sidebar: dark ? Qt.darker(palette.window, 1.25) : Qt.darker(palette.window, 1.06)
    readonly property color highlight: palette.highlight
    readonly property color highlightedText: palette.highlightedText
    readonly property color border: dark ? "#4a4a4a" : "#d0d0d0"
    readonly property color ok: dark ? "#5cc26b" : "#1f8a36"
    readonly property color warn: dark ? "#e0b341" : "#a86b00"
    readonly property color bad: dark ? "#ff6b6b" : "#c62828"
    readonly property color info: dark ? "#6fa8ff" : "#1a5fb4"
    // Colour of a ConnectionState.
    function stateColour(state: int): color {
        switch (state) {
        case ConnectionState.Connecting: return info;
        case ConnectionState.SignInRequired: return warn;
        case ConnectionState.SignedIn: return ok;
        case ConnectionState.Offline: return bad;
        case ConnectionState.Failed: return bad;
        default: return mutedText;
        }
    }
    // Colour of a Tone (the model's colour hint for a cell or a status); Tone.None is plain text.
    function toneColour(tone: int): color {
        switch (tone) {
        case Tone.Ok: return ok;
        case Tone.Warn: return warn;
        case Tone.Bad: return bad;
        case Tone.Info: return info;
        case Tone.Muted: return mutedText;
        default: return text;
        }
    }

    readonly property var profileColours: ["#1a5fb4", "#26a269", "#e5a50a", "#c64600", "#a51d2d", "#613583", "#63452c", "#5e5c64"]
    readonly property int spacing: 8
    readonly property int margin: 12
    readonly property int sidebarWidth: 200
}
