#include "standincontroller.h"

#include "standinkeycloak.h"
#include "standinresources.h"

#include "testutil.h"

#include <algorithm>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QUuid>

namespace Pot::Test {

namespace {

constexpr qsizetype MaxHeaderBytes = 64 * 1024;
const QString Api = QStringLiteral("/api/v3");

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray randomBytes(int n)
{
    QByteArray b(n, Qt::Uninitialized);
    for (int i = 0; i < n; ++i)
        b[i] = char(QRandomGenerator::global()->bounded(256));
    return b;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 302: return "Found";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Payload Too Large";
    case 500: return "Internal Server Error";
    default: return "Status";
    }
}

QString normalisePath(QString path)
{
    while (path.size() > 1 && path.endsWith(u'/'))
        path.chop(1);
    return path;
}

QByteArray expressHtml(const QByteArray &text)
{
    // Same page Express's finalhandler writes (fixture GET_unknown-route_404_development.html).
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n"
           "</head>\n<body>\n<pre>"
           + text + "</pre>\n</body>\n</html>\n";
}

} // namespace

// ---- multipart ---------------------------------------------------------------------------------

QByteArray MultipartPart::fieldName() const
{
    static const QRegularExpression name(QStringLiteral("(?:^|;)\\s*name=\"([^\"]*)\""));
    const QRegularExpressionMatch m = name.match(QString::fromUtf8(headers.value("content-disposition")));
    return m.hasMatch() ? m.captured(1).toUtf8() : QByteArray();
}

bool parseMultipart(const QByteArray &contentType, const QByteArray &body, QList<MultipartPart> *parts,
                    QByteArray *boundaryOut)
{
    const QByteArray prefix = QByteArrayLiteral("multipart/form-data; boundary=");
    if (!contentType.startsWith(prefix))
        return false;
    const QByteArray boundary = contentType.mid(prefix.size());
    if (boundaryOut)
        *boundaryOut = boundary;
    const QByteArray delimiter = QByteArrayLiteral("--") + boundary;
    if (!body.startsWith(QByteArray(delimiter + QByteArrayLiteral("\r\n"))))
        return false;
    const QByteArray close = QByteArrayLiteral("\r\n") + delimiter + QByteArrayLiteral("--\r\n");
    if (!body.endsWith(close))
        return false;
    const QByteArray inner = body.mid(delimiter.size() + 2,
                                      body.size() - delimiter.size() - 2 - close.size());
    const QByteArray separator = QByteArrayLiteral("\r\n") + delimiter + QByteArrayLiteral("\r\n");
    qsizetype from = 0;
    while (true) {
        const qsizetype next = inner.indexOf(separator, from);
        const QByteArray raw = inner.mid(from, next < 0 ? -1 : next - from);
        const qsizetype headerEnd = raw.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return false;
        MultipartPart part;
        for (const QByteArray &line : raw.left(headerEnd).split('\n')) {
            const QByteArray l = line.trimmed();
            const qsizetype colon = l.indexOf(':');
            if (colon <= 0)
                return false;
            part.headers.insert(l.left(colon).trimmed().toLower(), l.mid(colon + 1).trimmed());
        }
        part.content = raw.mid(headerEnd + 4);
        *parts << part;
        if (next < 0)
            return true;
        from = next + separator.size();
    }
}

// ---- HttpRequest / HttpResponse ---------------------------------------------------------------

bool HttpRequest::formFile(const QByteArray &field, QByteArray *content) const
{
    QList<MultipartPart> parts;
    if (!parseMultipart(header("content-type"), body, &parts))
        return false;
    for (const MultipartPart &p : parts) {
        if (p.fieldName() == field) {
            *content = p.content;
            return true;
        }
    }
    return false;
}

QByteArray HttpRequest::bearerToken() const
{
    const QByteArray auth = header("authorization").trimmed();
    if (!auth.toLower().startsWith("bearer "))
        return {};
    return auth.mid(7).trimmed();
}

QJsonObject HttpRequest::jsonBody() const
{
    return QJsonDocument::fromJson(body).object();
}

HttpResponse HttpResponse::json(int status, const QByteArray &body)
{
    HttpResponse r;
    r.status = status;
    r.contentType = "application/json; charset=utf-8";
    r.body = body.trimmed();
    return r;
}

HttpResponse HttpResponse::json(int status, const QJsonObject &body)
{
    return json(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

HttpResponse HttpResponse::fixture(int status, const QString &name)
{
    return json(status, Pot::Test::fixture(name));
}

HttpResponse HttpResponse::html(int status, const QByteArray &page)
{
    HttpResponse r;
    r.status = status;
    r.contentType = "text/html; charset=utf-8";
    r.body = page;
    return r;
}

HttpResponse HttpResponse::empty(int status)
{
    HttpResponse r;
    r.status = status;
    return r;
}

HttpResponse HttpResponse::never()
{
    HttpResponse r;
    r.hang = true;
    return r;
}

// ---- StandInController ------------------------------------------------------------------------

struct StandInController::Connection
{
    QByteArray buffer;
    bool busy = false; // one request at a time per connection, like HTTP/1.1 without pipelining
};

StandInController::StandInController(QObject *parent)
    : QObject(parent)
{
    m_users.insert(QStringLiteral("admin@example.com"),
                   User{QStringLiteral("admin-pass"), {}, {QStringLiteral("Admin")}});
    m_users.insert(QStringLiteral("viewer@example.com"),
                   User{QStringLiteral("viewer-pass"), {}, {QStringLiteral("Viewer")}});
    m_users.insert(QStringLiteral("otp@example.com"),
                   User{QStringLiteral("otp-pass"), QStringLiteral("123456"), {QStringLiteral("Admin")}});
    installDefaultRoutes();
    installResourceRoutes();
    m_keycloak = std::make_unique<StandInKeycloak>(*this);
    for (const QByteArray &method : {QByteArrayLiteral("GET"), QByteArrayLiteral("POST")}) {
        setPatternHandler(method, QStringLiteral("/realms/*/protocol/openid-connect/*"),
                          [this](const HttpRequest &r) { return m_keycloak->handle(r); });
    }
}

StandInController::~StandInController()
{
    stopAnswering();
}

bool StandInController::listen(const QSslConfiguration &tls)
{
    if (!tls.localCertificate().isNull()) {
        auto *ssl = new QSslServer(this);
        ssl->setSslConfiguration(tls);
        m_server = ssl;
        m_https = true;
    } else {
        m_server = new QTcpServer(this);
        m_https = false;
    }
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this,
            &StandInController::acceptPending);
    if (!m_server->listen(QHostAddress::LocalHost, 0))
        return false;
    m_port = m_server->serverPort();
    return true;
}

QString StandInController::address() const
{
    return (m_https ? QStringLiteral("https://127.0.0.1:") : QStringLiteral("http://127.0.0.1:"))
           + QString::number(m_port);
}

void StandInController::setHandler(const QByteArray &method, const QString &path, Handler handler)
{
    m_routes[{method.toUpper(), normalisePath(path)}] = std::move(handler);
}

void StandInController::setPatternHandler(const QByteArray &method, const QString &pattern,
                                          Handler handler)
{
    m_patternRoutes.append({method.toUpper(), normalisePath(pattern).split(u'/'), std::move(handler)});
}

void StandInController::setFault(const QString &path, Fault fault, int delayMs)
{
    m_faults.insert(normalisePath(path), {fault, delayMs});
}

void StandInController::stopAnswering()
{
    if (m_server)
        m_server->close();
    auto connections = std::move(m_connections);
    m_connections.clear();
    for (auto &[socket, conn] : connections) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
}

qint64 StandInController::serverNowMs() const
{
    return QDateTime::currentMSecsSinceEpoch() + m_skewMs;
}

void StandInController::revokeAccessTokens()
{
    m_accessTokens.clear();
}

QByteArray StandInController::issueAccessToken(const QString &user, const QStringList &roles,
                                               int lifetimeSec)
{
    const qint64 now = serverNowMs();
    const qint64 exp = now / 1000 + lifetimeSec;
    QJsonObject payload{
        {QStringLiteral("exp"), exp},
        {QStringLiteral("iat"), now / 1000},
        {QStringLiteral("jti"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {QStringLiteral("iss"), QStringLiteral("http://127.0.0.1/realms/pot")},
        {QStringLiteral("aud"), QJsonArray{QStringLiteral("pot-controller"), QStringLiteral("account")}},
        {QStringLiteral("typ"), QStringLiteral("Bearer")},
        {QStringLiteral("azp"), QStringLiteral("pot-controller")},
        {QStringLiteral("preferred_username"), user},
        {QStringLiteral("email"), user},
        {QStringLiteral("resource_access"),
         QJsonObject{{QStringLiteral("pot-controller"),
                      QJsonObject{{QStringLiteral("roles"), QJsonArray::fromStringList(roles)}}},
                     {QStringLiteral("account"),
                      QJsonObject{{QStringLiteral("roles"),
                                   QJsonArray{QStringLiteral("view-profile")}}}}}},
    };
    const QByteArray header = R"({"alg":"RS256","typ":"JWT","kid":"stand-in"})";
    const QByteArray token = base64Url(header) + '.'
                             + base64Url(QJsonDocument(payload).toJson(QJsonDocument::Compact))
                             + '.' + base64Url(randomBytes(64)); // signature bytes are arbitrary
    m_accessTokens.insert(token, TokenInfo{user, roles, exp * 1000});
    return token;
}

bool StandInController::isAccessTokenValid(const QByteArray &token) const
{
    const auto it = m_accessTokens.constFind(token);
    return (it != m_accessTokens.cend() && it->expMs > serverNowMs()) || m_keycloak->isAccessTokenValid(token);
}

QList<QByteArray> StandInController::issuedTokens() const
{
    return m_issued + m_keycloak->issuedTokens();
}

bool StandInController::authorize(const HttpRequest &request, HttpResponse *refusal) const
{
    if (isAccessTokenValid(request.bearerToken()))
        return true;
    *refusal = HttpResponse::fixture(401, QStringLiteral("GET_nats_operator__no-token_401.json"));
    return false;
}

int StandInController::hits(const QByteArray &method, const QString &path) const
{
    const QString p = normalisePath(path);
    int n = 0;
    for (const HttpRequest &r : m_requests)
        n += (r.method == method && r.path == p) ? 1 : 0;
    return n;
}

void StandInController::clearLog()
{
    m_requests.clear();
    m_refreshCount = m_loginCount = m_logoutCount = 0;
}

void StandInController::protectedFixture(const QByteArray &method, const QString &path, int status,
                                         const QString &fixtureName)
{
    setHandler(method, path, [this, status, fixtureName](const HttpRequest &r) {
        HttpResponse refusal;
        if (!authorize(r, &refusal))
            return refusal;
        if (fixtureName.isEmpty())
            return HttpResponse::empty(status);
        return HttpResponse::fixture(status, fixtureName);
    });
}

QJsonObject StandInController::tokenPair(const QString &user, const QStringList &roles)
{
    const QByteArray access = issueAccessToken(user, roles, m_accessLifetimeSec);
    const qint64 now = serverNowMs();
    const QJsonObject rtPayload{{QStringLiteral("exp"), now / 1000 + 1800},
                                {QStringLiteral("iat"), now / 1000},
                                {QStringLiteral("jti"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                                {QStringLiteral("typ"), QStringLiteral("Refresh")}};
    const QByteArray refreshToken =
        base64Url(R"({"alg":"HS512","typ":"JWT"})") + '.'
        + base64Url(QJsonDocument(rtPayload).toJson(QJsonDocument::Compact)) + '.'
        + base64Url(randomBytes(32));
    m_refreshTokens.insert(refreshToken, TokenInfo{user, roles, (now / 1000 + 1800) * 1000});
    m_issued << access << refreshToken;
    return {{QStringLiteral("accessToken"), QString::fromLatin1(access)},
            {QStringLiteral("refreshToken"), QString::fromLatin1(refreshToken)}};
}

HttpResponse StandInController::login(const HttpRequest &r)
{
    ++m_loginCount;
    const QJsonObject body = r.jsonBody();
    static const QRegularExpression email(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    if (!body.value(QStringLiteral("email")).isString()
        || !email.match(body.value(QStringLiteral("email")).toString()).hasMatch())
        return HttpResponse::fixture(400, QStringLiteral("POST_user_login__invalid-email_400.json"));
    if (!body.contains(QStringLiteral("password")))
        return HttpResponse::fixture(400, QStringLiteral("POST_user_login__missing-password_400.json"));
    if (body.contains(QStringLiteral("totp")) && !body.value(QStringLiteral("totp")).isString())
        return HttpResponse::fixture(400, QStringLiteral("POST_user_login__totp-number_400.json"));
    if (m_mockAuth) {
        return HttpResponse::json(200, QByteArray(R"({"accessToken":"mock-access-token",)"
                                                  R"("refreshToken":"mock-refresh-token"})"));
    }
    const QString mail = body.value(QStringLiteral("email")).toString();
    const auto user = m_users.constFind(mail);
    const bool ok = user != m_users.cend()
                    && user->password == body.value(QStringLiteral("password")).toString()
                    && (user->totp.isEmpty()
                        || user->totp == body.value(QStringLiteral("totp")).toString());
    if (!ok)
        return HttpResponse::fixture(401, QStringLiteral("POST_user_login__wrong-password_401.json"));
    return HttpResponse::json(200, tokenPair(mail, user->roles));
}

HttpResponse StandInController::refresh(const HttpRequest &r)
{
    ++m_refreshCount;
    const QJsonObject body = r.jsonBody();
    if (!body.contains(QStringLiteral("refreshToken")))
        return HttpResponse::fixture(400, QStringLiteral("POST_user_refresh__missing-token_400.json"));
    if (m_mockAuth) {
        return HttpResponse::json(200, QByteArray(R"({"accessToken":"mock-access-token",)"
                                                  R"("refreshToken":"mock-refresh-token"})"));
    }
    const QByteArray token = body.value(QStringLiteral("refreshToken")).toString().toLatin1();
    const auto it = m_refreshTokens.constFind(token);
    if (m_refuseRefresh || it == m_refreshTokens.cend() || it->expMs <= serverNowMs())
        return HttpResponse::fixture(401, QStringLiteral("POST_user_refresh__garbage-token_401.json"));
    const TokenInfo info = *it;
    m_refreshTokens.remove(token); // rotation: a refresh token works once
    return HttpResponse::json(200, tokenPair(info.user, info.roles));
}

void StandInController::installDefaultRoutes()
{
    setHandler("GET", Api + u"/status", [](const HttpRequest &) {
        return HttpResponse::fixture(200, QStringLiteral("GET_status.json"));
    });
    setHandler("GET", Api + u"/fog-types", [](const HttpRequest &) {
        return HttpResponse::fixture(200, QStringLiteral("GET_fog-types.json"));
    });
    protectedFixture("GET", Api + u"/iofog-list", 200, QStringLiteral("GET_iofog-list.json"));
    protectedFixture("GET", Api + u"/nats/operator", 200, QStringLiteral("GET_nats_operator.json"));
    protectedFixture("GET", Api + u"/application", 200, QStringLiteral("GET_application.json"));
    protectedFixture("GET", Api + u"/application/no-such-app", 404,
                     QStringLiteral("GET_application_NAME__missing_404.json"));
    protectedFixture("HEAD", Api + u"/capabilities/nats", 204, QString());
    // The lists the cluster pages read, in their final captured state.
    protectedFixture("GET", Api + u"/application/system", 200,
                     QStringLiteral("GET_application_system.json"));
    protectedFixture("GET", Api + u"/iofog/8b6c66bf-ef7f-405b-8e04-d6c7bdd088fc", 200,
                     QStringLiteral("GET_iofog_UUID__edge-node-1.json"));
    protectedFixture("GET", Api + u"/iofog/298c5318-e06c-4da0-990b-b3b0ba2aeec4", 200,
                     QStringLiteral("GET_iofog_UUID__system-hub.json"));
    protectedFixture("GET", Api + u"/iofog/8b6c66bf-ef7f-405b-8e04-d6c7bdd088fc/provisioning-key",
                     201, QStringLiteral("GET_iofog_UUID_provisioning-key.json"));
    protectedFixture("GET", Api + u"/microservices", 200, QStringLiteral("GET_microservices.json"));
    protectedFixture("GET", Api + u"/microservices/system", 200,
                     QStringLiteral("GET_microservices_system.json"));
    protectedFixture("GET", Api + u"/nats/hub", 200, QStringLiteral("GET_nats_hub.json"));
    protectedFixture("GET", Api + u"/nats/accounts", 200, QStringLiteral("GET_nats_accounts__final.json"));
    protectedFixture("GET", Api + u"/nats/users", 200, QStringLiteral("GET_nats_users.json"));
    protectedFixture("GET", Api + u"/nats/account-rules", 200,
                     QStringLiteral("GET_nats_account-rules.json"));
    protectedFixture("GET", Api + u"/nats/user-rules", 200, QStringLiteral("GET_nats_user-rules.json"));
    protectedFixture("GET", Api + u"/roles", 200, QStringLiteral("GET_roles__after-create.json"));
    protectedFixture("GET", Api + u"/rolebindings", 200, QStringLiteral("GET_rolebindings.json"));
    protectedFixture("GET", Api + u"/serviceaccounts", 200,
                     QStringLiteral("GET_serviceaccounts__initial.json"));
    setHandler("PUT", Api + u"/config", [this](const HttpRequest &r) {
        HttpResponse refusal;
        if (!authorize(r, &refusal))
            return refusal;
        const TokenInfo info = m_accessTokens.value(r.bearerToken());
        if (!info.roles.contains(QStringLiteral("Admin")))
            return HttpResponse::fixture(403, QStringLiteral("PUT_config__viewer-token_403.json"));
        return HttpResponse::fixture(200, QStringLiteral("PUT_config__console-theme.json"));
    });
    setHandler("POST", Api + u"/user/login", [this](const HttpRequest &r) { return login(r); });
    setHandler("POST", Api + u"/user/refresh", [this](const HttpRequest &r) { return refresh(r); });
    setHandler("POST", Api + u"/user/logout", [this](const HttpRequest &r) {
        ++m_logoutCount;
        // The Controller does not check the token; without one Keycloak's call fails → empty 500.
        return HttpResponse::empty(r.bearerToken().isEmpty() ? 500 : 204);
    });
    setHandler("GET", Api + u"/user/profile", [this](const HttpRequest &r) {
        if (!isAccessTokenValid(r.bearerToken()))
            return HttpResponse::never(); // the real handler throws after the fact
        const TokenInfo info = m_accessTokens.value(r.bearerToken());
        QJsonObject profile =
            QJsonDocument::fromJson(Pot::Test::fixture(QStringLiteral("GET_user_profile.json"))).object();
        profile.insert(QStringLiteral("preferred_username"), info.user);
        profile.insert(QStringLiteral("email"), info.user);
        return HttpResponse::json(200, profile);
    });
}

void StandInController::acceptPending()
{
    while (m_server && m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        if (socket)
            adopt(socket);
    }
}

void StandInController::adopt(QTcpSocket *socket)
{
    socket->setParent(this);
    ++m_accepted;
    m_connections[socket] = std::make_unique<Connection>();
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { processBuffer(socket); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
        m_connections.erase(socket);
        socket->deleteLater();
    });
    if (socket->bytesAvailable() > 0)
        processBuffer(socket);
}

void StandInController::processBuffer(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    Connection &conn = *it->second;
    conn.buffer += socket->readAll();
    while (!conn.busy) {
        if (!conn.buffer.isEmpty() && (conn.buffer.at(0) < 'A' || conn.buffer.at(0) > 'Z')) {
            // Not HTTP (e.g. a TLS ClientHello on the plain port): answer like Node and close.
            socket->write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
            conn.buffer.clear();
            return;
        }
        const qsizetype headerEnd = conn.buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            if (conn.buffer.size() > MaxHeaderBytes)
                socket->abort();
            return;
        }
        const QList<QByteArray> lines = conn.buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.constFirst().trimmed().split(' ');
        if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
            socket->abort();
            return;
        }
        HttpRequest req;
        req.method = requestLine.at(0).toUpper();
        const QUrl target = QUrl::fromEncoded(requestLine.at(1));
        req.path = normalisePath(target.path());
        req.rawPath = target.path(QUrl::FullyEncoded).toLatin1();
        req.query = QUrlQuery(target);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                req.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
        }
        bool ok = true;
        const qint64 length = req.headers.contains("content-length")
                                  ? req.header("content-length").toLongLong(&ok)
                                  : 0;
        if (!ok || length < 0) {
            socket->abort();
            return;
        }
        if (conn.buffer.size() < headerEnd + 4 + length)
            return; // wait for the rest of the body
        req.body = conn.buffer.mid(headerEnd + 4, length);
        conn.buffer.remove(0, headerEnd + 4 + length);
        const bool http10 = requestLine.at(2) == "HTTP/1.0";
        const QByteArray connectionHeader = req.header("connection").toLower();
        const bool keepAlive = http10 ? connectionHeader == "keep-alive" : connectionHeader != "close";
        conn.busy = true;
        dispatch(socket, req, keepAlive);
    }
}

HttpResponse StandInController::route(const HttpRequest &request)
{
    if (request.body.size() > BodyLimit) {
        return HttpResponse::html(
            413, expressHtml("PayloadTooLargeError: request entity too large<br> &nbsp; &nbsp;at "
                             "readStream (INSTALL_DIR/node_modules/raw-body/index.js:163:17)"));
    }
    const auto fault = m_faults.constFind(request.path);
    if (fault != m_faults.cend()) {
        switch (fault->first) {
        case Fault::None:
            break;
        case Fault::Unauthorized:
            return HttpResponse::fixture(401, QStringLiteral("GET_nats_operator__no-token_401.json"));
        case Fault::Forbidden:
            return HttpResponse::fixture(403, QStringLiteral("PUT_config__viewer-token_403.json"));
        case Fault::NotFound:
            return HttpResponse::fixture(404, QStringLiteral("GET_application_NAME__missing_404.json"));
        case Fault::ServerError:
            return HttpResponse::fixture(500, QStringLiteral("POST_roles__duplicate_500.json"));
        case Fault::Html:
            return HttpResponse::html(404, expressHtml("Cannot " + request.method + ' '
                                                       + request.path.toUtf8()));
        case Fault::Hang:
            return HttpResponse::never();
        case Fault::Slow: {
            HttpResponse r = dispatchToHandler(request);
            r.delayMs = fault->second;
            return r;
        }
        }
    }
    return dispatchToHandler(request);
}

HttpResponse StandInController::dispatchToHandler(const HttpRequest &request)
{
    const auto handler = m_routes.find({request.method, request.path});
    if (handler != m_routes.end())
        return handler->second(request);
    const QStringList segments = request.path.split(u'/');
    for (const PatternRoute &p : std::as_const(m_patternRoutes)) {
        if (p.method != request.method || p.segments.size() != segments.size())
            continue;
        HttpRequest matched = request;
        bool ok = true;
        for (qsizetype i = 0; ok && i < segments.size(); ++i) {
            if (p.segments.at(i) == u"*")
                matched.params << segments.at(i);
            else
                ok = p.segments.at(i) == segments.at(i);
        }
        if (ok)
            return p.handler(matched);
    }
    return HttpResponse::html(404, expressHtml("Cannot " + request.method + ' ' + request.path.toUtf8()));
}

void StandInController::dispatch(QTcpSocket *socket, const HttpRequest &request, bool keepAlive)
{
    m_requests << request;
    HttpResponse response = route(request);
    if (response.hang)
        return; // the connection stays busy and silent
    response.delayMs += m_answerDelayMs;
    m_maxInFlight = std::max(m_maxInFlight, ++m_inFlight);
    if (response.delayMs > 0) {
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(response.delayMs, this, [this, guard, request, response, keepAlive] {
            if (guard && m_connections.count(guard.data()))
                writeResponse(guard, request, response, keepAlive);
            else
                --m_inFlight;
        });
        return;
    }
    writeResponse(socket, request, response, keepAlive);
}

void StandInController::writeResponse(QTcpSocket *socket, const HttpRequest &request,
                                      const HttpResponse &r, bool keepAlive)
{
    --m_inFlight;
    QByteArray out = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + reasonPhrase(r.status) + "\r\n";
    out += "Access-Control-Allow-Origin: *\r\n";
    out += "X-Timestamp: " + QByteArray::number(serverNowMs()) + "\r\n";
    if (!r.contentType.isEmpty())
        out += "Content-Type: " + r.contentType + "\r\n";
    for (const auto &[name, value] : r.headers)
        out += name + ": " + value + "\r\n";
    if (r.status != 204 && r.status != 304)
        out += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n";
    out += "Set-Cookie: connect.sid=s%3A" + base64Url(randomBytes(16)) + "; Path=/; HttpOnly\r\n";
    out += keepAlive ? "Connection: keep-alive\r\nKeep-Alive: timeout=5\r\n" : "Connection: close\r\n";
    out += "\r\n";
    if (request.method != "HEAD" && r.status != 204 && r.status != 304)
        out += r.body;
    socket->write(out);
    if (!keepAlive) {
        socket->disconnectFromHost();
        return;
    }
    const auto it = m_connections.find(socket);
    if (it != m_connections.end()) {
        it->second->busy = false;
        if (!it->second->buffer.isEmpty())
            QTimer::singleShot(0, socket, [this, socket] { processBuffer(socket); });
    }
}

} // namespace Pot::Test
