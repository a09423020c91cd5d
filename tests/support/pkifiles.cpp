#include "pkifiles.h"

#include <QDir>
#include <QFile>
#include <QProcess>

namespace Pot::Test {

namespace {

Status openssl(const QStringList &args, const QString &dir)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished(2000);
        return Error(ErrorCode::Timeout, QStringLiteral("openssl did not finish"), args.join(u' '));
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return Error(ErrorCode::Crypto, QStringLiteral("openssl failed: ") + args.join(u' '),
                     QString::fromUtf8(p.readAll()));
    return {};
}

} // namespace

Result<PkiFiles> makePkiFiles(const QString &dir, const QString &prefix)
{
    const QDir d(dir);
    PkiFiles pki{d.absoluteFilePath(prefix + u"-ca.pem"), d.absoluteFilePath(prefix + u"-server.pem"),
                d.absoluteFilePath(prefix + u"-server.key")};
    const QString caKey = d.absoluteFilePath(prefix + u"-ca.key");
    const QString csr = d.absoluteFilePath(prefix + u"-server.csr");
    const QString ext = d.absoluteFilePath(prefix + u"-server.ext");
    {
        QFile f(ext);
        if (!f.open(QIODevice::WriteOnly))
            return Error(ErrorCode::Io, QStringLiteral("cannot write ") + ext);
        f.write("basicConstraints=critical,CA:FALSE\n"
                "keyUsage=critical,digitalSignature,keyEncipherment\n"
                "extendedKeyUsage=serverAuth\n"
                "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    }
    const QStringList ec{QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                         QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};
    Status s = openssl(QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ec
                           + QStringList{QStringLiteral("-keyout"), caKey, QStringLiteral("-out"),
                                         pki.caCert, QStringLiteral("-days"), QStringLiteral("2"),
                                         QStringLiteral("-subj"), u"/CN=" + prefix + u" Test Root CA",
                                         QStringLiteral("-addext"),
                                         QStringLiteral("basicConstraints=critical,CA:TRUE"),
                                         QStringLiteral("-addext"),
                                         QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")},
                       dir);
    if (!s)
        return s.error();
    s = openssl(QStringList{QStringLiteral("req")} + ec
                    + QStringList{QStringLiteral("-keyout"), pki.serverKey, QStringLiteral("-out"), csr,
                                  QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1")},
                dir);
    if (!s)
        return s.error();
    s = openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), csr,
                 QStringLiteral("-CA"), pki.caCert, QStringLiteral("-CAkey"), caKey,
                 QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), pki.serverCert,
                 QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"), ext},
                dir);
    if (!s)
        return s.error();
    return pki;
}

} // namespace Pot::Test
