import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

ApplicationWindow {
    id: window
    required property ControlPlanes planes
    required property NatsDecoder decoder

    width: 1200
    height: 760
    minimumWidth: 820
    minimumHeight: 520
    visible: true
    title: planes.currentName.length > 0 ? qsTr("%1 — PoT Console").arg(planes.currentName) : qsTr("PoT Console")
    color: Theme.window

    // The colour of the connected control plane frames the window, so production is hard to mistake.
    function selectProfile(index) {
        if (index < planes.profiles.count)
            planes.currentIndex = index;
    }

    readonly property bool framed: planes.currentState === ConnectionState.SignedIn && planes.currentColour.length > 0

    // A dialog opened for one control plane must not act on another: switching control planes
    // (Alt+1…9 works while a dialog is open) closes every dialog of the cluster pages.
    property ClusterView shownCluster: planes.cluster
    function closePopupsIn(obj) {
        if (!obj || obj.data === undefined)
            return;
        for (let i = 0; i < obj.data.length; ++i) {
            const o = obj.data[i];
            if (o instanceof Popup) {
                if (o.opened)
                    o.close();
                closePopupsIn(o.contentItem);
            } else {
                closePopupsIn(o);
            }
        }
    }
    Connections {
        target: window.planes
        function onCurrentChanged() {
            if (window.planes.cluster === window.shownCluster)
                return;
            window.shownCluster = window.planes.cluster;
            for (let i = 1; i < pages.children.length - 1; ++i)
                window.closePopupsIn(pages.children[i]);
        }
    }

    Rectangle {
        id: frame
        anchors.fill: parent
        color: "transparent"
        border.width: window.framed ? 4 : 0
        border.color: window.planes.currentColour
        z: 10
        Accessible.ignored: true
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: Theme.margin
            anchors.rightMargin: Theme.margin
            Rectangle {
                width: 10; height: 10; radius: 5
                visible: window.planes.currentIndex >= 0
                color: Theme.stateColour(window.planes.currentState)
            }
            ComboBox {
                id: switcher
                Layout.preferredWidth: 260
                model: window.planes.profiles
                textRole: "name"
                currentIndex: window.planes.currentIndex
                displayText: currentIndex >= 0 ? currentText : qsTr("No control plane")
                Accessible.name: qsTr("Current control plane")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Switch control plane (Alt+1…9, Ctrl+PgUp/PgDown)")
                onActivated: (index) => window.planes.currentIndex = index
            }
            Label {
                text: window.planes.currentStateText
                color: Theme.stateColour(window.planes.currentState)
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Badge {
                visible: window.planes.currentReadOnly
                text: qsTr("read-only")
                tone: Theme.info
            }
            Badge {
                visible: window.planes.currentIndex >= 0 && !window.planes.currentEncrypted
                text: qsTr("not encrypted")
                tone: Theme.warn
            }
        }
    }

    RowLayout {
        anchors.fill: parent
        anchors.margins: window.framed ? 4 : 0
        spacing: 0

        Sidebar {
            id: sidebar
            Layout.fillHeight: true
        }

        StackLayout {
            id: pages
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: sidebar.currentIndex

            ControlPlanesPage {
                planes: window.planes
            }
            AgentsPage {
                planes: window.planes
            }
            ApplicationsPage {
                planes: window.planes
            }
            NatsPage {
                planes: window.planes
            }
            EmptyState {
                title: qsTr("Certificates")
                text: qsTr("Certificates and certificate authorities are not part of this version yet.")
            }
            AccessPage {
                planes: window.planes
            }
            NatsDecoderPage {
                decoder: window.decoder
            }
        }
    }

    // NATS rule names on the Applications page link to the NATS section; the NATS page shows the
    // rule when it offers showRule(kind, name) (kind "account" or "user").
    Connections {
        target: window.planes.cluster ? window.planes.cluster.applications : null
        function onRuleLinkActivated(kind, name) {
            sidebar.currentIndex = 3;
            const nats = pages.children[3];
            if (nats && typeof nats.showRule === "function")
                nats.showRule(kind, name);
        }
    }

    // Alt+1…9 pick a control plane by its place in the list.
    Shortcut { sequence: "Alt+1"; context: Qt.ApplicationShortcut; onActivated: window.selectProfile(0) }
    Shortcut { sequence: "Alt+2"; context: Qt.ApplicationShortcut; onActivated: window.selectProfile(1) }
    Shortcut { sequence: "Alt+3"; context: Qt.ApplicationShortcut; onActivated: window.selectProfile(2) }
    Shortcut { sequence: "Alt+4"; context: Qt.ApplicationShortcut; onActivated: window.selectProfile(3) }
    Shortcut { sequence: "Alt+5"; context: Qt.ApplicationShortcut; onActivated: window.selectProfile(4) }
    Shortcut { sequence: "Alt+6"; context: Qt.ApplicationShortcut; onActivated: window.selectProfile(5) }
    Shortcut { sequence: "Alt+7"; context: Qt.ApplicationShortcut; onActivated: window.selectProfile(6) }
    Shortcut { sequence: "Alt+8"; context: Qt.ApplicationShortcut; onActivated: window.selectProfile(7) }
    Shortcut { sequence: "Alt+9"; context: Qt.ApplicationShortcut; onActivated: window.selectProfile(8) }
    Shortcut {
        sequences: ["Ctrl+PgDown"]
        context: Qt.ApplicationShortcut
        onActivated: window.planes.selectRelative(1)
    }
    Shortcut {
        sequences: ["Ctrl+PgUp"]
        context: Qt.ApplicationShortcut
        onActivated: window.planes.selectRelative(-1)
    }
}
