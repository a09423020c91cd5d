#include "kinds.h"

#include "core/tr.h"

#include <QDateTime>

namespace Pot::Resources::Kinds {

namespace {

/// One entry of GET /events (controller-api.md §3.9): an audit record of a non-GET request or of
/// a WebSocket connect/disconnect.
struct Event
{
    qint64 id = 0;
    qint64 timestamp = 0; ///< ms since the epoch
    QString eventType;    ///< HTTP, WS_CONNECT, WS_DISCONNECT
    QString endpointType; ///< user, agent
    QString actorId;
    QString method;
    QString resourceType;
    QString resourceId;
    QString endpointPath;
    QString ipAddress;
    QString status;       ///< SUCCESS, FAILED
    int statusCode = 0;   ///< 0: none recorded
    QString statusMessage;

    QString key() const { return QString::number(id); }
    QString label() const
    {
        return QStringLiteral("#%1 %2 %3").arg(id).arg(method.isEmpty() ? eventType : method, endpointPath);
    }
    static Result<Event> fromJson(const QJsonObject &o)
    {
        const QJsonValue id = o.value(u"id");
        if (!id.isDouble())
            return Error(ErrorCode::InvalidInput, Tr::tr("An event without an id."));
        Event e;
        e.id = id.toInteger();
        e.timestamp = o.value(u"timestamp").toInteger();
        e.eventType = o.value(u"eventType").toString();
        e.endpointType = o.value(u"endpointType").toString();
        e.actorId = o.value(u"actorId").toString();
        e.method = o.value(u"method").toString();
        e.resourceType = o.value(u"resourceType").toString();
        e.resourceId = o.value(u"resourceId").toString();
        e.endpointPath = o.value(u"endpointPath").toString();
        e.ipAddress = o.value(u"ipAddress").toString();
        e.status = o.value(u"status").toString();
        e.statusCode = o.value(u"statusCode").toInt();
        e.statusMessage = o.value(u"statusMessage").toString();
        return e;
    }
};

/// Audit times to the second: several events often fall within one minute.
Cell timeCell(qint64 ms)
{
    if (ms <= 0)
        return Cell::orDash({});
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    Cell c(t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    c.sortKey = double(ms);
    c.tip = t.toString(Qt::ISODateWithMs);
    return c;
}

QString text(const QJsonValue &v)
{
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    return v.toString();
}

} // namespace

Kind events()
{
    Kind k;
    k.id = QStringLiteral("events");
    k.title = Tr::tr("Events");
    k.singular = Tr::tr("event");
    k.plural = Tr::tr("events");
    k.listPath = QStringLiteral("/events");
    k.arrayKey = QStringLiteral("events");
    k.rbacResource = QStringLiteral("events");
    k.emptyText = Tr::tr("No events match. The Controller records every non-GET request and each "
                         "WebSocket connect and disconnect while event auditing is enabled.");
    return KindOf<Event>(k)
        .column(Tr::tr("Time"), 140, [](const Event &e) { return timeCell(e.timestamp); })
        .column(Tr::tr("Status"), 72, [](const Event &e) {
            return Cell(e.status, e.status == u"SUCCESS"  ? Tone::Ok
                                  : e.status == u"FAILED" ? Tone::Bad
                                                          : Tone::None);
        })
        .column(Tr::tr("Code"), 50, [](const Event &e) {
            return e.statusCode ? Cell::number(e.statusCode) : Cell::orDash({});
        })
        .column(Tr::tr("Method"), 64, [](const Event &e) {
            return e.method.isEmpty() ? Cell(e.eventType, Tone::Info) : Cell(e.method);
        })
        .column(Tr::tr("Actor"), 150, [](const Event &e) { return Cell::orDash(e.actorId); })
        .column(Tr::tr("Resource type"), 110, [](const Event &e) { return Cell::orDash(e.resourceType); })
        .column(Tr::tr("Resource"), 180, [](const Event &e) {
            Cell c = Cell::orDash(e.resourceId.isEmpty() ? e.endpointPath : e.resourceId);
            c.tip = e.endpointPath;
            return c;
        })
        .details([](const QJsonObject &o) {
            QList<DetailRow> rows;
            const QString general = Tr::tr("Event");
            const qint64 ms = o.value(u"timestamp").toInteger();
            rows << DetailRow(general, Tr::tr("Id"), text(o.value(u"id")));
            rows << DetailRow(general, Tr::tr("Time"),
                              ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().toString(Qt::ISODateWithMs)
                                     : QString());
            rows << DetailRow(general, Tr::tr("Event type"), o.value(u"eventType").toString());
            rows << DetailRow(general, Tr::tr("Status"), o.value(u"status").toString());
            rows << DetailRow(general, Tr::tr("Status code"), text(o.value(u"statusCode")));
            rows << DetailRow(general, Tr::tr("Message"), o.value(u"statusMessage").toString());
            const QString who = Tr::tr("Actor");
            rows << DetailRow(who, Tr::tr("Actor"), o.value(u"actorId").toString());
            rows << DetailRow(who, Tr::tr("Endpoint type"), o.value(u"endpointType").toString());
            rows << DetailRow(who, Tr::tr("IP address"), o.value(u"ipAddress").toString());
            const QString what = Tr::tr("Request");
            rows << DetailRow(what, Tr::tr("Method"), o.value(u"method").toString());
            rows << DetailRow(what, Tr::tr("Path"), o.value(u"endpointPath").toString());
            rows << DetailRow(what, Tr::tr("Resource type"), o.value(u"resourceType").toString());
            rows << DetailRow(what, Tr::tr("Resource id"), text(o.value(u"resourceId")));
            rows << DetailRow(what, Tr::tr("Request id"), text(o.value(u"requestId")));
            rows.removeIf([](const DetailRow &r) { return r.value.isEmpty(); }); // not recorded
            return rows;
        })
        .build();
}

} // namespace Pot::Resources::Kinds
