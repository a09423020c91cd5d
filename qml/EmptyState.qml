import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// What a page shows when it has nothing to show yet: a title and a sentence that says what will be
// there and what to do.
Item {
    id: root
    property string title
    property string text
    property string actionText
    property string secondaryActionText
    signal actionTriggered()
    signal secondaryActionTriggered()

    Accessible.role: Accessible.StaticText
    Accessible.name: title

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 520)
        spacing: Theme.spacing

        Label {
            Layout.fillWidth: true
            text: root.title
            font.pixelSize: 20
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
        Label {
            Layout.fillWidth: true
            text: root.text
            color: Theme.mutedText
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
        RowLayout {
            Layout.alignment: Qt.AlignHCenter
            spacing: Theme.spacing
            Button {
                visible: root.actionText.length > 0
                text: root.actionText
                Accessible.name: root.actionText
                onClicked: root.actionTriggered()
            }
            Button {
                visible: root.secondaryActionText.length > 0
                text: root.secondaryActionText
                Accessible.name: root.secondaryActionText
                onClicked: root.secondaryActionTriggered()
            }
        }
    }
}
