#include "core/nats/handshakeprobe.h"
#include "core/nats/creds.h"
#include "core/nats/jwt.h"
#include "natsserver.h"
#include "natsworld.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Pot;
using namespace Pot::Nats;
using Pot::Test::NatsServer;
using Pot::Test::NatsWorld;

/// Operator mode end to end: a world made by core/nats (keys, claims, Jwt::encode) is loaded into a
/// real nats-server (MEMORY resolver, resolver_preload) and every kind of user goes through the
/// live probe. The server log (debug) must name the reason for each refusal, so a refusal for the
/// wrong reason fails the test.
class TstOperatorMode : public QObject
{
    Q_OBJECT

private:
    std::optional<NatsWorld> m_world;
    std::unique_ptr<NatsServer> m_server;

private Q_SLOTS:
    void initTestCase()
    {
        Pot::Test::initTestEnvironment();
        Result<NatsWorld> world = NatsWorld::build();
        QVERIFY_RESULT(world);
        m_world = *world;

        m_server = std::make_unique<NatsServer>();
        m_server->setServerName(QStringLiteral("probe-operator-mode"));
        const Result<QString> config = m_world->serverConfig(m_server->dir());
        QVERIFY_RESULT(config);
        const Status started = m_server->start(*config);
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
        // The server trusted our operator and loaded every account.
        QVERIFY2(m_server->log().contains(u"Trusted Operators"), qPrintable(m_server->log()));
    }

    void cleanupTestCase()
    {
        m_server.reset();
    }

    void users_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<bool>("signNonce");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("serverReason"); // what nats-server logs for a refusal

        QTest::newRow("account signing key") << QStringLiteral("normal") << true << true << QString();
        QTest::newRow("account identity") << QStringLiteral("direct") << true << true << QString();
        QTest::newRow("second account") << QStringLiteral("strict") << true << true << QString();
        QTest::newRow("bearer, no signature") << QStringLiteral("bearer") << false << true << QString();
        QTest::newRow("bearer, signed anyway") << QStringLiteral("bearer") << true << true << QString();
        QTest::newRow("bearer in disallow_bearer account")
            << QStringLiteral("strict-bearer") << false << false
            << QStringLiteral("Account does not allow bearer token");
        QTest::newRow("normal user without signature")
            << QStringLiteral("normal") << false << false << QStringLiteral("Signature missing");
        QTest::newRow("revoked") << QStringLiteral("revoked") << true << false
                                 << QStringLiteral("User authentication revoked");
        QTest::newRow("expired") << QStringLiteral("expired") << true << false
                                 << QStringLiteral("claim is expired");
        QTest::newRow("tampered") << QStringLiteral("tampered") << true << false
                                  << QStringLiteral("claim failed V2 signature verification");
        QTest::newRow("foreign signer") << QStringLiteral("foreign-signer") << true << false
                                        << QStringLiteral("User JWT issuer is not known");
    }

    void users()
    {
        QFETCH(QString, user);
        QFETCH(bool, signNonce);
        QFETCH(bool, accepted);
        QFETCH(QString, serverReason);
        QVERIFY(m_world->users.contains(user));
        const Test::NatsWorldUser &u = m_world->users.value(user);

        ProbeCredentials creds;
        if (signNonce) {
            // The way a user gets there: core exports a .creds file, core reads it back.
            QTemporaryDir dir;
            const QString path = QDir(dir.path()).absoluteFilePath(user + u".creds");
            Result<SecretBytes> text = formatCreds(u.jwt, u.key);
            QVERIFY_RESULT(text);
            QVERIFY_RESULT(writeSecretFile(path, *text, false));
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QByteArray bytes = file.readAll();
            Result<UserCreds> loaded = loadCreds(bytes);
            SecretBytes::wipe(bytes);
            QVERIFY_RESULT(loaded);
            QCOMPARE(loaded->key.publicKeyString(), u.key.publicKeyString());
            creds.userJwt = loaded->jwt.token();
            creds.key = loaded->key;
        } else {
            creds.userJwt = u.jwt; // a bearer JWT on its own
        }
        const qsizetype logBefore = m_server->log().size();
        const Result<ProbeResult> r = Test::probeOnce(m_server->url(), creds);
        const QString serverLog = m_server->log().mid(logBefore);
        if (accepted) {
            QVERIFY2(r.ok(), qPrintable((r.ok() ? QString() : r.error().toString()) + u'\n' + serverLog));
            QCOMPARE(r->serverName, QStringLiteral("probe-operator-mode"));
            QVERIFY(r->authRequired);
        } else {
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, ErrorCode::Unauthorized);
            QVERIFY2(r.error().message.contains(u"Authorization Violation"),
                     qPrintable(r.error().toString()));
            QVERIFY2(serverLog.contains(serverReason, Qt::CaseInsensitive), qPrintable(serverLog));
        }
    }

    /// The seed of another user cannot answer the nonce for this JWT.
    void wrongSeedForJwt()
    {
        ProbeCredentials creds;
        creds.userJwt = m_world->users.value(QStringLiteral("normal")).jwt;
        creds.key = m_world->users.value(QStringLiteral("direct")).key;
        const qsizetype logBefore = m_server->log().size();
        const Result<ProbeResult> r = Test::probeOnce(m_server->url(), creds);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Unauthorized);
        const QString serverLog = m_server->log().mid(logBefore);
        QVERIFY2(serverLog.contains(u"Signature not verified"), qPrintable(serverLog));
    }

    /// The Go reference vectors (operator → account via the operator signing key → user via the
    /// account signing key) are accepted by the same code path.
    void goVectors()
    {
        NatsServer server;
        server.setServerName(QStringLiteral("probe-go-vectors"));
        const Result<QString> config = Test::goVectorServerConfig();
        QVERIFY_RESULT(config);
        const Status started = server.start(*config);
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));

        const QByteArray jwt = Test::readData(QStringLiteral("nats-vectors/go-user.jwt")).trimmed();
        Result<KeyPair> key = KeyPair::fromSeed(
            SecretBytes(QByteArray("SUAKBINCUOSKLJVHVCU2VK5MVWXK7MFRWKZ3JNNWW64LTOV3XS635P565Y")));
        QVERIFY_RESULT(key);
        ProbeCredentials creds;
        creds.userJwt = jwt;
        creds.key = *key;
        const Result<ProbeResult> r = Test::probeOnce(server.url(), creds);
        QVERIFY2(r.ok(), qPrintable((r.ok() ? QString() : r.error().toString()) + u'\n' + server.log()));
        QCOMPARE(r->serverName, QStringLiteral("probe-go-vectors"));
    }
};

QTEST_GUILESS_MAIN(TstOperatorMode)
#include "tst_operatormode.moc"
