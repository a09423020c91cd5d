import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Applications and microservices of the selected control plane.
Item {
    id: page
    required property QtObject planes
    readonly property QtObject cluster: planes.cluster

    EmptyState {
        anchors.fill: parent
        title: qsTr("Applications and microservices")
        text: qsTr("The applications and microservices view is not part of this version yet.")
    }
}
