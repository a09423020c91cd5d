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

/// Maps a transport failure (no HTTP status) to a typed Error.
Error errorFromNetwork(QNetworkReply::NetworkError code, const QString &qtMessage,
                       const QString &host, int port);

} // namespace Pot::Net
