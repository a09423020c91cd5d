#pragma once

#include "core/result.h"
#include "core/secretbytes.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>

class QCommandLineParser;
#include <vector>

namespace Pot::Cli {

/// Exit codes: stable for scripts.
enum ExitCode : int {
    ExitOk = 0,
    ExitCheckFailed = 1, ///< a check said no, or the input was bad
    ExitUsage = 2,
    ExitNotSignedIn = 3, ///< no session for the control plane (401, sign-in refused)
    ExitRefused = 4,     ///< refused by RBAC (403, or decided before the request) or a read-only profile
};

/// Where a command writes. Tests pass string-backed streams; main() passes stdout/stderr.
struct Io
{
    QTextStream &out;
    QTextStream &err;
    /// Reads standard input (for "-" arguments) until end of file or `maxBytes`, whichever
    /// comes first.
    std::function<QByteArray(qint64 maxBytes)> readStdin;
};

/// Reads FILE, or standard input for "-", refusing more than the JWT size limit (1 MB,
/// Nats::Jwt::MaxTokenSize) with the same message for both. Reading stops at the limit, so a
/// huge or endless input costs no more memory and time than that.
Result<QByteArray> readInput(const QString &path, Io &io);

/// The first line of `data` (without its line end) as a secret, for passwords read from a file or
/// standard input; `data` is wiped.
SecretBytes firstLineSecret(QByteArray &data);

/// The parser's help, whose usage line names the whole command ("pot-console-cli jwt decode")
/// where QCommandLineParser names the executable only. `invocation` is args.first().
QString commandHelp(const QCommandLineParser &parser, const QString &invocation);

/// Adds --help and parses `args`; returns -1 to go on, or the exit code (help shown, usage error).
/// `positionals` ≥ 0: exactly that many file arguments.
int parseCommandLine(QCommandLineParser &parser, const QStringList &args, Io &io, int positionals);

/// A subcommand path such as {"jwt","decode"} with a one-line summary and a runner that gets the
/// remaining arguments (program name first, as QCommandLineParser expects).
struct Command
{
    QStringList path;
    QString summary;
    std::function<int(const QStringList &args, Io &io)> run;
};

/// Every subcommand the CLI knows, in help order.
std::vector<Command> allCommands();

/// Runs the CLI with argv-style arguments (arguments[0] is the program name).
int runCli(const QStringList &arguments, Io &io);

} // namespace Pot::Cli
