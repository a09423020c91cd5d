#pragma once

// Internal to core/x509: RAII owners for OpenSSL objects and the error queue as text. Not part of
// the module's API (no Qt type or caller outside core/x509 includes it).

#include "core/error.h"

#include <QString>
#include <QStringList>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>

namespace Pot::X509::OpenSsl {

template <auto Free>
struct Deleter
{
    template <typename T>
    void operator()(T *p) const { Free(p); }
};
using X509Ptr = std::unique_ptr<::X509, Deleter<X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;

/// The OpenSSL error queue as one line (and emptied), for Error::detail.
inline QString takeErrors()
{
    QStringList parts;
    char buffer[256];
    while (const unsigned long e = ERR_get_error()) {
        ERR_error_string_n(e, buffer, sizeof buffer);
        parts << QString::fromLatin1(buffer);
    }
    return parts.join(QStringLiteral("; "));
}

inline Error failure(ErrorCode code, const QString &message)
{
    return Error(code, message, takeErrors());
}

} // namespace Pot::X509::OpenSsl
