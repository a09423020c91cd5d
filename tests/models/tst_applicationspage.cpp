#include "core/profiles/memorysecretstore.h"
#include "core/profiles/profilestore.h"
#include "core/profiles/snapshotstore.h"
#include "core/resources/registry.h"
#include "models/agentspage.h"
#include "models/applicationspage.h"
#include "models/clusterview.h"
#include "models/controlplanes.h"
#include "models/detailsmodel.h"
#include "models/resourcepage.h"
#include "standincontroller.h"
#include "testutil.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace Pot;
using namespace Qt::StringLiterals;
using Pot::Models::ApplicationsPage;
using Pot::Models::ResourceList;
using Pot::Models::ResourcePage;
using Pot::Test::HttpRequest;
using Pot::Test::HttpResponse;

namespace {

const QString Api = QStringLiteral("/api/v3");
const QString SensorUuid = QStringLiteral("4b4533f6-8d61-4751-a904-57acb0e8e692");
constexpr int Wait = 15000;

QString cell(ResourceList *list, const QString &key, int column)
{
    const int row = list->table()->indexOfKey(key);
    return row < 0 ? QString() : list->table()->rowAt(row).cell(column).toString();
}

} // namespace

/// The Applications page model against the stand-in Controller: lists, the microservices of the
/// selected application, details, rule links, actions and refresh without reset.
class TstApplicationsPage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Test::StandInController> m_controller;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<Profiles::ProfileStore> m_store;
    std::unique_ptr<Profiles::MemorySecretStore> m_secrets;
    std::unique_ptr<Profiles::SnapshotStore> m_snapshots;
    Resources::Registry m_kinds;
    std::unique_ptr<Models::ControlPlanes> m_planes;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;

    Models::ClusterView *cluster() const
    {
        return qobject_cast<Models::ClusterView *>(m_planes->currentCluster());
    }
    ApplicationsPage *page() const { return cluster()->applications(); }
    // The generic pages of the three kinds.
    ResourcePage *apps() const { return page()->applications(); }
    ResourcePage *system() const { return page()->systemApplications(); }
    ResourcePage *ms() const { return page()->microservices(); }

    bool signIn(const QString &email, const QString &password)
    {
        const QString error = m_planes->saveProfile(
            -1, {{QStringLiteral("name"), QStringLiteral("stand-in")},
                 {QStringLiteral("url"), m_controller->address()},
                 {QStringLiteral("email"), email},
                 {QStringLiteral("refreshInterval"), 300}});
        if (!error.isEmpty())
            return false;
        const int index = m_planes->currentIndex();
        m_planes->connectProfile(index);
        const auto state = [this] { return m_planes->currentState(); };
        QDeadlineTimer deadline(Wait);
        while (state() != int(ConnectionState::SignInRequired)
               && state() != int(ConnectionState::SignedIn) && !deadline.hasExpired())
            QTest::qWait(20);
        if (state() == int(ConnectionState::SignInRequired))
            m_planes->signIn(index, email, password, QString(), false);
        while (state() != int(ConnectionState::SignedIn) && !deadline.hasExpired())
            QTest::qWait(20);
        return state() == int(ConnectionState::SignedIn);
    }

    /// The stand-in's GET /application answer with temp-sensor changed by `edit`.
    static QJsonObject editedApplications(const std::function<void(QJsonObject &)> &edit)
    {
        QJsonObject answer = QJsonDocument::fromJson(Test::readData(
                                 QStringLiteral("controller-3.7.3/GET_application.json")))
                                 .object();
        QJsonArray apps = answer.value(u"applications").toArray();
        QJsonObject app = apps.at(0).toObject();
        QJsonArray ms = app.value(u"microservices").toArray();
        QJsonObject sensor = ms.at(0).toObject();
        edit(sensor);
        ms[0] = sensor;
        app[QStringLiteral("microservices")] = ms;
        apps[0] = app;
        answer[QStringLiteral("applications")] = apps;
        return answer;
    }

    /// Serves the capture with foo-producer changed by `edit` (none: the capture as it is) and
    /// waits until the application list shows it.
    void editApplication(const std::function<void(QJsonObject &)> &edit)
    {
        if (edit) {
            m_controller->setHandler("GET", Api + u"/application", [edit](const HttpRequest &) {
                QJsonObject answer = editedApplications([](QJsonObject &) {});
                QJsonArray list = answer.value(u"applications").toArray();
                QJsonObject app = list.at(0).toObject();
                edit(app);
                list[0] = app;
                answer[QStringLiteral("applications")] = list;
                return HttpResponse::json(200, answer);
            });
        }
        QTRY_VERIFY_WITH_TIMEOUT(!page()->list()->loading(), Wait);
        QSignalSpy applied(page()->list(), &ResourceList::applied);
        page()->list()->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(applied.count() > 0, Wait);
    }

    void selectSensor()
    {
        // An action's follow-up refresh may still be under way; start from a settled list.
        QTRY_VERIFY_WITH_TIMEOUT(!page()->list()->loading(), Wait);
        page()->setShowSystem(false);
        page()->list()->setSelectedKey(QStringLiteral("foo-producer"));
        ms()->list()->setSelectedKey(SensorUuid);
    }

    int countRequests(const QByteArray &method, const QString &path) const
    {
        int n = 0;
        for (const HttpRequest &r : m_controller->requests())
            n += (r.method == method && r.path == path) ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        Test::initTestEnvironment();
        QVERIFY(m_dir.isValid());
        m_controller = std::make_unique<Test::StandInController>();
        QVERIFY(m_controller->listen());
        m_network = std::make_unique<QNetworkAccessManager>();
        m_store = std::make_unique<Profiles::ProfileStore>(m_dir.filePath(QStringLiteral("p.yaml")));
        m_secrets = std::make_unique<Profiles::MemorySecretStore>();
        m_snapshots = std::make_unique<Profiles::SnapshotStore>(m_dir.filePath(QStringLiteral("s")));
        Models::ControlPlanes::Services services;
        services.store = m_store.get();
        services.secrets = m_secrets.get();
        services.snapshots = m_snapshots.get();
        services.kinds = &m_kinds;
        services.potctlHome = m_dir.path();
        services.requestTimeoutMs = 5000;
        services.openBrowser = [](const QUrl &) {};
        m_planes = std::make_unique<Models::ControlPlanes>(services);
        QVERIFY(signIn(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        QVERIFY(cluster());
        QVERIFY(apps() && system() && ms());
        QCOMPARE(page()->list(), apps()->list());
        QCOMPARE(page()->systemList(), system()->list());
        for (QAbstractItemModel *m : {page()->list()->model(), page()->systemList()->model(),
                                      ms()->list()->model()})
            m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
                m, QAbstractItemModelTester::FailureReportingMode::QtTest));
        QTRY_VERIFY_WITH_TIMEOUT(page()->list()->loaded() && page()->systemList()->loaded()
                                     && cluster()->agents()->list()->loaded(),
                                 Wait);
    }

    void listsShowTheCapture()
    {
        ResourceList *apps = page()->list();
        QCOMPARE(apps->count(), 1);
        const QString foo = QStringLiteral("foo-producer");
        QCOMPARE(cell(apps, foo, 0), foo);
        QCOMPARE(cell(apps, foo, 1), QStringLiteral("activated"));
        QCOMPARE(cell(apps, foo, 2), QStringLiteral("1"));
        QCOMPARE(cell(apps, foo, 3), QStringLiteral("0")); // temp-sensor is QUEUED
        QCOMPARE(cell(apps, foo, 4), QStringLiteral("on (foo-exporter)"));
        QVERIFY(cell(apps, foo, 5).startsWith(u"Publishes telemetry"));

        // System applications come from GET /application/system, apart from the others.
        ResourceList *system = page()->systemList();
        QCOMPARE(system->count(), 2);
        QVERIFY(system->table()->indexOfKey(QStringLiteral("system-remote-hub")) >= 0);
        QVERIFY(system->table()->indexOfKey(QStringLiteral("system-edge-node-1")) >= 0);
        QCOMPARE(apps->table()->indexOfKey(QStringLiteral("system-remote-hub")), -1);
        QCOMPARE(cell(system, QStringLiteral("system-remote-hub"), 4), QStringLiteral("off"));
        QCOMPARE(countRequests("GET", Api + u"/application/system"), 1);
    }

    void microservicesOfTheSelectedApplication()
    {
        QSignalSpy selection(page(), &ApplicationsPage::selectionChanged);
        page()->setShowSystem(false);
        page()->list()->setSelectedKey(QStringLiteral("foo-producer"));
        QVERIFY(selection.count() > 0);
        QVERIFY(page()->hasApplication());
        QCOMPARE(apps()->selectedName(), QStringLiteral("foo-producer"));
        QCOMPARE(page()->accountRuleName(), QStringLiteral("foo-exporter"));

        ResourceList *ms = this->ms()->list();
        QVERIFY(ms->loaded());
        QCOMPARE(ms->count(), 1);
        QCOMPARE(cell(ms, SensorUuid, 0), QStringLiteral("temp-sensor"));
        QCOMPARE(cell(ms, SensorUuid, 1), QStringLiteral("QUEUED"));
        QCOMPARE(ms->table()->rowAt(0).tone(1), Models::Tone::Info);
        // iofogUuid shown as the agent's name once the agent list is read.
        QCOMPARE(cell(ms, SensorUuid, 2), QStringLiteral("edge-node-1"));
        QCOMPARE(cell(ms, SensorUuid, 3), QStringLiteral("18080→8080/tcp"));
        QCOMPARE(cell(ms, SensorUuid, 4), QStringLiteral("no check"));
        QCOMPARE(cell(ms, SensorUuid, 5), QStringLiteral("on (sensor-publisher)"));
        QCOMPARE(cell(ms, SensorUuid, 6),
                 QStringLiteral("temp-sensor:1.2.0 (x86), temp-sensor:1.2.0-arm (ARM)"));

        // The system tab shows the system applications' microservices.
        page()->setShowSystem(true);
        QVERIFY(!page()->hasApplication());
        QCOMPARE(ms->count(), 0);
        page()->systemList()->setSelectedKey(QStringLiteral("system-remote-hub"));
        QCOMPARE(ms->count(), 2);
        // Its microservices are marked as a system application's (read-only).
        for (const QJsonObject &o : ms->objects())
            QVERIFY(o.value(u"isSystem").toBool());
        page()->setShowSystem(false);
        QCOMPARE(page()->application().value(u"name").toString(), QStringLiteral("foo-producer"));
        QCOMPARE(ms->count(), 1);
        QVERIFY(!ms->objects().constFirst().value(u"isSystem").toBool());
    }

    void detailsOfApplicationAndMicroservice()
    {
        selectSensor();
        Models::DetailsModel *app = apps()->details();
        QCOMPARE(app->valueOf(QStringLiteral("Name")), QStringLiteral("foo-producer"));
        QCOMPARE(app->valueOf(QStringLiteral("State")), QStringLiteral("activated"));
        QCOMPARE(app->valueOf(QStringLiteral("NATS access")), QStringLiteral("enabled"));
        QCOMPARE(app->valueOf(QStringLiteral("Account rule")), QStringLiteral("foo-exporter"));
        QCOMPARE(app->valueOf(QStringLiteral("Count")), QStringLiteral("1"));

        QVERIFY(this->ms()->hasSelection());
        QCOMPARE(this->ms()->selectedName(), QStringLiteral("temp-sensor"));
        QCOMPARE(page()->microserviceStatus(), QStringLiteral("QUEUED"));
        QCOMPARE(page()->microserviceStatusTone(), int(Models::Tone::Info));
        QCOMPARE(page()->userRuleName(), QStringLiteral("sensor-publisher"));
        Models::DetailsModel *ms = this->ms()->details();
        QCOMPARE(ms->valueOf(QStringLiteral("UUID")), SensorUuid);
        QCOMPARE(ms->valueOf(QStringLiteral("Agent")), QStringLiteral("edge-node-1"));
        QCOMPARE(ms->valueOf(QStringLiteral("x86")), QStringLiteral("ghcr.io/example/temp-sensor:1.2.0"));
        QCOMPARE(ms->valueOf(QStringLiteral("ARM")),
                 QStringLiteral("ghcr.io/example/temp-sensor:1.2.0-arm"));
        QCOMPARE(ms->valueOf(QStringLiteral("container 8080/tcp")), QStringLiteral("host 18080"));
        QCOMPARE(ms->valueOf(QStringLiteral("/data")), QStringLiteral("/var/lib/temp-sensor (bind, rw)"));
        QCOMPARE(ms->valueOf(QStringLiteral("/etc/nats/creds")),
                 QStringLiteral("nats-creds-foo-producer-temp-sensor (volumeMount, ro)"));
        QCOMPARE(ms->valueOf(QStringLiteral("NATS_SUBJECT")), QStringLiteral("foo.temperature"));
        QCOMPARE(ms->valueOf(QStringLiteral("User rule")), QStringLiteral("sensor-publisher"));
        QCOMPARE(ms->valueOf(QStringLiteral("Creds secret")),
                 QStringLiteral("nats-creds-foo-producer-temp-sensor"));
        QCOMPARE(ms->valueOf(QStringLiteral("Exec status")), QStringLiteral("INACTIVE"));
        QCOMPARE(ms->valueOf(QStringLiteral("Check")), QStringLiteral("none"));
        // config is a JSON string; it is shown pretty-printed.
        QCOMPARE(ms->valueOf(QStringLiteral("Config")),
                 QStringLiteral("{\n    \"interval\": 5,\n    \"unit\": \"C\"\n}"));
    }

    void secretEnvironmentShownAsReference()
    {
        page()->setShowSystem(true);
        page()->systemList()->setSelectedKey(QStringLiteral("system-remote-hub"));
        const QString nats = QStringLiteral("292f3499-4622-4e09-93bc-d6b027f64846");
        this->ms()->list()->setSelectedKey(nats);
        Models::DetailsModel *ms = this->ms()->details();
        QCOMPARE(ms->valueOf(QStringLiteral("JETSTREAM_KEY")),
                 QStringLiteral("from secret nats-jetstream-key-remote-hub/jsk"));
        // The Controller sends the resolved value; it must appear nowhere.
        for (const Models::DetailRow &row : ms->rows())
            QVERIFY2(!row.value.contains(u"Qlyr9nQ8"), qPrintable(row.label));
        QVERIFY(ms->valueOf(QStringLiteral("Check")).startsWith(u"CMD-SHELL curl -f"));
        QCOMPARE(ms->valueOf(QStringLiteral("Timing")),
                 QStringLiteral("every 30 s, timeout 10 s, start period 60 s, 3 retries"));
        // System applications are read-only here: every action is refused, and run() sends nothing.
        m_controller->clearLog();
        for (const QString &action : {u"start"_s, u"stop"_s, u"delete"_s}) {
            QVERIFY(this->ms()->deniedReason(action).contains(u"System applications"));
            QVERIFY(system()->deniedReason(action).contains(u"System applications"));
            QVERIFY(!this->ms()->run(action, nats));
            QVERIFY(!system()->run(action, QStringLiteral("system-remote-hub")));
        }
        QTest::qWait(100);
        for (const HttpRequest &r : m_controller->requests())
            QCOMPARE(r.method, QByteArray("GET"));
        page()->setShowSystem(false);
    }

    void ruleLinks()
    {
        QSignalSpy spy(page(), &ApplicationsPage::ruleLinkActivated);
        page()->openRule(QStringLiteral("account"), page()->accountRuleName());
        page()->openRule(QStringLiteral("user"), QStringLiteral("sensor-publisher"));
        page()->openRule(QStringLiteral("user"), QString());     // no rule: nothing to open
        page()->openRule(QStringLiteral("operator"), QStringLiteral("x"));
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy.at(0), (QList<QVariant>{QStringLiteral("account"), QStringLiteral("foo-exporter")}));
        QCOMPARE(spy.at(1), (QList<QVariant>{QStringLiteral("user"), QStringLiteral("sensor-publisher")}));
    }

    void actionsSendTheRightRequests_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("action");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("stop microservice") << "microservices" << "stop" << QByteArray("PATCH")
                                           << QString(Api + u"/microservices/" + SensorUuid + u"/stop")
                                           << QByteArray() << "Microservice temp-sensor stopped.";
        QTest::newRow("start microservice") << "microservices" << "start" << QByteArray("PATCH")
                                            << QString(Api + u"/microservices/" + SensorUuid + u"/start")
                                            << QByteArray() << "Microservice temp-sensor started.";
        QTest::newRow("delete microservice") << "microservices" << "delete" << QByteArray("DELETE")
                                             << QString(Api + u"/microservices/" + SensorUuid)
                                             << QByteArray() << "Microservice temp-sensor deleted.";
        QTest::newRow("stop application") << "applications" << "stop" << QByteArray("PATCH")
                                          << QString(Api + u"/application/foo-producer")
                                          << QByteArray(R"({"isActivated":false})")
                                          << "Application foo-producer stopped.";
        QTest::newRow("start application") << "applications" << "start" << QByteArray("PATCH")
                                           << QString(Api + u"/application/foo-producer")
                                           << QByteArray(R"({"isActivated":true})")
                                           << "Application foo-producer started.";
        QTest::newRow("delete application") << "applications" << "delete" << QByteArray("DELETE")
                                            << QString(Api + u"/application/foo-producer")
                                            << QByteArray() << "Application foo-producer deleted.";
    }

    void actionsSendTheRightRequests()
    {
        QFETCH(QString, kind);
        QFETCH(QString, action);
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        selectSensor();
        ResourcePage *target = cluster()->resourcePage(kind);
        QVERIFY(target);
        QVERIFY(ms()->deniedReason(QStringLiteral("stop")).isEmpty());
        QVERIFY(apps()->deniedReason(QStringLiteral("delete")).isEmpty());
        // The capture's application is activated: starting it is refused until it is stopped.
        if (kind == u"applications" && action == u"start") {
            QCOMPARE(apps()->deniedReason(action), QStringLiteral("The application is already activated."));
            QVERIFY(!apps()->run(action, apps()->selectedKey()));
            editApplication([](QJsonObject &app) { app[QStringLiteral("isActivated")] = false; });
            QCOMPARE(apps()->deniedReason(QStringLiteral("stop")),
                     QStringLiteral("The application is already stopped."));
        }
        QVERIFY(target->deniedReason(action).isEmpty());
        QList<HttpRequest> seen;
        m_controller->setHandler(method, path, [&seen](const HttpRequest &r) {
            seen << r;
            return HttpResponse::empty(204);
        });
        QSignalSpy finished(cluster(), &Models::ClusterView::actionFinished);
        QSignalSpy refreshed(page()->list(), &ResourceList::applied);
        QVERIFY(target->run(action, target->selectedKey()));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Wait);
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(finished.at(0).at(1).toString(), message);
        QCOMPARE(seen.size(), 1);
        QVERIFY(!seen.at(0).bearerToken().isEmpty());
        if (!body.isEmpty())
            QCOMPARE(seen.at(0).jsonBody(), QJsonDocument::fromJson(body).object());
        // The application list is read again after the action.
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() > 0, Wait);
        if (kind == u"applications" && action == u"start") {
            // Back to the capture for the tests after this one.
            m_controller->protectedFixture("GET", Api + u"/application", 200,
                                           QStringLiteral("GET_application.json"));
            editApplication({});
        }
    }

    void failedActionIsReported()
    {
        selectSensor();
        m_controller->setHandler("PATCH", Api + u"/microservices/" + SensorUuid + u"/stop",
                                 [](const HttpRequest &) {
                                     return HttpResponse::fixture(
                                         403, QStringLiteral("PUT_config__viewer-token_403.json"));
                                 });
        QSignalSpy finished(cluster(), &Models::ClusterView::actionFinished);
        QVERIFY(ms()->run(QStringLiteral("stop"), SensorUuid));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Wait);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY(!finished.at(0).at(1).toString().isEmpty());
    }

    void refreshOfAChangedApplicationKeepsSelection()
    {
        selectSensor();
        QCOMPARE(page()->microserviceStatus(), QStringLiteral("QUEUED"));
        m_controller->setHandler("GET", Api + u"/application", [](const HttpRequest &) {
            return HttpResponse::json(200, editedApplications([](QJsonObject &sensor) {
                QJsonObject status = sensor.value(u"status").toObject();
                status[QStringLiteral("status")] = QStringLiteral("RUNNING");
                status[QStringLiteral("healthStatus")] = QStringLiteral("healthy");
                sensor[QStringLiteral("status")] = status;
            }));
        });
        std::vector<std::unique_ptr<QSignalSpy>> structural;
        for (QAbstractItemModel *m : {static_cast<QAbstractItemModel *>(page()->list()->table()),
                                      static_cast<QAbstractItemModel *>(ms()->list()->table())}) {
            structural.push_back(std::make_unique<QSignalSpy>(m, &QAbstractItemModel::modelReset));
            structural.push_back(std::make_unique<QSignalSpy>(m, &QAbstractItemModel::rowsInserted));
            structural.push_back(std::make_unique<QSignalSpy>(m, &QAbstractItemModel::rowsRemoved));
        }
        QSignalSpy appChanged(page()->list()->table(), &QAbstractItemModel::dataChanged);
        QSignalSpy msChanged(ms()->list()->table(), &QAbstractItemModel::dataChanged);
        QSignalSpy applied(page()->list(), &ResourceList::applied);
        page()->list()->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(applied.count() > 0, Wait);

        QCOMPARE(appChanged.count(), 1);
        QCOMPARE(msChanged.count(), 1);
        for (const auto &spy : structural)
            QCOMPARE(spy->count(), 0);
        QCOMPARE(page()->list()->selectedKey(), QStringLiteral("foo-producer"));
        QCOMPARE(ms()->list()->selectedKey(), SensorUuid);
        QCOMPARE(cell(page()->list(), QStringLiteral("foo-producer"), 3), QStringLiteral("1"));
        QCOMPARE(cell(ms()->list(), SensorUuid, 1), QStringLiteral("RUNNING"));
        QCOMPARE(ms()->list()->table()->rowAt(0).tone(1), Models::Tone::Ok);
        QCOMPARE(cell(ms()->list(), SensorUuid, 4), QStringLiteral("healthy"));
        QCOMPARE(page()->microserviceStatus(), QStringLiteral("RUNNING"));
        QCOMPARE(ms()->details()->valueOf(QStringLiteral("Status")),
                 QStringLiteral("RUNNING"));
    }

    void refreshingMicroservicesReadsTheApplicationsAgain()
    {
        selectSensor();
        const int before = countRequests("GET", Api + u"/application");
        QSignalSpy applied(page()->list(), &ResourceList::applied);
        ms()->list()->refresh();
        QVERIFY(!ms()->list()->stale());
        QTRY_VERIFY_WITH_TIMEOUT(applied.count() > 0, Wait);
        QCOMPARE(countRequests("GET", Api + u"/application"), before + 1);
        QCOMPARE(ms()->list()->selectedKey(), SensorUuid);
    }

    void failedMicroserviceIsBad()
    {
        selectSensor();
        m_controller->setHandler("GET", Api + u"/application", [](const HttpRequest &) {
            return HttpResponse::json(200, editedApplications([](QJsonObject &sensor) {
                QJsonObject status = sensor.value(u"status").toObject();
                status[QStringLiteral("status")] = QStringLiteral("STUCK_IN_RESTART");
                sensor[QStringLiteral("status")] = status;
            }));
        });
        QSignalSpy applied(page()->list(), &ResourceList::applied);
        page()->list()->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(applied.count() > 0, Wait);
        QCOMPARE(ms()->list()->table()->rowAt(0).tone(1), Models::Tone::Bad);
        QCOMPARE(cell(page()->list(), QStringLiteral("foo-producer"), 3), QStringLiteral("0"));
    }

    void namesAreSentAsOneEncodedSegment_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QByteArray>("method");
        QTest::newRow("stop application") << "stop" << QByteArray("PATCH");
        QTest::newRow("delete application") << "delete" << QByteArray("DELETE");
    }

    void namesAreSentAsOneEncodedSegment()
    {
        QFETCH(QString, action);
        QFETCH(QByteArray, method);
        // An application whose name has a space and a slash: sent as it is, the slash would make
        // two segments and reach another route (or none).
        const QString name = QStringLiteral("my app/v2");
        m_controller->setHandler("GET", Api + u"/application", [name](const HttpRequest &) {
            QJsonObject answer = editedApplications([](QJsonObject &) {});
            QJsonArray apps = answer.value(u"applications").toArray();
            QJsonObject app = apps.at(0).toObject();
            app[QStringLiteral("name")] = name;
            apps[0] = app;
            answer[QStringLiteral("applications")] = apps;
            return HttpResponse::json(200, answer);
        });
        QSignalSpy applied(page()->list(), &ResourceList::applied);
        page()->list()->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(applied.count() > 0 && page()->list()->object(name).value(u"name") == name,
                                 Wait);
        page()->setShowSystem(false);
        page()->list()->setSelectedKey(name);
        QCOMPARE(apps()->selectedName(), name);

        // Routes are keyed by the decoded path; rawPath shows what went over the wire.
        const QString route = Api + u"/application/my app/v2";
        QList<HttpRequest> seen;
        m_controller->setHandler(method, route, [&seen](const HttpRequest &r) {
            seen << r;
            return HttpResponse::empty(204);
        });
        m_controller->clearLog();
        QSignalSpy finished(cluster(), &Models::ClusterView::actionFinished);
        QVERIFY(apps()->run(action, name));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Wait);
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(seen.size(), 1);
        QCOMPARE(seen.at(0).method, method);
        QCOMPARE(seen.at(0).rawPath, QByteArrayLiteral("/api/v3/application/my%20app%2Fv2"));
        const QList<QByteArray> segments = seen.at(0).rawPath.split('/');
        QCOMPARE(segments.size(), 5); // "", "api", "v3", "application", the name
        QCOMPARE(QUrl::fromPercentEncoding(segments.last()), name);

        // Back to the capture for the tests after this one (after the action's own refresh).
        m_controller->protectedFixture("GET", Api + u"/application", 200, QStringLiteral("GET_application.json"));
        QTRY_VERIFY_WITH_TIMEOUT(!page()->list()->loading(), Wait);
        page()->list()->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(!page()->list()->object(QStringLiteral("foo-producer")).isEmpty(), Wait);
    }

    void cleanupTestCase()
    {
        m_testers.clear();
        m_planes.reset();
    }
};

QTEST_MAIN(TstApplicationsPage)
#include "tst_applicationspage.moc"
