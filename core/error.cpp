#include "error.h"

namespace Pot {

QString Error::toString() const
{
    if (detail.isEmpty())
        return message;
    return message + u" (" + detail + u')';
}

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::None: return QStringLiteral("none");
    case ErrorCode::InvalidInput: return QStringLiteral("invalid-input");
    case ErrorCode::NotFound: return QStringLiteral("not-found");
    case ErrorCode::Io: return QStringLiteral("io");
    case ErrorCode::Crypto: return QStringLiteral("crypto");
    case ErrorCode::Untrusted: return QStringLiteral("untrusted");
    case ErrorCode::Network: return QStringLiteral("network");
    case ErrorCode::Tls: return QStringLiteral("tls");
    case ErrorCode::Timeout: return QStringLiteral("timeout");
    case ErrorCode::Cancelled: return QStringLiteral("cancelled");
    case ErrorCode::Http: return QStringLiteral("http");
    case ErrorCode::Unauthorized: return QStringLiteral("unauthorized");
    case ErrorCode::Forbidden: return QStringLiteral("forbidden");
    case ErrorCode::Conflict: return QStringLiteral("conflict");
    case ErrorCode::PayloadTooLarge: return QStringLiteral("payload-too-large");
    case ErrorCode::NoAuthConfigured: return QStringLiteral("no-auth-configured");
    case ErrorCode::SessionExpired: return QStringLiteral("session-expired");
    case ErrorCode::KeychainUnavailable: return QStringLiteral("keychain-unavailable");
    case ErrorCode::Unsupported: return QStringLiteral("unsupported");
    case ErrorCode::Protocol: return QStringLiteral("protocol");
    }
    return QStringLiteral("unknown");
}

} // namespace Pot
