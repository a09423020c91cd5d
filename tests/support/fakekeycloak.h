#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTcpServer>
#include <QUrl>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace Pot::Test {

/// A Keycloak stand-in for one realm and one public client, on 127.0.0.1 only. It speaks just
/// enough HTTP/1.1 (Content-Length bodies, Connection: close) for the OpenID Connect endpoints
/// `/realms/<realm>/protocol/openid-connect/{auth,token,logout}`:
/// - auth (GET): checks client_id, redirect_uri (http://127.0.0.1:<port>/…), response_type=code and
///   an S256 code_challenge, then answers 302 to redirect_uri with code and state (or
///   error=access_denied when told to deny);
/// - token (POST): authorization_code with PKCE verification, and rotating refresh tokens;
/// - logout (POST): ends the session of a refresh token.
/// Tokens are JWT-shaped (the signature is random bytes: nothing here verifies it).
class FakeKeycloak final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeKeycloak)

public:
    explicit FakeKeycloak(const QString &realm = QStringLiteral("pot"),
                          const QString &clientId = QStringLiteral("ecn-viewer"),
                          QObject *parent = nullptr);
    ~FakeKeycloak() override;

    /// Listens on 127.0.0.1 on a free port.
    bool listen();
    /// Stops listening and drops open connections: Keycloak is down.
    void close();

    quint16 port() const { return m_port; } ///< kept after close()
    QUrl baseUrl() const;   ///< http://127.0.0.1:<port>
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

private:
    struct Request
    {
        QByteArray method;
        QUrl url;
        QHash<QByteArray, QByteArray> headers; ///< lower-case names
        QByteArray body;
    };
    struct Response
    {
        int status = 200;
        QByteArray reason;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
    };
    struct PendingCode
    {
        QString redirectUri;
        QByteArray challenge;
        QString scope;
    };

    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    Response handle(const Request &request);
    Response authorize(const Request &request);
    Response token(const Request &request);
    Response logout(const Request &request);
    Response issueTokens(const QString &sessionId, const QString &scope);
    QByteArray makeJwt(const QJsonObject &payload) const;

    static Response json(int status, const QJsonObject &object);
    static Response oauthError(int status, const QString &error, const QString &description);
    static Response page(int status, const QString &text);

    QTcpServer m_server;
    quint16 m_port = 0;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QString m_realm;
    QString m_clientId;
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
