import QtQuick
import QtQuick.Controls

// The input of a RuleField (`field`): a yes/no field: not set, yes or no (a value it cannot read
// stays shown).
ComboBox {
    id: input
    required property RuleField field
    objectName: input.field.fieldId
    model: [qsTr("Not set"), qsTr("Yes"), qsTr("No")]
    currentIndex: input.field.valueState === 0 ? 0 : input.field.valueState === 3 ? -1 : input.field.flag ? 1 : 2
    displayText: input.field.valueState === 3 ? input.field.shown : currentText
    Accessible.name: input.field.accessibleName
    onActivated: index => input.field.form.setFlag(input.field.index, index === 0 ? 0 : 2, index === 1)
}
