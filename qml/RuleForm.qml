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
    readonly property int labelWidth: 150
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

        delegate: ColumnLayout {
            id: field
            required property int index
            required property string label
            required property string fieldId
            required property string type
            required property int valueState
            required property double amount
            required property int unit
            required property var units
            required property bool flag
            required property string lines
            required property var items
            required property string text
            required property var choices
            required property string notSet
            required property string help
            required property string shown
            required property string problem
            required property string editError
            required property string list
            required property int item

            // Names unique in the form: the fields of an export or import carry its number.
            readonly property string accessibleName: item < 0 ? label
                : (list === "exports" ? qsTr("Export %1 %2") : qsTr("Import %1 %2")).arg(item + 1).arg(label.toLowerCase())
            readonly property bool limited: type === "count" || type === "size"

            width: ListView.view.width - 14
            spacing: 2

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                Label {
                    Layout.preferredWidth: root.labelWidth
                    Layout.alignment: Qt.AlignTop
                    topPadding: 6
                    text: field.label
                    wrapMode: Text.WordWrap
                }
                Loader {
                    Layout.fillWidth: true
                    sourceComponent: field.type === "bool" ? boolInput
                                   : field.type === "choice" ? choiceInput
                                   : field.type === "text" ? textInput
                                   : field.type === "list" || field.type === "timeWindows" ? linesInput
                                   : field.type === "connectionTypes" ? typesInput
                                   : field.type === "items" ? itemsInput
                                   : amountInput
                }
            }
            // What the value means, what "not set" means, and what is wrong with it.
            // The value in words where it says more than the input (256 KiB = 262,144 bytes,
            // a value the form cannot read), what "not set" means, or a hint.
            Label {
                objectName: field.fieldId + "/value"
                readonly property bool amountType: field.type === "count" || field.type === "size"
                                                   || field.type === "duration" || field.type === "number"
                readonly property bool saysMore: field.valueState === 3
                    || (amountType && field.valueState === 2 && (field.type === "size" || field.type === "duration" || field.amount === 0))
                Layout.fillWidth: true
                Layout.leftMargin: root.labelWidth + Theme.spacing
                visible: text.length > 0
                text: field.valueState === 0 ? field.notSet
                    : saysMore ? field.shown + (field.help.length > 0 ? " · " + field.help : "")
                    : field.help
                color: field.valueState === 3 ? Theme.bad : Theme.mutedText
                Accessible.role: Accessible.StaticText
                Accessible.name: qsTr("%1 value").arg(field.accessibleName)
                Accessible.description: text
                font.pixelSize: 11
                wrapMode: Text.WordWrap
                textFormat: Text.PlainText
            }
            Label {
                objectName: field.fieldId + "/problem"
                Layout.fillWidth: true
                Layout.leftMargin: root.labelWidth + Theme.spacing
                visible: text.length > 0
                text: field.editError.length > 0 ? field.editError : field.problem
                color: field.editError.length > 0 || field.problem.startsWith(qsTr("Error")) ? Theme.bad : Theme.warn
                wrapMode: Text.WordWrap
                textFormat: Text.PlainText
                Accessible.role: Accessible.StaticText
                Accessible.name: qsTr("%1 problem").arg(field.accessibleName)
                Accessible.description: text
            }

            // A number with its unit, or "not set" / "unlimited".
            Component {
                id: amountInput
                RowLayout {
                    spacing: Theme.spacing
                    function modeState(i) { return field.limited ? i : (i === 0 ? 0 : 2) }
                    function push(state, unit) {
                        root.form.setAmount(field.index, state, Number(amountField.text.length > 0 ? amountField.text : "0"),
                                            unit === undefined ? unitBox.currentIndex : unit);
                    }
                    ComboBox {
                        id: modeBox
                        objectName: field.fieldId + "/mode"
                        Layout.preferredWidth: 112
                        model: field.limited ? [qsTr("Not set"), qsTr("Unlimited"), qsTr("Limit")] : [qsTr("Not set"), qsTr("Set")]
                        currentIndex: field.valueState === 0 ? 0 : field.valueState === 1 ? 1 : field.limited ? 2 : 1
                        Accessible.name: qsTr("%1 setting").arg(field.accessibleName)
                        onActivated: index => parent.push(parent.modeState(index))
                    }
                    TextField {
                        id: amountField
                        objectName: field.fieldId + "/amount"
                        // Follows the model except while typed in (the cursor stays where it is).
                        function sync() {
                            if (!activeFocus)
                                text = field.valueState === 2 ? String(field.amount) : "";
                        }
                        Layout.preferredWidth: 90
                        enabled: field.valueState >= 2
                        validator: RegularExpressionValidator { regularExpression: /[0-9]{0,15}/ }
                        placeholderText: field.valueState === 1 ? qsTr("unlimited") : field.valueState === 0 ? qsTr("not set") : ""
                        Accessible.name: field.accessibleName
                        onTextEdited: parent.push(2)
                        onActiveFocusChanged: sync()
                        Component.onCompleted: sync()
                        Connections {
                            target: field
                            function onAmountChanged() { amountField.sync() }
                            function onValueStateChanged() { amountField.sync() }
                        }
                    }
                    ComboBox {
                        id: unitBox
                        objectName: field.fieldId + "/unit"
                        visible: field.units.length > 1
                        Layout.preferredWidth: 80
                        enabled: field.valueState >= 2
                        model: field.units
                        currentIndex: field.unit
                        Accessible.name: qsTr("%1 unit").arg(field.accessibleName)
                        onActivated: index => parent.push(2, index)
                    }
                    Item { Layout.fillWidth: true }
                }
            }

            Component {
                id: boolInput
                ComboBox {
                    objectName: field.fieldId
                    model: [qsTr("Not set"), qsTr("Yes"), qsTr("No")]
                    currentIndex: field.valueState === 0 ? 0 : field.valueState === 3 ? -1 : field.flag ? 1 : 2
                    displayText: field.valueState === 3 ? field.shown : currentText
                    Accessible.name: field.accessibleName
                    onActivated: index => root.form.setFlag(field.index, index === 0 ? 0 : 2, index === 1)
                }
            }

            Component {
                id: choiceInput
                ComboBox {
                    objectName: field.fieldId
                    // The value stays choosable when it is none of the known ones.
                    readonly property var options: [qsTr("Not set")].concat(field.choices)
                        .concat(field.text.length > 0 && field.choices.indexOf(field.text) < 0 ? [field.text] : [])
                    model: options
                    currentIndex: field.valueState === 0 ? 0 : options.indexOf(field.text)
                    Accessible.name: field.accessibleName
                    onActivated: index => root.form.setText(field.index, index === 0 ? "" : options[index])
                }
            }

            Component {
                id: textInput
                RowLayout {
                    spacing: Theme.spacing
                    TextField {
                        id: textField
                        objectName: field.fieldId
                        function sync() {
                            if (!activeFocus)
                                text = field.text;
                        }
                        Layout.fillWidth: true
                        placeholderText: field.valueState === 0 ? qsTr("not set") : ""
                        Accessible.name: field.accessibleName
                        onTextEdited: root.form.setText(field.index, text)
                        onActiveFocusChanged: sync()
                        Component.onCompleted: sync()
                        Connections {
                            target: field
                            function onTextChanged() { textField.sync() }
                        }
                    }
                    Button {
                        objectName: "remove/" + field.list + "/" + field.item
                        visible: field.item >= 0 && field.fieldId.endsWith(".name")
                        text: field.list === "exports" ? qsTr("Remove export") : qsTr("Remove import")
                        Accessible.name: (field.list === "exports" ? qsTr("Remove export %1") : qsTr("Remove import %1")).arg(field.item + 1)
                        onClicked: root.form.removeItem(field.list, field.item)
                    }
                }
            }

            Component {
                id: linesInput
                TextArea {
                    id: linesArea
                    objectName: field.fieldId
                    function sync() {
                        if (!activeFocus)
                            text = field.lines;
                    }
                    placeholderText: field.valueState === 0 ? qsTr("not set") : qsTr("empty list")
                    wrapMode: TextEdit.NoWrap
                    font.family: "monospace"
                    selectByMouse: true
                    Accessible.name: field.accessibleName
                    // Every keystroke reaches the YAML; while typed in, the text stays as typed
                    // (an empty line being started is not thrown away by the read-back).
                    onTextChanged: if (activeFocus) root.form.setLines(field.index, text)
                    onActiveFocusChanged: sync()
                    Component.onCompleted: sync()
                    Connections {
                        target: field
                        function onLinesChanged() { linesArea.sync() }
                    }
                    background: Rectangle {
                        color: Theme.base
                        border.color: linesArea.activeFocus ? Theme.highlight : Theme.border
                        radius: 2
                    }
                }
            }

            Component {
                id: typesInput
                GridLayout {
                    // From the list's width, not its own (which follows its height through the Loader).
                    columns: Math.max(1, Math.floor((fields.width - root.labelWidth - 40) / 150))
                    columnSpacing: 4
                    rowSpacing: 0
                    Repeater {
                        model: field.choices
                        CheckBox {
                            required property string modelData
                            objectName: field.fieldId + "/" + modelData
                            text: modelData
                            checked: field.valueState === 2 && field.items.indexOf(modelData) >= 0
                            Accessible.name: modelData
                            onToggled: root.form.setItemChecked(field.index, modelData, checked)
                        }
                    }
                }
            }

            Component {
                id: itemsInput
                RowLayout {
                    spacing: Theme.spacing
                    Label {
                        text: field.shown
                        color: Theme.mutedText
                    }
                    Button {
                        objectName: "add/" + field.list
                        text: field.list === "exports" ? qsTr("Add export") : qsTr("Add import")
                        Accessible.name: text
                        onClicked: root.form.addItem(field.list)
                    }
                }
            }
        }
    }
}
