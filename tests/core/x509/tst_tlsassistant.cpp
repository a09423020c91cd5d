// The Controller TLS assistant against the real things: what it generates is verified by
// `openssl verify` and `openssl x509 -checkhost/-checkip`; its YAML is read back (yaml-cpp), the
// base64 decoded and loaded into a QSslServer (the stand-in Controller), to which the console's own
// client connects with a trust policy made from the YAML's CA; its host-coverage verdict is compared
// with what Qt's TLS decides for the same certificate and name (a QSslSocket connecting with that
// peer name); files made by openssl are read and their problems (foreign key, foreign CA) named.
#include "core/api/controllerapi.h"
#include "core/net/controllerclient.h"
#include "core/tls/trustpolicy.h"
#include "core/x509/tlsassistant.h"
#include "standincontroller.h"
#include "testpki.h"
#include "testutil.h"

#include <QFile>
#include <QProcess>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <yaml-cpp/yaml.h>

#include <optional>

using namespace Pot;
using X509::ServerTls;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray output;
};

Run openssl(const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(30000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAll()};
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &data)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QByteArray text(const SecretBytes &s) { return s.revealCopy(); }

/// The server side of `tls` as the stand-in Controller serves it.
QSslConfiguration serverConfiguration(const QByteArray &certPem, const QByteArray &keyPem, const QByteArray &caPem)
{
    QSslConfiguration cfg = QSslConfiguration::defaultConfiguration();
    const QSslCertificate leaf(certPem, QSsl::Pem);
    cfg.setLocalCertificate(leaf);
    cfg.setLocalCertificateChain({leaf, QSslCertificate(caPem, QSsl::Pem)});
    cfg.setPrivateKey(QSslKey(keyPem, QSsl::Ec, QSsl::Pem));
    cfg.setPeerVerifyMode(QSslSocket::VerifyNone);
    return cfg;
}

} // namespace

class TestTlsAssistant : public QObject
{
    Q_OBJECT

    /// GET /status from `server` through the console's client, trusting `caPem` only.
    Result<Api::ControllerStatus> status(const Test::StandInController &server, const QByteArray &caPem)
    {
        Net::ControllerClient client;
        if (auto s = client.setBaseUrl(server.address()); !s)
            return s.error();
        auto policy = Tls::TrustPolicy::create(QString::fromLatin1(caPem), {});
        if (!policy)
            return policy.error();
        client.setTrustPolicy(*policy);
        std::optional<Result<Api::ControllerStatus>> out;
        Api::fetchStatus(client, this, [&](Result<Api::ControllerStatus> r) { out = std::move(r); });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 15000))
            return Error(ErrorCode::Timeout, QStringLiteral("test gave up"));
        return *out;
    }

    /// Whether Qt's TLS accepts `tls` when a client trusting its CA connects to 127.0.0.1 expecting
    /// the server to be `peerName`. A refusal must be for the name alone (HostNameMismatch); any
    /// other failure or a time-out fails the test, so that a server that never worked cannot pass
    /// for a refusal.
    std::optional<bool> qtAccepts(const ServerTls &tls, const QString &peerName)
    {
        QSslServer server;
        server.setSslConfiguration(serverConfiguration(tls.certificatePem, text(tls.keyPem), tls.caPem));
        if (!server.listen(QHostAddress::LocalHost, 0))
            return std::nullopt;
        QSslSocket client;
        QSslConfiguration cfg = QSslConfiguration::defaultConfiguration();
        cfg.setCaCertificates({QSslCertificate(tls.caPem, QSsl::Pem)});
        client.setSslConfiguration(cfg);
        QList<QSslError> errors;
        bool failed = false;
        connect(&client, &QSslSocket::sslErrors, this, [&](const QList<QSslError> &e) { errors = e; });
        connect(&client, &QAbstractSocket::errorOccurred, this, [&] { failed = true; });
        client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.serverPort(), peerName);
        if (!QTest::qWaitFor([&] { return client.isEncrypted() || failed; }, 15000))
            return std::nullopt;
        if (client.isEncrypted())
            return true;
        if (errors.size() == 1 && errors.first().error() == QSslError::HostNameMismatch)
            return false;
        qWarning() << "handshake failed otherwise:" << errors << client.errorString();
        return std::nullopt;
    }

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void parsesHostsAsTyped()
    {
        QCOMPARE(X509::parseHosts(QStringLiteral("https://ctl.example.com:51121/api, 10.0.0.5\n[::1]:80 edge:8080;ctl.example.com")),
                 (QStringList{QStringLiteral("ctl.example.com"), QStringLiteral("10.0.0.5"), QStringLiteral("::1"),
                              QStringLiteral("edge")}));
        QVERIFY(X509::parseHosts(QStringLiteral(" , ;\n")).isEmpty());
    }

    void refusesWhatIsNoHost_data()
    {
        QTest::addColumn<QStringList>("hosts");
        QTest::addColumn<int>("days");
        QTest::addColumn<QString>("said");
        QTest::newRow("no host") << QStringList{} << 365 << QStringLiteral("at least one host");
        QTest::newRow("a space") << QStringList{QStringLiteral("bad host")} << 365 << QStringLiteral("“bad host”");
        QTest::newRow("punctuation") << QStringList{QStringLiteral("ctl!.example.com")} << 365 << QStringLiteral("neither");
        QTest::newRow("no days") << QStringList{QStringLiteral("ctl")} << 0 << QStringLiteral("between 1 and 3650");
    }
    void refusesWhatIsNoHost()
    {
        QFETCH(QStringList, hosts);
        QFETCH(int, days);
        QFETCH(QString, said);
        const Result<ServerTls> tls = X509::generateServerTls(hosts, days, {});
        QVERIFY(!tls.ok());
        QCOMPARE(tls.error().code, ErrorCode::InvalidInput);
        QVERIFY2(tls.error().message.contains(said), qPrintable(tls.error().message));
    }

    // What it makes, OpenSSL itself verifies: the chain, the names, the server use.
    void generatedMaterialPassesOpenSsl()
    {
        const Result<ServerTls> tls = X509::generateServerTls(
            {QStringLiteral("ctl.example.com"), QStringLiteral("127.0.0.1"), QStringLiteral("::1")}, 90,
            QStringLiteral("Lab CA"));
        QVERIFY_RESULT(tls);
        QTemporaryDir dir;
        const QString ca = writeFile(dir, QStringLiteral("ca.pem"), tls->caPem);
        const QString cert = writeFile(dir, QStringLiteral("server.pem"), tls->certificatePem);
        const QString key = writeFile(dir, QStringLiteral("server.key"), text(tls->keyPem));

        const Run verify = openssl({QStringLiteral("verify"), QStringLiteral("-purpose"), QStringLiteral("sslserver"),
                                    QStringLiteral("-CAfile"), ca, cert});
        QVERIFY2(verify.exitCode == 0 && verify.output.contains(": OK"), verify.output.constData());
        const Run names = openssl({QStringLiteral("x509"), QStringLiteral("-noout"), QStringLiteral("-in"), cert,
                                   QStringLiteral("-checkhost"), QStringLiteral("ctl.example.com"),
                                   QStringLiteral("-checkip"), QStringLiteral("127.0.0.1")});
        QVERIFY2(names.output.contains("Hostname ctl.example.com does match certificate"), names.output.constData());
        QVERIFY2(names.output.contains("IP 127.0.0.1 does match certificate"), names.output.constData());
        const Run subject = openssl({QStringLiteral("x509"), QStringLiteral("-noout"), QStringLiteral("-subject"),
                                     QStringLiteral("-issuer"), QStringLiteral("-in"), cert});
        QVERIFY2(subject.output.contains("subject=CN = ctl.example.com"), subject.output.constData());
        QVERIFY2(subject.output.contains("issuer=CN = Lab CA"), subject.output.constData());
        const Run keyMatch = openssl({QStringLiteral("pkey"), QStringLiteral("-in"), key, QStringLiteral("-pubout")});
        const Run certKey = openssl({QStringLiteral("x509"), QStringLiteral("-in"), cert, QStringLiteral("-noout"),
                                     QStringLiteral("-pubkey")});
        QCOMPARE(keyMatch.output, certKey.output);
        QVERIFY(!tls->caKeyPem.isEmpty()); // to issue the next certificate

        const Result<X509::TlsCheck> check = X509::checkServerTls(
            *tls, {QStringLiteral("ctl.example.com"), QStringLiteral("127.0.0.1"), QStringLiteral("::1")},
            QDateTime::currentDateTimeUtc());
        QVERIFY_RESULT(check);
        QVERIFY2(check->ok(), qPrintable(check->problems.join(u'\n')));
        QCOMPARE(check->certificate.daysTotal(), 90);
    }

    // The YAML's own bytes, decoded, serve HTTPS; the console connects trusting the YAML's CA.
    void remoteYamlServesTheControllerAndTheProfileTrustsIt()
    {
        const Result<ServerTls> tls = X509::generateServerTls({QStringLiteral("127.0.0.1"), QStringLiteral("localhost")},
                                                              30, {});
        QVERIFY_RESULT(tls);
        const QByteArray yamlText = text(X509::remoteControlPlaneYaml(*tls, QStringLiteral("ctl-1")));
        QVERIFY(yamlText.startsWith("# The https section of controller \"ctl-1\""));
        const YAML::Node doc = YAML::Load(yamlText.toStdString());
        const YAML::Node https = doc["https"];
        QVERIFY(https.IsMap());
        QCOMPARE(https["enabled"].as<bool>(), true);
        const QByteArray ca = QByteArray::fromBase64(QByteArray::fromStdString(https["caCert"].as<std::string>()));
        const QByteArray cert = QByteArray::fromBase64(QByteArray::fromStdString(https["tlsCert"].as<std::string>()));
        const QByteArray key = QByteArray::fromBase64(QByteArray::fromStdString(https["tlsKey"].as<std::string>()));
        QCOMPARE(ca, tls->caPem);
        QCOMPARE(cert, tls->certificatePem);
        QCOMPARE(key, text(tls->keyPem));

        Test::StandInController server;
        QVERIFY(server.listen(serverConfiguration(cert, key, ca)));
        const auto answer = status(server, ca);
        QVERIFY_RESULT(answer);
        QCOMPARE(answer->controllerVersion, QStringLiteral("3.7.3"));
    }

    void kubernetesSecretHasTheTlsShape()
    {
        const Result<ServerTls> tls = X509::generateServerTls({QStringLiteral("127.0.0.1")}, 30, {});
        QVERIFY_RESULT(tls);
        const QByteArray yamlText = text(X509::kubernetesSecretYaml(*tls, QStringLiteral("controller-tls"),
                                                                    QStringLiteral("pot")));
        QVERIFY(yamlText.contains("#       secretName: controller-tls\n"));
        QVERIFY(yamlText.contains("#       https: true\n"));
        const YAML::Node doc = YAML::Load(yamlText.toStdString());
        QCOMPARE(doc["apiVersion"].as<std::string>(), std::string("v1"));
        QCOMPARE(doc["kind"].as<std::string>(), std::string("Secret"));
        QCOMPARE(doc["type"].as<std::string>(), std::string("kubernetes.io/tls"));
        QCOMPARE(doc["metadata"]["name"].as<std::string>(), std::string("controller-tls"));
        QCOMPARE(doc["metadata"]["namespace"].as<std::string>(), std::string("pot"));
        const auto decoded = [&](const char *k) {
            return QByteArray::fromBase64(QByteArray::fromStdString(doc["data"][k].as<std::string>()));
        };
        QCOMPARE(decoded("tls.crt"), tls->certificatePem);
        QCOMPARE(decoded("tls.key"), text(tls->keyPem));
        QCOMPARE(decoded("ca.crt"), tls->caPem);

        Test::StandInController server;
        QVERIFY(server.listen(serverConfiguration(decoded("tls.crt"), decoded("tls.key"), decoded("ca.crt"))));
        QVERIFY_RESULT(status(server, decoded("ca.crt")));
    }

    // A certificate that does not name the address the Controller is reached at: the assistant says
    // so, and the console's client is refused by the same server.
    void uncoveredHostIsNamedAndRefused()
    {
        const Result<ServerTls> tls = X509::generateServerTls({QStringLiteral("ctl.example.com")}, 30, {});
        QVERIFY_RESULT(tls);
        const Result<X509::TlsCheck> check = X509::checkServerTls(*tls, {QStringLiteral("127.0.0.1")},
                                                                  QDateTime::currentDateTimeUtc());
        QVERIFY_RESULT(check);
        QVERIFY(!check->ok());
        QCOMPARE(check->hosts.size(), 1);
        QVERIFY(!check->hosts.first().covered);
        QVERIFY2(check->problems.join(u' ').contains(u"127.0.0.1 is not among the certificate's names (ctl.example.com)"),
                 qPrintable(check->problems.join(u'\n')));

        Test::StandInController server;
        QVERIFY(server.listen(serverConfiguration(tls->certificatePem, text(tls->keyPem), tls->caPem)));
        const auto answer = status(server, tls->caPem);
        QVERIFY(!answer.ok());
        QCOMPARE(answer.error().code, ErrorCode::Tls);
        QCOMPARE(server.hits("GET", QStringLiteral("/api/v3/status")), 0);
    }

    // The coverage verdict equals Qt's TLS decision for the same certificate and name.
    void coverageAgreesWithQt_data()
    {
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QString>("peer");
        QTest::newRow("exact name") << QStringList{QStringLiteral("ctl.example.com")} << QStringLiteral("ctl.example.com");
        QTest::newRow("other name") << QStringList{QStringLiteral("ctl.example.com")} << QStringLiteral("api.example.com");
        QTest::newRow("case") << QStringList{QStringLiteral("CTL.Example.com")} << QStringLiteral("ctl.example.COM");
        QTest::newRow("wildcard one label") << QStringList{QStringLiteral("*.example.com")} << QStringLiteral("ctl.example.com");
        QTest::newRow("wildcard two labels") << QStringList{QStringLiteral("*.example.com")} << QStringLiteral("a.ctl.example.com");
        QTest::newRow("wildcard bare domain") << QStringList{QStringLiteral("*.example.com")} << QStringLiteral("example.com");
        QTest::newRow("ip") << QStringList{QStringLiteral("127.0.0.1")} << QStringLiteral("127.0.0.1");
        QTest::newRow("ip as name") << QStringList{QStringLiteral("localhost")} << QStringLiteral("127.0.0.1");
        QTest::newRow("other ip") << QStringList{QStringLiteral("10.0.0.5")} << QStringLiteral("127.0.0.1");
    }
    void coverageAgreesWithQt()
    {
        QFETCH(QStringList, names);
        QFETCH(QString, peer);
        const Result<ServerTls> tls = X509::generateServerTls(names, 30, {});
        QVERIFY_RESULT(tls);
        const Result<X509::TlsCheck> check = X509::checkServerTls(*tls, {peer}, QDateTime::currentDateTimeUtc());
        QVERIFY_RESULT(check);
        const std::optional<bool> qt = qtAccepts(*tls, peer);
        QVERIFY2(qt.has_value(), "the TLS handshake neither worked nor failed on the name");
        QCOMPARE(check->hosts.first().covered, *qt);
    }

    // Files an operator brings (made by openssl): accepted as they are; a key or CA that does not
    // belong is named.
    void filesFromOpenSsl()
    {
        Test::TestPki pki(QStringLiteral("Files CA"));
        QVERIFY_RESULT(pki.generate());
        const QDateTime now = QDateTime::currentDateTimeUtc();

        const Result<ServerTls> tls = X509::readServerTls(pki.serverCertPath(), pki.serverKeyPath(), pki.caCertPath());
        QVERIFY_RESULT(tls);
        QVERIFY(tls->caKeyPem.isEmpty());
        const Result<X509::TlsCheck> good = X509::checkServerTls(*tls, {QStringLiteral("127.0.0.1"), QStringLiteral("localhost")}, now);
        QVERIFY_RESULT(good);
        QVERIFY2(good->ok(), qPrintable(good->problems.join(u'\n')));

        const Result<ServerTls> foreignCa = X509::readServerTls(pki.serverCertPath(), pki.serverKeyPath(), pki.otherCaCertPath());
        QVERIFY_RESULT(foreignCa);
        const Result<X509::TlsCheck> unsigned_ = X509::checkServerTls(*foreignCa, {QStringLiteral("127.0.0.1")}, now);
        QVERIFY_RESULT(unsigned_);
        QVERIFY(!unsigned_->signedByCa);
        QVERIFY2(unsigned_->problems.join(u' ').contains(u"did not sign this certificate"),
                 qPrintable(unsigned_->problems.join(u'\n')));

        // A key of another certificate: the generated one's.
        const Result<ServerTls> other = X509::generateServerTls({QStringLiteral("127.0.0.1")}, 30, {});
        QVERIFY_RESULT(other);
        QTemporaryDir dir;
        const QString otherKey = writeFile(dir, QStringLiteral("other.key"), text(other->keyPem));
        const Result<ServerTls> wrongKey = X509::readServerTls(pki.serverCertPath(), otherKey, pki.caCertPath());
        QVERIFY_RESULT(wrongKey);
        const Result<X509::TlsCheck> mismatch = X509::checkServerTls(*wrongKey, {QStringLiteral("127.0.0.1")}, now);
        QVERIFY_RESULT(mismatch);
        QVERIFY(!mismatch->keyMatches);
        QVERIFY2(mismatch->problems.join(u' ').contains(u"private key is not the key"),
                 qPrintable(mismatch->problems.join(u'\n')));

        // A certificate file with nothing else: the CA is asked for.
        const Result<ServerTls> noCa = X509::readServerTls(pki.serverCertPath(), pki.serverKeyPath(), {});
        QVERIFY(!noCa.ok());
        QVERIFY2(noCa.error().message.contains(u"CA certificate"), qPrintable(noCa.error().message));
        // Garbage where the key should be.
        const QString garbage = writeFile(dir, QStringLiteral("garbage.key"), QByteArray("not a key at all\n"));
        const Result<ServerTls> bad = X509::readServerTls(pki.serverCertPath(), garbage, pki.caCertPath());
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.startsWith(u"Private key:"), qPrintable(bad.error().message));
    }

    // An operator's chain with an intermediate: the CA file lists root then intermediate; the
    // assistant finds the issuer along the chain, writes both (issuer first), and a client trusting
    // what it wrote reaches the server. A certificate naming its host only in the CN is not covered
    // (Go, and so potctl, browsers and curl ignore the CN).
    void intermediateChainAndCnOnly()
    {
        QTemporaryDir dir;
        const auto p = [&dir](const char *name) { return dir.filePath(QString::fromLatin1(name)); };
        const auto run = [](const QStringList &args) { return openssl(args).exitCode == 0; };
        QFile ext(p("ext.cnf"));
        QVERIFY(ext.open(QIODevice::WriteOnly));
        ext.write("[ca]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n"
                  "[leaf]\nbasicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"
                  "[cnonly]\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
        ext.close();
        const QStringList ec{QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                             QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes")};
        QVERIFY(run(QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ec
                    + QStringList{QStringLiteral("-keyout"), p("root.key"), QStringLiteral("-out"), p("root.pem"),
                                  QStringLiteral("-subj"), QStringLiteral("/CN=Chain Root"), QStringLiteral("-days"), QStringLiteral("30"),
                                  QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE")}));
        const auto sign = [&](const char *name, const char *subject, const char *issuer, const char *section) {
            return run(QStringList{QStringLiteral("req")} + ec
                       + QStringList{QStringLiteral("-keyout"), p(name) + u".key", QStringLiteral("-out"), p(name) + u".csr",
                                     QStringLiteral("-subj"), QString::fromLatin1(subject)})
                && run({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), p(name) + u".csr",
                        QStringLiteral("-CA"), p(issuer) + u".pem", QStringLiteral("-CAkey"), p(issuer) + u".key",
                        QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), QStringLiteral("20"),
                        QStringLiteral("-extfile"), p("ext.cnf"), QStringLiteral("-extensions"), QString::fromLatin1(section),
                        QStringLiteral("-out"), p(name) + u".pem"});
        };
        QVERIFY(sign("inter", "/CN=Chain Intermediate", "root", "ca"));
        QVERIFY(sign("leaf", "/CN=leaf", "inter", "leaf"));
        QVERIFY(sign("cnonly", "/CN=ctl.example.com", "inter", "cnonly"));
        QFile root(p("root.pem")), inter(p("inter.pem")), bundle(p("cas.pem"));
        QVERIFY(root.open(QIODevice::ReadOnly) && inter.open(QIODevice::ReadOnly) && bundle.open(QIODevice::WriteOnly));
        bundle.write(root.readAll() + inter.readAll()); // root first: not the leaf's issuer
        bundle.close();

        const QDateTime now = QDateTime::currentDateTimeUtc();
        const Result<ServerTls> tls = X509::readServerTls(p("leaf.pem"), p("leaf.key"), p("cas.pem"));
        QVERIFY_RESULT(tls);
        QCOMPARE(tls->caPem.count("-----BEGIN CERTIFICATE-----"), 2);
        const Result<X509::TlsCheck> check = X509::checkServerTls(*tls, {QStringLiteral("127.0.0.1")}, now);
        QVERIFY_RESULT(check);
        QVERIFY2(check->ok(), qPrintable(check->problems.join(u'\n')));
        QCOMPARE(check->ca.commonName, QStringLiteral("Chain Intermediate"));
        Test::StandInController server;
        QVERIFY(server.listen(serverConfiguration(tls->certificatePem, text(tls->keyPem), tls->caPem)));
        QVERIFY_RESULT(status(server, tls->caPem));

        const Result<ServerTls> cnOnly = X509::readServerTls(p("cnonly.pem"), p("cnonly.key"), p("cas.pem"));
        QVERIFY_RESULT(cnOnly);
        const Result<X509::TlsCheck> cnCheck = X509::checkServerTls(*cnOnly, {QStringLiteral("ctl.example.com")}, now);
        QVERIFY_RESULT(cnCheck);
        QVERIFY(!cnCheck->hosts.first().covered);
        QVERIFY2(cnCheck->problems.join(u' ').contains(u"it has none, only CN=ctl.example.com"),
                 qPrintable(cnCheck->problems.join(u'\n')));
    }

    // An expired server certificate is a problem, not a note.
    void expiredIsAProblem()
    {
        const Result<ServerTls> tls = X509::generateServerTls({QStringLiteral("127.0.0.1")}, 10, {});
        QVERIFY_RESULT(tls);
        const Result<X509::TlsCheck> later = X509::checkServerTls(*tls, {QStringLiteral("127.0.0.1")},
                                                                  QDateTime::currentDateTimeUtc().addDays(11));
        QVERIFY_RESULT(later);
        QVERIFY(!later->ok());
        QVERIFY2(later->problems.join(u' ').contains(u"The server certificate expired on"), qPrintable(later->problems.join(u'\n')));
        const Result<X509::TlsCheck> soon = X509::checkServerTls(*tls, {QStringLiteral("127.0.0.1")},
                                                                 QDateTime::currentDateTimeUtc().addDays(5));
        QVERIFY_RESULT(soon);
        QVERIFY(soon->ok());
        QVERIFY2(soon->notes.join(u' ').contains(u"ends in 5 day"), qPrintable(soon->notes.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestTlsAssistant)
#include "tst_tlsassistant.moc"
