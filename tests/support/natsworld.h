#pragma once

#include "core/nats/handshakeprobe.h"
#include "core/nats/nkey.h"
#include "core/result.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QUrl>

namespace Pot::Test {

/// A user of the test world: its key pair and the user JWT the world issued for it.
struct NatsWorldUser
{
    Nats::KeyPair key;
    QByteArray jwt;
    QString account; ///< public key of the account it belongs to (or claims to)
};

/// An operator-mode world built with core/nats (keys generated fresh, JWTs encoded and signed by
/// Jwt::encode), for a real nats-server with the MEMORY resolver:
///  - operator (self-signed) with one signing key and a system account;
///  - accounts SYS, APP (limits, a signing key, a revocation) and STRICT (disallow_bearer, a
///    signing key), all issued by the operator signing key;
///  - users, see users: "normal" (APP signing key + issuer_account), "direct" (APP identity),
///    "bearer" (bearer_token, APP), "strict-bearer" (bearer_token, STRICT: refused),
///    "strict" (STRICT signing key), "revoked" (APP, iat before its revocation), "expired"
///    (exp in the past), "tampered" (normal's JWT with one payload byte changed), and
///    "foreign-signer" (issuer_account APP, signed by STRICT's signing key).
class NatsWorld final
{
public:
    static Result<NatsWorld> build();

    /// The nats-server configuration body (after listen/server_name): operator file written to
    /// `dir`, system_account, resolver MEMORY and resolver_preload with every account JWT, debug
    /// logging so that the server states why it refused someone.
    Result<QString> serverConfig(const QString &dir) const;

    Nats::KeyPair operatorKey;
    Nats::KeyPair operatorSigningKey;
    Nats::KeyPair systemAccount;
    Nats::KeyPair appAccount;
    Nats::KeyPair appSigningKey;
    Nats::KeyPair strictAccount;
    Nats::KeyPair strictSigningKey;
    QByteArray operatorJwt;
    QMap<QString, QByteArray> accountJwts; ///< account public key → JWT
    QMap<QString, NatsWorldUser> users;
    qint64 revokedAt = 0;
};

/// A nats-server config body for operator mode: the operator JWT written to `dir`, system_account,
/// resolver MEMORY with every account of `accounts` (public key → JWT) preloaded, debug logging.
Result<QString> operatorModeConfig(const QString &dir, const QByteArray &operatorJwt,
                                   const QString &systemAccount,
                                   const QMap<QString, QByteArray> &accounts);

/// The payload of an account JWT as the Datasance Controller 3.7.3 writes it
/// (shared/docs/controller-api.md §5.2–§5.3, jwt.js): aud "NATS", no exp; nats.limits carries conn,
/// leaf, data, exports, imports, payload and subs always, `null` unless `limits` sets them, and
/// wildcards / disallow_bearer `null` unless set; default_permissions {pub: {}, sub: {}};
/// imports and exports verbatim (only when non-empty).
QByteArray controllerAccountPayload(const QString &name, const QString &account,
                                    const QString &issuer, const QJsonObject &limits = {},
                                    const QJsonArray &imports = {}, const QJsonArray &exports = {});

/// The limits of the Controller's built-in default-account rule (controller-api.md §5.6): every
/// limit -1, wildcards true.
QJsonObject controllerUnlimitedLimits();
/// The imports of the Controller fixture rule foo-importer (tests/data/controller-3.7.3): stream
/// foo.> from the foo-producer account as imported.foo.>.
QJsonArray controllerFooImport();

/// A user JWT payload as the Controller writes it for the built-in default-user rule
/// (controller-api.md §5.4, §5.6): subs/data/payload -1, pub/sub {}, STANDARD and WEBSOCKET.
QByteArray controllerUserPayload(const QString &name, const QString &user, const QString &issuer);

/// One live handshake with `creds` against `url` (HandshakeProbe, waits up to 30 s).
Result<Nats::ProbeResult> probeOnce(const QUrl &url, const Nats::ProbeCredentials &creds);

/// A nats-server config body for the Go vectors (tests/data/nats-vectors): operator
/// go-operator.jwt, account go-account.jwt and a system account JWT made here with Jwt::encode (the
/// vector operator names a system account that has no JWT in the vector set), signed by the vector
/// operator signing key.
Result<QString> goVectorServerConfig();

} // namespace Pot::Test
