#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QSet>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include <functional>
#include <map>
#include <memory>

class QTcpServer;
class QTcpSocket;

namespace Pot::Test {

class StandInKeycloak;

/// One part of a multipart/form-data body as a server (busboy, multer) reads it.
struct MultipartPart
{
    QHash<QByteArray, QByteArray> headers; ///< lower-case names
    QByteArray content;
    /// The `name` parameter of its Content-Disposition (the form field).
    QByteArray fieldName() const;
};

/// A strict RFC 7578 reader: the body must start with the first delimiter, parts are separated by
/// CRLF + delimiter, and the close delimiter (with its CRLF) ends the body. false on any deviation.
bool parseMultipart(const QByteArray &contentType, const QByteArray &body, QList<MultipartPart> *parts,
                    QByteArray *boundary = nullptr);

/// One parsed HTTP/1.1 request.
struct HttpRequest
{
    QByteArray method;
    QString path;   ///< decoded, without query, trailing slash removed (Express non-strict routing)
    QByteArray rawPath; ///< as sent (percent-encoded), without query: shows segment boundaries
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; ///< lower-case names
    QByteArray body;
    QStringList params; ///< the path segments a pattern route matched with `*`, in order

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    /// Token of "Authorization: Bearer <token>", empty if none.
    QByteArray bearerToken() const;
    /// Body as a JSON object (empty when it is not one).
    QJsonObject jsonBody() const;
    /// Content of the multipart form field `field` (multer's upload.single(field)); false when the
    /// body is no well-formed multipart body or has no such field.
    bool formFile(const QByteArray &field, QByteArray *content) const;
};

/// What the stand-in answers.
struct HttpResponse
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    int delayMs = 0;   ///< answer this much later
    bool hang = false; ///< never answer (the connection stays open)

    static HttpResponse json(int status, const QByteArray &body);
    static HttpResponse json(int status, const QJsonObject &body);
    /// A captured body from tests/data/controller-3.7.3.
    static HttpResponse fixture(int status, const QString &name);
    static HttpResponse html(int status, const QByteArray &page);
    static HttpResponse empty(int status);
    static HttpResponse never();
};

/// A loopback imitation of a Datasance PoT Controller 3.7.3 for tests. It listens on 127.0.0.1
/// only, over http (QTcpServer) or https (QSslServer), serves the captured 3.7.3 answers, issues
/// JWT-shaped tokens, checks bearer tokens like the Controller and can be told to misbehave.
///
/// Routes are a table of (method, path) → handler; setHandler() adds or replaces entries (paths
/// are absolute, e.g. "/api/v3/status" or "/realms/pot/protocol/openid-connect/token").
class StandInController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StandInController)

public:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;

    enum class Fault {
        None,
        Unauthorized, ///< 401 with the captured RBAC body
        Forbidden,    ///< 403 with the captured RBAC body
        NotFound,     ///< 404 with a captured NotFoundError body
        ServerError,  ///< 500 with a captured {name,message,stack} body
        Html,         ///< 404 Express HTML page
        Slow,         ///< normal answer after delayMs
        Hang,         ///< never answers
    };

    struct User
    {
        QString password;
        QString totp; ///< empty = no second factor
        QStringList roles;
    };

    static constexpr int BodyLimit = 100 * 1024; ///< body-parser default

    explicit StandInController(QObject *parent = nullptr);
    ~StandInController() override;

    /// Listens on 127.0.0.1 with a free port; https when `tls` has a local certificate.
    bool listen(const QSslConfiguration &tls = QSslConfiguration());
    quint16 port() const { return m_port; }
    bool isHttps() const { return m_https; }
    /// "http://127.0.0.1:<port>" or "https://…".
    QString address() const;

    /// Adds or replaces a route. `path` is absolute and has no trailing slash.
    void setHandler(const QByteArray &method, const QString &path, Handler handler);
    /// Adds a route whose `*` segments match any one segment (handed over in HttpRequest::params),
    /// e.g. "/api/v3/secrets/*". Exact routes win; among patterns the first added that matches.
    void setPatternHandler(const QByteArray &method, const QString &pattern, Handler handler);
    /// Makes every request to `path` (any method, absolute, e.g. "/api/v3/status") misbehave.
    void setFault(const QString &path, Fault fault, int delayMs = 0);
    void clearFaults() { m_faults.clear(); }
    /// Closes the listener and drops every connection; later connects are refused.
    void stopAnswering();

    /// The Keycloak realm served on the same port (/realms/pot/protocol/openid-connect/…) for the
    /// browser sign-in; see StandInKeycloak.
    StandInKeycloak &keycloak() { return *m_keycloak; }
    const StandInKeycloak &keycloak() const { return *m_keycloak; }

    // ---- identity provider behaviour
    void addUser(const QString &email, const User &user) { m_users.insert(email, user); }
    void setAccessTokenLifetime(int seconds) { m_accessLifetimeSec = seconds; }
    void setRefuseRefresh(bool refuse) { m_refuseRefresh = refuse; }
    /// Dev mode without `auth`: login and refresh answer mock-access-token.
    void setMockAuth(bool mock) { m_mockAuth = mock; }
    /// X-Timestamp and token times are this much ahead of the local clock (may be negative).
    void setClockSkewMs(qint64 skew) { m_skewMs = skew; }
    qint64 serverNowMs() const;
    /// Every access token issued so far stops being accepted (as if the realm key changed).
    void revokeAccessTokens();
    /// Issues an access token for `user` valid `lifetimeSec` from now (server clock).
    QByteArray issueAccessToken(const QString &user, const QStringList &roles, int lifetimeSec);
    /// true if `token` would be accepted now.
    bool isAccessTokenValid(const QByteArray &token) const;
    /// false and the Controller's 401 in `refusal` when the request has no acceptable token.
    bool authorize(const HttpRequest &request, HttpResponse *refusal) const;

    // ---- what happened
    int hits(const QByteArray &method, const QString &path) const;
    /// Answers every request this much later (on top of a handler's own delay): requests that
    /// were sent together are then seen together.
    void setAnswerDelay(int ms) { m_answerDelayMs = ms; }
    /// The most requests that were waiting for an answer at one time, since resetMaxInFlight().
    int maxInFlight() const { return m_maxInFlight; }
    void resetMaxInFlight() { m_maxInFlight = m_inFlight; }
    /// Connections accepted so far (a client that keeps its connections opens few).
    int connectionsAccepted() const { return m_accepted; }
    int refreshCount() const { return m_refreshCount; }
    /// Every access and refresh token handed out by sign-in and refresh, its Keycloak realm's too
    /// (secret scans).
    QList<QByteArray> issuedTokens() const;
    int loginCount() const { return m_loginCount; }
    int logoutCount() const { return m_logoutCount; }
    const QList<HttpRequest> &requests() const { return m_requests; }
    void clearLog();

    /// Serves a captured fixture (empty name: no body) on `path` to requests with a valid token.
    void protectedFixture(const QByteArray &method, const QString &path, int status,
                          const QString &fixtureName);

    /// The in-memory store behind the stateful resource routes, seeded from the third-run
    /// fixtures; tests may read it or change it. `kind` is one of "secrets", "configmaps",
    /// "volumeMounts", "services", "registries", "catalogItems", "edgeResources",
    /// "applicationTemplates", "events": one object per record, in the Controller's full shape
    /// (secrets and config maps with `data`, registries with `password`, volume mounts with
    /// `fogUuids`, events newest last).
    QList<QJsonObject> &resources(const QString &kind);

private:
    struct Connection;
    struct TokenInfo
    {
        QString user;
        QStringList roles;
        qint64 expMs = 0;
    };

    struct Resources;
    void installDefaultRoutes();
    void installResourceRoutes();
    /// setPatternHandler for a Controller route: bearer check, 403 for a write without the
    /// Admin role, and an audit event for every answered non-GET request (§3.9).
    void resourceRoute(const QByteArray &method, const QString &pattern, Handler handler);
    void recordEvent(const HttpRequest &request, const HttpResponse &response,
                     const QString &statusMessage = QString());
    void acceptPending();
    void adopt(QTcpSocket *socket);
    void processBuffer(QTcpSocket *socket);
    void dispatch(QTcpSocket *socket, const HttpRequest &request, bool keepAlive);
    HttpResponse route(const HttpRequest &request);
    HttpResponse dispatchToHandler(const HttpRequest &request);
    void writeResponse(QTcpSocket *socket, const HttpRequest &request, const HttpResponse &r,
                       bool keepAlive);
    QJsonObject tokenPair(const QString &user, const QStringList &roles);
    HttpResponse login(const HttpRequest &request);
    HttpResponse refresh(const HttpRequest &request);

    QTcpServer *m_server = nullptr;
    quint16 m_port = 0;
    bool m_https = false;
    std::map<QTcpSocket *, std::unique_ptr<Connection>> m_connections;
    std::map<QPair<QByteArray, QString>, Handler> m_routes;
    struct PatternRoute
    {
        QByteArray method;
        QStringList segments;
        Handler handler;
    };
    QList<PatternRoute> m_patternRoutes;
    std::unique_ptr<Resources> m_resources;
    std::unique_ptr<StandInKeycloak> m_keycloak;
    QHash<QString, QPair<Fault, int>> m_faults;
    QHash<QString, User> m_users;
    QHash<QByteArray, TokenInfo> m_accessTokens;
    QHash<QByteArray, TokenInfo> m_refreshTokens;
    QList<HttpRequest> m_requests;
    QList<QByteArray> m_issued;
    int m_accessLifetimeSec = 300;
    qint64 m_skewMs = 0;
    int m_refreshCount = 0;
    int m_loginCount = 0;
    int m_logoutCount = 0;
    bool m_refuseRefresh = false;
    int m_answerDelayMs = 0;
    int m_inFlight = 0;
    int m_maxInFlight = 0;
    int m_accepted = 0;
    bool m_mockAuth = false;
};

} // namespace Pot::Test
