import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// "Who can do what": the Controller's resources × verbs for one subject, decided locally the way
// the Controller's RBAC would decide a request from that subject alone. Hover a cell for the role,
// rule and binding that grant it.
ColumnLayout {
    id: grid
    required property AccessModel access
    readonly property int headerWidth: 170
    spacing: Theme.spacing

    RowLayout {
        Layout.fillWidth: true
        Layout.margins: Theme.spacing
        spacing: Theme.spacing
        Label { text: qsTr("Subject"); Accessible.ignored: true }
        ComboBox {
            id: subject
            Layout.preferredWidth: 300
            editable: true
            model: grid.access.gridSubjects
            Accessible.name: qsTr("Subject")
            // Shows the model's subject unless the user is typing one.
            function sync() {
                if (activeFocus)
                    return;
                currentIndex = find(grid.access.gridSubject);
                editText = grid.access.gridSubject;
            }
            Component.onCompleted: sync()
            // After the combo box has taken the new model or finished losing focus.
            onModelChanged: syncLater.restart()
            onActiveFocusChanged: if (!activeFocus) syncLater.restart()
            Timer {
                id: syncLater
                interval: 0
                onTriggered: subject.sync()
            }
            onActivated: grid.access.gridSubject = currentText
            onAccepted: grid.access.gridSubject = editText
            ToolTip.visible: hovered
            ToolTip.delay: 600
            ToolTip.text: qsTr("Pick one, or type “User name”, “Group name” or “ServiceAccount name” and press Enter.")
            Connections {
                target: grid.access
                function onGridChanged() { subject.sync() }
            }
        }
        Label { text: qsTr("Resource name"); Accessible.ignored: true }
        TextField {
            Layout.preferredWidth: 200
            placeholderText: qsTr("none (lists, creates)")
            text: grid.access.gridResourceName
            selectByMouse: true
            Accessible.name: qsTr("Resource name")
            onTextEdited: grid.access.gridResourceName = text
        }
        Item { Layout.fillWidth: true }
    }
    Label {
        Layout.fillWidth: true
        Layout.leftMargin: Theme.spacing
        Layout.rightMargin: Theme.spacing
        text: grid.access.gridSummary
        wrapMode: Text.WordWrap
        color: Theme.mutedText
        Accessible.role: Accessible.StaticText
        Accessible.name: qsTr("Grid summary")
        Accessible.description: text
    }

    GridLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.leftMargin: Theme.spacing
        Layout.rightMargin: Theme.spacing
        columns: 2
        rowSpacing: 0
        columnSpacing: 0

        // Header views have no implicit size of their own: give the layout theirs.
        Item { Layout.preferredWidth: grid.headerWidth; Layout.preferredHeight: 28 }
        HorizontalHeaderView {
            Layout.fillWidth: true
            Layout.preferredHeight: 28
            syncView: table
            clip: true
            delegate: Rectangle {
                id: columnHeader
                required property var model
                implicitHeight: 28
                implicitWidth: 90
                color: Theme.sidebar
                Label {
                    anchors.centerIn: parent
                    text: columnHeader.model.display ?? ""
                    font.bold: true
                }
                Accessible.role: Accessible.ColumnHeader
                Accessible.name: columnHeader.model.display ?? ""
            }
        }
        VerticalHeaderView {
            Layout.fillHeight: true
            Layout.preferredWidth: grid.headerWidth
            syncView: table
            clip: true
            delegate: Rectangle {
                id: rowHeader
                required property var model
                implicitHeight: 26
                // The grid's headerWidth (a TableView measures a column once, before its view has a
                // width: the value itself, not the view's width).
                implicitWidth: 170
                color: Theme.sidebar
                Label {
                    anchors.fill: parent
                    anchors.leftMargin: 8
                    verticalAlignment: Text.AlignVCenter
                    text: rowHeader.model.display ?? ""
                    elide: Text.ElideRight
                }
                Accessible.role: Accessible.RowHeader
                Accessible.name: rowHeader.model.display ?? ""
            }
        }
        TableView {
            id: table
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: grid.access.grid
            boundsBehavior: Flickable.StopAtBounds
            columnSpacing: 1
            rowSpacing: 1
            Accessible.role: Accessible.Table
            Accessible.name: qsTr("Permissions")
            ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }
            columnWidthProvider: function(column) { return Math.max(80, (table.width - 5) / 6) }
            onWidthChanged: forceLayout()
            delegate: Rectangle {
                id: cell
                required property var model
                required property int row
                implicitHeight: 26
                color: cell.model.allowed ? Qt.rgba(Theme.ok.r, Theme.ok.g, Theme.ok.b, 0.16)
                                     : (cell.row % 2 ? Theme.base : Qt.darker(Theme.base, Theme.dark ? 0.9 : 1.02))
                Accessible.role: Accessible.Cell
                Accessible.name: cell.model.resource + " " + cell.model.verb
                Accessible.description: cell.model.description
                Label {
                    anchors.centerIn: parent
                    text: cell.model.display
                    font.bold: cell.model.allowed
                    color: cell.model.allowed ? Theme.ok : Theme.mutedText
                }
                HoverHandler { id: hover }
                ToolTip.visible: hover.hovered
                ToolTip.delay: 300
                ToolTip.text: cell.model.toolTip
            }
        }
    }
}
