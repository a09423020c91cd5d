import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// The input of a RuleField (`field`): a line of text; the name field of an export or import can
// remove that item.
RowLayout {
    id: input
    required property RuleField field
    spacing: Theme.spacing
    TextField {
        id: textField
        objectName: input.field.fieldId
        function sync() {
            if (!activeFocus)
                text = input.field.text;
        }
        Layout.fillWidth: true
        placeholderText: input.field.valueState === 0 ? qsTr("not set") : ""
        Accessible.name: input.field.accessibleName
        onTextEdited: input.field.form.setText(input.field.index, text)
        onActiveFocusChanged: sync()
        Component.onCompleted: sync()
        Connections {
            target: input.field
            function onTextChanged() { textField.sync() }
        }
    }
    Button {
        objectName: "remove/" + input.field.list + "/" + input.field.item
        visible: input.field.item >= 0 && input.field.fieldId.endsWith(".name")
        text: input.field.list === "exports" ? qsTr("Remove export") : qsTr("Remove import")
        Accessible.name: (input.field.list === "exports" ? qsTr("Remove export %1") : qsTr("Remove import %1")).arg(input.field.item + 1)
        onClicked: input.field.form.removeItem(input.field.list, input.field.item)
    }
}
