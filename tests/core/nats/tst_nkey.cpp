#include "core/nats/base32.h"
#include "core/nats/crc16.h"
#include "core/nats/nkey.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace Pot;
using namespace Pot::Nats;

namespace {

SecretBytes secret(const QByteArray &text)
{
    return SecretBytes(text);
}

QByteArray seedText(const KeyPair &kp)
{
    const SecretBytes s = kp.seed();
    return QByteArray(reinterpret_cast<const char *>(s.constData()), qsizetype(s.size()));
}

KeyKind kindForRole(const QString &role)
{
    if (role.startsWith(u"operator"))
        return KeyKind::Operator;
    if (role.contains(u"account"))
        return KeyKind::Account;
    if (role.contains(u"user"))
        return KeyKind::User;
    if (role == u"server")
        return KeyKind::Server;
    return KeyKind::Cluster;
}

} // namespace

class TstNkey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void crcCheckValue()
    {
        QCOMPARE(crc16("123456789"), quint16(0x31C3));
        QCOMPARE(crc16(""), quint16(0));
    }

    void base32Rfc4648_data()
    {
        QTest::addColumn<QByteArray>("plain");
        QTest::addColumn<QByteArray>("encoded");
        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("f") << QByteArray("f") << QByteArray("MY");
        QTest::newRow("fo") << QByteArray("fo") << QByteArray("MZXQ");
        QTest::newRow("foo") << QByteArray("foo") << QByteArray("MZXW6");
        QTest::newRow("foob") << QByteArray("foob") << QByteArray("MZXW6YQ");
        QTest::newRow("fooba") << QByteArray("fooba") << QByteArray("MZXW6YTB");
        QTest::newRow("foobar") << QByteArray("foobar") << QByteArray("MZXW6YTBOI");
    }

    void base32Rfc4648()
    {
        QFETCH(QByteArray, plain);
        QFETCH(QByteArray, encoded);
        QCOMPARE(Base32::encode(plain), encoded);
        const auto back = Base32::decode(encoded);
        QVERIFY_RESULT(back);
        QCOMPARE(*back, plain);
    }

    void base32Rejects_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("lower case") << QByteArray("mzxw6ytboi");
        QTest::newRow("padding") << QByteArray("MZXW6===");
        QTest::newRow("digit 1") << QByteArray("MZXW1YTB");
        QTest::newRow("impossible length") << QByteArray("MZX");
        QTest::newRow("non-zero tail bits") << QByteArray("MZ");
        QTest::newRow("space") << QByteArray("MZXW 6YTB");
    }

    void base32Rejects()
    {
        QFETCH(QByteArray, text);
        QVERIFY(!Base32::decode(text).ok());
    }

    // §9.1: every key rebuilt from its raw seed bytes (raw[i] = start + i).
    void vectorsFromRawSeeds_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<QByteArray>("rawSeed");
        QTest::addColumn<QByteArray>("seed");
        QTest::addColumn<QByteArray>("publicKey");
        QTest::addColumn<QByteArray>("rawPublic");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("signature");
        const QJsonObject doc = QJsonDocument::fromJson(Test::readData(u"nats-vectors/go-vectors.json"_qs)).object();
        const QJsonArray keys = doc.value(u"keys").toArray();
        QCOMPARE(keys.size(), 9);
        for (const QJsonValue &v : keys) {
            const QJsonObject k = v.toObject();
            const QString role = k.value(u"role").toString();
            QTest::newRow(qPrintable(role))
                << role << QByteArray::fromHex(k.value(u"raw_seed_hex").toString().toLatin1())
                << k.value(u"seed").toString().toLatin1() << k.value(u"public_key").toString().toLatin1()
                << QByteArray::fromHex(k.value(u"raw_public_key_hex").toString().toLatin1())
                << k.value(u"message").toString().toLatin1()
                << k.value(u"signature_base64url").toString().toLatin1();
        }
    }

    void vectorsFromRawSeeds()
    {
        QFETCH(QString, role);
        QFETCH(QByteArray, rawSeed);
        QFETCH(QByteArray, seed);
        QFETCH(QByteArray, publicKey);
        QFETCH(QByteArray, rawPublic);
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, signature);

        // The raw seed follows the documented rule.
        QCOMPARE(rawSeed.size(), 32);
        for (int i = 1; i < 32; ++i)
            QCOMPARE(quint8(rawSeed.at(i)), quint8(quint8(rawSeed.at(0)) + i));

        const KeyKind kind = kindForRole(role);
        const SecretBytes encoded = encodeSeed(kind, secret(rawSeed));
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(encoded.constData()), qsizetype(encoded.size())), seed);

        const auto kp = KeyPair::fromRawSeed(kind, secret(rawSeed));
        QVERIFY_RESULT(kp);
        QCOMPARE(kp->publicKey().encoded(), publicKey);
        QCOMPARE(seedText(*kp), seed);
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(kp->publicKey().raw().data()), 32), rawPublic);

        // Decode both back.
        const auto fromSeed = KeyPair::fromSeed(secret(seed));
        QVERIFY_RESULT(fromSeed);
        QCOMPARE(fromSeed->kind(), kind);
        QCOMPARE(fromSeed->publicKey(), kp->publicKey());
        QVERIFY(fromSeed->rawSeed() == secret(rawSeed));
        const auto pub = PublicKey::fromString(QByteArrayView(publicKey), kind);
        QVERIFY_RESULT(pub);
        QCOMPARE(pub->kind(), kind);
        QCOMPARE(pub->encoded(), publicKey);
        QCOMPARE(publicKey.at(0), prefixChar(kind));
        QCOMPARE(seed.at(1), prefixChar(kind));

        // Deterministic Ed25519.
        const QByteArray sig = kp->sign(message);
        QCOMPARE(base64UrlEncode(sig), signature);
        QVERIFY(pub->verify(message, sig));
        QVERIFY(!pub->verify(QByteArray("nats-vectoR"), sig));
        QCOMPARE(signNonce(*kp, message), signature);
        QVERIFY(verifyNonce(*pub, message, signature));
        // nats-server also accepts standard base64 for the nonce signature.
        QVERIFY(verifyNonce(*pub, message, sig.toBase64()));
    }

    void seedByteView()
    {
        // §9.1 byte view: 93 80 | 00..1f | 40 48.
        const auto raw = Base32::decode("SOAAAAICAMCAKBQHBAEQUCYMBUHA6EARCIJRIFIWC4MBSGQ3DQOR4H2AJA");
        QVERIFY_RESULT(raw);
        QCOMPARE(raw->size(), 36);
        QCOMPARE(quint8(raw->at(0)), quint8(0x93));
        QCOMPARE(quint8(raw->at(1)), quint8(0x80));
        QCOMPARE(quint8(raw->at(34)), quint8(0x40));
        QCOMPARE(quint8(raw->at(35)), quint8(0x48));
        const auto pub = Base32::decode("OAB2CB576PHBBPQ5ODORRZ2LYCMWPZGWGCN2KDK7DXOIMZASKUY3QZVT");
        QVERIFY_RESULT(pub);
        QCOMPARE(quint8(pub->at(0)), quint8(0x70));
        QCOMPARE(quint8(pub->at(33)), quint8(0x66));
        QCOMPARE(quint8(pub->at(34)), quint8(0xb3));
    }

    void generate_data()
    {
        QTest::addColumn<int>("kind");
        for (KeyKind k : {KeyKind::Operator, KeyKind::Account, KeyKind::User, KeyKind::Server,
                          KeyKind::Cluster, KeyKind::Curve})
            QTest::newRow(qPrintable(kindName(k))) << int(k);
    }

    void generate()
    {
        QFETCH(int, kind);
        const auto a = KeyPair::generate(KeyKind(kind));
        const auto b = KeyPair::generate(KeyKind(kind));
        QVERIFY_RESULT(a);
        QVERIFY_RESULT(b);
        QVERIFY(a->publicKey() != b->publicKey());
        QCOMPARE(a->publicKeyString().at(0), QChar::fromLatin1(prefixChar(KeyKind(kind))));
        QCOMPARE(a->publicKeyString().size(), PublicKeyLength);
        const SecretBytes seed = a->seed();
        QCOMPARE(int(seed.size()), SeedLength);
        const auto again = KeyPair::fromSeed(seed);
        QVERIFY_RESULT(again);
        QCOMPARE(again->publicKey(), a->publicKey());
        QVERIFY(looksLikeSeed(QByteArrayView(reinterpret_cast<const char *>(seed.constData()), qsizetype(seed.size()))));
    }

    void badKeys_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expectedKind"); // "" = any
        QTest::addColumn<QString>("messagePart");
        const QByteArray op("OAB2CB576PHBBPQ5ODORRZ2LYCMWPZGWGCN2KDK7DXOIMZASKUY3QZVT");
        QByteArray flipped = op;
        flipped[10] = flipped[10] == 'A' ? 'B' : 'A';
        QTest::newRow("empty") << QByteArray() << QString() << u"56 characters"_qs;
        QTest::newRow("truncated") << op.left(55) << QString() << u"56 characters"_qs;
        QTest::newRow("checksum") << flipped << QString() << u"checksum"_qs;
        QTest::newRow("lower case") << op.toLower() << QString() << u"base32"_qs;
        QTest::newRow("seed given") << QByteArray("SUAKBINCUOSKLJVHVCU2VK5MVWXK7MFRWKZ3JNNWW64LTOV3XS635P565Y")
                                    << QString() << u"seed"_qs;
        QTest::newRow("wrong kind") << op << u"user"_qs << u"Expected a user key"_qs;
    }

    void badKeys()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expectedKind);
        QFETCH(QString, messagePart);
        std::optional<KeyKind> expected;
        if (expectedKind == u"user")
            expected = KeyKind::User;
        const auto r = PublicKey::fromString(QByteArrayView(text), expected);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidInput);
        QVERIFY2(r.error().message.contains(messagePart), qPrintable(r.error().message));
    }

    void badSeeds_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("messagePart");
        const QByteArray seed("SUAKBINCUOSKLJVHVCU2VK5MVWXK7MFRWKZ3JNNWW64LTOV3XS635P565Y");
        QByteArray flipped = seed;
        flipped[20] = flipped[20] == 'A' ? 'B' : 'A';
        QTest::newRow("public key") << QByteArray("UBH5BGOM2R6XRE675HWCIQKOZMGZWVBAEMVK2MGZDRDFXYZ4XZS4JMII")
                                    << u"public key"_qs;
        QTest::newRow("checksum") << flipped << u"checksum"_qs;
        QTest::newRow("short") << seed.left(40) << u"58 characters"_qs;
        QTest::newRow("binary") << QByteArray(58, '\0') << u"base32"_qs;
    }

    void badSeeds()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, messagePart);
        const auto r = KeyPair::fromSeed(SecretBytes(text));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(messagePart), qPrintable(r.error().message));
    }

    void seedWhitespaceIgnored()
    {
        const auto r = KeyPair::fromSeed(
            SecretBytes(QByteArray("  SUAKBINCUOSKLJVHVCU2VK5MVWXK7MFRWKZ3JNNWW64LTOV3XS635P565Y\r\n")));
        QVERIFY_RESULT(r);
        QCOMPARE(r->publicKeyString(), u"UBH5BGOM2R6XRE675HWCIQKOZMGZWVBAEMVK2MGZDRDFXYZ4XZS4JMII"_qs);
    }

    void base64Url()
    {
        QVERIFY(!base64UrlDecode("ab=").has_value());
        QVERIFY(!base64UrlDecode("ab+/").has_value());
        QVERIFY(!base64UrlDecode("a").has_value());
        QCOMPARE(base64UrlDecode("_-8").value(), QByteArray("\xff\xef", 2));
        QCOMPARE(base64UrlEncode(QByteArray("\xff\xef", 2)), QByteArray("_-8"));
    }
};

QTEST_GUILESS_MAIN(TstNkey)
#include "tst_nkey.moc"
