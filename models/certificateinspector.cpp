#include "certificateinspector.h"

#include "core/securefile.h"

#include <QFileInfo>

namespace Pot::Models {

CertificateInspector::CertificateInspector(CopyFunction copy, QObject *parent)
    : QObject(parent)
    , m_copy(std::move(copy))
    , m_details(new DetailsModel(this))
{}

QDateTime CertificateInspector::now() const
{
    return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
}

QString CertificateInspector::summary() const
{
    if (!loaded())
        return {};
    QString format;
    switch (m_bundle.format) {
    case X509::Bundle::Format::Pem:
        format = tr("PEM");
        break;
    case X509::Bundle::Format::Der:
        format = tr("DER");
        break;
    case X509::Bundle::Format::Pkcs12:
        format = tr("PKCS#12");
        break;
    }
    QString text = tr("%1, %n certificate(s)", nullptr, int(m_bundle.certificates.size())).arg(format);
    if (!m_bundle.key.isNull())
        text += m_keyMatches >= 0 ? tr(", private key (%1) of certificate %2").arg(m_bundle.key.algorithm()).arg(m_keyMatches + 1)
                                  : tr(", private key (%1) of none of them").arg(m_bundle.key.algorithm());
    return text;
}

QStringList CertificateInspector::titles() const
{
    QStringList out;
    for (int i = 0; i < m_bundle.certificates.size(); ++i) {
        const X509::Certificate &c = m_bundle.certificates.at(i);
        out << tr("%1. %2%3").arg(i + 1).arg(c.commonName.isEmpty() ? c.subject : c.commonName,
                                            c.isCa ? tr(" (CA)") : QString());
    }
    return out;
}

void CertificateInspector::setCurrent(int index)
{
    if (index == m_current || index < 0 || index >= m_bundle.certificates.size())
        return;
    m_current = index;
    rebuild();
    Q_EMIT changed();
}

double CertificateInspector::lifetimeUsed() const
{
    return m_bundle.certificates.isEmpty() ? 0.0 : m_bundle.certificates.at(m_current).lifetimeUsed(now());
}

bool CertificateInspector::expired() const
{
    return !m_bundle.certificates.isEmpty() && m_bundle.certificates.at(m_current).expired(now());
}

bool CertificateInspector::lifetimeWarning() const
{
    return !m_bundle.certificates.isEmpty() && lifetimeUsed() >= WarnAtLifetimeUsed;
}

QString CertificateInspector::validityText() const
{
    if (m_bundle.certificates.isEmpty())
        return {};
    const X509::Certificate &c = m_bundle.certificates.at(m_current);
    const QDateTime t = now();
    if (c.expired(t))
        return tr("Expired on %1").arg(c.notAfter.toString(Qt::ISODate));
    if (c.notYetValid(t))
        return tr("Not valid before %1").arg(c.notBefore.toString(Qt::ISODate));
    return tr("%1 of %2 day(s) left (%3 % of its lifetime passed)")
        .arg(c.daysRemaining(t))
        .arg(c.daysTotal())
        .arg(int(c.lifetimeUsed(t) * 100));
}

void CertificateInspector::loadFile(const QUrl &file, const QString &password)
{
    m_file = file;
    m_pasted.clear();
    QByteArray bytes = password.toUtf8();
    const SecretBytes secret = SecretBytes::takeFrom(bytes);
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    show(X509::readFile(path, secret), file.fileName());
}

void CertificateInspector::loadText(const QString &text)
{
    m_file.clear();
    QByteArray bytes = text.toUtf8();
    show(X509::readBundle(bytes), tr("pasted text"));
    // An encrypted key waits for its password; nothing else of a paste is kept.
    m_pasted = m_needsPassword ? SecretBytes::takeFrom(bytes) : SecretBytes();
    SecretBytes::wipe(bytes); // it may hold a key
}

void CertificateInspector::retryWithPassword(const QString &password)
{
    if (!m_file.isEmpty()) {
        loadFile(m_file, password);
        return;
    }
    if (m_pasted.isEmpty())
        return;
    QByteArray pass = password.toUtf8();
    const SecretBytes secret = SecretBytes::takeFrom(pass);
    QByteArray text = m_pasted.revealCopy();
    show(X509::readBundle(text, secret), tr("pasted text"));
    SecretBytes::wipe(text);
    if (!m_needsPassword)
        m_pasted.clear();
}

void CertificateInspector::show(Result<X509::Bundle> bundle, const QString &source)
{
    m_source = source;
    m_current = 0;
    m_chain.clear();
    m_keyMatches = -1;
    if (!bundle) {
        m_bundle = {};
        m_error = bundle.error().message;
        m_needsPassword = bundle.error().code == ErrorCode::Crypto;
    } else {
        m_bundle = std::move(*bundle);
        m_error.clear();
        m_needsPassword = false;
        m_keyMatches = m_bundle.keyCertificate();
    }
    rebuild();
    Q_EMIT changed();
}

void CertificateInspector::rebuild()
{
    QList<DetailRow> rows;
    if (!m_bundle.certificates.isEmpty()) {
        const X509::Certificate &c = m_bundle.certificates.at(m_current);
        const QString group = tr("Certificate");
        for (const X509::Field &f : X509::fieldsOf(c, now()))
            rows << DetailRow(group, f.label, f.value, {}, false, f.warning);
        const QList<X509::ChainLink> chain = X509::buildChain(c, m_bundle.certificates);
        const QString chainGroup = tr("Chain in this file");
        for (int i = 0; i < chain.size(); ++i) {
            const X509::ChainLink &l = chain.at(i);
            rows << DetailRow(chainGroup, i == 0 ? tr("This certificate") : tr("Issuer %1").arg(i), l.certificate.subject,
                              l.signatureVerified ? tr("Signature verified with the issuer's key") : l.problem, false,
                              !l.signatureVerified);
            rows << DetailRow(chainGroup, tr("Signature %1").arg(i + 1),
                              l.signatureVerified ? tr("verified") : l.problem, {}, false, !l.signatureVerified);
        }
    }
    if (!m_bundle.key.isNull()) {
        const QString group = tr("Private key");
        rows << DetailRow(group, tr("Algorithm"), m_bundle.key.algorithm(), tr("The key itself is never shown here."));
        rows << DetailRow(group, tr("Matches"),
                          m_keyMatches >= 0 ? titles().value(m_keyMatches) : tr("none of the certificates in this file"), {},
                          false, m_keyMatches < 0);
    }
    m_details->setRows(rows);
}

bool CertificateInspector::canExportPkcs12() const
{
    return m_keyMatches >= 0 && m_keyMatches == m_current;
}

bool CertificateInspector::exportTo(const QUrl &file, const QString &format, const QString &password)
{
    const auto finish = [this](bool ok, const QString &status) {
        m_exportFailed = !ok;
        m_exportStatus = status;
        Q_EMIT exportStatusChanged();
        return ok;
    };
    if (m_bundle.certificates.isEmpty())
        return finish(false, tr("There is no certificate to export."));
    const X509::Certificate &c = m_bundle.certificates.at(m_current);
    QList<X509::Certificate> chain;
    for (const X509::ChainLink &l : X509::buildChain(c, m_bundle.certificates))
        chain << l.certificate;
    QByteArray bytes;
    if (format == u"pem") {
        bytes = c.pem();
    } else if (format == u"der") {
        bytes = c.der;
    } else if (format == u"chain") {
        bytes = X509::toPem(chain);
    } else if (format == u"pkcs12") {
        if (!canExportPkcs12())
            return finish(false, tr("A PKCS#12 export needs the certificate's private key in the same file."));
        QByteArray pass = password.toUtf8();
        const SecretBytes secret = SecretBytes::takeFrom(pass);
        Result<QByteArray> p12 = X509::toPkcs12(c, m_bundle.key, chain.mid(1), secret, c.commonName);
        if (!p12)
            return finish(false, p12.error().message);
        bytes = std::move(*p12);
    } else {
        return finish(false, tr("Unknown export format %1.").arg(format));
    }
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    if (const Status written = writeOwnerOnlyFile(path, bytes, true); !written)
        return finish(false, written.error().message);
    return finish(true, tr("Saved %1 (readable by you only).").arg(QFileInfo(path).fileName()));
}

void CertificateInspector::copyField(const QString &label)
{
    const QString value = m_details->valueOf(label);
    if (!value.isEmpty() && m_copy)
        m_copy(value, false);
}

void CertificateInspector::copyPem()
{
    if (!m_bundle.certificates.isEmpty() && m_copy)
        m_copy(QString::fromLatin1(m_bundle.certificates.at(m_current).pem()), false);
}

void CertificateInspector::clear()
{
    m_file.clear();
    m_pasted.clear();
    show(X509::Bundle{}, {});
}

} // namespace Pot::Models
