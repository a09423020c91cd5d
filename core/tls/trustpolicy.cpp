#include "trustpolicy.h"

#include "certificatereport.h"
#include "core/logging.h"
#include "core/tr.h"

#include <QCryptographicHash>
#include <QRegularExpression>

namespace Pot::Tls {

Result<QByteArray> TrustPolicy::parsePin(const QString &pin)
{
    QString text = pin.trimmed().toLower();
    for (const QString &prefix : {QStringLiteral("sha256//"), QStringLiteral("sha256:"),
                                 QStringLiteral("sha-256:")}) {
        if (text.startsWith(prefix)) {
            text = text.mid(prefix.size());
            break;
        }
    }
    text.remove(QRegularExpression(QStringLiteral("[\\s:\\-]")));
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    if (!hex.match(text).hasMatch()) {
        return Error(ErrorCode::InvalidInput,
                     Tr::tr("The certificate pin must be a SHA-256 fingerprint: 64 hexadecimal "
                            "digits, colons allowed."),
                     Tr::tr("got %1 hex digits").arg(text.size()));
    }
    return QByteArray::fromHex(text.toLatin1());
}

Result<TrustPolicy> TrustPolicy::create(const QString &caPem, const QString &pin)
{
    TrustPolicy policy;
    const QString pem = caPem.trimmed();
    if (!pem.isEmpty()) {
        const QList<QSslCertificate> certs = QSslCertificate::fromData(pem.toUtf8(), QSsl::Pem);
        if (certs.isEmpty() || certs.constFirst().isNull()) {
            return Error(ErrorCode::InvalidInput,
                         Tr::tr("The custom CA is not a PEM certificate (expected text starting "
                                "with -----BEGIN CERTIFICATE-----)."));
        }
        policy.m_customCas = certs;
    }
    if (!pin.trimmed().isEmpty()) {
        auto parsed = parsePin(pin);
        if (!parsed)
            return parsed.error();
        policy.m_pin = *parsed;
    }
    return policy;
}

QSslConfiguration TrustPolicy::configuration(QSslConfiguration base) const
{
    base.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!m_customCas.isEmpty()) {
        // Setting the list turns off on-demand loading of system roots, so keep them explicitly.
        base.setCaCertificates(QSslConfiguration::systemCaCertificates() + m_customCas);
    }
    return base;
}

Status TrustPolicy::checkPin(const QSslCertificate &serverCertificate) const
{
    if (m_pin.isEmpty())
        return {};
    if (serverCertificate.isNull()) {
        return Error(ErrorCode::Tls,
                     Tr::tr("The server presented no certificate to compare with the pin."));
    }
    const QByteArray actual =
        QCryptographicHash::hash(serverCertificate.toDer(), QCryptographicHash::Sha256);
    if (actual == m_pin)
        return {};
    qCWarning(lcCoreTls) << "certificate pin mismatch";
    return Error(ErrorCode::Tls,
                 Tr::tr("The server certificate does not match the pinned fingerprint. Expected "
                        "%1, but the server presented %2.")
                     .arg(formatFingerprint(m_pin), formatFingerprint(actual)));
}

} // namespace Pot::Tls
