import QtQuick
import QtQuick.Controls
import PotConsole

// A small rounded label ("read-only", "not encrypted", "stale").
Rectangle {
    id: badge
    property alias text: label.text
    property color tone: Theme.info
    implicitWidth: label.implicitWidth + 10
    implicitHeight: label.implicitHeight + 4
    radius: 4
    color: "transparent"
    border.color: tone
    Accessible.role: Accessible.StaticText
    Accessible.name: text

    Label {
        id: label
        anchors.centerIn: parent
        font.pixelSize: 11
        color: badge.tone
    }
}
