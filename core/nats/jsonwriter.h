#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <vector>

namespace Pot::Nats::Internal {

/// Streaming JSON writer with a fixed key order, so encoded payloads match Go's encoding/json
/// (struct order, `<>&` escaped as \u003c…) or JSON.stringify (insertion order, raw `<>&`).
class JsonWriter final
{
public:
    enum class Escaping { Go, JavaScript };

    explicit JsonWriter(Escaping escaping) : m_escaping(escaping) {}

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    void key(QLatin1StringView name);
    void value(const QString &text);
    void value(qint64 number);
    void value(bool flag);
    /// Any QJsonValue; objects are written with sorted keys (like Go maps).
    void value(const QJsonValue &json);

    // Members with Go `omitempty` semantics.
    void stringMember(QLatin1StringView name, const QString &text);
    void intMember(QLatin1StringView name, qint64 number);
    void boolMember(QLatin1StringView name, bool flag);
    void listMember(QLatin1StringView name, const QStringList &list);

    const QByteArray &data() const { return m_out; }
    QByteArray take() { return std::move(m_out); }

private:
    void separator();
    void writeString(const QString &text);

    QByteArray m_out;
    std::vector<bool> m_first;
    bool m_afterKey = false;
    Escaping m_escaping;
};

} // namespace Pot::Nats::Internal
