#pragma once

#include <QByteArray>

#include <cstddef>

namespace Pot {

/// Bytes of a secret (nkey seed, password, refresh token, private key). The buffer is wiped with
/// sodium_memzero when it is released or replaced. There is deliberately no conversion to QString or
/// QByteArray: callers must ask for a view (constData/size) or an explicit copy (revealCopy).
class SecretBytes final
{
public:
    SecretBytes() = default;
    explicit SecretBytes(const QByteArray &bytes);
    SecretBytes(const char *data, std::size_t size);
    SecretBytes(const SecretBytes &other);
    SecretBytes(SecretBytes &&other) noexcept;
    SecretBytes &operator=(const SecretBytes &other);
    SecretBytes &operator=(SecretBytes &&other) noexcept;
    ~SecretBytes();

    /// Takes the bytes of `bytes` and wipes the source array (detaching it first is not possible for
    /// shared data; callers pass arrays they own).
    static SecretBytes takeFrom(QByteArray &bytes);

    bool isEmpty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }
    const unsigned char *constData() const { return m_data; }
    unsigned char *data() { return m_data; }

    /// An explicit copy for an API that needs a QByteArray (e.g. writing to the keychain). The caller
    /// is responsible for wiping it (see wipe()).
    QByteArray revealCopy() const;

    void clear();

    /// Constant-time comparison.
    bool operator==(const SecretBytes &other) const;

    /// Wipes the buffer of `bytes` (every QByteArray sharing it then reads zeros) and empties it.
    static void wipe(QByteArray &bytes);

private:
    void assign(const unsigned char *data, std::size_t size);

    unsigned char *m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace Pot
