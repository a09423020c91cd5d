#pragma once

#include "core/nats/jwt.h"
#include "core/nats/nkey.h"
#include "core/result.h"
#include "core/secretbytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Pot::Nats {

/// Which tool's text formatCreds() reproduces (nats-jwt.md §7.1 / §7.2).
enum class CredsStyle {
    Go,    ///< jwt.FormatUserConfig / nsc generate creds (closing '*' line)
    JwtJs, ///< jwt.js fmtCreds / Datasance Controller ("used sign", no closing line)
};

/// The two blocks of a .creds file. The seed stays in SecretBytes.
struct Creds
{
    QByteArray jwt;
    SecretBytes seed;
};

/// Finds block 1 (JWT) and block 2 (seed) at least as leniently as Go jwt 2.3.0: CRLF, no final
/// newline, any marker line of ≥3 dashes at both ends, surrounding/indenting whitespace, blank
/// lines before an END marker. Without decoration the whole text is the JWT and the seed is the
/// first line starting with SU/SA/SO.
Result<Creds> parseCreds(QByteArrayView text);

/// A parsed, cross-checked creds file: a user JWT and the user key pair whose public key is the
/// JWT's subject. The JWT signature and times are not judged here (see Jwt::problems).
struct UserCreds
{
    Jwt jwt;
    KeyPair key;
};

/// parseCreds + decode the JWT + the seed must be a user seed whose public key equals `sub`.
Result<UserCreds> loadCreds(QByteArrayView text);

/// The exact creds text (LF, trailing newline). Refuses non-user JWTs, non-user seeds and a seed
/// whose public key is not the JWT subject, as FormatUserConfig does.
Result<SecretBytes> formatCreds(QByteArrayView userJwt, const KeyPair &user,
                                CredsStyle style = CredsStyle::Go);

/// Writes secret bytes with writeOwnerOnlyFile (core/securefile.h): owner-only (0600) from the
/// first byte, atomically; an existing file or a symbolic link is replaced only when `overwrite`
/// is true, and a link is then replaced itself, never written through.
Status writeSecretFile(const QString &path, const SecretBytes &content, bool overwrite);

/// Settings for the `nats` CLI.
struct NatsContext
{
    QString description;
    QString url;      ///< e.g. nats://host:4222
    QString credsPath;
    QString caPath;   ///< optional CA bundle
};

/// A `nats context` JSON file (~/.config/nats/context/<name>.json).
QByteArray natsContextJson(const NatsContext &context);
/// Writes natsContextJson() to `path` owner-only (0600), like writeSecretFile: the context names a
/// creds file and a server. `replace` as for writeSecretFile (the GUI asks before it passes true).
Status writeNatsContext(const QString &path, const NatsContext &context, bool replace = true);
/// POSIX shell lines: export NATS_URL='…' / NATS_CREDS / NATS_CA.
QString natsEnvironment(const NatsContext &context);

} // namespace Pot::Nats
