#pragma once

#include "core/auth/refreshstrategy.h"
#include "core/auth/tokenset.h"
#include "core/net/authenticator.h"

#include <QDateTime>
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
class Session final : public QObject, public Net::Authenticator
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)

public:
    /// Refresh no earlier than this before expiry.
    static constexpr std::chrono::seconds MaxRefreshMargin{60};

    explicit Session(QObject *parent = nullptr);
    ~Session() override;

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
    void startRefresh();
    void refreshFinished(quint64 generation, Result<TokenSet> result);
    void expire(const Error &cause);
    void release(const Result<QByteArray> &outcome);
    void clear();

    TokenSet m_tokens;
    std::unique_ptr<RefreshStrategy> m_strategy;
    QTimer m_timer;
    QDateTime m_nextRefreshAt;
    QList<Waiter> m_waiters;
    quint64 m_generation = 0;
    bool m_refreshing = false;
};

} // namespace Pot::Auth
