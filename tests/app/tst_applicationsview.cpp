#include "consolewindow.h"
#include "models/applicationspage.h"
#include "models/clusterview.h"
#include "testutil.h"
#include "uitestutil.h"

#include <QSignalSpy>
#include <QTest>

using namespace Pot;
using Pot::Test::ConsoleWindow;
using Pot::Test::HttpRequest;
using Pot::Test::HttpResponse;

namespace {

const QString Api = QStringLiteral("/api/v3");
const QString SensorUuid = QStringLiteral("4b4533f6-8d61-4751-a904-57acb0e8e692");

} // namespace

/// The Applications page in the real window against the stand-in Controller: the list, the
/// microservices of an application, rule links, actions behind confirmations, permissions and the
/// system applications.
class TstApplicationsView : public QObject
{
    Q_OBJECT

private:
    ConsoleWindow m_console;

    Models::ApplicationsPage *apps() const { return m_console.cluster()->applications(); }

private Q_SLOTS:
    void init() { Pot::Test::failOnQmlWarnings(); }
    void initTestCase()
    {
        QVERIFY(m_console.start());
        QVERIFY(m_console.signIn(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        QVERIFY(m_console.openSection(QStringLiteral("Applications")));
    }

    void listFilterAndSelect()
    {
        QVERIFY(m_console.find(QStringLiteral("foo-producer"), QAccessible::Cell));
        QVERIFY(m_console.find(QStringLiteral("No application selected")));
        QCOMPARE(m_console.description(QStringLiteral("applications count")), QStringLiteral("1 item"));
        Pot::Test::typeInto(m_console.field(QStringLiteral("Filter applications")),
                            QStringLiteral("nothing-like-this"));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("applications count")),
                                  QStringLiteral("0 of 1"), ConsoleWindow::Wait);
        QVERIFY(m_console.find(QStringLiteral("No applications match “nothing-like-this”")));
        Pot::Test::typeInto(m_console.field(QStringLiteral("Filter applications")),
                            QStringLiteral("telemetry"));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("applications count")),
                                  QStringLiteral("1 of 1"), ConsoleWindow::Wait);

        QVERIFY(m_console.clickCell(QStringLiteral("foo-producer")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Selected application")),
                                  QStringLiteral("foo-producer"), ConsoleWindow::Wait);
        // Its microservice, with the agent's name and the NATS user rule.
        QVERIFY(m_console.find(QStringLiteral("temp-sensor"), QAccessible::Cell));
        QVERIFY(m_console.find(QStringLiteral("QUEUED"), QAccessible::Cell));
        QVERIFY(m_console.find(QStringLiteral("edge-node-1"), QAccessible::Cell));
        QVERIFY(m_console.find(QStringLiteral("18080→8080/tcp"), QAccessible::Cell));
        QVERIFY(m_console.find(QStringLiteral("on (sensor-publisher)"), QAccessible::Cell));
        QCOMPARE(m_console.description(QStringLiteral("microservices count")), QStringLiteral("1 item"));
        QVERIFY(m_console.find(QStringLiteral("NATS account rule foo-exporter"), QAccessible::Link));
        QCOMPARE(m_console.description(QStringLiteral("Account rule")), QStringLiteral("foo-exporter"));
        // Activated already: Start is off and says why.
        QCOMPARE(m_console.description(QStringLiteral("Start application"), QAccessible::Button),
                 QStringLiteral("The application is already activated."));
        m_console.screenshot(QStringLiteral("applications-list"));
    }

    void microserviceDetails()
    {
        QVERIFY(m_console.clickCell(QStringLiteral("temp-sensor")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Selected microservice")),
                                  QStringLiteral("temp-sensor"), ConsoleWindow::Wait);
        QCOMPARE(m_console.description(QStringLiteral("Microservice status")), QStringLiteral("QUEUED"));
        // Selecting a microservice shows its details (rows further down exist once scrolled to;
        // the model test covers them).
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("UUID")), SensorUuid,
                                  ConsoleWindow::Wait);
        // The application's details stay in view above (with their group "Application"): the row.
        QCOMPARE(m_console.description(QStringLiteral("Application"), QAccessible::ListItem),
                 QStringLiteral("foo-producer"));
        QVERIFY(m_console.find(QStringLiteral("NATS user rule sensor-publisher"), QAccessible::Link));
        m_console.screenshot(QStringLiteral("applications-detail"));
    }

    void ruleLinkOpensTheNatsSection()
    {
        QSignalSpy spy(apps(), &Models::ApplicationsPage::ruleLinkActivated);
        Pot::Test::clickItem(
            m_console.find(QStringLiteral("NATS user rule sensor-publisher"), QAccessible::Link));
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, ConsoleWindow::Wait);
        QCOMPARE(spy.at(0), (QList<QVariant>{QStringLiteral("user"), QStringLiteral("sensor-publisher")}));
        QQuickItem *sections = m_console.find(QStringLiteral("Sections"));
        QVERIFY(sections);
        QTRY_COMPARE_WITH_TIMEOUT(sections->property("currentId").toString(), QStringLiteral("nats"),
                                  ConsoleWindow::Wait);
        QVERIFY(m_console.openSection(QStringLiteral("Applications")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Selected microservice")),
                                  QStringLiteral("temp-sensor"), ConsoleWindow::Wait);
    }

    void stopMicroserviceAfterConfirmation()
    {
        QList<HttpRequest> seen;
        m_console.controller().setHandler("PATCH", Api + u"/microservices/" + SensorUuid + u"/stop",
                                          [&seen](const HttpRequest &r) {
                                              seen << r;
                                              return HttpResponse::empty(204);
                                          });
        Pot::Test::clickItem(m_console.button(QStringLiteral("Stop microservice")));
        QVERIFY(m_console.find(QStringLiteral("Confirmation message")));
        QVERIFY(m_console.description(QStringLiteral("Confirmation message")).contains(u"temp-sensor"));
        QVERIFY(seen.isEmpty()); // nothing sent before the confirmation
        Pot::Test::clickItem(m_console.button(QStringLiteral("Stop")));
        QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 1, ConsoleWindow::Wait);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Cluster status")),
                                  QStringLiteral("Microservice temp-sensor stopped."),
                                  ConsoleWindow::Wait);
    }

    void deleteApplicationNeedsTheTypedName()
    {
        QList<HttpRequest> seen;
        m_console.controller().setHandler("DELETE", Api + u"/application/foo-producer",
                                          [&seen](const HttpRequest &r) {
                                              seen << r;
                                              return HttpResponse::empty(204);
                                          });
        Pot::Test::clickItem(m_console.button(QStringLiteral("Delete application")));
        QVERIFY(m_console.find(QStringLiteral("Confirmation message")));
        QVERIFY(m_console.description(QStringLiteral("Confirmation message")).contains(u"foo-producer"));
        QQuickItem *confirm = m_console.button(QStringLiteral("Delete"));
        QVERIFY(confirm);
        QVERIFY(!confirm->isEnabled());
        Pot::Test::typeInto(m_console.field(QStringLiteral("Name to confirm")), QStringLiteral("foo-produce"));
        QTest::qWait(100);
        QVERIFY(!confirm->isEnabled()); // almost the name is not the name
        Pot::Test::typeInto(m_console.field(QStringLiteral("Name to confirm")), QStringLiteral("foo-producer"));
        Pot::Test::clickItem(confirm);
        QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 1, ConsoleWindow::Wait);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Cluster status")),
                                  QStringLiteral("Application foo-producer deleted."),
                                  ConsoleWindow::Wait);
    }

    void systemApplicationsAreListedApartAndReadOnly()
    {
        Pot::Test::clickItem(m_console.find(QStringLiteral("System applications")));
        QVERIFY(m_console.find(QStringLiteral("system-remote-hub"), QAccessible::Cell));
        QVERIFY(m_console.find(QStringLiteral("system-edge-node-1"), QAccessible::Cell));
        QCOMPARE(m_console.description(QStringLiteral("system applications count")),
                 QStringLiteral("2 items"));
        QVERIFY(m_console.find(QStringLiteral("No system application selected")));
        QVERIFY(m_console.clickCell(QStringLiteral("system-remote-hub")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Selected application")),
                                  QStringLiteral("system-remote-hub"), ConsoleWindow::Wait);
        QVERIFY(m_console.find(QStringLiteral("nats"), QAccessible::Cell));
        QVERIFY(m_console.find(QStringLiteral("router"), QAccessible::Cell));
        QVERIFY(m_console.description(QStringLiteral("Delete application"), QAccessible::Button)
                    .contains(u"read-only"));
        QVERIFY(m_console.clickCell(QStringLiteral("nats")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Stop microservice"),
                                                       QAccessible::Button)
                                     .contains(u"read-only"),
                                 ConsoleWindow::Wait);
        m_console.screenshot(QStringLiteral("applications-system"));
    }

    void viewerMayNotStopMicroservices()
    {
        QVERIFY(m_console.signIn(QStringLiteral("viewer@example.com"), QStringLiteral("viewer-pass"),
                                 false, QStringLiteral("viewer")));
        QVERIFY(m_console.openSection(QStringLiteral("Applications")));
        QVERIFY(m_console.clickCell(QStringLiteral("foo-producer")));
        QVERIFY(m_console.clickCell(QStringLiteral("temp-sensor")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Stop microservice"),
                                                       QAccessible::Button)
                                     .contains(u"microservices:patch"),
                                 ConsoleWindow::Wait);
        QVERIFY(!m_console.button(QStringLiteral("Stop microservice"))->isEnabled());
        QVERIFY(m_console.description(QStringLiteral("Delete application"), QAccessible::Button)
                    .contains(u"applications:delete"));
    }
};

QTEST_MAIN(TstApplicationsView)
#include "tst_applicationsview.moc"
