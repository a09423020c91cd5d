#include "app/cli/natscommands.h"

#include "core/nats/claimsinwords.h"
#include "core/nats/creds.h"
#include "core/nats/jwt.h"
#include "core/nats/trustchain.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Pot::Cli {

using namespace Pot::Nats;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
}

bool isDecorated(const QByteArray &data)
{
    return data.trimmed().startsWith("---") || data.contains("\n---");
}

/// The JWT in a bare token or a decorated (creds) file. The seed block, if any, is never kept.
Result<Jwt> jwtFromInput(const QByteArray &data, bool *fromCreds = nullptr)
{
    if (fromCreds)
        *fromCreds = false;
    if (isDecorated(data)) {
        Result<Creds> creds = parseCreds(data);
        if (!creds)
            return creds.error();
        if (fromCreds)
            *fromCreds = true;
        return Jwt::decode(creds->jwt);
    }
    return Jwt::decode(data);
}

Result<qint64> nowFrom(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("at")))
        return QDateTime::currentSecsSinceEpoch();
    bool ok = false;
    const qint64 at = parser.value(QStringLiteral("at")).toLongLong(&ok);
    if (!ok)
        return Error(ErrorCode::InvalidInput, tr("--at takes Unix seconds."));
    return at;
}

QCommandLineOption atOption()
{
    return QCommandLineOption(QStringLiteral("at"),
                              tr("Judge times as of this Unix time (seconds) instead of now."),
                              QStringLiteral("seconds"));
}

QString signatureState(const Jwt &jwt)
{
    if (!jwt.isNats())
        return QStringLiteral("unchecked");
    return jwt.verifySignature().ok() ? QStringLiteral("valid") : QStringLiteral("invalid");
}

int jwtDecode(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Decode a JWT or the JWT of a .creds file (FILE or - for stdin)."));
    parser.addOption(QCommandLineOption(QStringLiteral("json"), tr("Print one JSON object.")));
    parser.addOption(atOption());
    parser.addPositionalArgument(QStringLiteral("FILE"), tr("JWT or creds file, - for stdin."));
    if (const int rc = parseCommandLine(parser, args, io, 1); rc >= 0)
        return rc;
    const bool json = parser.isSet(QStringLiteral("json"));
    const Result<qint64> now = nowFrom(parser);
    if (!now) {
        io.err << now.error().message << '\n';
        return ExitUsage;
    }

    const auto failMalformed = [&](const QString &message) {
        if (json) {
            QJsonObject o{{QStringLiteral("error"), message},
                          {QStringLiteral("signature"), QStringLiteral("unchecked")},
                          {QStringLiteral("problems"), QJsonArray{message}}};
            io.out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
        }
        io.err << tr("error: %1\n").arg(message);
        return ExitCheckFailed;
    };

    const Result<QByteArray> data = readInput(parser.positionalArguments().first(), io);
    if (!data)
        return failMalformed(data.error().message);
    bool fromCreds = false;
    const Result<Jwt> jwt = jwtFromInput(*data, &fromCreds);
    if (!jwt)
        return failMalformed(jwt.error().message);

    QStringList problems = jwt->problems(*now);
    if (fromCreds) {
        const Result<UserCreds> creds = loadCreds(*data);
        if (!creds)
            problems.append(creds.error().message);
    }
    const QString signature = signatureState(*jwt);
    const QList<ClaimRow> rows = claimsInWords(*jwt, *now);

    if (json) {
        QJsonArray rowArray;
        for (const ClaimRow &r : rows)
            rowArray.append(QJsonObject{{QStringLiteral("group"), r.group}, {QStringLiteral("label"), r.label},
                                        {QStringLiteral("value"), r.value}, {QStringLiteral("hint"), r.hint},
                                        {QStringLiteral("warning"), r.warning}});
        const QJsonObject o{{QStringLiteral("kind"), claimKindName(jwt->kind())},
                            {QStringLiteral("source"), fromCreds ? QStringLiteral("creds") : QStringLiteral("jwt")},
                            {QStringLiteral("header"), jwt->header()},
                            {QStringLiteral("claims"), jwt->payload()},
                            {QStringLiteral("signature"), signature},
                            {QStringLiteral("problems"), QJsonArray::fromStringList(problems)},
                            {QStringLiteral("rows"), rowArray}};
        io.out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
    } else {
        io.out << tr("Header: %1\n").arg(QString::fromUtf8(QJsonDocument(jwt->header()).toJson(QJsonDocument::Compact)));
        if (fromCreds)
            io.out << tr("Source: creds file (seed not shown)\n");
        QString group;
        for (const ClaimRow &r : rows) {
            if (r.group != group) {
                group = r.group;
                io.out << '\n' << group << '\n';
            }
            io.out << "  " << r.label << ": " << r.value;
            if (!r.hint.isEmpty())
                io.out << "  (" << r.hint << ')';
            io.out << '\n';
            if (!r.warning.isEmpty())
                io.out << "    ! " << r.warning << '\n';
        }
        io.out << '\n' << tr("Signature: %1").arg(signature);
        if (signature == u"unchecked")
            io.out << tr(" (%1 token; needs the issuer's public key)").arg(jwt->algorithm());
        else
            io.out << tr(" (%1 by %2)").arg(jwt->algorithm(), jwt->standard().issuer);
        io.out << '\n';
        if (problems.isEmpty()) {
            io.out << tr("Problems: none\n");
        } else {
            io.out << tr("Problems:\n");
            for (const QString &p : problems)
                io.out << "  - " << p << '\n';
        }
    }
    return signature == u"invalid" ? ExitCheckFailed : ExitOk;
}

int jwtVerify(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Decide whether nats-server (2.9.10, operator mode) would trust an account or user JWT."));
    parser.addOption(QCommandLineOption(QStringLiteral("operator"), tr("Operator JWT (trust anchor)."),
                                        QStringLiteral("file")));
    parser.addOption(QCommandLineOption(QStringLiteral("account"), tr("Account JWT known to the server (repeatable)."),
                                        QStringLiteral("file")));
    parser.addOption(atOption());
    parser.addPositionalArgument(QStringLiteral("FILE"), tr("Account or user JWT, or a creds file; - for stdin."));
    if (const int rc = parseCommandLine(parser, args, io, 1); rc >= 0)
        return rc;
    if (!parser.isSet(QStringLiteral("operator"))) {
        io.err << tr("--operator is required.\n") << commandHelp(parser, args.first());
        return ExitUsage;
    }
    const Result<qint64> now = nowFrom(parser);
    if (!now) {
        io.err << now.error().message << '\n';
        return ExitUsage;
    }
    const auto load = [&](const QString &path) -> Result<Jwt> {
        const Result<QByteArray> data = readInput(path, io);
        if (!data)
            return data.error();
        Result<Jwt> jwt = jwtFromInput(*data);
        if (!jwt)
            return Error(jwt.error().code, path + u": " + jwt.error().message);
        return jwt;
    };
    const Result<Jwt> op = load(parser.value(QStringLiteral("operator")));
    if (!op) {
        io.err << tr("error: %1\n").arg(op.error().message);
        return ExitCheckFailed;
    }
    TrustChain chain(*op);
    for (const QString &path : parser.values(QStringLiteral("account"))) {
        const Result<Jwt> acc = load(path);
        if (!acc) {
            io.err << tr("error: %1\n").arg(acc.error().message);
            return ExitCheckFailed;
        }
        if (const Status s = chain.addAccount(*acc); !s) {
            io.err << tr("error: %1: %2\n").arg(path, s.error().message);
            return ExitCheckFailed;
        }
    }
    const Result<Jwt> subject = load(parser.positionalArguments().first());
    if (!subject) {
        io.err << tr("error: %1\n").arg(subject.error().message);
        return ExitCheckFailed;
    }
    const TrustDecision d = chain.check(*subject, *now);
    for (const QString &line : d.lines())
        io.out << line << '\n';
    io.out << (d.trusted ? tr("TRUSTED: nats-server would accept this %1 JWT.\n")
                         : tr("NOT TRUSTED: nats-server would refuse this %1 JWT.\n"))
                  .arg(claimKindName(subject->kind()));
    return d.trusted ? ExitOk : ExitCheckFailed;
}

int credsCheck(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Check a .creds file: format, seed/JWT match, signature and expiry."));
    parser.addOption(atOption());
    parser.addPositionalArgument(QStringLiteral("FILE"), tr("Creds file, - for stdin."));
    if (const int rc = parseCommandLine(parser, args, io, 1); rc >= 0)
        return rc;
    const Result<qint64> now = nowFrom(parser);
    if (!now) {
        io.err << now.error().message << '\n';
        return ExitUsage;
    }
    QByteArray data;
    {
        Result<QByteArray> read = readInput(parser.positionalArguments().first(), io);
        if (!read) {
            io.err << tr("error: %1\n").arg(read.error().message);
            return ExitCheckFailed;
        }
        data = std::move(read).value();
    }
    const Result<UserCreds> creds = loadCreds(data);
    SecretBytes::wipe(data);
    if (!creds) {
        io.out << tr("FAIL %1\n").arg(creds.error().message);
        return ExitCheckFailed;
    }
    io.out << tr("ok   creds file parsed: user JWT + user seed\n");
    io.out << tr("ok   seed matches the JWT subject %1\n").arg(creds->key.publicKeyString());
    QStringList problems = creds->jwt.problems(*now);
    const bool sigOk = creds->jwt.verifySignature().ok();
    if (sigOk)
        io.out << tr("ok   signature valid (issuer %1)\n").arg(creds->jwt.standard().issuer);
    const StandardClaims &s = creds->jwt.standard();
    if (creds->jwt.timeState(*now) == TimeState::Valid)
        io.out << (s.expires ? tr("ok   valid until %1\n").arg(formatUnixTime(s.expires)) : tr("ok   does not expire\n"));
    for (const QString &p : problems)
        io.out << tr("FAIL %1\n").arg(p);
    for (const ClaimRow &r : claimsInWords(creds->jwt, *now)) {
        if (!r.warning.isEmpty() && r.label != u"Status")
            io.out << tr("warn %1: %2\n").arg(r.label, r.warning);
    }
    io.out << (problems.isEmpty() ? tr("Creds OK\n") : tr("Creds NOT OK\n"));
    return problems.isEmpty() ? ExitOk : ExitCheckFailed;
}

int credsExport(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Write a .creds file (nsc format, mode 0600) from a user JWT and seed."));
    parser.addOption(QCommandLineOption(QStringLiteral("jwt"), tr("User JWT file."), QStringLiteral("file")));
    parser.addOption(QCommandLineOption(QStringLiteral("seed"), tr("User seed file (SU…)."), QStringLiteral("file")));
    parser.addOption(QCommandLineOption({QStringLiteral("o"), QStringLiteral("output")}, tr("Creds file to write."),
                                        QStringLiteral("file")));
    parser.addOption(QCommandLineOption(QStringLiteral("force"), tr("Replace an existing file.")));
    if (const int rc = parseCommandLine(parser, args, io, 0); rc >= 0)
        return rc;
    for (const char *opt : {"jwt", "seed", "o"}) {
        if (!parser.isSet(QString::fromLatin1(opt))) {
            io.err << tr("--jwt, --seed and -o are required.\n") << commandHelp(parser, args.first());
            return ExitUsage;
        }
    }
    const Result<QByteArray> jwtData = readInput(parser.value(QStringLiteral("jwt")), io);
    if (!jwtData) {
        io.err << tr("error: %1\n").arg(jwtData.error().message);
        return ExitCheckFailed;
    }
    SecretBytes seedText;
    {
        Result<QByteArray> raw = readInput(parser.value(QStringLiteral("seed")), io);
        if (!raw) {
            io.err << tr("error: %1\n").arg(raw.error().message);
            return ExitCheckFailed;
        }
        QByteArray bytes = std::move(raw).value();
        if (isDecorated(bytes)) { // a decorated seed file: the seed is the one block's body
            for (const QByteArray &line : bytes.split('\n')) {
                if (looksLikeSeed(line))
                    seedText = SecretBytes(line.trimmed());
            }
        } else {
            seedText = SecretBytes(bytes.trimmed());
        }
        SecretBytes::wipe(bytes);
    }
    const Result<KeyPair> key = KeyPair::fromSeed(seedText);
    if (!key) {
        io.err << tr("error: the seed file: %1\n").arg(key.error().message);
        return ExitCheckFailed;
    }
    const Result<Jwt> jwt = jwtFromInput(*jwtData);
    if (!jwt) {
        io.err << tr("error: the JWT file: %1\n").arg(jwt.error().message);
        return ExitCheckFailed;
    }
    const Result<SecretBytes> text = formatCreds(jwt->token(), *key);
    if (!text) {
        io.err << tr("error: %1\n").arg(text.error().message);
        return ExitCheckFailed;
    }
    const QString out = parser.value(QStringLiteral("o"));
    if (const Status s = writeSecretFile(out, *text, parser.isSet(QStringLiteral("force"))); !s) {
        io.err << tr("error: %1\n").arg(s.error().message);
        return ExitCheckFailed;
    }
    io.out << tr("Wrote %1 (owner read/write only) for user %2.\n").arg(out, key->publicKeyString());
    return ExitOk;
}

} // namespace

std::vector<Command> natsCommands()
{
    return {
        {{QStringLiteral("jwt"), QStringLiteral("decode")}, tr("Decode a NATS or other JWT (or creds file)"), jwtDecode},
        {{QStringLiteral("jwt"), QStringLiteral("verify")}, tr("Decide operator/account/user trust"), jwtVerify},
        {{QStringLiteral("creds"), QStringLiteral("check")}, tr("Check a .creds file"), credsCheck},
        {{QStringLiteral("creds"), QStringLiteral("export")}, tr("Write a .creds file (0600)"), credsExport},
    };
}

} // namespace Pot::Cli
