#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace Pot::Nats {

/// The `nats.type` of a claim set; anything unknown (or a non-NATS JWT) is Generic.
enum class ClaimKind {
    Operator,
    Account,
    User,
    Activation,
    AuthorizationRequest,
    AuthorizationResponse,
    Generic,
};

/// "operator", "account", "user", "activation", "authorization_request",
/// "authorization_response", "generic".
QString claimKindName(ClaimKind kind);

/// Registered claims (Go ClaimsData). Times are Unix seconds; 0 = absent.
struct StandardClaims
{
    QString audience; ///< aud
    qint64 expires = 0; ///< exp
    QString id; ///< jti
    qint64 issuedAt = 0; ///< iat
    QString issuer; ///< iss
    QString name;
    qint64 notBefore = 0; ///< nbf
    QString subject; ///< sub
};

/// allow/deny subject lists.
struct Permission
{
    QStringList allow;
    QStringList deny;
    bool isEmpty() const { return allow.isEmpty() && deny.isEmpty(); }
};

/// `resp`: publishing to reply subjects. ttl is a Go time.Duration in nanoseconds.
struct ResponsePermission
{
    qint64 maxMsgs = 0;
    qint64 ttlNanos = 0;
};

struct TimeRange
{
    QString start; ///< "HH:MM:SS"
    QString end;
};

/// subs/data/payload. std::nullopt = absent, which nats-server treats as 0 (not unlimited).
struct NatsLimits
{
    std::optional<qint64> subs;
    std::optional<qint64> data;
    std::optional<qint64> payload;
};

/// Permissions and limits of a user; also the template of a scoped signing key.
struct UserPermissionLimits
{
    Permission pub;
    Permission sub;
    std::optional<ResponsePermission> resp;
    QStringList src; ///< CIDRs
    QList<TimeRange> times;
    QString timesLocation;
    NatsLimits limits;
    bool bearerToken = false;
    QStringList allowedConnectionTypes;
    bool proxyRequired = false;

    /// Go HasEmptyPermissions: nothing set at all (required for users of scoped signing keys).
    bool isEmpty() const;
};

struct JetStreamLimits
{
    qint64 memStorage = 0;
    qint64 diskStorage = 0;
    qint64 streams = 0;
    qint64 consumer = 0;
    qint64 maxAckPending = 0;
    qint64 memMaxStreamBytes = 0;
    qint64 diskMaxStreamBytes = 0;
    bool maxBytesRequired = false;
    bool isEmpty() const;
};

/// The flat `limits` object of an account (NatsLimits + AccountLimits + JetStreamLimits).
struct AccountLimits
{
    NatsLimits nats;
    std::optional<qint64> imports;
    std::optional<qint64> exports;
    bool wildcards = false;
    bool disallowBearer = false;
    std::optional<qint64> conn;
    std::optional<qint64> leaf;
    JetStreamLimits jetStream;
    QMap<QString, JetStreamLimits> tieredLimits; ///< e.g. "R1", "R3"
};

/// An account signing key: plain, or scoped (`user_scope`) with a role and a user template.
struct SigningKey
{
    QString key;
    bool scoped = false;
    QString kind; ///< "user_scope" for scoped keys
    QString role;
    QString description;
    UserPermissionLimits userTemplate;
};

struct ServiceLatency
{
    QString sampling; ///< "1".."100" or "headers"
    QString results;  ///< subject
};

struct Export
{
    QString name;
    QString subject;
    QString type; ///< "stream" | "service"
    bool tokenReq = false;
    QMap<QString, qint64> revocations;
    QString responseType; ///< "Singleton" | "Stream" | "Chunked"
    qint64 responseThreshold = 0; ///< ns
    std::optional<ServiceLatency> latency;
    qint64 accountTokenPosition = 0;
    bool advertise = false;
    bool allowTrace = false;
    QString description;
    QString infoUrl;
};

struct Import
{
    QString name;
    QString subject;
    QString account;
    QString token;
    QString to; ///< deprecated
    QString localSubject;
    QString type;
    bool share = false;
    bool allowTrace = false;
};

struct OperatorClaims
{
    QStringList signingKeys;
    QString accountServerUrl;
    QStringList operatorServiceUrls;
    QString systemAccount;
    QString assertServerVersion;
    bool strictSigningKeyUsage = false;
};

struct AccountClaims
{
    QList<Import> imports;
    QList<Export> exports;
    bool limitsPresent = false; ///< whether the payload had a `limits` object at all
    AccountLimits limits;
    QList<SigningKey> signingKeys;
    QMap<QString, qint64> revocations; ///< user key or "*" → Unix seconds
    bool defaultPermissionsPresent = false;
    UserPermissionLimits defaultPermissions; ///< pub/sub/resp only
    QJsonObject mappings;      ///< kept as JSON (display only)
    QJsonObject authorization; ///< auth callout, kept as JSON
    QString description;
    QString infoUrl;

    /// The signing key entry for `key`, or nullptr.
    const SigningKey *signingKey(const QString &key) const;
};

struct UserClaims
{
    UserPermissionLimits permissions;
    QString issuerAccount;
};

struct ActivationClaims
{
    QString importSubject; ///< "subject"
    QString importType;    ///< "kind"
    QString issuerAccount;
};

/// A decoded NATS claim set. Only the member matching `kind` is filled; `payload` keeps the whole
/// JSON object so keys this version does not know are kept and can be shown.
struct Claims
{
    ClaimKind kind = ClaimKind::Generic;
    StandardClaims standard;
    int version = 0;  ///< nats.version (1 for v1 tokens with a top-level `type`)
    QString type;     ///< the raw type string
    QStringList tags;
    OperatorClaims op;
    AccountClaims account;
    UserClaims user;
    ActivationClaims activation;
    QJsonObject payload;
    /// What Go's encoding/json (nats-io/jwt v2.3.0 decode, used by nats-server) refuses although
    /// the JSON parses here: an integer claim written as 1e10, 1000.0 or -0.0, a negative unsigned
    /// field, a nats.version other than 1 or 2, a byte order mark. nats-server cannot decode such
    /// a JWT, so each entry makes the token untrusted; the claims are still read for display.
    QStringList decodeProblems;

    /// Parses a payload object (field types are checked; `null` counts as absent). `rawJson`, the
    /// payload bytes the object was parsed from, lets integer claims be checked the way Go reads
    /// them (QJsonValue keeps 1e10 and 10000000000 alike); without it that check is skipped.
    static Result<Claims> fromPayload(const QJsonObject &payload, QByteArrayView rawJson = {});

    // Builders with the defaults Go's New*Claims / nsc write (limits -1, wildcards on).
    static Claims newOperator(const QString &name, const QString &subject);
    static Claims newAccount(const QString &name, const QString &subject);
    static Claims newUser(const QString &name, const QString &subject,
                          const QString &issuerAccount = {});
};

/// Keys of `payload` / `payload.nats` (and nested objects) this version understands; everything
/// else is shown under "Other fields".
bool isKnownTopLevelKey(const QString &key);
bool isKnownNatsKey(ClaimKind kind, const QString &key);

} // namespace Pot::Nats
