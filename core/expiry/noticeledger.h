#pragma once

#include "expiry.h"

#include <QDateTime>
#include <QHash>
#include <QString>

namespace Pot::Expiry {

/// Which expiry dates the user has been told about, so that a desktop notification comes once per
/// item (one date of one thing on one control plane, Item::key()) and not on every refresh or
/// start. Kept in a small owner-only JSON file (names and dates only, nothing secret); a renewed
/// certificate has a new date, hence a new key, and is told again when that date comes near.
class NoticeLedger final
{
public:
    /// `file` empty: kept in memory only.
    explicit NoticeLedger(QString file = {});

    /// The items of `due` not told before, in their order; they count as told from now on. Keys of
    /// dates more than a year past are forgotten so the file stays small.
    QList<Item> takeNew(const QList<Item> &due, const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// The file could not be read or written (the notices then still come once per run).
    QString problem() const { return m_problem; }

private:
    void load();
    void save();

    QString m_file;
    QHash<QString, QDateTime> m_told; ///< key → the date it is about
    QString m_problem;
};

} // namespace Pot::Expiry
