#include "events.h"

#include "core/tr.h"

#include <QDateTime>

namespace Pot::Api {

namespace {

/// The fields of an event in CSV column order (controller-api.md §3.9).
const QStringList &csvFields()
{
    static const QStringList fields{
        QStringLiteral("id"),           QStringLiteral("timestamp"),    QStringLiteral("eventType"),
        QStringLiteral("endpointType"), QStringLiteral("actorId"),      QStringLiteral("method"),
        QStringLiteral("resourceType"), QStringLiteral("resourceId"),   QStringLiteral("endpointPath"),
        QStringLiteral("ipAddress"),    QStringLiteral("status"),       QStringLiteral("statusCode"),
        QStringLiteral("statusMessage"), QStringLiteral("requestId")};
    return fields;
}

QString scalarText(const QJsonValue &v)
{
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return v.toString(); // null and undefined: empty
}

} // namespace

QUrlQuery EventFilter::query() const
{
    QUrlQuery q;
    if (fromMs)
        q.addQueryItem(QStringLiteral("startTime"), QString::number(*fromMs));
    if (toMs)
        q.addQueryItem(QStringLiteral("endTime"), QString::number(*toMs));
    for (const QString &m : methods)
        q.addQueryItem(QStringLiteral("method"), m);
    const std::pair<const char16_t *, const QString *> keys[] = {
        {u"resourceType", &resourceType}, {u"status", &status}, {u"actorId", &actorId},
        {u"eventType", &eventType}};
    for (const auto &[key, value] : keys) {
        if (!value->isEmpty())
            q.addQueryItem(QString::fromUtf16(key),
                           QString(*value).replace(u'%', QStringLiteral("%25")).replace(u'+', QStringLiteral("%2B"))
                               .replace(u'&', QStringLiteral("%26")).replace(u'#', QStringLiteral("%23")));
    }
    return q;
}

bool EventFilter::matches(const QJsonObject &e) const
{
    const qint64 t = e.value(u"timestamp").toInteger();
    if ((fromMs && t < *fromMs) || (toMs && t > *toMs))
        return false;
    if (!methods.isEmpty() && !methods.contains(e.value(u"method").toString()))
        return false;
    const std::pair<const char16_t *, const QString *> keys[] = {
        {u"resourceType", &resourceType}, {u"status", &status}, {u"actorId", &actorId},
        {u"eventType", &eventType}};
    for (const auto &[key, value] : keys) {
        if (!value->isEmpty() && e.value(QString::fromUtf16(key)).toString() != *value)
            return false;
    }
    return true;
}

std::optional<qint64> parseEventTime(const QString &text, QString *error)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    QDateTime when = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!when.isValid())
        when = QDateTime::fromString(t, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (!when.isValid())
        when = QDateTime::fromString(t, QStringLiteral("yyyy-MM-dd HH:mm"));
    if (!when.isValid()) {
        const QDate day = QDate::fromString(t, Qt::ISODate);
        if (day.isValid())
            when = day.startOfDay();
    }
    if (!when.isValid()) {
        *error = Tr::tr("\"%1\" is not a time: use 2026-12-01 or 2026-12-01 10:30.").arg(t);
        return std::nullopt;
    }
    return when.toMSecsSinceEpoch();
}

QString csvCell(const QString &value)
{
    QString v = value;
    // A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
    if (!v.isEmpty() && (v.front() == u'=' || v.front() == u'+' || v.front() == u'-' || v.front() == u'@'))
        v.prepend(u'\'');
    if (v.contains(u',') || v.contains(u'"') || v.contains(u'\n') || v.contains(u'\r'))
        return u'"' + v.replace(u'"', QStringLiteral("\"\"")) + u'"';
    return v;
}

QByteArray eventsToCsv(const QJsonArray &events)
{
    QString out;
    QStringList header;
    for (const QString &f : csvFields())
        header << csvCell(f);
    header.insert(2, QStringLiteral("time"));
    out += header.join(u',') + QStringLiteral("\r\n");
    for (const QJsonValue &v : events) {
        const QJsonObject e = v.toObject();
        QStringList cells;
        for (const QString &f : csvFields())
            cells << csvCell(scalarText(e.value(f)));
        const qint64 ms = e.value(u"timestamp").toInteger();
        cells.insert(2, ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs)
                               : QString());
        out += cells.join(u',') + QStringLiteral("\r\n");
    }
    return out.toUtf8();
}

QJsonArray filteredEvents(const QJsonArray &events, const EventFilter &filter)
{
    QJsonArray out;
    for (const QJsonValue &e : events) {
        if (filter.matches(e.toObject()))
            out.append(e);
    }
    return out;
}

} // namespace Pot::Api
