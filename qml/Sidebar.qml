import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Navigation between the console's pages. Ctrl+1..7 switch pages.
Rectangle {
    id: root
    property int currentIndex: 0
    readonly property var pages: [
        qsTr("Control planes"), qsTr("Agents"), qsTr("Applications"), qsTr("NATS"),
        qsTr("Certificates"), qsTr("Access control"), qsTr("Tools")
    ]
    color: Theme.sidebar
    implicitWidth: Theme.sidebarWidth

    Accessible.role: Accessible.PageTabList
    Accessible.name: qsTr("Sections")

    ColumnLayout {
        anchors.fill: parent
        anchors.topMargin: Theme.margin
        spacing: 2

        Label {
            Layout.leftMargin: Theme.margin
            Layout.bottomMargin: Theme.margin
            text: qsTr("PoT Console")
            font.pixelSize: 16
            font.bold: true
        }

        Repeater {
            model: root.pages
            delegate: ItemDelegate {
                required property int index
                required property string modelData
                Layout.fillWidth: true
                text: modelData
                highlighted: root.currentIndex === index
                Accessible.role: Accessible.PageTab
                Accessible.name: modelData
                onClicked: root.currentIndex = index
            }
        }
        Item { Layout.fillHeight: true }
    }

    // Ctrl+1…7 switch sections.
    Shortcut { sequence: "Ctrl+1"; context: Qt.ApplicationShortcut; onActivated: root.currentIndex = 0 }
    Shortcut { sequence: "Ctrl+2"; context: Qt.ApplicationShortcut; onActivated: root.currentIndex = 1 }
    Shortcut { sequence: "Ctrl+3"; context: Qt.ApplicationShortcut; onActivated: root.currentIndex = 2 }
    Shortcut { sequence: "Ctrl+4"; context: Qt.ApplicationShortcut; onActivated: root.currentIndex = 3 }
    Shortcut { sequence: "Ctrl+5"; context: Qt.ApplicationShortcut; onActivated: root.currentIndex = 4 }
    Shortcut { sequence: "Ctrl+6"; context: Qt.ApplicationShortcut; onActivated: root.currentIndex = 5 }
    Shortcut { sequence: "Ctrl+7"; context: Qt.ApplicationShortcut; onActivated: root.currentIndex = 6 }
}
