#include "app/cli/profilecommands.h"

#include "app/cli/controllercontext.h"
#include "app/cli/terminal.h"

#include "core/profiles/ecncontexts.h"
#include "core/profiles/potctlimport.h"
#include "core/profiles/profilestore.h"
#include "core/profiles/secretkeys.h"
#include "core/profiles/snapshotstore.h"
#include "core/tls/trustpolicy.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Pot::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
}

QString signInText(const Profiles::Profile &p)
{
    if (p.auth == Profiles::AuthKind::Browser)
        return tr("browser (%1, realm %2)").arg(p.keycloakUrl, p.keycloakRealm);
    return p.email.isEmpty() ? tr("password") : tr("password as %1").arg(p.email);
}

QString trustText(const Profiles::Profile &p)
{
    QStringList parts;
    parts << (p.caCertificatePem.isEmpty() ? tr("system CAs") : tr("its own CA"));
    if (!p.pinnedSha256.isEmpty())
        parts << tr("pinned");
    return parts.join(QStringLiteral(", "));
}

QJsonObject profileJson(const Profiles::Profile &p, bool current)
{
    return QJsonObject{{QStringLiteral("name"), p.name},
                       {QStringLiteral("id"), p.id.toString(QUuid::WithoutBraces)},
                       {QStringLiteral("url"), p.controllerUrl},
                       {QStringLiteral("signIn"), p.auth == Profiles::AuthKind::Browser ? QStringLiteral("browser") : QStringLiteral("password")},
                       {QStringLiteral("email"), p.email},
                       {QStringLiteral("keycloakUrl"), p.keycloakUrl},
                       {QStringLiteral("realm"), p.keycloakRealm},
                       {QStringLiteral("clientId"), p.keycloakClientId},
                       {QStringLiteral("customCa"), !p.caCertificatePem.isEmpty()},
                       {QStringLiteral("pin"), p.pinnedSha256},
                       {QStringLiteral("readOnly"), p.readOnly},
                       {QStringLiteral("demo"), p.demo},
                       {QStringLiteral("current"), current}};
}

/// Parses with --help and the given positional count; -1 to go on.
int parse(QCommandLineParser &parser, const QStringList &args, Io &io, int positionals, const QString &syntax)
{
    parser.addPositionalArgument(QStringLiteral("args"), syntax);
    return parseCommandLine(parser, args, io, positionals);
}

int profileList(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("The control planes the console and the command line know (profiles.yaml)."));
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")}, tr("table, json or name."), tr("FORMAT"), QStringLiteral("table")});
    if (const int code = parseCommandLine(parser, args, io, 0); code >= 0)
        return code;
    ControllerContext ctx(io);
    if (!ctx.loadProfiles())
        return ExitCheckFailed;
    const QUuid chosen = ctx.chosenProfile();
    const QString format = parser.value(QStringLiteral("output"));
    if (format == u"json") {
        QJsonArray list;
        for (const Profiles::Profile &p : ctx.profiles().profiles())
            list << profileJson(p, p.id == chosen);
        io.out << QJsonDocument(list).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    if (format == u"name") {
        for (const Profiles::Profile &p : ctx.profiles().profiles())
            io.out << p.name << '\n';
        return ExitOk;
    }
    if (format != u"table") {
        io.err << tr("Unknown output format %1: table, json or name.").arg(format) << '\n';
        return ExitUsage;
    }
    if (ctx.profiles().count() == 0) {
        io.err << tr("No profiles yet: add one with 'profile add NAME --url URL'.") << '\n';
        return ExitOk;
    }
    TablePrinter table({tr("CURRENT"), tr("NAME"), tr("URL"), tr("SIGN-IN"), tr("TRUST"), tr("READ-ONLY")});
    for (const Profiles::Profile &p : ctx.profiles().profiles())
        table.addRow({p.id == chosen ? QStringLiteral("*") : QString(), p.name, p.controllerUrl, signInText(p),
                      trustText(p), p.readOnly ? tr("yes") : tr("no")});
    table.print(io.out, terminalWidth());
    return ExitOk;
}

int profileShow(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("One profile in full (nothing secret is in a profile)."));
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")}, tr("text or json."), tr("FORMAT"), QStringLiteral("text")});
    if (const int code = parse(parser, args, io, 1, tr("NAME")); code >= 0)
        return code;
    ControllerContext ctx(io);
    Profiles::Profile found;
    if (const int code = ctx.openProfile(parser.positionalArguments().constFirst(), &found); code >= 0)
        return code;
    const QJsonObject o = profileJson(found, found.id == ctx.chosenProfile());
    if (parser.value(QStringLiteral("output")) == u"json") {
        io.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    io.out << tr("Name:       %1\n").arg(found.name) << tr("URL:        %1\n").arg(found.controllerUrl)
           << tr("Sign-in:    %1\n").arg(signInText(found)) << tr("Trust:      %1\n").arg(trustText(found));
    if (!found.pinnedSha256.isEmpty())
        io.out << tr("Pin:        %1\n").arg(found.pinnedSha256);
    if (!found.caCertificatePem.isEmpty()) {
        if (Result<Tls::TrustPolicy> policy = Tls::TrustPolicy::create(found.caCertificatePem, {}); policy) {
            for (const QSslCertificate &c : policy->customCas())
                io.out << tr("CA:         %1\n").arg(c.subjectDisplayName());
        }
    }
    io.out << tr("Read-only:  %1\n").arg(found.readOnly ? tr("yes") : tr("no"))
           << tr("Refresh:    every %1 s\n").arg(found.refreshIntervalSec)
           << tr("Id:         %1\n").arg(found.id.toString(QUuid::WithoutBraces));
    return ExitOk;
}

int profileUse(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Chooses the profile commands use when --profile is not given."));
    if (const int code = parse(parser, args, io, 1, tr("NAME")); code >= 0)
        return code;
    ControllerContext ctx(io);
    Profiles::Profile found;
    if (const int code = ctx.openProfile(parser.positionalArguments().constFirst(), &found); code >= 0)
        return code;
    if (Status s = ctx.choose(found.id); !s)
        return ctx.fail(s.error().message);
    io.out << tr("Commands now use %1 (%2).").arg(found.name, found.controllerUrl) << '\n';
    return ExitOk;
}

int profileRemove(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Removes a profile, its keychain entries and its saved lists. "
                                        "On a terminal it asks for the name; --yes for scripts."));
    parser.addOption({QStringLiteral("yes"), tr("Do not ask.")});
    if (const int code = parse(parser, args, io, 1, tr("NAME")); code >= 0)
        return code;
    ControllerContext ctx(io);
    Profiles::Profile found;
    if (const int code = ctx.openProfile(parser.positionalArguments().constFirst(), &found); code >= 0)
        return code;
    if (!parser.isSet(QStringLiteral("yes"))) {
        if (const int code = confirmByName(io, tr("Remove the profile %1 and its saved session?").arg(found.name), found.name); code >= 0)
            return code;
    }
    if (Status s = ctx.profiles().remove(found.id); !s)
        return ctx.fail(s.error().message);
    std::optional<Status> forgotten;
    QObject context;
    Profiles::SecretKeys::removeAll(ctx.secrets(), found.id, &context, [&](Status s) { forgotten = s; });
    waitFor([&] { return forgotten.has_value(); }, 30000);
    Profiles::SnapshotStore().remove(found.id);
    if (ctx.chosenProfile() == found.id)
        (void)ctx.choose({}); // a stale choice is ignored anyway
    io.out << tr("Removed %1.").arg(found.name) << '\n';
    if (forgotten && !*forgotten && forgotten->error().code != ErrorCode::KeychainUnavailable)
        io.err << tr("Its keychain entries could not be removed: %1").arg(forgotten->error().message) << '\n';
    ctx.finish();
    return ExitOk;
}

int profileAdd(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Adds a control plane. Nothing secret is asked for or saved here: sign in with 'login'."));
    parser.addOption({QStringLiteral("url"), tr("The Controller's address (https://host:51121)."), tr("URL")});
    parser.addOption({QStringLiteral("email"), tr("The e-mail to sign in with."), tr("E")});
    parser.addOption({QStringLiteral("ca"), tr("Trust only this CA (PEM file) for the Controller's certificate."), tr("FILE")});
    parser.addOption({QStringLiteral("pin"), tr("SHA-256 fingerprint the Controller's certificate must have."), tr("SHA256")});
    parser.addOption({QStringLiteral("read-only"), tr("Refuse every change through this profile.")});
    parser.addOption({QStringLiteral("refresh"), tr("Seconds between refreshes (the console's lists, get --watch); default 30."), tr("S")});
    parser.addOption({QStringLiteral("keycloak-url"), tr("Sign in through this Keycloak in the browser."), tr("U")});
    parser.addOption({QStringLiteral("realm"), tr("The Keycloak realm."), tr("R")});
    parser.addOption({QStringLiteral("client-id"), tr("The Keycloak client."), tr("C")});
    if (const int code = parse(parser, args, io, 1, tr("NAME")); code >= 0)
        return code;
    if (!parser.isSet(QStringLiteral("url"))) {
        io.err << tr("--url is required.") << '\n';
        return ExitUsage;
    }
    Profiles::Profile p;
    p.name = parser.positionalArguments().constFirst();
    p.controllerUrl = parser.value(QStringLiteral("url"));
    p.email = parser.value(QStringLiteral("email"));
    p.pinnedSha256 = parser.value(QStringLiteral("pin"));
    p.readOnly = parser.isSet(QStringLiteral("read-only"));
    if (parser.isSet(QStringLiteral("refresh"))) {
        bool ok = false;
        p.refreshIntervalSec = parser.value(QStringLiteral("refresh")).toInt(&ok);
        if (!ok) {
            io.err << tr("--refresh takes a number of seconds.") << '\n';
            return ExitUsage;
        }
    }
    p.colour = QStringLiteral("#1a5fb4");
    if (parser.isSet(QStringLiteral("keycloak-url"))) {
        p.auth = Profiles::AuthKind::Browser;
        p.keycloakUrl = parser.value(QStringLiteral("keycloak-url"));
        p.keycloakRealm = parser.value(QStringLiteral("realm"));
        p.keycloakClientId = parser.value(QStringLiteral("client-id"));
    }
    if (parser.isSet(QStringLiteral("ca"))) {
        QFile f(parser.value(QStringLiteral("ca")));
        if (!f.open(QIODevice::ReadOnly)) {
            io.err << tr("Cannot read %1: %2").arg(f.fileName(), f.errorString()) << '\n';
            return ExitCheckFailed;
        }
        p.caCertificatePem = QString::fromLatin1(f.read(1024 * 1024));
    }
    ControllerContext ctx(io);
    if (!ctx.loadProfiles())
        return ExitCheckFailed;
    const Result<Profiles::Profile> added = ctx.profiles().add(p);
    if (!added)
        return ctx.fail(added.error().message);
    io.out << tr("Added %1 (%2). Sign in with: pot-console-cli login --profile %1").arg(added->name, added->controllerUrl) << '\n';
    return ExitOk;
}

int profileImport(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Imports profiles: 'potctl' reads potctl's namespaces (~/.iofog/v3; passwords and tokens "
                                        "there are not taken: sign in with 'login'), 'contexts FILE' reads ECN-Viewer contexts."));
    parser.addOption({QStringLiteral("dir"), tr("potctl's folder instead of ~/.iofog/v3."), tr("DIR")});
    parser.addPositionalArgument(QStringLiteral("source"), tr("potctl | contexts FILE"));
    if (const int code = parseCommandLine(parser, args, io, -1); code >= 0)
        return code;
    const QStringList pos = parser.positionalArguments();
    QList<Profiles::Profile> found;
    QStringList problems;
    if (pos.size() == 1 && pos.constFirst() == u"potctl") {
        const Result<Profiles::PotctlScan> scan = Profiles::PotctlImport::scan(
            parser.isSet(QStringLiteral("dir")) ? parser.value(QStringLiteral("dir")) : Profiles::PotctlImport::defaultConfigDir());
        if (!scan) {
            io.err << scan.error().message << '\n';
            return ExitCheckFailed;
        }
        for (const Profiles::PotctlCandidate &c : scan->candidates) {
            found << c.profile;
            if (c.hasStoredPassword || c.hasStoredTokens)
                problems << tr("%1: potctl keeps a password or tokens in clear text in %2; they were not imported. "
                               "Sign in with 'login', then remove them from that file.").arg(c.namespaceName, c.sourceFile);
        }
        problems += scan->skipped;
    } else if (pos.size() == 2 && pos.constFirst() == u"contexts") {
        Result<Profiles::EcnContextsImport> parsed = Profiles::EcnContexts::importFile(pos.at(1));
        if (!parsed) {
            io.err << parsed.error().message << '\n';
            return ExitCheckFailed;
        }
        found = parsed->profiles;
        problems += parsed->problems;
    } else {
        io.err << tr("Import from 'potctl' or 'contexts FILE'.") << '\n' << commandHelp(parser, args.first());
        return ExitUsage;
    }
    ControllerContext ctx(io);
    if (!ctx.loadProfiles())
        return ExitCheckFailed;
    int imported = 0;
    for (Profiles::Profile p : std::as_const(found)) {
        p.name = ctx.profiles().uniqueName(p.name);
        if (p.colour.isEmpty())
            p.colour = QStringLiteral("#1a5fb4");
        const Result<Profiles::Profile> added = ctx.profiles().add(p);
        if (!added) {
            problems << tr("%1: %2").arg(p.name, added.error().message);
            continue;
        }
        io.out << tr("Imported %1 (%2)").arg(added->name, added->controllerUrl) << '\n';
        ++imported;
    }
    for (const QString &problem : std::as_const(problems))
        io.err << problem << '\n';
    return imported > 0 || found.isEmpty() ? ExitOk : ExitCheckFailed;
}

int profileExport(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Writes every profile as ECN-Viewer contexts (no password, token or pin travels)."));
    if (const int code = parse(parser, args, io, 1, tr("FILE")); code >= 0)
        return code;
    ControllerContext ctx(io);
    if (!ctx.loadProfiles())
        return ExitCheckFailed;
    if (Status s = Profiles::EcnContexts::exportFile(ctx.profiles().profiles(), parser.positionalArguments().constFirst()); !s)
        return ctx.fail(s.error().message);
    io.out << tr("Exported %1 profile(s) to %2.").arg(ctx.profiles().count()).arg(parser.positionalArguments().constFirst()) << '\n';
    return ExitOk;
}

} // namespace

std::vector<Command> profileCommands()
{
    const QString p = QStringLiteral("profile");
    return {
        {{p, QStringLiteral("list")}, tr("List the profiles (the console's control planes)."), profileList},
        {{p, QStringLiteral("show")}, tr("Show one profile."), profileShow},
        {{p, QStringLiteral("use")}, tr("Choose the profile used without --profile."), profileUse},
        {{p, QStringLiteral("add")}, tr("Add a profile."), profileAdd},
        {{p, QStringLiteral("remove")}, tr("Remove a profile with its keychain entries."), profileRemove},
        {{p, QStringLiteral("import")}, tr("Import profiles from potctl or ECN-Viewer contexts."), profileImport},
        {{p, QStringLiteral("export")}, tr("Export the profiles as ECN-Viewer contexts."), profileExport},
    };
}

} // namespace Pot::Cli
