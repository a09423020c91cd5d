import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import PotConsole

// Security → Expiry radar: what stops working, soonest first, on every saved control plane
// (certificates, CAs, NATS users' JWTs), within a window of days; exported as a calendar file.
Item {
    id: page
    required property ExpiryRadar radar
    onVisibleChanged: if (visible) page.radar.refresh()
    Component.onCompleted: page.radar.refresh()

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            Label {
                text: qsTr("Expiry radar")
                font.pixelSize: 18
                font.bold: true
            }
            Item { Layout.fillWidth: true }
            Label { text: qsTr("Within") }
            ComboBox {
                id: window
                textRole: "text"
                valueRole: "value"
                model: [
                    { text: qsTr("30 days"), value: 30 },
                    { text: qsTr("90 days"), value: 90 },
                    { text: qsTr("a year"), value: 365 },
                    { text: qsTr("any time"), value: 36500 }
                ]
                currentIndex: 1
                Accessible.name: qsTr("Expiry window")
                onActivated: page.radar.days = currentValue
            }
            TextField {
                Layout.preferredWidth: 220
                placeholderText: qsTr("Filter")
                selectByMouse: true
                Accessible.name: qsTr("Filter expiry dates")
                onTextEdited: page.radar.filterText = text
            }
            Item { // keeps its place while the indicator comes and goes
                Layout.preferredWidth: 28
                Layout.preferredHeight: 28
                BusyIndicator {
                    anchors.fill: parent
                    running: page.radar.reading
                    visible: running
                    Accessible.name: qsTr("Reading control planes")
                }
            }
            Button {
                text: page.radar.reading ? qsTr("Reading…") : qsTr("Refresh")
                enabled: !page.radar.reading
                Accessible.name: qsTr("Refresh expiry dates")
                onClicked: page.radar.refresh()
            }
            Button {
                text: qsTr("Export calendar…")
                enabled: page.radar.count > 0
                Accessible.name: qsTr("Export calendar")
                onClicked: saveDialog.open()
            }
        }
        Label {
            Layout.fillWidth: true
            text: qsTr("%1 of %2 dates shown; %3 due (within the window or past 80 % of their lifetime). %4")
                  .arg(page.radar.count).arg(page.radar.total).arg(page.radar.dueCount).arg(page.radar.sources)
            color: Theme.mutedText
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.StaticText
            Accessible.name: qsTr("Expiry summary")
            Accessible.description: text
        }
        Label {
            Layout.fillWidth: true
            visible: text.length > 0
            text: page.radar.status
            color: page.radar.statusFailed ? Theme.bad : Theme.ok
            Accessible.role: Accessible.StaticText
            Accessible.name: qsTr("Expiry export status")
            Accessible.description: text
        }

        ListView {
            id: dates
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: page.radar
            visible: count > 0
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Expiry dates")
            delegate: ItemDelegate {
                id: row
                required property int index
                required property string date
                required property string remaining
                required property string kind
                required property string name
                required property string controlPlane
                required property string note
                required property bool due
                required property bool expired
                width: ListView.view.width
                Accessible.role: Accessible.ListItem
                Accessible.name: qsTr("%1 %2").arg(row.kind).arg(row.name)
                Accessible.description: row.expired ? qsTr("expired %1").arg(row.date) : qsTr("%1 left, %2").arg(row.remaining).arg(row.date)
                contentItem: RowLayout {
                    spacing: Theme.spacing
                    // Fixed columns line up from row to row; the name takes what is left.
                    Label {
                        Layout.preferredWidth: 160
                        text: row.date
                        font.family: "monospace"
                    }
                    Label {
                        Layout.preferredWidth: 64
                        text: row.remaining
                        color: row.expired ? Theme.bad : row.due ? Theme.warn : Theme.text
                        font.bold: row.due
                    }
                    Label {
                        Layout.preferredWidth: 110
                        text: row.kind
                        color: Theme.mutedText
                    }
                    Label {
                        Layout.fillWidth: true
                        Layout.minimumWidth: 120
                        text: row.name
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.preferredWidth: 120
                        text: row.controlPlane
                        elide: Text.ElideRight
                        color: Theme.mutedText
                    }
                    Label {
                        Layout.preferredWidth: 250
                        text: row.note
                        elide: Text.ElideRight
                        color: Theme.mutedText
                        ToolTip.visible: truncated && row.hovered
                        ToolTip.text: row.note
                    }
                }
            }
        }
        EmptyState {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: dates.count === 0
            title: page.radar.total === 0 ? qsTr("No dates yet") : qsTr("Nothing ends within this window")
            text: page.radar.total === 0 ? page.radar.sources : qsTr("Widen the window or clear the filter.")
        }
    }

    FileDialog {
        id: saveDialog
        title: qsTr("Export expiry dates")
        fileMode: FileDialog.SaveFile
        nameFilters: [qsTr("Calendar (*.ics)")]
        onAccepted: page.radar.exportCalendar(selectedFile)
    }
}
