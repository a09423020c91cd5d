#include "keycloaksession.h"

#include "core/logging.h"
#include "core/tr.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <chrono>

namespace Pot::Auth {

namespace {

constexpr std::chrono::milliseconds kRequestTimeout{30000};

/// Answers from the event loop, like a network reply would.
template<typename R>
void answerLater(QObject *context, const std::function<void(R)> &done, const Error &error)
{
    QTimer::singleShot(0, context, [done, error] { done(R(error)); });
}

/// POSTs a form to Keycloak and hands the finished reply to `handle`, with `context` as receiver.
void postForm(QNetworkAccessManager *network, const QSslConfiguration &tls, const QUrl &url, QByteArray body,
              QObject *context, std::function<void(QNetworkReply *)> handle)
{
    QNetworkRequest request(url);
    request.setSslConfiguration(tls);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    request.setTransferTimeout(int(kRequestTimeout.count()));
    Keycloak::guardSecretRequest(request);
    QNetworkReply *reply = network->post(request, body);
    // The reply sends a shallow copy of `body` later: its buffer is wiped once the reply is done.
    QObject::connect(reply, &QNetworkReply::finished, reply, [body]() mutable { SecretBytes::wipe(body); });
    body = QByteArray();
    Keycloak::limitAnswer(reply);
    // If the context dies first the callback is dropped; the reply still cleans up after itself.
    QObject::connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    QObject::connect(reply, &QNetworkReply::finished, context,
                     [reply, handle = std::move(handle)] { handle(reply); });
}

} // namespace

KeycloakSession::KeycloakSession(QNetworkAccessManager *network, const QUrl &keycloakUrl,
                                 const QString &realm, const QString &clientId,
                                 const QString &controllerClientId)
    : m_network(network)
    , m_endpoints(Keycloak::endpoints(keycloakUrl, realm))
    , m_clientId(clientId.trimmed())
    , m_controllerClientId(controllerClientId.trimmed())
{}

Status KeycloakSession::validate() const
{
    if (!m_endpoints)
        return m_endpoints.error();
    if (m_clientId.isEmpty())
        return Error(ErrorCode::InvalidInput, Tr::tr("No Keycloak client id is set."));
    if (!m_network)
        return Error(ErrorCode::InvalidInput, Tr::tr("No network access for the Keycloak session."));
    return {};
}

void KeycloakSession::refresh(const TokenSet &tokens, QObject *context,
                              std::function<void(Result<TokenSet>)> done) const
{
    Q_ASSERT(context);
    if (const Status ok = validate(); !ok) {
        answerLater(context, done, ok.error());
        return;
    }
    if (tokens.refreshToken.isEmpty()) {
        answerLater(context, done,
                    Error(ErrorCode::SessionExpired,
                          Tr::tr("There is no refresh token for this session; sign in again.")));
        return;
    }
    QByteArray refreshToken = tokens.refreshToken.revealCopy();
    QByteArray body = Keycloak::formEncode({
        {QStringLiteral("grant_type"), QByteArrayLiteral("refresh_token")},
        {QStringLiteral("refresh_token"), refreshToken},
        {QStringLiteral("client_id"), m_clientId.toUtf8()},
    });
    SecretBytes::wipe(refreshToken);

    const QString controllerClientId = m_controllerClientId;
    postForm(m_network, m_tls, m_endpoints->token, std::move(body), context,
             [old = tokens, controllerClientId, done = std::move(done)](QNetworkReply *reply) {
                 QByteArray answer = reply->readAll();
                 const int status =
                     reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                 if (reply->error() != QNetworkReply::NoError || status != 200) {
                     const Error error =
                         Keycloak::replyError(Keycloak::Operation::Refresh, reply, answer);
                     SecretBytes::wipe(answer);
                     qCInfo(lcCoreAuth, "keycloak refresh failed: %s",
                            qUtf8Printable(error.toString()));
                     done(error);
                     return;
                 }
                 auto fresh = Keycloak::parseTokenResponse(answer, controllerClientId,
                                                           QDateTime::currentDateTimeUtc());
                 SecretBytes::wipe(answer);
                 if (!fresh) {
                     done(fresh.error());
                     return;
                 }
                 fresh->method = SignInMethod::Browser;
                 if (fresh->refreshToken.isEmpty()) {
                     fresh->refreshToken = old.refreshToken;
                     fresh->refreshExpiry = old.refreshExpiry;
                 }
                 if (fresh->idToken.isEmpty())
                     fresh->idToken = old.idToken;
                 qCInfo(lcCoreAuth, "keycloak session refreshed");
                 done(std::move(fresh));
             });
}

void KeycloakSession::logout(const TokenSet &tokens, QObject *context,
                             std::function<void(Status)> done) const
{
    Q_ASSERT(context);
    if (const Status ok = validate(); !ok) {
        answerLater(context, done, ok.error());
        return;
    }
    if (tokens.refreshToken.isEmpty()) {
        answerLater(context, done,
                    Error(ErrorCode::InvalidInput,
                          Tr::tr("There is no refresh token to end the identity provider's "
                                 "session with.")));
        return;
    }
    QByteArray refreshToken = tokens.refreshToken.revealCopy();
    QByteArray body = Keycloak::formEncode({
        {QStringLiteral("client_id"), m_clientId.toUtf8()},
        {QStringLiteral("refresh_token"), refreshToken},
    });
    SecretBytes::wipe(refreshToken);

    postForm(m_network, m_tls, m_endpoints->logout, std::move(body), context,
             [done = std::move(done)](QNetworkReply *reply) {
                 const QByteArray answer = reply->readAll();
                 const int status =
                     reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                 if (reply->error() == QNetworkReply::NoError && (status == 204 || status == 200)) {
                     qCInfo(lcCoreAuth, "keycloak session ended");
                     done({});
                     return;
                 }
                 const QString oauthError = QJsonDocument::fromJson(answer)
                                                .object()
                                                .value(QLatin1StringView("error"))
                                                .toString();
                 if (status == 400 && oauthError == QLatin1StringView("invalid_grant")) {
                     qCInfo(lcCoreAuth, "keycloak session was already over at sign-out");
                     done({});
                     return;
                 }
                 done(Keycloak::replyError(Keycloak::Operation::Logout, reply, answer));
             });
}

} // namespace Pot::Auth
