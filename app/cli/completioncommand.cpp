#include "app/cli/completioncommand.h"

#include "app/cli/controllercommands.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QMap>

namespace Pot::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
}

/// First words and, for each, the second words (empty for one-word commands).
QMap<QString, QStringList> commandTree()
{
    QMap<QString, QStringList> tree;
    for (const Command &c : allCommands()) {
        QStringList &seconds = tree[c.path.constFirst()];
        if (c.path.size() > 1 && !seconds.contains(c.path.at(1)))
            seconds << c.path.at(1);
    }
    tree.insert(QStringLiteral("completion"), {QStringLiteral("bash"), QStringLiteral("zsh"), QStringLiteral("fish")});
    tree.insert(QStringLiteral("help"), {});
    return tree;
}

const QStringList &kindCommands()
{
    static const QStringList names{QStringLiteral("get"), QStringLiteral("describe"), QStringLiteral("delete")};
    return names;
}

const QStringList &commonOptions()
{
    static const QStringList options{QStringLiteral("--profile"), QStringLiteral("--output"), QStringLiteral("--yes"),
                                     QStringLiteral("--password-stdin"), QStringLiteral("--totp"), QStringLiteral("--watch"),
                                     QStringLiteral("--reveal"), QStringLiteral("--force"), QStringLiteral("--json"),
                                     QStringLiteral("--help")};
    return options;
}

QString bash()
{
    const QMap<QString, QStringList> tree = commandTree();
    QString cases;
    for (auto it = tree.cbegin(); it != tree.cend(); ++it) {
        if (!it.value().isEmpty())
            cases += QStringLiteral("        %1) words=\"%2\" ;;\n").arg(it.key(), it.value().join(u' '));
    }
    cases += QStringLiteral("        %1) words=\"%2\" ;;\n").arg(kindCommands().join(u'|'), cliKindNames().join(u' '));
    cases += QStringLiteral("        start|stop) words=\"applications microservices\" ;;\n");
    return QStringLiteral(
               "# bash completion for pot-console-cli (written by 'pot-console-cli completion bash')\n"
               "_pot_console_cli() {\n"
               "    local cur prev words=\"\"\n"
               "    cur=${COMP_WORDS[COMP_CWORD]}\n"
               "    prev=${COMP_WORDS[COMP_CWORD-1]}\n"
               "    if [ \"$prev\" = \"--profile\" ]; then\n"
               "        COMPREPLY=( $(compgen -W \"$(pot-console-cli profile list -o name 2>/dev/null)\" -- \"$cur\") )\n"
               "        return\n"
               "    fi\n"
               "    if [ \"$prev\" = \"-o\" ] || [ \"$prev\" = \"--output\" ]; then\n"
               "        COMPREPLY=( $(compgen -W \"table wide json yaml name csv\" -- \"$cur\") )\n"
               "        return\n"
               "    fi\n"
               "    case \"$cur\" in\n"
               "        -*) COMPREPLY=( $(compgen -W \"%1\" -- \"$cur\") ); return ;;\n"
               "    esac\n"
               "    if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
               "        COMPREPLY=( $(compgen -W \"%2\" -- \"$cur\") )\n"
               "        return\n"
               "    fi\n"
               "    if [ \"$COMP_CWORD\" -eq 2 ]; then\n"
               "        case \"${COMP_WORDS[1]}\" in\n"
               "%3"
               "        esac\n"
               "        COMPREPLY=( $(compgen -W \"$words\" -- \"$cur\") )\n"
               "        return\n"
               "    fi\n"
               "    COMPREPLY=( $(compgen -f -- \"$cur\") )\n"
               "}\n"
               "complete -F _pot_console_cli pot-console-cli\n")
        .arg(commonOptions().join(u' '), QStringList(tree.keys()).join(u' '), cases);
}

QString zsh()
{
    // zsh runs the bash function through its bashcompinit layer: one script to keep right.
    return QStringLiteral("#compdef pot-console-cli\n"
                          "# zsh completion for pot-console-cli (written by 'pot-console-cli completion zsh')\n"
                          "autoload -U +X bashcompinit && bashcompinit\n")
           + bash();
}

QString fish()
{
    const QMap<QString, QStringList> tree = commandTree();
    QString out = QStringLiteral("# fish completion for pot-console-cli (written by 'pot-console-cli completion fish')\n"
                                 "complete -c pot-console-cli -f\n");
    out += QStringLiteral("complete -c pot-console-cli -n __fish_use_subcommand -a \"%1\"\n").arg(QStringList(tree.keys()).join(u' '));
    for (auto it = tree.cbegin(); it != tree.cend(); ++it) {
        if (!it.value().isEmpty())
            out += QStringLiteral("complete -c pot-console-cli -n \"__fish_seen_subcommand_from %1; and test (count (commandline -opc)) -eq 2\" -a \"%2\"\n")
                       .arg(it.key(), it.value().join(u' '));
    }
    out += QStringLiteral("complete -c pot-console-cli -n \"__fish_seen_subcommand_from %1; and test (count (commandline -opc)) -eq 2\" -a \"%2\"\n")
               .arg(kindCommands().join(u' '), cliKindNames().join(u' '));
    out += QStringLiteral("complete -c pot-console-cli -n \"__fish_seen_subcommand_from start stop; and test (count (commandline -opc)) -eq 2\" -a \"applications microservices\"\n");
    out += QStringLiteral("complete -c pot-console-cli -l profile -x -a \"(pot-console-cli profile list -o name 2>/dev/null)\"\n"
                          "complete -c pot-console-cli -s o -l output -x -a \"table wide json yaml name csv\"\n");
    for (const QString &o : commonOptions()) {
        if (o != u"--profile" && o != u"--output")
            out += QStringLiteral("complete -c pot-console-cli -l %1\n").arg(o.mid(2));
    }
    return out;
}

int completion(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Prints a shell completion script. The .deb installs them; by hand: "
                                        "source <(pot-console-cli completion bash)."));
    parser.addPositionalArgument(QStringLiteral("shell"), tr("bash, zsh or fish."));
    if (const int code = parseCommandLine(parser, args, io, 1); code >= 0)
        return code;
    const QString shell = parser.positionalArguments().constFirst();
    if (shell == u"bash")
        io.out << bash();
    else if (shell == u"zsh")
        io.out << zsh();
    else if (shell == u"fish")
        io.out << fish();
    else {
        io.err << tr("Unknown shell %1: bash, zsh or fish.").arg(shell) << '\n';
        return ExitUsage;
    }
    return ExitOk;
}

} // namespace

Command completionCommand()
{
    return {{QStringLiteral("completion")}, tr("Print a shell completion script (bash, zsh, fish)."), completion};
}

} // namespace Pot::Cli
