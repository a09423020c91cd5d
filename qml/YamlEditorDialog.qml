import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// Edits a Controller object as YAML (`access`: a generic resource page's model). The text is
// checked locally before it is uploaded; a problem (local or from the Controller) shows below the
// text and never clears it.
Dialog {
    id: dialog
    // The editor's model (ResourceModel: check, save, nameOf, clearEditor, editorError,
    // editorWarnings, saving, saved).
    property var access
    property string kind
    property string key                 // "" = a new object
    // Words for the kind and the line above the text (the kind's own).
    property string kindLabel
    property string hint

    function openFor(kind, key, text) {
        dialog.kind = kind;
        dialog.key = key;
        yaml.text = text;
        dialog.access.clearEditor();
        dialog.open();
    }

    title: key.length > 0 ? qsTr("Edit %1 %2").arg(kindLabel).arg(access ? access.nameOf(kind, key) : "")
                          : qsTr("New %1").arg(kindLabel)
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(760, parent ? parent.width - 40 : 760)
    height: Math.min(620, parent ? parent.height - 40 : 620)
    closePolicy: Popup.CloseOnEscape

    onOpened: yaml.forceActiveFocus()

    Connections {
        target: dialog.access
        function onSaved(kind, key) { if (dialog.opened) dialog.close() }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        Label {
            Layout.fillWidth: true
            text: dialog.hint
            color: Theme.mutedText
            wrapMode: Text.WordWrap
        }
        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            TextArea {
                id: yaml
                font.family: "monospace"
                wrapMode: TextEdit.NoWrap
                selectByMouse: true
                persistentSelection: true
                tabStopDistance: 16
                Accessible.name: qsTr("YAML")
                background: Rectangle {
                    color: Theme.base
                    border.color: dialog.access && dialog.access.editorError.length > 0 ? Theme.bad : Theme.border
                    border.width: 1
                }
            }
        }
        Label {
            Layout.fillWidth: true
            visible: text.length > 0
            text: dialog.access ? dialog.access.editorError : ""
            color: Theme.bad
            wrapMode: Text.WordWrap
            textFormat: Text.PlainText
            Accessible.role: Accessible.AlertMessage
            Accessible.name: qsTr("YAML problem")
            Accessible.description: text
        }
        Repeater {
            model: dialog.access ? dialog.access.editorWarnings : []
            Label {
                required property string modelData
                Layout.fillWidth: true
                text: modelData
                color: Theme.warn
                wrapMode: Text.WordWrap
                textFormat: Text.PlainText
                Accessible.role: Accessible.StaticText
                Accessible.name: qsTr("YAML warning")
                Accessible.description: text
            }
        }
    }

    footer: DialogButtonBox {
        Button {
            text: qsTr("Check")
            DialogButtonBox.buttonRole: Dialog.HelpRole
            Accessible.name: text
            onClicked: dialog.access.check(dialog.kind, yaml.text)
        }
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: Dialog.RejectRole
            Accessible.name: text
        }
        Button {
            // Not AcceptRole: the dialog closes only once the Controller accepted the object.
            text: dialog.access && dialog.access.saving ? qsTr("Saving…") : qsTr("Save")
            enabled: dialog.access !== null && !dialog.access.saving
            highlighted: true
            DialogButtonBox.buttonRole: Dialog.ApplyRole
            Accessible.name: qsTr("Save")
            onClicked: dialog.access.save(dialog.kind, dialog.key, yaml.text)
        }
    }
}
