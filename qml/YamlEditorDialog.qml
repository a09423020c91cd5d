import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// Creates and edits a Controller object as YAML (`access`: a generic resource page's model). The
// text lives in the page's ManifestEditor: checked as it is typed (every problem marked at its
// line), kept in a draft on disk until it is applied or discarded. Saving goes through a review:
// what changes field by field, the exact request, and what else it does on the control plane.
// A problem (local or from the Controller) shows below and never clears the text.
Dialog {
    id: dialog
    property var access                 // ResourcePage
    property string key                 // "" = a new object
    property string kindLabel
    property string hint
    property bool reviewing: false
    property var reviewData: ({})
    readonly property var manifest: access ? access.manifest : null
    readonly property bool modified: manifest !== null && manifest.modified
    readonly property bool ruleKind: access !== null && (access.yamlKind === "NatsAccountRule" || access.yamlKind === "NatsUserRule")
    property bool formWanted: true
    /// Where the simulator of a user rule takes account rules from (a ResourcePage), or null.
    property ResourceModel accountRules: null
    readonly property bool formShown: ruleKind && formWanted

    function start(ok, key) {
        if (!ok)
            return;
        dialog.key = key;
        dialog.reviewing = false;
        dialog.open();
    }
    function openNew() { dialog.start(dialog.access.openEditor(""), "") }
    function openEdit(key) { dialog.start(dialog.access.openEditor(key), key) }
    // A built-in object is changed by copying it as a new one.
    function openCopy(key) { dialog.start(dialog.access.openCopy(key), "") }
    // An earlier state of `key` (from its history), reviewed against what is live.
    function openRevert(key, historyId) {
        dialog.start(dialog.access.openRevert(key, historyId), key);
        if (dialog.opened)
            dialog.review();
    }
    function review() {
        dialog.manifest.checkNow();
        dialog.reviewData = dialog.access.review(dialog.key, dialog.manifest.text);
        if (dialog.reviewData.error.length === 0)
            dialog.reviewing = true;
    }
    function apply() {
        dialog.access.save(dialog.access.yamlKind, dialog.key, dialog.manifest.text);
    }
    // Closing with changes not applied asks first; what was typed stays in the draft either way.
    function tryClose() {
        if (dialog.modified) {
            closeConfirm.open();
            return;
        }
        dialog.close();
    }

    title: dialog.reviewing ? qsTr("Review before apply")
                            : key.length > 0 ? qsTr("Edit %1 %2").arg(kindLabel).arg(access ? access.nameOf("", key) : "")
                                             : qsTr("New %1").arg(kindLabel)
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(dialog.formShown ? 1240 : 860, parent ? parent.width - 40 : 860)
    height: Math.min(680, parent ? parent.height - 40 : 680)
    // Escape and clicks outside go through tryClose(): nothing typed is dropped silently.
    closePolicy: Popup.NoAutoClose

    onOpened: if (editorLoader.item !== null) (editorLoader.item as YamlEditor).textArea.forceActiveFocus()
    onClosed: {
        dialog.reviewing = false;
        if (dialog.manifest)
            dialog.manifest.keepDraft();
    }

    // The form reads the text only while it is shown.
    Binding {
        target: dialog.manifest ? dialog.manifest.form : null
        property: "active"
        value: dialog.opened && dialog.formShown
    }

    Connections {
        target: dialog.access
        function onSaved(kind, key) {
            if (dialog.opened)
                dialog.close();
        }
    }

    Shortcut {
        sequence: "Escape"
        enabled: dialog.opened && !closeConfirm.opened
        onActivated: dialog.reviewing ? dialog.reviewing = false : dialog.tryClose()
    }
    Shortcut {
        sequence: "Ctrl+Return"
        enabled: dialog.opened && !closeConfirm.opened
        onActivated: dialog.reviewing ? dialog.apply() : dialog.review()
    }

    ConfirmDialog {
        id: closeConfirm
        title: qsTr("Close without applying?")
        message: qsTr("Your changes are not applied. They stay in a draft on this computer and are offered the next time you edit this %1.").arg(dialog.kindLabel)
        confirmText: qsTr("Close, keep draft")
        onConfirmed: dialog.close()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: dialog.reviewing ? 1 : 0

            // A NATS rule shows its form beside the YAML: two views of one text.
            SplitView {
                orientation: Qt.Horizontal
                ModelLoader {
                    visible: dialog.formShown
                    SplitView.preferredWidth: parent.width * 0.55
                    SplitView.minimumWidth: 380
                    file: "RuleForm.qml"
                    modelProperty: "form"
                    model: dialog.formShown && dialog.manifest !== null ? dialog.manifest.form : null
                }
                ModelLoader {
                    id: editorLoader
                    SplitView.fillWidth: true
                    SplitView.minimumWidth: 300
                    file: "YamlEditor.qml"
                    modelProperty: "editor"
                    model: dialog.manifest
                    properties: ({ hint: dialog.hint })
                    Binding {
                        target: editorLoader.item
                        property: "hint"
                        value: dialog.hint
                        when: editorLoader.item !== null
                        restoreMode: Binding.RestoreNone
                    }
                }
            }

            ScrollView {
                id: reviewPane
                contentWidth: availableWidth
                clip: true
                ColumnLayout {
                    width: reviewPane.availableWidth
                    spacing: Theme.spacing

                    Label {
                        text: qsTr("What changes")
                        font.bold: true
                    }
                    Label {
                        visible: (dialog.reviewData.changes || []).length === 0
                        text: dialog.key.length > 0 ? qsTr("Nothing: the text asks for what is live already.")
                                                    : qsTr("A new %1.").arg(dialog.kindLabel)
                        color: Theme.mutedText
                    }
                    Repeater {
                        model: dialog.reviewData.changes || []
                        Label {
                            required property var modelData
                            Layout.fillWidth: true
                            // + added, − removed, ~ changed, = kept (a merge leaves it as it is)
                            text: (modelData.type === "added" ? "+ " : modelData.type === "removed" ? "− "
                                   : modelData.type === "kept" ? "= " : "~ ") + modelData.text
                            color: modelData.type === "added" ? Theme.ok : modelData.type === "removed" ? Theme.bad
                                   : modelData.type === "kept" ? Theme.mutedText : Theme.text
                            font.family: "monospace"
                            wrapMode: Text.WrapAnywhere
                            textFormat: Text.PlainText
                            Accessible.role: Accessible.StaticText
                            Accessible.name: qsTr("Change")
                            Accessible.description: text
                        }
                    }

                    Label {
                        text: qsTr("Request sent")
                        font.bold: true
                    }
                    Repeater {
                        model: dialog.reviewData.requests || []
                        Label {
                            required property string modelData
                            Layout.fillWidth: true
                            text: modelData
                            font.family: "monospace"
                            wrapMode: Text.WrapAnywhere
                            textFormat: Text.PlainText
                            Accessible.role: Accessible.StaticText
                            Accessible.name: qsTr("Request")
                            Accessible.description: text
                        }
                    }

                    Label {
                        visible: (dialog.reviewData.impact || []).length + (dialog.reviewData.warnings || []).length > 0
                        text: qsTr("Before you apply")
                        font.bold: true
                    }
                    Repeater {
                        model: (dialog.reviewData.impact || []).concat(dialog.reviewData.warnings || [])
                        Label {
                            required property string modelData
                            Layout.fillWidth: true
                            text: "⚠ " + modelData
                            color: Theme.warn
                            wrapMode: Text.WordWrap
                            textFormat: Text.PlainText
                            Accessible.role: Accessible.StaticText
                            Accessible.name: qsTr("Impact")
                            Accessible.description: text
                        }
                    }
                }
            }
        }

        // A user rule: what nats-server would decide for a subject, from the text as it stands.
        RuleSimulator {
            Layout.fillWidth: true
            visible: !dialog.reviewing && dialog.access !== null && dialog.access.yamlKind === "NatsUserRule"
                     && dialog.manifest !== null
            editor: dialog.manifest
            accountRuleSource: dialog.accountRules
        }

        Label {
            Layout.fillWidth: true
            visible: text.length > 0
            text: dialog.access ? (dialog.access.editorError.length > 0 ? dialog.access.editorError
                                  : !dialog.reviewing && dialog.reviewData.error ? dialog.reviewData.error : "") : ""
            color: Theme.bad
            wrapMode: Text.WordWrap
            textFormat: Text.PlainText
            Accessible.role: Accessible.AlertMessage
            Accessible.name: qsTr("YAML problem")
            Accessible.description: text
        }
    }

    footer: DialogButtonBox {
        Button {
            // Always there (a footer whose buttons come and go jumps); off where it means nothing.
            enabled: !dialog.reviewing && dialog.key.length > 0
            text: qsTr("History…")
            DialogButtonBox.buttonRole: Dialog.HelpRole
            Accessible.name: qsTr("History")
            ToolTip.visible: hovered
            ToolTip.text: dialog.key.length === 0 ? qsTr("A new object has no history yet")
                                                  : qsTr("Earlier states kept before each change made here: compare with now and revert")
            onClicked: {
                historyMenu.entries = dialog.access.historyOf(dialog.key);
                historyMenu.popup();
            }
            HistoryMenu {
                id: historyMenu
                onPicked: (id) => dialog.openRevert(dialog.key, id)
            }
        }
        Button {
            // Always there for rules; for other kinds there is no form.
            visible: dialog.ruleKind
            enabled: !dialog.reviewing
            checkable: true
            checked: dialog.formWanted
            text: qsTr("Form")
            DialogButtonBox.buttonRole: Dialog.HelpRole
            Accessible.name: qsTr("Show form")
            ToolTip.visible: hovered
            ToolTip.text: qsTr("The rule as a form beside its YAML; a change on either side shows on the other")
            onToggled: dialog.formWanted = checked
        }
        Button {
            text: dialog.reviewing ? qsTr("Back") : qsTr("Cancel")
            // Not RejectRole, which closes the dialog at once: closing asks first (tryClose).
            DialogButtonBox.buttonRole: Dialog.ActionRole
            Accessible.name: dialog.reviewing ? qsTr("Back to editing") : qsTr("Cancel")
            onClicked: dialog.reviewing ? dialog.reviewing = false : dialog.tryClose()
        }
        Button {
            // Not AcceptRole: the dialog closes only once the Controller accepted the object.
            text: dialog.reviewing ? (dialog.access && dialog.access.saving ? qsTr("Applying…") : qsTr("Apply"))
                                   : qsTr("Review…")
            enabled: dialog.access !== null && !dialog.access.saving
                     && (dialog.reviewing || (dialog.manifest !== null && dialog.manifest.errorCount === 0))
            highlighted: true
            DialogButtonBox.buttonRole: Dialog.ApplyRole
            Accessible.name: dialog.reviewing ? qsTr("Apply") : qsTr("Review changes")
            ToolTip.visible: hovered
            ToolTip.text: dialog.reviewing ? qsTr("Send the request (Ctrl+Enter)")
                                           : qsTr("See what changes before anything is sent (Ctrl+Enter)")
            onClicked: dialog.reviewing ? dialog.apply() : dialog.review()
        }
    }
}
