import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// Applications and microservices of the selected control plane. Left: the applications (or the
// system applications, one per agent). Right: the selected application, its microservices and the
// details of the application or the selected microservice. NATS rule names are links; following
// one emits `ruleLinkActivated(kind, name)` on the page model (cluster.applications), which the
// window turns into a switch to the NATS section.
Item {
    id: page
    required property ControlPlanes planes
    readonly property ClusterView cluster: planes.cluster
    readonly property ApplicationsModel apps: cluster ? cluster.applications : null
    // Re-read when permissions or the connection change (deniedReason depends on both).
    readonly property int permissions: cluster ? cluster.permissionsRevision : 0

    EmptyState {
        anchors.fill: parent
        visible: page.cluster === null
        title: qsTr("Applications and microservices")
        text: qsTr("Select a control plane to see its applications, or open the demo control plane.")
        actionText: qsTr("Open demo control plane")
        onActionTriggered: page.planes.openDemo()
    }

    ConfirmDialog {
        id: confirm
        property var action: null
        onConfirmed: {
            const run = confirm.action;
            if (run)
                run();
        }
    }
    function ask(title, message, confirmText, name, destructive, action) {
        confirm.title = title;
        confirm.message = message;
        confirm.confirmText = confirmText;
        confirm.confirmName = name;
        confirm.destructive = destructive;
        confirm.action = action;
        confirm.open();
    }

    // Built only while there is a control plane (the tables need their lists).
    Loader {
        anchors.fill: parent
        active: page.apps !== null
        sourceComponent: content
    }

    Component {
        id: content
        ColumnLayout {
            spacing: 0

            ClusterBanner {
                Layout.fillWidth: true
                cluster: page.cluster
            }

            TabBar {
                id: tabs
                Layout.fillWidth: true
                currentIndex: page.apps && page.apps.showSystem ? 1 : 0
                onCurrentIndexChanged: if (page.apps) page.apps.showSystem = currentIndex === 1
                TabButton {
                    text: qsTr("Applications")
                    width: implicitWidth + 24
                    Accessible.name: text
                }
                TabButton {
                    text: qsTr("System applications")
                    width: implicitWidth + 24
                    Accessible.name: text
                }
            }

            SplitView {
                Layout.fillWidth: true
                Layout.fillHeight: true

                StackLayout {
                    SplitView.preferredWidth: 380
                    SplitView.minimumWidth: 300
                    clip: true // a wide table stays in its pane, not under the detail
                    currentIndex: tabs.currentIndex
                    ResourceTable {
                        list: page.apps ? page.apps.list : null
                        visible: tabs.currentIndex === 0
                        noun: qsTr("applications")
                        emptyTitle: qsTr("No applications")
                        emptyText: qsTr("This control plane runs no applications yet. Deploy one with potctl or the Controller API (POST /application).")
                    }
                    ResourceTable {
                        list: page.apps ? page.apps.systemList : null
                        visible: tabs.currentIndex === 1
                        noun: qsTr("system applications")
                        emptyTitle: qsTr("No system applications")
                        emptyText: qsTr("The Controller makes one system application (router, NATS) for each agent; there is none yet.")
                    }
                }

                Item {
                    SplitView.fillWidth: true
                    SplitView.minimumWidth: 420

                    EmptyState {
                        anchors.fill: parent
                        visible: page.apps !== null && !page.apps.hasApplication
                        title: tabs.currentIndex === 1 ? qsTr("No system application selected")
                                                       : qsTr("No application selected")
                        text: qsTr("Select an application on the left to see its microservices, their status and their NATS rules.")
                    }

                    ColumnLayout {
                        anchors.fill: parent
                        anchors.margins: Theme.margin
                        spacing: Theme.spacing
                        visible: page.apps !== null && page.apps.hasApplication

                        // The application: name, state, NATS account rule, actions.
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: Theme.spacing
                            Label {
                                text: page.apps ? page.apps.applicationName : ""
                                font.pixelSize: 18
                                font.bold: true
                                elide: Text.ElideRight
                                Layout.maximumWidth: 320
                                Accessible.role: Accessible.Heading
                                Accessible.name: qsTr("Selected application")
                                Accessible.description: text
                            }
                            Badge {
                                visible: page.apps !== null && page.apps.applicationSystem
                                text: qsTr("system")
                                tone: Theme.info
                            }
                            Badge {
                                text: page.apps && page.apps.applicationActivated ? qsTr("activated") : qsTr("stopped")
                                tone: page.apps && page.apps.applicationActivated ? Theme.ok : Theme.warn
                            }
                            Item { Layout.fillWidth: true }
                        }
                        RuleLink {
                            Layout.fillWidth: true
                            label: qsTr("NATS account rule")
                            ruleName: page.apps ? page.apps.accountRuleName : ""
                            noRuleText: page.apps && page.apps.applicationNatsAccess ? qsTr("Controller default")
                                                                                      : qsTr("no NATS access")
                            onActivated: (name) => page.apps.openRule("account", name)
                        }
                        Flow {
                            Layout.fillWidth: true
                            spacing: Theme.spacing
                            ActionButton {
                                text: qsTr("Start application")
                                deniedReason: page.permissions >= 0 && page.apps ? page.apps.applicationPatchDenied : ""
                                ready: page.apps !== null && !page.apps.applicationActivated
                                disabledHint: qsTr("The application is already activated.")
                                onClicked: page.apps.startApplication()
                            }
                            ActionButton {
                                text: qsTr("Stop application")
                                deniedReason: page.permissions >= 0 && page.apps ? page.apps.applicationPatchDenied : ""
                                ready: page.apps !== null && page.apps.applicationActivated
                                disabledHint: qsTr("The application is already stopped.")
                                onClicked: {
                                    const name = page.apps.applicationName;
                                    page.ask(qsTr("Stop application"),
                                             qsTr("Stop %1? The Controller removes its microservices from their agents until it is started again.").arg(name),
                                             qsTr("Stop"), "", false, function() { page.apps.stopApplication() });
                                }
                            }
                            ActionButton {
                                text: qsTr("Delete application")
                                destructive: true
                                deniedReason: page.permissions >= 0 && page.apps ? page.apps.applicationDeleteDenied : ""
                                onClicked: {
                                    const name = page.apps.applicationName;
                                    page.ask(qsTr("Delete application"),
                                             qsTr("Delete %1 and all its microservices? Their containers are removed from the agents and the application's NATS account goes away. This cannot be undone.").arg(name),
                                             qsTr("Delete"), name, true, function() { page.apps.deleteApplication() });
                                }
                            }
                        }

                        // Its microservices.
                        SplitView {
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            orientation: Qt.Vertical

                            ResourceTable {
                                shortcutsEnabled: false
                                // Tall enough for its rows (filter bar, header, rows), leaving the rest to the details.
                                SplitView.preferredHeight: Math.min(280, 90 + 30 * Math.max(2, list ? list.count : 0))
                                SplitView.minimumHeight: 120
                                list: page.apps ? page.apps.microservices : null
                                noun: qsTr("microservices")
                                emptyTitle: qsTr("No microservices")
                                emptyText: qsTr("This application has no microservices.")
                            }

                            ColumnLayout {
                                SplitView.fillHeight: true
                                SplitView.minimumHeight: 160
                                spacing: Theme.spacing

                                RowLayout {
                                    Layout.fillWidth: true
                                    Layout.topMargin: Theme.spacing
                                    visible: page.apps !== null && page.apps.hasMicroservice
                                    spacing: Theme.spacing
                                    Label {
                                        text: page.apps ? page.apps.microserviceName : ""
                                        font.bold: true
                                        elide: Text.ElideRight
                                        Layout.maximumWidth: 200
                                        Accessible.role: Accessible.Heading
                                        Accessible.name: qsTr("Selected microservice")
                                        Accessible.description: text
                                    }
                                    Label {
                                        readonly property string status: page.apps ? page.apps.microserviceStatus : ""
                                        text: status
                                        color: status === "RUNNING" ? Theme.ok
                                             : (status === "FAILED" || status === "STUCK_IN_RESTART" || status === "UNKNOWN") ? Theme.bad
                                             : (status === "STOPPED" || status === "STOPPING" || status === "EXITING"
                                                || status === "DELETING" || status === "DELETED" || status === "MARKED_FOR_DELETION") ? Theme.warn
                                             : Theme.info
                                        Accessible.role: Accessible.StaticText
                                        Accessible.name: qsTr("Microservice status")
                                        Accessible.description: text
                                    }
                                    RuleLink {
                                        Layout.fillWidth: true
                                        label: qsTr("NATS user rule")
                                        ruleName: page.apps ? page.apps.userRuleName : ""
                                        noRuleText: page.apps && page.apps.microserviceNatsAccess ? qsTr("Controller default")
                                                                                                  : qsTr("no NATS access")
                                        onActivated: (name) => page.apps.openRule("user", name)
                                    }
                                }
                                Flow {
                                    Layout.fillWidth: true
                                    visible: page.apps !== null && page.apps.hasMicroservice
                                    spacing: Theme.spacing
                                    ActionButton {
                                        text: qsTr("Start microservice")
                                        deniedReason: page.permissions >= 0 && page.apps ? page.apps.microservicePatchDenied : ""
                                        onClicked: page.apps.startMicroservice()
                                    }
                                    ActionButton {
                                        text: qsTr("Stop microservice")
                                        deniedReason: page.permissions >= 0 && page.apps ? page.apps.microservicePatchDenied : ""
                                        onClicked: {
                                            const name = page.apps.microserviceName;
                                            page.ask(qsTr("Stop microservice"),
                                                     qsTr("Stop %1? Its container stops on the agent until it is started again.").arg(name),
                                                     qsTr("Stop"), "", false, function() { page.apps.stopMicroservice() });
                                        }
                                    }
                                    ActionButton {
                                        text: qsTr("Delete microservice")
                                        destructive: true
                                        deniedReason: page.permissions >= 0 && page.apps ? page.apps.microserviceDeleteDenied : ""
                                        onClicked: {
                                            const name = page.apps.microserviceName;
                                            page.ask(qsTr("Delete microservice"),
                                                     qsTr("Delete %1? Its container is removed from the agent and its NATS user goes away. This cannot be undone.").arg(name),
                                                     qsTr("Delete"), name, true, function() { page.apps.deleteMicroservice() });
                                        }
                                    }
                                }

                                TabBar {
                                    id: detailTabs
                                    Layout.fillWidth: true
                                    TabButton {
                                        text: qsTr("Application details")
                                        width: implicitWidth + 24
                                        Accessible.name: text
                                    }
                                    TabButton {
                                        text: qsTr("Microservice details")
                                        width: implicitWidth + 24
                                        enabled: page.apps !== null && page.apps.hasMicroservice
                                        Accessible.name: text
                                    }
                                }
                                // Selecting a microservice shows its details; losing it goes back.
                                Connections {
                                    target: page.apps
                                    function onSelectionChanged() {
                                        if (!page.apps.hasMicroservice)
                                            detailTabs.currentIndex = 0;
                                    }
                                }
                                Connections {
                                    target: page.apps ? page.apps.microservices : null
                                    function onSelectedKeyChanged() {
                                        if (page.apps.microservices.selectedKey.length > 0)
                                            detailTabs.currentIndex = 1;
                                    }
                                }
                                // One pane per model: a ListView does not redo its sections when its
                                // model is swapped.
                                StackLayout {
                                    Layout.fillWidth: true
                                    Layout.fillHeight: true
                                    currentIndex: detailTabs.currentIndex
                                    DetailPane {
                                        cluster: page.cluster
                                        name: qsTr("Application details")
                                        model: page.apps ? page.apps.applicationDetails : null
                                    }
                                    DetailPane {
                                        cluster: page.cluster
                                        name: qsTr("Microservice details")
                                        model: page.apps ? page.apps.microserviceDetails : null
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
