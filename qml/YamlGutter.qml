import QtQuick
import QtQuick.Controls
import PotConsole

// The line numbers of a YamlEditor with a marker on each line that has a problem (its messages
// in a tool tip); a click on a marked line asks to go there. A line is a child of this column (a
// Repeater's item) and reads the gutter through its parent.
Column {
    id: gutter
    required property ManifestEditor editor
    property int lineCount: 1
    property real lineHeight: 16
    property font font
    signal lineClicked(int line)

    Repeater {
        model: gutter.lineCount
        Item {
            id: lineRow
            required property int index
            readonly property YamlGutter gutter: lineRow.parent as YamlGutter
            readonly property int line: index + 1
            // Read again whenever the number of problems changes.
            readonly property var problems: lineRow.gutter !== null
                && lineRow.gutter.editor.errorCount + lineRow.gutter.editor.warningCount >= 0
                ? lineRow.gutter.editor.problemsAt(line) : []
            readonly property bool hasError: problems.some(p => p.error)
            width: lineRow.gutter ? lineRow.gutter.width : 0
            height: lineRow.gutter ? lineRow.gutter.lineHeight : 0
            Rectangle {
                visible: lineRow.problems.length > 0
                anchors.left: parent.left
                anchors.leftMargin: 3
                anchors.verticalCenter: parent.verticalCenter
                width: 8
                height: 8
                radius: 4
                color: lineRow.hasError ? Theme.bad : Theme.warn
            }
            Text {
                anchors.right: parent.right
                anchors.rightMargin: 6
                anchors.verticalCenter: parent.verticalCenter
                text: lineRow.line
                font: lineRow.gutter ? lineRow.gutter.font : Qt.font({})
                color: lineRow.problems.length > 0 ? (lineRow.hasError ? Theme.bad : Theme.warn) : Theme.mutedText
            }
            MouseArea {
                id: marker
                anchors.fill: parent
                hoverEnabled: lineRow.problems.length > 0
                onClicked: lineRow.gutter.lineClicked(lineRow.line)
            }
            ToolTip.visible: marker.containsMouse && lineRow.problems.length > 0
            ToolTip.text: lineRow.problems.map(p => p.message).join("\n")
            ToolTip.delay: 200
        }
    }
}
