import QtQuick
import QtQuick.Controls

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
        // Only a destructive, enabled button changes colour; otherwise the style's own colours
        // (including its disabled look) apply.
        Binding on palette.buttonText {
            when: root.destructive && button.enabled
            value: Theme.bad
        }
        onClicked: root.clicked()
    }
    // A disabled button gets no hover; the wrapper still does, so the reason can be read.
    HoverHandler { id: hover }
    ToolTip.visible: hover.hovered && root.why.length > 0
    ToolTip.delay: 300
    ToolTip.text: root.why
}
