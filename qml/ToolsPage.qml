import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// Tools that need no Controller: the NATS decoder, the manifest editor (write, check, tidy,
// simulate and save manifests of any kind offline), the certificate inspector and the Controller
// TLS assistant (which can add a profile).
Item {
    id: page
    required property NatsDecoder decoder
    required property ManifestEditor manifestTool
    required property CertificateInspector certificates
    required property TlsAssistant tls
    required property ControlPlanes planes

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        TabBar {
            id: tabs
            Layout.fillWidth: true
            TabButton { text: qsTr("NATS decoder"); width: implicitWidth; Accessible.name: text }
            TabButton { text: qsTr("Manifest editor"); width: implicitWidth; Accessible.name: text }
            TabButton { text: qsTr("Certificate inspector"); width: implicitWidth; Accessible.name: text }
            TabButton { text: qsTr("Controller TLS"); width: implicitWidth; Accessible.name: text }
        }
        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: tabs.currentIndex
            NatsDecoderPage { decoder: page.decoder }
            Pane {
                ColumnLayout {
                    anchors.fill: parent
                    spacing: Theme.spacing
                    RowLayout {
                        Layout.fillWidth: true
                        Label {
                            Layout.fillWidth: true
                            text: qsTr("Manifest editor")
                            font.pixelSize: 18
                            font.bold: true
                        }
                        Button {
                            id: formToggle
                            checkable: true
                            text: qsTr("Form")
                            Accessible.name: qsTr("Show form")
                            ToolTip.visible: hovered
                            ToolTip.text: qsTr("A NATS account or user rule as a form beside its YAML")
                        }
                    }
                    // The form reads the text only while it is shown.
                    Binding {
                        target: page.manifestTool.form
                        property: "active"
                        value: formToggle.checked && page.visible
                    }
                    SplitView {
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        orientation: Qt.Horizontal
                        ModelLoader {
                            visible: formToggle.checked
                            SplitView.preferredWidth: parent.width * 0.5
                            SplitView.minimumWidth: 380
                            file: "RuleForm.qml"
                            modelProperty: "form"
                            model: formToggle.checked ? page.manifestTool.form : null
                        }
                        YamlEditor {
                            SplitView.fillWidth: true
                            SplitView.minimumWidth: 300
                            editor: page.manifestTool
                            hint: qsTr("Write, open or drop manifests of any kind (--- between documents): every problem is checked here, without a Controller. Save them as a file, or apply them from a control plane's page with Apply file…. What you type is kept in a draft on this computer.")
                        }
                    }
                    RuleSimulator {
                        Layout.fillWidth: true
                        editor: page.manifestTool
                    }
                }
            }
            CertificateInspectorPage { inspector: page.certificates }
            ControllerTlsPage { assistant: page.tls; planes: page.planes }
        }
    }
}
