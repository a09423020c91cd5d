import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// Connection and session status of the selected control plane, with its actions.
Pane {
    id: panel
    required property ControlPlanes planes
    signal editRequested()
    signal removeRequested()
    signal signInRequested()

    readonly property bool hasProfile: planes.currentIndex >= 0
    readonly property int state: planes.currentState

    function countdown(seconds) {
        if (seconds < 0)
            return "";
        if (seconds === 0)
            return qsTr("expired, refreshing…");
        const m = Math.floor(seconds / 60);
        const s = seconds % 60;
        return qsTr("expires in %1:%2").arg(m).arg(s < 10 ? "0" + s : s);
    }

    EmptyState {
        anchors.fill: parent
        visible: !panel.hasProfile
        title: qsTr("Nothing selected")
        text: qsTr("Select a control plane on the left to see its status.")
    }

    ScrollView {
        anchors.fill: parent
        visible: panel.hasProfile
        contentWidth: availableWidth

        ColumnLayout {
            width: parent.width
            spacing: Theme.margin

            // Anchored, not a RowLayout: Qt 6.4's layout did not place the badge when it turned
            // visible after the row was first laid out (a new read-only profile, the demo), and
            // drew it over the title.
            Item {
                id: titleRow
                Layout.fillWidth: true
                implicitHeight: Math.max(titleLabel.implicitHeight, readOnlyBadge.implicitHeight)
                Rectangle {
                    id: titleDot
                    anchors.left: parent.left
                    anchors.verticalCenter: parent.verticalCenter
                    width: 16; height: 16; radius: 8
                    color: panel.planes.currentColour.length > 0 ? panel.planes.currentColour : Theme.border
                }
                Label {
                    id: titleLabel
                    anchors.left: titleDot.right
                    anchors.leftMargin: Theme.spacing
                    anchors.right: readOnlyBadge.visible ? readOnlyBadge.left : parent.right
                    anchors.rightMargin: readOnlyBadge.visible ? Theme.spacing : 0
                    anchors.verticalCenter: parent.verticalCenter
                    text: panel.planes.currentName
                    font.pixelSize: 22
                    font.bold: true
                    elide: Text.ElideRight
                    Accessible.role: Accessible.Heading
                    Accessible.name: text
                }
                Badge {
                    id: readOnlyBadge
                    anchors.right: parent.right
                    anchors.rightMargin: 4 // clear of the scroll view's edge
                    anchors.verticalCenter: parent.verticalCenter
                    visible: panel.planes.currentReadOnly
                    text: qsTr("read-only")
                    tone: Theme.info
                }
            }

            Label {
                text: panel.planes.currentStateText
                color: Theme.stateColour(panel.state)
                font.pixelSize: 15
                Accessible.role: Accessible.StaticText
                Accessible.name: qsTr("Connection state")
                Accessible.description: text
                objectName: "connectionStateLabel"
            }

            Flow {
                Layout.fillWidth: true
                spacing: Theme.spacing
                Button {
                    text: qsTr("Connect")
                    visible: panel.state === ConnectionState.Disconnected || panel.state === ConnectionState.Offline
                             || panel.state === ConnectionState.Failed
                    Accessible.name: qsTr("Connect")
                    onClicked: panel.planes.connectProfile(panel.planes.currentIndex)
                }
                Button {
                    text: qsTr("Sign in…")
                    visible: panel.state === ConnectionState.SignInRequired && panel.planes.currentAuthKind === "password"
                    highlighted: true
                    Accessible.name: qsTr("Sign in…")
                    onClicked: panel.signInRequested()
                }
                Button {
                    text: qsTr("Sign in with browser")
                    visible: panel.state === ConnectionState.SignInRequired
                    highlighted: panel.planes.currentAuthKind === "browser"
                    enabled: panel.planes.currentBrowserSignInAvailable
                    Accessible.name: qsTr("Sign in with browser")
                    ToolTip.visible: hovered && !enabled
                    ToolTip.text: qsTr("Set the Keycloak URL, realm and client id in the profile first.")
                    onClicked: panel.planes.signInWithBrowser()
                }
                Button {
                    text: qsTr("Cancel")
                    visible: panel.state === ConnectionState.Connecting
                    Accessible.name: qsTr("Cancel connecting")
                    onClicked: panel.planes.cancelCurrent()
                }
                Button {
                    text: qsTr("Sign out")
                    visible: panel.state === ConnectionState.SignedIn
                    Accessible.name: qsTr("Sign out")
                    onClicked: panel.planes.signOut()
                }
                Button {
                    text: qsTr("Disconnect")
                    visible: panel.state !== ConnectionState.Disconnected
                    Accessible.name: qsTr("Disconnect")
                    onClicked: panel.planes.disconnectProfile(panel.planes.currentIndex)
                }
                Button {
                    text: qsTr("Edit…")
                    Accessible.name: qsTr("Edit control plane")
                    onClicked: panel.editRequested()
                }
                Button {
                    text: qsTr("Remove…")
                    Accessible.name: qsTr("Remove control plane")
                    onClicked: panel.removeRequested()
                }
            }

            // Problem box: the last error, and for TLS errors the chain the server presented.
            Frame {
                Layout.fillWidth: true
                visible: panel.planes.lastError.length > 0
                background: Rectangle {
                    color: "transparent"
                    border.color: Theme.bad
                    radius: 4
                }
                ColumnLayout {
                    width: parent.width
                    Label {
                        Layout.fillWidth: true
                        text: panel.planes.lastError
                        wrapMode: Text.WordWrap
                        color: Theme.bad
                        Accessible.role: Accessible.AlertMessage
                        Accessible.name: qsTr("Error")
                        Accessible.description: text
                        objectName: "errorLabel"
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: panel.planes.presentedChain.length > 0
                        text: panel.planes.presentedChain
                        font.family: "monospace"
                        font.pixelSize: 12
                        wrapMode: Text.WrapAnywhere
                        textFormat: Text.PlainText
                        Accessible.name: qsTr("Presented certificate chain")
                    }
                    Button {
                        visible: panel.planes.canTrustPresentedCa
                        text: qsTr("Trust this CA for this control plane")
                        Accessible.name: text
                        onClicked: panel.planes.trustPresentedCa()
                    }
                }
            }

            GridLayout {
                Layout.fillWidth: true
                columns: 2
                columnSpacing: Theme.margin * 2
                rowSpacing: 6

                component Key: Label {
                    color: Theme.mutedText
                    Layout.alignment: Qt.AlignTop
                }
                component Value: Label {
                    Layout.fillWidth: true
                    wrapMode: Text.WrapAnywhere
                    textFormat: Text.PlainText
                }

                Key { text: qsTr("Controller") }
                Value { text: panel.planes.currentUrl; Accessible.name: qsTr("Controller address") }

                Key { text: qsTr("Status") }
                Value {
                    text: panel.planes.controllerStatus.length > 0 ? panel.planes.controllerStatus : "—"
                    Accessible.name: qsTr("Controller status")
                }

                Key { text: qsTr("Version") }
                Value {
                    objectName: "versionValue"
                    text: panel.planes.controllerVersion.length > 0 ? panel.planes.controllerVersion : "—"
                    Accessible.name: qsTr("Controller version")
                }

                Key { text: qsTr("Uptime") }
                Value { text: panel.planes.uptimeText.length > 0 ? panel.planes.uptimeText : "—" }

                Key { text: qsTr("Signed in as") }
                Value {
                    objectName: "userValue"
                    text: panel.planes.userName.length > 0 ? panel.planes.userName : qsTr("not signed in")
                    Accessible.name: qsTr("Signed-in user")
                }

                Key { text: qsTr("Roles") }
                Value { text: panel.planes.userRoles.length > 0 ? panel.planes.userRoles : "—" }

                Key { text: qsTr("Session") }
                Value {
                    text: panel.planes.tokenExpiresInSec >= 0 ? panel.countdown(panel.planes.tokenExpiresInSec) : "—"
                    Accessible.name: qsTr("Session expiry")
                }

                Key { text: qsTr("Connection") }
                Value {
                    text: panel.planes.tlsText
                    color: panel.planes.currentEncrypted ? Theme.text : Theme.warn
                    Accessible.name: qsTr("Connection security")
                }

                Key { text: qsTr("Certificate") }
                Value {
                    text: panel.planes.tlsFingerprint.length > 0 ? "SHA-256 " + panel.planes.tlsFingerprint : "—"
                    font.family: "monospace"
                    font.pixelSize: 12
                    Accessible.name: qsTr("Server certificate fingerprint")
                }
            }
            Item { Layout.fillHeight: true }
        }
    }
}
