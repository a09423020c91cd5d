#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>

namespace Pot::Tls {

/// The certificates of a custom-CA text as canonical PEM: each -----BEGIN CERTIFICATE----- block
/// with its base64 re-wrapped at 64 columns, so a CA pasted as one line (line breaks stripped by a
/// chat tool or a web form) is accepted. The error names the block and what is wrong with it.
Result<QString> normaliseCaPem(const QString &text);

/// How one profile decides whether to trust a Controller's certificate.
///
/// Default: the system trust store. A custom CA (PEM) is added to the CA list of this profile's
/// requests only. An optional SHA-256 pin of the server (leaf) certificate is checked in addition to
/// the normal chain verification, never instead of it.
class TrustPolicy final
{
public:
    TrustPolicy() = default;

    /// Builds a policy from profile settings. `caPem` may hold several certificates; `pin` is hex
    /// with optional colons/spaces, any case, optionally prefixed "sha256:". Both may be empty.
    static Result<TrustPolicy> create(const QString &caPem, const QString &pin);

    /// Parses a SHA-256 pin; gives the 32 raw bytes.
    static Result<QByteArray> parsePin(const QString &pin);

    bool usesSystemStoreOnly() const { return m_customCas.isEmpty(); }
    const QList<QSslCertificate> &customCas() const { return m_customCas; }
    const QByteArray &pinnedSha256() const { return m_pin; }

    /// `base` with the CA list extended by the custom CAs (system store kept) and peer
    /// verification on. Used per request; the application default configuration is not changed.
    QSslConfiguration configuration(
        QSslConfiguration base = QSslConfiguration::defaultConfiguration()) const;

    /// Checks the pin (if any) against the server certificate. The error names both fingerprints.
    Status checkPin(const QSslCertificate &serverCertificate) const;

private:
    QList<QSslCertificate> m_customCas;
    QList<QSslCertificate> m_caList; ///< system store + custom CAs, read once in create()
    QByteArray m_pin;
};

} // namespace Pot::Tls
