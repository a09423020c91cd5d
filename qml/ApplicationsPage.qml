import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// Applications and microservices of the selected control plane: above, the applications (or the
// system applications, one per agent) as resource pages in tabs; below, the microservices of the
// selected application as the resource page of that kind. What the generic pages lack comes from
// the page model (cluster.applications): which application feeds the microservices, and the NATS
// rule names, which are links; following one emits `ruleLinkActivated(kind, name)`, which the
// window turns into a switch to the NATS section.
Item {
    id: page
    required property ControlPlanes planes
    readonly property ClusterView cluster: planes.cluster
    readonly property ApplicationsModel apps: cluster ? cluster.applications : null
    readonly property bool system: tabs.currentIndex === 1

    EmptyState {
        anchors.fill: parent
        visible: page.apps === null
        title: qsTr("Applications and microservices")
        text: qsTr("Select a control plane to see its applications, or open the demo control plane.")
        actionText: qsTr("Open demo control plane")
        onActionTriggered: page.planes.openDemo()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        visible: page.apps !== null

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
            id: split
            Layout.fillWidth: true
            Layout.fillHeight: true
            orientation: Qt.Vertical

            StackLayout {
                SplitView.preferredHeight: split.height * 0.45
                SplitView.minimumHeight: 200
                currentIndex: tabs.currentIndex
                // Each tab adds the NATS account rule link to its actions while it is shown.
                ResourcePage {
                    planes: page.planes
                    model: page.apps ? page.apps.applications : null
                    title: qsTr("Applications")
                    showBanner: false
                    extraActions: page.system ? null : page.accountRule
                }
                ResourcePage {
                    planes: page.planes
                    model: page.apps ? page.apps.systemApplications : null
                    title: qsTr("System applications")
                    showBanner: false
                    extraActions: page.system ? page.accountRule : null
                }
            }

            Item {
                SplitView.fillHeight: true
                SplitView.minimumHeight: 200

                EmptyState {
                    anchors.fill: parent
                    visible: page.apps !== null && !page.apps.hasApplication
                    title: page.system ? qsTr("No system application selected") : qsTr("No application selected")
                    text: qsTr("Select an application above to see its microservices, their status and their NATS rules.")
                }
                ResourcePage {
                    anchors.fill: parent
                    visible: page.apps !== null && page.apps.hasApplication
                    planes: page.planes
                    model: page.apps ? page.apps.microservices : null
                    title: qsTr("Microservices")
                    showBanner: false
                    tableShortcuts: false
                    extraActions: page.microserviceState
                }
            }
        }
    }

    // Items for the resource pages' action slots (made once; a Slot shows each where it goes).
    // The account rule link moves to whichever applications tab is shown.
    readonly property Item accountRule: RuleLink {
        label: qsTr("NATS account rule")
        ruleName: page.apps ? page.apps.accountRuleName : ""
        noRuleText: page.apps && page.apps.applicationNatsAccess ? qsTr("Controller default") : qsTr("no NATS access")
        onActivated: (name) => page.apps.openRule("account", name)
    }

    readonly property Item microserviceState: RowLayout {
        spacing: Theme.spacing
        Label {
            text: page.apps ? page.apps.microserviceStatus : ""
            color: Theme.toneColour(page.apps ? page.apps.microserviceStatusTone : 0)
            Accessible.role: Accessible.StaticText
            Accessible.name: qsTr("Microservice status")
            Accessible.description: text
        }
        RuleLink {
            label: qsTr("NATS user rule")
            ruleName: page.apps ? page.apps.userRuleName : ""
            noRuleText: page.apps && page.apps.microserviceNatsAccess ? qsTr("Controller default") : qsTr("no NATS access")
            onActivated: (name) => page.apps.openRule("user", name)
        }
    }
}
