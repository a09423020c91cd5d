#include "core/api/controllerapi.h"
#include "core/auth/passwordauth.h"
#include "core/auth/session.h"
#include "core/net/controllerclient.h"
#include "standincontroller.h"
#include "testutil.h"

#include <QNetworkAccessManager>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <array>
#include <memory>

using namespace Pot;
using Test::StandInController;

namespace {

template<typename T>
struct Slot
{
    std::optional<Result<T>> value;
    int calls = 0;
    std::function<void(Result<T>)> callback()
    {
        return [this](Result<T> r) {
            ++calls;
            value = std::move(r);
        };
    }
};

Auth::PasswordCredentials creds(const QString &email, const QByteArray &password,
                                const QString &totp = {})
{
    return Auth::PasswordCredentials{email, SecretBytes(password), totp};
}

} // namespace

class TestSession : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<StandInController> m_server;
    std::unique_ptr<Net::ControllerClient> m_client;
    std::unique_ptr<Auth::Session> m_session;

    Result<Auth::TokenSet> signIn(const Auth::PasswordCredentials &c)
    {
        Slot<Auth::TokenSet> slot;
        Auth::signInWithPassword(*m_client, c, this, slot.callback());
        if (!QTest::qWaitFor([&] { return slot.calls == 1; }, 10000))
            return Error(ErrorCode::Timeout, QStringLiteral("sign-in did not finish"));
        return *slot.value;
    }

    /// Signs in as admin and starts the session on the client.
    bool startSession()
    {
        auto tokens = signIn(creds(QStringLiteral("admin@example.com"), "admin-pass"));
        if (!tokens)
            return false;
        m_session->begin(*tokens, std::make_unique<Auth::PasswordRefresh>(m_client.get()));
        m_client->setAuthenticator(m_session.get());
        return m_session->isActive();
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<StandInController>();
        QVERIFY(m_server->listen());
        m_client = std::make_unique<Net::ControllerClient>();
        QVERIFY_RESULT(m_client->setBaseUrl(m_server->address()));
        m_session = std::make_unique<Auth::Session>();
    }

    void cleanup()
    {
        m_client->setAuthenticator(nullptr);
        m_session.reset();
        m_client.reset();
        m_server.reset();
    }

    void loginWithoutTotp()
    {
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        auto t = signIn(creds(QStringLiteral("admin@example.com"), "admin-pass"));
        QVERIFY_RESULT(t);
        QCOMPARE(t->userName, QStringLiteral("admin@example.com"));
        QCOMPARE(t->roles, QStringList{QStringLiteral("Admin")});
        QCOMPARE(t->method, Auth::SignInMethod::Password);
        QVERIFY(!t->refreshToken.isEmpty());
        const qint64 expiry = t->accessExpiry.toMSecsSinceEpoch();
        QVERIFY(expiry > before + 290000 && expiry < before + 305000);
        // The body sent had no totp key.
        const auto &login = m_server->requests().constLast();
        QCOMPARE(login.path, QStringLiteral("/api/v3/user/login"));
        QVERIFY(!login.jsonBody().contains(u"totp"));
        QVERIFY(login.header("authorization").isEmpty());

        // The token works for a protected call through the session.
        m_session->begin(*t, std::make_unique<Auth::PasswordRefresh>(m_client.get()));
        m_client->setAuthenticator(m_session.get());
        Slot<QList<Api::Fog>> fogs;
        Api::fetchFogs(*m_client, this, fogs.callback());
        QTRY_COMPARE(fogs.calls, 1);
        QVERIFY_RESULT(*fogs.value);
        QCOMPARE(m_server->refreshCount(), 0);
    }

    void loginWithTotp()
    {
        auto ok = signIn(creds(QStringLiteral("otp@example.com"), "otp-pass", QStringLiteral(" 123456 ")));
        QVERIFY_RESULT(ok);
        QCOMPARE(m_server->requests().constLast().jsonBody().value(u"totp").toString(),
                 QStringLiteral("123456"));

        auto missing = signIn(creds(QStringLiteral("otp@example.com"), "otp-pass"));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::Unauthorized);
        QVERIFY(missing.error().message.contains(u"one-time code"));

        auto wrong = signIn(creds(QStringLiteral("otp@example.com"), "otp-pass", QStringLiteral("000000")));
        QCOMPARE(wrong.error().code, ErrorCode::Unauthorized);
    }

    void wrongPassword()
    {
        auto t = signIn(creds(QStringLiteral("admin@example.com"), "nope"));
        QVERIFY(!t.ok());
        QCOMPARE(t.error().code, ErrorCode::Unauthorized);
        QCOMPARE(t.error().httpStatus, 401);
        QVERIFY(t.error().message.startsWith(u"Sign-in refused"));
        QVERIFY(t.error().detail.contains(u"InvalidCredentialsError"));
    }

    void invalidEmail()
    {
        auto t = signIn(creds(QStringLiteral("admin"), "admin-pass"));
        QCOMPARE(t.error().code, ErrorCode::InvalidInput);
        QVERIFY(t.error().message.contains(u"Invalid format for field 'email'"));
    }

    void mockAccessToken()
    {
        m_server->setMockAuth(true);
        auto t = signIn(creds(QStringLiteral("admin@example.com"), "anything"));
        QVERIFY(!t.ok());
        QCOMPARE(t.error().code, ErrorCode::NoAuthConfigured);
        QVERIFY(t.error().message.contains(u"no authentication configured"));
        QCOMPARE(m_server->loginCount(), 1); // not retried
    }

    void notSignedIn()
    {
        m_client->setAuthenticator(m_session.get());
        Slot<QList<Api::Fog>> fogs;
        Api::fetchFogs(*m_client, this, fogs.callback());
        QTRY_COMPARE(fogs.calls, 1);
        QCOMPARE(fogs.value->error().code, ErrorCode::Unauthorized);
        QCOMPARE(m_server->hits("GET", QStringLiteral("/api/v3/iofog-list")), 0);
    }

    void refreshBeforeExpiry()
    {
        m_server->setAccessTokenLifetime(3);
        QVERIFY(startSession());
        const Auth::TokenSet first = m_session->tokens();
        QVERIFY(m_session->nextRefreshAt() < first.accessExpiry);
        QSignalSpy refreshed(m_session.get(), &Auth::Session::tokensRefreshed);
        QVERIFY(refreshed.wait(5000));
        const QDateTime at = QDateTime::currentDateTimeUtc();
        QVERIFY2(at < first.accessExpiry, "refresh must happen before the token expires");
        QCOMPARE(m_server->refreshCount(), 1);
        QVERIFY(m_session->tokens().accessToken != first.accessToken);
        QVERIFY(!(m_session->tokens().refreshToken == first.refreshToken)); // rotated
        QVERIFY(m_session->tokens().accessExpiry > first.accessExpiry);

        // The first access token has expired meanwhile; requests keep working without a 401.
        QTest::qWait(int(std::max<qint64>(0, first.accessExpiry.toMSecsSinceEpoch()
                                                 - QDateTime::currentMSecsSinceEpoch()) + 50));
        QVERIFY(!m_server->isAccessTokenValid(first.accessToken));
        m_server->clearLog();
        Slot<QList<Api::Fog>> fogs;
        Api::fetchFogs(*m_client, this, fogs.callback());
        QTRY_COMPARE(fogs.calls, 1);
        QVERIFY_RESULT(*fogs.value);
        QCOMPARE(m_server->hits("GET", QStringLiteral("/api/v3/iofog-list")), 1);
    }

    void refreshAfter401WithOneRetry()
    {
        QVERIFY(startSession());
        m_server->revokeAccessTokens();
        m_server->clearLog();
        Net::ApiReply *fogsReply = nullptr;
        Slot<QList<Api::Fog>> fogs;
        Slot<QList<Api::Application>> apps;
        fogsReply = Api::fetchFogs(*m_client, this, fogs.callback());
        QPointer<Net::ApiReply> guard(fogsReply);
        int attempts = 0;
        connect(fogsReply, &Net::ApiReply::finished, this, [&] { attempts = guard->attempts(); });
        Api::fetchApplications(*m_client, this, apps.callback());
        QTRY_COMPARE(fogs.calls, 1);
        QTRY_COMPARE(apps.calls, 1);
        QVERIFY_RESULT(*fogs.value);
        QVERIFY_RESULT(*apps.value);
        QCOMPARE(m_server->refreshCount(), 1); // both 401s shared one refresh
        QCOMPARE(m_server->hits("GET", QStringLiteral("/api/v3/iofog-list")), 2);
        QCOMPARE(m_server->hits("GET", QStringLiteral("/api/v3/application")), 2);
        QCOMPARE(attempts, 2);
    }

    void secondRejectionIsNotRetriedAgain()
    {
        QVERIFY(startSession());
        m_server->setFault(QStringLiteral("/api/v3/iofog-list"), StandInController::Fault::Unauthorized);
        m_server->clearLog();
        Slot<QList<Api::Fog>> fogs;
        Api::fetchFogs(*m_client, this, fogs.callback());
        QTRY_COMPARE(fogs.calls, 1);
        QCOMPARE(fogs.value->error().code, ErrorCode::Unauthorized);
        QCOMPARE(m_server->refreshCount(), 1);
        QCOMPARE(m_server->hits("GET", QStringLiteral("/api/v3/iofog-list")), 2);
        QVERIFY(m_session->isActive());
    }

    void failedRefreshExpiresSession()
    {
        QVERIFY(startSession());
        const Auth::TokenSet held = m_session->tokens(); // what a caller might keep
        QSignalSpy expired(m_session.get(), &Auth::Session::sessionExpired);
        m_server->setRefuseRefresh(true);
        m_server->revokeAccessTokens();
        m_server->clearLog();
        Slot<QList<Api::Fog>> fogs;
        Api::fetchFogs(*m_client, this, fogs.callback());
        QTRY_COMPARE(fogs.calls, 1);
        QCOMPARE(fogs.value->error().code, ErrorCode::SessionExpired);
        QVERIFY(fogs.value->error().message.contains(u"Sign in again"));
        QCOMPARE(expired.count(), 1);
        const Error e = expired.at(0).at(0).value<Error>();
        QCOMPARE(e.code, ErrorCode::SessionExpired);
        QVERIFY(e.detail.contains(u"Invalid credentials"));
        QVERIFY(!m_session->isActive());
        QCOMPARE(m_server->hits("GET", QStringLiteral("/api/v3/iofog-list")), 1); // no retry
        QCOMPARE(m_server->refreshCount(), 1);
        QVERIFY(held.isValid()); // the caller's copy is untouched

        // Later requests fail at once, without reaching the server.
        Slot<QList<Api::Fog>> again;
        Api::fetchFogs(*m_client, this, again.callback());
        QTRY_COMPARE(again.calls, 1);
        QCOMPARE(again.value->error().code, ErrorCode::Unauthorized);
        QCOMPARE(m_server->hits("GET", QStringLiteral("/api/v3/iofog-list")), 1);
    }

    void timerRefreshRefusedExpiresSession()
    {
        m_server->setAccessTokenLifetime(2);
        QVERIFY(startSession());
        m_server->setRefuseRefresh(true);
        QSignalSpy expired(m_session.get(), &Auth::Session::sessionExpired);
        QVERIFY(expired.wait(5000));
        QCOMPARE(m_server->refreshCount(), 1);
        QVERIFY(!m_session->isActive());
    }

    // A Controller (or identity provider) that hands out access tokens already expired: the
    // session used to refresh ~15 times a second forever; now it waits between attempts, backs off,
    // and signs out after a few with a message that says why.
    void expiredTokensDoNotStormTheController()
    {
        QVERIFY(startSession());
        Auth::Session::Limits limits;
        limits.minInterval = std::chrono::milliseconds(300);
        limits.maxBackoff = std::chrono::milliseconds(1200);
        limits.maxExpiredOnArrival = 3;
        m_session->setLimits(limits);
        QSignalSpy expired(m_session.get(), &Auth::Session::sessionExpired);
        m_server->setAccessTokenLifetime(-60); // every token issued from now on is expired
        m_server->revokeAccessTokens();
        QElapsedTimer clock;
        clock.start();
        Slot<QList<Api::Fog>> fogs;
        Api::fetchFogs(*m_client, this, fogs.callback());
        QTRY_COMPARE(fogs.calls, 1);
        QVERIFY(!fogs.value->ok());
        QVERIFY(expired.wait(10000));
        QCOMPARE(m_server->refreshCount(), 3);
        // Spaced out: 300 ms × 2 after the first, 300 ms × 4 after the second.
        QVERIFY2(clock.elapsed() >= 1700, qPrintable(QString::number(clock.elapsed())));
        const Error e = expired.at(0).at(0).value<Error>();
        QCOMPARE(e.code, ErrorCode::SessionExpired);
        QVERIFY2(e.message.contains(u"already expired"), qPrintable(e.message));
        QVERIFY(e.message.contains(u"clocks"));
        QVERIFY(!m_session->isActive());
        QTest::qWait(800);
        QCOMPARE(m_server->refreshCount(), 3);
    }

    void refreshesAreRateLimitedByDefault()
    {
        QVERIFY(startSession());
        QCOMPARE(m_session->limits().minInterval, std::chrono::milliseconds(10000));
        m_server->setAccessTokenLifetime(-60);
        m_server->revokeAccessTokens();
        // Requests keep coming (as the console's lists poll); refreshes do not follow them.
        std::array<Slot<QList<Api::Fog>>, 10> fogs;
        for (auto &slot : fogs) {
            Api::fetchFogs(*m_client, this, slot.callback());
            QTest::qWait(150);
        }
        QCOMPARE(m_server->refreshCount(), 1);
        QVERIFY(m_session->isActive()); // still waiting for its next, rate-limited attempt
        // Signing out answers every waiting request.
        m_session->signOut();
        for (auto &slot : fogs)
            QTRY_COMPARE(slot.calls, 1);
    }

    void skewCorrection_data()
    {
        QTest::addColumn<qint64>("skew");
        QTest::newRow("server one hour ahead") << qint64(3600000);
        QTest::newRow("server one hour behind") << qint64(-3600000);
    }

    void skewCorrection()
    {
        QFETCH(qint64, skew);
        m_server->setClockSkewMs(skew);
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(startSession());
        const Auth::TokenSet &t = m_session->tokens();
        QVERIFY2(qAbs(t.clockSkewMs - skew) < 2000, qPrintable(QString::number(t.clockSkewMs)));
        const qint64 expiry = t.accessExpiry.toMSecsSinceEpoch();
        QVERIFY(expiry > before + 290000 && expiry < before + 305000);
        QVERIFY(m_session->nextRefreshAt().toMSecsSinceEpoch() > before + 200000);
        // Works right away: no premature refresh because the server clock differs.
        Slot<QList<Api::Fog>> fogs;
        Api::fetchFogs(*m_client, this, fogs.callback());
        QTRY_COMPARE(fogs.calls, 1);
        QVERIFY_RESULT(*fogs.value);
        QCOMPARE(m_server->refreshCount(), 0);
    }

    void logout()
    {
        QVERIFY(startSession());
        const QByteArray token = m_session->tokens().accessToken;
        QSignalSpy out(m_session.get(), &Auth::Session::signedOut);
        m_session->signOut();
        QCOMPARE(out.count(), 1);
        QVERIFY(!m_session->isActive());
        QTRY_COMPARE(m_server->logoutCount(), 1);
        const auto &req = m_server->requests().constLast();
        QCOMPARE(req.method, QByteArray("POST"));
        QCOMPARE(req.path, QStringLiteral("/api/v3/user/logout"));
        QCOMPARE(req.bearerToken(), token);
    }

    void logoutFailureIgnored()
    {
        QVERIFY(startSession());
        m_server->stopAnswering();
        QSignalSpy out(m_session.get(), &Auth::Session::signedOut);
        m_session->signOut();
        QCOMPARE(out.count(), 1);
        QVERIFY(!m_session->isActive());
        QVERIFY(m_session->tokens().accessToken.isEmpty());
    }

    void profile()
    {
        QVERIFY(startSession());
        Slot<Auth::UserProfile> p;
        Auth::fetchUserProfile(*m_client, this, p.callback());
        QTRY_COMPARE(p.calls, 1);
        QVERIFY_RESULT(*p.value);
        QCOMPARE(p.value->value().preferredUsername, QStringLiteral("admin@example.com"));
        QCOMPARE(p.value->value().name, QStringLiteral("Ada Admin"));
        QVERIFY(p.value->value().emailVerified);
    }

    void profileWithoutGrantTimesOut()
    {
        // The Controller never answers /user/profile without a valid token.
        Slot<Auth::UserProfile> p;
        Auth::fetchUserProfile(*m_client, this, p.callback(), std::chrono::milliseconds(300));
        QTRY_COMPARE_WITH_TIMEOUT(p.calls, 1, 5000);
        QCOMPARE(p.value->error().code, ErrorCode::Timeout);
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
