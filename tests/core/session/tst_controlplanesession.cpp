#include "core/net/apierror.h"
#include "core/profiles/memorysecretstore.h"
#include "core/tls/certificatereport.h"
#include "core/session/controlplanesession.h"
#include "standincontroller.h"
#include "testpki.h"
#include "testutil.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace Pot;
using Pot::Session::ControlPlaneSession;
using Pot::Test::HttpRequest;
using Pot::Test::HttpResponse;
using Pot::Test::StandInController;

namespace {

constexpr int Wait = 15000;

} // namespace

/// A control plane's connection as the status panel shows it: TLS trust that belongs to one
/// profile and follows its edits, and a status line that names the kind of failure. Every session
/// here is given the same application network manager, as the console's composition root does;
/// trust must not travel through it.
class TstControlPlaneSession : public QObject
{
    Q_OBJECT

private:
    Test::TestPki m_pki;
    std::unique_ptr<StandInController> m_server;
    QNetworkAccessManager m_network; // shared by every session, as in the console
    Profiles::MemorySecretStore m_secrets;
    int m_requestTimeoutMs = 10000;

    Profiles::Profile profile(const QString &name, const QByteArray &ca = {}, const QString &pin = {})
    {
        Profiles::Profile p;
        p.id = QUuid::createUuid();
        p.name = name;
        p.controllerUrl = m_server->address();
        p.email = QStringLiteral("admin@example.com");
        p.caCertificatePem = QString::fromLatin1(ca);
        p.pinnedSha256 = pin;
        p.refreshIntervalSec = 1;
        return p;
    }

    std::unique_ptr<ControlPlaneSession> session(const Profiles::Profile &p)
    {
        ControlPlaneSession::Services services;
        services.secrets = &m_secrets;
        services.requestTimeoutMs = m_requestTimeoutMs;
        return std::make_unique<ControlPlaneSession>(p, services);
    }

    static bool settled(const ControlPlaneSession &s)
    {
        return s.state() == ConnectionState::SignInRequired || s.state() == ConnectionState::Failed
               || s.state() == ConnectionState::Offline;
    }

    /// Connects and waits until the session has an answer either way.
    static bool connectAndWait(ControlPlaneSession &s)
    {
        s.connectToController();
        return QTest::qWaitFor([&] { return settled(s); }, Wait);
    }

    static QString wrongPin() { return QStringLiteral("ab").repeated(32); }

private Q_SLOTS:
    void initTestCase()
    {
        Test::initTestEnvironment();
        QVERIFY_RESULT(m_pki.generate());
    }

    void init()
    {
        m_requestTimeoutMs = 10000;
        m_server = std::make_unique<StandInController>();
        QVERIFY(m_server->listen(m_pki.serverConfiguration()));
    }

    void cleanup() { m_server.reset(); }

    // Profile A trusts the Controller's CA and connects; profile B, same address and no CA, must
    // not ride on A's verified connection.
    void trustDoesNotTravelToAnotherProfile()
    {
        auto a = session(profile(QStringLiteral("A"), m_pki.caPem()));
        QVERIFY(connectAndWait(*a));
        QCOMPARE(a->state(), ConnectionState::SignInRequired);
        QVERIFY(a->tlsText().startsWith(u"TLS verified (this profile's CA"));

        auto b = session(profile(QStringLiteral("B")));
        QVERIFY(connectAndWait(*b));
        QCOMPARE(b->state(), ConnectionState::Failed);
        QCOMPARE(b->stateText(), QStringLiteral("Certificate not trusted"));
        QVERIFY(!b->tlsText().contains(u"verified"));
        QVERIFY2(b->lastError().contains(u"not trusted"), qPrintable(b->lastError()));

        // A keeps working beside it.
        const int before = m_server->hits("GET", QStringLiteral("/api/v3/status"));
        QTRY_VERIFY_WITH_TIMEOUT(m_server->hits("GET", QStringLiteral("/api/v3/status")) > before + 1, Wait);
        QCOMPARE(a->state(), ConnectionState::SignInRequired);
    }

    // Two profiles on one host:port with different CAs, connecting at the same time.
    void concurrentProfilesWithDifferentCas()
    {
        auto good = session(profile(QStringLiteral("good"), m_pki.caPem()));
        auto other = session(profile(QStringLiteral("other"), m_pki.otherCaPem()));
        auto none = session(profile(QStringLiteral("none")));
        good->connectToController();
        other->connectToController();
        none->connectToController();
        QTRY_VERIFY_WITH_TIMEOUT(settled(*good) && settled(*other) && settled(*none), Wait);
        QCOMPARE(good->state(), ConnectionState::SignInRequired);
        QCOMPARE(other->state(), ConnectionState::Failed);
        QCOMPARE(other->stateText(), QStringLiteral("Certificate not trusted"));
        QCOMPARE(none->state(), ConnectionState::Failed);
        // And again, now that `good` has a kept connection to the same host:port.
        other->disconnectFromController();
        QVERIFY(connectAndWait(*other));
        QCOMPARE(other->state(), ConnectionState::Failed);
        QCOMPARE(good->state(), ConnectionState::SignInRequired);
    }

    // Removing the CA takes effect on the next request, and after a reconnect.
    void removingTheCaTakesEffect()
    {
        Profiles::Profile p = profile(QStringLiteral("A"), m_pki.caPem());
        auto a = session(p);
        QVERIFY(connectAndWait(*a));
        QCOMPARE(a->state(), ConnectionState::SignInRequired);

        p.caCertificatePem.clear();
        a->setProfile(p);
        // The next status poll (every second) runs under the new trust.
        QTRY_COMPARE_WITH_TIMEOUT(a->state(), ConnectionState::Failed, Wait);
        QCOMPARE(a->stateText(), QStringLiteral("Certificate not trusted"));

        a->disconnectFromController();
        QVERIFY(connectAndWait(*a));
        QCOMPARE(a->state(), ConnectionState::Failed);
    }

    // A trust failure, then the CA is added: the next connect succeeds without a restart.
    void addingTheCaTakesEffect()
    {
        Profiles::Profile p = profile(QStringLiteral("B"));
        auto b = session(p);
        QVERIFY(connectAndWait(*b));
        QCOMPARE(b->state(), ConnectionState::Failed);
        QVERIFY(!b->presentedCaPem().isEmpty()); // the stand-in sends its chain

        // "Trust this CA" hands the presented CA to the profile, which comes back through setProfile.
        QString trusted;
        connect(b.get(), &ControlPlaneSession::caTrusted, this, [&](const QString &pem) { trusted = pem; });
        b->trustPresentedCa();
        QVERIFY(!trusted.isEmpty());
        p.caCertificatePem = trusted;
        b->setProfile(p);
        QVERIFY(connectAndWait(*b));
        QCOMPARE(b->state(), ConnectionState::SignInRequired);
        QVERIFY(b->tlsText().startsWith(u"TLS verified (this profile's CA"));

        // Only this profile trusts it.
        auto c = session(profile(QStringLiteral("C")));
        QVERIFY(connectAndWait(*c));
        QCOMPARE(c->state(), ConnectionState::Failed);
    }

    void pinChangesTakeEffect()
    {
        const QString pin = m_pki.serverFingerprint();
        Profiles::Profile p = profile(QStringLiteral("pinned"), m_pki.caPem(), pin);
        auto s = session(p);
        QVERIFY(connectAndWait(*s));
        QCOMPARE(s->state(), ConnectionState::SignInRequired);
        QVERIFY(s->tlsText().contains(u"pinned"));

        p.pinnedSha256 = wrongPin();
        s->setProfile(p);
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ConnectionState::Failed, Wait);
        QCOMPARE(s->stateText(), QStringLiteral("Certificate does not match the pin"));
        QVERIFY(s->lastError().contains(pin));

        p.pinnedSha256 = pin;
        s->setProfile(p);
        s->disconnectFromController();
        QVERIFY(connectAndWait(*s));
        QCOMPARE(s->state(), ConnectionState::SignInRequired);
    }

    void leafOnlyChainSaysWhatToPaste()
    {
        m_server = std::make_unique<StandInController>();
        QVERIFY(m_server->listen(m_pki.serverConfiguration(/*sendChain=*/false)));
        auto s = session(profile(QStringLiteral("leaf only"), {}, m_pki.serverFingerprint()));
        QVERIFY(connectAndWait(*s));
        QCOMPARE(s->state(), ConnectionState::Failed);
        QCOMPARE(s->stateText(), QStringLiteral("Certificate not trusted"));
        QVERIFY(s->presentedCaPem().isEmpty());
        QVERIFY2(s->lastError().contains(u"sent only its own certificate, issued by"), qPrintable(s->lastError()));
        QVERIFY(s->lastError().contains(u"PoT Test CA"));
        QVERIFY(s->lastError().contains(u"A pin alone pins the certificate but does not make it trusted"));
    }

    // Each kind of failure says what it is on the status line (it used to read "Connection refused").
    void failureKindsAreNamed()
    {
        // Refused: a port nobody listens on.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 freePort = probe.serverPort();
        probe.close();
        Profiles::Profile refused = profile(QStringLiteral("refused"));
        refused.controllerUrl = QStringLiteral("https://127.0.0.1:%1").arg(freePort);
        auto r = session(refused);
        QVERIFY(connectAndWait(*r));
        QCOMPARE(r->state(), ConnectionState::Offline);
        QCOMPARE(r->stateText(), QStringLiteral("Offline — Connection refused"));

        // A CA text that is not a certificate.
        auto badCa = session(profile(QStringLiteral("bad CA"),
                                     "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n"));
        badCa->connectToController();
        QCOMPARE(badCa->state(), ConnectionState::Failed);
        QCOMPARE(badCa->stateText(), QStringLiteral("Profile settings unusable"));
        QVERIFY2(badCa->lastError().contains(u"not an X.509 certificate"), qPrintable(badCa->lastError()));

        // https to a plain http server.
        StandInController plain;
        QVERIFY(plain.listen());
        Profiles::Profile notTls = profile(QStringLiteral("not tls"));
        notTls.controllerUrl = QStringLiteral("https://127.0.0.1:%1").arg(plain.port());
        auto h = session(notTls);
        QVERIFY(connectAndWait(*h));
        QCOMPARE(h->state(), ConnectionState::Failed);
        QCOMPARE(h->stateText(), QStringLiteral("TLS handshake failed"));

        // No answer in time.
        m_requestTimeoutMs = 700;
        m_server->setFault(QStringLiteral("/api/v3/status"), StandInController::Fault::Hang);
        auto t = session(profile(QStringLiteral("hangs"), m_pki.caPem()));
        QVERIFY(connectAndWait(*t));
        QCOMPARE(t->state(), ConnectionState::Offline);
        QCOMPARE(t->stateText(), QStringLiteral("Offline — No answer (timed out)"));
    }

    void dnsAndClosedKindsAreNamed()
    {
        using Net::ConnectionFailure;
        QCOMPARE(Net::connectionFailureOf(Net::errorFromNetwork(QNetworkReply::HostNotFoundError, {},
                                                                QStringLiteral("nowhere.invalid"), 443)),
                 ConnectionFailure::HostNotFound);
        QCOMPARE(Net::connectionFailureText(ConnectionFailure::HostNotFound), QStringLiteral("Host not found"));
        QCOMPARE(Net::connectionFailureOf(Net::errorFromNetwork(QNetworkReply::RemoteHostClosedError, {},
                                                                QStringLiteral("h"), 1)),
                 ConnectionFailure::Closed);
        QCOMPARE(Net::connectionFailureOf(Net::errorFromNetwork(QNetworkReply::NetworkSessionFailedError,
                                                                {}, QStringLiteral("h"), 1)),
                 ConnectionFailure::Unreachable);
    }

    // While a saved session is being resumed, the status poll (every second here) does not start
    // another resume: that refreshed the same token once per poll and read the keychain each time.
    void pollDoesNotRestartAResumeUnderWay()
    {
        Profiles::Profile p = profile(QStringLiteral("resume"), m_pki.caPem());
        // A sign-in leaves its refresh token in the (memory) keychain.
        auto first = session(p);
        QVERIFY(connectAndWait(*first));
        first->signIn(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass"), {}, false);
        QTRY_COMPARE_WITH_TIMEOUT(first->state(), ConnectionState::SignedIn, Wait);
        first.reset();

        m_server->setFault(QStringLiteral("/api/v3/user/refresh"), StandInController::Fault::Slow, 3500);
        const int before = m_server->refreshCount();
        auto again = session(p);
        again->connectToController();
        QTRY_COMPARE_WITH_TIMEOUT(again->state(), ConnectionState::SignedIn, Wait);
        QCOMPARE(m_server->refreshCount() - before, 1);
        m_server->clearFaults();
    }

    // A Controller that sends a huge status: refused unread; a long field is cut for display.
    void statusBodyAndFieldsAreBounded()
    {
        const auto statusWithVersion = [](qsizetype size) {
            QJsonObject versions{{QStringLiteral("controller"), QString(size, u'7')},
                                 {QStringLiteral("ecnViewer"), QStringLiteral("3.7.3")}};
            return QJsonDocument(QJsonObject{{QStringLiteral("status"), QStringLiteral("online")},
                                             {QStringLiteral("versions"), versions},
                                             {QStringLiteral("uptimeSec"), 12}})
                .toJson(QJsonDocument::Compact);
        };
        const QByteArray huge = statusWithVersion(3 * 1024 * 1024);
        m_server->setHandler("GET", QStringLiteral("/api/v3/status"),
                             [&](const HttpRequest &) { return HttpResponse::json(200, huge); });
        auto s = session(profile(QStringLiteral("huge"), m_pki.caPem()));
        QVERIFY(connectAndWait(*s));
        QCOMPARE(s->state(), ConnectionState::Failed);
        QVERIFY2(s->lastError().contains(u"larger than 1 MB"), qPrintable(s->lastError()));
        QVERIFY(s->controllerVersion().isEmpty());

        const QByteArray longField = statusWithVersion(200 * 1024);
        m_server->setHandler("GET", QStringLiteral("/api/v3/status"),
                             [&](const HttpRequest &) { return HttpResponse::json(200, longField); });
        s->disconnectFromController();
        QVERIFY(connectAndWait(*s));
        QCOMPARE(s->state(), ConnectionState::SignInRequired);
        QVERIFY2(s->controllerVersion().size() < 200, qPrintable(QString::number(s->controllerVersion().size())));
        QVERIFY(s->controllerVersion().startsWith(u"7777"));
        QVERIFY(s->controllerVersion().contains(u"characters in all"));
    }
};

QTEST_GUILESS_MAIN(TstControlPlaneSession)
#include "tst_controlplanesession.moc"
