import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// The saved control planes (ControlPlanes.profiles): colour, name, read-only and encryption
// badges, address and connection state; the current one follows the view model both ways, and a
// double click connects.
ListView {
    id: list
    required property ControlPlanes planes
    clip: true
    model: list.planes.profiles
    currentIndex: list.planes.currentIndex
    keyNavigationEnabled: true
    focus: true
    Accessible.role: Accessible.List
    Accessible.name: qsTr("Control plane list")
    onCurrentIndexChanged: list.planes.currentIndex = currentIndex
    // Alt+1…9, Ctrl+PgUp/PgDown and new profiles change the current profile in the
    // view model: the highlight follows, whatever was clicked or typed here.
    Connections {
        target: list.planes
        function onCurrentChanged() {
            if (list.currentIndex !== list.planes.currentIndex)
                list.currentIndex = list.planes.currentIndex;
        }
    }

    delegate: ItemDelegate {
        id: row
        required property int index
        required property string name
        required property string url
        required property string colour
        required property bool readOnly
        required property string stateText
        required property int connectionState
        required property bool encrypted
        readonly property ControlPlanes planes: (row.ListView.view as ProfileList).planes
        width: ListView.view.width
        highlighted: ListView.isCurrentItem
        Accessible.role: Accessible.ListItem
        Accessible.name: name
        Accessible.description: stateText
        // Through the view model, so the list's binding to it stays in place.
        onClicked: row.planes.currentIndex = index
        onDoubleClicked: row.planes.connectProfile(index)

        contentItem: RowLayout {
            spacing: Theme.spacing
            Rectangle {
                width: 12; height: 12; radius: 6
                color: row.colour.length > 0 ? row.colour : Theme.border
            }
            // Every line fills the width and elides: a line wider than the
            // row (the demo's state text) would widen the column and push the
            // badges out of the row.
            ColumnLayout {
                spacing: 0
                Layout.fillWidth: true
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        text: row.name
                        font.bold: true
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                        color: row.highlighted ? Theme.highlightedText : Theme.text
                    }
                    Badge {
                        visible: row.readOnly
                        text: qsTr("read-only")
                        tone: row.highlighted ? Theme.highlightedText : Theme.info
                    }
                    Badge {
                        visible: !row.encrypted
                        text: qsTr("not encrypted")
                        tone: row.highlighted ? Theme.highlightedText : Theme.warn
                    }
                }
                Label {
                    text: row.url
                    elide: Text.ElideMiddle
                    Layout.fillWidth: true
                    font.pixelSize: 12
                    color: row.highlighted ? Theme.highlightedText : Theme.mutedText
                }
                Label {
                    text: row.stateText
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                    font.pixelSize: 12
                    color: row.highlighted ? Theme.highlightedText
                                           : Theme.stateColour(row.connectionState)
                }
            }
        }
    }
}
