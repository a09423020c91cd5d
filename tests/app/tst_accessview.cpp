#include "consolewindow.h"
#include "models/accesspage.h"
#include "models/clusterview.h"
#include "testutil.h"
#include "uitestutil.h"

#include <QTest>

using namespace Pot;
using Pot::Test::ConsoleWindow;
using Pot::Test::HttpRequest;
using Pot::Test::HttpResponse;

/// The Access control page in the real window against the stand-in Controller: roles and their
/// rules, the YAML editor, typed-name deletes, permissions of a viewer, and the permission grid.
class TstAccessView : public QObject
{
    Q_OBJECT

private:
    ConsoleWindow m_console;
    QList<HttpRequest> m_created;

    QString text(QQuickItem *item) const { return item ? item->property("text").toString() : QString(); }

private Q_SLOTS:
    void init() { Pot::Test::failOnQmlWarnings(); }
    void initTestCase()
    {
        QVERIFY(m_console.start());
        m_console.controller().setHandler(
            "POST", QStringLiteral("/api/v3/roles/yaml"), [this](const HttpRequest &r) {
                m_created << r;
                return HttpResponse::fixture(201, QStringLiteral("POST_roles_yaml__cert-viewer.json"));
            });
        m_console.controller().protectedFixture("DELETE", QStringLiteral("/api/v3/roles/cert-viewer"), 204,
                                                QString());
        QVERIFY(m_console.signIn(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        QVERIFY(m_console.openSection(QStringLiteral("Access control")));
    }

    void rolesAndTheirRules()
    {
        QVERIFY(m_console.find(QStringLiteral("nats-operator"), QAccessible::Cell));
        QVERIFY(m_console.find(QStringLiteral("admin"), QAccessible::Cell));
        QVERIFY(m_console.clickCell(QStringLiteral("nats-operator")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Selected role")),
                                  QStringLiteral("nats-operator"), ConsoleWindow::Wait);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Rule 2")),
                                  QStringLiteral("natsOperator, natsHub × get, list × any name"),
                                  ConsoleWindow::Wait);
        QCOMPARE(m_console.description(QStringLiteral("Bound by")), QStringLiteral("nats-operators"));
        QCOMPARE(m_console.description(QStringLiteral("Edit YAML…")), QString());
        m_console.screenshot(QStringLiteral("access-roles"));

        // Edit YAML… opens the selected role as YAML; Cancel leaves it alone.
        Test::clickItem(m_console.button(QStringLiteral("Edit YAML…")));
        QQuickItem *yaml = m_console.field(QStringLiteral("YAML"));
        QVERIFY(yaml);
        QVERIFY(text(yaml).contains(u"metadata:\n  name: nats-operator\nrules:\n"));
        Test::clickItem(m_console.button(QStringLiteral("Cancel")));
        QTRY_VERIFY_WITH_TIMEOUT(!m_console.editorOpen(), ConsoleWindow::Wait);

        // A built-in role is read-only, and the buttons say why.
        QVERIFY(m_console.clickCell(QStringLiteral("sre")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Edit YAML…")).contains(u"built-in role"),
                                 ConsoleWindow::Wait);
        QVERIFY(!m_console.button(QStringLiteral("Edit YAML…"))->isEnabled());
        QVERIFY(m_console.description(QStringLiteral("Delete role")).contains(u"built-in role"));
    }

    void createRoleThroughTheYamlEditor()
    {
        Test::clickItem(m_console.button(QStringLiteral("New role…")));
        QQuickItem *yaml = m_console.field(QStringLiteral("YAML"));
        QVERIFY(yaml);
        QVERIFY(text(yaml).contains(u"kind: Role"));

        // A syntax error is shown with its position and the text stays as typed.
        const QString broken = QString::fromUtf8(
            Test::fixture(QStringLiteral("POST_roles_yaml__malformed-yaml_400.request.yaml")));
        yaml->setProperty("text", broken);
        // Marked at its line and column as it is typed; nothing can be reviewed or sent.
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("YAML check")).contains(u"1 error"),
                                 ConsoleWindow::Wait);
        QVERIFY(m_console.find(QStringLiteral("7:5  error: end of sequence flow not found")));
        QVERIFY(!m_console.button(QStringLiteral("Review changes"))->isEnabled());
        QCOMPARE(text(yaml), broken);
        QVERIFY(m_created.isEmpty());
        m_console.screenshot(QStringLiteral("access-editor"));

        const QByteArray good = Test::fixture(QStringLiteral("POST_roles_yaml__cert-viewer.request.yaml"));
        yaml->setProperty("text", QString::fromUtf8(good));
        QVERIFY(m_console.reviewAndApply(QStringLiteral("access-review")));
        QTRY_COMPARE_WITH_TIMEOUT(m_created.size(), 1, ConsoleWindow::Wait);
        QVERIFY(m_created.constFirst().header("content-type").startsWith("multipart/form-data; boundary="));
        QVERIFY(m_created.constFirst().body.contains("name=\"role\""));
        QVERIFY(m_created.constFirst().body.contains(good));
        // The dialog closes once the Controller accepted it; the banner says what happened.
        QTRY_VERIFY_WITH_TIMEOUT(!m_console.editorOpen(), ConsoleWindow::Wait);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.cluster()->lastActionMessage(),
                                  QStringLiteral("Created role cert-viewer."), ConsoleWindow::Wait);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Selected role")),
                                  QStringLiteral("cert-viewer"), ConsoleWindow::Wait);
    }

    void deleteNeedsTheTypedName()
    {
        QVERIFY(m_console.clickCell(QStringLiteral("cert-viewer")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Selected role")),
                                  QStringLiteral("cert-viewer"), ConsoleWindow::Wait);
        Test::clickItem(m_console.button(QStringLiteral("Delete role")));
        QQuickItem *confirm = m_console.button(QStringLiteral("Delete"));
        QVERIFY(confirm);
        QVERIFY(!confirm->isEnabled());
        Test::typeInto(m_console.field(QStringLiteral("Name to confirm")), QStringLiteral("cert-viewe"));
        QVERIFY(!confirm->isEnabled());
        Test::typeInto(m_console.field(QStringLiteral("Name to confirm")), QStringLiteral("cert-viewer"));
        QTRY_VERIFY_WITH_TIMEOUT(confirm->isEnabled(), ConsoleWindow::Wait);
        Test::clickItem(confirm);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.controller().hits("DELETE", QStringLiteral("/api/v3/roles/cert-viewer")),
                                  1, ConsoleWindow::Wait);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.cluster()->lastActionMessage(),
                                  QStringLiteral("Deleted role cert-viewer."), ConsoleWindow::Wait);
    }

    void serviceAccountsTab()
    {
        Test::clickItem(m_console.find(QStringLiteral("Service accounts")));
        QVERIFY(m_console.clickCell(QStringLiteral("temp-sensor")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Selected service account")),
                                  QStringLiteral("temp-sensor"), ConsoleWindow::Wait);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Microservice UUID")),
                                  QStringLiteral("4b4533f6-8d61-4751-a904-57acb0e8e692"), ConsoleWindow::Wait);
        QCOMPARE(m_console.description(QStringLiteral("Edit YAML…")), QString());
        m_console.screenshot(QStringLiteral("access-serviceaccounts"));
    }

    void viewerMayNotCreateRoles()
    {
        QVERIFY(m_console.signIn(QStringLiteral("viewer@example.com"), QStringLiteral("viewer-pass"), false,
                                 QStringLiteral("viewer")));
        QVERIFY(m_console.openSection(QStringLiteral("Access control")));
        Test::clickItem(m_console.find(QStringLiteral("Roles")));
        QVERIFY(m_console.find(QStringLiteral("nats-operator"), QAccessible::Cell));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("New role…")).contains(u"roles:create"),
                                 ConsoleWindow::Wait);
        QVERIFY(!m_console.button(QStringLiteral("New role…"))->isEnabled());
    }

    void gridForGroupViewer()
    {
        Test::clickItem(m_console.find(QStringLiteral("Who can do what")));
        QQuickItem *subject = m_console.find(QStringLiteral("Subject"), QAccessible::ComboBox);
        QVERIFY(subject);
        QTRY_COMPARE_WITH_TIMEOUT(subject->property("editText").toString(),
                                  QStringLiteral("User viewer@example.com"), ConsoleWindow::Wait);
        Test::typeInto(subject, QStringLiteral("Group viewer"));
        QTest::keyClick(m_console.window(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.cluster()->access()->gridSubject(), QStringLiteral("Group viewer"),
                                  ConsoleWindow::Wait);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("fogs list"), QAccessible::Cell),
                                  QStringLiteral("allowed"), ConsoleWindow::Wait);
        QCOMPARE(m_console.description(QStringLiteral("fogs patch"), QAccessible::Cell),
                 QStringLiteral("not allowed"));
        QVERIFY(m_console.description(QStringLiteral("Grid summary")).startsWith(u"Group viewer: "));
        m_console.screenshot(QStringLiteral("access-grid"));
    }
};

QTEST_MAIN(TstAccessView)
#include "tst_accessview.moc"
