#include "core/nats/claims.h"
#include "core/nats/jwt.h"
#include "core/nats/validation.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QTest>

using namespace Pot;
using namespace Pot::Nats;

/// The value rules of nats-io/jwt v2.3.0 (Go's net.ParseCIDR, time.Parse("15:04:05"),
/// time.LoadLocation) and Go's integer decoding, one value at a time. tst_serververdicts checks the
/// same rules against a real nats-server.
class TstValidation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void cidr_data()
    {
        QTest::addColumn<QString>("cidr");
        QTest::addColumn<bool>("valid");
        QTest::newRow("v4") << u"10.0.0.0/8"_qs << true;
        QTest::newRow("v4 /32") << u"192.168.1.7/32"_qs << true;
        QTest::newRow("v4 /0") << u"0.0.0.0/0"_qs << true;
        QTest::newRow("v6") << u"2001:db8::/32"_qs << true;
        QTest::newRow("v4-mapped v6") << u"::ffff:10.0.0.1/128"_qs << true;
        QTest::newRow("no prefix") << u"10.0.0.1"_qs << false;
        QTest::newRow("prefix 33") << u"10.0.0.0/33"_qs << false;
        QTest::newRow("v6 prefix 129") << u"::1/129"_qs << false;
        QTest::newRow("leading zero") << u"10.0.0.01/8"_qs << false;
        QTest::newRow("three octets") << u"10.0.0/8"_qs << false;
        QTest::newRow("octet 256") << u"10.0.0.256/8"_qs << false;
        QTest::newRow("zone") << u"fe80::1%eth0/64"_qs << false;
        QTest::newRow("signed prefix") << u"10.0.0.0/+8"_qs << false;
        QTest::newRow("trailing space") << u"10.0.0.0/8 "_qs << false;
        QTest::newRow("netmask") << u"10.0.0.0/255.0.0.0"_qs << false;
    }

    void cidr()
    {
        QFETCH(QString, cidr);
        QFETCH(bool, valid);
        QCOMPARE(isValidCidr(cidr), valid);
    }

    void clock_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("midnight") << u"00:00:00"_qs << true;
        QTest::newRow("one-digit hour") << u"9:30:00"_qs << true;
        QTest::newRow("fraction") << u"23:59:59.999"_qs << true;
        QTest::newRow("hour 24") << u"24:00:00"_qs << false;
        QTest::newRow("minute 60") << u"10:60:00"_qs << false;
        QTest::newRow("one-digit minute") << u"10:5:00"_qs << false;
        QTest::newRow("no seconds") << u"10:05"_qs << false;
        QTest::newRow("three-digit hour") << u"010:00:00"_qs << false;
        QTest::newRow("trailing text") << u"10:00:00Z"_qs << false;
    }

    void clock()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QCOMPARE(isValidClockTime(text), valid);
    }

    void zones()
    {
        QVERIFY(isKnownTimeZone(QString()));
        QVERIFY(isKnownTimeZone(u"UTC"_qs));
        QVERIFY(isKnownTimeZone(u"Local"_qs));
        QVERIFY(isKnownTimeZone(u"Europe/Berlin"_qs));
        QVERIFY(!isKnownTimeZone(u"Mars/Olympus_Mons"_qs));
        QVERIFY(!isKnownTimeZone(u"UTC+01:00"_qs));
        QVERIFY(!isKnownTimeZone(u"../etc/passwd"_qs));
        QVERIFY(!isKnownTimeZone(u"/usr/share/zoneinfo/UTC"_qs));
        QVERIFY(isKnownTimeZone(u"Etc/GMT+5"_qs));
#ifdef Q_OS_LINUX
        QVERIFY(!isKnownTimeZone(u"GMT+5"_qs)); // no zoneinfo file: Go refuses it, whatever ICU says
        QVERIFY(!isKnownTimeZone(u"Europe"_qs)); // a folder, not a zone
#endif
    }

    void integerLiterals_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("problem"); // empty: Go decodes it
        QTest::newRow("plain") << QByteArray(R"({"exp":4102444800})") << QString();
        QTest::newRow("minus zero") << QByteArray(R"({"exp":-0})") << QString();
        QTest::newRow("exponent") << QByteArray(R"({"exp":1e10})") << u"exp is written as 1e10"_qs;
        QTest::newRow("upper exponent") << QByteArray(R"({"iat":1E9})") << u"iat is written as 1E9"_qs;
        QTest::newRow("fraction") << QByteArray(R"({"exp":4102444800.0})") << u"exp is written as 4102444800.0"_qs;
        QTest::newRow("negative zero fraction") << QByteArray(R"({"nbf":-0.0})") << u"nbf is written as -0.0"_qs;
        QTest::newRow("later duplicate wins")
            << QByteArray(R"({"exp":1e10,"exp":10000000000})") << QString();
        QTest::newRow("nested limit")
            << QByteArray(R"({"nats":{"type":"account","version":2,"limits":{"subs":1000.0}}})")
            << u"nats.limits.subs is written as 1000.0"_qs;
        QTest::newRow("in an array")
            << QByteArray(R"({"nats":{"type":"account","version":2,"exports":[{"subject":"a","type":"service"},{"subject":"b","type":"service","response_threshold":5e9}]}})")
            << u"nats.exports[1].response_threshold is written as 5e9"_qs;
        QTest::newRow("string with a number inside")
            << QByteArray(R"({"name":"1e10","nats":{"type":"user","version":2}})") << QString();
        QTest::newRow("version missing") << QByteArray(R"({"nats":{"type":"user"}})") << u"nats.version is missing"_qs;
        QTest::newRow("version -1") << QByteArray(R"({"nats":{"type":"user","version":-1}})") << u"nats.version is -1"_qs;
        QTest::newRow("v1 claims") << QByteArray(R"({"type":"user","nats":{}})") << QString();
        QTest::newRow("mapping weight 300")
            << QByteArray(R"({"nats":{"type":"account","version":2,"mappings":{"a.>":[{"subject":"b.>","weight":300}]}}})")
            << u"nats.mappings.a.>[0].weight is 300"_qs;
        QTest::newRow("mapping weight 50.0")
            << QByteArray(R"({"nats":{"type":"account","version":2,"mappings":{"a.b":[{"subject":"c","weight":50.0}]}}})")
            << u"nats.mappings.a.b[0].weight is written as 50.0"_qs;
        QTest::newRow("upper-case key") << QByteArray(R"({"EXP":1e10})") << u"exp is written as 1e10"_qs;
        QTest::newRow("unsigned negative")
            << QByteArray(R"({"nats":{"type":"account","version":2,"exports":[{"subject":"a.*","type":"stream","account_token_position":-2}]}})")
            << u"unsigned integer"_qs;
    }

    void integerLiterals()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, problem);
        QJsonParseError err{};
        const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
        QCOMPARE(err.error, QJsonParseError::NoError);
        const Result<Claims> c = Claims::fromPayload(doc.object(), json);
        QVERIFY_RESULT(c);
        if (problem.isEmpty())
            QVERIFY2(c->decodeProblems.isEmpty(), qPrintable(c->decodeProblems.join(u'\n')));
        else
            QVERIFY2(c->decodeProblems.join(u'\n').contains(problem), qPrintable(c->decodeProblems.join(u'\n')));
    }

    /// Go's decoder takes a key that folds to a field name (ASCII case, the Kelvin sign, the long
    /// s), the last one in document order.
    void goKeyMatching()
    {
        const QByteArray json = QStringLiteral(u"{\"ſub\":\"folded\",\"Name\":\"first\",\"NAME\":\"second\","
                                               u"\"NATS\":{\"type\":\"account\",\"version\":2,"
                                               u"\"limits\":{\"conn\":5,\"Conn\":7,\"\u212Aonn\":1}}}")
                                    .toUtf8();
        QJsonParseError err{};
        const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
        QCOMPARE(err.error, QJsonParseError::NoError);
        const Result<Claims> c = Claims::fromPayload(doc.object(), json);
        QVERIFY_RESULT(c);
        QCOMPARE(c->standard.subject, u"folded"_qs);
        QCOMPARE(c->standard.name, u"second"_qs);
        QCOMPARE(c->kind, ClaimKind::Account);
        QCOMPARE(c->account.limits.conn, std::optional<qint64>(7)); // "Konn" with a Kelvin sign is not "conn"
    }

    /// Mapping weights sum up in Go's uint8 (0 counts as 100); more than 100 is refused.
    void mappingWeights()
    {
        Claims c = Claims::newAccount(u"a"_qs, u"ABRSTQX6IZOR2DPQ2DV3QYTAQXL2QJ35OYRW7W5GCY3RP6237UIRJSGU"_qs);
        const auto to = [](const QString &subject, int weight) {
            return QJsonObject{{u"subject"_qs, subject}, {u"weight"_qs, weight}};
        };
        c.account.mappings = QJsonObject{{u"a"_qs, QJsonArray{to(u"b"_qs, 60), to(u"c"_qs, 40)}}};
        QVERIFY(validateClaims(c).isEmpty());
        c.account.mappings = QJsonObject{{u"a"_qs, QJsonArray{to(u"b"_qs, 60), to(u"c"_qs, 60)}}};
        QVERIFY(validateClaims(c).first().text.contains(u"exceeds 100%"));
        c.account.mappings = QJsonObject{{u"a"_qs, QJsonArray{to(u"b"_qs, 0), to(u"c"_qs, 0)}}};
        QVERIFY(validateClaims(c).first().text.contains(u"exceeds 100%"));
        // 200 + 100 wraps to 44 in a uint8: Go lets it pass, and so does the console.
        c.account.mappings = QJsonObject{{u"a"_qs, QJsonArray{to(u"b"_qs, 200), to(u"c"_qs, 0)}}};
        QVERIFY(validateClaims(c).isEmpty());
    }

    /// Limits read as Go reads them: null and absent are 0, -1 is unlimited.
    void accountLimits()
    {
        Claims c = Claims::newAccount(u"a"_qs, u"ABRSTQX6IZOR2DPQ2DV3QYTAQXL2QJ35OYRW7W5GCY3RP6237UIRJSGU"_qs);
        Import i;
        i.subject = u"foo.>"_qs;
        i.type = u"stream"_qs;
        i.account = c.standard.subject;
        c.account.imports = {i};
        QVERIFY(validateClaims(c).isEmpty());
        c.account.limits.imports = std::nullopt;
        QCOMPARE(validateClaims(c).size(), 1);
        QVERIFY(validateClaims(c).first().text.contains(u"limits.imports is null (read as 0)"));
        c.account.limits.imports = 1;
        QVERIFY(validateClaims(c).isEmpty());
        c.account.limits.imports = 0;
        QVERIFY(validateClaims(c).first().blocking);
    }
};

QTEST_GUILESS_MAIN(TstValidation)
#include "tst_validation.moc"
