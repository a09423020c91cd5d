#pragma once

#include "core/auth/keycloak.h"
#include "core/auth/tokenset.h"
#include "core/result.h"

#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <functional>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
class QNetworkReply;
class QOAuth2AuthorizationCodeFlow;
class QOAuthHttpServerReplyHandler;
QT_END_NAMESPACE

namespace Pot::Auth {

/// "Sign in with browser": OAuth 2.0 authorization code with PKCE (S256) against Keycloak, through
/// the system browser and a loopback redirect on 127.0.0.1 (RFC 8252), with the realm's public
/// client (the one ECN-Viewer uses).
///
/// start() listens on 127.0.0.1 on a free port, opens the authorization URL through the injected
/// openBrowser function and emits finished() exactly once: with a TokenSet (method Browser), or
/// with an Error (user declined, state mismatch, token endpoint refused, Keycloak unreachable,
/// Cancelled, Timeout). The object can be started again after it finished.
class BrowserSignIn final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrowserSignIn)

public:
    using OpenBrowser = std::function<void(const QUrl &)>;

    /// `keycloakUrl` is the Keycloak base URL (trailing slash optional), `clientId` the realm's
    /// public client. `openBrowser` shows the URL to the user (the app passes
    /// QDesktopServices::openUrl). `controllerClientId` selects resource_access[…].roles; when
    /// empty, roles of every client except "account" are taken.
    BrowserSignIn(QNetworkAccessManager *network, const QUrl &keycloakUrl, const QString &realm,
                  const QString &clientId, OpenBrowser openBrowser,
                  const QString &controllerClientId = {}, QObject *parent = nullptr);
    ~BrowserSignIn() override;

    /// TLS for the token exchange (CA list): the profile's trust. Default: Qt's default.
    void setTlsConfiguration(const QSslConfiguration &tls) { m_tls = tls; }

    /// How long to wait for the whole sign-in (browser and token exchange). Default 5 minutes.
    void setTimeout(std::chrono::milliseconds timeout);
    std::chrono::milliseconds timeout() const { return m_timeout; }

    /// Starts the sign-in. Ignored (with a warning) while one is running.
    void start();

    /// Stops listening at once and emits finished() with ErrorCode::Cancelled. No-op when idle.
    void cancel();

    bool isRunning() const { return m_phase != Phase::Idle; }

    /// Port of the loopback listener while waiting for the browser, else 0.
    quint16 loopbackPort() const;

    /// The redirect_uri sent to Keycloak (http://127.0.0.1:<port>/) while running, else empty.
    QUrl redirectUri() const { return m_redirectUri; }

Q_SIGNALS:
    /// Emitted exactly once per start().
    void finished(const Pot::Result<Pot::Auth::TokenSet> &result);

private:
    enum class Phase { Idle, WaitingForBrowser, ExchangingCode, Failing };

    void onCallback(const QVariantMap &data);
    void exchangeCode(const QString &code);
    void onTokenReply();
    void finish(const Result<TokenSet> &result);
    void finishLater(const Error &error);
    void tearDown();
    void setPage(const QString &text);

    QPointer<QNetworkAccessManager> m_network;
    QSslConfiguration m_tls = QSslConfiguration::defaultConfiguration();
    Result<Keycloak::Endpoints> m_endpoints;
    QString m_clientId;
    QString m_controllerClientId;
    OpenBrowser m_openBrowser;
    std::chrono::milliseconds m_timeout;

    Phase m_phase = Phase::Idle;
    QTimer m_timer;
    QUrl m_redirectUri;
    QString m_state;
    QByteArray m_verifier;
    QOAuthHttpServerReplyHandler *m_handler = nullptr;
    QOAuth2AuthorizationCodeFlow *m_flow = nullptr;
    QPointer<QNetworkReply> m_tokenReply;
};

} // namespace Pot::Auth
