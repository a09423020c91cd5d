import QtQuick
import QtQuick.Controls

// The earlier states of an object (ManifestAccess.historyOf: id, at, note), newest first;
// `picked` names the one chosen. An entry reaches this menu through its own `menu`.
Menu {
    id: historyMenu
    property var entries: []
    signal picked(string id)
    MenuItem {
        visible: historyMenu.entries.length === 0
        height: visible ? implicitHeight : 0
        enabled: false
        text: qsTr("Nothing kept yet: a state is kept before each change")
    }
    Repeater {
        model: historyMenu.entries
        MenuItem {
            id: entry
            required property var modelData
            text: qsTr("%1 — %2").arg(modelData.at).arg(modelData.note)
            onTriggered: (entry.menu as HistoryMenu).picked(modelData.id)
        }
    }
}
