pragma Singleton
import QtQuick

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
    // Colour of a ConnectionState (0 disconnected, 1 connecting, 2 sign-in required, 3 signed in,
    // 4 offline, 5 failed).
    function stateColour(state) {
        switch (state) {
        case 1: return info;
        case 2: return warn;
        case 3: return ok;
        case 4: return bad;
        case 5: return bad;
        default: return mutedText;
        }
    }

    readonly property var profileColours: ["#1a5fb4", "#26a269", "#e5a50a", "#c64600", "#a51d2d", "#613583", "#63452c", "#5e5c64"]
    readonly property int spacing: 8
    readonly property int margin: 12
    readonly property int sidebarWidth: 200
}
