#pragma once

#include "core/auth/jwt.h"
#include "core/auth/refreshstrategy.h"
#include "core/auth/tokenset.h"
#include "core/net/controllerclient.h"
#include "core/secretbytes.h"

#include <QPointer>
#include <QString>

#include <chrono>
#include <functional>

namespace Pot::Auth {

/// What the user types for password sign-in.
struct PasswordCredentials
{
    QString email;
    SecretBytes password;
    QString totp; ///< one-time code; empty when the account has none
};

/// Keycloak userinfo as GET /user/profile passes it through.
struct UserProfile
{
    QString subject;
    QString preferredUsername;
    QString email;
    bool emailVerified = false;
    QString name;
    QString givenName;
    QString familyName;
};

/// POST /user/login → TokenSet. Wrong password, missing/wrong code and an unreachable identity
/// provider all give ErrorCode::Unauthorized (the Controller cannot tell them apart); a Controller
/// without authentication gives ErrorCode::NoAuthConfigured.
Net::ApiReply *signInWithPassword(Net::ControllerClient &client, const PasswordCredentials &credentials,
                                  QObject *context, std::function<void(Result<TokenSet>)> done,
                                  const QString &clientId = DefaultControllerClientId);

/// GET /user/profile with a short timeout: the Controller never answers it for a bad token.
Net::ApiReply *fetchUserProfile(Net::ControllerClient &client, QObject *context,
                                std::function<void(Result<UserProfile>)> done,
                                std::chrono::milliseconds timeout = std::chrono::seconds(5));

/// Refresh and sign-out through the Controller's /user/refresh and /user/logout.
class PasswordRefresh final : public RefreshStrategy
{
public:
    explicit PasswordRefresh(Net::ControllerClient *client,
                             const QString &clientId = DefaultControllerClientId);

    void refresh(const TokenSet &current, QObject *context, TokensCallback done) override;
    void signOut(const TokenSet &current) override;

private:
    QPointer<Net::ControllerClient> m_client;
    QString m_clientId;
};

} // namespace Pot::Auth
