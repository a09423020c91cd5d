import QtQuick
import QtQuick.Controls

// The input of a RuleField (`field`): one of the known values, or not set; a value that is none of
// them stays choosable.
ComboBox {
    id: input
    required property RuleField field
    objectName: input.field.fieldId
    // The value stays choosable when it is none of the known ones.
    readonly property var options: {
        const list = [qsTr("Not set")];
        for (let i = 0; i < input.field.choices.length; ++i)
            list.push(input.field.choices[i]);
        if (input.field.text.length > 0 && input.field.choices.indexOf(input.field.text) < 0)
            list.push(input.field.text);
        return list;
    }
    model: options
    currentIndex: input.field.valueState === 0 ? 0 : options.indexOf(input.field.text)
    Accessible.name: input.field.accessibleName
    onActivated: index => input.field.form.setText(input.field.index, index === 0 ? "" : options[index])
}
