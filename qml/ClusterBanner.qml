import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One line above a cluster page: whose data this is (live, offline copy, demo), and the outcome of
// the last action.
Pane {
    id: banner
    required property QtObject cluster
    padding: 6
    visible: cluster !== null && (cluster.readOnly || message.length > 0)
    property string message
    property bool messageOk: true
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

    background: Rectangle {
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
            Layout.fillWidth: true
            text: banner.message.length > 0 ? banner.message
                                             : (banner.cluster ? banner.cluster.readOnlyReason : "")
            color: banner.message.length > 0 && !banner.messageOk ? Theme.bad : Theme.text
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.StatusBar
            Accessible.name: qsTr("Cluster status")
            Accessible.description: text
        }
        BusyIndicator {
            running: banner.cluster !== null && banner.cluster.busy
            visible: running
            implicitWidth: 20
            implicitHeight: 20
        }
    }
}
