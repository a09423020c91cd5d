#include "core/auth/keycloak.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QUrlQuery>

using namespace Pot;
using namespace Pot::Auth;

namespace {

QByteArray b64url(const QByteArray &raw)
{
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray jwt(const QJsonObject &payload)
{
    return b64url(R"({"alg":"RS256","typ":"JWT"})") + '.'
           + b64url(QJsonDocument(payload).toJson(QJsonDocument::Compact)) + '.' + b64url("sig");
}

QByteArray response(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject claims(qint64 iat, qint64 exp)
{
    return QJsonObject{
        {QStringLiteral("iat"), iat},
        {QStringLiteral("exp"), exp},
        {QStringLiteral("preferred_username"), QStringLiteral("carol")},
        {QStringLiteral("email"), QStringLiteral("carol@example.com")},
        {QStringLiteral("resource_access"),
         QJsonObject{
             {QStringLiteral("pot-controller"),
              QJsonObject{{QStringLiteral("roles"),
                           QJsonArray{QStringLiteral("Admin"), QStringLiteral("Viewer")}}}},
             {QStringLiteral("other-api"),
              QJsonObject{{QStringLiteral("roles"),
                           QJsonArray{QStringLiteral("Viewer"), QStringLiteral("Auditor")}}}},
             {QStringLiteral("account"),
              QJsonObject{{QStringLiteral("roles"), QJsonArray{QStringLiteral("manage-account")}}}},
         }},
    };
}

} // namespace

class TstKeycloak final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Pot::Test::initTestEnvironment(); }
    void pkceRfc7636Vector();
    void codeVerifierShape();
    void endpoints_data();
    void endpoints();
    void decodeJwtPayload_data();
    void decodeJwtPayload();
    void parseTokenResponse();
    void parseTokenResponseExpiryFallbacks();
    void parseTokenResponseRoles();
    void parseTokenResponseRejects_data();
    void parseTokenResponseRejects();
    void formEncodeKeepsValuesIntact();
};

void TstKeycloak::pkceRfc7636Vector()
{
    // RFC 7636 Appendix B.
    QCOMPARE(Keycloak::codeChallengeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
             QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
}

void TstKeycloak::codeVerifierShape()
{
    const QRegularExpression unreserved(QStringLiteral("^[A-Za-z0-9\\-._~]{43,128}$"));
    QSet<QByteArray> seen;
    for (int i = 0; i < 20; ++i) {
        const QByteArray verifier = Keycloak::makeCodeVerifier();
        QVERIFY2(unreserved.match(QString::fromLatin1(verifier)).hasMatch(), verifier.constData());
        seen.insert(verifier);
    }
    QCOMPARE(seen.size(), 20);
}

void TstKeycloak::endpoints_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("issuer");
    QTest::newRow("no slash") << "https://kc.example.com"
                              << "https://kc.example.com/realms/pot/protocol/openid-connect/token"
                              << "https://kc.example.com/realms/pot";
    QTest::newRow("slash") << "https://kc.example.com/"
                           << "https://kc.example.com/realms/pot/protocol/openid-connect/token"
                           << "https://kc.example.com/realms/pot";
    QTest::newRow("double slash")
        << "https://kc.example.com//" << "https://kc.example.com/realms/pot/protocol/openid-connect/token"
        << "https://kc.example.com/realms/pot";
    QTest::newRow("legacy /auth prefix")
        << "http://10.0.0.5:8080/auth/"
        << "http://10.0.0.5:8080/auth/realms/pot/protocol/openid-connect/token"
        << "http://10.0.0.5:8080/auth/realms/pot";
    QTest::newRow("query dropped")
        << "https://kc.example.com/?x=1#frag"
        << "https://kc.example.com/realms/pot/protocol/openid-connect/token"
        << "https://kc.example.com/realms/pot";
}

void TstKeycloak::endpoints()
{
    QFETCH(QString, base);
    QFETCH(QString, token);
    QFETCH(QString, issuer);
    const auto e = Keycloak::endpoints(QUrl(base), QStringLiteral("pot"));
    QVERIFY_RESULT(e);
    QCOMPARE(e->token.toString(), token);
    QCOMPARE(e->issuer, issuer);
    QCOMPARE(e->authorization.toString(), QString(issuer + u"/protocol/openid-connect/auth"));
    QCOMPARE(e->logout.toString(), QString(issuer + u"/protocol/openid-connect/logout"));
}

void TstKeycloak::decodeJwtPayload_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<bool>("valid");
    // Payload lengths that are not a multiple of 4 once padding is stripped.
    QTest::newRow("valid") << jwt(QJsonObject{{QStringLiteral("sub"), QStringLiteral("x")}}) << true;
    QTest::newRow("valid, other length")
        << jwt(QJsonObject{{QStringLiteral("sub"), QStringLiteral("xy")}}) << true;
    QTest::newRow("two parts") << QByteArray("abc.def") << false;
    QTest::newRow("five parts (JWE)") << QByteArray("a.b.c.d.e") << false;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("bad base64") << QByteArray("eyJhbGciOiJub25lIn0.!!!!.sig") << false;
    QTest::newRow("payload not JSON") << (b64url("{}") + '.' + b64url("not json") + '.') << false;
    QTest::newRow("payload is an array") << (b64url("{}") + '.' + b64url("[1,2]") + ".s") << false;
    QTest::newRow("opaque token") << QByteArray("mock-access-token") << false;
}

void TstKeycloak::decodeJwtPayload()
{
    QFETCH(QByteArray, token);
    QFETCH(bool, valid);
    const auto payload = Keycloak::decodeJwtPayload(token);
    QCOMPARE(payload.ok(), valid);
    if (!valid) {
        QCOMPARE(payload.error().code, ErrorCode::InvalidInput);
        QVERIFY(!payload.error().message.isEmpty());
    } else {
        QVERIFY(payload->contains(QLatin1StringView("sub")));
    }
}

void TstKeycloak::parseTokenResponse()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QDateTime receivedAt = QDateTime::currentDateTimeUtc();
    const QByteArray refresh = jwt(QJsonObject{{QStringLiteral("iat"), now},
                                               {QStringLiteral("exp"), now + 1800}});
    const auto tokens = Keycloak::parseTokenResponse(
        response({{QStringLiteral("access_token"), QString::fromLatin1(jwt(claims(now, now + 60)))},
                  {QStringLiteral("expires_in"), 300},
                  {QStringLiteral("refresh_token"), QString::fromLatin1(refresh)},
                  {QStringLiteral("refresh_expires_in"), 1800},
                  {QStringLiteral("id_token"), QStringLiteral("id.token.x")},
                  {QStringLiteral("token_type"), QStringLiteral("Bearer")}}),
        QStringLiteral("pot-controller"), receivedAt);
    QVERIFY_RESULT(tokens);
    // expires_in wins over the JWT: it is relative, so clock skew does not matter.
    QCOMPARE(tokens->accessExpiry, receivedAt.addSecs(300));
    QCOMPARE(tokens->refreshExpiry, receivedAt.addSecs(1800));
    QCOMPARE(tokens->refreshToken.revealCopy(), refresh);
    QCOMPARE(tokens->idToken, QByteArray("id.token.x"));
    QCOMPARE(tokens->userName, u"carol");
    QCOMPARE(tokens->roles, QStringList({QStringLiteral("Admin"), QStringLiteral("Viewer")}));
}

void TstKeycloak::parseTokenResponseExpiryFallbacks()
{
    const QDateTime receivedAt = QDateTime::currentDateTimeUtc();
    // Keycloak's clock is an hour ahead: the lifetime (exp - iat) still gives the right local time.
    const qint64 skewed = receivedAt.toSecsSinceEpoch() + 3600;
    auto withLifetime = Keycloak::parseTokenResponse(
        response({{QStringLiteral("access_token"),
                   QString::fromLatin1(jwt(claims(skewed, skewed + 120)))}}),
        {}, receivedAt);
    QVERIFY_RESULT(withLifetime);
    QCOMPARE(withLifetime->accessExpiry, receivedAt.addSecs(120));
    QVERIFY(!withLifetime->refreshExpiry.isValid());
    QVERIFY(withLifetime->refreshToken.isEmpty());

    // Only `exp`: taken as it is.
    QJsonObject onlyExp = claims(0, 0);
    onlyExp.remove(QStringLiteral("iat"));
    onlyExp.insert(QStringLiteral("exp"), 2000000000);
    auto absolute = Keycloak::parseTokenResponse(
        response({{QStringLiteral("access_token"), QString::fromLatin1(jwt(onlyExp))}}), {},
        receivedAt);
    QVERIFY_RESULT(absolute);
    QCOMPARE(absolute->accessExpiry, QDateTime::fromSecsSinceEpoch(2000000000));
}

void TstKeycloak::parseTokenResponseRoles()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QByteArray body =
        response({{QStringLiteral("access_token"), QString::fromLatin1(jwt(claims(now, now + 60)))}});
    // Unknown controller client: every client's roles except Keycloak's own "account".
    auto any = Keycloak::parseTokenResponse(body, {}, QDateTime::currentDateTimeUtc());
    QVERIFY_RESULT(any);
    // QJsonObject keeps keys sorted: other-api, then pot-controller; duplicates dropped.
    QCOMPARE(any->roles, QStringList({QStringLiteral("Viewer"), QStringLiteral("Auditor"),
                                      QStringLiteral("Admin")}));

    // A client that is not in the token: no roles.
    auto none = Keycloak::parseTokenResponse(body, QStringLiteral("missing-client"),
                                             QDateTime::currentDateTimeUtc());
    QVERIFY_RESULT(none);
    QVERIFY(none->roles.isEmpty());

    // No preferred_username: the e-mail names the user.
    QJsonObject noName = claims(now, now + 60);
    noName.remove(QStringLiteral("preferred_username"));
    auto byMail = Keycloak::parseTokenResponse(
        response({{QStringLiteral("access_token"), QString::fromLatin1(jwt(noName))}}), {},
        QDateTime::currentDateTimeUtc());
    QVERIFY_RESULT(byMail);
    QCOMPARE(byMail->userName, u"carol@example.com");
}

void TstKeycloak::parseTokenResponseRejects_data()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QString good = QString::fromLatin1(jwt(claims(now, now + 60)));
    QJsonObject noExpiry = claims(now, now);
    noExpiry.remove(QStringLiteral("exp"));
    noExpiry.remove(QStringLiteral("iat"));

    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("not JSON") << QByteArray("<html>") << QStringLiteral("not a JSON object");
    QTest::newRow("no access token") << response({{QStringLiteral("token_type"), QStringLiteral("Bearer")}})
                                     << QStringLiteral("no access token");
    QTest::newRow("not bearer") << response({{QStringLiteral("access_token"), good},
                                             {QStringLiteral("token_type"), QStringLiteral("mac")}})
                                << QStringLiteral("bearer");
    QTest::newRow("opaque access token")
        << response({{QStringLiteral("access_token"), QStringLiteral("mock-access-token")}})
        << QStringLiteral("cannot use");
    QTest::newRow("no expiry")
        << response({{QStringLiteral("access_token"), QString::fromLatin1(jwt(noExpiry))}})
        << QStringLiteral("without an expiry");
}

void TstKeycloak::parseTokenResponseRejects()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, messagePart);
    const auto tokens = Keycloak::parseTokenResponse(body, {}, QDateTime::currentDateTimeUtc());
    QVERIFY(!tokens.ok());
    QCOMPARE(tokens.error().code, ErrorCode::Protocol);
    QVERIFY2(tokens.error().message.contains(messagePart), qPrintable(tokens.error().message));
}

void TstKeycloak::formEncodeKeepsValuesIntact()
{
    const QByteArray encoded = Keycloak::formEncode({
        {QStringLiteral("a"), QByteArray("x+y z&w=v/:")},
        {QStringLiteral("b"), QByteArray("plain-._~")},
    });
    QCOMPARE(encoded, QByteArray("a=x%2By%20z%26w%3Dv%2F%3A&b=plain-._~"));
}

QTEST_GUILESS_MAIN(TstKeycloak)
#include "tst_keycloak.moc"
