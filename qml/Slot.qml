import QtQuick

// Shows here an item that a page made for one of its slots (ResourcePage's extraActions,
// detailExtra, listExtra): the item becomes this slot's child, as wide as the slot, as tall as it
// wants to be. An item rather than a Component, so that the page that defines it reads its own
// ids and properties in the same file.
Item {
    id: slot
    property Item content: null
    visible: content !== null
    implicitWidth: content ? content.implicitWidth : 0
    implicitHeight: content ? content.implicitHeight : 0
    function place() {
        if (slot.content === null)
            return;
        slot.content.parent = slot;
        slot.content.width = Qt.binding(() => slot.width);
    }
    onContentChanged: place()
    Component.onCompleted: place()
}
