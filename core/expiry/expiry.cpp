#include "expiry.h"

#include "core/resources/kinds/natsdetails.h"
#include "core/tr.h"

#include <QJsonObject>
#include <QTimeZone>

#include <libical/ical.h>

#include <algorithm>
#include <memory>

namespace Pot::Expiry {

namespace {

QDateTime isoDate(const QJsonObject &o, QStringView camel, QStringView snake)
{
    const QJsonValue v = o.contains(camel) ? o.value(camel) : o.value(snake);
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(v.toString(), Qt::ISODate);
    return t.isValid() ? t.toUTC() : QDateTime();
}

struct CalendarFree
{
    void operator()(icalcomponent *c) const { icalcomponent_free(c); }
};

icaltimetype utcTime(const QDateTime &t)
{
    return icaltime_from_timet_with_zone(time_t(t.toSecsSinceEpoch()), 0, icaltimezone_get_utc_timezone());
}

icaltimetype dateOf(const QDateTime &t)
{
    icaltimetype d = icaltime_null_date();
    const QDate date = t.toUTC().date();
    d.year = date.year();
    d.month = date.month();
    d.day = date.day();
    d.is_date = 1;
    return d;
}

} // namespace

QString kindName(Kind kind)
{
    switch (kind) {
    case Kind::Certificate:
        return Tr::tr("certificate");
    case Kind::CertificateAuthority:
        return Tr::tr("CA");
    case Kind::NatsUser:
        return Tr::tr("NATS user");
    case Kind::ProvisioningKey:
        return Tr::tr("provisioning key");
    }
    return {};
}

QString Item::key() const
{
    return QStringLiteral("%1|%2|%3|%4").arg(controlPlane).arg(int(kind)).arg(name).arg(expires.toSecsSinceEpoch());
}

double Item::lifetimeUsed(const QDateTime &now) const
{
    if (!starts.isValid() || !expires.isValid() || expires <= starts)
        return 0;
    return std::clamp(double(starts.msecsTo(now)) / double(starts.msecsTo(expires)), 0.0, 1.0);
}

bool Item::due(const QDateTime &now, int days, double warnAt) const
{
    if (!expires.isValid())
        return false;
    return now.secsTo(expires) <= qint64(days) * 86400 || lifetimeUsed(now) >= warnAt;
}

QList<Item> fromCertificates(const QJsonArray &certificates, const QString &controlPlane)
{
    QList<Item> items;
    for (const QJsonValue &v : certificates) {
        const QJsonObject c = v.toObject();
        Item item;
        item.controlPlane = controlPlane;
        item.name = c.value(u"name").toString();
        const bool ca = c.contains(u"isCA") ? c.value(u"isCA").toBool() : c.value(u"is_ca").toBool();
        item.kind = ca ? Kind::CertificateAuthority : Kind::Certificate;
        item.starts = isoDate(c, u"validFrom", u"valid_from");
        item.expires = isoDate(c, u"validTo", u"valid_to");
        if (!item.name.isEmpty() && item.expires.isValid())
            items << item;
    }
    return items;
}

QList<Item> fromNatsUsers(const QJsonArray &users, const QString &controlPlane)
{
    QList<Item> items;
    for (const QJsonValue &v : users) {
        const QJsonObject u = v.toObject();
        const Resources::NatsDetails::Expiry e = Resources::NatsDetails::userExpiry(u.value(u"jwt").toString());
        if (e.seconds <= 0)
            continue;
        Item item;
        item.controlPlane = controlPlane;
        item.kind = Kind::NatsUser;
        item.name = QStringLiteral("%1 / %2").arg(u.value(u"accountName").toString(), u.value(u"name").toString());
        item.expires = QDateTime::fromSecsSinceEpoch(e.seconds, QTimeZone::utc());
        item.enforced = e.enforced;
        items << item;
    }
    return items;
}

QList<Item> fromProvisioningKeys(const QJsonArray &minted, const QString &controlPlane)
{
    QList<Item> items;
    for (const QJsonValue &v : minted) {
        const QJsonObject k = v.toObject();
        const qint64 expires = k.value(u"expirationTime").toInteger();
        if (expires <= 0)
            continue;
        Item item;
        item.controlPlane = controlPlane;
        item.kind = Kind::ProvisioningKey;
        item.name = k.value(u"agent").toString();
        item.expires = QDateTime::fromMSecsSinceEpoch(expires, QTimeZone::utc());
        if (const qint64 minted = k.value(u"mintedAt").toInteger(); minted > 0)
            item.starts = QDateTime::fromMSecsSinceEpoch(minted, QTimeZone::utc());
        items << item;
    }
    return items;
}

void sortByDate(QList<Item> &items)
{
    std::stable_sort(items.begin(), items.end(), [](const Item &a, const Item &b) {
        if (a.expires != b.expires)
            return a.expires < b.expires;
        if (a.controlPlane != b.controlPlane)
            return a.controlPlane < b.controlPlane;
        return a.name < b.name;
    });
}

Result<QByteArray> toICalendar(const QList<Item> &items, const QDateTime &stamp)
{
    std::unique_ptr<icalcomponent, CalendarFree> calendar(icalcomponent_vanew(
        ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"),
        icalproperty_new_prodid("-//Datasance//PoT Console//EN"), icalproperty_new_calscale("GREGORIAN"), nullptr));
    if (!calendar)
        return Error(ErrorCode::Unsupported, Tr::tr("libical could not make a calendar."));
    for (const Item &item : items) {
        const QByteArray uid = QByteArray(QByteArray::number(qHash(item.key()), 16) + "-" +
                                          item.key().toUtf8().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
                                          + "@pot-console");
        const QByteArray summary = Tr::tr("%1 %2 expires (%3)")
                                       .arg(kindName(item.kind), item.name, item.controlPlane).toUtf8();
        QString about = Tr::tr("%1 %2 of control plane %3 expires %4 UTC.")
                            .arg(kindName(item.kind), item.name, item.controlPlane,
                                 item.expires.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        if (!item.enforced)
            about += u' ' + Tr::tr("Requested only: the Controller wrote it into nats.exp, which nats-server ignores.");
        icalcomponent *event = icalcomponent_new(ICAL_VEVENT_COMPONENT);
        icalcomponent_add_property(event, icalproperty_new_uid(uid.constData()));
        icalcomponent_add_property(event, icalproperty_new_dtstamp(utcTime(stamp)));
        const icaltimetype day = dateOf(item.expires);
        icaltimetype next = day;
        icaltime_adjust(&next, 1, 0, 0, 0);
        icalcomponent_add_property(event, icalproperty_new_dtstart(day));
        icalcomponent_add_property(event, icalproperty_new_dtend(next));
        icalcomponent_add_property(event, icalproperty_new_summary(summary.constData()));
        icalcomponent_add_property(event, icalproperty_new_description(about.toUtf8().constData()));
        icalcomponent_add_property(event, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
        icaltriggertype trigger;
        trigger.time = icaltime_null_time();
        trigger.duration = icaldurationtype_from_int(-7 * 24 * 3600);
        icalcomponent_add_component(event, icalcomponent_vanew(ICAL_VALARM_COMPONENT,
                                                               icalproperty_new_action(ICAL_ACTION_DISPLAY),
                                                               icalproperty_new_description(summary.constData()),
                                                               icalproperty_new_trigger(trigger), nullptr));
        icalcomponent_add_component(calendar.get(), event);
    }
    char *text = icalcomponent_as_ical_string_r(calendar.get());
    if (!text)
        return Error(ErrorCode::Unsupported, Tr::tr("libical could not write the calendar."));
    QByteArray out(text);
    icalmemory_free_buffer(text);
    return out;
}

} // namespace Pot::Expiry
