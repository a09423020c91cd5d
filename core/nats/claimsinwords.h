#pragma once

#include "core/nats/jwt.h"

#include <QList>
#include <QString>

#include <optional>

namespace Pot::Nats {

/// One line of "claims in words": grouped as `nsc describe` groups them. `warning` is non-empty
/// when nats-server would refuse or misread the value.
struct ClaimRow
{
    QString group;
    QString label;
    QString value;
    QString hint;
    QString warning;
};

/// Every claim of `jwt` in words (NATS claims by kind, generic JWTs key by key), unknown keys last
/// under "Other fields". `now` (Unix seconds) decides the validity row.
QList<ClaimRow> claimsInWords(const Jwt &jwt, qint64 now);

/// "2100-01-01 01:00:00 CET (2100-01-01 00:00:00 UTC)"; only the UTC form when local time is UTC.
QString formatUnixTime(qint64 seconds);
/// "1 GiB (1073741824 bytes)"; small values as plain bytes.
QString formatBytes(qint64 bytes);
/// A Go time.Duration in nanoseconds: "5 s", "250 ms", "5 µs".
QString formatNanos(qint64 nanos);
/// -1 → "Unlimited", absent or 0 → "none (0)", else the number (with units when `bytes`).
QString formatLimit(std::optional<qint64> value, bool bytes = false);

} // namespace Pot::Nats
