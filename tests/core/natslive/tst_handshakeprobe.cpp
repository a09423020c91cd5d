#include "core/nats/handshakeprobe.h"
#include "core/nats/nkey.h"
#include "natsserver.h"
#include "testpki.h"
#include "testutil.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <functional>
#include <memory>

using namespace Pot;
using namespace Pot::Nats;
using namespace std::chrono_literals;

using Pot::Test::NatsServer;

namespace {

/// Runs one probe to its end and records every finished() emission.
struct Run
{
    int emissions = 0;
    std::optional<Result<ProbeResult>> result;
};

std::shared_ptr<Run> launch(HandshakeProbe &probe, const QUrl &url, const ProbeCredentials &creds,
                            const ProbeOptions &options = {})
{
    auto run = std::make_shared<Run>();
    QObject::connect(&probe, &HandshakeProbe::finished, &probe,
                     [run](const Result<ProbeResult> &r) {
                         ++run->emissions;
                         run->result = r;
                     });
    if (!probe.start(url, creds, options))
        run->emissions = -1;
    return run;
}

std::shared_ptr<Run> probeOnce(const QUrl &url, const ProbeCredentials &creds,
                               const ProbeOptions &options = {})
{
    HandshakeProbe probe;
    auto run = launch(probe, url, creds, options);
    if (!QTest::qWaitFor([&] { return run->emissions != 0; }, 30000))
        run->result = Error(ErrorCode::Timeout, QStringLiteral("test: the probe never finished"));
    // Anything queued after the first emission would show up now.
    QTest::qWait(50);
    return run;
}

ProbeCredentials nkeyCreds(const KeyPair &key)
{
    ProbeCredentials c;
    c.key = key;
    return c;
}

/// A fake peer on 127.0.0.1: runs `script` for every accepted connection.
class FakePeer
{
public:
    explicit FakePeer(std::function<void(QTcpSocket *)> script)
        : m_script(std::move(script))
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection())
                m_script(s);
        });
    }
    QUrl url() const
    {
        QUrl u;
        u.setScheme(QStringLiteral("nats"));
        u.setHost(QStringLiteral("127.0.0.1"));
        u.setPort(m_server.serverPort());
        return u;
    }

private:
    QTcpServer m_server;
    std::function<void(QTcpSocket *)> m_script;
};

QString installedVersion()
{
    QProcess p;
    p.start(NatsServer::binary(), {QStringLiteral("--version")});
    p.waitForFinished(10000);
    // "nats-server: v2.9.10"
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("v(\\d+\\.\\d+\\.\\d+)"))
                                          .match(QString::fromUtf8(p.readAll()));
    return m.hasMatch() ? m.captured(1) : QString();
}

QStringList g_logged;

void captureMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_logged << message;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TstHandshakeProbe : public QObject
{
    Q_OBJECT

private:
    KeyPair m_alice;
    KeyPair m_mallory;
    QString m_version;
    std::unique_ptr<NatsServer> m_nkeyServer;

private Q_SLOTS:
    void initTestCase()
    {
        Pot::Test::initTestEnvironment();
        QVERIFY2(!NatsServer::binary().isEmpty(),
                 "nats-server is required (Debian package nats-server; scripts/install-deps.sh)");
        m_version = installedVersion();
        QVERIFY(!m_version.isEmpty());

        auto alice = KeyPair::generate(KeyKind::User);
        QVERIFY_RESULT(alice);
        m_alice = *alice;
        auto mallory = KeyPair::generate(KeyKind::User);
        QVERIFY_RESULT(mallory);
        m_mallory = *mallory;

        m_nkeyServer = std::make_unique<NatsServer>();
        m_nkeyServer->setServerName(QStringLiteral("probe-nkey-server"));
        const Status started = m_nkeyServer->start(
            QStringLiteral("authorization { users = [ { nkey: \"%1\" } ] }").arg(m_alice.publicKeyString()));
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
    }

    void cleanupTestCase()
    {
        m_nkeyServer.reset();
    }

    void parseServerUrl_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected"); // empty = rejected
        QTest::newRow("nats") << QStringLiteral("nats://demo.example:4333") << QStringLiteral("nats://demo.example:4333");
        QTest::newRow("default port") << QStringLiteral("nats://demo.example") << QStringLiteral("nats://demo.example:4222");
        QTest::newRow("tls") << QStringLiteral("TLS://10.0.0.1") << QStringLiteral("tls://10.0.0.1:4222");
        QTest::newRow("bare host:port") << QStringLiteral("127.0.0.1:5222") << QStringLiteral("nats://127.0.0.1:5222");
        QTest::newRow("bare host") << QStringLiteral(" localhost ") << QStringLiteral("nats://localhost:4222");
        QTest::newRow("trailing slash") << QStringLiteral("nats://h:1/") << QStringLiteral("nats://h:1");
        QTest::newRow("http") << QStringLiteral("http://h:4222") << QStringLiteral("");
        QTest::newRow("websocket") << QStringLiteral("ws://h:8080") << QStringLiteral("");
        QTest::newRow("user in URL") << QStringLiteral("nats://u:p@h:4222") << QStringLiteral("");
        QTest::newRow("path") << QStringLiteral("nats://h:4222/x") << QStringLiteral("");
        QTest::newRow("empty") << QStringLiteral("  ") << QStringLiteral("");
        QTest::newRow("port 0") << QStringLiteral("nats://h:0") << QStringLiteral("");
    }

    void parseServerUrl()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const Result<QUrl> r = HandshakeProbe::parseServerUrl(text);
        if (expected.isEmpty()) {
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, ErrorCode::InvalidInput);
            QVERIFY(!r.error().message.isEmpty());
        } else {
            QVERIFY_RESULT(r);
            QCOMPARE(r->toString(), expected);
        }
    }

    void nkeyUserAuthenticates()
    {
        auto run = probeOnce(m_nkeyServer->url(), nkeyCreds(m_alice));
        QCOMPARE(run->emissions, 1);
        QVERIFY_RESULT(*run->result);
        const ProbeResult &r = run->result->value();
        QCOMPARE(r.serverName, QStringLiteral("probe-nkey-server"));
        QCOMPARE(r.version, m_version);
        QVERIFY(r.serverId.startsWith(u'N'));
        QVERIFY(r.authRequired);
        QVERIFY(!r.tls);
        QCOMPARE(r.clientIp, QStringLiteral("127.0.0.1"));
        QVERIFY(r.maxPayload > 0);
    }

    void wrongSeedRefused()
    {
        auto run = probeOnce(m_nkeyServer->url(), nkeyCreds(m_mallory));
        QCOMPARE(run->emissions, 1);
        QVERIFY(!run->result->ok());
        const Error &e = run->result->error();
        QCOMPARE(e.code, ErrorCode::Unauthorized);
        QVERIFY2(e.message.contains(u"Authorization Violation"), qPrintable(e.message));
    }

    void anonymousRefusedWhenAuthRequired()
    {
        auto run = probeOnce(m_nkeyServer->url(), ProbeCredentials());
        QCOMPARE(run->emissions, 1);
        QVERIFY(!run->result->ok());
        QCOMPARE(run->result->error().code, ErrorCode::Unauthorized);
        QVERIFY(run->result->error().message.contains(u"Authorization Violation"));
    }

    void nonUserKeyRejectedBeforeConnecting()
    {
        auto account = KeyPair::generate(KeyKind::Account);
        QVERIFY_RESULT(account);
        HandshakeProbe probe;
        auto run = launch(probe, m_nkeyServer->url(), nkeyCreds(*account));
        // The rejection is queued, never emitted from inside start().
        QCOMPARE(run->emissions, 0);
        QTRY_COMPARE(run->emissions, 1);
        QCOMPARE(run->result->error().code, ErrorCode::InvalidInput);
        QVERIFY(run->result->error().message.contains(u"account"));
    }

    void invalidUrlReportedAsynchronously()
    {
        HandshakeProbe probe;
        auto run = launch(probe, QUrl(QStringLiteral("http://127.0.0.1:1")), ProbeCredentials());
        QCOMPARE(run->emissions, 0);
        QVERIFY(probe.isRunning());
        QTRY_COMPARE(run->emissions, 1);
        QVERIFY(!probe.isRunning());
        QCOMPARE(run->result->error().code, ErrorCode::InvalidInput);
    }

    void closedPortRefused()
    {
        QUrl url = m_nkeyServer->url();
        url.setPort(NatsServer::freePort());
        auto run = probeOnce(url, nkeyCreds(m_alice));
        QCOMPARE(run->emissions, 1);
        QCOMPARE(run->result->error().code, ErrorCode::Network);
        QVERIFY2(run->result->error().message.contains(u"refused"),
                 qPrintable(run->result->error().message));
    }

    void silentServerTimesOut()
    {
        std::vector<QPointer<QTcpSocket>> held;
        FakePeer silent([&held](QTcpSocket *s) { held.emplace_back(s); });
        ProbeOptions options;
        options.timeout = 400ms;
        QElapsedTimer clock;
        clock.start();
        auto run = probeOnce(silent.url(), nkeyCreds(m_alice), options);
        QCOMPARE(run->emissions, 1);
        QCOMPARE(run->result->error().code, ErrorCode::Timeout);
        QVERIFY2(run->result->error().message.contains(u"INFO"),
                 qPrintable(run->result->error().message));
        QVERIFY(clock.elapsed() >= 350);
        QVERIFY(clock.elapsed() < 5000);
    }

    void garbageServers_data()
    {
        QTest::addColumn<QByteArray>("greeting");
        QTest::addColumn<bool>("close");
        QTest::addColumn<QString>("expected");
        QTest::newRow("http") << QByteArray("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                              << true << QStringLiteral("HTTP");
        QTest::newRow("http kept open") << QByteArray("HTTP/1.0 200 OK\r\n") << false << QStringLiteral("HTTP");
        QTest::newRow("binary") << QByteArray::fromHex("16030100a5010000a10303deadbeef00ff")
                                << false << QStringLiteral("not a NATS server");
        QTest::newRow("ssh banner") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n") << false
                                    << QStringLiteral("not a NATS server");
        QTest::newRow("info not json") << QByteArray("INFO {\"server_id\": nope}\r\n") << false
                                       << QStringLiteral("not a JSON object");
        QTest::newRow("info array") << QByteArray("INFO [1,2]\r\n") << false << QStringLiteral("not a JSON object");
        QTest::newRow("huge info") << (QByteArray("INFO {\"x\":\"") + QByteArray(70 * 1024, 'a'))
                                   << false << QStringLiteral("64 KiB");
        QTest::newRow("half info then close") << QByteArray("INF") << true << QStringLiteral("closed");
    }

    void garbageServers()
    {
        QFETCH(QByteArray, greeting);
        QFETCH(bool, close);
        QFETCH(QString, expected);
        std::vector<QPointer<QTcpSocket>> held;
        FakePeer peer([&](QTcpSocket *s) {
            s->write(greeting);
            s->flush();
            if (close)
                s->disconnectFromHost();
            held.emplace_back(s);
        });
        QElapsedTimer clock;
        clock.start();
        auto run = probeOnce(peer.url(), nkeyCreds(m_alice));
        QCOMPARE(run->emissions, 1);
        QVERIFY(!run->result->ok());
        const Error &e = run->result->error();
        QVERIFY2(e.message.contains(expected), qPrintable(e.toString()));
        QVERIFY(e.code == ErrorCode::Protocol || e.code == ErrorCode::Network);
        // Recognised from the bytes themselves, not by running into the 10 s timeout.
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    }

    void cancelEmitsOnce()
    {
        std::vector<QPointer<QTcpSocket>> held;
        FakePeer silent([&held](QTcpSocket *s) { held.emplace_back(s); });
        HandshakeProbe probe;
        auto run = launch(probe, silent.url(), nkeyCreds(m_alice));
        QVERIFY(probe.isRunning());
        QTRY_COMPARE(held.size(), std::size_t(1)); // connected and waiting for INFO
        QVERIFY(!probe.start(silent.url(), nkeyCreds(m_alice))); // one probe at a time
        probe.cancel();
        QCOMPARE(run->emissions, 1);
        QCOMPARE(run->result->error().code, ErrorCode::Cancelled);
        QVERIFY(!probe.isRunning());
        probe.cancel(); // idle: nothing more
        QTest::qWait(200);
        QCOMPARE(run->emissions, 1);
        // The server side sees the connection go away.
        QTRY_COMPARE(held.front()->state(), QAbstractSocket::UnconnectedState);
    }

    void probeIsReusable()
    {
        HandshakeProbe probe;
        auto first = launch(probe, m_nkeyServer->url(), nkeyCreds(m_mallory));
        QTRY_COMPARE(first->emissions, 1);
        QVERIFY(!first->result->ok());
        first->emissions = 0;
        QVERIFY(probe.start(m_nkeyServer->url(), nkeyCreds(m_alice)));
        QTRY_COMPARE(first->emissions, 1);
        QVERIFY_RESULT(*first->result);
    }

    void destroyingRunningProbeIsSilent()
    {
        auto probe = std::make_unique<HandshakeProbe>();
        auto run = launch(*probe, m_nkeyServer->url(), nkeyCreds(m_alice));
        QVERIFY(probe->isRunning());
        probe.reset();
        QTest::qWait(200);
        QCOMPARE(run->emissions, 0);
    }

    /// A scripted NATS peer checks what goes on the wire: nonce signature, nkey, no seed; and a
    /// server -ERR other than an auth failure is passed through.
    void connectCarriesSignatureButNoSeed()
    {
        QByteArray received;
        std::vector<QPointer<QTcpSocket>> held;
        FakePeer peer([&](QTcpSocket *s) {
            s->write("INFO {\"server_id\":\"NFAKE\",\"server_name\":\"fake\",\"version\":\"9.9.9\","
                     "\"proto\":1,\"nonce\":\"abcNONCE123\",\"auth_required\":true,"
                     "\"max_payload\":1048576}\r\n");
            QObject::connect(s, &QTcpSocket::readyRead, s, [s, &received] {
                const bool hadPing = received.contains("PING\r\n");
                const bool hadPong = received.contains("PONG\r\n");
                received += s->readAll();
                // Our PING first, then the server's own PING; the refusal after its PONG.
                if (!hadPing && received.contains("PING\r\n"))
                    s->write("+OK\r\nPING\r\n");
                if (!hadPong && received.contains("PONG\r\n"))
                    s->write("INFO {\"connect_urls\":[]}\r\n-ERR 'Maximum Connections Exceeded'\r\n");
            });
            held.emplace_back(s);
        });
        auto run = probeOnce(peer.url(), nkeyCreds(m_alice));
        QCOMPARE(run->emissions, 1);
        const Error &e = run->result->error();
        QCOMPARE(e.code, ErrorCode::Forbidden);
        QVERIFY2(e.message.endsWith(u"refused the connection: Maximum Connections Exceeded"),
                 qPrintable(e.message));

        QVERIFY(received.startsWith("CONNECT {"));
        const qsizetype end = received.indexOf("\r\n");
        const QJsonObject connect = QJsonDocument::fromJson(received.mid(8, end - 8)).object();
        QCOMPARE(connect.value(u"nkey").toString(), m_alice.publicKeyString());
        QVERIFY(!connect.contains(u"jwt"));
        QCOMPARE(connect.value(u"verbose").toBool(true), false);
        QCOMPARE(connect.value(u"lang").toString(), QStringLiteral("cpp"));
        QCOMPARE(connect.value(u"name").toString(), QStringLiteral("pot-console"));
        QVERIFY(verifyNonce(m_alice.publicKey(), "abcNONCE123",
                            connect.value(u"sig").toString().toLatin1()));
        // The probe answered the server's PING.
        QVERIFY(received.contains("\r\nPONG\r\n"));
        const SecretBytes seed = m_alice.seed();
        const QByteArray seedText(reinterpret_cast<const char *>(seed.constData()),
                                  qsizetype(seed.size()));
        QVERIFY(!received.contains(seedText));
        QVERIFY(!received.contains(seedText.mid(2, 20)));
    }

    void bearerJwtIsSentUnsigned()
    {
        QByteArray received;
        std::vector<QPointer<QTcpSocket>> held;
        FakePeer peer([&](QTcpSocket *s) {
            s->write("INFO {\"server_id\":\"NFAKE\",\"version\":\"9.9.9\",\"nonce\":\"n0nce\"}\r\n");
            QObject::connect(s, &QTcpSocket::readyRead, s, [s, &received] {
                received += s->readAll();
                if (received.contains("PING\r\n"))
                    s->write("PONG\r\n");
            });
            held.emplace_back(s);
        });
        ProbeCredentials bearer;
        bearer.userJwt = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJVIn0.c2ln";
        auto run = probeOnce(peer.url(), bearer);
        QVERIFY_RESULT(*run->result);
        QCOMPARE(run->result->value().serverName, QStringLiteral("NFAKE")); // no server_name: id
        const QJsonObject connect = QJsonDocument::fromJson(
                                        received.mid(8, received.indexOf("\r\n") - 8))
                                        .object();
        QCOMPARE(connect.value(u"jwt").toString(), QString::fromLatin1(bearer.userJwt));
        QVERIFY(!connect.contains(u"sig"));
        QVERIFY(!connect.contains(u"nkey"));
    }

    void malformedJwtRejected()
    {
        ProbeCredentials c;
        c.userJwt = "not a jwt\r\nPUB x 1";
        auto run = probeOnce(m_nkeyServer->url(), c);
        QCOMPARE(run->result->error().code, ErrorCode::InvalidInput);
    }

    /// With pot.core.nats debug logging on, no part of a seed shows up in any message.
    void logsCarryNoSecrets()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("pot.core.nats.debug=true"));
        g_logged.clear();
        const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
        auto ok = probeOnce(m_nkeyServer->url(), nkeyCreds(m_alice));
        auto refused = probeOnce(m_nkeyServer->url(), nkeyCreds(m_mallory));
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());
        QVERIFY_RESULT(*ok->result);
        QVERIFY(!refused->result->ok());
#ifndef QT_NO_DEBUG_OUTPUT
        QVERIFY(g_logged.join(u'\n').contains(u"probe-nkey-server")); // the logging did happen
#endif
        for (const KeyPair *k : {&m_alice, &m_mallory}) {
            const SecretBytes seed = k->seed();
            const QString seedText = QString::fromLatin1(
                QByteArray(reinterpret_cast<const char *>(seed.constData()), qsizetype(seed.size())));
            for (const QString &line : std::as_const(g_logged))
                QVERIFY2(!line.contains(seedText.mid(2, 16)), qPrintable(line));
        }
    }

    void tls()
    {
        Pot::Test::TestPki pki(QStringLiteral("probe Test Root CA"));
        QVERIFY_RESULT(pki.generate());
        NatsServer server;
        server.setServerName(QStringLiteral("probe-tls-server"));
        const Status started = server.start(
            QStringLiteral("tls { cert_file: \"%1\", key_file: \"%2\" }\n"
                           "authorization { users = [ { nkey: \"%3\" } ] }")
                .arg(pki.serverCertPath(), pki.serverKeyPath(), m_alice.publicKeyString()));
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));

        ProbeOptions withCa;
        withCa.caPem = readFile(pki.caCertPath());
        QVERIFY(!withCa.caPem.isEmpty());

        // tls:// with the custom CA.
        auto ok = probeOnce(server.url(QStringLiteral("tls")), nkeyCreds(m_alice), withCa);
        QVERIFY_RESULT(*ok->result);
        QVERIFY(ok->result->value().tls);
        QCOMPARE(ok->result->value().serverName, QStringLiteral("probe-tls-server"));

        // nats:// against a server that requires TLS: upgraded as the INFO asks.
        auto upgraded = probeOnce(server.url(), nkeyCreds(m_alice), withCa);
        QVERIFY_RESULT(*upgraded->result);
        QVERIFY(upgraded->result->value().tls);

        // TLS succeeds, authentication does not.
        auto refused = probeOnce(server.url(QStringLiteral("tls")), nkeyCreds(m_mallory), withCa);
        QCOMPARE(refused->result->error().code, ErrorCode::Unauthorized);

        // Without the CA the chain is untrusted: verification is always on.
        auto untrusted = probeOnce(server.url(QStringLiteral("tls")), nkeyCreds(m_alice));
        QCOMPARE(untrusted->emissions, 1);
        QCOMPARE(untrusted->result->error().code, ErrorCode::Tls);
        QVERIFY2(untrusted->result->error().detail.contains(u"probe Test Root CA"),
                 qPrintable(untrusted->result->error().toString()));

        // The custom CA was for that probe only: a fresh probe without it still fails.
        auto again = probeOnce(server.url(QStringLiteral("tls")), nkeyCreds(m_alice));
        QCOMPARE(again->result->error().code, ErrorCode::Tls);

        // A CA file without certificates is bad input.
        ProbeOptions junkCa;
        junkCa.caPem = "-----BEGIN NOTHING-----\n";
        auto junk = probeOnce(server.url(QStringLiteral("tls")), nkeyCreds(m_alice), junkCa);
        QCOMPARE(junk->result->error().code, ErrorCode::InvalidInput);
    }

    void tlsRequestedButNotOffered()
    {
        auto run = probeOnce(m_nkeyServer->url(QStringLiteral("tls")), nkeyCreds(m_alice));
        QCOMPARE(run->emissions, 1);
        QCOMPARE(run->result->error().code, ErrorCode::Tls);
        QVERIFY(run->result->error().message.contains(u"does not offer TLS"));
    }
};

QTEST_GUILESS_MAIN(TstHandshakeProbe)
#include "tst_handshakeprobe.moc"
