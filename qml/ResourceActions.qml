import QtQuick
import PotConsole

// The actions of a ResourceModel's kind as buttons, each refused with its reason (read again when
// `revision` changes); `triggered` names the action clicked. More buttons follow as children. A
// button made by the Repeater is a child of this Flow and reaches it through its parent.
Flow {
    id: flow
    property ResourceModel model: null
    property int revision: 0
    signal triggered(var action)
    spacing: Theme.spacing
    Repeater {
        model: flow.model ? flow.model.actions : []
        ActionButton {
            id: button
            required property var modelData
            readonly property ResourceActions flow: button.parent as ResourceActions
            text: modelData.label
            destructive: modelData.destructive
            deniedReason: button.flow !== null && button.flow.revision >= 0 && button.flow.model !== null
                          ? button.flow.model.deniedReason(modelData.id) : ""
            onClicked: button.flow.triggered(modelData)
        }
    }
}
