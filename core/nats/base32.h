#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace Pot::Nats::Base32 {

/// RFC 4648 base32, standard alphabet, upper case, no '=' padding (what nkeys writes).
QByteArray encode(QByteArrayView data);

/// Strict inverse of encode(): upper-case alphabet only, no padding, no whitespace, and the unused
/// low bits of the last character must be zero (as Go's decoder requires).
Result<QByteArray> decode(QByteArrayView text);

/// Decodes into a caller-owned buffer (no allocation); returns the number of bytes written or -1
/// when the text is not valid base32 or does not fit.
qsizetype decodeInto(QByteArrayView text, unsigned char *out, qsizetype capacity);

} // namespace Pot::Nats::Base32
