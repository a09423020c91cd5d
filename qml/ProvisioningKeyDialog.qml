import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// Mints a provisioning key for the selected agent and shows what to run on its host. The key is
// secret: masked until revealed, copied as sensitive text, and forgotten when the dialog closes.
Dialog {
    id: dialog
    property AgentsModel agents           // AgentsPage
    readonly property bool hasKey: agents !== null && agents.hasKey

    title: qsTr("Provisioning key for %1").arg(agents ? agents.selectedName : "")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(640, parent ? parent.width - 40 : 640)

    onOpened: agents.fetchProvisioningKey()
    onClosed: if (agents) agents.clearProvisioningKey()

    component CommandRow: RowLayout {
        id: commandRow
        property string label
        property string command
        property bool sensitive: false
        signal copyRequested()
        Layout.fillWidth: true
        spacing: Theme.spacing
        visible: command.length > 0
        // A label, not a text field: a command with the key can only leave through Copy, whose
        // clipboard copy is cleared after 30 s (a field would let Ctrl+A, Ctrl+C around that).
        Label {
            Layout.fillWidth: true
            text: commandRow.command
            wrapMode: Text.WrapAnywhere
            font.family: "monospace"
            textFormat: Text.PlainText
            padding: 6
            background: Rectangle { color: Theme.base; border.color: Theme.border; radius: 2 }
            Accessible.role: Accessible.StaticText
            Accessible.name: commandRow.label
            Accessible.description: text
        }
        Button {
            text: qsTr("Copy")
            Accessible.name: qsTr("Copy %1").arg(commandRow.label)
            onClicked: commandRow.copyRequested()
        }
    }

    // Accessible properties attach to Items only, not to the Dialog (a Popup).
    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        Accessible.role: Accessible.Pane
        Accessible.name: qsTr("Provisioning key")

        BusyIndicator {
            Layout.alignment: Qt.AlignHCenter
            running: dialog.agents !== null && dialog.agents.keyLoading
            visible: running
        }
        Label {
            Layout.fillWidth: true
            visible: dialog.agents !== null && dialog.agents.keyError.length > 0
            text: dialog.agents ? qsTr("No key: %1").arg(dialog.agents.keyError) : ""
            color: Theme.bad
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.AlertMessage
            Accessible.name: qsTr("Provisioning key problem")
            Accessible.description: text
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            visible: dialog.hasKey

            Label {
                Layout.fillWidth: true
                text: qsTr("Anyone with this key can attach an agent as this one until it is used or expires. A new key replaces the previous one.")
                wrapMode: Text.WordWrap
                color: Theme.mutedText
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                Label {
                    text: qsTr("Key")
                    color: Theme.mutedText
                }
                Label {
                    Layout.fillWidth: true
                    text: dialog.agents ? dialog.agents.keyText : ""
                    font.family: "monospace"
                    elide: Text.ElideRight
                    textFormat: Text.PlainText
                    Accessible.role: Accessible.StaticText
                    Accessible.name: qsTr("Provisioning key value")
                    Accessible.description: text
                }
                Button {
                    text: dialog.agents && dialog.agents.keyRevealed ? qsTr("Hide") : qsTr("Reveal")
                    Accessible.name: dialog.agents && dialog.agents.keyRevealed ? qsTr("Hide key") : qsTr("Reveal key")
                    onClicked: dialog.agents.keyRevealed = !dialog.agents.keyRevealed
                }
                Button {
                    text: qsTr("Copy")
                    enabled: dialog.agents !== null && !dialog.agents.keyExpired
                    Accessible.name: qsTr("Copy key")
                    onClicked: dialog.agents.copyKey()
                }
            }
            Label {
                Layout.fillWidth: true
                text: dialog.agents
                      ? (dialog.agents.keyExpired
                         ? qsTr("This key expired at %1. Get a new one.").arg(dialog.agents.keyExpiresAt)
                         : qsTr("Valid until %1 (%2).").arg(dialog.agents.keyExpiresAt).arg(dialog.agents.keyCountdownText))
                      : ""
                color: dialog.agents && dialog.agents.keyExpired ? Theme.bad
                       : (dialog.agents && dialog.agents.keySecondsLeft < 120 ? Theme.warn : Theme.text)
                wrapMode: Text.WordWrap
                Accessible.role: Accessible.StaticText
                Accessible.name: qsTr("Key expiry")
                Accessible.description: dialog.agents ? dialog.agents.keyCountdownText : ""
            }

            Label {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacing
                text: qsTr("On the agent's host, run:")
                font.bold: true
            }
            CommandRow {
                label: qsTr("Certificate command")
                command: dialog.agents ? dialog.agents.certCommand : ""
                onCopyRequested: dialog.agents.copyCertCommand()
            }
            CommandRow {
                label: qsTr("Controller command")
                command: dialog.agents ? dialog.agents.configCommand : ""
                onCopyRequested: dialog.agents.copyConfigCommand()
            }
            CommandRow {
                label: qsTr("Provision command")
                command: dialog.agents ? dialog.agents.provisionCommand : ""
                sensitive: true
                onCopyRequested: dialog.agents.copyProvisionCommand()
            }
            Label {
                Layout.fillWidth: true
                visible: dialog.agents !== null && dialog.agents.caCert.length === 0
                text: qsTr("The Controller sent no CA certificate (it runs without TLS or without an intermediate certificate). If the agent must trust a private CA, get it from the operator and install it with “sudo iofog-agent cert <base64 of the PEM>”.")
                wrapMode: Text.WordWrap
                color: Theme.mutedText
                font.pixelSize: 11
            }
        }
    }

    footer: DialogButtonBox {
        Button {
            text: qsTr("Copy all commands")
            enabled: dialog.hasKey && !dialog.agents.keyExpired
            DialogButtonBox.buttonRole: Dialog.ActionRole
            Accessible.name: qsTr("Copy all commands")
            onClicked: dialog.agents.copyAllCommands()
        }
        Button {
            text: qsTr("New key")
            enabled: dialog.agents !== null && !dialog.agents.keyLoading
            DialogButtonBox.buttonRole: Dialog.ActionRole
            Accessible.name: qsTr("New key")
            onClicked: dialog.agents.fetchProvisioningKey()
        }
        Button {
            text: qsTr("Close")
            DialogButtonBox.buttonRole: Dialog.RejectRole
            Accessible.name: qsTr("Close")
        }
    }
}
