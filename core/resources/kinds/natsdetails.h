#pragma once

#include "core/api/records.h"
#include "core/resources/detailrow.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Pot::Resources {

/// What the NATS kinds and the NATS page show of NATS objects, in words: pure functions of the
/// Controller's objects (tests call them directly). `now` is Unix seconds.
namespace NatsDetails {

/// Operator and hub (either may be absent).
QList<DetailRow> operatorRows(const std::optional<Api::NatsOperator> &op,
                              const std::optional<Api::NatsHub> &hub, qint64 now);
/// An account of GET /nats/accounts: name, kind, key and the claims of its JWT.
QList<DetailRow> accountRows(const QJsonObject &account, qint64 now);
/// What an account's own object does not say: the account rule behind it (`ruleName`, how it was
/// found in `ruleSource`; empty when unknown) and its users (of GET /nats/users).
QList<DetailRow> accountContextRows(const Api::NatsAccount &account, const QList<Api::NatsUser> &users,
                                    const QString &ruleName, const QString &ruleSource);
/// A user of GET /nats/users.
QList<DetailRow> userRows(const QJsonObject &user, qint64 now);
/// Rules of GET /nats/account-rules and /nats/user-rules, fields in words with the §5.5 flags.
QList<DetailRow> accountRuleRows(const QJsonObject &rule);
QList<DetailRow> userRuleRows(const QJsonObject &rule);

/// The requested expiry of a user JWT in seconds (0: none) and whether nats-server enforces it
/// (top-level exp) or not (the Controller's nats.exp).
struct Expiry
{
    qint64 seconds = 0;
    bool enforced = false;
};
Expiry userExpiry(const QJsonObject &jwtPayload);
/// The expiry of a user JWT text (none when it does not decode).
Expiry userExpiry(const QString &jwt);

/// Why a rule's resp.ttl looks like milliseconds (nats-server reads nanoseconds); empty if fine.
QString ttlWarning(qint64 ttl);
/// The account rule behind an account: the application's natsConfig.natsRule when known, the
/// built-in rule for system accounts, else the rule whose description the JWT carries.
QString findAccountRule(const Api::NatsAccount &account, const QList<Api::Application> &applications,
                        const QList<Api::NatsAccountRule> &rules, QString *source);

} // namespace NatsDetails

} // namespace Pot::Resources
