#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>
#include <vector>

namespace Pot {

/// Compresses small texts against a reference text they mostly repeat: the objects of one
/// Controller list share their keys and many values, so a fog object of ~3 kB becomes a few
/// hundred bytes when coded against another fog. Lists keep their rows' JSON this way.
///
/// Format (all integers LEB128): the decoded size, then tokens until the end. A token byte below
/// 0x80 is a literal run of (byte + 1) bytes that follow. A byte from 0x80 is a copy of
/// (byte - 0x80 + MinMatch) bytes (0xFF: plus a following integer) from a position in the window
/// "reference then the output so far"; the position follows. A copy may overlap its own output.
///
/// Thread-safe after construction: encode() is const and keeps its state on the stack.
class DeltaEncoder final
{
public:
    static constexpr int MinMatch = 5;

    explicit DeltaEncoder(QByteArray reference = {});

    const QByteArray &reference() const { return m_reference; }
    QByteArray encode(QByteArrayView data) const;

private:
    QByteArray m_reference;
    std::vector<quint32> m_table; ///< hash of 6 bytes -> position in the reference + 1 (0: none)
};

/// The text `encoded` stands for, or nullopt when it is corrupt (unknown length, a copy outside
/// the window, a run past the end, more than `maxSize` bytes): never reads out of bounds.
std::optional<QByteArray> deltaDecode(QByteArrayView reference, QByteArrayView encoded,
                                      qsizetype maxSize = 64 * 1024 * 1024);

} // namespace Pot
