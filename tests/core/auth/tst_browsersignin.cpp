#include "core/auth/browsersignin.h"
#include "core/auth/keycloak.h"
#include "core/auth/keycloaksession.h"
#include "core/auth/keycloakrefresh.h"
#include "standincontroller.h"
#include "standinkeycloak.h"
#include "standincontroller.h"
#include "testutil.h"

#include <QCryptographicHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

#include <memory>
#include <optional>

using namespace Pot;
using namespace Pot::Auth;
using Pot::Test::StandInController;
using Pot::Test::StandInKeycloak;

namespace {

/// What a browser sees for one GET (redirects are not followed).
struct Page
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QUrl location;
    QByteArray body;
};

Page browse(QNetworkAccessManager &browser, const QUrl &url)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(10000);
    std::unique_ptr<QNetworkReply> reply(browser.get(request));
    QSignalSpy done(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !done.wait(10000))
        return {};
    Page page;
    page.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    page.error = reply->error();
    page.location = QUrl::fromEncoded(reply->rawHeader("Location"));
    page.body = reply->readAll();
    return page;
}

QString queryItem(const QUrl &url, const char *key)
{
    return QUrlQuery(url).queryItemValue(QLatin1StringView(key), QUrl::FullyDecoded);
}

/// True when nothing accepts connections on 127.0.0.1:port any more.
bool portClosed(quint16 port)
{
    QTcpSocket probe;
    probe.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    return !probe.waitForConnected(2000);
}

/// One sign-in against the stand-in realm: the console side (BrowserSignIn with its own manager) and a
/// "browser" (a second manager that does what the system browser would).
class Harness
{
public:
    explicit Harness(StandInKeycloak &keycloak, const QUrl &baseUrl = {})
    {
        signIn = std::make_unique<BrowserSignIn>(
            &console, baseUrl.isEmpty() ? keycloak.baseUrl() : baseUrl, keycloak.realm(),
            keycloak.clientId(), [this](const QUrl &url) { opened.append(url); },
            StandInKeycloak::controllerClientId());
        QObject::connect(signIn.get(), &BrowserSignIn::finished, signIn.get(),
                         [this](const Result<TokenSet> &r) {
                             ++finishedCount;
                             result = r;
                         });
    }

    /// Browser part 1: load the authorization URL, get Keycloak's redirect.
    Page authorize()
    {
        if (opened.isEmpty())
            return {};
        return browse(browser, opened.constFirst());
    }

    /// Browser part 2: follow the redirect to the loopback listener.
    Page follow(const QUrl &location) { return browse(browser, location); }

    bool waitFinished() { return QTest::qWaitFor([this] { return finishedCount > 0; }, 10000); }

    QNetworkAccessManager console;
    QNetworkAccessManager browser;
    std::unique_ptr<BrowserSignIn> signIn;
    QList<QUrl> opened;
    std::optional<Result<TokenSet>> result;
    int finishedCount = 0;
};

/// Signs in through the stand-in realm and returns the tokens (fails the test otherwise).
std::optional<TokenSet> signInThroughBrowser(StandInKeycloak &keycloak)
{
    Harness h(keycloak);
    h.signIn->start();
    const Page redirect = h.authorize();
    if (redirect.status != 302)
        return std::nullopt;
    h.follow(redirect.location);
    if (!h.waitFinished() || !h.result->ok())
        return std::nullopt;
    return h.result->value();
}

template<typename R>
bool waitFor(const std::optional<R> &slot)
{
    return QTest::qWaitFor([&slot] { return slot.has_value(); }, 10000);
}

} // namespace

class TstBrowserSignIn final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void signsInWithPkce_data();
    void signsInWithPkce();
    void expiryFromJwtWhenNoExpiresIn();
    void strayRequestKeepsWaiting();
    void userDeniesAccess();
    void stateMismatchIsRefused();
    void pkceMismatchIsReported();
    void unreachableKeycloakIsReported();
    void cancelClosesThePort();
    void timeoutClosesThePort();
    void badConfigurationIsReported_data();
    void badConfigurationIsReported();

    void refreshRotatesTokens();
    void refusedRefreshEndsSession();
    void refreshWithoutRefreshToken();
    void logoutEndsKeycloakSession();
    void logoutWhenKeycloakIsDown();
    void refreshTokenIsNeverRedirected();
};

void TstBrowserSignIn::initTestCase()
{
    Pot::Test::initTestEnvironment();
}

void TstBrowserSignIn::signsInWithPkce_data()
{
    QTest::addColumn<bool>("trailingSlash");
    QTest::newRow("base URL without slash") << false;
    QTest::newRow("base URL with slash") << true;
}

void TstBrowserSignIn::signsInWithPkce()
{
    QFETCH(bool, trailingSlash);
    StandInController server;
    QVERIFY(server.listen());
    StandInKeycloak &keycloak = server.keycloak();
    keycloak.setUser(QStringLiteral("alice"), QStringLiteral("alice@example.com"),
                     {QStringLiteral("Admin"), QStringLiteral("SRE")});
    keycloak.setAccessTokenLifetime(300);
    keycloak.setRefreshTokenLifetime(1800);
    QUrl base = keycloak.baseUrl();
    if (trailingSlash)
        base.setPath(QStringLiteral("/"));

    Harness h(keycloak, base);
    h.signIn->start();
    QVERIFY(h.signIn->isRunning());
    QCOMPARE(h.opened.size(), 1);
    const quint16 port = h.signIn->loopbackPort();
    QVERIFY(port != 0);

    // The authorization request: code flow, public client, loopback redirect, PKCE S256, state.
    const QUrl authorizeUrl = h.opened.constFirst();
    QCOMPARE(authorizeUrl.path(), u"/realms/pot/protocol/openid-connect/auth");
    QCOMPARE(queryItem(authorizeUrl, "response_type"), u"code");
    QCOMPARE(queryItem(authorizeUrl, "client_id"), keycloak.clientId());
    QCOMPARE(queryItem(authorizeUrl, "redirect_uri"),
             QStringLiteral("http://127.0.0.1:%1/").arg(port));
    QCOMPARE(queryItem(authorizeUrl, "code_challenge_method"), u"S256");
    QVERIFY(queryItem(authorizeUrl, "scope").split(u' ').contains(u"openid"));
    QVERIFY(queryItem(authorizeUrl, "state").size() >= 32);

    const Page redirect = h.authorize();
    QCOMPARE(redirect.status, 302);
    QCOMPARE(redirect.location.host(), u"127.0.0.1");
    QCOMPARE(redirect.location.port(), int(port));
    QVERIFY(!queryItem(redirect.location, "code").isEmpty());

    const Page landing = h.follow(redirect.location);
    QCOMPARE(landing.status, 200);
    QVERIFY2(QString::fromUtf8(landing.body).contains(
                 u"Signed in to PoT Console — you can close this tab"),
             landing.body.constData());

    QVERIFY(h.waitFinished());
    QCOMPARE(h.finishedCount, 1);
    QVERIFY_RESULT(*h.result);
    const TokenSet &tokens = h.result->value();
    QCOMPARE(tokens.method, SignInMethod::Browser);
    QCOMPARE(tokens.userName, u"alice");
    QCOMPARE(tokens.roles, QStringList({QStringLiteral("Admin"), QStringLiteral("SRE")}));
    QVERIFY(tokens.isValid());
    QVERIFY(!tokens.refreshToken.isEmpty());
    QVERIFY(!tokens.idToken.isEmpty());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(qAbs(now.secsTo(tokens.accessExpiry) - 300) <= 5);
    QVERIFY(qAbs(now.secsTo(tokens.refreshExpiry) - 1800) <= 5);
    const auto claims = Keycloak::decodeJwtPayload(tokens.accessToken);
    QVERIFY_RESULT(claims);
    QCOMPARE(claims->value(QLatin1StringView("iss")).toString(), keycloak.issuer());

    // No token in the page the browser keeps.
    QVERIFY(!landing.body.contains(tokens.accessToken));
    QVERIFY(!landing.body.contains(tokens.refreshToken.revealCopy()));
    QVERIFY(!landing.body.contains(tokens.idToken));

    // PKCE: one code exchange (the console's, not a second one from Qt's flow) with a verifier of
    // the right shape whose S256 is the challenge sent with the authorization request.
    QCOMPARE(keycloak.tokenRequests(), 1);
    QCOMPARE(keycloak.codeGrants(), 1);
    const QByteArray verifier = keycloak.lastCodeVerifier();
    QVERIFY(verifier.size() >= 43 && verifier.size() <= 128);
    QVERIFY(QRegularExpression(QStringLiteral("^[A-Za-z0-9\\-._~]+$"))
                .match(QString::fromLatin1(verifier))
                .hasMatch());
    QCOMPARE(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
                 .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals),
             queryItem(authorizeUrl, "code_challenge").toLatin1());

    // Done: not running, listener gone.
    QVERIFY(!h.signIn->isRunning());
    QCOMPARE(h.signIn->loopbackPort(), quint16(0));
    QVERIFY(portClosed(port));
}

void TstBrowserSignIn::expiryFromJwtWhenNoExpiresIn()
{
    StandInController server;
    QVERIFY(server.listen());
    StandInKeycloak &keycloak = server.keycloak();
    keycloak.setSendExpiresIn(false);
    keycloak.setAccessTokenLifetime(120);
    keycloak.setRefreshTokenLifetime(900);
    const auto tokens = signInThroughBrowser(keycloak);
    QVERIFY(tokens);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(qAbs(now.secsTo(tokens->accessExpiry) - 120) <= 5);
    QVERIFY(qAbs(now.secsTo(tokens->refreshExpiry) - 900) <= 5);
}

void TstBrowserSignIn::strayRequestKeepsWaiting()
{
    StandInController server;
    QVERIFY(server.listen());
    StandInKeycloak &keycloak = server.keycloak();
    Harness h(keycloak);
    h.signIn->start();
    const quint16 port = h.signIn->loopbackPort();

    // Browsers ask for /favicon.ico, users reload the bare address: neither ends the sign-in.
    const Page favicon = h.follow(QUrl(QStringLiteral("http://127.0.0.1:%1/favicon.ico").arg(port)));
    QCOMPARE(favicon.status, 200);
    QVERIFY(QString::fromUtf8(favicon.body).contains(u"waiting"));
    QCOMPARE(h.finishedCount, 0);
    QVERIFY(h.signIn->isRunning());

    const Page redirect = h.authorize();
    QCOMPARE(redirect.status, 302);
    h.follow(redirect.location);
    QVERIFY(h.waitFinished());
    QVERIFY_RESULT(*h.result);
    QCOMPARE(h.result->value().userName, u"alice");
}

void TstBrowserSignIn::userDeniesAccess()
{
    StandInController server;
    QVERIFY(server.listen());
    StandInKeycloak &keycloak = server.keycloak();
    keycloak.setDenyAuthorization(true);
    Harness h(keycloak);
    h.signIn->start();
    const quint16 port = h.signIn->loopbackPort();

    const Page redirect = h.authorize();
    QCOMPARE(redirect.status, 302);
    QCOMPARE(queryItem(redirect.location, "error"), u"access_denied");
    const Page landing = h.follow(redirect.location);
    QVERIFY2(QString::fromUtf8(landing.body).contains(u"did not complete"), landing.body.constData());

    QVERIFY(h.waitFinished());
    QVERIFY(!h.result->ok());
    QCOMPARE(h.result->error().code, ErrorCode::Unauthorized);
    QVERIFY2(h.result->error().message.contains(u"declined"),
             qPrintable(h.result->error().message));
    QVERIFY(h.result->error().detail.contains(u"User denied consent"));
    QCOMPARE(keycloak.tokenRequests(), 0);
    QVERIFY(portClosed(port));
}

void TstBrowserSignIn::stateMismatchIsRefused()
{
    StandInController server;
    QVERIFY(server.listen());
    StandInKeycloak &keycloak = server.keycloak();
    Harness h(keycloak);
    h.signIn->start();

    const Page redirect = h.authorize();
    QCOMPARE(redirect.status, 302);
    // A forged answer: a valid-looking code with somebody else's state.
    QUrl forged = redirect.location;
    QUrlQuery query(forged);
    query.removeAllQueryItems(QStringLiteral("state"));
    query.addQueryItem(QStringLiteral("state"), QStringLiteral("not-the-state-we-sent"));
    forged.setQuery(query);
    const Page landing = h.follow(forged);
    QVERIFY(QString::fromUtf8(landing.body).contains(u"Sign-in refused"));
    QVERIFY(!QString::fromUtf8(landing.body).contains(u"Signed in"));

    QVERIFY(h.waitFinished());
    QVERIFY(!h.result->ok());
    QCOMPARE(h.result->error().code, ErrorCode::Protocol);
    QVERIFY(h.result->error().message.contains(u"state mismatch"));
    QCOMPARE(keycloak.tokenRequests(), 0); // the code was never exchanged
}

void TstBrowserSignIn::pkceMismatchIsReported()
{
    StandInController server;
    QVERIFY(server.listen());
    StandInKeycloak &keycloak = server.keycloak();
    keycloak.setCorruptCodeChallenge(true);
    Harness h(keycloak);
    h.signIn->start();
    const Page redirect = h.authorize();
    QCOMPARE(redirect.status, 302);
    h.follow(redirect.location);

    QVERIFY(h.waitFinished());
    QVERIFY(!h.result->ok());
    const Error &error = h.result->error();
    QCOMPARE(error.code, ErrorCode::Unauthorized);
    QCOMPARE(error.httpStatus, 400);
    QVERIFY2(error.message.contains(u"PKCE verification failed"), qPrintable(error.message));
    QVERIFY(error.detail.contains(u"invalid_grant"));
    QCOMPARE(keycloak.codeGrants(), 1);
}

void TstBrowserSignIn::unreachableKeycloakIsReported()
{
    StandInController server;
    QVERIFY(server.listen());
    StandInKeycloak &keycloak = server.keycloak();
    Harness h(keycloak);
    h.signIn->start();
    const Page redirect = h.authorize();
    QCOMPARE(redirect.status, 302);
    server.stopAnswering(); // Keycloak goes away between the browser step and the code exchange
    h.follow(redirect.location);

    QVERIFY(h.waitFinished());
    QVERIFY(!h.result->ok());
    QCOMPARE(h.result->error().code, ErrorCode::Network);
    QVERIFY2(h.result->error().message.contains(u"Cannot reach the identity provider"),
             qPrintable(h.result->error().message));
}

void TstBrowserSignIn::cancelClosesThePort()
{
    StandInController server;
    QVERIFY(server.listen());
    StandInKeycloak &keycloak = server.keycloak();
    Harness h(keycloak);
    h.signIn->start();
    const quint16 port = h.signIn->loopbackPort();
    QVERIFY(port != 0);
    QVERIFY(!portClosed(port));

    h.signIn->start(); // ignored while running: still one listener, one answer
    QCOMPARE(h.opened.size(), 1);

    h.signIn->cancel();
    QCOMPARE(h.finishedCount, 1); // synchronous
    QVERIFY(!h.result->ok());
    QCOMPARE(h.result->error().code, ErrorCode::Cancelled);
    QVERIFY(!h.signIn->isRunning());
    QVERIFY(portClosed(port));

    // The browser arrives late: nobody listens, no second answer.
    const Page redirect = h.authorize();
    const Page late = h.follow(redirect.location);
    QCOMPARE(late.error, QNetworkReply::ConnectionRefusedError);
    h.signIn->cancel();
    QTest::qWait(50);
    QCOMPARE(h.finishedCount, 1);
    QCOMPARE(keycloak.tokenRequests(), 0);
}

void TstBrowserSignIn::timeoutClosesThePort()
{
    StandInController server;
    QVERIFY(server.listen());
    StandInKeycloak &keycloak = server.keycloak();
    Harness h(keycloak);
    h.signIn->setTimeout(std::chrono::milliseconds(300));
    h.signIn->start();
    const quint16 port = h.signIn->loopbackPort();
    QVERIFY(h.waitFinished());
    QVERIFY(!h.result->ok());
    QCOMPARE(h.result->error().code, ErrorCode::Timeout);
    QVERIFY(h.result->error().message.contains(u"did not complete"));
    QVERIFY(portClosed(port));
    QTest::qWait(50);
    QCOMPARE(h.finishedCount, 1);
}

void TstBrowserSignIn::badConfigurationIsReported_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QString>("realm");
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("messagePart");
    const QUrl ok(QStringLiteral("http://127.0.0.1:1"));
    QTest::newRow("ftp URL") << QUrl(QStringLiteral("ftp://kc.example")) << QStringLiteral("pot")
                             << QStringLiteral("ecn-viewer") << QStringLiteral("http or https");
    QTest::newRow("no URL") << QUrl() << QStringLiteral("pot") << QStringLiteral("ecn-viewer") << QStringLiteral("http or https");
    QTest::newRow("empty realm") << ok << QString() << QStringLiteral("ecn-viewer") << QStringLiteral("realm");
    QTest::newRow("realm with slash") << ok << QStringLiteral("a/b") << QStringLiteral("ecn-viewer") << QStringLiteral("realm");
    QTest::newRow("no client id") << ok << QStringLiteral("pot") << QStringLiteral("  ") << QStringLiteral("client id");
}

void TstBrowserSignIn::badConfigurationIsReported()
{
    QFETCH(QUrl, url);
    QFETCH(QString, realm);
    QFETCH(QString, clientId);
    QFETCH(QString, messagePart);
    QNetworkAccessManager network;
    QList<QUrl> opened;
    BrowserSignIn signIn(&network, url, realm, clientId,
                         [&opened](const QUrl &u) { opened.append(u); });
    std::optional<Result<TokenSet>> result;
    connect(&signIn, &BrowserSignIn::finished, this,
            [&result](const Result<TokenSet> &r) { result = r; });
    signIn.start();
    QVERIFY(!result); // reported from the event loop, not inside start()
    QVERIFY(waitFor(result));
    QVERIFY(!result->ok());
    QCOMPARE(result->error().code, ErrorCode::InvalidInput);
    QVERIFY2(result->error().message.contains(messagePart), qPrintable(result->error().message));
    QVERIFY(opened.isEmpty());
    QVERIFY(!signIn.isRunning());
}

void TstBrowserSignIn::refreshRotatesTokens()
{
    StandInController server;
    QVERIFY(server.listen());
    StandInKeycloak &keycloak = server.keycloak();
    keycloak.setUser(QStringLiteral("bob"), QStringLiteral("bob@example.com"),
                     {QStringLiteral("Developer")});
    const auto first = signInThroughBrowser(keycloak);
    QVERIFY(first);

    QNetworkAccessManager network;
    const KeycloakSession session(&network, keycloak.baseUrl(), keycloak.realm(),
                                  keycloak.clientId(), StandInKeycloak::controllerClientId());
    QVERIFY_RESULT(session.validate());
    keycloak.setAccessTokenLifetime(600);
    std::optional<Result<TokenSet>> refreshed;
    session.refresh(*first, this, [&refreshed](Result<TokenSet> r) { refreshed = std::move(r); });
    QVERIFY(waitFor(refreshed));
    QVERIFY_RESULT(*refreshed);
    const TokenSet &second = refreshed->value();
    QCOMPARE(second.method, SignInMethod::Browser);
    QCOMPARE(second.userName, u"bob");
    QCOMPARE(second.roles, QStringList{QStringLiteral("Developer")});
    QVERIFY(second.accessToken != first->accessToken);
    QVERIFY(!(second.refreshToken == first->refreshToken)); // rotated
    QVERIFY(!second.idToken.isEmpty());
    QVERIFY(qAbs(QDateTime::currentDateTimeUtc().secsTo(second.accessExpiry) - 600) <= 5);
    QCOMPARE(keycloak.refreshGrants(), 1);

    // The spent refresh token no longer works; the new one does.
    std::optional<Result<TokenSet>> replay;
    session.refresh(*first, this, [&replay](Result<TokenSet> r) { replay = std::move(r); });
    QVERIFY(waitFor(replay));
    QVERIFY(!replay->ok());
    QCOMPARE(replay->error().code, ErrorCode::SessionExpired);

    std::optional<Result<TokenSet>> third;
    session.refresh(second, this, [&third](Result<TokenSet> r) { third = std::move(r); });
    QVERIFY(waitFor(third));
    QVERIFY_RESULT(*third);
}

void TstBrowserSignIn::refusedRefreshEndsSession()
{
    StandInController server;
    QVERIFY(server.listen());
    StandInKeycloak &keycloak = server.keycloak();
    const auto tokens = signInThroughBrowser(keycloak);
    QVERIFY(tokens);
    keycloak.setRefuseRefresh(true);

    QNetworkAccessManager network;
    const KeycloakSession session(&network, keycloak.baseUrl(), keycloak.realm(),
                                  keycloak.clientId());
    std::optional<Result<TokenSet>> refreshed;
    session.refresh(*tokens, this, [&refreshed](Result<TokenSet> r) { refreshed = std::move(r); });
    QVERIFY(waitFor(refreshed));
    QVERIFY(!refreshed->ok());
    QCOMPARE(refreshed->error().code, ErrorCode::SessionExpired);
    QCOMPARE(refreshed->error().httpStatus, 400);
    QVERIFY(refreshed->error().message.contains(u"sign in again"));
    QVERIFY(refreshed->error().detail.contains(u"Session not active"));
}

void TstBrowserSignIn::refreshWithoutRefreshToken()
{
    StandInController server;
    QVERIFY(server.listen());
    StandInKeycloak &keycloak = server.keycloak();
    QNetworkAccessManager network;
    const KeycloakSession session(&network, keycloak.baseUrl(), keycloak.realm(),
                                  keycloak.clientId());
    TokenSet tokens;
    tokens.method = SignInMethod::Browser;
    tokens.accessToken = "a.b.c";
    std::optional<Result<TokenSet>> refreshed;
    session.refresh(tokens, this, [&refreshed](Result<TokenSet> r) { refreshed = std::move(r); });
    QVERIFY(waitFor(refreshed));
    QVERIFY(!refreshed->ok());
    QCOMPARE(refreshed->error().code, ErrorCode::SessionExpired);
    QCOMPARE(keycloak.tokenRequests(), 0);
}

void TstBrowserSignIn::logoutEndsKeycloakSession()
{
    StandInController server;
    QVERIFY(server.listen());
    StandInKeycloak &keycloak = server.keycloak();
    const auto tokens = signInThroughBrowser(keycloak);
    QVERIFY(tokens);
    QCOMPARE(keycloak.activeSessions(), 1);

    QNetworkAccessManager network;
    const KeycloakSession session(&network, keycloak.baseUrl(), keycloak.realm(),
                                  keycloak.clientId());
    std::optional<Status> loggedOut;
    session.logout(*tokens, this, [&loggedOut](Status s) { loggedOut = std::move(s); });
    QVERIFY(waitFor(loggedOut));
    QVERIFY_RESULT(*loggedOut);
    QCOMPARE(keycloak.logouts(), 1);
    QCOMPARE(keycloak.activeSessions(), 0);

    std::optional<Result<TokenSet>> refreshed;
    session.refresh(*tokens, this, [&refreshed](Result<TokenSet> r) { refreshed = std::move(r); });
    QVERIFY(waitFor(refreshed));
    QVERIFY(!refreshed->ok());
    QCOMPARE(refreshed->error().code, ErrorCode::SessionExpired);

    // Signing out twice is harmless: the session is over either way.
    std::optional<Status> again;
    session.logout(*tokens, this, [&again](Status s) { again = std::move(s); });
    QVERIFY(waitFor(again));
    QVERIFY_RESULT(*again);
    QCOMPARE(keycloak.logouts(), 2);
}

void TstBrowserSignIn::logoutWhenKeycloakIsDown()
{
    StandInController server;
    QVERIFY(server.listen());
    StandInKeycloak &keycloak = server.keycloak();
    const auto tokens = signInThroughBrowser(keycloak);
    QVERIFY(tokens);
    server.stopAnswering();

    QNetworkAccessManager network;
    const KeycloakSession session(&network, keycloak.baseUrl(), keycloak.realm(),
                                  keycloak.clientId());
    std::optional<Status> loggedOut;
    session.logout(*tokens, this, [&loggedOut](Status s) { loggedOut = std::move(s); });
    QVERIFY(waitFor(loggedOut));
    QVERIFY(!loggedOut->ok());
    QCOMPARE(loggedOut->error().code, ErrorCode::Network);
}

QTEST_GUILESS_MAIN(TstBrowserSignIn)
// A token endpoint that answers with a redirect must not get the refresh token (or a code) re-sent
// to wherever it points: Qt follows a 307 with the same POST body by default.
void TstBrowserSignIn::refreshTokenIsNeverRedirected()
{
    Pot::Test::StandInController trap;
    QVERIFY(trap.listen());
    Pot::Test::StandInController idp;
    QVERIFY(idp.listen());
    const QString tokenPath = QStringLiteral("/realms/pot/protocol/openid-connect/token");
    idp.setHandler("POST", tokenPath, [&trap](const Pot::Test::HttpRequest &) {
        Pot::Test::HttpResponse r = Pot::Test::HttpResponse::empty(307);
        r.headers.append({QByteArrayLiteral("Location"), (trap.address() + u"/steal").toUtf8()});
        return r;
    });
    QNetworkAccessManager nam;
    KeycloakRefresh refresh(&nam, QUrl(idp.address()), QStringLiteral("pot"), QStringLiteral("console"));
    TokenSet current;
    current.method = SignInMethod::Browser;
    current.refreshToken = SecretBytes(QByteArrayLiteral("refresh-token-that-must-stay-home"));
    std::optional<Result<TokenSet>> out;
    refresh.refresh(current, this, [&out](Result<TokenSet> r) { out = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(out.has_value(), 15000);
    QVERIFY(!out->ok());
    QCOMPARE(idp.hits("POST", tokenPath), 1);
    QTest::qWait(200);
    QVERIFY2(trap.requests().isEmpty(), "the refresh token was re-sent to the redirect target");
}

#include "tst_browsersignin.moc"
