import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// Access control of the selected control plane: roles, role bindings and service accounts (the
// generic resource page of each kind, edited as the YAML the Controller accepts) and who can do
// what (the permission grid).
Item {
    id: page
    required property ControlPlanes planes
    readonly property ClusterView cluster: planes.cluster
    readonly property AccessModel access: cluster ? cluster.access : null

    EmptyState {
        anchors.fill: parent
        visible: page.cluster === null
        title: qsTr("Access control")
        text: qsTr("Select a control plane to see its roles, role bindings and service accounts, or open the demo control plane.")
        actionText: qsTr("Open demo control plane")
        onActionTriggered: page.planes.openDemo()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        visible: page.access !== null
        ClusterBanner {
            Layout.fillWidth: true
            cluster: page.cluster
        }
        TabBar {
            id: tabs
            Layout.fillWidth: true
            Repeater {
                model: [qsTr("Roles"), qsTr("Role bindings"), qsTr("Service accounts"), qsTr("Who can do what")]
                TabButton {
                    required property string modelData
                    text: modelData
                    Accessible.name: text
                }
            }
        }
        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: tabs.currentIndex
            ResourcePage {
                planes: page.planes
                kindId: "roles"
                title: qsTr("Roles")
                showBanner: false
            }
            ResourcePage {
                planes: page.planes
                kindId: "roleBindings"
                title: qsTr("Role bindings")
                showBanner: false
            }
            ResourcePage {
                planes: page.planes
                kindId: "serviceAccounts"
                title: qsTr("Service accounts")
                showBanner: false
            }
            // Made only while there is a control plane.
            ModelLoader {
                file: "PermissionGrid.qml"
                modelProperty: "access"
                model: page.access
            }
        }
    }
}
