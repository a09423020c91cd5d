#pragma once

#include "core/auth/tokenset.h"
#include "core/result.h"

#include <QObject>

#include <functional>

namespace Pot::Auth {

/// How a Session renews and ends its tokens. Password sign-in uses the Controller's /user/refresh
/// and /user/logout (PasswordRefresh); browser sign-in plugs in a strategy that talks to Keycloak.
/// Callbacks run at most once and not after `context` is destroyed.
class RefreshStrategy
{
public:
    using TokensCallback = std::function<void(Result<TokenSet>)>;

    virtual ~RefreshStrategy() = default;

    /// Exchanges the refresh token of `current` for a new TokenSet. An ErrorCode::Network or
    /// ErrorCode::Timeout error means "try again later"; any other error ends the session.
    virtual void refresh(const TokenSet &current, QObject *context, TokensCallback done) = 0;

    /// Ends the session at the server; failures are ignored by the caller.
    virtual void signOut(const TokenSet &current) = 0;
};

} // namespace Pot::Auth
