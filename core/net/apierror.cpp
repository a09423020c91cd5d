#include "apierror.h"

#include "core/displaytext.h"
#include "core/tls/certificatereport.h"
#include "core/tr.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace Pot::Net {

namespace {

bool isJson(const QByteArray &contentType)
{
    const QByteArray mime = contentType.split(';').constFirst().trimmed().toLower();
    return mime == "application/json" || mime.endsWith("+json");
}

bool isHtml(const QByteArray &contentType)
{
    return contentType.split(';').constFirst().trimmed().toLower() == "text/html";
}

QString jsonString(const QJsonObject &o, QLatin1StringView key)
{
    const QJsonValue v = o.value(key);
    return v.isString() ? v.toString().trimmed() : QString();
}

QString decodeEntities(QString s)
{
    static const QRegularExpression numeric(QStringLiteral("&#(x?)([0-9a-fA-F]+);"));
    QRegularExpressionMatch m;
    qsizetype from = 0;
    while ((m = numeric.match(s, from)).hasMatch()) {
        bool ok = false;
        const uint cp = m.captured(2).toUInt(&ok, m.captured(1).isEmpty() ? 10 : 16);
        const QString rep = ok && cp > 0 && cp < 0x110000 ? QString::fromUcs4(
                                                                reinterpret_cast<const char32_t *>(&cp), 1)
                                                          : QString();
        s.replace(m.capturedStart(), m.capturedLength(), rep);
        from = m.capturedStart() + rep.size();
    }
    s.replace(QStringLiteral("&nbsp;"), QStringLiteral(" "));
    s.replace(QStringLiteral("&lt;"), QStringLiteral("<"));
    s.replace(QStringLiteral("&gt;"), QStringLiteral(">"));
    s.replace(QStringLiteral("&quot;"), QStringLiteral("\""));
    s.replace(QStringLiteral("&#39;"), QStringLiteral("'"));
    s.replace(QStringLiteral("&amp;"), QStringLiteral("&"));
    return s;
}

QString genericHttpText(int status)
{
    switch (status) {
    case 400: return Tr::tr("The Controller rejected the request");
    case 401: return Tr::tr("Not signed in, or the session is no longer valid");
    case 403: return Tr::tr("Your roles on this Controller do not allow this");
    case 404: return Tr::tr("Not found");
    case 409: return Tr::tr("Conflict with existing data");
    case 413: return Tr::tr("The request is too large for the Controller (its limit is 100 kB)");
    case 500: return Tr::tr("The Controller reported an internal error");
    case 502:
    case 503:
    case 504: return Tr::tr("The Controller is unavailable (HTTP %1)").arg(status);
    default: return Tr::tr("The Controller answered with HTTP status %1").arg(status);
    }
}

ErrorCode codeForStatus(int status)
{
    switch (status) {
    case 401: return ErrorCode::Unauthorized;
    case 403: return ErrorCode::Forbidden;
    case 404: return ErrorCode::NotFound;
    case 409: return ErrorCode::Conflict;
    case 413: return ErrorCode::PayloadTooLarge;
    default: return ErrorCode::Http;
    }
}

} // namespace

QString htmlErrorText(const QByteArray &html)
{
    QString text = QString::fromUtf8(html);
    static const QRegularExpression pre(QStringLiteral("<pre[^>]*>(.*?)</pre>"),
                                        QRegularExpression::CaseInsensitiveOption
                                            | QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression body(QStringLiteral("<body[^>]*>(.*?)</body>"),
                                         QRegularExpression::CaseInsensitiveOption
                                             | QRegularExpression::DotMatchesEverythingOption);
    if (const auto m = pre.match(text); m.hasMatch())
        text = m.captured(1);
    else if (const auto b = body.match(text); b.hasMatch())
        text = b.captured(1);
    static const QRegularExpression br(QStringLiteral("<br\\s*/?>"),
                                       QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression tag(QStringLiteral("<[^>]*>"));
    text.replace(br, QStringLiteral("\n"));
    text.remove(tag);
    text = decodeEntities(text);
    // Development pages put the stack after the first line; the first line is the message.
    const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const QString t = line.simplified();
        if (!t.isEmpty())
            return t;
    }
    return {};
}

QString serverMessage(const QByteArray &contentType, const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return {};
    if (isJson(contentType)) {
        const QJsonDocument doc = QJsonDocument::fromJson(body);
        if (!doc.isObject())
            return {};
        const QJsonObject o = doc.object();
        const QString message = jsonString(o, QLatin1StringView("message"));
        if (!message.isEmpty())
            return message;
        return jsonString(o, QLatin1StringView("error"));
    }
    if (isHtml(contentType))
        return htmlErrorText(body);
    return {};
}

Error errorFromHttp(int status, const QByteArray &contentType, const QByteArray &body,
                    const QByteArray &method, const QString &path)
{
    // The Controller's message goes into status lines and banners: keep it to one tooltip's size.
    const QString server = shownText(serverMessage(contentType, body), MaxTipChars);
    const QString generic = genericHttpText(status);
    QString message = generic;
    // For 413 Express says only "Payload Too Large"; the generic text says more.
    if (!server.isEmpty() && status != 413)
        message = Tr::tr("%1: %2").arg(generic, server);
    else
        message = generic + u'.';

    QString detail = Tr::tr("HTTP %1 for %2 %3").arg(status).arg(QString::fromLatin1(method), path);
    if (isJson(contentType)) {
        const QJsonObject o = QJsonDocument::fromJson(body).object();
        const QString name = jsonString(o, QLatin1StringView("name"));
        if (!name.isEmpty())
            detail += u"; " + name;
    }
    return Error(codeForStatus(status), message, detail, status);
}

namespace {

Error networkError(QNetworkReply::NetworkError code, const QString &qtMessage, const QString &host,
                   int port);

} // namespace

Error errorFromNetwork(QNetworkReply::NetworkError code, const QString &qtMessage,
                       const QString &host, int port)
{
    Error e = networkError(code, qtMessage, host, port);
    e.payload = int(code);
    return e;
}

ConnectionFailure connectionFailureOf(const Error &error)
{
    if (error.httpStatus >= 502 && error.httpStatus <= 504)
        return ConnectionFailure::Unreachable; // a gateway in front of a Controller that is down
    if (error.httpStatus == 404)
        return ConnectionFailure::NotController; // no /api/v3/status there
    switch (error.code) {
    case ErrorCode::None: return ConnectionFailure::None;
    case ErrorCode::Timeout: return ConnectionFailure::Timeout;
    case ErrorCode::InvalidInput: return ConnectionFailure::BadSettings;
    case ErrorCode::Protocol: return ConnectionFailure::NotController;
    case ErrorCode::Tls: {
        if (const auto report = Tls::CertificateChainReport::fromError(error)) {
            if (report->pinMismatch)
                return ConnectionFailure::TlsPinMismatch;
            if (!report->problems.isEmpty())
                return ConnectionFailure::TlsUntrusted;
        }
        return ConnectionFailure::TlsHandshake;
    }
    case ErrorCode::Network: {
        bool ok = false;
        const int code = error.payload.toInt(&ok);
        if (!ok)
            return ConnectionFailure::Unreachable;
        switch (QNetworkReply::NetworkError(code)) {
        case QNetworkReply::ConnectionRefusedError: return ConnectionFailure::Refused;
        case QNetworkReply::HostNotFoundError: return ConnectionFailure::HostNotFound;
        case QNetworkReply::RemoteHostClosedError: return ConnectionFailure::Closed;
        default: return ConnectionFailure::Unreachable;
        }
    }
    case ErrorCode::Cancelled: return ConnectionFailure::None;
    default: return ConnectionFailure::Refusal;
    }
}

QString connectionFailureText(ConnectionFailure failure)
{
    switch (failure) {
    case ConnectionFailure::None: return {};
    case ConnectionFailure::Refused: return Tr::tr("Connection refused");
    case ConnectionFailure::HostNotFound: return Tr::tr("Host not found");
    case ConnectionFailure::Closed: return Tr::tr("Connection closed by the server");
    case ConnectionFailure::Unreachable: return Tr::tr("Unreachable");
    case ConnectionFailure::Timeout: return Tr::tr("No answer (timed out)");
    case ConnectionFailure::TlsUntrusted: return Tr::tr("Certificate not trusted");
    case ConnectionFailure::TlsPinMismatch: return Tr::tr("Certificate does not match the pin");
    case ConnectionFailure::TlsHandshake: return Tr::tr("TLS handshake failed");
    case ConnectionFailure::BadSettings: return Tr::tr("Profile settings unusable");
    case ConnectionFailure::NotController: return Tr::tr("Not a Controller");
    case ConnectionFailure::Refusal: return Tr::tr("Refused by the Controller");
    }
    return {};
}

namespace {

Error networkError(QNetworkReply::NetworkError code, const QString &qtMessage, const QString &host,
                   int port)
{
    const QString where = port > 0 ? host + u':' + QString::number(port) : host;
    switch (code) {
    case QNetworkReply::ConnectionRefusedError:
        return Error(ErrorCode::Network,
                     Tr::tr("%1 refused the connection. Is the Controller running and is the "
                            "port right?")
                         .arg(where),
                     qtMessage);
    case QNetworkReply::HostNotFoundError:
        return Error(ErrorCode::Network,
                     Tr::tr("The host name \"%1\" could not be resolved. Check the address and "
                            "your network or DNS.")
                         .arg(host),
                     qtMessage);
    case QNetworkReply::RemoteHostClosedError:
        return Error(ErrorCode::Network,
                     Tr::tr("%1 closed the connection before answering.").arg(where), qtMessage);
    case QNetworkReply::TimeoutError:
        return Error(ErrorCode::Timeout, Tr::tr("%1 did not answer in time.").arg(where),
                     qtMessage);
    case QNetworkReply::SslHandshakeFailedError:
        return Error(ErrorCode::Tls,
                     Tr::tr("The secure connection to %1 could not be set up. Is it an https "
                            "server?")
                         .arg(where),
                     qtMessage);
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return Error(ErrorCode::Network,
                     Tr::tr("The network proxy failed while connecting to %1.").arg(where),
                     qtMessage);
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::ProtocolInvalidOperationError:
    case QNetworkReply::ProtocolFailure:
        return Error(ErrorCode::Protocol,
                     Tr::tr("%1 did not answer like an HTTP server.").arg(where), qtMessage);
    default:
        return Error(ErrorCode::Network,
                     Tr::tr("%1 could not be reached.").arg(where), qtMessage);
    }
}

} // namespace

} // namespace Pot::Net
