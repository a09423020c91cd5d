import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// Agents (fogs): the generic page of the agents kind (list, details, reboot / prune / upgrade /
// rollback / delete) plus what only agents have: the status badge, the provisioning key, and the
// microservices placed on the selected agent with restart and rebuild.
ResourcePage {
    id: agentsPage
    readonly property AgentsModel agents: cluster ? cluster.agents : null
    kindId: "agents"
    title: qsTr("Agents")
    model: agents ? agents.page : null

    extraActions: Row {
        spacing: Theme.spacing
        ActionButton {
            text: qsTr("Provisioning key…")
            deniedReason: agentsPage.agents ? agentsPage.agents.provisioningKeyDeniedReason : ""
            onClicked: keyDialog.open()
        }
        Badge {
            anchors.verticalCenter: parent.verticalCenter
            visible: text.length > 0
            text: agentsPage.agents ? agentsPage.agents.selectedStatus : ""
            tone: Theme.toneColour(agentsPage.agents ? agentsPage.agents.selectedStatusTone : Tone.None)
            Accessible.name: qsTr("Agent status")
            Accessible.description: text
        }
    }

    // The microservices placed on this agent, and restart / rebuild of the selected one.
    detailExtra: ColumnLayout {
        spacing: Theme.spacing
        Label {
            Layout.fillWidth: true
            text: qsTr("Microservices on this agent")
            font.bold: true
            elide: Text.ElideRight
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
        ResourceTable {
            Layout.fillWidth: true
            // Tall enough for its rows (filter bar, header, rows), leaving the rest to the details.
            Layout.preferredHeight: Math.min(240, 90 + 30 * Math.max(2, list ? list.count : 0))
            shortcutsEnabled: false
            list: agentsPage.agents ? agentsPage.agents.microservices : null
            noun: qsTr("microservices")
            emptyTitle: qsTr("No microservices")
            emptyText: qsTr("No microservice of any application is placed on this agent.")
        }
        Flow {
            Layout.fillWidth: true
            spacing: 6
            ActionButton {
                text: qsTr("Restart microservice")
                deniedReason: agentsPage.agents ? agentsPage.agents.restartDeniedReason : ""
                onClicked: microserviceConfirm.ask("restart", qsTr("Restart microservice"),
                    qsTr("Restart microservice %1 on agent %2? It is stopped, then started again; it is unavailable in between.").arg(agentsPage.agents.microserviceName).arg(agentsPage.agents.selectedName),
                    qsTr("Restart"))
            }
            ActionButton {
                text: qsTr("Rebuild microservice")
                deniedReason: agentsPage.agents ? agentsPage.agents.rebuildDeniedReason : ""
                onClicked: microserviceConfirm.ask("rebuild", qsTr("Rebuild microservice"),
                    qsTr("Rebuild microservice %1? Agent %2 pulls its image again and recreates the container; it is unavailable in between.").arg(agentsPage.agents.microserviceName).arg(agentsPage.agents.selectedName),
                    qsTr("Rebuild"))
            }
        }
    }

    // Names the microservice it asked about, so a selection that moved meanwhile cannot redirect it.
    ConfirmDialog {
        id: microserviceConfirm
        property string action
        property string targetUuid
        function ask(what: string, heading: string, text: string, button: string) {
            action = what;
            targetUuid = agentsPage.agents.microserviceUuid;
            title = heading;
            message = text;
            confirmText = button;
            open();
        }
        onConfirmed: {
            if (action === "restart")
                agentsPage.agents.restartMicroservice(targetUuid);
            else
                agentsPage.agents.rebuildMicroservice(targetUuid);
        }
    }

    ProvisioningKeyDialog {
        id: keyDialog
        agents: agentsPage.agents
    }
}
