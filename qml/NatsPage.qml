import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// NATS of the selected control plane: the operator and hub, then one generic ResourcePage per NATS
// kind (accounts, users, account rules, user rules) under one banner, with the NATS page's own
// parts in their slots (ensure account, create user, fetch creds, an account's rule and users).
Item {
    id: page
    required property ControlPlanes planes
    readonly property ClusterView cluster: planes.cluster
    readonly property NatsModel nats: cluster ? cluster.nats : null
    readonly property bool disabledHere: cluster !== null && cluster.natsKnown && !cluster.natsAvailable

    // Opens an account or user rule by name (links from the Applications page).
    function showRule(kind, name) {
        if (!page.nats)
            return;
        tabs.currentIndex = kind === "account" ? 3 : 4;
        const list = kind === "account" ? page.nats.accountRules : page.nats.userRules;
        list.filterText = "";
        list.selectedKey = name;
    }

    // deniedReason() re-evaluates when permissions change (permissionsRevision).
    function denied(resource, verb, name) {
        if (!page.cluster || page.cluster.permissionsRevision < 0)
            return "";
        return page.cluster.deniedReason(resource, verb, name || "");
    }

    EmptyState {
        anchors.fill: parent
        visible: page.cluster === null
        title: qsTr("NATS")
        text: qsTr("Select a control plane to see its NATS operator, accounts, users and rules, or open the demo control plane.")
        actionText: qsTr("Open demo control plane")
        onActionTriggered: page.planes.openDemo()
    }
    EmptyState {
        anchors.fill: parent
        visible: page.disabledHere
        title: qsTr("NATS is disabled on this Controller")
        text: qsTr("The Controller answered that it has no NATS capability (HEAD /capabilities/nats), so there is no operator, account or user to show. Enable NATS in the Controller's configuration to manage it here.")
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        visible: page.cluster !== null && !page.disabledHere
        ClusterBanner {
            Layout.fillWidth: true
            cluster: page.cluster
        }
        TabBar {
            id: tabs
            Layout.fillWidth: true
            Repeater {
                model: [qsTr("Operator"), qsTr("Accounts"), qsTr("Users"), qsTr("Account rules"), qsTr("User rules")]
                TabButton {
                    required property string modelData
                    text: modelData
                    width: implicitWidth
                    Accessible.name: modelData
                }
            }
        }
        // Shown while there is a NATS page model (none when no control plane is selected).
        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: page.nats !== null
            currentIndex: tabs.currentIndex

            NatsOperatorView {
                nats: page.nats
                cluster: page.cluster
                rotateDenied: page.denied("natsOperator", "update")
            }

            ResourcePage {
                planes: page.planes
                showBanner: false
                model: page.cluster ? page.cluster.resourcePage("natsAccounts") : null
                listExtra: RowLayout {
                    ActionButton {
                        Layout.margins: Theme.margin
                        text: qsTr("Ensure account…")
                        deniedReason: page.denied("natsAccounts", "create")
                        onClicked: ensureDialog.open()
                    }
                    Item { Layout.fillWidth: true }
                }
                detailExtra: DetailPane {
                    model: page.nats ? page.nats.accountContext : null
                    cluster: page.cluster
                    name: qsTr("Account rule and users")
                }
            }

            ResourcePage {
                planes: page.planes
                showBanner: false
                model: page.cluster ? page.cluster.resourcePage("natsUsers") : null
                listExtra: RowLayout {
                    ActionButton {
                        Layout.margins: Theme.margin
                        text: qsTr("Create user…")
                        deniedReason: page.denied("natsUsers", "create", page.nats ? page.nats.selectedAccountApp : "")
                        onClicked: {
                            const n = page.nats;
                            createDialog.application = n.selectedUserApp.length > 0 && n.applicationNames.indexOf(n.selectedUserApp) >= 0
                                    ? n.selectedUserApp : (n.applicationNames.length > 0 ? n.applicationNames[0] : "");
                            createDialog.open();
                        }
                    }
                    Item { Layout.fillWidth: true }
                }
                extraActions: ActionButton {
                    text: qsTr("Fetch creds")
                    ready: page.nats !== null && page.nats.selectedUserName.length > 0
                    disabledHint: qsTr("Select a user first.")
                    deniedReason: page.denied("natsUsers", "get", page.nats ? page.nats.selectedUserApp : "")
                    onClicked: {
                        page.nats.fetchCreds(page.nats.selectedUserApp, page.nats.selectedUserName);
                        credsDialog.open();
                    }
                }
            }

            ResourcePage {
                planes: page.planes
                showBanner: false
                model: page.cluster ? page.cluster.resourcePage("natsAccountRules") : null
            }

            ResourcePage {
                planes: page.planes
                showBanner: false
                model: page.cluster ? page.cluster.resourcePage("natsUserRules") : null
            }
        }
    }

    NatsCreateUserDialog {
        id: createDialog
        nats: page.nats
    }
    NatsCredsDialog {
        id: credsDialog
        nats: page.nats
        cluster: page.cluster
    }
    Dialog {
        id: ensureDialog
        title: qsTr("Ensure NATS account")
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(480, page.width - 40)
        onOpened: { ensureApp.text = ""; ensureRule.currentIndex = 0; ensureApp.forceActiveFocus() }
        GridLayout {
            anchors.fill: parent
            columns: 2
            columnSpacing: Theme.spacing
            Label { text: qsTr("Application") }
            TextField {
                id: ensureApp
                Layout.fillWidth: true
                Accessible.name: qsTr("Account application")
            }
            Label { text: qsTr("Account rule") }
            ComboBox {
                id: ensureRule
                Layout.fillWidth: true
                model: [qsTr("(Controller default)"), ...(page.nats ? page.nats.accountRuleNames : [])]
                Accessible.name: qsTr("Account rule")
            }
            FontMetrics { id: ensureMetrics; font: ensureNote.font }
            Label {
                id: ensureNote
                Layout.columnSpan: 2
                Layout.fillWidth: true
                // Two lines kept, so the note appearing moves nothing.
                Layout.preferredHeight: Math.max(implicitHeight, 2 * ensureMetrics.lineSpacing)
                verticalAlignment: Text.AlignTop
                wrapMode: Text.WordWrap
                color: Theme.mutedText
                text: page.nats ? page.nats.ensureAccountNote(ensureApp.text, page.nats.accounts.count) : ""
                Accessible.role: Accessible.StaticText
                Accessible.name: qsTr("Ensure account note")
                Accessible.description: text
            }
        }
        footer: DialogButtonBox {
            Button {
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: Dialog.RejectRole
                Accessible.name: qsTr("Cancel")
            }
            Button {
                text: qsTr("Ensure account")
                enabled: ensureApp.text.trim().length > 0
                DialogButtonBox.buttonRole: Dialog.AcceptRole
                Accessible.name: text
            }
        }
        onAccepted: page.nats.ensureAccount(ensureApp.text.trim(), ensureRule.currentIndex > 0 ? ensureRule.currentText : "")
    }
}
