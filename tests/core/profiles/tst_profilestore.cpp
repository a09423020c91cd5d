#include "core/profiles/memorysecretstore.h"
#include "core/profiles/profilestore.h"
#include "core/profiles/secretkeys.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Pot;
using namespace Pot::Profiles;

namespace {

const char kCaPem[] = "-----BEGIN CERTIFICATE-----\n"
                      "MIIBmDCCAT2gAwIBAgIUKdj8S6uaAc5bUIa55tLdFiYV8AowCgYIKoZIzj0EAwIw\n"
                      "IDEeMBwGA1UEAwwVUHJvZmlsZSBTdG9yZSBUZXN0IENBMCAXDTI2MTIwNTAxMTQw\n"
                      "OVoYDzIxMjYxMTExMDExNDA5WjAgMR4wHAYDVQQDDBVQcm9maWxlIFN0b3JlIFRl\n"
                      "c3QgQ0EwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATDxPoeLb9Pj/pQ1J7DYcpL\n"
                      "n51Jt1XaZ91L30IBQEfavfqrCm15D9uEQzMb8XqppDv+16UAZgXKSuSlgA1LTbwO\n"
                      "o1MwUTAdBgNVHQ4EFgQUMEfAMQSFtx9NEiYFhb6RqGE0KqMwHwYDVR0jBBgwFoAU\n"
                      "MEfAMQSFtx9NEiYFhb6RqGE0KqMwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQD\n"
                      "AgNJADBGAiEAl6Fmtfxh9bWhRf5Bbai4FX0WtaWYvOqkSC8nPmU2pr4CIQDqZ4Y4\n"
                      "ySI5yv7fprj0Ja+yKoRm0fyTZhsUyHvyOW9jFA==\n"
                      "-----END CERTIFICATE-----\n";

Profile passwordProfile(const QString &name)
{
    Profile p;
    p.name = name;
    p.controllerUrl = QStringLiteral("https://controller.%1.example.com:51121").arg(name);
    p.email = QStringLiteral("ops@example.com");
    p.colour = QStringLiteral("#cc3300");
    p.refreshIntervalSec = 15;
    return p;
}

Profile browserProfile(const QString &name)
{
    Profile p;
    p.name = name;
    p.controllerUrl = QStringLiteral("10.0.0.7:51121");
    p.auth = AuthKind::Browser;
    p.keycloakUrl = QStringLiteral("https://auth.example.com/");
    p.keycloakRealm = QStringLiteral("pot");
    p.keycloakClientId = QStringLiteral("ecn-viewer");
    p.caCertificatePem = QString::fromLatin1(kCaPem);
    p.pinnedSha256 = QStringLiteral(
        "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89");
    p.readOnly = true;
    p.rememberPassword = false;
    return p;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

void writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

} // namespace

Q_DECLARE_METATYPE(Pot::Profiles::Profile)

class TstProfileStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path() const { return m_dir.filePath(QStringLiteral("cfg/profiles.yaml")); }

private Q_SLOTS:
    void initTestCase()
    {
        Test::initTestEnvironment();
        QVERIFY(m_dir.isValid());
    }

    void cleanup()
    {
        QDir(m_dir.filePath(QStringLiteral("cfg"))).removeRecursively();
    }

    // Two programs on one file (the console and pot-console-cli): each change is made on the file as
    // it is then, so neither loses the other's profile; a change elsewhere is adopted and said.
    void twoStoresOnOneFileLoseNothing()
    {
        ProfileStore console(path());
        ProfileStore cli(path());
        QVERIFY_RESULT(console.load());
        QVERIFY_RESULT(cli.load());
        QSignalSpy elsewhere(&console, &ProfileStore::changedElsewhere);
        QVERIFY_RESULT(console.add(passwordProfile(QStringLiteral("from-console"))));
        QVERIFY_RESULT(cli.add(passwordProfile(QStringLiteral("from-cli"))));       // cli had not read the first
        QVERIFY_RESULT(console.add(browserProfile(QStringLiteral("second-from-console"))));
        QCOMPARE(elsewhere.count(), 1); // the CLI's profile, adopted before the console wrote
        ProfileStore reread(path());
        QVERIFY_RESULT(reread.load());
        QCOMPARE(reread.count(), 3);
        QVERIFY(reread.findByName(QStringLiteral("from-cli")));

        // Removed elsewhere: an update of it is refused (NotFound), not written back.
        const Profile gone = *cli.findByName(QStringLiteral("from-console"));
        QVERIFY_RESULT(console.remove(gone.id));
        Profile edited = gone;
        edited.email = QStringLiteral("someone@example.com");
        const Status updated = cli.update(edited);
        QVERIFY(!updated);
        QCOMPARE(updated.error().code, ErrorCode::NotFound);
        QCOMPARE(cli.count(), 2);

        // reloadIfChanged: only when the file really changed, and it writes nothing in the folder
        // (the console watches it: a lock file made and removed there would wake it again).
        const QStringList before = QDir(QFileInfo(path()).absolutePath()).entryList(QDir::Files | QDir::Hidden);
        QVERIFY(!console.reloadIfChanged());
        QCOMPARE(QDir(QFileInfo(path()).absolutePath()).entryList(QDir::Files | QDir::Hidden), before);
        QVERIFY_RESULT(cli.add(passwordProfile(QStringLiteral("third"))));
        QVERIFY(console.reloadIfChanged());
        QVERIFY(console.findByName(QStringLiteral("third")));
        QVERIFY(!console.reloadIfChanged());
    }

    void defaultPathIsInPlatformConfigDir()
    {
        const QString expected = qEnvironmentVariable("XDG_CONFIG_HOME");
        QVERIFY(!expected.isEmpty());
        QVERIFY2(ProfileStore::defaultFilePath().startsWith(expected),
                 qPrintable(ProfileStore::defaultFilePath()));
        QVERIFY(ProfileStore::defaultFilePath().endsWith(u"/profiles.yaml"));
    }

    void missingFileIsEmpty()
    {
        ProfileStore store(path());
        QSignalSpy reset(&store, &ProfileStore::profilesReset);
        QVERIFY_RESULT(store.load());
        QCOMPARE(store.count(), 0);
        QCOMPARE(reset.count(), 1);
        QVERIFY(!QFileInfo::exists(path())); // loading alone writes nothing
    }

    void roundTrip()
    {
        ProfileStore store(path());
        QVERIFY_RESULT(store.load());
        auto a = store.add(passwordProfile(QStringLiteral("production-eu")));
        QVERIFY_RESULT(a);
        QVERIFY(!a->id.isNull());
        auto b = store.add(browserProfile(QStringLiteral("lab")));
        QVERIFY_RESULT(b);

        ProfileStore again(path());
        QVERIFY_RESULT(again.load());
        QCOMPARE(again.count(), 2);
        QVERIFY(again.profiles().at(0) == *a);
        QVERIFY(again.profiles().at(1) == *b);
        QCOMPARE(again.profiles().at(1).caCertificatePem, QString::fromLatin1(kCaPem));
        QCOMPARE(again.profiles().at(1).auth, AuthKind::Browser);
        QVERIFY(again.profiles().at(1).readOnly);
        QCOMPARE(again.profiles().at(0).refreshIntervalSec, 15);
    }

    void savedFileIsPrivateAndHumanReadable()
    {
        ProfileStore store(path());
        QVERIFY_RESULT(store.load());
        QVERIFY_RESULT(store.add(passwordProfile(QStringLiteral("prod"))));
#ifdef Q_OS_UNIX
        const QFileDevice::Permissions perms = QFileInfo(path()).permissions();
        QVERIFY(perms.testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
                                                | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                                | QFileDevice::WriteOther | QFileDevice::ExeOther;
        QCOMPARE(int(perms & others), 0); // 0600
#endif
        const QString text = QString::fromUtf8(readAll(path()));
        QVERIFY(text.contains(u"name: prod"));
        QVERIFY(text.contains(u"controllerUrl: https://controller.prod.example.com:51121"));
        QVERIFY(text.contains(u"version: 1"));
    }

    void noSecretInFile()
    {
        // The user ticked "remember password" and signed in: the secrets go to the secret store,
        // the profile file must still hold none of them.
        ProfileStore store(path());
        QVERIFY_RESULT(store.load());
        Profile p = passwordProfile(QStringLiteral("prod"));
        p.rememberPassword = true;
        auto added = store.add(p);
        QVERIFY_RESULT(added);

        const QByteArray password("Sup3r-s3cret-Passw0rd");
        const QByteArray refresh("eyJhbGciOiJIUzI1NiJ9.refresh-token-value.sig");
        MemorySecretStore secrets;
        int writes = 0;
        secrets.write(SecretKeys::passwordKey(added->id), SecretBytes(password), this,
                      [&writes](Status s) { QVERIFY(s.ok()); ++writes; });
        secrets.write(SecretKeys::refreshTokenKey(added->id), SecretBytes(refresh), this,
                      [&writes](Status s) { QVERIFY(s.ok()); ++writes; });
        QTRY_COMPARE(writes, 2);
        Profile renamed = *added;
        renamed.name = QStringLiteral("prod-eu");
        QVERIFY_RESULT(store.update(renamed)); // saves again after the secrets exist

        const QByteArray file = readAll(path());
        QVERIFY(!file.isEmpty());
        QVERIFY(!file.contains(password));
        QVERIFY(!file.contains(refresh));
        static const QRegularExpression secretKey(
            QStringLiteral("^\\s*-?\\s*(password|passwd|token|accessToken|refreshToken|seed|secret|"
                           "privateKey)\\s*:"),
            QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption);
        const QRegularExpressionMatch m = secretKey.match(QString::fromUtf8(file));
        QVERIFY2(!m.hasMatch(), qPrintable(m.captured(0)));
        QVERIFY(file.contains("rememberPassword: true")); // the choice is stored, not the secret
    }

    void namesAreUnique()
    {
        ProfileStore store(path());
        QVERIFY_RESULT(store.load());
        QVERIFY_RESULT(store.add(passwordProfile(QStringLiteral("prod"))));
        auto second = store.add(passwordProfile(QStringLiteral("staging")));
        QVERIFY_RESULT(second);

        Profile same = passwordProfile(QStringLiteral("other"));
        same.name = QStringLiteral("  PROD ");
        auto dup = store.add(same);
        QVERIFY(!dup.ok());
        QCOMPARE(dup.error().code, ErrorCode::Conflict);
        QVERIFY(dup.error().message.contains(u"prod"));

        Profile renamed = *second;
        renamed.name = QStringLiteral("Prod");
        const Status st = store.update(renamed);
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, ErrorCode::Conflict);
        QCOMPARE(store.findById(second->id)->name, QStringLiteral("staging"));

        QCOMPARE(store.uniqueName(QStringLiteral("prod")), QStringLiteral("prod (2)"));
        QCOMPARE(store.uniqueName(QStringLiteral("dev")), QStringLiteral("dev"));

        ProfileStore reread(path());
        QVERIFY_RESULT(reread.load());
        QCOMPARE(reread.count(), 2);
    }

    void addUpdateRemoveFindAndSignals()
    {
        ProfileStore store(path());
        QVERIFY_RESULT(store.load());
        QSignalSpy added(&store, &ProfileStore::profileAdded);
        QSignalSpy updated(&store, &ProfileStore::profileUpdated);
        QSignalSpy aboutToRemove(&store, &ProfileStore::profileAboutToBeRemoved);
        QSignalSpy removed(&store, &ProfileStore::profileRemoved);

        auto a = store.add(passwordProfile(QStringLiteral("a")));
        auto b = store.add(passwordProfile(QStringLiteral("b")));
        QVERIFY_RESULT(a);
        QVERIFY_RESULT(b);
        QCOMPARE(added.count(), 2);
        QCOMPARE(added.at(1).at(0).toInt(), 1);

        QCOMPARE(store.findByName(QStringLiteral(" B "))->id, b->id);
        QCOMPARE(store.indexOf(b->id), 1);
        QVERIFY(!store.findById(QUuid::createUuid()));

        Profile changed = *a;
        changed.readOnly = true;
        changed.controllerUrl = QStringLiteral("  https://new.example.com  ");
        QVERIFY_RESULT(store.update(changed));
        QCOMPARE(updated.count(), 1);
        QCOMPARE(store.findById(a->id)->controllerUrl, QStringLiteral("https://new.example.com"));

        QVERIFY_RESULT(store.remove(a->id));
        QCOMPARE(aboutToRemove.count(), 1);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(0).toInt(), 0);
        QCOMPARE(store.count(), 1);

        const Status gone = store.remove(a->id);
        QCOMPARE(gone.error().code, ErrorCode::NotFound);
        Profile ghost = passwordProfile(QStringLiteral("ghost"));
        ghost.id = QUuid::createUuid();
        QCOMPARE(store.update(ghost).error().code, ErrorCode::NotFound);

        ProfileStore reread(path());
        QVERIFY_RESULT(reread.load());
        QCOMPARE(reread.count(), 1);
        QCOMPARE(reread.profiles().at(0).name, QStringLiteral("b"));
    }

    void failedSaveLeavesStoreUnchanged()
    {
        // The parent "folder" is a regular file, so the directory cannot be created.
        const QString blocker = m_dir.filePath(QStringLiteral("cfg/blocker"));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("cfg"))));
        writeAll(blocker, "not a folder");
        ProfileStore store(blocker + QStringLiteral("/profiles.yaml"));
        QVERIFY_RESULT(store.load());
        QSignalSpy added(&store, &ProfileStore::profileAdded);
        auto r = store.add(passwordProfile(QStringLiteral("prod")));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Io);
        QCOMPARE(store.count(), 0);
        QCOMPARE(added.count(), 0);
    }

    void unknownKeysAreIgnored()
    {
        QVERIFY(QDir().mkpath(QFileInfo(path()).absolutePath()));
        writeAll(path(), "version: 1\n"
                         "futureSetting: {a: 1}\n"
                         "profiles:\n"
                         "  - id: 5d1e9d4e-7f51-4f4e-9a57-3f3b8f9f2a10\n"
                         "    name: edge\n"
                         "    controllerUrl: http://192.168.1.10:51121\n"
                         "    theme: dark\n"
                         "    refreshIntervalSec: 60\n");
        ProfileStore store(path());
        QVERIFY_RESULT(store.load());
        QCOMPARE(store.count(), 1);
        QCOMPARE(store.profiles().at(0).name, QStringLiteral("edge"));
        QCOMPARE(store.profiles().at(0).auth, AuthKind::Password);
        QCOMPARE(store.profiles().at(0).refreshIntervalSec, 60);
        QVERIFY(store.backupPath().isEmpty());
    }

    void corruptFileKeepsBackup_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");

        const QByteArray head = "version: 1\nprofiles:\n  - id: 5d1e9d4e-7f51-4f4e-9a57-3f3b8f9f2a10\n";
        QTest::newRow("unclosed flow") << QByteArray("version: 1\nprofiles: [ {name: a\n")
                                       << QStringLiteral("line 3");
        QTest::newRow("bad indentation") << QByteArray("version: 1\nprofiles:\n  - name: a\n   x: : :\n")
                                         << QStringLiteral("line");
        QTest::newRow("profiles not a list") << QByteArray("version: 1\nprofiles: yes\n")
                                             << QStringLiteral("must be a list");
        QTest::newRow("root is a list") << QByteArray("- a\n- b\n") << QStringLiteral("top level");
        QTest::newRow("missing id") << QByteArray("profiles:\n  - name: a\n    controllerUrl: http://h:1\n")
                                    << QStringLiteral("\"id\"");
        QTest::newRow("bad colour") << head + "    name: a\n    controllerUrl: http://h\n    colour: red\n"
                                    << QStringLiteral("#rrggbb");
        QTest::newRow("bad auth") << head + "    name: a\n    controllerUrl: http://h\n    auth: token\n"
                                  << QStringLiteral("\"auth\"");
        QTest::newRow("bad bool") << head + "    name: a\n    controllerUrl: http://h\n    readOnly: maybe\n"
                                  << QStringLiteral("true or false");
        QTest::newRow("refresh not a number")
            << head + "    name: a\n    controllerUrl: http://h\n    refreshIntervalSec: often\n"
            << QStringLiteral("whole number");
        QTest::newRow("refresh out of range")
            << head + "    name: a\n    controllerUrl: http://h\n    refreshIntervalSec: 0\n"
            << QStringLiteral("between 1 and 3600");
        QTest::newRow("duplicate names")
            << head + "    name: a\n    controllerUrl: http://h\n"
                      "  - id: 6d1e9d4e-7f51-4f4e-9a57-3f3b8f9f2a10\n    name: A\n    controllerUrl: http://h\n"
            << QStringLiteral("used twice");
        QTest::newRow("newer format") << QByteArray("version: 7\nprofiles: []\n")
                                      << QStringLiteral("newer PoT Console");
        QTest::newRow("name is a map") << head + "    name: {first: a}\n    controllerUrl: http://h\n"
                                       << QStringLiteral("single value");
    }

    void corruptFileKeepsBackup()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QVERIFY(QDir().mkpath(QFileInfo(path()).absolutePath()));
        writeAll(path(), content);

        ProfileStore store(path());
        const Status st = store.load();
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, ErrorCode::InvalidInput);
        QVERIFY2(st.error().message.contains(expected), qPrintable(st.error().toString()));
        QVERIFY2(st.error().message.contains(u"profiles.yaml"), qPrintable(st.error().message));
        QCOMPARE(store.count(), 0);

        // The unusable file is kept, byte for byte, and the message says where.
        QCOMPARE(store.backupPath(), path() + QStringLiteral(".bak"));
        QCOMPARE(readAll(store.backupPath()), content);
        QVERIFY(st.error().message.contains(QDir::toNativeSeparators(store.backupPath())));
        QCOMPARE(readAll(path()), content); // loading alone does not overwrite it

        // Read again (every pot-console-cli command reads it): the same copy, not another one.
        ProfileStore second(path());
        QVERIFY(!second.load().ok());
        QCOMPARE(second.backupPath(), path() + QStringLiteral(".bak"));
        QVERIFY(!QFileInfo::exists(path() + QStringLiteral(".bak.1")));
        // Another unusable file gets a copy of its own; the first copy is kept.
        writeAll(path(), content + "\n# edited\n");
        ProfileStore third(path());
        QVERIFY(!third.load().ok());
        QCOMPARE(third.backupPath(), path() + QStringLiteral(".bak.1"));
        QCOMPARE(readAll(path() + QStringLiteral(".bak")), content);

        // Starting afresh works and the copies survive.
        QVERIFY_RESULT(store.add(passwordProfile(QStringLiteral("fresh"))));
        QCOMPARE(readAll(path() + QStringLiteral(".bak")), content);
        ProfileStore reread(path());
        QVERIFY_RESULT(reread.load());
        QCOMPARE(reread.count(), 1);
    }

    void syntaxErrorNamesLineAndColumn()
    {
        auto r = ProfileStore::parse("version: 1\nprofiles:\n  - name: \"unterminated\n", QStringLiteral("p.yaml"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QRegularExpression(QStringLiteral("line \\d+, column \\d+"))),
                 qPrintable(r.error().message));
        QVERIFY(r.error().message.startsWith(u"p.yaml"));
    }

    void validation_data()
    {
        QTest::addColumn<Profile>("profile");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("fragment");

        const auto withId = [](Profile p) { p.id = QUuid::createUuid(); return p; };
        const Profile good = withId(passwordProfile(QStringLiteral("prod")));
        QTest::newRow("good password") << good << true << QString();
        QTest::newRow("good browser") << withId(browserProfile(QStringLiteral("lab"))) << true << QString();
        Profile p = good;
        p.name = QStringLiteral("   ");
        QTest::newRow("empty name") << p << false << QStringLiteral("name");
        p = good;
        p.controllerUrl.clear();
        QTest::newRow("no url") << p << false << QStringLiteral("no Controller URL");
        p = good;
        p.controllerUrl = QStringLiteral("ftp://host");
        QTest::newRow("ftp url") << p << false << QStringLiteral("not a valid Controller URL");
        p = good;
        p.controllerUrl = QStringLiteral("http://exa mple.com");
        QTest::newRow("space in url") << p << false << QStringLiteral("not a valid Controller URL");
        p = good;
        p.controllerUrl = QStringLiteral("controller.local:51121");
        QTest::newRow("host:port") << p << true << QString();
        p = good;
        p.email = QStringLiteral("nobody");
        QTest::newRow("bad email") << p << false << QStringLiteral("e-mail");
        p = withId(browserProfile(QStringLiteral("lab")));
        p.keycloakRealm.clear();
        QTest::newRow("browser without realm") << p << false << QStringLiteral("Keycloak");
        p = good;
        p.keycloakUrl = QStringLiteral("auth.example.com");
        QTest::newRow("keycloak without scheme") << p << false << QStringLiteral("Keycloak URL");
        p = good;
        p.caCertificatePem = QStringLiteral("MIIB...");
        QTest::newRow("ca not pem") << p << false << QStringLiteral("PEM");
        p = good;
        p.caCertificatePem = QString::fromLatin1(kCaPem).remove(u'\n'); // pasted as one line
        QTest::newRow("ca on one line") << p << true << QString();
        p = good;
        p.caCertificatePem = QString::fromLatin1(kCaPem).section(u'\n', 0, 3);
        QTest::newRow("ca cut off") << p << false << QStringLiteral("no -----END CERTIFICATE----- line");
        p = good;
        p.caCertificatePem = QString::fromLatin1(kCaPem).replace(QStringLiteral("MIIB"), QStringLiteral("MI*B"));
        QTest::newRow("ca not base64") << p << false << QStringLiteral("not valid base64");
        p = good;
        p.caCertificatePem = QStringLiteral("-----BEGIN CERTIFICATE-----\naGVsbG8=\n-----END CERTIFICATE-----");
        QTest::newRow("ca not a certificate") << p << false << QStringLiteral("not an X.509 certificate");
        p = good;
        p.pinnedSha256 = QStringLiteral("abcd");
        QTest::newRow("short pin") << p << false << QStringLiteral("SHA-256");
        p = good;
        p.pinnedSha256 = QString(64, u'a');
        QTest::newRow("pin without colons") << p << true << QString();
        p = good;
        p.colour = QStringLiteral("#12345");
        QTest::newRow("short colour") << p << false << QStringLiteral("#rrggbb");
        p = good;
        p.refreshIntervalSec = 3601;
        QTest::newRow("refresh too long") << p << false << QStringLiteral("refresh");
    }

    // A CA pasted with its line breaks stripped is stored re-wrapped, and Connect can use it.
    void oneLineCaIsStoredWrapped()
    {
        QTemporaryDir dir;
        ProfileStore store(dir.filePath(QStringLiteral("profiles.yaml")));
        Profile p = passwordProfile(QStringLiteral("one-line"));
        p.caCertificatePem = QString::fromLatin1(kCaPem).remove(u'\n');
        QVERIFY(!p.caCertificatePem.contains(u'\n'));
        auto added = store.add(p);
        QVERIFY_RESULT(added);
        const std::optional<Profile> saved = store.findById(added->id);
        QVERIFY(saved);
        QCOMPARE(saved->caCertificatePem, QString::fromLatin1(kCaPem));
    }

    // A CA text an older version accepted (a readable first certificate, then a cut-off one) must
    // not make the whole file unreadable; saving it again is refused with the reason.
    void oldCaTextStillLoads()
    {
        Profile p = passwordProfile(QStringLiteral("old"));
        p.id = QUuid::createUuid();
        p.caCertificatePem = QString::fromLatin1(kCaPem) + QStringLiteral("-----BEGIN CERTIFICATE-----\nMIIB\n");
        auto parsed = ProfileStore::parse(ProfileStore::serialize({p}), QStringLiteral("profiles.yaml"));
        QVERIFY_RESULT(parsed);
        QCOMPARE(parsed->size(), 1);
        const Status strict = ProfileStore::validate(p);
        QVERIFY(!strict.ok());
        QVERIFY(strict.error().message.contains(u"certificate 2 has no -----END CERTIFICATE----- line"));
    }

    void validation()
    {
        QFETCH(Profile, profile);
        QFETCH(bool, valid);
        QFETCH(QString, fragment);
        const Status st = ProfileStore::validate(profile);
        QCOMPARE(st.ok(), valid);
        if (!valid) {
            QCOMPARE(st.error().code, ErrorCode::InvalidInput);
            QVERIFY2(st.error().message.contains(fragment), qPrintable(st.error().message));
        }
    }
};

QTEST_GUILESS_MAIN(TstProfileStore)
#include "tst_profilestore.moc"
