import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// The form of a NatsAccountRule or NatsUserRule (`form`: its ManifestEditor's RuleFormModel):
// grouped fields with inputs that know their units, "not set / unlimited" spelled out with what
// each means to nats-server, and the editor's problems at their field. It edits the same text as
// the YAML pane beside it: a change here rewrites the YAML at once, typing there updates the form.
// While the text cannot back a form (a syntax error) the fields stay where they are, disabled,
// with the reason above them.
ColumnLayout {
    id: root
    required property RuleFormModel form
    spacing: Theme.spacing

    Label {
        objectName: "formReason"
        Layout.fillWidth: true
        visible: !root.form.available && root.form.reason.length > 0
        text: root.form.reason
        color: Theme.warn
        wrapMode: Text.WordWrap
        textFormat: Text.PlainText
        Accessible.role: Accessible.AlertMessage
        Accessible.name: qsTr("Form unavailable")
        Accessible.description: text
    }

    Label {
        Layout.fillWidth: true
        visible: root.form.available
        text: qsTr("A change here rewrites the YAML beside it in its usual order; fields the form does not show are kept, comments are not.")
        color: Theme.mutedText
        font.pixelSize: 11
        wrapMode: Text.WordWrap
    }

    ListView {
        id: fields
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        enabled: root.form.available
        opacity: enabled ? 1 : 0.6
        objectName: "ruleFormList"
        model: root.form
        spacing: 6
        reuseItems: false
        ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }
        Accessible.role: Accessible.List
        Accessible.name: qsTr("Rule form")

        section.property: "group"
        section.delegate: Label {
            required property string section
            width: ListView.view.width
            topPadding: Theme.spacing
            bottomPadding: 2
            text: section
            font.bold: true
            elide: Text.ElideRight
            Accessible.role: Accessible.Heading
            Accessible.name: section
        }

        delegate: RuleField {}
    }
}
