#include "standinkeycloak.h"

#include "standincontroller.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrlQuery>

namespace Pot::Test {

namespace {

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (char &c : raw)
        c = char(QRandomGenerator::global()->bounded(256));
    return raw.toBase64(kBase64Url);
}

/// Values of an application/x-www-form-urlencoded body or a URL query, fully decoded.
QUrlQuery formOf(const QByteArray &encoded)
{
    QByteArray plusAsSpace = encoded;
    plusAsSpace.replace('+', "%20");
    return QUrlQuery(QString::fromLatin1(plusAsSpace));
}

QString value(const QUrlQuery &query, const char *key)
{
    return query.queryItemValue(QLatin1StringView(key), QUrl::FullyDecoded);
}

bool isValidVerifier(const QByteArray &verifier)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9\\-._~]{43,128}$"));
    return pattern.match(QString::fromLatin1(verifier)).hasMatch();
}

} // namespace

StandInKeycloak::StandInKeycloak(const StandInController &server, const QString &realm,
                                 const QString &clientId)
    : m_server(server)
    , m_realm(realm)
    , m_clientId(clientId)
{
}

QUrl StandInKeycloak::baseUrl() const
{
    return QUrl(m_server.address());
}

QString StandInKeycloak::issuer() const
{
    return baseUrl().toString() + u"/realms/" + m_realm;
}

void StandInKeycloak::setUser(const QString &userName, const QString &email, const QStringList &roles)
{
    m_userName = userName;
    m_email = email;
    m_roles = roles;
}

HttpResponse StandInKeycloak::handle(const HttpRequest &request)
{
    const QString path = request.path;
    const QString realmPrefix = u"/realms/" + m_realm + u"/";
    if (!path.startsWith(realmPrefix)) {
        if (path.startsWith(u"/realms/"))
            return json(404, QJsonObject{{QStringLiteral("error"), QStringLiteral("Realm does not exist")}});
        return page(404, QStringLiteral("Not Found"));
    }
    const QString endpoint = path.mid(realmPrefix.size());
    if (endpoint == u"protocol/openid-connect/auth" && request.method == "GET")
        return authorize(request);
    if (endpoint == u"protocol/openid-connect/token" && request.method == "POST")
        return token(request);
    if (endpoint == u"protocol/openid-connect/logout" && request.method == "POST")
        return logout(request);
    if (endpoint.startsWith(u"protocol/openid-connect/"))
        return page(405, QStringLiteral("Method Not Allowed"));
    return page(404, QStringLiteral("Not Found"));
}

HttpResponse StandInKeycloak::authorize(const HttpRequest &request)
{
    ++m_authorizationRequests;
    const QUrlQuery &query = request.query;
    if (value(query, "client_id") != m_clientId)
        return page(400, QStringLiteral("Client not found."));

    const QString redirectUri = value(query, "redirect_uri");
    const QUrl redirect(redirectUri, QUrl::StrictMode);
    if (!redirect.isValid() || redirect.scheme() != u"http" || redirect.host() != u"127.0.0.1"
        || redirect.port() <= 0 || !redirect.path().startsWith(u'/')) {
        return page(400, QStringLiteral("Invalid parameter: redirect_uri"));
    }
    m_lastRedirectUri = redirectUri;
    m_lastState = value(query, "state");
    m_lastScope = value(query, "scope");
    m_lastChallenge = value(query, "code_challenge").toLatin1();

    auto redirectWith = [&](const QList<QPair<QString, QString>> &items) {
        QUrl location = redirect;
        QUrlQuery answer(location);
        for (const auto &[key, item] : items)
            answer.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(item)));
        if (!m_lastState.isEmpty())
            answer.addQueryItem(QStringLiteral("state"),
                                QString::fromLatin1(QUrl::toPercentEncoding(m_lastState)));
        location.setQuery(answer);
        HttpResponse response = HttpResponse::empty(302);
        response.headers.append(qMakePair(QByteArrayLiteral("Location"), location.toEncoded()));
        return response;
    };

    if (value(query, "response_type") != u"code") {
        return redirectWith({{QStringLiteral("error"), QStringLiteral("unsupported_response_type")},
                             {QStringLiteral("error_description"),
                              QStringLiteral("Unsupported response_type")}});
    }
    if (value(query, "code_challenge_method") != u"S256") {
        return redirectWith({{QStringLiteral("error"), QStringLiteral("invalid_request")},
                             {QStringLiteral("error_description"),
                              QStringLiteral("Missing parameter: code_challenge_method")}});
    }
    if (!isValidVerifier(m_lastChallenge)) { // a challenge has the verifier's alphabet and length
        return redirectWith({{QStringLiteral("error"), QStringLiteral("invalid_request")},
                             {QStringLiteral("error_description"),
                              QStringLiteral("Invalid parameter: code_challenge")}});
    }
    if (m_deny) {
        return redirectWith({{QStringLiteral("error"), QStringLiteral("access_denied")},
                             {QStringLiteral("error_description"),
                              QStringLiteral("User denied consent")}});
    }

    PendingCode pending;
    pending.redirectUri = redirectUri;
    pending.challenge = m_lastChallenge;
    if (m_corruptChallenge)
        pending.challenge[0] = pending.challenge.at(0) == 'A' ? 'B' : 'A';
    pending.scope = m_lastScope;
    const QString code = QString::fromLatin1(randomToken(24) + '.' + randomToken(12));
    m_codes.insert(code, pending);
    return redirectWith({{QStringLiteral("code"), code},
                         {QStringLiteral("session_state"), QString::fromLatin1(randomToken(16))}});
}

HttpResponse StandInKeycloak::token(const HttpRequest &request)
{
    ++m_tokenRequests;
    const QUrlQuery form = formOf(request.body);
    const QString grantType = value(form, "grant_type");
    if (value(form, "client_id") != m_clientId)
        return oauthError(401, QStringLiteral("invalid_client"),
                          QStringLiteral("Invalid client or Invalid client credentials"));

    if (grantType == u"authorization_code") {
        ++m_codeGrants;
        m_lastVerifier = value(form, "code_verifier").toLatin1();
        const auto pending = m_codes.find(value(form, "code"));
        if (pending == m_codes.end())
            return oauthError(400, QStringLiteral("invalid_grant"), QStringLiteral("Code not valid"));
        const PendingCode issued = pending.value();
        m_codes.erase(pending); // single use
        if (value(form, "redirect_uri") != issued.redirectUri)
            return oauthError(400, QStringLiteral("invalid_grant"),
                              QStringLiteral("Incorrect redirect_uri"));
        if (m_lastVerifier.isEmpty())
            return oauthError(400, QStringLiteral("invalid_grant"),
                              QStringLiteral("PKCE code verifier not specified"));
        if (!isValidVerifier(m_lastVerifier))
            return oauthError(400, QStringLiteral("invalid_grant"),
                              QStringLiteral("PKCE invalid code verifier"));
        const QByteArray computed =
            QCryptographicHash::hash(m_lastVerifier, QCryptographicHash::Sha256).toBase64(kBase64Url);
        if (computed != issued.challenge)
            return oauthError(400, QStringLiteral("invalid_grant"),
                              QStringLiteral("PKCE verification failed"));
        const QString sessionId = QString::fromLatin1(randomToken(16));
        m_sessions.insert(sessionId, issued.scope);
        return issueTokens(sessionId, issued.scope);
    }

    if (grantType == u"refresh_token") {
        ++m_refreshGrants;
        if (m_refuseRefresh)
            return oauthError(400, QStringLiteral("invalid_grant"),
                              QStringLiteral("Session not active"));
        const QByteArray presented = value(form, "refresh_token").toLatin1();
        const auto live = m_refreshTokens.find(presented);
        if (live == m_refreshTokens.end())
            return oauthError(400, QStringLiteral("invalid_grant"),
                              QStringLiteral("Token is not active"));
        const QString sessionId = live.value();
        m_refreshTokens.erase(live); // rotation: the old refresh token is spent
        if (!m_sessions.contains(sessionId))
            return oauthError(400, QStringLiteral("invalid_grant"),
                              QStringLiteral("Session not active"));
        return issueTokens(sessionId, m_sessions.value(sessionId));
    }

    return oauthError(400, QStringLiteral("unsupported_grant_type"),
                      QStringLiteral("Unsupported grant_type"));
}

HttpResponse StandInKeycloak::logout(const HttpRequest &request)
{
    ++m_logouts;
    const QUrlQuery form = formOf(request.body);
    if (value(form, "client_id") != m_clientId)
        return oauthError(401, QStringLiteral("invalid_client"),
                          QStringLiteral("Invalid client or Invalid client credentials"));
    const QByteArray presented = value(form, "refresh_token").toLatin1();
    const auto live = m_refreshTokens.find(presented);
    if (live == m_refreshTokens.end())
        return oauthError(400, QStringLiteral("invalid_grant"),
                          QStringLiteral("Invalid refresh token"));
    const QString sessionId = live.value();
    m_sessions.remove(sessionId);
    for (auto it = m_refreshTokens.begin(); it != m_refreshTokens.end();) {
        if (it.value() == sessionId)
            it = m_refreshTokens.erase(it);
        else
            ++it;
    }
    return HttpResponse::empty(204);
}

HttpResponse StandInKeycloak::issueTokens(const QString &sessionId, const QString &scope)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QString subject = QStringLiteral("2f0c5a8e-5d0b-4c55-9a53-3f1d7c1b9e01");

    QJsonArray roles;
    for (const QString &role : std::as_const(m_roles))
        roles.append(role);
    QJsonObject resourceAccess{
        {controllerClientId(), QJsonObject{{QStringLiteral("roles"), roles}}},
        {QStringLiteral("account"),
         QJsonObject{{QStringLiteral("roles"),
                      QJsonArray{QStringLiteral("manage-account"), QStringLiteral("view-profile")}}}},
    };
    const QJsonObject access{
        {QStringLiteral("exp"), now + m_accessLifetime},
        {QStringLiteral("iat"), now},
        {QStringLiteral("jti"), QString::fromLatin1(randomToken(12))},
        {QStringLiteral("iss"), issuer()},
        {QStringLiteral("aud"), QJsonArray{controllerClientId(), QStringLiteral("account")}},
        {QStringLiteral("sub"), subject},
        {QStringLiteral("typ"), QStringLiteral("Bearer")},
        {QStringLiteral("azp"), m_clientId},
        {QStringLiteral("sid"), sessionId},
        {QStringLiteral("scope"), scope},
        {QStringLiteral("preferred_username"), m_userName},
        {QStringLiteral("email"), m_email},
        {QStringLiteral("resource_access"), resourceAccess},
    };
    const QJsonObject refresh{
        {QStringLiteral("exp"), now + m_refreshLifetime},
        {QStringLiteral("iat"), now},
        {QStringLiteral("jti"), QString::fromLatin1(randomToken(12))},
        {QStringLiteral("iss"), issuer()},
        {QStringLiteral("aud"), issuer()},
        {QStringLiteral("sub"), subject},
        {QStringLiteral("typ"), QStringLiteral("Refresh")},
        {QStringLiteral("azp"), m_clientId},
        {QStringLiteral("sid"), sessionId},
    };
    const QJsonObject id{
        {QStringLiteral("exp"), now + m_accessLifetime},
        {QStringLiteral("iat"), now},
        {QStringLiteral("iss"), issuer()},
        {QStringLiteral("aud"), m_clientId},
        {QStringLiteral("sub"), subject},
        {QStringLiteral("typ"), QStringLiteral("ID")},
        {QStringLiteral("azp"), m_clientId},
        {QStringLiteral("sid"), sessionId},
        {QStringLiteral("preferred_username"), m_userName},
        {QStringLiteral("email"), m_email},
    };
    const QByteArray refreshToken = makeJwt(refresh);
    m_refreshTokens.insert(refreshToken, sessionId);
    const QByteArray accessToken = makeJwt(access);
    // The Controller of this realm accepts its access tokens until they expire, as the real one
    // verifies Keycloak's tokens.
    m_accessTokens.insert(accessToken, (now + m_accessLifetime) * 1000);
    m_issued << accessToken << refreshToken;

    QJsonObject answer{
        {QStringLiteral("access_token"), QString::fromLatin1(accessToken)},
        {QStringLiteral("refresh_token"), QString::fromLatin1(refreshToken)},
        {QStringLiteral("id_token"), QString::fromLatin1(makeJwt(id))},
        {QStringLiteral("token_type"), QStringLiteral("Bearer")},
        {QStringLiteral("not-before-policy"), 0},
        {QStringLiteral("session_state"), sessionId},
        {QStringLiteral("scope"), scope},
    };
    if (m_sendExpiresIn) {
        answer.insert(QStringLiteral("expires_in"), m_accessLifetime);
        answer.insert(QStringLiteral("refresh_expires_in"), m_refreshLifetime);
    }
    return json(200, answer);
}

QByteArray StandInKeycloak::makeJwt(const QJsonObject &payload) const
{
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")},
                             {QStringLiteral("typ"), QStringLiteral("JWT")},
                             {QStringLiteral("kid"), QStringLiteral("fake-keycloak")}};
    return QJsonDocument(header).toJson(QJsonDocument::Compact).toBase64(kBase64Url) + '.'
           + QJsonDocument(payload).toJson(QJsonDocument::Compact).toBase64(kBase64Url) + '.'
           + randomToken(64);
}

HttpResponse StandInKeycloak::json(int status, const QJsonObject &object)
{
    HttpResponse response = HttpResponse::empty(status);
    response.contentType = QByteArrayLiteral("application/json");
    response.headers.append(qMakePair(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")));
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse StandInKeycloak::oauthError(int status, const QString &error,
                                                const QString &description)
{
    return json(status, QJsonObject{{QStringLiteral("error"), error},
                                    {QStringLiteral("error_description"), description}});
}

HttpResponse StandInKeycloak::page(int status, const QString &text)
{
    HttpResponse response = HttpResponse::html(
        status, "<html><body>" + text.toHtmlEscaped().toUtf8() + "</body></html>");
    return response;
}

bool StandInKeycloak::isAccessTokenValid(const QByteArray &token) const
{
    const auto it = m_accessTokens.constFind(token);
    return it != m_accessTokens.cend() && it.value() > QDateTime::currentMSecsSinceEpoch();
}

} // namespace Pot::Test
