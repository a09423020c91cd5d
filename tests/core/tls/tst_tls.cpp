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
        Net::ControllerClient client;
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
        Net::ControllerClient client;
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

    // A pin (or CA) edit applies to the very next request of the same client: it does not ride on
    // the connection (and TLS context) that was opened under the old settings.
    void trustChangeTakesEffectOnNextRequest()
    {
        Net::ControllerClient client;
        QVERIFY_RESULT(client.setBaseUrl(m_server->address()));
        const auto fetch = [&] {
            auto out = std::make_shared<std::optional<Result<Api::ControllerStatus>>>();
            Api::fetchStatus(client, this, [out](Result<Api::ControllerStatus> r) { *out = std::move(r); });
            (void)QTest::qWaitFor([&] { return out->has_value(); }, 15000);
            return out->value_or(Error(ErrorCode::Timeout, QStringLiteral("test gave up")));
        };
        client.setTrustPolicy(policy(m_pki.caPem()));
        QVERIFY_RESULT(fetch());

        client.setTrustPolicy(policy(m_pki.caPem(), QStringLiteral("11").repeated(32)));
        Result<Api::ControllerStatus> pinned = fetch();
        QVERIFY(!pinned.ok());
        QCOMPARE(pinned.error().code, ErrorCode::Tls);
        QVERIFY(Tls::CertificateChainReport::fromError(pinned.error())->pinMismatch);

        client.setTrustPolicy(policy(m_pki.caPem(), m_pki.serverFingerprint()));
        QVERIFY_RESULT(fetch());

        client.setTrustPolicy(Tls::TrustPolicy()); // system store only: the test CA is not in it
        Result<Api::ControllerStatus> untrusted = fetch();
        QVERIFY(!untrusted.ok());
        QCOMPARE(untrusted.error().code, ErrorCode::Tls);
        QVERIFY(!Tls::CertificateChainReport::fromError(untrusted.error())->pinMismatch);

        client.setTrustPolicy(policy(m_pki.caPem()));
        QVERIFY_RESULT(fetch());
    }

    // The system store is read once per policy, not for every request (it took ~125 ms a call on
    // the GUI thread, which made a sign-in's dozen reads take seconds).
    void systemStoreReadOncePerPolicy()
    {
        const Tls::TrustPolicy p = policy(m_pki.caPem());
        const QList<QSslCertificate> first = p.configuration().caCertificates();
        const QList<QSslCertificate> second = p.configuration().caCertificates();
        QVERIFY(first.size() > 1);
        QVERIFY(first.contains(QSslCertificate(m_pki.caPem())));
        QCOMPARE(first.constData(), second.constData()); // the same list, not read again
    }

    // A request already on the wire when the trust changes is sent again under the new trust: its
    // answer over the old connection does not count. The old manager is deleted afterwards.
    void requestInFlightIsResentUnderNewTrust()
    {
        Net::ControllerClient client;
        QVERIFY_RESULT(client.setBaseUrl(m_server->address()));
        client.setTrustPolicy(policy(m_pki.caPem()));
        m_server->setAnswerDelay(700);
        auto out = std::make_shared<std::optional<Result<Api::ControllerStatus>>>();
        Api::fetchStatus(client, &client, [out](Result<Api::ControllerStatus> r) { *out = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(m_server->hits("GET", QStringLiteral("/api/v3/status")) >= 1, 10000);
        client.setTrustPolicy(policy(m_pki.otherCaPem()));
        QTRY_VERIFY_WITH_TIMEOUT(out->has_value(), 15000);
        QVERIFY(!(*out)->ok());
        QCOMPARE((*out)->error().code, ErrorCode::Tls);
        QTRY_COMPARE_WITH_TIMEOUT(client.findChildren<QNetworkAccessManager *>().size(), 1, 5000);
        m_server->setAnswerDelay(0);
    }

    // A CA pasted as one line (line breaks stripped) is re-wrapped and works.
    void oneLineCaAccepted()
    {
        QString oneLine = QString::fromLatin1(m_pki.caPem());
        oneLine.remove(u'\n');
        const auto p = Tls::TrustPolicy::create(oneLine, {});
        QVERIFY_RESULT(p);
        QCOMPARE(p->customCas().size(), 1);
        QVERIFY_RESULT(status(*p));
        const auto canonical = Tls::normaliseCaPem(oneLine);
        QVERIFY_RESULT(canonical);
        QCOMPARE(canonical->toLatin1(), m_pki.caPem());
    }

    void caTextErrorsNameTheProblem_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("fragment");
        const QString ca = QString::fromLatin1(m_pki.caPem());
        QTest::newRow("cut off") << ca.left(ca.indexOf(u"-----END")) << QStringLiteral("certificate 1 has no -----END");
        QTest::newRow("not base64") << QString(ca).insert(40, u'!') << QStringLiteral("not valid base64");
        QTest::newRow("second broken") << ca + ca.left(ca.size() - 40) << QStringLiteral("certificate 2 has no");
        QTest::newRow("not a certificate")
            << QStringLiteral("-----BEGIN CERTIFICATE-----\naGVsbG8gd29ybGQ=\n-----END CERTIFICATE-----")
            << QStringLiteral("certificate 1 decodes to 11 bytes that are not an X.509 certificate");
        QTest::newRow("no pem at all") << QStringLiteral("MIIB") << QStringLiteral("not a PEM certificate");
        QTest::newRow("with a private key")
            << ca + QString::fromLatin1(m_pki.serverKeyPem()) << QStringLiteral("contains a private key");
        QTest::newRow("first cut off, second whole")
            << ca.left(ca.indexOf(u"-----END")) + ca << QStringLiteral("certificate 1 has no -----END");
    }

    void caTextErrorsNameTheProblem()
    {
        QFETCH(QString, text);
        QFETCH(QString, fragment);
        const auto p = Tls::TrustPolicy::create(text, {});
        QVERIFY(!p.ok());
        QCOMPARE(p.error().code, ErrorCode::InvalidInput);
        QVERIFY2(p.error().message.contains(fragment), qPrintable(p.error().message));
    }

    void plainHttpFlagged()
    {
        StandInController plain;
        QVERIFY(plain.listen());
        Net::ControllerClient client;
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
        Net::ControllerClient client;
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
