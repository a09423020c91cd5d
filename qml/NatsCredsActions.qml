import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import PotConsole

// What can be done with NATS creds, wherever they come from (NATS page → Fetch creds, Tools → NATS
// decoder): reveal the seed, copy the creds (cleared from the clipboard later), save them
// owner-only, save a nats context and test them live against a server. Off until creds are loaded.
ColumnLayout {
    id: tools
    required property NatsDecoder creds
    /// The server the live test and the nats context start with.
    property string serverUrl: "nats://127.0.0.1:4222"
    spacing: Theme.spacing

    function resetServer() { liveUrl.text = tools.serverUrl }

    Flow {
        Layout.fillWidth: true
        spacing: Theme.spacing
        enabled: tools.creds !== null && tools.creds.loaded
        Button {
            text: tools.creds && tools.creds.revealed ? qsTr("Hide seed") : qsTr("Reveal seed")
            Accessible.name: text
            onClicked: tools.creds.revealed = !tools.creds.revealed
        }
        Button {
            text: qsTr("Copy creds")
            Accessible.name: text
            onClicked: tools.creds.copy()
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
        enabled: tools.creds !== null && tools.creds.loaded
        Label { text: qsTr("Server") }
        TextField {
            id: liveUrl
            Layout.fillWidth: true
            text: tools.serverUrl
            placeholderText: "nats://host:4222"
            Accessible.name: qsTr("Live test server")
        }
        Button {
            text: tools.creds && tools.creds.liveTestRunning ? qsTr("Cancel test") : qsTr("Test live")
            Accessible.name: qsTr("Test creds live")
            onClicked: tools.creds.liveTestRunning ? tools.creds.cancelLiveTest()
                                                   : tools.creds.runLiveTest(liveUrl.text, "")
        }
    }
    Label {
        Layout.fillWidth: true
        visible: text.length > 0
        text: tools.creds ? tools.creds.liveTestResult : ""
        color: tools.creds && tools.creds.liveTestOk ? Theme.ok : Theme.text
        wrapMode: Text.WordWrap
        Accessible.role: Accessible.StaticText
        Accessible.name: qsTr("Live test result")
        Accessible.description: text
    }
    Label {
        Layout.fillWidth: true
        visible: text.length > 0
        text: tools.creds ? tools.creds.status : ""
        color: Theme.mutedText
        wrapMode: Text.WordWrap
        Accessible.role: Accessible.StatusBar
        Accessible.name: qsTr("Creds status")
        Accessible.description: text
    }

    FileDialog {
        id: saveFile
        title: qsTr("Save creds file")
        fileMode: FileDialog.SaveFile
        // Qt 6.4's own (non-native) dialog keeps "Open" on its button in save mode.
        acceptLabel: qsTr("Save")
        defaultSuffix: "creds"
        selectedFile: tools.creds ? tools.creds.suggestedFileName : ""
        nameFilters: [qsTr("NATS creds (*.creds)")]
        onAccepted: tools.creds.save(selectedFile, true)
    }
    FileDialog {
        id: contextFile
        title: qsTr("Save nats context")
        fileMode: FileDialog.SaveFile
        acceptLabel: qsTr("Save")
        defaultSuffix: "json"
        nameFilters: [qsTr("nats context (*.json)")]
        onAccepted: tools.creds.saveContext(selectedFile, liveUrl.text)
    }
}
