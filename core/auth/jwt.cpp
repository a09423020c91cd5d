#include "jwt.h"

#include "core/tr.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Pot::Auth {

using namespace Qt::StringLiterals;

Result<QJsonObject> decodeJwtPayload(const QByteArray &token)
{
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3 || parts.at(1).isEmpty()) {
        return Error(ErrorCode::InvalidInput,
                     Tr::tr("The access token is not a JSON Web Token."),
                     Tr::tr("%1 dot-separated parts").arg(parts.size()));
    }
    const auto decoded = QByteArray::fromBase64Encoding(
        parts.at(1), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return Error(ErrorCode::InvalidInput,
                     Tr::tr("The access token's payload is not valid base64url."));
    }
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(*decoded, &err);
    if (!doc.isObject()) {
        return Error(ErrorCode::InvalidInput,
                     Tr::tr("The access token's payload is not a JSON object."), err.errorString());
    }
    return doc.object();
}

Result<AccessTokenClaims> parseAccessToken(const QByteArray &token, const QString &clientId)
{
    auto payload = decodeJwtPayload(token);
    if (!payload)
        return payload.error();
    const QJsonObject &o = *payload;
    AccessTokenClaims c;
    const QJsonValue exp = o.value("exp"_L1);
    if (!exp.isDouble() || exp.toDouble() <= 0) {
        return Error(ErrorCode::InvalidInput,
                     Tr::tr("The access token has no expiry time (exp)."));
    }
    c.exp = qint64(exp.toDouble());
    c.iat = o.value("iat"_L1).isDouble() ? qint64(o.value("iat"_L1).toDouble()) : 0;
    c.subject = o.value("sub"_L1).toString();
    c.preferredUsername = o.value("preferred_username"_L1).toString();
    c.email = o.value("email"_L1).toString();

    const QJsonObject access = o.value("resource_access"_L1).toObject();
    const auto rolesOf = [](const QJsonValue &client) {
        QStringList out;
        const QJsonArray roles = client.toObject().value("roles"_L1).toArray();
        for (const QJsonValue &r : roles) {
            if (r.isString())
                out << r.toString();
        }
        return out;
    };
    if (access.contains(clientId)) {
        c.roles = rolesOf(access.value(clientId));
    } else {
        // Unknown client id: collect roles of every client but Keycloak's own ones.
        for (auto it = access.begin(); it != access.end(); ++it) {
            if (it.key() == u"account" || it.key() == u"realm-management")
                continue;
            for (const QString &r : rolesOf(it.value())) {
                if (!c.roles.contains(r))
                    c.roles << r;
            }
        }
    }
    return c;
}

Result<TokenSet> makeTokenSet(SignInMethod method, const QByteArray &accessToken,
                              const QByteArray &refreshToken, qint64 skewMs, qint64 receivedAtMs,
                              const QString &clientId)
{
    if (accessToken == "mock-access-token") {
        return Error(ErrorCode::NoAuthConfigured,
                     Tr::tr("This Controller has no authentication configured; its management "
                            "API is not usable."),
                     Tr::tr("The Controller runs in development mode without an auth section "
                            "and answered with mock tokens."));
    }
    if (accessToken.isEmpty()) {
        return Error(ErrorCode::Protocol,
                     Tr::tr("The sign-in answer contained no access token."));
    }
    auto claims = parseAccessToken(accessToken, clientId);
    if (!claims)
        return claims.error();

    TokenSet t;
    t.method = method;
    t.accessToken = accessToken;
    t.refreshToken = SecretBytes(refreshToken);
    t.clockSkewMs = skewMs;
    t.accessExpiry = QDateTime::fromMSecsSinceEpoch(claims->exp * 1000 - skewMs, Qt::UTC);
    t.accessIssuedAt = claims->iat > 0
                           ? QDateTime::fromMSecsSinceEpoch(claims->iat * 1000 - skewMs, Qt::UTC)
                           : QDateTime::fromMSecsSinceEpoch(receivedAtMs, Qt::UTC);
    t.userName = !claims->preferredUsername.isEmpty() ? claims->preferredUsername : claims->email;
    t.roles = claims->roles;
    if (auto refresh = decodeJwtPayload(refreshToken); refresh && refresh->value("exp"_L1).isDouble()) {
        t.refreshExpiry = QDateTime::fromMSecsSinceEpoch(
            qint64(refresh->value("exp"_L1).toDouble()) * 1000 - skewMs, Qt::UTC);
    }
    return t;
}

} // namespace Pot::Auth
