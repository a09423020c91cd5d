#include "core/nats/jwt.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <memory>

using namespace Pot;
using namespace Pot::Nats;

namespace {

constexpr qint64 s_now = 1800000000; // 2027-01-15, inside every vector's validity

QJsonArray vectorJwts(const QString &file)
{
    return QJsonDocument::fromJson(Test::readData(u"nats-vectors/"_qs + file)).object().value(u"jwts").toArray();
}

KeyPair keyFromSeed(const QString &seed)
{
    return KeyPair::fromSeed(SecretBytes(seed.toLatin1())).value();
}

QByteArray flipChar(QByteArray token, qsizetype pos)
{
    // Replace by the next base64url character, as in §9.4.
    static const QByteArray alphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    const qsizetype i = alphabet.indexOf(token.at(pos));
    token[pos] = alphabet.at((i + 1) % alphabet.size());
    return token;
}

struct PkeyFree { void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); } };
struct MdCtxFree { void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); } };
struct BioFree { void operator()(BIO *b) const { BIO_free(b); } };

} // namespace

class TstJwt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void vectors_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QJsonObject>("vector");
        for (const QString &f : {u"go"_qs, u"js"_qs}) {
            for (const QJsonValue &v : vectorJwts(f + u"-vectors.json")) {
                const QJsonObject o = v.toObject();
                const QString name = f + u'-' + o.value(u"name").toString();
                QTest::newRow(qPrintable(name)) << name << o;
            }
        }
    }

    void vectors()
    {
        QFETCH(QString, file);
        QFETCH(QJsonObject, vector);
        const QByteArray token = vector.value(u"jwt").toString().toLatin1();
        // The .jwt files hold the same tokens (with a trailing newline).
        QCOMPARE(Test::readData(u"nats-vectors/"_qs + file + u".jwt").trimmed(), token);

        const auto jwt = Jwt::decode(Test::readData(u"nats-vectors/"_qs + file + u".jwt"));
        QVERIFY_RESULT(jwt);
        QVERIFY(jwt->isNats());
        QCOMPARE(jwt->natsVersion(), 2);
        QCOMPARE(jwt->algorithm(), u"ed25519-nkey"_qs);
        QCOMPARE(claimKindName(jwt->kind()), vector.value(u"name").toString());
        QCOMPARE(jwt->payloadJson(), vector.value(u"payload_json").toString().toUtf8());
        QCOMPARE(QJsonDocument(jwt->header()).toJson(QJsonDocument::Compact),
                 QJsonDocument::fromJson(vector.value(u"header_json").toString().toUtf8()).toJson(QJsonDocument::Compact));
        QCOMPARE(jwt->payload(), QJsonDocument::fromJson(vector.value(u"payload_json").toString().toUtf8()).object());
        QCOMPARE(jwt->standard().issuer, vector.value(u"signer_public_key").toString());
        QVERIFY_RESULT(jwt->verifySignature());
        QVERIFY_RESULT(jwt->checkKinds());
        QVERIFY2(jwt->problems(s_now).isEmpty(), qPrintable(jwt->problems(s_now).join(u'\n')));

        // Re-signing header.payload with the signer seed reproduces the third segment.
        const KeyPair signer = keyFromSeed(vector.value(u"signer_seed").toString());
        QCOMPARE(signer.publicKeyString(), vector.value(u"signer_public_key").toString());
        const QList<QByteArray> parts = token.split('.');
        QCOMPARE(base64UrlEncode(signer.sign(QByteArray(parts[0] + '.' + parts[1]))), parts[2]);

        // jti recomputed in the generator's style.
        const QByteArray jti = vector.value(u"jti_recomputed").toString().toLatin1();
        QCOMPARE(jwt->standard().id.toLatin1(), jti);
        if (file.startsWith(u"go")) {
            QCOMPARE(jwt->detectJtiStyle(), JtiStyle::Go);
            QCOMPARE(Jwt::goJti(jwt->standard()), jti);
            // Round trip: the decoded claims, encoded Go-style with the same issuer and iat,
            // give the very same token.
            EncodeOptions opts;
            opts.issuedAt = jwt->standard().issuedAt;
            const auto again = Jwt::encode(jwt->claims(), signer, opts);
            QVERIFY_RESULT(again);
            QCOMPARE(*again, token);
        } else {
            QCOMPARE(jwt->detectJtiStyle(), JtiStyle::JwtJs);
            QCOMPARE(Jwt::jwtJsJti(vector.value(u"jti_preimage_json").toString().toUtf8()), jti);
            // jwt.js style encoding stamps a jti that is the SHA-512 of the payload before it.
            EncodeOptions opts;
            opts.style = JtiStyle::JwtJs;
            opts.issuedAt = 1700000000;
            const auto encoded = Jwt::encode(jwt->claims(), signer, opts);
            QVERIFY_RESULT(encoded);
            const auto re = Jwt::decode(*encoded);
            QVERIFY_RESULT(re);
            QCOMPARE(re->detectJtiStyle(), JtiStyle::JwtJs);
            QVERIFY_RESULT(re->verifySignature());
            QCOMPARE(re->standard().audience, u"NATS"_qs);
            QCOMPARE(re->payload().value(u"nats"), jwt->payload().value(u"nats"));
        }
    }

    void decodedClaims()
    {
        // Every field of the G chain as Go decoded it.
        const auto op = Jwt::decode(Test::readData(u"nats-vectors/go-operator.jwt"_qs));
        QVERIFY_RESULT(op);
        QCOMPARE(op->claims().op.signingKeys, QStringList{u"OAU2ZOXBIG6MV4FSFYNJJU2NBPDTMHSSNUF74EWIS6KLZEZCSZW5O6OV"_qs});
        QCOMPARE(op->claims().op.systemAccount, u"AASUHOJP6EEVKEKHNLOIG2O3NXOJGNTFUEMXRXNBIBHOCBTMVFKZ2FFY"_qs);
        QCOMPARE(op->claims().op.accountServerUrl, u"http://127.0.0.1:9090/jwt/v1"_qs);
        QCOMPARE(op->standard().issuedAt, 1795390288);

        const auto acc = Jwt::decode(Test::readData(u"nats-vectors/go-account.jwt"_qs));
        QVERIFY_RESULT(acc);
        const AccountClaims &a = acc->claims().account;
        QCOMPARE(acc->standard().expires, 4102444800);
        QVERIFY(a.limitsPresent);
        QCOMPARE(a.limits.nats.subs.value(), 100);
        QCOMPARE(a.limits.nats.data.value(), -1);
        QCOMPARE(a.limits.nats.payload.value(), 1048576);
        QCOMPARE(a.limits.conn.value(), 10);
        QCOMPARE(a.limits.leaf.value(), 2);
        QVERIFY(a.limits.wildcards);
        QCOMPARE(a.limits.jetStream.diskStorage, 1073741824);
        QCOMPARE(a.limits.jetStream.maxAckPending, 1000);
        QVERIFY(a.limits.jetStream.maxBytesRequired);
        QCOMPARE(a.exports.size(), 2);
        QCOMPARE(a.exports[0].subject, u"foo.>"_qs); // \u003e decoded
        QCOMPARE(a.exports[1].responseType, u"Singleton"_qs);
        QCOMPARE(a.imports.size(), 1);
        QCOMPARE(a.imports[0].localSubject, u"imported.bar.>"_qs);
        QCOMPARE(a.imports[0].account, u"AASUHOJP6EEVKEKHNLOIG2O3NXOJGNTFUEMXRXNBIBHOCBTMVFKZ2FFY"_qs);
        QCOMPARE(a.signingKeys.size(), 1);
        QVERIFY(!a.signingKeys[0].scoped);
        QCOMPARE(a.revocations.value(u"UDWVJJM7WGWDUUJDSNITMKKBXBUOQWTA4PL3ESC5QKECDXD2NHBHSG63"_qs), 1700000000);
        QCOMPARE(a.defaultPermissions.pub.allow, QStringList{u"foo.>"_qs});

        const auto user = Jwt::decode(Test::readData(u"nats-vectors/go-user.jwt"_qs));
        QVERIFY_RESULT(user);
        const UserPermissionLimits &u = user->claims().user.permissions;
        QCOMPARE(u.pub.deny, QStringList{u"foo.secret.>"_qs});
        QCOMPARE(u.sub.allow, (QStringList{u"foo.>"_qs, u"_INBOX.>"_qs}));
        QCOMPARE(u.resp->maxMsgs, 1);
        QCOMPARE(u.resp->ttlNanos, 5000000000);
        QCOMPARE(u.src, (QStringList{u"127.0.0.0/8"_qs, u"::1/128"_qs}));
        QCOMPARE(u.times.size(), 1);
        QCOMPARE(u.times[0].end, u"23:59:59"_qs);
        QCOMPARE(u.timesLocation, u"UTC"_qs);
        QCOMPARE(u.limits.subs.value(), 100);
        QCOMPARE(u.allowedConnectionTypes, (QStringList{u"STANDARD"_qs, u"WEBSOCKET"_qs}));
        QCOMPARE(user->claims().user.issuerAccount, u"AALUKU5UK3O57RUQR3FLDQIB7ZVLEHRLVIDBO6K3PVB2MNECTE75LV2E"_qs);
        QCOMPARE(user->claims().tags, QStringList{u"vector"_qs});
        QCOMPARE(user->standard().notBefore, 1700000000);
    }

    void scopedKeysTiersAndUnknownKeys()
    {
        const KeyPair op = KeyPair::generate(KeyKind::Operator).value();
        const KeyPair acc = KeyPair::generate(KeyKind::Account).value();
        const KeyPair scoped = KeyPair::generate(KeyKind::Account).value();
        Claims c = Claims::newAccount(u"tiers"_qs, acc.publicKeyString());
        SigningKey sk;
        sk.key = scoped.publicKeyString();
        sk.scoped = true;
        sk.role = u"ops"_qs;
        sk.description = u"scope for operators"_qs;
        sk.userTemplate.pub.allow = {u"ops.>"_qs};
        sk.userTemplate.limits = NatsLimits{10, -1, 4096};
        c.account.signingKeys.append(sk);
        JetStreamLimits r3;
        r3.diskStorage = 1 << 30;
        r3.streams = 3;
        c.account.limits.tieredLimits.insert(u"R3"_qs, r3);
        c.account.limits.disallowBearer = true;
        const QByteArray token = Jwt::encode(c, op).value();
        const auto jwt = Jwt::decode(token);
        QVERIFY_RESULT(jwt);
        QVERIFY_RESULT(jwt->verifySignature());
        const AccountClaims &a = jwt->claims().account;
        QCOMPARE(a.signingKeys.size(), 1);
        QVERIFY(a.signingKeys[0].scoped);
        QCOMPARE(a.signingKeys[0].kind, u"user_scope"_qs);
        QCOMPARE(a.signingKeys[0].role, u"ops"_qs);
        QCOMPARE(a.signingKeys[0].description, u"scope for operators"_qs);
        QCOMPARE(a.signingKeys[0].userTemplate.pub.allow, QStringList{u"ops.>"_qs});
        QCOMPARE(a.signingKeys[0].userTemplate.limits.payload.value(), 4096);
        QCOMPARE(a.limits.tieredLimits.value(u"R3"_qs).streams, 3);
        QVERIFY(a.limits.disallowBearer);
        QVERIFY(a.signingKey(scoped.publicKeyString()));

        // A key this version does not know is kept in the raw payload.
        const QByteArray payload = "{\"iss\":\"" + op.publicKeyString().toLatin1() + "\",\"sub\":\""
                                   + acc.publicKeyString().toLatin1()
                                   + "\",\"nats\":{\"type\":\"account\",\"version\":2,\"future_knob\":{\"x\":1}},\"x-extra\":\"kept\"}";
        const auto unknown = Jwt::decode(Jwt::signPayload(payload, op));
        QVERIFY_RESULT(unknown);
        QCOMPARE(unknown->payload().value(u"x-extra").toString(), u"kept"_qs);
        QCOMPARE(unknown->payload().value(u"nats").toObject().value(u"future_knob").toObject().value(u"x").toInt(), 1);
        QVERIFY(!isKnownNatsKey(ClaimKind::Account, u"future_knob"_qs));
        QVERIFY(isKnownNatsKey(ClaimKind::Account, u"limits"_qs));
        QVERIFY(!unknown->claims().account.limitsPresent);
    }

    void legacyV1()
    {
        const KeyPair acc = KeyPair::generate(KeyKind::Account).value();
        const KeyPair user = KeyPair::generate(KeyKind::User).value();
        const QByteArray header = base64UrlEncode("{\"typ\":\"jwt\",\"alg\":\"ed25519\"}");
        const QByteArray payload = base64UrlEncode(QByteArray(
            "{\"jti\":\"X\",\"iat\":1500000000,\"iss\":\"" + acc.publicKeyString().toLatin1() + "\",\"sub\":\""
            + user.publicKeyString().toLatin1() + "\",\"type\":\"user\",\"nats\":{\"pub\":{\"allow\":[\"a\"]}}}"));
        // v1 signed only the payload segment.
        const QByteArray token = header + '.' + payload + '.' + base64UrlEncode(acc.sign(payload));
        const auto jwt = Jwt::decode(token);
        QVERIFY_RESULT(jwt);
        QCOMPARE(jwt->natsVersion(), 1);
        QCOMPARE(jwt->kind(), ClaimKind::User);
        QCOMPARE(jwt->claims().user.permissions.pub.allow, QStringList{u"a"_qs});
        QVERIFY_RESULT(jwt->verifySignature());
        const QByteArray wrong = header + '.' + payload + '.' + base64UrlEncode(acc.sign(QByteArray(header + '.' + payload)));
        const auto w = Jwt::decode(wrong);
        QVERIFY_RESULT(w);
        QVERIFY(w->verifySignature().error().message.contains(u"V1 signature"));
    }

    void negativeSignature_data()
    {
        QTest::addColumn<QByteArray>("token");
        for (const QString &f : {u"go-user"_qs, u"js-user"_qs}) {
            const QByteArray t = Test::readData(u"nats-vectors/"_qs + f + u".jwt").trimmed();
            const qsizetype sigStart = t.lastIndexOf('.') + 1;
            QTest::newRow(qPrintable(f + u" signature")) << flipChar(t, sigStart + 40);
            // First payload position from 100 on whose change still leaves valid JSON.
            qsizetype pos = t.indexOf('.') + 100;
            while (!Jwt::decode(flipChar(t, pos)).ok())
                ++pos;
            QTest::newRow(qPrintable(f + u" payload")) << flipChar(t, pos);
        }
    }

    void negativeSignature()
    {
        QFETCH(QByteArray, token);
        const auto jwt = Jwt::decode(token);
        QVERIFY_RESULT(jwt);
        const Status s = jwt->verifySignature();
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ErrorCode::Crypto);
        QVERIFY(s.error().message.contains(u"claim failed V2 signature verification"));
        QVERIFY(!jwt->problems(s_now).isEmpty());
    }

    void times()
    {
        const auto user = Jwt::decode(Test::readData(u"nats-vectors/go-user.jwt"_qs)).value();
        QCOMPARE(user.timeState(1700000000), TimeState::Valid);       // nbf itself is fine
        QCOMPARE(user.timeState(1699999999), TimeState::NotYetValid);
        QCOMPARE(user.timeState(4102444800), TimeState::Valid);       // valid through exp
        QCOMPARE(user.timeState(4102444801), TimeState::Expired);
        QVERIFY(user.problems(4102444801).join(u' ').contains(u"expired"));
        QVERIFY(user.problems(1600000000).join(u' ').contains(u"not yet valid"));
    }

    void kinds()
    {
        const KeyPair op = KeyPair::generate(KeyKind::Operator).value();
        const KeyPair acc = KeyPair::generate(KeyKind::Account).value();
        const KeyPair usr = KeyPair::generate(KeyKind::User).value();
        // A user JWT issued by an operator key: encode refuses, a hand-made one fails checkKinds.
        const Claims uc = Claims::newUser(u"u"_qs, usr.publicKeyString());
        const auto refused = Jwt::encode(uc, op);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.contains(u"account"));
        const QByteArray payload = "{\"iss\":\"" + op.publicKeyString().toLatin1() + "\",\"sub\":\""
                                   + usr.publicKeyString().toLatin1() + "\",\"nats\":{\"type\":\"user\",\"version\":2}}";
        const auto jwt = Jwt::decode(Jwt::signPayload(payload, op));
        QVERIFY_RESULT(jwt);
        QVERIFY_RESULT(jwt->verifySignature());
        QVERIFY(!jwt->checkKinds().ok());
        QVERIFY(jwt->checkKinds().error().message.contains(u"must be issued by a account"));
        // Account JWT whose subject is a user key.
        const auto badSub = Jwt::encode(Claims::newAccount(u"a"_qs, usr.publicKeyString()), op);
        QVERIFY(!badSub.ok());
        // User JWT with a valid issuer kind passes.
        const auto good = Jwt::decode(Jwt::encode(uc, acc).value());
        QVERIFY_RESULT(good);
        QVERIFY_RESULT(good->checkKinds());
        QCOMPARE(good->claims().user.permissions.limits.subs.value(), -1);
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("messagePart");
        const QByteArray good = Test::readData(u"nats-vectors/go-user.jwt"_qs).trimmed();
        const QList<QByteArray> p = good.split('.');
        QTest::newRow("empty") << QByteArray() << u"empty"_qs;
        QTest::newRow("whitespace") << QByteArray(" \n\t") << u"empty"_qs;
        QTest::newRow("one segment") << p[0] << u"three parts"_qs;
        QTest::newRow("two segments") << p[0] + '.' + p[1] << u"three parts"_qs;
        QTest::newRow("four segments") << good + ".xx" << u"three parts"_qs;
        QTest::newRow("truncated payload") << p[0] + '.' + p[1].left(p[1].size() - 7) + '.' + p[2] << u"payload"_qs;
        QTest::newRow("non-base64 header") << "e$J0." + p[1] + '.' + p[2] << u"header is not valid base64url"_qs;
        QTest::newRow("padded payload") << p[0] + '.' + p[1] + "==." + p[2] << u"payload is not valid base64url"_qs;
        QTest::newRow("non-base64 signature") << p[0] + '.' + p[1] + ".ab+/" << u"signature"_qs;
        QTest::newRow("too big") << QByteArray(Jwt::MaxTokenSize + 1, 'a') << u"1 MB"_qs;
        QTest::newRow("NUL byte") << good.left(20) + '\0' + good.mid(20) << u"binary"_qs;
        QTest::newRow("binary") << QByteArray("\x01\x02\x03\xff\xfe", 5) << u"binary"_qs;
        QTest::newRow("seed") << QByteArray("SUAKBINCUOSKLJVHVCU2VK5MVWXK7MFRWKZ3JNNWW64LTOV3XS635P565Y") << u"seed"_qs;
        QTest::newRow("creds file") << Test::readData(u"nats-vectors/go-user.creds"_qs) << u"decorated"_qs;
        QTest::newRow("header not object") << base64UrlEncode("[1]") + '.' + p[1] + '.' + p[2] << u"header is not a JSON object"_qs;
        QTest::newRow("header no alg") << base64UrlEncode("{\"typ\":\"JWT\"}") + '.' + p[1] + '.' + p[2] << u"alg"_qs;
        QTest::newRow("wrong typ") << base64UrlEncode("{\"typ\":\"JWS\",\"alg\":\"ed25519-nkey\"}") + '.' + p[1] + '.' + p[2] << u"JWS"_qs;
        QTest::newRow("payload array") << p[0] + '.' + base64UrlEncode("[]") + '.' + p[2] << u"not a JSON object"_qs;
        QTest::newRow("payload string") << p[0] + '.' + base64UrlEncode("\"x\"") + '.' + p[2] << u"not valid JSON"_qs;
        QTest::newRow("payload not json") << p[0] + '.' + base64UrlEncode("{nope") + '.' + p[2] << u"not valid JSON"_qs;
        QTest::newRow("exp too large") << p[0] + '.' + base64UrlEncode("{\"exp\":1e30}") + '.' + p[2] << u"exp must be an integer"_qs;
        QTest::newRow("exp 2^63") << p[0] + '.' + base64UrlEncode("{\"exp\":9223372036854775808}") + '.' + p[2] << u"exp must be an integer"_qs;
        QTest::newRow("iat fraction") << p[0] + '.' + base64UrlEncode("{\"iat\":1.5}") + '.' + p[2] << u"iat must be an integer"_qs;
        QTest::newRow("exp string") << p[0] + '.' + base64UrlEncode("{\"exp\":\"soon\"}") + '.' + p[2] << u"exp must be an integer"_qs;
        QTest::newRow("subs string") << p[0] + '.' + base64UrlEncode("{\"nats\":{\"type\":\"user\",\"subs\":\"many\"}}") + '.' + p[2] << u"nats.subs"_qs;
        QTest::newRow("limits array") << p[0] + '.' + base64UrlEncode("{\"nats\":{\"type\":\"account\",\"limits\":[]}}") + '.' + p[2] << u"nats.limits"_qs;
        QTest::newRow("allow not list") << p[0] + '.' + base64UrlEncode("{\"nats\":{\"type\":\"user\",\"pub\":{\"allow\":\"x\"}}}") + '.' + p[2] << u"nats.pub.allow"_qs;
        QTest::newRow("nats not object") << p[0] + '.' + base64UrlEncode("{\"nats\":5}") + '.' + p[2] << u"nats must be an object"_qs;
        QTest::newRow("newer version") << p[0] + '.' + base64UrlEncode("{\"nats\":{\"type\":\"user\",\"version\":3}}") + '.' + p[2] << u"newer version"_qs;
    }

    void badInput()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, messagePart);
        const auto r = Jwt::decode(input);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidInput);
        QVERIFY2(r.error().message.contains(messagePart), qPrintable(r.error().message));
    }

    void int64Exact()
    {
        const KeyPair acc = KeyPair::generate(KeyKind::Account).value();
        const QByteArray payload = "{\"nats\":{\"type\":\"user\",\"version\":2,\"data\":9223372036854775807,\"subs\":-1}}";
        const auto jwt = Jwt::decode(Jwt::signPayload(payload, acc));
        QVERIFY_RESULT(jwt);
        QCOMPARE(jwt->claims().user.permissions.limits.data.value(), std::numeric_limits<qint64>::max());
        QCOMPARE(jwt->claims().user.permissions.limits.subs.value(), -1);
        QVERIFY(!jwt->claims().user.permissions.limits.payload.has_value());
    }

    void nullIsAbsent()
    {
        const KeyPair op = KeyPair::generate(KeyKind::Operator).value();
        const QByteArray payload = "{\"exp\":null,\"nats\":{\"type\":\"account\",\"version\":2,\"limits\":{\"disallow_bearer\":null,\"max_ack_pending\":null,\"conn\":null}}}";
        const auto jwt = Jwt::decode(Jwt::signPayload(payload, op));
        QVERIFY_RESULT(jwt);
        QCOMPARE(jwt->standard().expires, 0);
        QVERIFY(!jwt->claims().account.limits.disallowBearer);
        QVERIFY(!jwt->claims().account.limits.conn.has_value());
    }

    void goEscaping()
    {
        const KeyPair acc = KeyPair::generate(KeyKind::Account).value();
        const KeyPair usr = KeyPair::generate(KeyKind::User).value();
        Claims c = Claims::newUser(u"a<b>&c \u2028"_qs, usr.publicKeyString());
        c.user.permissions.pub.allow = {u"foo.>"_qs};
        EncodeOptions go;
        go.issuedAt = 1;
        const QByteArray goPayload = Jwt::encodePayload(c, acc.publicKeyString(), go).value();
        QVERIFY(goPayload.contains("\"name\":\"a\\u003cb\\u003e\\u0026c \\u2028\""));
        QVERIFY(goPayload.contains("\"pub\":{\"allow\":[\"foo.\\u003e\"]},\"sub\":{}"));
        EncodeOptions js;
        js.style = JtiStyle::JwtJs;
        js.issuedAt = 1;
        const QByteArray jsPayload = Jwt::encodePayload(c, acc.publicKeyString(), js).value();
        QVERIFY(jsPayload.contains("\"pub\":{\"allow\":[\"foo.>\"]}"));
        QVERIFY(!jsPayload.contains("\"sub\":{}"));
        const auto decoded = Jwt::decode(Jwt::encode(c, acc, go).value());
        QVERIFY_RESULT(decoded);
        QCOMPARE(decoded->standard().name, u"a<b>&c \u2028"_qs);
    }

    void genericKeycloakToken()
    {
        const QJsonObject login = QJsonDocument::fromJson(Test::fixture(u"POST_user_login.json"_qs)).object();
        const QByteArray token = login.value(u"accessToken").toString().toLatin1();
        const auto jwt = Jwt::decode(token);
        QVERIFY_RESULT(jwt);
        QVERIFY(!jwt->isNats());
        QCOMPARE(jwt->kind(), ClaimKind::Generic);
        QCOMPARE(jwt->algorithm(), u"RS256"_qs);
        QVERIFY(jwt->standard().expires > 0);
        QVERIFY(jwt->payload().contains(u"realm_access"));
        QCOMPARE(jwt->verifySignature().error().code, ErrorCode::Unsupported);
        QCOMPARE(jwt->verifyWithPem("not a pem").error().code, ErrorCode::InvalidInput);
    }

    void rs256WithPem()
    {
        std::unique_ptr<EVP_PKEY, PkeyFree> key(EVP_RSA_gen(2048));
        QVERIFY(key);
        std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
        QVERIFY(PEM_write_bio_PUBKEY(bio.get(), key.get()) == 1);
        char *mem = nullptr;
        const long len = BIO_get_mem_data(bio.get(), &mem);
        const QByteArray pem(mem, len);

        const QByteArray input = base64UrlEncode("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}") + '.'
                                 + base64UrlEncode("{\"sub\":\"someone\",\"exp\":4102444800,\"aud\":[\"a\",\"b\"]}");
        std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
        QVERIFY(EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1);
        size_t sigLen = 0;
        QVERIFY(EVP_DigestSign(ctx.get(), nullptr, &sigLen, reinterpret_cast<const unsigned char *>(input.constData()), size_t(input.size())) == 1);
        QByteArray sig(qsizetype(sigLen), Qt::Uninitialized);
        QVERIFY(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(sig.data()), &sigLen, reinterpret_cast<const unsigned char *>(input.constData()), size_t(input.size())) == 1);
        const QByteArray token = input + '.' + base64UrlEncode(sig);

        const auto jwt = Jwt::decode(token);
        QVERIFY_RESULT(jwt);
        QCOMPARE(jwt->standard().audience, u"a, b"_qs);
        QVERIFY_RESULT(jwt->verifyWithPem(pem));
        const auto tampered = Jwt::decode(flipChar(token, token.indexOf('.') + 5));
        QVERIFY_RESULT(tampered);
        const Status s = tampered->verifyWithPem(pem);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ErrorCode::Crypto);
        QVERIFY(!s.error().detail.isEmpty()); // OpenSSL's reason
        // An EdDSA PEM for an RS256 token is refused in words.
        std::unique_ptr<EVP_PKEY, PkeyFree> ed(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
        std::unique_ptr<BIO, BioFree> bio2(BIO_new(BIO_s_mem()));
        PEM_write_bio_PUBKEY(bio2.get(), ed.get());
        const long len2 = BIO_get_mem_data(bio2.get(), &mem);
        QVERIFY(jwt->verifyWithPem(QByteArray(mem, len2)).error().message.contains(u"RSA"));
    }

    void eddsaAgentToken()
    {
        std::unique_ptr<EVP_PKEY, PkeyFree> ed(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
        QVERIFY(ed);
        std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
        PEM_write_bio_PUBKEY(bio.get(), ed.get());
        char *mem = nullptr;
        const long len = BIO_get_mem_data(bio.get(), &mem);
        const QByteArray pem(mem, len);
        const QByteArray input = base64UrlEncode("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}") + '.'
                                 + base64UrlEncode("{\"sub\":\"agent-1\",\"iat\":1700000000}");
        std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
        QVERIFY(EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, ed.get()) == 1);
        unsigned char sig[64];
        size_t sigLen = sizeof sig;
        QVERIFY(EVP_DigestSign(ctx.get(), sig, &sigLen, reinterpret_cast<const unsigned char *>(input.constData()), size_t(input.size())) == 1);
        const QByteArray token = input + '.' + base64UrlEncode(QByteArray(reinterpret_cast<const char *>(sig), 64));
        const auto jwt = Jwt::decode(token);
        QVERIFY_RESULT(jwt);
        QCOMPARE(jwt->kind(), ClaimKind::Generic);
        QVERIFY_RESULT(jwt->verifyWithPem(pem));
        const auto bad = Jwt::decode(flipChar(token, token.size() - 10));
        QVERIFY_RESULT(bad);
        QVERIFY(!bad->verifyWithPem(pem).ok());
    }
};

QTEST_GUILESS_MAIN(TstJwt)
#include "tst_jwt.moc"
