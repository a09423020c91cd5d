#include "secretbytes.h"

#include <sodium.h>

#include <cstdlib>
#include <cstring>
#include <utility>

namespace Pot {

SecretBytes::SecretBytes(const QByteArray &bytes)
{
    assign(reinterpret_cast<const unsigned char *>(bytes.constData()), std::size_t(bytes.size()));
}

SecretBytes::SecretBytes(const char *data, std::size_t size)
{
    assign(reinterpret_cast<const unsigned char *>(data), size);
}

SecretBytes::SecretBytes(const SecretBytes &other)
{
    assign(other.m_data, other.m_size);
}

SecretBytes::SecretBytes(SecretBytes &&other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
{}

SecretBytes &SecretBytes::operator=(const SecretBytes &other)
{
    if (this != &other)
        assign(other.m_data, other.m_size);
    return *this;
}

SecretBytes &SecretBytes::operator=(SecretBytes &&other) noexcept
{
    if (this != &other) {
        clear();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

SecretBytes::~SecretBytes()
{
    clear();
}

SecretBytes SecretBytes::takeFrom(QByteArray &bytes)
{
    SecretBytes s(bytes);
    wipe(bytes);
    return s;
}

QByteArray SecretBytes::revealCopy() const
{
    return QByteArray(reinterpret_cast<const char *>(m_data), qsizetype(m_size));
}

void SecretBytes::clear()
{
    if (m_data) {
        sodium_memzero(m_data, m_size);
        std::free(m_data);
    }
    m_data = nullptr;
    m_size = 0;
}

bool SecretBytes::operator==(const SecretBytes &other) const
{
    if (m_size != other.m_size)
        return false;
    if (m_size == 0)
        return true;
    return sodium_memcmp(m_data, other.m_data, m_size) == 0;
}

void SecretBytes::wipe(QByteArray &bytes)
{
    // Wipe the buffer itself, even when other QByteArrays share it: detaching first (what
    // data() does) would wipe a fresh copy and leave the secret in the shared original. Raw data
    // (fromRawData) has no buffer of ours and may be read-only: it is only let go.
    auto &d = bytes.data_ptr();
    if (d.isMutable() && !bytes.isEmpty()) {
        // The free space after the end may still hold secret bytes of an earlier, longer value.
        const std::size_t n = std::size_t(bytes.size() + d.freeSpaceAtEnd());
        sodium_memzero(const_cast<char *>(bytes.constData()), n);
    }
    bytes.clear();
}

void SecretBytes::assign(const unsigned char *data, std::size_t size)
{
    clear();
    if (size == 0)
        return;
    m_data = static_cast<unsigned char *>(std::malloc(size));
    if (!m_data)
        return;
    std::memcpy(m_data, data, size);
    m_size = size;
}

} // namespace Pot
