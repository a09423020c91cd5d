#include "core/api/controllerapi.h"
#include "core/net/controllerclient.h"
#include "core/tls/certificatereport.h"
#include "core/tls/trustpolicy.h"
#include "standincontroller.h"
#include "testpki.h"
#include "testutil.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Pot;
using Test::StandInController;

class TestTls : public QObject
{
    Q_OBJECT

private:
    Test::TestPki m_pki;
    std::unique_ptr<StandInController> m_server;

    /// GET /status over a fresh manager (no kept connection can make a case pass by accident).
    Result<Api::ControllerStatus> status(const Tls::TrustPolicy &policy)
    {
        QNetworkAccessManager nam;
        Net::ControllerClient client(&nam);
        if (auto s = client.setBaseUrl(m_server->address()); !s)
            return s.error();
        client.setTrustPolicy(policy);
        std::optional<Result<Api::ControllerStatus>> out;
        Api::fetchStatus(client, this, [&](Result<Api::ControllerStatus> r) { out = std::move(r); });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 15000))
            return Error(ErrorCode::Timeout, QStringLiteral("test gave up"));
        return *out;
    }

    Tls::TrustPolicy policy(const QByteArray &ca, const QString &pin = {})
    {
        auto p = Tls::TrustPolicy::create(QString::fromLatin1(ca), pin);
        if (!p)
            qFatal("policy: %s", qPrintable(p.error().toString()));
        return *p;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY_RESULT(m_pki.generate());
    }

    void init()
    {
        m_server = std::make_unique<StandInController>();
        QVERIFY(m_server->listen(m_pki.serverConfiguration()));
        QVERIFY(m_server->address().startsWith(u"https://127.0.0.1:"));
    }

    void cleanup() { m_server.reset(); }

    void pinParsing_data()
    {
        QTest::addColumn<QString>("pin");
        QTest::addColumn<bool>("valid");
        const QString hex = QStringLiteral("ab").repeated(32);
        QTest::newRow("plain lower") << hex << true;
        QTest::newRow("upper with colons")
            << QString::fromLatin1(QByteArray::fromHex(hex.toLatin1()).toHex(':').toUpper()) << true;
        QTest::newRow("prefix and spaces") << u"sha256: " + hex + u"  " << true;
        QTest::newRow("too short") << QStringLiteral("abcd") << false;
        QTest::newRow("not hex") << QStringLiteral("zz").repeated(32) << false;
    }

    void pinParsing()
    {
        QFETCH(QString, pin);
        QFETCH(bool, valid);
        const auto parsed = Tls::TrustPolicy::parsePin(pin);
        QCOMPARE(parsed.ok(), valid);
        if (valid)
            QCOMPARE(parsed->size(), 32);
        else
            QCOMPARE(parsed.error().code, ErrorCode::InvalidInput);
    }

    void badCaText()
    {
        const auto p = Tls::TrustPolicy::create(QStringLiteral("not a certificate"), {});
        QVERIFY(!p.ok());
        QVERIFY(p.error().message.contains(u"PEM"));
    }

    void customCaAccepted()
    {
        QNetworkAccessManager nam;
        Net::ControllerClient client(&nam);
        QVERIFY_RESULT(client.setBaseUrl(m_server->address()));
        QVERIFY(client.isEncrypted());
        const auto r = status(policy(m_pki.caPem()));
        QVERIFY_RESULT(r);
        QCOMPARE(r->controllerVersion, QStringLiteral("3.7.3"));
    }

    void unknownCaRefusedWithChain()
    {
        const auto r = status(Tls::TrustPolicy());
        QVERIFY(!r.ok());
        const Error &e = r.error();
        QCOMPARE(e.code, ErrorCode::Tls);
        QVERIFY2(e.message.contains(u"not trusted"), qPrintable(e.message));
        QCOMPARE(m_server->hits("GET", QStringLiteral("/api/v3/status")), 0); // nothing was sent

        const auto report = Tls::CertificateChainReport::fromError(e);
        QVERIFY(report.has_value());
        QCOMPARE(report->host, QStringLiteral("127.0.0.1"));
        QCOMPARE(report->certificates.size(), 2);
        const Tls::CertificateInfo &leaf = report->certificates.at(0);
        QCOMPARE(leaf.subject, QStringLiteral("CN=127.0.0.1, O=PoT Console Tests"));
        QCOMPARE(leaf.issuer, QStringLiteral("CN=PoT Test CA, O=PoT Console Tests"));
        QCOMPARE(leaf.sha256, m_pki.serverFingerprint());
        QVERIFY(leaf.notBefore.isValid() && leaf.notAfter > QDateTime::currentDateTimeUtc());
        QVERIFY(!report->problems.isEmpty());
        QVERIFY(e.detail.contains(m_pki.serverFingerprint()));
        QVERIFY(e.detail.contains(u"Subject: CN=127.0.0.1"));

        // "Trust this CA for this profile": the offered PEM is the CA, and it works.
        const QByteArray offered = report->issuerPem();
        QCOMPARE(QSslCertificate(offered, QSsl::Pem), QSslCertificate(m_pki.caPem(), QSsl::Pem));
        QVERIFY_RESULT(status(policy(offered)));
    }

    void wrongCaRefused()
    {
        const auto r = status(policy(m_pki.otherCaPem()));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Tls);
    }

    void leafOnlyChainOffersNoIssuer()
    {
        m_server = std::make_unique<StandInController>();
        QVERIFY(m_server->listen(m_pki.serverConfiguration(false)));
        const auto r = status(Tls::TrustPolicy());
        QCOMPARE(r.error().code, ErrorCode::Tls);
        const auto report = Tls::CertificateChainReport::fromError(r.error());
        QVERIFY(report.has_value());
        QCOMPARE(report->certificates.size(), 1);
        QVERIFY(report->issuerPem().isEmpty()); // the issuer was not presented
        QVERIFY_RESULT(status(policy(m_pki.caPem())));
    }

    void pinMatchAccepted()
    {
        QString pin = m_pki.serverFingerprint().toLower();
        QVERIFY_RESULT(status(policy(m_pki.caPem(), pin)));
    }

    void pinMismatchRefused()
    {
        const QString wrong = QStringLiteral("00").repeated(32);
        const auto r = status(policy(m_pki.caPem(), wrong));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Tls);
        QVERIFY2(r.error().message.contains(m_pki.serverFingerprint()), qPrintable(r.error().message));
        QVERIFY(r.error().message.contains(Tls::formatFingerprint(QByteArray(32, '\0'))));
        QVERIFY(Tls::CertificateChainReport::fromError(r.error()).has_value());
        QCOMPARE(m_server->hits("GET", QStringLiteral("/api/v3/status")), 0);
    }

    void pinCheckedOnKeptConnection()
    {
        // Same manager: the second client reuses the connection the first one opened.
        QNetworkAccessManager nam;
        Net::ControllerClient good(&nam);
        QVERIFY_RESULT(good.setBaseUrl(m_server->address()));
        good.setTrustPolicy(policy(m_pki.caPem()));
        std::optional<Result<Api::ControllerStatus>> first;
        Api::fetchStatus(good, this, [&](Result<Api::ControllerStatus> r) { first = std::move(r); });
        QTRY_VERIFY(first.has_value());
        QVERIFY_RESULT(*first);

        Net::ControllerClient pinned(&nam);
        QVERIFY_RESULT(pinned.setBaseUrl(m_server->address()));
        pinned.setTrustPolicy(policy(m_pki.caPem(), QStringLiteral("11").repeated(32)));
        std::optional<Result<Api::ControllerStatus>> second;
        Api::fetchStatus(pinned, this, [&](Result<Api::ControllerStatus> r) { second = std::move(r); });
        QTRY_VERIFY(second.has_value());
        QVERIFY(!second->ok());
        QCOMPARE(second->error().code, ErrorCode::Tls);
    }

    void plainHttpFlagged()
    {
        StandInController plain;
        QVERIFY(plain.listen());
        QNetworkAccessManager nam;
        Net::ControllerClient client(&nam);
        QVERIFY_RESULT(client.setBaseUrl(plain.address()));
        QVERIFY(!client.isEncrypted());
        client.setTrustPolicy(policy(m_pki.caPem(), m_pki.serverFingerprint()));
        std::optional<Result<Api::ControllerStatus>> r;
        Api::fetchStatus(client, this, [&](Result<Api::ControllerStatus> s) { r = std::move(s); });
        QTRY_VERIFY(r.has_value());
        QVERIFY_RESULT(*r); // http works; the UI flags it through isEncrypted()
    }

    void httpsClientAgainstHttpServer()
    {
        StandInController plain;
        QVERIFY(plain.listen());
        QNetworkAccessManager nam;
        Net::ControllerClient client(&nam);
        QVERIFY_RESULT(client.setBaseUrl(u"127.0.0.1:" + QString::number(plain.port()))); // https
        client.setDefaultTimeout(std::chrono::seconds(5));
        std::optional<Result<Api::ControllerStatus>> r;
        Api::fetchStatus(client, this, [&](Result<Api::ControllerStatus> s) { r = std::move(s); });
        QTRY_VERIFY_WITH_TIMEOUT(r.has_value(), 8000);
        QVERIFY(!r->ok());
        QCOMPARE(r->error().code, ErrorCode::Tls);
        QVERIFY2(r->error().message.contains(u"Is it an https server?"), qPrintable(r->error().toString()));
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
