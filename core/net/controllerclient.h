#pragma once

#include "apireply.h"
#include "authenticator.h"
#include "core/result.h"
#include "core/tls/trustpolicy.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <functional>
#include <optional>

namespace Pot::Net {

/// HTTP client of one Controller (one profile). Adds the bearer token from the Authenticator,
/// applies the profile's TLS trust policy, enforces a timeout and a body-size limit on every
/// request, and maps every failure to a typed Error. After a 401 it asks the Authenticator for a
/// new token and retries exactly once.
///
/// Trust belongs to the client: it owns its QNetworkAccessManager, so no TLS connection, TLS
/// context or session ticket made under one profile's trust can carry a request of another
/// profile (Qt keys kept connections and their TLS context by host:port only, not by the CA list).
/// setTrustPolicy() retires the manager: the next request opens new connections under the new
/// trust, while requests already on the wire finish on the old one, which is then deleted.
class ControllerClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ControllerClient)

public:
    using Callback = std::function<void(Result<ApiResponse>)>;

    static constexpr std::chrono::milliseconds DefaultTimeout{15000};

    explicit ControllerClient(QObject *parent = nullptr);
    ~ControllerClient() override;

    /// Sets the Controller address as the user typed it (see normaliseControllerUrl()).
    Status setBaseUrl(const QString &address);
    /// Normalised base, ending in /api/v3; empty until setBaseUrl() succeeded.
    QUrl baseUrl() const { return m_baseUrl; }
    /// false for http:// — the UI should flag the connection as unencrypted.
    bool isEncrypted() const { return m_baseUrl.scheme() == u"https"; }

    /// Takes effect on the next request: new connections, never a kept one.
    void setTrustPolicy(const Tls::TrustPolicy &policy);
    const Tls::TrustPolicy &trustPolicy() const { return m_trust; }

    void setDefaultTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds defaultTimeout() const { return m_timeout; }

    /// Not owned; must outlive the client or be reset to nullptr first.
    void setAuthenticator(Authenticator *authenticator) { m_authenticator = authenticator; }
    Authenticator *authenticator() const { return m_authenticator; }

    /// The manager under the current trust policy (created on first use).
    QNetworkAccessManager *network();

    /// Starts a request; connect to ApiReply::finished (it is emitted after this returns).
    ApiReply *send(const ApiRequest &request);
    /// Starts a request and calls `done` once with the outcome, unless `context` is gone by then.
    ApiReply *send(const ApiRequest &request, QObject *context, Callback done);

    /// Server clock minus local clock as last measured from X-Timestamp.
    std::optional<qint64> lastClockSkewMs() const { return m_skewMs; }

Q_SIGNALS:
    /// A response carried X-Timestamp; `skewMs` = server clock minus local clock.
    void clockSkewMeasured(qint64 skewMs);

private:
    friend class ApiReply;
    void noteSkew(qint64 skewMs);
    void retireNetwork();
    /// Deletes retired managers that no longer carry a request.
    void reapRetiredNetworks();

    QNetworkAccessManager *m_network = nullptr;
    QList<QPointer<QNetworkAccessManager>> m_retired;
    QUrl m_baseUrl;
    Tls::TrustPolicy m_trust;
    std::chrono::milliseconds m_timeout = DefaultTimeout;
    Authenticator *m_authenticator = nullptr;
    std::optional<qint64> m_skewMs;
};

} // namespace Pot::Net
