import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// NATS of the selected control plane: operator and hub, accounts, users, account and user rules,
// with the actions the signed-in user may run.
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
        // Built only while there is a NATS page model (none when no control plane is selected).
        Loader {
            Layout.fillWidth: true
            Layout.fillHeight: true
            active: page.nats !== null
            sourceComponent: StackLayout {
            currentIndex: tabs.currentIndex

            NatsOperatorView {
                nats: page.nats
                cluster: page.cluster
                rotateDenied: page.denied("natsOperator", "update")
            }

            NatsListTab {
                list: page.nats ? page.nats.accounts : null
                details: page.nats ? page.nats.accountDetails : null
                cluster: page.cluster
                noun: qsTr("accounts")
                detailsName: qsTr("Account details")
                emptyTitle: qsTr("No NATS accounts")
                emptyText: qsTr("Accounts appear when an application gets NATS access or its first user.")
                selectPrompt: qsTr("Select an account to see its limits, exports, imports, revocations and users.")
                ActionButton {
                    text: qsTr("Ensure account…")
                    deniedReason: page.denied("natsAccounts", "create")
                    onClicked: ensureDialog.open()
                }
            }

            NatsListTab {
                list: page.nats ? page.nats.users : null
                details: page.nats ? page.nats.userDetails : null
                cluster: page.cluster
                noun: qsTr("users")
                detailsName: qsTr("User details")
                emptyTitle: qsTr("No NATS users")
                emptyText: qsTr("Users are created for microservices with NATS access, leaf nodes, and with Create user.")
                selectPrompt: qsTr("Select a user to see its permissions, limits, expiry and creds.")
                ActionButton {
                    text: qsTr("Create user…")
                    deniedReason: page.denied("natsUsers", "create", page.nats ? page.nats.selectedAccountApp : "")
                    onClicked: {
                        const n = page.nats;
                        createDialog.application = n.selectedUserApp.length > 0 && n.applicationNames.indexOf(n.selectedUserApp) >= 0
                                ? n.selectedUserApp : (n.applicationNames.length > 0 ? n.applicationNames[0] : "");
                        createDialog.open();
                    }
                }
                ActionButton {
                    text: qsTr("Fetch creds")
                    ready: page.nats !== null && page.nats.selectedUserName.length > 0
                    disabledHint: qsTr("Select a user first.")
                    deniedReason: page.denied("natsUsers", "get", page.nats ? page.nats.selectedUserApp : "")
                    onClicked: {
                        page.nats.fetchCreds(page.nats.selectedUserApp, page.nats.selectedUserName);
                        credsDialog.open();
                    }
                }
                ActionButton {
                    text: page.nats && page.nats.selectedUserBearer ? qsTr("Delete MQTT bearer…") : qsTr("Delete user…")
                    destructive: true
                    ready: page.nats !== null && page.nats.selectedUserDeleteBlocker.length === 0
                    disabledHint: page.nats ? page.nats.selectedUserDeleteBlocker : ""
                    deniedReason: page.denied("natsUsers", "delete", page.nats ? page.nats.selectedUserApp : "")
                    onClicked: {
                        deleteDialog.app = page.nats.selectedUserApp;
                        deleteDialog.user = page.nats.selectedUserName;
                        deleteDialog.bearer = page.nats.selectedUserBearer;
                        deleteDialog.open();
                    }
                }
            }

            NatsListTab {
                list: page.nats ? page.nats.accountRules : null
                details: page.nats ? page.nats.accountRuleDetails : null
                cluster: page.cluster
                noun: qsTr("account rules")
                detailsName: qsTr("Account rule details")
                emptyTitle: qsTr("No account rules")
                selectPrompt: qsTr("Select a rule to see its fields in words. Null limits and a resp.ttl that looks like milliseconds are flagged.")
            }

            NatsListTab {
                list: page.nats ? page.nats.userRules : null
                details: page.nats ? page.nats.userRuleDetails : null
                cluster: page.cluster
                noun: qsTr("user rules")
                detailsName: qsTr("User rule details")
                emptyTitle: qsTr("No user rules")
                selectPrompt: qsTr("Select a rule to see its fields in words. Null limits and a resp.ttl that looks like milliseconds are flagged.")
            }
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
    ConfirmDialog {
        id: deleteDialog
        property string app
        property string user
        property bool bearer
        title: bearer ? qsTr("Delete MQTT bearer user") : qsTr("Delete NATS user")
        destructive: true
        confirmName: user
        confirmText: qsTr("Delete")
        message: qsTr("Delete %1 from the account of %2? The Controller adds its public key to the account JWT's revocations and deletes its creds; clients using them are refused once servers have the new account JWT.").arg(user).arg(app)
        onConfirmed: page.nats.deleteUser(app, user, bearer)
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
                model: [qsTr("(Controller default)")].concat(page.nats ? page.nats.accountRuleNames : [])
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
