#include "trustchain.h"

#include "core/nats/validation.h"
#include "core/tr.h"

#include <QDateTime>
#include <QRegularExpression>

#include <tuple>

namespace Pot::Nats {

namespace {

using Verdict = TrustReason::Verdict;

void pass(TrustDecision &d, const QString &text)
{
    d.reasons.append(TrustReason{Verdict::Pass, text});
}

void fail(TrustDecision &d, const QString &text)
{
    d.reasons.append(TrustReason{Verdict::Fail, text});
}

void note(TrustDecision &d, const QString &text)
{
    d.reasons.append(TrustReason{Verdict::Note, text});
}

QString utc(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(u"yyyy-MM-dd HH:mm:ss 'UTC'");
}

QString shortKey(const QString &key)
{
    return key.size() > 12 ? key.left(8) + u'…' + key.right(4) : key;
}

QString label(const Jwt &jwt)
{
    const QString name = jwt.standard().name;
    return name.isEmpty() ? shortKey(jwt.standard().subject)
                          : u'"' + name + u"\" (" + shortKey(jwt.standard().subject) + u')';
}

/// Signature, issuer kind and subject kind: what jwt.Decode*Claims enforces.
bool checkToken(const Jwt &jwt, ClaimKind expected, const QString &what, TrustDecision &d)
{
    if (jwt.kind() != expected) {
        fail(d, Tr::tr("The %1 JWT is a %2 JWT, not a %1 JWT.")
                    .arg(claimKindName(expected), claimKindName(jwt.kind())));
        return false;
    }
    if (const Status s = jwt.verifySignature(); !s) {
        fail(d, Tr::tr("%1 %2: %3").arg(what, label(jwt), s.error().message));
        return false;
    }
    pass(d, Tr::tr("%1 %2: the signature verifies with its issuer key %3.")
                .arg(what, label(jwt), shortKey(jwt.standard().issuer)));
    if (const Status k = jwt.checkKinds(); !k) {
        fail(d, Tr::tr("%1 %2: %3").arg(what, label(jwt), k.error().message));
        return false;
    }
    // Readable here, but not by nats-server's decoder (nats-io/jwt v2.3.0 on Go's encoding/json).
    for (const QString &problem : jwt.claims().decodeProblems)
        fail(d, Tr::tr("%1 %2: nats-server cannot decode this JWT: %3").arg(what, label(jwt), problem));
    return jwt.claims().decodeProblems.isEmpty();
}

/// jwt v2.3.0 Validate of an account or user: blocking issues fail, warnings are notes.
void addValidationReasons(const Jwt &jwt, const QString &failPrefix, const QString &what,
                          TrustDecision &d)
{
    const QList<ValidationIssue> issues = validateClaims(jwt.claims());
    bool blocked = false;
    for (const ValidationIssue &issue : issues) {
        if (issue.blocking) {
            blocked = true;
            fail(d, failPrefix + issue.text + u'.');
        } else {
            note(d, Tr::tr("%1 %2: nats-server warns: %3.").arg(what, label(jwt), issue.text));
        }
    }
    if (!blocked)
        pass(d, Tr::tr("%1 %2 passes nats-server's claim validation.").arg(what, label(jwt)));
}

/// What nats-server does with an account's connection limits (limits read as Go reads them:
/// absent or null = 0, -1 = unlimited): conn other than -1 and at most 0 refuses every client
/// ("maximum account active connections exceeded"); the other zeros are warnings.
void addLimitReasons(const Jwt &account, TrustDecision &d)
{
    const AccountLimits &l = account.claims().account.limits;
    const auto shown = [](std::optional<qint64> v) {
        return v ? QString::number(*v) : Tr::tr("null, read as 0");
    };
    const qint64 conn = l.conn.value_or(0);
    if (conn != -1 && conn <= 0)
        fail(d, Tr::tr("Account %1 allows no client connections (limits.conn is %2; only -1 means "
                       "unlimited): nats-server accepts the account but refuses every user of it "
                       "(maximum account active connections exceeded).")
                    .arg(label(account), shown(l.conn)));
    const qint64 leaf = l.leaf.value_or(0);
    if (leaf != -1 && leaf <= 0)
        note(d, Tr::tr("Account %1 allows no leaf node connections (limits.leaf is %2).")
                    .arg(label(account), shown(l.leaf)));
    if (l.nats.payload.value_or(0) == 0)
        note(d, Tr::tr("Account %1 has limits.payload %2: clients connect, but every publish with a "
                       "payload fails (maximum payload exceeded).")
                    .arg(label(account), shown(l.nats.payload)));
    if (l.nats.subs.value_or(0) == 0)
        note(d, Tr::tr("Account %1 has limits.subs %2: clients connect, but every subscription fails "
                       "(maximum subscriptions exceeded).")
                    .arg(label(account), shown(l.nats.subs)));
}

} // namespace

QStringList TrustDecision::failures() const
{
    QStringList out;
    for (const TrustReason &r : reasons) {
        if (r.verdict == Verdict::Fail)
            out.append(r.text);
    }
    return out;
}

QStringList TrustDecision::lines() const
{
    QStringList out;
    for (const TrustReason &r : reasons) {
        const QString tag = r.verdict == Verdict::Pass ? QStringLiteral("ok  ")
                            : r.verdict == Verdict::Fail ? QStringLiteral("FAIL")
                                                         : QStringLiteral("note");
        out.append(tag + u' ' + r.text);
    }
    return out;
}

TrustChain::TrustChain(Jwt operatorJwt)
    : m_operator(std::move(operatorJwt))
{}

Status TrustChain::addAccount(const Jwt &account)
{
    if (account.kind() != ClaimKind::Account)
        return Error(ErrorCode::InvalidInput,
                     Tr::tr("Expected an account JWT, got a %1 JWT.").arg(claimKindName(account.kind())));
    m_accounts.insert(account.standard().subject, account);
    return {};
}

const Jwt *TrustChain::account(const QString &publicKey) const
{
    const auto it = m_accounts.constFind(publicKey);
    return it == m_accounts.constEnd() ? nullptr : &it.value();
}

void TrustChain::addTimeReasons(const Jwt &jwt, const QString &what, qint64 now, TrustDecision &d) const
{
    switch (jwt.timeState(now)) {
    case TimeState::Expired:
        fail(d, Tr::tr("%1 %2 is no longer valid: the claim is expired (exp %3).")
                    .arg(what, label(jwt), utc(jwt.standard().expires)));
        break;
    case TimeState::NotYetValid:
        fail(d, Tr::tr("%1 %2 is not yet valid (nbf %3).")
                    .arg(what, label(jwt), utc(jwt.standard().notBefore)));
        break;
    case TimeState::Valid:
        pass(d, jwt.standard().expires > 0
                    ? Tr::tr("%1 %2 is within its validity (expires %3).")
                          .arg(what, label(jwt), utc(jwt.standard().expires))
                    : Tr::tr("%1 %2 does not expire.").arg(what, label(jwt)));
        break;
    }
}

TrustDecision TrustChain::checkOperator(qint64 now) const
{
    TrustDecision d;
    const QString what = Tr::tr("Operator");
    if (!checkToken(m_operator, ClaimKind::Operator, what, d))
        return d;
    if (m_operator.standard().issuer == m_operator.standard().subject)
        pass(d, Tr::tr("The operator JWT is self-signed, as nsc writes it."));
    else
        note(d, Tr::tr("The operator JWT is signed by another operator key %1.")
                    .arg(shortKey(m_operator.standard().issuer)));
    for (const QString &key : m_operator.claims().op.signingKeys) {
        if (!isValidPublicKey(QByteArrayView(key.toLatin1()), KeyKind::Operator))
            fail(d, Tr::tr("Operator signing key %1 is not a valid operator (O…) key.").arg(key));
    }
    // nats-server 2.9.10 does not start with an operator that asserts a newer or unparsable
    // version (validateTrustedOperators, jwt.ParseServerVersion: three whole numbers, none negative).
    if (const QString &asserted = m_operator.claims().op.assertServerVersion; !asserted.isEmpty()) {
        static const QRegularExpression number(QStringLiteral("^[+-]?[0-9]{1,18}$"));
        const QStringList parts = asserted.split(u'.');
        bool parsed = parts.size() == 3;
        QList<qint64> v;
        for (const QString &part : parts) {
            parsed = parsed && number.match(part).hasMatch() && part.toLongLong() >= 0;
            v.append(part.toLongLong());
        }
        if (!parsed)
            fail(d, Tr::tr("The operator asserts server version \"%1\", which is not <major>.<minor>.<update>: "
                           "nats-server does not start with it.")
                        .arg(asserted));
        else if (std::make_tuple(v.at(0), v.at(1), v.at(2)) > std::make_tuple(qint64(2), qint64(9), qint64(10)))
            fail(d, Tr::tr("The operator asserts server version %1, newer than nats-server 2.9.10, which then "
                           "does not start.")
                        .arg(asserted));
    }
    addTimeReasons(m_operator, what, now, d);
    d.trusted = d.failures().isEmpty();
    return d;
}

TrustDecision TrustChain::checkAccount(const Jwt &account, qint64 now) const
{
    TrustDecision d = checkOperator(now);
    if (!d.trusted)
        return d;
    const QString what = Tr::tr("Account");
    if (!checkToken(account, ClaimKind::Account, what, d)) {
        d.trusted = false;
        return d;
    }
    const OperatorClaims &op = m_operator.claims().op;
    const QString &iss = account.standard().issuer;
    if (iss == account.standard().subject) {
        fail(d, Tr::tr("Account %1 is self-signed; nats-server only trusts account JWTs issued by "
                       "the operator or its signing keys.")
                    .arg(label(account)));
    } else if (iss == m_operator.standard().subject) {
        if (op.strictSigningKeyUsage)
            fail(d, Tr::tr("Account %1 is signed by the operator identity key, but the operator sets "
                           "strict_signing_key_usage: only its signing keys may issue accounts.")
                        .arg(label(account)));
        else
            pass(d, Tr::tr("Account %1 is issued by the operator identity key.").arg(label(account)));
    } else if (op.signingKeys.contains(iss)) {
        pass(d, Tr::tr("Account %1 is issued by operator signing key %2.")
                    .arg(label(account), shortKey(iss)));
    } else {
        fail(d, Tr::tr("Account %1 is issued by %2, which is neither the operator %3 nor one of its "
                       "signing keys (the issuer is not trusted).")
                    .arg(label(account), shortKey(iss), label(m_operator)));
    }
    addTimeReasons(account, what, now, d);
    addValidationReasons(account,
                         Tr::tr("Account %1 fails nats-server's account validation (\"account "
                                "validation failed\"), so every user of it is refused: ")
                             .arg(label(account)),
                         what, d);
    addLimitReasons(account, d);
    d.trusted = d.failures().isEmpty();
    return d;
}

TrustDecision TrustChain::checkUser(const Jwt &user, qint64 now) const
{
    TrustDecision d;
    const QString what = Tr::tr("User");
    if (!checkToken(user, ClaimKind::User, what, d))
        return d;
    addTimeReasons(user, what, now, d);
    addValidationReasons(user,
                         Tr::tr("User %1 fails nats-server's validation (\"User JWT no longer "
                                "valid\"): ")
                             .arg(label(user)),
                         what, d);

    // nats-server looks the account up by issuer_account, else by iss.
    const UserClaims &uc = user.claims().user;
    const QString &iss = user.standard().issuer;
    const QString accountKey = uc.issuerAccount.isEmpty() ? iss : uc.issuerAccount;
    const Jwt *acc = account(accountKey);
    if (!acc) {
        if (uc.issuerAccount.isEmpty()) {
            for (const Jwt &a : m_accounts) {
                if (a.claims().account.signingKey(iss)) {
                    fail(d, Tr::tr("User JWT issuer is not known: it is signed by a signing key of "
                                   "account %1 but has no issuer_account, so nats-server looks for an "
                                   "account named after the signing key.")
                                .arg(label(a)));
                    return d;
                }
            }
        }
        fail(d, Tr::tr("User JWT issuer is not known: no account JWT for %1 was given.")
                    .arg(shortKey(accountKey)));
        return d;
    }

    const TrustDecision accountDecision = checkAccount(*acc, now);
    d.reasons += accountDecision.reasons;
    if (!accountDecision.trusted)
        return d;

    const AccountClaims &ac = acc->claims().account;
    const SigningKey *signingKey = nullptr;
    if (iss == acc->standard().subject && m_operator.claims().op.strictSigningKeyUsage) {
        fail(d, Tr::tr("User JWT issuer is not known: user %1 is signed by the identity key of account "
                       "%2, but the operator sets strict_signing_key_usage, so nats-server accepts "
                       "only the account's signing keys.")
                    .arg(label(user), label(*acc)));
        return d;
    } else if (iss == acc->standard().subject) {
        pass(d, Tr::tr("User %1 is issued by the account identity key.").arg(label(user)));
        if (!uc.issuerAccount.isEmpty())
            note(d, Tr::tr("issuer_account is set although the account key itself signed."));
    } else if ((signingKey = ac.signingKey(iss))) {
        if (uc.issuerAccount.isEmpty()) {
            fail(d, Tr::tr("User JWT issuer is not known: signed by account signing key %1 without "
                           "issuer_account.")
                        .arg(shortKey(iss)));
            return d;
        }
        pass(d, Tr::tr("User %1 is issued by signing key %2 of account %3 (issuer_account).")
                    .arg(label(user), shortKey(iss), label(*acc)));
    } else {
        fail(d, Tr::tr("User JWT issuer is not known: %1 is neither account %2 nor one of its "
                       "signing keys.")
                    .arg(shortKey(iss), label(*acc)));
        return d;
    }

    if (signingKey && signingKey->scoped) {
        if (!uc.permissions.isEmpty())
            fail(d, Tr::tr("User %1 is signed by scoped signing key %2 (role \"%3\") but carries its "
                           "own permissions or limits; users of a scoped key must have none.")
                        .arg(label(user), shortKey(iss), signingKey->role));
        else
            pass(d, Tr::tr("Scoped signing key %1: the user gets the permissions of role \"%2\".")
                        .arg(shortKey(iss), signingKey->role));
    }

    if (uc.permissions.bearerToken) {
        if (ac.limits.disallowBearer)
            fail(d, Tr::tr("User %1 is a bearer token, but account %2 disallows bearer tokens.")
                        .arg(label(user), label(*acc)));
        else
            note(d, Tr::tr("Bearer token: the server accepts the JWT without a nonce signature."));
    }

    // nats-server 2.9.10 knows these connection types (upper-cased); a list with none of them
    // admits no one, a list without STANDARD admits no plain client.
    const QStringList &types = uc.permissions.allowedConnectionTypes;
    if (!types.isEmpty()) {
        static const QStringList known = {u"STANDARD"_qs, u"WEBSOCKET"_qs, u"LEAFNODE"_qs,
                                          u"LEAFNODE_WS"_qs, u"MQTT"_qs, u"MQTT_WS"_qs};
        QStringList valid;
        for (const QString &t : types) {
            if (known.contains(t.toUpper()))
                valid.append(t.toUpper());
        }
        if (valid.isEmpty())
            fail(d, Tr::tr("User %1 allows only connection types nats-server 2.9.10 does not know (%2), "
                           "so it accepts the user on no connection.")
                        .arg(label(user), types.join(u", ")));
        else if (!valid.contains(u"STANDARD"))
            note(d, Tr::tr("User %1 may connect only as %2, not as a plain NATS client (STANDARD).")
                        .arg(label(user), valid.join(u", ")));
    }

    const QString &sub = user.standard().subject;
    const qint64 iat = user.standard().issuedAt;
    bool revoked = false;
    for (const QString &key : {sub, QStringLiteral("*")}) {
        const auto it = ac.revocations.constFind(key);
        if (it != ac.revocations.constEnd() && it.value() >= iat) {
            revoked = true;
            fail(d, key == u"*"
                        ? Tr::tr("User authentication revoked: account %1 revokes every user JWT "
                                 "issued at or before %2 (this one: %3).")
                              .arg(label(*acc), utc(it.value()), utc(iat))
                        : Tr::tr("User authentication revoked: account %1 revoked %2 at %3, and this "
                                 "JWT was issued at %4.")
                              .arg(label(*acc), shortKey(sub), utc(it.value()), utc(iat)));
        } else if (it != ac.revocations.constEnd()) {
            note(d, Tr::tr("A revocation of %1 at %2 predates this JWT (issued %3); it does not apply.")
                        .arg(key == u"*" ? Tr::tr("all users") : shortKey(sub), utc(it.value()), utc(iat)));
        }
    }
    if (!revoked)
        pass(d, Tr::tr("User %1 is not revoked.").arg(label(user)));

    d.trusted = d.failures().isEmpty();
    return d;
}

TrustDecision TrustChain::check(const Jwt &jwt, qint64 now) const
{
    switch (jwt.kind()) {
    case ClaimKind::Operator: {
        if (jwt.token() != m_operator.token()) {
            TrustDecision d;
            fail(d, Tr::tr("An operator JWT is a trust anchor; it is not checked against another operator."));
            return d;
        }
        return checkOperator(now);
    }
    case ClaimKind::Account:
        return checkAccount(jwt, now);
    case ClaimKind::User:
        return checkUser(jwt, now);
    default: {
        TrustDecision d;
        fail(d, Tr::tr("Trust chains are decided for account and user JWTs, not %1 JWTs.")
                    .arg(claimKindName(jwt.kind())));
        return d;
    }
    }
}

} // namespace Pot::Nats
