#include "core/profiles/memorysecretstore.h"
#include "core/rbac/rbacyaml.h"
#include "models/accesspage.h"
#include "models/clusterview.h"
#include "core/session/controlplanesession.h"
#include "models/detailsmodel.h"
#include "models/permissiongridmodel.h"
#include "models/resourcepage.h"
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
            return roles()->list()->loaded() && accounts()->list()->loaded();
        });
    }
    AccessPage *access() const { return cluster()->access(); }
    ResourcePage *roles() const { return cluster()->resourcePage(QStringLiteral("roles")); }
    ResourcePage *bindings() const { return cluster()->resourcePage(QStringLiteral("roleBindings")); }
    ResourcePage *accounts() const { return cluster()->resourcePage(QStringLiteral("serviceAccounts")); }
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
        ResourceList *accounts = s.accounts()->list();
        QAbstractItemModelTester tester(accounts->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(accounts->count(), 2);
        QCOMPARE(accounts->columnTitles(),
                 (QStringList{QStringLiteral("Name"), QStringLiteral("Application"), QStringLiteral("Role"),
                              QStringLiteral("Microservice")}));
        const int row = accounts->rowOfKey(QStringLiteral("foo-producer/temp-sensor"));
        QVERIFY(row >= 0);
        const QAbstractItemModel *m = accounts->model();
        QCOMPARE(m->index(row, 0).data().toString(), QStringLiteral("temp-sensor"));
        QCOMPARE(m->index(row, 1).data().toString(), QStringLiteral("foo-producer"));
        QCOMPARE(m->index(row, 2).data().toString(), QStringLiteral("microservice"));
        QCOMPARE(m->index(row, 3).data().toString(),
                 QStringLiteral("4b4533f6-8d61-4751-a904-57acb0e8e692"));
        QCOMPARE(s.roles()->list()->count(), 8);
        QCOMPARE(s.bindings()->list()->count(), 2);
        // The pages show the lists that decide permissions: each read once, not twice.
        QCOMPARE(s.roles()->list(), s.cluster()->roles());
        QCOMPARE(s.bindings()->list(), s.cluster()->roleBindings());
        for (const QString &id : {QStringLiteral("roles"), QStringLiteral("roleBindings"),
                                  QStringLiteral("serviceAccounts")}) {
            int lists = 0;
            for (const ResourceList *l : s.cluster()->lists())
                lists += l->listId() == id ? 1 : 0;
            QVERIFY2(lists == 1, qPrintable(id));
        }
    }

    void detailsOfTheSelection()
    {
        SignedIn s;
        serveFixtureRole(s.controller);
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        ResourcePage *roles = s.roles();
        ResourcePage *bindings = s.bindings();
        ResourcePage *accounts = s.accounts();
        QAbstractItemModelTester tester(roles->details(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(roles->details()->rowCount(), 0);
        roles->list()->setSelectedKey(QStringLiteral("nats-operator"));
        QCOMPARE(valueOf(roles->details(), QStringLiteral("Role"), QStringLiteral("Type")),
                 QStringLiteral("custom"));
        QCOMPARE(valueOf(roles->details(), QStringLiteral("Role"), QStringLiteral("Bound by")),
                 QStringLiteral("nats-operators"));
        QCOMPARE(valueOf(roles->details(), QStringLiteral("Rules"), QStringLiteral("Rule 1")),
                 QStringLiteral("natsAccounts, natsUsers, natsAccountRules, natsUserRules × get, list, "
                                "create, patch, delete × any name"));
        QCOMPARE(valueOf(roles->details(), QStringLiteral("Rules"), QStringLiteral("Rule 3")),
                 QStringLiteral("applications × get, list × foo-producer, foo-consumer"));

        // agent-admin's rule is for the agent API: flagged only as information, not as a problem.
        roles->list()->setSelectedKey(QStringLiteral("agent-admin"));
        QCOMPARE(valueOf(roles->details(), QStringLiteral("Role"), QStringLiteral("Type")),
                 QStringLiteral("built-in"));
        QVERIFY(roles->details()->rows().last().hint.contains(u"never matches"));

        // A built-in role applies through the group of its name, without a binding.
        roles->list()->setSelectedKey(QStringLiteral("viewer"));
        QCOMPARE(valueOf(roles->details(), QStringLiteral("Role"), QStringLiteral("Bound by")),
                 QStringLiteral("Group viewer (built in, no binding needed)"));

        bindings->list()->setSelectedKey(QStringLiteral("nats-operators"));
        QCOMPARE(valueOf(bindings->details(), QStringLiteral("Role binding"), QStringLiteral("Role")),
                 QStringLiteral("nats-operator"));
        // cert-viewer is not in this GET /roles: its binding grants nothing and says so.
        bindings->list()->setSelectedKey(QStringLiteral("cert-viewers"));
        QCOMPARE(valueOf(bindings->details(), QStringLiteral("Role binding"), QStringLiteral("Role")),
                 QStringLiteral("cert-viewer (does not exist)"));
        QCOMPARE(valueOf(bindings->details(), QStringLiteral("Subjects"), QStringLiteral("User")),
                 QStringLiteral("fixture-auditor"));
        QCOMPARE(valueOf(bindings->details(), QStringLiteral("Subjects"), QStringLiteral("ServiceAccount")),
                 QStringLiteral("temp-sensor"));

        accounts->list()->setSelectedKey(QStringLiteral("foo-consumer/dashboard"));
        QCOMPARE(valueOf(accounts->details(), QStringLiteral("Service account"),
                         QStringLiteral("Microservice UUID")),
                 QStringLiteral("235f499d-d0d7-405f-99d7-243f19630cbd"));
        QCOMPARE(accounts->nameOf(QStringLiteral("ServiceAccount"), QStringLiteral("foo-consumer/dashboard")),
                 QStringLiteral("dashboard"));
        QCOMPARE(accounts->selectedName(), QStringLiteral("dashboard"));
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
        s.bindings()->list()->setSelectedKey(QStringLiteral("nats-operators"));
        const DetailRow role = s.bindings()->details()->rows().at(1);
        QCOMPARE(role.value, QStringLiteral("nats-operator (does not exist)"));
        QVERIFY(role.warning);
        a->setGridSubject(QStringLiteral("User fixture-operator"));
        QCOMPARE(a->grid()->allowedCount(), 0);
    }

    void yamlOfTheFixtureRoleRoundTrips()
    {
        SignedIn s;
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        ResourcePage *roles = s.roles();
        roles->list()->setSelectedKey(QStringLiteral("nats-operator"));
        const QString yaml = roles->yamlOf(QStringLiteral("Role"), QStringLiteral("nats-operator"));
        // The role as the stand-in's GET /roles lists it.
        QJsonObject fixture;
        for (const QJsonValue &v : QJsonDocument::fromJson(
                 Test::fixture(QStringLiteral("GET_roles__after-create.json"))).object().value(u"roles").toArray()) {
            if (v.toObject().value(u"name").toString() == u"nats-operator")
                fixture = v.toObject();
        }
        QVERIFY(yaml.contains(u"    verbs: [\"*\"]\n"));
        QCOMPARE(yaml.toUtf8(), Rbac::toYaml(Rbac::Kind::Role, fixture));
        QCOMPARE(roles->check(QStringLiteral("Role"), yaml), QString());
        const auto doc = Rbac::parseYaml(yaml.toUtf8(), Rbac::Kind::Role);
        QVERIFY_RESULT(doc);
        QCOMPARE(Rbac::parseRole(doc->json)->rules, Rbac::parseRole(fixture)->rules);
        // Bindings and service accounts too; nothing for a key that is not the selection.
        s.bindings()->list()->setSelectedKey(QStringLiteral("nats-operators"));
        QVERIFY(s.bindings()->yamlOf(QStringLiteral("RoleBinding"), QStringLiteral("nats-operators"))
                    .contains(u"  - kind: User\n    name: fixture-operator"));
        s.accounts()->list()->setSelectedKey(QStringLiteral("foo-producer/temp-sensor"));
        QVERIFY(s.accounts()->yamlOf(QStringLiteral("ServiceAccount"), QStringLiteral("foo-producer/temp-sensor"))
                    .contains(u"applicationName: foo-producer"));
        QCOMPARE(roles->yamlOf(QStringLiteral("Role"), QStringLiteral("nope")), QString());
        QVERIFY(s.bindings()->check(QStringLiteral("RoleBinding"), yaml).contains(u"kind is Role"));
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
        ResourcePage *a = s.roles();
        QSignalSpy saved(a, &ResourcePage::saved);
        const QByteArray yaml = Test::fixture(QStringLiteral("POST_roles_yaml__cert-viewer.request.yaml"));
        QVERIFY(a->deniedReason(QStringLiteral("create")).isEmpty());
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
        QCOMPARE(s.cluster()->lastActionMessage(), QStringLiteral("Created role cert-viewer."));
        QVERIFY(s.cluster()->lastActionOk());
        QCOMPARE(a->list()->selectedKey(), QStringLiteral("cert-viewer"));
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
        ResourcePage *a = s.roles();
        QSignalSpy saved(a, &ResourcePage::saved);
        a->list()->setSelectedKey(QStringLiteral("cert-viewer"));
        QVERIFY(a->deniedReason(QStringLiteral("edit")).isEmpty());
        QVERIFY(a->save(QStringLiteral("Role"), QStringLiteral("cert-viewer"),
                        QString::fromUtf8(Test::fixture(
                            QStringLiteral("PATCH_roles_yaml_NAME__cert-viewer.request.yaml")))));
        QVERIFY(saved.wait(Wait));
        QCOMPARE(s.controller.hits("PATCH", QStringLiteral("/api/v3/roles/yaml/cert-viewer")), 1);
        QCOMPARE(s.cluster()->lastActionMessage(), QStringLiteral("Saved role cert-viewer."));

        ResourcePage *accounts = s.accounts();
        QSignalSpy savedAccount(accounts, &ResourcePage::saved);
        accounts->list()->setSelectedKey(QStringLiteral("foo-producer/temp-sensor"));
        const QString sa = accounts->yamlOf(QStringLiteral("ServiceAccount"), QStringLiteral("foo-producer/temp-sensor"));
        QVERIFY(accounts->save(QStringLiteral("ServiceAccount"), QStringLiteral("foo-producer/temp-sensor"), sa));
        QVERIFY(savedAccount.wait(Wait));
        QCOMPARE(s.controller.hits("PATCH",
                                   QStringLiteral("/api/v3/serviceaccounts/yaml/foo-producer/temp-sensor")),
                 1);

        QSignalSpy finished(s.cluster(), &ClusterView::actionFinished);
        ResourcePage *bindings = s.bindings();
        bindings->list()->setSelectedKey(QStringLiteral("cert-viewers"));
        QCOMPARE(bindings->question(QStringLiteral("delete")),
                 QStringLiteral("Delete the role binding cert-viewers? Its subjects lose what the binding "
                                "granted them. This cannot be undone."));
        QVERIFY(bindings->run(QStringLiteral("delete"), QStringLiteral("cert-viewers")));
        QVERIFY(finished.wait(Wait));
        QCOMPARE(finished.constFirst().at(0).toBool(), true);
        QCOMPARE(finished.constFirst().at(1).toString(), QStringLiteral("Deleted role binding cert-viewers."));
        QCOMPARE(s.controller.hits("DELETE", QStringLiteral("/api/v3/rolebindings/cert-viewers")), 1);
    }

    void controllerRefusalKeepsTheEditorOpen()
    {
        SignedIn s;
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        s.controller.protectedFixture("POST", QStringLiteral("/api/v3/roles/yaml"), 500,
                                      QStringLiteral("POST_roles__duplicate_500.json"));
        ResourcePage *a = s.roles();
        QSignalSpy saved(a, &ResourcePage::saved);
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
        ResourcePage *a = s.roles();
        s.controller.clearLog();
        QVERIFY(!a->save(QStringLiteral("Role"), QString(),
                         QString::fromUtf8(Test::fixture(
                             QStringLiteral("POST_roles_yaml__malformed-yaml_400.request.yaml")))));
        QVERIFY2(a->editorError().startsWith(u"Line 7, column 5: "), qPrintable(a->editorError()));

        a->list()->setSelectedKey(QStringLiteral("admin"));
        QCOMPARE(a->deniedReason(QStringLiteral("edit")),
                 QStringLiteral("admin is a built-in role: the Controller does not allow changing it."));
        QCOMPARE(a->deniedReason(QStringLiteral("delete")),
                 QStringLiteral("admin is a built-in role: the Controller does not allow deleting it."));
        // Not offered for editing, and refused when saved or deleted anyway (keyboard, script).
        QCOMPARE(a->yamlOf(QStringLiteral("Role"), QStringLiteral("admin")), QString());
        const QString yaml = QString::fromUtf8(Rbac::toYaml(Rbac::Kind::Role, a->selectedObject()));
        QVERIFY(yaml.contains(u"name: admin"));
        QVERIFY(!a->save(QStringLiteral("Role"), QStringLiteral("admin"), yaml));
        QVERIFY(a->editorError().contains(u"built-in role"));
        QVERIFY(!a->run(QStringLiteral("delete"), QStringLiteral("admin")));
        // As a new role, the name of a built-in one is refused by the manifest check.
        QVERIFY(a->check(QStringLiteral("Role"), yaml).contains(u"built-in role"));
        a->list()->setSelectedKey(QStringLiteral("sre"));
        QVERIFY(a->deniedReason(QStringLiteral("delete")).contains(u"built-in"));
        a->list()->setSelectedKey(QString());
        QVERIFY(a->deniedReason(QStringLiteral("edit")).contains(u"Select"));
        QTest::qWait(100);
        for (const HttpRequest &r : s.controller.requests())
            QVERIFY2(r.method == "GET" || r.method == "HEAD", r.method.constData());
    }

    void createUsesEachKindsUploadField_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QByteArray>("disposition");
        QTest::addColumn<QString>("done");
        QTest::newRow("role binding")
            << "roleBindings" << "/api/v3/rolebindings/yaml"
            << Test::fixture(QStringLiteral("POST_rolebindings_yaml__cert-viewers.request.yaml"))
            << QByteArray("form-data; name=\"rolebinding\"; filename=\"cert-viewers.yaml\"")
            << "Created role binding cert-viewers.";
        QTest::newRow("service account")
            << "serviceAccounts" << "/api/v3/serviceaccounts/yaml"
            << Rbac::templateYaml(Rbac::Kind::ServiceAccount)
            << QByteArray("form-data; name=\"serviceaccount\"; filename=\"new-service-account.yaml\"")
            << "Created service account new-service-account.";
    }
    void createUsesEachKindsUploadField()
    {
        QFETCH(QString, kind);
        QFETCH(QString, path);
        QFETCH(QByteArray, yaml);
        QFETCH(QByteArray, disposition);
        QFETCH(QString, done);
        SignedIn s;
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        QList<HttpRequest> seen;
        s.controller.setHandler("POST", path, [&](const HttpRequest &r) {
            seen << r;
            return HttpResponse::json(201, QJsonObject{});
        });
        ResourcePage *page = s.cluster()->resourcePage(kind);
        QSignalSpy saved(page, &ResourcePage::saved);
        QVERIFY(page->save(page->yamlKind(), QString(), QString::fromUtf8(yaml)));
        QVERIFY(saved.wait(Wait));
        QCOMPARE(seen.size(), 1);
        QByteArray sentDisposition, content;
        QVERIFY(filePart(seen.constFirst(), &sentDisposition, &content));
        QCOMPARE(sentDisposition, disposition);
        QCOMPARE(content, yaml);
        QCOMPARE(s.cluster()->lastActionMessage(), done);
    }

    void yamlChecksAndWarningsReachTheEditor()
    {
        SignedIn s;
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        ResourcePage *bindings = s.bindings();
        // The manifest check of core/rbac, with the position of the offending node.
        const QString misplaced = QStringLiteral("kind: RoleBinding\nmetadata:\n  name: b\nspec:\n"
                                                 "  roleRef: {kind: Role, name: viewer}\n");
        QVERIFY2(bindings->check(QStringLiteral("RoleBinding"), misplaced).contains(u"roleRef is missing"),
                 qPrintable(bindings->editorError()));
        QVERIFY(bindings->editorError().startsWith(u"Line "));
        QVERIFY(bindings->editorWarnings().isEmpty());
        // Accepted, but the group never matches: said under the text.
        const QString capitals = QStringLiteral("kind: RoleBinding\nmetadata:\n  name: b\nroleRef:\n"
                                                "  kind: Role\n  name: viewer\nsubjects:\n"
                                                "  - kind: Group\n    name: Ops\n");
        QCOMPARE(bindings->check(QStringLiteral("RoleBinding"), capitals), QString());
        QCOMPARE(bindings->editorWarnings().size(), 1);
        QVERIFY(bindings->editorWarnings().constFirst().contains(u"“ops”"));
        s.accounts()->check(QStringLiteral("ServiceAccount"), QString::fromUtf8(Rbac::templateYaml(Rbac::Kind::Role)));
        QVERIFY(s.accounts()->editorError().contains(u"kind is Role, but this editor saves a ServiceAccount"));
    }

    void detailsFollowTheOtherLists()
    {
        SignedIn s;
        serveFixtureRole(s.controller);
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        ResourcePage *roles = s.roles();
        roles->list()->setSelectedKey(QStringLiteral("nats-operator"));
        QCOMPARE(valueOf(roles->details(), QStringLiteral("Role"), QStringLiteral("Bound by")),
                 QStringLiteral("nats-operators"));
        // The binding is gone: the role's details say so once the bindings are read again.
        s.controller.setHandler("GET", QStringLiteral("/api/v3/rolebindings"), [](const HttpRequest &) {
            return HttpResponse::json(200, QJsonObject{{QStringLiteral("bindings"), QJsonArray()}});
        });
        s.cluster()->roleBindings()->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(valueOf(roles->details(), QStringLiteral("Role"), QStringLiteral("Bound by")),
                                  QStringLiteral("no binding"), Wait);
    }

    void viewerMayNotWrite()
    {
        SignedIn s;
        QVERIFY(s.start(QStringLiteral("viewer@example.com"), QStringLiteral("viewer-pass")));
        ResourcePage *a = s.roles();
        QVERIFY2(a->deniedReason(QStringLiteral("create")).contains(u"roles:create"),
                 qPrintable(a->deniedReason(QStringLiteral("create"))));
        s.bindings()->list()->setSelectedKey(QStringLiteral("nats-operators"));
        QVERIFY(s.bindings()->deniedReason(QStringLiteral("edit")).contains(u"roleBindings:patch (nats-operators)"));
        s.accounts()->list()->setSelectedKey(QStringLiteral("foo-producer/temp-sensor"));
        QVERIFY(s.accounts()->deniedReason(QStringLiteral("delete")).contains(u"serviceAccounts:delete (temp-sensor)"));
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
