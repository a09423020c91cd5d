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
    const QJsonArray msvcs = o.value("microservices"_L1).toArray();
    a.microserviceCount = int(msvcs.size());
    for (const QJsonValue &m : msvcs)
        a.microserviceNames << Json::string(m.toObject(), "name"_L1);
    return a;
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
