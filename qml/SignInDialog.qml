import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// E-mail/password (+TOTP) sign-in. The dialog stays open with everything typed until sign-in works,
// and shows why it did not.
Dialog {
    id: dialog
    required property ControlPlanes planes
    property int profileIndex: -1
    property bool busy: false
    property string errorText

    title: qsTr("Sign in to %1").arg(planes.currentName)
    modal: true
    anchors.centerIn: Overlay.overlay
    width: 440
    closePolicy: busy ? Popup.NoAutoClose : Popup.CloseOnEscape

    function emailOf(profile) { return profile.email ?? "" }
    function openFor(index) {
        // Another control plane: start from its e-mail. The same one again: keep what was typed.
        if (index !== profileIndex || emailField.text.length === 0) {
            emailField.text = emailOf(planes.profileData(index));
            passwordField.text = "";
            totpField.text = "";
        }
        profileIndex = index;
        errorText = "";
        busy = false;
        open();
        if (emailField.text.length > 0)
            passwordField.forceActiveFocus();
        else
            emailField.forceActiveFocus();
    }
    function submit() {
        if (busy || emailField.text.length === 0 || passwordField.text.length === 0)
            return;
        busy = true;
        errorText = "";
        planes.signIn(profileIndex, emailField.text.trim(), passwordField.text, totpField.text.trim(),
                      rememberBox.checked);
    }

    Connections {
        target: dialog.planes
        function onSignInFinished(index, ok, message) {
            if (index !== dialog.profileIndex || !dialog.visible)
                return;
            dialog.busy = false;
            if (ok) {
                passwordField.text = "";
                totpField.text = "";
                dialog.close();
            } else {
                dialog.errorText = message;
            }
        }
    }

    // Plain buttons, not a DialogButtonBox: the dialog must stay open when sign-in fails.
    footer: Pane {
        RowLayout {
            anchors.right: parent.right
            spacing: Theme.spacing
            Button {
                text: qsTr("Sign in")
                enabled: !dialog.busy && emailField.text.length > 0 && passwordField.text.length > 0
                highlighted: true
                Accessible.name: qsTr("Sign in")
                onClicked: dialog.submit()
            }
            Button {
                text: dialog.busy ? qsTr("Stop") : qsTr("Cancel")
                Accessible.name: qsTr("Cancel sign-in")
                onClicked: {
                    if (dialog.busy)
                        dialog.planes.cancelCurrent();
                    dialog.busy = false;
                    dialog.close();
                }
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        Label {
            Layout.fillWidth: true
            visible: dialog.errorText.length > 0
            text: dialog.errorText
            color: Theme.bad
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.AlertMessage
            Accessible.name: qsTr("Sign-in error")
            Accessible.description: text
            objectName: "signInError"
        }
        Label { text: qsTr("E-mail") }
        TextField {
            id: emailField
            Layout.fillWidth: true
            enabled: !dialog.busy
            inputMethodHints: Qt.ImhEmailCharactersOnly | Qt.ImhNoAutoUppercase
            Accessible.name: qsTr("E-mail")
            onAccepted: passwordField.forceActiveFocus()
        }
        Label { text: qsTr("Password") }
        TextField {
            id: passwordField
            Layout.fillWidth: true
            enabled: !dialog.busy
            echoMode: TextInput.Password
            Accessible.name: qsTr("Password")
            onAccepted: dialog.submit()
        }
        Label { text: qsTr("One-time code (if your account uses one)") }
        TextField {
            id: totpField
            Layout.fillWidth: true
            enabled: !dialog.busy
            inputMethodHints: Qt.ImhDigitsOnly
            validator: RegularExpressionValidator { regularExpression: /[0-9]{0,10}/ }
            Accessible.name: qsTr("One-time code")
            onAccepted: dialog.submit()
        }
        CheckBox {
            id: rememberBox
            enabled: !dialog.busy
            text: qsTr("Remember password in the system keychain")
            Accessible.name: qsTr("Remember password")
        }
        RowLayout {
            visible: dialog.busy
            BusyIndicator { running: dialog.busy; implicitWidth: 24; implicitHeight: 24 }
            Label { text: qsTr("Signing in…") }
        }
    }
}
