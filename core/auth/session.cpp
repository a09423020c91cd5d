#include "session.h"

#include "core/logging.h"
#include "core/tr.h"

namespace Pot::Auth {

namespace {

constexpr qint64 NearExpiryMs = 5000;   // treat a token this close to expiry as expired
constexpr qint64 RetryAfterMs = 10000;  // retry a refresh that failed on the network

} // namespace

Session::Session(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Session::startRefresh);
}

Session::~Session() = default;

void Session::begin(TokenSet tokens, std::unique_ptr<RefreshStrategy> strategy)
{
    clear();
    m_tokens = std::move(tokens);
    m_strategy = std::move(strategy);
    qCDebug(lcCoreAuth) << "session started, access token valid until" << m_tokens.accessExpiry;
    schedule();
}

void Session::schedule()
{
    if (!isActive() || !m_tokens.accessExpiry.isValid())
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 expiry = m_tokens.accessExpiry.toMSecsSinceEpoch();
    const qint64 issued = m_tokens.accessIssuedAt.isValid()
                              ? m_tokens.accessIssuedAt.toMSecsSinceEpoch()
                              : now;
    const qint64 lifetime = std::max<qint64>(0, expiry - issued);
    const qint64 margin = std::min<qint64>(
        std::chrono::duration_cast<std::chrono::milliseconds>(MaxRefreshMargin).count(),
        lifetime / 5);
    const qint64 delay = std::max<qint64>(0, expiry - margin - now);
    m_nextRefreshAt = QDateTime::fromMSecsSinceEpoch(now + delay, Qt::UTC);
    m_timer.start(std::chrono::milliseconds(delay));
}

void Session::refreshNow()
{
    if (isActive())
        startRefresh();
}

void Session::startRefresh()
{
    if (m_refreshing || !isActive())
        return;
    if (!m_strategy) {
        expire(Error(ErrorCode::SessionExpired, Tr::tr("This session cannot be renewed.")));
        return;
    }
    m_refreshing = true;
    m_timer.stop();
    const quint64 generation = m_generation;
    qCDebug(lcCoreAuth) << "refreshing the access token";
    m_strategy->refresh(m_tokens, this, [this, generation](Result<TokenSet> r) {
        refreshFinished(generation, std::move(r));
    });
}

void Session::refreshFinished(quint64 generation, Result<TokenSet> result)
{
    if (generation != m_generation)
        return; // signed out or restarted meanwhile
    m_refreshing = false;
    if (result) {
        TokenSet next = std::move(result).value();
        if (next.refreshToken.isEmpty())
            next.refreshToken = m_tokens.refreshToken;
        next.method = m_tokens.method;
        if (next.idToken.isEmpty())
            next.idToken = m_tokens.idToken;
        m_tokens = std::move(next);
        qCDebug(lcCoreAuth) << "access token refreshed, valid until" << m_tokens.accessExpiry;
        schedule();
        Q_EMIT tokensRefreshed();
        release(m_tokens.accessToken);
        return;
    }
    const Error &e = result.error();
    const bool transient = e.code == ErrorCode::Network || e.code == ErrorCode::Timeout;
    const qint64 left = m_tokens.accessExpiry.toMSecsSinceEpoch() - QDateTime::currentMSecsSinceEpoch();
    if (transient && left > NearExpiryMs) {
        qCWarning(lcCoreAuth) << "token refresh failed, will retry:" << e.message;
        const qint64 delay = std::min(RetryAfterMs, left / 2);
        m_nextRefreshAt = QDateTime::currentDateTimeUtc().addMSecs(delay);
        m_timer.start(std::chrono::milliseconds(delay));
        release(e); // the waiting requests fail with the network error; the session stays
        return;
    }
    expire(e);
}

void Session::expire(const Error &cause)
{
    Error error(ErrorCode::SessionExpired,
                Tr::tr("Your session has ended: the Controller refused to renew it. Sign in again."),
                cause.toString(), cause.httpStatus);
    qCWarning(lcCoreAuth) << "session expired:" << cause.message;
    clear();
    release(error);
    Q_EMIT sessionExpired(error);
}

void Session::release(const Result<QByteArray> &outcome)
{
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter &w : waiters) {
        if (w.context)
            w.done(outcome);
    }
}

void Session::clear()
{
    ++m_generation;
    m_refreshing = false;
    m_timer.stop();
    m_nextRefreshAt = {};
    m_tokens = TokenSet();
    m_strategy.reset();
}

void Session::signOut()
{
    if (isActive() && m_strategy)
        m_strategy->signOut(m_tokens);
    const bool wasActive = isActive();
    clear();
    release(Error(ErrorCode::Unauthorized, Tr::tr("Signed out.")));
    if (wasActive)
        Q_EMIT signedOut();
}

void Session::bearerToken(QObject *context, TokenCallback done)
{
    if (!isActive()) {
        done(Error(ErrorCode::Unauthorized, Tr::tr("Not signed in to this Controller.")));
        return;
    }
    const qint64 left = m_tokens.accessExpiry.toMSecsSinceEpoch() - QDateTime::currentMSecsSinceEpoch();
    if (left > NearExpiryMs && !m_refreshing) {
        done(m_tokens.accessToken);
        return;
    }
    // Expired (the timer did not fire, e.g. the machine slept) or a refresh is under way.
    m_waiters.append(Waiter{context, std::move(done)});
    startRefresh();
}

void Session::tokenRejected(const QByteArray &rejected, QObject *context, TokenCallback done)
{
    if (!isActive()) {
        done(Error(ErrorCode::SessionExpired,
                   Tr::tr("Your session has ended. Sign in again.")));
        return;
    }
    if (rejected != m_tokens.accessToken && !m_refreshing) {
        done(m_tokens.accessToken); // someone else refreshed meanwhile
        return;
    }
    m_waiters.append(Waiter{context, std::move(done)});
    startRefresh();
}

} // namespace Pot::Auth
