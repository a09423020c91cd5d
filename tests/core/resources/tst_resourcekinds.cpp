#include "core/rbac/rbac.h"
#include "core/rbac/rbacyaml.h"
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
                                   u"applicationTemplates", u"router", u"roles", u"roleBindings",
                                   u"serviceAccounts"})
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
