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
    m_clock.start();
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
    m_lastStartMs = -1; // fresh tokens from a sign-in: the rate limit starts again
    qCDebug(lcCoreAuth) << "session started, access token valid until" << m_tokens.accessExpiry;
    schedule();
    release(m_tokens.accessToken); // requests that waited for a token go on with the new one
}

qint64 Session::serverNowMs() const
{
    // Token times are already on the local clock (corrected by TokenSet::clockSkewMs).
    return QDateTime::currentMSecsSinceEpoch();
}

qint64 Session::msUntilAllowed() const
{
    if (m_lastStartMs < 0)
        return 0;
    // The interval doubles with each failure in a row: 10 s, 20 s, 40 s … up to maxBackoff.
    qint64 interval = m_limits.minInterval.count();
    for (int i = 0; i < std::min(m_failures + m_expiredOnArrival, 16) && interval < m_limits.maxBackoff.count(); ++i)
        interval *= 2;
    interval = std::min<qint64>(interval, std::max(m_limits.minInterval, m_limits.maxBackoff).count());
    return std::max<qint64>(0, m_lastStartMs + interval - m_clock.elapsed());
}

void Session::scheduleIn(qint64 delayMs)
{
    const qint64 delay = std::max(delayMs, msUntilAllowed());
    m_nextRefreshAt = QDateTime::currentDateTimeUtc().addMSecs(delay);
    m_timer.start(std::chrono::milliseconds(delay));
}

void Session::schedule()
{
    if (!isActive() || !m_tokens.accessExpiry.isValid())
        return;
    const qint64 now = serverNowMs();
    const qint64 expiry = m_tokens.accessExpiry.toMSecsSinceEpoch();
    const qint64 issued = m_tokens.accessIssuedAt.isValid()
                              ? m_tokens.accessIssuedAt.toMSecsSinceEpoch()
                              : now;
    const qint64 lifetime = std::max<qint64>(0, expiry - issued);
    const qint64 margin = std::min<qint64>(
        std::chrono::duration_cast<std::chrono::milliseconds>(MaxRefreshMargin).count(),
        lifetime / 5);
    scheduleIn(std::max<qint64>(0, expiry - margin - now));
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
    if (const qint64 wait = msUntilAllowed(); wait > 0) {
        // Too soon after the last attempt: the waiters wait for the timer, nothing is sent now.
        if (!m_timer.isActive() || m_timer.remainingTime() > wait)
            scheduleIn(wait);
        return;
    }
    m_refreshing = true;
    m_timer.stop();
    m_lastStartMs = m_clock.elapsed();
    ++m_attempts;
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
        m_failures = 0;
        const qint64 left = m_tokens.accessExpiry.isValid()
                                ? m_tokens.accessExpiry.toMSecsSinceEpoch() - serverNowMs()
                                : NearExpiryMs + 1;
        if (left <= NearExpiryMs) {
            // Already expired on arrival: a clock far off, or an identity provider that is broken.
            // Refreshing again at once would only loop; wait, and give up after a few.
            ++m_expiredOnArrival;
            qCWarning(lcCoreAuth) << "refreshed access token already expired, attempt"
                                  << m_expiredOnArrival;
            if (m_expiredOnArrival >= m_limits.maxExpiredOnArrival) {
                expire(Error(ErrorCode::SessionExpired,
                             Tr::tr("Signed out: the Controller keeps issuing access tokens that "
                                    "have already expired (the last one expired at %1, it is now "
                                    "%2). Check the clocks of the Controller and of its identity "
                                    "provider, then sign in again.")
                                 .arg(m_tokens.accessExpiry.toUTC().toString(Qt::ISODate),
                                      QDateTime::fromMSecsSinceEpoch(serverNowMs(), Qt::UTC)
                                          .toString(Qt::ISODate))),
                       true);
                return;
            }
            scheduleIn(0);
        } else {
            m_expiredOnArrival = 0;
            schedule();
        }
        qCDebug(lcCoreAuth) << "access token refreshed, valid until" << m_tokens.accessExpiry;
        Q_EMIT tokensRefreshed();
        release(m_tokens.accessToken);
        return;
    }
    const Error &e = result.error();
    const bool transient = e.code == ErrorCode::Network || e.code == ErrorCode::Timeout;
    const qint64 left = m_tokens.accessExpiry.toMSecsSinceEpoch() - serverNowMs();
    if (transient && left > NearExpiryMs) {
        ++m_failures;
        qCWarning(lcCoreAuth) << "token refresh failed, will retry:" << e.message;
        // Back off, but retry while the token is still valid: a retry after expiry that fails on
        // the network again would end the session.
        const qint64 backedOff = std::max(std::min(RetryAfterMs, left / 2), msUntilAllowed());
        const qint64 delay = std::min(backedOff, std::max<qint64>(0, left - NearExpiryMs));
        m_nextRefreshAt = QDateTime::currentDateTimeUtc().addMSecs(delay);
        m_timer.start(std::chrono::milliseconds(delay));
        release(e); // the waiting requests fail with the network error; the session stays
        return;
    }
    expire(e);
}

void Session::expire(const Error &cause, bool causeIsMessage)
{
    Error error = causeIsMessage
                      ? cause
                      : Error(ErrorCode::SessionExpired,
                              Tr::tr("Your session has ended: the Controller refused to renew it. "
                                     "Sign in again."),
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
    m_failures = 0;
    m_expiredOnArrival = 0;
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
    const qint64 left = m_tokens.accessExpiry.toMSecsSinceEpoch() - serverNowMs();
    if ((left > NearExpiryMs || m_expiredOnArrival > 0) && !m_refreshing) {
        // A token that came back expired is still offered: the Controller decides, and a refusal
        // comes back through tokenRejected(), which the rate limit holds.
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
