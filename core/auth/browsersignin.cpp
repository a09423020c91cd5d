#include "browsersignin.h"

#include "core/logging.h"

#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QOAuth2AuthorizationCodeFlow>
#include <QOAuthHttpServerReplyHandler>

namespace Pot::Auth {

namespace {

constexpr std::chrono::minutes kDefaultTimeout{5};
constexpr std::chrono::seconds kTokenRequestTimeout{30};
constexpr std::chrono::seconds kPageFlushGrace{2};

/// Query values arrive PrettyDecoded from the reply handler; finish the job like Qt's own flow.
QString queryValue(const QVariantMap &data, const char *key)
{
    return QUrl::fromPercentEncoding(data.value(QLatin1StringView(key)).toString().toUtf8());
}

} // namespace

BrowserSignIn::BrowserSignIn(QNetworkAccessManager *network, const QUrl &keycloakUrl,
                             const QString &realm, const QString &clientId,
                             OpenBrowser openBrowser, const QString &controllerClientId,
                             QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_endpoints(Keycloak::endpoints(keycloakUrl, realm))
    , m_clientId(clientId.trimmed())
    , m_controllerClientId(controllerClientId.trimmed())
    , m_openBrowser(std::move(openBrowser))
    , m_timeout(kDefaultTimeout)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const auto secs = std::chrono::duration_cast<std::chrono::seconds>(m_timeout).count();
        const QString message =
            (secs >= 60 && secs % 60 == 0)
                ? tr("The browser sign-in did not complete within %n minute(s).", nullptr,
                     int(secs / 60))
                : tr("The browser sign-in did not complete within %n second(s).", nullptr,
                     int(secs));
        qCInfo(lcCoreAuth, "browser sign-in timed out");
        finish(Error(ErrorCode::Timeout, message));
    });
}

BrowserSignIn::~BrowserSignIn()
{
    tearDown();
}

void BrowserSignIn::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout;
}

quint16 BrowserSignIn::loopbackPort() const
{
    return (m_handler && m_handler->isListening()) ? m_handler->port() : 0;
}

void BrowserSignIn::start()
{
    if (m_phase != Phase::Idle) {
        qCWarning(lcCoreAuth, "browser sign-in already running; start() ignored");
        return;
    }
    if (!m_endpoints) {
        finishLater(m_endpoints.error());
        return;
    }
    if (m_clientId.isEmpty()) {
        finishLater(Error(ErrorCode::InvalidInput,
                          tr("No Keycloak client id is set for browser sign-in.")));
        return;
    }
    if (!m_network || !m_openBrowser) {
        finishLater(Error(ErrorCode::InvalidInput,
                          tr("Browser sign-in is not set up (no network access or browser).")));
        return;
    }

    // RFC 8252 §7.3: loopback IP literal, any free port. The QHostAddress must be spelled out:
    // a bare QHostAddress::LocalHost converts to the (quint16 port, QObject *) overload.
    m_handler = new QOAuthHttpServerReplyHandler(QHostAddress(QHostAddress::LocalHost), 0, this);
    if (!m_handler->isListening()) {
        finishLater(Error(ErrorCode::Network,
                          tr("Cannot open a port on 127.0.0.1 to receive the browser's answer.")));
        return;
    }
    m_redirectUri = QUrl(m_handler->callback());
    m_state = QString::fromLatin1(Keycloak::randomUrlSafe(32));
    m_verifier = Keycloak::makeCodeVerifier();
    const QString challenge = QString::fromLatin1(Keycloak::codeChallengeS256(m_verifier));

    const Keycloak::Endpoints &e = *m_endpoints;
    m_flow = new QOAuth2AuthorizationCodeFlow(m_network, this);
    m_flow->setClientIdentifier(m_clientId);
    m_flow->setAuthorizationUrl(e.authorization);
    m_flow->setAccessTokenUrl(e.token);
    m_flow->setScope(QStringLiteral("openid"));
    m_flow->setState(m_state);
    m_flow->setReplyHandler(m_handler);
    // Qt 6.4 has no PKCE: add the S256 challenge to the authorization request.
    m_flow->setModifyParametersFunction(
        [challenge](QAbstractOAuth::Stage stage, QMultiMap<QString, QVariant> *parameters) {
            if (stage != QAbstractOAuth::Stage::RequestingAuthorization)
                return;
            parameters->replace(QStringLiteral("code_challenge"), challenge);
            parameters->replace(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
        });

    connect(m_handler, &QAbstractOAuthReplyHandler::callbackReceived, this,
            &BrowserSignIn::onCallback);
    connect(m_flow, &QAbstractOAuth::authorizeWithBrowser, this,
            [this](const QUrl &url) { m_openBrowser(url); });

    m_phase = Phase::WaitingForBrowser;
    m_timer.start(m_timeout);
    qCInfo(lcCoreAuth, "browser sign-in: waiting on 127.0.0.1:%u", unsigned(m_handler->port()));
    m_flow->grant();

    // Qt 6.4's flow would also handle the redirect itself, but it ignores a state mismatch silently
    // and drops token-endpoint errors (and keeps a raw pointer to the handler in the token reply),
    // so the console checks the redirect and exchanges the code on its own.
    if (m_handler && m_flow) {
        disconnect(m_handler, &QAbstractOAuthReplyHandler::callbackReceived, m_flow,
                   &QAbstractOAuth2::authorizationCallbackReceived);
    }
}

void BrowserSignIn::cancel()
{
    if (m_phase == Phase::Idle)
        return;
    qCInfo(lcCoreAuth, "browser sign-in cancelled");
    finish(Error(ErrorCode::Cancelled, tr("Sign-in was cancelled.")));
}

void BrowserSignIn::onCallback(const QVariantMap &data)
{
    if (m_phase != Phase::WaitingForBrowser) {
        setPage(tr("This sign-in has already been handled. You can close this tab."));
        return;
    }
    const QString error = queryValue(data, "error");
    const QString code = queryValue(data, "code");
    const QString state = queryValue(data, "state");
    if (error.isEmpty() && code.isEmpty() && state.isEmpty()) {
        // A stray request (favicon, a reload of the bare address): keep waiting.
        setPage(tr("PoT Console is waiting for the identity provider's answer."));
        return;
    }
    if (state != m_state) {
        qCWarning(lcCoreAuth, "browser sign-in: redirect with a foreign state refused");
        setPage(tr("Sign-in refused: this answer does not belong to the sign-in PoT Console "
                   "started. You can close this tab."));
        finish(Error(ErrorCode::Protocol,
                     tr("The browser returned a sign-in answer that does not belong to this "
                        "sign-in (state mismatch); it was refused. Please try again.")));
        return;
    }
    if (!error.isEmpty()) {
        QString description = queryValue(data, "error_description");
        description.replace(u'+', u' ');
        const QString detail = description.isEmpty() ? error : error + u": " + description;
        const Error failure =
            error == QLatin1StringView("access_denied")
                ? Error(ErrorCode::Unauthorized,
                        tr("Sign-in was declined in the browser (access denied)."), detail)
                : Error(ErrorCode::Unauthorized,
                        tr("The identity provider refused the sign-in: %1")
                            .arg(description.isEmpty() ? error : description),
                        detail);
        setPage(tr("Sign-in to PoT Console did not complete: %1 You can close this tab.")
                    .arg(failure.message));
        finish(failure);
        return;
    }
    if (code.isEmpty()) {
        setPage(tr("Sign-in to PoT Console did not complete: no authorization code was received. "
                   "You can close this tab."));
        finish(Error(ErrorCode::Protocol,
                     tr("The identity provider's answer contains no authorization code.")));
        return;
    }
    setPage(tr("Signed in to PoT Console — you can close this tab."));
    exchangeCode(code);
}

void BrowserSignIn::exchangeCode(const QString &code)
{
    if (!m_network) {
        finish(Error(ErrorCode::InvalidInput, tr("Browser sign-in lost its network access.")));
        return;
    }
    m_phase = Phase::ExchangingCode;
    // The browser has answered: no further connections are needed.
    m_handler->close();

    QNetworkRequest request(m_endpoints->token);
    request.setSslConfiguration(m_tls);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    request.setTransferTimeout(int(std::chrono::milliseconds(kTokenRequestTimeout).count()));
    QByteArray body = Keycloak::formEncode({
        {QStringLiteral("grant_type"), QByteArrayLiteral("authorization_code")},
        {QStringLiteral("code"), code.toUtf8()},
        {QStringLiteral("redirect_uri"), m_redirectUri.toString(QUrl::FullyEncoded).toUtf8()},
        {QStringLiteral("client_id"), m_clientId.toUtf8()},
        {QStringLiteral("code_verifier"), m_verifier},
    });
    Keycloak::guardSecretRequest(request);
    m_tokenReply = m_network->post(request, body);
    // The reply sends a shallow copy of `body` later: its buffer is wiped once the reply is done.
    connect(m_tokenReply, &QNetworkReply::finished, m_tokenReply, [body]() mutable { SecretBytes::wipe(body); });
    body = QByteArray();
    Keycloak::limitAnswer(m_tokenReply);
    connect(m_tokenReply, &QNetworkReply::finished, this, &BrowserSignIn::onTokenReply);
}

void BrowserSignIn::onTokenReply()
{
    QNetworkReply *reply = m_tokenReply;
    m_tokenReply = nullptr;
    if (!reply || m_phase != Phase::ExchangingCode)
        return;
    reply->deleteLater();

    QByteArray body = reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() == QNetworkReply::NoError && status == 200) {
        auto tokens = Keycloak::parseTokenResponse(body, m_controllerClientId,
                                                   QDateTime::currentDateTimeUtc());
        SecretBytes::wipe(body);
        if (tokens) {
            tokens->method = SignInMethod::Browser;
            qCInfo(lcCoreAuth, "browser sign-in succeeded");
        }
        finish(tokens);
        return;
    }
    const Error error = Keycloak::replyError(Keycloak::Operation::SignIn, reply, body);
    SecretBytes::wipe(body);
    qCWarning(lcCoreAuth, "browser sign-in: token exchange failed: %s",
              qUtf8Printable(error.toString()));
    finish(error);
}

void BrowserSignIn::finish(const Result<TokenSet> &result)
{
    if (m_phase == Phase::Idle)
        return;
    m_phase = Phase::Idle;
    tearDown();
    Q_EMIT finished(result);
}

void BrowserSignIn::finishLater(const Error &error)
{
    // Report set-up failures from the event loop so callers can connect after start().
    tearDown();
    m_phase = Phase::Failing;
    QTimer::singleShot(0, this, [this, error] { finish(error); });
}

void BrowserSignIn::tearDown()
{
    m_timer.stop();
    if (m_tokenReply) {
        disconnect(m_tokenReply, nullptr, this, nullptr);
        m_tokenReply->abort();
        m_tokenReply->deleteLater();
        m_tokenReply = nullptr;
    }
    if (m_handler) {
        // Closed now: the port must be free when cancel() returns. Deleted a little later: this may
        // run inside the handler's own callbackReceived signal, and the handler still has to
        // flush the page to the browser (its sockets die with it).
        m_handler->close();
        disconnect(m_handler, nullptr, this, nullptr);
        QTimer::singleShot(kPageFlushGrace, m_handler, &QObject::deleteLater);
        m_handler = nullptr;
    }
    if (m_flow) {
        m_flow->deleteLater();
        m_flow = nullptr;
    }
    SecretBytes::wipe(m_verifier);
    m_verifier.clear();
    m_state.clear();
    m_redirectUri.clear();
}

void BrowserSignIn::setPage(const QString &text)
{
    if (m_handler)
        m_handler->setCallbackText(text.toHtmlEscaped());
}

} // namespace Pot::Auth
