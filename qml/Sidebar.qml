import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// Navigation between the console's pages, read from the window's page registry (id, title, group,
// shortcut). Pages are chosen by id; each page's shortcut (Ctrl+1…9) works from anywhere.
Rectangle {
    id: root
    required property var registry
    property string currentId: registry.length > 0 ? registry[0].id : ""
    color: Theme.sidebar
    implicitWidth: Theme.sidebarWidth

    Accessible.role: Accessible.PageTabList
    Accessible.name: qsTr("Sections")

    ColumnLayout {
        anchors.fill: parent
        anchors.topMargin: Theme.margin
        spacing: 0

        Label {
            Layout.leftMargin: Theme.margin
            Layout.bottomMargin: Theme.margin
            text: qsTr("PoT Console")
            font.pixelSize: 16
            font.bold: true
        }

        // A ListView for its current item: an entry reads ListView.isCurrentItem and sets the
        // view's currentIndex; currentId follows it.
        ListView {
            id: entries
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            keyNavigationEnabled: false
            highlightFollowsCurrentItem: false
            model: root.registry
            onCurrentIndexChanged: if (currentIndex >= 0) root.currentId = root.registry[currentIndex].id
            ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }
            delegate: ColumnLayout {
                id: entry
                required property int index
                required property var modelData
                readonly property var entries: entry.ListView.view.model
                readonly property bool newGroup: modelData.group.length > 0
                    && (index === 0 || entries[index - 1].group !== modelData.group)
                width: ListView.view.width
                spacing: 0
                Label {
                    visible: entry.newGroup
                    Layout.leftMargin: Theme.margin
                    Layout.topMargin: 8
                    Layout.bottomMargin: 2
                    text: entry.modelData.group
                    color: Theme.mutedText
                    font.pixelSize: 11
                    font.capitalization: Font.AllUppercase
                    Accessible.ignored: true
                }
                ItemDelegate {
                    Layout.fillWidth: true
                    implicitHeight: 30
                    leftPadding: entry.modelData.group.length > 0 ? Theme.margin + 4 : Theme.margin
                    text: entry.modelData.title
                    highlighted: entry.ListView.isCurrentItem
                    Accessible.role: Accessible.PageTab
                    Accessible.name: entry.modelData.title
                    ToolTip.visible: hovered && (entry.modelData.shortcut || "").length > 0
                    ToolTip.delay: 600
                    ToolTip.text: entry.modelData.shortcut || ""
                    onClicked: entry.ListView.view.currentIndex = entry.index
                }
            }
        }
    }

    // Ctrl+1…9: the pages that name a shortcut in the registry. A Repeater (not the list's
    // delegates, which exist only while scrolled into view) so that every shortcut always works;
    // its items are children of this sidebar.
    Repeater {
        model: root.registry
        delegate: Item {
            id: holder
            required property var modelData
            Shortcut {
                enabled: (holder.modelData.shortcut || "").length > 0
                sequence: holder.modelData.shortcut || ""
                context: Qt.ApplicationShortcut
                onActivated: (holder.parent as Sidebar).currentId = holder.modelData.id
            }
        }
    }

    onCurrentIdChanged: entries.currentIndex = indexOf(currentId)
    Component.onCompleted: entries.currentIndex = indexOf(currentId)
    function indexOf(id) {
        for (let i = 0; i < registry.length; ++i) {
            if (registry[i].id === id)
                return i;
        }
        return -1;
    }
}
