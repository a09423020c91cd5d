#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QNetworkReply>
#include <QString>

namespace Pot::Net {

/// Maps an HTTP error answer of the Controller to a typed Error. The status decides the code
/// (401 Unauthorized, 403 Forbidden, 404 NotFound, 413 PayloadTooLarge, others Http); the body is
/// read as JSON only for application/json (`{name,message}` or `{error,message}`) and as the text
/// of the page for text/html (Express's `<pre>Cannot GET …</pre>`).
Error errorFromHttp(int status, const QByteArray &contentType, const QByteArray &body,
                    const QByteArray &method, const QString &path);

/// The Controller's own message in an error body ("" when there is none).
QString serverMessage(const QByteArray &contentType, const QByteArray &body);

/// Text of an HTML error page: the first line of its `<pre>` (or body) with tags removed and
/// entities decoded.
QString htmlErrorText(const QByteArray &html);

/// Maps a transport failure (no HTTP status) to a typed Error; Error::payload holds the
/// QNetworkReply::NetworkError (as int) so that connectionFailureOf() can tell the kinds apart.
Error errorFromNetwork(QNetworkReply::NetworkError code, const QString &qtMessage,
                       const QString &host, int port);

/// Why a connection to a Controller failed, as the status line says it in a few words.
enum class ConnectionFailure {
    None,
    Refused,        ///< nothing listens on that port
    HostNotFound,   ///< DNS
    Closed,         ///< the peer closed the connection before answering
    Unreachable,    ///< any other network failure
    Timeout,
    TlsUntrusted,   ///< the chain does not verify with this profile's trust
    TlsPinMismatch, ///< the chain verifies, but the certificate is not the pinned one
    TlsHandshake,   ///< no TLS at all (http on an https URL, a TLS version mismatch…)
    BadSettings,    ///< the profile's address, CA text or pin cannot be used
    NotController,  ///< something answered that is not a Controller
    Refusal,        ///< the Controller answered, and said no (authentication, HTTP error)
};

ConnectionFailure connectionFailureOf(const Error &error);
/// A few words for the status line, e.g. "Certificate not trusted".
QString connectionFailureText(ConnectionFailure failure);

} // namespace Pot::Net
