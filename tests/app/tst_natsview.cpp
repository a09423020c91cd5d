#include "consolewindow.h"
#include "models/clusterview.h"
#include "models/natspage.h"
#include "models/resourcelist.h"
#include "natsserver.h"
#include "natsworld.h"
#include "testutil.h"
#include "uitestutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <memory>

#include <functional>

using namespace Pot;
using Pot::Test::ConsoleWindow;
using Pot::Test::HttpRequest;
using Pot::Test::HttpResponse;

namespace {
const QString ApiRoot = QStringLiteral("/api/v3");
}

/// The NATS page in the real window against the stand-in Controller.
class TstNatsView : public QObject
{
    Q_OBJECT

private:
    ConsoleWindow m_console;
    QList<QJsonObject> m_created;
    int m_rotations = 0;

    /// In the open Create user dialog: the user name and an expiry in hours.
    void fillNameAndExpiry(const QString &name, int hours)
    {
        Pot::Test::typeInto(m_console.field(QStringLiteral("User name")), name);
        QQuickItem *unit = m_console.find(QStringLiteral("Expiry unit"), QAccessible::ComboBox);
        QVERIFY(unit);
        unit->setProperty("currentIndex", 1); // hours
        QQuickItem *amount = m_console.find(QStringLiteral("Expiry amount"));
        QVERIFY(amount);
        amount->setProperty("value", hours);
    }

    /// Opens a rules tab, checks its rows, and reads in the details of the selected rule that a
    /// built-in rule is marked reserved and a custom one is not (ends with `custom` selected).
    void checkRulesTab(const QString &tab, const QString &countName, const QStringList &names,
                       const QString &builtIn, const QString &custom)
    {
        Pot::Test::clickItem(m_console.find(tab));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(countName),
                                  QStringLiteral("%1 items").arg(names.size()), ConsoleWindow::Wait);
        for (const QString &name : names)
            QVERIFY(m_console.find(name, QAccessible::Cell));
        QVERIFY(m_console.find(QStringLiteral("built-in"), QAccessible::Cell));
        QVERIFY(m_console.find(QStringLiteral("custom"), QAccessible::Cell));
        QVERIFY(m_console.clickCell(builtIn));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Kind"), QAccessible::ListItem),
                                  QStringLiteral("built-in (reserved, cannot be changed)"), ConsoleWindow::Wait);
        QVERIFY(m_console.clickCell(custom));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Kind"), QAccessible::ListItem),
                                  QStringLiteral("custom"), ConsoleWindow::Wait);
    }

private Q_SLOTS:
    void init() { Pot::Test::failOnQmlWarnings(); }
    void initTestCase()
    {
        QVERIFY(m_console.start());
        auto &c = m_console.controller();
        c.setHandler("POST", ApiRoot + u"/nats/accounts/foo-producer/users", [this](const HttpRequest &r) {
            m_created << r.jsonBody();
            return HttpResponse::fixture(201, QStringLiteral("POST_nats_accounts_APP_users__foo-producer.json"));
        });
        c.setHandler("POST", ApiRoot + u"/nats/operator/rotate", [this](const HttpRequest &) {
            ++m_rotations;
            return HttpResponse::fixture(200, QStringLiteral("POST_nats_operator_rotate.json"));
        });
        c.protectedFixture("GET", ApiRoot + u"/nats/accounts/foo-producer/users/ops-cli/creds", 200,
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

    void createUserDialogKeepsEveryFieldInItsPlace()
    {
        // With the default "No expiry" the rule and the MQTT box sit under the other fields, and
        // picking a unit moves nothing.
        Pot::Test::clickItem(m_console.find(QStringLiteral("Users")));
        Pot::Test::clickItem(m_console.button(QStringLiteral("Create user…")));
        QQuickItem *name = m_console.field(QStringLiteral("User name"));
        QQuickItem *unit = m_console.find(QStringLiteral("Expiry unit"), QAccessible::ComboBox);
        QQuickItem *rule = m_console.find(QStringLiteral("User rule"), QAccessible::ComboBox);
        QQuickItem *bearer = m_console.find(QStringLiteral("MQTT bearer user"), QAccessible::CheckBox);
        QVERIFY(name && unit && rule && bearer);
        QTRY_VERIFY_WITH_TIMEOUT(!name->window() || name->window()->isExposed(), ConsoleWindow::Wait);
        QTest::qWait(300); // the dialog's opening transition
        QCOMPARE(unit->property("currentIndex").toInt(), 0);
        const auto place = [](QQuickItem *item) { return item->mapToScene(QPointF(0, 0)); };
        const QPointF nameAt = place(name);
        const QPointF ruleAt = place(rule);
        const QPointF bearerAt = place(bearer);
        m_console.screenshot(QStringLiteral("nats-create-user-no-expiry"));
        QCOMPARE(ruleAt.x(), nameAt.x());
        QCOMPARE(bearerAt.x(), nameAt.x());
        QVERIFY(ruleAt.y() > place(unit).y());
        QVERIFY(bearerAt.y() > ruleAt.y());
        QCOMPARE(rule->width(), name->width());
        for (int i = 1; i <= 3; ++i) {
            unit->setProperty("currentIndex", i);
            QTest::qWait(50);
            QCOMPARE(place(rule), ruleAt);
            QCOMPARE(place(bearer), bearerAt);
            QCOMPARE(place(name), nameAt);
        }
        m_console.screenshot(QStringLiteral("nats-create-user-months"));
        unit->setProperty("currentIndex", 0);
        QTest::qWait(50);
        QCOMPARE(place(rule), ruleAt);
        Pot::Test::clickItem(m_console.button(QStringLiteral("Cancel")));
        QTRY_VERIFY_WITH_TIMEOUT(!Pot::Test::findAccessible(m_console.window(), QStringLiteral("User name"),
                                                            QAccessible::EditableText),
                                 ConsoleWindow::Wait);
    }

    void createUserThroughTheDialog()
    {
        // As on a real Controller the new user is listed only after the POST: the list read before
        // has no ops-cli.
        const QJsonObject all = QJsonDocument::fromJson(Test::fixture(QStringLiteral("GET_nats_users.json"))).object();
        QJsonArray before = all.value(u"users").toArray();
        for (qsizetype i = before.size() - 1; i >= 0; --i) {
            if (before.at(i).toObject().value(u"name").toString() == u"ops-cli")
                before.removeAt(i);
        }
        QCOMPARE(before.size(), all.value(u"users").toArray().size() - 1);
        auto &c = m_console.controller();
        c.setHandler("GET", ApiRoot + u"/nats/users", [this, &c, all, before](const HttpRequest &r) {
            HttpResponse refusal;
            if (!c.authorize(r, &refusal))
                return refusal;
            return HttpResponse::json(200, m_created.isEmpty() ? QJsonObject{{QStringLiteral("users"), before}} : all);
        });
        Models::ResourceList *users = m_console.cluster()->nats()->users();
        users->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(users->count(), int(before.size()), ConsoleWindow::Wait);
        QVERIFY(users->selectedKey().isEmpty());

        Pot::Test::clickItem(m_console.button(QStringLiteral("Create user…")));
        QQuickItem *app = m_console.field(QStringLiteral("Application"));
        QVERIFY(app);
        QTRY_COMPARE_WITH_TIMEOUT(app->property("text").toString(), QStringLiteral("foo-producer"),
                                  ConsoleWindow::Wait);
        fillNameAndExpiry(QStringLiteral("ops-cli"), 720);
        if (QTest::currentTestFailed())
            return;
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
        // The new user is selected and its details are shown at once, without another click.
        QTRY_COMPARE_WITH_TIMEOUT(users->count(), int(before.size()) + 1, ConsoleWindow::Wait);
        QTRY_COMPARE_WITH_TIMEOUT(users->selectedKey(), QStringLiteral("foo-producer/ops-cli"), ConsoleWindow::Wait);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Public key"), QAccessible::ListItem),
                                  QStringLiteral("UD3XZZNCEZKCHHOBE5LQKFICPXID7AVWVZ5KXE5F67K5GDRWMNGCNQLF"),
                                  ConsoleWindow::Wait);
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Expiry"), QAccessible::ListItem)
                                     .contains(QStringLiteral("requested expiry (not enforced)")),
                                 ConsoleWindow::Wait);
        m_console.screenshot(QStringLiteral("nats-user-created"));
        c.protectedFixture("GET", ApiRoot + u"/nats/users", 200, QStringLiteral("GET_nats_users.json"));
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
        // The file dialog for saving says Save, not Open.
        Pot::Test::clickItem(m_console.button(QStringLiteral("Save creds…")));
        QTest::qWait(500);
        m_console.screenshot(QStringLiteral("nats-save-creds-file"));
        // Qt's own file dialog gives its buttons no accessible names: look for the button text.
        const std::function<QStringList(QQuickItem *)> buttonTexts = [&buttonTexts](QQuickItem *item) {
            QStringList texts;
            if (!item || !item->isVisible())
                return texts;
            if (item->inherits("QQuickAbstractButton"))
                texts << item->property("text").toString();
            for (QQuickItem *child : item->childItems())
                texts << buttonTexts(child);
            return texts;
        };
        const QStringList shown = buttonTexts(m_console.window()->contentItem());
        QVERIFY2(shown.contains(QStringLiteral("Save")) && !shown.contains(QStringLiteral("Open")),
                 qPrintable(shown.join(u", ")));
        QTest::keyClick(m_console.window(), Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!buttonTexts(m_console.window()->contentItem()).contains(QStringLiteral("Save")),
                                 ConsoleWindow::Wait);
        Pot::Test::clickItem(m_console.button(QStringLiteral("Reveal seed")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Seed")),
                                  QStringLiteral("SUABROLMDUZJQV45GF6DBUHRVU6EHT3YWQQN7MHMIPBCUGVBND7U5JVXOA"),
                                  ConsoleWindow::Wait);
        Pot::Test::clickItem(m_console.button(QStringLiteral("Close")));
        // Closing forgets the creds.
        QTRY_VERIFY_WITH_TIMEOUT(!m_console.cluster()->nats()->property("creds").value<QObject *>()->property("loaded").toBool(),
                                 ConsoleWindow::Wait);
    }

    void capturedCredsAreTestedLiveAgainstARealServer()
    {
        // A real nats-server trusting the captured operator, with the captured account JWTs
        // preloaded: the Controller's creds for ops-cli authenticate there as they would against
        // the Controller's own NATS servers. The world of tests/support/natsworld has another
        // operator, so the same creds are refused by its server.
        const QJsonObject op =
            QJsonDocument::fromJson(Test::fixture(QStringLiteral("GET_nats_operator.json"))).object();
        const QJsonArray accounts =
            QJsonDocument::fromJson(Test::fixture(QStringLiteral("GET_nats_accounts__final.json")))
                .object()
                .value(u"accounts")
                .toArray();
        QString system;
        QString preload;
        for (const QJsonValue &v : accounts) {
            const QJsonObject a = v.toObject();
            const QString name = a.value(u"name").toString();
            if (name != u"SYS" && name != u"foo-producer")
                continue;
            if (a.value(u"isSystem").toBool())
                system = a.value(u"publicKey").toString();
            preload += QStringLiteral("  %1: \"%2\"\n")
                           .arg(a.value(u"publicKey").toString(), a.value(u"jwt").toString());
        }
        QVERIFY(!system.isEmpty());
        Test::NatsServer trusting;
        trusting.setServerName(QStringLiteral("captured-operator"));
        const QString operatorPath =
            trusting.writeFile(QStringLiteral("operator.jwt"), op.value(u"jwt").toString().toLatin1());
        QVERIFY(!operatorPath.isEmpty());
        const Status started = trusting.start(
            QStringLiteral("operator: \"%1\"\nsystem_account: %2\nresolver: MEMORY\nresolver_preload: {\n%3}\n")
                .arg(operatorPath, system, preload));
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString() + trusting.log()));

        Result<Test::NatsWorld> world = Test::NatsWorld::build();
        QVERIFY_RESULT(world);
        Test::NatsServer other;
        other.setServerName(QStringLiteral("other-operator"));
        const Result<QString> otherConfig = world->serverConfig(other.dir());
        QVERIFY_RESULT(otherConfig);
        const Status otherStarted = other.start(*otherConfig);
        QVERIFY2(otherStarted.ok(), qPrintable(otherStarted.ok() ? QString() : otherStarted.error().toString()));

        Pot::Test::clickItem(m_console.find(QStringLiteral("Users")));
        QVERIFY(m_console.clickCell(QStringLiteral("ops-cli")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.cluster()->nats()->selectedUserName(), QStringLiteral("ops-cli"),
                                  ConsoleWindow::Wait);
        Pot::Test::clickItem(m_console.button(QStringLiteral("Fetch creds")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Seed")), QStringLiteral("hidden"),
                                  ConsoleWindow::Wait);
        // The server field starts with the hub's address from the Controller.
        QQuickItem *server = m_console.field(QStringLiteral("Live test server"));
        QVERIFY(server);
        QCOMPARE(server->property("text").toString(), m_console.cluster()->nats()->hubUrl());

        Pot::Test::typeInto(server, trusting.url().toString());
        Pot::Test::clickItem(m_console.button(QStringLiteral("Test creds live")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Live test result"))
                                     .startsWith(QStringLiteral("Authenticated to captured-operator (nats-server ")),
                                 ConsoleWindow::Wait);
        m_console.screenshot(QStringLiteral("nats-creds-live-ok"));

        Pot::Test::typeInto(server, other.url().toString());
        Pot::Test::clickItem(m_console.button(QStringLiteral("Test creds live")));
        const QString refused = QStringLiteral("%1 refused the connection: Authorization Violation")
                                    .arg(other.url().toString());
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Live test result")), refused,
                                  ConsoleWindow::Wait);
        m_console.screenshot(QStringLiteral("nats-creds-live-refused"));
        Pot::Test::clickItem(m_console.button(QStringLiteral("Close")));
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

    void usersFilterChangesTheCount()
    {
        Pot::Test::clickItem(m_console.find(QStringLiteral("Users")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("users count")),
                                  QStringLiteral("8 items"), ConsoleWindow::Wait);
        Pot::Test::typeInto(m_console.field(QStringLiteral("Filter users")), QStringLiteral("mqtt-dev"));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("users count")),
                                  QStringLiteral("1 of 8"), ConsoleWindow::Wait);
        QVERIFY(m_console.find(QStringLiteral("mqtt-dev-1"), QAccessible::Cell));
        QTRY_VERIFY_WITH_TIMEOUT(
            !Pot::Test::findAccessible(m_console.window(), QStringLiteral("ops-cli"), QAccessible::Cell),
            ConsoleWindow::Wait);
        Pot::Test::typeInto(m_console.field(QStringLiteral("Filter users")), QStringLiteral("no-such-user"));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("users count")),
                                  QStringLiteral("0 of 8"), ConsoleWindow::Wait);
        QVERIFY(m_console.find(QStringLiteral("No users match “no-such-user”")));
        m_console.screenshot(QStringLiteral("nats-users-filtered"));
        Pot::Test::typeInto(m_console.field(QStringLiteral("Filter users")), QString());
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("users count")),
                                  QStringLiteral("8 items"), ConsoleWindow::Wait);
        QVERIFY(m_console.find(QStringLiteral("ops-cli"), QAccessible::Cell));
    }

    void ensureAccountWithAPickedRule()
    {
        QList<HttpRequest> seen;
        m_console.controller().setHandler("POST", ApiRoot + u"/nats/accounts/plain-app", [&seen](const HttpRequest &r) {
            seen << r;
            return HttpResponse::fixture(201, QStringLiteral("POST_nats_accounts_APP__plain-app.json"));
        });
        // The accounts as they were before plain-app had one (the capture's final list has it).
        QJsonObject accounts =
            QJsonDocument::fromJson(Test::fixture(QStringLiteral("GET_nats_accounts__final.json"))).object();
        QJsonArray listed = accounts.value(u"accounts").toArray();
        for (qsizetype i = listed.size() - 1; i >= 0; --i) {
            if (listed.at(i).toObject().value(u"name").toString() == u"plain-app")
                listed.removeAt(i);
        }
        accounts.insert(u"accounts", listed);
        m_console.controller().setHandler("GET", ApiRoot + u"/nats/accounts", [this, accounts](const HttpRequest &r) {
            HttpResponse refusal;
            if (!m_console.controller().authorize(r, &refusal))
                return refusal;
            return HttpResponse::json(200, accounts);
        });
        m_console.cluster()->nats()->accounts()->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(m_console.cluster()->nats()->accounts()->count(), int(listed.size()),
                                  ConsoleWindow::Wait);
        Pot::Test::clickItem(m_console.find(QStringLiteral("Accounts")));
        Pot::Test::clickItem(m_console.button(QStringLiteral("Ensure account…")));
        QQuickItem *ensure = m_console.button(QStringLiteral("Ensure account"));
        QVERIFY(ensure);
        QVERIFY(!ensure->isEnabled()); // no application yet
        Pot::Test::typeInto(m_console.field(QStringLiteral("Account application")), QStringLiteral("plain-app"));
        QTRY_VERIFY_WITH_TIMEOUT(ensure->isEnabled(), ConsoleWindow::Wait);
        // Pick the rule as a user would: open the combo box and move down the list with the keys
        // (its popup's entries carry no accessible names of their own).
        QQuickItem *rule = m_console.find(QStringLiteral("Account rule"), QAccessible::ComboBox);
        QVERIFY(rule);
        QCOMPARE(rule->property("currentText").toString(), QStringLiteral("(Controller default)"));
        const int wanted = m_console.cluster()->nats()->accountRuleNames().indexOf(QStringLiteral("default-account")) + 1;
        QVERIFY(wanted > 0);
        Pot::Test::clickItem(rule);
        QTRY_VERIFY_WITH_TIMEOUT(rule->property("down").toBool() || rule->property("popup").value<QObject *>()->property("opened").toBool(),
                                 ConsoleWindow::Wait);
        for (int i = 0; i < wanted; ++i)
            QTest::keyClick(m_console.window(), Qt::Key_Down);
        QTest::keyClick(m_console.window(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(rule->property("currentText").toString(), QStringLiteral("default-account"),
                                  ConsoleWindow::Wait);
        m_console.screenshot(QStringLiteral("nats-ensure-account"));
        QVERIFY(seen.isEmpty());
        Pot::Test::clickItem(ensure);
        QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 1, ConsoleWindow::Wait);
        QVERIFY(!seen.at(0).bearerToken().isEmpty());
        QCOMPARE(seen.at(0).header("content-type"), QByteArray("application/json"));
        QCOMPARE(seen.at(0).jsonBody(),
                 QJsonDocument::fromJson(Test::fixture(QStringLiteral("POST_nats_accounts_APP__plain-app.request.json")))
                     .object());
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Cluster status")),
                                  QStringLiteral("NATS account for plain-app is ready."), ConsoleWindow::Wait);
        m_console.controller().protectedFixture("GET", ApiRoot + u"/nats/accounts", 200,
                                                QStringLiteral("GET_nats_accounts__final.json"));
        m_console.cluster()->nats()->accounts()->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(m_console.cluster()->nats()->accounts()->count(), int(listed.size()) + 1,
                                  ConsoleWindow::Wait);
    }

    void ensureAccountOnAnApplicationWithOneSaysSo()
    {
        int posts = 0;
        const auto alreadyEnabled = [&posts](const HttpRequest &) {
            ++posts;
            return HttpResponse::fixture(
                400, QStringLiteral("POST_nats_accounts_APP__foo-producer_already-enabled_400.json"));
        };
        m_console.controller().setHandler("POST", ApiRoot + u"/nats/accounts/foo-producer", alreadyEnabled);
        // The accounts list shows foo-producer's account: decided without asking the Controller.
        Pot::Test::clickItem(m_console.button(QStringLiteral("Ensure account…")));
        Pot::Test::typeInto(m_console.field(QStringLiteral("Account application")), QStringLiteral("foo-producer"));
        const QString already = QStringLiteral("%1 already has a NATS account; nothing was changed. Its account "
                                               "rule is set in the application's NATS settings.");
        // The dialog says so before anything is sent.
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Ensure account note")),
                                  QStringLiteral("foo-producer already has a NATS account: ensuring it changes "
                                                 "nothing. Its account rule is set in the application's NATS "
                                                 "settings."),
                                  ConsoleWindow::Wait);
        m_console.screenshot(QStringLiteral("nats-ensure-already-dialog"));
        Pot::Test::clickItem(m_console.button(QStringLiteral("Ensure account")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Cluster status")),
                                  already.arg(u"foo-producer"), ConsoleWindow::Wait);
        QVERIFY(m_console.cluster()->lastActionOk());
        QCOMPARE(posts, 0);
        m_console.screenshot(QStringLiteral("nats-ensure-already"));

        // An account the list does not show yet: the Controller's refusal is read the same way.
        m_console.controller().setHandler("POST", ApiRoot + u"/nats/accounts/late-app", alreadyEnabled);
        Pot::Test::clickItem(m_console.button(QStringLiteral("Ensure account…")));
        Pot::Test::typeInto(m_console.field(QStringLiteral("Account application")), QStringLiteral("late-app"));
        QCOMPARE(m_console.description(QStringLiteral("Ensure account note")), QString());
        Pot::Test::clickItem(m_console.button(QStringLiteral("Ensure account")));
        QTRY_COMPARE_WITH_TIMEOUT(posts, 1, ConsoleWindow::Wait);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Cluster status")),
                                  already.arg(u"late-app"), ConsoleWindow::Wait);
        QVERIFY(m_console.cluster()->lastActionOk());

        // Another refusal stays an error.
        m_console.controller().setHandler("POST", ApiRoot + u"/nats/accounts/late-app", [](const HttpRequest &) {
            return HttpResponse::json(400, QByteArrayLiteral(R"({"name":"ValidationError","message":"Invalid application name"})"));
        });
        Pot::Test::clickItem(m_console.button(QStringLiteral("Ensure account…")));
        Pot::Test::typeInto(m_console.field(QStringLiteral("Account application")), QStringLiteral("late-app"));
        Pot::Test::clickItem(m_console.button(QStringLiteral("Ensure account")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Cluster status"))
                                     .contains(QStringLiteral("Invalid application name")),
                                 ConsoleWindow::Wait);
        QVERIFY(!m_console.cluster()->lastActionOk());
    }

    void deleteUserNeedsTheTypedName()
    {
        QList<HttpRequest> seen;
        // The capture's user delete (plain-app/scratch-user) answered 204 with no body.
        m_console.controller().setHandler("DELETE", ApiRoot + u"/nats/accounts/foo-producer/users/ops-cli",
                                          [&seen](const HttpRequest &r) {
                                              seen << r;
                                              return HttpResponse::empty(204);
                                          });
        Pot::Test::clickItem(m_console.find(QStringLiteral("Users")));
        QVERIFY(m_console.clickCell(QStringLiteral("ops-cli")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.cluster()->nats()->selectedUserName(), QStringLiteral("ops-cli"),
                                  ConsoleWindow::Wait);
        QCOMPARE(m_console.description(QStringLiteral("Delete user…"), QAccessible::Button), QString());
        Pot::Test::clickItem(m_console.button(QStringLiteral("Delete user…")));
        QVERIFY(m_console.find(QStringLiteral("Confirmation message")));
        QVERIFY(m_console.description(QStringLiteral("Confirmation message")).contains(u"Delete ops-cli from the account of foo-producer"));
        QQuickItem *confirm = m_console.button(QStringLiteral("Delete"));
        QVERIFY(confirm);
        QVERIFY(!confirm->isEnabled());
        Pot::Test::typeInto(m_console.field(QStringLiteral("Name to confirm")), QStringLiteral("ops-cl"));
        QTest::qWait(100);
        QVERIFY(!confirm->isEnabled()); // almost the name is not the name
        Pot::Test::typeInto(m_console.field(QStringLiteral("Name to confirm")), QStringLiteral("ops-cli"));
        QTRY_VERIFY_WITH_TIMEOUT(confirm->isEnabled(), ConsoleWindow::Wait);
        m_console.screenshot(QStringLiteral("nats-delete-user"));
        QVERIFY(seen.isEmpty()); // nothing sent before the confirmation
        Pot::Test::clickItem(confirm);
        QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 1, ConsoleWindow::Wait);
        QVERIFY(seen.at(0).body.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Cluster status")),
                                  QStringLiteral("User ops-cli deleted from foo-producer; its key is revoked in "
                                                 "the account JWT."),
                                  ConsoleWindow::Wait);
    }

    void usersTheControllerKeepsCannotBeDeleted_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("why");
        QTest::newRow("microservice user") << "temp-sensor"
                                           << "This user belongs to a microservice; it goes away with the microservice.";
        QTest::newRow("system account user") << "admin-hub" << "Users of system accounts are managed by the Controller.";
    }

    void usersTheControllerKeepsCannotBeDeleted()
    {
        QFETCH(QString, user);
        QFETCH(QString, why);
        QVERIFY(m_console.clickCell(user));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.cluster()->nats()->selectedUserName(), user, ConsoleWindow::Wait);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Delete user…"), QAccessible::Button), why,
                                  ConsoleWindow::Wait);
        QVERIFY(!m_console.button(QStringLiteral("Delete user…"))->isEnabled());
        // Creds can still be fetched for it.
        QVERIFY(m_console.button(QStringLiteral("Fetch creds"))->isEnabled());
    }

    void mqttBearerUserCreateAndDelete()
    {
        QList<HttpRequest> created;
        QList<HttpRequest> deleted;
        auto &c = m_console.controller();
        c.setHandler("POST", ApiRoot + u"/nats/accounts/foo-consumer/mqtt-bearer", [&created](const HttpRequest &r) {
            created << r;
            return HttpResponse::fixture(201, QStringLiteral("POST_nats_accounts_APP_mqtt-bearer__foo-consumer.json"));
        });
        // No capture of a bearer delete: the Controller answers 204 without a body as for other users
        // (controller-api.md §3.5), so this answer is constructed.
        c.setHandler("DELETE", ApiRoot + u"/nats/accounts/foo-consumer/mqtt-bearer/mqtt-dev-1",
                     [&deleted](const HttpRequest &r) {
                         deleted << r;
                         return HttpResponse::empty(204);
                     });
        Pot::Test::clickItem(m_console.button(QStringLiteral("Create user…")));
        Pot::Test::typeInto(m_console.field(QStringLiteral("Application")), QStringLiteral("foo-consumer"));
        fillNameAndExpiry(QStringLiteral("mqtt-dev-1"), 24);
        if (QTest::currentTestFailed())
            return;
        QQuickItem *bearer = m_console.find(QStringLiteral("MQTT bearer user"), QAccessible::CheckBox);
        QVERIFY(bearer);
        QVERIFY(!bearer->property("checked").toBool());
        Pot::Test::clickItem(bearer);
        QTRY_VERIFY_WITH_TIMEOUT(bearer->property("checked").toBool(), ConsoleWindow::Wait);
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Expiry note")).contains(QStringLiteral("\"24h\"")),
                                 ConsoleWindow::Wait);
        m_console.screenshot(QStringLiteral("nats-create-bearer"));
        Pot::Test::clickItem(m_console.button(QStringLiteral("Create")));
        QTRY_COMPARE_WITH_TIMEOUT(created.size(), 1, ConsoleWindow::Wait);
        QCOMPARE(created.at(0).jsonBody(),
                 QJsonDocument::fromJson(
                     Test::fixture(QStringLiteral("POST_nats_accounts_APP_mqtt-bearer__foo-consumer.request.json")))
                     .object());
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Cluster status")),
                                  QStringLiteral("MQTT bearer user mqtt-dev-1 created in foo-consumer."),
                                  ConsoleWindow::Wait);

        // The new user is selected; deleting a bearer user takes the mqtt-bearer route.
        QTRY_COMPARE_WITH_TIMEOUT(m_console.cluster()->nats()->selectedUserName(), QStringLiteral("mqtt-dev-1"),
                                  ConsoleWindow::Wait);
        QVERIFY(m_console.find(QStringLiteral("bearer"), QAccessible::Cell));
        Pot::Test::clickItem(m_console.button(QStringLiteral("Delete MQTT bearer…")));
        QVERIFY(m_console.description(QStringLiteral("Confirmation message")).contains(u"mqtt-dev-1"));
        QQuickItem *confirm = m_console.button(QStringLiteral("Delete"));
        QVERIFY(confirm);
        QVERIFY(!confirm->isEnabled());
        Pot::Test::typeInto(m_console.field(QStringLiteral("Name to confirm")), QStringLiteral("mqtt-dev-1"));
        Pot::Test::clickItem(confirm);
        QTRY_COMPARE_WITH_TIMEOUT(deleted.size(), 1, ConsoleWindow::Wait);
        QCOMPARE(c.hits("DELETE", ApiRoot + u"/nats/accounts/foo-consumer/users/mqtt-dev-1"), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Cluster status")),
                                  QStringLiteral("User mqtt-dev-1 deleted from foo-consumer; its key is revoked "
                                                 "in the account JWT."),
                                  ConsoleWindow::Wait);
    }

    void accountRulesAreListedWithBuiltInsMarked()
    {
        checkRulesTab(QStringLiteral("Account rules"), QStringLiteral("account rules count"),
                      {QStringLiteral("default-system-account"), QStringLiteral("default-account"),
                       QStringLiteral("foo-exporter"), QStringLiteral("foo-importer")},
                      QStringLiteral("default-account"), QStringLiteral("foo-exporter"));
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(m_console.description(QStringLiteral("Name"), QAccessible::ListItem),
                 QStringLiteral("foo-exporter"));
        m_console.screenshot(QStringLiteral("nats-account-rules"));
    }

    void userRulesFlagTheTtlAndNullLimits()
    {
        checkRulesTab(QStringLiteral("User rules"), QStringLiteral("user rules count"),
                      {QStringLiteral("default-user"), QStringLiteral("default-mqtt-user"),
                       QStringLiteral("default-leaf-user"), QStringLiteral("sensor-publisher"),
                       QStringLiteral("dashboard-reader")},
                      QStringLiteral("default-user"), QStringLiteral("sensor-publisher"));
        if (QTest::currentTestFailed())
            return;
        // Both custom rules have a resp.ttl that looks like milliseconds; dashboard-reader's maxData
        // is null.
        QVERIFY(m_console.find(QStringLiteral("resp.ttl in ms?"), QAccessible::Cell));
        QVERIFY(m_console.find(QStringLiteral("1 limit(s) null, resp.ttl in ms?"), QAccessible::Cell));

        // The response rows are at the end of the details: scroll there as a user would.
        QQuickItem *details = m_console.find(QStringLiteral("user rule details"), QAccessible::List);
        QVERIFY(details);
        QVERIFY(QMetaObject::invokeMethod(details, "positionViewAtEnd"));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Response TTL"), QAccessible::ListItem),
                                  QStringLiteral("5000 (5 µs as nats-server reads it)"), ConsoleWindow::Wait);
        m_console.screenshot(QStringLiteral("nats-user-rule-ttl"));

        QVERIFY(m_console.clickCell(QStringLiteral("dashboard-reader")));
        QVERIFY(QMetaObject::invokeMethod(details, "positionViewAtBeginning"));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Name"), QAccessible::ListItem),
                                  QStringLiteral("dashboard-reader"), ConsoleWindow::Wait);
        QCOMPARE(m_console.description(QStringLiteral("Data"), QAccessible::ListItem),
                 QStringLiteral("not set (null)"));
        m_console.screenshot(QStringLiteral("nats-user-rules"));
    }

    void userRuleEditedThroughTheReview()
    {
        // Continues on the user rules tab with dashboard-reader selected.
        auto uploads = std::make_shared<QList<QByteArray>>();
        m_console.controller().setHandler(
            "PATCH", QStringLiteral("/api/v3/nats/user-rules/yaml/dashboard-reader"), [uploads](const HttpRequest &r) {
                QByteArray yaml;
                if (!r.formFile("natsUserRule", &yaml))
                    return HttpResponse::json(500, QByteArrayLiteral("{\"message\":\"no file\"}"));
                *uploads << yaml;
                return HttpResponse::fixture(200, QStringLiteral("PATCH_nats_user-rules_yaml_NAME__dashboard-reader.json"));
            });
        QVERIFY(m_console.clickCell(QStringLiteral("dashboard-reader")));
        Pot::Test::clickItem(m_console.button(QStringLiteral("Edit YAML…")));
        QQuickItem *yaml = m_console.field(QStringLiteral("YAML"));
        QVERIFY(yaml);
        QTRY_VERIFY_WITH_TIMEOUT(yaml->property("text").toString().contains(u"kind: NatsUserRule"), ConsoleWindow::Wait);
        const QString live = yaml->property("text").toString();
        QVERIFY(live.contains(u"maxSubscriptions: 200"));

        // The simulator answers from the text: the deny entry wins, at its line.
        QQuickItem *action = m_console.find(QStringLiteral("Simulated action"));
        QVERIFY(action);
        action->setProperty("currentIndex", 1); // subscribe
        QCOMPARE(action->property("currentValue").toString(), QStringLiteral("sub"));
        Pot::Test::typeInto(m_console.field(QStringLiteral("Simulated subject")), QStringLiteral("imported.foo.secret.key"));
        Pot::Test::clickItem(m_console.button(QStringLiteral("Simulate")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Simulation")).startsWith(u"Denied"),
                                 ConsoleWindow::Wait);
        QVERIFY(m_console.description(QStringLiteral("Simulation")).contains(u"subDeny"));
        m_console.screenshot(QStringLiteral("rule-simulator"));

        // A wrong value is marked at its line; nothing can be reviewed.
        yaml->setProperty("text", QString(live).replace(QStringLiteral("maxSubscriptions: 200"),
                                                        QStringLiteral("maxSubscriptions: lots")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("YAML check")).contains(u"1 error"),
                                 ConsoleWindow::Wait);
        QVERIFY(!m_console.button(QStringLiteral("Review changes"))->isEnabled());
        m_console.screenshot(QStringLiteral("rule-editor-markers"));

        // Fixed in the form beside the YAML (it shows what it cannot read as written); the YAML
        // follows.
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Subscriptions value")).contains(u"lots"),
                                 ConsoleWindow::Wait);
        Pot::Test::typeInto(m_console.field(QStringLiteral("Subscriptions")), QStringLiteral("300"));
        QTRY_VERIFY_WITH_TIMEOUT(yaml->property("text").toString().contains(u"maxSubscriptions: 300"), ConsoleWindow::Wait);
        QCOMPARE(m_console.field(QStringLiteral("Subscriptions"))->property("text").toString(), QStringLiteral("300"));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("YAML check")).contains(u"0 errors")
                                     || !m_console.description(QStringLiteral("YAML check")).contains(u"error"),
                                 ConsoleWindow::Wait);
        // The live account rules can be added to the simulation.
        QQuickItem *accountRule = m_console.find(QStringLiteral("Simulated account rule"));
        QVERIFY(accountRule);
        QTRY_VERIFY_WITH_TIMEOUT(accountRule->property("count").toInt() >= 3, ConsoleWindow::Wait);
        m_console.screenshot(QStringLiteral("rule-form"));

        // The review says what changes, what is sent and that the users get new creds.
        QQuickItem *review = m_console.button(QStringLiteral("Review changes"));
        QTRY_VERIFY_WITH_TIMEOUT(review->isEnabled(), ConsoleWindow::Wait);
        Pot::Test::clickItem(review);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Change")),
                                  QStringLiteral("~ maxSubscriptions: 200 → 300"), ConsoleWindow::Wait);
        QVERIFY(m_console.description(QStringLiteral("Request"))
                    .startsWith(u"PATCH /api/v3/nats/user-rules/yaml/dashboard-reader — multipart/form-data"));
        QVERIFY(m_console.description(QStringLiteral("Impact")).contains(u"new key and new creds"));
        QVERIFY(uploads->isEmpty());
        m_console.screenshot(QStringLiteral("rule-review"));
        Pot::Test::clickItem(m_console.button(QStringLiteral("Apply")));
        QTRY_COMPARE_WITH_TIMEOUT(uploads->size(), 1, ConsoleWindow::Wait);
        QVERIFY(uploads->constFirst().contains("maxSubscriptions: 300"));
        QTRY_VERIFY_WITH_TIMEOUT(!m_console.editorOpen(), ConsoleWindow::Wait);
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

    void viewerCannotChangeAccountsOrUsers()
    {
        // Signed in as the viewer by viewerCannotRotate.
        Pot::Test::clickItem(m_console.find(QStringLiteral("Accounts")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Ensure account…"), QAccessible::Button)
                                     .contains(QStringLiteral("natsAccounts:create")),
                                 ConsoleWindow::Wait);
        QVERIFY(!m_console.button(QStringLiteral("Ensure account…"))->isEnabled());

        Pot::Test::clickItem(m_console.find(QStringLiteral("Users")));
        QVERIFY(m_console.clickCell(QStringLiteral("ops-cli")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.cluster()->nats()->selectedUserName(), QStringLiteral("ops-cli"),
                                  ConsoleWindow::Wait);
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Create user…"), QAccessible::Button)
                                     .contains(QStringLiteral("natsUsers:create")),
                                 ConsoleWindow::Wait);
        QVERIFY(!m_console.button(QStringLiteral("Create user…"))->isEnabled());
        // ops-cli could be deleted by an admin; the viewer is told it lacks the permission.
        QVERIFY(m_console.description(QStringLiteral("Delete user…"), QAccessible::Button)
                    .contains(QStringLiteral("natsUsers:delete")));
        QVERIFY(!m_console.button(QStringLiteral("Delete user…"))->isEnabled());
        m_console.screenshot(QStringLiteral("nats-viewer-users"));
    }

    void readOnlyProfileDisablesNatsActions()
    {
        QVERIFY(m_console.signIn(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass"), true,
                                 QStringLiteral("read-only admin")));
        QVERIFY(m_console.openSection(QStringLiteral("NATS")));
        const QString reason = QStringLiteral("This profile is read-only.");
        Pot::Test::clickItem(m_console.find(QStringLiteral("Operator")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Rotate…"), QAccessible::Button), reason,
                                  ConsoleWindow::Wait);
        Pot::Test::clickItem(m_console.find(QStringLiteral("Accounts")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Ensure account…"), QAccessible::Button),
                                  reason, ConsoleWindow::Wait);
        QVERIFY(!m_console.button(QStringLiteral("Ensure account…"))->isEnabled());
        Pot::Test::clickItem(m_console.find(QStringLiteral("Users")));
        QVERIFY(m_console.clickCell(QStringLiteral("ops-cli")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Delete user…"), QAccessible::Button), reason,
                                  ConsoleWindow::Wait);
        QVERIFY(!m_console.button(QStringLiteral("Delete user…"))->isEnabled());
        QCOMPARE(m_console.description(QStringLiteral("Create user…"), QAccessible::Button), reason);
        QVERIFY(!m_console.button(QStringLiteral("Create user…"))->isEnabled());
        // Reading is not a change: creds can still be fetched.
        QVERIFY(m_console.button(QStringLiteral("Fetch creds"))->isEnabled());
        QVERIFY(m_console.description(QStringLiteral("Cluster status")).contains(reason));
        m_console.screenshot(QStringLiteral("nats-read-only"));
    }
};

QTEST_MAIN(TstNatsView)
#include "tst_natsview.moc"
