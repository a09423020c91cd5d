import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The input of a RuleField (`field`): connection types: one check box each.
GridLayout {
    id: input
    required property RuleField field
    // From the field's width, not its own (which follows its height through the Loader).
    columns: Math.max(1, Math.floor((input.field.width - input.field.labelWidth - 26) / 150))
    columnSpacing: 4
    rowSpacing: 0
    Repeater {
        model: input.field.choices
        // A Repeater's item is a child of this grid (null while being made).
        CheckBox {
            id: box
            required property string modelData
            readonly property RuleField field: box.parent ? (box.parent as RuleTypesInput).field : null
            objectName: box.field ? box.field.fieldId + "/" + modelData : ""
            text: modelData
            checked: box.field !== null && box.field.valueState === 2 && box.field.items.indexOf(modelData) >= 0
            Accessible.name: modelData
            onToggled: box.field.form.setItemChecked(box.field.index, modelData, checked)
        }
    }
}
