import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// Agents (fogs) of the selected control plane: the list on the left, the selected agent's details
// and actions on the right.
Item {
    id: page
    required property ControlPlanes planes
    readonly property ClusterView cluster: planes.cluster
    readonly property AgentsModel agents: cluster ? cluster.agents : null


    EmptyState {
        anchors.fill: parent
        visible: page.cluster === null
        title: qsTr("Agents")
        text: qsTr("Select a control plane to see its agents, or open the demo control plane.")
        actionText: qsTr("Open demo control plane")
        onActionTriggered: page.planes.openDemo()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        visible: page.cluster !== null
        ClusterBanner {
            Layout.fillWidth: true
            cluster: page.cluster
        }
        SplitView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            ResourceTable {
                SplitView.fillWidth: true
                SplitView.minimumWidth: 360
                list: page.agents ? page.agents.list : null
                noun: qsTr("agents")
                emptyTitle: qsTr("No agents")
                emptyText: qsTr("This control plane has no agents yet. Add one with potctl or the Controller API, then provision it with its key.")
            }

            Item {
                id: detail
                SplitView.preferredWidth: 480
                SplitView.minimumWidth: 320
                readonly property bool selected: page.agents !== null && page.agents.hasSelection

                EmptyState {
                    anchors.fill: parent
                    visible: !detail.selected
                    title: qsTr("Select an agent to see its details")
                    text: qsTr("Status, resources, configuration, router and NATS settings of the agent, and what you can do with it.")
                }

                ColumnLayout {
                    anchors.fill: parent
                    anchors.margins: Theme.margin
                    spacing: Theme.spacing
                    visible: detail.selected

                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.spacing
                        Label {
                            Layout.fillWidth: true
                            text: page.agents ? page.agents.selectedName : ""
                            font.pixelSize: 18
                            font.bold: true
                            elide: Text.ElideRight
                            Accessible.role: Accessible.Heading
                            Accessible.name: qsTr("Agent name")
                            Accessible.description: text
                        }
                        Badge {
                            visible: text.length > 0
                            text: page.agents ? page.agents.selectedStatus : ""
                            tone: Theme.toneColour(page.agents ? page.agents.selectedStatusTone : Tone.None)
                            Accessible.name: qsTr("Agent status")
                            Accessible.description: text
                        }
                    }

                    Flow {
                        id: actions
                        Layout.fillWidth: true
                        spacing: 6
                        ActionButton {
                            text: qsTr("Reboot")
                            deniedReason: page.agents ? page.agents.rebootDeniedReason : ""
                            onClicked: plainConfirm.ask("reboot",
                                qsTr("Reboot agent"),
                                qsTr("Reboot the host of agent %1? Its microservices stop until the host is back.").arg(page.agents.selectedName),
                                qsTr("Reboot agent"))
                        }
                        ActionButton {
                            text: qsTr("Prune")
                            deniedReason: page.agents ? page.agents.pruneDeniedReason : ""
                            onClicked: plainConfirm.ask("prune",
                                qsTr("Prune agent"),
                                qsTr("Remove the unused container images on agent %1? Images needed later are pulled again.").arg(page.agents.selectedName),
                                qsTr("Prune agent"))
                        }
                        ActionButton {
                            text: qsTr("Upgrade")
                            deniedReason: page.agents ? page.agents.upgradeDeniedReason : ""
                            ready: page.agents !== null && page.agents.readyToUpgrade
                            disabledHint: qsTr("The Controller does not offer an upgrade for this agent (isReadyToUpgrade is false).")
                            onClicked: plainConfirm.ask("upgrade",
                                qsTr("Upgrade agent"),
                                qsTr("Upgrade the agent software on %1? The agent restarts.").arg(page.agents.selectedName),
                                qsTr("Upgrade agent"))
                        }
                        ActionButton {
                            text: qsTr("Rollback")
                            deniedReason: page.agents ? page.agents.rollbackDeniedReason : ""
                            ready: page.agents !== null && page.agents.readyToRollback
                            disabledHint: qsTr("There is no earlier agent version to roll back to (isReadyToRollback is false).")
                            onClicked: plainConfirm.ask("rollback",
                                qsTr("Roll back agent"),
                                qsTr("Roll the agent software on %1 back to its previous version? The agent restarts.").arg(page.agents.selectedName),
                                qsTr("Roll back agent"))
                        }
                        ActionButton {
                            text: qsTr("Delete…")
                            destructive: true
                            deniedReason: page.agents ? page.agents.deleteDeniedReason : ""
                            onClicked: {
                                deleteConfirm.targetUuid = page.agents.selectedUuid;
                                deleteConfirm.confirmName = page.agents.selectedName;
                                deleteConfirm.message = qsTr("Delete agent %1 from the control plane? Its microservices are removed from it and the agent can no longer connect. This cannot be undone.").arg(page.agents.selectedName);
                                deleteConfirm.open();
                            }
                        }
                        ActionButton {
                            text: qsTr("Provisioning key…")
                            deniedReason: page.agents ? page.agents.provisioningKeyDeniedReason : ""
                            onClicked: keyDialog.open()
                        }
                    }

                    // The microservices placed on this agent, and restart / rebuild of the selected one.
                    Label {
                        Layout.fillWidth: true
                        Layout.topMargin: Theme.spacing
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
                        list: page.agents ? page.agents.microservices : null
                        noun: qsTr("microservices")
                        emptyTitle: qsTr("No microservices")
                        emptyText: qsTr("No microservice of any application is placed on this agent.")
                    }
                    Flow {
                        Layout.fillWidth: true
                        spacing: 6
                        ActionButton {
                            text: qsTr("Restart microservice")
                            deniedReason: page.agents ? page.agents.restartDeniedReason : ""
                            onClicked: plainConfirm.ask("restart",
                                qsTr("Restart microservice"),
                                qsTr("Restart microservice %1 on agent %2? It is stopped, then started again; it is unavailable in between.").arg(page.agents.microserviceName).arg(page.agents.selectedName),
                                qsTr("Restart"), page.agents.microserviceUuid)
                        }
                        ActionButton {
                            text: qsTr("Rebuild microservice")
                            deniedReason: page.agents ? page.agents.rebuildDeniedReason : ""
                            onClicked: plainConfirm.ask("rebuild",
                                qsTr("Rebuild microservice"),
                                qsTr("Rebuild microservice %1? Agent %2 pulls its image again and recreates the container; it is unavailable in between.").arg(page.agents.microserviceName).arg(page.agents.selectedName),
                                qsTr("Rebuild"), page.agents.microserviceUuid)
                        }
                    }

                    DetailPane {
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        name: qsTr("Agent details")
                        model: page.agents ? page.agents.details : null
                        cluster: page.cluster
                    }
                }
            }
        }
    }

    // Reboot, prune, upgrade, rollback: a plain confirmation naming the agent; restart and rebuild
    // of a microservice name it (`uuid`: the microservice's, the agent's when left out).
    ConfirmDialog {
        id: plainConfirm
        property string action
        property string targetUuid
        function ask(what, heading, text, button, uuid) {
            action = what;
            targetUuid = uuid !== undefined ? uuid : page.agents.selectedUuid;
            title = heading;
            message = text;
            confirmText = button;
            open();
        }
        onConfirmed: {
            switch (action) {
            case "reboot": page.agents.reboot(targetUuid); break;
            case "prune": page.agents.prune(targetUuid); break;
            case "upgrade": page.agents.upgrade(targetUuid); break;
            case "rollback": page.agents.rollback(targetUuid); break;
            case "restart": page.agents.restartMicroservice(targetUuid); break;
            case "rebuild": page.agents.rebuildMicroservice(targetUuid); break;
            }
        }
    }

    ConfirmDialog {
        id: deleteConfirm
        property string targetUuid
        title: qsTr("Delete agent")
        confirmText: qsTr("Delete agent")
        destructive: true
        onConfirmed: page.agents.deleteAgent(targetUuid)
    }

    ProvisioningKeyDialog {
        id: keyDialog
        agents: page.agents
    }
}
