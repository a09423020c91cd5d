#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace Pot::Manifest {

/// `text` with the values of every Secret document's `data` (and `stringData`) removed: keys stay,
/// values become null, so the text still shows which keys there were but can never be applied as
/// is (a null value is refused by the checks). Text that cannot be read while it mentions a Secret
/// is refused: nothing secret may slip through a half-typed document. `removed` tells whether any
/// value was dropped.
Result<QByteArray> withoutSecretValues(const QByteArray &text, bool *removed = nullptr);

/// One draft: what the user typed in an editor, kept until it is applied or discarded.
struct Draft
{
    QString key;      ///< what is being edited ("NatsAccountRule/foo", "new/<uuid>")
    QByteArray text;
    QDateTime savedAt;
};

/// Drafts of the manifest editors on disk, so that a crash, a failed apply or a lost connection
/// loses nothing typed. One owner-only file per profile and key under `root/<profile>/`; Secret
/// values are never written (withoutSecretValues).
class DraftStore final
{
public:
    /// `root` empty: the application's local data folder + "/drafts".
    explicit DraftStore(QString root = {});

    QString root() const { return m_root; }
    Status save(const QUuid &profile, const QString &key, const QByteArray &text) const;
    std::optional<Draft> load(const QUuid &profile, const QString &key) const;
    /// Every draft of the profile, newest first.
    QList<Draft> list(const QUuid &profile) const;
    void remove(const QUuid &profile, const QString &key) const;

private:
    QString fileFor(const QUuid &profile, const QString &key) const;
    QString m_root;
};

/// One saved state of an object, taken before an apply changed it.
struct HistoryEntry
{
    QString id;       ///< unique within the profile (file name without extension)
    QDateTime at;     ///< when it was saved (UTC)
    QString kind;
    QString name;
    QString note;     ///< what was about to happen ("before apply of nats-rules.yaml")
};

/// Local history per control plane: before each apply the live YAML of every object it touches is
/// kept (owner-only, Secret values never), so that the change can be compared with what is live now
/// and reverted. `root/<profile>/<time>-<kind>-<name>.yaml` with a header line; at most
/// `keepPerObject` entries per object (the oldest go).
class HistoryStore final
{
public:
    explicit HistoryStore(QString root = {}, int keepPerObject = 50);

    QString root() const { return m_root; }
    Result<HistoryEntry> record(const QUuid &profile, const QString &kind, const QString &name,
                                const QByteArray &yaml, const QString &note,
                                const QDateTime &at = QDateTime::currentDateTimeUtc()) const;
    /// Newest first; `kind`/`name` filter when given.
    QList<HistoryEntry> entries(const QUuid &profile, const QString &kind = {}, const QString &name = {}) const;
    /// The YAML kept in entry `id`.
    Result<QByteArray> read(const QUuid &profile, const QString &id) const;
    void remove(const QUuid &profile) const;

private:
    QString m_root;
    int m_keep;
};

} // namespace Pot::Manifest
