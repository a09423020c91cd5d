#pragma once

#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <vector>

namespace Pot::Cli {

/// Exit codes: stable for scripts.
enum ExitCode : int {
    ExitOk = 0,
    ExitCheckFailed = 1, ///< a check said no, or the input was bad
    ExitUsage = 2,
};

/// Where a command writes. Tests pass string-backed streams; main() passes stdout/stderr.
struct Io
{
    QTextStream &out;
    QTextStream &err;
    /// Reads all of standard input (for "-" arguments).
    std::function<QByteArray()> readStdin;
};

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
