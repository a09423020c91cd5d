#include "natsworld.h"

#include "core/nats/claims.h"
#include "core/nats/jwt.h"
#include "testutil.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace Pot::Test {

using namespace Pot::Nats;

namespace {

Result<KeyPair> generate(KeyKind kind)
{
    return KeyPair::generate(kind);
}

Status writeText(const QString &path, const QByteArray &text)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text) != text.size())
        return Error(ErrorCode::Io, QStringLiteral("cannot write ") + path);
    return {};
}

QString preloadBlock(const QMap<QString, QByteArray> &accounts)
{
    QString text = QStringLiteral("resolver_preload: {\n");
    for (auto it = accounts.cbegin(); it != accounts.cend(); ++it)
        text += u"  " + it.key() + u": \"" + QString::fromLatin1(it.value()) + u"\"\n";
    return text + u"}\n";
}

/// Changes one character of the payload segment (and re-encodes it) while keeping the signature.
QByteArray tamper(const QByteArray &jwt)
{
    const QList<QByteArray> parts = jwt.split('.');
    if (parts.size() != 3)
        return {};
    std::optional<QByteArray> payload = base64UrlDecode(parts.at(1));
    if (!payload)
        return {};
    const QByteArray from = "\"name\":\"normal\"";
    if (!payload->contains(from))
        return {};
    payload->replace(from, "\"name\":\"n0rmal\"");
    return parts.at(0) + '.' + base64UrlEncode(*payload) + '.' + parts.at(2);
}

/// The standard claims the Controller writes around a `nats` object (controller-api.md §5.2): aud
/// "NATS", no exp/nbf; the jti is opaque here (nats-server does not check it).
QByteArray controllerPayload(const QString &name, const QString &subject, const QString &issuer,
                             const QJsonObject &nats)
{
    const QJsonObject payload{{QStringLiteral("aud"), QStringLiteral("NATS")},
                              {QStringLiteral("name"), name},
                              {QStringLiteral("sub"), subject},
                              {QStringLiteral("nats"), nats},
                              {QStringLiteral("iss"), issuer},
                              {QStringLiteral("iat"), QDateTime::currentSecsSinceEpoch() - 60},
                              {QStringLiteral("jti"), QString(QStringLiteral("controller-shaped-test-") + name)}};
    return QJsonDocument(payload).toJson(QJsonDocument::Compact);
}

} // namespace

Result<NatsWorld> NatsWorld::build()
{
    NatsWorld w;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    struct Slot { KeyPair *pair; KeyKind kind; };
    for (Slot s : {Slot{&w.operatorKey, KeyKind::Operator}, Slot{&w.operatorSigningKey, KeyKind::Operator},
                   Slot{&w.systemAccount, KeyKind::Account}, Slot{&w.appAccount, KeyKind::Account},
                   Slot{&w.appSigningKey, KeyKind::Account}, Slot{&w.strictAccount, KeyKind::Account},
                   Slot{&w.strictSigningKey, KeyKind::Account}}) {
        Result<KeyPair> k = generate(s.kind);
        if (!k)
            return k.error();
        *s.pair = *k;
    }

    // Operator: self-signed, one signing key, the system account.
    Claims op = Claims::newOperator(QStringLiteral("probe-operator"), w.operatorKey.publicKeyString());
    op.op.signingKeys = {w.operatorSigningKey.publicKeyString()};
    op.op.systemAccount = w.systemAccount.publicKeyString();
    Result<QByteArray> opJwt = Jwt::encode(op, w.operatorKey);
    if (!opJwt)
        return opJwt.error();
    w.operatorJwt = *opJwt;

    // Accounts, all issued by the operator signing key (not the identity).
    Claims sys = Claims::newAccount(QStringLiteral("SYS"), w.systemAccount.publicKeyString());

    Claims app = Claims::newAccount(QStringLiteral("APP"), w.appAccount.publicKeyString());
    app.account.limits.conn = 20;
    app.account.limits.nats = NatsLimits{1000, -1, 1024 * 1024};
    app.account.limits.imports = 10;
    app.account.limits.exports = 10;
    app.account.limits.leaf = 0;
    app.account.signingKeys = {SigningKey{w.appSigningKey.publicKeyString(), false, {}, {}, {}, {}}};

    Claims strict = Claims::newAccount(QStringLiteral("STRICT"), w.strictAccount.publicKeyString());
    strict.account.limits.disallowBearer = true;
    strict.account.limits.conn = 5;
    strict.account.signingKeys = {
        SigningKey{w.strictSigningKey.publicKeyString(), false, {}, {}, {}, {}}};

    // Users.
    struct UserSpec
    {
        QString name;
        const KeyPair *signer;
        const KeyPair *account;
        bool bearer = false;
        qint64 iat = 0;
        qint64 exp = 0;
        const KeyPair *claimedAccount = nullptr; // issuer_account, when not the signer's account
    };
    const QList<UserSpec> specs = {
        {QStringLiteral("normal"), &w.appSigningKey, &w.appAccount},
        {QStringLiteral("direct"), &w.appAccount, &w.appAccount},
        {QStringLiteral("bearer"), &w.appSigningKey, &w.appAccount, true},
        {QStringLiteral("strict"), &w.strictSigningKey, &w.strictAccount},
        {QStringLiteral("strict-bearer"), &w.strictSigningKey, &w.strictAccount, true},
        {QStringLiteral("revoked"), &w.appSigningKey, &w.appAccount, false, now - 3600},
        {QStringLiteral("expired"), &w.appSigningKey, &w.appAccount, false, now - 7200, now - 3600},
        {QStringLiteral("foreign-signer"), &w.strictSigningKey, &w.appAccount, false, 0, 0,
         &w.appAccount},
    };
    for (const UserSpec &spec : specs) {
        Result<KeyPair> key = generate(KeyKind::User);
        if (!key)
            return key.error();
        const KeyPair &account = spec.claimedAccount ? *spec.claimedAccount : *spec.account;
        // issuer_account only when a signing key (not the account identity) signs.
        const bool viaSigningKey = spec.signer != spec.account || spec.claimedAccount;
        Claims user = Claims::newUser(spec.name, key->publicKeyString(),
                                      viaSigningKey ? account.publicKeyString() : QString());
        user.user.permissions.bearerToken = spec.bearer;
        user.standard.expires = spec.exp;
        EncodeOptions options;
        if (spec.iat)
            options.issuedAt = spec.iat;
        Result<QByteArray> jwt = Jwt::encode(user, *spec.signer, options);
        if (!jwt)
            return jwt.error();
        w.users.insert(spec.name, NatsWorldUser{*key, *jwt, account.publicKeyString()});
    }

    // Revoke "revoked" at a time after its iat: every JWT for that key issued until then is dead.
    w.revokedAt = now - 60;
    app.account.revocations.insert(w.users.value(QStringLiteral("revoked")).key.publicKeyString(),
                                   w.revokedAt);

    NatsWorldUser tampered = w.users.value(QStringLiteral("normal"));
    tampered.jwt = tamper(tampered.jwt);
    if (tampered.jwt.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("could not tamper with the normal JWT"));
    w.users.insert(QStringLiteral("tampered"), tampered);

    for (const Claims *c : {&sys, &app, &strict}) {
        Result<QByteArray> jwt = Jwt::encode(*c, w.operatorSigningKey);
        if (!jwt)
            return jwt.error();
        w.accountJwts.insert(c->standard.subject, *jwt);
    }
    return w;
}

Result<QString> NatsWorld::serverConfig(const QString &dir) const
{
    return operatorModeConfig(dir, operatorJwt, systemAccount.publicKeyString(), accountJwts);
}

Result<QString> operatorModeConfig(const QString &dir, const QByteArray &operatorJwt,
                                   const QString &systemAccount,
                                   const QMap<QString, QByteArray> &accounts)
{
    const QString operatorPath = QDir(dir).absoluteFilePath(QStringLiteral("operator.jwt"));
    if (Status s = writeText(operatorPath, operatorJwt); !s)
        return s.error();
    return QString(QStringLiteral("debug: true\noperator: \"%1\"\nsystem_account: %2\nresolver: MEMORY\n")
                       .arg(operatorPath, systemAccount)
                   + preloadBlock(accounts));
}

QByteArray controllerAccountPayload(const QString &name, const QString &account,
                                    const QString &issuer, const QJsonObject &limits,
                                    const QJsonArray &imports, const QJsonArray &exports)
{
    QJsonObject l;
    for (const char *key : {"conn", "leaf", "data", "exports", "imports", "payload", "subs",
                            "wildcards", "disallow_bearer"})
        l.insert(QLatin1StringView(key), QJsonValue::Null);
    for (auto it = limits.begin(); it != limits.end(); ++it)
        l.insert(it.key(), it.value());
    QJsonObject nats{{QStringLiteral("limits"), l},
                     {QStringLiteral("default_permissions"),
                      QJsonObject{{QStringLiteral("pub"), QJsonObject()}, {QStringLiteral("sub"), QJsonObject()}}},
                     {QStringLiteral("type"), QStringLiteral("account")},
                     {QStringLiteral("version"), 2}};
    if (!imports.isEmpty())
        nats.insert(QStringLiteral("imports"), imports);
    if (!exports.isEmpty())
        nats.insert(QStringLiteral("exports"), exports);
    return controllerPayload(name, account, issuer, nats);
}

QJsonObject controllerUnlimitedLimits()
{
    QJsonObject l{{QStringLiteral("wildcards"), true}};
    for (const char *key : {"conn", "leaf", "data", "exports", "imports", "payload", "subs"})
        l.insert(QLatin1StringView(key), -1);
    return l;
}

QJsonArray controllerFooImport()
{
    return QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("foo-stream")},
                                  {QStringLiteral("subject"), QStringLiteral("foo.>")},
                                  {QStringLiteral("type"), QStringLiteral("stream")},
                                  {QStringLiteral("account"),
                                   QStringLiteral("ABRSTQX6IZOR2DPQ2DV3QYTAQXL2QJ35OYRW7W5GCY3RP6237UIRJSGU")},
                                  {QStringLiteral("local_subject"), QStringLiteral("imported.foo.>")}}};
}

QByteArray controllerUserPayload(const QString &name, const QString &user, const QString &issuer)
{
    const QJsonObject nats{{QStringLiteral("subs"), -1},
                           {QStringLiteral("data"), -1},
                           {QStringLiteral("payload"), -1},
                           {QStringLiteral("pub"), QJsonObject()},
                           {QStringLiteral("sub"), QJsonObject()},
                           {QStringLiteral("allowed_connection_types"),
                            QJsonArray{QStringLiteral("STANDARD"), QStringLiteral("WEBSOCKET")}},
                           {QStringLiteral("type"), QStringLiteral("user")},
                           {QStringLiteral("version"), 2}};
    return controllerPayload(name, user, issuer, nats);
}

Result<Nats::ProbeResult> probeOnce(const QUrl &url, const Nats::ProbeCredentials &creds)
{
    Nats::HandshakeProbe p;
    std::optional<Result<Nats::ProbeResult>> result;
    QObject::connect(&p, &Nats::HandshakeProbe::finished, &p,
                     [&result](const Result<Nats::ProbeResult> &r) { result = r; });
    if (!p.start(url, creds))
        return Error(ErrorCode::Conflict, QStringLiteral("test: probe busy"));
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000))
        return Error(ErrorCode::Timeout, QStringLiteral("test: the probe never finished"));
    return *result;
}

Result<QString> goVectorServerConfig()
{
    const QByteArray vectors = readData(QStringLiteral("nats-vectors/go-vectors.json"));
    const QJsonArray keys = QJsonDocument::fromJson(vectors).object().value(u"keys").toArray();
    QByteArray sysSeed;
    QByteArray opSigningSeed;
    for (const QJsonValue &k : keys) {
        const QString role = k.toObject().value(u"role").toString();
        if (role == u"system-account")
            sysSeed = k.toObject().value(u"seed").toString().toLatin1();
        else if (role == u"operator-signing-key")
            opSigningSeed = k.toObject().value(u"seed").toString().toLatin1();
    }
    Result<KeyPair> sys = KeyPair::fromSeed(SecretBytes(sysSeed));
    if (!sys)
        return sys.error();
    Result<KeyPair> signer = KeyPair::fromSeed(SecretBytes(opSigningSeed));
    if (!signer)
        return signer.error();
    Result<QByteArray> sysJwt = Jwt::encode(
        Claims::newAccount(QStringLiteral("vector-system"), sys->publicKeyString()), *signer);
    if (!sysJwt)
        return sysJwt.error();

    const QByteArray account = readData(QStringLiteral("nats-vectors/go-account.jwt")).trimmed();
    const Result<Jwt> decoded = Jwt::decode(account);
    if (!decoded)
        return decoded.error();
    QMap<QString, QByteArray> preload;
    preload.insert(sys->publicKeyString(), *sysJwt);
    preload.insert(decoded->standard().subject, account);

    return QString(QStringLiteral("debug: true\noperator: \"%1\"\nresolver: MEMORY\n")
                       .arg(dataPath(QStringLiteral("nats-vectors/go-operator.jwt")))
                   + preloadBlock(preload));
}

} // namespace Pot::Test
