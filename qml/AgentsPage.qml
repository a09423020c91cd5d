import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Agents (fogs) of the selected control plane.
Item {
    id: page
    required property QtObject planes
    readonly property QtObject cluster: planes.cluster
    readonly property QtObject agents: cluster ? cluster.agents : null

    EmptyState {
        anchors.fill: parent
        visible: page.cluster === null
        title: qsTr("Agents")
        text: qsTr("Select a control plane to see its agents, or open the demo control plane.")
        actionText: qsTr("Open demo control plane")
        onActionTriggered: page.planes.openDemo()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        visible: page.cluster !== null
        ClusterBanner {
            Layout.fillWidth: true
            cluster: page.cluster
        }
        SplitView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            ResourceTable {
                SplitView.fillWidth: true
                SplitView.minimumWidth: 360
                list: page.agents ? page.agents.list : null
                noun: qsTr("agents")
                emptyTitle: qsTr("No agents")
                emptyText: qsTr("This control plane has no agents yet. Add one with potctl or the Controller API, then provision it with its key.")
            }
        }
    }
}
