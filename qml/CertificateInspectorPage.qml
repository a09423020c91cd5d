import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import PotConsole

// Tools → Certificate inspector: open, drop or paste a PEM, DER or PKCS#12 file and see every field
// of each certificate in it, its validity, the chain its certificates form and whether its private
// key matches. Nothing leaves this computer; the key is never shown.
Item {
    id: page
    required property CertificateInspector inspector

    DropArea {
        anchors.fill: parent
        onDropped: (drop) => {
            if (drop.hasUrls) {
                password.text = "";
                page.inspector.loadFile(drop.urls[0], "");
            }
            else if (drop.hasText)
                pasted.text = drop.text;
        }
    }

    SplitView {
        anchors.fill: parent
        orientation: Qt.Horizontal

        Pane {
            SplitView.preferredWidth: 400
            SplitView.minimumWidth: 280
            ColumnLayout {
                anchors.fill: parent
                spacing: Theme.spacing
                Label {
                    text: qsTr("Certificate inspector")
                    font.pixelSize: 18
                    font.bold: true
                }
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    color: Theme.mutedText
                    text: qsTr("Open or drop a certificate file (PEM, DER, PKCS#12), or paste PEM text. Nothing leaves this computer.")
                }
                RowLayout {
                    Button {
                        text: qsTr("Open file…")
                        Accessible.name: qsTr("Open certificate file")
                        onClicked: openDialog.open()
                    }
                    Button {
                        text: qsTr("Clear")
                        Accessible.name: qsTr("Clear certificate")
                        enabled: page.inspector.loaded || page.inspector.error.length > 0 || pasted.text.length > 0
                        onClicked: { pasted.text = ""; password.text = ""; page.inspector.clear() }
                    }
                    Item { Layout.fillWidth: true }
                }
                // Asked for only when the file needs it; used for one read and cleared.
                RowLayout {
                    Layout.fillWidth: true
                    visible: page.inspector.needsPassword
                    TextField {
                        id: password
                        Layout.fillWidth: true
                        echoMode: TextInput.Password
                        placeholderText: qsTr("Password of %1").arg(page.inspector.source)
                        Accessible.name: qsTr("Certificate password")
                        onAccepted: openWithPassword.clicked()
                    }
                    Button {
                        id: openWithPassword
                        text: qsTr("Open")
                        Accessible.name: qsTr("Open with password")
                        enabled: password.text.length > 0
                        onClicked: { page.inspector.retryWithPassword(password.text); password.text = "" }
                    }
                }
                ScrollView {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    TextArea {
                        id: pasted
                        placeholderText: "-----BEGIN CERTIFICATE-----\nMIID…\n-----END CERTIFICATE-----"
                        font.family: "monospace"
                        font.pixelSize: 12
                        wrapMode: TextEdit.WrapAnywhere
                        selectByMouse: true
                        Accessible.name: qsTr("Certificate text")
                        onTextChanged: readTimer.restart()
                    }
                }
                Timer {
                    id: readTimer
                    interval: 150
                    onTriggered: if (pasted.text.trim().length > 0) page.inspector.loadText(pasted.text)
                }
            }
        }

        Pane {
            SplitView.fillWidth: true

            EmptyState {
                anchors.fill: parent
                visible: !page.inspector.loaded && page.inspector.error.length === 0
                title: qsTr("No certificate open")
                text: qsTr("Subject, issuer, names, validity, key, usages, fingerprints and the chain appear here.")
            }

            ColumnLayout {
                anchors.fill: parent
                visible: page.inspector.loaded || page.inspector.error.length > 0
                spacing: Theme.spacing

                Label {
                    Layout.fillWidth: true
                    visible: page.inspector.error.length > 0
                    text: page.inspector.source.length > 0 ? qsTr("%1: %2").arg(page.inspector.source).arg(page.inspector.error)
                                                           : page.inspector.error
                    color: Theme.bad
                    wrapMode: Text.WordWrap
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: qsTr("Certificate error")
                    Accessible.description: text
                }
                RowLayout {
                    Layout.fillWidth: true
                    visible: page.inspector.loaded
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("%1 — %2").arg(page.inspector.source).arg(page.inspector.summary)
                        elide: Text.ElideRight
                        Accessible.name: qsTr("Certificate file summary")
                        Accessible.description: text
                    }
                    Button {
                        text: qsTr("Copy PEM")
                        visible: page.inspector.titles.length > 0
                        Accessible.name: qsTr("Copy certificate PEM")
                        onClicked: page.inspector.copyPem()
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    visible: page.inspector.titles.length > 1
                    Label { text: qsTr("Certificate") }
                    ComboBox {
                        Layout.fillWidth: true
                        Layout.maximumWidth: 460
                        model: page.inspector.titles
                        currentIndex: page.inspector.current
                        Accessible.name: qsTr("Certificate in file")
                        onActivated: (index) => page.inspector.current = index
                    }
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    visible: page.inspector.titles.length > 0
                    spacing: 2
                    Label {
                        Layout.fillWidth: true
                        text: page.inspector.validityText
                        color: page.inspector.expired ? Theme.bad : page.inspector.lifetimeWarning ? Theme.warn : Theme.text
                        Accessible.name: qsTr("Validity")
                        Accessible.description: text
                    }
                    ProgressBar {
                        Layout.fillWidth: true
                        from: 0
                        to: 1
                        value: page.inspector.lifetimeUsed
                        Accessible.name: qsTr("Lifetime passed")
                    }
                }
                // Export of the shown certificate, always owner-only.
                RowLayout {
                    Layout.fillWidth: true
                    visible: page.inspector.titles.length > 0
                    spacing: Theme.spacing
                    Label { text: qsTr("Export") }
                    ComboBox {
                        id: exportFormat
                        implicitContentWidthPolicy: ComboBox.WidestText
                        textRole: "text"
                        valueRole: "value"
                        Accessible.name: qsTr("Export format")
                        model: [
                            { value: "pem", text: qsTr("Certificate (PEM)") },
                            { value: "der", text: qsTr("Certificate (DER)") },
                            { value: "chain", text: qsTr("Full chain (PEM)") },
                            { value: "pkcs12", text: qsTr("PKCS#12 with private key") }
                        ]
                    }
                    TextField {
                        id: exportPassword
                        visible: exportFormat.currentValue === "pkcs12"
                        enabled: page.inspector.canExportPkcs12
                        echoMode: TextInput.Password
                        placeholderText: page.inspector.canExportPkcs12 ? qsTr("Password for the file") : qsTr("No matching private key")
                        Layout.preferredWidth: 200
                        Accessible.name: qsTr("Export password")
                    }
                    Button {
                        text: qsTr("Export…")
                        Accessible.name: qsTr("Export certificate")
                        enabled: exportFormat.currentValue !== "pkcs12"
                                 || (page.inspector.canExportPkcs12 && exportPassword.text.length > 0)
                        onClicked: saveDialog.open()
                    }
                    Label {
                        Layout.fillWidth: true
                        text: page.inspector.exportStatus
                        color: page.inspector.exportFailed ? Theme.bad : Theme.ok
                        elide: Text.ElideRight
                        Accessible.name: qsTr("Export status")
                        Accessible.description: text
                    }
                }
                DetailPane {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    model: page.inspector.details
                    name: qsTr("Certificate details")
                    copyable: true
                    onCopyRequested: (label, value, sensitive) => page.inspector.copyField(label)
                }
            }
        }
    }

    FileDialog {
        id: saveDialog
        title: qsTr("Export certificate")
        fileMode: FileDialog.SaveFile
        onAccepted: {
            page.inspector.exportTo(selectedFile, exportFormat.currentValue, exportPassword.text);
            exportPassword.text = "";
        }
    }

    FileDialog {
        id: openDialog
        title: qsTr("Open a certificate file")
        nameFilters: [qsTr("Certificates (*.pem *.crt *.cer *.der *.p12 *.pfx *.key)"), qsTr("All files (*)")]
        onAccepted: {
            password.text = "";
            page.inspector.loadFile(selectedFile, "");
        }
    }
}
