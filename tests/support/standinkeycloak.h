#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Pot::Test {

class StandInController;
struct HttpRequest;
struct HttpResponse;

/// The Keycloak realm the stand-in Controller serves next to /api/v3 (one loopback server for
/// both, as a Controller and its Keycloak would be reached by the console): one realm and one
/// public client, the OpenID Connect endpoints `/realms/<realm>/protocol/openid-connect/{auth,token,logout}`:
/// - auth (GET): checks client_id, redirect_uri (http://127.0.0.1:<port>/…), response_type=code and
///   an S256 code_challenge, then answers 302 to redirect_uri with code and state (or
///   error=access_denied when told to deny);
/// - token (POST): authorization_code with PKCE verification, and rotating refresh tokens;
/// - logout (POST): ends the session of a refresh token.
/// Tokens are JWT-shaped (the signature is random bytes: nothing here verifies it).
/// Get it with StandInController::keycloak(); "Keycloak is down" is StandInController::stopAnswering().
class StandInKeycloak final
{
    Q_DISABLE_COPY_MOVE(StandInKeycloak)

public:
    explicit StandInKeycloak(const StandInController &server,
                             const QString &realm = QStringLiteral("pot"),
                             const QString &clientId = QStringLiteral("ecn-viewer"));

    QUrl baseUrl() const;   ///< the stand-in's address, http://127.0.0.1:<port>
    QString issuer() const; ///< <base>/realms/<realm>
    QString realm() const { return m_realm; }
    QString clientId() const { return m_clientId; }
    static QString controllerClientId() { return QStringLiteral("pot-controller"); }

    void setUser(const QString &userName, const QString &email, const QStringList &roles);
    void setAccessTokenLifetime(int seconds) { m_accessLifetime = seconds; }
    void setRefreshTokenLifetime(int seconds) { m_refreshLifetime = seconds; }
    /// Leave expires_in / refresh_expires_in out of token answers (expiry only in the JWTs).
    void setSendExpiresIn(bool send) { m_sendExpiresIn = send; }

    /// The user presses "No" on the consent screen: redirect with error=access_denied.
    void setDenyAuthorization(bool deny) { m_deny = deny; }
    /// Tamper with the recorded code_challenge, so PKCE verification fails at the token endpoint.
    void setCorruptCodeChallenge(bool corrupt) { m_corruptChallenge = corrupt; }
    /// Refuse every refresh_token grant with invalid_grant "Session not active".
    void setRefuseRefresh(bool refuse) { m_refuseRefresh = refuse; }

    int authorizationRequests() const { return m_authorizationRequests; }
    int tokenRequests() const { return m_tokenRequests; }
    int codeGrants() const { return m_codeGrants; }
    int refreshGrants() const { return m_refreshGrants; }
    int logouts() const { return m_logouts; }
    int activeSessions() const { return int(m_sessions.size()); }
    QByteArray lastCodeVerifier() const { return m_lastVerifier; }
    QByteArray lastCodeChallenge() const { return m_lastChallenge; }
    QString lastState() const { return m_lastState; }
    QString lastScope() const { return m_lastScope; }
    QString lastRedirectUri() const { return m_lastRedirectUri; }

    /// An access token this realm issued and that has not expired (the Controller accepts it).
    bool isAccessTokenValid(const QByteArray &token) const;
    /// Every access and refresh token handed out (secret scans).
    const QList<QByteArray> &issuedTokens() const { return m_issued; }

    /// Answers a request below /realms/ (the stand-in routes them here).
    HttpResponse handle(const HttpRequest &request);

private:
    struct PendingCode
    {
        QString redirectUri;
        QByteArray challenge;
        QString scope;
    };

    HttpResponse authorize(const HttpRequest &request);
    HttpResponse token(const HttpRequest &request);
    HttpResponse logout(const HttpRequest &request);
    HttpResponse issueTokens(const QString &sessionId, const QString &scope);
    QByteArray makeJwt(const QJsonObject &payload) const;

    static HttpResponse json(int status, const QJsonObject &object);
    static HttpResponse oauthError(int status, const QString &error, const QString &description);
    static HttpResponse page(int status, const QString &text);

    const StandInController &m_server;
    QString m_realm;
    QString m_clientId;
    QHash<QByteArray, qint64> m_accessTokens; ///< token → expiry (ms since the epoch)
    QList<QByteArray> m_issued;
    QString m_userName = QStringLiteral("alice");
    QString m_email = QStringLiteral("alice@example.com");
    QStringList m_roles{QStringLiteral("Admin")};
    int m_accessLifetime = 300;
    int m_refreshLifetime = 1800;
    bool m_sendExpiresIn = true;
    bool m_deny = false;
    bool m_corruptChallenge = false;
    bool m_refuseRefresh = false;

    QHash<QString, PendingCode> m_codes;            ///< code → request it was issued for
    QHash<QByteArray, QString> m_refreshTokens;     ///< live refresh token → session id
    QHash<QString, QString> m_sessions;             ///< session id → scope

    int m_authorizationRequests = 0;
    int m_tokenRequests = 0;
    int m_codeGrants = 0;
    int m_refreshGrants = 0;
    int m_logouts = 0;
    QByteArray m_lastVerifier;
    QByteArray m_lastChallenge;
    QString m_lastState;
    QString m_lastScope;
    QString m_lastRedirectUri;
};

} // namespace Pot::Test
