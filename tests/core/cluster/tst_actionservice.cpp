#include "core/cluster/actionservice.h"
#include "core/profiles/memorysecretstore.h"
#include "core/session/controlplanesession.h"
#include "standincontroller.h"
#include "testutil.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <memory>
#include <optional>

using namespace Pot;
using Pot::Cluster::ActionService;
using Pot::Session::ControlPlaneSession;
using Pot::Test::HttpRequest;
using Pot::Test::HttpResponse;
using Pot::Test::StandInController;

namespace {

constexpr int Wait = 15000;
const QString Api = QStringLiteral("/api/v3");

Net::ApiRequest deleteRequest(const QString &path)
{
    Net::ApiRequest r = Net::ApiRequest::get(path);
    r.method = QByteArrayLiteral("DELETE");
    return r;
}

/// What done() got.
struct Outcome
{
    std::optional<Result<Net::ApiResponse>> result;
    std::function<void(Result<Net::ApiResponse>)> callback()
    {
        return [this](Result<Net::ApiResponse> r) { result = std::move(r); };
    }
};

int deletesSeen(const StandInController &c)
{
    int n = 0;
    for (const HttpRequest &r : c.requests())
        n += r.method == "DELETE" ? 1 : 0;
    return n;
}

} // namespace

/// The one way pages change a control plane: read-only and RBAC refusals decided (with the reason)
/// before anything is sent, then the request, then the outcome.
class TstActionService : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<StandInController> m_server;
    QNetworkAccessManager m_network;
    Profiles::MemorySecretStore m_secrets;

    Profiles::Profile profile(const QString &email, bool readOnly = false, bool demo = false)
    {
        Profiles::Profile p;
        p.id = QUuid::createUuid();
        p.name = QStringLiteral("stand-in");
        p.controllerUrl = m_server->address();
        p.email = email;
        p.readOnly = readOnly;
        p.demo = demo;
        return p;
    }

    std::unique_ptr<ControlPlaneSession> session(const Profiles::Profile &p)
    {
        ControlPlaneSession::Services services;
        services.secrets = &m_secrets;
        services.requestTimeoutMs = 5000;
        return std::make_unique<ControlPlaneSession>(p, services);
    }

    std::unique_ptr<ControlPlaneSession> signedIn(const QString &email, const QString &password,
                                                  bool readOnly = false)
    {
        auto s = session(profile(email, readOnly));
        s->connectToController();
        if (!QTest::qWaitFor([&] { return s->state() == ConnectionState::SignInRequired; }, Wait))
            return nullptr;
        s->signIn(email, password, {}, false);
        if (!QTest::qWaitFor([&] { return s->state() == ConnectionState::SignedIn; }, Wait))
            return nullptr;
        m_server->clearLog();
        return s;
    }

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void init()
    {
        m_server = std::make_unique<StandInController>();
        QVERIFY(m_server->listen());
        StandInController *server = m_server.get();
        // DELETE /roles/done answers 204, /roles/missing 404, /roles/taken 409.
        const auto answer = [server](int status) {
            return [server, status](const HttpRequest &r) {
                HttpResponse refusal;
                if (!server->authorize(r, &refusal))
                    return refusal;
                if (status == 204)
                    return HttpResponse::empty(204);
                return HttpResponse::json(status, QJsonObject{{QStringLiteral("name"), QStringLiteral("Error")},
                                                              {QStringLiteral("message"), QStringLiteral("no such role")}});
            };
        };
        server->setHandler("DELETE", Api + QStringLiteral("/roles/done"), answer(204));
        server->setHandler("DELETE", Api + QStringLiteral("/roles/missing"), answer(404));
        server->setHandler("DELETE", Api + QStringLiteral("/roles/taken"), answer(409));
    }

    void cleanup() { m_server.reset(); }

    void readOnlyProfileIsRefusedWithItsReason()
    {
        auto s = signedIn(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass"), true);
        QVERIFY(s);
        ActionService actions(s.get());
        actions.setAuthorizer(Rbac::Authorizer(), true);
        QVERIFY(actions.online());
        QCOMPARE(actions.readOnlyReason(), QStringLiteral("This profile is read-only."));
        QCOMPARE(actions.deniedReason(QStringLiteral("roles"), QStringLiteral("delete")),
                 QStringLiteral("This profile is read-only."));
        QCOMPARE(actions.deniedReason(QStringLiteral("roles"), QStringLiteral("*")),
                 QStringLiteral("This profile is read-only."));
        // Reading stays allowed.
        QCOMPARE(actions.deniedReason(QStringLiteral("roles"), QStringLiteral("list")), QString());

        QSignalSpy finished(&actions, &ActionService::finished);
        QSignalSpy busy(&actions, &ActionService::busyChanged);
        Outcome outcome;
        actions.run(QStringLiteral("Deleted."), deleteRequest(QStringLiteral("/roles/done")),
                    outcome.callback());
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("This profile is read-only."));
        QVERIFY(!actions.lastOk());
        QCOMPARE(actions.lastMessage(), QStringLiteral("This profile is read-only."));
        // done() hears of it too, later (never from inside run()).
        QVERIFY(!outcome.result);
        QTRY_VERIFY_WITH_TIMEOUT(outcome.result.has_value(), Wait);
        QVERIFY(!*outcome.result);
        QCOMPARE(outcome.result->error().code, ErrorCode::Forbidden);
        QCOMPARE(busy.size(), 0);
        QTest::qWait(200);
        QCOMPARE(deletesSeen(*m_server), 0);
    }

    void offlineAndDemoAreRefusedWithTheirReasons()
    {
        // Never connected: nothing to send through.
        auto offline = session(profile(QStringLiteral("admin@example.com")));
        ActionService actions(offline.get());
        QVERIFY(!actions.online());
        QVERIFY(actions.readOnlyReason().startsWith(QStringLiteral("Not connected")));
        // Offline, reading is refused for the same reason (what is shown is the last state read).
        QCOMPARE(actions.deniedReason(QStringLiteral("fogs"), QStringLiteral("get")), actions.readOnlyReason());
        QCOMPARE(actions.readDeniedReason(QStringLiteral("fogs"), QStringLiteral("get")), QString());
        Outcome sent;
        QCOMPARE(actions.send(Net::ApiRequest::get(QStringLiteral("/status")), this, sent.callback()),
                 nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(sent.result.has_value(), Wait);
        QVERIFY(!*sent.result);
        QCOMPARE(sent.result->error().code, ErrorCode::Network);
        QSignalSpy finished(&actions, &ActionService::finished);
        actions.run(QStringLiteral("Deleted."), deleteRequest(QStringLiteral("/roles/done")));
        QCOMPARE(finished.size(), 1);
        QVERIFY(!finished.at(0).at(0).toBool());

        // The demo is signed in to bundled data: read-only, and no client at all.
        auto demo = session(profile(QStringLiteral("admin@example.com"), false, true));
        demo->connectToController();
        QCOMPARE(demo->state(), ConnectionState::SignedIn);
        ActionService demoActions(demo.get());
        QVERIFY(demoActions.demo());
        QVERIFY(!demoActions.online());
        QCOMPARE(demoActions.readOnlyReason(), QStringLiteral("The demo control plane is read-only."));
        QSignalSpy demoFinished(&demoActions, &ActionService::finished);
        demoActions.run(QStringLiteral("Deleted."), deleteRequest(QStringLiteral("/roles/done")));
        QCOMPARE(demoFinished.size(), 1);
        QCOMPARE(demoFinished.at(0).at(1).toString(), QStringLiteral("The demo control plane is read-only."));
        QTest::qWait(200);
        QCOMPARE(m_server->requests().size(), 0);
    }

    void rbacDenialIsDecidedBeforeAnyRequest()
    {
        auto s = signedIn(QStringLiteral("viewer@example.com"), QStringLiteral("viewer-pass"));
        QVERIFY(s);
        ActionService actions(s.get());
        // Without the role bindings a grant through one cannot be ruled out: the Controller decides.
        actions.setAuthorizer(Rbac::Authorizer(), false);
        QCOMPARE(actions.deniedReason(QStringLiteral("roles"), QStringLiteral("delete"), QStringLiteral("done")),
                 QString());
        actions.setAuthorizer(Rbac::Authorizer(), true);
        QVERIFY(actions.readOnlyReason().isEmpty());
        QCOMPARE(actions.deniedReason(QStringLiteral("roles"), QStringLiteral("list")), QString());
        const QString reason = actions.deniedReason(QStringLiteral("roles"), QStringLiteral("delete"),
                                                    QStringLiteral("done"));
        QCOMPARE(reason, QStringLiteral("Your roles (viewer) do not grant roles:delete (done)."));

        QSignalSpy finished(&actions, &ActionService::finished);
        QSignalSpy busy(&actions, &ActionService::busyChanged);
        Outcome outcome;
        actions.run(QStringLiteral("Deleted."), deleteRequest(QStringLiteral("/roles/done")),
                    outcome.callback(), {},
                    ActionService::Permission{QStringLiteral("roles"), QStringLiteral("delete"),
                                              QStringLiteral("done")});
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QCOMPARE(finished.at(0).at(1).toString(), reason);
        QTRY_VERIFY_WITH_TIMEOUT(outcome.result.has_value(), Wait);
        QCOMPARE(outcome.result->error().code, ErrorCode::Forbidden);
        QCOMPARE(busy.size(), 0);
        QTest::qWait(200);
        // The stand-in never saw the request.
        QCOMPARE(deletesSeen(*m_server), 0);

        // Without a permission to check, the request goes out (the Controller decides).
        Outcome sent;
        actions.run(QStringLiteral("Deleted."), deleteRequest(QStringLiteral("/roles/done")), sent.callback());
        QTRY_VERIFY_WITH_TIMEOUT(sent.result.has_value(), Wait);
        QCOMPARE(deletesSeen(*m_server), 1);
    }

    void successAndFailureAreReported()
    {
        auto s = signedIn(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass"));
        QVERIFY(s);
        ActionService actions(s.get());
        actions.setAuthorizer(Rbac::Authorizer(), true);
        const ActionService::Permission permission{QStringLiteral("roles"), QStringLiteral("delete"), {}};

        QSignalSpy finished(&actions, &ActionService::finished);
        QSignalSpy busy(&actions, &ActionService::busyChanged);
        bool busyWhenDone = true;
        Outcome ok;
        actions.run(QStringLiteral("Role deleted."), deleteRequest(QStringLiteral("/roles/done")),
                    [&](Result<Net::ApiResponse> r) {
                        busyWhenDone = actions.busy();
                        // finished() came first.
                        QCOMPARE(finished.size(), 1);
                        ok.result = std::move(r);
                    },
                    {}, permission);
        QVERIFY(actions.busy());
        QTRY_VERIFY_WITH_TIMEOUT(ok.result.has_value(), Wait);
        QVERIFY(*ok.result);
        QVERIFY(!busyWhenDone);
        QCOMPARE(busy.size(), 2);
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("Role deleted."));
        QVERIFY(actions.lastOk());
        QCOMPARE(deletesSeen(*m_server), 1);

        Outcome failed;
        actions.run(QStringLiteral("Role deleted."), deleteRequest(QStringLiteral("/roles/missing")),
                    failed.callback(), {}, permission);
        QTRY_VERIFY_WITH_TIMEOUT(failed.result.has_value(), Wait);
        QVERIFY(!*failed.result);
        QCOMPARE(failed.result->error().httpStatus, 404);
        QCOMPARE(finished.size(), 2);
        QCOMPARE(finished.at(1).at(0).toBool(), false);
        QVERIFY(!finished.at(1).at(1).toString().isEmpty());
        QCOMPARE(finished.at(1).at(1).toString(), failed.result->error().message);
        QVERIFY(!actions.busy());
        QVERIFY(!actions.lastOk());

        // A decision taken without a request is reported the same way.
        actions.report(true, QStringLiteral("Nothing to do."));
        QCOMPARE(finished.size(), 3);
        QVERIFY(actions.lastOk());
        QCOMPARE(actions.lastMessage(), QStringLiteral("Nothing to do."));
    }

    void settledMapsARefusalToDone()
    {
        auto s = signedIn(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass"));
        QVERIFY(s);
        ActionService actions(s.get());
        const auto alreadyGone = [](const Error &e) {
            return e.httpStatus == 409 ? QStringLiteral("The role was already gone.") : QString();
        };
        QSignalSpy finished(&actions, &ActionService::finished);
        Outcome taken;
        actions.run(QStringLiteral("Role deleted."), deleteRequest(QStringLiteral("/roles/taken")),
                    taken.callback(), alreadyGone);
        QTRY_VERIFY_WITH_TIMEOUT(taken.result.has_value(), Wait);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("The role was already gone."));
        // done() still gets the Controller's answer.
        QVERIFY(!*taken.result);
        QCOMPARE(taken.result->error().httpStatus, 409);

        // A refusal the mapping does not know stays an error.
        Outcome missing;
        actions.run(QStringLiteral("Role deleted."), deleteRequest(QStringLiteral("/roles/missing")),
                    missing.callback(), alreadyGone);
        QTRY_VERIFY_WITH_TIMEOUT(missing.result.has_value(), Wait);
        QCOMPARE(finished.size(), 2);
        QCOMPARE(finished.at(1).at(0).toBool(), false);
    }
};

QTEST_GUILESS_MAIN(TstActionService)
#include "tst_actionservice.moc"
