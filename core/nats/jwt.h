#pragma once

#include "core/nats/claims.h"
#include "core/nats/nkey.h"
#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Pot::Nats {

/// How a jti is generated (nats-jwt.md §3.1).
enum class JtiStyle {
    Go,     ///< base32(SHA-512/256(standard claims JSON)), Go key order, HTML-escaped strings
    JwtJs,  ///< std-base64(SHA-512(payload without jti)), jwt.js key order, jti last
    Other,  ///< anything else (only reported by detectJtiStyle)
};

/// Whether a claim is usable "now" as far as iat/nbf/exp go.
enum class TimeState { Valid, NotYetValid, Expired };

struct EncodeOptions
{
    JtiStyle style = JtiStyle::Go;
    /// iat to stamp; std::nullopt = the current time.
    std::optional<qint64> issuedAt;
};

/// A decoded JWT: NATS (alg ed25519-nkey, or legacy v1 "ed25519") or generic (RS256, EdDSA, …).
/// Decoding never re-serialises: the original segments are kept, so verification covers the
/// bytes as sent.
class Jwt final
{
public:
    static constexpr qsizetype MaxTokenSize = 1024 * 1024;

    Jwt() = default;

    /// Splits, base64url-decodes and parses a token (surrounding whitespace ignored). NATS claims
    /// are parsed into claims(); any JWT with other algorithms decodes as ClaimKind::Generic.
    static Result<Jwt> decode(QByteArrayView token);

    const QByteArray &token() const { return m_token; }
    const QJsonObject &header() const { return m_header; }
    const QJsonObject &payload() const { return m_claims.payload; }
    /// The decoded payload exactly as sent (JSON bytes).
    const QByteArray &payloadJson() const { return m_payloadJson; }
    const QByteArray &signature() const { return m_signature; }
    QString algorithm() const { return m_alg; }

    bool isNats() const { return m_nats; }
    /// 1 (legacy: payload-only signature) or 2 for NATS tokens; 0 for generic ones.
    int natsVersion() const { return m_nats ? m_signedVersion : 0; }
    ClaimKind kind() const { return m_claims.kind; }
    const Claims &claims() const { return m_claims; }
    const StandardClaims &standard() const { return m_claims.standard; }

    /// The bytes the signature covers: "header.payload" (v2 and generic), the payload segment (v1).
    QByteArrayView signingInput() const;

    /// NATS tokens: Ed25519 signature by the `iss` nkey. Generic tokens: Unsupported (they need a
    /// key; see verifyWithPem).
    Status verifySignature() const;
    /// Generic tokens: RS256/RS384/RS512 (OpenSSL) or EdDSA (key read by OpenSSL, verified by
    /// libsodium) with a PEM public key or certificate.
    Status verifyWithPem(const QByteArray &pem) const;

    /// Issuer and subject kinds allowed for the claim type (Go ExpectedPrefixes, encoders' rules).
    Status checkKinds() const;
    /// exp/nbf against `now` (Unix seconds): exp > 0 && now > exp ⇒ expired; nbf > now ⇒ not yet.
    TimeState timeState(qint64 now) const;
    /// Every blocking problem for nats-server, in words (signature, kinds, version, times).
    QStringList problems(qint64 now) const;

    /// Encodes and signs a NATS claim set (v2 header). Sets iss/iat, computes the jti in the given
    /// style and checks that the issuer kind may sign this claim type.
    static Result<QByteArray> encode(const Claims &claims, const KeyPair &issuer,
                                     const EncodeOptions &options = {});
    /// The JSON payload encode() would sign (iss, iat and jti included).
    static Result<QByteArray> encodePayload(const Claims &claims, const QString &issuer,
                                            const EncodeOptions &options);
    /// Signs an arbitrary payload as a v2 NATS JWT: header.payload.signature. No checks, so tests
    /// can build any world, including broken ones.
    static QByteArray signPayload(QByteArrayView payloadJson, const KeyPair &issuer);

    /// Go-style jti of the standard claims (jti itself ignored).
    static QByteArray goJti(const StandardClaims &standard);
    /// jwt.js-style jti of a payload serialised without jti.
    static QByteArray jwtJsJti(QByteArrayView payloadWithoutJti);
    /// Which generator the jti of this token matches.
    JtiStyle detectJtiStyle() const;

private:
    QByteArray m_token;
    QByteArray m_payloadJson;
    QByteArray m_signature;
    QJsonObject m_header;
    QString m_alg;
    Claims m_claims;
    qsizetype m_headerLen = 0;
    qsizetype m_payloadLen = 0;
    int m_signedVersion = 0;
    bool m_nats = false;
};

/// The issuer kinds nats-server accepts for a claim type (empty = no rule).
QList<KeyKind> expectedIssuerKinds(ClaimKind kind);

} // namespace Pot::Nats
