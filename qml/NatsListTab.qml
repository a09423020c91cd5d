import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// One tab of the NATS page: a list on the left, the selected entry's actions and details on the
// right. `actions` holds the buttons for the selected entry.
SplitView {
    id: tab
    required property ResourceList list
    required property DetailsModel details
    required property ClusterView cluster
    property string noun
    property string detailsName
    property string emptyTitle
    property string emptyText
    property string selectPrompt: qsTr("Select an entry to see its details.")
    default property alias actions: actionRow.data

    ResourceTable {
        SplitView.fillWidth: true
        SplitView.minimumWidth: 360
        list: tab.list
        noun: tab.noun
        emptyTitle: tab.emptyTitle
        emptyText: tab.emptyText
    }
    ColumnLayout {
        SplitView.preferredWidth: 420
        SplitView.minimumWidth: 280
        spacing: Theme.spacing
        Flow {
            id: actionRow
            Layout.fillWidth: true
            Layout.margins: Theme.spacing
            spacing: Theme.spacing
            visible: children.length > 0
        }
        Label {
            Layout.fillWidth: true
            Layout.margins: Theme.margin
            visible: tab.details !== null && tab.details.count === 0
            text: tab.selectPrompt
            color: Theme.mutedText
            wrapMode: Text.WordWrap
        }
        DetailPane {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.leftMargin: Theme.spacing
            Layout.rightMargin: Theme.spacing
            model: tab.details
            cluster: tab.cluster
            name: tab.detailsName
        }
    }
}
