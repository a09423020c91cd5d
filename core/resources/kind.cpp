#include "kind.h"

#include "core/tr.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QTimeZone>

namespace Pot::Resources {

namespace {

QString dash()
{
    return QStringLiteral("—");
}

/// An ISO-8601 text or epoch milliseconds as a UTC time; invalid otherwise.
QDateTime timeOf(const QJsonValue &v)
{
    if (v.isDouble() && v.toDouble() > 0)
        return QDateTime::fromMSecsSinceEpoch(qint64(v.toDouble()), Qt::UTC);
    if (v.isString())
        return QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return {};
}

QString exactTime(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

/// "configMapName" → "Config map name", "useVault" → "Use vault", "fogUuids" → "Fog uuids".
QString labelOf(const QString &key)
{
    QString out;
    for (qsizetype i = 0; i < key.size(); ++i) {
        const QChar c = key.at(i);
        if (c == u'_' || c == u'-') {
            out += u' ';
            continue;
        }
        const bool boundary = i > 0 && c.isUpper() && !key.at(i - 1).isUpper();
        if (boundary)
            out += u' ';
        out += boundary ? c.toLower() : c;
    }
    if (!out.isEmpty())
        out[0] = out.at(0).toUpper();
    return out;
}

bool isTimeKey(const QString &key)
{
    return key.endsWith(u"At") || key == u"timestamp" || key.endsWith(u"Time");
}

QString scalarText(const QString &key, const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return dash();
    case QJsonValue::Bool:
        return v.toBool() ? Tr::tr("yes") : Tr::tr("no");
    case QJsonValue::Double:
        if (isTimeKey(key)) {
            if (const QDateTime t = timeOf(v); t.isValid())
                return exactTime(t);
        }
        return QString::number(v.toDouble(), 'g', 15);
    case QJsonValue::String: {
        const QString s = v.toString();
        if (s.isEmpty())
            return dash();
        if (isTimeKey(key)) {
            if (const QDateTime t = timeOf(v); t.isValid())
                return exactTime(t);
        }
        return s;
    }
    case QJsonValue::Array: {
        const QJsonArray a = v.toArray();
        if (a.isEmpty())
            return dash();
        QStringList items;
        bool scalars = true;
        for (const QJsonValue &item : a) {
            if (item.isObject() || item.isArray()) {
                scalars = false;
                break;
            }
            items << scalarText({}, item);
        }
        if (scalars)
            return items.join(u", ");
        return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Indented)).trimmed();
    }
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Indented))
            .trimmed();
    }
    return {};
}

} // namespace

Cell Cell::number(double value, const QString &text)
{
    // No digit grouping: ports, ids and counts read as the Controller sends them.
    Cell c(text.isEmpty() ? QString::number(value, 'g', 15) : text);
    c.sortKey = value;
    return c;
}

Cell Cell::flag(bool value, Tone yes, Tone no)
{
    return Cell(value ? Tr::tr("yes") : Tr::tr("no"), value ? yes : no);
}

Cell Cell::time(const QJsonValue &when)
{
    const QDateTime t = timeOf(when);
    if (!t.isValid())
        return Cell(dash(), Tone::Muted);
    Cell c(QLocale::system().toString(t.toLocalTime(), QLocale::ShortFormat));
    c.sortKey = double(t.toMSecsSinceEpoch());
    c.tip = exactTime(t);
    return c;
}

Cell Cell::orDash(const QString &text)
{
    return text.isEmpty() ? Cell(dash(), Tone::Muted) : Cell(text);
}

const Action *Kind::action(const QString &actionId) const
{
    for (const Action &a : actions) {
        if (a.id == actionId)
            return &a;
    }
    return nullptr;
}

QString Kind::detailPathFor(const QString &key, const QJsonObject &object) const
{
    return detailPathOf ? detailPathOf(key, object) : expand(detailPath, key, object);
}

QString Kind::expand(const QString &path, const QString &key, const QJsonObject &object)
{
    QString out;
    for (qsizetype i = 0; i < path.size();) {
        const qsizetype open = path.indexOf(u'{', i);
        const qsizetype close = open < 0 ? -1 : path.indexOf(u'}', open);
        if (close < 0) {
            out += path.mid(i);
            break;
        }
        out += path.mid(i, open - i);
        const QString field = path.mid(open + 1, close - open - 1);
        const QJsonValue v = object.value(field);
        out += Net::pathSegment(field == u"key" ? key
                                : v.isDouble()  ? QString::number(v.toDouble(), 'g', 15)
                                                : v.toString());
        i = close + 1;
    }
    return out;
}

QList<DetailRow> describe(const QJsonObject &object)
{
    const QString general = Tr::tr("General");
    QList<DetailRow> rows;
    QList<DetailRow> nested;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue v = it.value();
        if (v.isObject() && !v.toObject().isEmpty()) {
            const QJsonObject o = v.toObject();
            const QString group = labelOf(it.key());
            for (auto jt = o.begin(); jt != o.end(); ++jt)
                nested << DetailRow(group, jt.key(), scalarText(jt.key(), jt.value()));
            continue;
        }
        rows << DetailRow(general, labelOf(it.key()), scalarText(it.key(), v));
    }
    return rows + nested;
}

Action deleteAction(const QString &singular, const QString &path, const QString &consequence)
{
    Action a;
    a.id = QStringLiteral("delete");
    a.label = Tr::tr("Delete %1").arg(singular);
    a.verb = QStringLiteral("delete");
    a.method = QByteArrayLiteral("DELETE");
    a.path = path;
    a.confirm = Confirm::TypedName;
    a.destructive = true;
    a.question = Tr::tr("Delete the %1 %2? %3 This cannot be undone.")
                     .arg(singular, QStringLiteral("%1"), consequence);
    a.doneText = Tr::tr("Deleted %1 %2.").arg(singular, QStringLiteral("%1"));
    return a;
}

QString withArticle(const QString &noun)
{
    static const QString vowels = QStringLiteral("aeioAEIO");
    return (!noun.isEmpty() && vowels.contains(noun.front()) ? Tr::tr("an %1") : Tr::tr("a %1")).arg(noun);
}

} // namespace Pot::Resources
