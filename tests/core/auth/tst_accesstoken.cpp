#include "core/auth/jwt.h"
#include "testutil.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Pot;

class TestJwt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capturedLoginToken()
    {
        const QJsonObject login =
            QJsonDocument::fromJson(Test::fixture(QStringLiteral("POST_user_login.json"))).object();
        const QByteArray access = login.value(u"accessToken").toString().toLatin1();
        const auto claims = Auth::parseAccessToken(access);
        QVERIFY_RESULT(claims);
        // Values from POST_user_login.decoded.txt.
        QCOMPARE(claims->exp, 1795457632);
        QCOMPARE(claims->iat, 1795457332);
        QCOMPARE(claims->preferredUsername, QStringLiteral("admin@example.com"));
        QCOMPARE(claims->roles, QStringList{QStringLiteral("Admin")});
    }

    void tokenSetAppliesSkew()
    {
        const QJsonObject login =
            QJsonDocument::fromJson(Test::fixture(QStringLiteral("POST_user_login.json"))).object();
        const QByteArray access = login.value(u"accessToken").toString().toLatin1();
        const QByteArray refresh = login.value(u"refreshToken").toString().toLatin1();
        const qint64 skew = 90000; // server 90 s ahead
        const auto t = Auth::makeTokenSet(Auth::SignInMethod::Password, access, refresh, skew, 0);
        QVERIFY_RESULT(t);
        QCOMPARE(t->accessExpiry.toMSecsSinceEpoch(), 1795457632000 - skew);
        QCOMPARE(t->accessIssuedAt.toMSecsSinceEpoch(), 1795457332000 - skew);
        QCOMPARE(t->refreshExpiry.toMSecsSinceEpoch(), 1795459132000 - skew);
        QCOMPARE(t->userName, QStringLiteral("admin@example.com"));
        QVERIFY(!t->refreshToken.isEmpty());
        QCOMPARE(t->clockSkewMs, skew);
    }

    void rolesOfUnknownClient()
    {
        const QByteArray payload = R"({"exp":2000000000,"resource_access":{"my-controller":{"roles":["Viewer"]},"account":{"roles":["view-profile"]}}})";
        const QByteArray token = "e30." + payload.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) + ".c2ln";
        const auto claims = Auth::parseAccessToken(token);
        QVERIFY_RESULT(claims);
        QCOMPARE(claims->roles, QStringList{QStringLiteral("Viewer")});
        QVERIFY(claims->preferredUsername.isEmpty()); // absent
    }

    void mockToken()
    {
        const auto t = Auth::makeTokenSet(Auth::SignInMethod::Password, "mock-access-token",
                                          "mock-refresh-token", 0, 0);
        QVERIFY(!t.ok());
        QCOMPARE(t.error().code, ErrorCode::NoAuthConfigured);
        QCOMPARE(t.error().message,
                 QStringLiteral("This Controller has no authentication configured; its management API is not usable."));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::newRow("not a jwt") << QByteArray("not-a-jwt");
        QTest::newRow("empty payload") << QByteArray("a..c");
        QTest::newRow("bad base64") << QByteArray("a.!!!.c");
        QTest::newRow("not json") << QByteArray("a.bm90IGpzb24.c");
        QTest::newRow("no exp") << QByteArray("a.eyJzdWIiOiJ4In0.c");
        QTest::newRow("exp null") << QByteArray("a.eyJleHAiOm51bGx9.c");
    }

    void malformed()
    {
        QFETCH(QByteArray, token);
        const auto claims = Auth::parseAccessToken(token);
        QVERIFY(!claims.ok());
        QCOMPARE(claims.error().code, ErrorCode::InvalidInput);
        QVERIFY(!claims.error().message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestJwt)
#include "tst_accesstoken.moc"
