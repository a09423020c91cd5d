import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import PotConsole

// Security → Certificates: the generic page of the certificates kind plus two forms that fill the
// YAML editor: a certificate (name, common name, hosts, its CA, a lifetime in days) and a CA
// (self-signed, or an existing TLS secret registered as CA). The lifetime is sent as the Controller
// reads it: a number of 1000 or more is milliseconds (below 1000 it would be months).
ResourcePage {
    id: certificatesPage
    kindId: "certificates"
    title: qsTr("Certificates")

    listExtra: RowLayout {
        ActionButton {
            Layout.leftMargin: Theme.margin
            text: qsTr("Certificate from a form…")
            deniedReason: certificatesPage.denied("create")
            onClicked: {
                certificateForm.caNames = certificatesPage.model ? certificatesPage.model.namesWhere("isCA", true) : [];
                certificateForm.open();
            }
        }
        ActionButton {
            text: qsTr("CA from a form…")
            deniedReason: certificatesPage.denied("create")
            onClicked: caForm.open()
        }
        Item { Layout.fillWidth: true }
    }

    // Export of the selected certificate (with its CAs and key as the Controller holds them).
    extraActions: ActionButton {
        text: qsTr("Export…")
        ready: certificatesPage.model !== null && certificatesPage.model.hasSelection && !certificatesPage.model.detailsLoading
        disabledHint: qsTr("Select a certificate; its details are read first.")
        deniedReason: certificatesPage.denied("reveal")
        onClicked: {
            certificatesPage.exporter.prepare(certificatesPage.model);
            exportPassword.text = "";
            exportDialog.open();
        }
    }
    readonly property CertificateExport exporter: CertificateExport {}
    Dialog {
        id: exportDialog
        title: qsTr("Export %1").arg(certificatesPage.exporter.name)
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(480, certificatesPage.width - 40)
        onClosed: { exportPassword.text = ""; certificatesPage.exporter.clear() }
        ColumnLayout {
            anchors.fill: parent
            spacing: Theme.spacing
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: certificatesPage.exporter.loading ? qsTr("Reading its CAs from the Controller…")
                    : certificatesPage.exporter.ready ? qsTr("%1 with %n certificate(s) on its chain%2.", "", certificatesPage.exporter.chainLength)
                                           .arg(certificatesPage.exporter.name).arg(certificatesPage.exporter.hasKey ? qsTr(" and its private key") : "")
                    : ""
                Accessible.role: Accessible.StaticText
                Accessible.name: qsTr("Export contents")
                Accessible.description: text
            }
            ComboBox {
                id: exportFormat
                Layout.fillWidth: true
                textRole: "text"
                valueRole: "value"
                model: [
                    { text: qsTr("PEM (the certificate)"), value: "pem" },
                    { text: qsTr("DER (the certificate)"), value: "der" },
                    { text: qsTr("Full chain (PEM, certificate first)"), value: "chain" },
                    { text: qsTr("PKCS#12 with the private key and chain"), value: "pkcs12" }
                ]
                Accessible.name: qsTr("Export format")
            }
            TextField {
                id: exportPassword
                Layout.fillWidth: true
                visible: exportFormat.currentValue === "pkcs12"
                echoMode: TextInput.Password
                placeholderText: qsTr("Password of the PKCS#12 file")
                Accessible.name: qsTr("Export password")
            }
            Label {
                Layout.fillWidth: true
                visible: text.length > 0
                text: certificatesPage.exporter.status
                color: certificatesPage.exporter.failed ? Theme.bad : Theme.ok
                wrapMode: Text.WordWrap
                Accessible.role: Accessible.StaticText
                Accessible.name: qsTr("Export status")
                Accessible.description: text
            }
        }
        footer: DialogButtonBox {
            Button {
                text: qsTr("Close")
                DialogButtonBox.buttonRole: Dialog.RejectRole
                Accessible.name: qsTr("Close export")
            }
            Button {
                text: qsTr("Save…")
                enabled: certificatesPage.exporter.ready && (exportFormat.currentValue !== "pkcs12" || (certificatesPage.exporter.hasKey && exportPassword.text.length > 0))
                Accessible.name: qsTr("Save export")
                onClicked: exportFile.open()
            }
        }
    }
    FileDialog {
        id: exportFile
        title: qsTr("Export certificate")
        fileMode: FileDialog.SaveFile
        onAccepted: certificatesPage.exporter.exportTo(selectedFile, exportFormat.currentValue, exportPassword.text)
    }

    function lifetimeMs(days: int): real {
        return days * 24 * 60 * 60 * 1000;
    }

    Dialog {
        id: certificateForm
        property var caNames: []
        title: qsTr("New certificate")
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(520, certificatesPage.width - 40)
        onOpened: { certName.text = ""; certCn.text = ""; certHosts.text = ""; certDays.value = 365; certName.forceActiveFocus() }
        GridLayout {
            anchors.fill: parent
            columns: 2
            columnSpacing: Theme.spacing
            Label { text: qsTr("Name") }
            TextField {
                id: certName
                Layout.fillWidth: true
                placeholderText: qsTr("my-service-tls (also its TLS secret's name)")
                validator: RegularExpressionValidator { regularExpression: /[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?/ }
                Accessible.name: qsTr("Certificate name")
            }
            Label { text: qsTr("Common name") }
            TextField {
                id: certCn
                Layout.fillWidth: true
                placeholderText: qsTr("my-service.example.com")
                Accessible.name: qsTr("Common name")
            }
            Label { text: qsTr("Hosts") }
            TextField {
                id: certHosts
                Layout.fillWidth: true
                placeholderText: qsTr("my-service.example.com, 10.0.0.10")
                Accessible.name: qsTr("Certificate hosts")
            }
            Label { text: qsTr("Signed by") }
            ComboBox {
                id: certCa
                Layout.fillWidth: true
                model: [qsTr("itself (self-signed)"), ...certificateForm.caNames]
                currentIndex: certificateForm.caNames.length > 0 ? 1 : 0
                Accessible.name: qsTr("Signing CA")
            }
            Label { text: qsTr("Valid for (days)") }
            SpinBox {
                id: certDays
                from: 1
                to: 3650
                editable: true
                value: 365
                Accessible.name: qsTr("Certificate lifetime in days")
            }
            Label {
                Layout.columnSpan: 2
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.mutedText
                text: qsTr("The Controller makes an RSA 2048 key, for server and client use; an IPv4 address in the hosts becomes both an IP and a DNS name. You review the YAML before it is applied.")
            }
        }
        footer: DialogButtonBox {
            Button {
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: Dialog.RejectRole
                Accessible.name: qsTr("Cancel")
            }
            Button {
                text: qsTr("Continue in YAML")
                enabled: certName.acceptableInput && certCn.text.trim().length > 0 && certHosts.text.trim().length > 0
                DialogButtonBox.buttonRole: Dialog.AcceptRole
                Accessible.name: qsTr("Continue with certificate in YAML")
            }
        }
        onAccepted: {
            const hosts = certHosts.text.split(/[\s,;]+/).filter(h => h.length > 0).join(",");
            const ca = certCa.currentIndex > 0 ? { type: "direct", secretName: certCa.currentText }
                                               : { type: "self-signed" };
            certificatesPage.openNewFrom({
                apiVersion: "datasance.com/v3", kind: "Certificate", metadata: { name: certName.text },
                spec: { subject: certCn.text.trim(), hosts: hosts, expiration: certificatesPage.lifetimeMs(certDays.value), ca: ca }
            });
        }
    }

    Dialog {
        id: caForm
        title: qsTr("New certificate authority")
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(520, certificatesPage.width - 40)
        onOpened: { caName.text = ""; caCn.text = ""; caSecret.text = ""; caDays.value = 1825; caName.forceActiveFocus() }
        GridLayout {
            anchors.fill: parent
            columns: 2
            columnSpacing: Theme.spacing
            Label { text: qsTr("Made") }
            ColumnLayout {
                RadioButton {
                    id: caSelfSigned
                    checked: true
                    text: qsTr("here, self-signed")
                    Accessible.name: qsTr("Self-signed CA")
                }
                RadioButton {
                    text: qsTr("from an existing TLS secret")
                    Accessible.name: qsTr("CA from a TLS secret")
                }
            }
            Label { text: caSelfSigned.checked ? qsTr("Name") : qsTr("TLS secret") }
            TextField {
                id: caName
                Layout.fillWidth: true
                visible: caSelfSigned.checked
                placeholderText: qsTr("my-root-ca")
                validator: RegularExpressionValidator { regularExpression: /[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?/ }
                Accessible.name: qsTr("CA name")
            }
            TextField {
                id: caSecret
                Layout.fillWidth: true
                visible: !caSelfSigned.checked
                placeholderText: qsTr("the secret's name; it becomes the CA's name")
                Accessible.name: qsTr("CA secret name")
            }
            Label {
                visible: caSelfSigned.checked
                text: qsTr("Common name")
            }
            TextField {
                id: caCn
                visible: caSelfSigned.checked
                Layout.fillWidth: true
                placeholderText: qsTr("My Root CA")
                Accessible.name: qsTr("CA common name")
            }
            Label {
                visible: caSelfSigned.checked
                text: qsTr("Valid for (days)")
            }
            SpinBox {
                id: caDays
                visible: caSelfSigned.checked
                from: 1
                to: 7300
                editable: true
                value: 1825
                Accessible.name: qsTr("CA lifetime in days")
            }
        }
        footer: DialogButtonBox {
            Button {
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: Dialog.RejectRole
                Accessible.name: qsTr("Cancel")
            }
            Button {
                text: qsTr("Continue in YAML")
                enabled: caSelfSigned.checked ? caName.acceptableInput && caCn.text.trim().length > 0
                                              : caSecret.text.trim().length > 0
                DialogButtonBox.buttonRole: Dialog.AcceptRole
                Accessible.name: qsTr("Continue with CA in YAML")
            }
        }
        onAccepted: {
            const name = caSelfSigned.checked ? caName.text : caSecret.text.trim();
            const spec = caSelfSigned.checked
                ? { type: "self-signed", subject: caCn.text.trim(), expiration: certificatesPage.lifetimeMs(caDays.value) }
                : { type: "direct", secretName: name };
            certificatesPage.openNewFrom({
                apiVersion: "datasance.com/v3", kind: "CertificateAuthority", metadata: { name: name }, spec: spec
            });
        }
    }
}
