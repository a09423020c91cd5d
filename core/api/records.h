#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Pot::Api {

// Typed views of Controller 3.7.3 answers. fromJson() treats null and absent keys alike and refuses
// only what makes the record meaningless (wrong top-level shape, missing identity).

/// GET /status
struct ControllerStatus
{
    QString status;            ///< "online" / "offline"
    qint64 timestampMs = 0;
    double uptimeSec = 0;
    QString controllerVersion; ///< versions.controller
    QString ecnViewerVersion;  ///< versions.ecnViewer (may be empty)

    bool isOnline() const { return status == u"online"; }
    static Result<ControllerStatus> fromJson(const QJsonValue &json);
};

/// One entry of GET /fog-types
struct FogType
{
    int id = 0;
    QString name;
    QString image;
    QString description;

    static Result<QList<FogType>> listFromJson(const QJsonValue &json);
};

/// One fog of GET /iofog-list (the fields a list shows).
struct Fog
{
    QString uuid;
    QString name;
    QString description;
    QString daemonStatus;   ///< NOT_PROVISIONED, RUNNING, WARNING, …
    bool isSystem = false;
    int fogTypeId = 0;
    QString host;
    QString ipAddress;         ///< as the agent reports it; 0.0.0.0 until it does
    QString ipAddressExternal;
    QString containerEngine;   ///< docker / podman
    QString deploymentType;    ///< native / container
    double cpuUsage = 0;       ///< %
    double memoryUsage = 0;    ///< MB
    double diskUsage = 0;      ///< MB
    QString version;
    bool isReadyToUpgrade = false;
    bool isReadyToRollback = false;
    QString routerMode;     ///< none / edge / interior
    QString natsMode;       ///< none / leaf / server
    qint64 lastStatusTimeMs = 0;
    qint64 lastActiveMs = 0;
    QString warningMessage;
    QStringList tags;

    QString key() const { return uuid; }
    /// What users call it: its name, or its uuid when it has none.
    QString label() const { return name.isEmpty() ? uuid : name; }
    static Result<Fog> fromJson(const QJsonValue &json);
    static Result<QList<Fog>> listFromJson(const QJsonValue &json); ///< {fogs: [...]}
};

/// One application of GET /application.
struct Application
{
    int id = 0;
    QString name;
    QString description;
    bool isActivated = false;
    bool isSystem = false;
    bool natsAccess = false;
    QString natsRule; ///< natsConfig.natsRule: an account-rule name, may be empty
    int microserviceCount = 0;
    QStringList microserviceNames;

    static Result<Application> fromJson(const QJsonValue &json);
    static Result<QList<Application>> listFromJson(const QJsonValue &json); ///< {applications}
};

/// GET /nats/operator
struct NatsOperator
{
    QString name;
    QString publicKey;
    QString jwt;

    static Result<NatsOperator> fromJson(const QJsonValue &json);
};

/// The name of a Controller fog type id: 0 auto (detected by the agent), 1 x86, 2 ARM.
QString fogTypeName(int id);

namespace Json {
/// Helpers that read null and absent alike.
QString string(const QJsonObject &o, QLatin1StringView key);
qint64 integer(const QJsonObject &o, QLatin1StringView key, qint64 fallback = 0);
double number(const QJsonObject &o, QLatin1StringView key, double fallback = 0);
bool boolean(const QJsonObject &o, QLatin1StringView key, bool fallback = false);
QStringList strings(const QJsonObject &o, QLatin1StringView key);
} // namespace Json

} // namespace Pot::Api
