#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <initializer_list>
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

/// One microservice, as GET /application lists it under its application (and GET /microservices).
/// `agentName` and `isSystem` are not the Controller's: a page that knows them (the agent list,
/// whether its application is a system one) sets them on the object before it is read.
struct Microservice
{
    struct Image
    {
        QString containerImage;
        int fogTypeId = 0;
    };
    struct Port
    {
        qint64 internal = 0;
        qint64 external = 0;
        QString protocol; ///< "tcp" when the Controller leaves it out
    };
    struct Volume
    {
        QString hostDestination;
        QString containerDestination;
        QString type;       ///< bind, volume, volumeMount
        QString accessMode; ///< rw, ro
    };
    /// One environment variable. A value from a secret is not kept (the Controller sends it
    /// resolved; it is secret material): only its reference.
    struct Env
    {
        QString key;
        QString value;
        QString valueFromSecret;    ///< "secret/key"
        QString valueFromConfigMap; ///< "configmap/key"
    };

    QString uuid;
    QString name;
    QString application;
    QString agentUuid;  ///< iofogUuid
    QString agentName;  ///< set by the console (see above)
    bool isSystem = false; ///< set by the console (see above)
    bool isActivated = false;
    QString createdAt;
    QString updatedAt;
    QString status;     ///< status.status: QUEUED, RUNNING, FAILED, …
    QString errorMessage;
    QString healthStatus;
    qint64 startTimeMs = 0;
    qint64 operatingDurationMs = 0;
    double cpuUsage = 0;
    double memoryUsage = 0; ///< bytes
    double percentage = 0;  ///< image pull progress
    QString containerId;
    QString ipAddress;
    bool hasHealthCheck = false;
    QStringList healthTest;
    qint64 healthInterval = 0;
    qint64 healthTimeout = 0;
    qint64 healthStartPeriod = 0;
    qint64 healthRetries = 0;
    bool execEnabled = false;
    QString execStatus;
    QString execSessionId;
    QList<Image> images;
    QList<Port> ports;
    QList<Volume> volumes;
    QList<Env> env;
    bool natsAccess = false; ///< natsConfig.natsAccess, else natsAccess
    QString natsRule;        ///< natsConfig.natsRule: a user-rule name, may be empty
    QString natsCredsSecretName;
    QString config;          ///< a JSON text
    bool isPrivileged = false;
    bool hostNetworkMode = false;
    QStringList cmd;
    /// The Controller's object as sent, for the pages that show it. In memory only: it holds env
    /// values resolved from secrets, so it is never logged or saved.
    QJsonObject json;

    bool isRunning() const { return status == u"RUNNING"; }
    QString key() const { return uuid; }
    QString label() const { return name; }
    static Result<Microservice> fromJson(const QJsonValue &json);
};

/// One application of GET /application (and GET /application/system).
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
    int runningCount = 0; ///< microservices whose status is RUNNING
    QStringList microserviceNames;
    QString createdAt;
    QString updatedAt;
    QList<Microservice> microservices; ///< those with a uuid, in the Controller's order

    QString key() const { return name; }
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

/// GET /nats/hub (ports 0 when not set).
struct NatsHub
{
    QString host;
    int serverPort = 0;
    int clusterPort = 0;
    int leafPort = 0;
    int mqttPort = 0;
    int httpPort = 0;

    static Result<NatsHub> fromJson(const QJsonValue &json);
    /// "nats://host:port" for clients (4222 when the Controller names no port; IPv6 in brackets).
    QString clientUrl() const;
};

/// One account of GET /nats/accounts.
struct NatsAccount
{
    QString name;
    QString publicKey;
    QString jwt;
    bool isSystem = false;     ///< the system account (SYS)
    bool isLeafSystem = false; ///< a leaf node's system account
    std::optional<qint64> applicationId; ///< set for an application's account

    bool isApplication() const { return applicationId.has_value(); }
    QString key() const { return name; }
    static Result<NatsAccount> fromJson(const QJsonValue &json);
};

/// One user of GET /nats/users.
struct NatsUser
{
    QString name;
    QString accountName;
    QString applicationName;  ///< empty for users of system accounts
    QString publicKey;
    QString jwt;
    QString microserviceUuid; ///< set when the user was made for a microservice
    bool isBearer = false;    ///< an MQTT bearer user

    /// Unique across accounts: "<account>/<user>".
    QString key() const { return accountName + u'/' + name; }
    QString label() const { return name; }
    /// The {appName} the NATS routes take for this user: its application, or the account name
    /// (system accounts have no application; the creds route takes SYS…).
    QString routeAccount() const { return applicationName.isEmpty() ? accountName : applicationName; }
    static Result<NatsUser> fromJson(const QJsonValue &json);
};

/// What GET /nats/account-rules and /nats/user-rules have in common (the list's columns).
struct NatsRule
{
    QString name;
    QString description;
    bool isSystem = false;
    qint64 respTtl = 0;         ///< resp.ttl as stored (a Go duration in nanoseconds); 0 when null
    QStringList nullLimits;     ///< numeric limits that are null (absent) in the rule

protected:
    static Result<NatsRule> common(const QJsonObject &o, std::initializer_list<QLatin1StringView> limits);
};

/// One rule of GET /nats/account-rules.
struct NatsAccountRule : NatsRule
{
    std::optional<qint64> maxConnections; ///< -1: unlimited
    int exports = 0;
    int imports = 0;

    QString key() const { return name; }
    static Result<NatsAccountRule> fromJson(const QJsonValue &json);
};

/// One rule of GET /nats/user-rules.
struct NatsUserRule : NatsRule
{
    bool bearerToken = false;
    QStringList allowedConnectionTypes;

    QString key() const { return name; }
    static Result<NatsUserRule> fromJson(const QJsonValue &json);
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
