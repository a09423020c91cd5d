#include "core/net/apierror.h"
#include "testutil.h"

#include <QTest>

using namespace Pot;

class TestApiError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromHttp_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("messagePart");

        const QByteArray json = "application/json; charset=utf-8";
        const QByteArray html = "text/html; charset=utf-8";
        using Test::fixture;
        QTest::newRow("401 {error}") << 401 << json
                                     << fixture(QStringLiteral("GET_nats_operator__no-token_401.json"))
                                     << int(ErrorCode::Unauthorized)
                                     << "Unauthorized: No authentication information found";
        QTest::newRow("401 {name,message}")
            << 401 << json << fixture(QStringLiteral("POST_user_login__wrong-password_401.json"))
            << int(ErrorCode::Unauthorized) << "Invalid credentials";
        QTest::newRow("403 {error,message}")
            << 403 << json << fixture(QStringLiteral("PUT_config__viewer-token_403.json"))
            << int(ErrorCode::Forbidden) << "Authorization denied: You do not have permission";
        QTest::newRow("404 {name,message}")
            << 404 << json << fixture(QStringLiteral("GET_application_NAME__missing_404.json"))
            << int(ErrorCode::NotFound) << "Invalid application id 'no-such-app'";
        QTest::newRow("500 with stack")
            << 500 << json << fixture(QStringLiteral("POST_roles__duplicate_500.json"))
            << int(ErrorCode::Http) << "internal error: Role 'nats-operator' already exists";
        QTest::newRow("400 validation")
            << 400 << json << fixture(QStringLiteral("POST_user_login__invalid-email_400.json"))
            << int(ErrorCode::Http) << "Invalid format for field 'email'";
        QTest::newRow("html 404 development")
            << 404 << html << fixture(QStringLiteral("GET_unknown-route_404_development.html"))
            << int(ErrorCode::NotFound) << "Not found: Cannot GET /api/v3/no-such-endpoint";
        QTest::newRow("html 400 development stack")
            << 400 << html << fixture(QStringLiteral("POST_iofog__malformed-json_400_development.html"))
            << int(ErrorCode::Http)
            << "SyntaxError: Expected double-quoted property name in JSON at position 37";
        QTest::newRow("html 400 production")
            << 400 << html << fixture(QStringLiteral("POST_iofog__malformed-json_400_production.html"))
            << int(ErrorCode::Http) << "rejected the request: Bad Request";
        QTest::newRow("413") << 413 << html << QByteArray("<pre>PayloadTooLargeError: request entity too large</pre>")
                             << int(ErrorCode::PayloadTooLarge) << "too large for the Controller";
        QTest::newRow("500 empty body (logout)") << 500 << QByteArray() << QByteArray()
                                                 << int(ErrorCode::Http) << "internal error.";
        QTest::newRow("json body without json type") << 404 << QByteArray("text/plain")
                                                     << QByteArray(R"({"message":"hidden"})")
                                                     << int(ErrorCode::NotFound) << "Not found.";
        QTest::newRow("message null, error given") << 401 << json
                                                   << QByteArray(R"({"error":"E","message":null})")
                                                   << int(ErrorCode::Unauthorized) << ": E";
        QTest::newRow("not an object") << 502 << json << QByteArray("[1,2]") << int(ErrorCode::Http)
                                       << "unavailable (HTTP 502).";
        QTest::newRow("garbage json") << 409 << json << QByteArray("{oops") << int(ErrorCode::Conflict)
                                      << "Conflict with existing data.";
    }

    void fromHttp()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(int, code);
        QFETCH(QString, messagePart);
        QVERIFY(!body.isNull() || contentType.isEmpty());
        const Error e = Net::errorFromHttp(status, contentType, body, "GET", QStringLiteral("/api/v3/x"));
        QCOMPARE(int(e.code), code);
        QCOMPARE(e.httpStatus, status);
        QVERIFY2(e.message.contains(messagePart), qPrintable(e.message));
        QVERIFY(e.detail.contains(QStringLiteral("GET /api/v3/x")));
        QVERIFY(!e.message.contains(u"INSTALL_DIR")); // stacks never reach the user sentence
    }

    void htmlEntitiesDecoded()
    {
        QCOMPARE(Net::htmlErrorText("<html><body><pre>a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39; &#x41;</pre></body></html>"),
                 QStringLiteral("a <b> & \"c\" 'd' A"));
        QCOMPARE(Net::htmlErrorText("<body><h1>Bad <i>Gateway</i></h1></body>"), QStringLiteral("Bad Gateway"));
    }

    void networkErrors()
    {
        const Error refused = Net::errorFromNetwork(QNetworkReply::ConnectionRefusedError,
                                                    QStringLiteral("Connection refused"),
                                                    QStringLiteral("10.1.1.1"), 51121);
        QCOMPARE(refused.code, ErrorCode::Network);
        QVERIFY(refused.message.contains(u"10.1.1.1:51121 refused the connection"));
        const Error dns = Net::errorFromNetwork(QNetworkReply::HostNotFoundError, QString(),
                                                QStringLiteral("x.invalid"), 1);
        QVERIFY(dns.message.contains(u"\"x.invalid\" could not be resolved"));
    }
};

QTEST_GUILESS_MAIN(TestApiError)
#include "tst_apierror.moc"
