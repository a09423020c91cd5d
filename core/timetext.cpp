#include "timetext.h"

#include <QDateTime>
#include <QTimeZone>

namespace Pot {

QString TimeText::relative(qint64 whenMs, qint64 nowMs)
{
    if (whenMs <= 0)
        return {};
    const qint64 diff = nowMs - whenMs;
    const qint64 s = (diff < 0 ? -diff : diff) / 1000;
    QString amount;
    if (s < 5)
        return tr("just now");
    if (s < 60)
        amount = tr("%1 s").arg(s);
    else if (s < 3600)
        amount = tr("%1 min").arg(s / 60);
    else if (s < 86400)
        amount = tr("%1 h").arg(s / 3600);
    else if (s < 2 * 86400)
        amount = tr("1 day");
    else
        amount = tr("%1 days").arg(s / 86400);
    return diff < 0 ? tr("in %1").arg(amount) : tr("%1 ago").arg(amount);
}

QString TimeText::exact(qint64 whenMs)
{
    if (whenMs <= 0)
        return {};
    // The system zone is read once per process: QDateTime's local time asks the C library, which
    // looks at /etc/localtime again on every call (a file system check per row of a list).
    // (A zone changed while the console runs is seen after a restart.)
    static const QTimeZone zone = QTimeZone::systemTimeZone();
    const QDateTime t = zone.isValid() ? QDateTime::fromMSecsSinceEpoch(whenMs, zone) : QDateTime::fromMSecsSinceEpoch(whenMs);
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString TimeText::duration(qint64 ms)
{
    if (ms < 0)
        ms = 0;
    const qint64 s = ms / 1000;
    const qint64 d = s / 86400, h = (s % 86400) / 3600, m = (s % 3600) / 60, sec = s % 60;
    if (d > 0)
        return tr("%1 d %2 h").arg(d).arg(h);
    if (h > 0)
        return tr("%1 h %2 min").arg(h).arg(m);
    if (m > 0)
        return tr("%1 min %2 s").arg(m).arg(sec);
    return tr("%1 s").arg(sec);
}

qint64 TimeText::parseIso(const QString &iso)
{
    if (iso.isEmpty())
        return 0;
    const QDateTime t = QDateTime::fromString(iso, Qt::ISODateWithMs);
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}

} // namespace Pot
