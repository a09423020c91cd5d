#include "natslivecommand.h"

#include "core/nats/handshakeprobe.h"
#include "core/nats/creds.h"
#include "core/nats/nkey.h"
#include "core/secretbytes.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>

#include <cmath>

namespace Pot::Cli {

namespace {

using Nats::ProbeCredentials;

QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
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

    Result<QByteArray> read = readInput(positional.first(), io);
    if (!read) {
        io.err << read.error().message << '\n';
        return ExitCheckFailed;
    }
    QByteArray text = std::move(read).value();
    // loadCreds: block 1 JWT, block 2 seed, user kinds, seed public key == JWT sub.
    Result<Nats::UserCreds> loaded = Nats::loadCreds(text);
    SecretBytes::wipe(text);
    if (!loaded) {
        io.err << loaded.error().toString() << '\n';
        return ExitCheckFailed;
    }
    ProbeCredentials creds;
    creds.userJwt = loaded->jwt.token();
    creds.key = loaded->key;
    loaded = Error(); // one copy of the key pair less

    // The CLI has no other event loop: this one runs until the probe's single finished().
    Nats::HandshakeProbe probe;
    QEventLoop loop;
    std::optional<Result<Nats::ProbeResult>> outcome;
    QObject::connect(&probe, &Nats::HandshakeProbe::finished, &loop,
                     [&](const Result<Nats::ProbeResult> &r) {
                         outcome = r;
                         loop.quit();
                     });
    probe.start(*url, creds, options);
    creds = ProbeCredentials(); // the probe holds its own copy until it ends
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
