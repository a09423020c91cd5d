#include "deltacodec.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace Pot {

namespace {

constexpr int HashBytes = 6;
constexpr int ReferenceBits = 14;
constexpr int OwnBits = 10; // cleared for every text: kept small
constexpr int MaxLiteralRun = 0x80;
constexpr int ExtendedLength = 0x7F;

quint64 hashAt(const char *p)
{
    quint64 v = 0;
    std::memcpy(&v, p, HashBytes);
    return v * 0x9E3779B97F4A7C15ULL;
}

void putVarint(QByteArray &out, quint64 v)
{
    while (v >= 0x80) {
        out.append(char(quint8(v) | 0x80));
        v >>= 7;
    }
    out.append(char(v));
}

std::optional<quint64> readVarint(QByteArrayView in, qsizetype &pos)
{
    quint64 v = 0;
    for (int shift = 0; shift < 63; shift += 7) {
        if (pos >= in.size())
            return std::nullopt;
        const quint8 b = quint8(in[pos++]);
        v |= quint64(b & 0x7F) << shift;
        if (!(b & 0x80))
            return v;
    }
    return std::nullopt;
}

qsizetype commonPrefix(const char *a, const char *b, qsizetype max)
{
    qsizetype n = 0;
    while (n + 8 <= max) {
        quint64 x = 0;
        quint64 y = 0;
        std::memcpy(&x, a + n, 8);
        std::memcpy(&y, b + n, 8);
        if (x != y)
            break;
        n += 8;
    }
    while (n < max && a[n] == b[n])
        ++n;
    return n;
}

void putLiterals(QByteArray &out, const char *from, qsizetype size)
{
    while (size > 0) {
        const qsizetype run = std::min<qsizetype>(size, MaxLiteralRun);
        out.append(char(run - 1));
        out.append(from, run);
        from += run;
        size -= run;
    }
}

} // namespace

DeltaEncoder::DeltaEncoder(QByteArray reference)
    : m_reference(std::move(reference))
    , m_table(size_t(1) << ReferenceBits, 0)
{
    const char *r = m_reference.constData();
    // Earlier positions win: they start the longer runs in a JSON object's key order.
    for (qsizetype i = m_reference.size() - HashBytes; i >= 0; --i)
        m_table[hashAt(r + i) >> (64 - ReferenceBits)] = quint32(i + 1);
}

QByteArray DeltaEncoder::encode(QByteArrayView data) const
{
    const char *d = data.data();
    const qsizetype n = data.size();
    const char *r = m_reference.constData();
    const qsizetype rn = m_reference.size();

    QByteArray out;
    out.reserve(n / 4 + 16);
    putVarint(out, quint64(n));

    std::array<quint32, size_t(1) << OwnBits> own{};
    qsizetype i = 0;
    qsizetype literalsFrom = 0;
    qsizetype misses = 0;
    while (i + HashBytes <= n) {
        const quint64 h = hashAt(d + i);
        qsizetype best = 0;
        qsizetype bestWindowPos = 0;
        if (const quint32 at = m_table[h >> (64 - ReferenceBits)]; at && r[at - 1] == d[i]) {
            const qsizetype pos = at - 1;
            const qsizetype len = commonPrefix(r + pos, d + i, std::min(rn - pos, n - i));
            if (len > best) {
                best = len;
                bestWindowPos = pos;
            }
        }
        quint32 &ownSlot = own[h >> (64 - OwnBits)];
        if (ownSlot && d[ownSlot - 1] == d[i]) {
            const qsizetype pos = ownSlot - 1;
            const qsizetype len = commonPrefix(d + pos, d + i, n - i);
            if (len > best) {
                best = len;
                bestWindowPos = rn + pos;
            }
        }
        ownSlot = quint32(i + 1);
        if (best < MinMatch) {
            // Text unlike anything seen (a signature, a key) is skipped faster the longer it runs.
            i += 1 + (misses++ >> 5);
            continue;
        }
        putLiterals(out, d + literalsFrom, i - literalsFrom);
        const qsizetype extra = best - MinMatch;
        if (extra < ExtendedLength) {
            out.append(char(0x80 | extra));
        } else {
            out.append(char(0xFF));
            putVarint(out, quint64(extra - ExtendedLength));
        }
        putVarint(out, quint64(bestWindowPos));
        // Only the end of a match is remembered: hashing every byte of it cost more than the few
        // extra matches it found (objects mostly repeat the reference, not themselves).
        i += best;
        if (i - 2 + HashBytes <= n)
            own[hashAt(d + i - 2) >> (64 - OwnBits)] = quint32(i - 2 + 1);
        literalsFrom = i;
        misses = 0;
    }
    putLiterals(out, d + literalsFrom, n - literalsFrom);
    out.squeeze();
    return out;
}

std::optional<QByteArray> deltaDecode(QByteArrayView reference, QByteArrayView encoded,
                                      qsizetype maxSize)
{
    qsizetype pos = 0;
    const std::optional<quint64> size = readVarint(encoded, pos);
    if (!size || *size > quint64(maxSize))
        return std::nullopt;
    const qsizetype total = qsizetype(*size);
    const qsizetype rn = reference.size();
    QByteArray out;
    // A corrupt header must not make us allocate its claimed size up front.
    out.reserve(std::min<qsizetype>(total, encoded.size() * 64 + 64));
    while (pos < encoded.size()) {
        const quint8 token = quint8(encoded[pos++]);
        if (token < 0x80) {
            const qsizetype run = qsizetype(token) + 1;
            if (run > encoded.size() - pos || run > total - out.size())
                return std::nullopt;
            out.append(encoded.data() + pos, run);
            pos += run;
            continue;
        }
        quint64 length = quint64(token & 0x7F);
        if (length == ExtendedLength) {
            const std::optional<quint64> more = readVarint(encoded, pos);
            if (!more || *more > quint64(total))
                return std::nullopt;
            length += *more;
        }
        length += DeltaEncoder::MinMatch;
        const std::optional<quint64> from = readVarint(encoded, pos);
        if (!from || length > quint64(total - out.size()) || *from >= quint64(rn + out.size()))
            return std::nullopt;
        qsizetype src = qsizetype(*from);
        qsizetype left = qsizetype(length);
        if (src < rn) { // the part that lies in the reference
            const qsizetype chunk = std::min(left, rn - src);
            out.append(reference.data() + src, chunk);
            src += chunk;
            left -= chunk;
        }
        // The rest comes from the output and may overlap what this copy writes: byte by byte.
        for (src -= rn; left > 0; --left, ++src)
            out.append(out.at(src));
    }
    if (out.size() != total)
        return std::nullopt;
    return out;
}

} // namespace Pot
