#include "core/profiles/memorysecretstore.h"
#include "core/rbac/rbacyaml.h"
#include "models/accesspage.h"
#include "models/clusterview.h"
#include "core/session/controlplanesession.h"
#include "models/detailsmodel.h"
#include "models/permissiongridmodel.h"
#include "signedinsession.h"
#include "standincontroller.h"
#include "testutil.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace Pot;
using namespace Pot::Models;
using Pot::Test::HttpRequest;
using Pot::Test::HttpResponse;
using Pot::Test::StandInController;

namespace {

constexpr int Wait = 15000;

/// A session signed in to the stand-in Controller with every access list read.
struct SignedIn : Test::SignedInSession
{
    bool start(const QString &email, const QString &password)
    {
        return SignedInSession::start(email, password, [this] {
            return access()->roles()->loaded() && access()->serviceAccounts()->loaded();
        });
    }
    AccessPage *access() const { return cluster()->access(); }
};

/// GET /roles answers the built-in roles plus the captured nats-operator role of
/// GET_roles_NAME__nats-operator.json (the one with resourceNames).
void serveFixtureRole(StandInController &controller)
{
    QJsonObject roles = QJsonDocument::fromJson(Test::fixture(QStringLiteral("GET_roles.json"))).object();
    QJsonArray list = roles.value(u"roles").toArray();
    list.append(QJsonDocument::fromJson(Test::fixture(QStringLiteral("GET_roles_NAME__nats-operator.json")))
                    .object().value(u"role"));
    roles.insert(QStringLiteral("roles"), list);
    controller.setHandler("GET", QStringLiteral("/api/v3/roles"),
                          [roles](const HttpRequest &) { return HttpResponse::json(200, roles); });
}

QString valueOf(const DetailsModel *m, const QString &group, const QString &label)
{
    for (const DetailRow &r : m->rows()) {
        if (r.group == group && r.label == label)
            return r.value;
    }
    return {};
}

/// The single file part of a multipart/form-data body: its Content-Disposition and content.
bool filePart(const HttpRequest &request, QByteArray *disposition, QByteArray *content)
{
    QList<Test::MultipartPart> parts;
    if (!Test::parseMultipart(request.header("content-type"), request.body, &parts) || parts.size() != 1)
        return false;
    *disposition = parts.constFirst().headers.value("content-disposition");
    *content = parts.constFirst().content;
    return true;
}

} // namespace

/// The Access control page model against the stand-in Controller (roles, bindings and service
/// accounts of the 3.7.3 capture).
class TstAccessPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void listsShowTheCapture()
    {
        SignedIn s;
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        AccessPage *a = s.access();
        QAbstractItemModelTester tester(a->serviceAccounts()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(a->serviceAccounts()->count(), 2);
        QCOMPARE(a->serviceAccounts()->columnTitles(),
                 (QStringList{QStringLiteral("Name"), QStringLiteral("Application"), QStringLiteral("Role"),
                              QStringLiteral("Microservice")}));
        const int row = a->serviceAccounts()->rowOfKey(QStringLiteral("foo-producer/temp-sensor"));
        QVERIFY(row >= 0);
        const QAbstractItemModel *m = a->serviceAccounts()->model();
        QCOMPARE(m->index(row, 0).data().toString(), QStringLiteral("temp-sensor"));
        QCOMPARE(m->index(row, 1).data().toString(), QStringLiteral("foo-producer"));
        QCOMPARE(m->index(row, 2).data().toString(), QStringLiteral("microservice"));
        QCOMPARE(m->index(row, 3).data().toString(),
                 QStringLiteral("4b4533f6-8d61-4751-a904-57acb0e8e692"));
        QCOMPARE(a->roles()->count(), 8);
        QCOMPARE(a->roleBindings()->count(), 2);
    }

    void detailsOfTheSelection()
    {
        SignedIn s;
        serveFixtureRole(s.controller);
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        AccessPage *a = s.access();
        QAbstractItemModelTester tester(a->roleDetails(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(a->roleDetails()->rowCount(), 0);
        a->roles()->setSelectedKey(QStringLiteral("nats-operator"));
        QCOMPARE(valueOf(a->roleDetails(), QStringLiteral("Role"), QStringLiteral("Type")),
                 QStringLiteral("custom"));
        QCOMPARE(valueOf(a->roleDetails(), QStringLiteral("Role"), QStringLiteral("Bound by")),
                 QStringLiteral("nats-operators"));
        QCOMPARE(valueOf(a->roleDetails(), QStringLiteral("Rules"), QStringLiteral("Rule 1")),
                 QStringLiteral("natsAccounts, natsUsers, natsAccountRules, natsUserRules × get, list, "
                                "create, patch, delete × any name"));
        QCOMPARE(valueOf(a->roleDetails(), QStringLiteral("Rules"), QStringLiteral("Rule 3")),
                 QStringLiteral("applications × get, list × foo-producer, foo-consumer"));

        // agent-admin's rule is for the agent API: flagged only as information, not as a problem.
        a->roles()->setSelectedKey(QStringLiteral("agent-admin"));
        QCOMPARE(valueOf(a->roleDetails(), QStringLiteral("Role"), QStringLiteral("Type")),
                 QStringLiteral("built-in"));
        QVERIFY(a->roleDetails()->rows().last().hint.contains(u"never matches"));

        // A built-in role applies through the group of its name, without a binding.
        a->roles()->setSelectedKey(QStringLiteral("viewer"));
        QCOMPARE(valueOf(a->roleDetails(), QStringLiteral("Role"), QStringLiteral("Bound by")),
                 QStringLiteral("Group viewer (built in, no binding needed)"));

        a->roleBindings()->setSelectedKey(QStringLiteral("nats-operators"));
        QCOMPARE(valueOf(a->bindingDetails(), QStringLiteral("Role binding"), QStringLiteral("Role")),
                 QStringLiteral("nats-operator"));
        // cert-viewer is not in this GET /roles: its binding grants nothing and says so.
        a->roleBindings()->setSelectedKey(QStringLiteral("cert-viewers"));
        QCOMPARE(valueOf(a->bindingDetails(), QStringLiteral("Role binding"), QStringLiteral("Role")),
                 QStringLiteral("cert-viewer (does not exist)"));
        QCOMPARE(valueOf(a->bindingDetails(), QStringLiteral("Subjects"), QStringLiteral("User")),
                 QStringLiteral("fixture-auditor"));
        QCOMPARE(valueOf(a->bindingDetails(), QStringLiteral("Subjects"), QStringLiteral("ServiceAccount")),
                 QStringLiteral("temp-sensor"));

        a->serviceAccounts()->setSelectedKey(QStringLiteral("foo-consumer/dashboard"));
        QCOMPARE(valueOf(a->serviceAccountDetails(), QStringLiteral("Service account"),
                         QStringLiteral("Microservice UUID")),
                 QStringLiteral("235f499d-d0d7-405f-99d7-243f19630cbd"));
        QCOMPARE(a->nameOf(QStringLiteral("ServiceAccount"), QStringLiteral("foo-consumer/dashboard")),
                 QStringLiteral("dashboard"));
    }

    void signedInUserIsDecidedWithTheTokenGroups()
    {
        // The Controller evaluates the user together with the groups of its token (§6.1): an admin
        // sees every cell allowed for "User <me>", not only what bindings name the user for.
        SignedIn s;
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        AccessPage *a = s.access();
        a->setGridSubject(QStringLiteral("User admin@example.com"));
        QTRY_COMPARE_WITH_TIMEOUT(a->grid()->allowedCount(),
                                  int(Rbac::catalogResources().size() * Rbac::catalogVerbs().size()),
                                  15000);
        a->setGridSubject(QStringLiteral("Group viewer"));
        QVERIFY(a->grid()->isAllowed(QStringLiteral("fogs"), QStringLiteral("list")));
        QVERIFY(!a->grid()->isAllowed(QStringLiteral("fogs"), QStringLiteral("patch")));
    }

    void bindingToADeletedRoleIsFlagged()
    {
        SignedIn s;
        // GET /roles without the custom roles: both bindings now point at nothing.
        s.controller.protectedFixture("GET", QStringLiteral("/api/v3/roles"), 200,
                                      QStringLiteral("GET_roles.json"));
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        AccessPage *a = s.access();
        a->roleBindings()->setSelectedKey(QStringLiteral("nats-operators"));
        const DetailRow role = a->bindingDetails()->rows().at(1);
        QCOMPARE(role.value, QStringLiteral("nats-operator (does not exist)"));
        QVERIFY(role.warning);
        a->setGridSubject(QStringLiteral("User fixture-operator"));
        QCOMPARE(a->grid()->allowedCount(), 0);
    }

    void yamlOfTheFixtureRoleRoundTrips()
    {
        SignedIn s;
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        AccessPage *a = s.access();
        const QString yaml = a->yamlOf(QStringLiteral("Role"), QStringLiteral("nats-operator"));
        // The role as the stand-in's GET /roles lists it.
        QJsonObject fixture;
        for (const QJsonValue &v : QJsonDocument::fromJson(
                 Test::fixture(QStringLiteral("GET_roles__after-create.json"))).object().value(u"roles").toArray()) {
            if (v.toObject().value(u"name").toString() == u"nats-operator")
                fixture = v.toObject();
        }
        QVERIFY(yaml.contains(u"    verbs: [\"*\"]\n"));
        QCOMPARE(yaml.toUtf8(), Rbac::toYaml(Rbac::Kind::Role, fixture));
        QCOMPARE(a->check(QStringLiteral("Role"), yaml), QString());
        const auto doc = Rbac::parseYaml(yaml.toUtf8(), Rbac::Kind::Role);
        QVERIFY_RESULT(doc);
        QCOMPARE(Rbac::parseRole(doc->json)->rules, Rbac::parseRole(fixture)->rules);
        // Bindings and service accounts too; nothing for an unknown key.
        QVERIFY(a->yamlOf(QStringLiteral("RoleBinding"), QStringLiteral("nats-operators"))
                    .contains(u"  - kind: User\n    name: fixture-operator"));
        QVERIFY(a->yamlOf(QStringLiteral("ServiceAccount"), QStringLiteral("foo-producer/temp-sensor"))
                    .contains(u"applicationName: foo-producer"));
        QCOMPARE(a->yamlOf(QStringLiteral("Role"), QStringLiteral("nope")), QString());
        QVERIFY(a->check(QStringLiteral("RoleBinding"), yaml).contains(u"kind is Role"));
    }

    void createSendsMultipartWithFieldRole()
    {
        SignedIn s;
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        QList<HttpRequest> seen;
        s.controller.setHandler("POST", QStringLiteral("/api/v3/roles/yaml"),
                                [&](const HttpRequest &r) {
                                    seen << r;
                                    return HttpResponse::fixture(201, QStringLiteral("POST_roles_yaml__cert-viewer.json"));
                                });
        AccessPage *a = s.access();
        QSignalSpy saved(a, &AccessPage::saved);
        const QByteArray yaml = Test::fixture(QStringLiteral("POST_roles_yaml__cert-viewer.request.yaml"));
        QVERIFY(a->createDeniedReason(QStringLiteral("Role")).isEmpty());
        QVERIFY(a->save(QStringLiteral("Role"), QString(), QString::fromUtf8(yaml)));
        QVERIFY(a->saving());
        QVERIFY(saved.wait(Wait));
        QCOMPARE(saved.constFirst().at(1).toString(), QStringLiteral("cert-viewer"));
        QVERIFY(!a->saving());
        QCOMPARE(a->editorError(), QString());
        QCOMPARE(seen.size(), 1);
        QByteArray disposition, content;
        QVERIFY(filePart(seen.constFirst(), &disposition, &content));
        QCOMPARE(disposition, QByteArray("form-data; name=\"role\"; filename=\"cert-viewer.yaml\""));
        QCOMPARE(content, yaml);
        QCOMPARE(s.cluster()->lastActionMessage(), QStringLiteral("Role cert-viewer created."));
        QVERIFY(s.cluster()->lastActionOk());
        QCOMPARE(a->roles()->selectedKey(), QStringLiteral("cert-viewer"));
    }

    void updateAndDeleteUseTheObjectPaths()
    {
        SignedIn s;
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        s.controller.protectedFixture("PATCH", QStringLiteral("/api/v3/roles/yaml/cert-viewer"), 200,
                                      QStringLiteral("PATCH_roles_yaml_NAME__cert-viewer.json"));
        const QJsonObject account = QJsonDocument::fromJson(
            Test::fixture(QStringLiteral("GET_serviceaccounts__initial.json"))).object()
            .value(u"serviceAccounts").toArray().at(0).toObject();
        s.controller.setHandler("PATCH",
                                QStringLiteral("/api/v3/serviceaccounts/yaml/foo-producer/temp-sensor"),
                                [account](const HttpRequest &) {
                                    return HttpResponse::json(
                                        200, QJsonObject{{QStringLiteral("serviceAccount"), account}});
                                });
        s.controller.protectedFixture("DELETE", QStringLiteral("/api/v3/rolebindings/cert-viewers"), 204,
                                      QString());
        AccessPage *a = s.access();
        QSignalSpy saved(a, &AccessPage::saved);
        QVERIFY(a->editDeniedReason(QStringLiteral("Role"), QStringLiteral("cert-viewer")).isEmpty());
        QVERIFY(a->save(QStringLiteral("Role"), QStringLiteral("cert-viewer"),
                        QString::fromUtf8(Test::fixture(
                            QStringLiteral("PATCH_roles_yaml_NAME__cert-viewer.request.yaml")))));
        QVERIFY(saved.wait(Wait));
        QCOMPARE(s.controller.hits("PATCH", QStringLiteral("/api/v3/roles/yaml/cert-viewer")), 1);
        QCOMPARE(s.cluster()->lastActionMessage(), QStringLiteral("Role cert-viewer saved."));

        const QString sa = a->yamlOf(QStringLiteral("ServiceAccount"), QStringLiteral("foo-producer/temp-sensor"));
        QVERIFY(a->save(QStringLiteral("ServiceAccount"), QStringLiteral("foo-producer/temp-sensor"), sa));
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 2, Wait);
        QCOMPARE(s.controller.hits("PATCH",
                                   QStringLiteral("/api/v3/serviceaccounts/yaml/foo-producer/temp-sensor")),
                 1);

        QSignalSpy finished(s.cluster(), &ClusterView::actionFinished);
        QVERIFY(a->remove(QStringLiteral("RoleBinding"), QStringLiteral("cert-viewers")));
        QVERIFY(finished.wait(Wait));
        QCOMPARE(finished.constFirst().at(0).toBool(), true);
        QCOMPARE(finished.constFirst().at(1).toString(), QStringLiteral("Role binding cert-viewers deleted."));
        QCOMPARE(s.controller.hits("DELETE", QStringLiteral("/api/v3/rolebindings/cert-viewers")), 1);
    }

    void controllerRefusalKeepsTheEditorOpen()
    {
        SignedIn s;
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        s.controller.protectedFixture("POST", QStringLiteral("/api/v3/roles/yaml"), 500,
                                      QStringLiteral("POST_roles__duplicate_500.json"));
        AccessPage *a = s.access();
        QSignalSpy saved(a, &AccessPage::saved);
        QSignalSpy changed(a, &AccessPage::editorChanged);
        QVERIFY(a->save(QStringLiteral("Role"), QString(),
                        QString::fromUtf8(Test::fixture(QStringLiteral("POST_roles_yaml__cert-viewer.request.yaml")))));
        QTRY_VERIFY_WITH_TIMEOUT(!a->saving(), Wait);
        QVERIFY(saved.isEmpty());
        const QString duplicate =
            QJsonDocument::fromJson(Test::fixture(QStringLiteral("POST_roles__duplicate_500.json")))
                .object().value(u"message").toString();
        QVERIFY2(a->editorError().contains(duplicate), qPrintable(a->editorError()));
        QVERIFY(!s.cluster()->lastActionOk());
    }

    void syntaxErrorAndSystemRolesAreRefusedLocally()
    {
        SignedIn s;
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        AccessPage *a = s.access();
        s.controller.clearLog();
        QVERIFY(!a->save(QStringLiteral("Role"), QString(),
                         QString::fromUtf8(Test::fixture(
                             QStringLiteral("POST_roles_yaml__malformed-yaml_400.request.yaml")))));
        QVERIFY2(a->editorError().startsWith(u"Line 7, column 5: "), qPrintable(a->editorError()));

        const QString reason = a->editDeniedReason(QStringLiteral("Role"), QStringLiteral("admin"));
        QCOMPARE(reason, QStringLiteral("admin is a built-in role: the Controller does not allow changing it."));
        QVERIFY(a->deleteDeniedReason(QStringLiteral("Role"), QStringLiteral("sre")).contains(u"built-in"));
        const QString yaml = a->yamlOf(QStringLiteral("Role"), QStringLiteral("admin"));
        QVERIFY(yaml.contains(u"name: admin"));
        QVERIFY(!a->save(QStringLiteral("Role"), QStringLiteral("admin"), yaml));
        QVERIFY(a->editorError().contains(u"built-in role"));
        QVERIFY(!a->remove(QStringLiteral("Role"), QStringLiteral("admin")));
        QVERIFY(a->editDeniedReason(QStringLiteral("Role"), QString()).contains(u"Select"));
        QTest::qWait(100);
        for (const HttpRequest &r : s.controller.requests())
            QVERIFY2(r.method == "GET" || r.method == "HEAD", r.method.constData());
    }

    void viewerMayNotWrite()
    {
        SignedIn s;
        QVERIFY(s.start(QStringLiteral("viewer@example.com"), QStringLiteral("viewer-pass")));
        AccessPage *a = s.access();
        QVERIFY2(a->createDeniedReason(QStringLiteral("Role")).contains(u"roles:create"),
                 qPrintable(a->createDeniedReason(QStringLiteral("Role"))));
        QVERIFY(a->editDeniedReason(QStringLiteral("RoleBinding"), QStringLiteral("nats-operators"))
                    .contains(u"roleBindings:patch (nats-operators)"));
        QVERIFY(a->deleteDeniedReason(QStringLiteral("ServiceAccount"), QStringLiteral("foo-producer/temp-sensor"))
                    .contains(u"serviceAccounts:delete (temp-sensor)"));
        s.controller.clearLog();
        QVERIFY(!a->save(QStringLiteral("Role"), QString(), a->newYaml(QStringLiteral("Role"))));
        QVERIFY(a->editorError().contains(u"roles:create"));
        QCOMPARE(s.controller.hits("POST", QStringLiteral("/api/v3/roles/yaml")), 0);
    }

    void whoCanDoWhat()
    {
        SignedIn s;
        serveFixtureRole(s.controller);
        QVERIFY(s.start(QStringLiteral("viewer@example.com"), QStringLiteral("viewer-pass")));
        AccessPage *a = s.access();
        PermissionGridModel *grid = a->grid();
        QAbstractItemModelTester tester(grid, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(grid->rowCount(), int(Rbac::catalogResources().size()));
        QCOMPARE(grid->columnCount(), 6);
        QCOMPARE(grid->headerData(4, Qt::Horizontal).toString(), QStringLiteral("patch"));
        QCOMPARE(grid->headerData(2, Qt::Vertical).toString(), QStringLiteral("fogs"));

        const QStringList subjects = a->gridSubjects();
        QCOMPARE(subjects.constFirst(), QStringLiteral("User viewer@example.com"));
        QCOMPARE(a->gridSubject(), subjects.constFirst());
        for (const char *expected : {"Group viewer", "Group sre", "Group admin", "User fixture-operator",
                                     "User fixture-auditor", "ServiceAccount temp-sensor"})
            QVERIFY2(subjects.contains(QString::fromLatin1(expected)), expected);

        QSignalSpy dataChanged(grid, &QAbstractItemModel::dataChanged);
        a->setGridSubject(QStringLiteral("Group viewer"));
        QCOMPARE(dataChanged.size(), 1);
        QVERIFY(grid->isAllowed(QStringLiteral("fogs"), QStringLiteral("list")));
        QVERIFY(!grid->isAllowed(QStringLiteral("fogs"), QStringLiteral("patch")));
        QCOMPARE(grid->index(2, 1).data().toString(), QStringLiteral("✓"));
        QCOMPARE(grid->index(2, 4).data().toString(), QStringLiteral("—"));
        QVERIFY(grid->index(2, 1).data(Qt::ToolTipRole).toString().endsWith(u"via group viewer"));
        QCOMPARE(grid->index(2, 4).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("No role grants fogs:patch to Group viewer."));
        QVERIFY(a->gridSummary().startsWith(u"Group viewer: "));

        a->setGridSubject(QStringLiteral("Group sre"));
        QVERIFY(grid->isAllowed(QStringLiteral("fogs"), QStringLiteral("patch")));
        QVERIFY(!grid->isAllowed(QStringLiteral("natsOperator"), QStringLiteral("update")));
        QVERIFY(!grid->isAllowed(QStringLiteral("roles"), QStringLiteral("create")));

        a->setGridSubject(QStringLiteral("User fixture-operator"));
        QVERIFY(grid->isAllowed(QStringLiteral("natsAccounts"), QStringLiteral("create")));
        QVERIFY(grid->explain(QStringLiteral("natsAccounts"), QStringLiteral("create"))
                    .endsWith(u"via binding nats-operators"));
        QVERIFY(!grid->isAllowed(QStringLiteral("applications"), QStringLiteral("get")));
        QVERIFY(!grid->isAllowed(QStringLiteral("fogs"), QStringLiteral("list")));
        a->setGridResourceName(QStringLiteral("foo-producer"));
        QVERIFY(grid->isAllowed(QStringLiteral("applications"), QStringLiteral("get")));
        QVERIFY(!grid->isAllowed(QStringLiteral("applications"), QStringLiteral("delete")));

        // A bare built-in name is its group; capitals never match (token roles are lower-cased).
        a->setGridResourceName(QString());
        a->setGridSubject(QStringLiteral("admin"));
        QCOMPARE(grid->allowedCount(), grid->rowCount() * grid->columnCount());
        a->setGridSubject(QStringLiteral("Group Admin"));
        QVERIFY(a->gridSummary().contains(u"lower-cased"));
        a->setGridSubject(QStringLiteral("Team x"));
        QCOMPARE(grid->allowedCount(), 0);
        QVERIFY(a->gridSummary().contains(u"is not a subject"));
    }
};

QTEST_GUILESS_MAIN(TstAccessPage)
#include "tst_accesspage.moc"
