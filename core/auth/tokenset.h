#pragma once

#include "core/secretbytes.h"

#include <QDateTime>
#include <QString>

namespace Pot::Auth {

/// How the session was opened; decides where refresh and sign-out go.
enum class SignInMethod {
    Password, ///< POST /user/login on the Controller; refresh via POST /user/refresh
    Browser,  ///< Keycloak authorization code + PKCE; refresh and logout at Keycloak
};

/// The tokens of one signed-in control plane. The access token is short-lived and kept in memory
/// only; the refresh token is a secret (keychain only).
struct TokenSet
{
    SignInMethod method = SignInMethod::Password;
    QByteArray accessToken;   ///< bearer token sent to the Controller (never logged)
    SecretBytes refreshToken; ///< kept in the OS keychain when the profile remembers the session
    QByteArray idToken;       ///< browser sign-in only: id_token_hint for Keycloak logout
    QDateTime accessExpiry;   ///< `exp` of the access token, in local clock terms (skew applied)
    QDateTime refreshExpiry;  ///< `exp` of the refresh token when it is a JWT, else invalid
    QDateTime accessIssuedAt; ///< `iat` of the access token in local clock terms, else receipt time
    qint64 clockSkewMs = 0;   ///< server clock minus local clock when the tokens were received
    QString userName;         ///< preferred_username (or email) from the access token
    QStringList roles;        ///< client roles from resource_access[<client>].roles

    bool isValid() const { return !accessToken.isEmpty(); }
};

} // namespace Pot::Auth
