import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// One tab of the Access control page: a list of roles, role bindings or service accounts, the
// details of the selected one, and New…/Edit…/Delete… (each disabled with its reason when the
// signed-in user may not, or when the object is built in).
Item {
    id: tab
    required property AccessModel access
    required property ClusterView cluster
    required property string kind          // "Role", "RoleBinding", "ServiceAccount"
    required property ResourceList list
    required property DetailsModel details
    property string noun                   // plural, lower case: "roles"
    property string singular               // "role"
    property string emptyTitle
    property string emptyText
    signal editRequested(string kind, string key)
    signal deleteRequested(string kind, string key)

    readonly property string key: list ? list.selectedKey : ""
    // Re-evaluates the reasons when roles, bindings or the session change. Each binding reads it in a
    // condition: as the unused left side of a comma, a compiled (typed) binding drops the read.
    readonly property int revision: cluster ? cluster.permissionsRevision : 0

    SplitView {
        anchors.fill: parent
        ResourceTable {
            SplitView.fillWidth: true
            SplitView.minimumWidth: 360
            list: tab.list
            noun: tab.noun
            emptyTitle: tab.emptyTitle
            emptyText: tab.emptyText
        }
        ColumnLayout {
            SplitView.preferredWidth: 440
            SplitView.minimumWidth: 300
            spacing: Theme.spacing

            RowLayout {
                Layout.fillWidth: true
                Layout.margins: Theme.spacing
                spacing: Theme.spacing
                ActionButton {
                    text: qsTr("New…")
                    deniedReason: tab.revision < 0 ? "" : tab.access.createDeniedReason(tab.kind)
                    onClicked: tab.editRequested(tab.kind, "")
                }
                ActionButton {
                    text: qsTr("Edit…")
                    deniedReason: tab.revision < 0 ? "" : tab.access.editDeniedReason(tab.kind, tab.key)
                    onClicked: tab.editRequested(tab.kind, tab.key)
                }
                ActionButton {
                    text: qsTr("Delete…")
                    destructive: true
                    deniedReason: tab.revision < 0 ? "" : tab.access.deleteDeniedReason(tab.kind, tab.key)
                    onClicked: tab.deleteRequested(tab.kind, tab.key)
                }
                Item { Layout.fillWidth: true }
            }
            Label {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.spacing
                Layout.rightMargin: Theme.spacing
                text: tab.key.length > 0 ? tab.access.nameOf(tab.kind, tab.key)
                                         : qsTr("Select a %1 to see its details.").arg(tab.singular)
                font.bold: tab.key.length > 0
                font.pixelSize: tab.key.length > 0 ? 16 : Application.font.pixelSize
                color: tab.key.length > 0 ? Theme.text : Theme.mutedText
                elide: Text.ElideRight
                Accessible.role: Accessible.Heading
                Accessible.name: qsTr("Selected %1").arg(tab.singular)
                Accessible.description: text
            }
            DetailPane {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.leftMargin: Theme.spacing
                Layout.rightMargin: Theme.spacing
                model: tab.details
                cluster: tab.cluster
                name: qsTr("%1 details").arg(tab.singular)
            }
        }
    }
}
