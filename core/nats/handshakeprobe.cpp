#include "handshakeprobe.h"

#include "core/logging.h"
#include "core/secretbytes.h"
#include "core/tr.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslSocket>

namespace Pot::Nats {

namespace {

/// Printable excerpt of what a peer sent: ASCII as is, everything else as \xNN, at most 48 bytes.
QString excerpt(QByteArrayView data)
{
    constexpr qsizetype limit = 48;
    QString out;
    for (qsizetype i = 0; i < qMin(data.size(), limit); ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (c >= 0x20 && c < 0x7f)
            out += QChar(char16_t(c));
        else if (c == '\r')
            out += u"\\r";
        else if (c == '\n')
            out += u"\\n";
        else
            out += u"\\x" + QString::number(c, 16).rightJustified(2, u'0');
    }
    if (data.size() > limit)
        out += u'…';
    return out;
}

/// 0: the bytes so far can still become "INFO " / "INFO\t"; 1: they are an INFO line; -1: not INFO.
int infoPrefixState(QByteArrayView data)
{
    static constexpr char word[] = "INFO";
    for (qsizetype i = 0; i < qMin<qsizetype>(data.size(), 4); ++i) {
        if (QChar::toUpper(static_cast<unsigned char>(data[i])) != static_cast<unsigned char>(word[i]))
            return -1;
    }
    if (data.size() < 5)
        return 0;
    return (data[4] == ' ' || data[4] == '\t') ? 1 : -1;
}

/// A JWT on the wire must be three base64url segments; anything else would be refused anyway and
/// may not even be JSON-safe text.
bool looksLikeJwt(QByteArrayView jwt)
{
    int dots = 0;
    for (char c : jwt) {
        if (c == '.')
            ++dots;
        else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                   || c == '-' || c == '_'))
            return false;
    }
    return dots == 2;
}

QString formatSeconds(std::chrono::milliseconds ms)
{
    return QString::number(static_cast<double>(ms.count()) / 1000.0, 'g', 4);
}

} // namespace

HandshakeProbe::HandshakeProbe(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HandshakeProbe::onTimeout);
}

HandshakeProbe::~HandshakeProbe()
{
    // The socket is a child; silence it first so that closing it cannot call back into a half
    // destroyed probe.
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
        delete m_socket;
    }
}

Result<QUrl> HandshakeProbe::parseServerUrl(const QString &text)
{
    QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return Error(ErrorCode::InvalidInput, tr("No NATS server URL given."));
    if (!trimmed.contains(u"://"))
        trimmed.prepend(u"nats://");
    QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return Error(ErrorCode::InvalidInput, tr("Not a valid server URL: %1").arg(text),
                     url.errorString());
    const QString scheme = url.scheme().toLower();
    if (scheme != u"nats" && scheme != u"tls")
        return Error(ErrorCode::InvalidInput,
                     tr("Unsupported scheme \"%1\": use nats:// or tls://.").arg(url.scheme()));
    url.setScheme(scheme);
    if (url.host().isEmpty())
        return Error(ErrorCode::InvalidInput, tr("The server URL has no host: %1").arg(text));
    if (!url.userInfo().isEmpty())
        return Error(ErrorCode::InvalidInput,
                     tr("Credentials in the server URL are not supported; use a creds file."));
    if ((!url.path().isEmpty() && url.path() != u"/") || url.hasQuery() || url.hasFragment())
        return Error(ErrorCode::InvalidInput,
                     tr("A NATS server URL has no path, query or fragment: %1").arg(text));
    url.setPath(QString());
    if (url.port() == 0)
        return Error(ErrorCode::InvalidInput, tr("Port 0 is not a valid server port."));
    if (url.port() < 0)
        url.setPort(DefaultPort);
    return url;
}

bool HandshakeProbe::start(const QUrl &server, const ProbeCredentials &credentials,
                           const ProbeOptions &options)
{
    if (isRunning())
        return false;

    m_url = server;
    m_credentials = credentials;
    m_options = options;
    m_buffer.clear();
    m_nonce.clear();
    m_result = ProbeResult();
    m_sslErrors.clear();
    m_state = State::Connecting;

    auto rejectLater = [this](Error error) {
        // Keep the "finished() always comes later" contract for callers that connect after start().
        QMetaObject::invokeMethod(
            this, [this, run = m_run, error = std::move(error)] {
                if (run == m_run)
                    fail(error);
            },
            Qt::QueuedConnection);
        return true;
    };

    const Result<QUrl> parsed = parseServerUrl(server.toString());
    if (!parsed)
        return rejectLater(parsed.error());
    m_url = *parsed;
    m_wantTls = m_url.scheme() == u"tls";

    if (m_credentials.key) {
        if (!m_credentials.key->isValid())
            return rejectLater(Error(ErrorCode::InvalidInput, tr("The nkey is not valid.")));
        if (m_credentials.key->kind() != KeyKind::User)
            return rejectLater(Error(
                ErrorCode::InvalidInput,
                tr("Only user nkeys (seed \"SU…\") can authenticate a client; this is a %1 key.")
                    .arg(kindName(m_credentials.key->kind()))));
    }
    if (!m_credentials.userJwt.isEmpty() && !looksLikeJwt(m_credentials.userJwt))
        return rejectLater(Error(ErrorCode::InvalidInput,
                                 tr("The user JWT is not three base64url segments.")));
    if (m_options.timeout.count() <= 0)
        return rejectLater(Error(ErrorCode::InvalidInput, tr("The timeout must be positive.")));

    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!m_options.caPem.isEmpty()) {
        const QList<QSslCertificate> cas = QSslCertificate::fromData(m_options.caPem, QSsl::Pem);
        if (cas.isEmpty())
            return rejectLater(Error(ErrorCode::InvalidInput,
                                     tr("The CA file contains no PEM certificate.")));
        ssl.addCaCertificates(cas);
    }

    m_socket = new QSslSocket(this);
    m_socket->setSslConfiguration(ssl);
    connect(m_socket, &QSslSocket::connected, this, &HandshakeProbe::onConnected);
    connect(m_socket, &QSslSocket::readyRead, this, &HandshakeProbe::onReadyRead);
    connect(m_socket, &QSslSocket::encrypted, this, &HandshakeProbe::onEncrypted);
    connect(m_socket, &QSslSocket::errorOccurred, this, &HandshakeProbe::onSocketError);
    connect(m_socket, &QSslSocket::disconnected, this, &HandshakeProbe::onSocketError);
    connect(m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        QStringList lines;
        for (const QSslError &e : errors)
            lines << e.errorString();
        const QList<QSslCertificate> chain = m_socket->peerCertificateChain();
        for (int i = 0; i < chain.size(); ++i) {
            const QSslCertificate &c = chain.at(i);
            lines << tr("presented certificate %1: subject \"%2\", issuer \"%3\", valid until %4")
                         .arg(i)
                         .arg(c.subjectDisplayName(), c.issuerDisplayName(),
                              c.expiryDate().toUTC().toString(Qt::ISODate));
        }
        m_sslErrors = lines.join(u"; ");
    });

    qCDebug(lcCoreNats) << "probe: connecting to" << m_url.toDisplayString();
    m_timer.start(m_options.timeout);
    m_socket->connectToHost(m_url.host(), static_cast<quint16>(m_url.port()));
    return true;
}

void HandshakeProbe::cancel()
{
    if (!isRunning())
        return;
    fail(Error(ErrorCode::Cancelled, tr("The connection test was cancelled.")));
}

void HandshakeProbe::onConnected()
{
    if (m_state != State::Connecting)
        return;
    qCDebug(lcCoreNats) << "probe: TCP connected, waiting for INFO";
    m_state = State::AwaitInfo;
}

void HandshakeProbe::onReadyRead()
{
    if (!m_socket || !isRunning())
        return;
    m_buffer += m_socket->readAll();
    processBuffer();
}

void HandshakeProbe::processBuffer()
{
    while (m_state == State::AwaitInfo || m_state == State::AwaitPong) {
        if (m_state == State::AwaitInfo && !m_buffer.isEmpty()) {
            const int prefix = infoPrefixState(m_buffer);
            if (prefix < 0 && (m_buffer.size() >= 5 || m_buffer.contains('\n'))) {
                if (m_buffer.startsWith("HTTP/"))
                    return fail(Error(ErrorCode::Protocol,
                                      tr("%1 answered with HTTP: this is a web server, not a NATS "
                                         "server (use the NATS client port, usually 4222).")
                                          .arg(endpoint()),
                                      excerpt(m_buffer)));
                return fail(Error(ErrorCode::Protocol,
                                  tr("%1 is not a NATS server: it did not greet with INFO.")
                                      .arg(endpoint()),
                                  tr("received: %1").arg(excerpt(m_buffer))));
            }
        }
        const qsizetype newline = m_buffer.indexOf('\n');
        if (newline < 0 ? m_buffer.size() > MaxLineLength : newline > MaxLineLength) {
            return fail(Error(ErrorCode::Protocol,
                              tr("%1 sent a protocol line longer than %2 KiB; this is not a "
                                 "NATS server or the stream is corrupt.")
                                  .arg(endpoint())
                                  .arg(MaxLineLength / 1024),
                              tr("starts with: %1").arg(excerpt(m_buffer))));
        }
        if (newline < 0)
            return;
        QByteArray line = m_buffer.left(newline);
        m_buffer.remove(0, newline + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        if (m_state == State::AwaitInfo) {
            if (!handleInfo(line))
                return;
        } else {
            handleOperation(line);
        }
    }
}

bool HandshakeProbe::handleInfo(QByteArrayView line)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(line.sliced(qMin<qsizetype>(5, line.size())).toByteArray().trimmed(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        fail(Error(ErrorCode::Protocol,
                   tr("%1 sent an INFO line that is not a JSON object.").arg(endpoint()),
                   parseError.error != QJsonParseError::NoError
                       ? tr("%1 at offset %2").arg(parseError.errorString()).arg(parseError.offset)
                       : excerpt(line)));
        return false;
    }
    const QJsonObject info = doc.object();
    m_result.serverId = info.value(u"server_id").toString();
    m_result.serverName = info.value(u"server_name").toString();
    if (m_result.serverName.isEmpty())
        m_result.serverName = m_result.serverId;
    m_result.version = info.value(u"version").toString();
    m_result.goVersion = info.value(u"go").toString();
    m_result.clientIp = info.value(u"client_ip").toString();
    m_result.maxPayload = info.value(u"max_payload").toInteger();
    m_result.protocol = info.value(u"proto").toInt();
    m_result.headers = info.value(u"headers").toBool();
    m_result.jetStream = info.value(u"jetstream").toBool();
    m_result.authRequired = info.value(u"auth_required").toBool();
    m_nonce = info.value(u"nonce").toString().toUtf8();

    const bool tlsRequired = info.value(u"tls_required").toBool();
    const bool tlsAvailable = info.value(u"tls_available").toBool();
    qCDebug(lcCoreNats) << "probe: INFO from" << m_result.serverName << m_result.version
                        << "tls_required" << tlsRequired << "auth_required"
                        << m_result.authRequired;

    if (m_wantTls && !tlsRequired && !tlsAvailable) {
        fail(Error(ErrorCode::Tls,
                   tr("%1 does not offer TLS, but the URL asks for it (use nats:// for a plain "
                      "connection).")
                       .arg(endpoint())));
        return false;
    }
    if (tlsRequired || m_wantTls) {
        // nats-server 2.9 sends INFO in clear text and then expects the client's TLS hello.
        m_buffer.clear();
        m_state = State::Encrypting;
        m_socket->startClientEncryption();
        return true;
    }
    sendConnect();
    return true;
}

void HandshakeProbe::onEncrypted()
{
    if (m_state != State::Encrypting)
        return;
    qCDebug(lcCoreNats) << "probe: TLS established" << m_socket->sessionProtocol();
    m_result.tls = true;
    sendConnect();
}

void HandshakeProbe::sendConnect()
{
    QJsonObject body{
        {QStringLiteral("verbose"), false},
        {QStringLiteral("pedantic"), false},
        {QStringLiteral("tls_required"), m_result.tls},
        {QStringLiteral("lang"), QStringLiteral("cpp")},
        {QStringLiteral("version"), QStringLiteral(POT_VERSION)},
        {QStringLiteral("protocol"), 1},
        {QStringLiteral("echo"), true},
        {QStringLiteral("name"), QStringLiteral("pot-console")},
    };
    if (!m_credentials.userJwt.isEmpty())
        body.insert(u"jwt", QString::fromLatin1(m_credentials.userJwt));
    else if (m_credentials.key)
        body.insert(u"nkey", m_credentials.key->publicKeyString());
    if (m_credentials.key && !m_nonce.isEmpty())
        body.insert(u"sig", QString::fromLatin1(signNonce(*m_credentials.key, m_nonce)));

    QByteArray wire = "CONNECT " + QJsonDocument(body).toJson(QJsonDocument::Compact)
                      + "\r\nPING\r\n";
    m_socket->write(wire);
    // A bearer JWT is as good as a password: do not leave copies around.
    SecretBytes::wipe(wire);
    m_state = State::AwaitPong;
    qCDebug(lcCoreNats) << "probe: CONNECT sent" << (m_credentials.userJwt.isEmpty() ? "" : "with JWT")
                        << (m_credentials.key ? "signed" : "unsigned");
}

void HandshakeProbe::handleOperation(QByteArrayView line)
{
    const qsizetype space = line.indexOf(' ');
    const QByteArray op = (space < 0 ? line : line.first(space)).toByteArray().trimmed().toUpper();
    const QByteArrayView rest = space < 0 ? QByteArrayView() : line.sliced(space + 1);

    if (op == "PONG")
        return succeed();
    if (op == "PING") {
        m_socket->write("PONG\r\n");
        return;
    }
    if (op == "+OK" || op == "INFO" || op.isEmpty())
        return; // acknowledgements and cluster updates before our PONG
    if (op == "-ERR") {
        QString text = QString::fromUtf8(rest.toByteArray().trimmed());
        if (text.size() >= 2 && text.startsWith(u'\'') && text.endsWith(u'\''))
            text = text.mid(1, text.size() - 2);
        const QString lower = text.toLower();
        ErrorCode code = ErrorCode::Protocol;
        QString detail;
        if (lower.contains(u"authoriz") || lower.contains(u"authenticat")) {
            code = ErrorCode::Unauthorized;
            detail = tr("nats-server logs the reason (unknown user, bad signature, untrusted "
                        "issuer, revoked, expired) only on its side.");
        } else if (lower.contains(u"maximum") || lower.contains(u"exceeded")
                   || lower.contains(u"permission")) {
            code = ErrorCode::Forbidden;
        }
        return fail(Error(code, tr("%1 refused the connection: %2").arg(endpoint(), text), detail));
    }
    fail(Error(ErrorCode::Protocol,
               tr("%1 sent an unexpected reply to CONNECT.").arg(endpoint()),
               tr("received: %1").arg(excerpt(line))));
}

void HandshakeProbe::onSocketError()
{
    if (!m_socket || !isRunning())
        return;
    // A server that refuses writes -ERR and closes at once: read what is left before judging.
    if (m_socket->bytesAvailable() > 0) {
        onReadyRead();
        if (!isRunning())
            return;
    }
    const QAbstractSocket::SocketError error = m_socket->error();
    const QString reason = m_socket->errorString();
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return fail(Error(ErrorCode::Network,
                          tr("Connection to %1 refused: no server listens there.").arg(endpoint()),
                          reason));
    case QAbstractSocket::HostNotFoundError:
        return fail(Error(ErrorCode::Network, tr("Host %1 not found.").arg(m_url.host()), reason));
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        return fail(Error(ErrorCode::Tls,
                          tr("TLS handshake with %1 failed: %2").arg(endpoint(), reason),
                          m_sslErrors));
    default:
        break;
    }
    QString message;
    switch (m_state) {
    case State::Connecting:
        message = tr("Could not connect to %1.").arg(endpoint());
        break;
    case State::AwaitInfo:
        message = m_buffer.isEmpty()
                      ? tr("%1 closed the connection before sending INFO.").arg(endpoint())
                      : tr("%1 closed the connection in the middle of its greeting; this is not "
                           "a NATS server.")
                            .arg(endpoint());
        break;
    case State::Encrypting:
        return fail(Error(ErrorCode::Tls,
                          tr("%1 closed the connection during the TLS handshake.").arg(endpoint()),
                          m_sslErrors.isEmpty() ? reason : m_sslErrors));
    case State::AwaitPong:
        message = tr("%1 closed the connection after CONNECT without an error message.")
                      .arg(endpoint());
        break;
    case State::Idle:
        return;
    }
    fail(Error(ErrorCode::Network, message,
               m_buffer.isEmpty() ? reason : tr("received: %1").arg(excerpt(m_buffer))));
}

void HandshakeProbe::onTimeout()
{
    if (!isRunning())
        return;
    fail(Error(ErrorCode::Timeout,
               tr("No answer from %1 within %2 s while %3.")
                   .arg(endpoint(), formatSeconds(m_options.timeout), stageText()),
               m_buffer.isEmpty() ? QString() : tr("received: %1").arg(excerpt(m_buffer))));
}

QString HandshakeProbe::endpoint() const
{
    return m_url.toDisplayString();
}

QString HandshakeProbe::stageText() const
{
    switch (m_state) {
    case State::Connecting: return tr("connecting");
    case State::AwaitInfo: return tr("waiting for the server's INFO (a TLS-only or non-NATS service?)");
    case State::Encrypting: return tr("in the TLS handshake");
    case State::AwaitPong: return tr("waiting for PONG after CONNECT");
    case State::Idle: break;
    }
    return QString();
}

void HandshakeProbe::fail(Error error)
{
    qCDebug(lcCoreNats) << "probe: failed:" << errorCodeName(error.code) << error.message;
    finish(Result<ProbeResult>(std::move(error)));
}

void HandshakeProbe::succeed()
{
    qCDebug(lcCoreNats) << "probe: authenticated to" << m_result.serverName;
    finish(Result<ProbeResult>(m_result));
}

void HandshakeProbe::finish(const Result<ProbeResult> &result)
{
    if (!isRunning())
        return;
    teardown();
    Q_EMIT finished(result);
}

void HandshakeProbe::teardown()
{
    ++m_run;
    m_state = State::Idle;
    m_timer.stop();
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    SecretBytes::wipe(m_buffer);
    m_buffer.clear();
    m_nonce.clear();
    m_credentials = ProbeCredentials();
}

ProbeCredentials probeCredentials(const UserCreds &creds)
{
    ProbeCredentials c;
    c.userJwt = creds.jwt.token();
    if (!creds.jwt.claims().user.permissions.bearerToken)
        c.key = creds.key;
    return c;
}

QString describeProbeOutcome(const Result<ProbeResult> &outcome)
{
    if (!outcome)
        return outcome.error().message;
    return Tr::tr("Authenticated to %1 (nats-server %2)%3.")
        .arg(outcome->serverName, outcome->version, outcome->tls ? Tr::tr(", TLS") : QString());
}

void startLiveTest(QObject *owner, QPointer<HandshakeProbe> &probe, const UserCreds &creds,
                   const QString &serverUrl, const QByteArray &caPem,
                   const std::function<void(const QString &, bool)> &report)
{
    const Result<QUrl> url = HandshakeProbe::parseServerUrl(serverUrl.trimmed());
    if (!url) {
        report(url.error().message, false);
        return;
    }
    if (probe)
        probe->deleteLater();
    probe = new HandshakeProbe(owner);
    QObject::connect(probe, &HandshakeProbe::finished, owner,
                     [report](const Result<ProbeResult> &r) { report(describeProbeOutcome(r), bool(r)); });
    ProbeOptions options;
    options.caPem = caPem;
    probe->start(*url, probeCredentials(creds), options); // finished() always comes later
    report(Tr::tr("Connecting to %1…").arg(url->toString()), false);
}

} // namespace Pot::Nats
