#include "testutil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

/// pot-console-cli cert inspect, run as a separate process over files made by openssl.
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
};

QTEST_GUILESS_MAIN(TstCliCert)
#include "tst_cli_cert.moc"
