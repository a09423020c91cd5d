#include "core/api/records.h"
#include "core/rbac/rbac.h"
#include "core/rbac/rbacyaml.h"
#include "core/resources/kinds/kinds.h"
#include "core/resources/registry.h"
#include "testutil.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Pot;
using namespace Pot::Resources;

namespace {

QJsonValue fixtureJson(const QString &name)
{
    const QJsonDocument d = QJsonDocument::fromJson(Test::fixture(name));
    return d.isArray() ? QJsonValue(d.array()) : QJsonValue(d.object());
}

/// The rows a kind makes of a captured list answer.
QList<Row> rowsOf(const Kind &k, const QString &fixtureName)
{
    const QJsonValue answer = fixtureJson(fixtureName);
    const QJsonArray items = k.arrayKey.isEmpty() ? answer.toArray()
                                                  : answer.toObject().value(k.arrayKey).toArray();
    QList<Row> rows;
    for (const QJsonValue &v : items) {
        if (auto r = k.row(v.toObject()))
            rows << *r;
    }
    return rows;
}

const Row *find(const QList<Row> &rows, const QString &key)
{
    for (const Row &r : rows) {
        if (r.key == key)
            return &r;
    }
    return nullptr;
}

QString cell(const Kind &k, const Row &r, const QString &column)
{
    for (qsizetype i = 0; i < k.columns.size(); ++i) {
        if (k.columns.at(i).title == column)
            return r.cells.value(i).text;
    }
    return QStringLiteral("<no column %1>").arg(column);
}

QJsonObject yamlDoc(const QString &kind, const QString &name, const QJsonObject &rest)
{
    QJsonObject o = rest;
    o.insert(QStringLiteral("kind"), kind);
    o.insert(QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name}});
    return o;
}

} // namespace

/// Each kind's description against the real Controller 3.7.3 answers (third capture): rows, the
/// Controller's quirks the descriptions absorb, and the checks made before anything is sent.
class TstResourceKinds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void registryHasEveryKindOnce()
    {
        const Registry registry;
        QStringList ids;
        for (const Kind &k : registry.kinds()) {
            QVERIFY2(!ids.contains(k.id), qPrintable(k.id));
            ids << k.id;
            QVERIFY(k.row);
            QVERIFY(k.details);
            QVERIFY(!k.rbacResource.isEmpty());
            QVERIFY(!k.columns.isEmpty());
            for (const Action &a : k.actions)
                QVERIFY2(!a.question.isEmpty() || a.confirm == Confirm::None, qPrintable(a.id));
        }
        for (const char16_t *id : {u"secrets", u"configMaps", u"volumeMounts", u"services",
                                   u"registries", u"catalogItems", u"edgeResources",
                                   u"applicationTemplates", u"router", u"applications",
                                   u"systemApplications", u"microservices",
                                   u"natsAccounts", u"natsUsers", u"natsAccountRules", u"natsUserRules",
                                   u"agents", u"roles", u"roleBindings", u"serviceAccounts"})
            QVERIFY2(registry.find(QString::fromUtf16(id)), qPrintable(QString::fromUtf16(id)));
        QCOMPARE(registry.find(QStringLiteral("nope")), nullptr);
    }

    void rowsOfEveryCapturedList_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("text");
        QTest::newRow("secrets") << "secrets" << "GET_secrets.json" << 47 << "nats-operator-seed"
                                 << "Made by" << "Controller";
        QTest::newRow("user secret") << "secrets" << "GET_secrets.json" << 47 << "fixture-root-ca"
                                     << "Type" << "tls";
        QTest::newRow("config maps") << "configMaps" << "GET_configmaps.json" << 8
                                     << "iofog-nats-jwt-bundle" << "Vault" << "yes";
        QTest::newRow("volume mounts: bare array") << "volumeMounts" << "GET_volumeMounts.json" << 27
                                                   << "nats-jwt-dir-remote-hub" << "Mounts"
                                                   << "config map iofog-nats-jwt-bundle";
        QTest::newRow("services: bare array") << "services" << "GET_services.json" << 2 << "orders-api"
                                              << "Bridge port" << "10024";
        QTest::newRow("registries: no password") << "registries" << "GET_registries__after-create.json"
                                                 << 3 << "3" << "E-mail" << "bot@example.com";
        QTest::newRow("catalog") << "catalogItems" << "GET_catalog_microservices.json" << 5 << "1"
                                 << "Category" << "SYSTEM";
        QTest::newRow("edge resources: name/version") << "edgeResources" << "GET_edgeResources.json"
                                                      << 1 << "fixture-sensor/1.0.0" << "Tags"
                                                      << "fixture-sensor";
        QTest::newRow("templates") << "applicationTemplates" << "GET_applicationTemplates.json" << 2
                                   << "fixture-template" << "Variables" << "agent, rate";
        QTest::newRow("applications") << "applications" << "GET_application.json" << 1
                                      << "foo-producer" << "NATS" << "on (foo-exporter)";
        QTest::newRow("applications: running") << "applications" << "GET_application.json" << 1
                                               << "foo-producer" << "Running" << "0";
        QTest::newRow("system applications") << "systemApplications" << "GET_application_system.json"
                                             << 2 << "system-remote-hub" << "NATS" << "off";
        QTest::newRow("system applications: count") << "systemApplications"
                                                    << "GET_application_system.json" << 2
                                                    << "system-edge-node-1" << "Microservices" << "2";
        QTest::newRow("microservices: ports") << "microservices" << "GET_microservices.json" << 4
                                              << "4b4533f6-8d61-4751-a904-57acb0e8e692" << "Ports"
                                              << "18080→8080/tcp";
        QTest::newRow("microservices: null rule") << "microservices" << "GET_microservices.json" << 4
                                                  << "5356e630-09bd-43ff-b317-76b71801a465" << "NATS"
                                                  << "on";
        QTest::newRow("microservices: images") << "microservices" << "GET_microservices.json" << 4
                                               << "4b4533f6-8d61-4751-a904-57acb0e8e692" << "Images"
                                               << "temp-sensor:1.2.0 (x86), temp-sensor:1.2.0-arm (ARM)";
        QTest::newRow("microservices: agent uuid without a name") << "microservices"
                                                                  << "GET_microservices.json" << 4
                                                                  << "4b4533f6-8d61-4751-a904-57acb0e8e692"
                                                                  << "Agent"
                                                                  << "8b6c66bf-ef7f-405b-8e04-d6c7bdd088fc";
        QTest::newRow("nats accounts") << "natsAccounts" << "GET_nats_accounts.json" << 3 << "foo-producer"
                                       << "Application" << "foo-producer";
        QTest::newRow("nats system account") << "natsAccounts" << "GET_nats_accounts.json" << 3 << "SYS"
                                             << "Kind" << "system";
        QTest::newRow("nats leaf system account") << "natsAccounts" << "GET_nats_accounts.json" << 3
                                                  << "SYS-leaf-edge-node-1" << "Kind" << "leaf system";
        QTest::newRow("nats users: keyed by account") << "natsUsers" << "GET_nats_users.json" << 8
                                                      << "foo-consumer/leaf-edge-node-1" << "Microservice"
                                                      << "yes";
        QTest::newRow("nats bearer user") << "natsUsers" << "GET_nats_users.json" << 8
                                          << "foo-consumer/mqtt-dev-1" << "Bearer" << "bearer";
        QTest::newRow("nats user of a system account") << "natsUsers" << "GET_nats_users.json" << 8
                                                       << "SYS/admin-hub" << "Application" << "";
        QTest::newRow("nats account rules") << "natsAccountRules" << "GET_nats_account-rules.json" << 4
                                            << "foo-exporter" << "Connections" << "200";
        QTest::newRow("nats unlimited connections") << "natsAccountRules" << "GET_nats_account-rules.json"
                                                    << 4 << "default-account" << "Connections" << "unlimited";
        QTest::newRow("nats built-in rule") << "natsAccountRules" << "GET_nats_account-rules.json" << 4
                                            << "default-system-account" << "Kind" << "built-in";
        QTest::newRow("nats user rules") << "natsUserRules" << "GET_nats_user-rules.json" << 5
                                         << "sensor-publisher" << "Flags" << "resp.ttl in ms?";
        QTest::newRow("nats user rule null limit") << "natsUserRules" << "GET_nats_user-rules.json" << 5
                                                   << "dashboard-reader" << "Flags"
                                                   << "1 limit(s) null, resp.ttl in ms?";
        QTest::newRow("agents") << "agents" << "GET_iofog-list.json" << 2
                                << "8b6c66bf-ef7f-405b-8e04-d6c7bdd088fc" << "Name" << "edge-node-1";
        QTest::newRow("system agent") << "agents" << "GET_iofog-list.json" << 2
                                      << "298c5318-e06c-4da0-990b-b3b0ba2aeec4" << "Name"
                                      << "remote-hub (system)";
        QTest::newRow("roles: rules") << "roles" << "GET_roles__after-create.json" << 8 << "nats-operator"
                                      << "Rules" << "2";
        QTest::newRow("roles: built-in") << "roles" << "GET_roles__after-create.json" << 8 << "viewer"
                                         << "Kind" << "built-in";
        QTest::newRow("roles: resources once") << "roles" << "GET_roles__after-create.json" << 8
                                               << "cert-viewer" << "Resources" << "certificates, secrets";
        QTest::newRow("role bindings") << "roleBindings" << "GET_rolebindings.json" << 2 << "cert-viewers"
                                       << "Subjects" << "User fixture-auditor, ServiceAccount temp-sensor";
        QTest::newRow("role bindings: role") << "roleBindings" << "GET_rolebindings.json" << 2
                                             << "nats-operators" << "Role" << "nats-operator";
        QTest::newRow("service accounts: application/name")
            << "serviceAccounts" << "GET_serviceaccounts__initial.json" << 2 << "foo-producer/temp-sensor"
            << "Microservice" << "4b4533f6-8d61-4751-a904-57acb0e8e692";
        QTest::newRow("service accounts: application") << "serviceAccounts" << "GET_serviceaccounts__initial.json"
                                                       << 2 << "foo-consumer/dashboard" << "Application"
                                                       << "foo-consumer";
    }
    void rowsOfEveryCapturedList()
    {
        QFETCH(QString, kind);
        QFETCH(QString, fixture);
        QFETCH(int, count);
        QFETCH(QString, key);
        QFETCH(QString, column);
        QFETCH(QString, text);
        const Registry registry;
        const Kind *k = registry.find(kind);
        QVERIFY(k);
        const QList<Row> rows = rowsOf(*k, fixture);
        QCOMPARE(rows.size(), count);
        const Row *r = find(rows, key);
        QVERIFY2(r, qPrintable(key));
        QCOMPARE(r->cells.size(), k->columns.size());
        QCOMPARE(cell(*k, *r, column), text);
    }

    void applicationActionsAreWhatPotctlSends()
    {
        const Kind k = Kinds::applications();
        const QJsonObject foo = fixtureJson(QStringLiteral("GET_application.json"))
                                    .toObject().value(u"applications").toArray().at(0).toObject();
        const Action *start = k.action(QStringLiteral("start"));
        const Action *stop = k.action(QStringLiteral("stop"));
        const Action *del = k.action(QStringLiteral("delete"));
        QVERIFY(start && stop && del);
        for (const Action *a : {start, stop})
            QCOMPARE(a->method, QByteArray("PATCH"));
        QCOMPARE(del->method, QByteArray("DELETE"));
        for (const Action *a : {start, stop, del})
            QCOMPARE(Kind::expand(a->path, QStringLiteral("my app/v2"), foo),
                     QStringLiteral("/application/my%20app%2Fv2"));
        QCOMPARE(start->body(foo, {}), (QJsonObject{{QStringLiteral("isActivated"), true}}));
        QCOMPARE(stop->body(foo, {}), (QJsonObject{{QStringLiteral("isActivated"), false}}));
        QVERIFY(!del->body);
        QCOMPARE(start->confirm, Confirm::None);
        QCOMPARE(stop->confirm, Confirm::Plain);
        QCOMPARE(stop->confirmText, QStringLiteral("Stop"));
        QCOMPARE(del->confirm, Confirm::TypedName);
        QVERIFY(del->destructive);
        QCOMPARE(stop->question.arg(u"foo-producer"),
                 QStringLiteral("Stop foo-producer? The Controller removes its microservices from "
                                "their agents until it is started again."));
        QCOMPARE(start->doneText.arg(u"foo-producer"), QStringLiteral("Application foo-producer started."));
        QCOMPARE(stop->doneText.arg(u"foo-producer"), QStringLiteral("Application foo-producer stopped."));
        QCOMPARE(del->doneText.arg(u"foo-producer"), QStringLiteral("Application foo-producer deleted."));
        // The capture's application is activated: start does not apply, stop and delete do.
        QCOMPARE(start->refused(foo), QStringLiteral("The application is already activated."));
        QVERIFY(stop->refused(foo).isEmpty());
        QVERIFY(del->refused(foo).isEmpty());
        QJsonObject stopped = foo;
        stopped.insert(QStringLiteral("isActivated"), false);
        QVERIFY(start->refused(stopped).isEmpty());
        QCOMPARE(stop->refused(stopped), QStringLiteral("The application is already stopped."));
        QCOMPARE(k.rbacResource, QStringLiteral("applications"));
        QCOMPARE(k.listVerb, QStringLiteral("list"));
    }

    void systemApplicationsAreReadOnly()
    {
        const Kind system = Kinds::systemApplications();
        QCOMPARE(system.listPath, QStringLiteral("/application/system"));
        // First-match routing: GET /application/system is applications:get named "system".
        QCOMPARE(system.listVerb, QStringLiteral("get"));
        QCOMPARE(system.listName, QStringLiteral("system"));
        const QJsonArray apps = fixtureJson(QStringLiteral("GET_application_system.json"))
                                    .toObject().value(u"applications").toArray();
        QCOMPARE(apps.size(), 2);
        const Kind user = Kinds::applications();
        for (const QString &id : {QStringLiteral("start"), QStringLiteral("stop"), QStringLiteral("delete")}) {
            for (const QJsonValue &v : apps) {
                // Refused by the system kind, and by the applications kind for an isSystem object.
                QVERIFY2(system.action(id)->refused(v.toObject()).contains(u"read-only"), qPrintable(id));
                QVERIFY2(user.action(id)->refused(v.toObject()).contains(u"read-only"), qPrintable(id));
            }
            // Also an object that does not say isSystem, when it is listed as a system application.
            QVERIFY(system.action(id)->refused(QJsonObject{{QStringLiteral("name"), QStringLiteral("x")}})
                        .contains(u"read-only"));
        }
    }

    void microserviceActions()
    {
        const Kind k = Kinds::microservices();
        QVERIFY(k.fed);
        QVERIFY(k.listPath.isEmpty());
        const QString uuid = QStringLiteral("4b4533f6-8d61-4751-a904-57acb0e8e692");
        const QJsonObject sensor{{QStringLiteral("uuid"), uuid}, {QStringLiteral("name"), QStringLiteral("temp-sensor")}};
        const Action *start = k.action(QStringLiteral("start"));
        const Action *stop = k.action(QStringLiteral("stop"));
        const Action *del = k.action(QStringLiteral("delete"));
        QVERIFY(start && stop && del);
        QCOMPARE(Kind::expand(start->path, uuid, sensor), u"/microservices/" + uuid + u"/start");
        QCOMPARE(Kind::expand(stop->path, uuid, sensor), u"/microservices/" + uuid + u"/stop");
        QCOMPARE(Kind::expand(del->path, uuid, sensor), u"/microservices/" + uuid);
        QCOMPARE(start->method, QByteArray("PATCH"));
        QCOMPARE(stop->method, QByteArray("PATCH"));
        QCOMPARE(del->method, QByteArray("DELETE"));
        QCOMPARE(start->body(sensor, {}), QJsonObject());
        QCOMPARE(stop->confirmText, QStringLiteral("Stop"));
        QCOMPARE(del->confirm, Confirm::TypedName);
        QCOMPARE(k.row(sensor)->name, QStringLiteral("temp-sensor")); // the typed name
        QCOMPARE(stop->doneText.arg(u"temp-sensor"), QStringLiteral("Microservice temp-sensor stopped."));
        QJsonObject system = sensor;
        system.insert(QStringLiteral("isSystem"), true);
        for (const Action *a : {start, stop, del}) {
            QVERIFY(a->refused(sensor).isEmpty());
            QVERIFY(a->refused(system).contains(u"read-only"));
        }
    }

    void microserviceDetailsHideSecretValues()
    {
        const Kind k = Kinds::microservices();
        const QJsonArray apps = fixtureJson(QStringLiteral("GET_application_system.json"))
                                    .toObject().value(u"applications").toArray();
        int secretRows = 0;
        for (const QJsonValue &app : apps) {
            for (const QJsonValue &ms : app.toObject().value(u"microservices").toArray()) {
                for (const DetailRow &row : k.details(ms.toObject())) {
                    QVERIFY2(!row.value.contains(u"Qlyr9nQ8"), qPrintable(row.label));
                    if (row.value.startsWith(u"from secret "))
                        ++secretRows;
                }
            }
        }
        QVERIFY(secretRows > 0);
        // The agent's name when the page knows it, its uuid otherwise.
        QJsonObject ms = apps.at(0).toObject().value(u"microservices").toArray().at(0).toObject();
        ms.insert(QStringLiteral("agentName"), QStringLiteral("remote-hub"));
        bool named = false;
        for (const DetailRow &row : k.details(ms))
            named = named || (row.label == u"Agent" && row.value == u"remote-hub");
        QVERIFY(named);
    }

    void microserviceTones()
    {
        QCOMPARE(Kinds::microserviceTone(QStringLiteral("RUNNING")), Tone::Ok);
        QCOMPARE(Kinds::microserviceTone(QStringLiteral("STUCK_IN_RESTART")), Tone::Bad);
        QCOMPARE(Kinds::microserviceTone(QStringLiteral("STOPPED")), Tone::Warn);
        QCOMPARE(Kinds::microserviceTone(QStringLiteral("QUEUED")), Tone::Info);
        QCOMPARE(Kinds::microserviceTone(QString()), Tone::Muted);
    }

    void natsKindsHaveTheColumnsOfThePage()
    {
        auto titles = [](const Kind &k) {
            QStringList t;
            for (const Column &c : k.columns)
                t << c.title;
            return t;
        };
        QCOMPARE(titles(Kinds::natsAccounts()),
                 (QStringList{u"Name"_qs, u"Application"_qs, u"Kind"_qs, u"Revoked users"_qs, u"Public key"_qs}));
        QCOMPARE(titles(Kinds::natsUsers()), (QStringList{u"Name"_qs, u"Account"_qs, u"Application"_qs,
                                                          u"Bearer"_qs, u"Microservice"_qs, u"Expiry"_qs}));
        QCOMPARE(titles(Kinds::natsAccountRules()),
                 (QStringList{u"Name"_qs, u"Kind"_qs, u"Connections"_qs, u"Exports"_qs, u"Imports"_qs,
                              u"Flags"_qs, u"Description"_qs}));
        QCOMPARE(titles(Kinds::natsUserRules()), (QStringList{u"Name"_qs, u"Kind"_qs, u"Bearer"_qs,
                                                              u"Connection types"_qs, u"Flags"_qs,
                                                              u"Description"_qs}));
        // The requested expiry the Controller hides in nats.exp is not enforced by nats-server.
        const Kind users = Kinds::natsUsers();
        const QList<Row> rows = rowsOf(users, QStringLiteral("GET_nats_users.json"));
        const Row *opsCli = find(rows, QStringLiteral("foo-producer/ops-cli"));
        QVERIFY(opsCli);
        QCOMPARE(opsCli->name, QStringLiteral("ops-cli"));
        QVERIFY2(cell(users, *opsCli, QStringLiteral("Expiry")).endsWith(u" (not enforced)"),
                 qPrintable(cell(users, *opsCli, QStringLiteral("Expiry"))));
        QCOMPARE(cell(users, *find(rows, QStringLiteral("foo-producer/temp-sensor")), QStringLiteral("Expiry")),
                 QStringLiteral("never"));
    }

    void natsUserDeletesGoToTheAccountRoutes_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("refused");
        QTest::newRow("user") << "delete" << "foo-producer/ops-cli" << "/nats/accounts/foo-producer/users/ops-cli" << "";
        QTest::newRow("bearer") << "deleteBearer" << "foo-consumer/mqtt-dev-1"
                                << "/nats/accounts/foo-consumer/mqtt-bearer/mqtt-dev-1" << "";
        QTest::newRow("bearer through the users route")
            << "delete" << "foo-consumer/mqtt-dev-1" << "" << "An MQTT bearer user: use Delete MQTT bearer.";
        QTest::newRow("microservice user") << "delete" << "foo-producer/temp-sensor" << ""
                                           << "This user belongs to a microservice; it goes away with the microservice.";
        QTest::newRow("system account user") << "delete" << "SYS/admin-hub" << ""
                                             << "Users of system accounts are managed by the Controller.";
    }
    void natsUserDeletesGoToTheAccountRoutes()
    {
        QFETCH(QString, action);
        QFETCH(QString, user);
        QFETCH(QString, path);
        QFETCH(QString, refused);
        const Kind k = Kinds::natsUsers();
        const QJsonArray users = fixtureJson(QStringLiteral("GET_nats_users.json")).toObject().value(u"users").toArray();
        QJsonObject object;
        for (const QJsonValue &v : users) {
            const QJsonObject o = v.toObject();
            if (o.value(u"accountName").toString() + u'/' + o.value(u"name").toString() == user)
                object = o;
        }
        QVERIFY(!object.isEmpty());
        const Action *a = k.action(action);
        QVERIFY(a);
        QCOMPARE(a->method, QByteArray("DELETE"));
        QCOMPARE(a->verb, QStringLiteral("delete"));
        QCOMPARE(a->confirm, Confirm::TypedName);
        QCOMPARE(a->refused(object), refused);
        if (!refused.isEmpty())
            return;
        QCOMPARE(Kind::expand(a->path, user, object), path);
        QVERIFY(a->questionOf(object).startsWith(
            QStringLiteral("Delete %1 from the account of %2?")
                .arg(object.value(u"name").toString(), object.value(u"applicationName").toString())));
        QCOMPARE(a->doneOf(object), QStringLiteral("User %1 deleted from %2; its key is revoked in the account JWT.")
                                        .arg(object.value(u"name").toString(),
                                             object.value(u"applicationName").toString()));
        // Names stay one segment each.
        const QJsonObject odd{{QStringLiteral("name"), QStringLiteral("ops cli?")},
                              {QStringLiteral("applicationName"), QStringLiteral("my app/v2")}};
        QVERIFY(Kind::expand(a->path, {}, odd).startsWith(u"/nats/accounts/my%20app%2Fv2/"));
        QVERIFY(Kind::expand(a->path, {}, odd).endsWith(u"/ops%20cli%3F"));
    }

    void natsRecordsTakeNullAndAbsentAlike()
    {
        const QJsonObject withNulls{{QStringLiteral("name"), QStringLiteral("u")},
                                    {QStringLiteral("accountName"), QStringLiteral("SYS")},
                                    {QStringLiteral("applicationName"), QJsonValue()},
                                    {QStringLiteral("microserviceUuid"), QJsonValue()},
                                    {QStringLiteral("isBearer"), QJsonValue()}};
        const QJsonObject absent{{QStringLiteral("name"), QStringLiteral("u")},
                                 {QStringLiteral("accountName"), QStringLiteral("SYS")}};
        const Api::NatsUser a = Api::NatsUser::fromJson(withNulls).value();
        const Api::NatsUser b = Api::NatsUser::fromJson(absent).value();
        QCOMPARE(a.applicationName, b.applicationName);
        QCOMPARE(a.isBearer, b.isBearer);
        QCOMPARE(a.routeAccount(), QStringLiteral("SYS"));
        const QJsonObject account{{QStringLiteral("name"), QStringLiteral("x")},
                                  {QStringLiteral("applicationId"), QJsonValue()}};
        QVERIFY(!Api::NatsAccount::fromJson(account).value().isApplication());
        QVERIFY(!Api::NatsAccountRule::fromJson(QJsonObject{{QStringLiteral("name"), QStringLiteral("r")},
                                                           {QStringLiteral("maxConnections"), QJsonValue()}})
                     .value()
                     .maxConnections);
        QCOMPARE(Api::NatsUserRule::fromJson(QJsonObject{{QStringLiteral("name"), QStringLiteral("r")}})
                     .value()
                     .nullLimits.size(),
                 3);
    }

    void agentColumnsFromTheCapture()
    {
        const Kind k = Kinds::agents();
        QCOMPARE(k.listPath, QStringLiteral("/iofog-list"));
        QCOMPARE(k.arrayKey, QStringLiteral("fogs"));
        QCOMPARE(k.rbacResource, QStringLiteral("fogs"));
        const QList<Row> rows = rowsOf(k, QStringLiteral("GET_iofog-list.json"));
        const Row *edge = find(rows, QStringLiteral("8b6c66bf-ef7f-405b-8e04-d6c7bdd088fc"));
        QVERIFY(edge);
        QCOMPARE(edge->name, QStringLiteral("edge-node-1"));
        QStringList texts;
        for (const Cell &c : edge->cells)
            texts << c.text;
        QCOMPARE(texts, (QStringList{u"edge-node-1"_qs, u"NOT_PROVISIONED"_qs, u"10.20.0.11"_qs, u"x86"_qs,
                                     u"docker"_qs, u"native"_qs, u"0.0%"_qs, u"0 MB"_qs, u"0 MB"_qs, QString(),
                                     u"never"_qs, u"edge"_qs, u"leaf"_qs}));
        QCOMPARE(edge->cells.at(0).tip, edge->key);
        QCOMPARE(edge->cells.at(1).tone, Tone::Warn);
        QCOMPARE(edge->cells.at(1).tip, QStringLiteral("HEALTHY"));
        QCOMPARE(edge->cells.at(2).tip, QStringLiteral("host 10.20.0.11, IP 0.0.0.0, external 0.0.0.0"));
        QCOMPARE(edge->cells.at(10).tip, QStringLiteral("The agent never reported."));

        // A running agent: figures sort as numbers, the status is good, the last report is a time.
        QJsonObject running = fixtureJson(QStringLiteral("GET_iofog-list.json")).toObject()
                                  .value(u"fogs").toArray().at(0).toObject();
        running.insert(u"daemonStatus", QStringLiteral("RUNNING"));
        running.insert(u"cpuUsage", 42.4);
        running.insert(u"memoryUsage", 1536.4);
        running.insert(u"host", QString());
        running.insert(u"ipAddressExternal", QStringLiteral("203.0.113.7"));
        running.insert(u"lastActive", double(QDateTime::currentMSecsSinceEpoch() - 120000));
        const Row r = *k.row(running);
        QCOMPARE(r.cells.at(1).tone, Tone::Ok);
        QCOMPARE(r.cells.at(2).text, QStringLiteral("203.0.113.7"));
        QCOMPARE(r.cells.at(6).text, QStringLiteral("42%"));
        QCOMPARE(r.cells.at(6).sortKey, std::optional<double>(42.4));
        QCOMPARE(r.cells.at(7).text, QStringLiteral("1536 MB"));
        QCOMPARE(r.cells.at(7).sortKey, std::optional<double>(1536.4));
        QCOMPARE(r.cells.at(10).text, QStringLiteral("2 min ago"));
        QVERIFY(r.cells.at(10).sortKey > edge->cells.at(10).sortKey);

        // Null and absent alike; a fog without uuid is left out.
        const QJsonObject bare{{QStringLiteral("uuid"), QStringLiteral("u1")}, {QStringLiteral("name"), QStringLiteral("n1")}};
        QJsonObject nulls = bare;
        for (const char16_t *f : {u"isSystem", u"daemonStatus", u"host", u"cpuUsage", u"memoryUsage", u"version",
                                  u"lastActive", u"fogTypeId", u"isReadyToUpgrade"})
            nulls.insert(QString::fromUtf16(f), QJsonValue::Null);
        const Row a = *k.row(bare);
        const Row b = *k.row(nulls);
        for (qsizetype i = 0; i < a.cells.size(); ++i) {
            QCOMPARE(b.cells.at(i).text, a.cells.at(i).text);
            QCOMPARE(b.cells.at(i).sortKey, a.cells.at(i).sortKey);
        }
        QVERIFY(!k.row(QJsonObject{{QStringLiteral("name"), QStringLiteral("no-uuid")}}));
        // Unnamed: messages name it by its uuid.
        QCOMPARE(k.row(QJsonObject{{QStringLiteral("uuid"), QStringLiteral("u2")}})->name, QStringLiteral("u2"));
    }

    void agentActionsSendTheFogRequests_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("verb");
        QTest::addColumn<int>("confirm");
        QTest::addColumn<QString>("done");
        QTest::newRow("reboot") << "reboot" << QByteArray("POST") << "/iofog/a%2Fb/reboot" << "patch"
                                << int(Confirm::Plain) << "Reboot of agent edge %1 requested.";
        QTest::newRow("prune") << "prune" << QByteArray("POST") << "/iofog/a%2Fb/prune" << "patch"
                               << int(Confirm::Plain) << "Prune of agent edge %1 requested.";
        QTest::newRow("upgrade") << "upgrade" << QByteArray("POST") << "/iofog/a%2Fb/version/upgrade" << "patch"
                                 << int(Confirm::Plain) << "Upgrade of agent edge %1 requested.";
        QTest::newRow("rollback") << "rollback" << QByteArray("POST") << "/iofog/a%2Fb/version/rollback"
                                  << "patch" << int(Confirm::Plain) << "Rollback of agent edge %1 requested.";
        QTest::newRow("delete") << "delete" << QByteArray("DELETE") << "/iofog/a%2Fb" << "delete"
                                << int(Confirm::TypedName) << "Agent edge %1 deleted.";
    }
    void agentActionsSendTheFogRequests()
    {
        QFETCH(QString, action);
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, verb);
        QFETCH(int, confirm);
        QFETCH(QString, done);
        const Kind k = Kinds::agents();
        const Action *a = k.action(action);
        QVERIFY(a);
        QCOMPARE(a->method, method);
        QCOMPARE(Kind::expand(a->path, QStringLiteral("a/b")), path);
        QCOMPARE(a->verb, verb);
        QCOMPARE(int(a->confirm), confirm);
        QCOMPARE(a->destructive, action == u"delete");
        QVERIFY(!a->body); // no JSON body, as the Controller's routes take none
        QCOMPARE(a->doneText.arg(QStringLiteral("edge %1")), done);
        QVERIFY(a->question.arg(QStringLiteral("edge-node-1")).contains(u"edge-node-1"));
    }

    void agentUpgradeAndRollbackSayWhyNot()
    {
        const Kind k = Kinds::agents();
        const QJsonObject edge = fixtureJson(QStringLiteral("GET_iofog-list.json")).toObject()
                                     .value(u"fogs").toArray().at(0).toObject();
        // edge-node-1: ready to upgrade, nothing to roll back to.
        QVERIFY(k.action(QStringLiteral("upgrade"))->refused(edge).isEmpty());
        const QString rollback = k.action(QStringLiteral("rollback"))->refused(edge);
        QVERIFY2(rollback.contains(u"isReadyToRollback"), qPrintable(rollback));
        QJsonObject notReady = edge;
        notReady.insert(u"isReadyToUpgrade", QJsonValue::Null);
        notReady.insert(u"isReadyToRollback", true);
        const QString upgrade = k.action(QStringLiteral("upgrade"))->refused(notReady);
        QVERIFY2(upgrade.contains(u"isReadyToUpgrade"), qPrintable(upgrade));
        QVERIFY(k.action(QStringLiteral("rollback"))->refused(notReady).isEmpty());
        notReady.remove(u"isReadyToUpgrade");
        QCOMPARE(k.action(QStringLiteral("upgrade"))->refused(notReady), upgrade);
        // Reboot, prune and delete depend on RBAC and read-only only.
        for (const char16_t *id : {u"reboot", u"prune", u"delete"})
            QVERIFY(!k.action(QString::fromUtf16(id))->refused);
    }

    void agentDetailGroupsFromTheCapture()
    {
        const Kind k = Kinds::agents();
        const QJsonObject edge = fixtureJson(QStringLiteral("GET_iofog-list.json")).toObject()
                                     .value(u"fogs").toArray().at(0).toObject();
        QCOMPARE(k.details(edge), Kinds::agentDetails(edge, QDateTime::currentMSecsSinceEpoch()));
        QStringList groups;
        for (const DetailRow &r : k.details(edge)) {
            if (!groups.contains(r.group))
                groups << r.group;
        }
        QCOMPARE(groups, (QStringList{u"Identity"_qs, u"Health"_qs, u"Resources and violations"_qs,
                                      u"Security"_qs, u"Agent config"_qs, u"Router"_qs, u"NATS"_qs,
                                      u"Volume mounts"_qs, u"Tags"_qs, u"GPS"_qs}));
    }

    void routerIsOneObject()
    {
        const Kind k = Kinds::router();
        QVERIFY(k.single);
        const QJsonObject answer = fixtureJson(QStringLiteral("GET_router.json")).toObject();
        QVERIFY(k.row(answer));
        const QList<DetailRow> rows = k.details(answer);
        QCOMPARE(rows.value(0).value, QStringLiteral("10.20.0.2"));
        QCOMPARE(rows.value(2).value, QStringLiteral("45671"));
    }

    void objectsWithoutIdentityAreLeftOut()
    {
        const Registry registry;
        for (const Kind &k : registry.kinds())
            QVERIFY2(!k.row(QJsonObject{{QStringLiteral("foo"), 1}}), qPrintable(k.id));
    }

    void pathsKeepNamesInOneSegment()
    {
        QCOMPARE(Kind::expand(QStringLiteral("/secrets/{key}"), QStringLiteral("a/b c")),
                 QStringLiteral("/secrets/a%2Fb%20c"));
        const QJsonObject edge{{QStringLiteral("name"), QStringLiteral("sensor")},
                               {QStringLiteral("version"), QStringLiteral("1.0.0")}};
        QCOMPARE(Kind::expand(QStringLiteral("/edgeResource/{name}/{version}"), QStringLiteral("sensor/1.0.0"), edge),
                 QStringLiteral("/edgeResource/sensor/1.0.0"));
        QCOMPARE(Kind::expand(QStringLiteral("/registries/{id}"), {}, QJsonObject{{QStringLiteral("id"), 3}}),
                 QStringLiteral("/registries/3"));
    }

    void systemObjectsAreNotDeletedOrEdited()
    {
        const Kind secrets = Kinds::secrets();
        const QJsonObject seed{{QStringLiteral("name"), QStringLiteral("nats-operator-seed")}};
        const QJsonObject mine{{QStringLiteral("name"), QStringLiteral("fixture-opaque")}};
        QVERIFY(!secrets.action(QStringLiteral("delete"))->refused(seed).isEmpty());
        QVERIFY(secrets.action(QStringLiteral("delete"))->refused(mine).isEmpty());
        QVERIFY(!secrets.yaml->editRefused(seed).isEmpty());
        const Kind registries = Kinds::registries();
        QVERIFY(!registries.action(QStringLiteral("delete"))->refused(QJsonObject{{QStringLiteral("id"), 2}}).isEmpty());
        QVERIFY(registries.action(QStringLiteral("delete"))->refused(QJsonObject{{QStringLiteral("id"), 3}}).isEmpty());
        const Kind catalog = Kinds::catalogItems();
        QVERIFY(!catalog.action(QStringLiteral("delete"))->refused(
            fixtureJson(QStringLiteral("GET_catalog_microservices_ID__hal.json")).toObject()).isEmpty());
    }

    void secretsGoToTheJsonRoutesWithType()
    {
        // POST /secrets/yaml needs spec.type and PATCH /secrets/yaml/{name} always fails (§9).
        const Kind k = Kinds::secrets();
        const QJsonObject doc = yamlDoc(QStringLiteral("Secret"), QStringLiteral("s1"),
                                        {{QStringLiteral("type"), QStringLiteral("Opaque")},
                                         {QStringLiteral("data"), QJsonObject{{QStringLiteral("a"), QStringLiteral("b")}}}});
        QVERIFY(k.yaml->check(doc, {}).isEmpty());
        const Net::ApiRequest create = k.yaml->create(doc);
        QCOMPARE(create.method, QByteArray("POST"));
        QCOMPARE(create.path, QStringLiteral("/secrets"));
        QCOMPARE(QJsonDocument::fromJson(create.body).object().value(u"name").toString(), QStringLiteral("s1"));
        const Net::ApiRequest update = k.yaml->update(QStringLiteral("s1"), {}, doc);
        QCOMPARE(update.method, QByteArray("PATCH"));
        QCOMPARE(update.path, QStringLiteral("/secrets/s1"));
        QCOMPARE(QJsonDocument::fromJson(update.body).object().value(u"type").toString(), QStringLiteral("Opaque"));
    }

    void secretChecks()
    {
        const Kind k = Kinds::secrets();
        auto doc = [](const QString &type, const QString &value) {
            return yamlDoc(QStringLiteral("Secret"), QStringLiteral("s"),
                           {{QStringLiteral("type"), type},
                            {QStringLiteral("data"), QJsonObject{{QStringLiteral("tls.crt"), value}}}});
        };
        QVERIFY(!k.yaml->check(doc(QStringLiteral("tls"), QStringLiteral("-----BEGIN")), {}).isEmpty());
        QVERIFY(k.yaml->check(doc(QStringLiteral("tls"), QStringLiteral("LS0tLS1CRUdJTg==")), {}).isEmpty());
        QVERIFY(!k.yaml->check(doc(QStringLiteral("Other"), QStringLiteral("x")), {}).isEmpty());
        const QJsonObject existing{{QStringLiteral("type"), QStringLiteral("Opaque")}};
        QVERIFY(k.yaml->check(doc(QStringLiteral("tls"), QStringLiteral("LS0tLS1CRUdJTg==")), existing)
                    .contains(u"cannot change"));
    }

    void tlsValuesAreDecodedAndSensitive()
    {
        const Kind k = Kinds::secrets();
        const QJsonObject answer =
            fixtureJson(QStringLiteral("GET_secrets_NAME__foo-dashboard-tls.json")).toObject();
        const QList<DetailRow> rows = k.details(answer);
        bool sawCert = false;
        for (const DetailRow &r : rows) {
            if (r.group == u"Data") {
                QVERIFY(r.sensitive);
                if (r.label == u"tls.crt") {
                    sawCert = true;
                    QVERIFY2(r.value.startsWith(u"-----BEGIN CERTIFICATE-----"), qPrintable(r.value.left(40)));
                }
            }
        }
        QVERIFY(sawCert);
    }

    void configMapChecks()
    {
        const Kind k = Kinds::configMaps();
        const QJsonObject ok = yamlDoc(QStringLiteral("ConfigMap"), QStringLiteral("c"),
                                       {{QStringLiteral("data"), QJsonObject{{QStringLiteral("a"), QStringLiteral("b")}}}});
        QVERIFY(k.yaml->check(ok, {}).isEmpty());
        QVERIFY(!k.yaml->check(yamlDoc(QStringLiteral("ConfigMap"), QStringLiteral("c"), {}), {}).isEmpty());
        const QJsonObject frozen = fixtureJson(QStringLiteral("GET_configmaps_NAME__fixture-frozen.json")).toObject();
        QVERIFY(!k.yaml->editRefused(frozen).isEmpty());
        QVERIFY(!k.yaml->check(ok, frozen).isEmpty());
        // The edited document keeps immutable: a PATCH without it is a 500 in 3.7.3.
        const QJsonObject doc = k.yaml->document(
            fixtureJson(QStringLiteral("GET_configmaps_NAME__fixture-config.json")).toObject());
        QVERIFY(doc.value(u"spec").toObject().contains(u"immutable"));
        QCOMPARE(doc.value(u"metadata").toObject().value(u"name").toString(), QStringLiteral("fixture-config"));
    }

    void volumeMountChecks()
    {
        const Kind k = Kinds::volumeMounts();
        auto doc = [](const QString &name, const QJsonObject &spec) {
            QJsonObject d = yamlDoc(QStringLiteral("VolumeMount"), name, {});
            d.insert(QStringLiteral("spec"), spec);
            return d;
        };
        const QJsonObject onConfig{{QStringLiteral("configMapName"), QStringLiteral("c")}};
        QVERIFY(k.yaml->check(doc(QStringLiteral("m-1"), onConfig), {}).isEmpty());
        QVERIFY(!k.yaml->check(doc(QStringLiteral("M_1"), onConfig), {}).isEmpty());
        QVERIFY(!k.yaml->check(doc(QStringLiteral("m"), {}), {}).isEmpty());
        QVERIFY(!k.yaml->check(doc(QStringLiteral("m"), {{QStringLiteral("configMapName"), QStringLiteral("c")},
                                                         {QStringLiteral("secretName"), QStringLiteral("s")}}), {}).isEmpty());
        // Moving a secret mount to a config map through YAML keeps the secret in 3.7.3 (§9).
        const QJsonObject onSecret = fixtureJson(QStringLiteral("GET_volumeMounts_NAME__fixture-secret-mount.json")).toObject();
        QVERIFY(k.yaml->check(doc(QStringLiteral("fixture-secret-mount"), onConfig), onSecret).contains(u"Delete this mount"));
        const Action *link = k.action(QStringLiteral("link"));
        QVERIFY(link && link->input == Input::Agent);
        QCOMPARE(link->body({}, QStringLiteral("u1")).value(u"fogUuids").toArray(), QJsonArray{QStringLiteral("u1")});
        QCOMPARE(k.action(QStringLiteral("unlink"))->method, QByteArray("DELETE"));
    }

    void serviceAndEdgeResourceChecks()
    {
        const Kind services = Kinds::services();
        QJsonObject doc = yamlDoc(QStringLiteral("Service"), QStringLiteral("s"), {});
        doc.insert(QStringLiteral("spec"), QJsonObject{{QStringLiteral("type"), QStringLiteral("external")},
                                                       {QStringLiteral("targetPort"), 80}});
        QVERIFY(services.yaml->check(doc, {}).contains(u"resource"));
        const Kind edge = Kinds::edgeResources();
        const QJsonObject request = fixtureJson(QStringLiteral("POST_edgeResource__fixture-sensor_500.request.json")).toObject();
        QVERIFY(edge.yaml->check(QJsonObject{{QStringLiteral("kind"), QStringLiteral("EdgeResource")},
                                             {QStringLiteral("spec"), request}}, {})
                    .contains(u"responseType"));
        const QJsonObject minimal = fixtureJson(QStringLiteral("POST_edgeResource__fixture-sensor_minimal.request.json")).toObject();
        const QJsonObject edgeDoc{{QStringLiteral("kind"), QStringLiteral("EdgeResource")}, {QStringLiteral("spec"), minimal}};
        QVERIFY(edge.yaml->check(edgeDoc, {}).isEmpty());
        const Net::ApiRequest create = edge.yaml->create(edgeDoc);
        QCOMPARE(create.path, QStringLiteral("/edgeResource"));
        QCOMPARE(QJsonDocument::fromJson(create.body).object(), minimal);
        const Net::ApiRequest update = edge.yaml->update(QStringLiteral("fixture-sensor/1.0.0"), minimal, edgeDoc);
        QCOMPARE(update.method, QByteArray("PUT"));
        QCOMPARE(update.path, QStringLiteral("/edgeResource/fixture-sensor/1.0.0"));
    }

    void accessRecordsTakeNullAndAbsentAlike()
    {
        // A service account without applicationName (older answers) is named by application.name;
        // null and absent fields read as empty.
        const QJsonObject older{{QStringLiteral("name"), QStringLiteral("sa")},
                                {QStringLiteral("application"), QJsonObject{{QStringLiteral("name"), QStringLiteral("app")}}},
                                {QStringLiteral("microserviceUuid"), QJsonValue::Null},
                                {QStringLiteral("microservice_uuid"), QStringLiteral("u-1")},
                                {QStringLiteral("roleRef"), QJsonValue::Null}};
        const Result<Rbac::ServiceAccount> a = Rbac::ServiceAccount::fromJson(older);
        QVERIFY_RESULT(a);
        QCOMPARE(a->key(), QStringLiteral("app/sa"));
        QCOMPARE(a->label(), QStringLiteral("sa"));
        QCOMPARE(a->microserviceUuid, QStringLiteral("u-1"));
        QCOMPARE(a->roleName, QString());
        QVERIFY(!Rbac::ServiceAccount::fromJson({{QStringLiteral("name"), QJsonValue::Null}}));
        const Result<Rbac::RoleBinding> b = Rbac::RoleBinding::fromJson(
            {{QStringLiteral("name"), QStringLiteral("b")}, {QStringLiteral("subjects"), QJsonValue::Null}});
        QVERIFY_RESULT(b);
        QVERIFY(b->subjects.isEmpty());
        // Without applicationName it cannot be addressed: refused with the reason, not sent to "//".
        const Kind k = Kinds::serviceAccounts();
        QVERIFY(k.action(QStringLiteral("delete"))->refused(older).contains(u"which application"));
        QVERIFY(k.yaml->editRefused(older).contains(u"which application"));
    }

    void builtInRolesAreNeitherChangedNorDeleted()
    {
        const Kind k = Kinds::roles();
        const Action *del = k.action(QStringLiteral("delete"));
        QVERIFY(del && del->confirm == Confirm::TypedName && del->destructive);
        QCOMPARE(del->refused({{QStringLiteral("name"), QStringLiteral("admin")}}),
                 QStringLiteral("admin is a built-in role: the Controller does not allow deleting it."));
        QCOMPARE(k.yaml->editRefused({{QStringLiteral("name"), QStringLiteral("sre")}}),
                 QStringLiteral("sre is a built-in role: the Controller does not allow changing it."));
        // Reserved in any case, as the Controller compares them.
        QVERIFY(!del->refused({{QStringLiteral("name"), QStringLiteral("Viewer")}}).isEmpty());
        QCOMPARE(del->refused({{QStringLiteral("name"), QStringLiteral("nats-operator")}}), QString());
        QCOMPARE(k.yaml->editRefused({{QStringLiteral("name"), QStringLiteral("nats-operator")}}), QString());
        // Bindings and service accounts have no built-in ones.
        const Kind bindings = Kinds::roleBindings();
        QVERIFY(!bindings.action(QStringLiteral("delete"))->refused);
    }

    void accessManifestsAreTheRbacOnes()
    {
        // Today's endpoints, methods and multipart field names (controller-api.md §4.5).
        const Kind roles = Kinds::roles();
        const Kind bindings = Kinds::roleBindings();
        const Kind accounts = Kinds::serviceAccounts();
        QCOMPARE(roles.yaml->field, QByteArray("role"));
        QCOMPARE(bindings.yaml->field, QByteArray("rolebinding"));
        QCOMPARE(accounts.yaml->field, QByteArray("serviceaccount"));
        QCOMPARE(roles.yaml->createPath, QStringLiteral("/roles/yaml"));
        QCOMPARE(bindings.yaml->createPath, QStringLiteral("/rolebindings/yaml"));
        QCOMPARE(accounts.yaml->createPath, QStringLiteral("/serviceaccounts/yaml"));
        for (const Kind *k : {&roles, &bindings, &accounts})
            QCOMPARE(k->yaml->updateMethod, QByteArray("PATCH"));
        const QJsonObject account = fixtureJson(QStringLiteral("GET_serviceaccounts__initial.json"))
                                        .toObject().value(u"serviceAccounts").toArray().at(0).toObject();
        QCOMPARE(Kind::expand(accounts.yaml->updatePath, QStringLiteral("foo-producer/temp-sensor"), account),
                 QStringLiteral("/serviceaccounts/yaml/foo-producer/temp-sensor"));
        QCOMPARE(Kind::expand(accounts.action(QStringLiteral("delete"))->path, {}, account),
                 QStringLiteral("/serviceaccounts/foo-producer/temp-sensor"));
        QCOMPARE(Kind::expand(roles.yaml->updatePath, QStringLiteral("cert-viewer")),
                 QStringLiteral("/roles/yaml/cert-viewer"));

        // The text is written and read by core/rbac: flow lists, positions in errors, warnings.
        const QJsonObject role = fixtureJson(QStringLiteral("GET_roles_NAME__nats-operator.json"))
                                     .toObject().value(u"role").toObject();
        QCOMPARE(roles.yaml->write(role), Rbac::toYaml(Rbac::Kind::Role, role));
        QCOMPARE(roles.yaml->example, Rbac::templateYaml(Rbac::Kind::Role));
        const Result<QStringList> bad =
            roles.yaml->read(Test::fixture(QStringLiteral("POST_roles_yaml__malformed-yaml_400.request.yaml")));
        QVERIFY(!bad);
        QVERIFY2(bad.error().message.startsWith(u"Line 7, column 5: "), qPrintable(bad.error().message));
        const Result<QStringList> wrongKind =
            roles.yaml->read(Test::fixture(QStringLiteral("POST_roles_yaml__wrong-kind_400.request.yaml")));
        QVERIFY(!wrongKind);
        QVERIFY(wrongKind.error().message.contains(u"but this editor saves a Role"));
        const Result<QStringList> good =
            bindings.yaml->read(Test::fixture(QStringLiteral("POST_rolebindings_yaml__cert-viewers.request.yaml")));
        QVERIFY_RESULT(good);
        QVERIFY(good->isEmpty());
        const Result<QStringList> capitals = bindings.yaml->read(
            "kind: RoleBinding\nmetadata:\n  name: b\nroleRef: {kind: Role, name: viewer}\n"
            "subjects:\n  - {kind: Group, name: Ops}\n");
        QVERIFY_RESULT(capitals);
        QCOMPARE(capitals->size(), 1);
    }

    void accessDetailsNameTheOtherLists()
    {
        const QJsonArray bindingList = fixtureJson(QStringLiteral("GET_rolebindings.json")).toObject()
                                           .value(u"bindings").toArray();
        const QJsonArray roleList = fixtureJson(QStringLiteral("GET_roles.json")).toObject()
                                        .value(u"roles").toArray();
        const Related related = [&](const QString &id) {
            QList<QJsonObject> out;
            for (const QJsonValue &v : id == u"roleBindings" ? bindingList : id == u"roles" ? roleList : QJsonArray())
                out << v.toObject();
            return out;
        };
        auto value = [](const QList<DetailRow> &rows, const QString &label) -> const DetailRow * {
            for (const DetailRow &r : rows) {
                if (r.label == label)
                    return &r;
            }
            return nullptr;
        };
        const QJsonObject role = fixtureJson(QStringLiteral("GET_roles_NAME__nats-operator.json"))
                                     .toObject().value(u"role").toObject();
        const QList<DetailRow> roleRows = Kinds::roles().relatedDetails(role, related);
        QCOMPARE(value(roleRows, QStringLiteral("Bound by"))->value, QStringLiteral("nats-operators"));
        QCOMPARE(value(roleRows, QStringLiteral("Rule 3"))->value,
                 QStringLiteral("applications × get, list × foo-producer, foo-consumer"));
        QCOMPARE(value(roleRows, QStringLiteral("Created"))->value, QStringLiteral("2026-11-22 23:22:10 UTC"));
        // GET /roles without the custom roles: the binding grants nothing, and says so.
        const QList<DetailRow> bindingRows = Kinds::roleBindings().relatedDetails(bindingList.at(1).toObject(), related);
        const DetailRow *roleRow = value(bindingRows, QStringLiteral("Role"));
        QCOMPARE(roleRow->value, QStringLiteral("cert-viewer (does not exist)"));
        QVERIFY(roleRow->warning);
        // A built-in role always exists, listed or not.
        QJsonObject toViewer = bindingList.at(1).toObject();
        toViewer.insert(QStringLiteral("roleRef"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("Role")},
                                                               {QStringLiteral("name"), QStringLiteral("viewer")}});
        QCOMPARE(value(Kinds::roleBindings().relatedDetails(toViewer, [](const QString &) {
                           return QList<QJsonObject>();
                       }), QStringLiteral("Role"))->value,
                 QStringLiteral("viewer"));
    }

    void registryDocumentsNeverCarryThePassword()
    {
        const Kind k = Kinds::registries();
        const QJsonObject listed = fixtureJson(QStringLiteral("GET_registries__after-create.json"))
                                       .toObject().value(u"registries").toArray().at(2).toObject();
        const QJsonObject doc = k.yaml->document(listed);
        QCOMPARE(doc.value(u"spec").toObject().value(u"password").toString(), QString());
        QCOMPARE(doc.value(u"spec").toObject().value(u"email").toString(), QStringLiteral("bot@example.com"));
        QVERIFY(!k.readWarning.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstResourceKinds)
#include "tst_resourcekinds.moc"
