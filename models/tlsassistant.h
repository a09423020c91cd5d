#pragma once

#include "core/x509/tlsassistant.h"

#include <QObject>
#include <QStringList>
#include <QUrl>
#include <QVariantList>

#include <functional>
#include <optional>

namespace Pot::Models {

/// Tools → Controller TLS: the certificate, key and CA a Controller is to serve HTTPS with, made
/// here for its hosts or read from the operator's files (core/x509 TLS assistant); the check's
/// verdict host by host; the YAML for a Remote ControlPlane or a Kubernetes TLS Secret, shown with
/// the private key hidden and saved owner-only; the CA (and, when made here, its key) saved; and
/// what a connection profile that trusts the CA needs (its address and CA text).
class TlsAssistant final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TlsAssistant)
    // Input. A change of the material's inputs drops what was made from the old ones.
    Q_PROPERTY(bool generate READ generate WRITE setGenerate NOTIFY inputChanged)
    Q_PROPERTY(QString hostsText READ hostsText WRITE setHostsText NOTIFY inputChanged)
    Q_PROPERTY(int days READ days WRITE setDays NOTIFY inputChanged)
    Q_PROPERTY(QString caName READ caName WRITE setCaName NOTIFY inputChanged)
    Q_PROPERTY(QUrl certificateFile READ certificateFile WRITE setCertificateFile NOTIFY inputChanged)
    Q_PROPERTY(QUrl keyFile READ keyFile WRITE setKeyFile NOTIFY inputChanged)
    Q_PROPERTY(QUrl caFile READ caFile WRITE setCaFile NOTIFY inputChanged)
    /// The chosen files' names ("" when none).
    Q_PROPERTY(QString certificateFileName READ certificateFileName NOTIFY inputChanged)
    Q_PROPERTY(QString keyFileName READ keyFileName NOTIFY inputChanged)
    Q_PROPERTY(QString caFileName READ caFileName NOTIFY inputChanged)
    // How the YAML is written (changes only the YAML).
    Q_PROPERTY(bool kubernetes READ kubernetes WRITE setKubernetes NOTIFY outputChanged)
    Q_PROPERTY(QString controllerName READ controllerName WRITE setControllerName NOTIFY outputChanged)
    Q_PROPERTY(QString secretName READ secretName WRITE setSecretName NOTIFY outputChanged)
    Q_PROPERTY(QString nameSpace READ nameSpace WRITE setNameSpace NOTIFY outputChanged)
    // Result.
    Q_PROPERTY(bool ready READ ready NOTIFY resultChanged)
    Q_PROPERTY(bool passed READ passed NOTIFY resultChanged)
    Q_PROPERTY(QString error READ error NOTIFY resultChanged)
    Q_PROPERTY(bool needsPassword READ needsPassword NOTIFY resultChanged)
    Q_PROPERTY(QStringList problems READ problems NOTIFY resultChanged)
    Q_PROPERTY(QStringList notes READ notes NOTIFY resultChanged)
    Q_PROPERTY(QVariantList hosts READ hosts NOTIFY resultChanged)
    Q_PROPERTY(QString summary READ summary NOTIFY resultChanged)
    Q_PROPERTY(bool hasCaKey READ hasCaKey NOTIFY resultChanged)
    Q_PROPERTY(QString caPem READ caPem NOTIFY resultChanged)
    Q_PROPERTY(QString profileUrl READ profileUrl NOTIFY resultChanged)
    Q_PROPERTY(QString yamlPreview READ yamlPreview NOTIFY outputChanged)
    Q_PROPERTY(QString status READ status NOTIFY statusChanged)
    Q_PROPERTY(bool statusFailed READ statusFailed NOTIFY statusChanged)

public:
    using CopyFunction = std::function<void(const QString &text, bool sensitive)>;
    /// The Controller's HTTPS port when the operator does not say otherwise.
    static constexpr int DefaultPort = 51121;

    explicit TlsAssistant(CopyFunction copy, QObject *parent = nullptr);

    bool generate() const { return m_generate; }
    void setGenerate(bool on);
    QString hostsText() const { return m_hostsText; }
    void setHostsText(const QString &text);
    int days() const { return m_days; }
    void setDays(int days);
    QString caName() const { return m_caName; }
    void setCaName(const QString &name);
    QUrl certificateFile() const { return m_certificateFile; }
    void setCertificateFile(const QUrl &file);
    QUrl keyFile() const { return m_keyFile; }
    void setKeyFile(const QUrl &file);
    QUrl caFile() const { return m_caFile; }
    void setCaFile(const QUrl &file);
    QString certificateFileName() const { return m_certificateFile.fileName(); }
    QString keyFileName() const { return m_keyFile.fileName(); }
    QString caFileName() const { return m_caFile.fileName(); }
    bool kubernetes() const { return m_kubernetes; }
    void setKubernetes(bool on);
    QString controllerName() const { return m_controllerName; }
    void setControllerName(const QString &name);
    QString secretName() const { return m_secretName; }
    void setSecretName(const QString &name);
    QString nameSpace() const { return m_nameSpace; }
    void setNameSpace(const QString &name);

    bool ready() const { return m_tls.has_value(); }
    bool passed() const { return m_check && m_check->ok(); }
    QString error() const { return m_error; }
    bool needsPassword() const { return m_needsPassword; }
    QStringList problems() const { return m_check ? m_check->problems : QStringList(); }
    QStringList notes() const { return m_check ? m_check->notes : QStringList(); }
    QVariantList hosts() const;
    QString summary() const;
    bool hasCaKey() const { return m_tls && !m_tls->caKeyPem.isEmpty(); }
    QString caPem() const { return m_tls ? QString::fromLatin1(m_tls->caPem) : QString(); }
    QString profileUrl() const;
    QString yamlPreview() const;
    QString status() const { return m_status; }
    bool statusFailed() const { return m_statusFailed; }

    /// Makes the material (generate) or reads the files (with `password` for an encrypted key or a
    /// PKCS#12; used once), then checks it for the hosts.
    Q_INVOKABLE void run(const QString &password = {});
    /// Writes the YAML with the private key to `file`, owner-only (0600); the save dialog asked
    /// before replacing. Refused while the check found a problem.
    Q_INVOKABLE bool saveYaml(const QUrl &file);
    /// Writes the CA certificate (PEM) to `file`, owner-only.
    Q_INVOKABLE bool saveCaCertificate(const QUrl &file);
    /// Writes the CA's private key (PEM, only when made here) to `file`, owner-only.
    Q_INVOKABLE bool saveCaKey(const QUrl &file);
    /// The YAML with the key on the clipboard (cleared after 30 s, as every secret copy).
    Q_INVOKABLE void copyYaml();
    /// Forgets what was made or read (the keys are wiped).
    Q_INVOKABLE void clear();

    /// "Now" for tests; invalid = the clock.
    void setNow(const QDateTime &now) { m_now = now; }

Q_SIGNALS:
    void inputChanged();
    void outputChanged();
    void resultChanged();
    void statusChanged();

private:
    SecretBytes yaml(bool withKey) const;
    bool write(const QUrl &file, QByteArrayView bytes, const QString &what);
    void setStatus(const QString &text, bool failed);
    void inputEdited();

    CopyFunction m_copy;
    bool m_generate = true;
    QString m_hostsText;
    int m_days = 365;
    QString m_caName;
    QUrl m_certificateFile;
    QUrl m_keyFile;
    QUrl m_caFile;
    bool m_kubernetes = false;
    QString m_controllerName;
    QString m_secretName;
    QString m_nameSpace;
    std::optional<X509::ServerTls> m_tls;
    std::optional<X509::TlsCheck> m_check;
    QStringList m_checkedHosts;
    QString m_error;
    bool m_needsPassword = false;
    QString m_status;
    bool m_statusFailed = false;
    QDateTime m_now;
};

} // namespace Pot::Models
