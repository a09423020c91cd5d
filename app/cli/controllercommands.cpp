#include "app/cli/controllercommands.h"

#include "app/cli/controllercontext.h"
#include "app/cli/terminal.h"

#include "core/net/controllerclient.h"
#include "core/profiles/profilestore.h"
#include "core/profiles/secretkeys.h"
#include "core/resources/registry.h"
#include "core/resources/yamljson.h"
#include "core/session/controlplanesession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace Pot::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
}

// ---- kinds by the names scripts use

/// The command-line names of a kind: the first is the one printed (kubectl-like, lower case,
/// plural), the rest are accepted too.
struct KindName
{
    QString id;
    QStringList names;
};

const QList<KindName> &kindNames()
{
    static const QList<KindName> names = {
        {QStringLiteral("agents"), {QStringLiteral("agents"), QStringLiteral("agent"), QStringLiteral("ag")}},
        {QStringLiteral("applications"), {QStringLiteral("applications"), QStringLiteral("application"), QStringLiteral("app"), QStringLiteral("apps")}},
        {QStringLiteral("systemApplications"), {QStringLiteral("system-applications"), QStringLiteral("system-application")}},
        {QStringLiteral("microservices"), {QStringLiteral("microservices"), QStringLiteral("microservice"), QStringLiteral("msvc")}},
        {QStringLiteral("natsOperator"), {QStringLiteral("nats-operator")}},
        {QStringLiteral("natsAccounts"), {QStringLiteral("nats-accounts"), QStringLiteral("nats-account")}},
        {QStringLiteral("natsUsers"), {QStringLiteral("nats-users"), QStringLiteral("nats-user")}},
        {QStringLiteral("natsAccountRules"), {QStringLiteral("account-rules"), QStringLiteral("account-rule"), QStringLiteral("nats-account-rules")}},
        {QStringLiteral("natsUserRules"), {QStringLiteral("user-rules"), QStringLiteral("user-rule"), QStringLiteral("nats-user-rules")}},
        {QStringLiteral("roles"), {QStringLiteral("roles"), QStringLiteral("role")}},
        {QStringLiteral("roleBindings"), {QStringLiteral("rolebindings"), QStringLiteral("rolebinding"), QStringLiteral("role-bindings")}},
        {QStringLiteral("serviceAccounts"), {QStringLiteral("serviceaccounts"), QStringLiteral("serviceaccount"), QStringLiteral("sa")}},
        {QStringLiteral("certificates"), {QStringLiteral("certificates"), QStringLiteral("certificate"), QStringLiteral("certs"), QStringLiteral("cert")}},
        {QStringLiteral("configMaps"), {QStringLiteral("configmaps"), QStringLiteral("configmap"), QStringLiteral("cm")}},
        {QStringLiteral("secrets"), {QStringLiteral("secrets"), QStringLiteral("secret")}},
        {QStringLiteral("volumeMounts"), {QStringLiteral("volumemounts"), QStringLiteral("volumemount")}},
        {QStringLiteral("services"), {QStringLiteral("services"), QStringLiteral("service"), QStringLiteral("svc")}},
        {QStringLiteral("registries"), {QStringLiteral("registries"), QStringLiteral("registry")}},
        {QStringLiteral("catalogItems"), {QStringLiteral("catalog"), QStringLiteral("catalog-items")}},
        {QStringLiteral("edgeResources"), {QStringLiteral("edgeresources"), QStringLiteral("edgeresource")}},
        {QStringLiteral("applicationTemplates"), {QStringLiteral("templates"), QStringLiteral("template")}},
        {QStringLiteral("events"), {QStringLiteral("events"), QStringLiteral("event")}},
        {QStringLiteral("router"), {QStringLiteral("router")}},
    };
    return names;
}

/// "configMaps" → "config-maps": the name of a kind the table above does not list.
QString kebab(const QString &id)
{
    QString out;
    for (const QChar c : id) {
        if (c.isUpper() && !out.isEmpty())
            out += u'-';
        out += c.toLower();
    }
    return out;
}

/// The registry's kinds plus the NATS operator (one document, no page of its own in the registry:
/// the NATS page shows it).
class CliKinds
{
public:
    CliKinds()
    {
        Resources::Kind op;
        op.id = QStringLiteral("natsOperator");
        op.title = tr("NATS operator");
        op.singular = tr("NATS operator");
        op.plural = tr("NATS operator");
        op.listPath = QStringLiteral("/nats/operator");
        op.single = true;
        op.rbacResource = QStringLiteral("natsOperator");
        op.details = Resources::describe;
        m_extra << op;
    }

    const Resources::Kind *find(const QString &typed) const
    {
        const QString t = typed.toLower();
        for (const KindName &k : kindNames()) {
            if (k.names.contains(t))
                return byId(k.id);
        }
        for (const Resources::Kind &k : m_registry.kinds()) {
            if (kebab(k.id) == t || k.id.toLower() == t)
                return &k;
        }
        return nullptr;
    }

    QString name(const Resources::Kind &kind) const
    {
        for (const KindName &k : kindNames()) {
            if (k.id == kind.id)
                return k.names.constFirst();
        }
        return kebab(kind.id);
    }

    /// Every kind's printed name, in the registry's order.
    QStringList names() const
    {
        QStringList all;
        for (const Resources::Kind &k : m_registry.kinds())
            all << name(k);
        for (const Resources::Kind &k : m_extra)
            all << name(k);
        return all;
    }

private:
    const Resources::Kind *byId(const QString &id) const
    {
        if (const Resources::Kind *k = m_registry.find(id))
            return k;
        for (const Resources::Kind &k : m_extra) {
            if (k.id == id)
                return &k;
        }
        return nullptr;
    }

    Resources::Registry m_registry;
    QList<Resources::Kind> m_extra;
};

/// The GET that lists a kind. Microservices come with their application in the GUI; the command
/// line lists them all (GET /microservices, optionally ?application=).
QString listPathOf(const Resources::Kind &kind)
{
    if (kind.id == u"microservices")
        return QStringLiteral("/microservices");
    return kind.listPath;
}

QJsonArray listOf(const Resources::Kind &kind, const QJsonValue &json)
{
    if (kind.single)
        return json.isObject() ? QJsonArray{json} : QJsonArray{};
    if (kind.arrayKey.isEmpty())
        return json.toArray();
    return json.toObject().value(kind.arrayKey).toArray();
}

/// The identity of an object as the kind's table gives it (key) and what people call it (name).
std::optional<Resources::Row> rowOf(const Resources::Kind &kind, const QJsonObject &o)
{
    if (kind.row)
        return kind.row(o);
    Resources::Row r;
    r.key = o.value(u"name").toString();
    if (r.key.isEmpty())
        r.key = o.value(u"id").toVariant().toString();
    r.name = r.key;
    return r;
}

struct Found
{
    QJsonObject object;
    Resources::Row row;
};

std::optional<Found> findIn(const Resources::Kind &kind, const QJsonArray &list, const QString &name)
{
    for (const QJsonValue &v : list) {
        const QJsonObject o = v.toObject();
        const std::optional<Resources::Row> r = rowOf(kind, o);
        if (r && (r->key == name || r->name == name || o.value(u"name").toString() == name))
            return Found{o, *r};
    }
    return std::nullopt;
}

/// The parsed options every command that reads a kind shares, and its connection.
struct KindCommand
{
    ControllerContext ctx;
    QCommandLineParser parser;
    CliKinds kinds;
    const Resources::Kind *kind = nullptr;
    QString name;

    explicit KindCommand(Io &io) : ctx(io) { ControllerContext::addConnectionOptions(parser); }

    /// Parses `args` (KIND [NAME]); -1 to go on, else the exit code.
    int start(const QStringList &args, Io &io, bool nameRequired)
    {
        parser.addPositionalArgument(QStringLiteral("kind"), tr("What to read: %1.").arg(kinds.names().join(QStringLiteral(", "))));
        parser.addPositionalArgument(QStringLiteral("name"), nameRequired ? tr("Its name.") : tr("Only this one (optional)."),
                                     nameRequired ? tr("NAME") : tr("[NAME]"));
        if (const int code = parseCommandLine(parser, args, io, -1); code >= 0)
            return code;
        const QStringList pos = parser.positionalArguments();
        if (pos.isEmpty() || pos.size() > 2 || (nameRequired && pos.size() != 2)) {
            io.err << (nameRequired ? tr("Expected KIND NAME.") : tr("Expected KIND [NAME].")) << '\n'
                   << commandHelp(parser, args.first());
            return ExitUsage;
        }
        kind = kinds.find(pos.constFirst());
        if (!kind) {
            io.err << tr("Unknown kind %1; known: %2.").arg(pos.constFirst(), kinds.names().join(QStringLiteral(", "))) << '\n';
            return ExitUsage;
        }
        name = pos.value(1);
        return ctx.connect(parser);
    }

    /// The kind's list as the Controller sent it.
    Result<QJsonArray> readList(const QUrlQuery &query = {})
    {
        Net::ApiRequest request = Net::ApiRequest::list(listPathOf(*kind));
        request.query = query;
        const Result<Net::ApiResponse> answer = ctx.call(request);
        if (!answer)
            return answer.error();
        return listOf(*kind, answer->json);
    }

    /// The object `name` from the list; the message when it is not there.
    Result<Found> readOne()
    {
        const Result<QJsonArray> list = readList();
        if (!list)
            return list.error();
        if (std::optional<Found> f = findIn(*kind, *list, name))
            return *f;
        return Error(ErrorCode::NotFound, tr("No %1 named \"%2\" on %3.").arg(kind->singular, name, ctx.session()->profile().name));
    }
};

// ---- login, logout

int login(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Signs in to a control plane. The password is read without echo from the terminal, or from standard input "
           "with --password-stdin; never from an argument. The session (its refresh token) goes to the OS keychain "
           "exactly as the console keeps it, so one sign-in serves both."));
    parser.addOption({QStringLiteral("profile"), tr("The control plane (profile name)."), tr("NAME")});
    parser.addOption({QStringLiteral("email"), tr("Sign in as this e-mail (default: the profile's)."), tr("E")});
    parser.addOption({QStringLiteral("password-stdin"), tr("Read the password from standard input.")});
    parser.addOption({QStringLiteral("totp"), tr("The one-time code, when the account has one."), tr("CODE")});
    parser.addOption({QStringLiteral("browser"), tr("Sign in in the browser (Keycloak, as the console does).")});
    if (const int code = parseCommandLine(parser, args, io, 0); code >= 0)
        return code;
    ControllerContext ctx(io);
    Profiles::Profile profile;
    if (const int code = ctx.openProfile(parser.value(QStringLiteral("profile")), &profile); code >= 0)
        return code;
    if (const int code = ctx.connect(profile, nullptr, false); code >= 0)
        return code;
    Session::ControlPlaneSession *s = ctx.session();
    if (s->state() == ConnectionState::SignedIn) {
        io.out << tr("Already signed in to %1 as %2 (logout first to sign in as someone else).").arg(profile.name, s->userName()) << '\n';
        ctx.finish();
        return ExitOk;
    }
    if (parser.isSet(QStringLiteral("browser")) || profile.auth == Profiles::AuthKind::Browser) {
        std::optional<std::pair<bool, QString>> outcome;
        QObject context;
        QObject::connect(s, &Session::ControlPlaneSession::signInFinished, &context,
                         [&outcome](bool ok, const QString &message) { outcome = std::make_pair(ok, message); });
        s->signInWithBrowser();
        io.err << tr("Waiting for the browser sign-in (Ctrl+C to give up)…") << '\n';
        io.err.flush();
        waitFor([&] { return outcome.has_value(); }, 10 * 60 * 1000);
        if (!outcome || !outcome->first)
            return ctx.fail(outcome ? outcome->second : tr("The browser sign-in did not finish within 10 minutes."), ExitNotSignedIn);
    } else {
        const QString email = parser.isSet(QStringLiteral("email")) ? parser.value(QStringLiteral("email")) : profile.email;
        if (email.isEmpty())
            return ctx.fail(tr("No e-mail: give --email, or set one on the profile."), ExitUsage);
        Result<SecretBytes> password = readPassword(io, parser.isSet(QStringLiteral("password-stdin")),
                                                    tr("Password for %1 on %2: ").arg(email, profile.name));
        if (!password)
            return ctx.fail(password.error().message, ExitUsage);
        if (Status in = ctx.signIn(email, *password, parser.value(QStringLiteral("totp")), true); !in)
            return ctx.fail(in.error().message, ExitNotSignedIn);
    }
    ctx.finish();
    io.out << tr("Signed in to %1 as %2.").arg(profile.name, s->userName()) << '\n';
    if (!ctx.secrets().unavailable().isEmpty())
        io.err << tr("No keychain is available (%1): the session was not kept, and ends with this command. "
                     "Other commands can sign in for themselves with --password-stdin.")
                      .arg(ctx.secrets().unavailable())
               << '\n';
    else if (!ctx.secrets().writeFailure().isEmpty())
        io.err << tr("The session could not be kept in the keychain: %1").arg(ctx.secrets().writeFailure()) << '\n';
    return ExitOk;
}

int logout(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Signs out: the Controller ends the session and the keychain forgets it (the console's too)."));
    parser.addOption({QStringLiteral("profile"), tr("The control plane (profile name)."), tr("NAME")});
    if (const int code = parseCommandLine(parser, args, io, 0); code >= 0)
        return code;
    ControllerContext ctx(io);
    Profiles::Profile profile;
    if (const int code = ctx.openProfile(parser.value(QStringLiteral("profile")), &profile); code >= 0)
        return code;
    if (const int code = ctx.connect(profile, nullptr, false); code >= 0) {
        // The Controller does not answer: the session is forgotten here all the same (the
        // Controller lets it expire).
        std::optional<Status> forgotten;
        QObject context;
        ctx.secrets().remove(Profiles::SecretKeys::refreshTokenKey(profile.id), &context, [&](Status s) { forgotten = s; });
        waitFor([&] { return forgotten.has_value(); }, 30000);
        io.err << tr("The session of %1 was forgotten here; the Controller was not told.").arg(profile.name) << '\n';
        return code;
    }
    const bool wasSignedIn = ctx.session()->state() == ConnectionState::SignedIn;
    ctx.session()->signOut(); // also removes the saved refresh token
    ctx.finish();
    io.out << (wasSignedIn ? tr("Signed out of %1.").arg(profile.name) : tr("Not signed in to %1.").arg(profile.name)) << '\n';
    return ExitOk;
}

// ---- get, describe

QByteArray yamlList(const QJsonArray &list)
{
    // A YAML sequence of the objects, each written as the manifest writer writes one.
    QByteArray out;
    for (const QJsonValue &v : list) {
        const QList<QByteArray> lines = Resources::jsonToYaml(v.toObject()).split('\n');
        bool first = true;
        for (const QByteArray &line : lines) {
            if (line.isEmpty())
                continue;
            out += (first ? "- " : "  ") + line + '\n';
            first = false;
        }
        if (first)
            out += "- {}\n";
    }
    return out.isEmpty() ? QByteArrayLiteral("[]\n") : out;
}

int printList(KindCommand &c, const QJsonArray &list, const QString &format, Io &io)
{
    const Resources::Kind &kind = *c.kind;
    if (format == u"json") {
        io.out << QJsonDocument(list).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    if (format == u"yaml") {
        io.out << QString::fromUtf8(yamlList(list));
        return ExitOk;
    }
    if (format == u"name") {
        for (const QJsonValue &v : list) {
            // The key where people use it (NATS users: account/name), the name where the key is
            // a uuid (agents, microservices).
            if (const std::optional<Resources::Row> r = rowOf(kind, v.toObject()))
                io.out << c.kinds.name(kind) << '/' << (QUuid::fromString(r->key).isNull() ? r->key : r->name) << '\n';
        }
        return ExitOk;
    }
    const bool wide = format == u"wide";
    QStringList headings;
    for (const Resources::Column &col : kind.columns)
        headings << col.title;
    if (headings.isEmpty())
        headings << tr("Name");
    TablePrinter table(headings);
    for (const QJsonValue &v : list) {
        const std::optional<Resources::Row> r = rowOf(kind, v.toObject());
        if (!r)
            continue;
        QStringList cells;
        QList<Tone> tones;
        for (const Resources::Cell &cell : r->cells) {
            cells << cell.text;
            tones << cell.tone;
        }
        if (cells.isEmpty())
            cells << r->name;
        table.addRow(cells, tones);
    }
    if (list.isEmpty()) {
        io.err << tr("No %1 on %2.").arg(kind.plural, c.ctx.session()->profile().name) << '\n';
        return ExitOk;
    }
    table.print(io.out, wide ? 0 : terminalWidth(), colourWanted());
    return ExitOk;
}

int get(const QStringList &args, Io &io)
{
    KindCommand c(io);
    c.parser.setApplicationDescription(tr("Lists a kind, or shows one object, of the control plane."));
    c.parser.addOption({{QStringLiteral("o"), QStringLiteral("output")}, tr("table, wide, json (the Controller's objects as one JSON array), yaml or name."), tr("FORMAT"), QStringLiteral("table")});
    c.parser.addOption({QStringLiteral("watch"), tr("Keep listing: every refresh interval of the profile, print what changed.")});
    c.parser.addOption({QStringLiteral("application"), tr("microservices: only those of this application."), tr("APP")});
    if (const int code = c.start(args, io, false); code >= 0)
        return code;
    const QString format = c.parser.value(QStringLiteral("output"));
    if (!QStringList{QStringLiteral("table"), QStringLiteral("wide"), QStringLiteral("json"), QStringLiteral("yaml"), QStringLiteral("name")}.contains(format))
        return c.ctx.fail(tr("Unknown output format %1: table, wide, json, yaml or name.").arg(format), ExitUsage);
    QUrlQuery query;
    if (c.parser.isSet(QStringLiteral("application")))
        query.addQueryItem(QStringLiteral("application"), c.parser.value(QStringLiteral("application")));

    auto read = [&]() -> Result<QJsonArray> {
        Result<QJsonArray> list = c.readList(query);
        if (!list || c.name.isEmpty())
            return list;
        if (std::optional<Found> f = findIn(*c.kind, *list, c.name))
            return QJsonArray{f->object};
        return Error(ErrorCode::NotFound, tr("No %1 named \"%2\" on %3.").arg(c.kind->singular, c.name, c.ctx.session()->profile().name));
    };
    Result<QJsonArray> list = read();
    if (!list)
        return c.ctx.fail(list.error());
    int code = printList(c, *list, format, io);
    if (!c.parser.isSet(QStringLiteral("watch"))) {
        c.ctx.finish();
        return code;
    }
    // --watch: poll at the profile's interval; print the objects that changed, appeared or went.
    const int interval = std::max(1, c.ctx.session()->profile().refreshIntervalSec) * 1000;
    QHash<QString, QJsonObject> last;
    for (const QJsonValue &v : std::as_const(*list)) {
        if (const std::optional<Resources::Row> r = rowOf(*c.kind, v.toObject()))
            last.insert(r->key, v.toObject());
    }
    for (;;) {
        io.out.flush();
        QElapsedTimer slept;
        slept.start();
        waitFor([&] { return slept.elapsed() >= interval; }, interval);
        Result<QJsonArray> next = read();
        if (!next) {
            code = c.ctx.fail(next.error());
            if (code != ExitCheckFailed)
                return code; // signed out or refused: watching further shows nothing
            continue;
        }
        QHash<QString, QJsonObject> now;
        QJsonArray changed;
        for (const QJsonValue &v : std::as_const(*next)) {
            const std::optional<Resources::Row> r = rowOf(*c.kind, v.toObject());
            if (!r)
                continue;
            now.insert(r->key, v.toObject());
            if (last.value(r->key) != v.toObject())
                changed << v;
        }
        for (auto it = last.cbegin(); it != last.cend(); ++it) {
            if (!now.contains(it.key()))
                io.out << tr("deleted: %1/%2").arg(c.kinds.name(*c.kind), it.key()) << '\n';
        }
        if (!changed.isEmpty())
            printList(c, changed, format, io);
        last = now;
    }
}

int describe(const QStringList &args, Io &io)
{
    KindCommand c(io);
    c.parser.setApplicationDescription(tr("Shows one object in full, as the console's detail pane does."));
    c.parser.addOption({QStringLiteral("reveal"), tr("Show secret values (hidden by default).")});
    if (const int code = c.start(args, io, true); code >= 0)
        return code;
    Result<Found> found = c.readOne();
    if (!found)
        return c.ctx.fail(found.error());
    QJsonObject object = found->object;
    if (const QString path = c.kind->detailPathFor(found->row.key, object); !path.isEmpty()) {
        const Result<Net::ApiResponse> details = c.ctx.call(Net::ApiRequest::get(path));
        if (!details)
            return c.ctx.fail(details.error());
        object = details->json.toObject();
    }
    const QList<DetailRow> rows = c.kind->relatedDetails
                                      ? c.kind->relatedDetails(object, [](const QString &) { return QList<QJsonObject>(); })
                                      : (c.kind->details ? c.kind->details(object) : Resources::describe(object));
    const bool reveal = c.parser.isSet(QStringLiteral("reveal"));
    io.out << tr("%1 %2 on %3").arg(c.kinds.name(*c.kind), found->row.name, c.ctx.session()->profile().name) << '\n';
    QString group;
    int labelWidth = 0;
    for (const DetailRow &r : rows)
        labelWidth = std::max(labelWidth, int(r.label.size()));
    for (const DetailRow &r : rows) {
        if (r.group != group) {
            group = r.group;
            io.out << '\n' << group << ":\n";
        }
        QString value = r.sensitive && !reveal ? tr("(hidden; --reveal shows it)") : r.value;
        value.replace(u'\n', QStringLiteral("\n    ") + QString(labelWidth + 2, u' '));
        io.out << "    " << QString(r.label + u':').leftJustified(labelWidth + 2) << value << (r.warning ? tr("  (!)") : QString()) << '\n';
    }
    c.ctx.finish();
    return ExitOk;
}

// ---- changes: delete, agent actions, start/stop

/// Runs the kind's action `actionId` (or, for delete, the DELETE that applies to the object) on
/// the object `name`: refusals of the kind, read-only and RBAC decided first, the name typed on a
/// terminal unless --yes.
int runAction(KindCommand &c, const QString &actionId, Io &io)
{
    Result<Found> found = c.readOne();
    if (!found)
        return c.ctx.fail(found.error());
    const Resources::Action *action = nullptr;
    for (const Resources::Action &a : c.kind->actions) {
        const bool wanted = actionId == u"delete" ? a.method == "DELETE" : a.id == actionId;
        if (!wanted)
            continue;
        if (a.refused && !a.refused(found->object).isEmpty() && actionId == u"delete")
            continue; // another DELETE (a CA's) may apply
        action = &a;
        break;
    }
    if (!action) {
        for (const Resources::Action &a : c.kind->actions) {
            if ((actionId == u"delete" && a.method == "DELETE") || a.id == actionId)
                action = &a;
        }
    }
    if (!action)
        return c.ctx.fail(tr("%1 cannot be changed that way (%2).").arg(c.kind->plural, actionId), ExitUsage);
    if (action->refused) {
        if (const QString why = action->refused(found->object); !why.isEmpty())
            return c.ctx.fail(why);
    }
    const QString name = found->row.name;
    if (const QString denied = c.ctx.deniedReason(c.kind->rbacResource, action->verb, found->row.key); !denied.isEmpty())
        return c.ctx.fail(denied, ExitRefused);
    if (action->confirm != Resources::Confirm::None && !c.parser.isSet(QStringLiteral("yes"))) {
        const QString question = action->questionOf ? action->questionOf(found->object)
                                                    : (action->question.contains(u"%1") ? action->question.arg(name) : action->question);
        if (const int code = confirmByName(io, question, name); code >= 0)
            return code;
    }
    Net::ApiRequest request;
    request.method = action->method;
    request.path = Resources::Kind::expand(action->path, found->row.key, found->object);
    if (action->body)
        request = Net::ApiRequest::sendJson(action->method, request.path, action->body(found->object, {}));
    const Result<Net::ApiResponse> done = c.ctx.call(request);
    if (!done)
        return c.ctx.fail(done.error());
    const QString text = action->doneOf ? action->doneOf(found->object)
                                        : (action->doneText.isEmpty() ? tr("Done: %1 %2.").arg(action->label, name) : action->doneText.arg(name));
    io.out << text << '\n';
    c.ctx.finish();
    return ExitOk;
}

/// A command that runs the action `actionId` on one object: "delete KIND NAME", "start KIND NAME"
/// (`kinds`: the kinds it takes; empty: any), "agent reboot NAME" (`fixedKind`: the kind, not typed).
std::function<int(const QStringList &, Io &)> actionCommand(const QString &actionId, const QString &what,
                                                           const QString &fixedKind = {}, const QStringList &kinds = {})
{
    return [actionId, what, fixedKind, kinds](const QStringList &args, Io &io) {
        QStringList typed = args;
        if (!fixedKind.isEmpty())
            typed.insert(1, fixedKind);
        KindCommand c(io);
        c.parser.setApplicationDescription(what);
        c.parser.addOption({QStringLiteral("yes"), tr("Do not ask.")});
        if (const int code = c.start(typed, io, true); code >= 0)
            return code;
        if (!kinds.isEmpty() && !kinds.contains(c.kind->id))
            return c.ctx.fail(tr("Only applications and microservices are started and stopped."), ExitUsage);
        return runAction(c, actionId, io);
    };
}

} // namespace

QStringList cliKindNames()
{
    return CliKinds().names();
}

std::vector<Command> controllerCommands()
{
    std::vector<Command> commands;
    commands.push_back({{QStringLiteral("login")}, tr("Sign in to a control plane (the session is kept in the keychain)."), login});
    commands.push_back({{QStringLiteral("logout")}, tr("Sign out of a control plane."), logout});
    commands.push_back({{QStringLiteral("get")}, tr("List a kind (agents, applications, nats-users, roles, …) or show one object."), get});
    commands.push_back({{QStringLiteral("describe")}, tr("Show one object in full."), describe});
    commands.push_back({{QStringLiteral("delete")}, tr("Delete one object."),
                        actionCommand(QStringLiteral("delete"), tr("Deletes one object. On a terminal it asks for the name; --yes for scripts."))});
    const QString agent = QStringLiteral("agent");
    commands.push_back({{agent, QStringLiteral("reboot")}, tr("Reboot an agent's host."),
                        actionCommand(QStringLiteral("reboot"), tr("Reboots the host of an agent."), QStringLiteral("agents"))});
    commands.push_back({{agent, QStringLiteral("prune")}, tr("Remove unused images on an agent."),
                        actionCommand(QStringLiteral("prune"), tr("Removes the unused container images on an agent."), QStringLiteral("agents"))});
    commands.push_back({{agent, QStringLiteral("upgrade")}, tr("Upgrade an agent's software."),
                        actionCommand(QStringLiteral("upgrade"), tr("Upgrades the agent software (when the Controller offers it)."), QStringLiteral("agents"))});
    commands.push_back({{agent, QStringLiteral("rollback")}, tr("Roll an agent's software back."),
                        actionCommand(QStringLiteral("rollback"), tr("Rolls the agent software back to its previous version."), QStringLiteral("agents"))});
    commands.push_back({{QStringLiteral("start")}, tr("Start an application or microservice."),
                        actionCommand(QStringLiteral("start"), tr("Starts an application or a microservice."), {},
                                      {QStringLiteral("applications"), QStringLiteral("microservices")})});
    commands.push_back({{QStringLiteral("stop")}, tr("Stop an application or microservice."),
                        actionCommand(QStringLiteral("stop"), tr("Stops an application or a microservice."), {},
                                      {QStringLiteral("applications"), QStringLiteral("microservices")})});
    return commands;
}

} // namespace Pot::Cli
