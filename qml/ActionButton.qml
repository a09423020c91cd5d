import QtQuick
import QtQuick.Controls
import PotConsole

// A button for an action the user may not be allowed to run. `deniedReason` (from
// ClusterView.deniedReason) disables it and says why in a tooltip and in the accessible description.
Item {
    id: root
    property alias text: button.text
    property string deniedReason
    property string disabledHint      // why it is off for another reason (e.g. not ready)
    property bool ready: true
    property bool destructive: false
    signal clicked()

    implicitWidth: button.implicitWidth
    implicitHeight: button.implicitHeight
    readonly property string why: deniedReason.length > 0 ? deniedReason : (!ready ? disabledHint : "")

    Button {
        id: button
        anchors.fill: parent
        enabled: root.deniedReason.length === 0 && root.ready
        Accessible.name: text
        Accessible.description: root.why
        // A destructive button is red in the active and inactive colour groups only (undefined
        // resets to the style's colour); the disabled group keeps the style's disabled look. (A
        // Binding on palette.buttonText that switched off when the button was disabled restored
        // the enabled text colour into every group, so a button disabled after a new sign-in was
        // drawn black, as if enabled.)
        palette.active.buttonText: root.destructive ? Theme.bad : undefined
        palette.inactive.buttonText: root.destructive ? Theme.bad : undefined
        onClicked: root.clicked()
    }
    // A disabled button gets no hover; the wrapper still does, so the reason can be read.
    HoverHandler { id: hover }
    ToolTip.visible: hover.hovered && root.why.length > 0
    ToolTip.delay: 300
    ToolTip.text: root.why
}
