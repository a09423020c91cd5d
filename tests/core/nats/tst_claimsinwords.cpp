#include "core/nats/claimsinwords.h"
#include "testutil.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Pot;
using namespace Pot::Nats;

namespace {

constexpr qint64 s_now = 1800000000;

const ClaimRow *find(const QList<ClaimRow> &rows, const QString &group, const QString &label)
{
    for (const ClaimRow &r : rows) {
        if (r.group == group && r.label == label)
            return &r;
    }
    return nullptr;
}

Jwt signedJwt(const QByteArray &payload, KeyKind issuerKind)
{
    return Jwt::decode(Jwt::signPayload(payload, KeyPair::generate(issuerKind).value())).value();
}

} // namespace

class TstClaimsInWords : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void formatLimit_data()
    {
        QTest::addColumn<qint64>("value");
        QTest::addColumn<bool>("present");
        QTest::addColumn<bool>("bytes");
        QTest::addColumn<QString>("text");
        QTest::newRow("unlimited") << qint64(-1) << true << false << u"Unlimited"_qs;
        QTest::newRow("absent") << qint64(0) << false << false << u"none (0)"_qs;
        QTest::newRow("zero") << qint64(0) << true << true << u"none (0)"_qs;
        QTest::newRow("count") << qint64(100) << true << false << u"100"_qs;
        QTest::newRow("bytes small") << qint64(512) << true << true << u"512 bytes"_qs;
        QTest::newRow("MiB") << qint64(1048576) << true << true << u"1 MiB (1048576 bytes)"_qs;
        QTest::newRow("GiB") << qint64(1073741824) << true << true << u"1 GiB (1073741824 bytes)"_qs;
        QTest::newRow("256 MiB") << qint64(268435456) << true << true << u"256 MiB (268435456 bytes)"_qs;
        QTest::newRow("1.5 KiB") << qint64(1536) << true << true << u"1.5 KiB (1536 bytes)"_qs;
    }

    void formatLimit()
    {
        QFETCH(qint64, value);
        QFETCH(bool, present);
        QFETCH(bool, bytes);
        QFETCH(QString, text);
        QCOMPARE(Nats::formatLimit(present ? std::optional<qint64>(value) : std::nullopt, bytes), text);
    }

    void durationsAndDates()
    {
        QCOMPARE(formatNanos(5000000000), u"5 s"_qs);
        QCOMPARE(formatNanos(5000), u"5 µs"_qs);
        QCOMPARE(formatNanos(250000000), u"250 ms"_qs);
        QCOMPARE(formatNanos(90000000000), u"90 s"_qs); // exact units win over fractions
        QCOMPARE(formatNanos(1500000), u"1.5 ms"_qs);
        QCOMPARE(formatNanos(7), u"7 ns"_qs);
        // Tests run with TZ=UTC, where the local form is the UTC form.
        QCOMPARE(formatUnixTime(4102444800), u"2100-01-01 00:00:00 UTC"_qs);
    }

    void goAccount()
    {
        const Jwt jwt = Jwt::decode(Test::readData(u"nats-vectors/go-account.jwt"_qs)).value();
        const QList<ClaimRow> rows = claimsInWords(jwt, s_now);
        QCOMPARE(find(rows, u"Details"_qs, u"Kind"_qs)->value, u"account"_qs);
        QCOMPARE(find(rows, u"Details"_qs, u"Account ID"_qs)->value, jwt.standard().subject);
        QVERIFY(find(rows, u"Details"_qs, u"ID (jti)"_qs)->hint.contains(u"Go/nsc"));
        QCOMPARE(find(rows, u"Validity"_qs, u"Expires"_qs)->value, u"2100-01-01 00:00:00 UTC"_qs);
        QCOMPARE(find(rows, u"Validity"_qs, u"Status"_qs)->value, u"valid now"_qs);
        QCOMPARE(find(rows, u"Limits"_qs, u"Max connections"_qs)->value, u"10"_qs);
        QCOMPARE(find(rows, u"Limits"_qs, u"Max data"_qs)->value, u"Unlimited"_qs);
        QCOMPARE(find(rows, u"Limits"_qs, u"Max msg payload"_qs)->value, u"1 MiB (1048576 bytes)"_qs);
        QCOMPARE(find(rows, u"JetStream"_qs, u"Disk storage"_qs)->value, u"1 GiB (1073741824 bytes)"_qs);
        QCOMPARE(find(rows, u"Default permissions"_qs, u"Pub allow"_qs)->value, u"foo.>"_qs);
        QCOMPARE(find(rows, u"Exports"_qs, u"echo"_qs)->value, u"service svc.echo"_qs);
        QCOMPARE(find(rows, u"Imports"_qs, u"bar-feed"_qs)->value,
                 u"stream bar.> from AASUHOJP6EEVKEKHNLOIG2O3NXOJGNTFUEMXRXNBIBHOCBTMVFKZ2FFY as imported.bar.>"_qs);
        QVERIFY(find(rows, u"Revocations"_qs, u"UDWVJJM7WGWDUUJDSNITMKKBXBUOQWTA4PL3ESC5QKECDXD2NHBHSG63"_qs)
                    ->value.contains(u"2023-11-14 22:13:20 UTC"));
        for (const ClaimRow &r : rows)
            QVERIFY2(r.warning.isEmpty(), qPrintable(r.label + u": " + r.warning));
        QVERIFY(!find(rows, u"Other fields"_qs, u"nats.limits"_qs));
    }

    void jsAccountStyleWithoutLimits()
    {
        // jwt.js encodeAccount without limits: nats-server refuses every client.
        const Jwt jwt = signedJwt("{\"sub\":\"AALUKU5UK3O57RUQR3FLDQIB7ZVLEHRLVIDBO6K3PVB2MNECTE75LV2E\","
                               "\"nats\":{\"type\":\"account\",\"version\":2}}",
                               KeyKind::Operator);
        const QList<ClaimRow> rows = claimsInWords(jwt, s_now);
        const ClaimRow *conn = find(rows, u"Limits"_qs, u"Max connections"_qs);
        QVERIFY(conn);
        QCOMPARE(conn->value, u"none (0)"_qs);
        QVERIFY(conn->warning.contains(u"maximum account active connections exceeded"));
        QVERIFY(find(rows, u"Limits"_qs, u"Limits"_qs)->warning.contains(u"No limits object"));
        QCOMPARE(find(rows, u"JetStream"_qs, u"JetStream"_qs)->value, u"Disabled"_qs);
        QCOMPARE(find(rows, u"Validity"_qs, u"Expires"_qs)->value, u"never"_qs);
    }

    void userWarnings_data()
    {
        QTest::addColumn<QByteArray>("nats");
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("warning"); // "" = no warning
        QTest::newRow("subs absent") << QByteArray("\"payload\":-1") << u"Max subscriptions"_qs << u"none (0)"_qs << u"maximum subscriptions exceeded"_qs;
        QTest::newRow("payload zero") << QByteArray("\"subs\":-1,\"payload\":0") << u"Max msg payload"_qs << u"none (0)"_qs << u"MAX_PAYLOAD_EXCEEDED"_qs;
        QTest::newRow("subs unlimited") << QByteArray("\"subs\":-1") << u"Max subscriptions"_qs << u"Unlimited"_qs << QString();
        QTest::newRow("ttl in ms") << QByteArray("\"resp\":{\"max\":1,\"ttl\":5000}") << u"Response permissions"_qs << u"max 1 responses, ttl 5 µs"_qs << u"looks like milliseconds"_qs;
        QTest::newRow("ttl in ns") << QByteArray("\"resp\":{\"max\":1,\"ttl\":5000000000}") << u"Response permissions"_qs << u"max 1 responses, ttl 5 s"_qs << QString();
        QTest::newRow("bearer") << QByteArray("\"bearer_token\":true") << u"Bearer token"_qs << u"yes"_qs << QString();
        QTest::newRow("src") << QByteArray("\"src\":\"10.0.0.0/8, 192.168.0.0/16\"") << u"Network sources"_qs << u"10.0.0.0/8, 192.168.0.0/16"_qs << QString();
    }

    void userWarnings()
    {
        QFETCH(QByteArray, nats);
        QFETCH(QString, label);
        QFETCH(QString, value);
        QFETCH(QString, warning);
        const Jwt jwt = signedJwt("{\"sub\":\"UBH5BGOM2R6XRE675HWCIQKOZMGZWVBAEMVK2MGZDRDFXYZ4XZS4JMII\",\"nats\":{"
                                   + nats + ",\"type\":\"user\",\"version\":2}}",
                               KeyKind::Account);
        const QList<ClaimRow> rows = claimsInWords(jwt, s_now);
        const ClaimRow *row = nullptr;
        for (const ClaimRow &r : rows) {
            if (r.label == label)
                row = &r;
        }
        QVERIFY2(row, qPrintable(label));
        QCOMPARE(row->value, value);
        if (warning.isEmpty())
            QVERIFY2(row->warning.isEmpty(), qPrintable(row->warning));
        else
            QVERIFY2(row->warning.contains(warning), qPrintable(row->warning));
    }

    void goUserAndUnknownKeys()
    {
        const Jwt user = Jwt::decode(Test::readData(u"nats-vectors/go-user.jwt"_qs)).value();
        const QList<ClaimRow> rows = claimsInWords(user, s_now);
        QCOMPARE(find(rows, u"Permissions"_qs, u"Pub deny"_qs)->value, u"foo.secret.>"_qs);
        QCOMPARE(find(rows, u"Connection"_qs, u"Time windows"_qs)->value, u"00:00:00–23:59:59"_qs);
        QCOMPARE(find(rows, u"Connection"_qs, u"Allowed connection types"_qs)->value, u"STANDARD, WEBSOCKET"_qs);
        QCOMPARE(find(rows, u"Details"_qs, u"Issuer account"_qs)->value, user.claims().user.issuerAccount);
        QCOMPARE(find(rows, u"Validity"_qs, u"Not before"_qs)->value, u"2023-11-14 22:13:20 UTC"_qs);
        QCOMPARE(find(rows, u"Validity"_qs, u"Status"_qs)->value, u"valid now"_qs);
        QCOMPARE(claimsInWords(user, 4102444801).at(0).group, u"Details"_qs);
        bool expired = false;
        for (const ClaimRow &r : claimsInWords(user, 4102444801))
            expired = expired || (r.label == u"Status" && r.value == u"expired" && !r.warning.isEmpty());
        QVERIFY(expired);

        const Jwt extra = signedJwt("{\"sub\":\"UBH5BGOM2R6XRE675HWCIQKOZMGZWVBAEMVK2MGZDRDFXYZ4XZS4JMII\",\"x-team\":\"ops\","
                                 "\"nats\":{\"type\":\"user\",\"version\":2,\"subs\":-1,\"payload\":-1,\"hyper\":[1,2]}}",
                                 KeyKind::Account);
        const QList<ClaimRow> r2 = claimsInWords(extra, s_now);
        QCOMPARE(find(r2, u"Other fields"_qs, u"x-team"_qs)->value, u"ops"_qs);
        QCOMPARE(find(r2, u"Other fields"_qs, u"nats.hyper"_qs)->value, u"[1,2]"_qs);
    }

    void genericToken()
    {
        const QJsonObject login = QJsonDocument::fromJson(Test::fixture(u"POST_user_login.json"_qs)).object();
        const Jwt jwt = Jwt::decode(login.value(u"accessToken").toString().toLatin1()).value();
        const QList<ClaimRow> rows = claimsInWords(jwt, s_now);
        QCOMPARE(find(rows, u"Claims"_qs, u"Algorithm"_qs)->value, u"RS256"_qs);
        QVERIFY(find(rows, u"Claims"_qs, u"exp"_qs)->value.endsWith(u" UTC"));
        QVERIFY(find(rows, u"Claims"_qs, u"iss"_qs)->value.contains(u"realms/pot"));
        QVERIFY(find(rows, u"Validity"_qs, u"Expires"_qs));
    }
};

QTEST_GUILESS_MAIN(TstClaimsInWords)
#include "tst_claimsinwords.moc"
