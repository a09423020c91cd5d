import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// One field of a RuleForm (a delegate of its list; the roles are RuleFormModel's): its label, the
// input its type asks for (a Rule*Input file, made with this field as its `field`), what the value
// means and what is wrong with it.
ColumnLayout {
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
    // The form this field belongs to: the model of the list it is a delegate of.
    readonly property RuleFormModel form: field.ListView.view.model as RuleFormModel
    readonly property int labelWidth: 150

    width: field.ListView.view.width - 14
    spacing: 2

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacing
        Label {
            Layout.preferredWidth: field.labelWidth
            Layout.alignment: Qt.AlignTop
            topPadding: 6
            text: field.label
            wrapMode: Text.WordWrap
        }
        Loader {
            Layout.fillWidth: true
            readonly property string input: field.type === "bool" ? "RuleFlagInput.qml"
                           : field.type === "choice" ? "RuleChoiceInput.qml"
                           : field.type === "text" ? "RuleTextInput.qml"
                           : field.type === "list" || field.type === "timeWindows" ? "RuleLinesInput.qml"
                           : field.type === "connectionTypes" ? "RuleTypesInput.qml"
                           : field.type === "items" ? "RuleItemsInput.qml"
                           : "RuleAmountInput.qml"
            onInputChanged: setSource(Qt.resolvedUrl(input), { field: field })
            Component.onCompleted: setSource(Qt.resolvedUrl(input), { field: field })
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
        Layout.leftMargin: field.labelWidth + Theme.spacing
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
        Layout.leftMargin: field.labelWidth + Theme.spacing
        visible: text.length > 0
        text: field.editError.length > 0 ? field.editError : field.problem
        color: field.editError.length > 0 || field.problem.startsWith(qsTr("Error")) ? Theme.bad : Theme.warn
        wrapMode: Text.WordWrap
        textFormat: Text.PlainText
        Accessible.role: Accessible.StaticText
        Accessible.name: qsTr("%1 problem").arg(field.accessibleName)
        Accessible.description: text
    }
}
