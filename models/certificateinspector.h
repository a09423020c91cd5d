#pragma once

#include "models/detailsmodel.h"

#include "core/x509/x509.h"

#include <QObject>
#include <QStringList>
#include <QUrl>

#include <functional>

namespace Pot::Models {

/// Tools → Certificate inspector: a local PEM, DER or PKCS#12 file (opened, dropped or pasted)
/// read with core/x509 and shown certificate by certificate: every field, the validity as a share
/// of the lifetime, the chain the file's certificates form (each signature verified) and whether
/// its private key matches. The key is never shown; a password is used for one read and dropped.
class CertificateInspector final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CertificateInspector)
    Q_PROPERTY(bool loaded READ loaded NOTIFY changed)
    Q_PROPERTY(QString error READ error NOTIFY changed)
    Q_PROPERTY(bool needsPassword READ needsPassword NOTIFY changed)
    Q_PROPERTY(QString source READ source NOTIFY changed)
    Q_PROPERTY(QString summary READ summary NOTIFY changed)
    Q_PROPERTY(QStringList titles READ titles NOTIFY changed)
    Q_PROPERTY(int current READ current WRITE setCurrent NOTIFY changed)
    Q_PROPERTY(double lifetimeUsed READ lifetimeUsed NOTIFY changed)
    Q_PROPERTY(QString validityText READ validityText NOTIFY changed)
    Q_PROPERTY(bool expired READ expired NOTIFY changed)
    Q_PROPERTY(bool lifetimeWarning READ lifetimeWarning NOTIFY changed)
    Q_PROPERTY(Pot::Models::DetailsModel *details READ details CONSTANT)
    Q_PROPERTY(bool canExportPkcs12 READ canExportPkcs12 NOTIFY changed)
    Q_PROPERTY(QString exportStatus READ exportStatus NOTIFY exportStatusChanged)
    Q_PROPERTY(bool exportFailed READ exportFailed NOTIFY exportStatusChanged)

public:
    using CopyFunction = std::function<void(const QString &text, bool sensitive)>;
    /// Past this share of its lifetime a certificate is flagged (the expiry radar's default).
    static constexpr double WarnAtLifetimeUsed = 0.8;

    explicit CertificateInspector(CopyFunction copy, QObject *parent = nullptr);

    bool loaded() const { return !m_bundle.certificates.isEmpty() || !m_bundle.key.isNull(); }
    QString error() const { return m_error; }
    bool needsPassword() const { return m_needsPassword; }
    QString source() const { return m_source; }
    QString summary() const;
    QStringList titles() const;
    int current() const { return m_current; }
    void setCurrent(int index);
    double lifetimeUsed() const;
    QString validityText() const;
    bool expired() const;
    bool lifetimeWarning() const;
    DetailsModel *details() const { return m_details; }
    /// The file's private key belongs to the shown certificate.
    bool canExportPkcs12() const;
    QString exportStatus() const { return m_exportStatus; }
    bool exportFailed() const { return m_exportFailed; }

    /// Writes the shown certificate to `file`, owner-only (0600): `format` "pem", "der", "chain"
    /// (it and its issuers in this file, leaf first, PEM) or "pkcs12" (with the file's private key
    /// and issuers, protected by `password`). Replaces an existing file (the save dialog asked).
    Q_INVOKABLE bool exportTo(const QUrl &file, const QString &format, const QString &password = {});

    /// Reads `file` (with `password` for a PKCS#12 or an encrypted key; empty for none).
    Q_INVOKABLE void loadFile(const QUrl &file, const QString &password = {});
    /// Reads pasted PEM text.
    Q_INVOKABLE void loadText(const QString &text);
    /// Reads the last file (or pasted text that asked for one) again with `password`.
    Q_INVOKABLE void retryWithPassword(const QString &password);
    Q_INVOKABLE void copyField(const QString &label);
    /// The current certificate as PEM on the clipboard.
    Q_INVOKABLE void copyPem();
    Q_INVOKABLE void clear();

    /// "Now" for tests; invalid = the clock.
    void setNow(const QDateTime &now) { m_now = now; }
    /// Shows `bundle` (read elsewhere, e.g. from the Controller) as if opened from `source`.
    void loadBundle(X509::Bundle bundle, const QString &source) { show(std::move(bundle), source); }

Q_SIGNALS:
    void changed();
    void exportStatusChanged();

private:
    void show(Result<X509::Bundle> bundle, const QString &source);
    void rebuild();
    QDateTime now() const;

    CopyFunction m_copy;
    DetailsModel *m_details;
    X509::Bundle m_bundle;
    QList<X509::ChainLink> m_chain;
    int m_keyMatches = -1;
    int m_current = 0;
    QString m_error;
    bool m_needsPassword = false;
    QString m_source;
    QUrl m_file;
    SecretBytes m_pasted; ///< pasted text kept only while it waits for its password
    QDateTime m_now;
    QString m_exportStatus;
    bool m_exportFailed = false;
};

} // namespace Pot::Models
