#pragma once

#include "core/expiry/expiry.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QUrl>

#include <functional>

namespace Pot::Profiles {
class ProfileStore;
class SnapshotStore;
} // namespace Pot::Profiles

namespace Pot::Models {

/// Security → Expiry radar: one timeline, soonest first, of what stops working on every saved
/// control plane — certificates and CAs, NATS users' JWT expiries ("not enforced" where the
/// Controller wrote nats.exp) — read from each control plane's last saved lists (a connected one
/// saves its lists as they refresh). Filtered by text and by a window of days; exported as an
/// iCalendar file.
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

public:
    enum Role { DateRole = Qt::UserRole + 1, DaysLeftRole, KindRole, NameRole, ControlPlaneRole, NoteRole, DueRole, ExpiredRole };
    Q_ENUM(Role)

    ExpiryRadar(const Profiles::ProfileStore *profiles, const Profiles::SnapshotStore *snapshots,
                QObject *parent = nullptr);

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
    bool statusFailed() const { return m_statusFailed; }

    /// Reads every control plane's saved certificates and NATS users again.
    Q_INVOKABLE void refresh();
    /// Writes the shown items as an iCalendar file.
    Q_INVOKABLE bool exportCalendar(const QUrl &file);

    /// "Now" for tests; invalid = the clock.
    void setNow(const QDateTime &now) { m_now = now; }

Q_SIGNALS:
    void changed();
    void statusChanged();

private:
    QDateTime now() const { return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc(); }
    void applyFilter();
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
};

} // namespace Pot::Models
