import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// Asks before an action. Destructive actions name what they destroy and need its name typed.
Dialog {
    id: dialog
    property string message
    property string confirmName      // when set, the user must type it exactly
    property string confirmText: qsTr("Confirm")
    property bool destructive: false
    signal confirmed()

    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(520, parent ? parent.width - 40 : 520)

    onOpened: {
        typed.text = "";
        if (dialog.confirmName.length > 0)
            typed.forceActiveFocus();
        else
            confirmButton.forceActiveFocus();
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        Accessible.role: Accessible.Dialog
        Accessible.name: dialog.title
        Label {
            Layout.fillWidth: true
            text: dialog.message
            wrapMode: Text.WordWrap
            textFormat: Text.PlainText
            Accessible.role: Accessible.StaticText
            Accessible.name: qsTr("Confirmation message")
            Accessible.description: text
        }
        Label {
            Layout.fillWidth: true
            visible: dialog.confirmName.length > 0
            text: qsTr("Type %1 to confirm.").arg(dialog.confirmName)
            wrapMode: Text.WordWrap
            font.bold: true
        }
        TextField {
            id: typed
            Layout.fillWidth: true
            visible: dialog.confirmName.length > 0
            placeholderText: dialog.confirmName
            Accessible.name: qsTr("Name to confirm")
            onAccepted: if (confirmButton.enabled) confirmButton.clicked()
        }
    }

    footer: DialogButtonBox {
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: Dialog.RejectRole
            Accessible.name: qsTr("Cancel")
        }
        Button {
            id: confirmButton
            text: dialog.confirmText
            enabled: dialog.confirmName.length === 0 || typed.text === dialog.confirmName
            DialogButtonBox.buttonRole: Dialog.AcceptRole
            Accessible.name: dialog.confirmText
            Binding on palette.button {
                when: dialog.destructive && confirmButton.enabled
                value: Theme.bad
            }
            Binding on palette.buttonText {
                when: dialog.destructive && confirmButton.enabled
                value: "white"
            }
        }
    }
    onAccepted: dialog.confirmed()
}
