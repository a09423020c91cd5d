#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <chrono>

namespace Pot::Test {

/// A real nats-server (Debian package nats-server) on 127.0.0.1 and a free port, for integration
/// tests. The configuration lives in a private temporary directory; the process is stopped by its
/// PID (terminate, then kill) when the object goes away. A missing binary is an error, not a skip:
/// the test command installs the package.
class NatsServer final
{
public:
    NatsServer();
    ~NatsServer();
    NatsServer(const NatsServer &) = delete;
    NatsServer &operator=(const NatsServer &) = delete;

    /// $NATS_SERVER, else nats-server on PATH, /usr/sbin or /usr/bin; empty when none is found.
    static QString binary();
    /// A port on 127.0.0.1 that was free a moment ago (bound to port 0 and released).
    static quint16 freePort();

    /// Writes `body` below the generated "server_name" and "listen: 127.0.0.1:<port>" lines,
    /// starts the server with -c and waits until the port accepts connections. Retries with
    /// another port when the chosen one was taken in the meantime.
    Status start(const QString &body, std::chrono::milliseconds timeout = std::chrono::seconds(20));
    /// Terminates (then kills) the process. Safe to call twice.
    void stop();

    bool isRunning() const { return m_process.state() == QProcess::Running; }
    qint64 pid() const { return m_process.processId(); }
    quint16 port() const { return m_port; }
    QString serverName() const { return m_serverName; }
    void setServerName(const QString &name) { m_serverName = name; }
    /// nats://127.0.0.1:<port> (or another scheme, e.g. "tls").
    QUrl url(const QString &scheme = QStringLiteral("nats")) const;

    /// Directory for the config and any file it refers to (certificates, JWTs).
    QString dir() const { return m_dir.path(); }
    /// Writes a file into dir() and returns its absolute path (empty on failure).
    QString writeFile(const QString &name, const QByteArray &contents) const;
    /// The generated configuration text of the last start().
    QString configText() const { return m_config; }
    /// Everything the server wrote to stdout/stderr so far.
    QString log();

private:
    Status startOnce(const QString &body, std::chrono::milliseconds timeout, bool *portTaken);
    void drain();

    QTemporaryDir m_dir;
    QProcess m_process;
    QString m_serverName = QStringLiteral("pot-test-nats");
    QString m_config;
    QByteArray m_log;
    quint16 m_port = 0;
};

} // namespace Pot::Test
