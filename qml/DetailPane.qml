import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// The fields of the selected object in named groups (a DetailsModel). Sensitive values stay
// hidden until the user reveals them; each value can be copied (sensitive copies are cleared from
// the clipboard after 30 s by the cluster view).
ListView {
    id: pane
    property bool revealed: false
    property ClusterView cluster        // ClusterView, for copy()
    // Without a cluster view, a page that copies values itself turns this on and handles copyRequested.
    property bool copyable: cluster !== null
    signal copyRequested(string label, string value, bool sensitive)
    property string name: qsTr("Details")
    signal linkActivated(string label, string value)

    clip: true
    spacing: 0
    boundsBehavior: Flickable.StopAtBounds
    Accessible.role: Accessible.List
    Accessible.name: pane.name
    ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }
    section.property: "group"
    // No required property here: Qt 6.4 sets a required `section` only when it creates the
    // header, and reuses headers for other sections after the model changes (a user's first group
    // showed as "Connection"). The context property is set on every reuse.
    section.delegate: Label {
        width: ListView.view.width
        text: section // qmllint disable unqualified
        font.bold: true
        topPadding: Theme.margin
        bottomPadding: 2
        Accessible.role: Accessible.Heading
        Accessible.name: section // qmllint disable unqualified
    }
    delegate: ItemDelegate {
        id: rowItem
        required property string label
        required property string value
        required property string fullValue
        required property string hint
        required property bool sensitive
        required property bool warning
        // The pane this row is in (its view), not an id of this file: a delegate is a Component.
        readonly property DetailPane view: rowItem.ListView.view as DetailPane
        readonly property bool masked: sensitive && !rowItem.view.revealed
        readonly property bool canCopy: value.length > 0 && value !== "—" && rowItem.view.copyable
        function copy() {
            if (rowItem.view.cluster !== null)
                rowItem.view.cluster.copy(rowItem.fullValue, rowItem.sensitive);
            else
                rowItem.view.copyRequested(rowItem.label, rowItem.fullValue, rowItem.sensitive);
        }
        // A double click copies too (as the Copy button).
        onDoubleClicked: if (canCopy) copy()
        width: ListView.view.width
        padding: 2
        Accessible.name: label
        Accessible.description: masked ? qsTr("hidden") : value
        ToolTip.visible: hovered && hint.length > 0
        ToolTip.delay: 500
        ToolTip.text: hint
        contentItem: RowLayout {
            spacing: Theme.spacing
            Label {
                text: rowItem.label
                color: Theme.mutedText
                Layout.preferredWidth: Math.min(190, rowItem.view.width * 0.35)
                Layout.alignment: Qt.AlignTop
                topPadding: 6
                elide: Text.ElideRight
            }
            Label {
                text: rowItem.masked ? "••••••••••••" : rowItem.value
                color: rowItem.warning ? Theme.warn : Theme.text
                font.family: rowItem.value.length > 48 && rowItem.value.indexOf(" ") < 0 ? "monospace" : Application.font.family
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                maximumLineCount: 12
                elide: Text.ElideRight
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                topPadding: 6
            }
            ToolButton {
                text: qsTr("Copy")
                visible: rowItem.canCopy
                font.pixelSize: 11
                Layout.alignment: Qt.AlignTop
                Accessible.name: qsTr("Copy %1").arg(rowItem.label)
                onClicked: rowItem.copy()
            }
        }
    }
}
