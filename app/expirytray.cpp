#include "expirytray.h"

#include "core/expiry/noticeledger.h"
#include "models/expiryradar.h"

#include <QAction>
#include <QFont>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QSystemTrayIcon>

namespace Pot::App {

namespace {

/// The most items named in one notification; the rest are counted.
constexpr int kNamedInNotice = 5;

QString describe(const Expiry::Item &item)
{
    return QStringLiteral("%1 %2 (%3) — %4")
        .arg(Expiry::kindName(item.kind), item.name, item.controlPlane,
             item.expires.toString(QStringLiteral("yyyy-MM-dd")));
}

} // namespace

ExpiryTray::ExpiryTray(Models::ExpiryRadar *radar, Expiry::NoticeLedger *ledger, Notify notify, QObject *parent)
    : QObject(parent)
    , m_radar(radar)
    , m_ledger(ledger)
    , m_notify(std::move(notify))
    , m_menu(std::make_unique<QMenu>())
{
    QAction *open = m_menu->addAction(tr("Open expiry radar"));
    connect(open, &QAction::triggered, this, &ExpiryTray::openRequested);
    QAction *refresh = m_menu->addAction(tr("Refresh now"));
    connect(refresh, &QAction::triggered, m_radar, &Models::ExpiryRadar::refresh);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(this);
        m_tray->setContextMenu(m_menu.get());
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                Q_EMIT openRequested();
        });
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, &ExpiryTray::openRequested);
    }
    if (!m_notify) {
        m_notify = [this](const QString &title, const QString &body) {
            if (m_tray && QSystemTrayIcon::supportsMessages())
                m_tray->showMessage(title, body, m_icon, 0);
        };
    }
    connect(m_radar, &Models::ExpiryRadar::refreshed, this, &ExpiryTray::update);
    update();
}

ExpiryTray::~ExpiryTray() = default;

bool ExpiryTray::visible() const
{
    return m_tray && m_tray->isVisible();
}

void ExpiryTray::update()
{
    QList<Expiry::Item> due = m_radar->dueWithin(Models::ExpiryRadar::NoticeDays);
    // A provisioning key lives 20 minutes and was minted by the person looking at it: on the
    // radar, not worth a badge or a notice.
    due.removeIf([](const Expiry::Item &i) { return i.kind == Expiry::Kind::ProvisioningKey; });
    const int count = int(due.size());
    if (count != m_count) {
        m_count = count;
        m_icon = badgeIcon(count);
    }
    m_toolTip = count == 0
        ? tr("PoT Console: nothing expires within %1 days").arg(Models::ExpiryRadar::NoticeDays)
        : tr("PoT Console: %n item(s) due, the soonest %1", nullptr, count).arg(describe(due.constFirst()));
    if (m_tray) {
        m_tray->setIcon(m_icon);
        m_tray->setToolTip(m_toolTip);
        m_tray->setVisible(true);
    }

    const QList<Expiry::Item> fresh = m_ledger->takeNew(due);
    if (fresh.isEmpty())
        return;
    QStringList lines;
    for (qsizetype i = 0; i < fresh.size() && i < kNamedInNotice; ++i)
        lines << describe(fresh.at(i));
    if (fresh.size() > kNamedInNotice)
        lines << tr("and %n more", nullptr, int(fresh.size() - kNamedInNotice));
    m_notify(tr("%n expiry date(s) coming due", nullptr, int(fresh.size())), lines.join(u'\n'));
}

QIcon ExpiryTray::badgeIcon(int count)
{
    // The console's icon (from the theme the .deb installs, else drawn) with the count in a badge.
    QIcon icon;
    const QIcon base = QIcon::fromTheme(QStringLiteral("pot-console"));
    for (const int size : {16, 22, 24, 32, 48, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        if (!base.isNull()) {
            base.paint(&p, pixmap.rect());
        } else {
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(0x1f, 0x6f, 0xb2));
            p.drawRoundedRect(QRectF(pixmap.rect()).adjusted(1, 1, -1, -1), size / 5.0, size / 5.0);
        }
        if (count > 0) {
            const QString text = count > 99 ? QStringLiteral("99+") : QString::number(count);
            const qreal h = size * 0.6;
            const qreal w = qMax(h, h * 0.45 * qreal(text.size()) + h * 0.35);
            const QRectF badge(size - w, size - h, w, h);
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(0xc6, 0x28, 0x28));
            p.drawRoundedRect(badge, h / 2, h / 2);
            QFont font = p.font();
            font.setBold(true);
            font.setPixelSize(qMax(6, int(h * 0.7)));
            p.setFont(font);
            p.setPen(Qt::white);
            p.drawText(badge, Qt::AlignCenter, text);
        }
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace Pot::App
