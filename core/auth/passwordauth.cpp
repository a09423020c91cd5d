#include "passwordauth.h"

#include "core/logging.h"
#include "core/tr.h"

#include <QJsonObject>

namespace Pot::Auth {

using namespace Qt::StringLiterals;

namespace {

/// Turns a /user/login or /user/refresh answer into a TokenSet.
Result<TokenSet> tokensFrom(const Result<Net::ApiResponse> &r, SignInMethod method,
                            const QString &clientId)
{
    if (!r)
        return r.error();
    const QJsonObject o = r->json.toObject();
    return makeTokenSet(method, o.value("accessToken"_L1).toString().toLatin1(),
                        o.value("refreshToken"_L1).toString().toLatin1(), r->clockSkewMs,
                        r->localTimeMs, clientId);
}

Error signInError(const Error &e)
{
    if (e.code == ErrorCode::Unauthorized) {
        return Error(ErrorCode::Unauthorized,
                     Tr::tr("Sign-in refused: wrong e-mail, password or one-time code, or the "
                            "identity provider is unreachable."),
                     e.detail, e.httpStatus);
    }
    if (e.httpStatus == 400) {
        Error out = e;
        out.code = ErrorCode::InvalidInput;
        return out;
    }
    return e;
}

} // namespace

Net::ApiReply *signInWithPassword(Net::ControllerClient &client, const PasswordCredentials &credentials,
                                  QObject *context, std::function<void(Result<TokenSet>)> done,
                                  const QString &clientId)
{
    QByteArray password = credentials.password.revealCopy();
    QJsonObject body{{QStringLiteral("email"), credentials.email.trimmed()},
                     {QStringLiteral("password"), QString::fromUtf8(password)}};
    SecretBytes::wipe(password);
    if (!credentials.totp.trimmed().isEmpty())
        body.insert(QStringLiteral("totp"), credentials.totp.trimmed());
    Net::ApiRequest req =
        Net::ApiRequest::sendJson("POST", QStringLiteral("/user/login"), body, false);
    req.maxBodyBytes = Net::ApiRequest::SmallBodyLimit;
    qCDebug(lcCoreAuth) << "password sign-in started";
    return client.send(req, context,
                       [done = std::move(done), clientId](Result<Net::ApiResponse> r) {
                           if (!r) {
                               done(signInError(r.error()));
                               return;
                           }
                           done(tokensFrom(r, SignInMethod::Password, clientId));
                       });
}

Net::ApiReply *fetchUserProfile(Net::ControllerClient &client, QObject *context,
                                std::function<void(Result<UserProfile>)> done,
                                std::chrono::milliseconds timeout)
{
    Net::ApiRequest req = Net::ApiRequest::get(QStringLiteral("/user/profile"));
    req.timeout = timeout;
    req.maxBodyBytes = Net::ApiRequest::SmallBodyLimit;
    return client.send(req, context, [done = std::move(done)](Result<Net::ApiResponse> r) {
        if (!r) {
            done(r.error());
            return;
        }
        const QJsonObject o = r->json.toObject();
        UserProfile p;
        p.subject = o.value("sub"_L1).toString();
        p.preferredUsername = o.value("preferred_username"_L1).toString();
        p.email = o.value("email"_L1).toString();
        p.emailVerified = o.value("email_verified"_L1).toBool();
        p.name = o.value("name"_L1).toString();
        p.givenName = o.value("given_name"_L1).toString();
        p.familyName = o.value("family_name"_L1).toString();
        if (p.subject.isEmpty() && p.preferredUsername.isEmpty() && p.email.isEmpty()) {
            done(Error(ErrorCode::Protocol,
                       Tr::tr("The Controller's profile answer names no user.")));
            return;
        }
        done(p);
    });
}

PasswordRefresh::PasswordRefresh(Net::ControllerClient *client, const QString &clientId)
    : m_client(client)
    , m_clientId(clientId)
{
}

void PasswordRefresh::refresh(const TokenSet &current, QObject *context, TokensCallback done)
{
    if (!m_client) {
        done(Error(ErrorCode::SessionExpired, Tr::tr("The connection to the Controller is closed.")));
        return;
    }
    if (current.refreshToken.isEmpty()) {
        done(Error(ErrorCode::SessionExpired, Tr::tr("There is no refresh token to renew the session.")));
        return;
    }
    QByteArray token = current.refreshToken.revealCopy();
    Net::ApiRequest req = Net::ApiRequest::sendJson(
        "POST", QStringLiteral("/user/refresh"),
        QJsonObject{{QStringLiteral("refreshToken"), QString::fromLatin1(token)}}, false);
    req.maxBodyBytes = Net::ApiRequest::SmallBodyLimit;
    SecretBytes::wipe(token);
    m_client->send(req, context, [done = std::move(done), clientId = m_clientId](Result<Net::ApiResponse> r) {
        done(tokensFrom(r, SignInMethod::Password, clientId));
    });
}

void PasswordRefresh::signOut(const TokenSet &current)
{
    if (!m_client || current.accessToken.isEmpty())
        return;
    Net::ApiRequest req = Net::ApiRequest::sendJson("POST", QStringLiteral("/user/logout"), {}, false);
    req.body.clear();
    req.contentType.clear();
    req.bearerToken = current.accessToken;
    req.timeout = std::chrono::seconds(5);
    // Fire and forget: the tokens are dropped whatever the Controller says.
    m_client->send(req);
}

} // namespace Pot::Auth
