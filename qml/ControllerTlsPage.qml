import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import PotConsole

// Tools → Controller TLS: the certificate a Controller serves HTTPS with, made here for its hosts
// or brought as files; checked host by host; written as a Remote ControlPlane's https section or a
// Kubernetes TLS Secret (the private key hidden here, written owner-only); and a connection profile
// made that trusts the CA.
Item {
    id: page
    required property TlsAssistant assistant
    required property ControlPlanes planes

    // What was typed for the material made before goes with it: the profile fields (the URL
    // follows the new hosts again) and an unused password.
    Connections {
        target: page.assistant
        function onResultChanged() {
            profileStatus.text = "";
            profileName.text = "";
            profileEmail.text = "";
            profileUrl.text = Qt.binding(() => page.assistant.profileUrl);
        }
        function onInputChanged() { password.text = "" }
    }

    SplitView {
        anchors.fill: parent
        orientation: Qt.Horizontal

        Pane {
            SplitView.preferredWidth: 420
            SplitView.minimumWidth: 320
            ColumnLayout {
                anchors.fill: parent
                spacing: Theme.spacing
                Label {
                    text: qsTr("Controller TLS")
                    font.pixelSize: 18
                    font.bold: true
                }
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    color: Theme.mutedText
                    text: qsTr("The certificate a Controller serves HTTPS with, checked for every address it is reached at, as YAML for potctl. Nothing leaves this computer.")
                }
                RadioButton {
                    id: generateRadio
                    text: qsTr("Make a CA and a server certificate here")
                    checked: page.assistant.generate
                    Accessible.name: qsTr("Make certificate here")
                    onToggled: page.assistant.generate = checked
                }
                RadioButton {
                    text: qsTr("Use my certificate, key and CA files")
                    checked: !page.assistant.generate
                    Accessible.name: qsTr("Use my files")
                    onToggled: page.assistant.generate = !checked
                }
                Label { text: qsTr("Host names and IP addresses of the Controller") }
                TextField {
                    id: hostsField
                    Layout.fillWidth: true
                    text: page.assistant.hostsText
                    placeholderText: qsTr("controller.example.com, 10.0.0.5")
                    selectByMouse: true
                    Accessible.name: qsTr("Controller hosts")
                    onTextEdited: page.assistant.hostsText = text
                    onAccepted: runButton.clicked()
                }

                GridLayout {
                    Layout.fillWidth: true
                    visible: page.assistant.generate
                    columns: 2
                    columnSpacing: Theme.spacing
                    Label { text: qsTr("Valid for (days)") }
                    SpinBox {
                        from: 1
                        to: 3650
                        editable: true
                        value: page.assistant.days
                        Accessible.name: qsTr("Lifetime in days")
                        onValueModified: page.assistant.days = value
                    }
                    Label { text: qsTr("CA name") }
                    TextField {
                        Layout.fillWidth: true
                        text: page.assistant.caName
                        selectByMouse: true
                        Accessible.name: qsTr("CA name")
                        onTextEdited: page.assistant.caName = text
                    }
                }

                GridLayout {
                    Layout.fillWidth: true
                    visible: !page.assistant.generate
                    columns: 3
                    columnSpacing: Theme.spacing
                    Label { text: qsTr("Certificate") }
                    Label {
                        Layout.fillWidth: true
                        text: page.assistant.certificateFileName.length > 0 ? page.assistant.certificateFileName : qsTr("none")
                        elide: Text.ElideMiddle
                        color: page.assistant.certificateFileName.length > 0 ? Theme.text : Theme.mutedText
                    }
                    Button {
                        text: qsTr("Choose…")
                        Accessible.name: qsTr("Choose certificate file")
                        onClicked: { fileDialog.target = "certificate"; fileDialog.open() }
                    }
                    Label { text: qsTr("Private key") }
                    Label {
                        Layout.fillWidth: true
                        text: page.assistant.keyFileName.length > 0 ? page.assistant.keyFileName : qsTr("in the certificate file")
                        elide: Text.ElideMiddle
                        color: page.assistant.keyFileName.length > 0 ? Theme.text : Theme.mutedText
                    }
                    Button {
                        text: qsTr("Choose…")
                        Accessible.name: qsTr("Choose key file")
                        onClicked: { fileDialog.target = "key"; fileDialog.open() }
                    }
                    Label { text: qsTr("CA") }
                    Label {
                        Layout.fillWidth: true
                        text: page.assistant.caFileName.length > 0 ? page.assistant.caFileName : qsTr("in the certificate file")
                        elide: Text.ElideMiddle
                        color: page.assistant.caFileName.length > 0 ? Theme.text : Theme.mutedText
                    }
                    Button {
                        text: qsTr("Choose…")
                        Accessible.name: qsTr("Choose CA file")
                        onClicked: { fileDialog.target = "ca"; fileDialog.open() }
                    }
                }
                // Asked for only when a file needs it; used for one read and cleared.
                TextField {
                    id: password
                    Layout.fillWidth: true
                    visible: page.assistant.needsPassword
                    echoMode: TextInput.Password
                    placeholderText: qsTr("Password of the key or PKCS#12 file")
                    Accessible.name: qsTr("TLS file password")
                    onAccepted: runButton.clicked()
                }
                RowLayout {
                    Button {
                        id: runButton
                        text: page.assistant.generate ? qsTr("Make and check") : qsTr("Check")
                        highlighted: true
                        Accessible.name: text
                        enabled: hostsField.text.trim().length > 0
                        onClicked: { page.assistant.run(password.text); password.text = "" }
                        ToolTip.visible: hovered && !enabled
                        ToolTip.text: qsTr("Name the hosts first")
                    }
                    Button {
                        text: qsTr("Clear")
                        Accessible.name: qsTr("Clear TLS assistant")
                        enabled: page.assistant.ready || page.assistant.error.length > 0
                        onClicked: page.assistant.clear()
                    }
                }
                Item { Layout.fillHeight: true }
            }
        }

        Pane {
            SplitView.fillWidth: true

            EmptyState {
                anchors.fill: parent
                visible: !page.assistant.ready && page.assistant.error.length === 0
                title: qsTr("Nothing checked yet")
                text: qsTr("Name the Controller's hosts, then make a certificate here or choose your files: the check, the YAML and a profile that trusts the CA appear here.")
            }

            ScrollView {
                id: resultScroll
                anchors.fill: parent
                visible: page.assistant.ready || page.assistant.error.length > 0
                contentWidth: availableWidth

                ColumnLayout {
                    width: resultScroll.availableWidth
                    spacing: Theme.spacing

                    Label {
                        Layout.fillWidth: true
                        visible: page.assistant.error.length > 0
                        text: page.assistant.error
                        color: Theme.bad
                        wrapMode: Text.WordWrap
                        Accessible.role: Accessible.AlertMessage
                        Accessible.name: qsTr("TLS assistant error")
                        Accessible.description: text
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: page.assistant.ready
                        text: page.assistant.passed ? qsTr("Ready: a client that trusts the CA reaches the Controller at every host below.")
                                                    : qsTr("Not ready: fix what is listed below.")
                        color: page.assistant.passed ? Theme.ok : Theme.bad
                        font.bold: true
                        wrapMode: Text.WordWrap
                        Accessible.role: Accessible.StaticText
                        Accessible.name: qsTr("TLS verdict")
                        Accessible.description: text
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: page.assistant.ready
                        text: page.assistant.summary
                        wrapMode: Text.WordWrap
                        Accessible.role: Accessible.StaticText
                        Accessible.name: qsTr("TLS certificate summary")
                        Accessible.description: text
                    }
                    Repeater {
                        model: page.assistant.hosts
                        Label {
                            required property var modelData
                            text: (modelData.covered ? "✓  " : "✗  ") + modelData.host
                                  + (modelData.covered ? "" : qsTr("  (not among the certificate's names)"))
                            color: modelData.covered ? Theme.ok : Theme.bad
                            Accessible.role: Accessible.StaticText
                            Accessible.name: qsTr("Host %1").arg(modelData.host)
                            Accessible.description: modelData.covered ? qsTr("covered") : qsTr("not covered")
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: text.length > 0
                        text: [...page.assistant.problems].join("\n")
                        color: Theme.bad
                        wrapMode: Text.WordWrap
                        Accessible.role: Accessible.StaticText
                        Accessible.name: qsTr("TLS problems")
                        Accessible.description: text
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: text.length > 0
                        text: [...page.assistant.notes].join("\n")
                        color: Theme.warn
                        wrapMode: Text.WordWrap
                    }

                    // The YAML for potctl.
                    Label {
                        visible: page.assistant.ready
                        text: qsTr("YAML for potctl")
                        font.bold: true
                        Accessible.role: Accessible.Heading
                        Accessible.name: text
                    }
                    RowLayout {
                        visible: page.assistant.ready
                        Layout.fillWidth: true
                        RadioButton {
                            text: qsTr("Remote control plane")
                            checked: !page.assistant.kubernetes
                            Accessible.name: qsTr("Remote control plane YAML")
                            onToggled: page.assistant.kubernetes = !checked
                        }
                        RadioButton {
                            text: qsTr("Kubernetes")
                            checked: page.assistant.kubernetes
                            Accessible.name: qsTr("Kubernetes Secret YAML")
                            onToggled: page.assistant.kubernetes = checked
                        }
                    }
                    GridLayout {
                        visible: page.assistant.ready
                        Layout.fillWidth: true
                        columns: 2
                        columnSpacing: Theme.spacing
                        Label {
                            visible: !page.assistant.kubernetes
                            text: qsTr("Controller name")
                        }
                        TextField {
                            visible: !page.assistant.kubernetes
                            Layout.fillWidth: true
                            text: page.assistant.controllerName
                            Accessible.name: qsTr("Controller name")
                            onTextEdited: page.assistant.controllerName = text
                        }
                        Label {
                            visible: page.assistant.kubernetes
                            text: qsTr("Secret name")
                        }
                        TextField {
                            visible: page.assistant.kubernetes
                            Layout.fillWidth: true
                            text: page.assistant.secretName
                            Accessible.name: qsTr("Secret name")
                            onTextEdited: page.assistant.secretName = text
                        }
                        Label {
                            visible: page.assistant.kubernetes
                            text: qsTr("Namespace")
                        }
                        TextField {
                            visible: page.assistant.kubernetes
                            Layout.fillWidth: true
                            text: page.assistant.nameSpace
                            placeholderText: qsTr("the control plane's namespace")
                            Accessible.name: qsTr("Secret namespace")
                            onTextEdited: page.assistant.nameSpace = text
                        }
                    }
                    // Its own scroll: the profile below stays in reach however long the YAML is.
                    ScrollView {
                        id: yamlScroll
                        visible: page.assistant.ready
                        Layout.fillWidth: true
                        Layout.preferredHeight: 170
                        contentWidth: availableWidth
                        TextArea {
                            readOnly: true
                            selectByMouse: true
                            text: page.assistant.yamlPreview
                            font.family: "monospace"
                            font.pixelSize: 12
                            wrapMode: TextEdit.WrapAtWordBoundaryOrAnywhere
                            Accessible.name: qsTr("TLS YAML preview")
                            background: Rectangle { color: Theme.base; border.color: Theme.border; radius: 2 }
                        }
                    }
                    Flow {
                        visible: page.assistant.ready
                        Layout.fillWidth: true
                        spacing: Theme.spacing
                        ActionButton {
                            text: qsTr("Save YAML…")
                            ready: page.assistant.passed
                            disabledHint: qsTr("The check found a problem")
                            onClicked: { saveDialog.target = "yaml"; saveDialog.open() }
                        }
                        ActionButton {
                            text: qsTr("Copy YAML")
                            ready: page.assistant.passed
                            disabledHint: qsTr("The check found a problem")
                            onClicked: page.assistant.copyYaml()
                        }
                        ActionButton {
                            text: qsTr("Save CA certificate…")
                            onClicked: { saveDialog.target = "ca"; saveDialog.open() }
                        }
                        ActionButton {
                            visible: page.assistant.hasCaKey
                            text: qsTr("Save CA key…")
                            onClicked: { saveDialog.target = "caKey"; saveDialog.open() }
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: text.length > 0
                        text: page.assistant.status
                        color: page.assistant.statusFailed ? Theme.bad : Theme.ok
                        wrapMode: Text.WordWrap
                        Accessible.role: Accessible.StaticText
                        Accessible.name: qsTr("TLS assistant status")
                        Accessible.description: text
                    }

                    // A profile that trusts this CA.
                    Label {
                        visible: page.assistant.passed
                        text: qsTr("Connection profile")
                        font.bold: true
                        Accessible.role: Accessible.Heading
                        Accessible.name: text
                    }
                    GridLayout {
                        visible: page.assistant.passed
                        Layout.fillWidth: true
                        columns: 2
                        columnSpacing: Theme.spacing
                        Label { text: qsTr("Name") }
                        TextField {
                            id: profileName
                            Layout.fillWidth: true
                            placeholderText: qsTr("e.g. production")
                            Accessible.name: qsTr("New profile name")
                        }
                        Label { text: qsTr("Controller URL") }
                        TextField {
                            id: profileUrl
                            Layout.fillWidth: true
                            text: page.assistant.profileUrl
                            Accessible.name: qsTr("New profile URL")
                        }
                        Label { text: qsTr("E-mail") }
                        TextField {
                            id: profileEmail
                            Layout.fillWidth: true
                            placeholderText: qsTr("optional")
                            Accessible.name: qsTr("New profile e-mail")
                        }
                    }
                    RowLayout {
                        visible: page.assistant.passed
                        ActionButton {
                            text: qsTr("Create profile trusting this CA")
                            ready: profileName.text.trim().length > 0 && profileUrl.text.trim().length > 0
                            disabledHint: qsTr("Name the profile first")
                            onClicked: {
                                const error = page.planes.saveProfile(-1, {
                                    name: profileName.text.trim(), url: profileUrl.text.trim(), auth: "password",
                                    email: profileEmail.text.trim(), caPem: page.assistant.caPem,
                                    refreshInterval: 30 });
                                profileStatus.failed = error.length > 0;
                                profileStatus.text = error.length > 0 ? error
                                    : qsTr("Profile %1 made; it trusts this CA only. Sign in from Control planes.").arg(profileName.text.trim());
                            }
                        }
                    }
                    Label {
                        id: profileStatus
                        property bool failed: false
                        Layout.fillWidth: true
                        visible: text.length > 0
                        color: failed ? Theme.bad : Theme.ok
                        wrapMode: Text.WordWrap
                        Accessible.role: Accessible.StaticText
                        Accessible.name: qsTr("New profile status")
                        Accessible.description: text
                    }
                }
            }
        }
    }

    FileDialog {
        id: fileDialog
        property string target
        title: qsTr("Choose a TLS file")
        nameFilters: [qsTr("Certificates and keys (*.pem *.crt *.cer *.der *.key *.p12 *.pfx)"), qsTr("All files (*)")]
        onAccepted: {
            if (target === "certificate")
                page.assistant.certificateFile = selectedFile;
            else if (target === "key")
                page.assistant.keyFile = selectedFile;
            else
                page.assistant.caFile = selectedFile;
        }
    }
    FileDialog {
        id: saveDialog
        property string target
        title: qsTr("Save")
        fileMode: FileDialog.SaveFile
        onAccepted: {
            if (target === "yaml")
                page.assistant.saveYaml(selectedFile);
            else if (target === "ca")
                page.assistant.saveCaCertificate(selectedFile);
            else
                page.assistant.saveCaKey(selectedFile);
        }
    }
}
