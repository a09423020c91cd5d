#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QObject>

#include <functional>

namespace Pot::Net {

/// Seam between ControllerClient and whatever holds the session (password sign-in, browser
/// sign-in). The client asks it for a bearer token before each authenticated request and tells it
/// when the Controller refused one. Callbacks run at most once, and not at all once `context` is
/// destroyed; they may run before the call returns.
class Authenticator
{
public:
    using TokenCallback = std::function<void(Result<QByteArray>)>;

    virtual ~Authenticator() = default;

    /// A bearer token valid now; refreshes first when the current one has (nearly) expired.
    virtual void bearerToken(QObject *context, TokenCallback done) = 0;

    /// The Controller answered 401 to a request sent with `rejected`. Gives a new token (refreshing
    /// once; concurrent callers share one refresh) or an error when the session is over.
    virtual void tokenRejected(const QByteArray &rejected, QObject *context, TokenCallback done) = 0;
};

} // namespace Pot::Net
