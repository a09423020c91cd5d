import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// One line above a cluster page: whose data this is (live, offline copy, demo), and the outcome of
// the last action.
Pane {
    id: banner
    required property ClusterView cluster
    padding: 6
    // Always there while a control plane is shown, one line high: a message coming or going never
    // pushes the page down under the pointer (a click meant for one row would land on another).
    // A long message is elided; the tooltip and the accessible description hold all of it.
    visible: cluster !== null
    property string message
    property bool messageOk: true
    readonly property string shownText: message.length > 0 ? message : (cluster ? cluster.readOnlyReason : "")
    readonly property bool hasText: shownText.length > 0 || (cluster !== null && cluster.demo)
    // A message belongs to the control plane it came from.
    onClusterChanged: message = ""

    Connections {
        target: banner.cluster
        function onActionFinished(ok, text) {
            banner.message = text;
            banner.messageOk = ok;
            clearTimer.restart();
        }
    }
    Timer { id: clearTimer; interval: 12000; onTriggered: banner.message = "" }

    FontMetrics { id: lineMetrics; font: statusLabel.font }
    implicitHeight: Math.max(lineMetrics.height, 20) + topPadding + bottomPadding

    background: Rectangle {
        visible: banner.hasText
        color: Qt.tint(Theme.window, banner.message.length > 0 && !banner.messageOk ? "#30c62828" : "#201a5fb4")
    }
    RowLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        Badge {
            visible: banner.cluster !== null && banner.cluster.demo
            text: qsTr("demo")
            tone: Theme.info
        }
        Label {
            id: statusLabel
            Layout.fillWidth: true
            text: banner.shownText
            color: banner.message.length > 0 && !banner.messageOk ? Theme.bad : Theme.text
            elide: Text.ElideRight
            maximumLineCount: 1
            Accessible.role: Accessible.StatusBar
            Accessible.name: qsTr("Cluster status")
            Accessible.description: text
            HoverHandler { id: statusHover }
            ToolTip.visible: statusHover.hovered && statusLabel.truncated
            ToolTip.text: text
            ToolTip.delay: 300
        }
        BusyIndicator {
            running: banner.cluster !== null && banner.cluster.busy
            // Kept in the row (opacity only), so the text does not jump when it starts.
            opacity: running ? 1 : 0
            implicitWidth: 20
            implicitHeight: 20
        }
    }
}
