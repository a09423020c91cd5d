#pragma once

#include "core/result.h"
#include "core/secretbytes.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace Pot::X509 {

/// The most a certificate file may take before it is refused unread (a CA bundle of a whole
/// distribution is about 220 KB; 50 MB of anything is not a certificate the console shows).
constexpr qint64 MaxFileBytes = 8 * 1024 * 1024;

enum class KeyType { Rsa, Ec, Ed25519, Ed448, Dsa, Other };

/// Everything the console shows of one X.509 certificate, read by OpenSSL from its DER encoding.
/// Names and algorithm texts are those `openssl x509 -text` prints.
struct Certificate
{
    QByteArray der;              ///< the certificate itself (PEM/DER exports start from this)
    QString subject;             ///< RFC 2253 one line, UTF-8 kept: "CN=leaf,O=Example"
    QString issuer;
    QString commonName;          ///< the subject's last CN, or empty
    QString serialHex;           ///< upper-case hex without separators, as `openssl x509 -serial`
    QDateTime notBefore;         ///< UTC
    QDateTime notAfter;          ///< UTC
    KeyType keyType = KeyType::Other;
    int keyBits = 0;
    QString curve;               ///< EC: the NIST name where there is one ("P-256"), else the OID's short name
    QString keyAlgorithm;        ///< "RSA 2048 bit", "EC P-256", "Ed25519"
    QString signatureAlgorithm;  ///< "sha256WithRSAEncryption", "ecdsa-with-SHA256", "ED25519"
    QStringList dnsNames;        ///< subject alternative names, in certificate order
    QStringList ipAddresses;     ///< as QHostAddress writes them ("10.0.0.1", "::1")
    QStringList emails;
    QStringList uris;
    QStringList keyUsage;        ///< "Digital Signature", "Certificate Sign", …
    QStringList extendedKeyUsage; ///< "TLS Web Server Authentication", or the OID when unnamed
    bool hasBasicConstraints = false;
    bool isCa = false;
    std::optional<int> pathLength; ///< a CA's pathlen constraint, when it has one
    QString subjectKeyId;        ///< "AB:CD:…", empty when absent
    QString authorityKeyId;
    QString sha256;              ///< "AB:CD:…" of the DER encoding
    QString sha1;
    bool selfIssued = false;     ///< subject == issuer (a root or a self-signed leaf)

    /// Lifetime in whole days (rounded down), days elapsed at `now` (0 before it starts, the lifetime
    /// after it ends) and days remaining (rounded up as the Controller does; 0 once expired).
    int daysTotal() const;
    int daysElapsed(const QDateTime &now) const;
    int daysRemaining(const QDateTime &now) const;
    /// Fraction of the lifetime passed at `now`, 0 … 1.
    double lifetimeUsed(const QDateTime &now) const;
    bool expired(const QDateTime &now) const { return now > notAfter; }
    bool notYetValid(const QDateTime &now) const { return now < notBefore; }
    QByteArray pem() const;
};

/// A private key, held by OpenSSL and never turned into text by this API except on export.
class PrivateKey
{
public:
    PrivateKey() = default;
    bool isNull() const { return !m_key; }
    /// "RSA 2048 bit", "EC P-256", … (as Certificate::keyAlgorithm).
    QString algorithm() const;
    /// Whether `certificate` carries this key's public half.
    bool matches(const Certificate &certificate) const;

private:
    friend struct KeyAccess;
    std::shared_ptr<void> m_key; ///< EVP_PKEY
};

/// What a file held: its certificates in file order (a PKCS#12's own certificate first, then its
/// CA certificates), and a private key when it had one.
struct Bundle
{
    enum class Format { Pem, Der, Pkcs12 };
    Format format = Format::Pem;
    QList<Certificate> certificates;
    PrivateKey key;
    /// The index of the certificate `key` belongs to, or -1 (no key, or none of them).
    int keyCertificate() const;
};

/// Reads PEM (one or more certificates, and any private key among them), DER or PKCS#12 (with
/// `password`, or an empty/absent one). Errors name what is wrong: not a certificate, truncated,
/// wrong password; the OpenSSL error queue is in the detail.
Result<Bundle> readBundle(const QByteArray &data, const SecretBytes &password = {});
/// Reads a file of at most MaxFileBytes with readBundle().
Result<Bundle> readFile(const QString &path, const SecretBytes &password = {});
/// A PEM private key (PKCS#1, PKCS#8, SEC1; encrypted ones with `password`).
Result<PrivateKey> readPrivateKey(const QByteArray &pem, const SecretBytes &password = {});

/// One step of a chain from a leaf towards its root.
struct ChainLink
{
    Certificate certificate;
    /// Whether the next link's key verifies this certificate's signature (for the last link: its
    /// own key, when it is self-issued). False when no issuer was found.
    bool signatureVerified = false;
    QString problem; ///< why not verified, in words; empty when verified
};

/// The chain of `leaf` built from `pool` by issuer name and key identifier, leaf first, each
/// signature verified with its issuer's key. Stops at a self-issued certificate or where no
/// issuer is in the pool (that link then says so).
QList<ChainLink> buildChain(const Certificate &leaf, const QList<Certificate> &pool);

/// One labelled line of a certificate's description (the GUI's detail and the CLI's text).
struct Field
{
    QString label;
    QString value;
    bool warning = false; ///< expired, not yet valid, a signature that does not verify
};
/// Everything of `c` in reading order, dates as UTC ISO text with their day counts at `now`.
QList<Field> fieldsOf(const Certificate &c, const QDateTime &now);
/// `c` as JSON for scripts: the CA flag is `ca`, the expiry state `expired` (see pot-console-cli
/// cert inspect --help).
QJsonObject toJson(const Certificate &c, const QDateTime &now);

/// Exports. PKCS#12 uses OpenSSL 3's defaults (AES-256-CBC, PBKDF2, SHA-256 MAC).
QByteArray toPem(const QList<Certificate> &certificates);
Result<QByteArray> toPkcs12(const Certificate &certificate, const PrivateKey &key,
                            const QList<Certificate> &caCertificates, const SecretBytes &password,
                            const QString &friendlyName = {});
/// The private key as unencrypted PKCS#8 PEM, in a buffer that wipes itself.
Result<SecretBytes> privateKeyPem(const PrivateKey &key);

} // namespace Pot::X509
