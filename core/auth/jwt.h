#pragma once

#include "core/auth/tokenset.h"
#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Pot::Auth {

/// Client id whose roles the Controller uses (resource_access[<id>].roles) unless told otherwise.
inline const QString DefaultControllerClientId = QStringLiteral("pot-controller");

/// Claims the console reads from an access token. The signature is not verified here: the
/// Controller does that; the console only needs the expiry and the name to show.
struct AccessTokenClaims
{
    qint64 exp = 0; ///< seconds since epoch, server clock
    qint64 iat = 0; ///< 0 when absent
    QString subject;
    QString preferredUsername;
    QString email;
    QStringList roles;
};

/// The JSON payload (second, base64url part) of a JWT.
Result<QJsonObject> decodeJwtPayload(const QByteArray &token);

/// Reads exp/iat/names/roles; fails when the token is no JWT or has no `exp`.
Result<AccessTokenClaims> parseAccessToken(const QByteArray &token,
                                           const QString &clientId = DefaultControllerClientId);

/// Builds a TokenSet from a token pair the Controller (or Keycloak) returned. `skewMs` (server
/// minus local clock) converts the token times to local time; `receivedAtMs` is the local time the
/// answer arrived. Refuses the dev-mode `mock-access-token` with ErrorCode::NoAuthConfigured.
Result<TokenSet> makeTokenSet(SignInMethod method, const QByteArray &accessToken,
                              const QByteArray &refreshToken, qint64 skewMs, qint64 receivedAtMs,
                              const QString &clientId = DefaultControllerClientId);

} // namespace Pot::Auth
