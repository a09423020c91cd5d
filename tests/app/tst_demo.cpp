#include "consolewindow.h"
#include "core/nats/jwt.h"
#include "core/resources/kinds/kinds.h"
#include "models/agentspage.h"
#include "models/applicationspage.h"
#include "models/clusterview.h"
#include "models/controlplanes.h"
#include "models/natspage.h"
#include "testutil.h"
#include "uitestutil.h"

#include <QDateTime>
#include <functional>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace Pot;
using Pot::Test::ConsoleWindow;

namespace {

QJsonDocument bundled(const QString &name)
{
    QFile file(QStringLiteral(":/demo/") + name);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll());
}

QRectF sceneRect(const QQuickItem *item)
{
    return item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
}

} // namespace

/// The bundled demo control plane: offered when there is no profile, browsable with no network,
/// read-only, and a sample fleet (scripts/make-demo-fleet.py) that looks like a working one.
class TstDemo : public QObject
{
    Q_OBJECT

private:
    ConsoleWindow m_console;

    QQuickItem *statusValue(const QString &accessibleName) const
    {
        return m_console.find(accessibleName);
    }

private Q_SLOTS:
    void init() { Pot::Test::failOnQmlWarnings(); }
    void initTestCase() { QVERIFY(m_console.start()); }

    void welcomePageOffersTheDemo()
    {
        QVERIFY(m_console.find(QStringLiteral("No control plane yet")));
        Pot::Test::clickItem(m_console.button(QStringLiteral("Open demo control plane")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.cluster() && m_console.cluster()->hasData(),
                                 ConsoleWindow::Wait);
        QVERIFY(m_console.cluster()->demo());
        QVERIFY(m_console.cluster()->readOnly());
        // Nothing went to the network: the stand-in saw no request.
        QCOMPARE(m_console.controller().requests().size(), 0);
    }

    void statusPanelSaysSampleDataAndNoNetwork()
    {
        QTest::keyClick(m_console.window(), Qt::Key_1, Qt::ControlModifier); // Control planes
        QQuickItem *version = statusValue(QStringLiteral("Controller version"));
        QVERIFY(version);
        QTRY_COMPARE_WITH_TIMEOUT(version->property("text").toString(),
                                  QStringLiteral("3.7.3 (sample)"), ConsoleWindow::Wait);
        QQuickItem *connection = statusValue(QStringLiteral("Connection security"));
        QVERIFY(connection);
        QCOMPARE(connection->property("text").toString(),
                 QStringLiteral("No network: bundled sample data"));
        QCOMPARE(m_console.planes()->tlsText(), QStringLiteral("No network: bundled sample data"));
        QVERIFY(m_console.description(QStringLiteral("Connection state"))
                    .startsWith(QStringLiteral("Sample data generated from Controller 3.7.3 answers")));

        // The read-only badge sits beside the title, inside the panel, overlapping nothing.
        const QString name = m_console.planes()->currentName();
        QQuickItem *state = m_console.find(QStringLiteral("Connection state"));
        QVERIFY(state);
        QQuickItem *title = nullptr;
        QQuickItem *badge = nullptr;
        for (QQuickItem *row : state->parentItem()->childItems()) {
            for (QQuickItem *c : row->childItems()) {
                if (!c->isVisible())
                    continue;
                if (c->property("text").toString() == name)
                    title = c;
                else if (c->property("text").toString() == u"read-only")
                    badge = c;
            }
        }
        QVERIFY2(title, qPrintable(name));
        QVERIFY(badge);
        QTest::qWait(100);
        m_console.screenshot(QStringLiteral("demo-status"));
        const QRectF titleRect = sceneRect(title);
        const QRectF badgeRect = sceneRect(badge);
        QVERIFY2(badge->width() > 20 && badge->height() > 8,
                 qPrintable(QStringLiteral("%1x%2").arg(badge->width()).arg(badge->height())));
        QVERIFY2(!titleRect.intersects(badgeRect),
                 qPrintable(QStringLiteral("title %1,%2 %3x%4; badge %5,%6 %7x%8")
                                .arg(titleRect.x()).arg(titleRect.y()).arg(titleRect.width())
                                .arg(titleRect.height()).arg(badgeRect.x()).arg(badgeRect.y())
                                .arg(badgeRect.width()).arg(badgeRect.height())));
        // The title text itself is not cut to nothing by the badge.
        QVERIFY(title->width() > 100);
        const QRectF rowRect = sceneRect(title->parentItem());
        QVERIFY(badgeRect.right() <= rowRect.right() + 0.5);
        QVERIFY(badgeRect.top() >= rowRect.top() - 0.5 && badgeRect.bottom() <= rowRect.bottom() + 0.5);
        // The connection state label below the title row does not run into it either.
        QVERIFY(sceneRect(state).top() >= rowRect.bottom() - 0.5);
    }

    void listRowShowsItsBadgeInsideTheRow()
    {
        // The demo's row in the profile list: its long state text must not push the badge out of
        // the row (or under the name).
        const QString name = m_console.planes()->currentName();
        QQuickItem *row = m_console.find(name, QAccessible::ListItem);
        QVERIFY(row);
        QQuickItem *label = nullptr;
        QQuickItem *badge = nullptr;
        QList<QQuickItem *> texts;
        const std::function<void(QQuickItem *)> walk = [&](QQuickItem *item) {
            for (QQuickItem *c : item->childItems()) {
                if (!c->isVisible())
                    continue;
                const QString text = c->property("text").toString();
                if (text == name)
                    label = c;
                else if (text == u"read-only" && c->inherits("QQuickRectangle"))
                    badge = c;
                else if (c->inherits("QQuickText") && !text.isEmpty() && text != u"read-only")
                    texts << c;
                walk(c);
            }
        };
        walk(row);
        QVERIFY(label && badge);
        const QRectF rowRect = sceneRect(row);
        const QRectF labelRect = sceneRect(label);
        const QRectF badgeRect = sceneRect(badge);
        const auto describe = [&] {
            return QStringLiteral("row %1..%2, name %3..%4, badge %5..%6")
                .arg(rowRect.left()).arg(rowRect.right()).arg(labelRect.left()).arg(labelRect.right())
                .arg(badgeRect.left()).arg(badgeRect.right());
        };
        QVERIFY2(badge->width() > 20, qPrintable(describe()));
        QVERIFY2(!labelRect.intersects(badgeRect), qPrintable(describe()));
        QVERIFY2(badgeRect.left() >= rowRect.left() && badgeRect.right() <= rowRect.right() + 0.5,
                 qPrintable(describe()));
        // The other lines (address, state) end inside the row: elided, not cut by the list's edge.
        for (QQuickItem *t : std::as_const(texts)) {
            const QRectF r = sceneRect(t);
            QVERIFY2(r.right() <= rowRect.right() + 0.5,
                     qPrintable(t->property("text").toString() + u": " + QString::number(r.right())
                                + u" > " + QString::number(rowRect.right())));
        }
    }

    void fleetOfEveryStatus()
    {
        QVERIFY(m_console.openSection(QStringLiteral("Agents")));
        auto *agents = m_console.cluster()->agents()->list();
        QVERIFY(m_console.find(QStringLiteral("lisbon-gw-01"), QAccessible::Cell));
        QVERIFY(m_console.find(QStringLiteral("austin-gw-01"), QAccessible::Cell));
        QCOMPARE(m_console.description(QStringLiteral("agents count")), QStringLiteral("36 items"));
        QCOMPARE(agents->freshnessText(),
                 QStringLiteral("Sample data (generated from Controller 3.7.3 answers)"));

        QMap<QString, int> byStatus;
        QSet<QString> sites;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const QJsonObject &o : agents->objects()) {
            const QString status = o.value(u"daemonStatus").toString();
            ++byStatus[status];
            const qint64 seen = qint64(o.value(u"lastStatusTime").toDouble());
            if (!o.value(u"isSystem").toBool())
                sites.insert(o.value(u"name").toString().section(u'-', 0, 0));
            // Times read relative to now: a running agent reported seconds ago, an offline one
            // days ago, however old the bundled data is.
            if (status == u"RUNNING" || status == u"WARNING") {
                QVERIFY2(now - seen >= 0 && now - seen < 60000, qPrintable(o.value(u"name").toString()));
                QVERIFY(o.value(u"cpuUsage").toDouble() > 0);
                QVERIFY(o.value(u"memoryUsage").toDouble() > 0);
                QVERIFY(o.value(u"diskUsage").toDouble() > 0);
            } else if (status == u"UNKNOWN") {
                QVERIFY(now - seen > 86400000LL && now - seen < 8 * 86400000LL);
            } else {
                QCOMPARE(status, QStringLiteral("NOT_PROVISIONED"));
                QCOMPARE(seen, 0);
            }
            if (status == u"WARNING")
                QVERIFY(o.value(u"warningMessage").toString() != u"HEALTHY");
            if (o.value(u"isSystem").toBool())
                QCOMPARE(o.value(u"name").toString(), QStringLiteral("sample-hub"));
        }
        QCOMPARE(byStatus.value(QStringLiteral("RUNNING")), 25);
        QCOMPARE(byStatus.value(QStringLiteral("WARNING")), 4);
        QCOMPARE(byStatus.value(QStringLiteral("UNKNOWN")), 4);
        QCOMPARE(byStatus.value(QStringLiteral("NOT_PROVISIONED")), 3);
        QCOMPARE(sites.size(), 5);

        Pot::Test::typeInto(m_console.field(QStringLiteral("Filter agents")), QStringLiteral("lisbon"));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("agents count")),
                                  QStringLiteral("7 of 36"), ConsoleWindow::Wait);
        QVERIFY(m_console.clickCell(QStringLiteral("lisbon-gw-01")));
        QTRY_COMPARE_WITH_TIMEOUT(agents->selectedObject().value(u"name").toString(),
                                  QStringLiteral("lisbon-gw-01"), ConsoleWindow::Wait);
        // Its CPU figure is in the detail, and its last status reads as just now.
        const QJsonObject gw = agents->selectedObject();
        const double cpu = gw.value(u"cpuUsage").toDouble();
        QVERIFY(cpu > 0);
        m_console.screenshot(QStringLiteral("demo-agents"));
        QString cpuShown;
        QString lastStatus;
        for (const auto &r : Resources::Kinds::agentDetails(gw, QDateTime::currentMSecsSinceEpoch())) {
            if (r.label == u"CPU usage")
                cpuShown = r.value;
            else if (r.label == u"Last status")
                lastStatus = r.value;
        }
        QCOMPARE(cpuShown, QString::number(cpu) + QStringLiteral(" %"));
        QVERIFY2(lastStatus == u"just now" || lastStatus.endsWith(u" s ago"), qPrintable(lastStatus));
        QVERIFY(m_console.find(QStringLiteral("WARNING"), QAccessible::Cell));
    }

    void runningMicroservicesOnTheFleetsAgents()
    {
        QVERIFY(m_console.openSection(QStringLiteral("Applications")));
        QVERIFY(m_console.find(QStringLiteral("sample-dashboard"), QAccessible::Cell));
        QVERIFY(m_console.clickCell(QStringLiteral("sample-dashboard")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Selected application")),
                                  QStringLiteral("sample-dashboard"), ConsoleWindow::Wait);
        QVERIFY(m_console.find(QStringLiteral("ops-dashboard"), QAccessible::Cell));
        QCOMPARE(m_console.description(QStringLiteral("microservices count")), QStringLiteral("2 items"));
        QVERIFY(m_console.find(QStringLiteral("RUNNING"), QAccessible::Cell));
        QVERIFY(m_console.find(QStringLiteral("lisbon-gw-01"), QAccessible::Cell));
        m_console.screenshot(QStringLiteral("demo-applications"));
        // The list's toolbar (long sample-data freshness text) stays in its pane: Refresh does not
        // run into the selected application's title.
        QQuickItem *refresh = m_console.button(QStringLiteral("Refresh applications"));
        QQuickItem *selected = m_console.find(QStringLiteral("Selected application"));
        QVERIFY(refresh && selected);
        QVERIFY2(!sceneRect(refresh).intersects(sceneRect(selected)),
                 qPrintable(QStringLiteral("Refresh ends at %1, title starts at %2")
                                .arg(sceneRect(refresh).right()).arg(sceneRect(selected).left())));

        QSet<QString> agentUuids;
        for (const QJsonObject &o : m_console.cluster()->agents()->list()->objects())
            agentUuids.insert(o.value(u"uuid").toString());
        int running = 0;
        int total = 0;
        for (const QJsonObject &app : m_console.cluster()->applications()->list()->objects()) {
            QVERIFY(app.value(u"description").toString().startsWith(u"Sample data"));
            for (const QJsonValue &v : app.value(u"microservices").toArray()) {
                const QJsonObject ms = v.toObject();
                ++total;
                QVERIFY2(agentUuids.contains(ms.value(u"iofogUuid").toString()),
                         qPrintable(ms.value(u"name").toString()));
                if (ms.value(u"status").toObject().value(u"status").toString() == u"RUNNING")
                    ++running;
            }
        }
        QVERIFY2(total >= 20 && running >= 15, qPrintable(QStringLiteral("%1 of %2").arg(running).arg(total)));
    }

    void natsAccountsAndUsersAreSignedByTheSampleOperator()
    {
        QVERIFY(m_console.openSection(QStringLiteral("NATS")));
        QTest::qWait(500);
        m_console.screenshot(QStringLiteral("demo-nats"));
        auto *nats = m_console.cluster()->nats();
        QTRY_VERIFY_WITH_TIMEOUT(nats->users()->loaded() && nats->accounts()->loaded(), ConsoleWindow::Wait);
        const QString operatorKey =
            bundled(QStringLiteral("natsOperator.json")).object().value(u"publicKey").toString();
        QVERIFY(operatorKey.startsWith(u'O'));
        QMap<int, QString> accountKeys;
        QSet<QString> appAccounts;
        for (const QJsonObject &a : nats->accounts()->objects()) {
            auto jwt = Nats::Jwt::decode(a.value(u"jwt").toString().toLatin1());
            QVERIFY2(jwt, qPrintable(a.value(u"name").toString()));
            QVERIFY2(jwt->verifySignature(), qPrintable(a.value(u"name").toString()));
            QCOMPARE(jwt->standard().issuer, operatorKey);
            QCOMPARE(jwt->standard().subject, a.value(u"publicKey").toString());
            accountKeys.insert(a.value(u"id").toInt(), a.value(u"publicKey").toString());
            if (!a.value(u"applicationId").isNull())
                appAccounts.insert(a.value(u"name").toString());
        }
        QCOMPARE(appAccounts, (QSet<QString>{QStringLiteral("sample-telemetry"), QStringLiteral("sample-line-vision"),
                                             QStringLiteral("sample-dashboard"), QStringLiteral("sample-maintenance")}));
        QVERIFY(nats->users()->count() > 50);
        for (const QJsonObject &u : nats->users()->objects()) {
            auto jwt = Nats::Jwt::decode(u.value(u"jwt").toString().toLatin1());
            QVERIFY2(jwt && jwt->verifySignature(), qPrintable(u.value(u"name").toString()));
            QCOMPARE(jwt->standard().issuer, accountKeys.value(u.value(u"accountId").toInt()));
        }
    }

    // The sample fleet's CAs and certificates: every CA followed by what it issued; read-only.
    void certificatesOfTheSampleFleet()
    {
        QVERIFY(m_console.openSection(QStringLiteral("Certificates")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.find(QStringLiteral("Filter certificates"), QAccessible::EditableText), ConsoleWindow::Wait);
        Test::typeInto(m_console.field(QStringLiteral("Filter certificates")), QStringLiteral("nats-site-ca"));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.find(QStringLiteral("nats-site-ca"), QAccessible::Cell), ConsoleWindow::Wait);
        // The CA and what it issued (one NATS server certificate per agent).
        QVERIFY(m_console.find(QStringLiteral("nats-site-ca › nats-server-austin-gw-01"), QAccessible::Cell));
        QVERIFY(m_console.clickCell(QStringLiteral("nats-site-ca")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Selected certificate")), QStringLiteral("nats-site-ca"),
                                  ConsoleWindow::Wait);
        QVERIFY(!m_console.button(QStringLiteral("Delete CA"))->isEnabled());
        QVERIFY(!m_console.button(QStringLiteral("Renew"))->isEnabled());
        m_console.screenshot(QStringLiteral("demo-certificates"));
        Test::typeInto(m_console.field(QStringLiteral("Filter certificates")), QString());
    }

    void newKindsAreBundledWithTheirDetails()
    {
        // Lists of the kinds the console reads per object, and the single-object answers.
        const QJsonArray secrets = bundled(QStringLiteral("secrets.json")).object().value(u"secrets").toArray();
        const QJsonObject secretDetails = bundled(QStringLiteral("secrets-details.json")).object();
        QVERIFY(secrets.size() > 100);
        QSet<QString> names;
        for (const QJsonValue &v : secrets) {
            const QString name = v.toObject().value(u"name").toString();
            names.insert(name);
            const QJsonObject d = secretDetails.value(name).toObject();
            QCOMPARE(d.value(u"type").toString(), v.toObject().value(u"type").toString());
            // Sample values only: a tls key is a PEM-looking text that says SAMPLE.
            if (d.value(u"type").toString() == u"tls") {
                const QByteArray key = QByteArray::fromBase64(
                    d.value(u"data").toObject().value(u"tls.key").toString().toLatin1());
                QVERIFY(key.startsWith("-----BEGIN PRIVATE KEY-----"));
                QVERIFY(QByteArray::fromBase64(key.split('\n').value(1)).startsWith("SAMPLE"));
            }
        }
        for (const char *system : {"nats-operator-seed", "nats-system-account-seed", "router-site-ca", "nats-site-ca"})
            QVERIFY2(names.contains(QLatin1String(system)), system);
        QVERIFY(secretDetails.value(u"nats-operator-seed").toObject().value(u"data").toObject()
                    .value(u"seed").toString().contains(u"SAMPLE"));

        const QJsonObject configDetails = bundled(QStringLiteral("configMaps-details.json")).object();
        for (const QJsonValue &v : bundled(QStringLiteral("configMaps.json")).object().value(u"configMaps").toArray())
            QVERIFY(configDetails.contains(v.toObject().value(u"name").toString()));
        const QJsonObject links = bundled(QStringLiteral("volumeMounts-links.json")).object();
        const QJsonArray mounts = bundled(QStringLiteral("volumeMounts.json")).array();
        QVERIFY(!mounts.isEmpty());
        for (const QJsonValue &v : mounts)
            QVERIFY(links.value(v.toObject().value(u"name").toString()).toObject().value(u"fogUuids").isArray());
        QVERIFY(bundled(QStringLiteral("services.json")).isArray());
        const QJsonObject registries = bundled(QStringLiteral("registries-details.json")).object();
        QCOMPARE(registries.value(u"3").toObject().value(u"password").toString(),
                 QStringLiteral("sample-password-not-real"));
        QVERIFY(!bundled(QStringLiteral("catalogItems.json")).object().value(u"catalogItems").toArray().isEmpty());
        QVERIFY(!bundled(QStringLiteral("edgeResources.json")).object().value(u"edgeResources").toArray().isEmpty());
        const QJsonArray templates =
            bundled(QStringLiteral("applicationTemplates.json")).object().value(u"applicationTemplates").toArray();
        const QJsonObject templateDetails = bundled(QStringLiteral("applicationTemplates-details.json")).object();
        QVERIFY(!templates.isEmpty());
        for (const QJsonValue &v : templates)
            QVERIFY(templateDetails.contains(v.toObject().value(u"name").toString()));
        QVERIFY(bundled(QStringLiteral("router.json")).object().contains(u"interRouterPort"));
        const QJsonObject events = bundled(QStringLiteral("events.json")).object();
        QCOMPARE(events.value(u"events").toArray().size(), 150);
        QCOMPARE(events.value(u"total").toInt(), 150);
    }
};

QTEST_MAIN(TstDemo)
#include "tst_demo.moc"
