#include "natsserver.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>

namespace Pot::Test {

NatsServer::NatsServer()
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
}

NatsServer::~NatsServer()
{
    stop();
}

QString NatsServer::binary()
{
    const QString fromEnv = qEnvironmentVariable("NATS_SERVER");
    if (!fromEnv.isEmpty())
        return QFile::exists(fromEnv) ? fromEnv : QString();
    QString found = QStandardPaths::findExecutable(QStringLiteral("nats-server"));
    if (found.isEmpty())
        found = QStandardPaths::findExecutable(QStringLiteral("nats-server"),
                                               {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin"),
                                                QStringLiteral("/usr/local/bin")});
    return found;
}

quint16 NatsServer::freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

QUrl NatsServer::url(const QString &scheme) const
{
    QUrl u;
    u.setScheme(scheme);
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(m_port);
    return u;
}

QString NatsServer::writeFile(const QString &name, const QByteArray &contents) const
{
    const QString path = QDir(m_dir.path()).absoluteFilePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(contents) != contents.size())
        return QString();
    return path;
}

QString NatsServer::log()
{
    drain();
    return QString::fromUtf8(m_log);
}

void NatsServer::drain()
{
    m_log += m_process.readAll();
}

Status NatsServer::start(const QString &body, std::chrono::milliseconds timeout)
{
    if (!m_dir.isValid())
        return Error(ErrorCode::Io, QStringLiteral("cannot create a temporary directory"));
    if (binary().isEmpty())
        return Error(ErrorCode::NotFound,
                     QStringLiteral("nats-server not found (install the Debian package nats-server; "
                                    "scripts/install-deps.sh does) or set NATS_SERVER"));
    Status last;
    for (int attempt = 0; attempt < 3; ++attempt) {
        bool portTaken = false;
        last = startOnce(body, timeout, &portTaken);
        if (last.ok() || !portTaken)
            return last;
    }
    return last;
}

Status NatsServer::startOnce(const QString &body, std::chrono::milliseconds timeout, bool *portTaken)
{
    stop();
    m_log.clear();
    m_port = freePort();
    if (m_port == 0)
        return Error(ErrorCode::Network, QStringLiteral("no free port on 127.0.0.1"));

    m_config = QStringLiteral("server_name: \"%1\"\nlisten: \"127.0.0.1:%2\"\n")
                   .arg(m_serverName)
                   .arg(m_port)
               + body + u'\n';
    const QString confPath = writeFile(QStringLiteral("nats-server.conf"), m_config.toUtf8());
    if (confPath.isEmpty())
        return Error(ErrorCode::Io, QStringLiteral("cannot write the nats-server config"));

    m_process.setWorkingDirectory(m_dir.path());
    m_process.start(binary(), {QStringLiteral("-c"), confPath});
    if (!m_process.waitForStarted(5000))
        return Error(ErrorCode::Io,
                     QStringLiteral("nats-server did not start: ") + m_process.errorString());

    const QDeadlineTimer deadline(timeout);
    bool ready = false;
    while (!deadline.hasExpired()) {
        m_process.waitForReadyRead(100);
        drain();
        if (m_process.state() != QProcess::Running) {
            *portTaken = m_log.contains("address already in use");
            return Error(ErrorCode::Io,
                         QStringLiteral("nats-server exited with code %1").arg(m_process.exitCode()),
                         QString::fromUtf8(m_log));
        }
        if (!ready && m_log.contains("Server is ready"))
            ready = true;
        if (ready) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_port);
            if (socket.waitForConnected(500)) {
                socket.abort();
                return {};
            }
        }
    }
    const QString log = QString::fromUtf8(m_log);
    stop();
    return Error(ErrorCode::Timeout,
                 QStringLiteral("nats-server did not accept connections on port %1 in time").arg(m_port),
                 log);
}

void NatsServer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    // QProcess::terminate sends SIGTERM to the PID it started; kill (SIGKILL) if it lingers.
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    drain();
}

} // namespace Pot::Test
