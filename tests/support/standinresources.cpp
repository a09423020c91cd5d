// The stand-in Controller's stateful resource routes (secrets, config maps, volume mounts,
// services, registries, catalog, edge resources, application templates, router, events,
// microservice rebuild), seeded from the third-run 3.7.3 captures (tests/data/controller-3.7.3,
// INDEX.md "Third run") and answering with their shapes, status codes and quirks
// (controller-api.md §3.8-§3.10, §9).

#include "standinresources.h"

#include "core/profiles/yamlreader.h"
#include "testutil.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUuid>

#include <cmath>

#include <algorithm>
#include <functional>
#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace Pot::Test {

namespace {

const QString Api = QStringLiteral("/api/v3");

QJsonValue fixtureJson(const QString &name)
{
    const QJsonDocument doc = QJsonDocument::fromJson(fixture(name));
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

QList<QJsonObject> objects(const QJsonArray &array)
{
    QList<QJsonObject> out;
    for (const QJsonValue &v : array)
        out << v.toObject();
    return out;
}

/// A captured error body with the captured object's name replaced by `actual` (the Controller
/// builds these messages from the name it was given).
HttpResponse fixtureFor(int status, const QString &name, const QByteArray &captured,
                        const QString &actual)
{
    QByteArray body = fixture(name);
    body.replace(captured, actual.toUtf8());
    return HttpResponse::json(status, body);
}

HttpResponse jsonArray(int status, const QJsonArray &array)
{
    return HttpResponse::json(status, QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QString isoNow(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

qsizetype indexOf(const QList<QJsonObject> &rows, const QString &key, const QJsonValue &value)
{
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (rows.at(i).value(key) == value)
            return i;
    }
    return -1;
}

QJsonObject pick(const QJsonObject &from, const QStringList &keys)
{
    QJsonObject out;
    for (const QString &k : keys)
        out.insert(k, from.value(k));
    return out;
}

/// js-yaml's view of a plain scalar: null, booleans and numbers are typed, anything quoted is text.
QJsonValue scalarToJson(const YAML::Node &node)
{
    const QString text = QString::fromStdString(node.Scalar());
    if (node.Tag() == "!")
        return text; // quoted
    static const QRegularExpression integer(QStringLiteral("^[-+]?[0-9]+$"));
    static const QRegularExpression real(QStringLiteral("^[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?$"));
    if (text.isEmpty() || text == u"~" || text == u"null" || text == u"Null" || text == u"NULL")
        return QJsonValue::Null;
    if (text == u"true" || text == u"True" || text == u"TRUE")
        return true;
    if (text == u"false" || text == u"False" || text == u"FALSE")
        return false;
    if (integer.match(text).hasMatch())
        return QJsonValue(text.toLongLong());
    if (real.match(text).hasMatch())
        return QJsonValue(text.toDouble());
    return text;
}

QJsonValue yamlToJson(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        QJsonObject o;
        for (const auto &kv : node)
            o.insert(QString::fromStdString(kv.first.Scalar()), yamlToJson(kv.second));
        return o;
    }
    case YAML::NodeType::Sequence: {
        QJsonArray a;
        for (const auto &item : node)
            a.append(yamlToJson(item));
        return a;
    }
    case YAML::NodeType::Scalar:
        return scalarToJson(node);
    default:
        return QJsonValue::Null;
    }
}

/// The uploaded YAML document of a /yaml route (multer field `field`): a missing file is the
/// Controller's TypeError 500, unparsable YAML a 400 ValidationError.
std::optional<QJsonObject> yamlUpload(const HttpRequest &r, const QByteArray &field, HttpResponse *error)
{
    QByteArray text;
    if (!r.formFile(field, &text)) {
        *error = HttpResponse::fixture(500, QStringLiteral("POST_nats_account-rules_yaml__no-file_500.json"));
        return std::nullopt;
    }
    const auto docs = Profiles::Yaml::loadAll(text, QStringLiteral("upload"));
    if (!docs.ok() || docs.value().empty() || !docs.value().front().IsMap()) {
        const QString why = docs.ok() ? QStringLiteral("not a YAML object") : docs.error().message;
        *error = HttpResponse::json(400, QJsonObject{{QStringLiteral("name"), QStringLiteral("ValidationError")},
                                                     {QStringLiteral("message"),
                                                      QString(QStringLiteral("Error parsing YAML: ") + why)}});
        return std::nullopt;
    }
    return yamlToJson(docs.value().front()).toObject();
}

QString metadataName(const QJsonObject &doc)
{
    return doc.value(u"metadata").toObject().value(u"name").toString();
}

/// Milliseconds of a startTime/endTime value: Unix seconds, Unix ms or ISO-8601.
std::optional<qint64> parseTime(const QString &text)
{
    bool isNumber = false;
    const qint64 n = text.toLongLong(&isNumber);
    if (isNumber)
        return n < 100000000000LL ? n * 1000 : n; // below 1e11: seconds
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        return std::nullopt;
    return t.toMSecsSinceEpoch();
}

HttpResponse validationError(const QString &message)
{
    return HttpResponse::json(400, QJsonObject{{QStringLiteral("name"), QStringLiteral("ValidationError")},
                                               {QStringLiteral("message"), message}});
}

} // namespace

QList<QJsonObject> &StandInController::resources(const QString &kind)
{
    return m_resources->stores[kind];
}

void StandInController::recordEvent(const HttpRequest &request, const HttpResponse &response,
                                    const QString &statusMessage)
{
    static const QHash<QString, QString> types{
        {QStringLiteral("secrets"), QStringLiteral("secret")},
        {QStringLiteral("configmaps"), QStringLiteral("config")}, // the /config prefix matches (§9)
        {QStringLiteral("volumeMounts"), QStringLiteral("volumeMount")},
        {QStringLiteral("services"), QStringLiteral("service")},
        {QStringLiteral("registries"), QStringLiteral("registry")},
        {QStringLiteral("microservices"), QStringLiteral("microservice")},
        {QStringLiteral("events"), QStringLiteral("event")},
    };
    const QStringList parts = request.path.mid(Api.size() + 1).split(u'/');
    const QJsonValue type = types.contains(parts.value(0)) ? QJsonValue(types.value(parts.value(0)))
                                                           : QJsonValue(QJsonValue::Null);
    QJsonValue id = QJsonValue::Null;
    if (parts.size() > 1 && parts.at(1) != u"yaml")
        id = parts.at(1);
    else if (parts.size() > 2)
        id = parts.at(2);
    else if (request.jsonBody().value(u"name").isString())
        id = request.jsonBody().value(u"name");
    const qint64 now = serverNowMs();
    QList<QJsonObject> &events = resources(QStringLiteral("events"));
    const qint64 eventId = m_resources->nextId[QStringLiteral("events")]++;
    const bool ok = response.status < 400;
    events << QJsonObject{
        {QStringLiteral("id"), eventId},
        {QStringLiteral("timestamp"), now},
        {QStringLiteral("eventType"), QStringLiteral("HTTP")},
        {QStringLiteral("endpointType"), QStringLiteral("user")},
        {QStringLiteral("actorId"), m_accessTokens.value(request.bearerToken()).user},
        {QStringLiteral("method"), QString::fromLatin1(request.method)},
        {QStringLiteral("resourceType"), type},
        {QStringLiteral("resourceId"), id},
        {QStringLiteral("endpointPath"), request.path},
        {QStringLiteral("ipAddress"), QStringLiteral("127.0.0.1")},
        {QStringLiteral("status"), ok ? QStringLiteral("SUCCESS") : QStringLiteral("FAILED")},
        {QStringLiteral("statusCode"), response.status},
        {QStringLiteral("statusMessage"),
         !statusMessage.isEmpty() ? statusMessage
         : ok                     ? QStringLiteral("Success")
                                  : QStringLiteral("HTTP %1").arg(response.status)},
        {QStringLiteral("requestId"), QJsonValue::Null},
        {QStringLiteral("createdAt"), isoNow(now)},
        {QStringLiteral("updatedAt"), isoNow(now)},
    };
}

void StandInController::resourceRoute(const QByteArray &method, const QString &pattern, Handler handler)
{
    setPatternHandler(method, Api + pattern, [this, method, handler](const HttpRequest &r) {
        HttpResponse refusal;
        if (!authorize(r, &refusal))
            return refusal;
        const bool write = method != "GET";
        if (write && !m_accessTokens.value(r.bearerToken()).roles.contains(QStringLiteral("Admin")))
            return HttpResponse::fixture(403, QStringLiteral("PUT_config__viewer-token_403.json"));
        const HttpResponse response = handler(r);
        if (write && !response.hang) // recorded after the answer; a hanging request never is
            recordEvent(r, response, std::exchange(m_resources->eventMessage, QString()));
        return response;
    });
}

void StandInController::installResourceRoutes()
{
    m_resources = std::make_unique<Resources>();
    Resources &res = *m_resources;
    const auto seed = [&res](const QString &kind, const QList<QJsonObject> &rows) {
        res.stores[kind] = rows;
        qint64 max = 0;
        for (const QJsonObject &o : rows)
            max = std::max(max, o.value(u"id").toInteger());
        res.nextId[kind] = max + 1;
    };

    // ---- seed: the state before the first third-run row
    {
        QList<QJsonObject> secrets = objects(fixtureJson(QStringLiteral("GET_secrets.json"))[u"secrets"].toArray());
        for (const QString &name : {QStringLiteral("GET_secrets_NAME__nats-account-seed-nats-test.json"),
                                    QStringLiteral("GET_secrets_NAME__foo-dashboard-tls.json"),
                                    QStringLiteral("GET_secrets_NAME__nats-operator-seed_viewer-token.json")}) {
            const QJsonObject full = fixtureJson(name).toObject();
            const qsizetype i = indexOf(secrets, QStringLiteral("name"), full.value(u"name"));
            if (i >= 0)
                secrets[i] = full;
        }
        for (QJsonObject &s : secrets) {
            if (!s.contains(u"data"))
                s.insert(QStringLiteral("data"), QJsonObject()); // values not captured
        }
        seed(QStringLiteral("secrets"), secrets);
    }
    {
        QList<QJsonObject> maps = objects(fixtureJson(QStringLiteral("GET_configmaps.json"))[u"configMaps"].toArray());
        const QJsonObject full = fixtureJson(QStringLiteral("GET_configmaps_NAME__nats-server-conf-edge-node-1.json")).toObject();
        for (QJsonObject &m : maps)
            m.insert(QStringLiteral("data"), m.value(u"name") == full.value(u"name") ? full.value(u"data") : QJsonObject());
        seed(QStringLiteral("configmaps"), maps);
    }
    {
        QList<QJsonObject> mounts = objects(fixtureJson(QStringLiteral("GET_volumeMounts.json")).toArray());
        // Which fog each system mount is linked to: the fog list of the same run names them.
        const QJsonArray fogs = fixtureJson(QStringLiteral("GET_iofog-list__third-run.json"))[u"fogs"].toArray();
        for (QJsonObject &m : mounts) {
            QJsonArray linked;
            for (const QJsonValue &fog : fogs) {
                for (const QJsonValue &vm : fog[u"volumeMounts"].toArray()) {
                    if (vm[u"name"] == m.value(u"name"))
                        linked.append(fog[u"uuid"]);
                }
            }
            m.insert(QStringLiteral("fogUuids"), linked);
        }
        seed(QStringLiteral("volumeMounts"), mounts);
    }
    seed(QStringLiteral("services"), objects(fixtureJson(QStringLiteral("GET_services__initial.json")).toArray()));
    {
        QList<QJsonObject> registries = objects(fixtureJson(QStringLiteral("GET_registries.json"))[u"registries"].toArray());
        for (QJsonObject &r : registries)
            r.insert(QStringLiteral("password"), QString());
        seed(QStringLiteral("registries"), registries);
    }
    seed(QStringLiteral("catalogItems"),
         objects(fixtureJson(QStringLiteral("GET_catalog_microservices.json"))[u"catalogItems"].toArray()));
    seed(QStringLiteral("edgeResources"),
         objects(fixtureJson(QStringLiteral("GET_edgeResources__initial.json"))[u"edgeResources"].toArray()));
    seed(QStringLiteral("applicationTemplates"),
         objects(fixtureJson(QStringLiteral("GET_applicationTemplates__initial.json"))[u"applicationTemplates"].toArray()));
    res.nextId[QStringLiteral("templateVariables")] = 1;
    {
        // Every captured event of the third run's database, once each, oldest first.
        QMap<qint64, QJsonObject> byId;
        for (const QString &name :
             {QStringLiteral("GET_events__limit-20.json"), QStringLiteral("GET_events__method-POST.json"),
              QStringLiteral("GET_events__status-FAILED.json"), QStringLiteral("GET_events__resourceType-secret.json"),
              QStringLiteral("GET_events__startTime.json"), QStringLiteral("GET_events__after-purge.json")}) {
            for (const QJsonValue &e : fixtureJson(name)[u"events"].toArray())
                byId.insert(e[u"id"].toInteger(), e.toObject());
        }
        seed(QStringLiteral("events"), byId.values());
    }
    for (const QJsonValue &m : fixtureJson(QStringLiteral("GET_microservices.json"))[u"microservices"].toArray())
        res.microserviceUuids.insert(m[u"application"].toString() + u'/' + m[u"name"].toString(), m[u"uuid"].toString());
    {
        const QJsonObject m = fixtureJson(QStringLiteral("GET_microservices_UUID__orders-producer.json")).toObject();
        res.microserviceUuids.insert(m[u"application"].toString() + u'/' + m[u"name"].toString(), m[u"uuid"].toString());
    }

    // GET /<kind>/{name} answers view(record), DELETE /<kind>/{name} removes it and answers
    // `deleted`; an unknown name is missing(name) for both.
    using Missing = std::function<HttpResponse(const QString &)>;
    const auto namedRoutes = [this](const QString &path, const QString &kind, const Missing &missing,
                                    const std::function<QJsonValue(const QJsonObject &)> &view,
                                    const HttpResponse &deleted) {
        resourceRoute("GET", path + u"/*", [this, kind, missing, view](const HttpRequest &r) {
            const QList<QJsonObject> &rows = resources(kind);
            const qsizetype i = indexOf(rows, QStringLiteral("name"), r.params.at(0));
            return i < 0 ? missing(r.params.at(0)) : HttpResponse::json(200, view(rows.at(i)).toObject());
        });
        resourceRoute("DELETE", path + u"/*", [this, kind, missing, deleted](const HttpRequest &r) {
            QList<QJsonObject> &rows = resources(kind);
            const qsizetype i = indexOf(rows, QStringLiteral("name"), r.params.at(0));
            if (i < 0)
                return missing(r.params.at(0));
            rows.removeAt(i);
            return deleted;
        });
    };
    const auto whole = [](const QJsonObject &o) { return QJsonValue(o); };

    // ---- secrets (§3.8, §9)
    const auto secretSummary = [](const QJsonObject &s) {
        return pick(s, {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("type")});
    };
    const auto secretMissing = [](const QString &name) {
        return fixtureFor(404, QStringLiteral("GET_secrets_NAME__missing_404.json"), "no-such-secret", name);
    };
    const auto createSecret = [this, secretSummary](const QString &name, const QJsonValue &type,
                                                    const QJsonValue &data) {
        QList<QJsonObject> &rows = resources(QStringLiteral("secrets"));
        if (indexOf(rows, QStringLiteral("name"), name) >= 0)
            return fixtureFor(500, QStringLiteral("POST_secrets__duplicate_500.json"), "fixture-opaque", name);
        const QJsonObject row{{QStringLiteral("id"), m_resources->nextId[QStringLiteral("secrets")]++},
                              {QStringLiteral("name"), name},
                              {QStringLiteral("type"), type},
                              {QStringLiteral("data"), data}};
        rows << row;
        return HttpResponse::json(201, secretSummary(row));
    };
    resourceRoute("GET", u"/secrets"_s, [this, secretSummary](const HttpRequest &) {
        QJsonArray list;
        for (const QJsonObject &s : resources(QStringLiteral("secrets")))
            list.append(secretSummary(s));
        return HttpResponse::json(200, QJsonObject{{QStringLiteral("secrets"), list}});
    });
    namedRoutes(u"/secrets"_s, QStringLiteral("secrets"), secretMissing, whole, HttpResponse::json(200, QJsonObject()));
    resourceRoute("POST", u"/secrets"_s, [createSecret](const HttpRequest &r) {
        const QJsonObject b = r.jsonBody();
        return createSecret(b.value(u"name").toString(), b.value(u"type"), b.value(u"data"));
    });
    resourceRoute("POST", u"/secrets/yaml"_s, [createSecret](const HttpRequest &r) {
        HttpResponse error;
        const auto doc = yamlUpload(r, "secret", &error);
        if (!doc)
            return error;
        if (!doc->value(u"spec").isObject() || !doc->value(u"spec")[u"type"].isString())
            return HttpResponse::fixture(400, QStringLiteral("POST_secrets_yaml__no-spec_400.json"));
        return createSecret(metadataName(*doc), doc->value(u"spec")[u"type"], doc->value(u"data"));
    });
    const auto patchSecret = [this, secretMissing](const QString &name, const QJsonValue &type,
                                                   const QJsonValue &data) {
        QList<QJsonObject> &rows = resources(QStringLiteral("secrets"));
        const qsizetype i = indexOf(rows, QStringLiteral("name"), name);
        if (i < 0)
            return secretMissing(name);
        if (type != rows.at(i).value(u"type")) {
            QByteArray body = fixture(QStringLiteral("PATCH_secrets_NAME__no-type_400.json"));
            body.replace("fixture-opaque", name.toUtf8())
                .replace("type Opaque", QByteArray("type " + rows.at(i).value(u"type").toString().toUtf8()))
                .replace("type undefined", type.isString() ? QByteArray("type " + type.toString().toUtf8())
                                                           : QByteArray("type undefined"));
            return HttpResponse::json(400, body);
        }
        rows[i].insert(QStringLiteral("data"), data); // replaced wholesale
        return HttpResponse::json(200, QJsonObject());
    };
    resourceRoute("PATCH", u"/secrets/*"_s, [patchSecret](const HttpRequest &r) {
        return patchSecret(r.params.at(0), r.jsonBody().value(u"type"), r.jsonBody().value(u"data"));
    });
    resourceRoute("PATCH", u"/secrets/yaml/*"_s, [patchSecret](const HttpRequest &r) {
        HttpResponse error;
        const auto doc = yamlUpload(r, "secret", &error);
        if (!doc)
            return error;
        // 3.7.3's parser hands only `data` on, so the type check always fails.
        return patchSecret(r.params.at(0), QJsonValue::Undefined, doc->value(u"data"));
    });

    // ---- config maps
    const auto mapSummary = [](const QJsonObject &m) {
        return pick(m, {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("immutable"),
                        QStringLiteral("useVault")});
    };
    const auto mapMissing = [](const QString &name) {
        return fixtureFor(404, QStringLiteral("GET_configmaps_NAME__missing_404.json"), "no-such-config", name);
    };
    const auto createMap = [this, mapSummary](const QString &name, const QJsonValue &data,
                                              const QJsonValue &immutable, const QJsonValue &useVault) {
        QList<QJsonObject> &rows = resources(QStringLiteral("configmaps"));
        if (indexOf(rows, QStringLiteral("name"), name) >= 0)
            return fixtureFor(500, QStringLiteral("POST_configmaps__duplicate_500.json"), "fixture-config", name);
        const QJsonObject row{{QStringLiteral("id"), m_resources->nextId[QStringLiteral("configmaps")]++},
                              {QStringLiteral("name"), name},
                              {QStringLiteral("data"), data},
                              {QStringLiteral("immutable"), immutable.isBool() ? immutable.toBool() : false},
                              {QStringLiteral("useVault"), useVault.isBool() ? useVault.toBool() : true}};
        rows << row;
        return HttpResponse::json(201, mapSummary(row));
    };
    const auto patchMap = [this, mapSummary, mapMissing](const QString &name, const QJsonValue &data,
                                                         const QJsonValue &immutable,
                                                         const QJsonValue &useVault) {
        QList<QJsonObject> &rows = resources(QStringLiteral("configmaps"));
        const qsizetype i = indexOf(rows, QStringLiteral("name"), name);
        if (i < 0)
            return mapMissing(name);
        if (rows.at(i).value(u"immutable").toBool())
            return fixtureFor(400, QStringLiteral("PATCH_configmaps_NAME__immutable_400.json"), "fixture-frozen", name);
        if (!immutable.isBool()) // the update writes immutable: undefined → null (§9)
            return HttpResponse::fixture(500, QStringLiteral("PATCH_configmaps_NAME__fixture-config_500.json"));
        rows[i].insert(QStringLiteral("data"), data);
        rows[i].insert(QStringLiteral("immutable"), immutable);
        if (useVault.isBool())
            rows[i].insert(QStringLiteral("useVault"), useVault);
        return HttpResponse::json(200, mapSummary(rows.at(i)));
    };
    resourceRoute("GET", u"/configmaps"_s, [this, mapSummary](const HttpRequest &) {
        QJsonArray list;
        for (const QJsonObject &m : resources(QStringLiteral("configmaps")))
            list.append(mapSummary(m));
        return HttpResponse::json(200, QJsonObject{{QStringLiteral("configMaps"), list}});
    });
    namedRoutes(u"/configmaps"_s, QStringLiteral("configmaps"), mapMissing,
                [](const QJsonObject &m) {
                    return QJsonValue(pick(m, {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("data"),
                                               QStringLiteral("immutable"), QStringLiteral("useVault")}));
                },
                HttpResponse::json(200, QJsonObject()));
    resourceRoute("POST", u"/configmaps"_s, [createMap](const HttpRequest &r) {
        const QJsonObject b = r.jsonBody();
        return createMap(b.value(u"name").toString(), b.value(u"data"), b.value(u"immutable"),
                         b.value(u"useVault"));
    });
    resourceRoute("POST", u"/configmaps/yaml"_s, [createMap](const HttpRequest &r) {
        HttpResponse error;
        const auto doc = yamlUpload(r, "configMap", &error);
        if (!doc)
            return error;
        const QJsonObject spec = doc->value(u"spec").toObject();
        return createMap(metadataName(*doc), doc->value(u"data"), spec.value(u"immutable"), spec.value(u"useVault"));
    });
    resourceRoute("PATCH", u"/configmaps/*"_s, [patchMap](const HttpRequest &r) {
        const QJsonObject b = r.jsonBody();
        return patchMap(r.params.at(0), b.value(u"data"), b.value(u"immutable"), b.value(u"useVault"));
    });
    resourceRoute("PATCH", u"/configmaps/yaml/*"_s, [patchMap](const HttpRequest &r) {
        HttpResponse error;
        const auto doc = yamlUpload(r, "configMap", &error);
        if (!doc)
            return error;
        const QJsonObject spec = doc->value(u"spec").toObject();
        return patchMap(r.params.at(0), doc->value(u"data"), spec.value(u"immutable"), spec.value(u"useVault"));
    });

    // ---- certificates (§3.6): one store for CAs and certificates, as GET /certificates lists them
    {
        QList<QJsonObject> certs = objects(fixtureJson(QStringLiteral("GET_certificates.json"))[u"certificates"].toArray());
        for (const QString &name : {QStringLiteral("GET_certificates_NAME__foo-dashboard-tls.json"),
                                    QStringLiteral("GET_certificates_ca_NAME__fixture-root-ca.json")}) {
            const QJsonObject full = fixtureJson(name).toObject();
            const qsizetype i = indexOf(certs, QStringLiteral("name"), full.value(u"name"));
            if (i >= 0) {
                for (auto it = full.begin(); it != full.end(); ++it)
                    certs[i].insert(it.key(), it.value());
            }
        }
        seed(QStringLiteral("certificates"), certs);
    }
    const auto certificateView = [](const QJsonObject &c) {
        return pick(c, {QStringLiteral("name"), QStringLiteral("subject"), QStringLiteral("hosts"), QStringLiteral("isCA"),
                        QStringLiteral("validFrom"), QStringLiteral("validTo"), QStringLiteral("daysRemaining"),
                        QStringLiteral("isExpired"), QStringLiteral("caName")});
    };
    const auto certificateMissing = [](const QString &) {
        // 3.7.3 leaves a literal %s in this message (fixture).
        return HttpResponse::fixture(404, QStringLiteral("GET_certificates_NAME__missing_404.json"));
    };
    const auto caMissing = [](const QString &name) {
        return fixtureFor(404, QStringLiteral("GET_certificates_ca_NAME__missing_404.json"), "no-such-ca", name);
    };
    resourceRoute("GET", u"/certificates"_s, [this, certificateView](const HttpRequest &) {
        QJsonArray list;
        for (const QJsonObject &c : resources(QStringLiteral("certificates")))
            list.append(certificateView(c));
        return HttpResponse::json(200, QJsonObject{{QStringLiteral("certificates"), list}});
    });
    resourceRoute("GET", u"/certificates/*"_s, [this, certificateMissing](const HttpRequest &r) {
        const QList<QJsonObject> &rows = resources(QStringLiteral("certificates"));
        const qsizetype i = indexOf(rows, QStringLiteral("name"), r.params.at(0));
        if (i < 0)
            return certificateMissing(r.params.at(0));
        QJsonObject c = rows.at(i);
        if (!c.contains(u"certificateChain"))
            c.insert(QStringLiteral("certificateChain"), QJsonArray());
        return HttpResponse::json(200, c);
    });
    resourceRoute("GET", u"/certificates/ca/*"_s, [this, caMissing](const HttpRequest &r) {
        const QList<QJsonObject> &rows = resources(QStringLiteral("certificates"));
        const qsizetype i = indexOf(rows, QStringLiteral("name"), r.params.at(0));
        if (i < 0 || !rows.at(i).value(u"isCA").toBool())
            return caMissing(r.params.at(0));
        return HttpResponse::json(200, pick(rows.at(i), {QStringLiteral("name"), QStringLiteral("subject"), QStringLiteral("isCA"),
                                                         QStringLiteral("validFrom"), QStringLiteral("validTo"),
                                                         QStringLiteral("serialNumber"), QStringLiteral("data")}));
    });
    resourceRoute("DELETE", u"/certificates/*"_s, [this, certificateMissing](const HttpRequest &r) {
        QList<QJsonObject> &rows = resources(QStringLiteral("certificates"));
        const qsizetype i = indexOf(rows, QStringLiteral("name"), r.params.at(0));
        if (i < 0 || rows.at(i).value(u"isCA").toBool()) // a CA's name: 404 on this route
            return certificateMissing(r.params.at(0));
        rows.removeAt(i);
        return HttpResponse::json(200, QJsonObject());
    });
    resourceRoute("DELETE", u"/certificates/ca/*"_s, [this, caMissing](const HttpRequest &r) {
        QList<QJsonObject> &rows = resources(QStringLiteral("certificates"));
        const QString name = r.params.at(0);
        const qsizetype i = indexOf(rows, QStringLiteral("name"), name);
        if (i < 0 || !rows.at(i).value(u"isCA").toBool())
            return caMissing(name);
        if (indexOf(rows, QStringLiteral("caName"), name) >= 0)
            return HttpResponse::json(500, QJsonObject{{QStringLiteral("name"), QStringLiteral("ValidationError")},
                                                       {QStringLiteral("message"),
                                                        QStringLiteral("Cannot delete CA that has signed certificates")}});
        rows.removeAt(i);
        return HttpResponse::json(200, QJsonObject());
    });
    resourceRoute("POST", u"/certificates/*/renew"_s, [this, certificateMissing](const HttpRequest &r) {
        QList<QJsonObject> &rows = resources(QStringLiteral("certificates"));
        const QString name = r.params.at(0);
        const qsizetype i = indexOf(rows, QStringLiteral("name"), name);
        if (i < 0)
            return certificateMissing(name);
        // What 3.7.3 does (§3.6): the TLS secret goes, and every volume mount that uses it; the
        // record comes back valid for 12 months, without its CA link, with a "renewed-" serial.
        QList<QJsonObject> &mounts = resources(QStringLiteral("volumeMounts"));
        mounts.removeIf([&name](const QJsonObject &m) { return m.value(u"secretName").toString() == name; });
        QList<QJsonObject> &secrets = resources(QStringLiteral("secrets"));
        secrets.removeIf([&name](const QJsonObject &s) { return s.value(u"name").toString() == name; });
        const qint64 now = serverNowMs();
        QJsonObject &c = rows[i];
        c.insert(QStringLiteral("validFrom"), isoNow(now));
        c.insert(QStringLiteral("validTo"), isoNow(QDateTime::fromMSecsSinceEpoch(now, QTimeZone::utc()).addMonths(12).toMSecsSinceEpoch()));
        c.insert(QStringLiteral("caName"), QJsonValue::Null);
        c.insert(QStringLiteral("serialNumber"), QStringLiteral("renewed-%1").arg(now));
        c.insert(QStringLiteral("certificateChain"), QJsonArray());
        return HttpResponse::json(200, QJsonObject{{QStringLiteral("name"), name},
                                                   {QStringLiteral("subject"), c.value(u"subject")},
                                                   {QStringLiteral("hosts"), c.value(u"hosts")},
                                                   {QStringLiteral("valid_from"), c.value(u"validFrom")},
                                                   {QStringLiteral("valid_to"), c.value(u"validTo")},
                                                   {QStringLiteral("renewed"), true}});
    });
    resourceRoute("POST", u"/certificates/yaml"_s, [this](const HttpRequest &r) {
        HttpResponse error;
        const auto doc = yamlUpload(r, "certificate", &error);
        if (!doc)
            return error;
        QList<QJsonObject> &rows = resources(QStringLiteral("certificates"));
        const QString name = metadataName(*doc);
        const QJsonObject spec = doc->value(u"spec").toObject();
        const QJsonObject ca = spec.value(u"ca").toObject();
        const bool isCa = doc->value(u"kind").toString() == u"CertificateAuthority";
        if (indexOf(rows, QStringLiteral("name"), name) >= 0 && isCa)
            return fixtureFor(500, QStringLiteral("POST_certificates_ca__duplicate_500.json"), "fixture-root-ca", name);
        if (indexOf(rows, QStringLiteral("name"), name) >= 0) // not captured for a certificate: the CA's shape
            return HttpResponse::json(500, QJsonObject{{QStringLiteral("name"), QStringLiteral("ConflictError")},
                                                       {QStringLiteral("message"),
                                                        QStringLiteral("Certificate with name %1 already exists").arg(name)}});
        const QString caName = ca.value(u"secretName").toString();
        if (!isCa && ca.value(u"type").toString() == u"direct"
            && indexOf(rows, QStringLiteral("name"), caName) < 0)
            return fixtureFor(404, QStringLiteral("POST_certificates__unknown-ca_404.json"), "no-such-ca", caName);
        const qint64 now = serverNowMs();
        // processExpiration (controller-api.md §3.6): absent or 0 → five years; below 1000 → months
        // of 30.44 days; 1000 and more → milliseconds.
        const double expiration = spec.value(u"expiration").toDouble(0);
        const qint64 lifetimeMs = expiration <= 0       ? qint64(60 * 30.44 * 86400000.0)
                                  : expiration < 1000 ? qint64(expiration * 30.44 * 86400000.0)
                                                      : qint64(expiration);
        QString subject = spec.value(u"subject").toString();
        if (subject.startsWith(u"/CN="))
            subject = subject.mid(4);
        const QJsonObject row{{QStringLiteral("name"), name},
                              {QStringLiteral("subject"), subject},
                              {QStringLiteral("hosts"), isCa ? QJsonValue(QJsonValue::Null) : spec.value(u"hosts")},
                              {QStringLiteral("isCA"), isCa},
                              {QStringLiteral("validFrom"), isoNow(now)},
                              {QStringLiteral("validTo"), isoNow(now + lifetimeMs)},
                              {QStringLiteral("daysRemaining"), qint64(std::ceil(double(lifetimeMs) / 86400000.0))},
                              {QStringLiteral("isExpired"), false},
                              {QStringLiteral("caName"), !isCa && ca.value(u"type").toString() == u"direct" ? QJsonValue(caName)
                                                                                                 : QJsonValue(QJsonValue::Null)}};
        rows << row;
        return HttpResponse::json(201, QJsonObject{{QStringLiteral("name"), name},
                                                   {QStringLiteral("subject"), subject},
                                                   {QStringLiteral("hosts"), row.value(u"hosts")},
                                                   {QStringLiteral("valid_from"), row.value(u"validFrom")},
                                                   {QStringLiteral("valid_to"), row.value(u"validTo")},
                                                   {QStringLiteral("ca_name"), row.value(u"caName")}});
    });

    // ---- volume mounts
    const auto mountView = [](const QJsonObject &m) {
        return pick(m, {QStringLiteral("uuid"), QStringLiteral("name"), QStringLiteral("configMapName"),
                        QStringLiteral("secretName"), QStringLiteral("version")});
    };
    const auto mountMissing = [](const QString &name) {
        return fixtureFor(404, QStringLiteral("GET_volumeMounts_NAME__missing_404.json"), "fixture-yaml-mount", name);
    };
    const auto createMount = [this](const QString &name, const QJsonObject &spec) {
        const qint64 now = serverNowMs();
        QJsonObject row{{QStringLiteral("uuid"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                        {QStringLiteral("version"), 1},
                        {QStringLiteral("name"), name}};
        // The raw row: only the name that was given (§9).
        for (const QString &key : {QStringLiteral("secretName"), QStringLiteral("configMapName")}) {
            if (spec.value(key).isString())
                row.insert(key, spec.value(key));
        }
        row.insert(QStringLiteral("updatedAt"), isoNow(now));
        row.insert(QStringLiteral("createdAt"), isoNow(now));
        QJsonObject stored = row;
        for (const QString &key : {QStringLiteral("secretName"), QStringLiteral("configMapName")}) {
            if (!stored.contains(key))
                stored.insert(key, QJsonValue::Null);
        }
        stored.insert(QStringLiteral("fogUuids"), QJsonArray());
        resources(QStringLiteral("volumeMounts")) << stored;
        return HttpResponse::json(200, row);
    };
    const auto patchMount = [this, mountView, mountMissing](const QString &name, const QJsonObject &spec) {
        QList<QJsonObject> &rows = resources(QStringLiteral("volumeMounts"));
        const qsizetype i = indexOf(rows, QStringLiteral("name"), name);
        if (i < 0)
            return mountMissing(name);
        // Only the names given change: moving from a secret to a config map keeps secretName (§9).
        for (const QString &key : {QStringLiteral("secretName"), QStringLiteral("configMapName")}) {
            if (spec.contains(key))
                rows[i].insert(key, spec.value(key));
        }
        rows[i].insert(QStringLiteral("version"), rows.at(i).value(u"version").toInteger() + 1);
        return HttpResponse::json(200, mountView(rows.at(i)));
    };
    resourceRoute("GET", u"/volumeMounts"_s, [this, mountView](const HttpRequest &) {
        QJsonArray list;
        for (const QJsonObject &m : resources(QStringLiteral("volumeMounts")))
            list.append(mountView(m));
        return jsonArray(200, list);
    });
    namedRoutes(u"/volumeMounts"_s, QStringLiteral("volumeMounts"), mountMissing,
                [mountView](const QJsonObject &m) { return QJsonValue(mountView(m)); },
                HttpResponse::json(202, QJsonObject()));
    resourceRoute("POST", u"/volumeMounts"_s, [createMount](const HttpRequest &r) {
        return createMount(r.jsonBody().value(u"name").toString(), r.jsonBody());
    });
    resourceRoute("POST", u"/volumeMounts/yaml"_s, [createMount](const HttpRequest &r) {
        HttpResponse error;
        const auto doc = yamlUpload(r, "volumeMount", &error);
        if (!doc)
            return error;
        return createMount(metadataName(*doc), doc->value(u"spec").toObject());
    });
    resourceRoute("PATCH", u"/volumeMounts/*"_s, [patchMount](const HttpRequest &r) {
        return patchMount(r.params.at(0), r.jsonBody());
    });
    resourceRoute("PATCH", u"/volumeMounts/yaml/*"_s, [patchMount](const HttpRequest &r) {
        HttpResponse error;
        const auto doc = yamlUpload(r, "volumeMount", &error);
        if (!doc)
            return error;
        return patchMount(r.params.at(0), doc->value(u"spec").toObject());
    });
    resourceRoute("GET", u"/volumeMounts/*/link"_s, [this, mountMissing](const HttpRequest &r) {
        const QList<QJsonObject> &rows = resources(QStringLiteral("volumeMounts"));
        const qsizetype i = indexOf(rows, QStringLiteral("name"), r.params.at(0));
        if (i < 0)
            return mountMissing(r.params.at(0));
        return HttpResponse::json(200, QJsonObject{{QStringLiteral("fogUuids"), rows.at(i).value(u"fogUuids")}});
    });
    const auto link = [this, mountView, mountMissing](const HttpRequest &r, bool add) {
        QList<QJsonObject> &rows = resources(QStringLiteral("volumeMounts"));
        const qsizetype i = indexOf(rows, QStringLiteral("name"), r.params.at(0));
        if (i < 0)
            return mountMissing(r.params.at(0));
        QJsonArray fogs = rows.at(i).value(u"fogUuids").toArray();
        for (const QJsonValue &uuid : r.jsonBody().value(u"fogUuids").toArray()) {
            const bool linked = fogs.contains(uuid);
            if (add && !linked)
                fogs.append(uuid);
            else if (!add && linked)
                fogs.removeAt(std::distance(fogs.begin(), std::find(fogs.begin(), fogs.end(), uuid)));
        }
        rows[i].insert(QStringLiteral("fogUuids"), fogs);
        // Link answers the mount (version unchanged), unlink {} (§9).
        return add ? HttpResponse::json(200, mountView(rows.at(i))) : HttpResponse::json(200, QJsonObject());
    };
    resourceRoute("POST", u"/volumeMounts/*/link"_s, [link](const HttpRequest &r) { return link(r, true); });
    resourceRoute("DELETE", u"/volumeMounts/*/link"_s, [link](const HttpRequest &r) { return link(r, false); });

    // ---- services
    const auto serviceView = [](const QJsonObject &s) {
        return pick(s, {QStringLiteral("name"), QStringLiteral("type"), QStringLiteral("resource"),
                        QStringLiteral("defaultBridge"), QStringLiteral("bridgePort"), QStringLiteral("targetPort"),
                        QStringLiteral("servicePort"), QStringLiteral("k8sType"), QStringLiteral("serviceEndpoint"),
                        QStringLiteral("tags"), QStringLiteral("provisioningStatus"),
                        QStringLiteral("provisioningError")});
    };
    const auto serviceMissing = [](const QString &name) {
        return fixtureFor(404, QStringLiteral("GET_services_NAME__missing_404.json"), "no-such-service", name);
    };
    const auto routerHost = fixtureJson(QStringLiteral("GET_router.json"))[u"host"].toString();
    const auto resolveResource = [&res](const QJsonObject &body) {
        const QString resource = body.value(u"resource").toString();
        if (body.value(u"type").toString().toLower() == u"microservice")
            return res.microserviceUuids.value(resource, resource); // "<app>/<msvc>" → uuid
        return resource;
    };
    const auto createService = [this, routerHost, resolveResource](const QJsonObject &body) {
        QList<QJsonObject> &rows = resources(QStringLiteral("services"));
        qint64 port = 10024; // first free bridge port in 10024-65535
        while (indexOf(rows, QStringLiteral("bridgePort"), port) >= 0)
            ++port;
        const qint64 now = serverNowMs();
        const QJsonObject raw{{QStringLiteral("id"), m_resources->nextId[QStringLiteral("services")]++},
                              {QStringLiteral("name"), body.value(u"name")},
                              {QStringLiteral("type"), body.value(u"type")},
                              {QStringLiteral("resource"), resolveResource(body)},
                              {QStringLiteral("targetPort"), body.value(u"targetPort")},
                              {QStringLiteral("defaultBridge"),
                               body.value(u"defaultBridge").toString(QStringLiteral("default-router"))},
                              {QStringLiteral("bridgePort"), port},
                              {QStringLiteral("provisioningStatus"), QStringLiteral("pending")},
                              {QStringLiteral("provisioningError"), QJsonValue::Null},
                              {QStringLiteral("serviceEndpoint"), routerHost},
                              {QStringLiteral("servicePort"), port},
                              {QStringLiteral("updatedAt"), isoNow(now)},
                              {QStringLiteral("createdAt"), isoNow(now)}};
        QJsonObject stored = raw;
        stored.insert(QStringLiteral("k8sType"), QJsonValue::Null);
        stored.insert(QStringLiteral("tags"), body.value(u"tags").isArray() ? body.value(u"tags") : QJsonArray());
        stored.insert(QStringLiteral("provisioningStatus"), QStringLiteral("ready")); // the background step
        rows << stored;
        return HttpResponse::json(201, raw);
    };
    resourceRoute("GET", u"/services"_s, [this, serviceView](const HttpRequest &) {
        QList<QJsonObject> rows = resources(QStringLiteral("services"));
        std::sort(rows.begin(), rows.end(), [](const QJsonObject &a, const QJsonObject &b) {
            return a.value(u"name").toString() < b.value(u"name").toString();
        });
        QJsonArray list;
        for (const QJsonObject &s : rows)
            list.append(serviceView(s));
        return jsonArray(200, list);
    });
    namedRoutes(u"/services"_s, QStringLiteral("services"), serviceMissing,
                [serviceView](const QJsonObject &o) { return QJsonValue(serviceView(o)); }, HttpResponse::empty(204));
    resourceRoute("POST", u"/services"_s, [createService](const HttpRequest &r) {
        return createService(r.jsonBody());
    });
    resourceRoute("POST", u"/services/yaml"_s, [createService](const HttpRequest &r) {
        HttpResponse error;
        const auto doc = yamlUpload(r, "service", &error);
        if (!doc)
            return error;
        QJsonObject body = doc->value(u"spec").toObject();
        body.insert(QStringLiteral("name"), metadataName(*doc));
        body.insert(QStringLiteral("tags"), doc->value(u"metadata")[u"tags"]);
        return createService(body);
    });
    resourceRoute("PATCH", u"/services/*"_s, [this, serviceMissing, resolveResource](const HttpRequest &r) {
        QList<QJsonObject> &rows = resources(QStringLiteral("services"));
        const qsizetype i = indexOf(rows, QStringLiteral("name"), r.params.at(0));
        if (i < 0)
            return serviceMissing(r.params.at(0));
        const QJsonObject b = r.jsonBody();
        if (!b.value(u"type").isString() || !b.value(u"resource").isString()) // needs the full object (§9)
            return HttpResponse::fixture(500, QStringLiteral("PATCH_services_NAME__partial-body_500.json"));
        for (const QString &key : {QStringLiteral("type"), QStringLiteral("targetPort"),
                                   QStringLiteral("defaultBridge"), QStringLiteral("tags")}) {
            if (b.contains(key))
                rows[i].insert(key, b.value(key));
        }
        rows[i].insert(QStringLiteral("resource"), resolveResource(b));
        return HttpResponse::empty(204);
    });

    // ---- registries
    const auto registryAt = [this](const QString &id) {
        bool ok = false;
        const qint64 n = id.toLongLong(&ok);
        return ok ? indexOf(resources(QStringLiteral("registries")), QStringLiteral("id"), n) : -1;
    };
    const auto registryMissing = [](const QString &id) {
        return fixtureFor(404, QStringLiteral("GET_registries_ID__missing_404.json"), "'3'", u'\'' + id + u'\'');
    };
    resourceRoute("GET", u"/registries"_s, [this](const HttpRequest &) {
        QJsonArray list;
        for (const QJsonObject &r : resources(QStringLiteral("registries")))
            list.append(pick(r, {QStringLiteral("id"), QStringLiteral("url"), QStringLiteral("isPublic"),
                                 QStringLiteral("username"), QStringLiteral("userEmail")}));
        return HttpResponse::json(200, QJsonObject{{QStringLiteral("registries"), list}});
    });
    resourceRoute("GET", u"/registries/*"_s, [this, registryAt, registryMissing](const HttpRequest &r) {
        const qsizetype i = registryAt(r.params.at(0));
        if (i < 0)
            return registryMissing(r.params.at(0));
        // The model decrypts the password on read: in clear, for every role that may get (§9).
        return HttpResponse::json(200, pick(resources(QStringLiteral("registries")).at(i),
                                            {QStringLiteral("password"), QStringLiteral("id"), QStringLiteral("url"),
                                             QStringLiteral("isPublic"), QStringLiteral("username"),
                                             QStringLiteral("userEmail")}));
    });
    resourceRoute("POST", u"/registries"_s, [this](const HttpRequest &r) {
        const QJsonObject b = r.jsonBody();
        const qint64 id = m_resources->nextId[QStringLiteral("registries")]++;
        resources(QStringLiteral("registries"))
            << QJsonObject{{QStringLiteral("id"), id},
                           {QStringLiteral("url"), b.value(u"url")},
                           {QStringLiteral("isPublic"), b.value(u"isPublic")},
                           {QStringLiteral("username"), b.value(u"username")},
                           {QStringLiteral("userEmail"), b.value(u"email")},
                           {QStringLiteral("password"), b.value(u"password")}};
        return HttpResponse::json(201, QJsonObject{{QStringLiteral("id"), id}});
    });
    const auto systemRegistry = [](const QString &id) { return id == u"1" || id == u"2"; };
    resourceRoute("PATCH", u"/registries/*"_s, [this, registryAt, registryMissing, systemRegistry](const HttpRequest &r) {
        if (systemRegistry(r.params.at(0)))
            return HttpResponse::fixture(400, QStringLiteral("PATCH_registries_ID__system-registry_400.json"));
        const qsizetype i = registryAt(r.params.at(0));
        if (i < 0)
            return registryMissing(r.params.at(0));
        const QJsonObject b = r.jsonBody();
        QJsonObject &row = resources(QStringLiteral("registries"))[i];
        for (const QString &key : {QStringLiteral("url"), QStringLiteral("isPublic"), QStringLiteral("username"),
                                   QStringLiteral("password")}) {
            if (b.contains(key))
                row.insert(key, b.value(key));
        }
        if (b.contains(u"email"))
            row.insert(QStringLiteral("userEmail"), b.value(u"email"));
        return HttpResponse::empty(204);
    });
    resourceRoute("DELETE", u"/registries/*"_s, [this, registryAt, registryMissing, systemRegistry](const HttpRequest &r) {
        if (systemRegistry(r.params.at(0)))
            return HttpResponse::fixture(400, QStringLiteral("PATCH_registries_ID__system-registry_400.json"));
        const qsizetype i = registryAt(r.params.at(0));
        if (i < 0)
            return registryMissing(r.params.at(0));
        resources(QStringLiteral("registries")).removeAt(i);
        return HttpResponse::empty(204);
    });

    // ---- catalog, router
    resourceRoute("GET", u"/catalog/microservices"_s, [this](const HttpRequest &) {
        QJsonArray list;
        for (const QJsonObject &c : resources(QStringLiteral("catalogItems")))
            list.append(c);
        return HttpResponse::json(200, QJsonObject{{QStringLiteral("catalogItems"), list}});
    });
    resourceRoute("GET", u"/catalog/microservices/*"_s, [this](const HttpRequest &r) {
        const QList<QJsonObject> &rows = resources(QStringLiteral("catalogItems"));
        const qsizetype i = indexOf(rows, QStringLiteral("id"), r.params.at(0).toLongLong());
        if (i < 0)
            return fixtureFor(404, QStringLiteral("GET_catalog_microservices_ID__missing_404.json"), "'999'",
                              u'\'' + r.params.at(0) + u'\'');
        return HttpResponse::json(200, rows.at(i));
    });
    resourceRoute("GET", u"/router"_s, [](const HttpRequest &) {
        return HttpResponse::fixture(200, QStringLiteral("GET_router.json"));
    });

    // ---- edge resources (SQLite quirks, §9)
    const auto edgeAt = [this](const QString &name, const QString &version) {
        const QList<QJsonObject> &rows = resources(QStringLiteral("edgeResources"));
        for (qsizetype i = 0; i < rows.size(); ++i) {
            if (rows.at(i).value(u"name") == name && rows.at(i).value(u"version") == version)
                return i;
        }
        return qsizetype(-1);
    };
    const auto edgeMissing = [](const QString &name, const QString &version) {
        QByteArray body = fixture(QStringLiteral("GET_edgeResource_NAME_VERSION__fixture-sensor_404.json"));
        body.replace("fixture-sensor version 1.0.0", (name + u" version " + version).toUtf8());
        return HttpResponse::json(404, body);
    };
    resourceRoute("GET", u"/edgeResources"_s, [this](const HttpRequest &) {
        QJsonArray list;
        for (const QJsonObject &e : resources(QStringLiteral("edgeResources"))) {
            QJsonObject item = e;
            item.remove(QStringLiteral("interface")); // the list leaves the interface out
            list.append(item);
        }
        return HttpResponse::json(200, QJsonObject{{QStringLiteral("edgeResources"), list}});
    });
    resourceRoute("POST", u"/edgeResource"_s, [this](const HttpRequest &r) {
        const QJsonObject b = r.jsonBody();
        const qint64 id = m_resources->nextId[QStringLiteral("edgeResources")]++; // used up even on failure
        for (const QJsonValue &ep : b.value(u"interface")[u"endpoints"].toArray()) {
            const QJsonObject e = ep.toObject();
            if (e.contains(u"requestType") || e.contains(u"responseType") || e.contains(u"requestPayloadExample")
                || e.contains(u"responsePayloadExample"))
                return HttpResponse::fixture(500, QStringLiteral("POST_edgeResource__fixture-sensor_500.json"));
        }
        QJsonObject row{{QStringLiteral("id"), id},
                        {QStringLiteral("name"), b.value(u"name")},
                        {QStringLiteral("description"), b.value(u"description")},
                        {QStringLiteral("version"), b.value(u"version")},
                        {QStringLiteral("interfaceProtocol"), b.value(u"interfaceProtocol")},
                        {QStringLiteral("display"), b.value(u"display")},
                        {QStringLiteral("custom"), b.value(u"custom").isObject() ? b.value(u"custom") : QJsonObject()},
                        {QStringLiteral("orchestrationTags"), QJsonArray()}};
        QJsonObject answer = row; // the create answer shows no tags although some were sent
        row.insert(QStringLiteral("orchestrationTags"), b.value(u"orchestrationTags").toArray());
        row.insert(QStringLiteral("interface"), b.value(u"interface"));
        resources(QStringLiteral("edgeResources")) << row;
        return HttpResponse::json(200, answer);
    });
    resourceRoute("GET", u"/edgeResource/*/*"_s, [edgeAt, edgeMissing](const HttpRequest &r) {
        if (edgeAt(r.params.at(0), r.params.at(1)) < 0)
            return edgeMissing(r.params.at(0), r.params.at(1));
        return HttpResponse::fixture(500, QStringLiteral("GET_edgeResource_NAME_VERSION__fixture-sensor_500.json"));
    });
    resourceRoute("DELETE", u"/edgeResource/*/*"_s, [this, edgeAt, edgeMissing](const HttpRequest &r) {
        const qsizetype i = edgeAt(r.params.at(0), r.params.at(1));
        if (i < 0)
            return edgeMissing(r.params.at(0), r.params.at(1));
        resources(QStringLiteral("edgeResources")).removeAt(i);
        return HttpResponse::empty(202);
    });

    // ---- application templates
    const auto templateMissing = [](const QString &name) {
        return fixtureFor(404, QStringLiteral("GET_applicationTemplate_NAME__missing_404.json"),
                          "fixture-yaml-template", name);
    };
    const auto createTemplate = [this](const QString &name, const QJsonObject &body) {
        QList<QJsonObject> &rows = resources(QStringLiteral("applicationTemplates"));
        const qint64 id = m_resources->nextId[QStringLiteral("applicationTemplates")]++;
        const QString now = isoNow(serverNowMs());
        QJsonArray variables;
        for (const QJsonValue &v : body.value(u"variables").toArray()) {
            variables.append(QJsonObject{
                {QStringLiteral("id"), m_resources->nextId[QStringLiteral("templateVariables")]++},
                {QStringLiteral("key"), v[u"key"]},
                {QStringLiteral("description"), v[u"description"]},
                {QStringLiteral("defaultValue"), v[u"defaultValue"]},
                {QStringLiteral("createdAt"), now},
                {QStringLiteral("updatedAt"), now},
                {QStringLiteral("applicationTemplateId"), id}});
        }
        rows << QJsonObject{{QStringLiteral("id"), id},
                            {QStringLiteral("name"), name},
                            {QStringLiteral("description"), body.value(u"description")},
                            {QStringLiteral("schemaVersion"), QString()},
                            {QStringLiteral("createdAt"), now},
                            {QStringLiteral("updatedAt"), now},
                            {QStringLiteral("variables"), variables},
                            {QStringLiteral("application"), body.value(u"application")}};
        return HttpResponse::json(201, QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("name"), name}});
    };
    resourceRoute("GET", u"/applicationTemplates"_s, [this](const HttpRequest &) {
        QJsonArray list;
        for (QJsonObject t : resources(QStringLiteral("applicationTemplates"))) {
            // The list JSON-encodes each variable's default value (§9).
            QJsonArray variables;
            for (const QJsonValue &v : t.value(u"variables").toArray()) {
                QJsonObject var = v.toObject();
                const QJsonValue d = var.value(u"defaultValue");
                QJsonArray wrapper{d};
                const QByteArray encoded = QJsonDocument(wrapper).toJson(QJsonDocument::Compact);
                var.insert(QStringLiteral("defaultValue"), QString::fromUtf8(encoded.mid(1, encoded.size() - 2)));
                variables.append(var);
            }
            t.insert(QStringLiteral("variables"), variables);
            list.append(t);
        }
        return HttpResponse::json(200, QJsonObject{{QStringLiteral("applicationTemplates"), list}});
    });
    namedRoutes(u"/applicationTemplate"_s, QStringLiteral("applicationTemplates"), templateMissing, whole,
                HttpResponse::empty(204));
    resourceRoute("POST", u"/applicationTemplate"_s, [createTemplate](const HttpRequest &r) {
        return createTemplate(r.jsonBody().value(u"name").toString(), r.jsonBody());
    });
    resourceRoute("POST", u"/applicationTemplate/yaml"_s, [createTemplate](const HttpRequest &r) {
        HttpResponse error;
        const auto doc = yamlUpload(r, "template", &error);
        if (!doc)
            return error;
        return createTemplate(metadataName(*doc), doc->value(u"spec").toObject());
    });

    // ---- microservice rebuild
    resourceRoute("PATCH", u"/microservices/*/rebuild"_s, [&res](const HttpRequest &r) {
        const QString uuid = r.params.at(0);
        if (!res.microserviceUuids.values().contains(uuid))
            return HttpResponse::fixture(404, QStringLiteral("GET_microservices_UUID__missing_404.json"));
        res.rebuildRequested.insert(uuid);
        return HttpResponse::empty(204);
    });

    // ---- events (§3.9)
    resourceRoute("GET", u"/events"_s, [this](const HttpRequest &r) {
        static const QStringList keys{
            QStringLiteral("startTime"), QStringLiteral("endTime"), QStringLiteral("endpointType"),
            QStringLiteral("resourceType"), QStringLiteral("status"), QStringLiteral("method"),
            QStringLiteral("actorId"), QStringLiteral("eventType"), QStringLiteral("limit"), QStringLiteral("offset")};
        for (const auto &[key, value] : r.query.queryItems(QUrl::FullyDecoded)) {
            if (!keys.contains(key))
                return fixtureFor(400, QStringLiteral("GET_events__unknown-key_400.json"), "'foo'", u'\'' + key + u'\'');
        }
        const auto number = [&r](const QString &key, qint64 fallback, qint64 min) -> std::optional<qint64> {
            if (!r.query.hasQueryItem(key))
                return fallback;
            bool ok = false;
            const qint64 n = r.query.queryItemValue(key).toLongLong(&ok);
            if (!ok || n < min)
                return std::nullopt;
            return n;
        };
        const auto limit = number(QStringLiteral("limit"), 200, 1);
        const auto offset = number(QStringLiteral("offset"), 0, 0);
        if (!limit || !offset)
            return validationError(QStringLiteral("Invalid limit or offset"));
        std::optional<qint64> from;
        std::optional<qint64> to;
        for (const auto &[key, bound] : {std::pair{QStringLiteral("startTime"), &from},
                                         std::pair{QStringLiteral("endTime"), &to}}) {
            if (!r.query.hasQueryItem(key))
                continue;
            *bound = parseTime(r.query.queryItemValue(key, QUrl::FullyDecoded));
            if (!*bound)
                return validationError(QStringLiteral("Invalid %1").arg(key));
        }
        const QStringList methods = r.query.allQueryItemValues(QStringLiteral("method"));
        QList<QJsonObject> matching;
        for (const QJsonObject &e : resources(QStringLiteral("events"))) {
            const qint64 t = e.value(u"timestamp").toInteger();
            bool keep = (!from || t >= *from) && (!to || t <= *to)
                        && (methods.isEmpty() || methods.contains(e.value(u"method").toString()));
            for (const QString &key : {QStringLiteral("endpointType"), QStringLiteral("resourceType"),
                                       QStringLiteral("status"), QStringLiteral("actorId"),
                                       QStringLiteral("eventType")}) {
                if (r.query.hasQueryItem(key))
                    keep = keep && e.value(key).toString() == r.query.queryItemValue(key, QUrl::FullyDecoded);
            }
            if (keep)
                matching << e;
        }
        std::stable_sort(matching.begin(), matching.end(), [](const QJsonObject &a, const QJsonObject &b) {
            const qint64 ta = a.value(u"timestamp").toInteger();
            const qint64 tb = b.value(u"timestamp").toInteger();
            return ta != tb ? ta > tb : a.value(u"id").toInteger() > b.value(u"id").toInteger();
        });
        QJsonArray page;
        for (qsizetype i = *offset; i < matching.size() && i < *offset + *limit; ++i)
            page.append(matching.at(i));
        return HttpResponse::json(200, QJsonObject{{QStringLiteral("events"), page},
                                                   {QStringLiteral("total"), matching.size()},
                                                   {QStringLiteral("limit"), *limit},
                                                   {QStringLiteral("offset"), *offset}});
    });
    resourceRoute("DELETE", u"/events"_s, [this](const HttpRequest &r) {
        const QJsonDocument doc = QJsonDocument::fromJson(r.body);
        const QJsonObject b = doc.object();
        const QJsonValue days = b.value(u"days");
        const bool valid = doc.isObject() && b.size() == 1 && days.isDouble()
                           && days.toDouble() == double(days.toInteger()) && days.toInteger() >= 0
                           && days.toInteger() <= 365;
        if (!valid)
            return HttpResponse::never(); // error mapping throws: the real request hangs (§3.9)
        const qint64 now = serverNowMs();
        const qint64 n = days.toInteger();
        const qint64 before = now - n * 86400000LL;
        QList<QJsonObject> &events = resources(QStringLiteral("events"));
        const qsizetype count = events.size();
        events.removeIf([&](const QJsonObject &e) { return n == 0 || e.value(u"timestamp").toInteger() < before; });
        const qsizetype deleted = count - events.size();
        const HttpResponse answer = HttpResponse::json(
            200, QJsonObject{{QStringLiteral("deletedCount"), deleted},
                             {QStringLiteral("deletedBefore"), n == 0 ? QJsonValue(QJsonValue::Null)
                                                                      : QJsonValue(isoNow(before))},
                             {QStringLiteral("deletedAt"), isoNow(now)},
                             {QStringLiteral("deletedAll"), n == 0}});
        m_resources->eventMessage =
            n == 0 ? QStringLiteral("Deleted %1 events").arg(deleted)
                   : QStringLiteral("Deleted %1 events older than %2 days").arg(deleted).arg(n);
        return answer;
    });
}

} // namespace Pot::Test
