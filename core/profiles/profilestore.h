#pragma once

#include "core/profiles/profile.h"
#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QUuid>

#include <memory>
#include <optional>

class QLockFile;

namespace Pot::Profiles {

/// The user's control-plane profiles, kept in a human-readable YAML file (`profiles.yaml` in the
/// platform config directory). The file never holds a secret: passwords and tokens live in a
/// SecretStore under SecretKeys. Every change is validated and saved atomically (mode 0600) before it
/// becomes visible; a failed save leaves the store unchanged.
class ProfileStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileStore)

public:
    /// Uses defaultFilePath().
    explicit ProfileStore(QObject *parent = nullptr);
    /// Uses `filePath` (tests, portable installs).
    explicit ProfileStore(QString filePath, QObject *parent = nullptr);
    ~ProfileStore() override;

    /// QStandardPaths::AppConfigLocation + "/profiles.yaml".
    static QString defaultFilePath();
    QString filePath() const { return m_filePath; }

    /// Reads the file. A missing file is an empty list. A file that cannot be used (bad YAML, invalid
    /// profile, newer format) is copied to a ".bak" file first, the list is left empty, and the error
    /// names the line and column and where the copy is (backupPath()).
    Status load();
    /// The copy made by the last load() of a file that could not be used; empty otherwise.
    QString backupPath() const { return m_backupPath; }

    const QList<Profile> &profiles() const { return m_profiles; }
    int count() const { return int(m_profiles.size()); }
    int indexOf(const QUuid &id) const;
    std::optional<Profile> findById(const QUuid &id) const;
    /// Names compare without regard to case or surrounding spaces.
    std::optional<Profile> findByName(const QString &name) const;
    /// `base` if it is free, else "base (2)", "base (3)", ... (for imports).
    QString uniqueName(const QString &base) const;

    /// Adds and saves a profile; gives it a new id when it has none. Conflict when the name or id is
    /// taken, InvalidInput when validate() says no, Io when saving fails.
    Result<Profile> add(Profile profile);
    /// Replaces the profile with the same id and saves. NotFound, Conflict (name), InvalidInput, Io.
    Status update(const Profile &profile);
    /// Removes and saves. The caller removes the profile's secrets (SecretKeys::removeAll).
    Status remove(const QUuid &id);
    /// Reads the file again when another program (pot-console-cli, a second console) changed it
    /// since this store last read or wrote it; emits profilesReset() and changedElsewhere() when
    /// the list differs. Returns whether it did.
    ///
    /// add(), update() and remove() do the same first, under a lock file beside the profile file,
    /// so that two programs changing profiles at once never lose one another's profile.
    bool reloadIfChanged();

    enum class CaCheck {
        Strict,  ///< the CA text must be readable certificates (what a user saves)
        Lenient, ///< only PEM-looking (a file written by an older version still loads)
    };
    /// Checks one profile on its own: name, controller URL, sign-in fields, CA, pin, colour, refresh.
    static Status validate(const Profile &profile, CaCheck caCheck = CaCheck::Strict);

    /// The file format (version 1). No field for any secret exists.
    static QByteArray serialize(const QList<Profile> &profiles);
    static Result<QList<Profile>> parse(const QByteArray &text, const QString &sourceName);

    static constexpr int kFormatVersion = 1;
    static constexpr int kMinRefreshSec = 1;
    static constexpr int kMaxRefreshSec = 3600;

Q_SIGNALS:
    void profileAdded(int row);
    void profileUpdated(int row);
    void profileAboutToBeRemoved(int row);
    void profileRemoved(int row);
    /// After load(): the whole list may have changed.
    void profilesReset();
    /// The list was read again because another program changed the file (after profilesReset()).
    void changedElsewhere();

private:
    /// `<file>.lock`, held while the file is read and written back.
    class ChangeLock
    {
    public:
        explicit ChangeLock(const QString &filePath);
        ~ChangeLock();
        Status status(const QString &filePath) const;

    private:
        std::unique_ptr<QLockFile> m_lock;
        bool m_locked = false;
    };

    /// Under the lock: takes the file's list when another program changed it.
    bool adoptChangesOnDisk();
    Status checkUnique(const Profile &profile, int ignoreRow) const;
    Status saveList(const QList<Profile> &profiles);
    QString makeBackup();

    QString m_filePath;
    QString m_backupPath;
    QList<Profile> m_profiles;
    bool m_saveBlocked = false;
    QByteArray m_knownText; ///< SHA-256 of the file as last read or written here ///< the file could not be used and could not be backed up either
};

} // namespace Pot::Profiles
