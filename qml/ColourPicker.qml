import QtQuick
import QtQuick.Controls
import PotConsole

// A row of colour swatches (Theme.profileColours), one of them chosen: `selected`. A swatch is a
// child of this row (a Repeater's item) and reads and sets the choice through its parent.
Row {
    id: picker
    property string selected
    spacing: 6
    Repeater {
        model: Theme.profileColours
        delegate: AbstractButton {
            id: swatch
            required property string modelData
            readonly property ColourPicker picker: swatch.parent as ColourPicker
            width: 24; height: 24
            checkable: true
            checked: swatch.picker !== null && swatch.picker.selected === modelData
            Accessible.role: Accessible.RadioButton
            Accessible.name: qsTr("Colour %1").arg(modelData)
            onClicked: swatch.picker.selected = modelData
            background: Rectangle {
                radius: 12
                color: swatch.modelData
                border.width: swatch.checked ? 3 : 0
                border.color: Theme.text
            }
        }
    }
}
