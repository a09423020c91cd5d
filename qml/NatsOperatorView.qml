import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// The NATS operator and hub of a control plane, and operator rotation (admin only).
ColumnLayout {
    id: view
    required property NatsModel nats
    required property ClusterView cluster
    property string rotateDenied
    spacing: Theme.spacing

    RowLayout {
        Layout.fillWidth: true
        Layout.margins: Theme.spacing
        spacing: Theme.spacing
        Label {
            text: view.nats && view.nats.operatorName.length > 0 ? view.nats.operatorName : qsTr("Operator")
            font.bold: true
            font.pixelSize: 16
        }
        Label {
            Layout.fillWidth: true
            text: view.nats ? (view.nats.operatorError + " " + view.nats.hubError).trim() : ""
            color: Theme.warn
            elide: Text.ElideRight
            Accessible.role: Accessible.StaticText
            Accessible.name: qsTr("Operator problem")
            Accessible.description: text
        }
        ToolButton {
            text: qsTr("Refresh")
            Accessible.name: qsTr("Refresh operator")
            onClicked: view.nats.refreshDocuments()
        }
        ActionButton {
            text: qsTr("Rotate…")
            destructive: true
            deniedReason: view.rotateDenied
            ready: view.nats !== null && view.nats.operatorName.length > 0
            disabledHint: qsTr("The operator has not been read yet.")
            onClicked: rotateDialog.open()
        }
    }
    DetailPane {
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.leftMargin: Theme.spacing
        Layout.rightMargin: Theme.spacing
        model: view.nats ? view.nats.operatorDetails : null
        cluster: view.cluster
        name: qsTr("Operator details")
    }

    ConfirmDialog {
        id: rotateDialog
        title: qsTr("Rotate NATS operator")
        destructive: true
        confirmName: view.nats ? view.nats.operatorName : ""
        confirmText: qsTr("Rotate")
        message: view.nats ? view.nats.rotateWarning : ""
        onConfirmed: view.nats.rotateOperator()
    }
}
