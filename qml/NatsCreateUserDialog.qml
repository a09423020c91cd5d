import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Creates a NATS user (or an MQTT bearer user) in an application's account. The expiry picker
// produces the Controller's expiresIn ("720h", "30d", "2m"; m = months of 30 days).
Dialog {
    id: dialog
    required property QtObject nats
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

    GridLayout {
        anchors.fill: parent
        columns: 2
        columnSpacing: Theme.spacing
        rowSpacing: Theme.spacing
        Label { text: qsTr("Application") }
        TextField {
            id: appField
            Layout.fillWidth: true
            placeholderText: qsTr("application name")
            Accessible.name: qsTr("Application")
        }
        Label { text: qsTr("User name") }
        TextField {
            id: nameField
            Layout.fillWidth: true
            Accessible.name: qsTr("User name")
        }
        Label { text: qsTr("Expiry") }
        RowLayout {
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
        Item { width: 1; height: 1 }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: Theme.warn
            visible: unitBox.currentIndex > 0
            text: qsTr("Sent as expiresIn \"%1\". The Controller 3.7.3 puts it in nats.exp, which nats-server does not enforce.").arg(dialog.preview)
            Accessible.role: Accessible.StaticText
            Accessible.name: qsTr("Expiry note")
            Accessible.description: text
        }
        Label { text: qsTr("User rule") }
        ComboBox {
            id: ruleBox
            Layout.fillWidth: true
            model: [qsTr("(Controller default)")].concat(dialog.nats ? dialog.nats.userRuleNames : [])
            Accessible.name: qsTr("User rule")
        }
        Item { width: 1; height: 1 }
        CheckBox {
            id: bearerBox
            text: qsTr("MQTT bearer user (JWT alone is the password)")
            Accessible.name: qsTr("MQTT bearer user")
        }
        Label {
            Layout.columnSpan: 2
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: dialog.error.length > 0 ? Theme.bad : Theme.mutedText
            text: dialog.error.length > 0 ? dialog.error : dialog.problem
            visible: text.length > 0
            Accessible.role: Accessible.AlertMessage
            Accessible.name: qsTr("Create user problem")
            Accessible.description: text
        }
    }

    footer: DialogButtonBox {
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
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
