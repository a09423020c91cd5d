#include "natslivecommand.h"

#include "core/nats/handshakeprobe.h"
#include "core/nats/jwt.h"
#include "core/nats/nkey.h"
#include "core/secretbytes.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>

#include <cmath>
#include <vector>

namespace Pot::Cli {

namespace {

using Nats::ProbeCredentials;

QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
}

bool isMarker(QByteArrayView line)
{
    return line.size() >= 6 && line.startsWith("---") && line.endsWith("---");
}

bool isBody(QByteArrayView line)
{
    if (line.isEmpty())
        return false;
    for (char c : line) {
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
              || c == '_' || c == '.' || c == '='))
            return false;
    }
    return true;
}

/// Reads a .creds text the way Go's ParseDecoratedJWT/ParseDecoratedNKey do (nats-jwt.md §7.3):
/// marker lines of three or more dashes, block 1 = JWT, block 2 = seed, CRLF accepted; without a
/// second block the first line starting with "SU" is the seed. Works on views of `text`, so the
/// only copy of the seed is the SecretBytes inside the key pair; the caller wipes `text`.
Result<ProbeCredentials> readCreds(QByteArrayView text)
{
    std::vector<QByteArrayView> lines;
    for (qsizetype start = 0; start <= text.size();) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        lines.push_back(text.sliced(start, end - start).trimmed());
        start = end + 1;
    }
    std::vector<QByteArrayView> blocks;
    for (std::size_t i = 0; i + 2 < lines.size() && blocks.size() < 2;) {
        if (isMarker(lines[i]) && isBody(lines[i + 1]) && isMarker(lines[i + 2])) {
            blocks.push_back(lines[i + 1]);
            i += 3;
        } else {
            ++i;
        }
    }
    if (blocks.empty())
        return Error(ErrorCode::InvalidInput,
                     tr("This is not a .creds file: no \"-----BEGIN NATS USER JWT-----\" block."));
    QByteArrayView seedText;
    if (blocks.size() >= 2) {
        seedText = blocks[1];
    } else {
        for (QByteArrayView l : lines) {
            if (l.startsWith("SU")) {
                seedText = l;
                break;
            }
        }
    }
    if (seedText.isEmpty())
        return Error(ErrorCode::InvalidInput, tr("The .creds file has a JWT but no user seed."));

    const Result<Nats::Jwt> jwt = Nats::Jwt::decode(blocks[0]);
    if (!jwt)
        return Error(ErrorCode::InvalidInput, tr("The JWT in the .creds file does not decode."),
                     jwt.error().toString());
    if (jwt->kind() != Nats::ClaimKind::User)
        return Error(ErrorCode::InvalidInput,
                     tr("The JWT in the .creds file is a %1 JWT, not a user JWT.")
                         .arg(Nats::claimKindName(jwt->kind())));

    const SecretBytes seed(seedText.data(), std::size_t(seedText.size()));
    Result<Nats::KeyPair> key = Nats::KeyPair::fromSeed(seed);
    if (!key)
        return Error(ErrorCode::InvalidInput, tr("The seed in the .creds file is not valid."),
                     key.error().message);
    if (key->kind() != Nats::KeyKind::User)
        return Error(ErrorCode::InvalidInput, tr("The seed in the .creds file is not a user seed (SU…)."));
    if (key->publicKeyString() != jwt->standard().subject)
        return Error(ErrorCode::InvalidInput,
                     tr("The seed in the .creds file belongs to %1, but the JWT was issued to %2.")
                         .arg(key->publicKeyString(), jwt->standard().subject));

    ProbeCredentials creds;
    creds.userJwt = blocks[0].toByteArray();
    creds.key = std::move(*key);
    return creds;
}

int runCredsTest(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Connects to a NATS server with the user JWT and seed of a .creds file, answers the "
           "server's nonce and waits for PONG. Exit code 0: authenticated; 1: refused, unreachable "
           "or unusable creds; 2: usage."));
    parser.addHelpOption();
    const QCommandLineOption serverOption({QStringLiteral("s"), QStringLiteral("server")},
                                          tr("NATS server: nats://host[:port] or tls://host[:port] "
                                             "(port 4222 by default)."),
                                          QStringLiteral("URL"));
    const QCommandLineOption caOption(QStringLiteral("ca"),
                                      tr("PEM file with CA certificates to trust for this test, in "
                                         "addition to the system store."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
                                           tr("Seconds for the whole handshake (default 10)."),
                                           QStringLiteral("SECONDS"), QStringLiteral("10"));
    parser.addOptions({serverOption, caOption, timeoutOption});
    parser.addPositionalArgument(QStringLiteral("FILE"), tr(".creds file, or - for standard input."));

    if (!parser.parse(args)) {
        io.err << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        // QCommandLineParser names the executable only; show the full command path instead.
        QString help = parser.helpText();
        help.replace(0, help.indexOf(u'\n'),
                     tr("Usage: pot-console-cli creds test --server URL [--ca FILE] [--timeout SECONDS] FILE"));
        io.out << help;
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || !parser.isSet(serverOption)) {
        io.err << tr("Usage: pot-console-cli creds test --server URL [--ca FILE] [--timeout SECONDS] "
                     "FILE\n");
        return ExitUsage;
    }
    bool numberOk = false;
    const double seconds = parser.value(timeoutOption).toDouble(&numberOk);
    if (!numberOk || !std::isfinite(seconds) || seconds <= 0 || seconds > 3600) {
        io.err << tr("--timeout needs a number of seconds between 0 and 3600.\n");
        return ExitUsage;
    }
    const Result<QUrl> url = Nats::HandshakeProbe::parseServerUrl(parser.value(serverOption));
    if (!url) {
        io.err << url.error().toString() << '\n';
        return ExitUsage;
    }

    Nats::ProbeOptions options;
    options.timeout = std::chrono::milliseconds(qint64(std::llround(seconds * 1000)));
    if (parser.isSet(caOption)) {
        QFile ca(parser.value(caOption));
        if (!ca.open(QIODevice::ReadOnly)) {
            io.err << tr("Cannot read the CA file %1: %2\n").arg(ca.fileName(), ca.errorString());
            return ExitCheckFailed;
        }
        options.caPem = ca.readAll();
    }

    QByteArray text;
    const QString path = positional.first();
    if (path == u"-") {
        text = io.readStdin();
    } else {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            io.err << tr("Cannot read %1: %2\n").arg(path, file.errorString());
            return ExitCheckFailed;
        }
        text = file.readAll();
    }
    Result<ProbeCredentials> creds = readCreds(text);
    SecretBytes::wipe(text);
    if (!creds) {
        io.err << creds.error().toString() << '\n';
        return ExitCheckFailed;
    }

    // The CLI has no other event loop: this one runs until the probe's single finished().
    Nats::HandshakeProbe probe;
    QEventLoop loop;
    std::optional<Result<Nats::ProbeResult>> outcome;
    QObject::connect(&probe, &Nats::HandshakeProbe::finished, &loop,
                     [&](const Result<Nats::ProbeResult> &r) {
                         outcome = r;
                         loop.quit();
                     });
    probe.start(*url, *creds, options);
    creds = Error(); // drop our copy of the key pair; the probe holds its own until it ends
    if (!outcome)
        loop.exec();

    if (!outcome->ok()) {
        const Error &e = outcome->error();
        io.err << e.message << '\n';
        if (!e.detail.isEmpty())
            io.err << "  " << e.detail << '\n';
        return ExitCheckFailed;
    }
    const Nats::ProbeResult &r = outcome->value();
    io.out << tr("Authenticated to %1 (nats-server %2)\n").arg(r.serverName, r.version);
    io.out << tr("  server id: %1\n  connection: %2\n")
                  .arg(r.serverId, r.tls ? tr("TLS") : tr("plain TCP"));
    if (!r.clientIp.isEmpty())
        io.out << tr("  seen from: %1\n").arg(r.clientIp);
    return ExitOk;
}

} // namespace

Command credsTestCommand()
{
    return Command{{QStringLiteral("creds"), QStringLiteral("test")},
                   tr("Test a .creds file against a live NATS server"), runCredsTest};
}

} // namespace Pot::Cli
