#pragma once

#include "core/expiry/expiry.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QHash>
#include <QUuid>
#include <QTimer>
#include <QUrl>

#include <functional>

namespace Pot::Profiles {
class ProfileStore;
class SnapshotStore;
} // namespace Pot::Profiles

namespace Pot::Session {
class ControlPlaneSession;
} // namespace Pot::Session

namespace Pot::Models {

/// Security → Expiry radar: one timeline, soonest first, of what stops working on every saved
/// control plane — certificates and CAs, NATS users' JWT expiries ("not enforced" where the
/// Controller wrote nats.exp) — read now from every signed-in control plane (GET /certificates and
/// GET /nats/users, saved as its snapshots) and from the last saved lists of the others. Filtered
/// by text and by a window of days; exported as an iCalendar file. Refreshes itself every few
/// minutes once started, so the tray's count and notices follow the clusters.
class ExpiryRadar final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExpiryRadar)
    Q_PROPERTY(int days READ days WRITE setDays NOTIFY changed)
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY changed)
    Q_PROPERTY(int count READ rowCount NOTIFY changed)
    Q_PROPERTY(int total READ total NOTIFY changed)
    Q_PROPERTY(int dueCount READ dueCount NOTIFY changed)
    Q_PROPERTY(QString sources READ sources NOTIFY changed)
    Q_PROPERTY(QString status READ status NOTIFY statusChanged)
    Q_PROPERTY(bool statusFailed READ statusFailed NOTIFY statusChanged)
    Q_PROPERTY(bool reading READ reading NOTIFY readingChanged)

public:
    enum Role { DateRole = Qt::UserRole + 1, DaysLeftRole, KindRole, NameRole, ControlPlaneRole, NoteRole, DueRole, ExpiredRole, LeftRole };
    Q_ENUM(Role)

    /// The sessions to read live (signed-in ones are read; others are skipped).
    using Sessions = std::function<QList<Session::ControlPlaneSession *>()>;

    /// Days before its end at which an item is told in a notice (or past 80 % of its lifetime).
    static constexpr int NoticeDays = 30;

    ExpiryRadar(const Profiles::ProfileStore *profiles, const Profiles::SnapshotStore *snapshots,
                QObject *parent = nullptr);

    void setSessions(Sessions sessions) { m_sessions = std::move(sessions); }
    /// Refreshes now and then every `minutes` (0 stops).
    void startAutoRefresh(int minutes);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int days() const { return m_days; }
    void setDays(int days);
    QString filterText() const { return m_filter; }
    void setFilterText(const QString &text);
    int total() const { return int(m_all.size()); }
    /// Items due (within the window, or past 80 % of their lifetime), expired included.
    int dueCount() const;
    QString sources() const { return m_sources; }
    QString status() const { return m_status; }
    bool reading() const { return m_pending > 0; }
    /// Every item (whatever the window and filter) due within `days` days or past 80 % of its
    /// lifetime, expired ones included, soonest first.
    QList<Expiry::Item> dueWithin(int days) const;
    bool statusFailed() const { return m_statusFailed; }

    /// Reads every control plane's saved certificates and NATS users again at once, then reads the
    /// signed-in ones live and shows those answers as they come (reading() meanwhile).
    Q_INVOKABLE void refresh();
    /// Writes the shown items as an iCalendar file.
    Q_INVOKABLE bool exportCalendar(const QUrl &file);

    /// "Now" for tests; invalid = the clock.
    void setNow(const QDateTime &now) { m_now = now; }

Q_SIGNALS:
    void changed();
    void statusChanged();
    void readingChanged();
    /// A refresh ended: every live read answered (or there was none).
    void refreshed();

private:
    QDateTime now() const { return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc(); }
    void applyFilter();
    void readSaved();
    void readLive(Session::ControlPlaneSession *session, const QString &id, const QString &path, const QString &arrayKey);
    void finishOne();
    void setStatus(const QString &text, bool failed);

    const Profiles::ProfileStore *m_profiles;
    const Profiles::SnapshotStore *m_snapshots;
    QList<Expiry::Item> m_all;
    QList<Expiry::Item> m_shown;
    int m_days = 90;
    QString m_filter;
    QString m_sources;
    QString m_status;
    bool m_statusFailed = false;
    QDateTime m_now;
    Sessions m_sessions;
    int m_pending = 0;
    QStringList m_live;     ///< control planes read live in this refresh
    QStringList m_failures; ///< "edge: NATS users: 403 …"
    QHash<QUuid, QList<Expiry::Item>> m_liveUsers; ///< NATS users' dates of this refresh's live answers
    QTimer *m_timer = nullptr;
};

} // namespace Pot::Models
