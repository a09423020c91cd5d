import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// Access control of the selected control plane: roles, role bindings, service accounts (edited as
// the YAML the Controller accepts) and who can do what.
Item {
    id: page
    required property ControlPlanes planes
    readonly property ClusterView cluster: planes.cluster
    readonly property AccessModel access: cluster ? cluster.access : null

    function edit(kind, key) {
        editor.openFor(kind, key, key.length > 0 ? page.access.yamlOf(kind, key) : page.access.newYaml(kind));
    }
    function confirmDelete(kind, key) {
        const name = page.access.nameOf(kind, key);
        confirm.kind = kind;
        confirm.key = key;
        confirm.confirmName = name;
        confirm.title = kind === "Role" ? qsTr("Delete role %1").arg(name)
                      : kind === "RoleBinding" ? qsTr("Delete role binding %1").arg(name)
                      : qsTr("Delete service account %1").arg(name);
        confirm.message = kind === "Role"
                ? qsTr("Bindings that refer to %1 stay, but grant nothing until a role of that name exists again.").arg(name)
                : kind === "RoleBinding"
                  ? qsTr("Its subjects lose what the binding granted them.")
                  : qsTr("The Controller refuses while a microservice uses this service account.");
        confirm.open();
    }

    EmptyState {
        anchors.fill: parent
        visible: page.cluster === null
        title: qsTr("Access control")
        text: qsTr("Select a control plane to see its roles, role bindings and service accounts, or open the demo control plane.")
        actionText: qsTr("Open demo control plane")
        onActionTriggered: page.planes.openDemo()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        visible: page.access !== null
        ClusterBanner {
            Layout.fillWidth: true
            cluster: page.cluster
        }
        TabBar {
            id: tabs
            Layout.fillWidth: true
            TabButton { text: qsTr("Roles"); Accessible.name: text }
            TabButton { text: qsTr("Role bindings"); Accessible.name: text }
            TabButton { text: qsTr("Service accounts"); Accessible.name: text }
            TabButton { text: qsTr("Who can do what"); Accessible.name: text }
        }
        // Built only while there is a control plane.
        Loader {
            Layout.fillWidth: true
            Layout.fillHeight: true
            active: page.access !== null
            sourceComponent: StackLayout {
                currentIndex: tabs.currentIndex
                AccessObjectTab {
                    access: page.access
                    cluster: page.cluster
                    kind: "Role"
                    list: page.access.roles
                    details: page.access.roleDetails
                    noun: qsTr("roles")
                    singular: qsTr("role")
                    emptyTitle: qsTr("No roles")
                    emptyText: qsTr("The Controller always has its built-in roles; none could be read.")
                    onEditRequested: (kind, key) => page.edit(kind, key)
                    onDeleteRequested: (kind, key) => page.confirmDelete(kind, key)
                }
                AccessObjectTab {
                    access: page.access
                    cluster: page.cluster
                    kind: "RoleBinding"
                    list: page.access.roleBindings
                    details: page.access.bindingDetails
                    noun: qsTr("role bindings")
                    singular: qsTr("role binding")
                    emptyTitle: qsTr("No role bindings")
                    emptyText: qsTr("Users get built-in roles from their Keycloak client roles. Bind a custom role to users or groups with New….")
                    onEditRequested: (kind, key) => page.edit(kind, key)
                    onDeleteRequested: (kind, key) => page.confirmDelete(kind, key)
                }
                AccessObjectTab {
                    access: page.access
                    cluster: page.cluster
                    kind: "ServiceAccount"
                    list: page.access.serviceAccounts
                    details: page.access.serviceAccountDetails
                    noun: qsTr("service accounts")
                    singular: qsTr("service account")
                    emptyTitle: qsTr("No service accounts")
                    emptyText: qsTr("The Controller creates one for each microservice.")
                    onEditRequested: (kind, key) => page.edit(kind, key)
                    onDeleteRequested: (kind, key) => page.confirmDelete(kind, key)
                }
                PermissionGrid {
                    access: page.access
                }
            }
        }
    }

    YamlEditorDialog {
        id: editor
        access: page.access
    }
    ConfirmDialog {
        id: confirm
        property string kind
        property string key
        destructive: true
        confirmText: qsTr("Delete")
        onConfirmed: page.access.remove(kind, key)
    }
}
