import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// NATS of the selected control plane.
Item {
    id: page
    required property QtObject planes
    readonly property QtObject cluster: planes.cluster

    EmptyState {
        anchors.fill: parent
        title: qsTr("NATS")
        text: qsTr("The NATS operator, accounts, users and rules view is not part of this version yet.")
    }
}
