#include "core/profiles/ecncontexts.h"
#include "core/profiles/profilestore.h"
#include "testutil.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Pot;
using namespace Pot::Profiles;

class TstEcnContexts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void importMultiDocumentYaml()
    {
        auto r = EcnContexts::importFile(Test::dataPath(QStringLiteral("ecn-viewer/contexts.yaml")));
        QVERIFY_RESULT(r);
        QVERIFY(r->problems.isEmpty());
        QCOMPARE(r->profiles.size(), 2);

        const Profile &prod = r->profiles.at(0);
        QCOMPARE(prod.name, QStringLiteral("production-eu"));
        QCOMPARE(prod.controllerUrl, QStringLiteral("https://controller.prod.example.com:51121"));
        QCOMPARE(prod.auth, AuthKind::Browser);
        QCOMPARE(prod.keycloakUrl, QStringLiteral("https://auth.prod.example.com/"));
        QCOMPARE(prod.keycloakRealm, QStringLiteral("pot"));
        QCOMPARE(prod.keycloakClientId, QStringLiteral("ecn-viewer"));
        // controllerCA is base64 PEM in the file and PEM text in the profile.
        QCOMPARE(prod.caCertificatePem.toUtf8(), Test::readData(QStringLiteral("potctl/controller-ca.pem")));
        QCOMPARE(prod.refreshIntervalSec, 5);
        QVERIFY(!prod.id.isNull());

        const Profile &lab = r->profiles.at(1);
        QCOMPARE(lab.name, QStringLiteral("lab"));
        QCOMPARE(lab.auth, AuthKind::Password);
        QVERIFY(lab.caCertificatePem.isEmpty());
        QCOMPARE(lab.refreshIntervalSec, 3);
    }

    void importElectronStoreFile()
    {
        auto r = EcnContexts::importFile(Test::dataPath(QStringLiteral("ecn-viewer/contexts.json")));
        QVERIFY_RESULT(r);
        QCOMPARE(r->profiles.size(), 2);
        QCOMPARE(r->profiles.at(1).name, QStringLiteral("staging"));
        QCOMPARE(r->profiles.at(1).refreshIntervalSec, 30); // no refresh given: our default
        QVERIFY(!r->profiles.at(0).caCertificatePem.isEmpty());
    }

    void exportRoundTrip()
    {
        auto imported = EcnContexts::importFile(Test::dataPath(QStringLiteral("ecn-viewer/contexts.yaml")));
        QVERIFY_RESULT(imported);
        QList<Profile> profiles = imported->profiles;
        // Fields ECN-Viewer does not know must not leak into the export.
        profiles[0].colour = QStringLiteral("#aa0000");
        profiles[0].readOnly = true;
        profiles[0].email = QStringLiteral("ada@example.com");
        profiles[0].pinnedSha256 = QString(64, u'a');
        profiles[0].rememberPassword = true;

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("export.yaml"));
        QVERIFY_RESULT(EcnContexts::exportFile(profiles, path));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QCOMPARE(text.count("---\n"), 1);
        for (const char *forbidden : {"colour", "readOnly", "email", "pinned", "password", "Password",
                                      "token", "secret"})
            QVERIFY2(!text.contains(forbidden), forbidden);
        QVERIFY(text.contains("refresh: 5000"));
        QVERIFY(text.contains("controllerCA: LS0tLS1CRUdJTi")); // base64 of "-----BEGIN"

        auto back = EcnContexts::importFile(path);
        QVERIFY_RESULT(back);
        QCOMPARE(back->profiles.size(), 2);
        for (int i = 0; i < 2; ++i) {
            const Profile &a = imported->profiles.at(i);
            const Profile &b = back->profiles.at(i);
            QCOMPARE(b.name, a.name);
            QCOMPARE(b.controllerUrl, a.controllerUrl);
            QCOMPARE(b.auth, a.auth);
            QCOMPARE(b.keycloakUrl, a.keycloakUrl);
            QCOMPARE(b.keycloakRealm, a.keycloakRealm);
            QCOMPARE(b.keycloakClientId, a.keycloakClientId);
            QCOMPARE(b.caCertificatePem, a.caCertificatePem);
            QCOMPARE(b.refreshIntervalSec, a.refreshIntervalSec);
            QVERIFY(b.id != a.id); // an import always makes new profiles
        }
    }

    void exportHasOnlySchemaKeys()
    {
        Profile p;
        p.id = QUuid::createUuid();
        p.name = QStringLiteral("edge: \"quoted\" # not a comment");
        p.controllerUrl = QStringLiteral("http://10.0.0.1:51121");
        p.refreshIntervalSec = 60;
        const QByteArray text = EcnContexts::serialize({p});
        auto back = EcnContexts::parse(text, QStringLiteral("x.yaml"));
        QVERIFY_RESULT(back);
        QCOMPARE(back->profiles.at(0).name, p.name);
        QCOMPARE(back->profiles.at(0).refreshIntervalSec, 60);
        const QStringList allowed = {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("controllerUrl"),
                                     QStringLiteral("keycloakUrl"), QStringLiteral("keycloakRealm"),
                                     QStringLiteral("keycloakClientId"), QStringLiteral("controllerCA"),
                                     QStringLiteral("refresh")};
        for (const QByteArray &line : text.split('\n')) {
            if (line.isEmpty() || line == "---")
                continue;
            const QString key = QString::fromUtf8(line.left(line.indexOf(':')));
            QVERIFY2(allowed.contains(key), qPrintable(key));
        }
    }

    void someContextsSkipped()
    {
        const QByteArray text = "name: good\ncontrollerUrl: https://c.example.com\n"
                                "---\nname: no-url\n"
                                "---\n- just\n- a list\n"
                                "---\nname: bad-ca\ncontrollerUrl: https://c.example.com\ncontrollerCA: bm90IGEgY2VydA==\n"
                                "---\nname: fast\ncontrollerUrl: https://c.example.com\nrefresh: 100\n";
        auto r = EcnContexts::parse(text, QStringLiteral("mixed.yaml"));
        QVERIFY_RESULT(r);
        QCOMPARE(r->profiles.size(), 1);
        QCOMPARE(r->profiles.at(0).name, QStringLiteral("good"));
        QCOMPARE(r->problems.size(), 4);
        QVERIFY2(r->problems.at(0).contains(u"has no controllerUrl"), qPrintable(r->problems.at(0)));
        QVERIFY(r->problems.at(0).startsWith(u"mixed.yaml, line 4"));
        QVERIFY(r->problems.at(1).contains(u"not an ECN-Viewer context"));
        QVERIFY(r->problems.at(2).contains(u"not a base64-encoded PEM"));
        QVERIFY(r->problems.at(3).contains(u"at least 500 ms"));
    }

    void malformedInput_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("broken yaml") << QByteArray("name: a\ncontrollerUrl: [\n") << QStringLiteral("line");
        QTest::newRow("tab indentation") << QByteArray("contexts:\n\t- name: a\n") << QStringLiteral("not valid YAML");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("holds no ECN-Viewer context");
        QTest::newRow("only comments") << QByteArray("# nothing\n") << QStringLiteral("holds no");
        QTest::newRow("contexts not a list") << QByteArray("contexts: 3\n") << QStringLiteral("No context");
        QTest::newRow("not a url") << QByteArray("name: a\ncontrollerUrl: not a url\n") << QStringLiteral("No context");
        QTest::newRow("name is a list") << QByteArray("name: [a]\ncontrollerUrl: http://h\n") << QStringLiteral("No context");
        QTest::newRow("refresh text") << QByteArray("name: a\ncontrollerUrl: http://h\nrefresh: soon\n")
                                      << QStringLiteral("No context");
        QTest::newRow("binary") << QByteArray("\xff\xfe\x00\x01:{", 6) << QString();
    }

    void malformedInput()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, fragment);
        auto r = EcnContexts::parse(text, QStringLiteral("in.yaml"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidInput);
        QVERIFY2(r.error().message.contains(fragment), qPrintable(r.error().toString()));
    }

    void missingFile()
    {
        auto r = EcnContexts::importFile(QStringLiteral("/nonexistent/contexts.yaml"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TstEcnContexts)
#include "tst_ecncontexts.moc"
