#include "keycloak.h"

#include "core/logging.h"
#include "core/tr.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QNetworkReply>
#include <QRandomGenerator>

#include <cstring>
#include <vector>

namespace Pot::Auth::Keycloak {

namespace {

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QString displayUrl(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
}

/// Lifetime of a token in seconds: `<name>` (expires_in style) from the response, else exp - iat of
/// the JWT, else 0 when unknown.
qint64 lifetimeSeconds(const QJsonObject &response, const QString &field, const QJsonObject &claims)
{
    const qint64 relative = response.value(field).toInteger(0);
    if (relative > 0)
        return relative;
    const qint64 exp = claims.value(QLatin1StringView("exp")).toInteger(0);
    const qint64 iat = claims.value(QLatin1StringView("iat")).toInteger(0);
    if (exp > 0 && iat > 0 && exp > iat)
        return exp - iat;
    return 0;
}

QDateTime expiry(const QJsonObject &response, const QString &field, const QJsonObject &claims,
                 const QDateTime &receivedAt)
{
    if (const qint64 life = lifetimeSeconds(response, field, claims); life > 0)
        return receivedAt.addSecs(life);
    const qint64 exp = claims.value(QLatin1StringView("exp")).toInteger(0);
    if (exp > 0)
        return QDateTime::fromSecsSinceEpoch(exp);
    return {};
}

QStringList rolesOf(const QJsonObject &claims, const QString &controllerClientId)
{
    const QJsonObject access = claims.value(QLatin1StringView("resource_access")).toObject();
    QStringList roles;
    auto collect = [&roles](const QJsonValue &client) {
        const QJsonArray list = client.toObject().value(QLatin1StringView("roles")).toArray();
        for (const QJsonValue &role : list) {
            const QString name = role.toString();
            if (!name.isEmpty() && !roles.contains(name))
                roles.append(name);
        }
    };
    if (!controllerClientId.isEmpty()) {
        collect(access.value(controllerClientId));
        return roles;
    }
    // Keycloak's own "account" client carries manage-account/view-profile: not Controller roles.
    for (auto it = access.begin(); it != access.end(); ++it) {
        if (it.key() != QLatin1StringView("account"))
            collect(it.value());
    }
    return roles;
}

} // namespace

Result<Endpoints> endpoints(const QUrl &baseUrl, const QString &realm)
{
    if (!baseUrl.isValid() || baseUrl.host().isEmpty()
        || (baseUrl.scheme() != QLatin1StringView("https")
            && baseUrl.scheme() != QLatin1StringView("http"))) {
        return Error(ErrorCode::InvalidInput,
                     Tr::tr("The Keycloak URL must be an http or https address, e.g. "
                            "https://keycloak.example.com/."),
                     baseUrl.toDisplayString());
    }
    const QString trimmedRealm = realm.trimmed();
    if (trimmedRealm.isEmpty() || trimmedRealm.contains(u'/')) {
        return Error(ErrorCode::InvalidInput,
                     Tr::tr("The Keycloak realm name is empty or contains '/'."), realm);
    }

    QString basePath = baseUrl.path(QUrl::FullyDecoded);
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    const QString realmPath = basePath + u"/realms/" + trimmedRealm;

    QUrl root = baseUrl;
    root.setQuery(QString());
    root.setFragment(QString());
    root.setUserInfo(QString());

    auto at = [&root](const QString &path) {
        QUrl url = root;
        url.setPath(path, QUrl::DecodedMode);
        return url;
    };
    Endpoints e;
    e.authorization = at(realmPath + u"/protocol/openid-connect/auth");
    e.token = at(realmPath + u"/protocol/openid-connect/token");
    e.logout = at(realmPath + u"/protocol/openid-connect/logout");
    e.issuer = at(realmPath).toString(QUrl::FullyEncoded);
    return e;
}

QByteArray randomUrlSafe(int bytes)
{
    std::vector<quint32> words((std::size_t(bytes) + 3) / 4);
    QRandomGenerator::system()->generate(words.begin(), words.end());
    QByteArray raw(bytes, Qt::Uninitialized);
    std::memcpy(raw.data(), words.data(), std::size_t(bytes));
    const QByteArray out = raw.toBase64(kBase64Url);
    SecretBytes::wipe(raw);
    return out;
}

QByteArray makeCodeVerifier()
{
    return randomUrlSafe(48);
}

QByteArray codeChallengeS256(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256).toBase64(kBase64Url);
}

Result<QJsonObject> decodeJwtPayload(const QByteArray &jwt)
{
    const QList<QByteArray> parts = jwt.split('.');
    if (parts.size() != 3 || parts.at(1).isEmpty()) {
        return Error(ErrorCode::InvalidInput,
                     Tr::tr("The token is not a JSON Web Token (expected three dot-separated parts)."));
    }
    const auto decoded = QByteArray::fromBase64Encoding(
        parts.at(1), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return Error(ErrorCode::InvalidInput,
                     Tr::tr("The token payload is not valid base64url."));
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(*decoded, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        return Error(ErrorCode::InvalidInput, Tr::tr("The token payload is not a JSON object."),
                     parseError.errorString());
    }
    return doc.object();
}

Result<TokenSet> parseTokenResponse(const QByteArray &body, const QString &controllerClientId,
                                    const QDateTime &receivedAt)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        return Error(ErrorCode::Protocol,
                     Tr::tr("The identity provider sent an answer that is not a JSON object."),
                     parseError.errorString());
    }
    const QJsonObject response = doc.object();
    const QString tokenType = response.value(QLatin1StringView("token_type")).toString();
    if (!tokenType.isEmpty() && tokenType.compare(u"bearer", Qt::CaseInsensitive) != 0) {
        return Error(ErrorCode::Protocol,
                     Tr::tr("The identity provider issued a \"%1\" token; a bearer token is needed.")
                         .arg(tokenType));
    }

    TokenSet tokens;
    tokens.accessToken = response.value(QLatin1StringView("access_token")).toString().toLatin1();
    if (tokens.accessToken.isEmpty()) {
        return Error(ErrorCode::Protocol,
                     Tr::tr("The identity provider's answer contains no access token."));
    }
    const auto claims = decodeJwtPayload(tokens.accessToken);
    if (!claims) {
        return Error(ErrorCode::Protocol,
                     Tr::tr("The identity provider issued an access token the Controller cannot "
                            "use: %1")
                         .arg(claims.error().message));
    }
    tokens.accessExpiry = expiry(response, QStringLiteral("expires_in"), *claims, receivedAt);
    if (!tokens.accessExpiry.isValid()) {
        return Error(ErrorCode::Protocol,
                     Tr::tr("The identity provider issued an access token without an expiry."));
    }

    QByteArray refresh = response.value(QLatin1StringView("refresh_token")).toString().toLatin1();
    if (!refresh.isEmpty()) {
        // Keycloak refresh tokens are JWTs; other providers may use opaque strings.
        const auto refreshClaims = decodeJwtPayload(refresh);
        tokens.refreshExpiry = expiry(response, QStringLiteral("refresh_expires_in"),
                                      refreshClaims ? *refreshClaims : QJsonObject(), receivedAt);
        tokens.refreshToken = SecretBytes::takeFrom(refresh);
    }
    tokens.idToken = response.value(QLatin1StringView("id_token")).toString().toLatin1();

    tokens.userName = claims->value(QLatin1StringView("preferred_username")).toString();
    if (tokens.userName.isEmpty())
        tokens.userName = claims->value(QLatin1StringView("email")).toString();
    if (tokens.userName.isEmpty())
        tokens.userName = claims->value(QLatin1StringView("sub")).toString();
    tokens.roles = rolesOf(*claims, controllerClientId);
    return tokens;
}

Error replyError(Operation operation, QNetworkReply *reply, const QByteArray &body)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString where = displayUrl(reply->url());

    if (status == 0) {
        switch (reply->error()) {
        case QNetworkReply::OperationCanceledError:
        case QNetworkReply::TimeoutError:
            return Error(ErrorCode::Timeout,
                         Tr::tr("The identity provider at %1 did not answer in time.").arg(where),
                         reply->errorString());
        case QNetworkReply::SslHandshakeFailedError:
            return Error(ErrorCode::Tls,
                         Tr::tr("Cannot establish a trusted TLS connection to the identity "
                                "provider at %1.")
                             .arg(where),
                         reply->errorString());
        default:
            return Error(ErrorCode::Network,
                         Tr::tr("Cannot reach the identity provider at %1.").arg(where),
                         reply->errorString());
        }
    }

    const QJsonObject json = QJsonDocument::fromJson(body).object();
    const QString oauthError = json.value(QLatin1StringView("error")).toString();
    const QString description = json.value(QLatin1StringView("error_description")).toString();
    const QString reason = description.isEmpty() ? oauthError : description;
    QString detail = oauthError.isEmpty() ? QString::fromUtf8(body.left(200)).simplified()
                                          : oauthError + u": " + description;
    detail += u" (HTTP " + QString::number(status) + u')';

    if ((status == 400 || status == 401) && !oauthError.isEmpty()) {
        switch (operation) {
        case Operation::SignIn:
            return Error(ErrorCode::Unauthorized,
                         Tr::tr("The identity provider refused the sign-in: %1").arg(reason),
                         detail, status);
        case Operation::Refresh:
            if (oauthError == QLatin1StringView("invalid_grant")) {
                return Error(ErrorCode::SessionExpired,
                             Tr::tr("The sign-in session has ended; sign in again."), detail,
                             status);
            }
            return Error(ErrorCode::Unauthorized,
                         Tr::tr("The identity provider refused to renew the session: %1")
                             .arg(reason),
                         detail, status);
        case Operation::Logout:
            return Error(ErrorCode::Unauthorized,
                         Tr::tr("The identity provider refused to end the session: %1").arg(reason),
                         detail, status);
        }
    }
    if (status == 404) {
        return Error(ErrorCode::NotFound,
                     Tr::tr("The identity provider has no such realm or endpoint (%1); check the "
                            "Keycloak URL and realm.")
                         .arg(where),
                     detail, status);
    }
    return Error(ErrorCode::Http,
                 Tr::tr("The identity provider answered HTTP %1 at %2.").arg(status).arg(where),
                 detail, status);
}

QByteArray formEncode(const QList<QPair<QString, QByteArray>> &fields)
{
    QByteArray out;
    for (const auto &[key, value] : fields) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(QString::fromUtf8(value));
    }
    return out;
}

void guardSecretRequest(QNetworkRequest &request)
{
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
}

void limitAnswer(QNetworkReply *reply)
{
    constexpr qint64 MaxAnswer = 1024 * 1024;
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [reply] {
        if (reply->bytesAvailable() > MaxAnswer)
            reply->abort();
    });
}

} // namespace Pot::Auth::Keycloak
