#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonValue>
#include <QString>
#include <QUuid>

namespace Pot::Profiles {

/// One saved answer of a control plane.
struct Snapshot
{
    QByteArray body;   ///< JSON as the Controller sent it, minus secret material
    QDateTime savedAt; ///< when it was read from the Controller (UTC)
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
    Result<Snapshot> load(const QUuid &profile, const QString &name) const;
    /// Removes every snapshot of a profile (profile removed).
    void remove(const QUuid &profile) const;

private:
    QString pathFor(const QUuid &profile, const QString &name) const;

    QString m_root;
};

/// Keys whose values are secret material wherever they appear in a Controller answer.
bool isSecretKey(QStringView key);
/// A copy of `value` with every secret key removed (recursively).
QJsonValue withoutSecrets(const QJsonValue &value);

} // namespace Pot::Profiles
