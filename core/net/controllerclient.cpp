#include "controllerclient.h"

#include "apierror.h"
#include "controllerurl.h"
#include "core/logging.h"
#include "core/tls/certificatereport.h"
#include "core/tr.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QSet>
#include <QSslConfiguration>
#include <QUrl>

namespace Pot::Net {

namespace {

bool isJsonType(const QByteArray &contentType)
{
    const QByteArray mime = contentType.split(';').constFirst().trimmed().toLower();
    return mime == "application/json" || mime.endsWith("+json");
}

QString seconds(std::chrono::milliseconds ms)
{
    return QString::number(double(ms.count()) / 1000.0, 'g', 3);
}

} // namespace

// ---- ApiRequest -------------------------------------------------------------------------------

QString pathSegment(const QString &name)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(name));
}

ApiRequest ApiRequest::get(const QString &path, bool authenticated)
{
    ApiRequest r;
    r.path = path;
    r.authenticated = authenticated;
    return r;
}

ApiRequest ApiRequest::list(const QString &path, bool authenticated)
{
    ApiRequest r = get(path, authenticated);
    r.maxBodyBytes = ListBodyLimit;
    return r;
}

ApiRequest ApiRequest::remove(const QString &path)
{
    ApiRequest r = get(path);
    r.method = QByteArrayLiteral("DELETE");
    return r;
}

ApiRequest ApiRequest::head(const QString &path, bool authenticated)
{
    ApiRequest r = get(path, authenticated);
    r.method = QByteArrayLiteral("HEAD");
    return r;
}

ApiRequest ApiRequest::sendJson(const QByteArray &method, const QString &path,
                                const QJsonObject &body, bool authenticated)
{
    ApiRequest r = get(path, authenticated);
    r.method = method;
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    r.contentType = QByteArrayLiteral("application/json");
    return r;
}

ApiRequest ApiRequest::multipartFile(const QByteArray &method, const QString &path,
                                     const QByteArray &field, const QByteArray &fileName,
                                     const QByteArray &content, const QByteArray &mime)
{
    ApiRequest r = get(path);
    r.method = method;
    // 24 random bytes in hex; drawn again in the (theoretical) case the content contains it.
    QByteArray boundary;
    do {
        QByteArray random(24, Qt::Uninitialized);
        for (char &c : random)
            c = char(QRandomGenerator::system()->bounded(256));
        boundary = QByteArrayLiteral("----PotConsole") + random.toHex();
    } while (content.contains(boundary));
    // Quotes and line breaks would end the header parameter early; the names come from code.
    auto quoted = [](QByteArray v) {
        v.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A");
        return v;
    };
    r.body = QByteArrayLiteral("--") + boundary + QByteArrayLiteral("\r\n")
             + QByteArrayLiteral("Content-Disposition: form-data; name=\"") + quoted(field)
             + QByteArrayLiteral("\"; filename=\"") + quoted(fileName) + QByteArrayLiteral("\"\r\n")
             + QByteArrayLiteral("Content-Type: ") + mime + QByteArrayLiteral("\r\n\r\n") + content
             + QByteArrayLiteral("\r\n--") + boundary + QByteArrayLiteral("--\r\n");
    r.contentType = QByteArrayLiteral("multipart/form-data; boundary=") + boundary;
    return r;
}

// ---- ApiReply ---------------------------------------------------------------------------------

ApiReply::ApiReply(ControllerClient *client, ApiRequest request)
    : QObject(client)
    , m_client(client)
    , m_request(std::move(request))
    , m_result(Error(ErrorCode::Cancelled, Tr::tr("The request has not finished.")))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ApiReply::onTimeout);
}

ApiReply::~ApiReply()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
        if (m_client)
            m_client->reapRetiredNetworks();
    }
}

void ApiReply::resendUnderNewTrust()
{
    // Sent under trust the profile no longer has: its answer must not count. Abort it quietly and
    // send it again on a connection made under the current trust.
    if (!m_reply || m_finished)
        return;
    QNetworkReply *old = m_reply;
    m_reply = nullptr;
    old->disconnect(this);
    old->abort();
    old->deleteLater();
    --m_attempts; // the aborted try does not count towards the one retry after a 401
    sendWithToken(m_token);
}

void ApiReply::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
    if (m_reply) {
        m_reply->abort(); // emits QNetworkReply::finished synchronously → onNetworkFinished
        return;
    }
    finish(Error(ErrorCode::Cancelled, Tr::tr("The request was cancelled.")));
}

void ApiReply::start()
{
    if (m_finished)
        return;
    // The timeout also covers waiting for a token (a refresh held back by its rate limit).
    m_timer.start(m_request.timeout.count() > 0 ? m_request.timeout : m_client->m_timeout);
    if (m_client->m_baseUrl.isEmpty()) {
        finish(Error(ErrorCode::InvalidInput, Tr::tr("No Controller address is set.")));
        return;
    }
    Authenticator *auth = m_client->m_authenticator;
    if (!m_request.bearerToken.isEmpty()) {
        sendWithToken(m_request.bearerToken);
        return;
    }
    if (!m_request.authenticated || !auth) {
        sendWithToken({});
        return;
    }
    auth->bearerToken(this, [this](Result<QByteArray> token) {
        if (m_finished)
            return;
        if (!token) {
            finish(token.error());
            return;
        }
        sendWithToken(*token);
    });
}

void ApiReply::sendWithToken(const QByteArray &token)
{
    m_token = token;
    m_sslErrors.clear();
    m_peerChain.clear();
    m_pinError.reset();
    ++m_attempts;

    QUrl url = m_client->m_baseUrl;
    // The path arrives encoded (names through pathSegment()): keep its escapes rather than
    // encoding their '%' a second time, which setPath()'s default (decoded) mode would do.
    url.setPath(url.path(QUrl::FullyEncoded) + (m_request.path.startsWith(u'/') ? QString() : QStringLiteral("/"))
                    + m_request.path,
                QUrl::TolerantMode);
    if (!m_request.query.isEmpty())
        url.setQuery(m_request.query);

    QNetworkRequest req(url);
    req.setRawHeader("Accept", "application/json");
    if (!m_token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + m_token);
    if (!m_request.contentType.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, m_request.contentType);
    // Redirects could carry the bearer token elsewhere; the Controller never redirects.
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // express-session sets a cookie on every answer; authentication is bearer-only.
    req.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    if (url.scheme() == u"https")
        req.setSslConfiguration(m_client->m_trust.configuration());

    // The standard verbs go through their own calls: the HTTP layer only knows a HEAD answer has
    // no body (whatever its Content-Length says) when the operation is HeadOperation.
    QNetworkAccessManager *nam = m_client->network();
    m_network = nam;
    const QByteArray &verb = m_request.method;
    if (verb == "GET" && m_request.body.isEmpty())
        m_reply = nam->get(req);
    else if (verb == "HEAD")
        m_reply = nam->head(req);
    else if (verb == "DELETE" && m_request.body.isEmpty())
        m_reply = nam->deleteResource(req);
    else if (verb == "POST")
        m_reply = nam->post(req, m_request.body);
    else if (verb == "PUT")
        m_reply = nam->put(req, m_request.body);
    else
        m_reply = nam->sendCustomRequest(req, verb, m_request.body);

    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        // Never ignored: recorded for the report, the reply then fails on its own.
        m_sslErrors = errors;
        if (m_reply)
            m_peerChain = m_reply->sslConfiguration().peerCertificateChain();
    });
    connect(m_reply, &QNetworkReply::encrypted, this, [this] {
        if (!m_reply)
            return;
        const QSslConfiguration cfg = m_reply->sslConfiguration();
        Status pin = m_client->m_trust.checkPin(cfg.peerCertificate());
        if (!pin) {
            // No request data has been sent at this point.
            m_peerChain = cfg.peerCertificateChain();
            m_pinError = pin.error();
            m_reply->abort();
        }
    });
    connect(m_reply, &QNetworkReply::finished, this, &ApiReply::onNetworkFinished);
    // Refuse an oversized answer as soon as it announces itself, or once it has grown too large.
    m_bodyLimit = m_request.maxBodyBytes;
    auto refuseIfTooLarge = [this](qint64 size) {
        if (m_bodyLimit > 0 && size > m_bodyLimit && m_reply && !m_tooLarge) {
            m_tooLarge = true;
            m_reply->abort();
        }
    };
    const bool head = m_request.method == "HEAD";
    connect(m_reply, &QNetworkReply::metaDataChanged, this, [this, refuseIfTooLarge, head] {
        if (!m_reply)
            return;
        // An error answer is a message: it gets the small limit, whatever the request's kind.
        const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 300)
            m_bodyLimit = std::min<qint64>(m_bodyLimit, ApiRequest::SmallBodyLimit);
        bool ok = false;
        // A HEAD answer's Content-Length describes the GET body, which is not sent.
        const qint64 announced = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&ok);
        if (ok && !head)
            refuseIfTooLarge(announced);
    });
    // readyRead comes with every chunk (downloadProgress is throttled): what is buffered so far.
    connect(m_reply, &QNetworkReply::readyRead, this, [this, refuseIfTooLarge] {
        if (m_reply)
            refuseIfTooLarge(m_reply->bytesAvailable());
    });

    const std::chrono::milliseconds timeout =
        m_request.timeout.count() > 0 ? m_request.timeout : m_client->m_timeout;
    m_timer.start(timeout);
    m_elapsed.start();
    m_sentAtMs = QDateTime::currentMSecsSinceEpoch();
}

void ApiReply::onTimeout()
{
    if (m_finished)
        return;
    m_timedOut = true;
    if (m_reply) {
        m_reply->abort(); // → onNetworkFinished → a timeout error
        return;
    }
    finish(Error(ErrorCode::Timeout,
                 Tr::tr("No valid sign-in token became available in time for %1 %2.")
                     .arg(QString::fromLatin1(m_request.method), m_request.path)));
}

Error ApiReply::tlsError(const QString &host) const
{
    Tls::CertificateChainReport report =
        Tls::CertificateChainReport::fromChain(host, m_peerChain, m_sslErrors);
    Error e;
    if (m_pinError) {
        report.pinMismatch = true;
        e = *m_pinError;
    } else {
        const QString reason = report.problems.isEmpty() ? Tr::tr("unknown reason")
                                                         : report.problems.constFirst();
        e = Error(ErrorCode::Tls,
                  Tr::tr("The certificate of %1 is not trusted: %2").arg(host, reason));
    }
    e.detail = report.toText();
    e.payload = QVariant::fromValue(report);
    return e;
}

Result<ApiResponse> ApiReply::interpret(QNetworkReply *reply)
{
    const QUrl url = reply->url();
    const QString host = url.host();
    if (m_cancelled)
        return Error(ErrorCode::Cancelled, Tr::tr("The request was cancelled."));
    if (m_timedOut) {
        const auto timeout = m_request.timeout.count() > 0 ? m_request.timeout : m_client->m_timeout;
        return Error(ErrorCode::Timeout,
                     Tr::tr("The Controller at %1 did not answer within %2 s.")
                         .arg(host + u':' + QString::number(url.port()), seconds(timeout)),
                     QString::fromLatin1(m_request.method) + u' ' + m_request.path);
    }
    if (m_pinError || !m_sslErrors.isEmpty())
        return tlsError(host);
    if (m_tooLarge) {
        return Error(ErrorCode::Protocol,
                     Tr::tr("The Controller's answer to %1 %2 is larger than %3 MB, the most the "
                            "console reads for this kind of request; it was not read.")
                         .arg(QString::fromLatin1(m_request.method), m_request.path,
                              QString::number(double(m_bodyLimit) / (1024.0 * 1024.0), 'g', 4)),
                     Tr::tr("body limit %1 bytes").arg(m_bodyLimit));
    }

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        return errorFromNetwork(reply->error(), reply->errorString(), host, url.port());
    }
    if (url.scheme() == u"https" && !m_client->m_trust.pinnedSha256().isEmpty()) {
        // Kept connections do not emit encrypted() again: check the pin on every answer.
        const QSslConfiguration cfg = reply->sslConfiguration();
        Status pin = m_client->m_trust.checkPin(cfg.peerCertificate());
        if (!pin) {
            m_peerChain = cfg.peerCertificateChain();
            m_pinError = pin.error();
            return tlsError(host);
        }
    }

    ApiResponse response;
    response.httpStatus = status;
    response.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    response.body = reply->readAll();
    response.localTimeMs = QDateTime::currentMSecsSinceEpoch();
    if (const QSslCertificate peer = reply->sslConfiguration().peerCertificate(); !peer.isNull())
        response.peerSha256 = Tls::sha256Fingerprint(peer);
    bool tsOk = false;
    const qint64 ts = reply->rawHeader("X-Timestamp").trimmed().toLongLong(&tsOk);
    if (tsOk && ts > 0) {
        response.serverTimeMs = ts;
        response.clockSkewMs = ts - (m_sentAtMs + response.localTimeMs) / 2;
        m_client->noteSkew(response.clockSkewMs);
    }

    if (status >= 300 && status < 400) {
        return Error(ErrorCode::Http,
                     Tr::tr("The Controller redirected the request to %1; check the address.")
                         .arg(QString::fromUtf8(reply->rawHeader("Location"))),
                     Tr::tr("HTTP %1").arg(status), status);
    }
    if (status < 200 || status >= 300) {
        return errorFromHttp(status, response.contentType, response.body, m_request.method,
                             url.path());
    }
    if (m_request.parseJson && isJsonType(response.contentType)
        && !response.body.trimmed().isEmpty()) {
        QJsonParseError parseError{};
        const QJsonDocument doc = QJsonDocument::fromJson(response.body, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            return Error(ErrorCode::Protocol,
                         Tr::tr("The Controller sent malformed JSON."),
                         parseError.errorString(), status);
        }
        response.json = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    }
    return response;
}

void ApiReply::onNetworkFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_finished)
        return;
    m_timer.stop();
    m_reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();
    m_client->reapRetiredNetworks();

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    qCDebug(lcCoreNet).noquote() << QString::fromLatin1(m_request.method) << m_request.path
                                 << status << m_elapsed.elapsed() << "ms";

    Result<ApiResponse> result = interpret(reply);
    Authenticator *auth = m_client->m_authenticator;
    if (!result && result.error().code == ErrorCode::Unauthorized && m_request.authenticated
        && m_request.bearerToken.isEmpty() && auth && m_attempts == 1) {
        auth->tokenRejected(m_token, this, [this](Result<QByteArray> token) {
            if (m_finished)
                return;
            if (!token) {
                finish(token.error());
                return;
            }
            qCDebug(lcCoreNet).noquote() << "retrying" << QString::fromLatin1(m_request.method)
                                         << m_request.path << "with a refreshed token";
            sendWithToken(*token);
        });
        return;
    }
    finish(std::move(result));
}

void ApiReply::finish(Result<ApiResponse> result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    m_result = std::move(result);
    m_request.body.clear(); // may hold a password
    m_request.bearerToken.clear();
    m_token.clear();
    Q_EMIT finished();
    deleteLater();
}

// ---- ControllerClient -------------------------------------------------------------------------

ControllerClient::ControllerClient(QObject *parent)
    : QObject(parent)
{
}

QNetworkAccessManager *ControllerClient::network()
{
    if (!m_network)
        m_network = new QNetworkAccessManager(this); // requests neither load nor save cookies
    return m_network;
}

void ControllerClient::setTrustPolicy(const Tls::TrustPolicy &policy)
{
    m_trust = policy;
    retireNetwork();
    // Requests still on the wire were sent under the old trust: send them again under the new one.
    const auto replies = findChildren<ApiReply *>(Qt::FindDirectChildrenOnly);
    for (ApiReply *reply : replies)
        reply->resendUnderNewTrust();
    reapRetiredNetworks();
}

void ControllerClient::retireNetwork()
{
    if (!m_network)
        return;
    m_retired.append(m_network);
    m_network = nullptr;
    reapRetiredNetworks();
}

void ControllerClient::reapRetiredNetworks()
{
    if (m_retired.isEmpty())
        return;
    QSet<QNetworkAccessManager *> busy;
    const auto replies = findChildren<ApiReply *>(Qt::FindDirectChildrenOnly);
    for (const ApiReply *reply : replies) {
        if (reply->m_reply && reply->m_network)
            busy.insert(reply->m_network.data());
    }
    for (qsizetype i = m_retired.size() - 1; i >= 0; --i) {
        QNetworkAccessManager *nam = m_retired.at(i);
        if (!nam) {
            m_retired.removeAt(i);
        } else if (!busy.contains(nam)) {
            m_retired.removeAt(i);
            nam->deleteLater(); // closes its kept connections with it
        }
    }
}

ControllerClient::~ControllerClient()
{
    // Callers waiting on a reply hear "cancelled" instead of nothing, so no spinner stays on.
    const auto replies = findChildren<ApiReply *>(Qt::FindDirectChildrenOnly);
    for (ApiReply *reply : replies)
        reply->cancel();
}

Status ControllerClient::setBaseUrl(const QString &address)
{
    auto url = normaliseControllerUrl(address);
    if (!url)
        return url.error();
    m_baseUrl = *url;
    m_skewMs.reset();
    return {};
}

ApiReply *ControllerClient::send(const ApiRequest &request)
{
    auto *reply = new ApiReply(this, request);
    QTimer::singleShot(0, reply, &ApiReply::start);
    return reply;
}

ApiReply *ControllerClient::send(const ApiRequest &request, QObject *context, Callback done)
{
    ApiReply *reply = send(request);
    connect(reply, &ApiReply::finished, context,
            [reply, done = std::move(done)] { done(reply->result()); });
    return reply;
}

void ControllerClient::noteSkew(qint64 skewMs)
{
    m_skewMs = skewMs;
    Q_EMIT clockSkewMeasured(skewMs);
}

} // namespace Pot::Net
