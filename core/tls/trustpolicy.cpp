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

Result<QString> normaliseCaPem(const QString &text)
{
    static const QLatin1StringView begin("-----BEGIN CERTIFICATE-----");
    static const QLatin1StringView end("-----END CERTIFICATE-----");
    const auto invalid = [](const QString &why) {
        return Error(ErrorCode::InvalidInput, Tr::tr("The custom CA is not usable: %1").arg(why));
    };
    constexpr qsizetype MaxCaText = 1024 * 1024; // hundreds of certificates
    if (text.size() > MaxCaText)
        return invalid(Tr::tr("the text is larger than 1 MB."));
    // A key pasted along with its certificate must not be kept or sent anywhere: refuse it.
    static const QRegularExpression privateKey(QStringLiteral("-----BEGIN [A-Z ]*PRIVATE KEY-----"));
    if (text.contains(privateKey)) {
        return invalid(Tr::tr("it contains a private key. Paste only the CA certificate; the key "
                              "was not stored."));
    }
    if (!text.contains(begin)) {
        return invalid(Tr::tr("it is not a PEM certificate (expected text starting with "
                              "-----BEGIN CERTIFICATE-----)."));
    }
    QString out;
    qsizetype from = 0;
    int index = 0;
    while (true) {
        const qsizetype b = text.indexOf(begin, from);
        if (b < 0)
            break;
        ++index;
        const qsizetype bodyAt = b + begin.size();
        const qsizetype e = text.indexOf(end, bodyAt);
        if (e < 0) {
            return invalid(Tr::tr("certificate %1 has no -----END CERTIFICATE----- line (the text "
                                  "was cut off?).").arg(index));
        }
        const QStringView body = QStringView(text).mid(bodyAt, e - bodyAt);
        if (body.contains(u"-----BEGIN")) {
            return invalid(Tr::tr("certificate %1 has no -----END CERTIFICATE----- line (the text "
                                  "was cut off?).").arg(index));
        }
        QByteArray base64;
        for (const QChar c : body) {
            if (c.isSpace())
                continue;
            if (c.unicode() > 127)
                return invalid(Tr::tr("certificate %1 contains the character '%2', which is not "
                                      "base64.").arg(index).arg(c));
            base64 += char(c.unicode());
        }
        const auto der = QByteArray::fromBase64Encoding(base64, QByteArray::AbortOnBase64DecodingErrors);
        if (!der || der.decoded.isEmpty())
            return invalid(Tr::tr("the content of certificate %1 is not valid base64.").arg(index));
        const QSslCertificate cert(der.decoded, QSsl::Der);
        if (cert.isNull() || cert.toDer() != der.decoded) {
            return invalid(Tr::tr("certificate %1 decodes to %2 bytes that are not an X.509 "
                                  "certificate.").arg(index).arg(der.decoded.size()));
        }
        out += begin + u'\n';
        for (qsizetype i = 0; i < base64.size(); i += 64)
            out += QString::fromLatin1(base64.mid(i, 64)) + u'\n';
        out += end + u'\n';
        from = e + end.size();
    }
    return out;
}

Result<TrustPolicy> TrustPolicy::create(const QString &caPem, const QString &pin)
{
    TrustPolicy policy;
    const QString pem = caPem.trimmed();
    if (!pem.isEmpty()) {
        Result<QString> canonical = normaliseCaPem(pem);
        if (!canonical)
            return canonical.error();
        const QList<QSslCertificate> certs = QSslCertificate::fromData(canonical->toUtf8(), QSsl::Pem);
        if (certs.isEmpty() || certs.constFirst().isNull()) {
            return Error(ErrorCode::InvalidInput,
                         Tr::tr("The custom CA is not usable: Qt could not read its certificates."));
        }
        policy.m_customCas = certs;
        // Read the system store once per policy: it takes ~125 ms (288 certificates here), and
        // doing it per request made a sign-in's dozen reads take seconds.
        policy.m_caList = QSslConfiguration::systemCaCertificates() + certs;
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
        base.setCaCertificates(m_caList);
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
