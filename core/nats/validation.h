#pragma once

#include "core/nats/claims.h"

#include <QList>
#include <QString>

namespace Pot::Nats {

/// One finding of nats-io/jwt v2.3.0's `Validate`, in words. nats-server 2.9.10 refuses an account
/// (ErrAccountValidation, "account validation failed") or a user ("User JWT no longer valid") as
/// soon as one issue is blocking; the others are warnings.
struct ValidationIssue
{
    QString text;
    bool blocking = true;
};

/// What `Validate` of jwt v2.3.0 finds in account and user claims (the exp/nbf time checks are
/// left to Jwt::timeState). Other claim kinds give no issues.
///
/// Account: imports (type, account, subject, local_subject renaming, share, activation token,
/// overlapping service imports), exports (type, response type, latency, threshold, subject,
/// account token position, info, one export containing another), limits (blank tier name, the
/// number of imports and exports and wildcard exports against `limits` read as Go reads them:
/// absent or null = 0, -1 = unlimited), default permissions, mappings, signing keys, description
/// and info_url; a self-signed account with limits is a warning.
/// User: permission subjects (empty, spaces, queue groups on pub), src CIDRs, time ranges, time
/// zone, issuer_account.
QList<ValidationIssue> validateClaims(const Claims &claims);

/// Go's Subject.Validate: not empty, no space. Exposed for the subject rules of other checks.
QList<ValidationIssue> validateSubject(const QString &subject);

/// Go's net.ParseCIDR: "address/prefix", IPv4 dotted quad without leading zeros or IPv6, prefix
/// 0..32 / 0..128.
bool isValidCidr(const QString &cidr);

/// Go's time.Parse("15:04:05", …): hour of one or two digits (0..23), two-digit minutes and
/// seconds (0..59), an optional fraction of a second.
bool isValidClockTime(const QString &text);

/// Go's time.LoadLocation on the server: "", "UTC", "Local" or an IANA zone name with a TZif file
/// in /usr/share/zoneinfo (where that folder exists; else Qt's zone database decides).
bool isKnownTimeZone(const QString &name);

} // namespace Pot::Nats
