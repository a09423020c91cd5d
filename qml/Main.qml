import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Templates as T
import PotConsole

ApplicationWindow {
    id: window
    required property ControlPlanes planes
    required property NatsDecoder decoder
    required property ManifestEditor manifestTool
    required property CertificateInspector certificateInspector

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
    // Not a binding: a binding would follow planes.cluster before the handler below compares them.
    property ClusterView shownCluster: null
    Component.onCompleted: shownCluster = planes.cluster
    function closePopupsIn(obj) {
        if (!obj || obj.data === undefined)
            return;
        for (let i = 0; i < obj.data.length; ++i) {
            const o = obj.data[i];
            // T.Popup: the style's Popup is a QML type that Dialog does not derive from.
            if (o instanceof T.Popup) {
                if (o.visible) // opened, or still opening
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
            // The control-plane and tools pages belong to no control plane.
            for (let i = 0; i < window.registry.length; ++i) {
                const id = window.registry[i].id;
                if (id !== "planes" && id !== "tools")
                    window.closePopupsIn(window.pageLoader(id));
            }
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
            registry: window.registry
        }

        StackLayout {
            id: pages
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: window.indexOfPage(sidebar.currentId)

            Repeater {
                model: window.registry
                delegate: Loader {
                    required property var modelData
                    required property int index
                    // Made when first shown, then kept (its state, selection and filter stay):
                    // a page never opened costs no memory.
                    property bool opened: false
                    readonly property bool current: index === pages.currentIndex
                    onCurrentChanged: if (current) opened = true
                    active: current || opened
                    sourceComponent: modelData.kind ? resourcePage : modelData.component
                    // A generic page learns its kind once made.
                    onLoaded: if (modelData.kind) {
                        item.kindId = modelData.kind;
                        item.title = modelData.title;
                    }
                }
            }
        }
    }

    // The page registry: every page once, in sidebar order. The sidebar, the page stack, the
    // shortcuts and navigation by id (showPage) all read it. `kind` pages are generic resource
    // pages of a kind described in core/resources; the others name their own component.
    readonly property var registry: [
        { id: "planes", title: qsTr("Control planes"), group: "", component: planesPage, shortcut: "Ctrl+1" },
        { id: "agents", title: qsTr("Agents"), group: qsTr("Workloads"), component: agentsPage, shortcut: "Ctrl+2" },
        { id: "applications", title: qsTr("Applications"), group: qsTr("Workloads"), component: applicationsPage, shortcut: "Ctrl+3" },
        { id: "services", title: qsTr("Services"), group: qsTr("Workloads"), kind: "services" },
        { id: "applicationTemplates", title: qsTr("Application templates"), group: qsTr("Workloads"), kind: "applicationTemplates" },
        { id: "catalogItems", title: qsTr("Catalog"), group: qsTr("Workloads"), kind: "catalogItems" },
        { id: "edgeResources", title: qsTr("Edge resources"), group: qsTr("Workloads"), kind: "edgeResources" },
        { id: "nats", title: qsTr("NATS"), group: qsTr("Messaging"), component: natsPage, shortcut: "Ctrl+4" },
        { id: "router", title: qsTr("Router"), group: qsTr("Messaging"), kind: "router" },
        { id: "secrets", title: qsTr("Secrets"), group: qsTr("Configuration"), kind: "secrets", shortcut: "Ctrl+8" },
        { id: "configMaps", title: qsTr("Config maps"), group: qsTr("Configuration"), kind: "configMaps", shortcut: "Ctrl+9" },
        { id: "volumeMounts", title: qsTr("Volume mounts"), group: qsTr("Configuration"), kind: "volumeMounts" },
        { id: "registries", title: qsTr("Registries"), group: qsTr("Configuration"), kind: "registries" },
        { id: "certificates", title: qsTr("Certificates"), group: qsTr("Security"), kind: "certificates", shortcut: "Ctrl+5" },
        { id: "access", title: qsTr("Access control"), group: qsTr("Security"), component: accessPage, shortcut: "Ctrl+6" },
        { id: "events", title: qsTr("Events"), group: qsTr("Security"), component: eventsPage },
        { id: "tools", title: qsTr("Tools"), group: "", component: toolsPage, shortcut: "Ctrl+7" }
    ]
    function indexOfPage(id) {
        for (let i = 0; i < registry.length; ++i) {
            if (registry[i].id === id)
                return i;
        }
        return 0;
    }
    function pageLoader(id) {
        for (let i = 0; i < pages.children.length; ++i) {
            const c = pages.children[i];
            if (c.modelData !== undefined && c.modelData.id === id)
                return c;
        }
        return null;
    }
    // Shows the page `id` and returns it (null when there is no such page).
    function showPage(id) {
        sidebar.currentId = id;
        const loader = window.pageLoader(id);
        return loader ? loader.item : null;
    }

    Component { id: planesPage; ControlPlanesPage { planes: window.planes } }
    Component { id: agentsPage; AgentsPage { planes: window.planes } }
    Component { id: applicationsPage; ApplicationsPage { planes: window.planes } }
    Component { id: natsPage; NatsPage { planes: window.planes } }
    Component { id: accessPage; AccessPage { planes: window.planes } }
    Component { id: eventsPage; EventsPage { planes: window.planes } }
    Component { id: toolsPage; ToolsPage { decoder: window.decoder; manifestTool: window.manifestTool; certificates: window.certificateInspector } }
    Component { id: resourcePage; ResourcePage { planes: window.planes } }

    // NATS rule names on the Applications page link to the NATS section; the NATS page shows the
    // rule when it offers showRule(kind, name) (kind "account" or "user").
    Connections {
        target: window.planes.cluster ? window.planes.cluster.applications : null
        function onRuleLinkActivated(kind, name) {
            const nats = window.showPage("nats");
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
