#include "app/cli/livecommands.h"

#include "app/cli/controllercontext.h"
#include "app/cli/terminal.h"

#include "core/api/events.h"
#include "core/api/records.h"
#include "core/nats/creds.h"
#include "core/resources/kinds/kinds.h"
#include "core/secretbytes.h"
#include "core/session/controlplanesession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

namespace Pot::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
}

/// The creds of USER in account APP from the Controller, checked (the seed must be the JWT's
/// user); the text stays in SecretBytes and is never printed.
Result<SecretBytes> fetchCreds(ControllerContext &ctx, const QString &app, const QString &user)
{
    if (const QString denied = ctx.deniedReason(QStringLiteral("natsUsers"), QStringLiteral("get"), app); !denied.isEmpty())
        return Error(ErrorCode::Forbidden, denied);
    Result<Net::ApiResponse> answer = ctx.call(Net::ApiRequest::get(u"/nats/accounts/" + Net::pathSegment(app) + u"/users/"
                                                                    + Net::pathSegment(user) + QStringLiteral("/creds")));
    if (!answer)
        return answer.error();
    QByteArray base64 = answer->json.toObject().value(u"credsBase64").toString().toLatin1();
    SecretBytes::wipe(answer->body);
    if (base64.isEmpty())
        return Error(ErrorCode::Protocol, tr("The Controller's answer has no credsBase64."));
    auto decoded = QByteArray::fromBase64Encoding(base64, QByteArray::AbortOnBase64DecodingErrors);
    SecretBytes::wipe(base64);
    if (!decoded)
        return Error(ErrorCode::Protocol, tr("The Controller's credsBase64 is not valid base64."));
    SecretBytes text(decoded.decoded.constData(), size_t(decoded.decoded.size()));
    SecretBytes::wipe(decoded.decoded);
    if (const Result<Nats::UserCreds> loaded = Nats::loadCreds(QByteArrayView(reinterpret_cast<const char *>(text.constData()), qsizetype(text.size()))); !loaded)
        return Error(ErrorCode::Protocol, tr("The Controller's creds for %1 cannot be used: %2").arg(user, loaded.error().message));
    return text;
}

int natsCreds(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Writes the creds of a NATS user (account APP) to a file readable by you only. "
                                        "They are never printed."));
    ControllerContext::addConnectionOptions(parser);
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")}, tr("The creds file to write."), tr("FILE")});
    parser.addOption({QStringLiteral("force"), tr("Replace an existing file.")});
    parser.addPositionalArgument(QStringLiteral("app"), tr("The application (its NATS account)."), tr("APP"));
    parser.addPositionalArgument(QStringLiteral("user"), tr("The NATS user."), tr("USER"));
    if (const int code = parseCommandLine(parser, args, io, 2); code >= 0)
        return code;
    const QString out = parser.value(QStringLiteral("output"));
    if (out.isEmpty() || out == u"-") {
        io.err << tr("Name the file with -o FILE: creds are never written to the terminal.") << '\n';
        return ExitUsage;
    }
    ControllerContext ctx(io);
    if (const int code = ctx.connect(parser); code >= 0)
        return code;
    const QString app = parser.positionalArguments().at(0), user = parser.positionalArguments().at(1);
    const Result<SecretBytes> creds = fetchCreds(ctx, app, user);
    if (!creds)
        return ctx.fail(creds.error());
    if (Status written = Nats::writeSecretFile(out, *creds, parser.isSet(QStringLiteral("force"))); !written)
        return ctx.fail(written.error().message);
    io.out << tr("Wrote the creds of %1 (account %2) to %3, readable by you only.").arg(user, app, out) << '\n';
    ctx.finish();
    return ExitOk;
}

int natsContext(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Makes a context of the nats command line for a NATS user: its creds (0600) and "
                                        "the context file beside them in ~/.config/nats/context. The server is the "
                                        "control plane's NATS hub unless --server names another."));
    ControllerContext::addConnectionOptions(parser);
    parser.addOption({QStringLiteral("server"), tr("The NATS server URL (default: the hub the Controller names)."), tr("URL")});
    parser.addOption({QStringLiteral("name"), tr("The context name (default: APP-USER)."), tr("NAME")});
    parser.addOption({QStringLiteral("force"), tr("Replace an existing context and creds file.")});
    parser.addPositionalArgument(QStringLiteral("app"), tr("The application (its NATS account)."), tr("APP"));
    parser.addPositionalArgument(QStringLiteral("user"), tr("The NATS user."), tr("USER"));
    if (const int code = parseCommandLine(parser, args, io, 2); code >= 0)
        return code;
    const QString app = parser.positionalArguments().at(0), user = parser.positionalArguments().at(1);
    QString name = parser.isSet(QStringLiteral("name")) ? parser.value(QStringLiteral("name")) : app + u'-' + user;
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9._-]+$"));
    if (!safe.match(name).hasMatch() || name.startsWith(u'.')) {
        io.err << tr("%1 cannot be a context name: letters, digits, '.', '_' and '-' only.").arg(name) << '\n';
        return ExitUsage;
    }
    ControllerContext ctx(io);
    if (const int code = ctx.connect(parser); code >= 0)
        return code;
    QString server = parser.value(QStringLiteral("server"));
    if (server.isEmpty()) {
        const Result<Net::ApiResponse> hub = ctx.call(Net::ApiRequest::get(QStringLiteral("/nats/hub")));
        const Result<Api::NatsHub> parsed = hub ? Api::NatsHub::fromJson(hub->json) : Result<Api::NatsHub>(hub.error());
        if (!parsed)
            return ctx.fail(tr("The Controller names no NATS hub (%1); give the server with --server URL.").arg(parsed.error().message));
        server = parsed->clientUrl();
    }
    const Result<SecretBytes> creds = fetchCreds(ctx, app, user);
    if (!creds)
        return ctx.fail(creds.error());
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QStringLiteral("/nats/context");
    if (!QDir().mkpath(dir))
        return ctx.fail(tr("Cannot create %1.").arg(dir));
    const QString credsPath = dir + u'/' + name + QStringLiteral(".creds");
    const QString contextPath = dir + u'/' + name + QStringLiteral(".json");
    const bool force = parser.isSet(QStringLiteral("force"));
    if (!force && (QFileInfo::exists(contextPath) || QFileInfo(contextPath).isSymLink()))
        return ctx.fail(tr("%1 exists; --force replaces it.").arg(contextPath));
    if (Status written = Nats::writeSecretFile(credsPath, *creds, force); !written)
        return ctx.fail(written.error().message);
    Nats::NatsContext context;
    context.description = tr("%1 in account %2 (%3)").arg(user, app, ctx.session()->profile().name);
    context.url = server;
    context.credsPath = credsPath;
    if (Status written = Nats::writeNatsContext(contextPath, context, force); !written)
        return ctx.fail(written.error().message);
    io.out << tr("Wrote the nats context %1 (%2, creds %3). Use it with: nats context select %1").arg(name, server, credsPath) << '\n';
    ctx.finish();
    return ExitOk;
}

int events(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("The Controller's audit events, newest first, filtered as the Events page filters them."));
    ControllerContext::addConnectionOptions(parser);
    parser.addOption({QStringLiteral("since"), tr("From this time (2026-12-01, 2026-12-01 10:30, ISO-8601)."), tr("TIME")});
    parser.addOption({QStringLiteral("until"), tr("Up to this time."), tr("TIME")});
    parser.addOption({QStringLiteral("method"), tr("Only this HTTP method (repeat for more)."), tr("METHOD")});
    parser.addOption({QStringLiteral("resource"), tr("Only this resource type (e.g. microservice)."), tr("TYPE")});
    parser.addOption({QStringLiteral("status"), tr("SUCCESS or FAILED."), tr("STATUS")});
    parser.addOption({QStringLiteral("actor"), tr("Only what this actor did (an e-mail, an agent uuid)."), tr("ID")});
    parser.addOption({QStringLiteral("type"), tr("HTTP, WS_CONNECT or WS_DISCONNECT."), tr("TYPE")});
    parser.addOption({QStringLiteral("limit"), tr("At most this many events (default 200)."), tr("N"), QStringLiteral("200")});
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")}, tr("table, json or csv."), tr("FORMAT"), QStringLiteral("table")});
    if (const int code = parseCommandLine(parser, args, io, 0); code >= 0)
        return code;
    Api::EventFilter filter;
    QString error;
    filter.fromMs = Api::parseEventTime(parser.value(QStringLiteral("since")), &error);
    if (error.isEmpty())
        filter.toMs = Api::parseEventTime(parser.value(QStringLiteral("until")), &error);
    if (!error.isEmpty()) {
        io.err << error << '\n';
        return ExitUsage;
    }
    for (const QString &m : parser.values(QStringLiteral("method")))
        filter.methods << m.toUpper();
    filter.resourceType = parser.value(QStringLiteral("resource"));
    filter.status = parser.value(QStringLiteral("status")).toUpper();
    filter.actorId = parser.value(QStringLiteral("actor"));
    filter.eventType = parser.value(QStringLiteral("type")).toUpper();
    bool ok = false;
    const int limit = parser.value(QStringLiteral("limit")).toInt(&ok);
    const QString format = parser.value(QStringLiteral("output"));
    if (!ok || limit < 1 || !QStringList{QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("csv")}.contains(format)) {
        io.err << tr("--limit takes a whole number ≥ 1 and -o table, json or csv.") << '\n';
        return ExitUsage;
    }
    ControllerContext ctx(io);
    if (const int code = ctx.connect(parser); code >= 0)
        return code;
    // Pages of at most 1,000 (the Controller's maximum) until the limit or the end.
    QJsonArray events;
    int total = 0;
    while (events.size() < limit) {
        Net::ApiRequest request = Net::ApiRequest::list(QStringLiteral("/events"));
        request.query = filter.query();
        request.query.addQueryItem(QStringLiteral("limit"), QString::number(std::min(1000, limit - int(events.size()))));
        request.query.addQueryItem(QStringLiteral("offset"), QString::number(events.size()));
        const Result<Net::ApiResponse> page = ctx.call(request);
        if (!page)
            return ctx.fail(page.error());
        const QJsonArray got = page->json.toObject().value(u"events").toArray();
        total = page->json.toObject().value(u"total").toInt();
        for (const QJsonValue &e : got)
            events << e;
        if (got.isEmpty() || events.size() >= total)
            break;
    }
    if (format == u"json") {
        io.out << QJsonDocument(events).toJson(QJsonDocument::Indented);
    } else if (format == u"csv") {
        io.out << QString::fromUtf8(Api::eventsToCsv(events));
    } else {
        const Resources::Kind kind = Resources::Kinds::events();
        QStringList headings;
        for (const Resources::Column &c : kind.columns)
            headings << c.title;
        TablePrinter table(headings);
        for (const QJsonValue &v : std::as_const(events)) {
            if (const std::optional<Resources::Row> r = kind.row(v.toObject())) {
                QStringList cells;
                QList<Tone> tones;
                for (const Resources::Cell &c : r->cells) {
                    cells << c.text;
                    tones << c.tone;
                }
                table.addRow(cells, tones);
            }
        }
        table.print(io.out, terminalWidth(), colourWanted());
        if (total > events.size())
            io.err << tr("%1 of %2 events; --limit shows more.").arg(events.size()).arg(total) << '\n';
    }
    ctx.finish();
    return ExitOk;
}

} // namespace

std::vector<Command> liveCommands()
{
    return {
        {{QStringLiteral("nats"), QStringLiteral("creds")}, tr("Write a NATS user's creds from the Controller (0600)."), natsCreds},
        {{QStringLiteral("nats"), QStringLiteral("context")}, tr("Make a nats CLI context for a NATS user."), natsContext},
        {{QStringLiteral("events")}, tr("The Controller's audit events (filters; table, json or csv)."), events},
    };
}

} // namespace Pot::Cli
