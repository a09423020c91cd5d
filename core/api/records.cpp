#include "records.h"

#include "core/tr.h"

#include <QJsonArray>

namespace Pot::Api {

using namespace Qt::StringLiterals;

namespace Json {

QString string(const QJsonObject &o, QLatin1StringView key)
{
    const QJsonValue v = o.value(key);
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    return {};
}

qint64 integer(const QJsonObject &o, QLatin1StringView key, qint64 fallback)
{
    const QJsonValue v = o.value(key);
    return v.isDouble() ? qint64(v.toDouble()) : fallback;
}

double number(const QJsonObject &o, QLatin1StringView key, double fallback)
{
    const QJsonValue v = o.value(key);
    return v.isDouble() ? v.toDouble() : fallback;
}

bool boolean(const QJsonObject &o, QLatin1StringView key, bool fallback)
{
    const QJsonValue v = o.value(key);
    return v.isBool() ? v.toBool() : fallback;
}

QStringList strings(const QJsonObject &o, QLatin1StringView key)
{
    QStringList out;
    const QJsonArray a = o.value(key).toArray();
    for (const QJsonValue &v : a) {
        if (v.isString())
            out << v.toString();
    }
    return out;
}

} // namespace Json

namespace {

Error shapeError(const QString &what)
{
    return Error(ErrorCode::Protocol,
                 Tr::tr("The Controller's answer does not look like %1.").arg(what));
}

template<typename T>
Result<QList<T>> listOf(const QJsonValue &json, QLatin1StringView key, const QString &what)
{
    if (!json.isObject())
        return shapeError(what);
    const QJsonValue items = json.toObject().value(key);
    if (items.isNull() || items.isUndefined())
        return QList<T>();
    if (!items.isArray())
        return shapeError(what);
    QList<T> out;
    const QJsonArray array = items.toArray();
    for (const QJsonValue &v : array) {
        auto item = T::fromJson(v);
        if (!item)
            return item.error();
        out << *item;
    }
    return out;
}

} // namespace

Result<ControllerStatus> ControllerStatus::fromJson(const QJsonValue &json)
{
    if (!json.isObject())
        return shapeError(Tr::tr("a Controller status"));
    const QJsonObject o = json.toObject();
    ControllerStatus s;
    s.status = Json::string(o, "status"_L1);
    if (s.status.isEmpty())
        return shapeError(Tr::tr("a Controller status"));
    s.timestampMs = Json::integer(o, "timestamp"_L1);
    s.uptimeSec = Json::number(o, "uptimeSec"_L1);
    const QJsonObject versions = o.value("versions"_L1).toObject();
    s.controllerVersion = Json::string(versions, "controller"_L1);
    s.ecnViewerVersion = Json::string(versions, "ecnViewer"_L1);
    return s;
}

Result<QList<FogType>> FogType::listFromJson(const QJsonValue &json)
{
    if (!json.isObject())
        return shapeError(Tr::tr("a list of fog types"));
    QList<FogType> out;
    const QJsonArray a = json.toObject().value("fogTypes"_L1).toArray();
    for (const QJsonValue &v : a) {
        const QJsonObject o = v.toObject();
        out << FogType{int(Json::integer(o, "id"_L1)), Json::string(o, "name"_L1),
                       Json::string(o, "image"_L1), Json::string(o, "description"_L1)};
    }
    return out;
}

Result<Fog> Fog::fromJson(const QJsonValue &json)
{
    const QJsonObject o = json.toObject();
    Fog f;
    f.uuid = Json::string(o, "uuid"_L1);
    if (!json.isObject() || f.uuid.isEmpty())
        return shapeError(Tr::tr("a fog (agent)"));
    f.name = Json::string(o, "name"_L1);
    f.description = Json::string(o, "description"_L1);
    f.daemonStatus = Json::string(o, "daemonStatus"_L1);
    f.isSystem = Json::boolean(o, "isSystem"_L1);
    f.fogTypeId = int(Json::integer(o, "fogTypeId"_L1));
    f.host = Json::string(o, "host"_L1);
    f.ipAddress = Json::string(o, "ipAddress"_L1);
    f.ipAddressExternal = Json::string(o, "ipAddressExternal"_L1);
    f.containerEngine = Json::string(o, "containerEngine"_L1);
    f.deploymentType = Json::string(o, "deploymentType"_L1);
    f.cpuUsage = Json::number(o, "cpuUsage"_L1);
    f.memoryUsage = Json::number(o, "memoryUsage"_L1);
    f.diskUsage = Json::number(o, "diskUsage"_L1);
    f.version = Json::string(o, "version"_L1);
    f.isReadyToUpgrade = Json::boolean(o, "isReadyToUpgrade"_L1);
    f.isReadyToRollback = Json::boolean(o, "isReadyToRollback"_L1);
    f.routerMode = Json::string(o, "routerMode"_L1);
    f.natsMode = Json::string(o, "natsMode"_L1);
    f.lastStatusTimeMs = Json::integer(o, "lastStatusTime"_L1);
    f.lastActiveMs = Json::integer(o, "lastActive"_L1);
    f.warningMessage = Json::string(o, "warningMessage"_L1);
    f.tags = Json::strings(o, "tags"_L1);
    return f;
}

Result<QList<Fog>> Fog::listFromJson(const QJsonValue &json)
{
    return listOf<Fog>(json, "fogs"_L1, Tr::tr("a list of fogs"));
}

Result<Application> Application::fromJson(const QJsonValue &json)
{
    const QJsonObject o = json.toObject();
    Application a;
    a.name = Json::string(o, "name"_L1);
    if (!json.isObject() || a.name.isEmpty())
        return shapeError(Tr::tr("an application"));
    a.id = int(Json::integer(o, "id"_L1));
    a.description = Json::string(o, "description"_L1);
    a.isActivated = Json::boolean(o, "isActivated"_L1);
    a.isSystem = Json::boolean(o, "isSystem"_L1);
    const QJsonObject nats = o.value("natsConfig"_L1).toObject();
    a.natsAccess = Json::boolean(nats, "natsAccess"_L1, Json::boolean(o, "natsAccess"_L1));
    a.natsRule = Json::string(nats, "natsRule"_L1);
    a.createdAt = Json::string(o, "createdAt"_L1);
    a.updatedAt = Json::string(o, "updatedAt"_L1);
    const QJsonArray msvcs = o.value("microservices"_L1).toArray();
    a.microserviceCount = int(msvcs.size());
    for (const QJsonValue &m : msvcs) {
        const QJsonObject ms = m.toObject();
        a.microserviceNames << Json::string(ms, "name"_L1);
        if (Json::string(ms.value("status"_L1).toObject(), "status"_L1) == u"RUNNING")
            ++a.runningCount;
        if (Result<Microservice> parsed = Microservice::fromJson(m))
            a.microservices << *parsed;
    }
    return a;
}

Result<Microservice> Microservice::fromJson(const QJsonValue &json)
{
    const QJsonObject o = json.toObject();
    Microservice m;
    m.uuid = Json::string(o, "uuid"_L1);
    if (!json.isObject() || m.uuid.isEmpty())
        return shapeError(Tr::tr("a microservice"));
    m.name = Json::string(o, "name"_L1);
    m.application = Json::string(o, "application"_L1);
    m.agentUuid = Json::string(o, "iofogUuid"_L1);
    m.agentName = Json::string(o, "agentName"_L1);
    m.isSystem = Json::boolean(o, "isSystem"_L1);
    m.isActivated = Json::boolean(o, "isActivated"_L1);
    m.createdAt = Json::string(o, "createdAt"_L1);
    m.updatedAt = Json::string(o, "updatedAt"_L1);
    const QJsonObject status = o.value("status"_L1).toObject();
    m.status = Json::string(status, "status"_L1);
    m.errorMessage = Json::string(status, "errorMessage"_L1);
    m.healthStatus = Json::string(status, "healthStatus"_L1);
    m.startTimeMs = Json::integer(status, "startTime"_L1);
    m.operatingDurationMs = Json::integer(status, "operatingDuration"_L1);
    m.cpuUsage = Json::number(status, "cpuUsage"_L1);
    m.memoryUsage = Json::number(status, "memoryUsage"_L1);
    m.percentage = Json::number(status, "percentage"_L1);
    m.containerId = Json::string(status, "containerId"_L1);
    m.ipAddress = Json::string(status, "ipAddress"_L1);
    const QJsonObject check = o.value("healthCheck"_L1).toObject();
    m.hasHealthCheck = !check.isEmpty();
    m.healthTest = Json::strings(check, "test"_L1);
    m.healthInterval = Json::integer(check, "interval"_L1);
    m.healthTimeout = Json::integer(check, "timeout"_L1);
    m.healthStartPeriod = Json::integer(check, "startPeriod"_L1);
    m.healthRetries = Json::integer(check, "retries"_L1);
    m.execEnabled = Json::boolean(o, "execEnabled"_L1);
    const QJsonObject exec = o.value("execStatus"_L1).toObject();
    m.execStatus = Json::string(exec, "status"_L1);
    m.execSessionId = Json::string(exec, "execSessionId"_L1);
    for (const QJsonValue &v : o.value("images"_L1).toArray()) {
        const QJsonObject i = v.toObject();
        m.images << Image{Json::string(i, "containerImage"_L1), int(Json::integer(i, "fogTypeId"_L1))};
    }
    for (const QJsonValue &v : o.value("ports"_L1).toArray()) {
        const QJsonObject p = v.toObject();
        const QString protocol = Json::string(p, "protocol"_L1);
        m.ports << Port{Json::integer(p, "internal"_L1), Json::integer(p, "external"_L1),
                        protocol.isEmpty() ? u"tcp"_s : protocol};
    }
    for (const QJsonValue &v : o.value("volumeMappings"_L1).toArray()) {
        const QJsonObject vm = v.toObject();
        m.volumes << Volume{Json::string(vm, "hostDestination"_L1),
                            Json::string(vm, "containerDestination"_L1), Json::string(vm, "type"_L1),
                            Json::string(vm, "accessMode"_L1)};
    }
    for (const QJsonValue &v : o.value("env"_L1).toArray()) {
        const QJsonObject e = v.toObject();
        Env env{Json::string(e, "key"_L1), {}, Json::string(e, "valueFromSecret"_L1),
                Json::string(e, "valueFromConfigMap"_L1)};
        if (env.valueFromSecret.isEmpty())
            env.value = Json::string(e, "value"_L1);
        m.env << env;
    }
    const QJsonObject nats = o.value("natsConfig"_L1).toObject();
    m.natsAccess = Json::boolean(nats, "natsAccess"_L1, Json::boolean(o, "natsAccess"_L1));
    m.natsRule = Json::string(nats, "natsRule"_L1);
    m.natsCredsSecretName = Json::string(o, "natsCredsSecretName"_L1);
    m.config = Json::string(o, "config"_L1);
    m.isPrivileged = Json::boolean(o, "isPrivileged"_L1);
    m.hostNetworkMode = Json::boolean(o, "hostNetworkMode"_L1);
    m.cmd = Json::strings(o, "cmd"_L1);
    m.json = o;
    return m;
}

Result<QList<Application>> Application::listFromJson(const QJsonValue &json)
{
    return listOf<Application>(json, "applications"_L1, Tr::tr("a list of applications"));
}

Result<NatsOperator> NatsOperator::fromJson(const QJsonValue &json)
{
    const QJsonObject o = json.toObject();
    NatsOperator op{Json::string(o, "name"_L1), Json::string(o, "publicKey"_L1),
                    Json::string(o, "jwt"_L1)};
    if (op.publicKey.isEmpty() || op.jwt.isEmpty())
        return shapeError(Tr::tr("a NATS operator"));
    return op;
}

QString NatsHub::clientUrl() const
{
    const int port = serverPort > 0 ? serverPort : 4222;
    const bool v6 = host.contains(u':');
    return QStringLiteral("nats://%1:%2").arg(v6 ? u'[' + host + u']' : host).arg(port);
}

Result<NatsHub> NatsHub::fromJson(const QJsonValue &json)
{
    const QJsonObject o = json.toObject();
    NatsHub h{Json::string(o, "host"_L1),
              int(Json::integer(o, "serverPort"_L1)),
              int(Json::integer(o, "clusterPort"_L1)),
              int(Json::integer(o, "leafPort"_L1)),
              int(Json::integer(o, "mqttPort"_L1)),
              int(Json::integer(o, "httpPort"_L1))};
    if (h.host.isEmpty())
        return shapeError(Tr::tr("a NATS hub"));
    return h;
}

Result<NatsAccount> NatsAccount::fromJson(const QJsonValue &json)
{
    const QJsonObject o = json.toObject();
    NatsAccount a;
    a.name = Json::string(o, "name"_L1);
    if (a.name.isEmpty())
        return shapeError(Tr::tr("a NATS account"));
    a.publicKey = Json::string(o, "publicKey"_L1);
    a.jwt = Json::string(o, "jwt"_L1);
    a.isSystem = Json::boolean(o, "isSystem"_L1);
    a.isLeafSystem = Json::boolean(o, "isLeafSystem"_L1);
    if (o.value("applicationId"_L1).isDouble())
        a.applicationId = Json::integer(o, "applicationId"_L1);
    return a;
}

Result<NatsUser> NatsUser::fromJson(const QJsonValue &json)
{
    const QJsonObject o = json.toObject();
    NatsUser u;
    u.name = Json::string(o, "name"_L1);
    u.accountName = Json::string(o, "accountName"_L1);
    if (u.name.isEmpty())
        return shapeError(Tr::tr("a NATS user"));
    u.applicationName = Json::string(o, "applicationName"_L1);
    u.publicKey = Json::string(o, "publicKey"_L1);
    u.jwt = Json::string(o, "jwt"_L1);
    u.microserviceUuid = Json::string(o, "microserviceUuid"_L1);
    u.isBearer = Json::boolean(o, "isBearer"_L1);
    return u;
}

Result<NatsRule> NatsRule::common(const QJsonObject &o, std::initializer_list<QLatin1StringView> limits)
{
    NatsRule r;
    r.name = Json::string(o, "name"_L1);
    if (r.name.isEmpty())
        return shapeError(Tr::tr("a NATS rule"));
    r.description = Json::string(o, "description"_L1);
    r.isSystem = Json::boolean(o, "isSystem"_L1);
    r.respTtl = Json::integer(o, "respTtl"_L1);
    for (QLatin1StringView k : limits) {
        if (!o.value(k).isDouble())
            r.nullLimits << QString(k);
    }
    return r;
}

Result<NatsAccountRule> NatsAccountRule::fromJson(const QJsonValue &json)
{
    const QJsonObject o = json.toObject();
    Result<NatsRule> base = common(o, {"maxConnections"_L1, "maxLeafNodeConnections"_L1, "maxData"_L1,
                                       "maxExports"_L1, "maxImports"_L1, "maxMsgPayload"_L1,
                                       "maxSubscriptions"_L1});
    if (!base)
        return base.error();
    NatsAccountRule r;
    static_cast<NatsRule &>(r) = *base;
    if (o.value("maxConnections"_L1).isDouble())
        r.maxConnections = Json::integer(o, "maxConnections"_L1);
    r.exports = int(o.value("exports"_L1).toArray().size());
    r.imports = int(o.value("imports"_L1).toArray().size());
    return r;
}

Result<NatsUserRule> NatsUserRule::fromJson(const QJsonValue &json)
{
    const QJsonObject o = json.toObject();
    Result<NatsRule> base = common(o, {"maxSubscriptions"_L1, "maxPayload"_L1, "maxData"_L1});
    if (!base)
        return base.error();
    NatsUserRule r;
    static_cast<NatsRule &>(r) = *base;
    r.bearerToken = Json::boolean(o, "bearerToken"_L1);
    r.allowedConnectionTypes = Json::strings(o, "allowedConnectionTypes"_L1);
    return r;
}

QString fogTypeName(int id)
{
    switch (id) {
    case 0: return Tr::tr("auto");
    case 1: return QStringLiteral("x86");
    case 2: return QStringLiteral("ARM");
    default: return Tr::tr("type %1").arg(id);
    }
}

} // namespace Pot::Api
