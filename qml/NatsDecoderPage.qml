import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import PotConsole

// Tools → NATS decoder: paste or drop a JWT, a .creds file or any file; see header, claims in words,
// signature and trust; copy fields; and for creds the same actions as the NATS page's creds dialog
// (NatsCredsActions: reveal, copy, save owner-only, nats context, live test).
Item {
    id: page
    required property NatsDecoder decoder

    DropArea {
        anchors.fill: parent
        onDropped: (drop) => {
            if (drop.hasUrls)
                page.decoder.loadFile(drop.urls[0]);
            else if (drop.hasText)
                input.text = drop.text;
        }
    }

    SplitView {
        anchors.fill: parent
        orientation: Qt.Horizontal

        // Input
        Pane {
            SplitView.preferredWidth: 420
            SplitView.minimumWidth: 280
            ColumnLayout {
                anchors.fill: parent
                spacing: Theme.spacing
                Label {
                    text: qsTr("NATS decoder")
                    font.pixelSize: 18
                    font.bold: true
                }
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    color: Theme.mutedText
                    text: qsTr("Paste a NATS JWT, a .creds file or any other JWT, or drop a file here. Nothing leaves this computer.")
                }
                ScrollView {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    TextArea {
                        id: input
                        placeholderText: qsTr("eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ…\nor\n-----BEGIN NATS USER JWT-----…")
                        font.family: "monospace"
                        font.pixelSize: 12
                        wrapMode: TextEdit.WrapAnywhere
                        selectByMouse: true
                        Accessible.name: qsTr("Token or creds text")
                        onTextChanged: decodeTimer.restart()
                    }
                }
                Timer {
                    id: decodeTimer
                    interval: 150
                    onTriggered: page.decoder.decodeText(input.text)
                }
                RowLayout {
                    Button {
                        text: qsTr("Open file…")
                        Accessible.name: qsTr("Open file")
                        onClicked: openDialog.open()
                    }
                    Button {
                        text: qsTr("Clear")
                        Accessible.name: qsTr("Clear input")
                        onClicked: input.text = ""
                    }
                    Item { Layout.fillWidth: true }
                }
                Label {
                    Layout.fillWidth: true
                    text: qsTr("Verify with RS256 public key (PEM, optional)")
                    visible: page.decoder.kind === "generic"
                }
                ScrollView {
                    Layout.fillWidth: true
                    Layout.preferredHeight: 70
                    visible: page.decoder.kind === "generic"
                    TextArea {
                        id: pemKey
                        font.family: "monospace"
                        font.pixelSize: 11
                        placeholderText: "-----BEGIN PUBLIC KEY-----"
                        Accessible.name: qsTr("Public key for verification")
                        onTextChanged: page.decoder.setVerificationKey(text)
                    }
                }
            }
        }

        // Result
        Pane {
            SplitView.fillWidth: true

            EmptyState {
                anchors.fill: parent
                visible: page.decoder.kind.length === 0 && page.decoder.error.length === 0
                title: qsTr("Nothing decoded yet")
                text: qsTr("The header, the claims in words, the signature and the trust chain appear here.")
            }

            ColumnLayout {
                anchors.fill: parent
                visible: page.decoder.kind.length > 0 || page.decoder.error.length > 0
                spacing: Theme.spacing

                Label {
                    Layout.fillWidth: true
                    visible: page.decoder.error.length > 0
                    text: page.decoder.error
                    color: Theme.bad
                    wrapMode: Text.WordWrap
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: qsTr("Decoder error")
                    Accessible.description: text
                }

                RowLayout {
                    visible: page.decoder.kind.length > 0
                    spacing: Theme.spacing
                    Badge { text: page.decoder.kindText; tone: Theme.info }
                    Badge {
                        text: page.decoder.signatureText
                        tone: page.decoder.signature === "valid" ? Theme.ok
                              : page.decoder.signature === "invalid" ? Theme.bad : Theme.warn
                        Accessible.name: qsTr("Signature status")
                        Accessible.description: text
                    }
                    Badge {
                        visible: page.decoder.trustText.length > 0
                        text: page.decoder.trustText
                        tone: page.decoder.trusted ? Theme.ok : Theme.bad
                        Accessible.name: qsTr("Trust status")
                        Accessible.description: text
                    }
                    Item { Layout.fillWidth: true }
                }

                Label {
                    Layout.fillWidth: true
                    visible: page.decoder.problems.length > 0
                    text: [...page.decoder.problems].join("\n")
                    color: Theme.warn
                    wrapMode: Text.WordWrap
                    Accessible.name: qsTr("Problems")
                    Accessible.description: text
                }

                NatsCredsActions {
                    Layout.fillWidth: true
                    // Off for a plain JWT; shown then only for what was copied.
                    visible: page.decoder.isCreds || page.decoder.status.length > 0
                    creds: page.decoder
                }

                DetailPane {
                    id: claims
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    name: qsTr("Claims")
                    model: page.decoder.details
                    revealed: page.decoder.revealed
                    // The decoder copies (a hidden seed from the creds, the token as sensitive).
                    copyable: true
                    onCopyRequested: (label) => page.decoder.copyField(label)
                }
            }
        }
    }

    FileDialog {
        id: openDialog
        title: qsTr("Open a JWT or creds file")
        onAccepted: page.decoder.loadFile(selectedFile)
    }
}
