#pragma once

#include "core/auth/refreshstrategy.h"
#include "core/auth/tokenset.h"
#include "core/net/authenticator.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <memory>

namespace Pot::Auth {

/// The signed-in state of one profile. Keeps the tokens, refreshes them shortly before the access
/// token expires (at 80 % of its lifetime, at most 60 s early), refreshes once when the Controller
/// refuses a token (concurrent refusals share one refresh), and ends with sessionExpired() when a
/// refresh is refused. Install it on the ControllerClient with setAuthenticator().
///
/// Refreshes are rate-limited whatever the tokens say: at most one per Limits::minInterval, with
/// the interval doubling after each failed attempt (up to Limits::maxBackoff). Token times are
/// already corrected for the Controller's clock (TokenSet::clockSkewMs); when refreshed tokens keep
/// arriving already expired the session ends with a message that says so, instead of refreshing in
/// a loop.
class Session final : public QObject, public Net::Authenticator
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)

public:
    /// Refresh no earlier than this before expiry.
    static constexpr std::chrono::seconds MaxRefreshMargin{60};

    struct Limits
    {
        std::chrono::milliseconds minInterval{10000}; ///< between two refresh attempts
        std::chrono::milliseconds maxBackoff{300000}; ///< longest wait after repeated failures
        int maxExpiredOnArrival = 3; ///< refreshed tokens already expired, in a row, before giving up
    };

    explicit Session(QObject *parent = nullptr);
    ~Session() override;

    void setLimits(const Limits &limits) { m_limits = limits; }
    const Limits &limits() const { return m_limits; }
    /// Refresh attempts started so far (for the status panel and tests).
    int refreshAttempts() const { return m_attempts; }

    /// Starts a session with freshly obtained tokens; replaces any previous one silently.
    void begin(TokenSet tokens, std::unique_ptr<RefreshStrategy> strategy);
    bool isActive() const { return m_tokens.isValid(); }
    const TokenSet &tokens() const { return m_tokens; }
    /// When the timer will refresh (local time); invalid when inactive.
    QDateTime nextRefreshAt() const { return m_nextRefreshAt; }

    /// Refreshes now (e.g. after the machine woke up).
    void refreshNow();
    /// Ends the session: tells the server (failure ignored), drops the tokens, emits signedOut().
    void signOut();

    // Net::Authenticator
    void bearerToken(QObject *context, TokenCallback done) override;
    void tokenRejected(const QByteArray &rejected, QObject *context, TokenCallback done) override;

Q_SIGNALS:
    /// New tokens after a refresh (persist the rotated refresh token if the profile remembers it).
    void tokensRefreshed();
    /// A refresh was refused; the tokens are gone. `error.code` is ErrorCode::SessionExpired.
    void sessionExpired(const Pot::Error &error);
    void signedOut();

private:
    struct Waiter
    {
        QPointer<QObject> context;
        TokenCallback done;
    };

    void schedule();
    /// Starts the timer for a refresh in `delayMs`, never sooner than the rate limit allows.
    void scheduleIn(qint64 delayMs);
    qint64 serverNowMs() const;
    qint64 msUntilAllowed() const;
    void startRefresh();
    void refreshFinished(quint64 generation, Result<TokenSet> result);
    /// Ends the session. `causeIsMessage`: `cause` already says it in words for the user.
    void expire(const Error &cause, bool causeIsMessage = false);
    void release(const Result<QByteArray> &outcome);
    void clear();

    TokenSet m_tokens;
    std::unique_ptr<RefreshStrategy> m_strategy;
    QTimer m_timer;
    QDateTime m_nextRefreshAt;
    QList<Waiter> m_waiters;
    quint64 m_generation = 0;
    bool m_refreshing = false;
    Limits m_limits;
    QElapsedTimer m_clock;    ///< monotonic, for the rate limit
    qint64 m_lastStartMs = -1; ///< m_clock time of the last refresh start; -1 = none
    int m_failures = 0;           ///< transient failures in a row
    int m_expiredOnArrival = 0;   ///< refreshed tokens that were already expired, in a row
    int m_attempts = 0;
};

} // namespace Pot::Auth
