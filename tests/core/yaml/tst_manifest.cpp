#include "core/yaml/manifest.h"
#include "core/yaml/manifestcheck.h"
#include "core/yaml/manifestdiff.h"
#include "core/yaml/manifeststore.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Pot;
using namespace Pot::Manifest;

namespace {

QString listed(const QList<Problem> &problems)
{
    QStringList out;
    for (const Problem &p : problems)
        out << p.toString();
    return out.join(u'\n');
}

/// The problem at `path` (first one), or nullptr.
const Problem *at(const QList<Problem> &problems, const QString &path)
{
    for (const Problem &p : problems) {
        if (p.path == path)
            return &p;
    }
    return nullptr;
}

QList<Problem> errors(const QList<Problem> &problems)
{
    QList<Problem> out;
    for (const Problem &p : problems) {
        if (p.isError())
            out << p;
    }
    return out;
}

} // namespace

/// The manifest layer: every document of a file read with its places, checked field by field as
/// the Controller 3.7.3 and nats-server would (all problems at once), and written back canonically.
class TstManifest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void documentsTheControllerAcceptedHaveNoErrors_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *f : {"POST_nats_account-rules_yaml__foo-importer.request.yaml",
                              "POST_nats_user-rules_yaml__dashboard-reader.request.yaml",
                              "PATCH_nats_user-rules_yaml_NAME__dashboard-reader.request.yaml",
                              "POST_roles_yaml__cert-viewer.request.yaml",
                              "PATCH_roles_yaml_NAME__cert-viewer.request.yaml",
                              "POST_rolebindings_yaml__cert-viewers.request.yaml",
                              "POST_certificates_yaml__ca-fixture-yaml-ca.request.yaml",
                              "POST_certificates_yaml__mqtt-gateway-tls.request.yaml",
                              "POST_configmaps_yaml__fixture-yaml-config.request.yaml",
                              "PATCH_configmaps_yaml_NAME__fixture-yaml-config.request.yaml",
                              "POST_secrets_yaml__fixture-yaml-secret.request.yaml",
                              "POST_volumeMounts_yaml__fixture-yaml-mount.request.yaml",
                              "PATCH_volumeMounts_yaml_NAME__fixture-yaml-mount.request.yaml",
                              "POST_services_yaml__edge-db.request.yaml",
                              "POST_application_yaml__foo-consumer.request.yaml",
                              "POST_microservices_yaml__mqtt-bridge.request.yaml",
                              "POST_applicationTemplate_yaml__fixture-yaml-template.request.yaml"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }
    void documentsTheControllerAcceptedHaveNoErrors()
    {
        QFETCH(QString, file);
        const Checked c = check(Test::fixture(file));
        QCOMPARE(c.documents.size(), 1);
        QVERIFY2(!c.hasErrors(), qPrintable(listed(c.problems)));
    }

    void documentsTheControllerRefusedHaveErrors()
    {
        // 400 "Invalid kind NatsUserRule, expected NatsAccountRule": same words, at the kind line.
        Checked c = check(Test::fixture(QStringLiteral("POST_nats_account-rules_yaml__wrong-kind_400.request.yaml")),
                          QStringLiteral("NatsAccountRule"));
        QCOMPARE(c.errorCount(), 1);
        QCOMPARE(c.problems.first().message, QStringLiteral("Invalid kind NatsUserRule, expected NatsAccountRule"));
        QCOMPARE(c.problems.first().line, 2);
        // A route that takes two kinds (POST /certificates/yaml: Certificate and CertificateAuthority).
        c = check(Test::fixture(QStringLiteral("POST_certificates_yaml__ca-fixture-yaml-ca.request.yaml")),
                  QStringLiteral("Certificate|CertificateAuthority"));
        QVERIFY2(!c.hasErrors(), qPrintable(listed(c.problems)));
        c = check(Test::fixture(QStringLiteral("POST_nats_account-rules_yaml__wrong-kind_400.request.yaml")),
                  QStringLiteral("Certificate|CertificateAuthority"));
        QCOMPARE(c.problems.first().message,
                 QStringLiteral("Invalid kind NatsUserRule, expected Certificate or CertificateAuthority"));

        // 400 "missed comma between flow collection entries (7:5)": a syntax problem on line 7.
        c = check(Test::fixture(QStringLiteral("POST_roles_yaml__malformed-yaml_400.request.yaml")));
        QVERIFY(c.documents.isEmpty());
        QCOMPARE(c.errorCount(), 1);
        QCOMPARE(c.problems.first().line, 7);  // js-yaml: (7:5)
        QCOMPARE(c.problems.first().column, 5);

        // 400 "Cannot read properties of undefined (reading 'type')": the secret has no spec.type.
        c = check(Test::fixture(QStringLiteral("POST_secrets_yaml__no-spec_400.request.yaml")));
        QVERIFY2(at(c.problems, QStringLiteral("spec")), qPrintable(listed(c.problems)));
        QVERIFY(at(c.problems, QStringLiteral("spec"))->isError());

        // 500 YAMLException for the application: unreadable YAML.
        c = check(Test::fixture(QStringLiteral("POST_application_yaml__malformed-yaml_500.request.yaml")));
        QVERIFY(c.hasErrors());
        QVERIFY(c.documents.isEmpty());
    }

    void everyProblemIsReportedWithItsPlace()
    {
        const QByteArray text = "apiVersion: datasance.com/v3\n"            // 1
                                "kind: NatsUserRule\n"                      // 2
                                "metadata:\n"                               // 3
                                "  name: default-user\n"                    // 4
                                "spec:\n"                                   // 5
                                "  subs: many\n"                            // 6
                                "  payload: 1x\n"                           // 7
                                "  data: 5\n"                               // 8
                                "  allowed_connection_types: [STANDARD, TCP]\n" // 9
                                "  src: [\"10.20.0.0/33\"]\n"               // 10
                                "  times: [{start: \"25:00:00\", end: \"22:00:00\"}]\n" // 11
                                "  times_location: Mars/Olympus\n"          // 12
                                "  pub: {allow: [\"foo..bar\", \"a.>.b\"]}\n" // 13
                                "  sub: {allow: [\"orders.* workers\"]}\n"  // 14
                                "  resp: {max: 1, ttl: 1000}\n"             // 15
                                "  bogus: 1\n";                             // 16
        const Checked c = check(text);
        const QList<Problem> errs = errors(c.problems);
        QVERIFY2(errs.size() >= 10, qPrintable(listed(c.problems)));
        auto expectError = [&](const QString &path, int line) {
            const Problem *p = at(c.problems, path);
            QVERIFY2(p, qPrintable(path + u'\n' + listed(c.problems)));
            QVERIFY2(p->isError(), qPrintable(p->toString()));
            QCOMPARE(p->line, line);
        };
        expectError(QStringLiteral("metadata.name"), 4);   // reserved
        expectError(QStringLiteral("spec.subs"), 6);
        expectError(QStringLiteral("spec.payload"), 7);
        expectError(QStringLiteral("spec.data"), 8);       // the Controller refuses `data` here
        expectError(QStringLiteral("spec.allowed_connection_types[1]"), 9);
        expectError(QStringLiteral("spec.src[0]"), 10);
        expectError(QStringLiteral("spec.times[0].start"), 11);
        expectError(QStringLiteral("spec.times_location"), 12);
        expectError(QStringLiteral("spec.pub.allow[0]"), 13);
        expectError(QStringLiteral("spec.pub.allow[1]"), 13);
        expectError(QStringLiteral("spec.bogus"), 16);
        // A queue group is fine in subscribe permissions.
        QVERIFY(!at(c.problems, QStringLiteral("spec.sub.allow[0]")));
        // A TTL of 1000 is 1 µs to nats-server: a warning, with the value to write instead.
        const Problem *ttl = at(c.problems, QStringLiteral("spec.resp.ttl"));
        QVERIFY(ttl);
        QCOMPARE(ttl->severity, Severity::Warning);
        QVERIFY2(ttl->message.contains(u"1000000000"), qPrintable(ttl->message));
        // Sorted by line; the message names the place.
        for (qsizetype i = 1; i < c.problems.size(); ++i)
            QVERIFY(c.problems.at(i - 1).line <= c.problems.at(i).line);
        QVERIFY(c.problems.first().toString().startsWith(u"4:"));
    }

    void accountRuleLimitsAndImports()
    {
        const QByteArray text = "apiVersion: datasance.com/v3\n"
                                "kind: NatsAccountRule\n"
                                "metadata: {name: importer}\n"
                                "spec:\n"
                                "  limits: {conn: 10, subs: -1, payload: 1m, data: -2, wildcards: false}\n"
                                "  imports:\n"
                                "    - {name: a, subject: foo.>, type: stream, account: ABRSTQX6IZOR2DPQ2DV3QYTAQXL2QJ35OYRW7W5GCY3RP6237UIRJSGU}\n"
                                "    - {name: b, subject: bar, type: feed, account: ABRSTQX6IZOR2DPQ2DV3QYTAQXL2QJ35OYRW7W5GCY3RP6237UIRJSGV}\n"
                                "  exports:\n"
                                "    - {name: c, subject: \"out.*\", type: service, response_type: Sometimes}\n";
        const Checked c = check(text);
        QVERIFY(at(c.problems, QStringLiteral("spec.limits.data")));      // -2 is not a size
        QVERIFY(at(c.problems, QStringLiteral("spec.imports[1].type")));  // stream or service
        // A changed last character breaks the CRC16 of the account key.
        const Problem *key = at(c.problems, QStringLiteral("spec.imports[1].account"));
        QVERIFY2(key && key->isError(), qPrintable(listed(c.problems)));
        QVERIFY(!at(c.problems, QStringLiteral("spec.imports[0].account")));
        QVERIFY(at(c.problems, QStringLiteral("spec.exports[0].response_type")));
        // A wildcard export while limits.wildcards is false: nats-server refuses the account.
        QVERIFY(at(c.problems, QStringLiteral("spec.exports[0].subject")));
        // Two imports, one export, limits.imports/exports not set = 0 to nats-server.
        const Problem *imports = at(c.problems, QStringLiteral("spec.imports"));
        QVERIFY2(imports && imports->isError() && imports->message.contains(u"not set"), qPrintable(listed(c.problems)));
        QVERIFY(at(c.problems, QStringLiteral("spec.exports")));
        // Sizes in the Controller's notation.
        QCOMPARE(sizeInBytes(QJsonValue(QStringLiteral("1g"))), qint64(1073741824));
        QCOMPARE(sizeInBytes(QJsonValue(QStringLiteral("256k"))), qint64(262144));
        QCOMPARE(sizeInBytes(QJsonValue(-1)), qint64(-1));
        QCOMPARE(sizeInBytes(QJsonValue(QStringLiteral("1.5g"))), qint64(-2));
        QCOMPARE(sizeInBytes(QJsonValue(QStringLiteral("1gb"))), qint64(-2));
    }

    void unsetLimitsAreZeroToNatsServer()
    {
        const Checked c = check("apiVersion: datasance.com/v3\nkind: NatsUserRule\nmetadata: {name: thin}\n"
                                "spec: {description: nothing else}\n");
        QVERIFY2(!c.hasErrors(), qPrintable(listed(c.problems)));
        for (const char *field : {"spec.subs", "spec.payload", "spec.maxData"}) {
            const Problem *p = at(c.problems, QString::fromLatin1(field));
            QVERIFY2(p && p->severity == Severity::Warning && p->message.contains(u"-1"), field);
        }
    }

    void rbacKindsAreCheckedFieldByField()
    {
        const Checked c = check("apiVersion: datasance.com/v3\n"
                                "kind: RoleBinding\n"
                                "metadata: {name: Bad_Name}\n"
                                "roleRef: {kind: ClusterRole, name: viewer}\n"
                                "subjects:\n"
                                "  - {kind: Group, name: Auditors}\n"
                                "  - {kind: Robot, name: r2}\n"
                                "---\n"
                                "apiVersion: datasance.com/v3\n"
                                "kind: Role\n"
                                "metadata: {name: viewer}\n"
                                "rules:\n"
                                "  - {apiGroups: [\"\"], resources: [agents], verbs: [get, watch], extra: 1}\n");
        QCOMPARE(c.documents.size(), 2);
        QVERIFY(at(c.problems, QStringLiteral("metadata.name")));
        QVERIFY(at(c.problems, QStringLiteral("roleRef.kind")));
        const Problem *group = at(c.problems, QStringLiteral("subjects[0].name"));
        QVERIFY(group && group->severity == Severity::Warning);
        QVERIFY(at(c.problems, QStringLiteral("subjects[1].kind")));
        const Problem *verb = at(c.problems, QStringLiteral("rules[0].verbs[1]"));
        QVERIFY(verb && verb->document == 1 && verb->line == 13);
        QVERIFY(at(c.problems, QStringLiteral("rules[0].extra")));
    }

    void certificatesAndUnknownKinds()
    {
        Checked c = check("kind: Certificate\nmetadata: {name: x}\nspec: {subject: \"CN=a,O=b\", hosts: \"a,,b\", expiration: 5000, ca: {type: direct}, owner: me}\n");
        QVERIFY(at(c.problems, QStringLiteral("apiVersion")));             // a warning
        QVERIFY(at(c.problems, QStringLiteral("spec.subject")));
        QVERIFY(at(c.problems, QStringLiteral("spec.hosts")));
        QVERIFY(at(c.problems, QStringLiteral("spec.expiration")));        // 5 s, not 5000 months
        QVERIFY(at(c.problems, QStringLiteral("spec.ca.secretName")));
        QVERIFY(at(c.problems, QStringLiteral("spec.owner")));

        c = check("apiVersion: datasance.com/v3\nkind: natsaccountrule\nmetadata: {name: x}\nspec: {}\n");
        QCOMPARE(c.errorCount(), 1);
        QVERIFY(c.problems.first().message.contains(u"NatsAccountRule"));
    }

    void aSyntaxErrorKeepsTheOtherDocuments()
    {
        const QByteArray text = "kind: Role\nmetadata: {name: a}\nrules: []\n"   // 1-3: rules empty
                                "---\n"                                          // 4
                                "kind: Role\nmetadata: {name: [\n"              // 5-6: broken
                                "---\n"                                          // 7
                                "kind: ConfigMap\nmetadata: {name: c}\n";       // 8-9: no data, no spec
        const Checked c = check(text);
        QCOMPARE(c.documents.size(), 2);
        QCOMPARE(c.documents.at(1).index, 2);
        QCOMPARE(c.documents.at(1).line, 7);
        bool syntax = false;
        for (const Problem &p : c.problems) {
            if (p.document == 1) {
                syntax = true;
                QVERIFY2(p.line >= 6, qPrintable(p.toString()));
            }
        }
        QVERIFY(syntax);
        const Problem *data = at(c.problems, QStringLiteral("data"));
        QVERIFY(data && data->document == 2 && data->line == 8);
        QVERIFY(at(c.problems, QStringLiteral("rules")));
    }

    void duplicateKeysAndHostileInput()
    {
        Checked c = check("kind: Role\nkind: Role\nmetadata: {name: a}\n");
        const Problem *dup = at(c.problems, QStringLiteral("kind"));
        QVERIFY(dup && dup->line == 2);

        // Anchors that expand exponentially are cut off with a message, not a hang or a crash.
        QByteArray bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        char prev = 'a';
        for (char name = 'b'; name <= 'j'; ++name) {
            bomb += QByteArray(1, name) + ": &" + QByteArray(1, name) + " [";
            for (int i = 0; i < 10; ++i)
                bomb += (i ? ", *" : "*") + QByteArray(1, prev);
            bomb += "]\n";
            prev = name;
        }
        c = check(bomb);
        QVERIFY(c.hasErrors());
        QVERIFY2(c.problems.first().message.contains(u"too large"), qPrintable(listed(c.problems)));

        c = check("   \n# only a comment\n");
        QCOMPARE(c.errorCount(), 1);
        QVERIFY(c.problems.first().message.contains(u"empty"));
    }

    void canonicalOrderKeepsUnknownKeysAndTypes()
    {
        const QByteArray text = "spec:\n"
                                "  x-note: keep me\n"
                                "  resp: {ttl: 5000000000, max: 1}\n"
                                "  subs: 100\n"
                                "  description: \"5\"\n"
                                "  tags: [a, b]\n"
                                "metadata: {name: r}\n"
                                "kind: NatsUserRule\n"
                                "apiVersion: datasance.com/v3\n"
                                "extra: {z: 1, a: true}\n";
        const Parsed p = parse(text);
        QCOMPARE(p.documents.size(), 1);
        const QByteArray out = canonical(p.documents.first());
        QCOMPARE(QString::fromUtf8(out),
                 QStringLiteral("apiVersion: datasance.com/v3\n"
                                "kind: NatsUserRule\n"
                                "metadata:\n"
                                "  name: r\n"
                                "spec:\n"
                                "  description: \"5\"\n"
                                "  subs: 100\n"
                                "  resp:\n"
                                "    max: 1\n"
                                "    ttl: 5000000000\n"
                                "  tags: [a, b]\n"
                                "  x-note: keep me\n"
                                "extra:\n"
                                "  z: 1\n"
                                "  a: true\n"));
        // Read back, it is the same document (types included), and canonical again it is stable.
        const Parsed again = parse(out);
        QCOMPARE(again.documents.first().root.toJson(), p.documents.first().root.toJson());
        QCOMPARE(canonical(again.documents.first()), out);
        QVERIFY(again.documents.first().root.value(u"spec")->value(u"description")->toJson().isString());
    }


    void modelsAgreeWithWhatTheControllerStored()
    {
        // The account rule the Controller created from foo-importer (NATS-style names, 1m): every
        // field our model names has the value the Controller answered with.
        const Parsed p = parse(Test::fixture(QStringLiteral("POST_nats_account-rules_yaml__foo-importer.request.yaml")));
        const QJsonObject model = modelOf(p.documents.first());
        const QJsonObject stored = QJsonDocument::fromJson(
            Test::fixture(QStringLiteral("POST_nats_account-rules_yaml__foo-importer.json"))).object();
        QVERIFY(model.size() >= 12);
        for (auto it = model.begin(); it != model.end(); ++it)
            QVERIFY2(stored.value(it.key()) == it.value(), qPrintable(it.key()));
        QCOMPARE(model.value(u"maxMsgPayload"), QJsonValue(1048576));

        const Parsed u = parse(Test::fixture(QStringLiteral("POST_nats_user-rules_yaml__dashboard-reader.request.yaml")));
        const QJsonObject userModel = modelOf(u.documents.first());
        const QJsonObject userStored = QJsonDocument::fromJson(
            Test::fixture(QStringLiteral("POST_nats_user-rules_yaml__dashboard-reader.json"))).object();
        for (auto it = userModel.begin(); it != userModel.end(); ++it)
            QVERIFY2(userStored.value(it.key()) == it.value(), qPrintable(it.key()));
        QVERIFY(diff(userStored, userModel, false).size() <= 1); // only maxData: null vs absent → none
    }

    void aPatchChangesOnlyWhatItNames()
    {
        // The Controller's PATCH of dashboard-reader: the answer keeps src, subDeny, tags and resp
        // although the YAML left them out. predicted() must give exactly that answer.
        const QJsonObject live = QJsonDocument::fromJson(
            Test::fixture(QStringLiteral("POST_nats_user-rules_yaml__dashboard-reader.json"))).object();
        const Parsed p = parse(Test::fixture(QStringLiteral("PATCH_nats_user-rules_yaml_NAME__dashboard-reader.request.yaml")));
        const QJsonObject edited = modelOf(p.documents.first());
        const QJsonObject answer = QJsonDocument::fromJson(
            Test::fixture(QStringLiteral("PATCH_nats_user-rules_yaml_NAME__dashboard-reader.json"))).object();
        const QJsonObject after = predicted(live, edited, true);
        for (auto it = answer.begin(); it != answer.end(); ++it) {
            if (serverFields().contains(it.key()) || it.value().isNull())
                continue;
            QVERIFY2(after.value(it.key()) == it.value(), qPrintable(it.key()));
        }
        const QList<Change> changes = diff(live, edited, true);
        QStringList changed, kept;
        for (const Change &c : changes)
            (c.type == Change::Type::Kept ? kept : changed) << c.path;
        changed.sort();
        QCOMPARE(changed, (QStringList{QStringLiteral("allowedConnectionTypes"), QStringLiteral("description"),
                                       QStringLiteral("maxSubscriptions"), QStringLiteral("times")}));
        QVERIFY(kept.contains(u"subDeny") && kept.contains(u"src") && kept.contains(u"tags"));
        for (const Change &c : changes) {
            if (c.path == u"maxSubscriptions")
                QCOMPARE(describe(c), QStringLiteral("maxSubscriptions: 100 → 200"));
        }
    }

    void secretValuesNeverReachDraftsOrHistory()
    {
        QTemporaryDir dir;
        const QUuid profile = QUuid::createUuid();
        const QByteArray secret = "apiVersion: datasance.com/v3\nkind: Secret\nmetadata: {name: s}\ntype: Opaque\n"
                                  "spec: {type: Opaque}\ndata:\n  api-key: hunter2-do-not-store\n";
        DraftStore drafts(dir.filePath(QStringLiteral("drafts")));
        QVERIFY(drafts.save(profile, QStringLiteral("Secret/s"), secret));
        const auto d = drafts.load(profile, QStringLiteral("Secret/s"));
        QVERIFY(d);
        QVERIFY(!d->text.contains("hunter2"));
        QVERIFY(d->text.contains("api-key"));
        // What is left cannot be applied by mistake: a null value is refused.
        QVERIFY(check(d->text).hasErrors());
        // A half-typed secret that cannot be read is not kept at all.
        QVERIFY(!drafts.save(profile, QStringLiteral("Secret/t"), "kind: Secret\ndata: {k: hunter2\n"));
        QVERIFY(!drafts.load(profile, QStringLiteral("Secret/t")));
        // Owner-only files.
        const QString file = QDir(dir.filePath(QStringLiteral("drafts/") + profile.toString(QUuid::WithoutBraces)))
                                 .entryInfoList(QDir::Files).first().filePath();
        QCOMPARE(QFile::permissions(file) & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFileDevice::Permissions());
        // Other kinds are kept exactly as typed (comments too).
        const QByteArray rule = "# my note\nkind: NatsUserRule\nmetadata: {name: r}\nspec: {subs: 5}\n";
        QVERIFY(drafts.save(profile, QStringLiteral("new/1"), rule));
        QCOMPARE(drafts.load(profile, QStringLiteral("new/1"))->text, rule);
        QCOMPARE(drafts.list(profile).size(), 2);
        drafts.remove(profile, QStringLiteral("new/1"));
        QCOMPARE(drafts.list(profile).size(), 1);

        HistoryStore history(dir.filePath(QStringLiteral("history")), 2);
        QVERIFY(history.record(profile, QStringLiteral("Secret"), QStringLiteral("s"), secret, QStringLiteral("before apply")));
        for (int i = 0; i < 3; ++i)
            QVERIFY(history.record(profile, QStringLiteral("NatsUserRule"), QStringLiteral("r"), rule,
                                   QStringLiteral("apply %1").arg(i), QDateTime::currentDateTimeUtc().addSecs(i)));
        const QList<HistoryEntry> kept = history.entries(profile, QStringLiteral("NatsUserRule"), QStringLiteral("r"));
        QCOMPARE(kept.size(), 2); // the oldest went
        QCOMPARE(kept.first().note, QStringLiteral("apply 2"));
        QCOMPARE(*history.read(profile, kept.first().id), rule);
        const QList<HistoryEntry> secrets = history.entries(profile, QStringLiteral("Secret"));
        QCOMPARE(secrets.size(), 1);
        QVERIFY(!history.read(profile, secrets.first().id)->contains("hunter2"));
        QVERIFY(!history.read(profile, QStringLiteral("../x")));
        for (const QFileInfo &fi : QDir(dir.path()).entryInfoList(QDir::Files | QDir::NoDotAndDotDot)) {
            QFile f(fi.filePath());
            QVERIFY(f.open(QIODevice::ReadOnly) && !f.readAll().contains("hunter2"));
        }
    }

    void subjects()
    {
        QVERIFY(subjectProblem(QStringLiteral("foo.*.bar.>")).isEmpty());
        QVERIFY(subjectProblem(QStringLiteral("_INBOX.>")).isEmpty());
        QVERIFY(!subjectProblem(QStringLiteral("foo.>.bar")).isEmpty());
        QVERIFY(!subjectProblem(QStringLiteral("foo*.bar")).isEmpty());
        QVERIFY(!subjectProblem(QStringLiteral(".foo")).isEmpty());
        QVERIFY(!subjectProblem(QStringLiteral("foo bar")).isEmpty());
        QVERIFY(subjectProblem(QStringLiteral("foo.* q1"), true).isEmpty());
        QVERIFY(!subjectProblem(QStringLiteral("foo q1 q2"), true).isEmpty());
        QVERIFY(!subjectProblem(QString()).isEmpty());
    }

    void kindsKnowTheirEndpoints()
    {
        const KindInfo *rule = kindInfo(QStringLiteral("NatsAccountRule"));
        QVERIFY(rule);
        QCOMPARE(rule->field, QByteArray("natsAccountRule"));
        QCOMPARE(rule->createPath, QStringLiteral("/nats/account-rules/yaml"));
        QCOMPARE(kindInfo(QStringLiteral("Application"))->updateMethod, QByteArray("PUT"));
        QVERIFY(kindInfo(QStringLiteral("Certificate"))->updatePath.isEmpty());
        // Apply order: what is named before what names it.
        auto pos = [](const char *k) {
            for (qsizetype i = 0; i < kinds().size(); ++i) {
                if (kinds().at(i).kind == QLatin1StringView(k))
                    return i;
            }
            return qsizetype(-1);
        };
        QVERIFY(pos("NatsAccountRule") < pos("Application"));
        QVERIFY(pos("NatsUserRule") < pos("Microservice"));
        QVERIFY(pos("Secret") < pos("VolumeMount"));
        QVERIFY(pos("Role") < pos("RoleBinding"));
        QVERIFY(pos("Application") < pos("ServiceAccount"));
        QVERIFY(isReservedRuleName(QStringLiteral("default-mqtt-user")));
        QVERIFY(!isReservedRuleName(QStringLiteral("default-users")));
    }
};

QTEST_GUILESS_MAIN(TstManifest)
#include "tst_manifest.moc"
