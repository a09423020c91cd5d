#include "jwt.h"

#include "base32.h"
#include "jsonwriter.h"
#include "validation.h"
#include "core/tr.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sodium.h>

#include <algorithm>
#include <memory>

namespace Pot::Nats {

using Internal::JsonWriter;

namespace {

constexpr QLatin1StringView s_algV2("ed25519-nkey");
constexpr QLatin1StringView s_algV1("ed25519");
constexpr char s_canonicalHeader[] = "eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ";

Error bad(const QString &message, const QString &detail = {})
{
    return Error(ErrorCode::InvalidInput, message, detail);
}

// ---- OpenSSL RAII -------------------------------------------------------------------------------

struct BioFree { void operator()(BIO *b) const { BIO_free(b); } };
struct PkeyFree { void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); } };
struct X509Free { void operator()(X509 *x) const { X509_free(x); } };
struct MdCtxFree { void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); } };
using BioPtr = std::unique_ptr<BIO, BioFree>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

/// Empties the OpenSSL error queue into one line for Error.detail.
QString drainOpenSslErrors(const char *where)
{
    QStringList parts;
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        char buf[256];
        ERR_error_string_n(code, buf, sizeof buf);
        parts.append(QString::fromLatin1(buf));
    }
    return QString::fromLatin1(where) + u": "
           + (parts.isEmpty() ? QStringLiteral("no OpenSSL error") : parts.join(u"; "));
}

PkeyPtr readPublicKey(const QByteArray &pem, QString *detail)
{
    ERR_clear_error();
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    if (!bio) {
        *detail = drainOpenSslErrors("BIO_new_mem_buf");
        return {};
    }
    PkeyPtr key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    if (key)
        return key;
    BioPtr bio2(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    X509Ptr cert(bio2 ? PEM_read_bio_X509(bio2.get(), nullptr, nullptr, nullptr) : nullptr);
    if (cert) {
        ERR_clear_error();
        key.reset(X509_get_pubkey(cert.get()));
        if (key)
            return key;
    }
    *detail = drainOpenSslErrors("PEM_read_bio_PUBKEY/PEM_read_bio_X509");
    return {};
}

// ---- SHA-512/256 with libsodium -----------------------------------------------------------------

/// SHA-512/256 (FIPS 180-4): SHA-512 with its own initial hash values, truncated to 32 bytes.
/// libsodium has no SHA-512/256 entry point, but its SHA-512 state is public, so only the IV changes.
QByteArray sha512_256(QByteArrayView data)
{
    crypto_hash_sha512_state st;
    crypto_hash_sha512_init(&st);
    static constexpr uint64_t iv[8] = {0x22312194FC2BF72CULL, 0x9F555FA3C84C64C2ULL,
                                       0x2393B86B6F53B151ULL, 0x963877195940EABDULL,
                                       0x96283EE2A88EFFE3ULL, 0xBE5E1E2553863992ULL,
                                       0x2B0199FC2C85B8AAULL, 0x0EB72DDC81C52CA2ULL};
    std::copy(std::begin(iv), std::end(iv), std::begin(st.state));
    crypto_hash_sha512_update(&st, reinterpret_cast<const unsigned char *>(data.data()),
                              static_cast<unsigned long long>(data.size()));
    unsigned char out[crypto_hash_sha512_BYTES];
    crypto_hash_sha512_final(&st, out);
    return QByteArray(reinterpret_cast<const char *>(out), 32);
}

QByteArray sha512(QByteArrayView data)
{
    unsigned char out[crypto_hash_sha512_BYTES];
    crypto_hash_sha512(out, reinterpret_cast<const unsigned char *>(data.data()),
                       static_cast<unsigned long long>(data.size()));
    return QByteArray(reinterpret_cast<const char *>(out), crypto_hash_sha512_BYTES);
}

// ---- claim encoding (Go struct order) -----------------------------------------------------------

void writePermission(JsonWriter &w, QLatin1StringView name, const Permission &p, bool always)
{
    if (!always && p.isEmpty())
        return;
    w.key(name);
    w.beginObject();
    w.listMember(QLatin1StringView("allow"), p.allow);
    w.listMember(QLatin1StringView("deny"), p.deny);
    w.endObject();
}

void writePermissions(JsonWriter &w, const UserPermissionLimits &u, bool goStyle)
{
    writePermission(w, QLatin1StringView("pub"), u.pub, goStyle);
    writePermission(w, QLatin1StringView("sub"), u.sub, goStyle);
    if (u.resp) {
        w.key(QLatin1StringView("resp"));
        w.beginObject();
        w.key(QLatin1StringView("max"));
        w.value(u.resp->maxMsgs);
        w.key(QLatin1StringView("ttl"));
        w.value(u.resp->ttlNanos);
        w.endObject();
    }
}

void writeUserPermissionLimits(JsonWriter &w, const UserPermissionLimits &u, bool goStyle)
{
    writePermissions(w, u, goStyle);
    w.listMember(QLatin1StringView("src"), u.src);
    if (!u.times.isEmpty()) {
        w.key(QLatin1StringView("times"));
        w.beginArray();
        for (const TimeRange &t : u.times) {
            w.beginObject();
            w.stringMember(QLatin1StringView("start"), t.start);
            w.stringMember(QLatin1StringView("end"), t.end);
            w.endObject();
        }
        w.endArray();
    }
    w.stringMember(QLatin1StringView("times_location"), u.timesLocation);
    w.intMember(QLatin1StringView("subs"), u.limits.subs.value_or(0));
    w.intMember(QLatin1StringView("data"), u.limits.data.value_or(0));
    w.intMember(QLatin1StringView("payload"), u.limits.payload.value_or(0));
    w.boolMember(QLatin1StringView("bearer_token"), u.bearerToken);
    w.listMember(QLatin1StringView("allowed_connection_types"), u.allowedConnectionTypes);
    w.boolMember(QLatin1StringView("proxy_required"), u.proxyRequired);
}

void writeJetStream(JsonWriter &w, const JetStreamLimits &j)
{
    w.intMember(QLatin1StringView("mem_storage"), j.memStorage);
    w.intMember(QLatin1StringView("disk_storage"), j.diskStorage);
    w.intMember(QLatin1StringView("streams"), j.streams);
    w.intMember(QLatin1StringView("consumer"), j.consumer);
    w.intMember(QLatin1StringView("max_ack_pending"), j.maxAckPending);
    w.intMember(QLatin1StringView("mem_max_stream_bytes"), j.memMaxStreamBytes);
    w.intMember(QLatin1StringView("disk_max_stream_bytes"), j.diskMaxStreamBytes);
    w.boolMember(QLatin1StringView("max_bytes_required"), j.maxBytesRequired);
}

void writeRevocations(JsonWriter &w, QLatin1StringView name, const QMap<QString, qint64> &rev)
{
    if (rev.isEmpty())
        return;
    w.key(name);
    w.beginObject();
    for (auto it = rev.begin(); it != rev.end(); ++it) { // QMap is sorted like Go's map output
        w.key(QLatin1StringView(it.key().toLatin1()));
        w.value(it.value());
    }
    w.endObject();
}

void writeAccount(JsonWriter &w, const AccountClaims &a, bool goStyle)
{
    QList<Import> imports = a.imports;
    QList<Export> exports = a.exports;
    if (goStyle) { // Go sorts imports and exports by subject before encoding
        std::stable_sort(imports.begin(), imports.end(),
                         [](const Import &x, const Import &y) { return x.subject < y.subject; });
        std::stable_sort(exports.begin(), exports.end(),
                         [](const Export &x, const Export &y) { return x.subject < y.subject; });
    }
    if (!imports.isEmpty()) {
        w.key(QLatin1StringView("imports"));
        w.beginArray();
        for (const Import &i : imports) {
            w.beginObject();
            w.stringMember(QLatin1StringView("name"), i.name);
            w.stringMember(QLatin1StringView("subject"), i.subject);
            w.stringMember(QLatin1StringView("account"), i.account);
            w.stringMember(QLatin1StringView("token"), i.token);
            w.stringMember(QLatin1StringView("to"), i.to);
            w.stringMember(QLatin1StringView("local_subject"), i.localSubject);
            w.stringMember(QLatin1StringView("type"), i.type);
            w.boolMember(QLatin1StringView("share"), i.share);
            w.boolMember(QLatin1StringView("allow_trace"), i.allowTrace);
            w.endObject();
        }
        w.endArray();
    }
    if (!exports.isEmpty()) {
        w.key(QLatin1StringView("exports"));
        w.beginArray();
        for (const Export &e : exports) {
            w.beginObject();
            w.stringMember(QLatin1StringView("name"), e.name);
            w.stringMember(QLatin1StringView("subject"), e.subject);
            w.stringMember(QLatin1StringView("type"), e.type);
            w.boolMember(QLatin1StringView("token_req"), e.tokenReq);
            writeRevocations(w, QLatin1StringView("revocations"), e.revocations);
            w.stringMember(QLatin1StringView("response_type"), e.responseType);
            w.intMember(QLatin1StringView("response_threshold"), e.responseThreshold);
            if (e.latency) {
                w.key(QLatin1StringView("service_latency"));
                w.beginObject();
                w.key(QLatin1StringView("sampling"));
                bool numeric = false;
                const qint64 n = e.latency->sampling.toLongLong(&numeric);
                if (numeric)
                    w.value(n);
                else
                    w.value(e.latency->sampling);
                w.key(QLatin1StringView("results"));
                w.value(e.latency->results);
                w.endObject();
            }
            w.intMember(QLatin1StringView("account_token_position"), e.accountTokenPosition);
            w.boolMember(QLatin1StringView("advertise"), e.advertise);
            w.boolMember(QLatin1StringView("allow_trace"), e.allowTrace);
            w.stringMember(QLatin1StringView("description"), e.description);
            w.stringMember(QLatin1StringView("info_url"), e.infoUrl);
            w.endObject();
        }
        w.endArray();
    }
    if (goStyle || a.limitsPresent) {
        const AccountLimits &l = a.limits;
        w.key(QLatin1StringView("limits"));
        w.beginObject();
        w.intMember(QLatin1StringView("subs"), l.nats.subs.value_or(0));
        w.intMember(QLatin1StringView("data"), l.nats.data.value_or(0));
        w.intMember(QLatin1StringView("payload"), l.nats.payload.value_or(0));
        w.intMember(QLatin1StringView("imports"), l.imports.value_or(0));
        w.intMember(QLatin1StringView("exports"), l.exports.value_or(0));
        w.boolMember(QLatin1StringView("wildcards"), l.wildcards);
        w.boolMember(QLatin1StringView("disallow_bearer"), l.disallowBearer);
        w.intMember(QLatin1StringView("conn"), l.conn.value_or(0));
        w.intMember(QLatin1StringView("leaf"), l.leaf.value_or(0));
        writeJetStream(w, l.jetStream);
        if (!l.tieredLimits.isEmpty()) {
            w.key(QLatin1StringView("tiered_limits"));
            w.beginObject();
            for (auto it = l.tieredLimits.begin(); it != l.tieredLimits.end(); ++it) {
                w.key(QLatin1StringView(it.key().toLatin1()));
                w.beginObject();
                writeJetStream(w, it.value());
                w.endObject();
            }
            w.endObject();
        }
        w.endObject();
    }
    if (!a.signingKeys.isEmpty()) {
        QList<SigningKey> keys = a.signingKeys;
        if (goStyle)
            std::stable_sort(keys.begin(), keys.end(),
                             [](const SigningKey &x, const SigningKey &y) { return x.key < y.key; });
        w.key(QLatin1StringView("signing_keys"));
        w.beginArray();
        for (const SigningKey &k : keys) {
            if (!k.scoped) {
                w.value(k.key);
                continue;
            }
            w.beginObject();
            w.key(QLatin1StringView("kind"));
            w.value(k.kind.isEmpty() ? QStringLiteral("user_scope") : k.kind);
            w.key(QLatin1StringView("key"));
            w.value(k.key);
            w.key(QLatin1StringView("role"));
            w.value(k.role);
            w.key(QLatin1StringView("template"));
            w.beginObject();
            writeUserPermissionLimits(w, k.userTemplate, goStyle);
            w.endObject();
            w.stringMember(QLatin1StringView("description"), k.description);
            w.endObject();
        }
        w.endArray();
    }
    writeRevocations(w, QLatin1StringView("revocations"), a.revocations);
    if (goStyle || a.defaultPermissionsPresent) {
        w.key(QLatin1StringView("default_permissions"));
        w.beginObject();
        writePermissions(w, a.defaultPermissions, goStyle);
        w.endObject();
    }
    if (!a.mappings.isEmpty()) {
        w.key(QLatin1StringView("mappings"));
        w.value(QJsonValue(a.mappings));
    }
    if (!a.authorization.isEmpty()) {
        w.key(QLatin1StringView("authorization"));
        w.value(QJsonValue(a.authorization));
    }
    w.stringMember(QLatin1StringView("description"), a.description);
    w.stringMember(QLatin1StringView("info_url"), a.infoUrl);
}

void writeNats(JsonWriter &w, const Claims &c, bool goStyle)
{
    w.key(QLatin1StringView("nats"));
    w.beginObject();
    switch (c.kind) {
    case ClaimKind::Operator:
        w.listMember(QLatin1StringView("signing_keys"), c.op.signingKeys);
        w.stringMember(QLatin1StringView("account_server_url"), c.op.accountServerUrl);
        w.listMember(QLatin1StringView("operator_service_urls"), c.op.operatorServiceUrls);
        w.stringMember(QLatin1StringView("system_account"), c.op.systemAccount);
        w.stringMember(QLatin1StringView("assert_server_version"), c.op.assertServerVersion);
        w.boolMember(QLatin1StringView("strict_signing_key_usage"), c.op.strictSigningKeyUsage);
        break;
    case ClaimKind::Account:
        writeAccount(w, c.account, goStyle);
        break;
    case ClaimKind::User:
        writeUserPermissionLimits(w, c.user.permissions, goStyle);
        w.stringMember(QLatin1StringView("issuer_account"), c.user.issuerAccount);
        break;
    case ClaimKind::Activation:
        w.stringMember(QLatin1StringView("subject"), c.activation.importSubject);
        w.stringMember(QLatin1StringView("kind"), c.activation.importType);
        w.stringMember(QLatin1StringView("issuer_account"), c.activation.issuerAccount);
        break;
    default:
        break;
    }
    w.listMember(QLatin1StringView("tags"), c.tags);
    w.stringMember(QLatin1StringView("type"), c.type.isEmpty() ? claimKindName(c.kind) : c.type);
    w.intMember(QLatin1StringView("version"), 2);
    w.endObject();
}

std::optional<KeyKind> expectedSubjectKind(ClaimKind kind)
{
    switch (kind) {
    case ClaimKind::Operator: return KeyKind::Operator;
    case ClaimKind::Account: return KeyKind::Account;
    case ClaimKind::User: return KeyKind::User;
    case ClaimKind::Activation: return KeyKind::Account;
    default: return std::nullopt;
    }
}

QString kindList(const QList<KeyKind> &kinds)
{
    QStringList names;
    for (KeyKind k : kinds)
        names.append(kindName(k) + u" (" + QChar::fromLatin1(prefixChar(k)) + u"…)");
    return names.join(Tr::tr(" or "));
}

bool hasBinary(QByteArrayView text)
{
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u == 0 || (u < 0x20 && u != '\n' && u != '\r' && u != '\t') || u == 0x7f)
            return true;
    }
    return false;
}

} // namespace

QList<KeyKind> expectedIssuerKinds(ClaimKind kind)
{
    switch (kind) {
    case ClaimKind::Operator: return {KeyKind::Operator};
    case ClaimKind::Account: return {KeyKind::Account, KeyKind::Operator};
    case ClaimKind::User: return {KeyKind::Account};
    case ClaimKind::Activation: return {KeyKind::Account, KeyKind::Operator};
    case ClaimKind::AuthorizationRequest: return {KeyKind::Server};
    case ClaimKind::AuthorizationResponse: return {KeyKind::Account};
    case ClaimKind::Generic: return {};
    }
    return {};
}

// ---- decoding -----------------------------------------------------------------------------------

Result<Jwt> Jwt::decode(QByteArrayView input)
{
    if (input.size() > MaxTokenSize)
        return bad(Tr::tr("The token is larger than 1 MB; a JWT is never that big."));
    const QByteArrayView text = input.trimmed();
    if (text.isEmpty())
        return bad(Tr::tr("The token is empty."));
    if (looksLikeSeed(text))
        return bad(Tr::tr("This is an nkey seed (a secret key), not a JWT. Keep it private."));
    if (text.startsWith("---"))
        return bad(Tr::tr("This is a decorated file (creds or JWT with BEGIN/END lines), not a bare JWT."));

    // Binary input is reported as such; checked only when the text is not a well-formed token,
    // so the common path does not scan the token one extra time.
    const auto malformed = [&text](const Error &error) -> Error {
        if (hasBinary(text))
            return bad(Tr::tr("The input contains binary data or NUL bytes; a JWT is plain text."));
        return error;
    };
    const qsizetype dot1 = text.indexOf('.');
    const qsizetype dot2 = dot1 < 0 ? -1 : text.indexOf('.', dot1 + 1);
    if (dot1 < 0 || dot2 < 0 || text.indexOf('.', dot2 + 1) >= 0)
        return malformed(bad(Tr::tr("A JWT has three parts separated by dots; this text has %1.")
                                 .arg(text.count('.') + 1)));

    Jwt jwt;
    jwt.m_token = text.toByteArray();
    jwt.m_headerLen = dot1;
    jwt.m_payloadLen = dot2 - dot1 - 1;
    const QByteArrayView headerSeg = text.first(dot1);
    const QByteArrayView payloadSeg = text.sliced(dot1 + 1, jwt.m_payloadLen);
    const QByteArrayView sigSeg = text.sliced(dot2 + 1);
    if (headerSeg.isEmpty() || payloadSeg.isEmpty())
        return bad(Tr::tr("The JWT has an empty header or payload part."));

    bool headerBom = false;
    // Header: nearly every NATS token carries the same 47 bytes, which need no JSON parsing.
    if (headerSeg == QByteArrayView(s_canonicalHeader)) {
        jwt.m_alg = QString(s_algV2);
        // Immutable and implicitly shared: each token gets a reference, not a new object.
        static const QJsonObject canonical{{QStringLiteral("typ"), QStringLiteral("JWT")},
                                           {QStringLiteral("alg"), QString(s_algV2)}};
        jwt.m_header = canonical;
    } else {
        const std::optional<QByteArray> headerJson = base64UrlDecode(headerSeg);
        if (!headerJson)
            return malformed(bad(Tr::tr("The JWT header is not valid base64url (without padding).")));
        QJsonParseError err{};
        const QJsonDocument doc = QJsonDocument::fromJson(*headerJson, &err);
        if (err.error != QJsonParseError::NoError)
            return bad(Tr::tr("The JWT header is not valid JSON."), err.errorString());
        if (!doc.isObject())
            return bad(Tr::tr("The JWT header is not a JSON object."));
        jwt.m_header = doc.object();
        headerBom = headerJson->startsWith("\xEF\xBB\xBF");
        const QJsonValue alg = jwt.m_header.value(u"alg");
        if (!alg.isString())
            return bad(Tr::tr("The JWT header has no \"alg\"."));
        jwt.m_alg = alg.toString();
    }

    const QString algLower = jwt.m_alg.toLower();
    jwt.m_nats = algLower == s_algV2 || algLower == s_algV1;
    if (jwt.m_nats) {
        const QString typ = jwt.m_header.value(u"typ").toString();
        if (typ.compare(u"jwt", Qt::CaseInsensitive) != 0)
            return bad(Tr::tr("The JWT header type is \"%1\"; NATS tokens use \"JWT\".").arg(typ));
        jwt.m_signedVersion = algLower == s_algV2 ? 2 : 1;
    }

    std::optional<QByteArray> payloadJson = base64UrlDecode(payloadSeg);
    if (!payloadJson)
        return malformed(bad(Tr::tr("The JWT payload is not valid base64url (without padding).")));
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(*payloadJson, &err);
    if (err.error != QJsonParseError::NoError)
        return bad(Tr::tr("The JWT payload is not valid JSON."), err.errorString());
    if (!doc.isObject())
        return bad(Tr::tr("The JWT payload is not a JSON object."));
    jwt.m_payloadJson = std::move(*payloadJson);

    std::optional<QByteArray> sig = base64UrlDecode(sigSeg);
    if (!sig)
        return malformed(bad(Tr::tr("The JWT signature is not valid base64url (without padding).")));
    jwt.m_signature = std::move(*sig);

    Result<Claims> claims = Claims::fromPayload(doc.object(), jwt.m_payloadJson);
    if (!claims)
        return bad(Tr::tr("The JWT claims are malformed: %1").arg(claims.error().message));
    jwt.m_claims = std::move(claims).value();
    // Qt skips a UTF-8 byte order mark; Go's encoding/json does not ("invalid character 'ï'
    // looking for beginning of value").
    for (const auto &[bom, part] : {std::pair{headerBom, Tr::tr("header")},
                                    std::pair{jwt.m_payloadJson.startsWith("\xEF\xBB\xBF"), Tr::tr("payload")}}) {
        if (bom)
            jwt.m_claims.decodeProblems.prepend(
                Tr::tr("The JWT %1 starts with a UTF-8 byte order mark: nats-server (Go's "
                       "encoding/json) cannot decode it (\"invalid character 'ï' looking for "
                       "beginning of value\").")
                    .arg(part));
    }
    const ClaimKind kind = jwt.m_claims.kind;
    if (jwt.m_nats && (kind == ClaimKind::Operator || kind == ClaimKind::Account
                       || kind == ClaimKind::User || kind == ClaimKind::Activation)) {
        // jwt v2.3.0 picks the signed bytes by the claim version, not by the header's alg: version
        // 1 claims (a top-level "type") sign the payload only, version 2 header.payload.
        jwt.m_signedVersion = jwt.m_claims.version == 1 ? 1 : 2;
    }
    if (!jwt.m_nats) {
        jwt.m_claims.kind = ClaimKind::Generic;
    } else if (jwt.m_claims.version > 2) {
        return bad(Tr::tr("The JWT was generated by a newer version (nats.version %1); this "
                          "console understands version 2.")
                       .arg(jwt.m_claims.version));
    }
    return jwt;
}

QByteArrayView Jwt::signingInput() const
{
    if (m_nats && m_signedVersion == 1)
        return QByteArrayView(m_token).sliced(m_headerLen + 1, m_payloadLen);
    return QByteArrayView(m_token).first(m_headerLen + 1 + m_payloadLen);
}

Status Jwt::verifySignature() const
{
    if (m_token.isEmpty())
        return bad(Tr::tr("No token."));
    if (!m_nats)
        return Error(ErrorCode::Unsupported,
                     Tr::tr("A %1 token needs the issuer's public key to be verified.").arg(m_alg));
    const Result<PublicKey> issuer = PublicKey::fromString(QByteArrayView(standard().issuer.toLatin1()));
    if (!issuer)
        return Error(ErrorCode::Crypto,
                     Tr::tr("The issuer (iss) is not a valid public nkey: %1").arg(issuer.error().message));
    if (!issuer->verify(signingInput(), m_signature))
        return Error(ErrorCode::Crypto,
                     Tr::tr("The signature does not match the issuer key (claim failed V%1 signature "
                            "verification).")
                         .arg(m_signedVersion));
    return {};
}

Status Jwt::verifyWithPem(const QByteArray &pem) const
{
    if (m_nats)
        return verifySignature();
    QString detail;
    const PkeyPtr key = readPublicKey(pem, &detail);
    if (!key)
        return Error(ErrorCode::InvalidInput,
                     Tr::tr("The file is not a PEM public key or certificate."), detail);
    const QByteArrayView input = signingInput();
    const int type = EVP_PKEY_base_id(key.get());
    if (m_alg == u"EdDSA") {
        if (type != EVP_PKEY_ED25519)
            return Error(ErrorCode::Crypto, Tr::tr("EdDSA tokens need an Ed25519 public key."));
        unsigned char raw[32];
        size_t len = sizeof raw;
        if (EVP_PKEY_get_raw_public_key(key.get(), raw, &len) != 1 || len != 32)
            return Error(ErrorCode::Crypto, Tr::tr("Could not read the Ed25519 public key."),
                         drainOpenSslErrors("EVP_PKEY_get_raw_public_key"));
        if (m_signature.size() != crypto_sign_BYTES
            || crypto_sign_verify_detached(reinterpret_cast<const unsigned char *>(m_signature.constData()),
                                           reinterpret_cast<const unsigned char *>(input.data()),
                                           static_cast<unsigned long long>(input.size()), raw)
                   != 0)
            return Error(ErrorCode::Crypto, Tr::tr("The signature does not match the public key."));
        return {};
    }
    const EVP_MD *md = nullptr;
    if (m_alg == u"RS256")
        md = EVP_sha256();
    else if (m_alg == u"RS384")
        md = EVP_sha384();
    else if (m_alg == u"RS512")
        md = EVP_sha512();
    else
        return Error(ErrorCode::Unsupported,
                     Tr::tr("Verifying %1 tokens is not supported (RS256, RS384, RS512 and EdDSA are).")
                         .arg(m_alg));
    if (type != EVP_PKEY_RSA)
        return Error(ErrorCode::Crypto, Tr::tr("%1 tokens need an RSA public key.").arg(m_alg));
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, key.get()) != 1)
        return Error(ErrorCode::Crypto, Tr::tr("Could not set up signature verification."),
                     drainOpenSslErrors("EVP_DigestVerifyInit"));
    const int rc = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(m_signature.constData()),
                                    size_t(m_signature.size()),
                                    reinterpret_cast<const unsigned char *>(input.data()),
                                    size_t(input.size()));
    if (rc != 1) {
        const QString d = drainOpenSslErrors("EVP_DigestVerify");
        return Error(ErrorCode::Crypto, Tr::tr("The signature does not match the public key."), d);
    }
    return {};
}

Status Jwt::checkKinds() const
{
    if (!m_nats)
        return {};
    const QList<KeyKind> issuers = expectedIssuerKinds(kind());
    if (!issuers.isEmpty()) {
        const Result<PublicKey> iss = PublicKey::fromString(QByteArrayView(standard().issuer.toLatin1()));
        if (!iss)
            return Error(ErrorCode::InvalidInput,
                         Tr::tr("The issuer (iss) is not a valid public nkey: %1").arg(iss.error().message));
        if (!issuers.contains(iss->kind()))
            return Error(ErrorCode::InvalidInput,
                         Tr::tr("A %1 JWT must be issued by a %2 key, but iss is a %3 key.")
                             .arg(claimKindName(kind()), kindList(issuers), kindName(iss->kind())));
    }
    if (const std::optional<KeyKind> subjectKind = expectedSubjectKind(kind())) {
        const Result<PublicKey> sub = PublicKey::fromString(QByteArrayView(standard().subject.toLatin1()));
        if (!sub)
            return Error(ErrorCode::InvalidInput,
                         Tr::tr("The subject (sub) is not a valid public nkey: %1").arg(sub.error().message));
        if (sub->kind() != *subjectKind)
            return Error(ErrorCode::InvalidInput,
                         Tr::tr("The subject of a %1 JWT must be a %2 key, but sub is a %3 key.")
                             .arg(claimKindName(kind()), kindList({*subjectKind}), kindName(sub->kind())));
    }
    return {};
}

TimeState Jwt::timeState(qint64 now) const
{
    const StandardClaims &s = standard();
    if (s.expires > 0 && now > s.expires)
        return TimeState::Expired;
    if (s.notBefore > 0 && s.notBefore > now)
        return TimeState::NotYetValid;
    return TimeState::Valid;
}

QStringList Jwt::problems(qint64 now) const
{
    QStringList out;
    if (m_nats) {
        if (const Status s = verifySignature(); !s)
            out.append(s.error().message);
        if (const Status k = checkKinds(); !k)
            out.append(k.error().message);
        if (kind() == ClaimKind::Generic)
            out.append(Tr::tr("The NATS claim type \"%1\" is unknown.").arg(m_claims.type));
        out += m_claims.decodeProblems;
        for (const ValidationIssue &issue : validateClaims(m_claims)) {
            if (issue.blocking)
                out.append(Tr::tr("nats-server's validation refuses the %1 JWT: %2")
                               .arg(claimKindName(kind()), issue.text));
        }
    }
    switch (timeState(now)) {
    case TimeState::Expired:
        out.append(Tr::tr("The claim is expired (exp %1).")
                       .arg(QDateTime::fromSecsSinceEpoch(standard().expires, Qt::UTC)
                                .toString(Qt::ISODate)));
        break;
    case TimeState::NotYetValid:
        out.append(Tr::tr("The claim is not yet valid (nbf %1).")
                       .arg(QDateTime::fromSecsSinceEpoch(standard().notBefore, Qt::UTC)
                                .toString(Qt::ISODate)));
        break;
    case TimeState::Valid:
        break;
    }
    return out;
}

// ---- jti ----------------------------------------------------------------------------------------

QByteArray Jwt::goJti(const StandardClaims &s)
{
    JsonWriter w(JsonWriter::Escaping::Go);
    w.beginObject();
    w.stringMember(QLatin1StringView("aud"), s.audience);
    w.intMember(QLatin1StringView("exp"), s.expires);
    w.intMember(QLatin1StringView("iat"), s.issuedAt);
    w.stringMember(QLatin1StringView("iss"), s.issuer);
    w.stringMember(QLatin1StringView("name"), s.name);
    w.intMember(QLatin1StringView("nbf"), s.notBefore);
    w.stringMember(QLatin1StringView("sub"), s.subject);
    w.endObject();
    return Base32::encode(sha512_256(w.data()));
}

QByteArray Jwt::jwtJsJti(QByteArrayView payloadWithoutJti)
{
    return sha512(payloadWithoutJti).toBase64();
}

JtiStyle Jwt::detectJtiStyle() const
{
    const QString &jti = standard().id;
    if (jti.isEmpty())
        return JtiStyle::Other;
    if (goJti(standard()) == jti.toLatin1())
        return JtiStyle::Go;
    const QByteArray tail = ",\"jti\":\"" + jti.toLatin1() + "\"}";
    if (m_payloadJson.endsWith(tail)) {
        const QByteArray pre = m_payloadJson.first(m_payloadJson.size() - tail.size()) + '}';
        if (jwtJsJti(pre) == jti.toLatin1())
            return JtiStyle::JwtJs;
    }
    return JtiStyle::Other;
}

// ---- encoding -----------------------------------------------------------------------------------

Result<QByteArray> Jwt::encodePayload(const Claims &claims, const QString &issuer,
                                      const EncodeOptions &options)
{
    if (claims.kind == ClaimKind::Generic || claims.kind == ClaimKind::AuthorizationRequest
        || claims.kind == ClaimKind::AuthorizationResponse)
        return bad(Tr::tr("Only operator, account, user and activation claims can be encoded."));
    StandardClaims s = claims.standard;
    s.issuer = issuer;
    s.issuedAt = options.issuedAt.value_or(QDateTime::currentSecsSinceEpoch());
    s.id.clear();

    if (options.style == JtiStyle::JwtJs) {
        if (s.audience.isEmpty())
            s.audience = QStringLiteral("NATS"); // what jwt.js always writes
        JsonWriter w(JsonWriter::Escaping::JavaScript);
        w.beginObject();
        w.intMember(QLatin1StringView("exp"), s.expires);
        w.intMember(QLatin1StringView("nbf"), s.notBefore);
        w.stringMember(QLatin1StringView("aud"), s.audience);
        w.stringMember(QLatin1StringView("name"), s.name);
        w.stringMember(QLatin1StringView("sub"), s.subject);
        writeNats(w, claims, false);
        w.stringMember(QLatin1StringView("iss"), s.issuer);
        w.intMember(QLatin1StringView("iat"), s.issuedAt);
        w.endObject();
        QByteArray payload = w.take();
        const QByteArray jti = jwtJsJti(payload);
        payload.chop(1);
        payload += ",\"jti\":\"" + jti + "\"}";
        return payload;
    }

    s.id = QString::fromLatin1(goJti(s));
    JsonWriter w(JsonWriter::Escaping::Go);
    w.beginObject();
    w.stringMember(QLatin1StringView("aud"), s.audience);
    w.intMember(QLatin1StringView("exp"), s.expires);
    w.stringMember(QLatin1StringView("jti"), s.id);
    w.intMember(QLatin1StringView("iat"), s.issuedAt);
    w.stringMember(QLatin1StringView("iss"), s.issuer);
    w.stringMember(QLatin1StringView("name"), s.name);
    w.intMember(QLatin1StringView("nbf"), s.notBefore);
    w.stringMember(QLatin1StringView("sub"), s.subject);
    writeNats(w, claims, true);
    w.endObject();
    return w.take();
}

Result<QByteArray> Jwt::encode(const Claims &claims, const KeyPair &issuer, const EncodeOptions &options)
{
    if (!issuer.isValid())
        return bad(Tr::tr("No issuer key."));
    const QList<KeyKind> allowed = expectedIssuerKinds(claims.kind);
    if (!allowed.isEmpty() && !allowed.contains(issuer.kind()))
        return bad(Tr::tr("A %1 JWT must be issued by a %2 key, not a %3 key.")
                       .arg(claimKindName(claims.kind), kindList(allowed), kindName(issuer.kind())));
    if (const std::optional<KeyKind> subjectKind = expectedSubjectKind(claims.kind)) {
        const Result<PublicKey> sub = PublicKey::fromString(claims.standard.subject, *subjectKind);
        if (!sub)
            return bad(Tr::tr("The subject of a %1 JWT must be a %2 key: %3")
                           .arg(claimKindName(claims.kind), kindList({*subjectKind}), sub.error().message));
    }
    const Result<QByteArray> payload = encodePayload(claims, issuer.publicKeyString(), options);
    if (!payload)
        return payload.error();
    return signPayload(*payload, issuer);
}

QByteArray Jwt::signPayload(QByteArrayView payloadJson, const KeyPair &issuer)
{
    QByteArray token = QByteArray(s_canonicalHeader) + '.' + base64UrlEncode(payloadJson);
    const QByteArray sig = issuer.sign(token);
    token += '.' + base64UrlEncode(sig);
    return token;
}

} // namespace Pot::Nats
