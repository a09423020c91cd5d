#include "base32.h"

#include "core/tr.h"

#include <array>

namespace Pot::Nats::Base32 {

namespace {

constexpr char s_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

constexpr std::array<qint8, 256> makeReverse()
{
    std::array<qint8, 256> rev{};
    for (auto &v : rev)
        v = -1;
    for (int i = 0; i < 32; ++i)
        rev[static_cast<unsigned char>(s_alphabet[i])] = qint8(i);
    return rev;
}

constexpr std::array<qint8, 256> s_reverse = makeReverse();

} // namespace

QByteArray encode(QByteArrayView data)
{
    QByteArray out;
    out.reserve((data.size() * 8 + 4) / 5);
    quint32 buffer = 0;
    int bits = 0;
    for (const char c : data) {
        buffer = (buffer << 8) | static_cast<unsigned char>(c);
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out.append(s_alphabet[(buffer >> bits) & 0x1f]);
        }
    }
    if (bits > 0)
        out.append(s_alphabet[(buffer << (5 - bits)) & 0x1f]);
    return out;
}

qsizetype decodeInto(QByteArrayView text, unsigned char *out, qsizetype capacity)
{
    // Lengths 1, 3 and 6 mod 8 cannot come from whole bytes.
    const qsizetype rem = text.size() % 8;
    if (rem == 1 || rem == 3 || rem == 6)
        return -1;
    quint32 buffer = 0;
    int bits = 0;
    qsizetype n = 0;
    for (const char c : text) {
        const qint8 v = s_reverse[static_cast<unsigned char>(c)];
        if (v < 0)
            return -1;
        buffer = (buffer << 5) | quint32(v);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            if (n >= capacity)
                return -1;
            out[n++] = static_cast<unsigned char>((buffer >> bits) & 0xff);
        }
    }
    if (bits > 0 && (buffer & ((1u << bits) - 1)) != 0)
        return -1;
    return n;
}

Result<QByteArray> decode(QByteArrayView text)
{
    QByteArray out(text.size() * 5 / 8 + 1, Qt::Uninitialized);
    const qsizetype n = decodeInto(text, reinterpret_cast<unsigned char *>(out.data()), out.size());
    if (n < 0)
        return Error(ErrorCode::InvalidInput, Tr::tr("The text is not valid base32."));
    out.truncate(n);
    return out;
}

} // namespace Pot::Nats::Base32
