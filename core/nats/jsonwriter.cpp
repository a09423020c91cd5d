#include "jsonwriter.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Pot::Nats::Internal {

void JsonWriter::separator()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first.empty()) {
        if (!m_first.back())
            m_out.append(',');
        m_first.back() = false;
    }
}

void JsonWriter::beginObject()
{
    separator();
    m_out.append('{');
    m_first.push_back(true);
}

void JsonWriter::endObject()
{
    m_out.append('}');
    m_first.pop_back();
}

void JsonWriter::beginArray()
{
    separator();
    m_out.append('[');
    m_first.push_back(true);
}

void JsonWriter::endArray()
{
    m_out.append(']');
    m_first.pop_back();
}

void JsonWriter::key(QLatin1StringView name)
{
    separator();
    writeString(QString(name));
    m_out.append(':');
    m_afterKey = true;
}

void JsonWriter::value(const QString &text)
{
    separator();
    writeString(text);
}

void JsonWriter::value(qint64 number)
{
    separator();
    m_out.append(QByteArray::number(number));
}

void JsonWriter::value(bool flag)
{
    separator();
    m_out.append(flag ? "true" : "false");
}

void JsonWriter::value(const QJsonValue &json)
{
    switch (json.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        separator();
        m_out.append("null");
        break;
    case QJsonValue::Bool:
        value(json.toBool());
        break;
    case QJsonValue::Double: {
        const qint64 i = json.toInteger(0);
        if (double(i) == json.toDouble()) {
            value(i);
        } else {
            separator();
            m_out.append(QByteArray::number(json.toDouble(), 'g', 17));
        }
        break;
    }
    case QJsonValue::String:
        value(json.toString());
        break;
    case QJsonValue::Array:
        beginArray();
        for (const QJsonValue &v : json.toArray())
            value(v);
        endArray();
        break;
    case QJsonValue::Object: {
        beginObject();
        const QJsonObject o = json.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) { // QJsonObject iterates sorted
            separator();
            writeString(it.key());
            m_out.append(':');
            m_afterKey = true;
            value(it.value());
        }
        endObject();
        break;
    }
    }
}

void JsonWriter::stringMember(QLatin1StringView name, const QString &text)
{
    if (text.isEmpty())
        return;
    key(name);
    value(text);
}

void JsonWriter::intMember(QLatin1StringView name, qint64 number)
{
    if (number == 0)
        return;
    key(name);
    value(number);
}

void JsonWriter::boolMember(QLatin1StringView name, bool flag)
{
    if (!flag)
        return;
    key(name);
    value(true);
}

void JsonWriter::listMember(QLatin1StringView name, const QStringList &list)
{
    if (list.isEmpty())
        return;
    key(name);
    beginArray();
    for (const QString &s : list)
        value(s);
    endArray();
}

void JsonWriter::writeString(const QString &text)
{
    static const char hex[] = "0123456789abcdef";
    const bool go = m_escaping == Escaping::Go;
    m_out.append('"');
    const QByteArray utf8 = text.toUtf8();
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8.at(i));
        switch (c) {
        case '"': m_out.append("\\\""); continue;
        case '\\': m_out.append("\\\\"); continue;
        case '\n': m_out.append("\\n"); continue;
        case '\r': m_out.append("\\r"); continue;
        case '\t': m_out.append("\\t"); continue;
        default: break;
        }
        if (!go && (c == '\b' || c == '\f')) {
            m_out.append(c == '\b' ? "\\b" : "\\f");
            continue;
        }
        if (c < 0x20 || (go && (c == '<' || c == '>' || c == '&'))) {
            m_out.append("\\u00");
            m_out.append(hex[c >> 4]);
            m_out.append(hex[c & 0xf]);
            continue;
        }
        // Go escapes U+2028/U+2029 (E2 80 A8/A9) for JSONP safety.
        if (go && c == 0xe2 && i + 2 < utf8.size() && static_cast<unsigned char>(utf8.at(i + 1)) == 0x80
            && (static_cast<unsigned char>(utf8.at(i + 2)) & 0xfe) == 0xa8) {
            m_out.append(static_cast<unsigned char>(utf8.at(i + 2)) == 0xa8 ? "\\u2028" : "\\u2029");
            i += 2;
            continue;
        }
        m_out.append(char(c));
    }
    m_out.append('"');
}

} // namespace Pot::Nats::Internal
