#pragma once

#include "core/auth/tokenset.h"
#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

QT_BEGIN_NAMESPACE
class QNetworkReply;
QT_END_NAMESPACE

/// Pieces shared by the browser sign-in and the Keycloak session (refresh, logout): endpoint URLs,
/// PKCE (RFC 7636), token-response parsing and error mapping. Kept in its own namespace so that it
/// cannot clash with the Controller password sign-in helpers.
class QNetworkReply;
class QNetworkRequest;

namespace Pot::Auth::Keycloak {

/// OpenID Connect endpoints of one realm.
struct Endpoints
{
    QUrl authorization; ///< <kc>/realms/<realm>/protocol/openid-connect/auth
    QUrl token;         ///< …/token
    QUrl logout;        ///< …/logout
    QString issuer;     ///< <kc>/realms/<realm> (the `iss` of the realm's tokens)
};

/// Builds the endpoints from the Keycloak base URL (with or without trailing slash, with or without
/// a path prefix such as /auth) and the realm name. Rejects non-http(s) URLs and empty realms.
Result<Endpoints> endpoints(const QUrl &baseUrl, const QString &realm);

/// A fresh PKCE code verifier: 64 characters of base64url from 48 random bytes (RFC 7636 §4.1).
QByteArray makeCodeVerifier();

/// BASE64URL(SHA256(verifier)) without padding (RFC 7636 §4.2, method S256).
QByteArray codeChallengeS256(const QByteArray &verifier);

/// `bytes` random bytes from the system generator, base64url without padding.
QByteArray randomUrlSafe(int bytes);

/// Payload of a JWT (header.payload.signature), decoded without verifying the signature. The
/// Controller verifies signatures; the console only reads claims for display and expiry.
Result<QJsonObject> decodeJwtPayload(const QByteArray &jwt);

/// Parses a successful token-endpoint answer (authorization_code or refresh_token grant).
/// Expiries are computed in local clock terms from `receivedAt`: `expires_in` when given, else the
/// token's lifetime (`exp` - `iat`), else the absolute `exp`. Roles come from
/// resource_access[controllerClientId].roles, or from every client except Keycloak's built-in
/// "account" client when the controller client id is not known. The method is left as Password;
/// callers set it.
Result<TokenSet> parseTokenResponse(const QByteArray &body, const QString &controllerClientId,
                                    const QDateTime &receivedAt);

/// What a request to Keycloak was for; decides the wording and the code of a failure.
enum class Operation { SignIn, Refresh, Logout };

/// Turns a failed Keycloak reply (transport error, or HTTP status with an OAuth error body such as
/// {"error":"invalid_grant","error_description":"…"}) into a Pot::Error.
Error replyError(Operation operation, QNetworkReply *reply, const QByteArray &body);

/// application/x-www-form-urlencoded body; every value is percent-encoded (so '+' stays '+').
QByteArray formEncode(const QList<QPair<QString, QByteArray>> &fields);

/// For a request that carries a code, a verifier or a refresh token: never follow a redirect (Qt
/// re-sends a POST body on 307/308 by default), never load or store cookies.
void guardSecretRequest(QNetworkRequest &request);

/// Aborts `reply` once its answer grows past 1 MB (a token answer is a few kB).
void limitAnswer(QNetworkReply *reply);

} // namespace Pot::Auth::Keycloak
