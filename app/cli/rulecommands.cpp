#include "app/cli/rulecommands.h"

#include "core/yaml/manifest.h"
#include "core/yaml/manifestcheck.h"
#include "core/yaml/rulesimulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

namespace Pot::Cli {

using namespace Pot::Manifest;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
}

/// Larger files are refused: no manifest the Controller takes comes near it.
constexpr qint64 kMaxManifestBytes = 4 * 1024 * 1024;

Result<QByteArray> readManifest(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, tr("cannot read it: %1").arg(f.errorString()));
    QByteArray data = f.read(kMaxManifestBytes + 1);
    if (data.size() > kMaxManifestBytes)
        return Error(ErrorCode::InvalidInput, tr("larger than 4 MB; not a manifest."));
    if (f.error() != QFileDevice::NoError)
        return Error(ErrorCode::Io, tr("cannot read it: %1").arg(f.errorString()));
    return data;
}

/// "FILE:LINE:COL: error: …", or "FILE: error: …" for a problem without a place.
QString located(const QString &file, const Problem &p)
{
    return file + (p.line > 0 ? QStringLiteral(":") : QStringLiteral(": ")) + p.toString();
}

int ruleValidate(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Check YAML manifests (every document, every field) as the Controller and nats-server would.\n"
           "Prints FILE:LINE:COL: error|warning: message for each problem; exit 1 when any file has an error."));
    parser.addPositionalArgument(QStringLiteral("FILE"), tr("Manifest files."), QStringLiteral("FILE..."));
    if (const int rc = parseCommandLine(parser, args, io, -1); rc >= 0)
        return rc;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        io.err << tr("Expected at least one file.\n") << commandHelp(parser, args.first());
        return ExitUsage;
    }
    bool errors = false;
    for (const QString &file : files) {
        const Result<QByteArray> data = readManifest(file);
        if (!data) {
            io.out << file << ": " << tr("error") << ": " << data.error().message << '\n';
            errors = true;
            continue;
        }
        const Checked checked = check(*data);
        for (const Problem &p : checked.problems)
            io.out << located(file, p) << '\n';
        errors = errors || checked.hasErrors();
    }
    return errors ? ExitCheckFailed : ExitOk;
}

int ruleFmt(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Print a manifest as canonical YAML: apiVersion, kind, metadata, spec first, known keys in a stable "
           "order, unknown keys kept. Comments are not kept. Exit 1 when the file cannot be read or parsed."));
    parser.addPositionalArgument(QStringLiteral("FILE"), tr("Manifest file."));
    if (const int rc = parseCommandLine(parser, args, io, 1); rc >= 0)
        return rc;
    const QString file = parser.positionalArguments().first();
    const Result<QByteArray> data = readManifest(file);
    if (!data) {
        io.err << file << ": " << tr("error") << ": " << data.error().message << '\n';
        return ExitCheckFailed;
    }
    const Parsed parsed = parse(*data);
    if (!parsed.problems.isEmpty()) {
        for (const Problem &p : parsed.problems)
            io.err << located(file, p) << '\n';
        return ExitCheckFailed;
    }
    io.out << QString::fromUtf8(canonical(parsed.documents));
    return ExitOk;
}

/// The one document of `kind` in `file`; problems are written to io.err.
std::optional<Document> loadRule(const QString &file, const QString &kind, Io &io)
{
    const Result<QByteArray> data = readManifest(file);
    if (!data) {
        io.err << file << ": " << tr("error") << ": " << data.error().message << '\n';
        return std::nullopt;
    }
    const Checked checked = check(*data, kind);
    if (checked.hasErrors()) {
        for (const Problem &p : checked.problems) {
            if (p.isError())
                io.err << located(file, p) << '\n';
        }
        io.err << tr("%1: the Controller refuses this %2, so no user gets these permissions.\n").arg(file, kind);
        return std::nullopt;
    }
    if (checked.documents.size() != 1) {
        io.err << file << ": " << tr("error") << ": "
               << tr("expected one %1 document, found %2.").arg(kind).arg(checked.documents.size()) << '\n';
        return std::nullopt;
    }
    return checked.documents.first();
}

int ruleSimulate(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Decide as nats-server would whether a user made from a NatsUserRule may publish to or subscribe "
           "to SUBJECT (\"subject queue\" for a queue subscription). The account rule's default_permissions "
           "apply when the user rule sets none; its imports and exports are explained.\n"
           "pub: an ordinary publish; reply: a publish to the reply subject of a received request "
           "(response permissions); sub: a subscription.\n"
           "Prints allowed or denied, the reason and FILE:LINE:COL of the deciding entry.\n"
           "Exit 0 allowed, 1 denied, 2 usage error, unreadable or invalid rule, or invalid subject."));
    const QCommandLineOption userOption(QStringLiteral("user-rule"), tr("NatsUserRule manifest."), QStringLiteral("FILE"));
    const QCommandLineOption accountOption(QStringLiteral("account-rule"), tr("NatsAccountRule manifest (optional)."),
                                           QStringLiteral("FILE"));
    parser.addOptions({userOption, accountOption});
    parser.addPositionalArgument(QStringLiteral("ACTION"), tr("pub, sub or reply."));
    parser.addPositionalArgument(QStringLiteral("SUBJECT"), tr("The subject (sub: optionally followed by a queue group)."));
    if (const int rc = parseCommandLine(parser, args, io, -1); rc >= 0)
        return rc;
    const QStringList positional = parser.positionalArguments();
    if (!parser.isSet(userOption) || positional.size() < 2) {
        io.err << tr("Usage: pot-console-cli rule simulate --user-rule FILE [--account-rule FILE] pub|sub|reply SUBJECT\n");
        return ExitUsage;
    }
    const QString verb = positional.first();
    Action action = Action::Publish;
    if (verb == u"pub" || verb == u"publish")
        action = Action::Publish;
    else if (verb == u"sub" || verb == u"subscribe")
        action = Action::Subscribe;
    else if (verb == u"reply")
        action = Action::Reply;
    else {
        io.err << tr("Unknown action %1: pub, sub or reply.\n").arg(verb);
        return ExitUsage;
    }
    // "sub orders.* workers" may come as one argument or two.
    const QString subject = positional.mid(1).join(u' ');

    const QString userFile = parser.value(userOption);
    const std::optional<Document> user = loadRule(userFile, QStringLiteral("NatsUserRule"), io);
    if (!user)
        return ExitUsage;
    std::optional<Document> account;
    const QString accountFile = parser.value(accountOption);
    if (parser.isSet(accountOption)) {
        account = loadRule(accountFile, QStringLiteral("NatsAccountRule"), io);
        if (!account)
            return ExitUsage;
    }
    const Result<Simulation> sim = simulate(*user, account ? &*account : nullptr, action, subject);
    if (!sim) {
        io.err << tr("error") << ": " << sim.error().message << '\n';
        return ExitUsage;
    }
    io.out << (sim->allowed() ? QStringLiteral("allowed") : QStringLiteral("denied")) << '\n'
           << sim->explanation << '\n';
    if (const std::optional<RuleEntry> &e = sim->decidedBy) {
        const QString file = e->account ? accountFile : userFile;
        if (e->line > 0)
            io.out << file << ':' << e->line << ':' << e->column << ": " << e->path << ": " << e->value << '\n';
        else
            io.out << file << ": " << e->path << ": " << e->value << '\n';
    }
    for (const QString &note : sim->notes)
        io.out << tr("note") << ": " << note << '\n';
    return sim->allowed() ? ExitOk : ExitCheckFailed;
}

} // namespace

std::vector<Command> ruleCommands()
{
    return {
        {{QStringLiteral("rule"), QStringLiteral("validate")}, tr("Check YAML manifests (FILE:LINE:COL problems)"), ruleValidate},
        {{QStringLiteral("rule"), QStringLiteral("fmt")}, tr("Print a manifest as canonical YAML"), ruleFmt},
        {{QStringLiteral("rule"), QStringLiteral("simulate")}, tr("Decide a NATS publish/subscribe for a user rule"), ruleSimulate},
    };
}

} // namespace Pot::Cli
