#include "testutil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Run = Pot::Test::ProcessRun;

Run cli(const QStringList &args)
{
    return Pot::Test::runProcess(QStringLiteral(POT_CLI_EXE), args);
}

using Pot::Test::shown;

} // namespace

/// pot-console-cli cert inspect and cert tls-assistant, run as a separate process over files made by
/// openssl.
class TstCliCert : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }
    bool openssl(const QStringList &args)
    {
        const Run r = Pot::Test::runProcess(QStringLiteral("openssl"), args);
        if (r.code != 0)
            qWarning() << "openssl" << args << r.err;
        return r.code == 0;
    }
    QByteArray read(const QString &name) const
    {
        QFile f(path(name));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    void write(const QString &name, const QByteArray &data)
    {
        QFile f(path(name));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(data);
    }

private Q_SLOTS:
    void initTestCase()
    {
        Pot::Test::initTestEnvironment();
        QVERIFY(m_dir.isValid());
        QVERIFY(openssl({u"req"_qs, u"-x509"_qs, u"-newkey"_qs, u"ec"_qs, u"-pkeyopt"_qs, u"ec_paramgen_curve:P-256"_qs,
                         u"-nodes"_qs, u"-keyout"_qs, path(u"ca.key"_qs), u"-out"_qs, path(u"ca.pem"_qs), u"-subj"_qs,
                         u"/CN=CLI Test CA"_qs, u"-days"_qs, u"365"_qs}));
        QVERIFY(openssl({u"req"_qs, u"-newkey"_qs, u"rsa:2048"_qs, u"-nodes"_qs, u"-keyout"_qs, path(u"leaf.key"_qs),
                         u"-out"_qs, path(u"leaf.csr"_qs), u"-subj"_qs, u"/CN=nats.example.com"_qs}));
        write(u"leaf.ext"_qs, "subjectAltName=DNS:nats.example.com,IP:10.1.2.3\nbasicConstraints=CA:FALSE\n"
                              "extendedKeyUsage=serverAuth\n");
        QVERIFY(openssl({u"x509"_qs, u"-req"_qs, u"-in"_qs, path(u"leaf.csr"_qs), u"-CA"_qs, path(u"ca.pem"_qs),
                         u"-CAkey"_qs, path(u"ca.key"_qs), u"-CAcreateserial"_qs, u"-days"_qs, u"90"_qs, u"-extfile"_qs,
                         path(u"leaf.ext"_qs), u"-out"_qs, path(u"leaf.pem"_qs)}));
        QVERIFY(openssl({u"pkcs12"_qs, u"-export"_qs, u"-inkey"_qs, path(u"leaf.key"_qs), u"-in"_qs, path(u"leaf.pem"_qs),
                         u"-certfile"_qs, path(u"ca.pem"_qs), u"-passout"_qs, u"pass:sesame-42"_qs, u"-out"_qs,
                         path(u"leaf.p12"_qs)}));
        write(u"pass.txt"_qs, "sesame-42\n");
        write(u"wrong.txt"_qs, "open-barley\n");
        write(u"chain.pem"_qs, read(u"leaf.pem"_qs) + read(u"leaf.key"_qs) + read(u"ca.pem"_qs));
    }

    void helpNamesTheCommand()
    {
        const Run r = cli({u"--help"_qs});
        QVERIFY2(r.code == 0 && r.out.contains(u"cert inspect"), qPrintable(shown(r)));
        const Run sub = cli({u"cert"_qs, u"inspect"_qs, u"--help"_qs});
        QVERIFY2(sub.code == 0 && sub.out.contains(u"--password-file") && sub.out.contains(u"--json"), qPrintable(shown(sub)));
        QCOMPARE(cli({u"cert"_qs, u"inspect"_qs}).code, 2);
    }

    void textShowsFieldsChainAndKey()
    {
        const Run r = cli({u"cert"_qs, u"inspect"_qs, path(u"chain.pem"_qs)});
        QVERIFY2(r.code == 0, qPrintable(shown(r)));
        for (const char *expected : {"Certificate 1 of 2 (PEM)", "CN=nats.example.com", "DNS:nats.example.com, IP:10.1.2.3",
                                     "TLS Web Server Authentication", "RSA 2048 bit", "90 day(s) in all",
                                     "Certificate 2 of 2", "CN=CLI Test CA (self-issued)", "EC P-256",
                                     "Private key: RSA 2048 bit, matches certificate 1", "signature verified"})
            QVERIFY2(r.out.contains(QLatin1StringView(expected)), expected);
        // The key is described, never printed.
        QVERIFY(!r.out.contains(u"PRIVATE KEY"));
        QVERIFY(!r.out.contains(QString::fromLatin1(read(u"leaf.key"_qs).split('\n').value(1))));
    }

    void jsonForScripts()
    {
        const Run r = cli({u"cert"_qs, u"inspect"_qs, u"--json"_qs, u"--password-file"_qs, path(u"pass.txt"_qs),
                           path(u"leaf.p12"_qs)});
        QVERIFY2(r.code == 0, qPrintable(shown(r)));
        QJsonParseError error{};
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(o.value(u"format"_qs).toString(), u"pkcs12"_qs);
        const QJsonArray certs = o.value(u"certificates"_qs).toArray();
        QCOMPARE(certs.size(), 2);
        QCOMPARE(certs.at(0)[u"commonName"_qs].toString(), u"nats.example.com"_qs);
        QCOMPARE(certs.at(0)[u"ca"_qs], QJsonValue(false));
        QCOMPARE(certs.at(0)[u"expired"_qs], QJsonValue(false));
        QCOMPARE(certs.at(0)[u"daysRemaining"_qs].toInt(), 90);
        QCOMPARE(certs.at(0)[u"ipAddresses"_qs].toArray(), QJsonArray{u"10.1.2.3"_qs});
        QCOMPARE(certs.at(1)[u"ca"_qs], QJsonValue(true));
        QCOMPARE(o.value(u"privateKey"_qs)[u"matchesCertificate"_qs].toInt(), 0);
        const QJsonArray chain = o.value(u"chain"_qs).toArray();
        QCOMPARE(chain.size(), 2);
        QVERIFY(chain.at(0)[u"signatureVerified"_qs].toBool() && chain.at(1)[u"signatureVerified"_qs].toBool());
        // The fingerprint is the one openssl computes.
        const Run fp = Pot::Test::runProcess(QStringLiteral("openssl"), {u"x509"_qs, u"-noout"_qs, u"-fingerprint"_qs,
                                                                         u"-sha256"_qs, u"-in"_qs, path(u"leaf.pem"_qs)});
        QCOMPARE(certs.at(0)[u"sha256"_qs].toString(), fp.out.trimmed().section(u'=', 1));
        QVERIFY(!r.out.contains(u"sesame"));
    }

    void unreadableInputExitsOne_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("says");
        QTest::newRow("wrong password") << QStringList{u"--password-file"_qs, u"wrong.txt"_qs, u"leaf.p12"_qs}
                                        << u"The password does not open this PKCS#12 file."_qs;
        QTest::newRow("no password") << QStringList{u"leaf.p12"_qs} << u"protected by a password"_qs;
        QTest::newRow("truncated") << QStringList{u"truncated.pem"_qs} << u"truncated"_qs;
        QTest::newRow("garbage") << QStringList{u"garbage.bin"_qs} << u"neither PEM, DER nor PKCS#12"_qs;
        QTest::newRow("missing") << QStringList{u"missing.pem"_qs} << u"Cannot read"_qs;
    }
    void unreadableInputExitsOne()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, says);
        const QByteArray leaf = read(u"leaf.pem"_qs);
        write(u"truncated.pem"_qs, leaf.left(leaf.size() - 60));
        write(u"garbage.bin"_qs, QByteArray(2000, '\x01'));
        QStringList full{u"cert"_qs, u"inspect"_qs};
        for (const QString &a : args)
            full << (a.startsWith(u"--") ? a : path(a));
        const Run r = cli(full);
        QVERIFY2(r.code == 1, qPrintable(shown(r)));
        QVERIFY2(r.err.contains(says), qPrintable(shown(r)));
        QVERIFY(r.out.isEmpty());
        QVERIFY(!r.err.contains(u"barley") && !r.err.contains(u"sesame"));
    }

    // cert tls-assistant: the operator's files checked, then written owner-only in potctl's shape.
    void tlsAssistantWritesTheRemoteHttpsSection()
    {
        QFile::remove(path(u"remote.yaml"_qs));
        const Run r = cli({u"cert"_qs, u"tls-assistant"_qs, u"--cert"_qs, path(u"leaf.pem"_qs), u"--key"_qs,
                           path(u"leaf.key"_qs), u"--ca"_qs, path(u"ca.pem"_qs), u"--host"_qs, u"nats.example.com"_qs,
                           u"--host"_qs, u"10.1.2.3"_qs, u"--remote"_qs, u"ctl-1"_qs, u"-o"_qs, path(u"remote.yaml"_qs)});
        QVERIFY2(r.code == 0, qPrintable(shown(r)));
        QVERIFY2(r.out.contains(u"covered      nats.example.com") && r.out.contains(u"covered      10.1.2.3"), qPrintable(shown(r)));
        QVERIFY2(r.out.contains(u"signed by CLI Test CA"), qPrintable(shown(r)));
        QCOMPARE(QFileInfo(path(u"remote.yaml"_qs)).permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());
        const QByteArray yaml = read(u"remote.yaml"_qs);
        QVERIFY(yaml.contains("# The https section of controller \"ctl-1\""));
        QVERIFY(yaml.contains(QByteArray("https:\n  enabled: true\n  caCert: " + read(u"ca.pem"_qs).toBase64() + "\n")));
        QVERIFY(yaml.contains(QByteArray("  tlsCert: " + read(u"leaf.pem"_qs).toBase64() + "\n")));
        // The key is in the file (as PKCS#8, whatever form it came in), never on the terminal.
        QVERIFY(yaml.contains("  tlsKey: "));
        const QByteArray keyBase64 = yaml.mid(yaml.indexOf("tlsKey: ") + 8).trimmed();
        const QByteArray keyPem = QByteArray::fromBase64(keyBase64);
        QVERIFY(keyPem.startsWith("-----BEGIN PRIVATE KEY-----"));
        const Run same = Pot::Test::runProcess(QStringLiteral("openssl"), {u"pkey"_qs, u"-in"_qs, path(u"leaf.key"_qs), u"-pubout"_qs});
        const Run fromYaml = Pot::Test::runProcess(QStringLiteral("openssl"), {u"pkey"_qs, u"-pubout"_qs}, keyPem);
        QCOMPARE(fromYaml.out, same.out);
        QVERIFY(!r.out.contains(QString::fromLatin1(keyBase64.left(40))) && !r.err.contains(u"PRIVATE KEY"));

        // An existing file is replaced only with --force.
        const QStringList again{u"cert"_qs, u"tls-assistant"_qs, u"--cert"_qs, path(u"leaf.pem"_qs), u"--key"_qs,
                                path(u"leaf.key"_qs), u"--ca"_qs, path(u"ca.pem"_qs), u"--host"_qs, u"nats.example.com"_qs,
                                u"--remote"_qs, u"ctl-1"_qs, u"-o"_qs, path(u"remote.yaml"_qs)};
        const Run refused = cli(again);
        QVERIFY2(refused.code == 1 && refused.err.contains(u"exists"), qPrintable(shown(refused)));
        QVERIFY2(cli(again + QStringList{u"--force"_qs}).code == 0, "--force replaces");
    }

    void tlsAssistantWritesAKubernetesSecretFromPkcs12()
    {
        QFile::remove(path(u"secret.yaml"_qs));
        const Run r = cli({u"cert"_qs, u"tls-assistant"_qs, u"--cert"_qs, path(u"leaf.p12"_qs), u"--password-file"_qs,
                           path(u"pass.txt"_qs), u"--host"_qs, u"nats.example.com"_qs, u"--kubernetes"_qs,
                           u"controller-tls"_qs, u"--namespace"_qs, u"pot"_qs, u"-o"_qs, path(u"secret.yaml"_qs)});
        QVERIFY2(r.code == 0, qPrintable(shown(r)));
        const QByteArray yaml = read(u"secret.yaml"_qs);
        QVERIFY(yaml.contains("kind: Secret\n"));
        QVERIFY(yaml.contains("type: kubernetes.io/tls\n"));
        QVERIFY(yaml.contains("  name: controller-tls\n  namespace: pot\n"));
        QVERIFY(yaml.contains(QByteArray("  ca.crt: " + read(u"ca.pem"_qs).toBase64())));
        QVERIFY(yaml.contains("#       secretName: controller-tls\n"));
        QVERIFY(!r.out.contains(u"sesame") && !r.err.contains(u"sesame"));
    }

    void tlsAssistantRefusesAnUncoveredHostAndWritesNothing()
    {
        QFile::remove(path(u"uncovered.yaml"_qs));
        const Run r = cli({u"cert"_qs, u"tls-assistant"_qs, u"--cert"_qs, path(u"leaf.pem"_qs), u"--key"_qs,
                           path(u"leaf.key"_qs), u"--ca"_qs, path(u"ca.pem"_qs), u"--host"_qs,
                           u"nats.example.com,127.0.0.1"_qs, u"--remote"_qs, u"ctl-1"_qs, u"-o"_qs, path(u"uncovered.yaml"_qs)});
        QVERIFY2(r.code == 1, qPrintable(shown(r)));
        QVERIFY2(r.out.contains(u"NOT COVERED  127.0.0.1"), qPrintable(shown(r)));
        QVERIFY2(r.err.contains(u"problem: 127.0.0.1 is not among the certificate's names (nats.example.com, 10.1.2.3)"),
                 qPrintable(shown(r)));
        QVERIFY(r.err.contains(u"Nothing written."));
        QVERIFY(!QFile::exists(path(u"uncovered.yaml"_qs)));

        // A CA that did not sign it.
        QVERIFY(openssl({u"req"_qs, u"-x509"_qs, u"-newkey"_qs, u"ec"_qs, u"-pkeyopt"_qs, u"ec_paramgen_curve:P-256"_qs,
                         u"-nodes"_qs, u"-keyout"_qs, path(u"other.key"_qs), u"-out"_qs, path(u"other.pem"_qs), u"-subj"_qs,
                         u"/CN=Other CA"_qs, u"-days"_qs, u"30"_qs}));
        const Run foreign = cli({u"cert"_qs, u"tls-assistant"_qs, u"--cert"_qs, path(u"leaf.pem"_qs), u"--key"_qs,
                                 path(u"leaf.key"_qs), u"--ca"_qs, path(u"other.pem"_qs), u"--host"_qs,
                                 u"nats.example.com"_qs, u"--remote"_qs, u"ctl-1"_qs, u"-o"_qs, path(u"uncovered.yaml"_qs)});
        QVERIFY2(foreign.code == 1 && foreign.err.contains(u"Other CA did not sign this certificate"), qPrintable(shown(foreign)));
        QVERIFY(!QFile::exists(path(u"uncovered.yaml"_qs)));
    }

    void tlsAssistantUsage()
    {
        const QStringList base{u"cert"_qs, u"tls-assistant"_qs, u"--cert"_qs, path(u"leaf.pem"_qs), u"--key"_qs,
                               path(u"leaf.key"_qs), u"--ca"_qs, path(u"ca.pem"_qs), u"--host"_qs, u"nats.example.com"_qs};
        QCOMPARE(cli(base + QStringList{u"-o"_qs, path(u"x.yaml"_qs)}).code, 2); // neither --remote nor --kubernetes
        const Run stdoutRefused = cli(base + QStringList{u"--remote"_qs, u"a"_qs, u"-o"_qs, u"-"_qs});
        QVERIFY2(stdoutRefused.code == 2 && stdoutRefused.err.contains(u"private key"), qPrintable(shown(stdoutRefused)));
        const Run help = cli({u"cert"_qs, u"tls-assistant"_qs, u"--help"_qs});
        QVERIFY2(help.code == 0 && help.out.contains(u"--kubernetes") && help.out.contains(u"owner-only"), qPrintable(shown(help)));
    }
};

QTEST_GUILESS_MAIN(TstCliCert)
#include "tst_cli_cert.moc"
