import QtQuick
import QtQuick.Controls
import PotConsole

// The input of a RuleField (`field`): a list, one item per line.
TextArea {
    id: linesArea
    required property RuleField field
    objectName: linesArea.field.fieldId
    function sync() {
        if (!activeFocus)
            text = linesArea.field.lines;
    }
    placeholderText: linesArea.field.valueState === 0 ? qsTr("not set") : qsTr("empty list")
    wrapMode: TextEdit.NoWrap
    font.family: "monospace"
    selectByMouse: true
    Accessible.name: linesArea.field.accessibleName
    // Every keystroke reaches the YAML; while typed in, the text stays as typed
    // (an empty line being started is not thrown away by the read-back).
    onTextChanged: if (activeFocus) linesArea.field.form.setLines(linesArea.field.index, text)
    onActiveFocusChanged: sync()
    Component.onCompleted: sync()
    Connections {
        target: linesArea.field
        function onLinesChanged() { linesArea.sync() }
    }
    background: Rectangle {
        color: Theme.base
        border.color: linesArea.activeFocus ? Theme.highlight : Theme.border
        radius: 2
    }
}
