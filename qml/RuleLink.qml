import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// "NATS account rule: <name>" where the name is a link to the rule on the NATS page. With no rule
// name it says why there is none.
RowLayout {
    id: root
    property string label          // "Account rule"
    property string ruleName
    property string noRuleText     // shown when ruleName is empty
    signal activated(string name)

    spacing: 4
    Label {
        text: root.label + ":"
        color: Theme.mutedText
    }
    // An Item, not a Label: a Label insists on the StaticText role.
    Item {
        id: link
        visible: root.ruleName.length > 0
        implicitWidth: linkText.implicitWidth
        implicitHeight: linkText.implicitHeight
        activeFocusOnTab: true
        Accessible.role: Accessible.Link
        Accessible.name: qsTr("%1 %2").arg(root.label).arg(root.ruleName)
        Accessible.description: qsTr("Open the rule on the NATS page")
        Accessible.onPressAction: root.activated(root.ruleName)
        Keys.onReturnPressed: root.activated(root.ruleName)
        Keys.onSpacePressed: root.activated(root.ruleName)
        Label {
            id: linkText
            anchors.fill: parent
            text: root.ruleName
            color: Theme.info
            font.underline: linkHover.hovered || link.activeFocus
            Accessible.ignored: true
        }
        HoverHandler { id: linkHover; cursorShape: Qt.PointingHandCursor }
        TapHandler { onTapped: root.activated(root.ruleName) }
        ToolTip.visible: linkHover.hovered
        ToolTip.delay: 500
        ToolTip.text: qsTr("Open %1 on the NATS page").arg(root.ruleName)
    }
    Label {
        visible: root.ruleName.length === 0
        text: root.noRuleText
        color: Theme.mutedText
    }
}
