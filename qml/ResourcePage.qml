import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// The page of any Controller kind described in core/resources (cluster.resourcePage(kindId)):
// empty/offline/no-access states, banner, table, details, the kind's actions with the reason each
// is refused, one confirmation pattern (typed names for destructive actions), an agent picker for
// link/unlink, and create/edit through the YAML dialog. A single kind (the router) shows only
// its details.
//
// Pages with features of their own (agents, applications, NATS, access control) use this same
// skeleton and add to it through the slots below instead of copying it.
Item {
    id: page
    required property ControlPlanes planes
    property string kindId
    property string title
    readonly property ClusterView cluster: planes.cluster
    property ResourceModel model: cluster ? cluster.resourcePage(kindId) : null
    /// Off when an enclosing page (tabs) shows the banner once for all its kinds.
    property bool showBanner: true
    // Slots: items the page that uses this one defines (in its own file, with its own ids), shown
    // in place by a Slot.
    /// More buttons after the kind's actions (enabled by the page's own view model).
    property Item extraActions: null
    /// Shown under the details of the selection (e.g. the microservices on an agent).
    property Item detailExtra: null
    /// Shown under the list (e.g. filters or a summary of the whole list).
    property Item listExtra: null
    /// Off for a second page in view at the same time (its table would take Find and Refresh too).
    property bool tableShortcuts: true
    // Re-read when permissions, the connection or the selection change.
    property int revision: 0
    Connections {
        target: page.model
        function onActionsChanged() { page.revision++ }
        function onSelectionChanged() { page.revision++ }
        function onDetailsChanged() { page.revision++ }
    }
    function denied(actionId) {
        return page.revision >= 0 && page.model ? page.model.deniedReason(actionId) : "";
    }
    // A new object a form of the page filled in (a manifest as a map), in the YAML editor to review.
    function openNewFrom(document) {
        editor.start(page.model !== null && page.model.openNewFrom(document), "");
    }
    function runAction(action) {
        const key = page.model.selectedKey;
        if (action.input > 0) {
            picker.open2(action, key, page.model.choices(action.id));
            return;
        }
        if (action.confirm === 0) {
            page.model.run(action.id, key, "");
            return;
        }
        confirm.title = action.label;
        confirm.message = page.model.question(action.id);
        confirm.confirmText = action.confirmText.length > 0 ? action.confirmText
                                                            : action.destructive ? qsTr("Delete") : qsTr("Confirm");
        confirm.confirmName = action.confirm === 2 ? page.model.selectedName : "";
        confirm.destructive = action.destructive;
        confirm.actionId = action.id;
        confirm.key = key;
        confirm.open();
    }

    EmptyState {
        anchors.fill: parent
        visible: page.cluster === null
        title: page.title
        text: qsTr("Select a control plane to see its %1, or open the demo control plane.").arg(page.model ? page.model.plural : page.title.toLowerCase())
        actionText: qsTr("Open demo control plane")
        onActionTriggered: page.planes.openDemo()
    }

    ConfirmDialog {
        id: confirm
        property string actionId
        property string key
        onConfirmed: page.model.run(actionId, key, "")
    }

    Dialog {
        id: picker
        property var action: ({})
        property string key
        property var options: []
        function open2(action, key, options) {
            picker.action = action;
            picker.key = key;
            picker.options = options;
            choice.currentIndex = options.length > 0 ? 0 : -1;
            picker.open();
        }
        title: action.label ? action.label.replace("…", "") : ""
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(460, parent ? parent.width - 40 : 460)
        ColumnLayout {
            anchors.fill: parent
            spacing: Theme.spacing
            Label {
                Layout.fillWidth: true
                text: qsTr("Agent")
            }
            ComboBox {
                id: choice
                Layout.fillWidth: true
                model: picker.options
                textRole: "text"
                valueRole: "value"
                Accessible.name: qsTr("Agent")
            }
        }
        footer: DialogButtonBox {
            Button {
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: Dialog.RejectRole
                Accessible.name: text
            }
            Button {
                text: picker.action.id === "unlink" ? qsTr("Unlink") : qsTr("Link")
                enabled: choice.currentIndex >= 0
                DialogButtonBox.buttonRole: Dialog.AcceptRole
                Accessible.name: text
            }
        }
        onAccepted: page.model.run(picker.action.id, picker.key, choice.currentValue)
    }

    ApplyFileDialog {
        id: applyFile
        applier: page.cluster ? page.cluster.applier : null
    }

    YamlEditorDialog {
        id: editor
        access: page.model
        kindLabel: page.model ? page.model.singular : ""
        hint: page.model ? page.model.yamlHint : ""
        // A user rule is simulated with one of the live account rules (their default permissions,
        // imports and exports).
        accountRules: page.cluster && page.model && page.model.yamlKind === "NatsUserRule"
                      ? page.cluster.resourcePage("natsAccountRules") : null
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        visible: page.model !== null

        ClusterBanner {
            Layout.fillWidth: true
            visible: page.showBanner
            cluster: page.cluster
        }
        Label {
            Layout.fillWidth: true
            Layout.margins: Theme.margin
            visible: text.length > 0
            text: page.revision >= 0 && page.model ? page.model.readWarning : ""
            color: Theme.warn
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.StaticText
            Accessible.name: qsTr("Who can read these")
            Accessible.description: text
        }

        SplitView {
            Layout.fillWidth: true
            Layout.fillHeight: true

            ColumnLayout {
                SplitView.fillWidth: true
                SplitView.minimumWidth: 360
                visible: page.model !== null && !page.model.single
                spacing: 0
                ResourceTable {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    shortcutsEnabled: page.tableShortcuts
                    list: page.model && !page.model.single ? page.model.list : null
                    noun: page.model ? page.model.plural : ""
                    emptyTitle: qsTr("No %1").arg(page.model ? page.model.plural : "")
                    emptyText: page.model ? page.model.emptyText : ""
                }
                Slot {
                    Layout.fillWidth: true
                    content: page.listExtra
                }
                RowLayout {
                    Layout.fillWidth: true
                    Layout.margins: Theme.margin
                    visible: page.model !== null && page.model.canCreate
                    ActionButton {
                        text: qsTr("New %1…").arg(page.model ? page.model.singular : "")
                        deniedReason: page.denied("create")
                        onClicked: editor.openNew()
                    }
                    ActionButton {
                        text: qsTr("Apply file…")
                        deniedReason: page.cluster ? page.cluster.readOnlyReason : ""
                        onClicked: applyFile.open()
                    }
                    Item { Layout.fillWidth: true }
                }
            }

            Item {
                id: detail
                SplitView.preferredWidth: page.model && page.model.single ? 0 : 460
                SplitView.fillWidth: page.model !== null && page.model.single
                SplitView.minimumWidth: 320
                readonly property bool selected: page.revision >= 0 && page.model !== null && page.model.hasSelection

                EmptyState {
                    anchors.fill: parent
                    visible: !detail.selected
                    title: page.model && page.model.single ? (page.model.detailsError.length > 0 ? page.model.detailsError : page.model.emptyText)
                                                           : qsTr("Select %1 to see its details").arg(page.model ? page.model.singularWithArticle : "")
                    text: page.model && !page.model.single ? qsTr("Its fields and what you can do with it.") : ""
                }

                ColumnLayout {
                    anchors.fill: parent
                    anchors.margins: Theme.margin
                    spacing: Theme.spacing
                    visible: detail.selected

                    Label {
                        Layout.fillWidth: true
                        text: page.model ? (page.model.single ? page.model.title : page.model.selectedName) : ""
                        font.pixelSize: 18
                        font.bold: true
                        elide: Text.ElideRight
                        Accessible.role: Accessible.Heading
                        Accessible.name: qsTr("Selected %1").arg(page.model ? page.model.singular : "")
                        Accessible.description: text
                    }
                    ResourceActions {
                        Layout.fillWidth: true
                        model: page.model
                        revision: page.revision
                        onTriggered: (action) => page.runAction(action)
                        visible: page.model !== null && !page.model.single
                        ActionButton {
                            visible: page.model !== null && page.model.canEdit
                            text: qsTr("Edit YAML…")
                            deniedReason: page.denied("edit")
                            onClicked: editor.openEdit(page.model.selectedKey)
                        }
                        ActionButton {
                            // A built-in object is changed by copying it; any other one can be copied too.
                            visible: page.model !== null && page.model.canCreate
                            text: qsTr("Copy as new…")
                            deniedReason: page.denied("copy")
                            onClicked: editor.openCopy(page.model.selectedKey)
                        }
                        ActionButton {
                            visible: page.model !== null && page.model.secretDetails
                            text: page.model && page.model.revealed ? qsTr("Hide values") : qsTr("Reveal values")
                            deniedReason: page.model && page.model.revealed ? "" : page.denied("reveal")
                            onClicked: page.model.revealed = !page.model.revealed
                        }
                        Slot {
                            content: page.extraActions
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: text.length > 0
                        text: page.model ? (page.model.detailsLoading ? qsTr("Reading the details…") : page.model.detailsError) : ""
                        color: page.model && page.model.detailsLoading ? Theme.mutedText : Theme.warn
                        wrapMode: Text.WordWrap
                        Accessible.role: Accessible.StaticText
                        Accessible.name: qsTr("Details state")
                        Accessible.description: text
                    }
                    DetailPane {
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        cluster: page.cluster
                        name: qsTr("%1 details").arg(page.model ? page.model.singular : "")
                        model: page.model ? page.model.details : null
                        // Secret values are masked by the model until revealed there.
                        revealed: true
                    }
                    // Its own height: the details (a list, no height of its own) take the rest.
                    Slot {
                        Layout.fillWidth: true
                        content: page.detailExtra
                    }
                }
            }
        }
    }
}
