#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <QString>

// The dates things stop working on a control plane: its certificates and CAs, its NATS users'
// JWTs, provisioning keys the console made. Read from the Controller's lists (live or from a
// snapshot), sorted by date, and written as an iCalendar file a calendar application imports.
namespace Pot::Expiry {

enum class Kind { Certificate, CertificateAuthority, NatsUser, ProvisioningKey };

/// "certificate", "CA", "NATS user", "provisioning key".
QString kindName(Kind kind);

struct Item
{
    QString controlPlane;   ///< the profile's name
    Kind kind = Kind::Certificate;
    QString name;           ///< "mqtt-gateway-tls", "SYS / admin-hub"
    QDateTime starts;       ///< UTC; invalid when unknown
    QDateTime expires;      ///< UTC
    /// false for a NATS user whose expiry the Controller wrote into nats.exp, which nats-server
    /// ignores: the date is asked for, not enforced.
    bool enforced = true;
    bool fromSnapshot = false; ///< read from the last saved state, not live
    /// Identity across refreshes (control plane, kind, name, date): a notification or a calendar
    /// event is about this one date of this one thing.
    QString key() const;
    /// Share of its lifetime passed at `now` (0 … 1); 0 when the start is unknown.
    double lifetimeUsed(const QDateTime &now) const;
    /// Past `warnAt` of its lifetime, or within `days` days of its end (expired included).
    bool due(const QDateTime &now, int days, double warnAt = 0.8) const;
};

/// The certificates and CAs of GET /certificates (camelCase) or GET /certificates/expiring
/// (snake_case): one item each with a valid end date.
QList<Item> fromCertificates(const QJsonArray &certificates, const QString &controlPlane);
/// The users of GET /nats/users whose JWT has an expiry (top-level exp, or the Controller's
/// nats.exp, marked not enforced).
QList<Item> fromNatsUsers(const QJsonArray &users, const QString &controlPlane);
/// The provisioning keys the console minted (the Controller cannot list them, and asking for one
/// replaces the agent's last): [{agent, uuid, mintedAt, expirationTime}] in ms, no key in it.
QList<Item> fromProvisioningKeys(const QJsonArray &minted, const QString &controlPlane);

/// Sorted by date, then control plane and name.
void sortByDate(QList<Item> &items);

/// An iCalendar (RFC 5545) file with one all-day event per item on its end date, written by
/// libical: UID from key(), SUMMARY "<kind> <name> expires (<control plane>)", a reminder a week
/// before. `stamp` is DTSTAMP.
Result<QByteArray> toICalendar(const QList<Item> &items, const QDateTime &stamp);

} // namespace Pot::Expiry
