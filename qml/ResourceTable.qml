import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// A list of Controller objects: filter box, count, freshness, refresh, sortable columns, a
// selection kept by key across refreshes, keyboard navigation, and an honest state when there is
// nothing to show. `list` is a ResourceList.
Item {
    id: root
    required property ResourceList list
    property string noun: qsTr("items")          // plural, lower case: "agents"
    property string emptyTitle: qsTr("Nothing here yet")
    property string emptyText: ""
    // Ctrl+F and F5 go to this table; turn off for the second table of a page.
    property bool shortcutsEnabled: true
    readonly property bool hasRows: list !== null && list.loaded && list.count > 0
    signal filterFocusRequested()
    function focusFilter() { filterFocusRequested() }

    // Built only while there is a list (none when no control plane is selected).
    Loader {
        id: loader
        anchors.fill: parent
        active: root.list !== null
        sourceComponent: Item {
            id: content
            function focusFilter() { filter.forceActiveFocus(); filter.selectAll(); }
            function ensureSelectionVisible() {
                const r = root.list.selectedRow;
                if (r >= 0 && (r < table.topRow || r > table.bottomRow))
                    table.positionViewAtRow(r, TableView.Contain);
            }
            Connections {
                target: root
                function onFilterFocusRequested() { content.focusFilter() }
            }
            Connections {
                target: root.list
                function onSelectedRowChanged() { Qt.callLater(content.ensureSelectionVisible) }
            }

            ColumnLayout {
                anchors.fill: parent
                spacing: 0

                RowLayout {
                    Layout.fillWidth: true
                    Layout.margins: Theme.spacing
                    spacing: Theme.spacing
                    TextField {
                        id: filter
                        Layout.fillWidth: true
                        Layout.maximumWidth: 360
                        placeholderText: qsTr("Filter %1 (Ctrl+F)").arg(root.noun)
                        text: root.list.filterText
                        selectByMouse: true
                        Accessible.name: qsTr("Filter %1").arg(root.noun)
                        onTextEdited: root.list.filterText = text
                        Keys.onEscapePressed: { root.list.filterText = ""; text = "" }
                        Keys.onDownPressed: { table.forceActiveFocus(); root.list.selectRelative(1) }
                    }
                    Label {
                        text: root.list.filterText.length > 0
                              ? qsTr("%1 of %2").arg(root.list.shownCount).arg(root.list.count)
                              : (root.list.count === 1 ? qsTr("1 item") : qsTr("%1 items").arg(root.list.count))
                        color: Theme.mutedText
                        visible: root.list.loaded
                        Accessible.role: Accessible.StaticText
                        Accessible.name: qsTr("%1 count").arg(root.noun)
                        Accessible.description: text
                    }
                    Item { Layout.fillWidth: true }
                    Badge {
                        visible: root.list.stale
                        text: qsTr("offline copy")
                        tone: Theme.warn
                    }
                    Label {
                        text: root.list.freshnessText
                        color: root.list.stale ? Theme.warn : Theme.mutedText
                        elide: Text.ElideRight
                        // Shrinks (elided) in a narrow pane rather than pushing Refresh out of it.
                        Layout.fillWidth: true
                        Layout.maximumWidth: implicitWidth
                        Accessible.role: Accessible.StaticText
                        Accessible.name: qsTr("%1 freshness").arg(root.noun)
                        Accessible.description: text
                        ToolTip.visible: freshHover.hovered && root.list.error.length > 0
                        ToolTip.text: root.list.error
                        HoverHandler { id: freshHover }
                    }
                    BusyIndicator {
                        running: root.list.loading
                        visible: running
                        implicitWidth: 22
                        implicitHeight: 22
                    }
                    ToolButton {
                        text: qsTr("Refresh")
                        enabled: !root.list.loading
                        Accessible.name: qsTr("Refresh %1").arg(root.noun)
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Read the list again now (F5)")
                        onClicked: root.list.refresh()
                    }
                }

                Label {
                    Layout.fillWidth: true
                    Layout.leftMargin: Theme.spacing
                    Layout.rightMargin: Theme.spacing
                    visible: root.list.error.length > 0 && root.list.loaded
                    text: qsTr("Could not refresh: %1 Showing what was read before.").arg(root.list.error)
                    color: Theme.warn
                    wrapMode: Text.WordWrap
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: qsTr("%1 refresh problem").arg(root.noun)
                    Accessible.description: text
                }

                HorizontalHeaderView {
                    id: header
                    syncView: table
                    Layout.fillWidth: true
                    visible: root.hasRows
                    clip: true
                    // A plain item, so the accessible role stays ColumnHeader (controls report their own).
                    delegate: Rectangle {
                        id: headerCell
                        required property var model
                        required property int column
                        implicitHeight: 28
                        implicitWidth: 80
                        color: headerHover.hovered ? Qt.darker(Theme.sidebar, 1.05) : Theme.sidebar
                        Accessible.role: Accessible.ColumnHeader
                        Accessible.name: headerCell.model.display ?? ""
                        Accessible.onPressAction: root.list.sortBy(headerCell.column)
                        Label {
                            anchors.fill: parent
                            anchors.leftMargin: 8
                            anchors.rightMargin: 4
                            verticalAlignment: Text.AlignVCenter
                            elide: Text.ElideRight
                            font.bold: true
                            text: (headerCell.model.display ?? "")
                                  + (root.list.sortColumn === headerCell.column ? (root.list.sortAscending ? "  ▲" : "  ▼") : "")
                        }
                        Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.border }
                        HoverHandler { id: headerHover; cursorShape: Qt.PointingHandCursor }
                        TapHandler { onTapped: root.list.sortBy(headerCell.column) }
                        ToolTip.visible: headerHover.hovered
                        ToolTip.delay: 800
                        ToolTip.text: qsTr("Sort by %1").arg(headerCell.model.display ?? "")
                    }
                }

                TableView {
                    id: table
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    visible: root.hasRows && root.list.shownCount > 0
                    clip: true
                    model: root.list.model
                    boundsBehavior: Flickable.StopAtBounds
                    focus: true
                    activeFocusOnTab: true
                    reuseItems: true
                    Accessible.role: Accessible.Table
                    Accessible.name: qsTr("%1 list").arg(root.noun)
                    ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }
                    ScrollBar.horizontal: ScrollBar { policy: ScrollBar.AsNeeded }

                    readonly property real naturalWidth: {
                        let sum = 0;
                        for (let i = 0; i < root.list.columnWidths.length; ++i)
                            sum += root.list.columnWidths[i];
                        return sum;
                    }
                    columnWidthProvider: function(column) {
                        const w = root.list.columnWidths[column] ?? 100;
                        const spare = Math.max(0, table.width - table.naturalWidth);
                        return w + spare * w / Math.max(1, table.naturalWidth);
                    }
                    onWidthChanged: forceLayout()

                    Keys.onUpPressed: root.list.selectRelative(-1)
                    Keys.onDownPressed: root.list.selectRelative(1)
                    Keys.onPressed: (event) => {
                        if (event.key === Qt.Key_PageDown) { root.list.selectRelative(10); event.accepted = true }
                        else if (event.key === Qt.Key_PageUp) { root.list.selectRelative(-10); event.accepted = true }
                        else if (event.key === Qt.Key_Home) { root.list.selectRelative(-root.list.shownCount); event.accepted = true }
                        else if (event.key === Qt.Key_End) { root.list.selectRelative(root.list.shownCount); event.accepted = true }
                    }

                    delegate: Rectangle {
                        id: cell
                        required property var model
                        required property int row
                        implicitHeight: 30
                        readonly property bool selected: cell.model.rowKey === root.list.selectedKey
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
                                root.list.selectedKey = cell.model.rowKey;
                                table.forceActiveFocus();
                            }
                        }
                    }
                }

                // States with no table: loading, unreadable, error, empty, filtered to nothing.
                EmptyState {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    visible: !table.visible
                    title: {
                        if (!root.list.loaded && root.list.unavailableReason.length > 0)
                            return qsTr("No access to %1").arg(root.noun);
                        if (!root.list.loaded && root.list.loading)
                            return qsTr("Loading %1…").arg(root.noun);
                        if (!root.list.loaded && root.list.error.length > 0)
                            return qsTr("Could not read the %1").arg(root.noun);
                        if (!root.list.loaded)
                            return qsTr("Not connected");
                        if (root.list.count === 0)
                            return root.emptyTitle;
                        return qsTr("No %1 match “%2”").arg(root.noun).arg(root.list.filterText);
                    }
                    text: {
                        if (!root.list.loaded && root.list.unavailableReason.length > 0)
                            return root.list.unavailableReason;
                        if (!root.list.loaded && root.list.loading)
                            return "";
                        if (!root.list.loaded && root.list.error.length > 0)
                            return root.list.error;
                        if (!root.list.loaded)
                            return qsTr("Connect to this control plane to read its %1. Nothing was saved from an earlier visit.").arg(root.noun);
                        if (root.list.count === 0)
                            return root.emptyText;
                        return qsTr("The filter matches any column. Press Escape in the filter box to clear it.");
                    }
                    actionText: {
                        if (root.list.loaded && root.list.count > 0)
                            return qsTr("Clear filter");
                        if (!root.list.loaded && root.list.error.length > 0)
                            return qsTr("Try again");
                        return "";
                    }
                    onActionTriggered: {
                        if (root.list.loaded) {
                            root.list.filterText = "";
                            filter.text = "";
                        } else {
                            root.list.refresh();
                        }
                    }
                }
            }

            Shortcut {
                // StandardKey works at run time; Qt 6.4 has no type information for it.
                sequence: StandardKey.Find // qmllint disable unqualified
                enabled: root.visible && root.shortcutsEnabled
                onActivated: content.focusFilter()
            }
            Shortcut {
                // StandardKey works at run time; Qt 6.4 has no type information for it.
                sequence: StandardKey.Refresh // qmllint disable unqualified
                enabled: root.visible && root.shortcutsEnabled
                onActivated: root.list.refresh()
            }
        }
    }
}
