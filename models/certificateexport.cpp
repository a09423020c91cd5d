#include "certificateexport.h"

#include "models/clusterview.h"
#include "models/resourcepage.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Pot::Models {

namespace {

/// A PEM value of the Controller's details (`data.certificate`, `data.privateKey`).
QByteArray pemOf(const QJsonObject &details, QStringView field)
{
    return details.value(u"data").toObject().value(field).toString().toUtf8();
}

} // namespace

CertificateExport::CertificateExport(QObject *parent)
    : QObject(parent)
    , m_inspector(CertificateInspector::CopyFunction(), nullptr)
{
}

int CertificateExport::chainLength() const
{
    return m_ready ? int(m_inspector.titles().size()) : 0;
}

void CertificateExport::prepare(ResourcePage *page)
{
    clear();
    const int generation = ++m_generation;
    if (!page || !page->cluster()) {
        fail(tr("No certificate is selected."));
        return;
    }
    const QJsonObject details = page->selectedDetails();
    m_name = details.value(u"name").toString();
    m_pem = pemOf(details, u"certificate");
    if (m_pem.isEmpty()) {
        fail(tr("The Controller sent no PEM for %1 (its details have not arrived, or this is sample data).")
                 .arg(m_name.isEmpty() ? page->selectedName() : m_name));
        return;
    }
    QString keyText = details.value(u"data").toObject().value(u"privateKey").toString();
    QByteArray key = keyText.toUtf8();
    keyText.fill(u'\0');
    m_key = SecretBytes::takeFrom(key);
    if (!m_pem.endsWith('\n'))
        m_pem.append('\n');
    // The CAs along its chain (a CA's own record lists none): their PEMs, in chain order.
    const QJsonArray chain = details.value(u"certificateChain").toArray();
    QStringList cas;
    for (const QJsonValue &link : chain) {
        const QString ca = link.toObject().value(u"name").toString();
        if (!ca.isEmpty() && ca != m_name)
            cas << ca;
    }
    if (cas.isEmpty()) {
        finish();
        return;
    }
    auto pems = std::make_shared<QList<QByteArray>>(cas.size());
    m_pending = int(cas.size());
    Q_EMIT changed();
    for (int i = 0; i < cas.size(); ++i) {
        const Net::ApiRequest request = Net::ApiRequest::get(QStringLiteral("/certificates/ca/%1").arg(QString::fromLatin1(QUrl::toPercentEncoding(cas.at(i)))));
        page->cluster()->send(request, this, [this, generation, pems, i, ca = cas.at(i)](Result<Net::ApiResponse> r) {
            if (generation != m_generation)
                return;
            if (!r) {
                fail(tr("The CA %1 could not be read: %2").arg(ca, r.error().message));
                return;
            }
            // Only the certificate of the CA is kept; the answer (with the CA's key) is wiped.
            (*pems)[i] = pemOf(r->json.toObject(), u"certificate");
            SecretBytes::wipe(r->body);
            if (--m_pending == 0) {
                for (QByteArray pem : std::as_const(*pems)) {
                    if (!pem.endsWith('\n'))
                        pem.append('\n');
                    m_pem += pem;
                }
                finish();
            }
        });
    }
}

void CertificateExport::finish()
{
    QByteArray key = m_key.revealCopy();
    QByteArray all;
    all.reserve(m_pem.size() + key.size()); // one buffer: no reallocation leaves a copy of the key
    all.append(m_pem).append(key);
    SecretBytes::wipe(key);
    Result<X509::Bundle> bundle = X509::readBundle(all);
    SecretBytes::wipe(all);
    if (!bundle) {
        fail(tr("The Controller's PEM for %1 cannot be read: %2").arg(m_name, bundle.error().message));
        return;
    }
    m_inspector.loadBundle(std::move(*bundle), m_name);
    m_key.clear();
    m_ready = true;
    m_status.clear();
    m_failed = false;
    Q_EMIT changed();
}

void CertificateExport::fail(const QString &message)
{
    m_pending = 0;
    m_ready = false;
    m_status = message;
    m_failed = true;
    m_key.clear();
    Q_EMIT changed();
}

bool CertificateExport::exportTo(const QUrl &file, const QString &format, const QString &password)
{
    if (!m_ready) {
        fail(tr("Nothing to export yet."));
        return false;
    }
    const bool ok = m_inspector.exportTo(file, format, password);
    m_status = m_inspector.exportStatus();
    m_failed = !ok;
    Q_EMIT changed();
    return ok;
}

void CertificateExport::clear()
{
    ++m_generation;
    m_inspector.clear();
    m_pem.clear();
    m_key.clear();
    m_name.clear();
    m_pending = 0;
    m_ready = false;
    m_status.clear();
    m_failed = false;
    Q_EMIT changed();
}

} // namespace Pot::Models
