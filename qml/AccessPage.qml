import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Access control of the selected control plane.
Item {
    id: page
    required property QtObject planes
    readonly property QtObject cluster: planes.cluster

    EmptyState {
        anchors.fill: parent
        title: qsTr("Access control")
        text: qsTr("The roles, role bindings and service accounts view is not part of this version yet.")
    }
}
