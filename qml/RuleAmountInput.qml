import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// The input of a RuleField (`field`): a number with its unit, or "not set" / "unlimited".
RowLayout {
    id: input
    required property RuleField field
    spacing: Theme.spacing
    function modeState(i) { return input.field.limited ? i : (i === 0 ? 0 : 2) }
    function push(state, unit) {
        input.field.form.setAmount(input.field.index, state, Number(amountField.text.length > 0 ? amountField.text : "0"),
                            unit === undefined ? unitBox.currentIndex : unit);
    }
    ComboBox {
        id: modeBox
        objectName: input.field.fieldId + "/mode"
        Layout.preferredWidth: 112
        model: input.field.limited ? [qsTr("Not set"), qsTr("Unlimited"), qsTr("Limit")] : [qsTr("Not set"), qsTr("Set")]
        currentIndex: input.field.valueState === 0 ? 0 : input.field.valueState === 1 ? 1 : input.field.limited ? 2 : 1
        Accessible.name: qsTr("%1 setting").arg(input.field.accessibleName)
        onActivated: index => input.push(input.modeState(index))
    }
    TextField {
        id: amountField
        objectName: input.field.fieldId + "/amount"
        // Follows the model except while typed in (the cursor stays where it is).
        function sync() {
            if (!activeFocus)
                text = input.field.valueState === 2 ? String(input.field.amount) : "";
        }
        Layout.preferredWidth: 90
        enabled: input.field.valueState >= 2
        validator: RegularExpressionValidator { regularExpression: /[0-9]{0,15}/ }
        placeholderText: input.field.valueState === 1 ? qsTr("unlimited") : input.field.valueState === 0 ? qsTr("not set") : ""
        Accessible.name: input.field.accessibleName
        onTextEdited: input.push(2)
        onActiveFocusChanged: sync()
        Component.onCompleted: sync()
        Connections {
            target: input.field
            function onAmountChanged() { amountField.sync() }
            function onValueStateChanged() { amountField.sync() }
        }
    }
    ComboBox {
        id: unitBox
        objectName: input.field.fieldId + "/unit"
        visible: input.field.units.length > 1
        Layout.preferredWidth: 80
        enabled: input.field.valueState >= 2
        model: input.field.units
        currentIndex: input.field.unit
        Accessible.name: qsTr("%1 unit").arg(input.field.accessibleName)
        onActivated: index => input.push(2, index)
    }
    Item { Layout.fillWidth: true }
}
