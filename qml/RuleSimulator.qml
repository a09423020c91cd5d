import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// "Try a subject": what nats-server decides for a user made from the NatsUserRule in `editor`, as
// the text stands (no Controller needed), with the entry that decided and its line.
RowLayout {
    id: simulator
    required property ManifestEditor editor
    /// Live account rules to simulate with (a ResourcePage of NatsAccountRule), or null.
    property ResourceModel accountRuleSource: null
    property var accountRules: []
    property var result: ({})
    function run() {
        const rule = simAccount.currentIndex > 0 ? simulator.accountRules[simAccount.currentIndex - 1].text : "";
        simulator.result = simulator.editor.simulate(simAction.currentValue, simSubject.text, rule);
    }
    function reloadAccountRules() {
        simulator.accountRules = simulator.accountRuleSource ? simulator.accountRuleSource.manifests() : [];
    }
    onVisibleChanged: if (visible) reloadAccountRules()
    Connections {
        target: simulator.accountRuleSource ? simulator.accountRuleSource.list : null
        function onApplied() { simulator.reloadAccountRules() }
    }
    onAccountRuleSourceChanged: reloadAccountRules()
    spacing: Theme.spacing

    Label { text: qsTr("Try a subject:") }
    ComboBox {
        id: simAction
        textRole: "text"
        valueRole: "value"
        model: [{ value: "pub", text: qsTr("publish") }, { value: "sub", text: qsTr("subscribe") },
                { value: "reply", text: qsTr("reply") }]
        Accessible.name: qsTr("Simulated action")
        onActivated: if (simSubject.text.length > 0) simulator.run()
    }
    ComboBox {
        id: simAccount
        visible: simulator.accountRules.length > 0
        Layout.preferredWidth: 200
        model: [qsTr("no account rule"), ...simulator.accountRules.map(r => qsTr("account rule %1").arg(r.name))]
        Accessible.name: qsTr("Simulated account rule")
        ToolTip.visible: hovered
        ToolTip.text: qsTr("Add the default permissions of an account rule, as for a user of an account made from it")
        onActivated: if (simSubject.text.length > 0) simulator.run()
    }
    TextField {
        id: simSubject
        Layout.preferredWidth: 220
        placeholderText: qsTr("orders.eu.created")
        Accessible.name: qsTr("Simulated subject")
        onAccepted: simulator.run()
    }
    Button {
        text: qsTr("Simulate")
        enabled: simSubject.text.length > 0
        Accessible.name: text
        onClicked: simulator.run()
    }
    Label {
        Layout.fillWidth: true
        text: simulator.result.error ? simulator.result.error
              : simulator.result.explanation ? simulator.result.explanation
                + (simulator.result.decidedBy ? " (" + simulator.result.decidedBy + ")" : "") : ""
        color: simulator.result.error ? Theme.bad : simulator.result.allowed ? Theme.ok : Theme.warn
        elide: Text.ElideRight
        textFormat: Text.PlainText
        Accessible.role: Accessible.StaticText
        Accessible.name: qsTr("Simulation")
        Accessible.description: text
        ToolTip.visible: simHover.hovered && text.length > 0
        ToolTip.text: text + ((simulator.result.notes || []).length > 0 ? "\n" + simulator.result.notes.join("\n") : "")
        HoverHandler { id: simHover }
    }
}
