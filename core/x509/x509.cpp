#include "x509.h"
#include "openssl.h"

#include "core/tr.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QSet>
#include <QTimeZone>

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cmath>
#include <cstring>

// OpenSSL's stack macros name the type X509, which inside Pot::X509 means the namespace: they are
// wrapped here, outside it.
namespace {
STACK_OF(X509) *newCertStack() { return sk_X509_new_null(); }
int certStackSize(const STACK_OF(X509) *s) { return sk_X509_num(s); }
X509 *certAt(const STACK_OF(X509) *s, int i) { return sk_X509_value(s, i); }
int pushCert(STACK_OF(X509) *s, X509 *x) { return sk_X509_push(s, x); }
void freeCertStack(STACK_OF(X509) *s) { sk_X509_pop_free(s, X509_free); }
} // namespace

namespace Pot::X509 {

namespace {
QString tr(const char *text) { return Tr::tr(text); }
} // namespace

struct KeyAccess
{
    static EVP_PKEY *get(const PrivateKey &k) { return static_cast<EVP_PKEY *>(k.m_key.get()); }
    static PrivateKey adopt(EVP_PKEY *key)
    {
        PrivateKey k;
        k.m_key = std::shared_ptr<void>(key, [](void *p) { EVP_PKEY_free(static_cast<EVP_PKEY *>(p)); });
        return k;
    }
};

namespace {

/// The password with a terminating NUL, built at its final size (appending to a copy could leave
/// the password in a buffer realloc frees). The caller wipes it.
QByteArray nulTerminated(const SecretBytes &password)
{
    QByteArray out(qsizetype(password.size()) + 1, '\0');
    if (password.size() > 0)
        std::memcpy(out.data(), password.constData(), password.size());
    return out;
}

// RAII owners for the OpenSSL objects used here (the shared ones in openssl.h).
using OpenSsl::Deleter;
using OpenSsl::X509Ptr;
using OpenSsl::BioPtr;
using OpenSsl::BignumPtr;
using OpenSsl::failure;
using OpenSsl::takeErrors;
using Pkcs12Ptr = std::unique_ptr<PKCS12, Deleter<PKCS12_free>>;
using NamesPtr = std::unique_ptr<GENERAL_NAMES, Deleter<GENERAL_NAMES_free>>;
using ConstraintsPtr = std::unique_ptr<BASIC_CONSTRAINTS, Deleter<BASIC_CONSTRAINTS_free>>;

using X509StackPtr = std::unique_ptr<STACK_OF(X509), Deleter<freeCertStack>>;
void freeObjects(STACK_OF(ASN1_OBJECT) *s) { sk_ASN1_OBJECT_pop_free(s, ASN1_OBJECT_free); }
using ObjectStackPtr = std::unique_ptr<STACK_OF(ASN1_OBJECT), Deleter<freeObjects>>;
void freeOpenSslString(char *s) { OPENSSL_free(s); }
using OpenSslString = std::unique_ptr<char, Deleter<freeOpenSslString>>;

QString bioText(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? QString::fromUtf8(data, qsizetype(size)) : QString();
}

QString nameText(const X509_NAME *name)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0)
        return {};
    return bioText(bio.get());
}

QString asn1Utf8(const ASN1_STRING *s)
{
    unsigned char *out = nullptr;
    const int n = ASN1_STRING_to_UTF8(&out, s);
    if (n < 0)
        return {};
    QString text = QString::fromUtf8(reinterpret_cast<const char *>(out), n);
    OPENSSL_free(out);
    return text;
}

QString commonNameOf(const X509_NAME *name)
{
    int last = -1;
    for (int i = X509_NAME_get_index_by_NID(name, NID_commonName, -1); i >= 0;
         i = X509_NAME_get_index_by_NID(name, NID_commonName, i))
        last = i;
    if (last < 0)
        return {};
    return asn1Utf8(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, last)));
}

QString hexColons(const unsigned char *data, int size)
{
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(data), size).toHex(':').toUpper());
}

QDateTime timeOf(const ASN1_TIME *t)
{
    struct tm tm{};
    if (!t || ASN1_TIME_to_tm(t, &tm) != 1)
        return {};
    return QDateTime(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
                     QTime(tm.tm_hour, tm.tm_min, tm.tm_sec), QTimeZone::utc());
}

QString objectText(const ASN1_OBJECT *object)
{
    char buffer[128];
    const int n = OBJ_obj2txt(buffer, sizeof buffer, object, 0); // long name where known, as openssl prints
    return n > 0 ? QString::fromLatin1(buffer, std::min<int>(n, int(sizeof buffer) - 1)) : QString();
}

QString keyAlgorithmOf(EVP_PKEY *key, KeyType *type, int *bits, QString *curve)
{
    *bits = EVP_PKEY_get_bits(key);
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS:
        *type = KeyType::Rsa;
        return QStringLiteral("RSA %1 bit").arg(*bits);
    case EVP_PKEY_EC: {
        *type = KeyType::Ec;
        char group[64] = {};
        size_t length = 0;
        if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &length) == 1) {
            const char *nist = EC_curve_nid2nist(OBJ_sn2nid(group));
            *curve = QString::fromLatin1(nist ? nist : group);
        }
        return curve->isEmpty() ? QStringLiteral("EC %1 bit").arg(*bits) : QStringLiteral("EC %1").arg(*curve);
    }
    case EVP_PKEY_ED25519:
        *type = KeyType::Ed25519;
        return QStringLiteral("Ed25519");
    case EVP_PKEY_ED448:
        *type = KeyType::Ed448;
        return QStringLiteral("Ed448");
    case EVP_PKEY_DSA:
        *type = KeyType::Dsa;
        return QStringLiteral("DSA %1 bit").arg(*bits);
    default:
        *type = KeyType::Other;
        return QString::fromLatin1(OBJ_nid2ln(EVP_PKEY_get_base_id(key)));
    }
}

QStringList keyUsageOf(::X509 *x)
{
    if (!(X509_get_extension_flags(x) & EXFLAG_KUSAGE))
        return {};
    const uint32_t usage = X509_get_key_usage(x);
    static const struct
    {
        uint32_t bit;
        const char *name; // as `openssl x509 -text` prints them
    } names[] = {{KU_DIGITAL_SIGNATURE, "Digital Signature"}, {KU_NON_REPUDIATION, "Non Repudiation"},
                 {KU_KEY_ENCIPHERMENT, "Key Encipherment"},   {KU_DATA_ENCIPHERMENT, "Data Encipherment"},
                 {KU_KEY_AGREEMENT, "Key Agreement"},         {KU_KEY_CERT_SIGN, "Certificate Sign"},
                 {KU_CRL_SIGN, "CRL Sign"},                   {KU_ENCIPHER_ONLY, "Encipher Only"},
                 {KU_DECIPHER_ONLY, "Decipher Only"}};
    QStringList out;
    for (const auto &n : names) {
        if (usage & n.bit)
            out << QString::fromLatin1(n.name);
    }
    return out;
}

void readNames(::X509 *x, Certificate &c)
{
    NamesPtr names(static_cast<GENERAL_NAMES *>(X509_get_ext_d2i(x, NID_subject_alt_name, nullptr, nullptr)));
    if (!names)
        return;
    for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
        const GENERAL_NAME *n = sk_GENERAL_NAME_value(names.get(), i);
        switch (n->type) {
        case GEN_DNS:
            c.dnsNames << asn1Utf8(n->d.dNSName);
            break;
        case GEN_EMAIL:
            c.emails << asn1Utf8(n->d.rfc822Name);
            break;
        case GEN_URI:
            c.uris << asn1Utf8(n->d.uniformResourceIdentifier);
            break;
        case GEN_IPADD: {
            const ASN1_OCTET_STRING *ip = n->d.iPAddress;
            const unsigned char *bytes = ASN1_STRING_get0_data(ip);
            if (ASN1_STRING_length(ip) == 4) {
                c.ipAddresses << QHostAddress(quint32(bytes[0]) << 24 | quint32(bytes[1]) << 16
                                              | quint32(bytes[2]) << 8 | quint32(bytes[3]))
                                     .toString();
            } else if (ASN1_STRING_length(ip) == 16) {
                c.ipAddresses << QHostAddress(bytes).toString();
            } else {
                c.ipAddresses << hexColons(bytes, ASN1_STRING_length(ip)); // a name constraint's range
            }
            break;
        }
        default:
            break;
        }
    }
}

std::optional<Certificate> describe(::X509 *x)
{
    Certificate c;
    const int derSize = i2d_X509(x, nullptr);
    if (derSize <= 0)
        return std::nullopt;
    c.der.resize(derSize);
    auto *out = reinterpret_cast<unsigned char *>(c.der.data());
    i2d_X509(x, &out);
    // Fills OpenSSL's cached extension data (key usage, key identifiers, CA flag).
    X509_check_purpose(x, -1, 0);

    c.subject = nameText(X509_get_subject_name(x));
    c.issuer = nameText(X509_get_issuer_name(x));
    c.commonName = commonNameOf(X509_get_subject_name(x));
    c.selfIssued = X509_NAME_cmp(X509_get_subject_name(x), X509_get_issuer_name(x)) == 0;
    if (BignumPtr serial{ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), nullptr)}) {
        OpenSslString hex(BN_bn2hex(serial.get()));
        c.serialHex = QString::fromLatin1(hex.get());
    }
    c.notBefore = timeOf(X509_get0_notBefore(x));
    c.notAfter = timeOf(X509_get0_notAfter(x));
    if (EVP_PKEY *key = X509_get0_pubkey(x))
        c.keyAlgorithm = keyAlgorithmOf(key, &c.keyType, &c.keyBits, &c.curve);
    const X509_ALGOR *signature = nullptr;
    X509_get0_signature(nullptr, &signature, x);
    const ASN1_OBJECT *signatureObject = nullptr;
    X509_ALGOR_get0(&signatureObject, nullptr, nullptr, signature);
    c.signatureAlgorithm = objectText(signatureObject);
    readNames(x, c);
    c.keyUsage = keyUsageOf(x);
    if (ObjectStackPtr eku{static_cast<STACK_OF(ASN1_OBJECT) *>(
            X509_get_ext_d2i(x, NID_ext_key_usage, nullptr, nullptr))}) {
        for (int i = 0; i < sk_ASN1_OBJECT_num(eku.get()); ++i)
            c.extendedKeyUsage << objectText(sk_ASN1_OBJECT_value(eku.get(), i));
    }
    if (ConstraintsPtr bc{static_cast<BASIC_CONSTRAINTS *>(
            X509_get_ext_d2i(x, NID_basic_constraints, nullptr, nullptr))}) {
        c.hasBasicConstraints = true;
        c.isCa = bc->ca != 0;
        if (bc->pathlen)
            c.pathLength = int(ASN1_INTEGER_get(bc->pathlen));
    }
    if (const ASN1_OCTET_STRING *id = X509_get0_subject_key_id(x))
        c.subjectKeyId = hexColons(ASN1_STRING_get0_data(id), ASN1_STRING_length(id));
    if (const ASN1_OCTET_STRING *id = X509_get0_authority_key_id(x))
        c.authorityKeyId = hexColons(ASN1_STRING_get0_data(id), ASN1_STRING_length(id));
    c.sha256 = hexColons(reinterpret_cast<const unsigned char *>(
                             QCryptographicHash::hash(c.der, QCryptographicHash::Sha256).constData()),
                         32);
    c.sha1 = hexColons(reinterpret_cast<const unsigned char *>(
                           QCryptographicHash::hash(c.der, QCryptographicHash::Sha1).constData()),
                       20);
    ERR_clear_error();
    return c;
}

X509Ptr parseDer(const QByteArray &der)
{
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    return X509Ptr(d2i_X509(nullptr, &p, long(der.size())));
}

int passwordCallback(char *buffer, int size, int, void *user)
{
    const auto *password = static_cast<const SecretBytes *>(user);
    if (!password || int(password->size()) > size)
        return -1;
    std::memcpy(buffer, password->constData(), password->size());
    return int(password->size());
}

/// The declared length of a DER SEQUENCE at the start of `data` (header included), or -1.
qint64 derLength(const QByteArray &data)
{
    if (data.size() < 2 || quint8(data.at(0)) != 0x30)
        return -1;
    const quint8 first = quint8(data.at(1));
    if (first < 0x80)
        return 2 + first;
    if (first == 0x80) // BER indefinite length (NSS writes PKCS#12 so): the parsers decide
        return data.size();
    const int bytes = first & 0x7f;
    if (bytes == 0 || bytes > 4 || data.size() < 2 + bytes)
        return -1;
    qint64 length = 0;
    for (int i = 0; i < bytes; ++i)
        length = (length << 8) | quint8(data.at(2 + i));
    return 2 + bytes + length;
}

Result<Bundle> readPem(const QByteArray &data, const SecretBytes &password)
{
    Bundle bundle;
    bundle.format = Bundle::Format::Pem;
    BioPtr bio(BIO_new_mem_buf(data.constData(), int(data.size())));
    int block = 0;
    QStringList skipped;
    for (;;) {
        char *name = nullptr;
        char *header = nullptr;
        unsigned char *body = nullptr;
        long length = 0;
        ERR_clear_error();
        if (PEM_read_bio(bio.get(), &name, &header, &body, &length) != 1) {
            const unsigned long e = ERR_peek_last_error();
            if (ERR_GET_LIB(e) == ERR_LIB_PEM && ERR_GET_REASON(e) == PEM_R_NO_START_LINE && block > 0) {
                ERR_clear_error(); // the end of the text
                break;
            }
            return failure(ErrorCode::InvalidInput,
                           block == 0 ? tr("PEM block 1 is truncated or damaged: nothing could be read.")
                                      : tr("PEM block %1 is truncated or damaged (after %2 readable block(s)).")
                                            .arg(block + 1)
                                            .arg(block));
        }
        ++block;
        const QString type = QString::fromLatin1(name);
        const bool encrypted = header && *header;
        OPENSSL_free(name);
        OPENSSL_free(header);
        if (type == u"CERTIFICATE" || type == u"TRUSTED CERTIFICATE" || type == u"X509 CERTIFICATE") {
            const unsigned char *p = body;
            X509Ptr x(type == u"TRUSTED CERTIFICATE" ? d2i_X509_AUX(nullptr, &p, length) : d2i_X509(nullptr, &p, length));
            OPENSSL_free(body);
            std::optional<Certificate> c = x ? describe(x.get()) : std::nullopt;
            if (!c)
                return failure(ErrorCode::InvalidInput,
                               tr("PEM block %1 says CERTIFICATE but is not a valid certificate.").arg(block));
            bundle.certificates << *c;
        } else if (type.endsWith(u"PRIVATE KEY")) {
            // PEM_read_bio gave the DER only: the key is read again from its block of the original
            // text (an encrypted one with the password; legacy encryption lives in its headers).
            OPENSSL_clear_free(body, size_t(length));
            BioPtr one(BIO_new_mem_buf(data.constData(), int(data.size())));
            for (int skip = 1; skip < block; ++skip) {
                char *n = nullptr;
                char *h = nullptr;
                unsigned char *b = nullptr;
                long l = 0;
                PEM_read_bio(one.get(), &n, &h, &b, &l);
                OPENSSL_free(n);
                OPENSSL_free(h);
                OPENSSL_clear_free(b, size_t(l));
            }
            if (!bundle.key.isNull())
                return Error(ErrorCode::InvalidInput, tr("The file holds more than one private key."));
            EVP_PKEY *key = PEM_read_bio_PrivateKey(one.get(), nullptr, passwordCallback,
                                                    const_cast<SecretBytes *>(&password));
            if (!key) {
                if (encrypted || type == u"ENCRYPTED PRIVATE KEY")
                    return failure(ErrorCode::Crypto,
                                   password.isEmpty() ? tr("The private key is encrypted: give its password.")
                                                      : tr("The password does not open the private key."));
                return failure(ErrorCode::InvalidInput, tr("PEM block %1 is not a readable private key.").arg(block));
            }
            bundle.key = KeyAccess::adopt(key);
        } else {
            OPENSSL_free(body);
            skipped << type;
        }
    }
    ERR_clear_error();
    if (bundle.certificates.isEmpty() && bundle.key.isNull()) {
        return Error(ErrorCode::InvalidInput,
                     tr("The PEM text holds no certificate or private key (found: %1).").arg(skipped.join(u", ")));
    }
    return bundle;
}

Result<Bundle> readPkcs12(PKCS12 *p12, const SecretBytes &password)
{
    // No password given: try none, then the empty one, as `openssl pkcs12` does.
    QByteArray pass;
    if (!password.isEmpty()) {
        pass = nulTerminated(password);
    } else if (!PKCS12_mac_present(p12) || PKCS12_verify_mac(p12, nullptr, 0) == 1) {
        pass = QByteArray(); // none
    } else {
        pass = QByteArray("", 1); // the empty password
    }
    const char *passText = pass.isEmpty() ? nullptr : pass.constData();
    const int passLength = passText ? int(std::strlen(passText)) : 0;
    if (PKCS12_mac_present(p12) && PKCS12_verify_mac(p12, passText, passLength) != 1) {
        SecretBytes::wipe(pass);
        return failure(ErrorCode::Crypto, password.isEmpty()
                                              ? tr("This PKCS#12 file is protected by a password: give it.")
                                              : tr("The password does not open this PKCS#12 file."));
    }
    EVP_PKEY *key = nullptr;
    ::X509 *cert = nullptr;
    STACK_OF(X509) *ca = nullptr;
    const int ok = PKCS12_parse(p12, passText, &key, &cert, &ca);
    SecretBytes::wipe(pass);
    X509Ptr certOwner(cert);
    X509StackPtr caOwner(ca);
    if (ok != 1) {
        bool unsupported = false;
        bool decryptFailed = false;
        for (unsigned long e = 0; (e = ERR_peek_error()) != 0;) {
            const int reason = ERR_GET_REASON(e);
            unsupported = unsupported || reason == ERR_R_UNSUPPORTED || reason == EVP_R_UNSUPPORTED_ALGORITHM;
            decryptFailed = decryptFailed || reason == EVP_R_BAD_DECRYPT || reason == PKCS12_R_PKCS12_CIPHERFINAL_ERROR;
            (void)ERR_get_error(); // next one; the detail keeps the text below
            if (unsupported)
                break;
        }
        if (unsupported)
            return failure(ErrorCode::Unsupported,
                           tr("This PKCS#12 file uses a legacy cipher (RC2, RC4 or DES) that OpenSSL 3 does not "
                              "enable by default; export it again with current settings."));
        if (decryptFailed) // a file without a MAC: a wrong password shows only here
            return failure(ErrorCode::Crypto, password.isEmpty()
                                                  ? tr("This PKCS#12 file is protected by a password: give it.")
                                                  : tr("The password does not open this PKCS#12 file."));
        return failure(ErrorCode::InvalidInput, tr("The PKCS#12 file is damaged."));
    }
    Bundle bundle;
    bundle.format = Bundle::Format::Pkcs12;
    if (key)
        bundle.key = KeyAccess::adopt(key);
    if (cert) {
        if (std::optional<Certificate> c = describe(cert))
            bundle.certificates << *c;
    }
    for (int i = 0; ca && i < certStackSize(ca); ++i) {
        if (std::optional<Certificate> c = describe(certAt(ca, i)))
            bundle.certificates << *c;
    }
    if (bundle.certificates.isEmpty() && bundle.key.isNull())
        return Error(ErrorCode::InvalidInput, tr("The PKCS#12 file holds neither a certificate nor a key."));
    return bundle;
}

} // namespace

int Certificate::daysTotal() const
{
    return int(notBefore.secsTo(notAfter) / 86400);
}

int Certificate::daysElapsed(const QDateTime &now) const
{
    // max(): a certificate may end before it starts (OpenSSL reads it); clamp needs lo <= hi.
    return std::clamp(int(notBefore.secsTo(now) / 86400), 0, std::max(0, daysTotal()));
}

int Certificate::daysRemaining(const QDateTime &now) const
{
    const qint64 seconds = now.secsTo(notAfter);
    return seconds <= 0 ? 0 : int(std::ceil(double(seconds) / 86400.0));
}

double Certificate::lifetimeUsed(const QDateTime &now) const
{
    const qint64 total = notBefore.secsTo(notAfter);
    if (total <= 0)
        return 1.0;
    return std::clamp(double(notBefore.secsTo(now)) / double(total), 0.0, 1.0);
}

QByteArray Certificate::pem() const
{
    return toPem({*this});
}

QString PrivateKey::algorithm() const
{
    if (isNull())
        return {};
    KeyType type = KeyType::Other;
    int bits = 0;
    QString curve;
    return keyAlgorithmOf(KeyAccess::get(*this), &type, &bits, &curve);
}

bool PrivateKey::matches(const Certificate &certificate) const
{
    if (isNull())
        return false;
    const X509Ptr x = parseDer(certificate.der);
    const bool same = x && EVP_PKEY_eq(X509_get0_pubkey(x.get()), KeyAccess::get(*this)) == 1;
    ERR_clear_error();
    return same;
}

int Bundle::keyCertificate() const
{
    for (int i = 0; i < certificates.size() && !key.isNull(); ++i) {
        if (key.matches(certificates.at(i)))
            return i;
    }
    return -1;
}

Result<Bundle> readBundle(const QByteArray &data, const SecretBytes &password)
{
    ERR_clear_error();
    if (data.isEmpty())
        return Error(ErrorCode::InvalidInput, tr("The file is empty."));
    if (data.size() > MaxFileBytes)
        return Error(ErrorCode::InvalidInput, tr("%1 MB is too large for a certificate file (at most %2 MB).")
                                                  .arg(data.size() / (1024 * 1024))
                                                  .arg(MaxFileBytes / (1024 * 1024)));
    if (data.contains("-----BEGIN "))
        return readPem(data, password);
    const qint64 declared = derLength(data);
    if (declared < 0)
        return Error(ErrorCode::InvalidInput, tr("Not a certificate: the data is neither PEM, DER nor PKCS#12."));
    if (declared > data.size())
        return Error(ErrorCode::InvalidInput,
                     tr("The DER data is truncated: it declares %1 bytes, the file has %2.").arg(declared).arg(data.size()));
    const auto *p = reinterpret_cast<const unsigned char *>(data.constData());
    if (X509Ptr x{d2i_X509(nullptr, &p, long(data.size()))}) {
        if (std::optional<Certificate> c = describe(x.get())) {
            Bundle bundle;
            bundle.format = Bundle::Format::Der;
            bundle.certificates << *c;
            return bundle;
        }
    }
    ERR_clear_error();
    p = reinterpret_cast<const unsigned char *>(data.constData());
    if (Pkcs12Ptr p12{d2i_PKCS12(nullptr, &p, long(data.size()))})
        return readPkcs12(p12.get(), password);
    return failure(ErrorCode::InvalidInput,
                   tr("Not a certificate: the DER data is neither an X.509 certificate nor a PKCS#12 file."));
}

Result<Bundle> readFile(const QString &path, const SecretBytes &password)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, tr("Cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() > MaxFileBytes)
        return Error(ErrorCode::InvalidInput, tr("%1 is %2 MB, too large for a certificate file (at most %3 MB); not read.")
                                                  .arg(path, QString::number(file.size() / (1024 * 1024)),
                                                       QString::number(MaxFileBytes / (1024 * 1024))));
    QByteArray data = file.read(MaxFileBytes + 1);
    Result<Bundle> bundle = readBundle(data, password);
    SecretBytes::wipe(data); // it may hold a private key
    return bundle;
}

Result<PrivateKey> readPrivateKey(const QByteArray &pem, const SecretBytes &password)
{
    Result<Bundle> bundle = readBundle(pem, password);
    if (!bundle)
        return bundle.error();
    if (bundle->key.isNull())
        return Error(ErrorCode::InvalidInput, tr("The text holds no private key."));
    return bundle->key;
}

QList<ChainLink> buildChain(const Certificate &leaf, const QList<Certificate> &pool)
{
    std::vector<X509Ptr> parsed;
    for (const Certificate &c : pool)
        parsed.push_back(parseDer(c.der));
    QList<ChainLink> chain;
    QSet<QString> seen;
    Certificate current = leaf;
    for (int depth = 0; depth < 16; ++depth) {
        ChainLink link{current, false, {}};
        seen.insert(current.sha256);
        const X509Ptr x = parseDer(current.der);
        if (!x) {
            link.problem = tr("The certificate cannot be read.");
            chain << link;
            break;
        }
        if (current.selfIssued) {
            link.signatureVerified = X509_verify(x.get(), X509_get0_pubkey(x.get())) == 1;
            if (!link.signatureVerified)
                link.problem = tr("Self-issued, but its signature does not verify with its own key.");
            chain << link;
            break;
        }
        // The first candidate by name and key identifier whose key verifies the signature; else the
        // first by name (two CAs of one name without key identifiers: an old and a renewed one).
        int issuer = -1;
        for (int i = 0; i < int(parsed.size()); ++i) {
            if (parsed[size_t(i)] && !seen.contains(pool.at(i).sha256)
                && X509_check_issued(parsed[size_t(i)].get(), x.get()) == X509_V_OK) {
                if (issuer < 0)
                    issuer = i;
                if (X509_verify(x.get(), X509_get0_pubkey(parsed[size_t(i)].get())) == 1) {
                    issuer = i;
                    break;
                }
            }
        }
        if (issuer < 0) {
            link.problem = tr("Its issuer (%1) is not among the certificates given.").arg(current.issuer);
            chain << link;
            break;
        }
        link.signatureVerified = X509_verify(x.get(), X509_get0_pubkey(parsed[size_t(issuer)].get())) == 1;
        if (!link.signatureVerified)
            link.problem = tr("The signature does not verify with the key of %1.").arg(pool.at(issuer).subject);
        chain << link;
        current = pool.at(issuer);
    }
    ERR_clear_error();
    return chain;
}

namespace {

QString isoUtc(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate);
}

QString keyTypeName(KeyType t)
{
    switch (t) {
    case KeyType::Rsa:
        return QStringLiteral("RSA");
    case KeyType::Ec:
        return QStringLiteral("EC");
    case KeyType::Ed25519:
        return QStringLiteral("Ed25519");
    case KeyType::Ed448:
        return QStringLiteral("Ed448");
    case KeyType::Dsa:
        return QStringLiteral("DSA");
    case KeyType::Other:
        break;
    }
    return QStringLiteral("other");
}

QStringList alternativeNames(const Certificate &c)
{
    QStringList names;
    for (const QString &n : c.dnsNames)
        names << u"DNS:" + n;
    for (const QString &n : c.ipAddresses)
        names << u"IP:" + n;
    for (const QString &n : c.emails)
        names << u"email:" + n;
    for (const QString &n : c.uris)
        names << u"URI:" + n;
    return names;
}

} // namespace

QList<Field> fieldsOf(const Certificate &c, const QDateTime &now)
{
    QList<Field> f;
    f << Field{tr("Subject"), c.subject};
    f << Field{tr("Issuer"), c.selfIssued ? tr("%1 (self-issued)").arg(c.issuer) : c.issuer};
    f << Field{tr("Serial"), c.serialHex};
    QString state;
    if (c.expired(now))
        state = tr("expired %1 day(s) ago").arg(c.notAfter.daysTo(now));
    else if (c.notYetValid(now))
        state = tr("not valid yet");
    else
        state = tr("%1 day(s) remaining").arg(c.daysRemaining(now));
    f << Field{tr("Valid from"), isoUtc(c.notBefore), c.notYetValid(now)};
    f << Field{tr("Valid to"), isoUtc(c.notAfter), c.expired(now)};
    f << Field{tr("Validity"),
               c.daysTotal() < 0 ? tr("ends before it starts: valid at no time")
                                 : tr("%1 day(s) in all, %2 elapsed; %3").arg(c.daysTotal()).arg(c.daysElapsed(now)).arg(state),
               c.expired(now) || c.notYetValid(now) || c.daysTotal() < 0};
    f << Field{tr("Public key"), c.keyAlgorithm};
    f << Field{tr("Signature"), c.signatureAlgorithm};
    const QStringList names = alternativeNames(c);
    f << Field{tr("Alternative names"), names.isEmpty() ? tr("none") : names.join(QStringLiteral(", "))};
    f << Field{tr("Key usage"), c.keyUsage.isEmpty() ? tr("not restricted") : c.keyUsage.join(QStringLiteral(", "))};
    f << Field{tr("Extended key usage"),
               c.extendedKeyUsage.isEmpty() ? tr("not restricted") : c.extendedKeyUsage.join(QStringLiteral(", "))};
    QString ca = c.isCa ? tr("yes") : tr("no");
    if (c.isCa && c.pathLength)
        ca = tr("yes, path length %1").arg(*c.pathLength);
    if (!c.hasBasicConstraints)
        ca = tr("no (no basic constraints)");
    f << Field{tr("Certificate authority"), ca};
    f << Field{tr("Subject key ID"), c.subjectKeyId.isEmpty() ? tr("none") : c.subjectKeyId};
    f << Field{tr("Authority key ID"), c.authorityKeyId.isEmpty() ? tr("none") : c.authorityKeyId};
    f << Field{tr("SHA-256"), c.sha256};
    f << Field{tr("SHA-1"), c.sha1};
    return f;
}

QJsonObject toJson(const Certificate &c, const QDateTime &now)
{
    const auto array = [](const QStringList &l) { return QJsonArray::fromStringList(l); };
    QJsonObject o{
        {QStringLiteral("subject"), c.subject},
        {QStringLiteral("commonName"), c.commonName},
        {QStringLiteral("issuer"), c.issuer},
        {QStringLiteral("serial"), c.serialHex},
        {QStringLiteral("notBefore"), isoUtc(c.notBefore)},
        {QStringLiteral("notAfter"), isoUtc(c.notAfter)},
        {QStringLiteral("daysTotal"), c.daysTotal()},
        {QStringLiteral("daysElapsed"), c.daysElapsed(now)},
        {QStringLiteral("daysRemaining"), c.daysRemaining(now)},
        {QStringLiteral("expired"), c.expired(now)},
        {QStringLiteral("notYetValid"), c.notYetValid(now)},
        {QStringLiteral("keyType"), keyTypeName(c.keyType)},
        {QStringLiteral("keyBits"), c.keyBits},
        {QStringLiteral("keyAlgorithm"), c.keyAlgorithm},
        {QStringLiteral("signatureAlgorithm"), c.signatureAlgorithm},
        {QStringLiteral("dnsNames"), array(c.dnsNames)},
        {QStringLiteral("ipAddresses"), array(c.ipAddresses)},
        {QStringLiteral("emails"), array(c.emails)},
        {QStringLiteral("uris"), array(c.uris)},
        {QStringLiteral("keyUsage"), array(c.keyUsage)},
        {QStringLiteral("extendedKeyUsage"), array(c.extendedKeyUsage)},
        {QStringLiteral("ca"), c.isCa},
        {QStringLiteral("pathLength"), c.pathLength ? QJsonValue(*c.pathLength) : QJsonValue()},
        {QStringLiteral("subjectKeyId"), c.subjectKeyId},
        {QStringLiteral("authorityKeyId"), c.authorityKeyId},
        {QStringLiteral("sha256"), c.sha256},
        {QStringLiteral("sha1"), c.sha1},
        {QStringLiteral("selfIssued"), c.selfIssued},
    };
    if (!c.curve.isEmpty())
        o.insert(QStringLiteral("curve"), c.curve);
    return o;
}

QByteArray toPem(const QList<Certificate> &certificates)
{
    QByteArray out;
    for (const Certificate &c : certificates) {
        out += "-----BEGIN CERTIFICATE-----\n";
        const QByteArray base64 = c.der.toBase64();
        for (qsizetype i = 0; i < base64.size(); i += 64)
            out += base64.mid(i, 64) + '\n';
        out += "-----END CERTIFICATE-----\n";
    }
    return out;
}

Result<QByteArray> toPkcs12(const Certificate &certificate, const PrivateKey &key,
                            const QList<Certificate> &caCertificates, const SecretBytes &password,
                            const QString &friendlyName)
{
    ERR_clear_error();
    if (password.isEmpty())
        return Error(ErrorCode::InvalidInput, tr("A PKCS#12 export needs a password."));
    const X509Ptr x = parseDer(certificate.der);
    if (!x)
        return failure(ErrorCode::InvalidInput, tr("The certificate cannot be read."));
    if (!key.isNull() && !key.matches(certificate))
        return Error(ErrorCode::InvalidInput, tr("The private key does not belong to this certificate."));
    X509StackPtr ca(newCertStack());
    for (const Certificate &c : caCertificates) {
        X509Ptr caCert = parseDer(c.der);
        if (caCert && pushCert(ca.get(), caCert.get()) > 0)
            (void)caCert.release();
    }
    QByteArray pass = nulTerminated(password);
    const QByteArray name = friendlyName.toUtf8();
    Pkcs12Ptr p12(PKCS12_create(pass.constData(), name.isEmpty() ? nullptr : name.constData(),
                                key.isNull() ? nullptr : KeyAccess::get(key), x.get(), ca.get(), 0, 0, 0, 0, 0));
    SecretBytes::wipe(pass);
    if (!p12)
        return failure(ErrorCode::Crypto, tr("OpenSSL could not build the PKCS#12 file."));
    const int size = i2d_PKCS12(p12.get(), nullptr);
    if (size <= 0)
        return failure(ErrorCode::Crypto, tr("OpenSSL could not encode the PKCS#12 file."));
    QByteArray out(size, Qt::Uninitialized);
    auto *o = reinterpret_cast<unsigned char *>(out.data());
    i2d_PKCS12(p12.get(), &o);
    return out;
}

Result<SecretBytes> privateKeyPem(const PrivateKey &key)
{
    ERR_clear_error();
    if (key.isNull())
        return Error(ErrorCode::InvalidInput, tr("There is no private key."));
    BioPtr bio(BIO_new(BIO_s_secmem())); // freed with its memory cleared
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), KeyAccess::get(key), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return failure(ErrorCode::Crypto, tr("OpenSSL could not write the private key."));
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return SecretBytes(data, size_t(std::max(0L, size)));
}

} // namespace Pot::X509
