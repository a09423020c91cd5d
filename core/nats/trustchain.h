#pragma once

#include "core/nats/jwt.h"

#include <QList>
#include <QMap>
#include <QString>

namespace Pot::Nats {

/// One step of a trust decision, in words.
struct TrustReason
{
    enum class Verdict { Pass, Fail, Note };
    Verdict verdict = Verdict::Pass;
    QString text;
};

/// The outcome of a trust check: trusted or not, and every step that led there.
struct TrustDecision
{
    bool trusted = false;
    QList<TrustReason> reasons;

    /// Texts of the failed steps (empty when trusted).
    QStringList failures() const;
    /// One line per step, prefixed "ok", "FAIL" or "note".
    QStringList lines() const;
};

/// Decides trust the way nats-server 2.9.10 does in operator mode (nats-jwt.md §5–§6): the operator
/// JWT is the trust anchor, account JWTs must be issued by the operator identity (unless
/// strict_signing_key_usage) or one of its signing keys, user JWTs by their account's identity
/// (unless the operator is strict) or signing keys (issuer_account required for signing keys),
/// then scopes, bearer rules, connection types, times and revocations. Every account and user
/// must also decode the way Go decodes it (Claims::decodeProblems) and pass nats-io/jwt v2.3.0's
/// Validate (validateClaims: limits read as Go reads them, null = 0, -1 = unlimited); an account
/// whose limits.conn admits no client fails too. Only the JWT side is checked here; nonce
/// signatures, the src and times windows and the connection type are decided at connect time.
class TrustChain final
{
public:
    explicit TrustChain(Jwt operatorJwt);

    /// Makes an account JWT known (keyed by its subject), like resolver_preload. Only account JWTs
    /// are accepted; trust is decided later.
    Status addAccount(const Jwt &account);

    const Jwt &operatorJwt() const { return m_operator; }
    /// A known account JWT by public key, or nullptr.
    const Jwt *account(const QString &publicKey) const;

    TrustDecision checkOperator(qint64 now) const;
    TrustDecision checkAccount(const Jwt &account, qint64 now) const;
    TrustDecision checkUser(const Jwt &user, qint64 now) const;
    /// Dispatches on the claim kind of `jwt`.
    TrustDecision check(const Jwt &jwt, qint64 now) const;

private:
    void addTimeReasons(const Jwt &jwt, const QString &what, qint64 now, TrustDecision &d) const;

    Jwt m_operator;
    QMap<QString, Jwt> m_accounts;
};

} // namespace Pot::Nats
