#include "core/nats/creds.h"
#include "natsserver.h"
#include "natsworld.h"
#include "testpki.h"
#include "testutil.h"

#include <QDir>
#include <QElapsedTimer>
#include <QPointer>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Pot;
using namespace Pot::Nats;
using Pot::Test::NatsServer;
using Pot::Test::NatsWorld;

namespace {

struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

CliRun runCli(const QStringList &args, const QByteArray &stdinData = {})
{
    QProcess p;
    p.start(QStringLiteral(POT_CLI_EXE), args);
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    CliRun r;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished(5000);
        r.err = QStringLiteral("test: pot-console-cli did not finish");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString describe(const CliRun &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out, r.err);
}

} // namespace

/// `pot-console-cli creds test` as a user runs it: a separate process against a real nats-server.
class TstCredsTestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::optional<NatsWorld> m_world;
    std::unique_ptr<NatsServer> m_server;
    std::unique_ptr<NatsServer> m_goServer;
    QString m_version;

    /// Writes the world user's creds with core's formatter and writer; returns the path.
    QString credsFor(const QString &user, CredsStyle style = CredsStyle::Go)
    {
        const Test::NatsWorldUser &u = m_world->users.value(user);
        Result<SecretBytes> text = formatCreds(u.jwt, u.key, style);
        if (!text) {
            qWarning("formatCreds(%s): %s", qPrintable(user), qPrintable(text.error().toString()));
            return QString();
        }
        const QString path = QDir(m_dir.path()).absoluteFilePath(user + u".creds");
        const Status written = writeSecretFile(path, *text, true);
        if (!written) {
            qWarning("writeSecretFile: %s", qPrintable(written.error().toString()));
            return QString();
        }
        return path;
    }

    QString serverUrl() const { return m_server->url().toString(); }

private Q_SLOTS:
    void initTestCase()
    {
        Pot::Test::initTestEnvironment();
        QVERIFY(m_dir.isValid());
        Result<NatsWorld> world = NatsWorld::build();
        QVERIFY_RESULT(world);
        m_world = *world;

        m_server = std::make_unique<NatsServer>();
        m_server->setServerName(QStringLiteral("cli-operator-mode"));
        const Result<QString> config = m_world->serverConfig(m_server->dir());
        QVERIFY_RESULT(config);
        Status started = m_server->start(*config);
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));

        m_goServer = std::make_unique<NatsServer>();
        m_goServer->setServerName(QStringLiteral("cli-go-vectors"));
        const Result<QString> goConfig = Test::goVectorServerConfig();
        QVERIFY_RESULT(goConfig);
        started = m_goServer->start(*goConfig);
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));

        QProcess v;
        v.start(NatsServer::binary(), {QStringLiteral("--version")});
        QVERIFY(v.waitForFinished(10000));
        m_version = QString::fromUtf8(v.readAll()).section(u'v', -1).trimmed(); // "nats-server: v2.9.10"
        QVERIFY(!m_version.isEmpty());
    }

    void cleanupTestCase()
    {
        m_server.reset();
        m_goServer.reset();
    }

    void exportedCredsAuthenticate_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<int>("style");
        QTest::newRow("signing key, Go text") << QStringLiteral("normal") << int(CredsStyle::Go);
        QTest::newRow("signing key, jwt.js text") << QStringLiteral("normal") << int(CredsStyle::JwtJs);
        QTest::newRow("account identity") << QStringLiteral("direct") << int(CredsStyle::Go);
        QTest::newRow("bearer") << QStringLiteral("bearer") << int(CredsStyle::Go);
        QTest::newRow("second account") << QStringLiteral("strict") << int(CredsStyle::Go);
    }

    void exportedCredsAuthenticate()
    {
        QFETCH(QString, user);
        QFETCH(int, style);
        const QString path = credsFor(user, CredsStyle(style));
        QVERIFY(!path.isEmpty());
        const CliRun r = runCli({QStringLiteral("creds"), QStringLiteral("test"),
                                 QStringLiteral("--server"), serverUrl(), path});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(r.out.section(u'\n', 0, 0),
                 QStringLiteral("Authenticated to cli-operator-mode (nats-server %1)").arg(m_version));
        QVERIFY(r.out.contains(u"plain TCP"));
        QVERIFY(r.err.isEmpty());
        // The seed is not echoed anywhere.
        const SecretBytes seed = m_world->users.value(user).key.seed();
        const QString seedText = QString::fromLatin1(
            QByteArray(reinterpret_cast<const char *>(seed.constData()), qsizetype(seed.size())));
        QVERIFY(!r.out.contains(seedText) && !r.err.contains(seedText));
    }

    void refusedCreds_data()
    {
        QTest::addColumn<QString>("user");
        QTest::newRow("revoked") << QStringLiteral("revoked");
        QTest::newRow("expired") << QStringLiteral("expired");
        QTest::newRow("bearer not allowed") << QStringLiteral("strict-bearer");
        QTest::newRow("foreign signer") << QStringLiteral("foreign-signer");
        // formatCreds checks kinds and the subject, not the signature: a damaged JWT is exported
        // as it is and the server is the one to refuse it.
        QTest::newRow("tampered") << QStringLiteral("tampered");
    }

    void refusedCreds()
    {
        QFETCH(QString, user);
        const QString path = credsFor(user);
        QVERIFY(!path.isEmpty());
        const CliRun r = runCli({QStringLiteral("creds"), QStringLiteral("test"),
                                 QStringLiteral("--server"), serverUrl(), path});
        QVERIFY2(r.exitCode == 1, qPrintable(describe(r)));
        QVERIFY2(r.err.contains(u"refused the connection: Authorization Violation"),
                 qPrintable(describe(r)));
        QVERIFY(r.out.isEmpty());
    }

    void goVectorCreds_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("nsc/Go creds") << QStringLiteral("nats-vectors/go-user.creds");
        QTest::newRow("jwt.js creds") << QStringLiteral("nats-vectors/js-user.creds");
    }

    void goVectorCreds()
    {
        QFETCH(QString, file);
        const CliRun r = runCli({QStringLiteral("creds"), QStringLiteral("test"), QStringLiteral("-s"),
                                 m_goServer->url().toString(), Test::dataPath(file)});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r) + m_goServer->log()));
        QVERIFY(r.out.startsWith(u"Authenticated to cli-go-vectors (nats-server "));
    }

    void credsFromStdin()
    {
        const CliRun r = runCli({QStringLiteral("creds"), QStringLiteral("test"), QStringLiteral("--server"),
                                 m_goServer->url().toString(), QStringLiteral("-")},
                                Test::readData(QStringLiteral("nats-vectors/go-user.creds")));
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    }

    void unreachable()
    {
        const CliRun r = runCli({QStringLiteral("creds"), QStringLiteral("test"), QStringLiteral("--server"),
                                 QStringLiteral("nats://127.0.0.1:%1").arg(NatsServer::freePort()),
                                 Test::dataPath(QStringLiteral("nats-vectors/go-user.creds"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"refused"), qPrintable(describe(r)));
    }

    void silentServerTimesOut()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        // The server stays silent; the CLI runs in another process, so accept from here too.
        QProcess p;
        p.start(QStringLiteral(POT_CLI_EXE),
                {QStringLiteral("creds"), QStringLiteral("test"), QStringLiteral("--timeout"),
                 QStringLiteral("0.5"), QStringLiteral("--server"),
                 QStringLiteral("127.0.0.1:%1").arg(silent.serverPort()),
                 Test::dataPath(QStringLiteral("nats-vectors/go-user.creds"))});
        QElapsedTimer clock;
        clock.start();
        QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning, 20000);
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(clock.elapsed() < 15000);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(u"No answer") && err.contains(u"0.5 s"), qPrintable(err));
    }

    void tls()
    {
        Test::TestPki pki(QStringLiteral("cli Test Root CA"));
        QVERIFY_RESULT(pki.generate());
        NatsServer server;
        server.setServerName(QStringLiteral("cli-tls"));
        const Result<QString> goConfig = Test::goVectorServerConfig();
        QVERIFY_RESULT(goConfig);
        const Status started = server.start(
            QStringLiteral("tls { cert_file: \"%1\", key_file: \"%2\" }\n").arg(pki.serverCertPath(), pki.serverKeyPath())
            + *goConfig);
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
        const QString creds = Test::dataPath(QStringLiteral("nats-vectors/go-user.creds"));

        const CliRun ok = runCli({QStringLiteral("creds"), QStringLiteral("test"), QStringLiteral("--server"),
                                  server.url(QStringLiteral("tls")).toString(), QStringLiteral("--ca"),
                                  pki.caCertPath(), creds});
        QVERIFY2(ok.exitCode == 0, qPrintable(describe(ok)));
        QVERIFY(ok.out.contains(u"connection: TLS"));

        const CliRun untrusted = runCli({QStringLiteral("creds"), QStringLiteral("test"),
                                         QStringLiteral("--server"),
                                         server.url(QStringLiteral("tls")).toString(), creds});
        QCOMPARE(untrusted.exitCode, 1);
        QVERIFY2(untrusted.err.contains(u"TLS handshake"), qPrintable(describe(untrusted)));
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("fileContents"); // written to a file appended to args
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString server = QStringLiteral("nats://127.0.0.1:1");
        const QByteArray goCreds = Test::readData(QStringLiteral("nats-vectors/go-user.creds"));
        QTest::newRow("no server") << QStringList() << goCreds << 2 << QStringLiteral("Usage:");
        QTest::newRow("no file") << QStringList{QStringLiteral("--server"), server} << QByteArray() << 2
                                 << QStringLiteral("Usage:");
        QTest::newRow("http URL") << QStringList{QStringLiteral("--server"), QStringLiteral("http://h:80")}
                                  << goCreds << 2 << QStringLiteral("nats:// or tls://");
        QTest::newRow("bad timeout") << QStringList{QStringLiteral("--server"), server,
                                                    QStringLiteral("--timeout"), QStringLiteral("soon")}
                                     << goCreds << 2 << QStringLiteral("--timeout");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--server"), server,
                                                       QStringLiteral("--frobnicate")}
                                        << goCreds << 2 << QStringLiteral("frobnicate");
        QTest::newRow("not a creds file") << QStringList{QStringLiteral("--server"), server}
                                          << QByteArray("hello world\n") << 1 << QString();
        QTest::newRow("missing CA file")
            << QStringList{QStringLiteral("--server"), server, QStringLiteral("--ca"),
                           QStringLiteral("/nonexistent/ca.pem")}
            << goCreds << 1 << QStringLiteral("/nonexistent/ca.pem");
        QByteArray mismatched = goCreds;
        // The revoked-user seed of the vector set does not belong to the vector user's JWT.
        mismatched.replace("SUAKBINCUOSKLJVHVCU2VK5MVWXK7MFRWKZ3JNNWW64LTOV3XS635P565Y",
                           "SUABCEQTCQKRMFYYDENBWHA5DYPSAIJCEMSCKJRHFAUSUKZMFUXC6MDPVU");
        QTest::newRow("seed of another user") << QStringList{QStringLiteral("--server"), server}
                                              << mismatched << 1 << QString();
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, fileContents);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QStringList full{QStringLiteral("creds"), QStringLiteral("test")};
        full += args;
        if (!fileContents.isEmpty()) {
            const QString path = QDir(m_dir.path()).absoluteFilePath(QStringLiteral("input.creds"));
            QVERIFY_RESULT(writeSecretFile(path, SecretBytes(fileContents), true));
            full << path;
        }
        const CliRun r = runCli(full);
        QVERIFY2(r.exitCode == exitCode, qPrintable(describe(r)));
        QVERIFY(!r.err.trimmed().isEmpty());
        if (!message.isEmpty())
            QVERIFY2(r.err.contains(message), qPrintable(describe(r)));
        QVERIFY(r.out.isEmpty());
    }

    void help()
    {
        const CliRun r = runCli({QStringLiteral("creds"), QStringLiteral("test"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(u"--server"));
        QVERIFY(r.out.contains(u"--ca"));
        QVERIFY(r.out.contains(u"--timeout"));
        const CliRun top = runCli({QStringLiteral("--help")});
        QVERIFY(top.out.contains(u"creds test"));
    }
};

QTEST_GUILESS_MAIN(TstCredsTestCli)
#include "tst_credstestcli.moc"
