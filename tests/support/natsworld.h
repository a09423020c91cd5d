#pragma once

#include "core/nats/nkey.h"
#include "core/result.h"

#include <QByteArray>
#include <QMap>
#include <QString>

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

/// A nats-server config body for the Go vectors (tests/data/nats-vectors): operator
/// go-operator.jwt, account go-account.jwt and a system account JWT made here with Jwt::encode (the
/// vector operator names a system account that has no JWT in the vector set), signed by the vector
/// operator signing key.
Result<QString> goVectorServerConfig();

} // namespace Pot::Test
