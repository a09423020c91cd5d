#include "standincontroller.h"
#include "testutil.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>

using namespace Pot;
using Test::HttpRequest;
using Test::HttpResponse;
using Test::StandInController;

namespace {

/// Reads one HTTP response (headers + Content-Length body) from a raw socket. The server runs
/// in this thread, so wait with the event loop running, never with the blocking socket calls.
QByteArray readResponse(QTcpSocket &s, QByteArray &buf, int ms = 5000)
{
    QByteArray out;
    const bool complete = QTest::qWaitFor([&] {
        buf += s.readAll();
        const qsizetype end = buf.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const QByteArray head = buf.left(end).toLower();
        const qsizetype cl = head.indexOf("content-length:");
        const bool noBody = head.contains(" 204 ");
        const qsizetype length =
            cl < 0 || noBody ? 0 : head.mid(cl + 15, head.indexOf('\r', cl) - cl - 15).trimmed().toLongLong();
        if (buf.size() < end + 4 + length)
            return false;
        out = buf.left(end + 4 + length);
        buf.remove(0, out.size());
        return true;
    }, ms);
    return complete ? out : QByteArray();
}

} // namespace

class TestStandInController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepAliveAndBodies()
    {
        StandInController server;
        QVERIFY(server.listen());
        QByteArray seen;
        server.setHandler("POST", QStringLiteral("/echo"), [&seen](const HttpRequest &r) {
            seen = r.body;
            return HttpResponse::json(201, r.body);
        });
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(QTest::qWaitFor([&] { return s.state() == QAbstractSocket::ConnectedState; }, 5000));
        // Two requests written at once on one connection: both answered, in order.
        s.write("POST /echo/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}"
                "GET /api/v3/status HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray buf;
        const QByteArray first = readResponse(s, buf);
        QVERIFY2(first.startsWith("HTTP/1.1 201 Created\r\n"), first.constData());
        QVERIFY(first.endsWith("{\"a\":1}"));
        QVERIFY(first.contains("Connection: keep-alive"));
        QVERIFY(first.contains("X-Timestamp: "));
        QCOMPARE(seen, QByteArray("{\"a\":1}"));
        const QByteArray second = readResponse(s, buf);
        QVERIFY2(second.startsWith("HTTP/1.1 200 OK\r\n"), second.constData());
        QVERIFY(second.endsWith(Test::fixture(QStringLiteral("GET_status.json")).trimmed()));
        QCOMPARE(server.hits("POST", QStringLiteral("/echo")), 1);
        QCOMPARE(server.requests().size(), 2);
    }

    void headHasNoBodyButLength()
    {
        StandInController server;
        QVERIFY(server.listen());
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(QTest::qWaitFor([&] { return s.state() == QAbstractSocket::ConnectedState; }, 5000));
        s.write("HEAD /api/v3/capabilities/nats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QByteArray all;
        QVERIFY(QTest::qWaitFor([&] {
            all += s.readAll();
            return s.state() == QAbstractSocket::UnconnectedState;
        }, 5000));
        QVERIFY2(all.startsWith("HTTP/1.1 401 Unauthorized\r\n"), all.constData());
        QVERIFY(all.contains("Content-Length: 61\r\n")); // as captured
        QVERIFY(all.endsWith("\r\n\r\n"));               // but no body
    }

    void loopbackOnlyAndStop()
    {
        StandInController server;
        QVERIFY(server.listen());
        QVERIFY(server.address().startsWith(u"http://127.0.0.1:"));
        server.stopAnswering();
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(QTest::qWaitFor([&] { return s.state() == QAbstractSocket::UnconnectedState; }, 5000));
        QCOMPARE(s.error(), QAbstractSocket::ConnectionRefusedError);
    }

    void tokensAreJwtShaped()
    {
        StandInController server;
        server.setClockSkewMs(-5000);
        const QByteArray token = server.issueAccessToken(QStringLiteral("a@example.com"),
                                                         {QStringLiteral("Viewer")}, 60);
        const QList<QByteArray> parts = token.split('.');
        QCOMPARE(parts.size(), 3);
        const QJsonObject payload = QJsonDocument::fromJson(
            QByteArray::fromBase64(parts.at(1), QByteArray::Base64UrlEncoding)).object();
        QCOMPARE(payload.value(u"preferred_username").toString(), QStringLiteral("a@example.com"));
        QCOMPARE(payload.value(u"resource_access")[u"pot-controller"][u"roles"][0].toString(),
                 QStringLiteral("Viewer"));
        QCOMPARE(qint64(payload.value(u"exp").toDouble()), server.serverNowMs() / 1000 + 60);
        QVERIFY(server.isAccessTokenValid(token));
        server.revokeAccessTokens();
        QVERIFY(!server.isAccessTokenValid(token));
    }
};

QTEST_GUILESS_MAIN(TestStandInController)
#include "tst_standincontroller.moc"
