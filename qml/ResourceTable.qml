import QtQuick
import PotConsole

// A list of Controller objects: filter box, count, freshness, refresh, sortable columns, a
// selection kept by key across refreshes, keyboard navigation, and an honest state when there is
// nothing to show. `list` is a ResourceList.
Item {
    id: root
    required property ResourceList list
    property string noun: qsTr("items")          // plural, lower case: "agents"
    property string emptyTitle: qsTr("Nothing here yet")
    property string emptyText: ""
    // Ctrl+F and F5 go to this table; turn off for the second table of a page.
    property bool shortcutsEnabled: true
    readonly property bool hasRows: list !== null && list.loaded && list.count > 0
    signal filterFocusRequested()
    function focusFilter() { filterFocusRequested() }

    // The body is made only while there is a list (none when no control plane is selected).
    Loader {
        anchors.fill: parent
        readonly property bool wanted: root.list !== null
        function load() {
            if (!wanted)
                source = "";
            else if (status === Loader.Null)
                setSource(Qt.resolvedUrl("ResourceTableBody.qml"), { owner: root });
        }
        onWantedChanged: load()
        Component.onCompleted: load()
    }
}
