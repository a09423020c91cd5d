#pragma once

#include "core/auth/keycloak.h"
#include "core/auth/tokenset.h"
#include "core/result.h"

#include <QPointer>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <functional>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
class QObject;
QT_END_NAMESPACE

namespace Pot::Auth {

/// Refresh and sign-out of a browser (Keycloak) session: talks to the realm's token and logout
/// endpoints directly with the public client id, like ECN-Viewer. A small value type: copy it
/// freely; every call is asynchronous and answers once through its callback, on `context`'s
/// thread, unless `context` was destroyed first.
class KeycloakSession final
{
public:
    KeycloakSession(QNetworkAccessManager *network, const QUrl &keycloakUrl, const QString &realm,
                    const QString &clientId, const QString &controllerClientId = {});

    /// Set-up problems (bad URL or realm, no client id, no network manager). refresh() and
    /// logout() report the same error through their callbacks.
    Status validate() const;
    /// TLS for the requests (CA list): the profile's trust, so a Keycloak behind the control
    /// plane's own CA is reached and verified. Default: Qt's default configuration.
    void setTlsConfiguration(const QSslConfiguration &tls) { m_tls = tls; }

    /// grant_type=refresh_token. On success the new TokenSet (method Browser) carries the rotated
    /// refresh token, or the old one when Keycloak did not rotate it, and keeps the old id token
    /// when no new one came. An ended session gives ErrorCode::SessionExpired.
    void refresh(const TokenSet &tokens, QObject *context,
                 std::function<void(Result<TokenSet>)> done) const;

    /// Ends the Keycloak session (POST …/logout with client_id and refresh_token). A refresh token
    /// Keycloak no longer knows counts as success: the session is over either way. Callers drop
    /// their tokens whatever the outcome.
    void logout(const TokenSet &tokens, QObject *context, std::function<void(Status)> done) const;

private:
    QPointer<QNetworkAccessManager> m_network;
    Result<Keycloak::Endpoints> m_endpoints;
    QString m_clientId;
    QString m_controllerClientId;
    QSslConfiguration m_tls = QSslConfiguration::defaultConfiguration();
};

} // namespace Pot::Auth
