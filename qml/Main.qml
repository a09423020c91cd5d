import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

ApplicationWindow {
    id: window
    width: 1200
    height: 760
    minimumWidth: 800
    minimumHeight: 500
    visible: true
    title: qsTr("PoT Console")
    color: Theme.window

    RowLayout {
        anchors.fill: parent
        spacing: 0

        Sidebar {
            id: sidebar
            Layout.fillHeight: true
        }

        StackLayout {
            id: pages
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: sidebar.currentIndex

            EmptyState {
                title: qsTr("No control plane yet")
                text: qsTr("Add a control plane to browse its agents, applications and NATS accounts.")
            }
            EmptyState {
                title: qsTr("Agents")
                text: qsTr("Connect to a control plane to see its agents: status, resources, router and NATS mode.")
            }
            EmptyState {
                title: qsTr("Applications")
                text: qsTr("Connect to a control plane to see its applications and microservices.")
            }
            EmptyState {
                title: qsTr("NATS")
                text: qsTr("Connect to a control plane with NATS to see its operator, accounts, users and rules.")
            }
            EmptyState {
                title: qsTr("Certificates")
                text: qsTr("Connect to a control plane to see its certificates and certificate authorities.")
            }
            EmptyState {
                title: qsTr("Access control")
                text: qsTr("Connect to a control plane to see its roles, role bindings and service accounts.")
            }
            EmptyState {
                title: qsTr("Tools")
                text: qsTr("Offline tools work without a control plane.")
            }
        }
    }
}
