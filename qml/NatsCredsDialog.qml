import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// Creds of one NATS user, fetched from the Controller and kept in memory only, through the one
// NATS creds workflow (the same view model and actions as Tools → NATS decoder): the seed stays
// hidden until revealed; save writes the exact text owner-only; copy clears the clipboard later.
Dialog {
    id: dialog
    required property NatsModel nats
    required property ClusterView cluster
    readonly property NatsDecoder creds: nats ? nats.creds : null

    title: creds ? qsTr("Creds of %1 (%2)").arg(creds.user).arg(creds.account) : qsTr("Creds")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(720, parent ? parent.width - 40 : 720)
    height: Math.min(620, parent ? parent.height - 40 : 620)
    onClosed: if (creds) creds.clear()
    onOpened: actions.resetServer()

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        Label {
            Layout.fillWidth: true
            visible: dialog.creds !== null && (dialog.creds.loading || dialog.creds.error.length > 0)
            text: dialog.creds ? (dialog.creds.loading ? qsTr("Fetching creds…") : dialog.creds.error) : ""
            color: dialog.creds && dialog.creds.error.length > 0 ? Theme.bad : Theme.mutedText
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.AlertMessage
            Accessible.name: qsTr("Creds state")
            Accessible.description: text
        }
        Badge {
            visible: dialog.creds !== null && dialog.creds.trustText.length > 0
            text: dialog.creds ? dialog.creds.trustText : ""
            tone: dialog.creds && dialog.creds.trusted ? Theme.ok : Theme.bad
            Accessible.name: qsTr("Trust status")
            Accessible.description: text
        }
        NatsCredsActions {
            id: actions
            Layout.fillWidth: true
            creds: dialog.creds
            serverUrl: dialog.nats ? dialog.nats.hubUrl : ""
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
}
