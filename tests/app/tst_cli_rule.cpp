#include "testutil.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Run = Pot::Test::ProcessRun;

Run cli(const QStringList &args)
{
    return Pot::Test::runProcess(QStringLiteral(POT_CLI_EXE), args);
}

using Pot::Test::shown;

QString rules(const QString &name)
{
    return Pot::Test::dataPath(u"rules/"_qs + name);
}

QString controller(const QString &name)
{
    return Pot::Test::dataPath(u"controller-3.7.3/"_qs + name);
}

const QString kDashboard = u"POST_nats_user-rules_yaml__dashboard-reader.request.yaml"_qs;
const QString kImporter = u"POST_nats_account-rules_yaml__foo-importer.request.yaml"_qs;

} // namespace

/// pot-console-cli rule validate / fmt / simulate, run as a separate process.
class TstCliRule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Pot::Test::initTestEnvironment(); }

    void helpListsTheRuleCommands()
    {
        const Run r = cli({u"--help"_qs});
        QCOMPARE(r.code, 0);
        for (const char *c : {"rule validate", "rule fmt", "rule simulate"})
            QVERIFY2(r.out.contains(QLatin1StringView(c)), qPrintable(r.out));
        const Run sub = cli({u"rule"_qs, u"simulate"_qs, u"--help"_qs});
        QCOMPARE(sub.code, 0);
        QVERIFY2(sub.out.contains(u"--user-rule") && sub.out.contains(u"--account-rule"), qPrintable(sub.out));
    }

    void validateAcceptedManifestsIsClean()
    {
        // Documents the Controller 3.7.3 accepted: no error, so exit 0; warnings are still listed.
        const QString user = controller(kDashboard);
        const Run r = cli({u"rule"_qs, u"validate"_qs, user, controller(kImporter)});
        QVERIFY2(r.code == 0, qPrintable(shown(r)));
        QVERIFY2(!r.out.contains(u": error: "), qPrintable(shown(r)));
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QVERIFY(!lines.isEmpty());
        for (const QString &l : lines)
            QVERIFY2(l.contains(u": warning: "), qPrintable(l));
        // resp.ttl: 1000 is 1 µs to nats-server, at its place.
        QVERIFY2(r.out.contains(user + u":23:10: warning: spec.resp.ttl: 1000 reaches the JWT unchanged"_qs), qPrintable(r.out));
    }

    void validateReportsEveryProblemWithItsPlace()
    {
        const QString bad = rules(u"invalid-user-rule.yaml"_qs);
        const Run r = cli({u"rule"_qs, u"validate"_qs, bad});
        QVERIFY2(r.code == 1, qPrintable(shown(r)));
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 5);
        QCOMPARE(lines.at(0), bad + u":7:3: warning: spec.maxData: not set: the JWT gets null, which nats-server reads as 0, not unlimited. Write -1 for unlimited."_qs);
        QCOMPARE(lines.at(1), bad + u":7:9: error: spec.subs: must be a whole number ≥ -1 (-1 = unlimited)."_qs);
        QCOMPARE(lines.at(2), bad + u":10:13: error: spec.pub.allow[0]: 'orders..new' has an empty token (two dots in a row, or a dot at the start or end): it never matches."_qs);
        QCOMPARE(lines.at(3), bad + u":12:13: error: spec.sub.allow[0]: 'work.* workers extra' has more than a subject and a queue group."_qs);
        QVERIFY(lines.at(4).startsWith(bad + u":13:3: error: spec.bogus: Field 'bogus' not allowed here; the Controller refuses it."_qs));

        // The YAML the Controller refused with "missed comma between flow collection entries (7:5)".
        const QString malformed = controller(u"POST_roles_yaml__malformed-yaml_400.request.yaml"_qs);
        const QString missing = QTemporaryDir().filePath(u"missing.yaml"_qs);
        const Run many = cli({u"rule"_qs, u"validate"_qs, controller(kDashboard), malformed, missing});
        QVERIFY2(many.code == 1, qPrintable(shown(many)));
        QVERIFY2(many.out.contains(malformed + u":7:5: error: "_qs), qPrintable(many.out));
        QVERIFY2(many.out.contains(missing + u": error: cannot read it: "_qs), qPrintable(many.out));

        // A file without any document has no place: "FILE: error: …".
        QTemporaryDir dir;
        const QString empty = dir.filePath(u"empty.yaml"_qs);
        QFile f(empty);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write("# nothing here\n") > 0);
        f.close();
        const Run none = cli({u"rule"_qs, u"validate"_qs, empty});
        QVERIFY2(none.code == 1, qPrintable(shown(none)));
        QCOMPARE(none.out, empty + u": error: The text is empty.\n"_qs);

        // Warnings alone do not fail; no file at all is a usage error.
        QCOMPARE(cli({u"rule"_qs, u"validate"_qs, controller(kDashboard)}).code, 0);
        QCOMPARE(cli({u"rule"_qs, u"validate"_qs}).code, 2);
    }

    void fmtPrintsCanonicalYaml()
    {
        const Run r = cli({u"rule"_qs, u"fmt"_qs, rules(u"fmt-input.yaml"_qs)});
        QVERIFY2(r.code == 0, qPrintable(shown(r)));
        QCOMPARE(r.out, u"apiVersion: datasance.com/v3\n"
                        "kind: NatsUserRule\n"
                        "metadata:\n"
                        "  name: fmt-user\n"
                        "spec:\n"
                        "  subs: 10\n"
                        "  payload: \"-1\"\n"
                        "  pub:\n"
                        "    allow: [foo.>]\n"
                        "    deny: [foo.admin.>]\n"
                        "  x-owner: team-a\n"_qs);
        QVERIFY(r.err.isEmpty());

        const QString malformed = controller(u"POST_roles_yaml__malformed-yaml_400.request.yaml"_qs);
        const Run bad = cli({u"rule"_qs, u"fmt"_qs, malformed});
        QVERIFY2(bad.code == 1, qPrintable(shown(bad)));
        QVERIFY(bad.out.isEmpty());
        QVERIFY2(bad.err.startsWith(malformed + u":7:5: error: "_qs), qPrintable(bad.err));
        const Run missing = cli({u"rule"_qs, u"fmt"_qs, rules(u"no-such-file.yaml"_qs)});
        QCOMPARE(missing.code, 1);
        QVERIFY(missing.err.contains(u": error: cannot read it"));
    }

    void simulateDecides()
    {
        const QString sensor = rules(u"sensor-user.yaml"_qs);
        Run r = cli({u"rule"_qs, u"simulate"_qs, u"--user-rule"_qs, sensor, u"pub"_qs, u"foo.temp"_qs});
        QVERIFY2(r.code == 0, qPrintable(shown(r)));
        QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.value(0), u"allowed"_qs);
        QCOMPARE(lines.value(1), u"Allowed: pubAllow \"foo.>\" covers \"foo.temp\" and no pubDeny entry matches it."_qs);
        QCOMPARE(lines.value(2), sensor + u":10:13: spec.pub.allow[0]: foo.>"_qs);

        r = cli({u"rule"_qs, u"simulate"_qs, u"--user-rule"_qs, sensor, u"pub"_qs, u"foo.admin.reset"_qs});
        QVERIFY2(r.code == 1, qPrintable(shown(r)));
        lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.value(0), u"denied"_qs);
        QVERIFY2(lines.value(1).contains(u"deny overrides allow"), qPrintable(r.out));
        QCOMPARE(lines.value(2), sensor + u":11:12: spec.pub.deny[0]: foo.admin.>"_qs);

        // A queue subscription as one argument or two.
        r = cli({u"rule"_qs, u"simulate"_qs, u"--user-rule"_qs, sensor, u"sub"_qs, u"foo.secret.x"_qs, u"q1"_qs});
        QVERIFY2(r.code == 1, qPrintable(shown(r)));
        // (the allow list is checked first: foo.secret.x is not in it)
        QVERIFY2(r.out.contains(sensor + u":13:12: spec.sub.allow: [_INBOX.>, foo.cmd.>]"_qs), qPrintable(r.out));
        r = cli({u"rule"_qs, u"simulate"_qs, u"--user-rule"_qs, sensor, u"sub"_qs, u"foo.cmd.x q1"_qs});
        QVERIFY2(r.code == 0, qPrintable(shown(r)));

        // The account rule's default_permissions decide for a user rule without permissions: its file
        // and line are named; the import is explained.
        const QString account = controller(kImporter);
        r = cli({u"rule"_qs, u"simulate"_qs, u"--user-rule"_qs, rules(u"bare-user.yaml"_qs), u"--account-rule"_qs, account,
                 u"sub"_qs, u"imported.foo.temp"_qs});
        QVERIFY2(r.code == 0, qPrintable(shown(r)));
        QVERIFY2(r.out.contains(account + u":28:15: spec.default_permissions.sub.allow[0]: imported.foo.>"_qs), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"\"imported.foo.temp\" is reached through the stream import \"foo-stream\""), qPrintable(r.out));

        // No entry decides: no deciding line, the reason says why.
        r = cli({u"rule"_qs, u"simulate"_qs, u"--user-rule"_qs, rules(u"bare-user.yaml"_qs), u"pub"_qs, u"any.thing"_qs});
        QVERIFY2(r.code == 0, qPrintable(shown(r)));
        QVERIFY2(!r.out.contains(u".yaml:"), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"no permissions at all"), qPrintable(r.out));
    }

    void simulateUsageErrors()
    {
        const QString sensor = rules(u"sensor-user.yaml"_qs);
        const QList<QStringList> usage{
            {u"rule"_qs, u"simulate"_qs, u"pub"_qs, u"foo"_qs},                                  // no --user-rule
            {u"rule"_qs, u"simulate"_qs, u"--user-rule"_qs, sensor, u"push"_qs, u"foo"_qs},        // unknown action
            {u"rule"_qs, u"simulate"_qs, u"--user-rule"_qs, sensor, u"pub"_qs},                    // no subject
            {u"rule"_qs, u"simulate"_qs, u"--user-rule"_qs, sensor, u"pub"_qs, u"foo.*"_qs},       // wildcard publish
            {u"rule"_qs, u"simulate"_qs, u"--user-rule"_qs, sensor, u"sub"_qs, u"foo..bar"_qs},    // empty token
            {u"rule"_qs, u"simulate"_qs, u"--user-rule"_qs, controller(kImporter), u"pub"_qs, u"foo"_qs}, // wrong kind
            {u"rule"_qs, u"simulate"_qs, u"--user-rule"_qs, rules(u"invalid-user-rule.yaml"_qs), u"pub"_qs, u"foo"_qs},
        };
        for (const QStringList &args : usage) {
            const Run r = cli(args);
            QVERIFY2(r.code == 2, qPrintable(args.join(u' ') + u'\n' + shown(r)));
            QVERIFY2(!r.err.isEmpty() && r.out.isEmpty(), qPrintable(shown(r)));
        }
        // The invalid rule's errors are listed with their places.
        const QString bad = rules(u"invalid-user-rule.yaml"_qs);
        const Run r = cli({u"rule"_qs, u"simulate"_qs, u"--user-rule"_qs, bad, u"pub"_qs, u"foo"_qs});
        QVERIFY2(r.err.contains(bad + u":7:9: error: spec.subs"_qs), qPrintable(r.err));
        const Run sub = cli({u"rule"_qs, u"simulate"_qs, u"--user-rule"_qs, sensor, u"sub"_qs, u"foo..bar"_qs});
        QVERIFY2(sub.err.contains(u"empty token"), qPrintable(sub.err));
    }
};

QTEST_GUILESS_MAIN(TstCliRule)
#include "tst_cli_rule.moc"
