#pragma once

#include <QByteArrayView>

namespace Pot::Nats {

/// CRC-16/XMODEM (poly 0x1021, init 0, no reflection) as nkeys computes it over prefix + key.
quint16 crc16(QByteArrayView data);

} // namespace Pot::Nats
