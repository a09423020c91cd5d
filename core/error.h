#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>

namespace Pot {

/// Kinds of failure a caller can branch on; the message says the same in words.
enum class ErrorCode {
    None = 0,
    InvalidInput,      ///< malformed text, JSON, YAML, key, token or file
    NotFound,          ///< a file, object or key that is not there
    Io,                ///< reading or writing a local file failed
    Crypto,            ///< a cryptographic primitive failed or a signature did not verify
    Untrusted,         ///< a trust decision said no (chain, revocation, expiry)
    Network,           ///< refused, DNS, unreachable, reset
    Tls,               ///< certificate or handshake problem; detail holds the presented chain
    Timeout,           ///< no answer in time
    Cancelled,         ///< the user or the owner cancelled
    Http,              ///< an HTTP status the caller did not expect (see httpStatus)
    Unauthorized,      ///< 401: no valid session
    Forbidden,         ///< 403: the roles do not allow it
    Conflict,          ///< duplicate or in use
    PayloadTooLarge,   ///< 413
    NoAuthConfigured,  ///< Controller in dev mode: mock-access-token
    SessionExpired,    ///< refresh failed; sign in again
    KeychainUnavailable, ///< no OS keychain backend
    Unsupported,       ///< not possible on this platform or build
    Protocol,          ///< the peer spoke something unexpected
};

/// A typed error: what happened (code), a sentence for the user (message) and technical detail.
struct Error
{
    ErrorCode code = ErrorCode::None;
    QString message;
    QString detail;
    int httpStatus = 0;
    /// Typed attachment for the UI, e.g. a Tls::CertificateChainReport on a certificate error.
    QVariant payload;

    Error() = default;
    Error(ErrorCode c, QString msg, QString det = {}, int status = 0)
        : code(c)
        , message(std::move(msg))
        , detail(std::move(det))
        , httpStatus(status)
    {}

    /// "message (detail)" for logs and terminals.
    QString toString() const;
};

QString errorCodeName(ErrorCode code);

} // namespace Pot
