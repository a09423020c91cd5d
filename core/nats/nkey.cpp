#include "nkey.h"

#include "base32.h"
#include "crc16.h"
#include "core/tr.h"

#include <sodium.h>

#include <cstring>

namespace Pot::Nats {

namespace {

bool sodiumReady()
{
    // sodium_init() is idempotent and thread-safe; the static keeps the check to one call.
    static const bool ready = sodium_init() >= 0;
    return ready;
}

/// Wipes a stack buffer when it goes out of scope.
template<std::size_t N>
struct WipedBuffer
{
    unsigned char data[N];
    ~WipedBuffer() { sodium_memzero(data, N); }
};

Error invalidKey(const QString &what)
{
    return Error(ErrorCode::InvalidInput, what);
}

bool isPublicPrefix(quint8 p)
{
    return kindFromPrefixByte(p).has_value();
}

} // namespace

quint8 prefixByte(KeyKind kind)
{
    switch (kind) {
    case KeyKind::Operator: return 14 << 3;
    case KeyKind::Account: return 0;
    case KeyKind::User: return 20 << 3;
    case KeyKind::Server: return 13 << 3;
    case KeyKind::Cluster: return 2 << 3;
    case KeyKind::Curve: return 23 << 3;
    }
    return 0;
}

char prefixChar(KeyKind kind)
{
    switch (kind) {
    case KeyKind::Operator: return 'O';
    case KeyKind::Account: return 'A';
    case KeyKind::User: return 'U';
    case KeyKind::Server: return 'N';
    case KeyKind::Cluster: return 'C';
    case KeyKind::Curve: return 'X';
    }
    return '?';
}

QString kindName(KeyKind kind)
{
    switch (kind) {
    case KeyKind::Operator: return QStringLiteral("operator");
    case KeyKind::Account: return QStringLiteral("account");
    case KeyKind::User: return QStringLiteral("user");
    case KeyKind::Server: return QStringLiteral("server");
    case KeyKind::Cluster: return QStringLiteral("cluster");
    case KeyKind::Curve: return QStringLiteral("curve");
    }
    return {};
}

std::optional<KeyKind> kindFromPrefixByte(quint8 prefix)
{
    switch (prefix) {
    case 14 << 3: return KeyKind::Operator;
    case 0: return KeyKind::Account;
    case 20 << 3: return KeyKind::User;
    case 13 << 3: return KeyKind::Server;
    case 2 << 3: return KeyKind::Cluster;
    case 23 << 3: return KeyKind::Curve;
    default: return std::nullopt;
    }
}

std::optional<KeyKind> kindFromPrefixChar(QChar c)
{
    switch (c.unicode()) {
    case u'O': return KeyKind::Operator;
    case u'A': return KeyKind::Account;
    case u'U': return KeyKind::User;
    case u'N': return KeyKind::Server;
    case u'C': return KeyKind::Cluster;
    case u'X': return KeyKind::Curve;
    default: return std::nullopt;
    }
}

// ---- PublicKey --------------------------------------------------------------------------------

PublicKey::PublicKey(KeyKind kind, const std::array<unsigned char, 32> &raw)
    : m_raw(raw)
    , m_kind(kind)
    , m_valid(true)
{}

Result<PublicKey> PublicKey::fromString(QByteArrayView encoded, std::optional<KeyKind> expected)
{
    if (encoded.size() != PublicKeyLength) {
        if (encoded.size() == SeedLength && encoded.startsWith('S'))
            return invalidKey(Tr::tr("A seed was given where a public key is expected."));
        return invalidKey(Tr::tr("A public nkey has %1 characters; this one has %2.")
                              .arg(PublicKeyLength)
                              .arg(encoded.size()));
    }
    unsigned char buf[36];
    if (Base32::decodeInto(encoded, buf, sizeof buf) != 35)
        return invalidKey(Tr::tr("The public nkey is not valid base32."));
    const quint16 crc = quint16(buf[33] | (buf[34] << 8));
    if (crc16(QByteArrayView(reinterpret_cast<const char *>(buf), 33)) != crc)
        return invalidKey(Tr::tr("The public nkey has a wrong checksum (mistyped or truncated?)."));
    const quint8 prefix = buf[0];
    if (prefix == SeedPrefixByte || prefix == (SeedPrefixByte | 0x07))
        return invalidKey(Tr::tr("A seed was given where a public key is expected."));
    const std::optional<KeyKind> kind = kindFromPrefixByte(prefix);
    if (!kind)
        return invalidKey(Tr::tr("The key does not have a public nkey prefix."));
    if (expected && *expected != *kind)
        return invalidKey(Tr::tr("Expected a %1 key (%2…) but got a %3 key (%4…).")
                              .arg(kindName(*expected), QChar::fromLatin1(prefixChar(*expected)),
                                   kindName(*kind), QChar::fromLatin1(prefixChar(*kind))));
    std::array<unsigned char, 32> raw{};
    std::memcpy(raw.data(), buf + 1, 32);
    return PublicKey(*kind, raw);
}

Result<PublicKey> PublicKey::fromString(const QString &encoded, std::optional<KeyKind> expected)
{
    return fromString(QByteArrayView(encoded.toLatin1()), expected);
}

QByteArray PublicKey::encoded() const
{
    if (!m_valid)
        return {};
    return encodePublicKey(m_kind, QByteArrayView(reinterpret_cast<const char *>(m_raw.data()), 32));
}

bool PublicKey::verify(QByteArrayView message, QByteArrayView signature) const
{
    if (!m_valid || signature.size() != SignatureSize)
        return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char *>(signature.data()),
                                       reinterpret_cast<const unsigned char *>(message.data()),
                                       static_cast<unsigned long long>(message.size()),
                                       m_raw.data())
           == 0;
}

// ---- encoding ---------------------------------------------------------------------------------

QByteArray encodePublicKey(KeyKind kind, QByteArrayView raw32)
{
    if (raw32.size() != 32)
        return {};
    unsigned char buf[35];
    buf[0] = prefixByte(kind);
    std::memcpy(buf + 1, raw32.data(), 32);
    const quint16 crc = crc16(QByteArrayView(reinterpret_cast<const char *>(buf), 33));
    buf[33] = static_cast<unsigned char>(crc & 0xff);
    buf[34] = static_cast<unsigned char>(crc >> 8);
    return Base32::encode(QByteArrayView(reinterpret_cast<const char *>(buf), 35));
}

SecretBytes encodeSeed(KeyKind kind, const SecretBytes &rawSeed)
{
    if (rawSeed.size() != 32)
        return {};
    WipedBuffer<36> buf;
    const quint8 type = prefixByte(kind);
    buf.data[0] = static_cast<unsigned char>(SeedPrefixByte | (type >> 5));
    buf.data[1] = static_cast<unsigned char>((type & 0x1f) << 3);
    std::memcpy(buf.data + 2, rawSeed.constData(), 32);
    const quint16 crc = crc16(QByteArrayView(reinterpret_cast<const char *>(buf.data), 34));
    buf.data[34] = static_cast<unsigned char>(crc & 0xff);
    buf.data[35] = static_cast<unsigned char>(crc >> 8);
    QByteArray text = Base32::encode(QByteArrayView(reinterpret_cast<const char *>(buf.data), 36));
    return SecretBytes::takeFrom(text);
}

Result<std::pair<KeyKind, SecretBytes>> decodeSeed(const SecretBytes &encodedSeed)
{
    QByteArrayView text(reinterpret_cast<const char *>(encodedSeed.constData()),
                        qsizetype(encodedSeed.size()));
    text = text.trimmed();
    if (text.size() != SeedLength) {
        if (text.size() == PublicKeyLength)
            return invalidKey(Tr::tr("A public key was given where a seed is expected."));
        return invalidKey(Tr::tr("An nkey seed has %1 characters; this one has %2.")
                              .arg(SeedLength)
                              .arg(text.size()));
    }
    WipedBuffer<40> buf;
    if (Base32::decodeInto(text, buf.data, 40) != 36)
        return invalidKey(Tr::tr("The seed is not valid base32."));
    const quint16 crc = quint16(buf.data[34] | (buf.data[35] << 8));
    if (crc16(QByteArrayView(reinterpret_cast<const char *>(buf.data), 34)) != crc)
        return invalidKey(Tr::tr("The seed has a wrong checksum (mistyped or truncated?)."));
    if ((buf.data[0] & 0xf8) != SeedPrefixByte)
        return invalidKey(Tr::tr("The text is not an nkey seed (it must start with 'S')."));
    const quint8 type = quint8(((buf.data[0] & 0x07) << 5) | ((buf.data[1] & 0xf8) >> 3));
    if (!isPublicPrefix(type))
        return invalidKey(Tr::tr("The seed has an unknown key role."));
    return std::pair<KeyKind, SecretBytes>(
        *kindFromPrefixByte(type), SecretBytes(reinterpret_cast<const char *>(buf.data + 2), 32));
}

bool looksLikeSeed(QByteArrayView text)
{
    text = text.trimmed();
    return text.size() == SeedLength && text.startsWith('S') && kindFromPrefixChar(QChar::fromLatin1(text.at(1)));
}

bool isValidPublicKey(QByteArrayView text, std::optional<KeyKind> expected)
{
    return PublicKey::fromString(text, expected).ok();
}

// ---- KeyPair ----------------------------------------------------------------------------------

Result<KeyPair> KeyPair::fromRawSeed(KeyKind kind, const SecretBytes &rawSeed)
{
    if (rawSeed.size() != crypto_sign_SEEDBYTES)
        return invalidKey(Tr::tr("An Ed25519 seed has 32 bytes."));
    if (!sodiumReady())
        return Error(ErrorCode::Crypto, Tr::tr("libsodium could not be initialised."));
    std::array<unsigned char, 32> pk{};
    WipedBuffer<crypto_sign_SECRETKEYBYTES> sk;
    if (crypto_sign_seed_keypair(pk.data(), sk.data, rawSeed.constData()) != 0)
        return Error(ErrorCode::Crypto, Tr::tr("Could not derive the Ed25519 key pair."));
    KeyPair kp;
    kp.m_secretKey = SecretBytes(reinterpret_cast<const char *>(sk.data), crypto_sign_SECRETKEYBYTES);
    kp.m_public = PublicKey(kind, pk);
    return kp;
}

Result<KeyPair> KeyPair::fromSeed(const SecretBytes &encodedSeed)
{
    auto decoded = decodeSeed(encodedSeed);
    if (!decoded)
        return decoded.error();
    return fromRawSeed(decoded->first, decoded->second);
}

Result<KeyPair> KeyPair::generate(KeyKind kind)
{
    if (!sodiumReady())
        return Error(ErrorCode::Crypto, Tr::tr("libsodium could not be initialised."));
    WipedBuffer<32> raw;
    randombytes_buf(raw.data, sizeof raw.data);
    return fromRawSeed(kind, SecretBytes(reinterpret_cast<const char *>(raw.data), 32));
}

SecretBytes KeyPair::rawSeed() const
{
    if (m_secretKey.size() != crypto_sign_SECRETKEYBYTES)
        return {};
    return SecretBytes(reinterpret_cast<const char *>(m_secretKey.constData()), 32);
}

SecretBytes KeyPair::seed() const
{
    if (!isValid())
        return {};
    return encodeSeed(kind(), rawSeed());
}

QByteArray KeyPair::sign(QByteArrayView message) const
{
    if (m_secretKey.size() != crypto_sign_SECRETKEYBYTES)
        return {};
    QByteArray sig(SignatureSize, Qt::Uninitialized);
    crypto_sign_detached(reinterpret_cast<unsigned char *>(sig.data()), nullptr,
                         reinterpret_cast<const unsigned char *>(message.data()),
                         static_cast<unsigned long long>(message.size()), m_secretKey.constData());
    return sig;
}

// ---- nonce + base64url --------------------------------------------------------------------------

QByteArray signNonce(const KeyPair &key, QByteArrayView nonce)
{
    const QByteArray sig = key.sign(nonce);
    return sig.isEmpty() ? QByteArray() : base64UrlEncode(sig);
}

bool verifyNonce(const PublicKey &key, QByteArrayView nonce, QByteArrayView signatureText)
{
    std::optional<QByteArray> sig = base64UrlDecode(signatureText);
    if (!sig) {
        auto std = QByteArray::fromBase64Encoding(signatureText.toByteArray(),
                                                  QByteArray::AbortOnBase64DecodingErrors);
        if (!std)
            return false;
        sig = std.decoded;
    }
    return key.verify(nonce, *sig);
}

QByteArray base64UrlEncode(QByteArrayView data)
{
    return data.toByteArray().toBase64(QByteArray::Base64UrlEncoding
                                       | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> base64UrlDecode(QByteArrayView text)
{
    // One pass, no intermediate copies: this sits on the hot path of every JWT decode.
    static constexpr auto table = [] {
        std::array<qint8, 256> t{};
        for (auto &v : t)
            v = -1;
        const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < 64; ++i)
            t[static_cast<unsigned char>(alphabet[i])] = qint8(i);
        return t;
    }();
    if (text.size() % 4 == 1)
        return std::nullopt;
    QByteArray out(text.size() * 3 / 4, Qt::Uninitialized);
    char *dst = out.data();
    quint32 buffer = 0;
    int bits = 0;
    for (const char c : text) {
        const qint8 v = table[static_cast<unsigned char>(c)];
        if (v < 0)
            return std::nullopt;
        buffer = (buffer << 6) | quint32(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            *dst++ = char((buffer >> bits) & 0xff);
        }
    }
    out.truncate(dst - out.constData());
    return out;
}

} // namespace Pot::Nats
