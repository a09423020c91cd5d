import QtQuick
import QtQuick.Controls
import PotConsole

// The rows of a ResourceTable: cells from the list's model, widths from the list's column widths
// (spare width shared out), selection by key, keyboard navigation. A cell reaches the list through
// its view (TableView.view), never through an id of an enclosing file.
TableView {
    id: table
    required property ResourceList list
    clip: true
    model: table.list.model
    boundsBehavior: Flickable.StopAtBounds
    focus: true
    activeFocusOnTab: true
    reuseItems: true
    Accessible.role: Accessible.Table
    ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }
    ScrollBar.horizontal: ScrollBar { policy: ScrollBar.AsNeeded }

    readonly property real naturalWidth: {
        let sum = 0;
        for (let i = 0; i < table.list.columnWidths.length; ++i)
            sum += table.list.columnWidths[i];
        return sum;
    }
    columnWidthProvider: function(column) {
        const w = table.list.columnWidths[column] ?? 100;
        const spare = Math.max(0, table.width - table.naturalWidth);
        return w + spare * w / Math.max(1, table.naturalWidth);
    }
    onWidthChanged: forceLayout()

    Keys.onUpPressed: table.list.selectRelative(-1)
    Keys.onDownPressed: table.list.selectRelative(1)
    Keys.onPressed: (event) => {
        if (event.key === Qt.Key_PageDown) { table.list.selectRelative(10); event.accepted = true }
        else if (event.key === Qt.Key_PageUp) { table.list.selectRelative(-10); event.accepted = true }
        else if (event.key === Qt.Key_Home) { table.list.selectRelative(-table.list.shownCount); event.accepted = true }
        else if (event.key === Qt.Key_End) { table.list.selectRelative(table.list.shownCount); event.accepted = true }
    }

    delegate: Rectangle {
        id: cell
        required property var model
        required property int row
        implicitHeight: 30
        readonly property ResourceGrid grid: cell.TableView.view as ResourceGrid
        readonly property bool selected: cell.grid !== null && cell.model.rowKey === cell.grid.list.selectedKey
        color: selected ? Theme.highlight : (cell.row % 2 ? Theme.base : Qt.darker(Theme.base, Theme.dark ? 0.9 : 1.02))
        Accessible.role: Accessible.Cell
        Accessible.name: cell.model.display ?? ""
        Accessible.selected: selected
        // A pooled cell keeps its old text until it is reused; hidden, assistive
        // technology (and the UI tests) never read it as a cell on screen.
        TableView.onPooled: visible = false
        TableView.onReused: visible = true
        Label {
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 4
            verticalAlignment: Text.AlignVCenter
            text: cell.model.display ?? ""
            elide: Text.ElideRight
            textFormat: Text.PlainText
            color: cell.selected ? Theme.highlightedText : Theme.toneColour(cell.model.tone)
        }
        HoverHandler { id: cellHover }
        ToolTip.visible: cellHover.hovered && (cell.model.toolTip ?? "").length > 0
        ToolTip.delay: 600
        ToolTip.text: cell.model.toolTip ?? ""
        TapHandler {
            onTapped: {
                cell.grid.list.selectedKey = cell.model.rowKey;
                cell.grid.forceActiveFocus();
            }
        }
    }
}
