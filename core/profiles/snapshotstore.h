#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonValue>
#include <QString>
#include <QUuid>

#include <functional>
#include <memory>

class QFile;
class QSaveFile;

namespace Pot::Profiles {

/// One saved answer of a control plane.
struct Snapshot
{
    QByteArray body;   ///< JSON as the Controller sent it, minus secret material
    QDateTime savedAt; ///< when it was read from the Controller (UTC)
    /// When set, `body` is raw data inside this mapped file, valid while the file is kept.
    std::shared_ptr<QFile> mapping;
    /// Bytes readable after the end of `body` (for the JSON reader's padding); -1: what `body`
    /// owns.
    qsizetype spare = -1;
};

/// The last state read from each control plane, kept on disk so the console opens at once and can
/// be browsed offline. One JSON file per profile and list under `root/<profile id>/<name>.json`,
/// owner-only. Secret material (seeds, private keys, creds, provisioning keys, tokens) is removed
/// before anything is written. Thread-safe: refreshes save from worker threads.
class SnapshotStore final
{
public:
    /// `root` empty: the application's local data folder + "/snapshots".
    explicit SnapshotStore(QString root = {});

    QString root() const { return m_root; }
    Status save(const QUuid &profile, const QString &name, const QByteArray &json,
                const QDateTime &at = QDateTime::currentDateTimeUtc()) const;
    /// Same, for an answer already parsed (saves parsing a large list twice).
    Status save(const QUuid &profile, const QString &name, const QJsonValue &json,
                const QDateTime &at = QDateTime::currentDateTimeUtc()) const;
    /// Same, for a list answer: only the array under `arrayKey` (the top-level array when empty)
    /// is kept, written element by element so that a 30 MB answer is never one parsed tree.
    /// Falls back to save() when the answer has no such array.
    Status saveList(const QUuid &profile, const QString &name, const QByteArray &json,
                    const QString &arrayKey,
                    const QDateTime &at = QDateTime::currentDateTimeUtc()) const;
    Result<Snapshot> load(const QUuid &profile, const QString &name) const;
    /// Removes every snapshot of a profile (profile removed).
    void remove(const QUuid &profile) const;

private:
    QString pathFor(const QUuid &profile, const QString &name) const;
    /// Opens the snapshot file owner-only, lets `write` fill it and commits it; nothing replaces
    /// the previous file when `write` fails.
    Status writeFile(const QUuid &profile, const QString &name,
                     const std::function<Status(QSaveFile &)> &write) const;

    QString m_root;
};

/// Keys whose values are secret material wherever they appear in a Controller answer.
bool isSecretKey(QStringView key);
/// A copy of `value` with every secret key removed (recursively).
QJsonValue withoutSecrets(const QJsonValue &value);

} // namespace Pot::Profiles
