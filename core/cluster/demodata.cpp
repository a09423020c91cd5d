#include "demodata.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace Pot::Cluster::DemoData {

namespace {

// 2000-01-01 and 2100-01-01 in ms since the epoch: a whole number between them is a time.
constexpr double MinMs = 946684800000.0;
constexpr double MaxMs = 4102444800000.0;

QJsonValue shifted(const QJsonValue &v, qint64 shiftMs)
{
    switch (v.type()) {
    case QJsonValue::Object: {
        QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            it.value() = shifted(it.value(), shiftMs);
        return o;
    }
    case QJsonValue::Array: {
        QJsonArray a = v.toArray();
        for (auto it = a.begin(); it != a.end(); ++it)
            *it = shifted(*it, shiftMs);
        return a;
    }
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (d >= MinMs && d <= MaxMs && d == double(qint64(d)))
            return QJsonValue(qint64(d) + shiftMs);
        return v;
    }
    case QJsonValue::String: {
        static const QRegularExpression isoUtc(
            QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z$"));
        const QString s = v.toString();
        if (s.size() > 24 || !isoUtc.match(s).hasMatch())
            return v;
        const QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
        if (!t.isValid())
            return v;
        return t.addMSecs(shiftMs).toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
    }
    default:
        return v;
    }
}

} // namespace

std::optional<Status> readStatus(const QString &root)
{
    QFile file(root + QStringLiteral("/status.json"));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    Status s;
    s.status = o.value(u"status").toString();
    s.version = o.value(u"versions").toObject().value(u"controller").toString();
    s.uptimeSec = o.value(u"uptimeSec").toDouble(-1);
    s.referenceMs = qint64(o.value(u"timestamp").toDouble());
    if (s.version.isEmpty() || s.referenceMs <= 0)
        return std::nullopt;
    return s;
}

std::optional<QByteArray> read(const QString &root, const QString &id, qint64 shiftMs)
{
    QFile file(root + u'/' + id + QStringLiteral(".json"));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return shiftTimes(file.readAll(), shiftMs);
}

QByteArray shiftTimes(const QByteArray &json, qint64 shiftMs)
{
    if (shiftMs == 0)
        return json;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return json;
    const QJsonValue out = shifted(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()),
                                   shiftMs);
    return (out.isObject() ? QJsonDocument(out.toObject()) : QJsonDocument(out.toArray()))
        .toJson(QJsonDocument::Compact);
}

} // namespace Pot::Cluster::DemoData
