#include "core/net/authenticator.h"
#include "core/net/controllerclient.h"
#include "core/resources/kinds/kinds.h"
#include "models/resourcepage.h"
#include "models/resourcelist.h"
#include "standincontroller.h"
#include "testutil.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace Pot;
using namespace Pot::Models;
using Test::HttpRequest;
using Test::HttpResponse;
using Test::StandInController;

namespace {

const QString kListPath = QStringLiteral("/api/v3/iofog-list");
const QString kEdgeNode = QStringLiteral("8b6c66bf-ef7f-405b-8e04-d6c7bdd088fc");

/// Hands out one token issued by the stand-in (sessions are tested in core/auth).
class FixedToken final : public Net::Authenticator
{
public:
    explicit FixedToken(QByteArray token) : m_token(std::move(token)) {}
    void bearerToken(QObject *, TokenCallback done) override { done(m_token); }
    void tokenRejected(const QByteArray &, QObject *, TokenCallback done) override
    {
        done(Error(ErrorCode::SessionExpired, QStringLiteral("no refresh in this test")));
    }

private:
    QByteArray m_token;
};

QJsonObject capturedFogs()
{
    return QJsonDocument::fromJson(Test::fixture(QStringLiteral("GET_iofog-list.json"))).object();
}

} // namespace

/// ResourceList against the stand-in Controller: loading, selection across refreshes, and every
/// way a refresh can fail while the old rows stay on screen.
class TstResourceList : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<StandInController> m_server;
    std::unique_ptr<FixedToken> m_auth;
    std::unique_ptr<Net::ControllerClient> m_client;
    std::unique_ptr<QThreadPool> m_pool;
    std::unique_ptr<ResourceList> m_list;

    ResourceList *makeList(bool withPool)
    {
        m_list = std::make_unique<ResourceList>(specOf(Resources::Kinds::agents()),
                                                withPool ? m_pool.get() : nullptr);
        m_list->setClient(m_client.get());
        return m_list.get();
    }

    /// Serves `body` as the fog list to signed-in requests.
    void serveFogs(const QJsonObject &body)
    {
        StandInController *server = m_server.get();
        m_server->setHandler("GET", kListPath, [server, body](const HttpRequest &r) {
            HttpResponse refusal;
            if (!server->authorize(r, &refusal))
                return refusal;
            return HttpResponse::json(200, body);
        });
    }

    /// Refreshes and waits until the answer was applied.
    bool refreshAndWait(ResourceList *list)
    {
        QSignalSpy applied(list, &ResourceList::applied);
        list->refresh();
        return applied.wait(10000);
    }

    /// Loads the captured list, then makes the next refresh fail; the old rows must stay, stale.
    void expectFailureKeepsRows(const std::function<void()> &breakIt, const QString &expected)
    {
        ResourceList *list = makeList(true);
        QVERIFY(refreshAndWait(list));
        QCOMPARE(list->count(), 2);
        list->setSelectedKey(kEdgeNode);
        breakIt();
        QSignalSpy applied(list, &ResourceList::applied);
        list->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(!list->loading() && !list->error().isEmpty(), 10000);
        QVERIFY2(list->error().contains(expected, Qt::CaseInsensitive), qPrintable(list->error()));
        QVERIFY2(!list->error().contains(u'<'), qPrintable(list->error())); // no markup shown
        QCOMPARE(applied.size(), 0);
        QVERIFY(list->stale());
        QVERIFY(list->loaded());
        QCOMPARE(list->count(), 2);
        QCOMPARE(list->selectedKey(), kEdgeNode);
        QCOMPARE(list->selectedObject().value(u"name").toString(), QStringLiteral("edge-node-1"));
        QVERIFY2(list->freshnessText().startsWith(QStringLiteral("Offline copy")),
                 qPrintable(list->freshnessText()));

        // Once the Controller answers again the error and the stale mark go away.
        m_server->clearFaults();
        serveFogs(capturedFogs());
        QVERIFY(refreshAndWait(list));
        QVERIFY(list->error().isEmpty());
        QVERIFY(!list->stale());
        QVERIFY(list->freshnessText().startsWith(QStringLiteral("Updated")));
    }

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void init()
    {
        m_server = std::make_unique<StandInController>();
        QVERIFY(m_server->listen());
        m_auth = std::make_unique<FixedToken>(m_server->issueAccessToken(
            QStringLiteral("admin@example.com"), {QStringLiteral("Admin")}, 300));
        m_client = std::make_unique<Net::ControllerClient>();
        QVERIFY_RESULT(m_client->setBaseUrl(m_server->address()));
        m_client->setAuthenticator(m_auth.get());
        m_pool = std::make_unique<QThreadPool>();
        m_pool->setMaxThreadCount(1);
    }

    void cleanup()
    {
        m_list.reset();
        m_pool->waitForDone();
        m_pool.reset();
        m_client.reset();
        m_auth.reset();
        m_server.reset();
    }

    void loads_data()
    {
        QTest::addColumn<bool>("withPool");
        QTest::newRow("worker pool") << true;
        QTest::newRow("calling thread") << false;
    }

    void loads()
    {
        QFETCH(bool, withPool);
        ResourceList *list = makeList(withPool);
        QAbstractItemModelTester tester(list->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(!list->loaded());
        QSignalSpy applied(list, &ResourceList::applied);
        list->refresh();
        QVERIFY(list->loading());
        QCOMPARE(list->freshnessText(), QStringLiteral("Loading…"));
        QVERIFY(applied.wait(10000));
        QCOMPARE(m_server->hits("GET", kListPath), 1);
        QCOMPARE(m_server->requests().constLast().bearerToken().isEmpty(), false);
        QVERIFY(list->loaded());
        QVERIFY(!list->loading());
        QVERIFY(!list->stale());
        QVERIFY(list->error().isEmpty());
        QCOMPARE(list->count(), 2);
        QCOMPARE(list->shownCount(), 2);
        QVERIFY(list->freshnessText().startsWith(QStringLiteral("Updated")));
        QCOMPARE(list->object(kEdgeNode).value(u"name").toString(), QStringLiteral("edge-node-1"));
        QCOMPARE(list->objects().size(), 2);
        // Sorted by name: the system hub's name has a suffix but "edge" < "remote".
        QCOMPARE(list->keyAt(0), kEdgeNode);
        QCOMPARE(list->model()->index(0, 0).data().toString(), QStringLiteral("edge-node-1"));
        QCOMPARE(list->model()->index(1, 0).data().toString(), QStringLiteral("remote-hub (system)"));
        QCOMPARE(list->columnTitles().size(), list->model()->columnCount());
    }

    void filterAndSelectionThroughTheList()
    {
        ResourceList *list = makeList(true);
        QVERIFY(refreshAndWait(list));
        QSignalSpy count(list, &ResourceList::countChanged);
        list->setFilterText(QStringLiteral("REMOTE"));
        QCOMPARE(list->shownCount(), 1);
        QCOMPARE(list->count(), 2);
        QVERIFY(count.size() >= 1);
        list->selectRelative(1);
        QCOMPARE(list->selectedObject().value(u"name").toString(), QStringLiteral("remote-hub"));
        QCOMPARE(list->selectedRow(), 0);
        list->setFilterText(QString());
        QCOMPARE(list->selectedRow(), list->rowOfKey(list->selectedKey()));
        QCOMPARE(list->selectedRow(), 1);
        list->selectRelative(-1);
        QCOMPARE(list->selectedKey(), kEdgeNode);
        list->selectRelative(-1); // stays at the top
        QCOMPARE(list->selectedKey(), kEdgeNode);
    }

    void selectionSurvivesAChangedRow()
    {
        ResourceList *list = makeList(true);
        QVERIFY(refreshAndWait(list));
        list->setSelectedKey(kEdgeNode);
        QJsonObject body = capturedFogs();
        QJsonArray fogs = body.value(u"fogs").toArray();
        QJsonObject edge = fogs.at(0).toObject();
        QCOMPARE(edge.value(u"uuid").toString(), kEdgeNode);
        edge.insert(u"daemonStatus", QStringLiteral("RUNNING"));
        edge.insert(u"cpuUsage", 12.5);
        fogs.replace(0, edge);
        body.insert(u"fogs", fogs);
        serveFogs(body);

        QSignalSpy objectChanged(list, &ResourceList::selectedObjectChanged);
        QSignalSpy keyChanged(list, &ResourceList::selectedKeyChanged);
        QVERIFY(refreshAndWait(list));
        QCOMPARE(objectChanged.size(), 1);
        QCOMPARE(keyChanged.size(), 0);
        QCOMPARE(list->selectedKey(), kEdgeNode);
        QCOMPARE(list->selectedObject().value(u"daemonStatus").toString(), QStringLiteral("RUNNING"));
        QCOMPARE(list->model()->index(list->selectedRow(), 1).data().toString(),
                 QStringLiteral("RUNNING"));

        // A refresh that changes another row only does not touch the selection.
        QJsonObject hub = fogs.at(1).toObject();
        hub.insert(u"cpuUsage", 40);
        fogs.replace(1, hub);
        body.insert(u"fogs", fogs);
        serveFogs(body);
        objectChanged.clear();
        QVERIFY(refreshAndWait(list));
        QCOMPARE(objectChanged.size(), 0);
        QCOMPARE(list->selectedKey(), kEdgeNode);
    }

    void selectionMadeBeforeItsRowArrivesFillsTheDetails()
    {
        // As after "create": the new object is selected while the refresh that brings its row is
        // under way. When the row arrives, the selected object changes from nothing to it.
        QJsonObject body = capturedFogs();
        QJsonArray fogs = body.value(u"fogs").toArray();
        const QJsonObject edge = fogs.at(0).toObject();
        QCOMPARE(edge.value(u"uuid").toString(), kEdgeNode);
        fogs.removeAt(0);
        body.insert(u"fogs", fogs);
        serveFogs(body);
        ResourceList *list = makeList(true);
        QVERIFY(refreshAndWait(list));
        QCOMPARE(list->count(), 1);

        fogs.prepend(edge);
        body.insert(u"fogs", fogs);
        serveFogs(body);
        QSignalSpy applied(list, &ResourceList::applied);
        list->refresh();
        list->setSelectedKey(kEdgeNode);
        QVERIFY(list->selectedObject().isEmpty());
        QSignalSpy objectChanged(list, &ResourceList::selectedObjectChanged);
        QVERIFY(applied.wait(10000));
        QCOMPARE(list->count(), 2);
        QCOMPARE(list->selectedKey(), kEdgeNode);
        QCOMPARE(objectChanged.size(), 1);
        QCOMPARE(list->selectedObject().value(u"name").toString(), QStringLiteral("edge-node-1"));
    }

    void removedSelectionIsCleared()
    {
        ResourceList *list = makeList(false);
        QVERIFY(refreshAndWait(list));
        list->setSelectedKey(kEdgeNode);
        QJsonObject body = capturedFogs();
        QJsonArray fogs = body.value(u"fogs").toArray();
        fogs.removeAt(0);
        body.insert(u"fogs", fogs);
        serveFogs(body);
        QSignalSpy keyChanged(list, &ResourceList::selectedKeyChanged);
        QSignalSpy objectChanged(list, &ResourceList::selectedObjectChanged);
        QVERIFY(refreshAndWait(list));
        QCOMPARE(list->count(), 1);
        QVERIFY(list->selectedKey().isEmpty());
        QCOMPARE(list->selectedRow(), -1);
        QVERIFY(list->selectedObject().isEmpty());
        QCOMPARE(keyChanged.size(), 1);
        QCOMPARE(objectChanged.size(), 1);
    }

    void htmlErrorPage()
    {
        expectFailureKeepsRows([this] { m_server->setFault(kListPath, StandInController::Fault::Html); },
                               QStringLiteral("Not found"));
    }

    void htmlPageInsteadOfJson()
    {
        // A proxy login page or a web app answering 200 on every path.
        expectFailureKeepsRows(
            [this] {
                m_server->setHandler("GET", kListPath, [](const HttpRequest &) {
                    return HttpResponse::html(
                        200, "<!DOCTYPE html><html><head><title>Sign in</title></head>"
                             "<body><form>…</form></body></html>");
                });
            },
            QStringLiteral("web page"));
    }

    void malformedJson()
    {
        expectFailureKeepsRows(
            [this] {
                m_server->setHandler("GET", kListPath, [](const HttpRequest &) {
                    return HttpResponse::json(200, QByteArrayLiteral("{\"fogs\": [{\"uuid\": \"x\","));
                });
            },
            QStringLiteral("malformed JSON"));
    }

    void answerWithoutTheList()
    {
        expectFailureKeepsRows(
            [this] {
                m_server->setHandler("GET", kListPath, [](const HttpRequest &) {
                    return HttpResponse::json(200, QByteArrayLiteral("{\"items\": []}"));
                });
            },
            QStringLiteral("no \"fogs\" list"));
    }

    void forbidden()
    {
        expectFailureKeepsRows(
            [this] { m_server->setFault(kListPath, StandInController::Fault::Forbidden); },
            QStringLiteral("fogs:list"));
    }

    void hangingEndpointTimesOut()
    {
        m_client->setDefaultTimeout(std::chrono::milliseconds(600));
        QElapsedTimer timer;
        expectFailureKeepsRows(
            [this, &timer] {
                m_server->setFault(kListPath, StandInController::Fault::Hang);
                timer.start();
            },
            QStringLiteral("did not answer within"));
        // The time-out, not the test's patience, ended the request; the event loop kept running.
        QVERIFY2(timer.elapsed() < 8000, qPrintable(QString::number(timer.elapsed())));
    }

    void secondRefreshIsNotSentTwice()
    {
        ResourceList *list = makeList(true);
        m_server->setFault(kListPath, StandInController::Fault::Slow, 400);
        QSignalSpy applied(list, &ResourceList::applied);
        list->refresh();
        list->refresh();
        QVERIFY(list->loading());
        QTest::qWait(100);
        list->refresh();
        QVERIFY(applied.wait(10000));
        QTest::qWait(600); // a duplicate would have arrived by now
        QCOMPARE(m_server->hits("GET", kListPath), 1);
        QCOMPARE(applied.size(), 1);
        QVERIFY(!list->loading());
        // Afterwards a refresh is sent again.
        QVERIFY(refreshAndWait(list));
        QCOMPARE(m_server->hits("GET", kListPath), 2);
    }

    void offlineRefreshOnlyMarksStale()
    {
        ResourceList *list = makeList(true);
        QVERIFY(refreshAndWait(list));
        list->setClient(nullptr);
        list->refresh();
        QVERIFY(list->stale());
        QCOMPARE(m_server->hits("GET", kListPath), 1);
        QCOMPARE(list->count(), 2);
        QVERIFY(list->freshnessText().startsWith(QStringLiteral("Offline copy")));
    }

    void unavailableListIsNotFetched()
    {
        ResourceList *list = makeList(true);
        list->setUnavailable(QStringLiteral("Your roles (Viewer) do not grant fogs:list."));
        list->refresh();
        QTest::qWait(200);
        QCOMPARE(m_server->hits("GET", kListPath), 0);
        QVERIFY(!list->loading());
        QCOMPARE(list->unavailableReason(), QStringLiteral("Your roles (Viewer) do not grant fogs:list."));
    }

    void destroyedWhileLoading()
    {
        ResourceList *list = makeList(true);
        m_server->setFault(kListPath, StandInController::Fault::Slow, 300);
        list->refresh();
        QVERIFY(list->loading());
        m_list.reset(); // cancels the request; no callback may reach the deleted list
        QTest::qWait(600);
        QCOMPARE(m_list.get(), nullptr);
    }

    void showAnswerFromSnapshot()
    {
        ResourceList *list = makeList(false);
        const QDateTime at = QDateTime::currentDateTimeUtc().addSecs(-3600);
        list->showAnswer(Test::fixture(QStringLiteral("GET_iofog-list.json")), at, true);
        QVERIFY(list->loaded());
        QVERIFY(list->stale());
        QCOMPARE(list->count(), 2);
        QCOMPARE(list->updatedAt(), at);
        QCOMPARE(list->freshnessText(), QStringLiteral("Offline copy from 1 h ago"));
        list->showAnswer(QByteArrayLiteral("not json"), at, true);
        QCOMPARE(list->error(), QStringLiteral("The Controller sent malformed JSON."));
        QCOMPARE(list->count(), 2);
    }

    void readerSeesEveryAnswerBeforeItsRows()
    {
        ResourceList *list = makeList(true);
        // What the reader saw, per answer: the names of its objects, once the answer was done.
        struct Seen
        {
            QMutex mutex;
            QList<QStringList> answers;
            qsizetype count()
            {
                QMutexLocker lock(&mutex);
                return answers.size();
            }
        };
        auto seen = std::make_shared<Seen>();
        list->setReader([seen] {
            auto names = std::make_shared<QStringList>();
            return Cluster::ObjectReader{[names](const QJsonObject &o) { *names << o.value(u"name").toString(); },
                                         [seen, names] {
                                             QMutexLocker lock(&seen->mutex);
                                             seen->answers << *names;
                                         }};
        });
        QList<qsizetype> readWhenApplied;
        connect(list, &ResourceList::applied, this, [&] { readWhenApplied << seen->count(); });

        // From the Controller.
        list->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(readWhenApplied.size(), 1, 10000);
        QCOMPARE(readWhenApplied.at(0), 1);
        QCOMPARE(seen->answers.at(0).size(), 2);
        // From a snapshot: every object of it, in the Controller's order.
        const QByteArray saved = Test::fixture(QStringLiteral("GET_iofog-list.json"));
        QStringList savedNames;
        for (const QJsonValue &v : QJsonDocument::fromJson(saved).object().value(u"fogs").toArray())
            savedNames << v.toObject().value(u"name").toString();
        list->showSaved([saved] { return std::optional<ResourceList::Saved>({saved, QDateTime::currentDateTimeUtc(), -1, {}}); },
                        true);
        QTRY_COMPARE_WITH_TIMEOUT(readWhenApplied.size(), 2, 10000);
        QCOMPARE(readWhenApplied.at(1), 2);
        QCOMPARE(seen->answers.at(1), savedNames);
        // An answer that is not read into rows is not handed on.
        list->showAnswer(QByteArrayLiteral("not json"), QDateTime::currentDateTimeUtc(), true);
        QTRY_VERIFY_WITH_TIMEOUT(!list->error().isEmpty(), 10000);
        QCOMPARE(seen->count(), 2);
    }

    void rowsFromTheAnswerTextMatchTheParsedAnswer()
    {
        // Element by element from the text: same rows, same order, one dictionary for the list,
        // and the error of a bad element.
        const QJsonArray captured = QJsonDocument::fromJson(Test::fixture(QStringLiteral("GET_iofog-list.json")))
                                        .object().value(u"fogs").toArray();
        QJsonArray fogs;
        for (int i = 0; i < 2501; ++i) {
            QJsonObject o = captured.at(i % captured.size()).toObject();
            o.insert(u"uuid", QStringLiteral("uuid-%1").arg(i));
            o.insert(u"name", QStringLiteral("agent-%1").arg(i));
            o.insert(u"cpuUsage", double(i % 97));
            fogs.append(o);
        }
        fogs.insert(7, QJsonValue(42)); // not an object: skipped by both
        const QJsonObject answer{{QStringLiteral("fogs"), fogs}};
        const QByteArray body = QJsonDocument(answer).toJson(QJsonDocument::Compact);
        const ResourceList::Spec spec = specOf(Resources::Kinds::agents());

        const auto whole = ResourceList::buildRows(QJsonValue(answer), spec.arrayKey, spec.build);
        const auto rows = ResourceList::buildRows(body, spec.arrayKey, spec.build);
        QVERIFY(whole && rows);
        QCOMPARE(rows->size(), 2501);
        QCOMPARE(rows->size(), whole->size());
        for (qsizetype i = 0; i < rows->size(); ++i) {
            const ResourceRow &r = rows->at(i);
            QCOMPARE(r.key, whole->at(i).key);
            QVERIFY2(r.sameContent(whole->at(i)), qPrintable(r.key));
            QCOMPARE(r.json().dictionary(), rows->first().json().dictionary());
        }
        QCOMPARE(rows->at(2500).toObject().value(u"name").toString(), QStringLiteral("agent-2500"));
        // A refresh with the shown rows' dictionary compresses unchanged rows to the same bytes.
        const auto again = ResourceList::buildRows(body, spec.arrayKey, spec.build, rows->first().json().dictionary());
        QVERIFY(again);
        QCOMPARE(again->at(100).json().dictionary(), rows->at(100).json().dictionary());
        QVERIFY(again->at(100).sameContent(rows->at(100)));

        QByteArray broken = body;
        broken.replace("\"uuid-2400\"", "\"uuid-2400\",");
        const auto refused = ResourceList::buildRows(broken, spec.arrayKey, spec.build);
        QVERIFY(!refused);
        QCOMPARE(refused.error().message, QStringLiteral("The Controller sent malformed JSON."));
    }
};

QTEST_GUILESS_MAIN(TstResourceList)
#include "tst_resourcelist.moc"
