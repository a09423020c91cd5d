#include "core/profiles/memorysecretstore.h"
#include "core/profiles/snapshotstore.h"
#include "models/clusterview.h"
#include "core/session/controlplanesession.h"
#include "models/detailsmodel.h"
#include "models/eventspage.h"
#include "signedinsession.h"
#include "standincontroller.h"
#include "testutil.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <functional>
#include <memory>

using namespace Pot;
using namespace Pot::Models;
using Pot::Test::HttpRequest;
using Pot::Test::StandInController;

namespace {

constexpr int Wait = 15000;

/// A session signed in to the stand-in Controller, whose audit log holds `events`.
struct SignedIn : Test::SignedInSession
{
    bool start(const QString &email, const QString &password, const QList<QJsonObject> &events)
    {
        controller.resources(QStringLiteral("events")) = events;
        return SignedInSession::start(email, password);
    }
    EventsPage *page() const { return cluster()->events(); }
    /// Waits until no page request is in flight and the list shows `count` rows.
    bool settled(int count) const
    {
        return QTest::qWaitFor([&] { return !page()->loading() && page()->list()->count() == count; }, Wait);
    }
    QList<HttpRequest> requests(const QByteArray &method) const
    {
        QList<HttpRequest> out;
        for (const HttpRequest &r : controller.requests()) {
            if (r.method == method && r.path.endsWith(u"/events"))
                out << r;
        }
        return out;
    }
};

/// `n` events oldest first (the stand-in's order), one minute apart and ending at `newestMs`: every
/// third FAILED, methods cycling PATCH/DELETE/POST, every even one with a formula as its actor.
QList<QJsonObject> makeEvents(int n, qint64 newestMs = QDateTime::currentMSecsSinceEpoch())
{
    static const QStringList methods{QStringLiteral("POST"), QStringLiteral("PATCH"), QStringLiteral("DELETE")};
    QList<QJsonObject> out;
    for (int i = 1; i <= n; ++i) {
        const bool failed = i % 3 == 0;
        out << QJsonObject{{QStringLiteral("id"), i},
                           {QStringLiteral("timestamp"), newestMs - qint64(n - i) * 60000},
                           {QStringLiteral("eventType"), QStringLiteral("HTTP")},
                           {QStringLiteral("endpointType"), QStringLiteral("user")},
                           {QStringLiteral("actorId"), i % 2 ? QStringLiteral("admin@example.com")
                                                             : QStringLiteral("=cmd|' /C calc'!A0")},
                           {QStringLiteral("method"), methods.at(i % 3)},
                           {QStringLiteral("resourceType"), QStringLiteral("secret")},
                           {QStringLiteral("resourceId"), QStringLiteral("s-%1").arg(i)},
                           {QStringLiteral("endpointPath"), QStringLiteral("/api/v3/secrets/s-%1").arg(i)},
                           {QStringLiteral("ipAddress"), QStringLiteral("10.0.0.1")},
                           {QStringLiteral("status"), failed ? QStringLiteral("FAILED") : QStringLiteral("SUCCESS")},
                           {QStringLiteral("statusCode"), failed ? 400 : 200},
                           {QStringLiteral("statusMessage"), failed ? QStringLiteral("Bad, \"really\" bad")
                                                                    : QStringLiteral("Success")},
                           {QStringLiteral("requestId"), QJsonValue(QJsonValue::Null)},
                           {QStringLiteral("createdAt"), QStringLiteral("2026-12-01T10:00:00.000Z")},
                           {QStringLiteral("updatedAt"), QStringLiteral("2026-12-01T10:00:00.000Z")}};
    }
    return out;
}

QJsonArray newestFirst(QList<QJsonObject> events, const std::function<bool(const QJsonObject &)> &keep)
{
    std::reverse(events.begin(), events.end());
    QJsonArray out;
    for (const QJsonObject &e : events) {
        if (keep(e))
            out.append(e);
    }
    return out;
}

} // namespace

/// The events (audit) page model against the stand-in Controller (GET/DELETE /events, §3.9).
class TstEventsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void pagesOverTheTotal()
    {
        SignedIn s;
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass"), makeEvents(144)));
        EventsPage *p = s.page();
        QVERIFY(s.settled(100));
        QCOMPARE(p->total(), 144);
        QCOMPARE(p->pageText(), QStringLiteral("1–100 of 144"));
        QVERIFY(!p->canPrevious());
        QVERIFY(p->canNext());
        // Newest first: id 144 heads the first page.
        QCOMPARE(p->events().first().toObject().value(u"id").toInt(), 144);
        p->nextPage();
        QVERIFY(s.settled(44));
        QCOMPARE(p->offset(), 100);
        QCOMPARE(p->pageText(), QStringLiteral("101–144 of 144"));
        QVERIFY(!p->canNext());
        const HttpRequest last = s.requests("GET").last();
        QCOMPARE(last.query.queryItemValue(QStringLiteral("limit")), QStringLiteral("100"));
        QCOMPARE(last.query.queryItemValue(QStringLiteral("offset")), QStringLiteral("100"));
        QCOMPARE(p->events().first().toObject().value(u"id").toInt(), 44);
        p->previousPage();
        QVERIFY(s.settled(100));
        QCOMPARE(p->offset(), 0);
    }

    void filtersBecomeTheQuery()
    {
        SignedIn s;
        const QList<QJsonObject> events = makeEvents(144);
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass"), events));
        EventsPage *p = s.page();
        QVERIFY(s.settled(100));
        p->nextPage();
        QVERIFY(s.settled(44));

        p->setStatus(QStringLiteral("FAILED"));
        QVERIFY(s.settled(48));
        QCOMPARE(p->offset(), 0); // a new filter starts at the first page
        QCOMPARE(p->total(), 48);
        HttpRequest last = s.requests("GET").last();
        QCOMPARE(last.query.queryItemValue(QStringLiteral("status")), QStringLiteral("FAILED"));
        QCOMPARE(last.query.queryItemValue(QStringLiteral("offset")), QStringLiteral("0"));
        for (const QJsonValue &e : p->events())
            QCOMPARE(e[u"status"].toString(), QStringLiteral("FAILED"));

        // Several methods: the key repeats. FAILED events are ids 3, 6, …: method index 0 = POST.
        p->setStatus({});
        p->setMethods({QStringLiteral("patch"), QStringLiteral("DELETE")});
        QVERIFY(s.settled(96));
        last = s.requests("GET").last();
        QCOMPARE(last.query.allQueryItemValues(QStringLiteral("method")),
                 (QStringList{QStringLiteral("PATCH"), QStringLiteral("DELETE")}));
        QVERIFY(!last.query.hasQueryItem(QStringLiteral("status")));

        // A time range: the 10 newest events (one minute apart).
        p->setMethods({});
        const qint64 from = events.at(134).value(u"timestamp").toInteger();
        p->setStartTime(QDateTime::fromMSecsSinceEpoch(from).toString(Qt::ISODateWithMs));
        QVERIFY(s.settled(10));
        last = s.requests("GET").last();
        QCOMPARE(last.query.queryItemValue(QStringLiteral("startTime")), QString::number(from));

        // A time that is not one: said, and nothing is sent.
        const qsizetype before = s.requests("GET").size();
        p->setEndTime(QStringLiteral("yesterday"));
        QVERIFY(p->filterError().contains(u"yesterday"));
        QTest::qWait(200);
        QCOMPARE(s.requests("GET").size(), before);

        p->clearFilters();
        QVERIFY(p->filterError().isEmpty());
        QVERIFY(s.settled(100));
        QCOMPARE(p->total(), 144);
        QCOMPARE(s.requests("GET").last().query.toString(), QStringLiteral("limit=100&offset=0"));
    }

    void selectionShowsDetails()
    {
        SignedIn s;
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass"), makeEvents(5)));
        EventsPage *p = s.page();
        QVERIFY(s.settled(5));
        p->list()->setSelectedKey(QStringLiteral("3"));
        QVERIFY(p->hasSelection());
        QCOMPARE(p->details()->valueOf(QStringLiteral("Status code")), QStringLiteral("400"));
        QCOMPARE(p->details()->valueOf(QStringLiteral("Path")), QStringLiteral("/api/v3/secrets/s-3"));
        p->refresh();
        QVERIFY(QTest::qWaitFor([&] { return !p->loading(); }, Wait));
        QCOMPARE(p->list()->selectedKey(), QStringLiteral("3"));
    }

    void purgeRefusesBadDaysWithoutARequest()
    {
        SignedIn s;
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass"), makeEvents(5)));
        EventsPage *p = s.page();
        QVERIFY(s.settled(5));
        for (const QString &bad : {QStringLiteral("400"), QStringLiteral("-1"), QStringLiteral("1.5"),
                                   QStringLiteral(""), QStringLiteral("ten"), QStringLiteral("366"),
                                   QStringLiteral("1e2")}) {
            QVERIFY2(!p->purgeProblem(bad).isEmpty(), qPrintable(bad));
            QVERIFY2(!p->purge(bad), qPrintable(bad));
            QVERIFY(!p->purgeOk());
            QCOMPARE(p->purgeMessage(), p->purgeProblem(bad));
        }
        QTest::qWait(200);
        QVERIFY(s.requests("DELETE").isEmpty());
        QVERIFY(p->purgeProblem(QStringLiteral("0")).isEmpty());
        QVERIFY(p->purgeProblem(QStringLiteral("365")).isEmpty());
        QVERIFY(p->purgeQuestion(QStringLiteral("0")).contains(u"ALL"));
        QVERIFY(p->purgeQuestion(QStringLiteral("30")).contains(u"30"));
    }

    void purgeSendsDaysAndReportsTheCount()
    {
        SignedIn s;
        // 4 events older than a year, 6 recent ones.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QList<QJsonObject> events = makeEvents(4, now - 400LL * 86400000);
        QList<QJsonObject> recent = makeEvents(6, now);
        for (int i = 0; i < recent.size(); ++i)
            recent[i].insert(QStringLiteral("id"), 100 + i);
        events << recent;
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass"), events));
        EventsPage *p = s.page();
        QVERIFY(s.settled(10));
        QVERIFY(p->purgeDenied().isEmpty());
        QVERIFY(p->purge(QStringLiteral("365")));
        QVERIFY(QTest::qWaitFor([&] { return !p->purging(); }, Wait));
        const QList<HttpRequest> deletes = s.requests("DELETE");
        QCOMPARE(deletes.size(), qsizetype(1));
        QCOMPARE(deletes.first().jsonBody(), (QJsonObject{{QStringLiteral("days"), 365}}));
        QVERIFY(p->purgeOk());
        QCOMPARE(p->purgeMessage(), QStringLiteral("Deleted 4 event(s) older than 365 days."));
        // Refreshed: the 6 recent ones and the purge's own audit event.
        QVERIFY(s.settled(7));
        QCOMPARE(p->total(), 7);
    }

    void viewerCannotPurge()
    {
        SignedIn s;
        QVERIFY(s.start(QStringLiteral("viewer@example.com"), QStringLiteral("viewer-pass"), makeEvents(5)));
        EventsPage *p = s.page();
        QVERIFY(s.settled(5));
        QVERIFY2(p->purgeDenied().contains(u"events:delete"), qPrintable(p->purgeDenied()));
        QVERIFY(!p->purge(QStringLiteral("30")));
        QCOMPARE(p->purgeMessage(), p->purgeDenied());
        QTest::qWait(200);
        QVERIFY(s.requests("DELETE").isEmpty());
    }

    void csvQuotingAndFormulaGuard()
    {
        QCOMPARE(EventsPage::csvCell(QStringLiteral("plain")), QStringLiteral("plain"));
        QCOMPARE(EventsPage::csvCell(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
        QCOMPARE(EventsPage::csvCell(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
        QCOMPARE(EventsPage::csvCell(QStringLiteral("two\nlines")), QStringLiteral("\"two\nlines\""));
        QCOMPARE(EventsPage::csvCell(QStringLiteral("cr\rhere")), QStringLiteral("\"cr\rhere\""));
        QCOMPARE(EventsPage::csvCell(QStringLiteral("=1+2")), QStringLiteral("'=1+2"));
        QCOMPARE(EventsPage::csvCell(QStringLiteral("+1")), QStringLiteral("'+1"));
        QCOMPARE(EventsPage::csvCell(QStringLiteral("-1")), QStringLiteral("'-1"));
        QCOMPARE(EventsPage::csvCell(QStringLiteral("@SUM(A1)")), QStringLiteral("'@SUM(A1)"));
        QCOMPARE(EventsPage::csvCell(QStringLiteral("=HYPERLINK(\"x\",\"y\")")),
                 QStringLiteral("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""));
        QCOMPARE(EventsPage::csvCell(QStringLiteral("a=b")), QStringLiteral("a=b"));

        QJsonArray two;
        for (const QJsonObject &e : makeEvents(2))
            two.append(e);
        const QString csv = QString::fromUtf8(EventsPage::toCsv(two));
        QVERIFY(csv.endsWith(QStringLiteral("\r\n")));
        const QStringList lines = csv.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), qsizetype(3));
        QCOMPARE(lines.at(0), QStringLiteral("id,timestamp,time,eventType,endpointType,actorId,method,"
                                             "resourceType,resourceId,endpointPath,ipAddress,status,"
                                             "statusCode,statusMessage,requestId"));
        // Event 2's actor starts with '=': prefixed with ', and not quoted (no comma, quote or line end).
        QVERIFY2(lines.at(2).contains(QStringLiteral(",'=cmd|' /C calc'!A0,")), qPrintable(lines.at(2)));
        QVERIFY(lines.at(1).startsWith(QStringLiteral("1,")));
    }

    void exportAcrossPages()
    {
        SignedIn s;
        const QList<QJsonObject> events = makeEvents(1200);
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass"), events));
        EventsPage *p = s.page();
        QVERIFY(s.settled(100));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());

        // Everything (3 pages of 500) as JSON: the events as received, newest first.
        const qsizetype before = s.requests("GET").size();
        const QString json = dir.filePath(QStringLiteral("events.json"));
        QVERIFY(p->exportTo(QUrl::fromLocalFile(json), QStringLiteral("json")));
        QVERIFY(p->exporting());
        QVERIFY(QTest::qWaitFor([&] { return !p->exporting(); }, Wait));
        QVERIFY2(p->exportOk(), qPrintable(p->exportMessage()));
        QCOMPARE(s.requests("GET").size() - before, qsizetype(3));
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray written = QJsonDocument::fromJson(f.readAll()).array();
        QCOMPARE(written.size(), qsizetype(1200));
        QCOMPARE(written, newestFirst(events, [](const QJsonObject &) { return true; }));
        QCOMPARE(p->exportFetched(), 1200);

        // Filtered (FAILED: 400 events) as CSV: one line per event plus the header.
        p->setStatus(QStringLiteral("FAILED"));
        QVERIFY(s.settled(100));
        const QString csv = dir.filePath(QStringLiteral("events.csv"));
        QVERIFY(p->exportTo(QUrl::fromLocalFile(csv), QStringLiteral("csv")));
        QVERIFY(QTest::qWaitFor([&] { return !p->exporting(); }, Wait));
        QVERIFY2(p->exportOk(), qPrintable(p->exportMessage()));
        QFile c(csv);
        QVERIFY(c.open(QIODevice::ReadOnly));
        const QByteArray bytes = c.readAll();
        QCOMPARE(bytes, EventsPage::toCsv(newestFirst(events, [](const QJsonObject &e) {
                     return e.value(u"status").toString() == u"FAILED";
                 })));
        QCOMPARE(bytes.count("\r\n"), qsizetype(401));
    }

    void exportCancelledWritesNothing()
    {
        SignedIn s;
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass"), makeEvents(1200)));
        EventsPage *p = s.page();
        QVERIFY(s.settled(100));
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("events.csv"));
        QVERIFY(p->exportTo(QUrl::fromLocalFile(file), QStringLiteral("csv")));
        QVERIFY(!p->exportTo(QUrl::fromLocalFile(file), QStringLiteral("csv"))); // one at a time
        p->cancelExport();
        QVERIFY(QTest::qWaitFor([&] { return !p->exporting(); }, Wait));
        QVERIFY(!p->exportOk());
        QVERIFY(p->exportMessage().contains(u"cancelled"));
        QVERIFY(!QFile::exists(file));
    }

    void exportRefusesMoreThanTheLimit()
    {
        SignedIn s;
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass"), makeEvents(3)));
        EventsPage *p = s.page();
        QVERIFY(s.settled(3));
        // A Controller with more events than the console exports.
        s.controller.setHandler("GET", QStringLiteral("/api/v3/events"), [](const HttpRequest &r) {
            return Test::HttpResponse::json(
                200, QJsonObject{{QStringLiteral("events"), QJsonArray{makeEvents(1).first()}},
                                 {QStringLiteral("total"), EventsPage::ExportLimit + 1},
                                 {QStringLiteral("limit"), r.query.queryItemValue(QStringLiteral("limit")).toInt()},
                                 {QStringLiteral("offset"), 0}});
        });
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("big.csv"));
        const qsizetype before = s.requests("GET").size();
        QVERIFY(p->exportTo(QUrl::fromLocalFile(file), QStringLiteral("csv")));
        QVERIFY(QTest::qWaitFor([&] { return !p->exporting(); }, Wait));
        QVERIFY(!p->exportOk());
        QVERIFY2(p->exportMessage().contains(u"Narrow the filters"), qPrintable(p->exportMessage()));
        QCOMPARE(s.requests("GET").size() - before, qsizetype(1)); // refused after the first page
        QVERIFY(!QFile::exists(file));
    }

    void demoFiltersTheSample()
    {
        // The demo's filter, applied to the bundled sample exactly as the stand-in answers.
        QFile f(QStringLiteral(":/demo/events.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray sample = QJsonDocument::fromJson(f.readAll()).object().value(u"events").toArray();
        QCOMPARE(sample.size(), qsizetype(150));
        EventFilter filter;
        filter.status = QStringLiteral("FAILED");
        const QJsonArray failed = EventsPage::filtered(sample, filter);
        QVERIFY(!failed.isEmpty());
        QVERIFY(failed.size() < sample.size());
        for (const QJsonValue &e : failed)
            QCOMPARE(e[u"status"].toString(), QStringLiteral("FAILED"));
        filter.methods = {QStringLiteral("DELETE")};
        for (const QJsonValue &e : EventsPage::filtered(sample, filter))
            QCOMPARE(e[u"method"].toString(), QStringLiteral("DELETE"));
    }
};

QTEST_MAIN(TstEventsPage)
#include "tst_eventspage.moc"
