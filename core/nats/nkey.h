#pragma once

#include "core/result.h"
#include "core/secretbytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <array>
#include <optional>

namespace Pot::Nats {

/// Role of an nkey; fixes its one-byte prefix and first character (nkeys strkey.go).
enum class KeyKind : quint8 {
    Operator, ///< 'O', 14 << 3
    Account,  ///< 'A', 0
    User,     ///< 'U', 20 << 3
    Server,   ///< 'N', 13 << 3
    Cluster,  ///< 'C', 2 << 3
    Curve,    ///< 'X', 23 << 3 (x25519 xkeys; encodable, not usable for signing)
};

inline constexpr quint8 SeedPrefixByte = 18 << 3;    ///< 'S'
inline constexpr quint8 PrivatePrefixByte = 15 << 3; ///< 'P'
inline constexpr int PublicKeyLength = 56;           ///< encoded public key characters
inline constexpr int SeedLength = 58;                ///< encoded seed characters
inline constexpr int SignatureSize = 64;

quint8 prefixByte(KeyKind kind);
char prefixChar(KeyKind kind);
/// "operator", "account", "user", "server", "cluster", "curve".
QString kindName(KeyKind kind);
std::optional<KeyKind> kindFromPrefixByte(quint8 prefix);
/// The kind a public key's first character announces, without checking the rest.
std::optional<KeyKind> kindFromPrefixChar(QChar c);

/// A decoded public nkey: role + 32 raw Ed25519 bytes.
class PublicKey final
{
public:
    PublicKey() = default;
    PublicKey(KeyKind kind, const std::array<unsigned char, 32> &raw);

    /// Decodes "O…"/"A…"/"U…"/… (56 chars): base32, CRC16, prefix. With `expected`, the kind must match.
    static Result<PublicKey> fromString(QByteArrayView encoded,
                                        std::optional<KeyKind> expected = std::nullopt);
    static Result<PublicKey> fromString(const QString &encoded,
                                        std::optional<KeyKind> expected = std::nullopt);

    bool isValid() const { return m_valid; }
    KeyKind kind() const { return m_kind; }
    const std::array<unsigned char, 32> &raw() const { return m_raw; }
    QByteArray encoded() const;
    QString toString() const { return QString::fromLatin1(encoded()); }

    /// Ed25519 verification of a 64-byte raw signature (libsodium).
    bool verify(QByteArrayView message, QByteArrayView signature) const;

    friend bool operator==(const PublicKey &a, const PublicKey &b)
    {
        return a.m_valid == b.m_valid && a.m_kind == b.m_kind && a.m_raw == b.m_raw;
    }

private:
    std::array<unsigned char, 32> m_raw{};
    KeyKind m_kind = KeyKind::Account;
    bool m_valid = false;
};

/// An nkey pair. The secret lives only in SecretBytes (wiped); there is no implicit conversion of
/// the seed to text, and seed() hands out SecretBytes.
class KeyPair final
{
public:
    KeyPair() = default;

    /// From an encoded seed ("SO…", "SA…", "SU…", …; surrounding whitespace is ignored).
    static Result<KeyPair> fromSeed(const SecretBytes &encodedSeed);
    /// From 32 raw Ed25519 seed bytes and a role.
    static Result<KeyPair> fromRawSeed(KeyKind kind, const SecretBytes &rawSeed);
    /// A new random key pair (libsodium randombytes).
    static Result<KeyPair> generate(KeyKind kind);

    bool isValid() const { return m_public.isValid(); }
    KeyKind kind() const { return m_public.kind(); }
    const PublicKey &publicKey() const { return m_public; }
    QString publicKeyString() const { return m_public.toString(); }

    /// Encoded seed text ("SU…", 58 bytes).
    SecretBytes seed() const;
    /// The 32 raw Ed25519 seed bytes.
    SecretBytes rawSeed() const;

    /// Deterministic Ed25519 signature (64 raw bytes). Empty when the pair is not valid.
    QByteArray sign(QByteArrayView message) const;

private:
    SecretBytes m_secretKey; ///< libsodium 64-byte secret key (seed || public key)
    PublicKey m_public;
};

/// Encodes a public key: prefix || key || crc16(LE), base32 without padding.
QByteArray encodePublicKey(KeyKind kind, QByteArrayView raw32);
/// Encodes a raw 32-byte seed with the two-byte seed prefix; the result is secret.
SecretBytes encodeSeed(KeyKind kind, const SecretBytes &rawSeed);
/// Decodes an encoded seed into its role and 32 raw bytes.
Result<std::pair<KeyKind, SecretBytes>> decodeSeed(const SecretBytes &encodedSeed);

/// True for text that has the shape of an encoded seed (starts with 'S' + a role letter, 58 chars).
bool looksLikeSeed(QByteArrayView text);
/// True when `text` decodes as a public key (optionally of the given kind).
bool isValidPublicKey(QByteArrayView text, std::optional<KeyKind> expected = std::nullopt);

/// Signature for the CONNECT "sig" field: Ed25519 over the server nonce, base64url without padding.
QByteArray signNonce(const KeyPair &key, QByteArrayView nonce);
/// Verifies a CONNECT signature; like nats-server, accepts base64url and standard base64.
bool verifyNonce(const PublicKey &key, QByteArrayView nonce, QByteArrayView signatureText);

/// Base64url without padding (JWT segments, signatures).
QByteArray base64UrlEncode(QByteArrayView data);
/// Strict base64url decoding without padding: only [A-Za-z0-9_-], no '='. std::nullopt on error.
std::optional<QByteArray> base64UrlDecode(QByteArrayView text);

} // namespace Pot::Nats
