#pragma once

#include "models/certificateinspector.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

namespace Pot::Models {

class ResourcePage;

/// Security → Certificates → Export: the selected certificate as the Controller holds it (its PEM
/// and private key from the details, its CAs' PEMs read from /certificates/ca/{name} along its
/// chain) written as PEM, DER, full-chain PEM or password-protected PKCS#12 with its key, always
/// owner-only — the certificate inspector's export over what the Controller sent.
class CertificateExport : public QObject // not final: QML makes a QQmlElement<> of it
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CertificateExport)
    Q_PROPERTY(bool ready READ ready NOTIFY changed)
    Q_PROPERTY(bool loading READ loading NOTIFY changed)
    Q_PROPERTY(QString name READ name NOTIFY changed)
    Q_PROPERTY(bool hasKey READ hasKey NOTIFY changed)
    Q_PROPERTY(int chainLength READ chainLength NOTIFY changed)
    Q_PROPERTY(QString status READ status NOTIFY changed)
    Q_PROPERTY(bool failed READ failed NOTIFY changed)

public:
    explicit CertificateExport(QObject *parent = nullptr);

    bool ready() const { return m_ready; }
    bool loading() const { return m_pending > 0; }
    QString name() const { return m_name; }
    bool hasKey() const { return m_inspector.canExportPkcs12(); }
    int chainLength() const;
    QString status() const { return m_status; }
    bool failed() const { return m_failed; }

    /// Reads the certificate selected on `page` (a certificates page whose details have arrived)
    /// and fetches the PEMs of the CAs on its chain. ready() once all are there.
    Q_INVOKABLE void prepare(Pot::Models::ResourcePage *page);
    /// Writes it to `file`: `format` "pem", "der", "chain" or "pkcs12" (with `password`).
    Q_INVOKABLE bool exportTo(const QUrl &file, const QString &format, const QString &password = {});
    /// Forgets the certificate and its key.
    Q_INVOKABLE void clear();

Q_SIGNALS:
    void changed();

private:
    void finish();
    void fail(const QString &message);

    CertificateInspector m_inspector;
    QByteArray m_pem;        ///< the certificate, then its CAs, as PEM
    SecretBytes m_key;
    QString m_name;
    int m_pending = 0;
    int m_generation = 0;    ///< answers for an earlier prepare() are dropped
    bool m_ready = false;
    QString m_status;
    bool m_failed = false;
};

} // namespace Pot::Models
