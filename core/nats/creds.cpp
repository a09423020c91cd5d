#include "creds.h"

#include "core/securefile.h"
#include "core/tr.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QList>

namespace Pot::Nats {

namespace {

Error bad(const QString &message)
{
    return Error(ErrorCode::InvalidInput, message);
}

bool isMarker(QByteArrayView line)
{
    return line.size() >= 6 && line.startsWith("---") && line.endsWith("---");
}

bool isBody(QByteArrayView line)
{
    if (line.isEmpty())
        return false;
    for (const char c : line) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                        || c == '_' || c == '-' || c == '.' || c == '=';
        if (!ok)
            return false;
    }
    return true;
}

bool looksLikeSeedLine(QByteArrayView line)
{
    return line.startsWith("SU") || line.startsWith("SA") || line.startsWith("SO");
}

QByteArrayView asView(const SecretBytes &s)
{
    return QByteArrayView(reinterpret_cast<const char *>(s.constData()), qsizetype(s.size()));
}

} // namespace

Result<Creds> parseCreds(QByteArrayView text)
{
    if (text.size() > Jwt::MaxTokenSize)
        return bad(Tr::tr("The creds file is larger than 1 MB."));
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u == 0 || (u < 0x20 && u != '\n' && u != '\r' && u != '\t'))
            return bad(Tr::tr("The creds file contains binary data or NUL bytes."));
    }

    // Lines without CR and surrounding whitespace; views into `text`, no copies of the seed.
    QList<QByteArrayView> lines;
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        lines.append(text.sliced(start, end - start).trimmed());
        start = end + 1;
    }

    QList<QByteArrayView> blocks;
    for (qsizetype i = 0; i + 2 < lines.size() && blocks.size() < 2; ++i) {
        if (!isMarker(lines[i]) || !isBody(lines[i + 1]))
            continue;
        qsizetype j = i + 2;
        while (j < lines.size() && lines[j].isEmpty()) // nsc#529: blank line before END
            ++j;
        if (j < lines.size() && isMarker(lines[j])) {
            blocks.append(lines[i + 1]);
            i = j;
        }
    }

    Creds creds;
    if (blocks.isEmpty()) {
        bool decorated = false;
        for (const QByteArrayView &l : lines)
            decorated = decorated || isMarker(l);
        if (decorated)
            return bad(Tr::tr("No JWT block found: each block needs a marker line (---…---), one "
                              "line of JWT or seed, and a closing marker line."));
        const QByteArrayView all = text.trimmed();
        const qsizetype nl = all.indexOf('\n');
        creds.jwt = (nl < 0 ? all : all.first(nl)).trimmed().toByteArray();
    } else {
        creds.jwt = blocks[0].toByteArray();
    }
    if (creds.jwt.isEmpty())
        return bad(Tr::tr("The creds file is empty."));
    if (looksLikeSeed(creds.jwt))
        return bad(Tr::tr("The first block holds a seed; a creds file starts with the user JWT, on one line."));

    QByteArrayView seed;
    if (blocks.size() >= 2) {
        seed = blocks[1];
    } else {
        for (const QByteArrayView &l : lines) {
            if (looksLikeSeedLine(l)) {
                seed = l;
                break;
            }
        }
    }
    if (seed.isEmpty())
        return bad(Tr::tr("The creds file has no nkey seed block."));
    creds.seed = SecretBytes(seed.data(), std::size_t(seed.size()));
    return creds;
}

Result<UserCreds> loadCreds(QByteArrayView text)
{
    Result<Creds> creds = parseCreds(text);
    if (!creds)
        return creds.error();
    Result<Jwt> jwt = Jwt::decode(creds->jwt);
    if (!jwt)
        return bad(Tr::tr("The JWT in the creds file is not valid: %1").arg(jwt.error().message));
    if (jwt->kind() != ClaimKind::User)
        return bad(Tr::tr("The creds file holds a %1 JWT; creds need a user JWT.").arg(claimKindName(jwt->kind())));
    Result<KeyPair> key = KeyPair::fromSeed(creds->seed);
    if (!key)
        return bad(Tr::tr("The seed in the creds file is not valid: %1").arg(key.error().message));
    if (key->kind() != KeyKind::User)
        return bad(Tr::tr("The seed is a %1 seed; creds need a user seed (SU…).").arg(kindName(key->kind())));
    if (key->publicKeyString() != jwt->standard().subject)
        return bad(Tr::tr("The seed belongs to %1, but the JWT is for %2.")
                       .arg(key->publicKeyString(), jwt->standard().subject));
    return UserCreds{std::move(jwt).value(), std::move(key).value()};
}

Result<SecretBytes> formatCreds(QByteArrayView userJwt, const KeyPair &user, CredsStyle style)
{
    const Result<Jwt> jwt = Jwt::decode(userJwt);
    if (!jwt)
        return jwt.error();
    if (jwt->kind() != ClaimKind::User)
        return bad(Tr::tr("Only user JWTs go into creds files (this is a %1 JWT).").arg(claimKindName(jwt->kind())));
    if (!user.isValid() || user.kind() != KeyKind::User)
        return bad(Tr::tr("Creds files need a user seed (SU…)."));
    if (user.publicKeyString() != jwt->standard().subject)
        return bad(Tr::tr("The seed belongs to %1, but the JWT is for %2.")
                       .arg(user.publicKeyString(), jwt->standard().subject));

    const SecretBytes seed = user.seed();
    const QByteArray token = jwt->token();
    const QByteArrayView head = "-----BEGIN NATS USER JWT-----\n";
    const QByteArrayView mid1 = "\n------END NATS USER JWT------\n\n"
                                "************************* IMPORTANT *************************\n";
    const QByteArrayView line = style == CredsStyle::Go
                                    ? QByteArrayView("NKEY Seed printed below can be used to sign and prove identity.\n")
                                    : QByteArrayView("NKEY Seed printed below can be used sign and prove identity.\n");
    const QByteArrayView mid2 = "NKEYs are sensitive and should be treated as secrets.\n\n"
                                "-----BEGIN USER NKEY SEED-----\n";
    const QByteArrayView tail = style == CredsStyle::Go
                                    ? QByteArrayView("\n------END USER NKEY SEED------\n\n"
                                                     "*************************************************************\n")
                                    : QByteArrayView("\n------END USER NKEY SEED------\n");
    // Reserve once so no reallocation leaves an unwiped copy of the seed behind.
    QByteArray out;
    out.reserve(head.size() + token.size() + mid1.size() + line.size() + mid2.size()
                + qsizetype(seed.size()) + tail.size());
    out.append(head).append(token).append(mid1).append(line).append(mid2).append(asView(seed)).append(tail);
    return SecretBytes::takeFrom(out);
}

Status writeSecretFile(const QString &path, const SecretBytes &content, bool overwrite)
{
    return writeOwnerOnlyFile(path, asView(content), overwrite);
}

QByteArray natsContextJson(const NatsContext &context)
{
    QJsonObject o;
    o.insert(u"description", context.description);
    o.insert(u"url", context.url);
    o.insert(u"creds", context.credsPath);
    if (!context.caPath.isEmpty())
        o.insert(u"ca", context.caPath);
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

Status writeNatsContext(const QString &path, const NatsContext &context, bool replace)
{
    return writeOwnerOnlyFile(path, natsContextJson(context), replace);
}

QString natsEnvironment(const NatsContext &context)
{
    QString out;
    const auto line = [&out](QLatin1StringView name, const QString &value) {
        QString quoted = value;
        quoted.replace(QChar(u'\''), QStringLiteral("'\\''"));
        out.append(QLatin1StringView("export ")).append(name).append(QChar(u'='));
        out.append(QChar(u'\'')).append(quoted).append(QChar(u'\'')).append(QChar(u'\n'));
    };
    line(QLatin1StringView("NATS_URL"), context.url);
    line(QLatin1StringView("NATS_CREDS"), context.credsPath);
    if (!context.caPath.isEmpty())
        line(QLatin1StringView("NATS_CA"), context.caPath);
    return out;
}

} // namespace Pot::Nats
