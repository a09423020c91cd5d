#include "jsonslicer.h"

namespace Pot {

namespace {

class Scanner
{
public:
    explicit Scanner(QByteArrayView text)
        : m_text(text)
    {}

    qsizetype pos() const { return m_pos; }
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text.at(m_pos); }
    void advance() { ++m_pos; }

    void skipSpace()
    {
        while (!atEnd()) {
            const char c = m_text.at(m_pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return;
            ++m_pos;
        }
    }

    /// At a '"': moves past the closing quote; the raw content (escapes untouched) in `content`.
    bool skipString(QByteArrayView *content = nullptr)
    {
        if (peek() != '"')
            return false;
        const qsizetype start = ++m_pos;
        while (!atEnd()) {
            const char c = m_text.at(m_pos);
            if (c == '\\') {
                m_pos += 2;
                continue;
            }
            if (c == '"') {
                if (content)
                    *content = m_text.sliced(start, m_pos - start);
                ++m_pos;
                return true;
            }
            ++m_pos;
        }
        return false;
    }

    /// Moves past one value of any kind.
    bool skipValue()
    {
        const char first = peek();
        if (first == '"')
            return skipString();
        if (first == '{' || first == '[') {
            int depth = 0;
            while (!atEnd()) {
                const char c = m_text.at(m_pos);
                if (c == '"') {
                    if (!skipString())
                        return false;
                    continue;
                }
                if (c == '{' || c == '[')
                    ++depth;
                else if (c == '}' || c == ']')
                    --depth;
                ++m_pos;
                if (depth == 0)
                    return true;
            }
            return false;
        }
        const qsizetype start = m_pos;
        while (!atEnd()) {
            const char c = m_text.at(m_pos);
            if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t')
                break;
            ++m_pos;
        }
        return m_pos > start;
    }

    QByteArrayView slice(qsizetype from, qsizetype to) const { return m_text.sliced(from, to - from); }

private:
    QByteArrayView m_text;
    qsizetype m_pos = 0;
};

std::optional<QList<QByteArrayView>> splitArray(Scanner &s)
{
    if (s.peek() != '[')
        return std::nullopt;
    s.advance();
    QList<QByteArrayView> out;
    s.skipSpace();
    if (s.peek() == ']')
        return out;
    for (;;) {
        s.skipSpace();
        const qsizetype start = s.pos();
        if (!s.skipValue())
            return std::nullopt;
        out << s.slice(start, s.pos());
        s.skipSpace();
        if (s.peek() == ',') {
            s.advance();
            continue;
        }
        if (s.peek() == ']')
            return out;
        return std::nullopt;
    }
}

/// At the '{' of an object: walks its members up to `wanted` and leaves `s` at that member's value.
/// False when the object has no such member or is broken before it.
bool seekMember(Scanner &s, QByteArrayView wanted)
{
    s.skipSpace();
    if (s.peek() != '{')
        return false;
    s.advance();
    for (;;) {
        s.skipSpace();
        QByteArrayView name;
        if (!s.skipString(&name))
            return false;
        s.skipSpace();
        if (s.peek() != ':')
            return false;
        s.advance();
        s.skipSpace();
        if (name == wanted)
            return true;
        if (!s.skipValue())
            return false;
        s.skipSpace();
        if (s.peek() != ',')
            return false; // '}' without the member, or garbage
        s.advance();
    }
}

} // namespace

std::optional<QByteArrayView> sliceJsonMember(QByteArrayView body, const QString &key)
{
    Scanner s(body);
    if (!seekMember(s, key.toUtf8()))
        return std::nullopt;
    const qsizetype start = s.pos();
    if (!s.skipValue())
        return std::nullopt;
    return s.slice(start, s.pos());
}

std::optional<QList<QByteArrayView>> sliceJsonArray(QByteArrayView body, const QString &arrayKey)
{
    Scanner s(body);
    s.skipSpace();
    if (arrayKey.isEmpty())
        return splitArray(s);
    if (!seekMember(s, arrayKey.toUtf8()))
        return std::nullopt;
    return splitArray(s);
}

} // namespace Pot
