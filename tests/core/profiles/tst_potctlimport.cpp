#include "core/profiles/memorysecretstore.h"
#include "core/profiles/potctlimport.h"
#include "core/profiles/profilestore.h"
#include "core/profiles/secretkeys.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Pot;
using namespace Pot::Profiles;

namespace {

QString sampleDir()
{
    return Test::dataPath(QStringLiteral("potctl/home/.iofog/v3"));
}

const PotctlCandidate *byName(const PotctlScan &scan, const QString &name)
{
    for (const PotctlCandidate &c : scan.candidates) {
        if (c.namespaceName == name)
            return &c;
    }
    return nullptr;
}

bool copyTree(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    const QDir src(from);
    for (const QFileInfo &fi : src.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden)) {
        const QString target = to + u'/' + fi.fileName();
        if (fi.isDir() ? !copyTree(fi.filePath(), target) : !QFile::copy(fi.filePath(), target))
            return false;
    }
    return true;
}

} // namespace

class TstPotctlImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void defaultDirIsInHome()
    {
        QCOMPARE(PotctlImport::defaultConfigDir(), QDir::homePath() + QStringLiteral("/.iofog/v3"));
    }

    void scanSampleHome()
    {
        auto scan = PotctlImport::scan(sampleDir());
        QVERIFY_RESULT(scan);
        QCOMPARE(scan->defaultNamespace, QStringLiteral("prod"));
        // _detached is potctl bookkeeping; "empty" has no control plane and is reported.
        QStringList names;
        for (const PotctlCandidate &c : scan->candidates)
            names << c.namespaceName;
        QCOMPARE(names, (QStringList{QStringLiteral("default"), QStringLiteral("edge-k8s"),
                                     QStringLiteral("prod")}));
        QCOMPARE(scan->skipped.size(), 1);
        QVERIFY2(scan->skipped.at(0).contains(u"\"empty\" has no control plane"),
                 qPrintable(scan->skipped.at(0)));

        const PotctlCandidate *prod = byName(*scan, QStringLiteral("prod"));
        QVERIFY(prod);
        QVERIFY(prod->isDefaultNamespace);
        QCOMPARE(prod->controlPlaneKind, QStringLiteral("remote"));
        QCOMPARE(prod->profile.name, QStringLiteral("prod"));
        // The first controller with an endpoint wins; its HTTPS CA comes along as PEM.
        QCOMPARE(prod->profile.controllerUrl, QStringLiteral("https://controller.prod.example.com:51121"));
        QCOMPARE(prod->profile.email, QStringLiteral("ada@example.com"));
        QCOMPARE(prod->profile.auth, AuthKind::Password);
        QCOMPARE(prod->profile.keycloakUrl, QStringLiteral("https://auth.prod.example.com/"));
        QCOMPARE(prod->profile.keycloakRealm, QStringLiteral("pot"));
        QCOMPARE(prod->profile.keycloakClientId, QStringLiteral("ecn-viewer"));
        QCOMPARE(prod->profile.caCertificatePem.toUtf8(), Test::readData(QStringLiteral("potctl/controller-ca.pem")));
        QVERIFY(!prod->profile.rememberPassword);
        QVERIFY(!prod->profile.id.isNull());
        QVERIFY(prod->hasStoredPassword);
        QVERIFY(!prod->hasStoredTokens);
        QVERIFY(!prod->warnings.isEmpty());
        QVERIFY2(prod->warnings.at(0).contains(u"clear text") && prod->warnings.at(0).contains(u"base64"),
                 qPrintable(prod->warnings.at(0)));
        QVERIFY(prod->warnings.at(0).contains(u"ada@example.com"));

        const PotctlCandidate *local = byName(*scan, QStringLiteral("default"));
        QVERIFY(local);
        QVERIFY(!local->isDefaultNamespace);
        QCOMPARE(local->controlPlaneKind, QStringLiteral("local"));
        QCOMPARE(local->profile.controllerUrl, QStringLiteral("http://localhost:51121"));
        QCOMPARE(local->profile.email, QStringLiteral("dev@localhost.localdomain"));
        QVERIFY(local->profile.keycloakUrl.isEmpty());
        QVERIFY(local->profile.caCertificatePem.isEmpty());

        const PotctlCandidate *k8s = byName(*scan, QStringLiteral("edge-k8s"));
        QVERIFY(k8s);
        QCOMPARE(k8s->controlPlaneKind, QStringLiteral("kubernetes"));
        QCOMPARE(k8s->profile.controllerUrl, QStringLiteral("http://198.51.100.20:8080"));
        QCOMPARE(k8s->profile.auth, AuthKind::Browser); // no e-mail, complete Keycloak settings
        QCOMPARE(k8s->profile.keycloakRealm, QStringLiteral("datasance"));
        QVERIFY(!k8s->hasStoredPassword);
        QVERIFY(k8s->hasStoredTokens);
        QVERIFY(k8s->warnings.at(0).contains(u"tokens in clear text"));

        // Every candidate is a valid profile and they can all be added.
        QTemporaryDir dir;
        ProfileStore store(dir.filePath(QStringLiteral("profiles.yaml")));
        QVERIFY_RESULT(store.load());
        for (const PotctlCandidate &c : scan->candidates)
            QVERIFY_RESULT(store.add(c.profile));
        QCOMPARE(store.count(), 3);
    }

    void candidatesHoldNoPassword()
    {
        auto scan = PotctlImport::scan(sampleDir());
        QVERIFY_RESULT(scan);
        const PotctlCandidate *prod = byName(*scan, QStringLiteral("prod"));
        QVERIFY(prod);
        const QByteArray serialized = ProfileStore::serialize({prod->profile});
        QVERIFY(!serialized.contains("S3cr3t-Passw0rd!"));
        QVERIFY(!serialized.contains("UzNjcjN0LVBhc3N3MHJkIQ=="));
        for (const QString &w : prod->warnings)
            QVERIFY(!w.contains(u"S3cr3t"));
    }

    void passwordOnlyWhenAsked()
    {
        auto scan = PotctlImport::scan(sampleDir());
        QVERIFY_RESULT(scan);
        const PotctlCandidate *prod = byName(*scan, QStringLiteral("prod"));
        QVERIFY(prod);
        auto password = PotctlImport::readPassword(*prod);
        QVERIFY_RESULT(password);
        QVERIFY(password->revealCopy() == QByteArray("S3cr3t-Passw0rd!"));

        // The user agreed: the password goes to the secret store under the profile's key.
        MemorySecretStore secrets;
        std::optional<Status> wrote;
        secrets.write(SecretKeys::passwordKey(prod->profile.id), *password, this,
                      [&wrote](Status s) { wrote = s; });
        QTRY_VERIFY(wrote.has_value());
        QVERIFY_RESULT(*wrote);
        QVERIFY(secrets.contains(SecretKeys::passwordKey(prod->profile.id)));

        const PotctlCandidate *k8s = byName(*scan, QStringLiteral("edge-k8s"));
        QVERIFY(k8s);
        auto none = PotctlImport::readPassword(*k8s);
        QVERIFY(!none.ok());
        QCOMPARE(none.error().code, ErrorCode::NotFound);
    }

    void worldReadableFileIsPointedOut()
    {
        QTemporaryDir dir;
        QVERIFY(copyTree(sampleDir(), dir.path()));
        const QString prodFile = dir.filePath(QStringLiteral("namespaces/prod.yaml"));
        QVERIFY(QFile::setPermissions(prodFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                    | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        auto scan = PotctlImport::scan(dir.path());
        QVERIFY_RESULT(scan);
        const PotctlCandidate *prod = byName(*scan, QStringLiteral("prod"));
        QVERIFY(prod);
        QVERIFY(prod->fileReadableByOthers);
        QVERIFY(prod->warnings.at(0).contains(u"Other users of this computer can read the file."));

        QVERIFY(QFile::setPermissions(prodFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        scan = PotctlImport::scan(dir.path());
        QVERIFY_RESULT(scan);
        prod = byName(*scan, QStringLiteral("prod"));
        QVERIFY(!prod->fileReadableByOthers);
        QVERIFY(!prod->warnings.at(0).contains(u"Other users"));
    }

    void missingFolderIsNotFound()
    {
        auto scan = PotctlImport::scan(QDir::homePath() + QStringLiteral("/no-such-dir/.iofog/v3"));
        QVERIFY(!scan.ok());
        QCOMPARE(scan.error().code, ErrorCode::NotFound);
        QVERIFY(scan.error().message.contains(u"No potctl configuration"));
    }

    void badFilesAreSkippedNotFatal()
    {
        QTemporaryDir dir;
        QVERIFY(copyTree(sampleDir(), dir.path()));
        QFile broken(dir.filePath(QStringLiteral("namespaces/broken.yaml")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("apiVersion: potctl/v3\nkind: Namespace\nspec:\n  name: broken\n  remoteControlPlane: [\n");
        broken.close();
        QFile config(dir.filePath(QStringLiteral("config.yaml")));
        QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
        config.write("spec: {defaultNamespace: [\n");
        config.close();

        auto scan = PotctlImport::scan(dir.path());
        QVERIFY_RESULT(scan);
        QCOMPARE(scan->candidates.size(), 3);
        QVERIFY(scan->defaultNamespace.isEmpty());
        const QString all = scan->skipped.join(u'\n');
        QVERIFY2(all.contains(u"broken.yaml is not valid YAML (line"), qPrintable(all));
        QVERIFY2(all.contains(u"config.yaml is not valid YAML"), qPrintable(all));
    }

    void malformedNamespaces_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("fragment");

        QTest::newRow("not yaml") << QByteArray("spec: {name: x\n") << ErrorCode::InvalidInput
                                  << QStringLiteral("not valid YAML");
        QTest::newRow("a list") << QByteArray("- 1\n- 2\n") << ErrorCode::InvalidInput
                                << QStringLiteral("not a potctl namespace file");
        QTest::newRow("other kind") << QByteArray("kind: Application\nspec: {}\n") << ErrorCode::InvalidInput
                                    << QStringLiteral("kind: Application");
        QTest::newRow("no spec") << QByteArray("kind: Namespace\n") << ErrorCode::InvalidInput
                                 << QStringLiteral("no \"spec\"");
        QTest::newRow("no control plane") << QByteArray("kind: Namespace\nspec: {name: x}\n")
                                          << ErrorCode::NotFound << QStringLiteral("no control plane");
        QTest::newRow("control plane is text")
            << QByteArray("kind: Namespace\nspec: {name: x, remoteControlPlane: yes}\n")
            << ErrorCode::InvalidInput << QStringLiteral("must be a map");
        QTest::newRow("no endpoint")
            << QByteArray("kind: Namespace\nspec:\n  name: x\n  remoteControlPlane:\n    controllers: []\n")
            << ErrorCode::InvalidInput << QStringLiteral("no Controller endpoint");
        QTest::newRow("endpoint is a list")
            << QByteArray("kind: Namespace\nspec:\n  name: x\n  k8sControlPlane:\n    endpoint: [a, b]\n")
            << ErrorCode::InvalidInput << QStringLiteral("single value");
        QTest::newRow("bad endpoint")
            << QByteArray("kind: Namespace\nspec:\n  name: x\n  k8sControlPlane:\n    endpoint: \"ftp://h\"\n")
            << ErrorCode::InvalidInput << QStringLiteral("cannot become a profile");
        QTest::newRow("binary garbage") << QByteArray("\x01\x02\xff\xfe: [\x00", 7) << ErrorCode::InvalidInput
                                        << QString();
    }

    void malformedNamespaces()
    {
        QFETCH(QByteArray, text);
        QFETCH(ErrorCode, code);
        QFETCH(QString, fragment);
        auto r = PotctlImport::parseNamespace(text, QStringLiteral("/tmp/ns/x.yaml"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, code);
        QVERIFY2(r.error().message.contains(fragment), qPrintable(r.error().message));
    }

    void endpointNormalisation_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("bare host") << QStringLiteral("203.0.113.10") << QStringLiteral("http://203.0.113.10:51121");
        QTest::newRow("host:port") << QStringLiteral("ctrl.local:8080") << QStringLiteral("http://ctrl.local:8080");
        QTest::newRow("https kept") << QStringLiteral(" https://c.example.com ") << QStringLiteral("https://c.example.com");
        QTest::newRow("http kept") << QStringLiteral("http://c:51121/") << QStringLiteral("http://c:51121/");
        QTest::newRow("empty") << QString() << QString();
    }

    void endpointNormalisation()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(PotctlImport::normaliseEndpoint(in), out);
    }
};

QTEST_GUILESS_MAIN(TstPotctlImport)
#include "tst_potctlimport.moc"
