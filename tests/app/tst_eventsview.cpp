#include "consolewindow.h"
#include "testutil.h"
#include "uitestutil.h"

#include "models/clusterview.h"
#include "models/eventspage.h"

#include <QDateTime>
#include <QJsonArray>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Pot;
using Pot::Test::ConsoleWindow;

/// The Events (audit) page in the real window against the stand-in Controller: the sidebar entry,
/// the pager count, a status filter, and a purge with its day check and typed confirmation.
class TstEventsView : public QObject
{
    Q_OBJECT

private:
    ConsoleWindow m_console;

private Q_SLOTS:
    void init() { Pot::Test::failOnQmlWarnings(); }
    void initTestCase()
    {
        QVERIFY(m_console.start());
        // 144 events one minute apart, every third FAILED, one of them 400 days old.
        QList<QJsonObject> events;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 1; i <= 144; ++i) {
            const bool failed = i % 3 == 0;
            events << QJsonObject{{QStringLiteral("id"), i},
                                  {QStringLiteral("timestamp"), i == 1 ? now - 400LL * 86400000 : now - qint64(144 - i) * 60000},
                                  {QStringLiteral("eventType"), QStringLiteral("HTTP")},
                                  {QStringLiteral("endpointType"), QStringLiteral("user")},
                                  {QStringLiteral("actorId"), QStringLiteral("admin@example.com")},
                                  {QStringLiteral("method"), i % 2 ? QStringLiteral("POST") : QStringLiteral("PATCH")},
                                  {QStringLiteral("resourceType"), QStringLiteral("secret")},
                                  {QStringLiteral("resourceId"), QStringLiteral("secret-%1").arg(i)},
                                  {QStringLiteral("endpointPath"), QStringLiteral("/api/v3/secrets/secret-%1").arg(i)},
                                  {QStringLiteral("ipAddress"), QStringLiteral("10.0.0.7")},
                                  {QStringLiteral("status"), failed ? QStringLiteral("FAILED") : QStringLiteral("SUCCESS")},
                                  {QStringLiteral("statusCode"), failed ? 403 : 200},
                                  {QStringLiteral("statusMessage"), failed ? QStringLiteral("Forbidden") : QStringLiteral("Success")}};
        }
        m_console.controller().resources(QStringLiteral("events")) = events;
        QVERIFY(m_console.signIn(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
    }

    void filterByStatusChangesTheCount()
    {
        QVERIFY(m_console.openSection(QStringLiteral("Events")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Events shown")),
                                  QStringLiteral("1–100 of 144"), ConsoleWindow::Wait);
        QVERIFY(m_console.find(QStringLiteral("secret-144"), QAccessible::Cell));
        QVERIFY(m_console.clickCell(QStringLiteral("secret-144")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Path")), QStringLiteral("/api/v3/secrets/secret-144"),
                                  ConsoleWindow::Wait);
        m_console.screenshot(QStringLiteral("events-all"));

        // Status: Any → SUCCESS → FAILED with the keyboard, as a user picks it.
        QQuickItem *status = m_console.find(QStringLiteral("Status"), QAccessible::ComboBox);
        QVERIFY(status);
        status->forceActiveFocus();
        QTest::keyClick(m_console.window(), Qt::Key_Down);
        QTest::keyClick(m_console.window(), Qt::Key_Down);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Events shown")),
                                  QStringLiteral("1–48 of 48"), ConsoleWindow::Wait);
        // The count is the model's; the table's rows follow on the next frame.
        QTRY_VERIFY_WITH_TIMEOUT(!m_console.find(QStringLiteral("secret-143"), QAccessible::Cell), ConsoleWindow::Wait);
        QVERIFY(m_console.find(QStringLiteral("secret-144"), QAccessible::Cell));
        QVERIFY(!m_console.button(QStringLiteral("Next page"))->isEnabled());
        m_console.screenshot(QStringLiteral("events-failed"));
    }

    void purgeChecksDaysAndNeedsTheTypedWord()
    {
        Test::clickItem(m_console.button(QStringLiteral("Purge…")));
        QQuickItem *days = m_console.field(QStringLiteral("Days to keep"));
        QVERIFY(days);
        Test::typeInto(days, QStringLiteral("400"));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Days problem")).contains(u"365"),
                                 ConsoleWindow::Wait);
        QVERIFY(!m_console.button(QStringLiteral("Continue purge"))->isEnabled());
        m_console.screenshot(QStringLiteral("events-purge-days"));
        Test::typeInto(days, QStringLiteral("365"));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.button(QStringLiteral("Continue purge"))->isEnabled(), ConsoleWindow::Wait);
        Test::clickItem(m_console.button(QStringLiteral("Continue purge")));

        QQuickItem *typed = m_console.field(QStringLiteral("Name to confirm"));
        QVERIFY(typed);
        QVERIFY(m_console.description(QStringLiteral("Confirmation message")).contains(u"365"));
        QVERIFY(!m_console.button(QStringLiteral("Purge"))->isEnabled());
        Test::typeInto(typed, QStringLiteral("purge"));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.button(QStringLiteral("Purge"))->isEnabled(), ConsoleWindow::Wait);
        m_console.screenshot(QStringLiteral("events-purge-confirm"));
        QCOMPARE(m_console.controller().hits("DELETE", QStringLiteral("/api/v3/events")), 0);
        Test::clickItem(m_console.button(QStringLiteral("Purge")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.controller().hits("DELETE", QStringLiteral("/api/v3/events")), 1,
                                  ConsoleWindow::Wait);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Purge result")),
                                  QStringLiteral("Deleted 1 event(s) older than 365 days."), ConsoleWindow::Wait);
        // Still filtered by FAILED: the purge's own event is a SUCCESS, event 1 was not FAILED.
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Events shown")),
                                  QStringLiteral("1–48 of 48"), ConsoleWindow::Wait);
        m_console.screenshot(QStringLiteral("events-purged"));
    }

    void demoFiltersTheSampleLocally()
    {
        ConsoleWindow demo;
        QVERIFY(demo.start());
        QVERIFY(demo.openDemo());
        Models::EventsPage *p = demo.cluster()->events();
        QVERIFY(p);
        QVERIFY(p->sampleNote().contains(u"Sample data"));
        QTRY_COMPARE_WITH_TIMEOUT(p->total(), 150, ConsoleWindow::Wait);
        QCOMPARE(p->pageText(), QStringLiteral("1–100 of 150"));
        QVERIFY(p->list()->freshnessText().contains(u"Sample data"));
        p->setStatus(QStringLiteral("FAILED"));
        QVERIFY(p->total() > 0 && p->total() < 150);
        for (const QJsonValue &e : p->events())
            QCOMPARE(e[u"status"].toString(), QStringLiteral("FAILED"));
        // Read-only: no purge; export writes the filtered sample.
        QVERIFY(!p->purgeDenied().isEmpty());
        QVERIFY(!p->purge(QStringLiteral("30")));
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("demo.json"));
        QVERIFY(p->exportTo(QUrl::fromLocalFile(file), QStringLiteral("json")));
        QVERIFY2(p->exportOk(), qPrintable(p->exportMessage()));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(f.readAll()).array().size(), qsizetype(p->total()));
        QCOMPARE(demo.controller().requests().size(), qsizetype(0));
    }
};

QTEST_MAIN(TstEventsView)
#include "tst_eventsview.moc"
