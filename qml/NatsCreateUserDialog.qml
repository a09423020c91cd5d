import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// Creates a NATS user (or an MQTT bearer user) in an application's account. The expiry picker
// produces the Controller's expiresIn ("720h", "30d", "2m"; m = months of 30 days).
Dialog {
    id: dialog
    required property NatsModel nats
    property string application
    property string error
    readonly property var units: ["", "h", "d", "m"]
    readonly property int amount: unitBox.currentIndex === 0 ? 0 : amountBox.value
    readonly property string unit: units[unitBox.currentIndex]
    readonly property string problem: nats ? nats.createUserProblem(appField.text, nameField.text, amount, unit) : ""
    readonly property string preview: unitBox.currentIndex === 0 ? qsTr("no expiry") : (amount + unit)

    title: qsTr("Create NATS user")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(520, parent ? parent.width - 40 : 520)

    onOpened: {
        appField.text = dialog.application;
        nameField.text = "";
        dialog.error = "";
        unitBox.currentIndex = 0;
        amountBox.value = 30;
        ruleBox.currentIndex = 0;
        bearerBox.checked = false;
        nameField.forceActiveFocus();
    }

    Connections {
        target: dialog.nats
        function onUserCreated(ok, key, message) {
            if (ok)
                dialog.close();
            else
                dialog.error = message;
        }
    }

    // Every cell has a fixed place (Layout.row/column), and the notes below reserve their lines:
    // no choice in the dialog moves another field (a hidden item would drop out of the grid).
    GridLayout {
        anchors.fill: parent
        columns: 2
        columnSpacing: Theme.spacing
        rowSpacing: Theme.spacing
        Label { text: qsTr("Application"); Layout.row: 0; Layout.column: 0 }
        TextField {
            id: appField
            Layout.row: 0
            Layout.column: 1
            Layout.fillWidth: true
            placeholderText: qsTr("application name")
            Accessible.name: qsTr("Application")
        }
        Label { text: qsTr("User name"); Layout.row: 1; Layout.column: 0 }
        TextField {
            id: nameField
            Layout.row: 1
            Layout.column: 1
            Layout.fillWidth: true
            Accessible.name: qsTr("User name")
        }
        Label { text: qsTr("Expiry"); Layout.row: 2; Layout.column: 0 }
        RowLayout {
            Layout.row: 2
            Layout.column: 1
            Layout.fillWidth: true
            spacing: Theme.spacing
            SpinBox {
                id: amountBox
                from: 1
                to: 26280
                value: 30
                editable: true
                enabled: unitBox.currentIndex > 0
                Accessible.name: qsTr("Expiry amount")
            }
            ComboBox {
                id: unitBox
                Layout.fillWidth: true
                model: [qsTr("No expiry"), qsTr("hours"), qsTr("days"), qsTr("months (30 days)")]
                Accessible.name: qsTr("Expiry unit")
            }
        }
        FontMetrics { id: noteMetrics; font: expiryNote.font }
        Label {
            id: expiryNote
            Layout.row: 3
            Layout.column: 1
            Layout.fillWidth: true
            // Two lines are kept for the note whichever unit is picked.
            Layout.preferredHeight: Math.max(implicitHeight, 2 * noteMetrics.lineSpacing)
            verticalAlignment: Text.AlignTop
            wrapMode: Text.WordWrap
            color: unitBox.currentIndex > 0 ? Theme.warn : Theme.mutedText
            text: unitBox.currentIndex > 0
                  ? qsTr("Sent as expiresIn \"%1\". The Controller 3.7.3 puts it in nats.exp, which nats-server does not enforce.").arg(dialog.preview)
                  : qsTr("No expiresIn is sent: the user's JWT has no expiry.")
            Accessible.role: Accessible.StaticText
            Accessible.name: qsTr("Expiry note")
            Accessible.description: text
        }
        Label { text: qsTr("User rule"); Layout.row: 4; Layout.column: 0 }
        ComboBox {
            id: ruleBox
            Layout.row: 4
            Layout.column: 1
            Layout.fillWidth: true
            model: [qsTr("(Controller default)"), ...(dialog.nats ? dialog.nats.userRuleNames : [])]
            Accessible.name: qsTr("User rule")
        }
        CheckBox {
            id: bearerBox
            Layout.row: 5
            Layout.column: 1
            Layout.fillWidth: true
            text: qsTr("MQTT bearer user (JWT alone is the password)")
            Accessible.name: qsTr("MQTT bearer user")
        }
        Label {
            Layout.row: 6
            Layout.column: 0
            Layout.columnSpan: 2
            Layout.fillWidth: true
            Layout.preferredHeight: Math.max(implicitHeight, 2 * noteMetrics.lineSpacing)
            verticalAlignment: Text.AlignTop
            wrapMode: Text.WordWrap
            color: dialog.error.length > 0 ? Theme.bad : Theme.mutedText
            text: dialog.error.length > 0 ? dialog.error : dialog.problem
            Accessible.role: Accessible.AlertMessage
            Accessible.name: qsTr("Create user problem")
            Accessible.description: text
        }
    }

    footer: DialogButtonBox {
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: Dialog.RejectRole
            Accessible.name: qsTr("Cancel")
        }
        Button {
            text: qsTr("Create")
            enabled: dialog.problem.length === 0
            Accessible.name: qsTr("Create")
            onClicked: {
                dialog.error = "";
                dialog.nats.createUser(appField.text, nameField.text, dialog.amount, dialog.unit,
                                       ruleBox.currentIndex > 0 ? ruleBox.currentText : "", bearerBox.checked);
            }
        }
    }
}
