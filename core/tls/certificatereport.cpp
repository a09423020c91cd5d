#include "certificatereport.h"

#include "core/tr.h"

#include <QCryptographicHash>

namespace Pot::Tls {

namespace {

QString distinguishedName(const QSslCertificate &c, bool issuer)
{
    // Most specific attribute first, the way people read "CN=…, O=…".
    static const QByteArray order[] = {"CN", "OU", "O", "L", "ST", "C", "emailAddress"};
    QStringList parts;
    for (const QByteArray &attr : order) {
        const QStringList values = issuer ? c.issuerInfo(attr) : c.subjectInfo(attr);
        for (const QString &v : values)
            parts << QString::fromLatin1(attr) + u'=' + v;
    }
    if (parts.isEmpty())
        return issuer ? c.issuerDisplayName() : c.subjectDisplayName();
    return parts.join(u", ");
}

} // namespace

QString formatFingerprint(const QByteArray &digest)
{
    return QString::fromLatin1(digest.toHex(':').toUpper());
}

QString sha256Fingerprint(const QSslCertificate &certificate)
{
    return formatFingerprint(
        QCryptographicHash::hash(certificate.toDer(), QCryptographicHash::Sha256));
}

CertificateInfo describeCertificate(const QSslCertificate &certificate)
{
    CertificateInfo info;
    info.subject = distinguishedName(certificate, false);
    info.issuer = distinguishedName(certificate, true);
    info.notBefore = certificate.effectiveDate().toUTC();
    info.notAfter = certificate.expiryDate().toUTC();
    info.sha256 = sha256Fingerprint(certificate);
    info.serialNumber = QString::fromLatin1(certificate.serialNumber());
    info.selfSigned = certificate.isSelfSigned();
    info.pem = certificate.toPem();
    return info;
}

CertificateChainReport CertificateChainReport::fromChain(const QString &host,
                                                         const QList<QSslCertificate> &chain,
                                                         const QList<QSslError> &errors)
{
    CertificateChainReport report;
    report.host = host;
    QList<QSslCertificate> certs = chain;
    // Some handshakes fail before the chain is stored; the errors still name the certificates.
    if (certs.isEmpty()) {
        for (const QSslError &e : errors) {
            if (!e.certificate().isNull() && !certs.contains(e.certificate()))
                certs << e.certificate();
        }
    }
    for (const QSslCertificate &c : std::as_const(certs))
        report.certificates << describeCertificate(c);
    for (const QSslError &e : errors) {
        const QString text = e.errorString();
        if (!report.problems.contains(text))
            report.problems << text;
        if (e.error() == QSslError::UnableToGetLocalIssuerCertificate
            || e.error() == QSslError::UnableToVerifyFirstCertificate
            || e.error() == QSslError::UnableToGetIssuerCertificate)
            report.issuerUnknown = true;
    }
    return report;
}

std::optional<CertificateChainReport> CertificateChainReport::fromError(const Error &error)
{
    if (!error.payload.canConvert<CertificateChainReport>())
        return std::nullopt;
    return error.payload.value<CertificateChainReport>();
}

QByteArray CertificateChainReport::issuerPem() const
{
    if (certificates.isEmpty())
        return {};
    if (certificates.size() > 1)
        return certificates.constLast().pem;
    const CertificateInfo &leaf = certificates.constFirst();
    return leaf.selfSigned ? leaf.pem : QByteArray();
}

QString CertificateChainReport::toText() const
{
    QStringList lines;
    if (!host.isEmpty())
        lines << Tr::tr("Server: %1").arg(host);
    for (const QString &p : problems)
        lines << Tr::tr("Problem: %1").arg(p);
    if (certificates.isEmpty())
        lines << Tr::tr("The server presented no certificate.");
    for (qsizetype i = 0; i < certificates.size(); ++i) {
        const CertificateInfo &c = certificates.at(i);
        lines << Tr::tr("Certificate %1%2").arg(i).arg(i == 0 ? Tr::tr(" (server)") : QString());
        lines << Tr::tr("  Subject: %1").arg(c.subject);
        lines << Tr::tr("  Issuer: %1").arg(c.issuer);
        lines << Tr::tr("  Valid: %1 to %2")
                     .arg(c.notBefore.toString(Qt::ISODate), c.notAfter.toString(Qt::ISODate));
        lines << Tr::tr("  SHA-256: %1").arg(c.sha256);
    }
    return lines.join(u'\n');
}

} // namespace Pot::Tls
