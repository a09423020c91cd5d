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

        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentWidth: availableWidth
            ColumnLayout {
                width: parent.width
                spacing: 0
                Repeater {
                    model: root.registry
                    delegate: ColumnLayout {
                        id: entry
                        required property int index
                        required property var modelData
                        readonly property bool newGroup: modelData.group.length > 0
                            && (index === 0 || root.registry[index - 1].group !== modelData.group)
                        Layout.fillWidth: true
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
                            highlighted: root.currentId === entry.modelData.id
                            Accessible.role: Accessible.PageTab
                            Accessible.name: entry.modelData.title
                            ToolTip.visible: hovered && (entry.modelData.shortcut || "").length > 0
                            ToolTip.delay: 600
                            ToolTip.text: entry.modelData.shortcut || ""
                            onClicked: root.currentId = entry.modelData.id
                        }
                    }
                }
            }
        }
    }

    // Ctrl+1…9: the pages that name a shortcut in the registry.
    Repeater {
        model: root.registry
        delegate: Item {
            id: shortcutHolder
            required property var modelData
            Shortcut {
                enabled: (shortcutHolder.modelData.shortcut || "").length > 0
                sequence: shortcutHolder.modelData.shortcut || ""
                context: Qt.ApplicationShortcut
                onActivated: root.currentId = shortcutHolder.modelData.id
            }
        }
    }
}
