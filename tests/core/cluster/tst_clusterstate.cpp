#include "core/cluster/clusterstate.h"
#include "core/profiles/snapshotstore.h"
#include "core/session/controlplanesession.h"
#include "testutil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <memory>

using namespace Pot;
using Pot::Cluster::ClusterState;
using Pot::Cluster::ObjectReader;
using Pot::Cluster::ObjectReaderFactory;
using Pot::Session::ControlPlaneSession;

namespace {

constexpr int Wait = 10000;
const QString EdgeUuid = QStringLiteral("8b6c66bf-ef7f-405b-8e04-d6c7bdd088fc");
const QString HubUuid = QStringLiteral("298c5318-e06c-4da0-990b-b3b0ba2aeec4");
const QString Seed = QStringLiteral("SUAIBDPBAUTWCWBKIO6XHQNINK5FWJW4OHLXC3HQ2KFE4PEJUA44CNHTC4");

QJsonObject fixtureObject(const QString &name)
{
    return QJsonDocument::fromJson(Test::fixture(name)).object();
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

/// The uuids of the microservices on `agent` in `answers`, in order, computed from the raw JSON.
QStringList placedOn(const QString &agent, const QList<QJsonObject> &answers)
{
    QStringList out;
    for (const QJsonObject &answer : answers) {
        for (const QJsonValue &app : answer.value(u"applications").toArray()) {
            for (const QJsonValue &ms : app.toObject().value(u"microservices").toArray()) {
                if (ms.toObject().value(u"iofogUuid").toString() == agent)
                    out << ms.toObject().value(u"uuid").toString();
            }
        }
    }
    return out;
}

QStringList uuids(const QList<QJsonObject> &objects)
{
    QStringList out;
    for (const QJsonObject &o : objects)
        out << o.value(u"uuid").toString();
    return out;
}

} // namespace

/// What the console knows of a cluster apart from any page: typed look-ups across kinds read from
/// the list answers, and the answers saved on disk or bundled as the demo.
class TstClusterState : public QObject
{
    Q_OBJECT

private:
    static std::unique_ptr<ControlPlaneSession> session(bool demo = false)
    {
        Profiles::Profile p;
        p.id = QUuid::createUuid();
        p.name = QStringLiteral("cluster");
        p.controllerUrl = QStringLiteral("http://127.0.0.1:9");
        p.demo = demo;
        return std::make_unique<ControlPlaneSession>(p, ControlPlaneSession::Services{});
    }

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void lookUpsFromTheListAnswers()
    {
        auto s = session();
        ClusterState state(s.get(), {});
        QSignalSpy changed(&state, &ClusterState::recordsChanged);
        QVERIFY(state.agentName(EdgeUuid).isEmpty());
        QVERIFY(state.agentNames().isEmpty());
        QVERIFY(state.microservicesOnAgent(EdgeUuid).isEmpty());

        state.applyAnswer(ClusterState::agentsId(), Test::fixture(QStringLiteral("GET_iofog-list.json")));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toString(), ClusterState::agentsId());
        QCOMPARE(state.agentName(EdgeUuid), QStringLiteral("edge-node-1"));
        QCOMPARE(state.agentName(HubUuid), QStringLiteral("remote-hub"));
        QCOMPARE(state.agentName(QStringLiteral("no-such-agent")), QString());
        // Sorted by name.
        const QList<std::pair<QString, QString>> names{{EdgeUuid, QStringLiteral("edge-node-1")},
                                                       {HubUuid, QStringLiteral("remote-hub")}};
        QCOMPARE(state.agentNames(), names);

        const QJsonObject apps = fixtureObject(QStringLiteral("GET_application.json"));
        const QJsonObject system = fixtureObject(QStringLiteral("GET_application_system.json"));
        state.applyAnswer(ClusterState::applicationsId(), compact(apps));
        state.applyAnswer(ClusterState::systemApplicationsId(), compact(system));
        QCOMPARE(changed.size(), 3);
        for (const QString &agent : {EdgeUuid, HubUuid}) {
            const QList<QJsonObject> placed = state.microservicesOnAgent(agent);
            QVERIFY(!placed.isEmpty());
            QCOMPARE(uuids(placed), placedOn(agent, {apps, system}));
        }
        // Each says its application and whether that one is a system application.
        const QList<QJsonObject> onEdge = state.microservicesOnAgent(EdgeUuid);
        QCOMPARE(onEdge.constFirst().value(u"application").toString(), QStringLiteral("foo-producer"));
        QCOMPARE(onEdge.constFirst().value(u"isSystem").toBool(), false);
        QCOMPARE(onEdge.constLast().value(u"application").toString(), QStringLiteral("system-edge-node-1"));
        QCOMPARE(onEdge.constLast().value(u"isSystem").toBool(), true);
        QVERIFY(state.microservicesOnAgent(QStringLiteral("no-such-agent")).isEmpty());
        QVERIFY(state.microservicesOnAgent(QString()).isEmpty());

        // Another list is not read; a body that is no list changes nothing.
        state.applyAnswer(QStringLiteral("natsUsers"), Test::fixture(QStringLiteral("GET_nats_users.json")));
        state.applyAnswer(ClusterState::agentsId(), "<html>not the API</html>");
        state.applyAnswer(ClusterState::applicationsId(), "{\"applications\": 5}");
        QCOMPARE(changed.size(), 3);
        QCOMPARE(state.agentName(EdgeUuid), QStringLiteral("edge-node-1"));
        QCOMPARE(uuids(state.microservicesOnAgent(EdgeUuid)), placedOn(EdgeUuid, {apps, system}));
    }

    void nullAndAbsentAlike()
    {
        auto s = session();
        ClusterState state(s.get(), {});
        // A fog whose name is null, one without a name, one without a uuid (not an agent).
        QJsonObject fogs = fixtureObject(QStringLiteral("GET_iofog-list.json"));
        QJsonArray list = fogs.value(u"fogs").toArray();
        QJsonObject nullName = list.at(0).toObject();
        nullName.insert(u"name", QJsonValue::Null);
        QJsonObject noName = list.at(1).toObject();
        noName.remove(u"name");
        QJsonObject noUuid = list.at(1).toObject();
        noUuid.remove(u"uuid");
        fogs.insert(u"fogs", QJsonArray{nullName, noName, noUuid});
        state.applyAnswer(ClusterState::agentsId(), compact(fogs));
        QCOMPARE(state.agentName(EdgeUuid), QString());
        QCOMPARE(state.agentName(HubUuid), QString());
        QCOMPARE(state.agentNames().size(), 2);

        // An application without `application` on its microservices, one with microservices null.
        QJsonObject apps = fixtureObject(QStringLiteral("GET_application.json"));
        QJsonArray appList = apps.value(u"applications").toArray();
        QJsonObject app = appList.at(0).toObject();
        QJsonArray ms = app.value(u"microservices").toArray();
        QJsonObject first = ms.at(0).toObject();
        first.remove(u"application");
        ms.replace(0, first);
        app.insert(u"microservices", ms);
        app.insert(u"isSystem", QJsonValue::Null);
        QJsonObject empty = appList.at(0).toObject();
        empty.insert(u"name", QStringLiteral("empty"));
        empty.insert(u"microservices", QJsonValue::Null);
        apps.insert(u"applications", QJsonArray{app, empty});
        state.applyAnswer(ClusterState::applicationsId(), compact(apps));
        const QList<QJsonObject> placed = state.microservicesOnAgent(EdgeUuid);
        QCOMPARE(placed.size(), 1);
        QCOMPARE(placed.constFirst().value(u"application").toString(), QStringLiteral("foo-producer"));
        QCOMPARE(placed.constFirst().value(u"isSystem").toBool(), false);
    }

    void answersFromAWorkerThreadReachTheLookUps()
    {
        auto s = session();
        ClusterState state(s.get(), {});
        const ObjectReaderFactory reader = state.recordsReader(ClusterState::agentsId());
        QVERIFY(reader);
        // Not a list the look-ups read; no snapshot store: nothing to do.
        QVERIFY(!state.recordsReader(QStringLiteral("natsUsers")));
        QVERIFY(!state.snapshotSink(ClusterState::agentsId(), QStringLiteral("fogs")));
        QSignalSpy changed(&state, &ClusterState::recordsChanged);
        const QByteArray body = Test::fixture(QStringLiteral("GET_iofog-list.json"));
        std::unique_ptr<QThread> worker(QThread::create([&] {
            const ObjectReader read = reader();
            for (const QJsonValue &v : QJsonDocument::fromJson(body).object().value(u"fogs").toArray())
                read.each(v.toObject());
            read.done();
        }));
        worker->start();
        QVERIFY(worker->wait(Wait));
        // Applied on the state's thread.
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, Wait);
        QCOMPARE(state.agentName(HubUuid), QStringLiteral("remote-hub"));
    }

    void snapshotRoundTrip()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Profiles::SnapshotStore store(dir.path());
        auto s = session();
        {
            ClusterState state(s.get(), {&store, Cluster::DemoData::root()});
            QVERIFY(!state.offlineDocument(QStringLiteral("natsUsers")));
            QVERIFY(!state.savedAnswer(QStringLiteral("natsUsers"))());

            QJsonObject users = fixtureObject(QStringLiteral("GET_nats_users.json"));
            QJsonArray array = users.value(u"users").toArray();
            QVERIFY(!array.isEmpty());
            QJsonObject first = array.at(0).toObject();
            first.insert(u"seed", Seed);
            array.replace(0, first);
            users.insert(u"users", array);
            const QDateTime at = QDateTime::currentDateTimeUtc().addSecs(-60);
            state.snapshotSink(QStringLiteral("natsUsers"), QStringLiteral("users"))(compact(users), at);
            state.snapshotSink(ClusterState::agentsId(), QStringLiteral("fogs"))(
                Test::fixture(QStringLiteral("GET_iofog-list.json")), at);

            const std::optional<Profiles::Snapshot> saved = state.savedAnswer(QStringLiteral("natsUsers"))();
            QVERIFY(saved);
            QCOMPARE(saved->savedAt.toSecsSinceEpoch(), at.toSecsSinceEpoch());
            QVERIFY(!saved->body.contains(Seed.toLatin1()));
            const QJsonArray read = QJsonDocument::fromJson(saved->body).object().value(u"users").toArray();
            QCOMPARE(read.size(), array.size());
            QCOMPARE(read.at(0).toObject().value(u"name"), array.at(0).toObject().value(u"name"));
            QCOMPARE(state.offlineDocument(QStringLiteral("natsUsers"))->body, saved->body);

            // Offline, a document comes from the snapshot, marked not live; without one it fails.
            QVERIFY(store.save(s->profile().id, QStringLiteral("natsOperator"),
                               QByteArray(R"({"name":"op","publicKey":"OABC"})")));
            bool live = true;
            QJsonValue json;
            state.fetchDocument(QStringLiteral("natsOperator"), QStringLiteral("/nats/operator"), this,
                                [&](const QJsonValue &j, bool isLive) {
                                    json = j;
                                    live = isLive;
                                });
            QVERIFY(!live);
            QCOMPARE(json.toObject().value(u"publicKey").toString(), QStringLiteral("OABC"));
            QString failure;
            state.fetchDocument(QStringLiteral("natsHub"), QStringLiteral("/nats/hub"), this,
                                [](const QJsonValue &, bool) { QFAIL("nothing was saved"); },
                                [&](const Error &e) { failure = e.message; });
            QVERIFY(failure.startsWith(QStringLiteral("Not connected")));
        }

        // A new state on the same profile (a restart) reads the saved agents into its look-ups.
        ClusterState again(s.get(), {&store, Cluster::DemoData::root()});
        QVERIFY(again.agentName(EdgeUuid).isEmpty());
        const std::optional<Profiles::Snapshot> agents = again.savedAnswer(ClusterState::agentsId())();
        QVERIFY(agents);
        again.applyAnswer(ClusterState::agentsId(), agents->body);
        QCOMPARE(again.agentName(EdgeUuid), QStringLiteral("edge-node-1"));
        QCOMPARE(again.agentNames().size(), 2);
    }

    void demoAnswersAreMovedToNow()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const qint64 reference = 1795389602604LL;
        auto write = [&](const QString &name, const QByteArray &body) {
            QFile f(root.filePath(name));
            return f.open(QIODevice::WriteOnly) && f.write(body) == body.size();
        };
        QVERIFY(write(QStringLiteral("status.json"),
                      QByteArrayLiteral(R"({"status":"online","timestamp":1795389602604,"uptimeSec":5,)"
                                        R"("versions":{"controller":"9.9.9"}})")));
        QVERIFY(write(QStringLiteral("agents.json"),
                      R"({"fogs":[{"uuid":"a1","name":"demo-agent","lastStatusTime":1795389602604}]})"));
        QVERIFY(write(QStringLiteral("secrets-details.json"), R"({"db":{"name":"db","type":"Opaque"}})"));

        QTemporaryDir snapshots;
        Profiles::SnapshotStore store(snapshots.path());
        auto s = session(true);
        ClusterState state(s.get(), {&store, root.path()});
        QVERIFY(state.demo());
        QVERIFY(!state.online());
        QCOMPARE(state.demoFreshnessText(), QStringLiteral("Sample data (generated from Controller 9.9.9 answers)"));

        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const std::optional<Profiles::Snapshot> agents = state.savedAnswer(ClusterState::agentsId())();
        QVERIFY(agents);
        const qint64 shown = qint64(QJsonDocument::fromJson(agents->body).object().value(u"fogs").toArray()
                                        .at(0).toObject().value(u"lastStatusTime").toDouble());
        // The reference time reads as "now".
        QVERIFY2(shown >= before - 60000 && shown <= QDateTime::currentMSecsSinceEpoch(),
                 qPrintable(QString::number(shown - before)));
        QVERIFY(shown != reference);
        state.applyAnswer(ClusterState::agentsId(), agents->body);
        QCOMPARE(state.agentName(QStringLiteral("a1")), QStringLiteral("demo-agent"));

        QCOMPARE(state.demoDocument(QStringLiteral("secrets-details"), QStringLiteral("db")).toObject()
                     .value(u"type").toString(),
                 QStringLiteral("Opaque"));
        QVERIFY(state.demoDocument(QStringLiteral("secrets-details"), QStringLiteral("none")).isUndefined());
        QVERIFY(state.demoDocument(QStringLiteral("no-such-file"), QStringLiteral("db")).isUndefined());

        // Nothing of the demo is written to disk.
        QVERIFY(!state.snapshotSink(ClusterState::agentsId(), QStringLiteral("fogs")));
        QVERIFY(!state.snapshotSink(QStringLiteral("natsUsers"), QStringLiteral("users")));

        // A demo document is not the demo of a real control plane.
        auto real = session();
        ClusterState realState(real.get(), {&store, root.path()});
        QVERIFY(realState.demoDocument(QStringLiteral("secrets-details"), QStringLiteral("db")).isUndefined());
    }
};

QTEST_GUILESS_MAIN(TstClusterState)
#include "tst_clusterstate.moc"
