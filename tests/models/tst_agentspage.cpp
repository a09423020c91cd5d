#include "consolewindow.h"
#include "core/resources/kinds/kinds.h"
#include "models/agentspage.h"
#include "models/clusterview.h"
#include "models/resourcepage.h"
#include "models/timetext.h"
#include "testutil.h"

#include <QAbstractItemModelTester>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Pot;
using Pot::Models::AgentsPage;
using Pot::Resources::Kinds::agentDetails;
using Pot::Models::DetailRow;
using Pot::Test::ConsoleWindow;
using Pot::Test::HttpRequest;
using Pot::Test::HttpResponse;

namespace {

const QString EdgeUuid = QStringLiteral("8b6c66bf-ef7f-405b-8e04-d6c7bdd088fc");
const QString HubUuid = QStringLiteral("298c5318-e06c-4da0-990b-b3b0ba2aeec4");
const QString Api = QStringLiteral("/api/v3");
const QString Dash = QStringLiteral("\u2014");

QJsonObject fixtureList()
{
    return QJsonDocument::fromJson(Pot::Test::readData(
                                       QStringLiteral("controller-3.7.3/GET_iofog-list.json")))
        .object();
}

QJsonObject fog(const QString &name)
{
    for (const QJsonValue &v : fixtureList().value(u"fogs").toArray()) {
        if (v.toObject().value(u"name").toString() == name)
            return v.toObject();
    }
    return {};
}

const QString SensorUuid = QStringLiteral("4b4533f6-8d61-4751-a904-57acb0e8e692");
const QString EdgeNatsUuid = QStringLiteral("9a882320-a899-44cd-bc80-e81a682e47ff");

/// The uuids of the microservices whose iofogUuid is `agent`, in the applications and system
/// applications the stand-in serves.
QStringList microserviceUuidsOn(const QString &agent)
{
    QStringList out;
    for (const char *file : {"controller-3.7.3/GET_application.json",
                             "controller-3.7.3/GET_application_system.json"}) {
        const QJsonObject doc =
            QJsonDocument::fromJson(Pot::Test::readData(QString::fromLatin1(file))).object();
        for (const QJsonValue &app : doc.value(u"applications").toArray()) {
            for (const QJsonValue &ms : app.toObject().value(u"microservices").toArray()) {
                if (ms.toObject().value(u"iofogUuid").toString() == agent)
                    out << ms.toObject().value(u"uuid").toString();
            }
        }
    }
    out.sort();
    return out;
}

QStringList keysOf(const Models::ResourceList *list)
{
    QStringList out;
    for (const QJsonObject &o : list->objects())
        out << o.value(u"uuid").toString();
    out.sort();
    return out;
}

/// The row with this label in this group; a default row (empty group) when absent.
DetailRow find(const QList<DetailRow> &rows, const QString &group, const QString &label)
{
    for (const DetailRow &r : rows) {
        if (r.group == group && r.label == label)
            return r;
    }
    return {};
}

} // namespace

/// The Agents page view model against the stand-in Controller: details of a fog, diffing
/// refreshes, actions and the provisioning key.
class TstAgentsPage : public QObject
{
    Q_OBJECT

private:
    ConsoleWindow m_console;
    AgentsPage *agents() const { return m_console.cluster()->agents(); }
    /// The generic page of the agents kind: list, selection, details and the fog actions.
    Models::ResourcePage *page() const { return agents()->page(); }

    /// Serves `list` as GET /iofog-list from now on.
    void serveList(const QJsonObject &list)
    {
        auto &c = m_console.controller();
        c.setHandler("GET", Api + u"/iofog-list", [&c, list](const HttpRequest &r) {
            HttpResponse refusal;
            if (!c.authorize(r, &refusal))
                return refusal;
            return HttpResponse::json(200, list);
        });
    }

    /// Selects edge-node-1 and its microservice `uuid`, once the application lists are read.
    bool selectMicroservice(const QString &uuid)
    {
        agents()->list()->setSelectedKey(EdgeUuid);
        if (!QTest::qWaitFor([this, uuid] { return !agents()->microservices()->object(uuid).isEmpty(); },
                             ConsoleWindow::Wait))
            return false;
        agents()->microservices()->setSelectedKey(uuid);
        return agents()->microserviceUuid() == uuid;
    }

    /// Records the PATCH requests to /microservices/{uuid}/{stop,start} in order; `stopStatus` is
    /// what the stop answers.
    void recordStopStart(QStringList *order, int stopStatus)
    {
        auto &c = m_console.controller();
        for (const QString &what : {QStringLiteral("stop"), QStringLiteral("start")}) {
            c.setHandler("PATCH", Api + u"/microservices/" + SensorUuid + u'/' + what,
                         [&c, order, what, stopStatus](const HttpRequest &r) {
                             HttpResponse refusal;
                             if (!c.authorize(r, &refusal))
                                 return refusal;
                             *order << what;
                             if (what == u"stop" && stopStatus != 204)
                                 return HttpResponse::fixture(
                                     stopStatus, QStringLiteral("GET_microservices_UUID__missing_404.json"));
                             return HttpResponse::empty(204);
                         });
        }
    }

    bool refreshAndWait()
    {
        QSignalSpy applied(agents()->list(), &Models::ResourceList::applied);
        agents()->list()->refresh();
        return applied.wait(ConsoleWindow::Wait);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_console.start());
        QVERIFY(m_console.signIn(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        QTRY_COMPARE_WITH_TIMEOUT(agents()->list()->count(), 2, ConsoleWindow::Wait);
        QTRY_VERIFY_WITH_TIMEOUT(m_console.cluster()->roleBindings()->loaded(), ConsoleWindow::Wait);
    }

    void init()
    {
        serveList(fixtureList());
        if (agents()->list()->count() != 2)
            QVERIFY(refreshAndWait());
        agents()->list()->setSelectedKey(EdgeUuid);
    }

    void detailsOfEdgeNode_data()
    {
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("warning");
        const QString dash = Dash;
        QTest::newRow("name") << "Identity" << "Name" << "edge-node-1" << false;
        QTest::newRow("uuid") << "Identity" << "UUID" << EdgeUuid << false;
        QTest::newRow("location") << "Identity" << "Location" << "Building A, rack 3" << false;
        QTest::newRow("host") << "Identity" << "Host" << "10.20.0.11" << false;
        QTest::newRow("ip") << "Identity" << "IP address" << "0.0.0.0" << false;
        QTest::newRow("type") << "Identity" << "Fog type" << "x86" << false;
        QTest::newRow("system") << "Identity" << "System agent" << "no" << false;
        QTest::newRow("zone") << "Identity" << "Time zone" << "Europe/Istanbul" << false;
        QTest::newRow("created") << "Identity" << "Created" << "2026-11-22 23:20:42" << false;
        QTest::newRow("status") << "Health" << "Status" << "NOT_PROVISIONED" << true;
        QTest::newRow("healthy") << "Health" << "Warning message" << "HEALTHY" << false;
        QTest::newRow("never") << "Health" << "Last active" << "never" << false;
        QTest::newRow("started") << "Health" << "Daemon started" << dash << false;
        QTest::newRow("version") << "Health" << "Version" << dash << false;
        QTest::newRow("upgrade") << "Health" << "Ready to upgrade" << "yes" << false;
        QTest::newRow("rollback") << "Health" << "Ready to roll back" << "no" << false;
        QTest::newRow("cpu limit") << "Resources and violations" << "CPU limit" << "80 %" << false;
        QTest::newRow("mem limit") << "Resources and violations" << "Memory limit" << "4096 MiB" << false;
        QTest::newRow("cpu viol") << "Resources and violations" << "CPU violation" << "none" << false;
        QTest::newRow("total cpu") << "Resources and violations" << "Total CPU" << dash << false;
        QTest::newRow("security") << "Security" << "Security status" << "OK" << false;
        QTest::newRow("sec info") << "Security" << "Security violation" << "No violation" << false;
        QTest::newRow("engine") << "Agent config" << "Container engine" << "docker" << false;
        QTest::newRow("log dir") << "Agent config" << "Log directory" << "/var/log/iofog-agent/" << false;
        QTest::newRow("status freq") << "Agent config" << "Status frequency" << "10 s" << false;
        QTest::newRow("tunnel") << "Agent config" << "Tunnel" << dash << false;
        QTest::newRow("router id") << "Agent config" << "Router ID" << dash << false;
        QTest::newRow("router") << "Router" << "Router mode" << "edge" << false;
        QTest::newRow("msg port") << "Router" << "Messaging port" << "5671" << false;
        QTest::newRow("upstream") << "Router" << "Upstream routers" << "default-router" << false;
        QTest::newRow("nats") << "NATS" << "NATS mode" << "leaf" << false;
        QTest::newRow("leaf port") << "NATS" << "Leaf port" << "7422" << false;
        QTest::newRow("js") << "NATS" << "JetStream storage" << "10g" << false;
        QTest::newRow("js mem") << "NATS" << "JetStream memory" << "1g" << false;
        QTest::newRow("hub") << "NATS" << "Upstream NATS servers" << "default-nats-hub" << false;
        QTest::newRow("mount cm") << "Volume mounts" << "nats-server-conf-edge-node-1"
                                  << "config map nats-server-conf-edge-node-1, version 1" << false;
        QTest::newRow("mount secret") << "Volume mounts" << "nats-server-edge-node-1"
                                      << "secret nats-server-edge-node-1, version 1" << false;
        QTest::newRow("tags") << "Tags" << "Tags" << "fixture, building-a" << false;
        QTest::newRow("gps mode") << "GPS" << "GPS mode" << "manual" << false;
        QTest::newRow("gps device") << "GPS" << "GPS device" << dash << false;
        QTest::newRow("lat") << "GPS" << "Latitude" << "41.0082" << false;
        QTest::newRow("long") << "GPS" << "Longitude" << "28.9784" << false;
    }

    void detailsOfEdgeNode()
    {
        QFETCH(QString, group);
        QFETCH(QString, label);
        QFETCH(QString, value);
        QFETCH(bool, warning);
        // The page model shows the selected fog's rows, built from the list the stand-in served.
        QTRY_COMPARE_WITH_TIMEOUT(agents()->selectedName(), QStringLiteral("edge-node-1"),
                                  ConsoleWindow::Wait);
        const DetailRow row = find(agents()->details()->rows(), group, label);
        QCOMPARE(row.group, group);
        QCOMPARE(row.value, value);
        QCOMPARE(row.warning, warning);
    }

    void detailsFollowFieldPresence()
    {
        const QList<DetailRow> edge = agentDetails(fog(QStringLiteral("edge-node-1")), 0);
        // Interior-only ports are not sent for an edge router: left out, not shown as empty.
        QVERIFY(find(edge, QStringLiteral("Router"), QStringLiteral("Inter-router port")).group.isEmpty());
        const QList<DetailRow> hub = agentDetails(fog(QStringLiteral("remote-hub")), 0);
        QCOMPARE(find(hub, QStringLiteral("Router"), QStringLiteral("Inter-router port")).value,
                 QStringLiteral("55671"));
        QCOMPARE(find(hub, QStringLiteral("Router"), QStringLiteral("Upstream routers")).value,
                 Dash);
        QCOMPARE(find(hub, QStringLiteral("Identity"), QStringLiteral("System agent")).value,
                 QStringLiteral("yes"));
        // Groups come in a fixed order, each once.
        QStringList groups;
        for (const DetailRow &r : edge) {
            if (groups.isEmpty() || groups.last() != r.group)
                groups << r.group;
        }
        QCOMPARE(groups, (QStringList{QStringLiteral("Identity"), QStringLiteral("Health"),
                                      QStringLiteral("Resources and violations"),
                                      QStringLiteral("Security"), QStringLiteral("Agent config"),
                                      QStringLiteral("Router"), QStringLiteral("NATS"),
                                      QStringLiteral("Volume mounts"), QStringLiteral("Tags"),
                                      QStringLiteral("GPS")}));
    }

    void problemsAreMarked()
    {
        QJsonObject o = fog(QStringLiteral("edge-node-1"));
        o.insert(u"daemonStatus", QStringLiteral("RUNNING"));
        o.insert(u"cpuViolation", QStringLiteral("1"));
        o.insert(u"securityStatus", QStringLiteral("COMPROMISED"));
        o.insert(u"securityViolationInfo", QStringLiteral("image digest mismatch"));
        o.insert(u"warningMessage", QStringLiteral("Disk almost full"));
        o.insert(u"systemAvailableDisk", 2147483648.0);
        const qint64 now = 1800000000000;
        o.insert(u"lastActive", double(now - 90 * 1000));
        const QList<DetailRow> rows = agentDetails(o, now);
        QVERIFY(!find(rows, QStringLiteral("Health"), QStringLiteral("Status")).warning);
        QVERIFY(find(rows, QStringLiteral("Health"), QStringLiteral("Warning message")).warning);
        QVERIFY(find(rows, QStringLiteral("Resources and violations"), QStringLiteral("CPU violation")).warning);
        QVERIFY(!find(rows, QStringLiteral("Resources and violations"), QStringLiteral("Disk violation")).warning);
        QVERIFY(find(rows, QStringLiteral("Security"), QStringLiteral("Security status")).warning);
        const DetailRow info = find(rows, QStringLiteral("Security"), QStringLiteral("Security violation"));
        QVERIFY(info.warning);
        QCOMPARE(info.value, QStringLiteral("image digest mismatch"));
        const DetailRow active = find(rows, QStringLiteral("Health"), QStringLiteral("Last active"));
        QCOMPARE(active.value, Models::TimeText::relative(now - 90 * 1000, now));
        QCOMPARE(active.hint, Models::TimeText::exact(now - 90 * 1000));
        QCOMPARE(find(rows, QStringLiteral("Resources and violations"), QStringLiteral("Available disk")).hint,
                 QStringLiteral("2147483648 bytes"));
    }

    void listModelIsConsistent()
    {
        QAbstractItemModelTester tester(agents()->list()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester details(agents()->details(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(refreshAndWait());
        agents()->list()->setSelectedKey(HubUuid);
        agents()->list()->setSelectedKey(EdgeUuid);
    }

    void refreshChangesOnlyTheChangedRow()
    {
        QJsonObject list = fixtureList();
        QJsonArray fogs = list.value(u"fogs").toArray();
        QJsonObject edge = fogs.at(0).toObject();
        QCOMPARE(edge.value(u"uuid").toString(), EdgeUuid);
        edge.insert(u"daemonStatus", QStringLiteral("RUNNING"));
        edge.insert(u"version", QStringLiteral("3.7.3"));
        fogs.replace(0, edge);
        list.insert(u"fogs", fogs);
        serveList(list);

        auto *table = agents()->list()->table();
        QSignalSpy inserted(table, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(table, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(table, &QAbstractItemModel::modelReset);
        QSignalSpy changed(table, &QAbstractItemModel::dataChanged);
        QSignalSpy detailsReset(agents()->details(), &QAbstractItemModel::modelReset);
        QVERIFY(refreshAndWait());
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(removed.size(), 0);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(detailsReset.size(), 0);
        QVERIFY(!changed.isEmpty());
        const int edgeRow = table->indexOfKey(EdgeUuid);
        for (const QList<QVariant> &args : std::as_const(changed)) {
            QCOMPARE(args.at(0).toModelIndex().row(), edgeRow);
            QCOMPARE(args.at(1).toModelIndex().row(), edgeRow);
        }
        QCOMPARE(agents()->list()->selectedKey(), EdgeUuid);
        QCOMPARE(agents()->selectedStatus(), QStringLiteral("RUNNING"));
        QCOMPARE(agents()->details()->valueOf(QStringLiteral("Version")), QStringLiteral("3.7.3"));
        QCOMPARE(agents()->details()->valueOf(QStringLiteral("Status")), QStringLiteral("RUNNING"));
    }

    void rebootAndPruneAreSent_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        QTest::newRow("reboot") << "reboot" << "/reboot" << "Reboot of agent edge-node-1 requested.";
        QTest::newRow("prune") << "prune" << "/prune" << "Prune of agent edge-node-1 requested.";
        QTest::newRow("upgrade") << "upgrade" << "/version/upgrade"
                                 << "Upgrade of agent edge-node-1 requested.";
    }

    void rebootAndPruneAreSent()
    {
        QFETCH(QString, action);
        QFETCH(QString, path);
        QFETCH(QString, message);
        const QString full = Api + u"/iofog/" + EdgeUuid + path;
        m_console.controller().protectedFixture("POST", full, 204, QString());
        const int listHits = m_console.controller().hits("GET", Api + u"/iofog-list");
        QSignalSpy finished(m_console.cluster(), &Models::ClusterView::actionFinished);
        QVERIFY(page()->deniedReason(action).isEmpty());
        QVERIFY(page()->run(action, EdgeUuid));
        QVERIFY(finished.wait(ConsoleWindow::Wait));
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(finished.at(0).at(1).toString(), message);
        QCOMPARE(m_console.controller().hits("POST", full), 1);
        // The list is read again so the new state shows.
        QTRY_VERIFY_WITH_TIMEOUT(m_console.controller().hits("GET", Api + u"/iofog-list") > listHits,
                                 ConsoleWindow::Wait);
    }

    void actionsThatAreNotReadyAreRefused()
    {
        // edge-node-1 has isReadyToRollback false: nothing is sent.
        m_console.controller().clearLog();
        const QString notReady = page()->deniedReason(QStringLiteral("rollback"));
        QVERIFY2(notReady.contains(u"isReadyToRollback"), qPrintable(notReady));
        QVERIFY(!page()->run(QStringLiteral("rollback"), EdgeUuid));
        // Only the selected fog (the one the confirmation named) is acted on.
        QVERIFY(!page()->run(QStringLiteral("reboot"), QStringLiteral("no-such-fog")));
        QTest::qWait(100);
        for (const HttpRequest &r : m_console.controller().requests())
            QVERIFY2(r.method == "GET", qPrintable(r.path));

        QJsonObject list = fixtureList();
        QJsonArray fogs = list.value(u"fogs").toArray();
        QJsonObject edge = fogs.at(0).toObject();
        edge.insert(u"isReadyToUpgrade", false);
        fogs.replace(0, edge);
        list.insert(u"fogs", fogs);
        serveList(list);
        QVERIFY(refreshAndWait());
        QTRY_VERIFY_WITH_TIMEOUT(page()->deniedReason(QStringLiteral("upgrade")).contains(u"isReadyToUpgrade"),
                                 ConsoleWindow::Wait);
        QVERIFY(!page()->run(QStringLiteral("upgrade"), EdgeUuid));
        QCOMPARE(m_console.controller().hits("POST", Api + u"/iofog/" + EdgeUuid + u"/version/upgrade"), 0);
        // The RBAC side still allows it for an admin; readiness is what blocks it.
        QVERIFY(m_console.cluster()->deniedReason(QStringLiteral("fogs"), QStringLiteral("patch"), EdgeUuid).isEmpty());
        QVERIFY(page()->deniedReason(QStringLiteral("reboot")).isEmpty());
    }

    void deleteSendsDeleteAndClearsTheSelection()
    {
        auto &c = m_console.controller();
        const QString path = Api + u"/iofog/" + EdgeUuid;
        QJsonObject without = fixtureList();
        QJsonArray fogs = without.value(u"fogs").toArray();
        fogs.removeAt(0);
        without.insert(u"fogs", fogs);
        c.setHandler("DELETE", path, [this, &c, without](const HttpRequest &r) {
            HttpResponse refusal;
            if (!c.authorize(r, &refusal))
                return refusal;
            serveList(without); // from now on the fog is gone
            return HttpResponse::empty(202);
        });
        QVERIFY(page()->deniedReason(QStringLiteral("delete")).isEmpty());
        QSignalSpy finished(m_console.cluster(), &Models::ClusterView::actionFinished);
        QVERIFY(page()->run(QStringLiteral("delete"), EdgeUuid));
        QVERIFY(finished.wait(ConsoleWindow::Wait));
        QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("Agent edge-node-1 deleted."));
        QCOMPARE(c.hits("DELETE", path), 1);
        QTRY_COMPARE_WITH_TIMEOUT(agents()->list()->count(), 1, ConsoleWindow::Wait);
        QVERIFY(!page()->hasSelection());
        QCOMPARE(agents()->details()->rowCount(), 0);
    }

    void provisioningKeyCountsDownAndIsForgotten()
    {
        auto &c = m_console.controller();
        const QString key = QStringLiteral("d11faeaa-8963-4822-9cd9-1fab5aae0162");
        const QString ca = QString::fromLatin1(
            QByteArrayLiteral("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n").toBase64());
        c.setHandler("GET", Api + u"/iofog/" + EdgeUuid + u"/provisioning-key",
                     [&c, key, ca](const HttpRequest &r) {
                         HttpResponse refusal;
                         if (!c.authorize(r, &refusal))
                             return refusal;
                         return HttpResponse::json(
                             201, QJsonObject{{QStringLiteral("key"), key},
                                              {QStringLiteral("expirationTime"),
                                               double(c.serverNowMs() + 2500)},
                                              {QStringLiteral("caCert"), ca}});
                     });
        QVERIFY(agents()->provisioningKeyDeniedReason().isEmpty());
        QSignalSpy changed(agents(), &AgentsPage::provisioningKeyChanged);
        agents()->fetchProvisioningKey();
        QVERIFY(agents()->keyLoading());
        QTRY_VERIFY_WITH_TIMEOUT(agents()->hasKey(), ConsoleWindow::Wait);
        QVERIFY(agents()->keyError().isEmpty());
        // Masked until revealed, in the text and in the command.
        QCOMPARE(agents()->keyText(), QString(key.size(), u'•'));
        QVERIFY(!agents()->provisionCommand().contains(key));
        agents()->setKeyRevealed(true);
        QCOMPARE(agents()->keyText(), key);
        QCOMPARE(agents()->provisionCommand(), u"sudo iofog-agent provision " + key);
        QCOMPARE(agents()->configCommand(),
                 u"sudo iofog-agent config -a " + c.address() + u"/api/v3/");
        QCOMPARE(agents()->certCommand(), u"sudo iofog-agent cert " + ca);
        QVERIFY(agents()->caCertPem().startsWith(u"-----BEGIN CERTIFICATE-----"));
        QVERIFY(agents()->keySecondsLeft() >= 1 && agents()->keySecondsLeft() <= 3);
        QVERIFY(agents()->keyCountdownText().endsWith(u" left"));
        QVERIFY(!agents()->keyExpired());
        QSignalSpy ticks(agents(), &AgentsPage::keyCountdownChanged);
        QTRY_VERIFY_WITH_TIMEOUT(agents()->keyExpired(), 6000);
        QVERIFY(ticks.size() >= 2);
        QCOMPARE(agents()->keySecondsLeft(), 0);
        QCOMPARE(agents()->keyCountdownText(), QStringLiteral("expired"));

        // Nothing the console saved holds the key.
        QDirIterator it(m_console.dir(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(key.toLatin1()), qPrintable(f.fileName()));
        }

        // Moving the selection to another fog forgets the key.
        agents()->list()->setSelectedKey(HubUuid);
        QVERIFY(!agents()->hasKey());
        QVERIFY(agents()->keyText().isEmpty());
        QVERIFY(!agents()->keyRevealed());
        QVERIFY(agents()->provisionCommand().isEmpty());
    }

    void microservicesOfTheSelectedAgent()
    {
        for (const QString &agent : {EdgeUuid, HubUuid}) {
            agents()->list()->setSelectedKey(agent);
            const QStringList expected = microserviceUuidsOn(agent);
            QVERIFY(!expected.isEmpty());
            QTRY_COMPARE_WITH_TIMEOUT(keysOf(agents()->microservices()), expected,
                                      ConsoleWindow::Wait);
            QCOMPARE(m_console.cluster()->microservicesOnAgent(agent).size(), expected.size());
        }
        // The row shows name, application, status and activation; system ones say so in a tip.
        QVERIFY(selectMicroservice(SensorUuid));
        const auto build = AgentsPage::microserviceSpec().build;
        const Models::ResourceRow row = build(agents()->microservices()->object(SensorUuid));
        QCOMPARE(row.cells, (QStringList{QStringLiteral("temp-sensor"), QStringLiteral("foo-producer"),
                                          QStringLiteral("QUEUED"), QStringLiteral("yes")}));
        const Models::ResourceRow nats = build(agents()->microservices()->object(EdgeNatsUuid));
        QCOMPARE(nats.cells.at(1), QStringLiteral("system-edge-node-1"));
        QVERIFY(nats.tips.at(1).contains(u"system application"));
        QVERIFY(row.tips.at(1).isEmpty());
        QVERIFY(m_console.cluster()->microservicesOnAgent(QStringLiteral("no-such-agent")).isEmpty());
    }

    void restartStopsThenStarts()
    {
        QVERIFY(selectMicroservice(SensorUuid));
        QVERIFY(agents()->restartDeniedReason().isEmpty());
        QStringList order;
        recordStopStart(&order, 204);
        QSignalSpy finished(m_console.cluster(), &Models::ClusterView::actionFinished);
        QVERIFY(agents()->restartMicroservice(SensorUuid));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, ConsoleWindow::Wait);
        QCOMPARE(order, (QStringList{QStringLiteral("stop"), QStringLiteral("start")}));
        QCOMPARE(finished.at(1).at(0).toBool(), true);
        QCOMPARE(finished.at(1).at(1).toString(), QStringLiteral("Microservice temp-sensor restarted."));
    }

    void restartDoesNotStartWhenTheStopFails()
    {
        QVERIFY(selectMicroservice(SensorUuid));
        QStringList order;
        recordStopStart(&order, 404);
        QSignalSpy finished(m_console.cluster(), &Models::ClusterView::actionFinished);
        QVERIFY(agents()->restartMicroservice(SensorUuid));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, ConsoleWindow::Wait);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QTest::qWait(300);
        QCOMPARE(order, QStringList{QStringLiteral("stop")});
        QCOMPARE(finished.count(), 1);
        QVERIFY(!m_console.cluster()->lastActionOk());
    }

    void rebuildSendsPatchRebuild()
    {
        QVERIFY(selectMicroservice(SensorUuid));
        QVERIFY(agents()->rebuildDeniedReason().isEmpty());
        const QString path = Api + u"/microservices/" + SensorUuid + u"/rebuild";
        const int before = m_console.controller().hits("PATCH", path);
        QSignalSpy finished(m_console.cluster(), &Models::ClusterView::actionFinished);
        QVERIFY(agents()->rebuildMicroservice(SensorUuid));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, ConsoleWindow::Wait);
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(finished.at(0).at(1).toString(),
                 QStringLiteral("Rebuild of microservice temp-sensor requested."));
        QCOMPARE(m_console.controller().hits("PATCH", path), before + 1);
    }

    void systemMicroserviceRebuildsButDoesNotRestart()
    {
        QVERIFY(selectMicroservice(EdgeNatsUuid));
        QVERIFY(agents()->microserviceSystem());
        QVERIFY(!agents()->restartDeniedReason().isEmpty());
        m_console.controller().clearLog();
        QVERIFY(!agents()->restartMicroservice(EdgeNatsUuid));
        const QString path = Api + u"/microservices/system/" + EdgeNatsUuid + u"/rebuild";
        m_console.controller().protectedFixture("PATCH", path, 204, QString());
        QVERIFY(agents()->rebuildDeniedReason().isEmpty());
        QSignalSpy finished(m_console.cluster(), &Models::ClusterView::actionFinished);
        QVERIFY(agents()->rebuildMicroservice(EdgeNatsUuid));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, ConsoleWindow::Wait);
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(m_console.controller().hits("PATCH", path), 1);
        for (const HttpRequest &r : m_console.controller().requests())
            QVERIFY2(r.method == "GET" || r.path == path, qPrintable(r.path));
    }

    void viewerGetsTheReasonAndNoRequest()
    {
        ConsoleWindow console;
        QVERIFY(console.start());
        QVERIFY(console.signIn(QStringLiteral("viewer@example.com"), QStringLiteral("viewer-pass")));
        QTRY_VERIFY_WITH_TIMEOUT(console.cluster()->roleBindings()->loaded(), ConsoleWindow::Wait);
        AgentsPage *page = console.cluster()->agents();
        QTRY_COMPARE_WITH_TIMEOUT(page->list()->count(), 2, ConsoleWindow::Wait);
        page->list()->setSelectedKey(EdgeUuid);
        QTRY_VERIFY_WITH_TIMEOUT(!page->microservices()->object(SensorUuid).isEmpty(), ConsoleWindow::Wait);
        page->microservices()->setSelectedKey(SensorUuid);
        for (const QString &reason : {page->restartDeniedReason(), page->rebuildDeniedReason()}) {
            QVERIFY2(reason.contains(u"microservices:patch"), qPrintable(reason));
            QVERIFY2(reason.contains(u"viewer", Qt::CaseInsensitive), qPrintable(reason));
        }
        console.controller().clearLog();
        QVERIFY(!page->restartMicroservice(SensorUuid));
        QVERIFY(!page->rebuildMicroservice(SensorUuid));
        QTest::qWait(200);
        for (const HttpRequest &r : console.controller().requests())
            QVERIFY2(r.method == "GET", qPrintable(QString::fromLatin1(r.method) + u' ' + r.path));
    }

    void provisioningKeyIsWipedWhenTheSelectionMoves()
    {
        auto &c = m_console.controller();
        const QString key = QStringLiteral("5e0c1d2a-7b44-4c1e-9a57-0f6a1e2b3c4d");
        int served = 0;
        c.setHandler("GET", Api + u"/iofog/" + EdgeUuid + u"/provisioning-key",
                     [&c, &served, key](const HttpRequest &r) {
                         HttpResponse refusal;
                         if (!c.authorize(r, &refusal))
                             return refusal;
                         ++served;
                         return HttpResponse::json(
                             201, QJsonObject{{QStringLiteral("key"), key},
                                              {QStringLiteral("expirationTime"),
                                               double(c.serverNowMs() + 600000)},
                                              {QStringLiteral("caCert"), QString()}});
                     });
        agents()->list()->setSelectedKey(EdgeUuid);
        agents()->fetchProvisioningKey();
        QTRY_VERIFY_WITH_TIMEOUT(agents()->hasKey(), ConsoleWindow::Wait);
        agents()->setKeyRevealed(true);
        QCOMPARE(agents()->keyText(), key);

        // A refresh of the same fog keeps it; the list's snapshot is written, without the key.
        QVERIFY(refreshAndWait());
        QVERIFY(agents()->hasKey());
        bool sawSnapshot = false;
        QDirIterator it(m_console.dir(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            sawSnapshot = sawSnapshot || bytes.contains(EdgeUuid.toLatin1());
            QVERIFY2(!bytes.contains(key.toLatin1()), qPrintable(f.fileName()));
        }
        QVERIFY2(sawSnapshot, "no snapshot of the agent list was found to check");

        // Another fog selected: the key is gone, revealed or not.
        agents()->list()->setSelectedKey(HubUuid);
        QVERIFY(!agents()->hasKey());
        QVERIFY(agents()->keyText().isEmpty());
        QVERIFY(!agents()->keyRevealed());
        QVERIFY(agents()->provisionCommand().isEmpty());
        QVERIFY(agents()->keyExpiresAt().isEmpty());

        // An answer that arrives after the selection moved is dropped, not shown for the other fog.
        agents()->list()->setSelectedKey(EdgeUuid);
        const int before = served;
        agents()->fetchProvisioningKey();
        QVERIFY(agents()->keyLoading());
        agents()->list()->setSelectedKey(HubUuid);
        QVERIFY(!agents()->keyLoading());
        // Answered or cancelled: either way nothing shows.
        (void)QTest::qWaitFor([&served, before] { return served > before; }, 1000);
        QTest::qWait(200);
        QVERIFY(!agents()->hasKey());
        QVERIFY(agents()->keyText().isEmpty());
    }

    void provisioningKeyErrorIsShown()
    {
        agents()->list()->setSelectedKey(HubUuid);
        m_console.controller().setHandler(
            "GET", Api + u"/iofog/" + HubUuid + u"/provisioning-key",
            [](const HttpRequest &) {
                return HttpResponse::fixture(404, QStringLiteral("GET_iofog_UUID__missing_404.json"));
            });
        agents()->fetchProvisioningKey();
        QTRY_VERIFY_WITH_TIMEOUT(!agents()->keyLoading(), ConsoleWindow::Wait);
        QVERIFY(!agents()->hasKey());
        QVERIFY(!agents()->keyError().isEmpty());
        agents()->clearProvisioningKey();
        QVERIFY(agents()->keyError().isEmpty());
    }
};

QTEST_MAIN(TstAgentsPage)
#include "tst_agentspage.moc"
