#include "core/net/apireply.h"
#include "standincontroller.h"
#include "testutil.h"

#include <QHash>
#include <QTest>

using namespace Pot;
using Pot::Net::ApiRequest;

using Test::MultipartPart;
using Test::parseMultipart;

/// The multipart/form-data upload the Controller's /yaml endpoints expect (controller-api.md §4.1).
class TstMultipart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void onePartWithFieldFileNameTypeAndContent_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("field");
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("role from the capture")
            << QByteArray("POST") << QByteArray("role")
            << Test::fixture(QStringLiteral("POST_roles_yaml__cert-viewer.request.yaml"));
        QTest::newRow("binding from the capture")
            << QByteArray("PATCH") << QByteArray("rolebinding")
            << Test::fixture(QStringLiteral("POST_rolebindings_yaml__cert-viewers.request.yaml"));
        QTest::newRow("content with dashes and CRLF")
            << QByteArray("POST") << QByteArray("serviceaccount")
            << QByteArray("---\r\nkind: ServiceAccount\r\n--\r\n------\r\n");
        QTest::newRow("empty content") << QByteArray("POST") << QByteArray("role") << QByteArray();
        QTest::newRow("binary content") << QByteArray("POST") << QByteArray("role")
                                        << QByteArray("\0\r\n\xff--", 7);
    }
    void onePartWithFieldFileNameTypeAndContent()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, field);
        QFETCH(QByteArray, content);
        const ApiRequest r = ApiRequest::multipartFile(method, QStringLiteral("/roles/yaml"), field,
                                                       QByteArrayLiteral("object.yaml"), content);
        QCOMPARE(r.method, method);
        QCOMPARE(r.path, QStringLiteral("/roles/yaml"));
        QVERIFY(r.authenticated);
        QList<MultipartPart> parts;
        QByteArray boundary;
        QVERIFY2(parseMultipart(r.contentType, r.body, &parts, &boundary), r.body.constData());
        QCOMPARE(parts.size(), 1);
        const MultipartPart &p = parts.constFirst();
        QCOMPARE(p.headers.value("content-disposition"),
                 QByteArray("form-data; name=\"" + field + "\"; filename=\"object.yaml\""));
        QCOMPARE(p.headers.value("content-type"), QByteArray("application/yaml"));
        QCOMPARE(p.content, content);
        // RFC 2046: at most 70 characters, and the boundary never occurs inside the content.
        QVERIFY(boundary.size() >= 27 && boundary.size() <= 70);
        QVERIFY(!content.contains(boundary));
    }

    void boundaryIsRandom()
    {
        QSet<QByteArray> seen;
        for (int i = 0; i < 50; ++i) {
            const ApiRequest r = ApiRequest::multipartFile("POST", QStringLiteral("/roles/yaml"),
                                                           "role", "a.yaml", "kind: Role\n");
            seen.insert(r.contentType);
        }
        QCOMPARE(seen.size(), 50);
    }

    void mimeAndNamesAreKeptInsideTheirQuotes()
    {
        const ApiRequest r = ApiRequest::multipartFile(
            "PATCH", QStringLiteral("/serviceaccounts/yaml/foo-producer/temp-sensor"), "serviceaccount",
            "evil\"\r\nX-Injected: 1.yaml", "x", "text/plain");
        QList<MultipartPart> parts;
        QByteArray boundary;
        QVERIFY(parseMultipart(r.contentType, r.body, &parts, &boundary));
        QCOMPARE(parts.size(), 1);
        QVERIFY(!parts.constFirst().headers.contains("x-injected"));
        QCOMPARE(parts.constFirst().headers.value("content-type"), QByteArray("text/plain"));
        QVERIFY(parts.constFirst().headers.value("content-disposition").startsWith(
            "form-data; name=\"serviceaccount\"; filename=\"evil%22%0D%0AX-Injected: 1.yaml\""));
    }
};

QTEST_GUILESS_MAIN(TstMultipart)
#include "tst_multipart.moc"
