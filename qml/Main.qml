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
    required property TlsAssistant tlsAssistant
    required property ExpiryRadar expiryRadar

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
                    // a page never opened costs no memory. The page's file and its properties
                    // come from the registry (setSource sets its required properties).
                    readonly property bool current: parent !== null && index === (parent as StackLayout).currentIndex
                    function load() {
                        if (current && status === Loader.Null)
                            setSource(Qt.resolvedUrl(modelData.source), modelData.properties);
                    }
                    onCurrentChanged: load()
                    Component.onCompleted: load()
                }
            }
        }
    }

    // The page registry: every page once, in sidebar order. The sidebar, the page stack, the
    // shortcuts and navigation by id (showPage) all read it. Pages with a `kind` are the generic
    // resource page of a kind described in core/resources; the others name their own file.
    function pageEntry(id, title, group, source, properties, shortcut) {
        return { id: id, title: title, group: group, source: source, properties: properties, shortcut: shortcut ?? "" };
    }
    function resource(id, title, group, shortcut) {
        return Object.assign(pageEntry(id, title, group, "ResourcePage.qml",
                                  { planes: window.planes, kindId: id, title: title }, shortcut), { kind: id });
    }
    readonly property var registry: [
        pageEntry("planes", qsTr("Control planes"), "", "ControlPlanesPage.qml", { planes: window.planes }, "Ctrl+1"),
        pageEntry("agents", qsTr("Agents"), qsTr("Workloads"), "AgentsPage.qml", { planes: window.planes }, "Ctrl+2"),
        pageEntry("applications", qsTr("Applications"), qsTr("Workloads"), "ApplicationsPage.qml", { planes: window.planes }, "Ctrl+3"),
        resource("services", qsTr("Services"), qsTr("Workloads")),
        resource("applicationTemplates", qsTr("Application templates"), qsTr("Workloads")),
        resource("catalogItems", qsTr("Catalog"), qsTr("Workloads")),
        resource("edgeResources", qsTr("Edge resources"), qsTr("Workloads")),
        pageEntry("nats", qsTr("NATS"), qsTr("Messaging"), "NatsPage.qml", { planes: window.planes }, "Ctrl+4"),
        resource("router", qsTr("Router"), qsTr("Messaging")),
        resource("secrets", qsTr("Secrets"), qsTr("Configuration"), "Ctrl+8"),
        resource("configMaps", qsTr("Config maps"), qsTr("Configuration"), "Ctrl+9"),
        resource("volumeMounts", qsTr("Volume mounts"), qsTr("Configuration")),
        resource("registries", qsTr("Registries"), qsTr("Configuration")),
        pageEntry("certificates", qsTr("Certificates"), qsTr("Security"), "CertificatesPage.qml", { planes: window.planes }, "Ctrl+5"),
        pageEntry("access", qsTr("Access control"), qsTr("Security"), "AccessPage.qml", { planes: window.planes }, "Ctrl+6"),
        pageEntry("events", qsTr("Events"), qsTr("Security"), "EventsPage.qml", { planes: window.planes }),
        pageEntry("expiry", qsTr("Expiry radar"), qsTr("Security"), "ExpiryRadarPage.qml", { radar: window.expiryRadar }),
        pageEntry("tools", qsTr("Tools"), "", "ToolsPage.qml",
             { decoder: window.decoder, manifestTool: window.manifestTool, certificates: window.certificateInspector,
               tls: window.tlsAssistant, planes: window.planes }, "Ctrl+7")
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
