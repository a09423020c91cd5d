#include "consolewindow.h"
#include "models/agentspage.h"
#include "models/clusterview.h"
#include "models/resourcelist.h"
#include "testutil.h"
#include "uitestutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QDirIterator>
#include <QFile>
#include <QQmlProperty>
#include <QDirIterator>
#include <QFile>
#include <QTest>

using namespace Pot;
using Pot::Test::ConsoleWindow;
using Pot::Test::HttpRequest;
using Pot::Test::HttpResponse;

namespace {
const QString EdgeUuid = QStringLiteral("8b6c66bf-ef7f-405b-8e04-d6c7bdd088fc");
const QString Api = QStringLiteral("/api/v3");
const QString Key = QStringLiteral("d11faeaa-8963-4822-9cd9-1fab5aae0162");
} // namespace

/// The Agents page in the real window (the generic resource page of the agents kind plus the
/// agent's own parts): list, details, actions with their confirmations and permission reasons,
/// the microservices on an agent, and the provisioning key dialog.
class TstAgentsView : public QObject
{
    Q_OBJECT

private:
    ConsoleWindow m_console;

    bool enabled(const QString &button) const
    {
        QQuickItem *b = m_console.button(button);
        return b && b->isEnabled();
    }

    /// The colour a button's text is drawn in (its content item's colour).
    QColor textColour(const QString &button) const
    {
        QQuickItem *b = m_console.button(button);
        QQuickItem *content = b ? b->property("contentItem").value<QQuickItem *>() : nullptr;
        return content ? content->property("color").value<QColor>() : QColor();
    }

    /// Opens Agents and selects edge-node-1; false when something is missing.
    bool selectEdgeNode()
    {
        if (!m_console.openSection(QStringLiteral("Agents")))
            return false;
        if (!m_console.clickCell(QStringLiteral("edge-node-1")))
            return false;
        QTest::qWait(50);
        return QTest::qWaitFor(
            [this] {
                return m_console.description(QStringLiteral("Selected agent"))
                       == QStringLiteral("edge-node-1");
            },
            ConsoleWindow::Wait);
    }

private Q_SLOTS:
    void init() { Pot::Test::failOnQmlWarnings(); }
    void initTestCase()
    {
        QVERIFY(m_console.start());
        QVERIFY(m_console.signIn(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.cluster()->roleBindings()->loaded(), ConsoleWindow::Wait);
    }

    void listFilterAndDetails()
    {
        QVERIFY(m_console.openSection(QStringLiteral("Agents")));
        QVERIFY(m_console.find(QStringLiteral("edge-node-1"), QAccessible::Cell));
        QVERIFY(m_console.find(QStringLiteral("Select an agent to see its details")));
        m_console.screenshot(QStringLiteral("agents-list"));

        Pot::Test::typeInto(m_console.field(QStringLiteral("Filter agents")), QStringLiteral("edge"));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("agents count")),
                                  QStringLiteral("1 of 2"), ConsoleWindow::Wait);
        QVERIFY(selectEdgeNode());
        QCOMPARE(m_console.description(QStringLiteral("Agent status")),
                 QStringLiteral("NOT_PROVISIONED"));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Time zone")),
                                  QStringLiteral("Europe/Istanbul"), ConsoleWindow::Wait);
        QCOMPARE(m_console.description(QStringLiteral("Location")),
                 QStringLiteral("Building A, rack 3"));
        QVERIFY(m_console.find(QStringLiteral("agent details"), QAccessible::List));
        // An admin may run everything the agent is ready for.
        QVERIFY(enabled(QStringLiteral("Reboot")));
        QVERIFY(enabled(QStringLiteral("Upgrade")));
        QVERIFY(!enabled(QStringLiteral("Rollback")));
        QVERIFY(m_console.description(QStringLiteral("Rollback"), QAccessible::Button)
                    .contains(u"isReadyToRollback"));
        m_console.screenshot(QStringLiteral("agents-detail"));
    }

    void rebootAfterConfirmation()
    {
        const QString path = Api + u"/iofog/" + EdgeUuid + u"/reboot";
        m_console.controller().protectedFixture("POST", path, 204, QString());
        QVERIFY(selectEdgeNode());
        QQuickItem *banner = m_console.find(QStringLiteral("Cluster status"));
        QVERIFY(banner);
        const auto rowTop = [this] {
            QQuickItem *cell = m_console.find(QStringLiteral("edge-node-1"), QAccessible::Cell);
            return cell ? cell->mapToScene(QPointF(0, 0)).y() : -1.0;
        };
        const qreal rowBefore = rowTop();
        const qreal bannerHeight = banner->height();
        QVERIFY(rowBefore > 0);
        Pot::Test::clickItem(m_console.button(QStringLiteral("Reboot")));
        QVERIFY(m_console.find(QStringLiteral("Confirmation message")));
        QVERIFY(m_console.description(QStringLiteral("Confirmation message")).contains(u"edge-node-1"));
        QCOMPARE(m_console.controller().hits("POST", path), 0); // nothing before confirming
        Pot::Test::clickItem(m_console.button(QStringLiteral("Confirm")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.controller().hits("POST", path), 1, ConsoleWindow::Wait);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.cluster()->lastActionMessage(),
                                  QStringLiteral("Reboot of agent edge-node-1 requested."),
                                  ConsoleWindow::Wait);
        QVERIFY(m_console.cluster()->lastActionOk());
        // The message in the banner above the list moved no row: a click lands where it was aimed.
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Cluster status")),
                                  QStringLiteral("Reboot of agent edge-node-1 requested."), ConsoleWindow::Wait);
        QTest::qWait(100);
        QCOMPARE(rowTop(), rowBefore);
        QCOMPARE(banner->height(), bannerHeight);

        // Nor does a long refusal.
        const QString longMessage = QStringLiteral("The agent refused the reboot because ").repeated(12);
        m_console.controller().setHandler("POST", path, [longMessage](const HttpRequest &) {
            return HttpResponse::json(400, QJsonObject{{QStringLiteral("name"), QStringLiteral("ValidationError")},
                                                       {QStringLiteral("message"), longMessage}});
        });
        Pot::Test::clickItem(m_console.button(QStringLiteral("Reboot")));
        Pot::Test::clickItem(m_console.button(QStringLiteral("Confirm")));
        QTRY_VERIFY2_WITH_TIMEOUT(!m_console.cluster()->lastActionOk()
                                      && m_console.description(QStringLiteral("Cluster status")).size() > 300,
                                  qPrintable(m_console.description(QStringLiteral("Cluster status"))),
                                  ConsoleWindow::Wait);
        QVERIFY(!m_console.cluster()->lastActionOk());
        QTest::qWait(100);
        m_console.screenshot(QStringLiteral("agents-banner-long-error"));
        QCOMPARE(rowTop(), rowBefore);
        QCOMPARE(banner->height(), bannerHeight);
    }

    void microservicesOfTheAgentAndRebuild()
    {
        const QString sensor = QStringLiteral("4b4533f6-8d61-4751-a904-57acb0e8e692");
        const QString path = Api + u"/microservices/" + sensor + u"/rebuild";
        QVERIFY(selectEdgeNode());
        QVERIFY(m_console.find(QStringLiteral("Microservices on this agent")));
        QVERIFY(m_console.find(QStringLiteral("temp-sensor"), QAccessible::Cell));
        // Nothing selected yet: the buttons say why they are off.
        QVERIFY(!enabled(QStringLiteral("Rebuild microservice")));
        QVERIFY(m_console.clickCell(QStringLiteral("temp-sensor")));
        QTRY_VERIFY_WITH_TIMEOUT(enabled(QStringLiteral("Rebuild microservice")), ConsoleWindow::Wait);
        QVERIFY(enabled(QStringLiteral("Restart microservice")));
        m_console.screenshot(QStringLiteral("agents-microservices"));
        const int before = m_console.controller().hits("PATCH", path);
        Pot::Test::clickItem(m_console.button(QStringLiteral("Rebuild microservice")));
        QVERIFY(m_console.find(QStringLiteral("Confirmation message")));
        const QString message = m_console.description(QStringLiteral("Confirmation message"));
        QVERIFY2(message.contains(u"temp-sensor") && message.contains(u"edge-node-1"), qPrintable(message));
        m_console.screenshot(QStringLiteral("agents-microservice-rebuild-confirm"));
        QCOMPARE(m_console.controller().hits("PATCH", path), before); // nothing before confirming
        Pot::Test::clickItem(m_console.button(QStringLiteral("Rebuild")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.controller().hits("PATCH", path), before + 1,
                                  ConsoleWindow::Wait);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Cluster status")),
                                  QStringLiteral("Rebuild of microservice temp-sensor requested."),
                                  ConsoleWindow::Wait);
        QVERIFY(m_console.cluster()->lastActionOk());
    }

    void deleteNeedsTheTypedName()
    {
        const QString path = Api + u"/iofog/" + EdgeUuid;
        m_console.controller().protectedFixture("DELETE", path, 202, QString());
        QVERIFY(selectEdgeNode());
        Pot::Test::clickItem(m_console.button(QStringLiteral("Delete agent")));
        QVERIFY(m_console.description(QStringLiteral("Confirmation message")).contains(u"edge-node-1"));
        QQuickItem *confirm = m_console.button(QStringLiteral("Delete"));
        QVERIFY(confirm);
        QVERIFY(!confirm->isEnabled());
        Pot::Test::typeInto(m_console.field(QStringLiteral("Name to confirm")),
                            QStringLiteral("edge-node"));
        QTest::qWait(50);
        QVERIFY(!confirm->isEnabled());
        Pot::Test::typeInto(m_console.field(QStringLiteral("Name to confirm")),
                            QStringLiteral("edge-node-1"));
        QTRY_VERIFY_WITH_TIMEOUT(confirm->isEnabled(), ConsoleWindow::Wait);
        Pot::Test::clickItem(confirm);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.controller().hits("DELETE", path), 1, ConsoleWindow::Wait);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.cluster()->lastActionMessage(),
                                  QStringLiteral("Agent edge-node-1 deleted."), ConsoleWindow::Wait);
    }

    void provisioningKeyDialog()
    {
        auto &c = m_console.controller();
        c.setHandler("GET", Api + u"/iofog/" + EdgeUuid + u"/provisioning-key",
                     [&c](const HttpRequest &r) {
                         HttpResponse refusal;
                         if (!c.authorize(r, &refusal))
                             return refusal;
                         return HttpResponse::json(
                             201, QJsonObject{{QStringLiteral("key"), Key},
                                              {QStringLiteral("expirationTime"),
                                               double(c.serverNowMs() + 20 * 60 * 1000)},
                                              {QStringLiteral("caCert"), QString()}});
                     });
        QVERIFY(selectEdgeNode());
        Pot::Test::clickItem(m_console.button(QStringLiteral("Provisioning key…")));
        QVERIFY(m_console.find(QStringLiteral("Provisioning key"), QAccessible::Pane));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Provisioning key value")),
                                  QString(Key.size(), u'•'), ConsoleWindow::Wait);
        const QString countdown = m_console.description(QStringLiteral("Key expiry"));
        QVERIFY2(countdown.startsWith(u"19 min") || countdown.startsWith(u"20 min"),
                 qPrintable(countdown));
        QVERIFY(m_console.description(QStringLiteral("Controller command"))
                    .startsWith(u"sudo iofog-agent config -a " + c.address()));
        QVERIFY(!m_console.description(QStringLiteral("Provision command")).contains(Key));
        m_console.screenshot(QStringLiteral("agents-provisioning-key"));

        Pot::Test::clickItem(m_console.button(QStringLiteral("Reveal key")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Provisioning key value")),
                                  Key, ConsoleWindow::Wait);
        QCOMPARE(m_console.description(QStringLiteral("Provision command")),
                 u"sudo iofog-agent provision " + Key);

        Pot::Test::clickItem(m_console.button(QStringLiteral("Close")));
        QTRY_VERIFY_WITH_TIMEOUT(!m_console.cluster()->agents()->hasKey(), ConsoleWindow::Wait);

        // The expiry radar lists when the minted key stops working (the Controller cannot list
        // keys); the key itself is in no file, and a 20-minute key raises no desktop notice.
        QVERIFY(m_console.openSection(QStringLiteral("Expiry radar")));
        QQuickItem *row = m_console.find(QStringLiteral("provisioning key edge-node-1"), QAccessible::ListItem);
        QVERIFY(row);
        QVERIFY2(m_console.description(QStringLiteral("provisioning key edge-node-1"), QAccessible::ListItem).startsWith(u"20 min left") || m_console.description(QStringLiteral("provisioning key edge-node-1"), QAccessible::ListItem).startsWith(u"19 min left"),
                 qPrintable(m_console.description(QStringLiteral("provisioning key edge-node-1"), QAccessible::ListItem)));
        QDirIterator files(m_console.dir(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile f(files.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(Key.toUtf8()), qPrintable(f.fileName()));
        }
        for (const QString &notice : m_console.notices())
            QVERIFY2(!notice.contains(u"provisioning key"), qPrintable(notice));
        QVERIFY(m_console.openSection(QStringLiteral("Agents")));
    }

    void deleteIsDrawnDisabledAfterSigningInAgainAsAViewer()
    {
        // Signed in as admin: Delete agent is enabled and red.
        QVERIFY(selectEdgeNode());
        QTRY_VERIFY_WITH_TIMEOUT(enabled(QStringLiteral("Delete agent")), ConsoleWindow::Wait);
        const QColor enabledText = textColour(QStringLiteral("Reboot"));
        QVERIFY(enabledText.isValid());
        QVERIFY(textColour(QStringLiteral("Delete agent")) != enabledText);

        // Sign out and sign in as a viewer on the same profile.
        QVERIFY(m_console.signInAgain(QStringLiteral("viewer@example.com"), QStringLiteral("viewer-pass")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.cluster()->roleBindings()->loaded(), ConsoleWindow::Wait);
        QVERIFY(selectEdgeNode());
        QTRY_VERIFY_WITH_TIMEOUT(!enabled(QStringLiteral("Delete agent")), ConsoleWindow::Wait);
        QTRY_VERIFY_WITH_TIMEOUT(!enabled(QStringLiteral("Reboot")), ConsoleWindow::Wait);
        QVERIFY(m_console.description(QStringLiteral("Delete agent"), QAccessible::Button).contains(u"fogs:delete"));
        // Drawn as disabled, like every other disabled action: not in the enabled text colour.
        const QColor disabledText = textColour(QStringLiteral("Reboot"));
        QVERIFY(disabledText != enabledText);
        QCOMPARE(textColour(QStringLiteral("Delete agent")), disabledText);
        m_console.screenshot(QStringLiteral("agents-viewer-after-admin"));

        // Back to admin for the tests that follow.
        QVERIFY(m_console.signInAgain(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        QVERIFY(selectEdgeNode());
        QTRY_VERIFY_WITH_TIMEOUT(enabled(QStringLiteral("Delete agent")), ConsoleWindow::Wait);
        QVERIFY(textColour(QStringLiteral("Delete agent")) != enabledText);
    }

    void viewerSeesWhyActionsAreOff()
    {
        QVERIFY(m_console.signIn(QStringLiteral("viewer@example.com"), QStringLiteral("viewer-pass"),
                                 false, QStringLiteral("viewer")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.cluster()->roleBindings()->loaded(), ConsoleWindow::Wait);
        QVERIFY(selectEdgeNode());
        QTRY_VERIFY_WITH_TIMEOUT(!enabled(QStringLiteral("Reboot")), ConsoleWindow::Wait);
        const QString why = m_console.description(QStringLiteral("Reboot"), QAccessible::Button);
        QVERIFY2(why.contains(u"fogs:patch"), qPrintable(why));
        QVERIFY(m_console.description(QStringLiteral("Delete agent"), QAccessible::Button)
                    .contains(u"fogs:delete"));
        // fogs:get is enough to mint a key (controller-api.md §6.4).
        QVERIFY(enabled(QStringLiteral("Provisioning key…")));
    }

    void readOnlyProfileRunsNothing()
    {
        QVERIFY(m_console.signIn(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass"),
                                 true, QStringLiteral("read-only admin")));
        QVERIFY(selectEdgeNode());
        for (const QString &action : {QStringLiteral("Reboot"), QStringLiteral("Prune"),
                                      QStringLiteral("Upgrade"), QStringLiteral("Delete agent"),
                                      QStringLiteral("Provisioning key…")}) {
            QTRY_VERIFY_WITH_TIMEOUT(!enabled(action), ConsoleWindow::Wait);
            const QString why = m_console.description(action, QAccessible::Button);
            QVERIFY2(why.contains(u"read-only"), qPrintable(action + u": " + why));
        }
    }

    void scrollAndSelectionSurviveARefresh()
    {
        // 300 agents from the captured fog; a refresh changes three of them, one of them shown.
        const QJsonObject fog = QJsonDocument::fromJson(Test::fixture(QStringLiteral("GET_iofog-list.json")))
                                    .object().value(u"fogs").toArray().at(0).toObject();
        const auto body = [&fog](bool changed) {
            QJsonArray fogs;
            for (int i = 0; i < 300; ++i) {
                QJsonObject o = fog;
                o.insert(u"uuid", QStringLiteral("00000000-0000-4000-8000-%1").arg(i, 12, 10, QLatin1Char('0')));
                o.insert(u"name", QStringLiteral("agent-%1").arg(i, 3, 10, QLatin1Char('0')));
                if (changed && (i == 10 || i == 151 || i == 290))
                    o.insert(u"daemonStatus", QStringLiteral("RUNNING"));
                fogs.append(o);
            }
            return QJsonDocument(QJsonObject{{QStringLiteral("fogs"), fogs}}).toJson(QJsonDocument::Compact);
        };
        bool changed = false;
        m_console.controller().setHandler("GET", Api + u"/iofog-list", [&](const HttpRequest &) {
            return HttpResponse::json(200, body(changed));
        });
        QVERIFY(m_console.signIn(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass"), false,
                                 QStringLiteral("many agents")));
        QVERIFY(m_console.openSection(QStringLiteral("Agents")));
        Models::ResourceList *agents = m_console.cluster()->agents()->list();
        QTRY_COMPARE_WITH_TIMEOUT(agents->count(), 300, ConsoleWindow::Wait);

        // Scroll about half way down, as the wheel would, and select a row shown there.
        QQuickItem *table = m_console.find(QStringLiteral("agents list"), QAccessible::Table);
        QVERIFY(table);
        const qreal rowHeight = 30;
        QVERIFY(QQmlProperty::write(table, QStringLiteral("contentY"), 148 * rowHeight));
        QVERIFY(m_console.clickCell(QStringLiteral("agent-150")));
        const qreal scrolled = QQmlProperty::read(table, QStringLiteral("contentY")).toReal();
        QVERIFY(scrolled > 100 * rowHeight);
        QCOMPARE(agents->selectedKey(), QStringLiteral("00000000-0000-4000-8000-000000000150"));

        const QDateTime before = agents->updatedAt();
        changed = true;
        Pot::Test::clickItem(m_console.button(QStringLiteral("Refresh agents")));
        QTRY_VERIFY_WITH_TIMEOUT(agents->updatedAt() > before, ConsoleWindow::Wait);
        // The changed row shown on screen has its new figure; nothing moved.
        QTRY_VERIFY_WITH_TIMEOUT(m_console.find(QStringLiteral("RUNNING"), QAccessible::Cell, 0), ConsoleWindow::Wait);
        QCOMPARE(QQmlProperty::read(table, QStringLiteral("contentY")).toReal(), scrolled);
        QCOMPARE(agents->selectedKey(), QStringLiteral("00000000-0000-4000-8000-000000000150"));
        QVERIFY(m_console.find(QStringLiteral("agent-150"), QAccessible::Cell));
        m_console.screenshot(QStringLiteral("agents-refresh-kept-scroll"));
    }
};

QTEST_MAIN(TstAgentsView)
#include "tst_agentsview.moc"
