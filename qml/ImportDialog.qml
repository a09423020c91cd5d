import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import PotConsole

// Import control planes from potctl or ECN-Viewer, and export profiles as ECN-Viewer contexts.
Item {
    id: root
    required property ControlPlanes planes

    function openPotctl() {
        planes.scanPotctl();
        potctlDialog.open();
    }
    function openContexts() { contextsFile.open() }
    function openExport() { exportFile.open() }

    FileDialog {
        id: contextsFile
        title: qsTr("Import ECN-Viewer contexts")
        nameFilters: [qsTr("YAML files (*.yaml *.yml)"), qsTr("All files (*)")]
        onAccepted: resultDialog.show(root.planes.importContexts(selectedFile))
    }
    FileDialog {
        id: exportFile
        title: qsTr("Export profiles as ECN-Viewer contexts")
        fileMode: FileDialog.SaveFile
        // Qt 6.4's own (non-native) dialog keeps "Open" on its button in save mode.
        acceptLabel: qsTr("Save")
        defaultSuffix: "yaml"
        nameFilters: [qsTr("YAML files (*.yaml *.yml)")]
        onAccepted: resultDialog.show(root.planes.exportContexts(selectedFile))
    }

    Dialog {
        id: resultDialog
        anchors.centerIn: Overlay.overlay
        modal: true
        standardButtons: Dialog.Ok
        title: qsTr("Control planes")
        function show(text) { message.text = text; open() }
        Label { id: message; width: 380; wrapMode: Text.WordWrap }
    }

    Dialog {
        id: potctlDialog
        anchors.centerIn: Overlay.overlay
        modal: true
        width: 560
        title: qsTr("Import from potctl")
        standardButtons: Dialog.Cancel | Dialog.Ok
        onAccepted: resultDialog.show(root.planes.importPotctl(passwordsBox.checked))

        ColumnLayout {
            anchors.fill: parent
            spacing: Theme.spacing
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: root.planes.potctlSummary
            }
            CheckBox {
                id: passwordsBox
                visible: root.planes.potctlHasPasswords
                text: qsTr("Also move the saved passwords into the system keychain")
                Accessible.name: qsTr("Import passwords")
            }
            Label {
                Layout.fillWidth: true
                visible: root.planes.potctlHasPasswords
                wrapMode: Text.WordWrap
                color: Theme.warn
                text: qsTr("potctl keeps each password in its configuration file in clear text (base64 is not encryption). Consider removing it from that file after the import.")
            }
        }
    }
}
