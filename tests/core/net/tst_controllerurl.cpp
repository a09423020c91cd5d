#include "core/net/controllerurl.h"
#include "testutil.h"

#include <QTest>

using namespace Pot;

class TestControllerUrl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalises_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bare host") << "controller.example.com"
                                   << "https://controller.example.com:51121/api/v3";
        QTest::newRow("host:port") << "controller.example.com:8443"
                                   << "https://controller.example.com:8443/api/v3";
        QTest::newRow("upper-case host") << "Controller.Example.COM"
                                         << "https://controller.example.com:51121/api/v3";
        QTest::newRow("spaces") << "  10.0.0.5  " << "https://10.0.0.5:51121/api/v3";
        QTest::newRow("http scheme") << "http://127.0.0.1" << "http://127.0.0.1:51121/api/v3";
        QTest::newRow("http with port") << "http://localhost:51121"
                                        << "http://localhost:51121/api/v3";
        QTest::newRow("https trailing slash") << "https://c.example.com/"
                                              << "https://c.example.com:51121/api/v3";
        QTest::newRow("already api/v3") << "https://c.example.com:51121/api/v3"
                                        << "https://c.example.com:51121/api/v3";
        QTest::newRow("api/v3 trailing slash") << "http://c.example.com:80/api/v3/"
                                               << "http://c.example.com:80/api/v3";
        QTest::newRow("proxy prefix") << "https://gw.example.com/pot"
                                      << "https://gw.example.com:51121/pot/api/v3";
        QTest::newRow("proxy prefix with api") << "https://gw.example.com/pot/api/v3//"
                                               << "https://gw.example.com:51121/pot/api/v3";
        QTest::newRow("scheme case") << "HTTPS://c.example.com"
                                     << "https://c.example.com:51121/api/v3";
        QTest::newRow("ipv6") << "https://[::1]:9000" << "https://[::1]:9000/api/v3";
    }

    void normalises()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const auto url = Net::normaliseControllerUrl(input);
        QVERIFY_RESULT(url);
        QCOMPARE(url->toString(), expected);
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("empty") << "" << "Enter the Controller address";
        QTest::newRow("blank") << "   " << "Enter the Controller address";
        QTest::newRow("ftp") << "ftp://c.example.com" << "http:// or https://";
        QTest::newRow("query") << "https://c.example.com/?x=1" << "query";
        QTest::newRow("fragment") << "https://c.example.com/#top" << "fragment";
        QTest::newRow("user info") << "https://bob@c.example.com" << "user name";
        QTest::newRow("bad port") << "c.example.com:99999" << "not a valid";
        QTest::newRow("no host") << "https://" << "not a valid";
    }

    void refuses()
    {
        QFETCH(QString, input);
        QFETCH(QString, messagePart);
        const auto url = Net::normaliseControllerUrl(input);
        QVERIFY(!url.ok());
        QCOMPARE(url.error().code, ErrorCode::InvalidInput);
        QVERIFY2(url.error().message.contains(messagePart), qPrintable(url.error().message));
    }
};

QTEST_GUILESS_MAIN(TestControllerUrl)
#include "tst_controllerurl.moc"
