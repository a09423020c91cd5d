#include "core/yaml/manifestcheck.h"
#include "core/yaml/ruleform.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Pot;
using namespace Pot::Manifest;

/// The form of NATS rule manifests: each field read from the name the Controller uses (the JSON
/// name wins over the NATS-style alias), written back where it was found, units understood, "not
/// set" removing the key, unknown keys and the rest of the document kept; what the form writes
/// passes the same checks as what is typed.
class TstRuleForm : public QObject
{
    Q_OBJECT

private:
    static RuleForm formOf(const QByteArray &text)
    {
        Result<RuleForm> f = RuleForm::read(text);
        if (!f.ok())
            qWarning("%s", qPrintable(f.error().message));
        return f.ok() ? std::move(f).value() : RuleForm::empty(QStringLiteral("NatsUserRule")).value();
    }
    static QByteArray accountFixture()
    {
        return Test::fixture(QStringLiteral("POST_nats_account-rules_yaml__foo-importer.request.yaml"));
    }
    static QByteArray userFixture()
    {
        return Test::fixture(QStringLiteral("PATCH_nats_user-rules_yaml_NAME__dashboard-reader.request.yaml"));
    }
    static FieldValue valueOf(const RuleForm &form, const QString &id)
    {
        const FormField *f = form.field(id);
        return f ? form.value(*f) : FieldValue{FieldValue::State::Unreadable, -99, -99, false, {}, QStringLiteral("no field")};
    }
    static FieldValue amount(qint64 n, int unit = 0)
    {
        FieldValue v;
        v.state = FieldValue::State::Set;
        v.amount = n;
        v.unit = unit;
        return v;
    }

private Q_SLOTS:
    void accountRuleFixtureIsShownWithItsUnits()
    {
        const RuleForm form = formOf(accountFixture());
        QCOMPARE(form.kind(), QStringLiteral("NatsAccountRule"));
        QStringList groups;
        for (const FormField &f : form.fields()) {
            if (!groups.contains(f.group))
                groups << f.group;
        }
        QCOMPARE(groups, (QStringList{QStringLiteral("General"), QStringLiteral("Connections and data"),
                                      QStringLiteral("JetStream"), QStringLiteral("Exports"), QStringLiteral("Imports"),
                                      QStringLiteral("Import 1 · foo-stream"), QStringLiteral("Default permissions"),
                                      QStringLiteral("Responses")}));
        QCOMPARE(valueOf(form, QStringLiteral("spec.limits.conn")), amount(50));
        QCOMPARE(valueOf(form, QStringLiteral("spec.limits.payload")), amount(1, 2)); // 1m = 1 MiB
        QCOMPARE(valueOf(form, QStringLiteral("spec.limits.data")).state, FieldValue::State::Unlimited);
        QCOMPARE(valueOf(form, QStringLiteral("spec.limits.exports")), amount(0));
        const FieldValue wildcards = valueOf(form, QStringLiteral("spec.limits.wildcards"));
        QCOMPARE(wildcards.state, FieldValue::State::Set);
        QVERIFY(!wildcards.flag);
        QCOMPARE(valueOf(form, QStringLiteral("spec.limits.mem_storage")).state, FieldValue::State::NotSet);
        QCOMPARE(valueOf(form, QStringLiteral("spec.imports[0].account")).text,
                 QStringLiteral("ABRSTQX6IZOR2DPQ2DV3QYTAQXL2QJ35OYRW7W5GCY3RP6237UIRJSGU"));
        QCOMPARE(valueOf(form, QStringLiteral("spec.imports[0].type")).text, QStringLiteral("stream"));
        QCOMPARE(valueOf(form, QStringLiteral("spec.default_permissions.sub.allow")).items,
                 (QStringList{QStringLiteral("imported.foo.>"), QStringLiteral("_INBOX.>")}));
        QCOMPARE(valueOf(form, QStringLiteral("spec.imports")).amount, 1);
        QCOMPARE(valueOf(form, QStringLiteral("spec.exports")).state, FieldValue::State::NotSet);
        // Reading alone changes nothing but the layout: the canonical text of the same document.
        QCOMPARE(form.text(), canonical(parse(accountFixture()).documents.constFirst()));
    }

    void userRuleFieldsAreGroupedAsOperatorsThinkOfThem()
    {
        const RuleForm form = formOf(userFixture());
        QStringList groups;
        for (const FormField &f : form.fields()) {
            if (!groups.contains(f.group))
                groups << f.group;
        }
        QCOMPARE(groups, (QStringList{QStringLiteral("General"), QStringLiteral("Limits"), QStringLiteral("Bearer and proxy"),
                                      QStringLiteral("Connection types"), QStringLiteral("Source networks"),
                                      QStringLiteral("Time windows"), QStringLiteral("Permissions"),
                                      QStringLiteral("Responses"), QStringLiteral("Tags")}));
        QCOMPARE(valueOf(form, QStringLiteral("spec.subs")), amount(200));
        QCOMPARE(valueOf(form, QStringLiteral("spec.payload")), amount(256, 1));
        QCOMPARE(valueOf(form, QStringLiteral("spec.maxData")).state, FieldValue::State::NotSet);
        QCOMPARE(valueOf(form, QStringLiteral("spec.allowed_connection_types")).items,
                 (QStringList{QStringLiteral("STANDARD"), QStringLiteral("WEBSOCKET")}));
        QCOMPARE(valueOf(form, QStringLiteral("spec.times")).items, QStringList{QStringLiteral("08:00:00-18:00:00")});
        QCOMPARE(valueOf(form, QStringLiteral("spec.times_location")).text, QStringLiteral("Europe/Istanbul"));
        // "Not set" says what nats-server makes of it.
        QVERIFY(form.field(QStringLiteral("spec.maxData"))->notSet.contains(u"reads as 0"));
    }

    void theNameTheControllerUsesIsReadAndWritten()
    {
        // maxConnections wins over limits.conn in the Controller (_natsAccountRuleSpecToModel).
        RuleForm form = formOf("kind: NatsAccountRule\nmetadata:\n  name: a\nspec:\n  maxConnections: 5\n"
                               "  limits:\n    conn: 3\n    subs: 10\n");
        QCOMPARE(valueOf(form, QStringLiteral("spec.limits.conn")), amount(5));
        QVERIFY(form.set(QStringLiteral("spec.limits.conn"), amount(7)).ok());
        const QByteArray text = form.text();
        QVERIFY2(text.contains("maxConnections: 7"), text.constData());
        QVERIFY(text.contains("conn: 3"));
        // Absent everywhere: written under the NATS-style name of the Controller's examples.
        QVERIFY(form.set(QStringLiteral("spec.limits.leaf"), amount(2)).ok());
        QVERIFY2(form.text().contains("  limits:\n    conn: 3\n    leaf: 2\n    subs: 10\n"), form.text().constData());
    }

    void unitsAreWrittenTheWayTheControllerReadsThem()
    {
        RuleForm form = formOf(userFixture());
        QVERIFY(form.set(QStringLiteral("spec.payload"), amount(64, 2)).ok());
        QVERIFY(form.set(QStringLiteral("spec.maxData"), amount(1000)).ok());
        FieldValue ttl = amount(5, 3); // 5 s
        QVERIFY(form.set(QStringLiteral("spec.resp.ttl"), ttl).ok());
        QVERIFY(form.set(QStringLiteral("spec.resp.max"), amount(1)).ok());
        FieldValue unlimited;
        unlimited.state = FieldValue::State::Unlimited;
        QVERIFY(form.set(QStringLiteral("spec.subs"), unlimited).ok());
        const QByteArray text = form.text();
        QVERIFY2(text.contains("payload: 64m\n"), text.constData());
        QVERIFY(text.contains("maxData: 1000\n"));
        QVERIFY(text.contains("subs: -1\n"));
        QVERIFY2(text.contains("resp:\n    max: 1\n    ttl: 5000000000\n"), text.constData());
        // The checker reads the same values: 64m is 64 MiB; no ms-looking TTL warning.
        const Checked checked = check(text, QStringLiteral("NatsUserRule"));
        QCOMPARE(checked.errorCount(), 0);
        for (const Problem &p : checked.problems)
            QVERIFY2(!p.path.contains(u"ttl"), qPrintable(p.toString()));
        // Durations read back in the largest exact unit.
        QCOMPARE(valueOf(formOf(text), QStringLiteral("spec.resp.ttl")), amount(5, 3));
        QCOMPARE(valueOf(formOf(text), QStringLiteral("spec.maxData")), amount(1000, 0));
    }

    void notSetRemovesTheKeyAndTheMapsItEmptied()
    {
        RuleForm form = formOf(accountFixture());
        QVERIFY(form.set(QStringLiteral("spec.default_permissions.sub.allow"), FieldValue{}).ok());
        QByteArray text = form.text();
        QVERIFY2(!text.contains("sub:"), text.constData());
        QVERIFY(text.contains("default_permissions:\n    pub:"));
        QVERIFY(form.set(QStringLiteral("spec.default_permissions.pub.allow"), FieldValue{}).ok());
        QVERIFY(form.set(QStringLiteral("spec.default_permissions.pub.deny"), FieldValue{}).ok());
        text = form.text();
        QVERIFY2(!text.contains("default_permissions"), text.constData());
        // An empty list in the form is "not set" too.
        FieldValue empty;
        empty.state = FieldValue::State::Set;
        empty.items = {QString(), QStringLiteral("  ")};
        RuleForm user = formOf(userFixture());
        QVERIFY(user.set(QStringLiteral("spec.pub.allow"), empty).ok());
        QVERIFY2(!user.text().contains("pub:"), user.text().constData());
    }

    void unknownKeysAndOtherFieldsSurviveAFormEdit()
    {
        RuleForm form = formOf("apiVersion: iofog.org/v3\nkind: NatsUserRule\nmetadata:\n  name: keep\n"
                               "  labels:\n    team: ops\nspec:\n  subs: 5\n  futureField: [1, 2]\n"
                               "  pub:\n    allow: [\"a.>\"]\n    later: true\nstatus: {seen: 1}\n");
        QVERIFY(form.set(QStringLiteral("spec.subs"), amount(6)).ok());
        QVERIFY(form.set(QStringLiteral("spec.pub.allow"), FieldValue{}).ok());
        const QByteArray text = form.text();
        for (const char *kept : {"apiVersion: iofog.org/v3", "team: ops", "futureField:", "later: true", "seen: 1", "subs: 6"})
            QVERIFY2(text.contains(kept), qPrintable(QStringLiteral("%1 missing in\n%2").arg(QLatin1String(kept), QString::fromUtf8(text))));
        QVERIFY(!text.contains("a.>"));
    }

    void valuesTheFieldCannotHoldAreRefusedAndChangeNothing()
    {
        RuleForm form = formOf(userFixture());
        const QByteArray before = form.text();
        FieldValue windows;
        windows.state = FieldValue::State::Set;
        windows.items = {QStringLiteral("8-18")};
        Status s = form.set(QStringLiteral("spec.times"), windows);
        QVERIFY(!s.ok());
        QVERIFY(s.error().message.contains(u"08:00:00-18:00:00"));
        FieldValue types;
        types.state = FieldValue::State::Set;
        types.items = {QStringLiteral("CARRIER_PIGEON")};
        QVERIFY(!form.set(QStringLiteral("spec.allowed_connection_types"), types).ok());
        QVERIFY(!form.set(QStringLiteral("spec.subs"), amount(-5)).ok());
        FieldValue unlimited;
        unlimited.state = FieldValue::State::Unlimited;
        QVERIFY(!form.set(QStringLiteral("spec.description"), unlimited).ok());
        QCOMPARE(form.text(), before);

        // A value the YAML holds but the form cannot show is reported as written, not guessed.
        const RuleForm odd = formOf("kind: NatsUserRule\nmetadata: {name: x}\nspec:\n  subs: lots\n  payload: [1]\n");
        const FieldValue subs = valueOf(odd, QStringLiteral("spec.subs"));
        QCOMPARE(subs.state, FieldValue::State::Unreadable);
        QCOMPARE(subs.text, QStringLiteral("lots"));
        QCOMPARE(valueOf(odd, QStringLiteral("spec.payload")).state, FieldValue::State::Unreadable);
    }

    void windowsAndTypesAreWrittenAsTheControllerTakesThem()
    {
        RuleForm form = formOf(userFixture());
        FieldValue windows;
        windows.state = FieldValue::State::Set;
        windows.items = {QStringLiteral("06:00:00 - 12:00:00"), QStringLiteral("13:00:00–22:00:00")};
        QVERIFY(form.set(QStringLiteral("spec.times"), windows).ok());
        FieldValue types;
        types.state = FieldValue::State::Set;
        types.items = {QStringLiteral("MQTT"), QStringLiteral("STANDARD")};
        QVERIFY(form.set(QStringLiteral("spec.allowed_connection_types"), types).ok());
        const QByteArray text = form.text();
        QVERIFY2(text.contains("times:\n    - start: 06:00:00\n      end: 12:00:00\n    - start: 13:00:00\n      end: 22:00:00\n"),
                 text.constData());
        QVERIFY(text.contains("allowed_connection_types: [MQTT, STANDARD]\n"));
        // Text as the Controller's js-yaml reads them (no sexagesimal numbers in its core schema).
        const QJsonValue times = parse(text).documents.constFirst().root.value(u"spec")->value(u"times")->toJson();
        QCOMPARE(times.toArray().at(1).toObject().value(u"end").toString(), QStringLiteral("22:00:00"));
        QCOMPARE(check(text, QStringLiteral("NatsUserRule")).errorCount(), 0);
    }

    void exportsAndImportsAreAddedAndRemoved()
    {
        RuleForm form = formOf(accountFixture());
        QVERIFY(form.addItem(QStringLiteral("exports")).ok());
        QVERIFY(form.field(QStringLiteral("spec.exports[0].subject")));
        QCOMPARE(valueOf(form, QStringLiteral("spec.exports[0].name")).text, QStringLiteral("export-1"));
        FieldValue subject;
        subject.state = FieldValue::State::Set;
        subject.text = QStringLiteral("orders.>");
        QVERIFY(form.set(QStringLiteral("spec.exports[0].subject"), subject).ok());
        FieldValue name = subject;
        name.text = QStringLiteral("orders");
        QVERIFY(form.set(QStringLiteral("spec.exports[0].name"), name).ok());
        QCOMPARE(form.field(QStringLiteral("spec.exports[0].subject"))->group, QStringLiteral("Export 1 · orders"));
        // The export limit of the fixture is 0: the checker says nats-server refuses the account.
        Checked checked = check(form.text(), QStringLiteral("NatsAccountRule"));
        QVERIFY(std::any_of(checked.problems.cbegin(), checked.problems.cend(),
                            [](const Problem &p) { return p.isError() && p.path == u"spec.exports"; }));
        FieldValue unlimited;
        unlimited.state = FieldValue::State::Unlimited;
        QVERIFY(form.set(QStringLiteral("spec.limits.exports"), unlimited).ok());
        // …and so does a wildcard export while limits.wildcards is false.
        FieldValue yes;
        yes.state = FieldValue::State::Set;
        yes.flag = true;
        QVERIFY(form.set(QStringLiteral("spec.limits.wildcards"), yes).ok());
        checked = check(form.text(), QStringLiteral("NatsAccountRule"));
        QVERIFY2(checked.errorCount() == 0, checked.problems.isEmpty() ? "" : qPrintable(checked.problems.constFirst().toString()));

        QVERIFY(form.removeItem(QStringLiteral("imports"), 0).ok());
        QVERIFY(!form.field(QStringLiteral("spec.imports[0].account")));
        QVERIFY(!form.text().contains("imports:\n"));
        QVERIFY(!form.removeItem(QStringLiteral("imports"), 0).ok());
        QVERIFY(!formOf(userFixture()).addItem(QStringLiteral("exports")).ok());
    }

    void textsTheFormCannotShowSayWhy_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("why");
        QTest::newRow("syntax") << QByteArray("kind: NatsUserRule\nspec:\n  subs: [1\n") << QStringLiteral("line ");
        QTest::newRow("two documents") << QByteArray("kind: NatsUserRule\n---\nkind: NatsUserRule\n") << QStringLiteral("2 documents");
        QTest::newRow("a role") << QByteArray("kind: Role\nmetadata: {name: r}\n") << QStringLiteral("this is a Role");
        QTest::newRow("no kind") << QByteArray("spec: {}\n") << QStringLiteral("no kind");
        QTest::newRow("spec a list") << QByteArray("kind: NatsUserRule\nspec: [1]\n") << QStringLiteral("spec is not a map");
        QTest::newRow("binary") << QByteArray("\x00\x01\xff kind", 8) << QString();
    }

    void textsTheFormCannotShowSayWhy()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, why);
        const Result<RuleForm> form = RuleForm::read(text);
        QVERIFY(!form.ok());
        QVERIFY2(form.error().message.contains(why), qPrintable(form.error().message));
    }

    void everyFixtureRuleKeepsItsMeaningThroughTheForm()
    {
        // A change and its undo through the form leave a document that means the same to the
        // checker (and therefore to the Controller's schema) as the fixture the Controller accepted.
        for (const QByteArray &fixture : {accountFixture(), userFixture(),
                                          Test::fixture(QStringLiteral("POST_nats_user-rules_yaml__dashboard-reader.request.yaml"))}) {
            RuleForm form = formOf(fixture);
            for (const FormField &f : QList<FormField>(form.fields())) {
                if (f.type == FieldType::Items)
                    continue;
                const FieldValue v = form.value(f);
                QVERIFY2(form.set(f.id, v).ok(), qPrintable(f.id));
            }
            QCOMPARE(parse(form.text()).documents.constFirst().root.toJson(), parse(fixture).documents.constFirst().root.toJson());
            QCOMPARE(check(form.text()).errorCount(), 0);
        }
    }
};

QTEST_GUILESS_MAIN(TstRuleForm)
#include "tst_ruleform.moc"
