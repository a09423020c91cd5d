import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtTest
import PotConsole

// The rule form and the YAML pane on one ManifestEditor, as the rule editor dialog shows them:
// a change on either side shows on the other, units are understood, keys the form does not know
// survive, and a syntax error disables the form without losing anything.
Item {
    id: top
    width: 1200
    height: 900

    Component {
        id: paneComponent
        RowLayout {
            id: pane
            required property ManifestEditor editor
            property alias yaml: yamlPane
            anchors.fill: parent
            RuleForm {
                Layout.preferredWidth: 650
                Layout.fillHeight: true
                form: pane.editor.form
            }
            YamlEditor {
                id: yamlPane
                Layout.fillWidth: true
                Layout.fillHeight: true
                editor: pane.editor
            }
        }
    }

    TestCase {
        id: test
        name: "RuleForm"
        when: windowShown

        property var editor: null
        property var pane: null

        function open(text) {
            editor = fixtures.editor(text);
            editor.form.active = true;
            pane = createTemporaryObject(paneComponent, top, { editor: editor });
            verify(pane !== null);
            tryCompare(editor.form, "available", true);
            return pane;
        }
        // The input of a field (the list is scrolled to it first: rows outside the view are not made).
        function input(id, suffix) {
            return inRow(id, id + (suffix || ""));
        }
        function inRow(id, objectName) {
            const list = findChild(pane, "ruleFormList");
            const row = editor.form.rowOf(id);
            verify(row >= 0, "no field " + id);
            list.positionViewAtIndex(row, ListView.Center);
            wait(0);
            const item = findChild(list, objectName);
            verify(item !== null, "no input " + objectName);
            return item;
        }
        function typeText(item, text) {
            item.forceActiveFocus();
            for (let i = 0; i < text.length; ++i) {
                const c = text[i];
                if (c === "\n")
                    keyClick(Qt.Key_Return);
                else
                    keyClick(c);
            }
        }
        function userRule() {
            return fixtures.fixture("PATCH_nats_user-rules_yaml_NAME__dashboard-reader.request.yaml");
        }

        function test_fieldsShowTheYaml() {
            open(userRule());
            compare(input("spec.subs", "/amount").text, "200");
            compare(input("spec.subs", "/mode").currentText, "Limit");
            compare(input("spec.payload", "/amount").text, "256");
            compare(input("spec.payload", "/unit").currentText, "KiB");
            verify(/^256 KiB \(262.?144 bytes\)$/.test(input("spec.payload", "/value").text), input("spec.payload", "/value").text);
            compare(input("spec.maxData", "/mode").currentText, "Not set");
            verify(input("spec.allowed_connection_types", "/STANDARD").checked);
            verify(input("spec.allowed_connection_types", "/WEBSOCKET").checked);
            verify(!input("spec.allowed_connection_types", "/MQTT").checked);
            compare(input("spec.times").text, "08:00:00-18:00:00");
            compare(input("spec.times_location").text, "Europe/Istanbul");
            compare(input("spec.bearer_token").currentText, "Not set");
        }

        function test_aFormChangeRewritesTheYamlPane() {
            open(userRule());
            const subs = input("spec.subs", "/amount");
            subs.selectAll();
            typeText(subs, "350");
            verify(editor.text.indexOf("subs: 350\n") >= 0, editor.text);
            // The YAML pane shows it; the field keeps what was typed and its focus.
            tryVerify(() => pane.yaml.textArea.text.indexOf("subs: 350") >= 0);
            compare(subs.text, "350");
            verify(subs.activeFocus);

            const mode = input("spec.maxData", "/mode");
            mode.activated(1); // Unlimited
            verify(editor.text.indexOf("maxData: -1") >= 0, editor.text);
            const unit = input("spec.payload", "/unit");
            unit.activated(2); // 256 MiB
            compare(unit.currentText, "MiB");
            verify(editor.text.indexOf("payload: 256m") >= 0, editor.text);
            input("spec.allowed_connection_types", "/MQTT").toggle();
            input("spec.allowed_connection_types", "/MQTT").toggled();
            verify(editor.text.indexOf("allowed_connection_types: [STANDARD, WEBSOCKET, MQTT]") >= 0, editor.text);
            input("spec.bearer_token").activated(1);
            verify(editor.text.indexOf("bearer_token: true") >= 0, editor.text);
            // Not set: the key goes.
            input("spec.times_location").forceActiveFocus();
            input("spec.times_location").selectAll();
            keyClick(Qt.Key_Delete);
            verify(editor.text.indexOf("times_location") < 0, editor.text);
            verify(editor.modified);
            compare(editor.errorCount, 0);
        }

        function test_typingInTheYamlUpdatesTheForm() {
            open(userRule());
            const area = pane.yaml.textArea;
            area.text = area.text.replace("payload: 256k", "payload: 2g").replace("subs: 200", "subs: -1");
            tryCompare(input("spec.payload", "/amount"), "text", "2");
            compare(input("spec.payload", "/unit").currentText, "GiB");
            compare(input("spec.subs", "/mode").currentText, "Unlimited");
            compare(input("spec.subs", "/amount").text, "");
        }

        function test_listsTakeOneItemPerLineWhileTyping() {
            open(userRule());
            const deny = input("spec.sub.deny");
            compare(deny.text, "");
            typeText(deny, "imported.foo.secret.>\n");
            // The new empty line stays in the field while it is typed in; the YAML has the item.
            compare(deny.text, "imported.foo.secret.>\n");
            verify(editor.text.indexOf("deny: [imported.foo.secret.>]") >= 0, editor.text);
            typeText(deny, "audit.*");
            verify(editor.text.indexOf("deny: [imported.foo.secret.>, audit.*]") >= 0, editor.text);
            // The simulator agrees with what the form wrote.
            compare(editor.simulate("sub", "audit.login").allowed, false);
        }

        function test_theUnitStaysWhileANumberIsTyped() {
            open(userRule());
            // 60 s is also 1 min: typing on to 600 must give 600 s, not 600 min.
            input("spec.resp.ttl", "/mode").activated(1);
            const ttlUnit = input("spec.resp.ttl", "/unit");
            ttlUnit.activated(3); // s
            compare(ttlUnit.currentText, "s");
            const ttl = input("spec.resp.ttl", "/amount");
            ttl.selectAll();
            typeText(ttl, "600");
            verify(editor.text.indexOf("ttl: 600000000000") >= 0, editor.text);
            compare(ttlUnit.currentText, "s");
            // Emptied on the way (0 is representable in any unit) and typed again: still MiB.
            const payloadUnit = input("spec.payload", "/unit");
            payloadUnit.activated(2);
            const payload = input("spec.payload", "/amount");
            payload.selectAll();
            keyClick(Qt.Key_Delete);
            typeText(payload, "2");
            verify(editor.text.indexOf("payload: 2m") >= 0, editor.text);
            compare(payloadUnit.currentText, "MiB");
        }

        function test_aFormChangeRightAfterTypingInTheYamlKeepsBoth() {
            open(userRule());
            // No wait between the two: the form reads the YAML before it writes.
            pane.yaml.textArea.text = pane.yaml.textArea.text.replace("subs: 200", "subs: 201");
            input("spec.bearer_token").activated(1);
            verify(editor.text.indexOf("subs: 201") >= 0, editor.text);
            verify(editor.text.indexOf("bearer_token: true") >= 0, editor.text);
        }

        function test_theFormComesBackWhenTheYamlIsUndone() {
            open(userRule());
            input("spec.bearer_token").activated(1);
            const written = editor.text;
            pane.yaml.textArea.text = written.replace("subs: 200", "subs: [");
            tryCompare(editor.form, "available", false);
            pane.yaml.textArea.text = written; // back to what the form wrote
            tryCompare(editor.form, "available", true);
        }

        function test_keysTheFormDoesNotKnowSurvive() {
            open("apiVersion: iofog.org/v3\nkind: NatsUserRule\nmetadata:\n  name: keep\n  labels:\n    team: ops\n"
                 + "spec:\n  subs: 5\n  payload: 1k\n  maxData: -1\n  pub:\n    allow: [\"a.>\"]\n    note: kept\n");
            const subs = input("spec.subs", "/amount");
            subs.selectAll();
            typeText(subs, "6");
            for (const kept of ["apiVersion: iofog.org/v3", "team: ops", "note: kept", "subs: 6", "a.>"])
                verify(editor.text.indexOf(kept) >= 0, kept + " missing in " + editor.text);
        }

        function test_aSyntaxErrorDisablesTheFormAndLosesNothing() {
            open(userRule());
            const broken = editor.text.replace("subs: 200", "subs: [200");
            pane.yaml.textArea.text = broken;
            tryCompare(editor.form, "available", false);
            const reason = findChild(pane, "formReason");
            verify(reason.visible);
            verify(reason.text.indexOf("line") >= 0, reason.text);
            verify(!findChild(pane, "ruleFormList").enabled);
            compare(editor.text, broken);
            pane.yaml.textArea.text = broken.replace("subs: [200", "subs: 250");
            tryCompare(editor.form, "available", true);
            compare(input("spec.subs", "/amount").text, "250");
        }

        function test_problemsShowAtTheirField() {
            open(userRule().replace("subs: 200", "subs: lots"));
            tryVerify(() => input("spec.subs", "/problem").text.indexOf("whole number") >= 0);
            verify(input("spec.subs", "/value").text.indexOf("lots") >= 0);
            // A refused change says why at the field and leaves the YAML as it was.
            const before = editor.text;
            const windows = input("spec.times");
            windows.selectAll();
            typeText(windows, "9-5");
            compare(editor.text, before);
            verify(input("spec.times", "/problem").text.indexOf("08:00:00-18:00:00") >= 0);
        }

        function test_exportsAreAddedAndFilledInTheForm() {
            open(fixtures.fixture("POST_nats_account-rules_yaml__foo-importer.request.yaml"));
            compare(input("spec.limits.payload", "/unit").currentText, "MiB");
            compare(input("spec.limits.data", "/mode").currentText, "Unlimited");
            mouseClick(inRow("spec.exports", "add/exports"));
            verify(editor.text.indexOf("exports:\n    - name: export-1") >= 0, editor.text);
            const subject = input("spec.exports[0].subject");
            typeText(subject, "orders.created");
            compare(input("spec.exports[0].type").currentText, "stream");
            input("spec.exports[0].type").activated(2); // service
            verify(editor.text.indexOf("subject: orders.created\n      type: service") >= 0, editor.text);
            // The fixture's export limit is 0: the checker's error shows at the limit's list.
            tryVerify(() => input("spec.exports", "/problem").text.indexOf("limit is 0") >= 0);
            input("spec.limits.exports", "/mode").activated(1);
            tryCompare(editor, "errorCount", 0);
            mouseClick(inRow("spec.exports[0].name", "remove/exports/0"));
            verify(editor.text.indexOf("exports:\n") < 0, editor.text);
            verify(editor.form.rowOf("spec.exports[0].subject") < 0);
        }
    }
}
