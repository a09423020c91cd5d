import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// The inside of a ResourceTable while it has a list (`owner.list` is never null here): filter,
// count, freshness, refresh, sortable header, the rows and the states with no rows.
Item {
    id: content
    required property ResourceTable owner
    readonly property ResourceList list: content.owner.list
    function focusFilter() { filter.forceActiveFocus(); filter.selectAll(); }
    function ensureSelectionVisible() {
        const r = content.list.selectedRow;
        if (r >= 0 && (r < table.topRow || r > table.bottomRow))
            table.positionViewAtRow(r, TableView.Contain);
    }
    Connections {
        target: content.owner
        function onFilterFocusRequested() { content.focusFilter() }
    }
    Connections {
        target: content.list
        function onSelectedRowChanged() { revealTimer.restart() }
    }
    // Once the view has laid the new selection out.
    Timer {
        id: revealTimer
        interval: 0
        onTriggered: content.ensureSelectionVisible()
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
                placeholderText: qsTr("Filter %1 (Ctrl+F)").arg(content.owner.noun)
                text: content.list.filterText
                selectByMouse: true
                Accessible.name: qsTr("Filter %1").arg(content.owner.noun)
                onTextEdited: content.list.filterText = text
                Keys.onEscapePressed: { content.list.filterText = ""; text = "" }
                Keys.onDownPressed: { table.forceActiveFocus(); content.list.selectRelative(1) }
            }
            Label {
                text: content.list.filterText.length > 0
                      ? qsTr("%1 of %2").arg(content.list.shownCount).arg(content.list.count)
                      : (content.list.count === 1 ? qsTr("1 item") : qsTr("%1 items").arg(content.list.count))
                color: Theme.mutedText
                visible: content.list.loaded
                Accessible.role: Accessible.StaticText
                Accessible.name: qsTr("%1 count").arg(content.owner.noun)
                Accessible.description: text
            }
            Item { Layout.fillWidth: true }
            Badge {
                visible: content.list.stale
                text: qsTr("offline copy")
                tone: Theme.warn
            }
            Label {
                text: content.list.freshnessText
                color: content.list.stale ? Theme.warn : Theme.mutedText
                elide: Text.ElideRight
                // Shrinks (elided) in a narrow pane rather than pushing Refresh out of it.
                Layout.fillWidth: true
                Layout.maximumWidth: implicitWidth
                Accessible.role: Accessible.StaticText
                Accessible.name: qsTr("%1 freshness").arg(content.owner.noun)
                Accessible.description: text
                ToolTip.visible: freshHover.hovered && content.list.error.length > 0
                ToolTip.text: content.list.error
                HoverHandler { id: freshHover }
            }
            BusyIndicator {
                running: content.list.loading
                visible: running
                implicitWidth: 22
                implicitHeight: 22
            }
            ToolButton {
                text: qsTr("Refresh")
                enabled: !content.list.loading
                Accessible.name: qsTr("Refresh %1").arg(content.owner.noun)
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Read the list again now (F5)")
                onClicked: content.list.refresh()
            }
        }

        Label {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacing
            Layout.rightMargin: Theme.spacing
            visible: content.list.error.length > 0 && content.list.loaded
            text: qsTr("Could not refresh: %1 Showing what was read before.").arg(content.list.error)
            color: Theme.warn
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.AlertMessage
            Accessible.name: qsTr("%1 refresh problem").arg(content.owner.noun)
            Accessible.description: text
        }

        HorizontalHeaderView {
            id: header
            syncView: table
            Layout.fillWidth: true
            visible: content.owner.hasRows
            clip: true
            // A plain item, so the accessible role stays ColumnHeader (controls report their own).
            delegate: Rectangle {
                id: headerCell
                required property var model
                required property int column
                readonly property ResourceList list: (headerCell.TableView.view.syncView as ResourceGrid).list
                implicitHeight: 28
                implicitWidth: 80
                color: headerHover.hovered ? Qt.darker(Theme.sidebar, 1.05) : Theme.sidebar
                Accessible.role: Accessible.ColumnHeader
                Accessible.name: headerCell.model.display ?? ""
                Accessible.onPressAction: headerCell.list.sortBy(headerCell.column)
                Label {
                    anchors.fill: parent
                    anchors.leftMargin: 8
                    anchors.rightMargin: 4
                    verticalAlignment: Text.AlignVCenter
                    elide: Text.ElideRight
                    font.bold: true
                    text: (headerCell.model.display ?? "")
                          + (headerCell.list.sortColumn === headerCell.column ? (headerCell.list.sortAscending ? "  ▲" : "  ▼") : "")
                }
                Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.border }
                HoverHandler { id: headerHover; cursorShape: Qt.PointingHandCursor }
                TapHandler { onTapped: headerCell.list.sortBy(headerCell.column) }
                ToolTip.visible: headerHover.hovered
                ToolTip.delay: 800
                ToolTip.text: qsTr("Sort by %1").arg(headerCell.model.display ?? "")
            }
        }

        ResourceGrid {
            id: table
            list: content.list
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: content.owner.hasRows && content.list.shownCount > 0
            Accessible.name: qsTr("%1 list").arg(content.owner.noun)
        }

        // States with no table: loading, unreadable, error, empty, filtered to nothing.
        EmptyState {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: !table.visible
            title: {
                if (!content.list.loaded && content.list.unavailableReason.length > 0)
                    return qsTr("No access to %1").arg(content.owner.noun);
                if (!content.list.loaded && content.list.loading)
                    return qsTr("Loading %1…").arg(content.owner.noun);
                if (!content.list.loaded && content.list.error.length > 0)
                    return qsTr("Could not read the %1").arg(content.owner.noun);
                if (!content.list.loaded)
                    return qsTr("Not connected");
                if (content.list.count === 0)
                    return content.owner.emptyTitle;
                return qsTr("No %1 match “%2”").arg(content.owner.noun).arg(content.list.filterText);
            }
            text: {
                if (!content.list.loaded && content.list.unavailableReason.length > 0)
                    return content.list.unavailableReason;
                if (!content.list.loaded && content.list.loading)
                    return "";
                if (!content.list.loaded && content.list.error.length > 0)
                    return content.list.error;
                if (!content.list.loaded)
                    return qsTr("Connect to this control plane to read its %1. Nothing was saved from an earlier visit.").arg(content.owner.noun);
                if (content.list.count === 0)
                    return content.owner.emptyText;
                return qsTr("The filter matches any column. Press Escape in the filter box to clear it.");
            }
            actionText: {
                if (content.list.loaded && content.list.count > 0)
                    return qsTr("Clear filter");
                if (!content.list.loaded && content.list.error.length > 0)
                    return qsTr("Try again");
                return "";
            }
            onActionTriggered: {
                if (content.list.loaded) {
                    content.list.filterText = "";
                    filter.text = "";
                } else {
                    content.list.refresh();
                }
            }
        }
    }

    Shortcut {
        // StandardKey works at run time; Qt 6.4 has no type information for it.
        sequence: StandardKey.Find // qmllint disable unqualified
        enabled: content.owner.visible && content.owner.shortcutsEnabled
        onActivated: content.focusFilter()
    }
    Shortcut {
        // StandardKey works at run time; Qt 6.4 has no type information for it.
        sequence: StandardKey.Refresh // qmllint disable unqualified
        enabled: content.owner.visible && content.owner.shortcutsEnabled
        onActivated: content.list.refresh()
    }
}
