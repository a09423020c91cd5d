import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import PotConsole

// The Controller's audit events (cluster.events, an EventsPage): filters that become the query,
// a page of 100 with previous/next over the total, the selected event's details, purge of old
// events with a typed confirmation, and export of every filtered event to CSV or JSON.
Item {
    id: page
    required property ControlPlanes planes
    readonly property ClusterView cluster: planes.cluster
    readonly property EventsModel model: cluster ? cluster.events : null

    readonly property var methodChoices: ["", "POST", "PUT", "PATCH", "DELETE", "GET"]
    readonly property var statusChoices: ["", "SUCCESS", "FAILED"]
    readonly property var eventTypeChoices: ["", "HTTP", "WS_CONNECT", "WS_DISCONNECT"]
    function label(value) { return value.length > 0 ? value : qsTr("Any") }

    EmptyState {
        anchors.fill: parent
        visible: page.cluster === null
        title: qsTr("Events")
        text: qsTr("Select a control plane to see its audit events, or open the demo control plane.")
        actionText: qsTr("Open demo control plane")
        onActionTriggered: page.planes.openDemo()
    }

    Dialog {
        id: purgeDays
        title: qsTr("Purge events")
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(460, parent ? parent.width - 40 : 460)
        onOpened: { daysField.text = "30"; daysField.forceActiveFocus() }
        readonly property string problem: page.model ? page.model.purgeProblem(daysField.text) : ""
        ColumnLayout {
            anchors.fill: parent
            spacing: Theme.spacing
            Label {
                Layout.fillWidth: true
                text: qsTr("Delete events older than this many days (0 to 365; 0 deletes every event).")
                wrapMode: Text.WordWrap
            }
            TextField {
                id: daysField
                Layout.fillWidth: true
                inputMethodHints: Qt.ImhDigitsOnly
                Accessible.name: qsTr("Days to keep")
                onAccepted: if (purgeDays.problem.length === 0) purgeDays.accept()
            }
            Label {
                Layout.fillWidth: true
                visible: text.length > 0
                text: purgeDays.problem
                color: Theme.bad
                wrapMode: Text.WordWrap
                Accessible.role: Accessible.StaticText
                Accessible.name: qsTr("Days problem")
                Accessible.description: text
            }
        }
        footer: DialogButtonBox {
            Button {
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: Dialog.RejectRole
                Accessible.name: text
            }
            Button {
                text: qsTr("Continue…")
                enabled: purgeDays.problem.length === 0
                DialogButtonBox.buttonRole: Dialog.AcceptRole
                Accessible.name: qsTr("Continue purge")
            }
        }
        onAccepted: {
            confirmPurge.dayCount = daysField.text;
            confirmPurge.message = page.model.purgeQuestion(daysField.text);
            confirmPurge.confirmName = page.model.purgeConfirmName();
            confirmPurge.open();
        }
    }

    ConfirmDialog {
        id: confirmPurge
        property string dayCount
        title: qsTr("Purge events")
        confirmText: qsTr("Purge")
        destructive: true
        onConfirmed: page.model.purge(dayCount)
    }

    FileDialog {
        id: exportFile
        property string format: "csv"
        title: format === "csv" ? qsTr("Export events as CSV") : qsTr("Export events as JSON")
        fileMode: FileDialog.SaveFile
        // Qt 6.4's own (non-native) dialog keeps "Open" on its button in save mode.
        acceptLabel: qsTr("Save")
        defaultSuffix: format
        nameFilters: format === "csv" ? [qsTr("CSV files (*.csv)")] : [qsTr("JSON files (*.json)")]
        onAccepted: page.model.exportTo(selectedFile, format)
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        visible: page.model !== null

        ClusterBanner {
            Layout.fillWidth: true
            cluster: page.cluster
        }

        Flow {
            id: filters
            Layout.fillWidth: true
            Layout.margins: Theme.margin
            spacing: Theme.spacing
            TextField {
                width: 150
                placeholderText: qsTr("From (2026-12-01)")
                text: page.model ? page.model.startTime : ""
                Accessible.name: qsTr("From time")
                onEditingFinished: page.model.startTime = text
            }
            TextField {
                width: 150
                placeholderText: qsTr("To (2026-12-01 18:00)")
                text: page.model ? page.model.endTime : ""
                Accessible.name: qsTr("To time")
                onEditingFinished: page.model.endTime = text
            }
            ComboBox {
                width: 120
                model: page.methodChoices.map(page.label)
                currentIndex: page.model && page.model.methods.length === 1 ? Math.max(0, page.methodChoices.indexOf(page.model.methods[0])) : 0
                displayText: qsTr("Method: %1").arg(currentText)
                Accessible.name: qsTr("Method")
                onActivated: index => page.model.methods = index > 0 ? [page.methodChoices[index]] : []
            }
            TextField {
                width: 130
                placeholderText: qsTr("Resource type")
                text: page.model ? page.model.resourceType : ""
                Accessible.name: qsTr("Resource type")
                onEditingFinished: page.model.resourceType = text
            }
            ComboBox {
                width: 140
                model: page.statusChoices.map(page.label)
                currentIndex: page.model ? Math.max(0, page.statusChoices.indexOf(page.model.status)) : 0
                displayText: qsTr("Status: %1").arg(currentText)
                Accessible.name: qsTr("Status")
                onActivated: index => page.model.status = page.statusChoices[index]
            }
            TextField {
                width: 170
                placeholderText: qsTr("Actor")
                text: page.model ? page.model.actorId : ""
                Accessible.name: qsTr("Actor")
                onEditingFinished: page.model.actorId = text
            }
            ComboBox {
                width: 190
                model: page.eventTypeChoices.map(page.label)
                currentIndex: page.model ? Math.max(0, page.eventTypeChoices.indexOf(page.model.eventType)) : 0
                displayText: qsTr("Type: %1").arg(currentText)
                Accessible.name: qsTr("Event type")
                onActivated: index => page.model.eventType = page.eventTypeChoices[index]
            }
            Button {
                text: qsTr("Clear filters")
                Accessible.name: text
                onClicked: page.model.clearFilters()
            }
        }
        Label {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            visible: text.length > 0
            text: page.model ? page.model.filterError : ""
            color: Theme.bad
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.StaticText
            Accessible.name: qsTr("Filter problem")
            Accessible.description: text
        }
        Label {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            visible: text.length > 0
            text: page.model ? page.model.sampleNote : ""
            color: Theme.info
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.StaticText
            Accessible.name: qsTr("Sample data note")
            Accessible.description: text
        }

        SplitView {
            Layout.fillWidth: true
            Layout.fillHeight: true

            ColumnLayout {
                SplitView.fillWidth: true
                SplitView.minimumWidth: 400
                spacing: 0
                ResourceTable {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    list: page.model ? page.model.list : null
                    noun: qsTr("events")
                    emptyTitle: qsTr("No events")
                    emptyText: page.model ? page.model.emptyText : ""
                }
                RowLayout {
                    Layout.fillWidth: true
                    Layout.margins: Theme.margin
                    spacing: Theme.spacing
                    Button {
                        text: qsTr("Previous")
                        enabled: page.model !== null && page.model.canPrevious
                        Accessible.name: qsTr("Previous page")
                        onClicked: page.model.previousPage()
                    }
                    Label {
                        text: page.model ? page.model.pageText : ""
                        Accessible.role: Accessible.StaticText
                        Accessible.name: qsTr("Events shown")
                        Accessible.description: text
                    }
                    Button {
                        text: qsTr("Next")
                        enabled: page.model !== null && page.model.canNext
                        Accessible.name: qsTr("Next page")
                        onClicked: page.model.nextPage()
                    }
                    BusyIndicator {
                        Layout.preferredHeight: 24
                        Layout.preferredWidth: 24
                        running: page.model !== null && page.model.loading
                        visible: running
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: text.length > 0
                        text: page.model ? page.model.error : ""
                        color: Theme.bad
                        elide: Text.ElideRight
                        Accessible.role: Accessible.StaticText
                        Accessible.name: qsTr("Events problem")
                        Accessible.description: text
                    }
                    Item { Layout.fillWidth: true }
                }
                Flow {
                    Layout.fillWidth: true
                    Layout.leftMargin: Theme.margin
                    Layout.rightMargin: Theme.margin
                    Layout.bottomMargin: Theme.margin
                    spacing: Theme.spacing
                    ActionButton {
                        text: qsTr("Purge…")
                        destructive: true
                        deniedReason: page.model ? page.model.purgeDenied : ""
                        ready: page.model !== null && !page.model.purging
                        disabledHint: qsTr("A purge is running.")
                        onClicked: purgeDays.open()
                    }
                    ActionButton {
                        text: qsTr("Export CSV…")
                        ready: page.model !== null && !page.model.exporting
                        disabledHint: qsTr("An export is running.")
                        onClicked: { exportFile.format = "csv"; exportFile.open() }
                    }
                    ActionButton {
                        text: qsTr("Export JSON…")
                        ready: page.model !== null && !page.model.exporting
                        disabledHint: qsTr("An export is running.")
                        onClicked: { exportFile.format = "json"; exportFile.open() }
                    }
                    Button {
                        visible: page.model !== null && page.model.exporting
                        text: qsTr("Cancel export")
                        Accessible.name: text
                        onClicked: page.model.cancelExport()
                    }
                }
                Label {
                    Layout.fillWidth: true
                    Layout.leftMargin: Theme.margin
                    Layout.rightMargin: Theme.margin
                    Layout.bottomMargin: Theme.margin
                    visible: text.length > 0
                    text: page.model ? page.model.purgeMessage : ""
                    color: page.model && page.model.purgeOk ? Theme.ok : Theme.bad
                    wrapMode: Text.WordWrap
                    Accessible.role: Accessible.StaticText
                    Accessible.name: qsTr("Purge result")
                    Accessible.description: text
                }
                Label {
                    Layout.fillWidth: true
                    Layout.leftMargin: Theme.margin
                    Layout.rightMargin: Theme.margin
                    Layout.bottomMargin: Theme.margin
                    visible: text.length > 0
                    text: page.model ? page.model.exportMessage : ""
                    color: page.model && (page.model.exporting || page.model.exportOk) ? Theme.text : Theme.bad
                    wrapMode: Text.WordWrap
                    Accessible.role: Accessible.StaticText
                    Accessible.name: qsTr("Export result")
                    Accessible.description: text
                }
            }

            Item {
                id: detail
                SplitView.preferredWidth: 300
                SplitView.minimumWidth: 280
                readonly property bool selected: page.model !== null && page.model.hasSelection
                EmptyState {
                    anchors.fill: parent
                    visible: !detail.selected
                    title: qsTr("Select an event to see its details")
                    text: qsTr("Who did what, from where, and how it ended.")
                }
                DetailPane {
                    anchors.fill: parent
                    anchors.margins: Theme.margin
                    visible: detail.selected
                    cluster: page.cluster
                    name: qsTr("Event details")
                    model: page.model ? page.model.details : null
                    revealed: true
                }
            }
        }
    }
}
