#pragma once

#include <QCoreApplication>
#include <QString>

namespace Pot {

/// Times and durations as the views show them. Times are ms since the epoch; 0 or less means
/// "never" and gives an empty string.
struct TimeText
{
    Q_DECLARE_TR_FUNCTIONS(TimeText)

public:
    /// "just now", "42 s ago", "5 min ago", "3 h ago", "2 days ago", "in 4 min".
    static QString relative(qint64 whenMs, qint64 nowMs);
    /// Local date and time to the second, e.g. "2026-11-23 14:02:11".
    static QString exact(qint64 whenMs);
    /// "3 d 4 h", "5 h 12 min", "4 min 3 s", "12 s".
    static QString duration(qint64 ms);
    /// An ISO-8601 string from the Controller as ms since the epoch; 0 when it is not a time.
    static qint64 parseIso(const QString &iso);
};

} // namespace Pot
