#include "app/cli/applycommand.h"

#include "app/cli/controllercontext.h"

#include "core/resources/registry.h"
#include "core/resources/yamlapply.h"
#include "core/session/controlplanesession.h"
#include "core/yaml/manifestcheck.h"
#include "core/yaml/manifestdiff.h"
#include "core/yaml/manifeststore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QJsonArray>

#include <algorithm>
#include <optional>

namespace Pot::Cli {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("cli", text, nullptr, n);
}

/// A manifest file is read up to this size (the GUI's editor takes no more either).
constexpr qint64 kManifestLimit = 8 * 1024 * 1024;

/// One document of the file as it will be sent.
struct Step
{
    const Resources::Kind *kind = nullptr;
    Manifest::Document document;
    QString text;            ///< the document alone, as written
    QJsonObject listed;      ///< its live object; empty when it is new
    Resources::YamlDocument read;
    Net::ApiRequest request;
    std::optional<QJsonObject> live; ///< its details, once read (for --diff and the history)
};

QString where(const QString &file, const Manifest::Problem &p)
{
    return QStringLiteral("%1:%2:%3: %4: %5")
        .arg(file)
        .arg(p.line)
        .arg(p.column)
        .arg(p.isError() ? QStringLiteral("error") : QStringLiteral("warning"),
             p.path.isEmpty() ? p.message : p.path + u": " + p.message);
}

int apply(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Applies a file of manifests (rules, roles, role bindings, service accounts, secrets, config maps, "
           "certificates, applications, …) as the console's editor does: every document checked first, its problems "
           "given as FILE:LINE:COL, nothing sent while one is an error; then each document created when the control "
           "plane does not have it and updated when it does, in dependency order, stopping at the first refusal. "
           "The live state of what it changes is kept in the console's history first."));
    ControllerContext::addConnectionOptions(parser);
    parser.addOption({{QStringLiteral("f"), QStringLiteral("filename")}, tr("The manifest file, or - for standard input."), tr("FILE")});
    parser.addOption({QStringLiteral("dry-run"), tr("Check and show what would be sent; send nothing.")});
    parser.addOption({QStringLiteral("diff"), tr("Show what each update changes, field by field.")});
    if (const int code = parseCommandLine(parser, args, io, 0); code >= 0)
        return code;
    const QString file = parser.value(QStringLiteral("filename"));
    if (file.isEmpty()) {
        io.err << tr("Name the manifest file with -f FILE (or -f - for standard input).") << '\n';
        return ExitUsage;
    }
    if (file == u"-" && parser.isSet(QStringLiteral("password-stdin"))) {
        io.err << tr("-f - and --password-stdin both read standard input; sign in with 'login' first.") << '\n';
        return ExitUsage;
    }
    QByteArray text;
    if (file == u"-") {
        text = io.readStdin(kManifestLimit + 1);
    } else {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) {
            io.err << tr("Cannot read %1: %2").arg(file, f.errorString()) << '\n';
            return ExitCheckFailed;
        }
        text = f.read(kManifestLimit + 1);
    }
    if (text.size() > kManifestLimit) {
        io.err << tr("%1 is larger than 8 MB; not a manifest file.").arg(file) << '\n';
        return ExitCheckFailed;
    }

    // Checked before anything is sent, every problem at its place.
    const QString shownName = file == u"-" ? QStringLiteral("<stdin>") : file;
    const Manifest::Checked checked = Manifest::check(text);
    for (const Manifest::Problem &p : checked.problems)
        io.err << where(shownName, p) << '\n';
    if (checked.errorCount() > 0) {
        io.err << tr("Nothing was sent: %n error(s).", checked.errorCount()) << '\n';
        return ExitCheckFailed;
    }
    if (checked.documents.isEmpty()) {
        io.err << tr("%1 has no manifest in it.").arg(shownName) << '\n';
        return ExitCheckFailed;
    }
    const Resources::Registry registry;
    QList<Manifest::Document> documents = checked.documents;
    const QList<Manifest::KindInfo> &order = Manifest::kinds();
    const auto rank = [&order](const QString &kind) {
        for (qsizetype i = 0; i < order.size(); ++i) {
            if (order.at(i).kind == kind)
                return i;
        }
        return order.size();
    };
    std::stable_sort(documents.begin(), documents.end(), [&rank](const Manifest::Document &a, const Manifest::Document &b) {
        return rank(a.kind()) < rank(b.kind());
    });
    QList<Step> steps;
    for (const Manifest::Document &d : std::as_const(documents)) {
        const Resources::Kind *kind = nullptr;
        for (const Resources::Kind &k : registry.kinds()) {
            if (Resources::takesKind(k, d.kind()))
                kind = &k;
        }
        if (!kind) {
            io.err << tr("%1:%2: %3 %4: the console cannot apply this kind.").arg(shownName).arg(d.line).arg(d.kind(), d.name()) << '\n';
            return ExitCheckFailed;
        }
        steps << Step{kind, d, QString::fromUtf8(Manifest::documentText(text, d.line)), {}, {}, {}, {}};
    }

    ControllerContext ctx(io);
    if (const int code = ctx.connect(parser); code >= 0)
        return code;

    // The live lists, once per kind; then every step is decided before the first is sent.
    QHash<QString, QJsonArray> lists;
    for (Step &s : steps) {
        const Resources::Kind &kind = *s.kind;
        if (!lists.contains(kind.id)) {
            const Result<Net::ApiResponse> answer = ctx.call(Net::ApiRequest::list(kind.listPath));
            if (!answer)
                return ctx.fail(answer.error());
            lists.insert(kind.id, kind.arrayKey.isEmpty() ? answer->json.toArray() : answer->json.toObject().value(kind.arrayKey).toArray());
        }
        const QString name = s.document.name();
        for (const QJsonValue &v : lists.value(kind.id)) {
            const QJsonObject o = v.toObject();
            const std::optional<Resources::Row> row = kind.row ? kind.row(o) : std::nullopt;
            if ((row && row->key == name) || o.value(u"name").toString() == name)
                s.listed = o;
        }
        const bool update = !s.listed.isEmpty();
        const QString what = tr("%1:%2: %3 %4").arg(shownName).arg(s.document.line).arg(s.document.kind(), name);
        Result<Resources::YamlDocument> read = Resources::readYamlDocument(kind, s.text, s.listed);
        if (!read)
            return ctx.fail(tr("%1: %2").arg(what, read.error().message));
        s.read = *read;
        const Resources::Yaml &y = *kind.yaml;
        QString denied = update ? ctx.deniedReason(kind.rbacResource, Resources::verbOf(y.updateMethod),
                                                   Resources::rbacNameOf(kind, name, s.listed))
                                : ctx.deniedReason(kind.rbacResource, QStringLiteral("create"));
        if (!denied.isEmpty())
            return ctx.fail(tr("%1: %2 Nothing was sent.").arg(what, denied), ExitRefused);
        if (update && y.updatePath.isEmpty() && !y.update)
            return ctx.fail(tr("%1: the Controller offers no way to change it. Nothing was sent.").arg(what));
        if (update && y.editRefused) {
            if (const QString why = y.editRefused(s.listed); !why.isEmpty())
                return ctx.fail(tr("%1: %2 Nothing was sent.").arg(what, why));
        }
        s.request = Resources::saveRequest(kind, update ? name : QString(), s.listed, s.read, s.text);
    }

    // The live object of an update as GET of its details returns it (the list entry when the kind
    // has no details route or they cannot be read), read once.
    const auto liveOf = [&ctx](Step &s) -> const QJsonObject & {
        if (!s.live) {
            s.live = s.listed;
            if (!s.kind->detailPath.isEmpty()) {
                if (const Result<Net::ApiResponse> details = ctx.call(Net::ApiRequest::get(s.kind->detailPathFor(s.document.name(), s.listed))))
                    s.live = details->json.toObject();
            }
        }
        return *s.live;
    };

    // The plan, and with --diff what each update changes.
    const bool dryRun = parser.isSet(QStringLiteral("dry-run"));
    for (Step &s : steps) {
        const bool update = !s.listed.isEmpty();
        io.out << (dryRun ? tr("would ") : QString()) << (update ? tr("update") : tr("create")) << ' ' << s.document.kind() << ' '
               << s.document.name() << " (" << QString::fromLatin1(s.request.method) << " /api/v3" << s.request.path << ")\n";
        for (const QString &w : s.read.warnings)
            io.err << tr("%1:%2: warning: %3").arg(shownName).arg(s.document.line).arg(w) << '\n';
        if (!parser.isSet(QStringLiteral("diff")))
            continue;
        if (!update) {
            io.out << tr("    (new)") << '\n';
            continue;
        }
        int shown = 0;
        for (const Resources::ChangeLine &c : Resources::describeChanges(*s.kind, liveOf(s), s.read)) {
            if (c.type == Manifest::Change::Type::Kept)
                continue;
            io.out << "    " << c.text << '\n';
            ++shown;
        }
        if (shown == 0)
            io.out << tr("    (no change)") << '\n';
    }
    if (dryRun) {
        ctx.finish();
        return ExitOk;
    }

    const Manifest::HistoryStore history;
    int done = 0;
    for (Step &s : steps) {
        const bool update = !s.listed.isEmpty();
        if (update && !s.kind->secretDetails) {
            // The live state first, as the console keeps it before an edit (no Secret values).
            if (const Result<QByteArray> clean = Manifest::withoutSecretValues(Resources::yamlTextOf(*s.kind, liveOf(s))); clean)
                (void)history.record(ctx.session()->profile().id, s.document.kind(), s.document.name(), *clean,
                                     tr("before pot-console-cli apply"));
        }
        const Result<Net::ApiResponse> answer = ctx.call(s.request);
        if (!answer) {
            Error refused = answer.error();
            refused.message = tr("%1 %2 was refused: %3%4")
                                  .arg(s.document.kind(), s.document.name(), refused.message,
                                       done == 0 ? tr(" Nothing was applied.") : tr(" Stopped there; %n applied before it.", done));
            return ctx.fail(refused); // 3 when the session is gone, 4 for a 403
        }
        io.out << (update ? tr("Updated %1 %2.") : tr("Created %1 %2.")).arg(s.document.kind(), s.document.name()) << '\n';
        ++done;
    }
    ctx.finish();
    return ExitOk;
}

} // namespace

Command applyCommand()
{
    return {{QStringLiteral("apply")}, tr("Apply a file of manifests (created or updated, checked first)."), apply};
}

} // namespace Pot::Cli
