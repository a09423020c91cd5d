#include "core/net/apireply.h"
#include "standincontroller.h"
#include "testutil.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QTest>

#include <memory>

using namespace Pot;
using Test::StandInController;

namespace {

struct Answer
{
    bool finished = false;
    int status = 0;
    QByteArray body;
    QJsonValue json() const
    {
        const QJsonDocument d = QJsonDocument::fromJson(body);
        return d.isArray() ? QJsonValue(d.array()) : QJsonValue(d.object());
    }
};

QJsonValue fixtureJson(const QString &name)
{
    const QJsonDocument d = QJsonDocument::fromJson(Test::fixture(name));
    return d.isArray() ? QJsonValue(d.array()) : QJsonValue(d.object());
}

QSet<QString> keySet(const QJsonObject &o)
{
    const QStringList keys = o.keys();
    return QSet<QString>(keys.begin(), keys.end());
}

QJsonObject without(QJsonObject o, const QStringList &keys)
{
    for (const QString &k : keys)
        o.remove(k);
    return o;
}

/// Drives the stand-in over real HTTP (QNetworkAccessManager on loopback).
class Client
{
public:
    explicit Client(StandInController &server)
        : m_server(server),
          m_token(server.issueAccessToken(QStringLiteral("admin@example.com"), {QStringLiteral("Admin")}, 600))
    {}

    void setToken(const QByteArray &token) { m_token = token; }

    /// Sends and waits up to `waitMs`; a request still unanswered then is aborted (finished false).
    Answer call(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {},
                const QByteArray &contentType = QByteArrayLiteral("application/json"), int waitMs = 5000)
    {
        QNetworkRequest req(QUrl(m_server.address() + QStringLiteral("/api/v3") + pathAndQuery));
        if (!m_token.isEmpty())
            req.setRawHeader("Authorization", "Bearer " + m_token);
        if (!body.isEmpty())
            req.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        std::unique_ptr<QNetworkReply> reply(m_nam.sendCustomRequest(req, method, body));
        Answer a;
        a.finished = QTest::qWaitFor([&] { return reply->isFinished(); }, waitMs);
        if (!a.finished) {
            reply->abort();
            return a;
        }
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.body = reply->readAll();
        return a;
    }
    Answer send(const QByteArray &method, const QString &path, const QString &requestFixture)
    {
        return call(method, path, Test::fixture(requestFixture));
    }
    Answer upload(const QByteArray &method, const QString &path, const QByteArray &field,
                  const QString &yamlFixture)
    {
        const Net::ApiRequest r = Net::ApiRequest::multipartFile(method, path, field, "upload.yaml",
                                                                 Test::fixture(yamlFixture));
        return call(method, path, r.body, r.contentType);
    }

private:
    StandInController &m_server;
    QByteArray m_token;
    QNetworkAccessManager m_nam;
};

} // namespace

// Fails the test unless the answer has `status` and a body equal (as JSON) to the captured one.
#define QCOMPARE_ANSWER(answer, wantStatus, fixtureName)                                           \
    do {                                                                                           \
        const Answer a_ = (answer);                                                                \
        QVERIFY2(a_.finished, "no answer");                                                        \
        QCOMPARE(a_.status, wantStatus);                                                           \
        QCOMPARE(a_.json(), fixtureJson(QStringLiteral(fixtureName)));                             \
    } while (false)

/// The stand-in Controller's stateful resource routes replay the third 3.7.3 run, quirks included:
/// each sequence below is the order of the captured rows, and every answer is compared with the
/// real one.
class TstStandInResources : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void secretsReplayTheCapture()
    {
        StandInController server;
        QVERIFY(server.listen());
        Client c(server);
        const Answer list = c.call("GET", QStringLiteral("/secrets"));
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json(), fixtureJson(QStringLiteral("GET_secrets.json"))); // names and types only
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/secrets/nats-account-seed-nats-test")), 200,
                        "GET_secrets_NAME__nats-account-seed-nats-test.json");
        QCOMPARE_ANSWER(c.send("POST", QStringLiteral("/secrets"), QStringLiteral("POST_secrets__fixture-opaque.request.json")),
                        201, "POST_secrets__fixture-opaque.json");
        QCOMPARE_ANSWER(c.send("POST", QStringLiteral("/secrets"), QStringLiteral("POST_secrets__fixture-tls.request.json")),
                        201, "POST_secrets__fixture-tls.json");
        QCOMPARE_ANSWER(c.upload("POST", QStringLiteral("/secrets/yaml"), "secret",
                                 QStringLiteral("POST_secrets_yaml__fixture-yaml-secret.request.yaml")),
                        201, "POST_secrets_yaml__fixture-yaml-secret.json");
        QCOMPARE_ANSWER(c.upload("POST", QStringLiteral("/secrets/yaml"), "secret",
                                 QStringLiteral("POST_secrets_yaml__no-spec_400.request.yaml")),
                        400, "POST_secrets_yaml__no-spec_400.json");
        // The YAML must come as the field `secret`.
        QCOMPARE(c.upload("POST", QStringLiteral("/secrets/yaml"), "file",
                          QStringLiteral("POST_secrets_yaml__fixture-yaml-secret.request.yaml")).status, 500);
        QCOMPARE_ANSWER(c.send("PATCH", QStringLiteral("/secrets/fixture-opaque"),
                               QStringLiteral("PATCH_secrets_NAME__fixture-opaque.request.json")),
                        200, "PATCH_secrets_NAME__fixture-opaque.json");
        QCOMPARE_ANSWER(c.send("PATCH", QStringLiteral("/secrets/fixture-opaque"),
                               QStringLiteral("PATCH_secrets_NAME__no-type_400.request.json")),
                        400, "PATCH_secrets_NAME__no-type_400.json");
        QCOMPARE_ANSWER(c.upload("PATCH", QStringLiteral("/secrets/yaml/fixture-yaml-secret"), "secret",
                                 QStringLiteral("PATCH_secrets_yaml_NAME__fixture-yaml-secret_400.request.yaml")),
                        400, "PATCH_secrets_yaml_NAME__fixture-yaml-secret_400.json");
        // Data replaced wholesale by the good PATCH, untouched by the refused one.
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/secrets/fixture-opaque")), 200,
                        "GET_secrets_NAME__fixture-opaque.json");
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/secrets/fixture-tls")), 200, "GET_secrets_NAME__fixture-tls.json");
        QCOMPARE_ANSWER(c.send("POST", QStringLiteral("/secrets"), QStringLiteral("POST_secrets__duplicate_500.request.json")),
                        500, "POST_secrets__duplicate_500.json");
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/secrets/no-such-secret")), 404, "GET_secrets_NAME__missing_404.json");
        QCOMPARE_ANSWER(c.call("DELETE", QStringLiteral("/secrets/fixture-yaml-secret")), 200,
                        "DELETE_secrets_NAME__fixture-yaml-secret.json");
        const Answer gone = c.call("GET", QStringLiteral("/secrets/fixture-yaml-secret"));
        QCOMPARE(gone.status, 404);
        QCOMPARE(gone.json()[u"message"].toString(), QStringLiteral("Secret with name \"fixture-yaml-secret\" not found"));
        // The accessor shows the same store.
        int found = 0;
        for (const QJsonObject &s : server.resources(QStringLiteral("secrets")))
            found += s.value(u"name").toString() == u"fixture-tls" ? 1 : 0;
        QCOMPARE(found, 1);
        QCOMPARE(server.resources(QStringLiteral("secrets")).size(), 49);

        // Viewer reads every value but may not write; no token: 401.
        c.setToken(server.issueAccessToken(QStringLiteral("viewer@example.com"), {QStringLiteral("Viewer")}, 600));
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/secrets/fixture-opaque")), 200,
                        "GET_secrets_NAME__fixture-opaque_viewer-token.json");
        QCOMPARE_ANSWER(c.call("DELETE", QStringLiteral("/secrets/fixture-opaque")), 403, "PUT_config__viewer-token_403.json");
        c.setToken({});
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/secrets")), 401, "GET_nats_operator__no-token_401.json");
    }

    void configMapsReplayTheCapture()
    {
        StandInController server;
        QVERIFY(server.listen());
        Client c(server);
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/configmaps")), 200, "GET_configmaps.json");
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/configmaps/nats-server-conf-edge-node-1")), 200,
                        "GET_configmaps_NAME__nats-server-conf-edge-node-1.json");
        QCOMPARE_ANSWER(c.send("POST", QStringLiteral("/configmaps"), QStringLiteral("POST_configmaps__fixture-config.request.json")),
                        201, "POST_configmaps__fixture-config.json");
        QCOMPARE_ANSWER(c.send("POST", QStringLiteral("/configmaps"), QStringLiteral("POST_configmaps__fixture-frozen.request.json")),
                        201, "POST_configmaps__fixture-frozen.json");
        QCOMPARE_ANSWER(c.upload("POST", QStringLiteral("/configmaps/yaml"), "configMap",
                                 QStringLiteral("POST_configmaps_yaml__fixture-yaml-config.request.yaml")),
                        201, "POST_configmaps_yaml__fixture-yaml-config.json");
        // Only data, as documented: 500, nothing changed.
        QCOMPARE_ANSWER(c.send("PATCH", QStringLiteral("/configmaps/fixture-config"),
                               QStringLiteral("PATCH_configmaps_NAME__fixture-config_500.request.json")),
                        500, "PATCH_configmaps_NAME__fixture-config_500.json");
        QCOMPARE_ANSWER(c.upload("PATCH", QStringLiteral("/configmaps/yaml/fixture-yaml-config"), "configMap",
                                 QStringLiteral("PATCH_configmaps_yaml_NAME__fixture-yaml-config.request.yaml")),
                        200, "PATCH_configmaps_yaml_NAME__fixture-yaml-config.json");
        QCOMPARE_ANSWER(c.send("PATCH", QStringLiteral("/configmaps/fixture-frozen"),
                               QStringLiteral("PATCH_configmaps_NAME__immutable_400.request.json")),
                        400, "PATCH_configmaps_NAME__immutable_400.json");
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/configmaps/fixture-config")), 200, "GET_configmaps_NAME__fixture-config.json");
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/configmaps/fixture-frozen")), 200, "GET_configmaps_NAME__fixture-frozen.json");
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/configmaps/fixture-yaml-config")), 200,
                        "GET_configmaps_NAME__fixture-yaml-config.json");
        QCOMPARE_ANSWER(c.send("POST", QStringLiteral("/configmaps"), QStringLiteral("POST_configmaps__duplicate_500.request.json")),
                        500, "POST_configmaps__duplicate_500.json");
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/configmaps/no-such-config")), 404, "GET_configmaps_NAME__missing_404.json");
        QCOMPARE_ANSWER(c.call("DELETE", QStringLiteral("/configmaps/fixture-yaml-config")), 200,
                        "DELETE_configmaps_NAME__fixture-yaml-config.json");
        QCOMPARE_ANSWER(c.send("PATCH", QStringLiteral("/configmaps/fixture-config"),
                               QStringLiteral("PATCH_configmaps_NAME__fixture-config_with-immutable.request.json")),
                        200, "PATCH_configmaps_NAME__fixture-config_with-immutable.json");
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/configmaps/fixture-config")), 200,
                        "GET_configmaps_NAME__fixture-config_after-patch.json");
    }

    void volumeMountsReplayTheCapture()
    {
        StandInController server;
        QVERIFY(server.listen());
        Client c(server);
        const Answer list = c.call("GET", QStringLiteral("/volumeMounts"));
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json(), fixtureJson(QStringLiteral("GET_volumeMounts.json"))); // bare array
        const QStringList volatileKeys{QStringLiteral("uuid"), QStringLiteral("updatedAt"), QStringLiteral("createdAt")};
        for (const auto &[request, captured] :
             {std::pair{QStringLiteral("POST_volumeMounts__fixture-secret-mount.request.json"),
                        QStringLiteral("POST_volumeMounts__fixture-secret-mount.json")},
              std::pair{QStringLiteral("POST_volumeMounts__fixture-config-mount.request.json"),
                        QStringLiteral("POST_volumeMounts__fixture-config-mount.json")}}) {
            const Answer a = c.send("POST", QStringLiteral("/volumeMounts"), request);
            QCOMPARE(a.status, 200);
            QCOMPARE(keySet(a.json().toObject()), keySet(fixtureJson(captured).toObject())); // the raw row
            QCOMPARE(without(a.json().toObject(), volatileKeys), without(fixtureJson(captured).toObject(), volatileKeys));
        }
        const Answer yaml = c.upload("POST", QStringLiteral("/volumeMounts/yaml"), "volumeMount",
                                     QStringLiteral("POST_volumeMounts_yaml__fixture-yaml-mount.request.yaml"));
        QCOMPARE(yaml.status, 200);
        QCOMPARE(without(yaml.json().toObject(), volatileKeys),
                 without(fixtureJson(QStringLiteral("POST_volumeMounts_yaml__fixture-yaml-mount.json")).toObject(), volatileKeys));
        const Answer one = c.call("GET", QStringLiteral("/volumeMounts/fixture-secret-mount"));
        QCOMPARE(without(one.json().toObject(), volatileKeys),
                 without(fixtureJson(QStringLiteral("GET_volumeMounts_NAME__fixture-secret-mount.json")).toObject(), volatileKeys));
        const Answer patched = c.send("PATCH", QStringLiteral("/volumeMounts/fixture-config-mount"),
                                      QStringLiteral("PATCH_volumeMounts_NAME__fixture-config-mount.request.json"));
        QCOMPARE(patched.status, 200);
        QCOMPARE(without(patched.json().toObject(), volatileKeys),
                 without(fixtureJson(QStringLiteral("PATCH_volumeMounts_NAME__fixture-config-mount.json")).toObject(), volatileKeys));
        // YAML move from a secret to a config map keeps the secret: both names set, version 2.
        const Answer moved = c.upload("PATCH", QStringLiteral("/volumeMounts/yaml/fixture-yaml-mount"), "volumeMount",
                                      QStringLiteral("PATCH_volumeMounts_yaml_NAME__fixture-yaml-mount.request.yaml"));
        QCOMPARE(moved.status, 200);
        QCOMPARE(without(moved.json().toObject(), volatileKeys),
                 without(fixtureJson(QStringLiteral("PATCH_volumeMounts_yaml_NAME__fixture-yaml-mount.json")).toObject(), volatileKeys));

        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/volumeMounts/fixture-secret-mount/link")), 200,
                        "GET_volumeMounts_NAME_link__fixture-secret-mount_before.json");
        const Answer linked = c.send("POST", QStringLiteral("/volumeMounts/fixture-secret-mount/link"),
                                     QStringLiteral("POST_volumeMounts_NAME_link__fixture-secret-mount.request.json"));
        QCOMPARE(linked.status, 200);
        QCOMPARE(without(linked.json().toObject(), volatileKeys),
                 without(fixtureJson(QStringLiteral("POST_volumeMounts_NAME_link__fixture-secret-mount.json")).toObject(), volatileKeys));
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/volumeMounts/fixture-secret-mount/link")), 200,
                        "GET_volumeMounts_NAME_link__fixture-secret-mount.json");
        QCOMPARE_ANSWER(c.send("DELETE", QStringLiteral("/volumeMounts/fixture-secret-mount/link"),
                               QStringLiteral("DELETE_volumeMounts_NAME_link__fixture-secret-mount.request.json")),
                        200, "DELETE_volumeMounts_NAME_link__fixture-secret-mount.json");
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/volumeMounts/fixture-secret-mount/link")), 200,
                        "GET_volumeMounts_NAME_link__fixture-secret-mount_after-unlink.json");
        QCOMPARE_ANSWER(c.call("DELETE", QStringLiteral("/volumeMounts/fixture-yaml-mount")), 202,
                        "DELETE_volumeMounts_NAME__fixture-yaml-mount.json");
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/volumeMounts/fixture-yaml-mount")), 404,
                        "GET_volumeMounts_NAME__missing_404.json");
        QCOMPARE(c.call("GET", QStringLiteral("/volumeMounts")).json().toArray().size(), 29);
    }

    void servicesReplayTheCapture()
    {
        StandInController server;
        QVERIFY(server.listen());
        Client c(server);
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/services")), 200, "GET_services__initial.json");
        const QStringList stamps{QStringLiteral("updatedAt"), QStringLiteral("createdAt")};
        const Answer created = c.send("POST", QStringLiteral("/services"), QStringLiteral("POST_services__orders-api.request.json"));
        QCOMPARE(created.status, 201);
        QCOMPARE(without(created.json().toObject(), stamps),
                 without(fixtureJson(QStringLiteral("POST_services__orders-api.json")).toObject(), stamps));
        const Answer fromYaml = c.upload("POST", QStringLiteral("/services/yaml"), "service",
                                         QStringLiteral("POST_services_yaml__edge-db.request.yaml"));
        QCOMPARE(fromYaml.status, 201);
        QCOMPARE(without(fromYaml.json().toObject(), stamps),
                 without(fixtureJson(QStringLiteral("POST_services_yaml__edge-db.json")).toObject(), stamps));
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/services/orders-api")), 200, "GET_services_NAME__orders-api.json");
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/services")), 200, "GET_services.json");
        const Answer full = c.send("PATCH", QStringLiteral("/services/orders-api"),
                                   QStringLiteral("PATCH_services_NAME__orders-api.request.json"));
        QCOMPARE(full.status, 204);
        QVERIFY(full.body.isEmpty());
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/services/orders-api")), 200,
                        "GET_services_NAME__orders-api_after-patch.json");
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/services/no-such-service")), 404, "GET_services_NAME__missing_404.json");
        QCOMPARE_ANSWER(c.send("PATCH", QStringLiteral("/services/orders-api"),
                               QStringLiteral("PATCH_services_NAME__partial-body_500.request.json")),
                        500, "PATCH_services_NAME__partial-body_500.json");
        QCOMPARE(c.call("DELETE", QStringLiteral("/services/edge-db")).status, 204);
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/services")), 200, "GET_services__final.json");
    }

    void registriesHandOutPasswords()
    {
        StandInController server;
        QVERIFY(server.listen());
        Client c(server);
        QCOMPARE_ANSWER(c.send("POST", QStringLiteral("/registries"), QStringLiteral("POST_registries__fixture-private.request.json")),
                        201, "POST_registries__fixture-private.json");
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/registries")), 200, "GET_registries__after-create.json");
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/registries/3")), 200, "GET_registries_ID__fixture-private.json");
        const Answer patched = c.send("PATCH", QStringLiteral("/registries/3"),
                                      QStringLiteral("PATCH_registries_ID__fixture-private.request.json"));
        QCOMPARE(patched.status, 204);
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/registries/3")), 200,
                        "GET_registries_ID__fixture-private_after-patch.json");
        QCOMPARE_ANSWER(c.send("PATCH", QStringLiteral("/registries/1"),
                               QStringLiteral("PATCH_registries_ID__system-registry_400.request.json")),
                        400, "PATCH_registries_ID__system-registry_400.json");
        QCOMPARE(c.call("DELETE", QStringLiteral("/registries/3")).status, 204);
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/registries/3")), 404, "GET_registries_ID__missing_404.json");
        QCOMPARE_ANSWER(c.send("POST", QStringLiteral("/registries"), QStringLiteral("POST_registries__viewer-check.request.json")),
                        201, "POST_registries__viewer-check.json");
        c.setToken(server.issueAccessToken(QStringLiteral("viewer@example.com"), {QStringLiteral("Viewer")}, 600));
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/registries/4")), 200,
                        "GET_registries_ID__viewer-check_viewer-token.json");
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/registries")), 200, "GET_registries__viewer-token.json");
    }

    void catalogEdgeResourcesTemplatesRouterRebuild()
    {
        StandInController server;
        QVERIFY(server.listen());
        Client c(server);
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/catalog/microservices")), 200, "GET_catalog_microservices.json");
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/catalog/microservices/3")), 200, "GET_catalog_microservices_ID__hal.json");
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/catalog/microservices/999")), 404,
                        "GET_catalog_microservices_ID__missing_404.json");
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/router")), 200, "GET_router.json");

        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/edgeResources")), 200, "GET_edgeResources__initial.json");
        QCOMPARE_ANSWER(c.send("POST", QStringLiteral("/edgeResource"), QStringLiteral("POST_edgeResource__fixture-sensor_500.request.json")),
                        500, "POST_edgeResource__fixture-sensor_500.json");
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/edgeResource/fixture-sensor/1.0.0")), 404,
                        "GET_edgeResource_NAME_VERSION__fixture-sensor_404.json");
        QCOMPARE_ANSWER(c.send("POST", QStringLiteral("/edgeResource"),
                               QStringLiteral("POST_edgeResource__fixture-sensor_minimal.request.json")),
                        200, "POST_edgeResource__fixture-sensor_minimal.json");
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/edgeResource/fixture-sensor/1.0.0")), 500,
                        "GET_edgeResource_NAME_VERSION__fixture-sensor_500.json");
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/edgeResources")), 200, "GET_edgeResources.json");
        const Answer removed = c.call("DELETE", QStringLiteral("/edgeResource/fixture-sensor/1.0.0"));
        QCOMPARE(removed.status, 202);
        QVERIFY(removed.body.isEmpty());
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/edgeResources")), 200, "GET_edgeResources__after-delete.json");

        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/applicationTemplates")), 200, "GET_applicationTemplates__initial.json");
        QCOMPARE_ANSWER(c.send("POST", QStringLiteral("/applicationTemplate"),
                               QStringLiteral("POST_applicationTemplate__fixture-template.request.json")),
                        201, "POST_applicationTemplate__fixture-template.json");
        QCOMPARE_ANSWER(c.upload("POST", QStringLiteral("/applicationTemplate/yaml"), "template",
                                 QStringLiteral("POST_applicationTemplate_yaml__fixture-yaml-template.request.yaml")),
                        201, "POST_applicationTemplate_yaml__fixture-yaml-template.json");
        const QStringList stamps{QStringLiteral("updatedAt"), QStringLiteral("createdAt")};
        const auto stripped = [&stamps](QJsonObject t) {
            QJsonArray vars;
            for (const QJsonValue &v : t.value(u"variables").toArray())
                vars.append(without(v.toObject(), stamps));
            t.insert(QStringLiteral("variables"), vars);
            return without(t, stamps);
        };
        const Answer one = c.call("GET", QStringLiteral("/applicationTemplate/fixture-template"));
        QCOMPARE(one.status, 200);
        QCOMPARE(stripped(one.json().toObject()),
                 stripped(fixtureJson(QStringLiteral("GET_applicationTemplate_NAME__fixture-template.json")).toObject()));
        // The list JSON-encodes default values, the single GET does not.
        const QJsonArray listed = c.call("GET", QStringLiteral("/applicationTemplates")).json()[u"applicationTemplates"].toArray();
        QCOMPARE(listed.size(), 2);
        QCOMPARE(stripped(listed.at(0).toObject()),
                 stripped(fixtureJson(QStringLiteral("GET_applicationTemplates.json"))[u"applicationTemplates"][0].toObject()));
        QCOMPARE(listed.at(1)[u"variables"][0][u"defaultValue"], QJsonValue(QStringLiteral("\"edge-node-2\"")));
        QCOMPARE(c.call("DELETE", QStringLiteral("/applicationTemplate/fixture-yaml-template")).status, 204);
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/applicationTemplate/fixture-yaml-template")), 404,
                        "GET_applicationTemplate_NAME__missing_404.json");

        const Answer rebuild = c.call("PATCH", QStringLiteral("/microservices/cbfe726a-ba46-45d7-a485-631cb7dc0185/rebuild"));
        QCOMPARE(rebuild.status, 204);
        QVERIFY(rebuild.body.isEmpty());
        QCOMPARE_ANSWER(c.call("PATCH", QStringLiteral("/microservices/00000000-0000-0000-0000-000000000000/rebuild")),
                        404, "GET_microservices_UUID__missing_404.json");
    }

    void eventsFilterAndPage()
    {
        StandInController server;
        QVERIFY(server.listen());
        Client c(server);
        const QList<QJsonObject> seeded = server.resources(QStringLiteral("events"));
        QVERIFY(seeded.size() > 100);
        QSet<qint64> ids;
        for (const QJsonObject &e : seeded)
            ids.insert(e.value(u"id").toInteger());
        QCOMPARE(ids.size(), seeded.size()); // de-duplicated

        const QJsonObject newest20 = c.call("GET", QStringLiteral("/events?limit=20")).json().toObject();
        QCOMPARE(newest20.value(u"total").toInteger(), seeded.size());
        QCOMPARE(newest20.value(u"limit").toInteger(), 20);
        const QJsonArray events = newest20.value(u"events").toArray();
        QCOMPARE(events.size(), 20);
        QCOMPARE(events.at(0)[u"id"].toInteger(), 145); // the captured purge, newest
        for (qsizetype i = 1; i < events.size(); ++i)
            QVERIFY(events.at(i - 1)[u"timestamp"].toInteger() >= events.at(i)[u"timestamp"].toInteger());
        // The captured newest 20 (before the purge) are events 2..20 here.
        QCOMPARE(events.at(1).toObject(), fixtureJson(QStringLiteral("GET_events__limit-20.json"))[u"events"][0].toObject());

        const QJsonObject page = c.call("GET", QStringLiteral("/events?limit=5&offset=5")).json().toObject();
        QCOMPARE(page.value(u"offset").toInteger(), 5);
        QCOMPARE(page.value(u"events")[0].toObject(), events.at(5).toObject());
        QCOMPARE(page.value(u"events").toArray().size(), 5);

        const QJsonObject byDefault = c.call("GET", QStringLiteral("/events")).json().toObject();
        QCOMPARE(byDefault.value(u"limit").toInteger(), 200);

        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/events?status=FAILED")), 200, "GET_events__status-FAILED.json");
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/events?resourceType=secret")), 200,
                        "GET_events__resourceType-secret.json");
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/events?eventType=WS_CONNECT")), 200,
                        "GET_events__eventType-WS_CONNECT.json");
        QCOMPARE_ANSWER(c.call("GET", QStringLiteral("/events?foo=bar")), 400, "GET_events__unknown-key_400.json");

        // startTime in ms, s and ISO-8601 select the same run (the capture's 57 + the purge).
        const QJsonObject ms = c.call("GET", QStringLiteral("/events?startTime=1796429758110")).json().toObject();
        QCOMPARE(ms.value(u"total").toInteger(), 58);
        const qint64 fromSeconds = c.call("GET", QStringLiteral("/events?startTime=1796429759")).json()[u"total"].toInteger();
        QVERIFY(fromSeconds > 0 && fromSeconds <= 58);
        const QString iso = QDateTime::fromMSecsSinceEpoch(1796429758110, Qt::UTC).toString(Qt::ISODateWithMs);
        QCOMPARE(c.call("GET", QStringLiteral("/events?startTime=") + iso).json()[u"total"].toInteger(), 58);
        QCOMPARE(c.call("GET", QStringLiteral("/events?startTime=1796429758110&endTime=1796429758110")).json()[u"total"].toInteger(),
                 0);

        // method is repeatable.
        const QJsonObject posts = c.call("GET", QStringLiteral("/events?method=POST")).json().toObject();
        const QJsonObject both = c.call("GET", QStringLiteral("/events?method=POST&method=DELETE")).json().toObject();
        QCOMPARE(posts.value(u"total").toInteger(),
                 fixtureJson(QStringLiteral("GET_events__method-POST.json"))[u"total"].toInteger());
        QVERIFY(both.value(u"total").toInteger() > posts.value(u"total").toInteger());
        for (const QJsonValue &e : both.value(u"events").toArray())
            QVERIFY(e[u"method"].toString() == u"POST" || e[u"method"].toString() == u"DELETE");
        QCOMPARE(c.call("GET", QStringLiteral("/events?actorId=viewer@example.com&limit=1")).json()[u"events"][0][u"actorId"],
                 QJsonValue(QStringLiteral("viewer@example.com")));

        // A write through the stand-in is recorded like the Controller records it.
        QCOMPARE(c.send("POST", QStringLiteral("/secrets"), QStringLiteral("POST_secrets__fixture-opaque.request.json")).status, 201);
        const QJsonValue latest = c.call("GET", QStringLiteral("/events?limit=1")).json()[u"events"][0];
        QCOMPARE(latest[u"resourceType"], QJsonValue(QStringLiteral("secret")));
        QCOMPARE(latest[u"resourceId"], QJsonValue(QStringLiteral("fixture-opaque")));
        QCOMPARE(latest[u"actorId"], QJsonValue(QStringLiteral("admin@example.com")));
        QCOMPARE(latest[u"statusCode"].toInt(), 201);
        QCOMPARE(latest[u"id"].toInteger(), 146);
    }

    void purgeDeletesOrHangs()
    {
        StandInController server;
        QVERIFY(server.listen());
        Client c(server);
        QList<QJsonObject> &events = server.resources(QStringLiteral("events"));
        const qsizetype before = events.size();
        QJsonObject old = events.constFirst();
        old.insert(QStringLiteral("id"), 1000);
        old.insert(QStringLiteral("timestamp"), server.serverNowMs() - 400LL * 86400000);
        events.prepend(old);

        // An invalid body: the real route never answers.
        for (const QByteArray &body : {QByteArray(R"({"days":366})"), QByteArray(R"({"days":"7"})"),
                                       QByteArray("{}"), QByteArray(R"({"days":-1})")}) {
            const Answer hung = c.call("DELETE", QStringLiteral("/events"), body, "application/json", 1000);
            QVERIFY2(!hung.finished, body.constData());
        }
        QCOMPARE(server.resources(QStringLiteral("events")).size(), before + 1);

        const Answer year = c.send("DELETE", QStringLiteral("/events"), QStringLiteral("DELETE_events__days-365.request.json"));
        QCOMPARE(year.status, 200);
        const QJsonObject y = year.json().toObject();
        QCOMPARE(keySet(y),
                 QSet<QString>({QStringLiteral("deletedCount"), QStringLiteral("deletedBefore"),
                                QStringLiteral("deletedAt"), QStringLiteral("deletedAll")}));
        QCOMPARE(y.value(u"deletedCount").toInt(), 1);
        QCOMPARE(y.value(u"deletedAll").toBool(), false);
        const qint64 cut = QDateTime::fromString(y.value(u"deletedBefore").toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
        const qint64 at = QDateTime::fromString(y.value(u"deletedAt").toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
        QCOMPARE(at - cut, 365LL * 86400000);
        const QJsonValue recorded = c.call("GET", QStringLiteral("/events?limit=1")).json()[u"events"][0];
        QCOMPARE(recorded[u"statusMessage"], QJsonValue(QStringLiteral("Deleted 1 events older than 365 days")));
        QCOMPARE(recorded[u"resourceType"], QJsonValue(QStringLiteral("event")));

        const Answer all = c.call("DELETE", QStringLiteral("/events"), R"({"days":0})");
        QCOMPARE(all.status, 200);
        QCOMPARE(all.json()[u"deletedCount"].toInteger(), before + 1);
        QCOMPARE(all.json()[u"deletedAll"].toBool(), true);
        QCOMPARE(c.call("GET", QStringLiteral("/events")).json()[u"total"].toInteger(), 1); // the purge itself
    }
};

QTEST_GUILESS_MAIN(TstStandInResources)
#include "tst_standinresources.moc"
