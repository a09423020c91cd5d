#include "crc16.h"

#include <array>

namespace Pot::Nats {

namespace {

constexpr std::array<quint16, 256> makeTable()
{
    std::array<quint16, 256> table{};
    for (int i = 0; i < 256; ++i) {
        quint16 crc = quint16(i << 8);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 0x8000) ? quint16((crc << 1) ^ 0x1021) : quint16(crc << 1);
        table[std::size_t(i)] = crc;
    }
    return table;
}

constexpr std::array<quint16, 256> s_table = makeTable();

} // namespace

quint16 crc16(QByteArrayView data)
{
    quint16 crc = 0;
    for (const char c : data) {
        const auto b = static_cast<unsigned char>(c);
        crc = quint16(((crc << 8) & 0xffff) ^ s_table[((crc >> 8) ^ b) & 0xff]);
    }
    return crc;
}

} // namespace Pot::Nats
