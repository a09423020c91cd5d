#pragma once

#include "models/detailsmodel.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Pot::Models {

/// The detail rows of the NATS page: pure functions of Controller objects (tests call them
/// directly). `now` is Unix seconds.
struct NatsDetails
{
    Q_DECLARE_TR_FUNCTIONS(NatsDetails)

public:
    /// Operator {name, publicKey, jwt} and hub {host, serverPort, …} (either may be empty).
    static QList<DetailRow> operatorRows(const QJsonObject &op, const QJsonObject &hub, qint64 now);
    /// An account of GET /nats/accounts, its users (objects of GET /nats/users) and the account
    /// rule behind it (`ruleName` with how it was found in `ruleSource`; empty when unknown).
    static QList<DetailRow> accountRows(const QJsonObject &account, const QList<QJsonObject> &users,
                                        const QString &ruleName, const QString &ruleSource,
                                        qint64 now);
    /// A user of GET /nats/users (or of an account's user list).
    static QList<DetailRow> userRows(const QJsonObject &user, qint64 now);
    /// Rules of GET /nats/account-rules and /nats/user-rules, fields in words with the §5.5 flags.
    static QList<DetailRow> accountRuleRows(const QJsonObject &rule);
    static QList<DetailRow> userRuleRows(const QJsonObject &rule);

    /// The requested expiry of a user JWT in seconds (0: none) and whether nats-server enforces it
    /// (top-level exp) or not (the Controller's nats.exp).
    struct Expiry
    {
        qint64 seconds = 0;
        bool enforced = false;
    };
    static Expiry userExpiry(const QJsonObject &jwtPayload);

    /// Why a rule's resp.ttl looks like milliseconds (nats-server reads nanoseconds); empty if fine.
    static QString ttlWarning(qint64 ttl);
    /// The account rule behind an account: the application's natsConfig.natsRule when known, the
    /// built-in rule for system accounts, else the rule whose description the JWT carries.
    static QString findAccountRule(const QJsonObject &account, const QList<QJsonObject> &applications,
                                   const QList<QJsonObject> &rules, QString *source);
};

} // namespace Pot::Models
