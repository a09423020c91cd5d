#include "testpki.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>

#include <utility>

namespace Pot::Test {

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

TestPki::TestPki(QString caName)
    : m_caName(std::move(caName))
{
}

QString TestPki::caCertPath() const { return m_dir.filePath(QStringLiteral("ca.pem")); }
QString TestPki::serverCertPath() const { return m_dir.filePath(QStringLiteral("server.pem")); }
QString TestPki::serverKeyPath() const { return m_dir.filePath(QStringLiteral("server.key")); }
QString TestPki::otherCaCertPath() const { return m_dir.filePath(QStringLiteral("other.pem")); }

Status TestPki::run(const QStringList &args) const
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(60000)) {
        // Not started at all, or hung: do not leave it running behind the test.
        p.kill();
        p.waitForFinished(2000);
        return Error(ErrorCode::Timeout, u"openssl did not finish: " + p.errorString(),
                     args.join(u' '));
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return Error(ErrorCode::Crypto, u"openssl failed: " + args.join(u' '),
                     QString::fromLocal8Bit(p.readAll()));
    return {};
}

Status TestPki::generate()
{
    if (!m_dir.isValid())
        return Error(ErrorCode::Io, QStringLiteral("no temporary directory for the test PKI"),
                     m_dir.errorString());

    const QStringList newEcKey{QStringLiteral("-newkey"), QStringLiteral("ec"),
                               QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"),
                               QStringLiteral("-nodes")};
    const auto makeCa = [&](const QString &name, const QString &cn) {
        return run(QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + newEcKey
                   + QStringList{QStringLiteral("-keyout"), name + u".key", QStringLiteral("-out"),
                                 name + u".pem", QStringLiteral("-days"), QStringLiteral("2"),
                                 QStringLiteral("-subj"), u"/O=PoT Console Tests/CN=" + cn,
                                 QStringLiteral("-addext"),
                                 QStringLiteral("basicConstraints=critical,CA:TRUE"),
                                 QStringLiteral("-addext"),
                                 QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")});
    };
    if (Status s = makeCa(QStringLiteral("ca"), m_caName); !s)
        return s;
    if (Status s = makeCa(QStringLiteral("other"), QStringLiteral("Unrelated Test CA")); !s)
        return s;

    const QString extPath = m_dir.filePath(QStringLiteral("server.ext"));
    QFile ext(extPath);
    if (!ext.open(QIODevice::WriteOnly))
        return Error(ErrorCode::Io, u"cannot write " + extPath, ext.errorString());
    ext.write("basicConstraints=critical,CA:FALSE\n"
              "keyUsage=critical,digitalSignature,keyEncipherment\n"
              "extendedKeyUsage=serverAuth\n"
              "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    ext.close();

    if (Status s = run(QStringList{QStringLiteral("req")} + newEcKey
                       + QStringList{QStringLiteral("-keyout"), QStringLiteral("server.key"),
                                     QStringLiteral("-out"), QStringLiteral("server.csr"),
                                     QStringLiteral("-subj"),
                                     QStringLiteral("/O=PoT Console Tests/CN=127.0.0.1")});
        !s)
        return s;
    if (Status s = run({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                        QStringLiteral("server.csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"),
                        QStringLiteral("-CAkey"), QStringLiteral("ca.key"), QStringLiteral("-set_serial"),
                        QStringLiteral("4242"), QStringLiteral("-days"), QStringLiteral("2"),
                        QStringLiteral("-extfile"), QStringLiteral("server.ext"), QStringLiteral("-out"),
                        QStringLiteral("server.pem")});
        !s)
        return s;

    m_caPem = readFile(caCertPath());
    m_otherCaPem = readFile(otherCaCertPath());
    m_serverCertPem = readFile(serverCertPath());
    m_serverKeyPem = readFile(serverKeyPath());
    if (m_caPem.isEmpty() || m_otherCaPem.isEmpty() || m_serverCertPem.isEmpty()
        || m_serverKeyPem.isEmpty())
        return Error(ErrorCode::Crypto, QStringLiteral("openssl produced empty files"),
                     m_dir.path());
    return {};
}

QSslConfiguration TestPki::serverConfiguration(bool sendChain) const
{
    QSslConfiguration cfg = QSslConfiguration::defaultConfiguration();
    const QSslCertificate leaf(m_serverCertPem, QSsl::Pem);
    cfg.setLocalCertificate(leaf);
    if (sendChain)
        cfg.setLocalCertificateChain({leaf, QSslCertificate(m_caPem, QSsl::Pem)});
    cfg.setPrivateKey(QSslKey(m_serverKeyPem, QSsl::Ec, QSsl::Pem));
    cfg.setPeerVerifyMode(QSslSocket::VerifyNone); // like the Controller: no client certificate
    return cfg;
}

QString TestPki::serverFingerprint() const
{
    const QSslCertificate leaf(m_serverCertPem, QSsl::Pem);
    return QString::fromLatin1(
        QCryptographicHash::hash(leaf.toDer(), QCryptographicHash::Sha256).toHex(':').toUpper());
}

} // namespace Pot::Test
