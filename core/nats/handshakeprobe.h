#pragma once

#include "core/nats/creds.h"
#include "core/nats/nkey.h"
#include "core/result.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <functional>
#include <optional>

class QSslSocket;

namespace Pot::Nats {

/// What the probe presents in CONNECT.
struct ProbeCredentials
{
    /// User JWT; empty for plain nkey users or servers without authentication.
    QByteArray userJwt;
    /// Signs the server nonce ("sig"). std::nullopt for bearer JWTs and anonymous connections. Without
    /// a JWT the key's public key is sent as "nkey" (nkey users in the server config).
    std::optional<KeyPair> key;
};

struct ProbeOptions
{
    /// PEM certificates trusted in addition to the system store, for this probe only.
    QByteArray caPem;
    /// Whole handshake: TCP connect, INFO, TLS, CONNECT/PING, PONG.
    std::chrono::milliseconds timeout{10000};
};

/// What the server said about itself in INFO, once it accepted the credentials.
struct ProbeResult
{
    QString serverName; ///< "server_name" (falls back to server_id on old servers)
    QString serverId;
    QString version;
    QString goVersion;
    QString clientIp;   ///< the address the server saw
    qint64 maxPayload = 0;
    int protocol = 0;
    bool headers = false;
    bool jetStream = false;
    bool authRequired = false;
    bool tls = false; ///< the connection was upgraded to TLS
};

/// Live credentials test: the NATS client handshake up to the first PONG. One probe runs at a time;
/// every start() ends with exactly one finished() (queued when start() itself rejects the input).
/// Destroying a running probe aborts it silently. The seed stays inside KeyPair; only the nonce
/// signature and the JWT go on the wire, and neither is logged.
class HandshakeProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HandshakeProbe)

public:
    static constexpr int DefaultPort = 4222;
    /// Longest protocol line accepted from the server (INFO with many connect_urls stays far below).
    static constexpr qsizetype MaxLineLength = 64 * 1024;

    explicit HandshakeProbe(QObject *parent = nullptr);
    ~HandshakeProbe() override;

    /// "nats://host[:port]", "tls://host[:port]" or "host[:port]" (nats). Rejects other schemes,
    /// paths and credentials in the URL.
    static Result<QUrl> parseServerUrl(const QString &text);

    /// Starts the handshake. Returns false without emitting anything when a probe is already running.
    bool start(const QUrl &server, const ProbeCredentials &credentials,
               const ProbeOptions &options = {});
    /// Aborts a running probe; finished() reports ErrorCode::Cancelled. No-op when idle.
    void cancel();
    bool isRunning() const { return m_state != State::Idle; }

Q_SIGNALS:
    void finished(const Pot::Result<Pot::Nats::ProbeResult> &result);

private:
    enum class State { Idle, Connecting, AwaitInfo, Encrypting, AwaitPong };

    void onConnected();
    void onReadyRead();
    void onEncrypted();
    void onSocketError();
    void onTimeout();

    void processBuffer();
    bool handleInfo(QByteArrayView line);
    void handleOperation(QByteArrayView line);
    void sendConnect();
    QString endpoint() const;
    QString stageText() const;
    void fail(Error error);
    void succeed();
    void finish(const Result<ProbeResult> &result);
    void teardown();

    QSslSocket *m_socket = nullptr;
    QTimer m_timer;
    State m_state = State::Idle;
    quint64 m_run = 0; ///< bumped on every finish; stale queued rejections compare against it
    QUrl m_url;
    bool m_wantTls = false;
    ProbeCredentials m_credentials;
    ProbeOptions m_options;
    QByteArray m_buffer;
    QByteArray m_nonce;
    ProbeResult m_result;
    QString m_sslErrors;
};

/// What a .creds file connects with: its JWT, and its key to sign the nonce unless the JWT is a
/// bearer token (which signs in on its own).
ProbeCredentials probeCredentials(const UserCreds &creds);
/// One sentence for the user: "Authenticated to hub (nats-server 2.9.10), TLS." or the error.
QString describeProbeOutcome(const Result<ProbeResult> &outcome);
/// The live creds test as the creds dialog and the decoder run it: replaces `probe` (a previous run
/// is dropped) with a new one owned by `owner` and reports through `report(sentence, ok)`: at once
/// "Connecting to …" (or why `serverUrl` is unusable), then the outcome.
void startLiveTest(QObject *owner, QPointer<HandshakeProbe> &probe, const UserCreds &creds,
                   const QString &serverUrl, const QByteArray &caPem,
                   const std::function<void(const QString &sentence, bool ok)> &report);

} // namespace Pot::Nats
