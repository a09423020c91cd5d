#include "core/api/controllerapi.h"
#include "core/net/controllerclient.h"
#include "standincontroller.h"
#include "testutil.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace Pot;
using Test::StandInController;

namespace {

/// Hands out one fixed token; enough for the transport tests (sessions are tested in core/auth).
class FixedToken final : public Net::Authenticator
{
public:
    explicit FixedToken(QByteArray token) : m_token(std::move(token)) {}
    void bearerToken(QObject *, TokenCallback done) override { done(m_token); }
    void tokenRejected(const QByteArray &, QObject *, TokenCallback done) override
    {
        ++rejected;
        done(Error(ErrorCode::SessionExpired, QStringLiteral("no refresh in this test")));
    }
    int rejected = 0;

private:
    QByteArray m_token;
};

/// Waits for a reply and returns its result.
Result<Net::ApiResponse> await(Net::ApiReply *reply, int ms = 20000)
{
    QSignalSpy spy(reply, &Net::ApiReply::finished);
    if (!spy.wait(ms))
        return Error(ErrorCode::Timeout, QStringLiteral("test gave up waiting"));
    return reply->result();
}

template<typename T>
struct Slot
{
    std::optional<Result<T>> value;
    int calls = 0;
    Api::Callback<T> callback()
    {
        return [this](Result<T> r) {
            ++calls;
            value = std::move(r);
        };
    }
};

} // namespace

class TestControllerClient : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<StandInController> m_server;
    std::unique_ptr<Net::ControllerClient> m_client;

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<StandInController>();
        QVERIFY(m_server->listen());
        m_client = std::make_unique<Net::ControllerClient>();
        QVERIFY_RESULT(m_client->setBaseUrl(m_server->address()));
    }

    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void statusFromFixture()
    {
        QVERIFY(!m_client->isEncrypted());
        QCOMPARE(m_client->baseUrl().toString(), m_server->address() + u"/api/v3");
        Slot<Api::ControllerStatus> slot;
        Api::fetchStatus(*m_client, this, slot.callback());
        QTRY_COMPARE(slot.calls, 1);
        QVERIFY_RESULT(*slot.value);
        const Api::ControllerStatus &s = slot.value->value();
        QVERIFY(s.isOnline());
        QCOMPARE(s.controllerVersion, QStringLiteral("3.7.3"));
        QCOMPARE(s.timestampMs, 1795389602604);
        QVERIFY(qAbs(s.uptimeSec - 19.657485275) < 1e-9);
        QVERIFY(s.ecnViewerVersion.isEmpty()); // absent in the capture
        // Unauthenticated: no Authorization header even with an authenticator installed.
        QCOMPARE(m_server->requests().constLast().header("authorization"), QByteArray());
        // X-Timestamp measured (the stand-in runs on this clock).
        QVERIFY(m_client->lastClockSkewMs().has_value());
        QVERIFY(qAbs(*m_client->lastClockSkewMs()) < 1000);
    }

    void fogTypes()
    {
        Slot<QList<Api::FogType>> slot;
        Api::fetchFogTypes(*m_client, this, slot.callback());
        QTRY_COMPARE(slot.calls, 1);
        QVERIFY_RESULT(*slot.value);
        QCOMPARE(slot.value->value().size(), 3);
        QCOMPARE(slot.value->value().at(2).name, QStringLiteral("ARM Linux"));
    }

    void protectedListsWithToken()
    {
        FixedToken auth(m_server->issueAccessToken(QStringLiteral("admin@example.com"),
                                                   {QStringLiteral("Admin")}, 300));
        m_client->setAuthenticator(&auth);

        const QJsonObject fogsJson =
            QJsonDocument::fromJson(Test::fixture(QStringLiteral("GET_iofog-list.json"))).object();
        Slot<QList<Api::Fog>> fogs;
        Api::fetchFogs(*m_client, this, fogs.callback());
        QTRY_COMPARE(fogs.calls, 1);
        QVERIFY_RESULT(*fogs.value);
        QCOMPARE(fogs.value->value().size(), fogsJson.value(u"fogs").toArray().size());
        const Api::Fog &first = fogs.value->value().constFirst();
        QCOMPARE(first.uuid, fogsJson.value(u"fogs")[0][u"uuid"].toString());
        QCOMPARE(first.daemonStatus, QStringLiteral("NOT_PROVISIONED"));

        Slot<QList<Api::Application>> apps;
        Api::fetchApplications(*m_client, this, apps.callback());
        QTRY_COMPARE(apps.calls, 1);
        QVERIFY_RESULT(*apps.value);
        QVERIFY(!apps.value->value().isEmpty());
        QCOMPARE(apps.value->value().constFirst().name, QStringLiteral("foo-producer"));
        QVERIFY(apps.value->value().constFirst().natsAccess);
        QCOMPARE(apps.value->value().constFirst().natsRule, QStringLiteral("foo-exporter"));

        Slot<Api::NatsOperator> op;
        Api::fetchNatsOperator(*m_client, this, op.callback());
        QTRY_COMPARE(op.calls, 1);
        QVERIFY_RESULT(*op.value);
        QCOMPARE(op.value->value().name, QStringLiteral("pot-operator"));
        QVERIFY(op.value->value().publicKey.startsWith(u'O'));

        Slot<bool> nats;
        Api::fetchNatsCapability(*m_client, this, nats.callback());
        QTRY_COMPARE(nats.calls, 1);
        QVERIFY_RESULT(*nats.value);
        QVERIFY(nats.value->value());

        m_server->setFault(QStringLiteral("/api/v3/capabilities/nats"), StandInController::Fault::NotFound);
        Slot<bool> natsOff;
        Api::fetchNatsCapability(*m_client, this, natsOff.callback());
        QTRY_COMPARE(natsOff.calls, 1);
        QVERIFY_RESULT(*natsOff.value);
        QVERIFY(!natsOff.value->value());
        // The bearer token went out, and no session cookie came back in.
        QVERIFY(m_server->requests().constLast().header("authorization").startsWith("Bearer ey"));
        QVERIFY(m_client->network()->cookieJar()->cookiesForUrl(QUrl(m_server->address())).isEmpty());
        QCOMPARE(auth.rejected, 0);
        m_client->setAuthenticator(nullptr);
    }

    void withoutTokenIsUnauthorized()
    {
        auto r = await(m_client->send(Net::ApiRequest::get(QStringLiteral("/iofog-list"))));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Unauthorized);
        QCOMPARE(r.error().httpStatus, 401);
        QVERIFY(r.error().message.contains(u"No authentication information found"));
    }

    void httpErrors_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("401") << int(StandInController::Fault::Unauthorized) << int(ErrorCode::Unauthorized)
                             << 401 << "Unauthorized: No authentication information found";
        QTest::newRow("403") << int(StandInController::Fault::Forbidden) << int(ErrorCode::Forbidden)
                             << 403 << "Authorization denied";
        QTest::newRow("404") << int(StandInController::Fault::NotFound) << int(ErrorCode::NotFound)
                             << 404 << "Invalid application id 'no-such-app'";
        QTest::newRow("500") << int(StandInController::Fault::ServerError) << int(ErrorCode::Http)
                             << 500 << "Role 'nats-operator' already exists";
        QTest::newRow("html") << int(StandInController::Fault::Html) << int(ErrorCode::NotFound)
                              << 404 << "Cannot GET /api/v3/fog-types";
    }

    void httpErrors()
    {
        QFETCH(int, fault);
        QFETCH(int, code);
        QFETCH(int, status);
        QFETCH(QString, messagePart);
        m_server->setFault(QStringLiteral("/api/v3/fog-types"), StandInController::Fault(fault));
        Slot<QList<Api::FogType>> slot;
        Api::fetchFogTypes(*m_client, this, slot.callback());
        QTRY_COMPARE(slot.calls, 1);
        QVERIFY(!slot.value->ok());
        const Error &e = slot.value->error();
        QCOMPARE(int(e.code), code);
        QCOMPARE(e.httpStatus, status);
        QVERIFY2(e.message.contains(messagePart), qPrintable(e.message));
    }

    void unknownRouteHtml()
    {
        auto r = await(m_client->send(Net::ApiRequest::get(QStringLiteral("/no-such-endpoint"))));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::NotFound);
        QCOMPARE(r.error().message, QStringLiteral("Not found: Cannot GET /api/v3/no-such-endpoint"));
    }

    void bodyTooLarge()
    {
        Net::ApiRequest req = Net::ApiRequest::sendJson(
            "POST", QStringLiteral("/iofog"),
            QJsonObject{{QStringLiteral("name"), QString(200 * 1024, u'x')}});
        auto r = await(m_client->send(req));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::PayloadTooLarge);
        QCOMPARE(r.error().httpStatus, 413);
        QVERIFY(r.error().message.contains(u"100 kB"));
    }

    void deleteGoesOutWithoutABody()
    {
        FixedToken auth(m_server->issueAccessToken(QStringLiteral("admin@example.com"),
                                                   {QStringLiteral("Admin")}, 300));
        m_client->setAuthenticator(&auth);
        m_server->setHandler("DELETE", QStringLiteral("/api/v3/roles/my role"),
                             [](const Test::HttpRequest &) { return Test::HttpResponse::empty(204); });
        const Net::ApiRequest req = Net::ApiRequest::remove(u"/roles/" + Net::pathSegment(QStringLiteral("my role")));
        QCOMPARE(req.method, QByteArray("DELETE"));
        auto r = await(m_client->send(req));
        QVERIFY_RESULT(r);
        QCOMPARE(r->httpStatus, 204);
        const Test::HttpRequest &sent = m_server->requests().constLast();
        QCOMPARE(sent.method, QByteArray("DELETE"));
        QCOMPARE(sent.rawPath, QByteArray("/api/v3/roles/my%20role"));
        QVERIFY(sent.body.isEmpty());
        m_client->setAuthenticator(nullptr);
    }

    void fogTypeNames()
    {
        QCOMPARE(Api::fogTypeName(0), QStringLiteral("auto"));
        QCOMPARE(Api::fogTypeName(1), QStringLiteral("x86"));
        QCOMPARE(Api::fogTypeName(2), QStringLiteral("ARM"));
        QCOMPARE(Api::fogTypeName(7), QStringLiteral("type 7"));
    }

    // Every answer is read up to a limit by the kind of request: a status or a single object
    // cannot grow the console without bound; a list may be large.
    void answersAreBoundedByKind()
    {
        const QByteArray big = "[\"" + QByteArray(20 * 1024 * 1024, 'a') + "\"]";
        m_server->setHandler("GET", QStringLiteral("/api/v3/big"),
                             [&](const Test::HttpRequest &) { return Test::HttpResponse::json(200, big); });
        auto object = await(m_client->send(Net::ApiRequest::get(QStringLiteral("/big"), false)));
        QVERIFY(!object.ok());
        QCOMPARE(object.error().code, ErrorCode::Protocol);
        QVERIFY2(object.error().message.contains(u"GET /big is larger than 16 MB"),
                 qPrintable(object.error().message));

        auto list = await(m_client->send(Net::ApiRequest::list(QStringLiteral("/big"), false)));
        QVERIFY_RESULT(list);
        QCOMPARE(list->body.size(), big.size());

        // /status is small: a 2 MB answer is refused.
        const QByteArray status = "{\"status\":\"online\",\"versions\":{\"controller\":\""
                                  + QByteArray(2 * 1024 * 1024, '7') + "\"}}";
        m_server->setHandler("GET", QStringLiteral("/api/v3/status"),
                             [&](const Test::HttpRequest &) { return Test::HttpResponse::json(200, status); });
        Slot<Api::ControllerStatus> slot;
        Api::fetchStatus(*m_client, this, slot.callback());
        QTRY_COMPARE(slot.calls, 1);
        QVERIFY(!slot.value->ok());
        QVERIFY(slot.value->error().message.contains(u"larger than 1 MB"));
    }

    // Without a Content-Length the answer is cut off once it grows past the limit.
    void unannouncedBodyIsCutOff()
    {
        QTcpServer raw;
        QVERIFY(raw.listen(QHostAddress::LocalHost, 0));
        qint64 written = 0;
        connect(&raw, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *socket = raw.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [&, socket] {
                socket->readAll();
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n[\"");
                const QByteArray chunk(256 * 1024, 'b');
                // Up to 8 MB, while the client still reads.
                for (int i = 0; i < 32 && socket->state() == QAbstractSocket::ConnectedState; ++i) {
                    written += socket->write(chunk);
                    socket->waitForBytesWritten(2000);
                }
                socket->disconnectFromHost();
            });
        });
        QVERIFY_RESULT(m_client->setBaseUrl(u"http://127.0.0.1:" + QString::number(raw.serverPort())));
        Slot<Api::ControllerStatus> slot;
        Api::fetchStatus(*m_client, this, slot.callback());
        QTRY_COMPARE_WITH_TIMEOUT(slot.calls, 1, 20000);
        QVERIFY(!slot.value->ok());
        QVERIFY2(slot.value->error().message.contains(u"larger than 1 MB"),
                 qPrintable(slot.value->error().message));
    }

    void refusedPort()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        QVERIFY_RESULT(m_client->setBaseUrl(u"http://127.0.0.1:" + QString::number(port)));
        Slot<Api::ControllerStatus> slot;
        Api::fetchStatus(*m_client, this, slot.callback());
        QTRY_COMPARE_WITH_TIMEOUT(slot.calls, 1, 10000);
        QVERIFY(!slot.value->ok());
        QCOMPARE(slot.value->error().code, ErrorCode::Network);
        QVERIFY2(slot.value->error().message.contains(u"refused the connection"),
                 qPrintable(slot.value->error().message));
    }

    void unresolvableHost()
    {
        QVERIFY_RESULT(m_client->setBaseUrl(QStringLiteral("http://no-such-host.invalid")));
        m_client->setDefaultTimeout(std::chrono::seconds(20));
        Slot<Api::ControllerStatus> slot;
        Api::fetchStatus(*m_client, this, slot.callback());
        QTRY_COMPARE_WITH_TIMEOUT(slot.calls, 1, 25000);
        QVERIFY(!slot.value->ok());
        QCOMPARE(slot.value->error().code, ErrorCode::Network);
        QVERIFY2(slot.value->error().message.contains(u"\"no-such-host.invalid\" could not be resolved"),
                 qPrintable(slot.value->error().message));
    }

    void timeoutOnHangingEndpoint()
    {
        m_server->setFault(QStringLiteral("/api/v3/status"), StandInController::Fault::Hang);
        m_client->setDefaultTimeout(std::chrono::milliseconds(400));
        QElapsedTimer t;
        t.start();
        Net::ApiReply *reply = m_client->send(Net::ApiRequest::get(QStringLiteral("/status"), false));
        QSignalSpy spy(reply, &Net::ApiReply::finished);
        QVERIFY(spy.wait(5000));
        const auto r = reply->result();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Timeout);
        QVERIFY(r.error().message.contains(u"did not answer within 0.4 s"));
        QVERIFY(t.elapsed() >= 350 && t.elapsed() < 4000);
        QTest::qWait(200);
        QCOMPARE(spy.count(), 1);
    }

    void perRequestTimeoutWinsAndSlowAnswerArrives()
    {
        m_server->setFault(QStringLiteral("/api/v3/status"), StandInController::Fault::Slow, 300);
        m_client->setDefaultTimeout(std::chrono::milliseconds(100));
        Net::ApiRequest req = Net::ApiRequest::get(QStringLiteral("/status"), false);
        req.timeout = std::chrono::seconds(5);
        auto r = await(m_client->send(req));
        QVERIFY_RESULT(r);
        QCOMPARE(r->httpStatus, 200);
        auto late = await(m_client->send(Net::ApiRequest::get(QStringLiteral("/status"), false)));
        QCOMPARE(late.error().code, ErrorCode::Timeout);
    }

    void cancel()
    {
        m_server->setFault(QStringLiteral("/api/v3/status"), StandInController::Fault::Hang);
        Net::ApiReply *reply = m_client->send(Net::ApiRequest::get(QStringLiteral("/status"), false));
        QSignalSpy spy(reply, &Net::ApiReply::finished);
        QTRY_COMPARE(m_server->hits("GET", QStringLiteral("/api/v3/status")), 1);
        reply->cancel();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(reply->result().error().code, ErrorCode::Cancelled);
        reply->cancel(); // harmless once finished
        QTest::qWait(100);
        QCOMPARE(spy.count(), 1);

        // Cancelled before it reached the wire.
        Net::ApiReply *early = m_client->send(Net::ApiRequest::get(QStringLiteral("/fog-types"), false));
        QSignalSpy earlySpy(early, &Net::ApiReply::finished);
        early->cancel();
        QCOMPARE(earlySpy.count(), 1);
        QTest::qWait(100);
        QCOMPARE(m_server->hits("GET", QStringLiteral("/api/v3/fog-types")), 0);
    }

    void callbackSkippedWhenContextGone()
    {
        auto context = std::make_unique<QObject>();
        int calls = 0;
        Net::ApiReply *reply = m_client->send(Net::ApiRequest::get(QStringLiteral("/status"), false),
                                              context.get(), [&calls](Result<Net::ApiResponse>) { ++calls; });
        QSignalSpy spy(reply, &Net::ApiReply::finished);
        context.reset();
        QVERIFY(spy.wait());
        QCOMPARE(calls, 0);
    }

    void stoppedServer()
    {
        QVERIFY_RESULT(await(m_client->send(Net::ApiRequest::get(QStringLiteral("/status"), false))));
        m_server->stopAnswering();
        auto r = await(m_client->send(Net::ApiRequest::get(QStringLiteral("/status"), false)));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Network);
    }

    void noBaseUrl()
    {
        Net::ControllerClient client;
        auto r = await(client.send(Net::ApiRequest::get(QStringLiteral("/status"), false)));
        QCOMPARE(r.error().code, ErrorCode::InvalidInput);
        QVERIFY(!client.setBaseUrl(QStringLiteral("ftp://x")).ok());
    }
};

QTEST_GUILESS_MAIN(TestControllerClient)
#include "tst_controllerclient.moc"
