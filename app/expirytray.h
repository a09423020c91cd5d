#pragma once

#include "core/expiry/expiry.h"

#include <QIcon>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QMenu;
class QSystemTrayIcon;

namespace Pot::Expiry {
class NoticeLedger;
} // namespace Pot::Expiry

namespace Pot::Models {
class ExpiryRadar;
} // namespace Pot::Models

namespace Pot::App {

/// The expiry radar in the system tray: an icon with the number of items due (within
/// ExpiryRadar::NoticeDays days or past 80 % of their lifetime, expired included), a tooltip
/// naming the soonest, a menu to open the radar, and one desktop notification per item the first
/// time it is due — not on every refresh, not again after a restart (NoticeLedger).
class ExpiryTray final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExpiryTray)

public:
    /// Shows a desktop notification; empty = the tray icon's balloon (the platform's notification
    /// service where it has one).
    using Notify = std::function<void(const QString &title, const QString &body)>;

    ExpiryTray(Models::ExpiryRadar *radar, Expiry::NoticeLedger *ledger, Notify notify = {},
               QObject *parent = nullptr);
    ~ExpiryTray() override;

    int count() const { return m_count; }
    QString toolTip() const { return m_toolTip; }
    QIcon icon() const { return m_icon; }
    /// Whether the desktop has a tray to show the icon in.
    bool visible() const;

    /// The console's icon with `count` in a red badge (none when 0).
    static QIcon badgeIcon(int count);

Q_SIGNALS:
    /// The user chose "Open expiry radar" (or clicked the icon).
    void openRequested();

private:
    void update();

    Models::ExpiryRadar *m_radar;
    Expiry::NoticeLedger *m_ledger;
    Notify m_notify;
    std::unique_ptr<QMenu> m_menu;
    QSystemTrayIcon *m_tray = nullptr;
    int m_count = -1;
    QString m_toolTip;
    QIcon m_icon;
};

} // namespace Pot::App
