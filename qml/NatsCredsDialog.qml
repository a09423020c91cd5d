import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import PotConsole

// Creds of one NATS user, fetched from the Controller and kept in memory only: the seed stays
// hidden until revealed; save writes the exact text owner-only; copy clears the clipboard later.
Dialog {
    id: dialog
    required property NatsModel nats
    required property ClusterView cluster
    readonly property NatsCreds creds: nats ? nats.creds : null

    title: creds ? qsTr("Creds of %1 (%2)").arg(creds.user).arg(creds.account) : qsTr("Creds")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(720, parent ? parent.width - 40 : 720)
    height: Math.min(620, parent ? parent.height - 40 : 620)
    onClosed: if (creds) creds.clear()
    onOpened: liveUrl.text = nats.hubUrl

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        Label {
            Layout.fillWidth: true
            visible: dialog.creds && (dialog.creds.loading || dialog.creds.error.length > 0)
            text: dialog.creds ? (dialog.creds.loading ? qsTr("Fetching creds…") : dialog.creds.error) : ""
            color: dialog.creds && dialog.creds.error.length > 0 ? Theme.bad : Theme.mutedText
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.AlertMessage
            Accessible.name: qsTr("Creds state")
            Accessible.description: text
        }
        Flow {
            Layout.fillWidth: true
            spacing: Theme.spacing
            enabled: dialog.creds && dialog.creds.loaded
            Button {
                text: dialog.creds && dialog.creds.revealed ? qsTr("Hide seed") : qsTr("Reveal seed")
                Accessible.name: text
                onClicked: dialog.creds.revealed = !dialog.creds.revealed
            }
            Button {
                text: qsTr("Copy creds")
                Accessible.name: text
                onClicked: dialog.creds.copy()
            }
            Button {
                text: qsTr("Save creds…")
                Accessible.name: text
                onClicked: saveFile.open()
            }
            Button {
                text: qsTr("Save nats context…")
                Accessible.name: text
                onClicked: contextFile.open()
            }
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            enabled: dialog.creds && dialog.creds.loaded
            Label { text: qsTr("Server") }
            TextField {
                id: liveUrl
                Layout.fillWidth: true
                placeholderText: "nats://host:4222"
                Accessible.name: qsTr("Live test server")
            }
            Button {
                text: dialog.creds && dialog.creds.liveTestRunning ? qsTr("Cancel test") : qsTr("Test live")
                Accessible.name: qsTr("Test creds live")
                onClicked: dialog.creds.liveTestRunning ? dialog.creds.cancelLiveTest()
                                                        : dialog.creds.runLiveTest(liveUrl.text, "")
            }
        }
        Label {
            Layout.fillWidth: true
            visible: text.length > 0
            text: dialog.creds ? dialog.creds.liveTestResult : ""
            color: dialog.creds && dialog.creds.liveTestOk ? Theme.ok : Theme.text
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.StaticText
            Accessible.name: qsTr("Live test result")
            Accessible.description: text
        }
        Label {
            Layout.fillWidth: true
            visible: text.length > 0
            text: dialog.creds ? dialog.creds.status : ""
            color: Theme.mutedText
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.StatusBar
            Accessible.name: qsTr("Creds status")
            Accessible.description: text
        }
        DetailPane {
            Layout.fillWidth: true
            Layout.fillHeight: true
            model: dialog.creds ? dialog.creds.details : null
            cluster: dialog.cluster
            revealed: dialog.creds ? dialog.creds.revealed : false
            name: qsTr("Creds details")
        }
    }
    footer: DialogButtonBox {
        Button {
            text: qsTr("Close")
            DialogButtonBox.buttonRole: Dialog.RejectRole
            Accessible.name: qsTr("Close")
        }
    }

    FileDialog {
        id: saveFile
        title: qsTr("Save creds file")
        fileMode: FileDialog.SaveFile
        // Qt 6.4's own (non-native) dialog keeps "Open" on its button in save mode.
        acceptLabel: qsTr("Save")
        defaultSuffix: "creds"
        selectedFile: dialog.creds ? dialog.creds.suggestedFileName : ""
        nameFilters: [qsTr("NATS creds (*.creds)")]
        onAccepted: dialog.creds.save(selectedFile, true)
    }
    FileDialog {
        id: contextFile
        title: qsTr("Save nats context")
        fileMode: FileDialog.SaveFile
        // Qt 6.4's own (non-native) dialog keeps "Open" on its button in save mode.
        acceptLabel: qsTr("Save")
        defaultSuffix: "json"
        nameFilters: [qsTr("nats context (*.json)")]
        onAccepted: dialog.creds.saveContext(selectedFile, liveUrl.text)
    }
}
