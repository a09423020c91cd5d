import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// Add or edit a control-plane profile. Nothing secret is entered here: passwords go to the sign-in
// dialog, tokens to the keychain.
Dialog {
    id: dialog
    required property ControlPlanes planes
    property int editIndex: -1
    property string errorText

    title: editIndex < 0 ? qsTr("Add control plane") : qsTr("Edit control plane")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(620, (Overlay.overlay ? Overlay.overlay.width : 620) - 40)
    height: Math.min(implicitHeight, (Overlay.overlay ? Overlay.overlay.height : 700) - 40)
    footer: DialogButtonBox {
        Button {
            text: qsTr("Save")
            highlighted: true
            // Not AcceptRole: that closes the dialog before the save can fail, and reopening a
            // closing popup does not work in Qt 6.4, so what was typed would be lost.
            DialogButtonBox.buttonRole: Dialog.ActionRole
            Accessible.name: qsTr("Save profile")
            onClicked: dialog.save()
        }
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: Dialog.RejectRole
            Accessible.name: qsTr("Cancel editing")
        }
    }

    function openForNew() {
        editIndex = -1;
        load({ name: "", url: "", auth: "password", email: "", keycloakUrl: "", keycloakRealm: "",
               keycloakClientId: "", caPem: "", pin: "", colour: Theme.profileColours[planes.profiles.count % Theme.profileColours.length],
               readOnly: false, refreshInterval: 30 });
        open();
        nameField.forceActiveFocus();
    }
    function openForEdit(index) {
        if (index < 0)
            return;
        editIndex = index;
        load(planes.profileData(index));
        open();
        nameField.forceActiveFocus();
    }
    function load(p) {
        errorText = "";
        nameField.text = p.name;
        urlField.text = p.url;
        browserRadio.checked = p.auth === "browser";
        passwordRadio.checked = p.auth !== "browser";
        emailField.text = p.email;
        kcUrlField.text = p.keycloakUrl;
        kcRealmField.text = p.keycloakRealm;
        kcClientField.text = p.keycloakClientId;
        caField.text = p.caPem;
        pinField.text = p.pin;
        colourRow.selected = p.colour;
        readOnlyBox.checked = p.readOnly;
        intervalBox.value = p.refreshInterval;
    }
    function collect() {
        return { name: nameField.text.trim(), url: urlField.text.trim(),
                 auth: browserRadio.checked ? "browser" : "password", email: emailField.text.trim(),
                 keycloakUrl: kcUrlField.text.trim(), keycloakRealm: kcRealmField.text.trim(),
                 keycloakClientId: kcClientField.text.trim(), caPem: caField.text, pin: pinField.text.trim(),
                 colour: colourRow.selected, readOnly: readOnlyBox.checked, refreshInterval: intervalBox.value };
    }

    // The dialog stays open with everything typed when saving fails, and says why.
    function save() {
        if (!opened)
            return; // a second click while the dialog closes after a successful save
        const error = planes.saveProfile(editIndex, collect());
        errorText = error;
        if (error.length === 0)
            accept();
    }

    ScrollView {
        anchors.fill: parent
        contentWidth: availableWidth
        clip: true

        GridLayout {
            width: parent.width
            columns: 2
            columnSpacing: Theme.margin
            rowSpacing: Theme.spacing

            Label {
                Layout.columnSpan: 2
                Layout.fillWidth: true
                visible: dialog.errorText.length > 0
                text: dialog.errorText
                color: Theme.bad
                wrapMode: Text.WordWrap
                Accessible.role: Accessible.AlertMessage
                Accessible.name: qsTr("Profile error")
                Accessible.description: text
            }

            Label { text: qsTr("Name") }
            TextField {
                id: nameField
                Layout.fillWidth: true
                placeholderText: qsTr("e.g. production-eu")
                Accessible.name: qsTr("Profile name")
            }

            Label { text: qsTr("Controller URL") }
            TextField {
                id: urlField
                Layout.fillWidth: true
                placeholderText: qsTr("https://controller.example.com:51121")
                inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
                Accessible.name: qsTr("Controller URL")
            }

            Label { text: qsTr("Sign in with") }
            RowLayout {
                RadioButton {
                    id: passwordRadio
                    text: qsTr("E-mail and password")
                    checked: true
                    Accessible.name: qsTr("Sign in with e-mail and password")
                }
                RadioButton {
                    id: browserRadio
                    text: qsTr("Browser (Keycloak)")
                    Accessible.name: qsTr("Sign in with browser")
                }
            }

            Label { text: qsTr("E-mail"); visible: passwordRadio.checked }
            TextField {
                id: emailField
                visible: passwordRadio.checked
                Layout.fillWidth: true
                placeholderText: qsTr("operator@example.com")
                inputMethodHints: Qt.ImhEmailCharactersOnly | Qt.ImhNoAutoUppercase
                Accessible.name: qsTr("E-mail")
            }

            Label { text: qsTr("Keycloak URL") }
            TextField {
                id: kcUrlField
                Layout.fillWidth: true
                placeholderText: qsTr("https://auth.example.com/ (for browser sign-in)")
                Accessible.name: qsTr("Keycloak URL")
            }
            Label { text: qsTr("Realm") }
            TextField {
                id: kcRealmField
                Layout.fillWidth: true
                placeholderText: qsTr("e.g. pot")
                Accessible.name: qsTr("Keycloak realm")
            }
            Label { text: qsTr("Client id") }
            TextField {
                id: kcClientField
                Layout.fillWidth: true
                placeholderText: qsTr("the public client ECN-Viewer uses, e.g. ecn-viewer")
                Accessible.name: qsTr("Keycloak client id")
            }

            Label { text: qsTr("Custom CA"); Layout.alignment: Qt.AlignTop }
            ScrollView {
                Layout.fillWidth: true
                Layout.preferredHeight: 90
                TextArea {
                    id: caField
                    placeholderText: qsTr("Paste a PEM certificate to trust for this control plane only (optional)")
                    font.family: "monospace"
                    font.pixelSize: 11
                    wrapMode: TextEdit.WrapAnywhere
                    Accessible.name: qsTr("Custom CA certificate")
                }
            }

            Label { text: qsTr("Certificate pin") }
            TextField {
                id: pinField
                Layout.fillWidth: true
                placeholderText: qsTr("SHA-256 fingerprint of the server certificate (optional)")
                font.family: "monospace"
                Accessible.name: qsTr("Certificate pin")
            }

            Label { text: qsTr("Colour") }
            ColourPicker {
                id: colourRow
            }

            Label { text: qsTr("Refresh every") }
            RowLayout {
                SpinBox {
                    id: intervalBox
                    from: 5
                    to: 3600
                    value: 30
                    editable: true
                    Accessible.name: qsTr("Refresh interval in seconds")
                }
                Label { text: qsTr("seconds") }
            }

            Item { width: 1; height: 1 }
            CheckBox {
                id: readOnlyBox
                text: qsTr("Read-only: disable every action that changes the control plane")
                Accessible.name: qsTr("Read-only")
            }
        }
    }
}
