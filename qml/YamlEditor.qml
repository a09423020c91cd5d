import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import PotConsole

// The YAML editor of every manifest: line numbers, colouring, a marker on each line with a
// problem (its messages on hover), the list of all problems (click to go there), a kept draft to
// restore, open / drop / save-as of .yaml files. The text lives in `editor` (a ManifestEditor),
// which checks it and keeps the draft.
Item {
    id: root
    required property ManifestEditor editor
    property string hint
    readonly property alias textArea: area
    // The editor can be handed in after the text area is made (initial properties of a parent).
    onEditorChanged: if (root.editor && area.text !== root.editor.text) area.text = root.editor.text

    implicitWidth: 640
    implicitHeight: 420

    function positionOf(line, column) {
        const lines = area.text.split("\n");
        let pos = 0;
        for (let i = 0; i < Math.min(line - 1, lines.length); ++i)
            pos += lines[i].length + 1;
        return Math.min(pos + Math.max(column - 1, 0), area.length);
    }
    function goTo(line, column) {
        area.cursorPosition = root.positionOf(line, column);
        area.forceActiveFocus();
        const y = (line - 1) * metrics.lineSpacing;
        if (y < flick.contentY || y > flick.contentY + flick.height - metrics.lineSpacing * 2)
            flick.contentY = Math.max(0, y - flick.height / 3);
    }
    function openUrl(url) {
        if (root.editor.modified) {
            replaceConfirm.url = url;
            replaceConfirm.open();
            return;
        }
        fileError.text = root.editor.openFile(url);
    }

    FontMetrics {
        id: metrics
        font: area.font
    }

    Connections {
        target: root.editor
        function onTextChanged() {
            if (area.text !== root.editor.text)
                area.text = root.editor.text;
        }
    }

    FileDialog {
        id: openDialog
        title: qsTr("Open YAML")
        fileMode: FileDialog.OpenFile
        nameFilters: [qsTr("YAML files (*.yaml *.yml)"), qsTr("All files (*)")]
        onAccepted: root.openUrl(selectedFile)
    }
    FileDialog {
        id: saveDialog
        title: qsTr("Save YAML as")
        fileMode: FileDialog.SaveFile
        defaultSuffix: "yaml"
        nameFilters: [qsTr("YAML files (*.yaml *.yml)")]
        onAccepted: fileError.text = root.editor.saveAs(selectedFile)
    }
    ConfirmDialog {
        id: replaceConfirm
        property url url
        title: qsTr("Replace the text?")
        message: qsTr("The editor has changes that are not applied. Open the file instead of them? They stay in the draft until you apply or discard.")
        confirmText: qsTr("Open file")
        onConfirmed: fileError.text = root.editor.openFile(url)
    }

    Shortcut {
        // StandardKey works at run time; Qt 6.4 has no type information for it.
        sequence: StandardKey.Open // qmllint disable unqualified
        enabled: area.activeFocus
        onActivated: openDialog.open()
    }
    Shortcut {
        sequence: StandardKey.SaveAs // qmllint disable unqualified
        enabled: area.activeFocus
        onActivated: saveDialog.open()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing / 2

        Label {
            Layout.fillWidth: true
            visible: root.hint.length > 0
            text: root.hint
            color: Theme.mutedText
            wrapMode: Text.WordWrap
        }

        // A draft of this object from an earlier session: offered, never applied silently.
        Rectangle {
            Layout.fillWidth: true
            visible: root.editor.draftAvailable
            implicitHeight: draftRow.implicitHeight + Theme.spacing
            color: Qt.tint(Theme.base, Qt.rgba(Theme.info.r, Theme.info.g, Theme.info.b, 0.12))
            border.color: Theme.info
            radius: 3
            RowLayout {
                id: draftRow
                anchors.fill: parent
                anchors.margins: Theme.spacing / 2
                Label {
                    Layout.fillWidth: true
                    text: root.editor.draftText
                    wrapMode: Text.WordWrap
                    Accessible.role: Accessible.StaticText
                    Accessible.name: qsTr("Kept draft")
                    Accessible.description: text
                }
                Button {
                    text: qsTr("Restore")
                    Accessible.name: qsTr("Restore draft")
                    onClicked: root.editor.restoreDraft()
                }
                Button {
                    text: qsTr("Discard")
                    Accessible.name: qsTr("Discard draft")
                    onClicked: root.editor.discardDraft()
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            Button {
                text: qsTr("Open…")
                flat: true
                Accessible.name: qsTr("Open YAML file")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Open a .yaml file (or drop one on the editor)")
                onClicked: openDialog.open()
            }
            Button {
                text: qsTr("Save as…")
                flat: true
                Accessible.name: qsTr("Save YAML as")
                onClicked: saveDialog.open()
            }
            Button {
                text: qsTr("Tidy")
                flat: true
                enabled: root.editor.errorCount === 0 && area.length > 0
                Accessible.name: qsTr("Tidy YAML")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Put the fields in their usual order (unknown fields are kept; comments are not)")
                onClicked: root.editor.text = root.editor.canonicalText()
            }
            Item { Layout.fillWidth: true }
            Label {
                text: root.editor.fileName
                color: Theme.mutedText
                elide: Text.ElideMiddle
                Layout.maximumWidth: 200
            }
            Label {
                text: root.editor.summary
                color: root.editor.errorCount > 0 ? Theme.bad : root.editor.warningCount > 0 ? Theme.warn : Theme.ok
                Accessible.role: Accessible.StaticText
                Accessible.name: qsTr("YAML check")
                Accessible.description: text
            }
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: 160
            color: Theme.base
            border.color: root.editor.errorCount > 0 ? Theme.bad : area.activeFocus ? Theme.highlight : Theme.border
            border.width: 1
            clip: true

            DropArea {
                anchors.fill: parent
                keys: ["text/uri-list"]
                onDropped: (drop) => {
                    if (drop.hasUrls && drop.urls.length > 0) {
                        root.openUrl(drop.urls[0]);
                        drop.acceptProposedAction();
                    }
                }
            }

            // Line numbers and problem markers, scrolled with the text.
            Item {
                id: gutter
                anchors.top: parent.top
                anchors.bottom: parent.bottom
                anchors.left: parent.left
                anchors.margins: 1
                width: Math.max(3, String(area.lineCount).length + 1) * metrics.averageCharacterWidth + 18
                clip: true
                Rectangle {
                    anchors.fill: parent
                    color: Theme.window
                }
                YamlGutter {
                    y: area.topPadding - flick.contentY
                    width: gutter.width
                    editor: root.editor
                    lineCount: area.lineCount
                    lineHeight: metrics.lineSpacing
                    font: area.font
                    onLineClicked: (line) => root.goTo(line, 1)
                }
            }

            Flickable {
                id: flick
                anchors.top: parent.top
                anchors.bottom: parent.bottom
                anchors.right: parent.right
                anchors.left: gutter.right
                anchors.margins: 1
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {}
                ScrollBar.horizontal: ScrollBar {}

                TextArea.flickable: TextArea {
                    id: area
                    font.family: "monospace"
                    wrapMode: TextEdit.NoWrap
                    selectByMouse: true
                    persistentSelection: true
                    tabStopDistance: 2 * metrics.averageCharacterWidth
                    background: null
                    Accessible.name: qsTr("YAML")
                    onTextChanged: if (root.editor.text !== text) root.editor.text = text
                    Component.onCompleted: if (root.editor) text = root.editor.text
                    // YAML is indented with spaces: Tab inserts two.
                    Keys.onTabPressed: (event) => { area.insert(area.cursorPosition, "  "); event.accepted = true; }
                }
            }

            YamlHighlighter {
                document: area.textDocument
                keyColor: Theme.info
                commentColor: Theme.mutedText
                stringColor: Theme.ok
                valueColor: Theme.dark ? "#c792ea" : "#7b2fa0"
                errorColor: Theme.bad
                warningColor: Theme.warn
                errorLines: root.editor.errorCount >= 0 ? root.editor.errorLines() : []
                warningLines: root.editor.warningCount >= 0 ? root.editor.warningLines() : []
            }
        }

        Label {
            id: fileError
            Layout.fillWidth: true
            visible: text.length > 0
            color: Theme.bad
            wrapMode: Text.WordWrap
            textFormat: Text.PlainText
            Accessible.role: Accessible.AlertMessage
            Accessible.name: qsTr("File problem")
            Accessible.description: text
        }
        Label {
            Layout.fillWidth: true
            visible: text.length > 0
            text: root.editor.draftError
            color: Theme.warn
            wrapMode: Text.WordWrap
        }

        // Every problem, in order; a click goes to it.
        YamlProblemList {
            id: problemList
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(contentHeight, 5 * 22)
            visible: count > 0
            model: root.editor.problems
            onPicked: (line, column) => root.goTo(line, column)
        }
    }
}
