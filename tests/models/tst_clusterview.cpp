#include "consolewindow.h"
#include "core/net/apireply.h"
#include "core/rbac/rbac.h"
#include "models/agentspage.h"
#include "models/clusterview.h"
#include "core/cluster/demodata.h"
#include "core/session/controlplanesession.h"
#include "models/natspage.h"
#include "testutil.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <memory>

using namespace Pot;
using Pot::Models::ClusterView;
using Pot::Test::ConsoleWindow;
using Pot::Test::HttpRequest;
using Pot::Test::HttpResponse;

namespace {

const QString kSeed = QStringLiteral("SUAIBDPBAUTWCWBKIO6XHQNINK5FWJW4OHLXC3HQ2KFE4PEJUA44CNHTC4");
const QString kPrivatePem = QStringLiteral(
    "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAfixture\n-----END RSA PRIVATE KEY-----\n");

int mode(const QString &path)
{
    struct stat st{};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

/// Serves `body` on GET `path` to signed-in requests.
void serve(ConsoleWindow &console, const QString &path, const QJsonObject &body)
{
    Test::StandInController *server = &console.controller();
    server->setHandler("GET", QStringLiteral("/api/v3") + path, [server, body](const HttpRequest &r) {
        HttpResponse refusal;
        if (!server->authorize(r, &refusal))
            return refusal;
        return HttpResponse::json(200, body);
    });
}

/// The captured answers with secret material added where a Controller could put it.
void serveListsWithSecrets(ConsoleWindow &console)
{
    QJsonObject users = QJsonDocument::fromJson(Test::fixture(QStringLiteral("GET_nats_users.json"))).object();
    QJsonArray array = users.value(u"users").toArray();
    QJsonObject first = array.at(0).toObject();
    first.insert(u"seed", kSeed);
    first.insert(u"creds", QJsonObject{{QStringLiteral("credsBase64"),
                                        QString::fromLatin1(kPrivatePem.toUtf8().toBase64())}});
    array.replace(0, first);
    users.insert(u"users", array);
    serve(console, QStringLiteral("/nats/users"), users);

    QJsonObject fogs = QJsonDocument::fromJson(Test::fixture(QStringLiteral("GET_iofog-list.json"))).object();
    QJsonArray fogArray = fogs.value(u"fogs").toArray();
    QJsonObject fog = fogArray.at(0).toObject();
    fog.insert(u"routerTls", QJsonObject{{QStringLiteral("privateKey"), kPrivatePem}});
    fogArray.replace(0, fog);
    fogs.insert(u"fogs", fogArray);
    serve(console, QStringLiteral("/iofog-list"), fogs);
}

Net::ApiRequest deleteRequest(const QString &path)
{
    Net::ApiRequest r = Net::ApiRequest::get(path);
    r.method = QByteArrayLiteral("DELETE");
    return r;
}

bool listsLoaded(ClusterView *cluster)
{
    return cluster && cluster->agents()->list()->loaded() && cluster->nats()->users()->loaded()
           && cluster->roles()->loaded() && cluster->roleBindings()->loaded()
           && !cluster->agents()->list()->loading() && !cluster->nats()->users()->loading();
}

} // namespace

/// ClusterView in the real composition: snapshots written while signed in and read back after a
/// restart, and the permission answers the action buttons show.
class TstClusterView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void snapshotIsOwnerOnlyWithoutSecretsAndReopensOffline()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QUuid profileId;
        QString snapshotDir;
        {
            ConsoleWindow console(dir.path());
            QVERIFY(console.start());
            serveListsWithSecrets(console);
            QVERIFY(console.signIn(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
            QTRY_VERIFY_WITH_TIMEOUT(listsLoaded(console.cluster()), ConsoleWindow::Wait);
            ClusterView *cluster = console.cluster();
            QVERIFY(cluster->online());
            QCOMPARE(cluster->agents()->list()->count(), 2);
            // The secrets reach the console (the detail pane may need them)...
            QCOMPARE(cluster->nats()->users()->objects().constFirst().value(u"seed").toString(), kSeed);
            profileId = cluster->session()->profile().id;
            snapshotDir = console.dir() + QStringLiteral("/snapshots/")
                          + profileId.toString(QUuid::WithoutBraces);
            QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(snapshotDir + QStringLiteral("/natsUsers.json"))
                                         && QFile::exists(snapshotDir + QStringLiteral("/agents.json"))
                                         && QFile::exists(snapshotDir + QStringLiteral("/roles.json")),
                                     ConsoleWindow::Wait);
        }

        // ...but never the disk.
        QCOMPARE(mode(dir.path() + QStringLiteral("/snapshots")), 0700);
        QCOMPARE(mode(snapshotDir), 0700);
        // An nkey seed is "S" + a type letter + 56 base32 characters; public keys contain such runs.
        const QRegularExpression seed(QStringLiteral("(?<![A-Z2-7])S[UAO][A-Z2-7]{56}(?![A-Z2-7])"));
        QVERIFY(seed.match(kSeed).hasMatch());
        int files = 0;
        QDirIterator it(dir.path() + QStringLiteral("/snapshots"), QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            ++files;
            QCOMPARE(mode(path), 0600);
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(f.readAll());
            QVERIFY2(!seed.match(text).hasMatch(), qPrintable(path));
            QVERIFY2(!text.contains(QStringLiteral("-----BEGIN")), qPrintable(path));
            QVERIFY2(!text.contains(QStringLiteral("credsBase64")), qPrintable(path));
            QVERIFY2(!text.contains(QString::fromLatin1(kPrivatePem.toUtf8().toBase64().left(24))),
                     qPrintable(path));
        }
        QVERIFY2(files >= 4, qPrintable(QString::number(files)));

        // A restart on the same profile file and snapshot folder, with no Controller to reach.
        ConsoleWindow again(dir.path());
        QVERIFY(again.start());
        QTRY_VERIFY_WITH_TIMEOUT(again.cluster() && again.cluster()->agents()->list()->loaded(),
                                 ConsoleWindow::Wait);
        ClusterView *cluster = again.cluster();
        QCOMPARE(cluster->session()->profile().id, profileId);
        QVERIFY(!cluster->online());
        QVERIFY(cluster->hasData());
        Models::ResourceList *agents = cluster->agents()->list();
        QCOMPARE(agents->count(), 2);
        QVERIFY(agents->stale());
        QVERIFY2(agents->freshnessText().startsWith(QStringLiteral("Offline copy from")),
                 qPrintable(agents->freshnessText()));
        QVERIFY(agents->object(QStringLiteral("8b6c66bf-ef7f-405b-8e04-d6c7bdd088fc"))
                    .value(u"routerTls").toObject().isEmpty());
        Models::ResourceList *users = cluster->nats()->users();
        QTRY_VERIFY_WITH_TIMEOUT(users->loaded(), ConsoleWindow::Wait);
        QVERIFY(users->stale());
        QCOMPARE(users->objects().constFirst().value(u"name").toString(), QStringLiteral("admin-hub"));
        QVERIFY(!users->objects().constFirst().contains(u"seed"));
        // Offline: nothing may be changed; a refresh only keeps the copy marked old.
        QVERIFY(cluster->readOnly());
        QVERIFY(cluster->deniedReason(QStringLiteral("fogs"), QStringLiteral("delete"))
                    .startsWith(QStringLiteral("Not connected")));
        cluster->refreshAll();
        QVERIFY(agents->stale());
        QCOMPARE(again.controller().requests().size(), 0);
    }

    void signInReadsTheListsTogether()
    {
        // Each answer takes 300 ms, as a busy Controller's would. The reads after sign-in do not
        // depend on each other: they go out together (within the Controller's per-IP limits), so
        // the page fills in a few round trips rather than one per read.
        ConsoleWindow console;
        QVERIFY(console.start());
        Test::StandInController &c = console.controller();
        QVERIFY(console.signIn(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        QTRY_VERIFY_WITH_TIMEOUT(listsLoaded(console.cluster()), ConsoleWindow::Wait);
        QTest::qWait(500);
        c.setAnswerDelay(300);
        c.clearLog();
        c.resetMaxInFlight();
        QElapsedTimer timer;
        timer.start();
        QVERIFY(console.signInAgain(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        const qint64 signedIn = timer.elapsed();
        const auto everyListRead = [&] {
            for (Models::ResourceList *l : console.cluster()->lists()) {
                if (l->loading() || !l->loaded())
                    return false;
            }
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(everyListRead(), 30000);
        const qint64 loaded = timer.elapsed();
        QStringList paths;
        for (const HttpRequest &r : c.requests())
            paths << QString::fromLatin1(r.method) + u' ' + r.path;
        qInfo() << "signed in after" << signedIn << "ms, lists read after" << loaded << "ms;"
                << c.requests().size() << "requests, at most" << c.maxInFlight() << "at once:" << paths;
        QVERIFY2(c.maxInFlight() >= 4, qPrintable(QString::number(c.maxInFlight())));
        QVERIFY2(c.maxInFlight() <= 6, qPrintable(QString::number(c.maxInFlight())));
        // One read after another would take (reads × 300 ms).
        QVERIFY2(loaded < 300 * qint64(c.requests().size()) / 2,
                 qPrintable(QStringLiteral("%1 ms for %2 requests").arg(loaded).arg(c.requests().size())));
        c.setAnswerDelay(0);
    }

    void viewerPermissions()
    {
        ConsoleWindow console;
        QVERIFY(console.start());
        QVERIFY(console.signIn(QStringLiteral("viewer@example.com"), QStringLiteral("viewer-pass")));
        QTRY_VERIFY_WITH_TIMEOUT(listsLoaded(console.cluster()), ConsoleWindow::Wait);
        ClusterView *cluster = console.cluster();
        QVERIFY(!cluster->readOnly());
        const QString patch = cluster->deniedReason(QStringLiteral("fogs"), QStringLiteral("patch"));
        QVERIFY2(patch.contains(QStringLiteral("fogs:patch")), qPrintable(patch));
        QVERIFY2(patch.contains(QStringLiteral("viewer"), Qt::CaseInsensitive), qPrintable(patch));
        QCOMPARE(cluster->deniedReason(QStringLiteral("fogs"), QStringLiteral("list")), QString());
        QCOMPARE(cluster->deniedReason(QStringLiteral("fogs"), QStringLiteral("get")), QString());
        const QString del = cluster->deniedReason(QStringLiteral("natsUsers"), QStringLiteral("delete"),
                                                  QStringLiteral("ops-cli"));
        QVERIFY2(del.contains(QStringLiteral("natsUsers:delete (ops-cli)")), qPrintable(del));
    }

    void readOnlyProfileDeniesEveryChange()
    {
        ConsoleWindow console;
        QVERIFY(console.start());
        QVERIFY(console.signIn(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass"), true));
        QTRY_VERIFY_WITH_TIMEOUT(listsLoaded(console.cluster()), ConsoleWindow::Wait);
        ClusterView *cluster = console.cluster();
        QVERIFY(cluster->online());
        QVERIFY(cluster->readOnly());
        for (const QString &resource : Rbac::catalogResources()) {
            for (const QString &verb : {QStringLiteral("create"), QStringLiteral("update"),
                                        QStringLiteral("patch"), QStringLiteral("delete"),
                                        QStringLiteral("*")}) {
                const QString reason = cluster->deniedReason(resource, verb);
                QVERIFY2(reason.contains(QStringLiteral("read-only")),
                         qPrintable(resource + u':' + verb + u" → " + reason));
            }
        }
        // Reading stays allowed for an admin.
        QCOMPARE(cluster->deniedReason(QStringLiteral("fogs"), QStringLiteral("list")), QString());

        // An action is refused before anything is sent.
        console.controller().clearLog();
        QSignalSpy finished(cluster, &ClusterView::actionFinished);
        cluster->runAction(QStringLiteral("Agent deleted."),
                           deleteRequest(QStringLiteral("/iofog/8b6c66bf-ef7f-405b-8e04-d6c7bdd088fc")),
                           {});
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY(finished.at(0).at(1).toString().contains(QStringLiteral("read-only")));
        QTest::qWait(200);
        for (const HttpRequest &r : console.controller().requests())
            QVERIFY2(r.method != "DELETE", qPrintable(r.path));
    }

    void demoTimesMoveWithTheShift()
    {
        using Cluster::DemoData::shiftTimes;
        const QByteArray in = R"({"lastStatusTime":1795389602604,"createdAt":"2026-11-22T23:20:42.192Z",)"
                              R"("noMs":"2026-11-22T23:20:42Z","memoryLimit":4096,"day":"2026-11-22",)"
                              R"("text":"since 2026-11-22T23:20:42.192Z","fraction":1795389602604.5,)"
                              R"("list":[1795389602604,{"t":"2026-11-30T23:59:59.999Z"}],"never":0})";
        const QJsonObject o = QJsonDocument::fromJson(shiftTimes(in, 2 * 86400000LL + 1)).object();
        QCOMPARE(qint64(o.value(u"lastStatusTime").toDouble()), 1795389602604LL + 2 * 86400000LL + 1);
        QCOMPARE(o.value(u"createdAt").toString(), QStringLiteral("2026-11-24T23:20:42.193Z"));
        QCOMPARE(o.value(u"noMs").toString(), QStringLiteral("2026-11-24T23:20:42.001Z"));
        QCOMPARE(o.value(u"memoryLimit").toInt(), 4096);
        QCOMPARE(o.value(u"day").toString(), QStringLiteral("2026-11-22"));
        QCOMPARE(o.value(u"text").toString(), QStringLiteral("since 2026-11-22T23:20:42.192Z"));
        QCOMPARE(o.value(u"fraction").toDouble(), 1795389602604.5);
        QCOMPARE(qint64(o.value(u"list").toArray().at(0).toDouble()), 1795389602604LL + 2 * 86400000LL + 1);
        QCOMPARE(o.value(u"list").toArray().at(1).toObject().value(u"t").toString(),
                 QStringLiteral("2026-12-03T00:00:00.000Z"));
        QCOMPARE(o.value(u"never").toInt(), 0);
        // Not JSON, or no shift: unchanged.
        QCOMPARE(shiftTimes("not json", 5), QByteArray("not json"));
        QCOMPARE(shiftTimes(in, 0), in);
        // A bare array stays an array.
        QCOMPARE(shiftTimes("[1795389602604]", 1), QByteArray("[1795389602605]"));
    }

    void demoIsReadOnlyAndOffline()
    {
        ConsoleWindow console;
        QVERIFY(console.start());
        QVERIFY(console.openDemo());
        ClusterView *cluster = console.cluster();
        QVERIFY(cluster->demo());
        QVERIFY(!cluster->online());
        QVERIFY(cluster->readOnly());
        QVERIFY(cluster->natsKnown());
        QVERIFY(cluster->natsAvailable());
        QVERIFY(cluster->deniedReason(QStringLiteral("fogs"), QStringLiteral("delete"))
                    .contains(QStringLiteral("read-only")));
        QCOMPARE(cluster->readDeniedReason(QStringLiteral("fogs"), QStringLiteral("list")), QString());
        QTRY_VERIFY_WITH_TIMEOUT(cluster->nats()->users()->loaded(), ConsoleWindow::Wait);
        // Each list is read on the parse thread on its own: the agents are not promised before the
        // users (the CI saw them later once).
        QTRY_VERIFY_WITH_TIMEOUT(cluster->agents()->list()->count() > 0, ConsoleWindow::Wait);
        QVERIFY(!cluster->agents()->list()->stale());
        QCOMPARE(cluster->agents()->list()->freshnessText(),
                 QStringLiteral("Sample data (generated from Controller 3.7.3 answers)"));

        // Documents come from the bundled data, marked not live.
        bool live = true;
        QJsonValue operatorJson;
        cluster->fetchDocument(QStringLiteral("natsOperator"), QStringLiteral("/nats/operator"), this,
                               [&](const QJsonValue &json, bool isLive) {
                                   operatorJson = json;
                                   live = isLive;
                               });
        QVERIFY(!live);
        QVERIFY(!operatorJson.toObject().value(u"publicKey").toString().isEmpty());

        cluster->refreshAll();
        QSignalSpy finished(cluster, &ClusterView::actionFinished);
        cluster->runAction(QStringLiteral("Deleted."),
                           deleteRequest(QStringLiteral("/roles/x")), {});
        QCOMPARE(finished.size(), 1);
        QVERIFY(!finished.at(0).at(0).toBool());
        QTest::qWait(300);
        // Nothing went to the network, and no snapshot was written for the demo.
        QCOMPARE(console.controller().requests().size(), 0);
        QVERIFY(!QDir(console.dir() + QStringLiteral("/snapshots")).exists()
                || QDir(console.dir() + QStringLiteral("/snapshots"))
                       .entryList(QDir::AllEntries | QDir::NoDotAndDotDot)
                       .isEmpty());
    }
};

QTEST_MAIN(TstClusterView)
#include "tst_clusterview.moc"
