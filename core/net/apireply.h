#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QTimer>
#include <QUrlQuery>

#include <chrono>
#include <optional>

class QNetworkReply;

namespace Pot::Net {

class ControllerClient;

/// One call to the Controller API. `path` is relative to the `/api/v3` base, e.g. "/status", and
/// sent as it is: build names into it with pathSegment().
struct ApiRequest
{
    QByteArray method = QByteArrayLiteral("GET");
    QString path;
    QUrlQuery query;
    QByteArray body;
    QByteArray contentType;
    bool authenticated = true;            ///< send `Authorization: Bearer` from the Authenticator
    std::chrono::milliseconds timeout{0}; ///< 0 = the client's default
    /// Sent as the bearer token instead of asking the Authenticator (sign-out, a check right after
    /// sign-in). Never retried after a 401.
    QByteArray bearerToken;
    /// false: leave ApiResponse::json undefined and let the caller parse `body` (large lists are
    /// parsed on a worker thread).
    bool parseJson = true;
    /// The largest answer body read; a larger one is refused unread (ErrorCode::Protocol), so a
    /// broken or hostile Controller cannot grow the console without bound while it polls.
    qint64 maxBodyBytes = ObjectBodyLimit;

    /// Status, profile, tokens: a few kB in practice.
    static constexpr qint64 SmallBodyLimit = 1024 * 1024;
    /// One object (an application, an account with its users, a role).
    static constexpr qint64 ObjectBodyLimit = 16 * 1024 * 1024;
    /// A list: 18,934 agents are 60 MB.
    static constexpr qint64 ListBodyLimit = 256 * 1024 * 1024;

    static ApiRequest get(const QString &path, bool authenticated = true);
    /// GET of a list (the larger body limit).
    static ApiRequest list(const QString &path, bool authenticated = true);
    static ApiRequest head(const QString &path, bool authenticated = true);
    /// DELETE without a body.
    static ApiRequest remove(const QString &path);
    static ApiRequest sendJson(const QByteArray &method, const QString &path,
                               const QJsonObject &body, bool authenticated = true);
    /// multipart/form-data with one file part named `field` (the Controller's /yaml endpoints),
    /// separated by a random boundary that does not occur in `content`.
    static ApiRequest multipartFile(const QByteArray &method, const QString &path,
                                    const QByteArray &field, const QByteArray &fileName,
                                    const QByteArray &content,
                                    const QByteArray &mime = QByteArrayLiteral("application/yaml"));
};

/// `name` (of an application, user, role...) as one segment of an ApiRequest path, percent-encoded
/// so that a '/', ' ', '?', '#' or '%' in it stays inside that segment instead of changing the route.
QString pathSegment(const QString &name);

/// A successful (2xx) answer.
struct ApiResponse
{
    int httpStatus = 0;
    QByteArray contentType;
    QByteArray body;
    QJsonValue json;                   ///< parsed body for application/json, else undefined
    std::optional<qint64> serverTimeMs; ///< X-Timestamp header
    qint64 clockSkewMs = 0;            ///< server clock minus local clock (0 without X-Timestamp)
    qint64 localTimeMs = 0;            ///< local time the answer arrived (ms since epoch)
    QString peerSha256;                ///< "AB:CD:…" of the server certificate (https only)
};

/// Handle of one request in flight. Emits finished() exactly once (success, error, timeout or
/// cancel), then deletes itself later. Keep it in a QPointer if you keep it at all. Deleting the
/// ControllerClient cancels its unfinished replies (finished() with ErrorCode::Cancelled).
class ApiReply final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiReply)

public:
    ~ApiReply() override;

    bool isFinished() const { return m_finished; }
    /// Valid once finished() was emitted.
    const Result<ApiResponse> &result() const { return m_result; }
    /// Aborts the request; finished() follows with ErrorCode::Cancelled (no-op once finished).
    void cancel();

    const QByteArray &method() const { return m_request.method; }
    const QString &path() const { return m_request.path; }
    /// Number of times the request went on the wire (2 after a 401 → refresh → retry).
    int attempts() const { return m_attempts; }

Q_SIGNALS:
    void finished();

private:
    friend class ControllerClient;
    ApiReply(ControllerClient *client, ApiRequest request);

    void start();
    void sendWithToken(const QByteArray &token);
    void onNetworkFinished();
    void onTimeout();
    void resendUnderNewTrust();
    void finish(Result<ApiResponse> result);
    Result<ApiResponse> interpret(QNetworkReply *reply);
    Error tlsError(const QString &host) const;

    QPointer<ControllerClient> m_client;
    ApiRequest m_request;
    Result<ApiResponse> m_result;
    QPointer<QNetworkReply> m_reply;
    QPointer<QNetworkAccessManager> m_network; ///< the manager m_reply runs on
    QTimer m_timer;
    QElapsedTimer m_elapsed;
    QByteArray m_token;
    QList<QSslError> m_sslErrors;
    QList<QSslCertificate> m_peerChain;
    std::optional<Error> m_pinError;
    qint64 m_sentAtMs = 0;
    int m_attempts = 0;
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_timedOut = false;
    bool m_tooLarge = false;
    qint64 m_bodyLimit = 0; ///< this answer's limit (smaller once it turns out to be an error)
};

} // namespace Pot::Net
