#include "tlsassistant.h"

#include "core/securefile.h"

#include <QFileInfo>
#include <QHostAddress>
#include <QUrl>

namespace Pot::Models {

TlsAssistant::TlsAssistant(CopyFunction copy, QObject *parent)
    : QObject(parent)
    , m_copy(std::move(copy))
    , m_caName(tr("PoT Controller CA"))
    , m_controllerName(QStringLiteral("controller-1"))
    , m_secretName(QStringLiteral("controller-tls"))
{
}

void TlsAssistant::inputEdited()
{
    Q_EMIT inputChanged();
    if (m_tls || !m_error.isEmpty())
        clear();
}

namespace {
/// Sets `field` to `value`; whether that changed it.
template <typename T>
bool changeTo(T &field, const T &value)
{
    if (field == value)
        return false;
    field = value;
    return true;
}
} // namespace

// What the material is made from: a change drops what was made from the old values.
void TlsAssistant::setGenerate(bool on) { if (changeTo(m_generate, on)) inputEdited(); }
void TlsAssistant::setHostsText(const QString &text) { if (changeTo(m_hostsText, text)) inputEdited(); }
void TlsAssistant::setDays(int days) { if (changeTo(m_days, days)) inputEdited(); }
void TlsAssistant::setCaName(const QString &name) { if (changeTo(m_caName, name)) inputEdited(); }
void TlsAssistant::setCertificateFile(const QUrl &file) { if (changeTo(m_certificateFile, file)) inputEdited(); }
void TlsAssistant::setKeyFile(const QUrl &file) { if (changeTo(m_keyFile, file)) inputEdited(); }
void TlsAssistant::setCaFile(const QUrl &file) { if (changeTo(m_caFile, file)) inputEdited(); }

// How the YAML is written: only the YAML changes.
void TlsAssistant::setKubernetes(bool on) { if (changeTo(m_kubernetes, on)) Q_EMIT outputChanged(); }
void TlsAssistant::setControllerName(const QString &name) { if (changeTo(m_controllerName, name)) Q_EMIT outputChanged(); }
void TlsAssistant::setSecretName(const QString &name) { if (changeTo(m_secretName, name)) Q_EMIT outputChanged(); }
void TlsAssistant::setNameSpace(const QString &name) { if (changeTo(m_nameSpace, name)) Q_EMIT outputChanged(); }

QVariantList TlsAssistant::hosts() const
{
    QVariantList out;
    if (!m_check)
        return out;
    for (const X509::HostCoverage &h : m_check->hosts)
        out << QVariantMap{{QStringLiteral("host"), h.host}, {QStringLiteral("covered"), h.covered}};
    return out;
}

QString TlsAssistant::summary() const
{
    if (!m_check)
        return {};
    const X509::Certificate &c = m_check->certificate;
    const QString ca = m_check->ca.commonName.isEmpty() ? m_check->ca.subject : m_check->ca.commonName;
    return tr("%1 (%2), issued by %3, valid until %4; key %5")
        .arg(c.commonName.isEmpty() ? c.subject : c.commonName, c.keyAlgorithm, ca,
             c.notAfter.toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")),
             m_check->keyMatches ? tr("matches") : tr("does NOT match"));
}

QString TlsAssistant::profileUrl() const
{
    if (m_checkedHosts.isEmpty())
        return {};
    const QString host = m_checkedHosts.first();
    QHostAddress address;
    const bool ipv6 = address.setAddress(host) && address.protocol() == QAbstractSocket::IPv6Protocol;
    return QStringLiteral("https://%1:%2").arg(ipv6 ? u'[' + host + u']' : host).arg(DefaultPort);
}

SecretBytes TlsAssistant::yaml(bool withKey) const
{
    if (!m_tls)
        return {};
    const QString hidden = withKey ? QString() : tr("<the private key: written to the saved file only>");
    return m_kubernetes ? X509::kubernetesSecretYaml(*m_tls, m_secretName, m_nameSpace, hidden)
                        : X509::remoteControlPlaneYaml(*m_tls, m_controllerName, hidden);
}

QString TlsAssistant::yamlPreview() const
{
    const SecretBytes preview = yaml(false);
    return QString::fromUtf8(reinterpret_cast<const char *>(preview.constData()), qsizetype(preview.size()));
}

void TlsAssistant::run(const QString &password)
{
    const QStringList hostList = X509::parseHosts(m_hostsText);
    m_tls.reset();
    m_check.reset();
    m_checkedHosts.clear();
    m_error.clear();
    m_needsPassword = false;
    setStatus({}, false);
    Result<X509::ServerTls> tls = Error(ErrorCode::InvalidInput, QString());
    if (m_generate) {
        tls = X509::generateServerTls(hostList, m_days, m_caName);
    } else if (m_certificateFile.isEmpty()) {
        tls = Error(ErrorCode::InvalidInput, tr("Choose the server certificate file."));
    } else {
        QByteArray pass = password.toUtf8();
        tls = X509::readServerTls(m_certificateFile.toLocalFile(), m_keyFile.toLocalFile(), m_caFile.toLocalFile(),
                                  SecretBytes::takeFrom(pass));
    }
    if (!tls) {
        m_error = tls.error().message;
        m_needsPassword = !m_generate && tls.error().code == ErrorCode::Crypto;
    } else {
        const QDateTime now = m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
        Result<X509::TlsCheck> check = X509::checkServerTls(*tls, hostList, now);
        if (!check) {
            m_error = check.error().message;
        } else {
            m_tls = std::move(*tls);
            m_check = std::move(*check);
            m_checkedHosts = hostList;
        }
    }
    Q_EMIT resultChanged();
    Q_EMIT outputChanged();
}

void TlsAssistant::setStatus(const QString &text, bool failed)
{
    if (m_status == text && m_statusFailed == failed)
        return;
    m_status = text;
    m_statusFailed = failed;
    Q_EMIT statusChanged();
}

bool TlsAssistant::write(const QUrl &file, QByteArrayView bytes, const QString &what)
{
    const QString path = file.toLocalFile();
    if (path.isEmpty()) {
        setStatus(tr("Choose a local file to save the %1 to.").arg(what), true);
        return false;
    }
    if (const Status written = writeOwnerOnlyFile(path, bytes, true); !written) {
        setStatus(written.error().message, true);
        return false;
    }
    setStatus(tr("Saved the %1 as %2 (readable by you only).").arg(what, QFileInfo(path).fileName()), false);
    return true;
}

bool TlsAssistant::saveYaml(const QUrl &file)
{
    if (!m_tls) {
        setStatus(tr("Make or read the certificate first."), true);
        return false;
    }
    if (!passed()) {
        setStatus(tr("Not saved: the check found a problem (see above)."), true);
        return false;
    }
    if (m_kubernetes) {
        QString problem = X509::kubernetesNameProblem(m_secretName);
        if (problem.isEmpty() && !m_nameSpace.isEmpty())
            problem = X509::kubernetesNameProblem(m_nameSpace, true);
        if (!problem.isEmpty()) {
            setStatus(problem, true);
            return false;
        }
    }
    const SecretBytes text = yaml(true);
    return write(file, QByteArrayView(text.constData(), qsizetype(text.size())), tr("YAML"));
}

bool TlsAssistant::saveCaCertificate(const QUrl &file)
{
    if (!m_tls) {
        setStatus(tr("Make or read the certificate first."), true);
        return false;
    }
    return write(file, m_tls->caPem, tr("CA certificate"));
}

bool TlsAssistant::saveCaKey(const QUrl &file)
{
    if (!hasCaKey()) {
        setStatus(tr("There is no CA key: the CA was not made here."), true);
        return false;
    }
    return write(file, QByteArrayView(m_tls->caKeyPem.constData(), qsizetype(m_tls->caKeyPem.size())), tr("CA key"));
}

void TlsAssistant::copyYaml()
{
    if (!m_tls || !passed() || !m_copy)
        return;
    const SecretBytes text = yaml(true);
    // The clipboard needs a QString; the clipboard guard clears it after 30 s.
    m_copy(QString::fromUtf8(reinterpret_cast<const char *>(text.constData()), qsizetype(text.size())), true);
    setStatus(tr("YAML copied with the private key; the clipboard is cleared in 30 seconds."), false);
}

void TlsAssistant::clear()
{
    const bool had = m_tls.has_value() || !m_error.isEmpty();
    m_tls.reset(); // SecretBytes wipe themselves
    m_check.reset();
    m_checkedHosts.clear();
    m_error.clear();
    m_needsPassword = false;
    setStatus({}, false);
    if (had) {
        Q_EMIT resultChanged();
        Q_EMIT outputChanged();
    }
}

} // namespace Pot::Models
