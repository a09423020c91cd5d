#include "consolewindow.h"
#include "models/clusterview.h"
#include "models/natspage.h"
#include "testutil.h"
#include "uitestutil.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Pot;
using Pot::Test::ConsoleWindow;
using Pot::Test::HttpRequest;
using Pot::Test::HttpResponse;

namespace {
const QString Api = QStringLiteral("/api/v3");
}

/// The NATS page in the real window against the stand-in Controller.
class TstNatsView : public QObject
{
    Q_OBJECT

private:
    ConsoleWindow m_console;
    QList<QJsonObject> m_created;
    int m_rotations = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_console.start());
        auto &c = m_console.controller();
        c.setHandler("POST", Api + u"/nats/accounts/foo-producer/users", [this](const HttpRequest &r) {
            m_created << r.jsonBody();
            return HttpResponse::fixture(201, QStringLiteral("POST_nats_accounts_APP_users__foo-producer.json"));
        });
        c.setHandler("POST", Api + u"/nats/operator/rotate", [this](const HttpRequest &) {
            ++m_rotations;
            return HttpResponse::fixture(200, QStringLiteral("POST_nats_operator_rotate.json"));
        });
        c.protectedFixture("GET", Api + u"/nats/accounts/foo-producer/users/ops-cli/creds", 200,
                           QStringLiteral("GET_nats_accounts_APP_users_USER_creds__foo-producer_ops-cli.json"));
        QVERIFY(m_console.signIn(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        QVERIFY(m_console.openSection(QStringLiteral("NATS")));
    }

    void accountsAreListed()
    {
        Pot::Test::clickItem(m_console.find(QStringLiteral("Accounts")));
        QVERIFY(m_console.find(QStringLiteral("SYS"), QAccessible::Cell));
        QVERIFY(m_console.find(QStringLiteral("foo-producer"), QAccessible::Cell));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("accounts count")),
                                  QStringLiteral("5 items"), ConsoleWindow::Wait);
        QVERIFY(m_console.clickCell(QStringLiteral("foo-producer")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Account rule")),
                                  QStringLiteral("foo-exporter"), ConsoleWindow::Wait);
        m_console.screenshot(QStringLiteral("nats-accounts"));
    }

    void userExpiryIsMarkedNotEnforced()
    {
        Pot::Test::clickItem(m_console.find(QStringLiteral("Users")));
        QVERIFY(m_console.clickCell(QStringLiteral("ops-cli")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Expiry"))
                                     .contains(QStringLiteral("requested expiry (not enforced)")),
                                 ConsoleWindow::Wait);
        m_console.screenshot(QStringLiteral("nats-users"));
    }

    void createUserThroughTheDialog()
    {
        Pot::Test::clickItem(m_console.button(QStringLiteral("Create user…")));
        QQuickItem *app = m_console.field(QStringLiteral("Application"));
        QVERIFY(app);
        QTRY_COMPARE_WITH_TIMEOUT(app->property("text").toString(), QStringLiteral("foo-producer"),
                                  ConsoleWindow::Wait);
        Pot::Test::typeInto(m_console.field(QStringLiteral("User name")), QStringLiteral("ops-cli"));
        QQuickItem *unit = m_console.find(QStringLiteral("Expiry unit"), QAccessible::ComboBox);
        QVERIFY(unit);
        unit->setProperty("currentIndex", 1); // hours
        QQuickItem *amount = m_console.find(QStringLiteral("Expiry amount"));
        QVERIFY(amount);
        amount->setProperty("value", 720);
        QQuickItem *rule = m_console.find(QStringLiteral("User rule"), QAccessible::ComboBox);
        QVERIFY(rule);
        const QStringList rules = m_console.cluster()->nats()->userRuleNames();
        QVERIFY(rules.contains(QStringLiteral("sensor-publisher")));
        rule->setProperty("currentIndex", rules.indexOf(QStringLiteral("sensor-publisher")) + 1);
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Expiry note")).contains(QStringLiteral("\"720h\"")),
                                 ConsoleWindow::Wait);
        Pot::Test::clickItem(m_console.button(QStringLiteral("Create")));
        QTRY_COMPARE_WITH_TIMEOUT(m_created.size(), 1, ConsoleWindow::Wait);
        QCOMPARE(m_created.at(0),
                 QJsonDocument::fromJson(Test::fixture(QStringLiteral("POST_nats_accounts_APP_users__foo-producer.request.json")))
                     .object());
        QTRY_VERIFY_WITH_TIMEOUT(!Pot::Test::findAccessible(m_console.window(), QStringLiteral("User name"),
                                                            QAccessible::EditableText),
                                 ConsoleWindow::Wait);
    }

    void credsAreFetchedWithTheSeedMasked()
    {
        QVERIFY(m_console.clickCell(QStringLiteral("ops-cli")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.cluster()->nats()->selectedUserName(), QStringLiteral("ops-cli"),
                                  ConsoleWindow::Wait);
        Pot::Test::clickItem(m_console.button(QStringLiteral("Fetch creds")));
        QVERIFY(m_console.find(QStringLiteral("Creds details")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Seed")), QStringLiteral("hidden"),
                                  ConsoleWindow::Wait);
        QCOMPARE(m_console.description(QStringLiteral("Public key")),
                 QStringLiteral("UD3XZZNCEZKCHHOBE5LQKFICPXID7AVWVZ5KXE5F67K5GDRWMNGCNQLF"));
        m_console.screenshot(QStringLiteral("nats-creds"));
        Pot::Test::clickItem(m_console.button(QStringLiteral("Reveal seed")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Seed")),
                                  QStringLiteral("SUABROLMDUZJQV45GF6DBUHRVU6EHT3YWQQN7MHMIPBCUGVBND7U5JVXOA"),
                                  ConsoleWindow::Wait);
        Pot::Test::clickItem(m_console.button(QStringLiteral("Close")));
        // Closing forgets the creds.
        QTRY_VERIFY_WITH_TIMEOUT(!m_console.cluster()->nats()->property("creds").value<QObject *>()->property("loaded").toBool(),
                                 ConsoleWindow::Wait);
    }

    void rotateNeedsTheTypedOperatorName()
    {
        Pot::Test::clickItem(m_console.find(QStringLiteral("Operator")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Name")), QStringLiteral("pot-operator"),
                                  ConsoleWindow::Wait);
        m_console.screenshot(QStringLiteral("nats-operator"));
        Pot::Test::clickItem(m_console.button(QStringLiteral("Rotate…")));
        QQuickItem *confirm = m_console.button(QStringLiteral("Rotate"));
        QVERIFY(confirm);
        QVERIFY(!confirm->isEnabled());
        Pot::Test::typeInto(m_console.field(QStringLiteral("Name to confirm")), QStringLiteral("pot-operato"));
        QVERIFY(!confirm->isEnabled());
        Pot::Test::typeInto(m_console.field(QStringLiteral("Name to confirm")), QStringLiteral("pot-operator"));
        QTRY_VERIFY_WITH_TIMEOUT(confirm->isEnabled(), ConsoleWindow::Wait);
        Pot::Test::clickItem(confirm);
        QTRY_COMPARE_WITH_TIMEOUT(m_rotations, 1, ConsoleWindow::Wait);
    }

    void viewerCannotRotate()
    {
        QVERIFY(m_console.signIn(QStringLiteral("viewer@example.com"), QStringLiteral("viewer-pass"), false,
                                 QStringLiteral("viewer")));
        QVERIFY(m_console.openSection(QStringLiteral("NATS")));
        Pot::Test::clickItem(m_console.find(QStringLiteral("Operator")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Rotate…"))
                                     .contains(QStringLiteral("natsOperator:update")),
                                 ConsoleWindow::Wait);
        QQuickItem *rotate = m_console.button(QStringLiteral("Rotate…"));
        QVERIFY(rotate);
        QVERIFY(!rotate->isEnabled());
    }
};

QTEST_MAIN(TstNatsView)
#include "tst_natsview.moc"
