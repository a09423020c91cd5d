#include "clicommand.h"
#include "natslivecommand.h"

#include "app/cli/applycommand.h"
#include "app/cli/certcommands.h"
#include "app/cli/completioncommand.h"
#include "app/cli/controllercommands.h"
#include "app/cli/livecommands.h"
#include "app/cli/profilecommands.h"
#include "app/cli/natscommands.h"
#include "app/cli/rulecommands.h"

#include "core/nats/jwt.h"
#include "core/secretbytes.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace Pot::Cli {

namespace {

QString usage(const std::vector<Command> &commands)
{
    QString text = QCoreApplication::translate("cli", "Usage: pot-console-cli <command> [options]\n\n")
                   + QCoreApplication::translate("cli", "Commands:\n");
    for (const Command &c : commands)
        text += u"  " + c.path.join(u' ').leftJustified(18) + u' ' + c.summary + u'\n';
    text += QCoreApplication::translate(
        "cli", "\nOptions:\n  -h, --help     Show this help.\n  -v, --version  Show the version.\n"
               "\nRun 'pot-console-cli <command> --help' for the options of a command.\n"
               "\nExit codes:\n"
               "  0  ok\n"
               "  1  failure: a check said no, bad input, the Controller refused or did not answer\n"
               "  2  usage error\n"
               "  3  not signed in (run 'pot-console-cli login')\n"
               "  4  refused by RBAC or by a read-only profile\n"
               "\nErrors go to standard error, one line each. NO_COLOR turns colours off.\n"
               "Profiles, the keychain session and trust are the console's own: a sign-in\n"
               "in one serves the other.\n");
    return text;
}

} // namespace

QString commandHelp(const QCommandLineParser &parser, const QString &invocation)
{
    QString help = parser.helpText();
    const QString program = QCoreApplication::arguments().value(0);
    const qsizetype at = program.isEmpty() ? -1 : help.indexOf(program);
    if (at >= 0 && at < help.indexOf(u'\n') && invocation.startsWith(program))
        help.replace(at, program.size(), QFileInfo(program).fileName() + invocation.mid(program.size()));
    return help;
}

int parseCommandLine(QCommandLineParser &parser, const QStringList &args, Io &io, int positionals)
{
    parser.addHelpOption();
    if (!parser.parse(args)) {
        io.err << parser.errorText() << '\n' << commandHelp(parser, args.first());
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << commandHelp(parser, args.first());
        return ExitOk;
    }
    if (positionals >= 0 && parser.positionalArguments().size() != positionals) {
        io.err << QCoreApplication::translate("cli", "Expected %1 file argument(s).\n").arg(positionals)
               << commandHelp(parser, args.first());
        return ExitUsage;
    }
    return -1;
}

SecretBytes firstLineSecret(QByteArray &data)
{
    qsizetype end = data.indexOf('\n');
    if (end < 0)
        end = data.size();
    if (end > 0 && data.at(end - 1) == '\r')
        --end;
    SecretBytes secret(data.constData(), size_t(end));
    SecretBytes::wipe(data);
    return secret;
}

Result<QByteArray> readInput(const QString &path, Io &io)
{
    QByteArray data;
    QString name = path;
    if (path == u"-") {
        data = io.readStdin(Nats::Jwt::MaxTokenSize + 1);
        name = QCoreApplication::translate("cli", "standard input (-)");
    } else {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return Error(ErrorCode::Io,
                         QCoreApplication::translate("cli", "Cannot read %1: %2").arg(path, f.errorString()));
        data = f.read(Nats::Jwt::MaxTokenSize + 1);
    }
    if (data.size() > Nats::Jwt::MaxTokenSize) {
        SecretBytes::wipe(data); // the start of a creds file may be in it
        return Error(ErrorCode::InvalidInput,
                     QCoreApplication::translate("cli", "%1 is larger than 1 MB; not a JWT or creds file.").arg(name));
    }
    return data;
}

std::vector<Command> allCommands()
{
    std::vector<Command> commands;
    for (Command &c : profileCommands())
        commands.push_back(std::move(c));
    for (Command &c : controllerCommands())
        commands.push_back(std::move(c));
    commands.push_back(applyCommand());
    for (Command &c : liveCommands())
        commands.push_back(std::move(c));
    for (Command &c : natsCommands())
        commands.push_back(std::move(c));
    commands.push_back(credsTestCommand()); // creds test (live NATS handshake)
    for (Command &c : ruleCommands())
        commands.push_back(std::move(c));
    for (Command &c : certCommands())
        commands.push_back(std::move(c));
    commands.push_back(completionCommand());
    return commands;
}

int runCli(const QStringList &arguments, Io &io)
{
    const std::vector<Command> commands = allCommands();
    const QStringList args = arguments.mid(1);
    if (args.isEmpty()) {
        io.err << usage(commands);
        return ExitUsage;
    }
    const QString &first = args.first();
    if (first == u"--help" || first == u"-h" || first == u"help") {
        io.out << usage(commands);
        return ExitOk;
    }
    if (first == u"--version" || first == u"-v") {
        io.out << "pot-console-cli " << QStringLiteral(POT_VERSION) << '\n';
        return ExitOk;
    }
    // Longest matching command path wins.
    const Command *best = nullptr;
    for (const Command &c : commands) {
        if (c.path.size() <= args.size() && args.mid(0, c.path.size()) == c.path
            && (!best || c.path.size() > best->path.size()))
            best = &c;
    }
    if (!best) {
        io.err << QCoreApplication::translate("cli", "Unknown command: %1\n\n").arg(args.join(u' '))
               << usage(commands);
        return ExitUsage;
    }
    QStringList rest{arguments.first() + u' ' + best->path.join(u' ')};
    rest += args.mid(best->path.size());
    return best->run(rest, io);
}

} // namespace Pot::Cli
