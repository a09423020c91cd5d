import QtQuick
import QtQuick.Controls
import PotConsole

// Every problem of a YamlEditor's text (ManifestEditor.problems), in order; a click asks to go to
// it (`picked`). A row reaches this list through its view.
ListView {
    id: problemList
    signal picked(int line, int column)
    clip: true
    Accessible.role: Accessible.List
    Accessible.name: qsTr("YAML problems")
    ScrollBar.vertical: ScrollBar {}
    delegate: ItemDelegate {
        id: problemRow
        required property int line
        required property int column
        required property bool error
        required property string message
        required property string path
        readonly property string shown: (line > 0 ? line + ":" + column + "  " : "")
                                        + (error ? qsTr("error") : qsTr("warning")) + ": "
                                        + (path.length > 0 ? path + ": " : "") + message
        width: ListView.view.width
        height: 22
        padding: 2
        contentItem: Label {
            text: problemRow.shown
            color: problemRow.error ? Theme.bad : Theme.warn
            elide: Text.ElideRight
            textFormat: Text.PlainText
        }
        Accessible.name: problemRow.shown
        ToolTip.visible: hovered
        ToolTip.text: problemRow.shown
        ToolTip.delay: 500
        onClicked: (problemRow.ListView.view as YamlProblemList).picked(problemRow.line, problemRow.column)
    }
}
