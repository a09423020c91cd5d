import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// Applies a file of many manifests to the control plane (what potctl deploy and ECN-Viewer's
// YAML upload do): typed, pasted, opened or dropped; checked as it is written; reviewed as the
// list of requests in the order they will be sent (rules and secrets before what names them);
// sent one at a time, stopping at the first refusal, with what was applied listed.
Dialog {
    id: dialog
    property ManifestApply applier
    property bool reviewing: false
    property var steps: []
    // Applied to the end: what is left to do is close.
    readonly property bool done: reviewing && applier !== null && applier.succeeded && applier.log.length > 0
    readonly property string planError: steps.length === 1 && steps[0].error !== undefined ? steps[0].error : ""

    function review() {
        dialog.applier.editor.checkNow();
        dialog.steps = dialog.applier.plan();
        dialog.reviewing = dialog.planError.length === 0;
    }

    title: reviewing ? qsTr("Apply %1 documents").arg(steps.length) : qsTr("Apply a manifest file")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(860, parent ? parent.width - 40 : 860)
    height: Math.min(680, parent ? parent.height - 40 : 680)
    closePolicy: Popup.NoAutoClose
    onClosed: {
        dialog.reviewing = false;
        if (dialog.applier)
            dialog.applier.editor.keepDraft();
    }

    Shortcut {
        sequence: "Escape"
        enabled: dialog.opened && !(dialog.applier && dialog.applier.running)
        onActivated: dialog.reviewing ? dialog.reviewing = false : dialog.close()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: dialog.reviewing ? 1 : 0

            ModelLoader {
                file: "YamlEditor.qml"
                modelProperty: "editor"
                model: dialog.applier ? dialog.applier.editor : null
                properties: ({ hint: qsTr("Manifests of any kind the console edits, separated by --- lines. What you type is kept in a draft until it is applied.") })
            }

            ScrollView {
                id: planPane
                contentWidth: availableWidth
                clip: true
                ColumnLayout {
                    width: planPane.availableWidth
                    spacing: Theme.spacing / 2
                    Label {
                        text: qsTr("Sent in this order, one at a time; the first refusal stops the rest")
                        font.bold: true
                    }
                    Repeater {
                        model: dialog.steps
                        Label {
                            required property var modelData
                            required property int index
                            Layout.fillWidth: true
                            text: (index + 1) + ". " + (modelData.text || "")
                            font.family: "monospace"
                            wrapMode: Text.WrapAnywhere
                            textFormat: Text.PlainText
                            Accessible.role: Accessible.StaticText
                            Accessible.name: qsTr("Step")
                            Accessible.description: text
                        }
                    }
                    Label {
                        visible: dialog.applier !== null && dialog.applier.log.length > 0
                        text: qsTr("Applied")
                        font.bold: true
                    }
                    Repeater {
                        model: dialog.applier ? dialog.applier.log : []
                        Label {
                            required property string modelData
                            Layout.fillWidth: true
                            text: "✓ " + modelData
                            color: Theme.ok
                            textFormat: Text.PlainText
                            Accessible.role: Accessible.StaticText
                            Accessible.name: qsTr("Applied step")
                            Accessible.description: text
                        }
                    }
                }
            }
        }

        Label {
            Layout.fillWidth: true
            visible: text.length > 0
            text: !dialog.applier ? ""
                  : dialog.applier.outcome.length > 0 ? dialog.applier.outcome
                  : !dialog.reviewing ? dialog.planError : ""
            color: dialog.applier && dialog.applier.succeeded ? Theme.ok : Theme.bad
            wrapMode: Text.WordWrap
            textFormat: Text.PlainText
            Accessible.role: Accessible.AlertMessage
            Accessible.name: qsTr("Apply outcome")
            Accessible.description: text
        }
    }

    footer: DialogButtonBox {
        Button {
            readonly property bool back: dialog.reviewing && !dialog.done
            text: back ? qsTr("Back") : qsTr("Close")
            enabled: !(dialog.applier && dialog.applier.running)
            DialogButtonBox.buttonRole: Dialog.ActionRole
            Accessible.name: back ? qsTr("Back to editing") : qsTr("Close")
            onClicked: back ? dialog.reviewing = false : dialog.close()
        }
        Button {
            text: dialog.reviewing ? (dialog.applier && dialog.applier.running ? qsTr("Applying…") : qsTr("Apply"))
                                   : qsTr("Review…")
            enabled: dialog.applier !== null && !dialog.applier.running
                     && (dialog.reviewing ? !dialog.applier.succeeded || dialog.applier.log.length === 0
                                          : dialog.applier.editor.errorCount === 0 && dialog.applier.editor.documentCount > 0)
            highlighted: true
            DialogButtonBox.buttonRole: Dialog.ApplyRole
            Accessible.name: dialog.reviewing ? qsTr("Apply") : qsTr("Review changes")
            onClicked: dialog.reviewing ? dialog.applier.apply() : dialog.review()
        }
    }
}
