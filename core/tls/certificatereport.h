#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QStringList>

#include <optional>

namespace Pot::Tls {

/// What the UI shows about one presented certificate.
struct CertificateInfo
{
    QString subject;     ///< one-line distinguished name, e.g. "CN=controller.example.com, O=Example"
    QString issuer;
    QDateTime notBefore; ///< UTC
    QDateTime notAfter;  ///< UTC
    QString sha256;      ///< "AB:CD:…" of the DER encoding
    QString serialNumber;
    bool selfSigned = false;
    QByteArray pem;
};

/// The chain a server presented plus the reasons it was refused. Attached to Error::payload of
/// every ErrorCode::Tls error so the UI can show it and offer "trust this CA for this profile".
struct CertificateChainReport
{
    QString host;                        ///< host the client connected to
    QList<CertificateInfo> certificates; ///< leaf first, as presented
    QStringList problems;                ///< user-readable reasons (one per TLS error)
    bool pinMismatch = false;            ///< refused because of the profile's pin
    bool issuerUnknown = false;          ///< no trusted CA issued the chain (not: expired, wrong host)

    static CertificateChainReport fromChain(const QString &host, const QList<QSslCertificate> &chain,
                                            const QList<QSslError> &errors = {});

    /// The report attached to `error`, if any.
    static std::optional<CertificateChainReport> fromError(const Error &error);

    /// PEM of the certificate to trust as this profile's CA: the top-most presented certificate
    /// when the server sent more than its leaf (root or highest intermediate), or a self-signed
    /// leaf. Empty when the server sent only a leaf issued by someone else (the issuer is unknown).
    QByteArray issuerPem() const;

    /// Multi-line text for Error::detail, logs and the clipboard.
    QString toText() const;
};

/// Information about one certificate.
CertificateInfo describeCertificate(const QSslCertificate &certificate);

/// "AB:CD:…" upper-case hex with colons.
QString formatFingerprint(const QByteArray &digest);

/// SHA-256 of the certificate's DER encoding, formatted with formatFingerprint().
QString sha256Fingerprint(const QSslCertificate &certificate);

} // namespace Pot::Tls

Q_DECLARE_METATYPE(Pot::Tls::CertificateChainReport)
