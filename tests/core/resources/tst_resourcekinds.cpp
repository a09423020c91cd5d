#include "core/api/records.h"
#include "core/resources/kinds/kinds.h"
#include "core/resources/registry.h"
#include "testutil.h"

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
                                   u"applicationTemplates", u"router", u"natsAccounts", u"natsUsers",
                                   u"natsAccountRules", u"natsUserRules"})
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
