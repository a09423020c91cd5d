#include "testpki.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>

namespace Pot::Test {

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

bool TestPki::run(const QStringList &args, QString *error)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = u"openssl " + args.join(u' ') + u": " + QString::fromLocal8Bit(p.readAllStandardError())
                 + p.errorString();
        return false;
    }
    return true;
}

bool TestPki::generate(QString *error)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary directory");
        return false;
    }
    const auto ca = [&](const QString &name, const QString &cn) {
        return run({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                    QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                    QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                    QStringLiteral("-keyout"), name + u".key", QStringLiteral("-out"),
                    name + u".pem", QStringLiteral("-days"), QStringLiteral("2"),
                    QStringLiteral("-subj"), u"/O=PoT Console Tests/CN=" + cn,
                    QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"),
                    QStringLiteral("-addext"),
                    QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")},
                   error);
    };
    if (!ca(QStringLiteral("ca"), QStringLiteral("PoT Test CA"))
        || !ca(QStringLiteral("other"), QStringLiteral("Unrelated Test CA")))
        return false;

    QFile ext(m_dir.filePath(QStringLiteral("server.ext")));
    if (!ext.open(QIODevice::WriteOnly)) {
        *error = ext.errorString();
        return false;
    }
    ext.write("basicConstraints=CA:FALSE\n"
              "keyUsage=critical,digitalSignature,keyEncipherment\n"
              "extendedKeyUsage=serverAuth\n"
              "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    ext.close();

    if (!run({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"),
              QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"),
              QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("server.key"),
              QStringLiteral("-out"), QStringLiteral("server.csr"), QStringLiteral("-subj"),
              QStringLiteral("/O=PoT Console Tests/CN=127.0.0.1")},
             error))
        return false;
    if (!run({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
              QStringLiteral("server.csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"),
              QStringLiteral("-CAkey"), QStringLiteral("ca.key"), QStringLiteral("-set_serial"),
              QStringLiteral("4242"), QStringLiteral("-days"), QStringLiteral("2"),
              QStringLiteral("-extfile"), QStringLiteral("server.ext"), QStringLiteral("-out"),
              QStringLiteral("server.pem")},
             error))
        return false;

    caPem = readFile(m_dir.filePath(QStringLiteral("ca.pem")));
    otherCaPem = readFile(m_dir.filePath(QStringLiteral("other.pem")));
    serverCertPem = readFile(m_dir.filePath(QStringLiteral("server.pem")));
    serverKeyPem = readFile(m_dir.filePath(QStringLiteral("server.key")));
    if (caPem.isEmpty() || otherCaPem.isEmpty() || serverCertPem.isEmpty() || serverKeyPem.isEmpty()) {
        *error = QStringLiteral("openssl produced empty files");
        return false;
    }
    return true;
}

QSslConfiguration TestPki::serverConfiguration(bool sendChain) const
{
    QSslConfiguration cfg = QSslConfiguration::defaultConfiguration();
    const QSslCertificate leaf(serverCertPem, QSsl::Pem);
    cfg.setLocalCertificate(leaf);
    if (sendChain)
        cfg.setLocalCertificateChain({leaf, QSslCertificate(caPem, QSsl::Pem)});
    cfg.setPrivateKey(QSslKey(serverKeyPem, QSsl::Ec, QSsl::Pem));
    cfg.setPeerVerifyMode(QSslSocket::VerifyNone); // like the Controller: no client certificate
    return cfg;
}

QString TestPki::serverFingerprint() const
{
    const QSslCertificate leaf(serverCertPem, QSsl::Pem);
    return QString::fromLatin1(
        QCryptographicHash::hash(leaf.toDer(), QCryptographicHash::Sha256).toHex(':').toUpper());
}

} // namespace Pot::Test
