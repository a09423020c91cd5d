// pot-console-cli against the stand-in Controller, run as a separate process (as scripts run it),
// under a private session bus with an unlocked gnome-keyring (the real keychain, in the test's own
// HOME): profiles shared with the console's store, sign-in kept in the keychain and shared with the
// console's session both ways, get/describe/delete, read-only and RBAC refusals decided before the
// request, exit codes, https with a test CA and a pin, no keychain, completion scripts, and no secret
// anywhere in what it printed or wrote.
#include "core/net/controllerclient.h"
#include "core/profiles/keychainsecretstore.h"
#include "core/profiles/profilestore.h"
#include "core/profiles/secretkeys.h"
#include "core/session/controlplanesession.h"
#include "standincontroller.h"
#include "standinkeycloak.h"
#include "testpki.h"
#include "testutil.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <yaml-cpp/yaml.h>

using namespace Pot;

namespace {

constexpr int Wait = 60000;
const QString Admin = QStringLiteral("admin@example.com");
const QByteArray AdminPassword = "admin-pass";

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

QJsonArray fixtureArray(const QString &file, QStringView key)
{
    return QJsonDocument::fromJson(Test::fixture(file)).object().value(key).toArray();
}

} // namespace

class TstCliController : public QObject
{
    Q_OBJECT

    Test::StandInController m_controller;
    /// POT_CLI_HTTPS: the whole run over https, the profiles trusting a test CA.
    std::unique_ptr<Test::TestPki> m_pki;

    /// What `profile add` needs to trust the stand-in (nothing over http).
    QStringList trust() const
    {
        return m_pki ? QStringList{QStringLiteral("--ca"), m_pki->caCertPath()} : QStringList{};
    }
    /// `profile add NAME --url <stand-in> --email E [--ca …]` plus `extra`.
    Run addProfile(const QString &name, const QString &email, const QStringList &extra = {})
    {
        return cli(QStringList{QStringLiteral("profile"), QStringLiteral("add"), name, QStringLiteral("--url"), m_controller.address(),
                               QStringLiteral("--email"), email} + trust() + extra);
    }
    QStringList m_transcript; ///< every argument list, stdout and stderr, for the secret scan
    QStringList m_writtenSecrets; ///< creds files the user asked for (they hold a seed by design)
    QList<QByteArray> m_seeds;

    /// Runs the CLI while this process keeps serving the stand-in.
    Run cli(const QStringList &args, const QByteArray &input = {}, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(POT_CLI_EXE), args);
        if (!p.waitForStarted(10000))
            return {};
        p.write(input);
        p.closeWriteChannel();
        if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, Wait)) {
            p.kill();
            p.waitForFinished();
            return {};
        }
        Run r{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
              QString::fromUtf8(p.readAllStandardError())};
        m_transcript << args.join(u' ') << r.out << r.err;
        return r;
    }

    static QString configDir()
    {
        return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QStringLiteral("/Datasance/pot-console");
    }

    /// The console's own store of the same file (what the GUI reads).
    static std::optional<Profiles::Profile> consoleProfile(const QString &name)
    {
        Profiles::ProfileStore store(configDir() + QStringLiteral("/profiles.yaml"));
        if (!store.load())
            return std::nullopt;
        return store.findByName(name);
    }

    /// The console's side of the keychain: its session for profile `name`, as the GUI makes it.
    struct Console
    {
        Profiles::KeychainSecretStore keychain;
        std::unique_ptr<Session::ControlPlaneSession> session;

        bool open(const QString &name)
        {
            const std::optional<Profiles::Profile> p = consoleProfile(name);
            if (!p)
                return false;
            Session::ControlPlaneSession::Services services;
            services.secrets = &keychain;
            session = std::make_unique<Session::ControlPlaneSession>(*p, services);
            session->connectToController();
            return true;
        }
        /// Waits until the keychain holds the newest refresh token the stand-in handed out (the
        /// session writes it there after a sign-in or a refresh).
        bool holdsNewest(const Test::StandInController &controller)
        {
            QList<QByteArray> own = controller.issuedTokens();
            for (const QByteArray &t : controller.keycloak().issuedTokens())
                own.removeAll(t);
            const QByteArray newest = own.constLast();
            return QTest::qWaitFor([&] {
                std::optional<Result<SecretBytes>> read;
                keychain.read(Profiles::SecretKeys::refreshTokenKey(session->profile().id), session.get(),
                              [&read](Result<SecretBytes> r) { read = std::move(r); });
                if (!QTest::qWaitFor([&] { return read.has_value(); }, Wait) || !*read)
                    return false;
                return (*read)->revealCopy() == newest;
            }, Wait);
        }
    };

private Q_SLOTS:
    void initTestCase()
    {
        Test::initTestEnvironment();
        QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"), "runs under dbus-run-session with gnome-keyring (ctest)");
        QDir(configDir()).removeRecursively();
        QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QStringLiteral("/nats")).removeRecursively();
        QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/Datasance")).removeRecursively();
        if (qEnvironmentVariableIsSet("POT_CLI_HTTPS")) {
            m_pki = std::make_unique<Test::TestPki>();
            QVERIFY_RESULT(m_pki->generate());
            QVERIFY(m_controller.listen(m_pki->serverConfiguration()));
            QVERIFY(m_controller.address().startsWith(u"https://"));
        } else {
            QVERIFY(m_controller.listen());
        }
    }

    void helpNamesTheExitCodes()
    {
        const Run r = cli({QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        for (const char *line : {"3  not signed in", "4  refused by RBAC or by a read-only profile", "profile add", "login", "get", "describe"})
            QVERIFY2(r.out.contains(QLatin1StringView(line)), line);
        QVERIFY(r.out.contains(u"\n  apply"));
    }

    // profile add writes the console's profiles.yaml; the console's store reads it; a profile the
    // console adds is listed by the CLI.
    void profilesAreTheConsoles()
    {
        Run r = addProfile(QStringLiteral("lab"), Admin);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const std::optional<Profiles::Profile> lab = consoleProfile(QStringLiteral("lab"));
        QVERIFY(lab);
        QCOMPARE(lab->controllerUrl, m_controller.address());
        QCOMPARE(lab->email, Admin);

        Profiles::ProfileStore console(configDir() + QStringLiteral("/profiles.yaml"));
        QVERIFY_RESULT(console.load());
        Profiles::Profile viewer;
        viewer.name = QStringLiteral("lab-viewer");
        viewer.controllerUrl = m_controller.address();
        viewer.email = QStringLiteral("viewer@example.com");
        if (m_pki)
            viewer.caCertificatePem = QString::fromLatin1(m_pki->caPem());
        QVERIFY_RESULT(console.add(viewer));

        r = cli({QStringLiteral("profile"), QStringLiteral("list"), QStringLiteral("-o"), QStringLiteral("json")});
        QCOMPARE(r.code, 0);
        const QJsonArray list = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QStringList names;
        for (const QJsonValue &v : list)
            names << v.toObject().value(u"name").toString();
        QCOMPARE(names, (QStringList{QStringLiteral("lab"), QStringLiteral("lab-viewer")}));

        // Two profiles: a command must be told which one.
        r = cli({QStringLiteral("get"), QStringLiteral("agents")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(u"--profile NAME"));
        r = cli({QStringLiteral("profile"), QStringLiteral("use"), QStringLiteral("lab")});
        QCOMPARE(r.code, 0);
        r = cli({QStringLiteral("profile"), QStringLiteral("list")});
        QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("\\*\\s+lab\\s"))), qPrintable(r.out));
    }

    // The CLI and the console change profiles.yaml at the same time: nothing is lost.
    void concurrentChangesLoseNothing()
    {
        QList<QProcess *> running;
        for (int i = 0; i < 6; ++i) {
            auto *p = new QProcess(this);
            p->start(QStringLiteral(POT_CLI_EXE), {QStringLiteral("profile"), QStringLiteral("add"), QStringLiteral("cli-%1").arg(i),
                                                  QStringLiteral("--url"), QStringLiteral("https://cli-%1.example.invalid").arg(i)});
            running << p;
        }
        Profiles::ProfileStore console(configDir() + QStringLiteral("/profiles.yaml"));
        QVERIFY_RESULT(console.load());
        for (int i = 0; i < 6; ++i) {
            Profiles::Profile p;
            p.name = QStringLiteral("gui-%1").arg(i);
            p.controllerUrl = QStringLiteral("https://gui-%1.example.invalid").arg(i);
            QVERIFY_RESULT(console.add(p));
        }
        for (QProcess *p : std::as_const(running)) {
            QVERIFY(p->waitForFinished(Wait));
            QCOMPARE(p->exitCode(), 0);
        }
        Profiles::ProfileStore reread(configDir() + QStringLiteral("/profiles.yaml"));
        QVERIFY_RESULT(reread.load());
        for (int i = 0; i < 6; ++i) {
            QVERIFY2(reread.findByName(QStringLiteral("cli-%1").arg(i)), qPrintable(QString::number(i)));
            QVERIFY2(reread.findByName(QStringLiteral("gui-%1").arg(i)), qPrintable(QString::number(i)));
        }
        // The console's own store sees the CLI's profiles too (it re-reads before it writes).
        QVERIFY(console.reloadIfChanged() || console.findByName(QStringLiteral("cli-5")));
        QVERIFY(console.findByName(QStringLiteral("cli-0")));
        for (int i = 0; i < 6; ++i) {
            QCOMPARE(cli({QStringLiteral("profile"), QStringLiteral("remove"), QStringLiteral("cli-%1").arg(i), QStringLiteral("--yes")}).code, 0);
            QCOMPARE(cli({QStringLiteral("profile"), QStringLiteral("remove"), QStringLiteral("gui-%1").arg(i), QStringLiteral("--yes")}).code, 0);
        }
    }

    void notSignedInIsExitThree()
    {
        const Run r = cli({QStringLiteral("get"), QStringLiteral("agents")});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains(u"login"), qPrintable(r.err));
        QCOMPARE(r.err.count(u'\n'), 1); // one line
    }

    // A sign-in in the CLI lands in the keychain; get reads with it; the console's own session
    // resumes from it without asking.
    void signInOnceServesBoth()
    {
        Run r = cli({QStringLiteral("login"), QStringLiteral("--password-stdin")}, AdminPassword + '\n');
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(u"Signed in to lab"));
        QVERIFY2(!r.err.contains(u"keychain"), qPrintable(r.err));
        const int logins = m_controller.loginCount();

        r = cli({QStringLiteral("get"), QStringLiteral("agents"), QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array(), fixtureArray(QStringLiteral("GET_iofog-list.json"), u"fogs"));
        QCOMPARE(m_controller.loginCount(), logins); // the saved session, no second sign-in

        // The console (its session, its keychain store) resumes the CLI's session.
        Console console;
        QVERIFY(console.open(QStringLiteral("lab")));
        QTRY_COMPARE_WITH_TIMEOUT(console.session->state(), ConnectionState::SignedIn, Wait);
        QCOMPARE(m_controller.loginCount(), logins);
        QVERIFY(console.holdsNewest(m_controller)); // its refreshed token, for the CLI's next command
    }


    // The console and the CLI share one session whose refresh token works once: when the CLI
    // renews it, the token the console holds is spent. The console then continues with the
    // keychain's token instead of signing the user out (and deleting the CLI's session).
    void bothStaySignedInWhileTheOtherRenews()
    {
        Console console;
        QVERIFY(console.open(QStringLiteral("lab")));
        QTRY_COMPARE_WITH_TIMEOUT(console.session->state(), ConnectionState::SignedIn, Wait);
        QVERIFY(console.holdsNewest(m_controller));
        QCOMPARE(cli({QStringLiteral("get"), QStringLiteral("agents"), QStringLiteral("-o"), QStringLiteral("name")}).code, 0);

        m_controller.revokeAccessTokens(); // the console's next request needs a refresh
        auto request = [&] {
            std::optional<Result<Net::ApiResponse>> answer;
            QObject context;
            console.session->client()->send(Net::ApiRequest::list(QStringLiteral("/iofog-list")), &context,
                                            [&answer](Result<Net::ApiResponse> r) { answer = std::move(r); });
            (void)QTest::qWaitFor([&] { return answer.has_value(); }, Wait);
            return answer && *answer;
        };
        (void)request(); // may fail while the spent token is replaced
        QTRY_COMPARE_WITH_TIMEOUT(console.session->state(), ConnectionState::SignedIn, Wait);
        QVERIFY(request());
        QVERIFY(console.holdsNewest(m_controller));
        const Run r = cli({QStringLiteral("get"), QStringLiteral("agents"), QStringLiteral("-o"), QStringLiteral("name")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }

    void tablesAndFormats()
    {
        Run r = cli({QStringLiteral("get"), QStringLiteral("agents")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines.at(0).startsWith(u"NAME") && lines.at(0).contains(u"STATUS"), qPrintable(lines.at(0)));
        QVERIFY(r.out.contains(u"edge-node-1") && r.out.contains(u"remote-hub"));
        QVERIFY(!r.out.contains(u"\x1b[")); // not a terminal: no colour

        r = cli({QStringLiteral("get"), QStringLiteral("agents"), QStringLiteral("-o"), QStringLiteral("name")});
        QCOMPARE(r.out, QStringLiteral("agents/edge-node-1\nagents/remote-hub\n"));

        r = cli({QStringLiteral("get"), QStringLiteral("nats-users"), QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array(), fixtureArray(QStringLiteral("GET_nats_users.json"), u"users"));

        r = cli({QStringLiteral("get"), QStringLiteral("rolebindings"), QStringLiteral("-o"), QStringLiteral("yaml")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const YAML::Node yaml = YAML::Load(r.out.toStdString());
        QVERIFY(yaml.IsSequence());
        QCOMPARE(int(yaml.size()), int(fixtureArray(QStringLiteral("GET_rolebindings.json"), u"bindings").size()));

        r = cli({QStringLiteral("get"), QStringLiteral("agents"), QStringLiteral("edge-node-1"), QStringLiteral("-o"), QStringLiteral("json")});
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), 1);
        r = cli({QStringLiteral("get"), QStringLiteral("agents"), QStringLiteral("no-such-agent")});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains(u"No agent named \"no-such-agent\""));
        r = cli({QStringLiteral("get"), QStringLiteral("widgets")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(u"account-rules") && r.err.contains(u"serviceaccounts"));

        r = cli({QStringLiteral("describe"), QStringLiteral("agent"), QStringLiteral("edge-node-1")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(u"agents edge-node-1 on lab\n"), qPrintable(r.out));
        QVERIFY(r.out.contains(u"8b6c66bf-ef7f-405b-8e04-d6c7bdd088fc"));
    }

    // Changes: asked on a terminal, --yes for scripts; refused before the request for a read-only
    // profile (4) and for a user whose roles do not allow it (4).
    void deleteIsGuarded()
    {
        m_controller.resources(QStringLiteral("configmaps"))
            << QJsonObject{{QStringLiteral("id"), 90}, {QStringLiteral("name"), QStringLiteral("cli-doomed")},
                           {QStringLiteral("immutable"), false}, {QStringLiteral("useVault"), true},
                           {QStringLiteral("data"), QJsonObject{{QStringLiteral("k"), QStringLiteral("v")}}}};
        const int deletes = m_controller.hits("DELETE", QStringLiteral("/api/v3/configmaps/cli-doomed"));
        Run r = cli({QStringLiteral("delete"), QStringLiteral("configmaps"), QStringLiteral("cli-doomed")});
        QCOMPARE(r.code, 2); // no terminal to ask on
        QVERIFY(r.err.contains(u"--yes"));
        QCOMPARE(m_controller.hits("DELETE", QStringLiteral("/api/v3/configmaps/cli-doomed")), deletes);

        // Viewer: RBAC says no before anything is sent.
        r = cli({QStringLiteral("login"), QStringLiteral("--profile"), QStringLiteral("lab-viewer"), QStringLiteral("--password-stdin")}, "viewer-pass\n");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = cli({QStringLiteral("delete"), QStringLiteral("cm"), QStringLiteral("cli-doomed"), QStringLiteral("--yes"), QStringLiteral("--profile"), QStringLiteral("lab-viewer")});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(u"do not grant configMaps:delete"), qPrintable(r.err));
        QCOMPARE(m_controller.hits("DELETE", QStringLiteral("/api/v3/configmaps/cli-doomed")), deletes);

        // Read-only profile: refused with the reason.
        r = addProfile(QStringLiteral("lab-ro"), Admin, {QStringLiteral("--read-only")});
        QCOMPARE(r.code, 0);
        r = cli({QStringLiteral("delete"), QStringLiteral("configmaps"), QStringLiteral("cli-doomed"), QStringLiteral("--yes"),
                 QStringLiteral("--profile"), QStringLiteral("lab-ro"), QStringLiteral("--password-stdin")}, AdminPassword + '\n');
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(u"read-only"), qPrintable(r.err));
        QCOMPARE(m_controller.hits("DELETE", QStringLiteral("/api/v3/configmaps/cli-doomed")), deletes);

        r = cli({QStringLiteral("delete"), QStringLiteral("configmaps"), QStringLiteral("cli-doomed"), QStringLiteral("--yes")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(m_controller.hits("DELETE", QStringLiteral("/api/v3/configmaps/cli-doomed")), deletes + 1);
        r = cli({QStringLiteral("get"), QStringLiteral("configmaps"), QStringLiteral("-o"), QStringLiteral("name")});
        QVERIFY(!r.out.contains(u"cli-doomed"));
    }

    // No keychain (no session bus): login says the session is not kept; a command signs in for
    // itself with --password-stdin.
    void withoutKeychain()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=%1/no-bus").arg(QDir::homePath()));
        Run r = cli({QStringLiteral("login"), QStringLiteral("--profile"), QStringLiteral("lab-ro"), QStringLiteral("--password-stdin")},
                    AdminPassword + '\n', env);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(u"No keychain is available"), qPrintable(r.err));
        r = cli({QStringLiteral("get"), QStringLiteral("roles"), QStringLiteral("--profile"), QStringLiteral("lab-ro")}, {}, env);
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains(u"--password-stdin"), qPrintable(r.err));
        r = cli({QStringLiteral("get"), QStringLiteral("roles"), QStringLiteral("--profile"), QStringLiteral("lab-ro"), QStringLiteral("--password-stdin")},
                AdminPassword + '\n', env);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"agent-admin"), qPrintable(r.out));
    }

    // logout in the CLI ends the console's saved session too; a sign-in in the console serves the CLI.
    void signInInTheConsoleServesTheCli()
    {
        Run r = cli({QStringLiteral("logout")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(u"Signed out of lab"));
        QTRY_VERIFY_WITH_TIMEOUT(m_controller.logoutCount() >= 1, Wait);
        QCOMPARE(cli({QStringLiteral("get"), QStringLiteral("agents")}).code, 3);

        {
            Console console;
            QVERIFY(console.open(QStringLiteral("lab")));
            QTRY_COMPARE_WITH_TIMEOUT(console.session->state(), ConnectionState::SignInRequired, Wait);
            console.session->signIn(Admin, QString::fromLatin1(AdminPassword), {}, false);
            QTRY_COMPARE_WITH_TIMEOUT(console.session->state(), ConnectionState::SignedIn, Wait);
            QVERIFY(console.holdsNewest(m_controller));
        }
        r = cli({QStringLiteral("get"), QStringLiteral("user-rules"), QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array(), fixtureArray(QStringLiteral("GET_nats_user-rules.json"), u"rules"));
    }

    // https: the profile's CA is trusted; a wrong pin is refused (1) and the fingerprint shown.
    void httpsWithCaAndPin()
    {
        Test::TestPki pki;
        QVERIFY_RESULT(pki.generate());
        Test::StandInController tls;
        QVERIFY(tls.listen(pki.serverConfiguration()));
        Run r = cli({QStringLiteral("profile"), QStringLiteral("add"), QStringLiteral("tls"), QStringLiteral("--url"), tls.address(),
                     QStringLiteral("--email"), Admin, QStringLiteral("--ca"), pki.caCertPath()});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = cli({QStringLiteral("get"), QStringLiteral("agents"), QStringLiteral("--profile"), QStringLiteral("tls"), QStringLiteral("--password-stdin"),
                 QStringLiteral("-o"), QStringLiteral("name")},
                AdminPassword + '\n');
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(u"agents/edge-node-1"));

        r = cli({QStringLiteral("profile"), QStringLiteral("add"), QStringLiteral("tls-pinned"), QStringLiteral("--url"), tls.address(),
                 QStringLiteral("--email"), Admin, QStringLiteral("--ca"), pki.caCertPath(), QStringLiteral("--pin"), QString(64, u'a')});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = cli({QStringLiteral("get"), QStringLiteral("agents"), QStringLiteral("--profile"), QStringLiteral("tls-pinned")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(pki.serverFingerprint()), qPrintable(r.err));

        // Without the CA the system store does not know the test CA: refused.
        r = cli({QStringLiteral("profile"), QStringLiteral("add"), QStringLiteral("tls-system"), QStringLiteral("--url"), tls.address()});
        QCOMPARE(r.code, 0);
        r = cli({QStringLiteral("get"), QStringLiteral("agents"), QStringLiteral("--profile"), QStringLiteral("tls-system")});
        QCOMPARE(r.code, 1);
    }


    // nats creds: written owner-only, never printed, not over an existing file without --force;
    // nats context: the creds and a context naming the hub the Controller reports.
    void natsCredsAndContext()
    {
        m_controller.protectedFixture("GET", QStringLiteral("/api/v3/nats/accounts/foo-producer/users/ops-cli/creds"), 200,
                                      QStringLiteral("GET_nats_accounts_APP_users_USER_creds__foo-producer_ops-cli.json"));
        const QByteArray expected = Test::fixture(QStringLiteral("GET_nats_accounts_APP_users_USER_creds__foo-producer_ops-cli.decoded.txt"));
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("ops-cli.creds"));
        Run r = cli({QStringLiteral("nats"), QStringLiteral("creds"), QStringLiteral("foo-producer"), QStringLiteral("ops-cli")});
        QCOMPARE(r.code, 2); // no -o: never to the terminal
        r = cli({QStringLiteral("nats"), QStringLiteral("creds"), QStringLiteral("foo-producer"), QStringLiteral("ops-cli"), QStringLiteral("-o"), out});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), expected);
        QCOMPARE(f.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther), QFile::Permissions());
        m_writtenSecrets << out;
        r = cli({QStringLiteral("nats"), QStringLiteral("creds"), QStringLiteral("foo-producer"), QStringLiteral("ops-cli"), QStringLiteral("-o"), out});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"--force") || r.err.contains(u"exists"), qPrintable(r.err));

        r = cli({QStringLiteral("nats"), QStringLiteral("context"), QStringLiteral("foo-producer"), QStringLiteral("ops-cli")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QString contextDir = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QStringLiteral("/nats/context");
        QFile context(contextDir + QStringLiteral("/foo-producer-ops-cli.json"));
        QVERIFY(context.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(context.readAll()).object();
        const QJsonObject hub = QJsonDocument::fromJson(Test::fixture(QStringLiteral("GET_nats_hub.json"))).object();
        QVERIFY2(json.value(u"url").toString().startsWith(u"nats://" + hub.value(u"host").toString()), qPrintable(json.value(u"url").toString()));
        QCOMPARE(json.value(u"creds").toString(), contextDir + QStringLiteral("/foo-producer-ops-cli.creds"));
        QFile contextCreds(json.value(u"creds").toString());
        QVERIFY(contextCreds.open(QIODevice::ReadOnly));
        QCOMPARE(contextCreds.readAll(), expected);
        m_writtenSecrets << contextCreds.fileName();
        // Its seed never reached the terminal.
        const qsizetype seedLine = expected.indexOf('\n', expected.indexOf("BEGIN USER NKEY SEED")) + 1;
        const QByteArray seed = expected.mid(seedLine, 58);
        QVERIFY(seed.startsWith("SU"));
        m_seeds << seed;
    }

    void eventsFilteredAndExported()
    {
        Run r = cli({QStringLiteral("events"), QStringLiteral("--method"), QStringLiteral("delete"), QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonArray events = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QVERIFY(!events.isEmpty()); // the config map deleted above
        for (const QJsonValue &e : events)
            QCOMPARE(e.toObject().value(u"method").toString(), QStringLiteral("DELETE"));
        r = cli({QStringLiteral("events"), QStringLiteral("-o"), QStringLiteral("csv"), QStringLiteral("--limit"), QStringLiteral("3")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(u"id,timestamp,time,eventType"), qPrintable(r.out.left(80)));
        QCOMPARE(r.out.count(QStringLiteral("\r\n")), 4);
        r = cli({QStringLiteral("events"), QStringLiteral("--since"), QStringLiteral("last tuesday")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(u"is not a time"));
        r = cli({QStringLiteral("events")});
        QVERIFY2(r.code == 0 && r.out.startsWith(u"TIME"), qPrintable(r.out.left(80) + r.err));
    }

    // apply: checked first (nothing sent while a document is wrong, problems at FILE:LINE:COL),
    // --dry-run --diff shows the plan and the changed fields, then created and updated in order.
    void applyFile()
    {
        m_controller.resources(QStringLiteral("configmaps"))
            << QJsonObject{{QStringLiteral("id"), 91}, {QStringLiteral("name"), QStringLiteral("cli-existing")},
                           {QStringLiteral("immutable"), false}, {QStringLiteral("useVault"), false},
                           {QStringLiteral("data"), QJsonObject{{QStringLiteral("rate"), QStringLiteral("5")}}}};
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("maps.yaml"));
        const QByteArray manifest = "apiVersion: datasance.com/v3\nkind: ConfigMap\nmetadata:\n  name: cli-existing\n"
                                    "spec:\n  immutable: false\n  useVault: false\ndata:\n  rate: \"7\"\n"
                                    "---\n"
                                    "apiVersion: datasance.com/v3\nkind: ConfigMap\nmetadata:\n  name: cli-applied\n"
                                    "spec:\n  immutable: false\n  useVault: false\ndata:\n  mode: fast\n";
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(manifest);
        f.close();
        const QString post = QStringLiteral("/api/v3/configmaps/yaml");
        const QString patch = QStringLiteral("/api/v3/configmaps/yaml/cli-existing");
        const int posts = m_controller.hits("POST", post), patches = m_controller.hits("PATCH", patch);

        Run r = cli({QStringLiteral("apply"), QStringLiteral("-f"), file, QStringLiteral("--dry-run"), QStringLiteral("--diff")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"would update ConfigMap cli-existing (PATCH /api/v3/configmaps/yaml/cli-existing)"), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"would create ConfigMap cli-applied (POST /api/v3/configmaps/yaml)"), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"rate") && r.out.contains(u"→"), qPrintable(r.out));
        QCOMPARE(m_controller.hits("POST", post), posts);
        QCOMPARE(m_controller.hits("PATCH", patch), patches);

        r = cli({QStringLiteral("apply"), QStringLiteral("-f"), QStringLiteral("-")}, manifest);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"Updated ConfigMap cli-existing.") && r.out.contains(u"Created ConfigMap cli-applied."), qPrintable(r.out));
        QCOMPARE(m_controller.hits("POST", post), posts + 1);
        QCOMPARE(m_controller.hits("PATCH", patch), patches + 1);

        // A Secret's values are never shown in a diff.
        m_controller.resources(QStringLiteral("secrets"))
            << QJsonObject{{QStringLiteral("id"), 94}, {QStringLiteral("name"), QStringLiteral("cli-diff-secret")},
                           {QStringLiteral("type"), QStringLiteral("Opaque")},
                           {QStringLiteral("data"), QJsonObject{{QStringLiteral("password"), QStringLiteral("old-value-7d1e")}}}};
        r = cli({QStringLiteral("apply"), QStringLiteral("-f"), QStringLiteral("-"), QStringLiteral("--dry-run"), QStringLiteral("--diff")},
                "apiVersion: datasance.com/v3\nkind: Secret\nmetadata:\n  name: cli-diff-secret\ntype: Opaque\nspec:\n  type: Opaque\n"
                "data:\n  password: new-value-9c2f\n");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"would update Secret cli-diff-secret") && r.out.contains(u"(not shown)"), qPrintable(r.out));
        QVERIFY(!r.out.contains(u"old-value-7d1e") && !r.out.contains(u"new-value-9c2f"));
        QVERIFY(!r.err.contains(u"old-value-7d1e") && !r.err.contains(u"new-value-9c2f"));

        // A wrong document: its place named, nothing sent.
        QFile bad(dir.filePath(QStringLiteral("bad.yaml")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("apiVersion: datasance.com/v3\nkind: ConfigMap\nmetadata:\n  name: cli-bad\nspec:\n  immutable: maybe\n");
        bad.close();
        r = cli({QStringLiteral("apply"), QStringLiteral("-f"), bad.fileName()});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(bad.fileName() + u":6:"), qPrintable(r.err));
        QVERIFY(r.err.contains(u"Nothing was sent"));
        QCOMPARE(m_controller.hits("POST", post), posts + 1);
    }

    // Agent and application actions through the kinds' own actions (RBAC decided first).
    void agentAndApplicationActions()
    {
        const QString reboot = QStringLiteral("/api/v3/iofog/8b6c66bf-ef7f-405b-8e04-d6c7bdd088fc/reboot");
        m_controller.setHandler("POST", reboot, [](const Test::HttpRequest &) { return Test::HttpResponse::empty(204); });
        Run r = cli({QStringLiteral("agent"), QStringLiteral("reboot"), QStringLiteral("edge-node-1"), QStringLiteral("--yes")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"Reboot of agent edge-node-1 requested."), qPrintable(r.out));
        QCOMPARE(m_controller.hits("POST", reboot), 1);
        r = cli({QStringLiteral("agent"), QStringLiteral("rollback"), QStringLiteral("edge-node-1"), QStringLiteral("--yes")});
        QCOMPARE(r.code, 1); // nothing to roll back to (isReadyToRollback false): refused before a request
        QVERIFY2(r.err.contains(u"isReadyToRollback"), qPrintable(r.err));
        QCOMPARE(m_controller.hits("POST", QStringLiteral("/api/v3/iofog/8b6c66bf-ef7f-405b-8e04-d6c7bdd088fc/version/rollback")), 0);
        r = cli({QStringLiteral("stop"), QStringLiteral("agents"), QStringLiteral("edge-node-1")});
        QCOMPARE(r.code, 2);
    }

    // Browser sign-in (Keycloak, PKCE, loopback), the browser played by the test through $BROWSER.
    void loginInTheBrowser()
    {
        Test::StandInKeycloak &keycloak = m_controller.keycloak();
        keycloak.setUser(QStringLiteral("ops-lead"), QStringLiteral("ops@example.com"), {QStringLiteral("Admin")});
        Run r = cli(QStringList{QStringLiteral("profile"), QStringLiteral("add"), QStringLiteral("sso"), QStringLiteral("--url"), m_controller.address(),
                                QStringLiteral("--keycloak-url"), keycloak.baseUrl().toString(), QStringLiteral("--realm"), keycloak.realm(),
                                QStringLiteral("--client-id"), keycloak.clientId()} + trust());
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BROWSER"), QStringLiteral("true")); // opens nothing: the test is the browser
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(POT_CLI_EXE), {QStringLiteral("login"), QStringLiteral("--profile"), QStringLiteral("sso")});
        QVERIFY(p.waitForStarted());
        QByteArray err;
        static const QRegularExpression urlLine(QStringLiteral("sign in: (\\S+)"));
        QRegularExpressionMatch m;
        QVERIFY(QTest::qWaitFor([&] {
            err += p.readAllStandardError();
            m = urlLine.match(QString::fromUtf8(err));
            return m.hasMatch();
        }, Wait));
        QNetworkAccessManager browser;
        if (m_pki) {
            QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
            tls.addCaCertificates(QSslCertificate::fromData(m_pki->caPem()));
            QSslConfiguration::setDefaultConfiguration(tls);
        }
        QNetworkRequest authorize(QUrl(m.captured(1)));
        authorize.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        std::unique_ptr<QNetworkReply> first(browser.get(authorize));
        QTRY_VERIFY_WITH_TIMEOUT(first->isFinished(), Wait);
        QCOMPARE(first->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 302);
        std::unique_ptr<QNetworkReply> second(browser.get(QNetworkRequest(QUrl::fromEncoded(first->rawHeader("Location")))));
        QTRY_VERIFY_WITH_TIMEOUT(second->isFinished(), Wait);
        QVERIFY(QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, Wait));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        m_transcript << out << QString::fromUtf8(err + p.readAllStandardError());
        QVERIFY2(p.exitCode() == 0, qPrintable(QString::fromUtf8(err)));
        QVERIFY2(out.contains(u"Signed in to sso as ops-lead"), qPrintable(out));
        // Kept in the keychain: the next command needs no browser.
        r = cli({QStringLiteral("get"), QStringLiteral("applications"), QStringLiteral("--profile"), QStringLiteral("sso"), QStringLiteral("-o"), QStringLiteral("name")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(u"applications/foo-producer"));
    }

    // --watch lists again at the profile's refresh interval and prints what changed and what went.
    void watchPrintsChanges()
    {
        QVERIFY(addProfile(QStringLiteral("lab-fast"), Admin, {QStringLiteral("--refresh"), QStringLiteral("1")}).code == 0);
        QProcess p;
        p.start(QStringLiteral(POT_CLI_EXE), {QStringLiteral("get"), QStringLiteral("configmaps"), QStringLiteral("--watch"), QStringLiteral("-o"),
                                              QStringLiteral("name"), QStringLiteral("--profile"), QStringLiteral("lab-fast"),
                                              QStringLiteral("--password-stdin")});
        QVERIFY(p.waitForStarted());
        p.write(AdminPassword + '\n');
        p.closeWriteChannel();
        QByteArray out;
        auto seen = [&](const QByteArray &what) {
            return QTest::qWaitFor([&] {
                out += p.readAllStandardOutput();
                return out.contains(what);
            }, Wait);
        };
        QVERIFY2(seen("configmaps/iofog-nats-jwt-bundle\n"), out.constData());
        QList<QJsonObject> &maps = m_controller.resources(QStringLiteral("configmaps"));
        maps << QJsonObject{{QStringLiteral("id"), 92}, {QStringLiteral("name"), QStringLiteral("cli-watched")},
                            {QStringLiteral("immutable"), false}, {QStringLiteral("useVault"), false}, {QStringLiteral("data"), QJsonObject()}};
        QVERIFY2(seen("configmaps/cli-watched\n"), out.constData());
        maps.removeIf([](const QJsonObject &o) { return o.value(u"name").toString() == u"cli-watched"; });
        QVERIFY2(seen("deleted: configmaps/cli-watched\n"), out.constData());
        // Only changes after the first listing: the unchanged maps were not printed again.
        QCOMPARE(out.count("configmaps/iofog-nats-jwt-bundle\n"), 1);
        p.kill();
        p.waitForFinished();
        m_transcript << QString::fromUtf8(out + p.readAllStandardError());
    }

    void startAndStopAnApplication()
    {
        const QString path = QStringLiteral("/api/v3/application/foo-producer");
        QJsonObject sent;
        m_controller.setHandler("PATCH", path, [&sent](const Test::HttpRequest &r) {
            sent = r.jsonBody();
            return Test::HttpResponse::empty(204);
        });
        Run r = cli({QStringLiteral("start"), QStringLiteral("applications"), QStringLiteral("foo-producer")});
        QCOMPARE(r.code, 1); // already activated: refused by the kind, nothing sent
        QVERIFY2(r.err.contains(u"already activated"), qPrintable(r.err));
        QCOMPARE(m_controller.hits("PATCH", path), 0);
        r = cli({QStringLiteral("stop"), QStringLiteral("app"), QStringLiteral("foo-producer"), QStringLiteral("--yes")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(u"Application foo-producer stopped."));
        QCOMPARE(sent, (QJsonObject{{QStringLiteral("isActivated"), false}}));
    }


    // import/export/show/remove: potctl's namespaces without their clear-text passwords, ECN-Viewer
    // contexts round-trip, show holds no secret, remove forgets the keychain entries.
    void profileImportExportShowRemove()
    {
        Run r = cli({QStringLiteral("profile"), QStringLiteral("import"), QStringLiteral("potctl"), QStringLiteral("--dir"),
                     Test::dataPath(QStringLiteral("potctl/home/.iofog/v3"))});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"Imported prod (https://controller.prod.example.com:51121)"), qPrintable(r.out));
        QVERIFY2(r.err.contains(u"prod: potctl keeps a password or tokens in clear text"), qPrintable(r.err));
        m_seeds << QByteArray::fromBase64("UzNjcjN0LVBhc3N3MHJkIQ==") << QByteArray::fromBase64("ZGJwYXNz"); // potctl's passwords
        const std::optional<Profiles::Profile> prod = consoleProfile(QStringLiteral("prod"));
        QVERIFY(prod);
        QVERIFY(!prod->caCertificatePem.isEmpty());

        QTemporaryDir dir;
        const QString contexts = dir.filePath(QStringLiteral("contexts.yaml"));
        r = cli({QStringLiteral("profile"), QStringLiteral("export"), contexts});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = cli({QStringLiteral("profile"), QStringLiteral("import"), QStringLiteral("contexts"), contexts});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"Imported prod (2)"), qPrintable(r.out));

        r = cli({QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("prod"), QStringLiteral("-o"), QStringLiteral("json")});
        QCOMPARE(r.code, 0);
        const QJsonObject shown = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(shown.value(u"url").toString(), QStringLiteral("https://controller.prod.example.com:51121"));
        QVERIFY(shown.value(u"customCa").toBool());
        r = cli({QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("prod")});
        QVERIFY2(r.out.contains(u"Trust:      its own CA"), qPrintable(r.out));
        QCOMPARE(cli({QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("no-such")}).code, 1);

        // A profile signed in, then removed: its keychain entry goes with it.
        QVERIFY(addProfile(QStringLiteral("short-lived"), Admin).code == 0);
        r = cli({QStringLiteral("login"), QStringLiteral("--profile"), QStringLiteral("short-lived"), QStringLiteral("--password-stdin")}, AdminPassword + '\n');
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QUuid id = consoleProfile(QStringLiteral("short-lived"))->id;
        Profiles::KeychainSecretStore keychain;
        auto stored = [&] {
            std::optional<Result<SecretBytes>> read;
            QObject context;
            keychain.read(Profiles::SecretKeys::refreshTokenKey(id), &context, [&read](Result<SecretBytes> v) { read = std::move(v); });
            (void)QTest::qWaitFor([&] { return read.has_value(); }, Wait);
            return read && *read;
        };
        QVERIFY(stored());
        r = cli({QStringLiteral("profile"), QStringLiteral("remove"), QStringLiteral("short-lived")});
        QCOMPARE(r.code, 2); // no terminal to ask on
        r = cli({QStringLiteral("profile"), QStringLiteral("remove"), QStringLiteral("short-lived"), QStringLiteral("--yes")});
        QCOMPARE(r.code, 0);
        QVERIFY(!consoleProfile(QStringLiteral("short-lived")));
        QVERIFY(!stored());
        for (const QString &name : {QStringLiteral("prod"), QStringLiteral("prod (2)"), QStringLiteral("default"), QStringLiteral("edge-k8s")})
            cli({QStringLiteral("profile"), QStringLiteral("remove"), name, QStringLiteral("--yes")});
    }

    // describe hides secret values unless --reveal; other kinds and the NATS operator read too.
    void describeHidesSecretValues()
    {
        const QString key = QStringLiteral("cli-secret");
        const QString value = QStringLiteral("cli-s3cret-value-0123456789abcdef");
        m_controller.resources(QStringLiteral("secrets"))
            << QJsonObject{{QStringLiteral("id"), 93}, {QStringLiteral("name"), key}, {QStringLiteral("type"), QStringLiteral("Opaque")},
                           {QStringLiteral("data"), QJsonObject{{QStringLiteral("password"), value}}}};
        Run r = cli({QStringLiteral("describe"), QStringLiteral("secret"), key});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"(hidden; --reveal shows it)"), qPrintable(r.out));
        QVERIFY(!r.out.contains(value.left(24)));
        r = cli({QStringLiteral("describe"), QStringLiteral("secret"), key, QStringLiteral("--reveal")});
        QVERIFY(r.out.contains(value.left(24)));

        r = cli({QStringLiteral("get"), QStringLiteral("msvc"), QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array(), fixtureArray(QStringLiteral("GET_microservices.json"), u"microservices"));
        r = cli({QStringLiteral("get"), QStringLiteral("nats-operator"), QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), 1);
    }

    void completionScriptsLoad()
    {
        QTemporaryDir dir;
        for (const QString &shell : {QStringLiteral("bash"), QStringLiteral("zsh"), QStringLiteral("fish")}) {
            const Run r = cli({QStringLiteral("completion"), shell});
            QCOMPARE(r.code, 0);
            QVERIFY(r.out.contains(u"nats-users") && r.out.contains(u"rolebindings") && r.out.contains(u"profile"));
            QFile f(dir.filePath(shell));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(r.out.toUtf8());
        }
        const Test::ProcessRun syntax = Test::runProcess(QStringLiteral("bash"), {QStringLiteral("-n"), dir.filePath(QStringLiteral("bash"))});
        QVERIFY2(syntax.code == 0, qPrintable(syntax.err));
        const Test::ProcessRun loaded = Test::runProcess(
            QStringLiteral("bash"), {QStringLiteral("-c"), QStringLiteral("source \"$1\" && complete -p pot-console-cli"), QStringLiteral("x"),
                                     dir.filePath(QStringLiteral("bash"))});
        QVERIFY2(loaded.code == 0, qPrintable(loaded.err));
        QVERIFY(loaded.out.contains(u"-F _pot_console_cli"));
        // The function completes kinds after get.
        const Test::ProcessRun words = Test::runProcess(
            QStringLiteral("bash"),
            {QStringLiteral("-c"),
             QStringLiteral("source \"$1\"; COMP_WORDS=(pot-console-cli get nats-u); COMP_CWORD=2; _pot_console_cli; echo \"${COMPREPLY[@]}\""),
             QStringLiteral("x"), dir.filePath(QStringLiteral("bash"))});
        QCOMPARE(words.out.trimmed(), QStringLiteral("nats-users"));
    }

    // Nothing secret in any argument, output or file the CLI wrote (the keyring's own encrypted
    // store aside).
    void noSecretAnywhere()
    {
        QList<QByteArray> secrets = m_controller.issuedTokens();
        QVERIFY(secrets.size() >= 4);
        secrets << AdminPassword << QByteArrayLiteral("viewer-pass") << m_seeds;
        const QByteArray said = m_transcript.join(u'\n').toUtf8();
        for (const QByteArray &s : std::as_const(secrets))
            QVERIFY2(!said.contains(s), s.left(12).constData());
        QDirIterator files(QDir::homePath(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        int read = 0;
        while (files.hasNext()) {
            const QString path = files.next();
            if (path.contains(u"/keyrings/") || m_writtenSecrets.contains(path))
                continue;
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QByteArray content = f.readAll();
            ++read;
            for (const QByteArray &s : std::as_const(secrets))
                QVERIFY2(!content.contains(s), qPrintable(path));
        }
        QVERIFY(read > 0);
    }
};

QTEST_GUILESS_MAIN(TstCliController)
#include "tst_cli_controller.moc"
