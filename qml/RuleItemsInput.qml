import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// The input of a RuleField (`field`): exports or imports: how many, and a button that adds one.
RowLayout {
    id: input
    required property RuleField field
    spacing: Theme.spacing
    Label {
        text: input.field.shown
        color: Theme.mutedText
    }
    Button {
        objectName: "add/" + input.field.list
        text: input.field.list === "exports" ? qsTr("Add export") : qsTr("Add import")
        Accessible.name: text
        onClicked: input.field.form.addItem(input.field.list)
    }
}
