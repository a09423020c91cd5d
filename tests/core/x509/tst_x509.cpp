// core/x509 against OpenSSL's own reports: certificates made at test time with the openssl command
// line (RSA 2048/3072, EC P-256, Ed25519; with and without SANs and EKU; expired; not yet valid; a
// chain of three), each field compared with what `openssl x509` prints; the Controller's certificate
// PEMs; PKCS#12 in and out (read back by openssl); malformed and oversized input.
#include "core/x509/x509.h"

#include "tests/support/testutil.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Pot;
using namespace Pot::X509;

namespace {

struct Run
{
    int code = -1;
    QByteArray out;
};

Run openssl(const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("openssl"), args);
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAll()};
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// What `openssl x509` reports about a certificate file, field by field.
struct OpenSslReport
{
    QString subject, issuer, serial, sha256, sha1, publicKey, signature, curve;
    QDateTime notBefore, notAfter;
    QMap<QString, QString> extensions; ///< "X509v3 Key Usage" → "Digital Signature, …"
};

QDateTime opensslDate(QString text)
{
    // "Jan  1 00:00:00 2020 GMT"
    text = text.simplified();
    QDateTime t = QDateTime::fromString(text, QStringLiteral("MMM d HH:mm:ss yyyy 'GMT'"));
    t.setTimeZone(QTimeZone::utc());
    return t;
}

OpenSslReport report(const QString &certPath)
{
    OpenSslReport r;
    const QString fields = QString::fromUtf8(
        openssl({QStringLiteral("x509"), QStringLiteral("-noout"), QStringLiteral("-in"), certPath,
                 QStringLiteral("-nameopt"), QStringLiteral("RFC2253"), QStringLiteral("-subject"),
                 QStringLiteral("-issuer"), QStringLiteral("-serial"), QStringLiteral("-dates")})
            .out);
    for (const QString &line : fields.split(u'\n')) {
        const qsizetype eq = line.indexOf(u'=');
        const QString key = line.left(eq);
        const QString value = line.mid(eq + 1);
        if (key == u"subject")
            r.subject = value;
        else if (key == u"issuer")
            r.issuer = value;
        else if (key == u"serial")
            r.serial = value;
        else if (key == u"notBefore")
            r.notBefore = opensslDate(value);
        else if (key == u"notAfter")
            r.notAfter = opensslDate(value);
    }
    const auto fingerprint = [&](const QString &digest) {
        const QString line = QString::fromUtf8(openssl({QStringLiteral("x509"), QStringLiteral("-noout"),
                                                         QStringLiteral("-in"), certPath, QStringLiteral("-fingerprint"),
                                                         u'-' + digest})
                                                   .out)
                                 .trimmed();
        return line.mid(line.indexOf(u'=') + 1);
    };
    r.sha256 = fingerprint(QStringLiteral("sha256"));
    r.sha1 = fingerprint(QStringLiteral("sha1"));
    const QString text = QString::fromUtf8(
        openssl({QStringLiteral("x509"), QStringLiteral("-noout"), QStringLiteral("-text"), QStringLiteral("-in"), certPath})
            .out);
    static const QRegularExpression publicKey(QStringLiteral(R"(Public-Key: \((\d+) bit\))"));
    static const QRegularExpression algorithm(QStringLiteral(R"(Public Key Algorithm: (\S+))"));
    static const QRegularExpression signature(QStringLiteral(R"(Signature Algorithm: (\S+))"));
    static const QRegularExpression curve(QStringLiteral(R"(NIST CURVE: (\S+))"));
    if (const auto m = publicKey.match(text); m.hasMatch())
        r.publicKey = algorithm.match(text).captured(1) + u' ' + m.captured(1);
    else
        r.publicKey = algorithm.match(text).captured(1);
    r.signature = signature.match(text).captured(1);
    r.curve = curve.match(text).captured(1);

    const QString ext = QString::fromUtf8(
        openssl({QStringLiteral("x509"), QStringLiteral("-noout"), QStringLiteral("-in"), certPath, QStringLiteral("-ext"),
                 QStringLiteral("subjectAltName,keyUsage,extendedKeyUsage,basicConstraints,subjectKeyIdentifier,"
                                "authorityKeyIdentifier")})
            .out);
    QString current;
    for (const QString &line : ext.split(u'\n')) {
        if (line.startsWith(u"X509v3 ")) {
            current = line.left(line.indexOf(u':'));
        } else if (!current.isEmpty() && !line.trimmed().isEmpty()) {
            QString &v = r.extensions[current];
            v += (v.isEmpty() ? QString() : QStringLiteral(", ")) + line.trimmed();
        }
    }
    return r;
}

QString joined(const QStringList &l) { return l.join(QStringLiteral(", ")); }

QString sansAsOpenSsl(const Certificate &c)
{
    QStringList out;
    for (const QString &d : c.dnsNames)
        out << u"DNS:" + d;
    for (const QString &e : c.emails)
        out << u"email:" + e;
    for (const QString &u : c.uris)
        out << u"URI:" + u;
    for (const QString &ip : c.ipAddresses)
        out << u"IP Address:" + ip;
    out.sort();
    return joined(out);
}

/// openssl's SAN line with IP addresses in QHostAddress's spelling, sorted (openssl keeps file order).
QString normalisedSans(const QString &line)
{
    QStringList parts;
    for (QString part : line.split(QStringLiteral(", "), Qt::SkipEmptyParts)) {
        if (part.startsWith(u"IP Address:"))
            part = u"IP Address:" + QHostAddress(part.mid(11)).toString();
        parts << part;
    }
    parts.sort();
    return joined(parts);
}

} // namespace

class TestX509 : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }
    void must(const QStringList &args, const QByteArray &input = {})
    {
        const Run r = openssl(args, input);
        if (r.code != 0)
            QFAIL(qPrintable(u"openssl " + args.join(u' ') + u": " + QString::fromUtf8(r.out)));
    }
    void writeFile(const QString &name, const QByteArray &data)
    {
        QFile f(path(name));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(data);
    }
    /// key file NAME.key of `algorithm` ("rsa:2048", "ec", "ed25519").
    void makeKey(const QString &name, const QString &algorithm)
    {
        QStringList args{QStringLiteral("genpkey"), QStringLiteral("-out"), path(name + u".key")};
        if (algorithm.startsWith(u"rsa:"))
            args << QStringLiteral("-algorithm") << QStringLiteral("RSA") << QStringLiteral("-pkeyopt")
                 << u"rsa_keygen_bits:" + algorithm.mid(4);
        else if (algorithm == u"ec")
            args << QStringLiteral("-algorithm") << QStringLiteral("EC") << QStringLiteral("-pkeyopt")
                 << QStringLiteral("ec_paramgen_curve:P-256");
        else
            args << QStringLiteral("-algorithm") << QStringLiteral("ED25519");
        must(args);
    }
    /// NAME.pem signed by ISSUER (or self-signed when empty) with the extensions in `ext`
    /// (an openssl config section body).
    void makeCert(const QString &name, const QString &subject, const QString &issuer, const QString &ext, int days = 30)
    {
        writeFile(name + u".ext", (u"[ext]\n" + ext + u'\n').toUtf8());
        if (issuer.isEmpty()) {
            must({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-x509"), QStringLiteral("-key"),
                  path(name + u".key"), QStringLiteral("-subj"), subject, QStringLiteral("-days"), QString::number(days),
                  QStringLiteral("-config"), path(name + u".ext"), QStringLiteral("-extensions"), QStringLiteral("ext"),
                  QStringLiteral("-out"), path(name + u".pem")});
            return;
        }
        must({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-key"), path(name + u".key"),
              QStringLiteral("-subj"), subject, QStringLiteral("-out"), path(name + u".csr")});
        must({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), path(name + u".csr"),
              QStringLiteral("-CA"), path(issuer + u".pem"), QStringLiteral("-CAkey"), path(issuer + u".key"),
              QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), QString::number(days), QStringLiteral("-extfile"),
              path(name + u".ext"), QStringLiteral("-extensions"), QStringLiteral("ext"), QStringLiteral("-out"),
              path(name + u".pem")});
    }
    /// NAME.pem signed by root with fixed dates (openssl ca: the only 3.0 tool that takes them).
    void makeDated(const QString &name, const QString &start, const QString &end)
    {
        const QString db = path(u"ca-" + name);
        QVERIFY(QDir().mkpath(db + u"/new"));
        writeFile(u"ca-" + name + u"/index.txt", {});
        writeFile(u"ca-" + name + u"/serial", "1000\n");
        writeFile(u"ca-" + name + u"/ca.cnf",
                  (u"[ca]\ndefault_ca=d\n[d]\ndatabase=" + db + u"/index.txt\nnew_certs_dir=" + db
                   + u"/new\nserial=" + db
                   + u"/serial\ndefault_md=sha256\npolicy=p\nunique_subject=no\ncopy_extensions=none\n[p]\ncommonName=supplied\n")
                      .toUtf8());
        makeKey(name, QStringLiteral("ec"));
        must({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-key"), path(name + u".key"),
              QStringLiteral("-subj"), u"/CN=" + name, QStringLiteral("-out"), path(name + u".csr")});
        must({QStringLiteral("ca"), QStringLiteral("-batch"), QStringLiteral("-notext"), QStringLiteral("-config"),
              db + u"/ca.cnf", QStringLiteral("-cert"), path(QStringLiteral("root.pem")), QStringLiteral("-keyfile"),
              path(QStringLiteral("root.key")), QStringLiteral("-in"), path(name + u".csr"), QStringLiteral("-startdate"),
              start, QStringLiteral("-enddate"), end, QStringLiteral("-out"), path(name + u".pem")});
    }
    Certificate only(const QString &file)
    {
        Result<Bundle> b = readFile(path(file));
        if (!b) {
            qWarning() << b.error().toString();
            return {};
        }
        return b->certificates.value(0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // A chain of three: root (RSA 3072) → intermediate (EC P-256) → leaves.
        makeKey(QStringLiteral("root"), QStringLiteral("rsa:3072"));
        makeCert(QStringLiteral("root"), QStringLiteral("/CN=PoT Test Root/O=Datasance Test"), {},
                 QStringLiteral("basicConstraints=critical,CA:TRUE,pathlen:1\nkeyUsage=critical,keyCertSign,cRLSign\n"
                                "subjectKeyIdentifier=hash"),
                 3650);
        makeKey(QStringLiteral("inter"), QStringLiteral("ec"));
        makeCert(QStringLiteral("inter"), QStringLiteral("/CN=PoT Test Intermediate/O=Datasance Test"),
                 QStringLiteral("root"),
                 QStringLiteral("basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n"
                                "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid"),
                 1825);
        makeKey(QStringLiteral("rsa2048"), QStringLiteral("rsa:2048"));
        makeCert(QStringLiteral("rsa2048"), QStringLiteral("/CN=controller.example.com/O=Fleet/OU=Edge"),
                 QStringLiteral("inter"),
                 QStringLiteral("basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
                                "extendedKeyUsage=serverAuth,clientAuth\nsubjectKeyIdentifier=hash\n"
                                "authorityKeyIdentifier=keyid\nsubjectAltName=DNS:controller.example.com,"
                                "DNS:*.edge.example.com,IP:10.0.0.7,IP:fd00::7,email:ops@example.com,"
                                "URI:spiffe://example.com/controller"),
                 397);
        makeKey(QStringLiteral("ec"), QStringLiteral("ec"));
        makeCert(QStringLiteral("ec"), QStringLiteral("/CN=plain-ec"), {}, QStringLiteral("keyUsage=digitalSignature"), 10);
        makeKey(QStringLiteral("ed"), QStringLiteral("ed25519"));
        makeCert(QStringLiteral("ed"), QStringLiteral("/CN=ed-node"), QStringLiteral("inter"),
                 QStringLiteral("subjectAltName=DNS:ed.example.com\nextendedKeyUsage=clientAuth,1.3.6.1.4.1.99999.1"), 90);
        makeDated(QStringLiteral("expired"), QStringLiteral("20200101000000Z"), QStringLiteral("20200301000000Z"));
        makeDated(QStringLiteral("future"), QStringLiteral("20400101000000Z"), QStringLiteral("20410101000000Z"));
        makeDated(QStringLiteral("reversed"), QStringLiteral("20300101000000Z"), QStringLiteral("20200101000000Z"));
    }

    void fieldsAgreeWithOpenSsl_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *name : {"root", "inter", "rsa2048", "ec", "ed", "expired", "future"})
            QTest::newRow(name) << QString::fromLatin1(name) + u".pem";
    }
    void fieldsAgreeWithOpenSsl()
    {
        QFETCH(QString, file);
        const Certificate c = only(file);
        QVERIFY(!c.der.isEmpty());
        const OpenSslReport r = report(path(file));
        QVERIFY(!r.subject.isEmpty() && !r.serial.isEmpty() && !r.sha256.isEmpty() && !r.signature.isEmpty());
        QVERIFY(r.notBefore.isValid() && r.notAfter.isValid());
        QCOMPARE(c.subject, r.subject);
        QCOMPARE(c.issuer, r.issuer);
        QCOMPARE(c.serialHex, r.serial);
        QCOMPARE(c.notBefore, r.notBefore);
        QCOMPARE(c.notAfter, r.notAfter);
        QCOMPARE(c.sha256, r.sha256);
        QCOMPARE(c.sha1, r.sha1);
        QCOMPARE(c.signatureAlgorithm, r.signature);
        switch (c.keyType) {
        case KeyType::Rsa:
            QCOMPARE(u"rsaEncryption " + QString::number(c.keyBits), r.publicKey);
            break;
        case KeyType::Ec:
            QCOMPARE(u"id-ecPublicKey " + QString::number(c.keyBits), r.publicKey);
            QCOMPARE(c.curve, r.curve);
            QCOMPARE(c.keyAlgorithm, u"EC " + r.curve);
            break;
        case KeyType::Ed25519:
            QCOMPARE(QStringLiteral("ED25519"), r.publicKey);
            QCOMPARE(c.keyAlgorithm, QStringLiteral("Ed25519"));
            break;
        default:
            QFAIL("unexpected key type");
        }
        QCOMPARE(sansAsOpenSsl(c), normalisedSans(r.extensions.value(QStringLiteral("X509v3 Subject Alternative Name"))));
        QCOMPARE(joined(c.keyUsage), r.extensions.value(QStringLiteral("X509v3 Key Usage")));
        QCOMPARE(joined(c.extendedKeyUsage), r.extensions.value(QStringLiteral("X509v3 Extended Key Usage")));
        QString constraints;
        if (c.hasBasicConstraints)
            constraints = (c.isCa ? QStringLiteral("CA:TRUE") : QStringLiteral("CA:FALSE"))
                          + (c.pathLength ? QStringLiteral(", pathlen:%1").arg(*c.pathLength) : QString());
        QCOMPARE(constraints, r.extensions.value(QStringLiteral("X509v3 Basic Constraints")));
        QCOMPARE(c.subjectKeyId, r.extensions.value(QStringLiteral("X509v3 Subject Key Identifier")));
        QCOMPARE(c.authorityKeyId,
                 r.extensions.value(QStringLiteral("X509v3 Authority Key Identifier")).remove(QStringLiteral("keyid:")));
        QCOMPARE(c.pem().trimmed(), readAll(path(file)).trimmed());
    }

    void namesAndFlagsOfTheLeaf()
    {
        const Certificate c = only(QStringLiteral("rsa2048.pem"));
        QCOMPARE(c.commonName, QStringLiteral("controller.example.com"));
        QCOMPARE(c.subject, QStringLiteral("OU=Edge,O=Fleet,CN=controller.example.com"));
        QCOMPARE(c.dnsNames, (QStringList{QStringLiteral("controller.example.com"), QStringLiteral("*.edge.example.com")}));
        QCOMPARE(c.ipAddresses, (QStringList{QStringLiteral("10.0.0.7"), QStringLiteral("fd00::7")}));
        QCOMPARE(c.emails, QStringList{QStringLiteral("ops@example.com")});
        QCOMPARE(c.uris, QStringList{QStringLiteral("spiffe://example.com/controller")});
        QCOMPARE(c.keyAlgorithm, QStringLiteral("RSA 2048 bit"));
        QVERIFY(!c.isCa);
        QVERIFY(!c.selfIssued);
        const Certificate root = only(QStringLiteral("root.pem"));
        QVERIFY(root.isCa);
        QCOMPARE(root.pathLength, std::optional<int>(1));
        QVERIFY(root.selfIssued);
        QCOMPARE(root.keyAlgorithm, QStringLiteral("RSA 3072 bit"));
        // An EKU OpenSSL has no name for is shown as its OID.
        QCOMPARE(only(QStringLiteral("ed.pem")).extendedKeyUsage,
                 (QStringList{QStringLiteral("TLS Web Client Authentication"), QStringLiteral("1.3.6.1.4.1.99999.1")}));
    }

    void daysAndValidity()
    {
        const Certificate expired = only(QStringLiteral("expired.pem"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(expired.expired(now));
        QCOMPARE(expired.daysRemaining(now), 0);
        QCOMPARE(expired.daysTotal(), 60); // 1 Jan to 1 Mar 2020, a leap year
        QCOMPARE(expired.daysElapsed(now), 60);
        QCOMPARE(expired.lifetimeUsed(now), 1.0);
        const Certificate future = only(QStringLiteral("future.pem"));
        QVERIFY(future.notYetValid(now));
        QVERIFY(!future.expired(now));
        QCOMPARE(future.daysElapsed(now), 0);
        QCOMPARE(future.lifetimeUsed(now), 0.0);
        // Ends before it starts (OpenSSL reads it): no day count below zero, no crash, said in words.
        const Certificate reversed = only(QStringLiteral("reversed.pem"));
        QVERIFY(reversed.daysTotal() < 0);
        QCOMPARE(reversed.daysElapsed(now), 0);
        QCOMPARE(reversed.daysRemaining(now), 0);
        QCOMPARE(reversed.lifetimeUsed(now), 1.0);
        bool said = false;
        for (const Field &f : fieldsOf(reversed, now))
            said = said || (f.label == u"Validity" && f.value.contains(u"ends before it starts") && f.warning);
        QVERIFY(said);
        // Ten days, issued now: 10 remaining (rounded up as the Controller's daysRemaining), 0 elapsed.
        const Certificate ec = only(QStringLiteral("ec.pem"));
        QCOMPARE(ec.daysTotal(), 10);
        QCOMPARE(ec.daysRemaining(now), 10);
        QCOMPARE(ec.daysRemaining(now.addDays(9).addSecs(3600)), 1);
        QCOMPARE(ec.daysElapsed(now.addDays(4)), 4);
        QVERIFY(qAbs(ec.lifetimeUsed(ec.notBefore.addDays(8)) - 0.8) < 1e-9);
    }

    void chainOfThreeVerifies()
    {
        const Certificate leaf = only(QStringLiteral("rsa2048.pem"));
        const Certificate inter = only(QStringLiteral("inter.pem"));
        const Certificate root = only(QStringLiteral("root.pem"));
        const QList<ChainLink> chain = buildChain(leaf, {root, inter, only(QStringLiteral("ec.pem"))});
        QCOMPARE(chain.size(), 3);
        QCOMPARE(chain.at(0).certificate.sha256, leaf.sha256);
        QCOMPARE(chain.at(1).certificate.sha256, inter.sha256);
        QCOMPARE(chain.at(2).certificate.sha256, root.sha256);
        for (const ChainLink &l : chain) {
            QVERIFY2(l.signatureVerified, qPrintable(l.problem));
            QVERIFY(l.problem.isEmpty());
        }
        // OpenSSL agrees that this chain verifies.
        const Run verify = openssl({QStringLiteral("verify"), QStringLiteral("-CAfile"), path(QStringLiteral("root.pem")),
                                    QStringLiteral("-untrusted"), path(QStringLiteral("inter.pem")),
                                    path(QStringLiteral("rsa2048.pem"))});
        QCOMPARE(verify.code, 0);

        // Without the intermediate: the leaf's link names the missing issuer.
        const QList<ChainLink> broken = buildChain(leaf, {root});
        QCOMPARE(broken.size(), 1);
        QVERIFY(!broken.at(0).signatureVerified);
        QVERIFY2(broken.at(0).problem.contains(QStringLiteral("PoT Test Intermediate")), qPrintable(broken.at(0).problem));
    }

    void tamperedSignatureDoesNotVerify()
    {
        Certificate leaf = only(QStringLiteral("rsa2048.pem"));
        QByteArray der = leaf.der;
        der[der.size() - 5] = char(der.at(der.size() - 5) ^ 0x55); // inside the signature value
        const Result<Bundle> tampered = readBundle(der);
        QVERIFY(tampered);
        const QList<ChainLink> chain = buildChain(tampered->certificates.at(0), {only(QStringLiteral("inter.pem"))});
        QVERIFY(!chain.isEmpty());
        QVERIFY(!chain.at(0).signatureVerified);
        QVERIFY(chain.at(0).problem.contains(QStringLiteral("does not verify")));
        // openssl says no too.
        writeFile(QStringLiteral("tampered.der"), der);
        QVERIFY(openssl({QStringLiteral("verify"), QStringLiteral("-CAfile"), path(QStringLiteral("root.pem")),
                         QStringLiteral("-untrusted"), path(QStringLiteral("inter.pem")), path(QStringLiteral("tampered.der"))})
                    .code
                != 0);
    }

    void derAndBundles()
    {
        must({QStringLiteral("x509"), QStringLiteral("-in"), path(QStringLiteral("rsa2048.pem")), QStringLiteral("-outform"),
              QStringLiteral("DER"), QStringLiteral("-out"), path(QStringLiteral("rsa2048.der"))});
        const Result<Bundle> der = readFile(path(QStringLiteral("rsa2048.der")));
        QVERIFY(der);
        QCOMPARE(der->format, Bundle::Format::Der);
        QCOMPARE(der->certificates.at(0).sha256, only(QStringLiteral("rsa2048.pem")).sha256);

        // A full-chain PEM with the key in the middle and a CSR that is skipped.
        writeFile(QStringLiteral("full.pem"), readAll(path(QStringLiteral("rsa2048.pem"))) + readAll(path(QStringLiteral("rsa2048.csr")))
                                                  + readAll(path(QStringLiteral("rsa2048.key")))
                                                  + readAll(path(QStringLiteral("inter.pem"))) + readAll(path(QStringLiteral("root.pem"))));
        const Result<Bundle> full = readFile(path(QStringLiteral("full.pem")));
        QVERIFY2(full, qPrintable(full ? QString() : full.error().toString()));
        QCOMPARE(full->certificates.size(), 3);
        QVERIFY(!full->key.isNull());
        QCOMPARE(full->key.algorithm(), QStringLiteral("RSA 2048 bit"));
        QVERIFY(full->key.matches(full->certificates.at(0)));
        QVERIFY(!full->key.matches(full->certificates.at(1)));
        QCOMPARE(toPem(full->certificates),
                 readAll(path(QStringLiteral("rsa2048.pem"))) + readAll(path(QStringLiteral("inter.pem")))
                     + readAll(path(QStringLiteral("root.pem"))));
    }

    void keysOfEveryKindMatchTheirCertificate()
    {
        for (const char *name : {"root", "inter", "rsa2048", "ec", "ed"}) {
            const Result<PrivateKey> key = readPrivateKey(readAll(path(QString::fromLatin1(name) + u".key")));
            QVERIFY2(key, name);
            QVERIFY2(key->matches(only(QString::fromLatin1(name) + u".pem")), name);
            QVERIFY2(!key->matches(only(QStringLiteral("future.pem"))), name);
        }
        // A traditional (PKCS#1) RSA key, as the Controller sends data.privateKey.
        must({QStringLiteral("pkey"), QStringLiteral("-in"), path(QStringLiteral("rsa2048.key")), QStringLiteral("-traditional"),
              QStringLiteral("-out"), path(QStringLiteral("rsa2048.pkcs1"))});
        QVERIFY(readAll(path(QStringLiteral("rsa2048.pkcs1"))).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        const Result<PrivateKey> pkcs1 = readPrivateKey(readAll(path(QStringLiteral("rsa2048.pkcs1"))));
        QVERIFY(pkcs1);
        QVERIFY(pkcs1->matches(only(QStringLiteral("rsa2048.pem"))));
    }

    void encryptedKeyNeedsItsPassword()
    {
        must({QStringLiteral("pkey"), QStringLiteral("-in"), path(QStringLiteral("ec.key")), QStringLiteral("-aes256"),
              QStringLiteral("-passout"), QStringLiteral("pass:opens-it"), QStringLiteral("-out"), path(QStringLiteral("ec.enc"))});
        const QByteArray pem = readAll(path(QStringLiteral("ec.enc")));
        const Result<PrivateKey> none = readPrivateKey(pem);
        QVERIFY(!none);
        QCOMPARE(none.error().code, ErrorCode::Crypto);
        QVERIFY2(none.error().message.contains(QStringLiteral("give its password")), qPrintable(none.error().message));
        const Result<PrivateKey> wrong = readPrivateKey(pem, SecretBytes(QByteArrayLiteral("nope")));
        QVERIFY(!wrong);
        QVERIFY(wrong.error().message.contains(QStringLiteral("does not open")));
        const Result<PrivateKey> right = readPrivateKey(pem, SecretBytes(QByteArrayLiteral("opens-it")));
        QVERIFY(right);
        QVERIFY(right->matches(only(QStringLiteral("ec.pem"))));
    }

    void pkcs12FromOpenSsl()
    {
        must({QStringLiteral("pkcs12"), QStringLiteral("-export"), QStringLiteral("-inkey"), path(QStringLiteral("rsa2048.key")),
              QStringLiteral("-in"), path(QStringLiteral("rsa2048.pem")), QStringLiteral("-certfile"), path(QStringLiteral("inter.pem")),
              QStringLiteral("-passout"), QStringLiteral("pass:p12-secret"), QStringLiteral("-out"), path(QStringLiteral("leaf.p12"))});
        const Result<Bundle> p12 = readFile(path(QStringLiteral("leaf.p12")), SecretBytes(QByteArrayLiteral("p12-secret")));
        QVERIFY2(p12, qPrintable(p12 ? QString() : p12.error().toString()));
        QCOMPARE(p12->format, Bundle::Format::Pkcs12);
        QCOMPARE(p12->certificates.size(), 2);
        QCOMPARE(p12->certificates.at(0).commonName, QStringLiteral("controller.example.com"));
        QCOMPARE(p12->certificates.at(1).commonName, QStringLiteral("PoT Test Intermediate"));
        QVERIFY(p12->key.matches(p12->certificates.at(0)));

        const Result<Bundle> wrong = readFile(path(QStringLiteral("leaf.p12")), SecretBytes(QByteArrayLiteral("guess")));
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().code, ErrorCode::Crypto);
        QCOMPARE(wrong.error().message, QStringLiteral("The password does not open this PKCS#12 file."));
        const Result<Bundle> none = readFile(path(QStringLiteral("leaf.p12")));
        QVERIFY(!none);
        QVERIFY(none.error().message.contains(QStringLiteral("protected by a password")));

        // A PKCS#12 with an empty password opens without one.
        must({QStringLiteral("pkcs12"), QStringLiteral("-export"), QStringLiteral("-inkey"), path(QStringLiteral("ec.key")),
              QStringLiteral("-in"), path(QStringLiteral("ec.pem")), QStringLiteral("-passout"), QStringLiteral("pass:"),
              QStringLiteral("-out"), path(QStringLiteral("empty.p12"))});
        const Result<Bundle> empty = readFile(path(QStringLiteral("empty.p12")));
        QVERIFY2(empty, qPrintable(empty ? QString() : empty.error().toString()));
        QCOMPARE(empty->certificates.at(0).commonName, QStringLiteral("plain-ec"));
    }

    void pkcs12ExportReadBackByOpenSsl()
    {
        const Result<Bundle> full = readFile(path(QStringLiteral("full.pem")));
        QVERIFY(full);
        const SecretBytes password(QByteArrayLiteral("export pass"));
        const Result<QByteArray> p12 = toPkcs12(full->certificates.at(0), full->key,
                                                full->certificates.mid(1), password, QStringLiteral("controller"));
        QVERIFY2(p12, qPrintable(p12 ? QString() : p12.error().toString()));
        writeFile(QStringLiteral("export.p12"), *p12);
        const Run certs = openssl({QStringLiteral("pkcs12"), QStringLiteral("-in"), path(QStringLiteral("export.p12")),
                                   QStringLiteral("-passin"), QStringLiteral("pass:export pass"), QStringLiteral("-nokeys")});
        QCOMPARE(certs.code, 0);
        QVERIFY(certs.out.contains("friendlyName: controller"));
        const Result<Bundle> back = readBundle(certs.out);
        QVERIFY(back);
        QCOMPARE(back->certificates.size(), 3);
        QCOMPARE(back->certificates.at(0).sha256, full->certificates.at(0).sha256);
        const Run key = openssl({QStringLiteral("pkcs12"), QStringLiteral("-in"), path(QStringLiteral("export.p12")),
                                 QStringLiteral("-passin"), QStringLiteral("pass:export pass"), QStringLiteral("-nocerts"),
                                 QStringLiteral("-nodes")});
        QCOMPARE(key.code, 0);
        const Result<PrivateKey> keyBack = readPrivateKey(key.out);
        QVERIFY(keyBack);
        QVERIFY(keyBack->matches(full->certificates.at(0)));
        QVERIFY(openssl({QStringLiteral("pkcs12"), QStringLiteral("-in"), path(QStringLiteral("export.p12")),
                         QStringLiteral("-passin"), QStringLiteral("pass:wrong"), QStringLiteral("-nokeys")})
                    .code
                != 0);
        // A key of another certificate is refused, and an export without a password.
        const Result<PrivateKey> other = readPrivateKey(readAll(path(QStringLiteral("ec.key"))));
        QVERIFY(!toPkcs12(full->certificates.at(0), *other, {}, password));
        QVERIFY(!toPkcs12(full->certificates.at(0), full->key, {}, SecretBytes()));
        // The key as PKCS#8 PEM reads back.
        const Result<SecretBytes> pem = privateKeyPem(full->key);
        QVERIFY(pem);
        const QByteArray text = pem->revealCopy();
        QVERIFY(text.startsWith("-----BEGIN PRIVATE KEY-----"));
        QVERIFY(readPrivateKey(text)->matches(full->certificates.at(0)));
    }

    void controllerCertificatePems()
    {
        const auto pemOf = [](const QString &fixture, const char *field) {
            const QJsonObject o = QJsonDocument::fromJson(Test::fixture(fixture)).object();
            return o.value(QStringLiteral("data")).toObject().value(QLatin1String(field)).toString().toUtf8();
        };
        const QJsonObject leafJson =
            QJsonDocument::fromJson(Test::fixture(QStringLiteral("GET_certificates_NAME__foo-dashboard-tls.json"))).object();
        const Result<Bundle> leaf = readBundle(pemOf(QStringLiteral("GET_certificates_NAME__foo-dashboard-tls.json"), "certificate"));
        QVERIFY2(leaf, qPrintable(leaf ? QString() : leaf.error().toString()));
        const Certificate c = leaf->certificates.at(0);
        // The Controller's own description of it agrees with the PEM.
        QCOMPARE(c.commonName, leafJson.value(QStringLiteral("subject")).toString().remove(QStringLiteral("/CN=")));
        for (const QString &host : leafJson.value(QStringLiteral("hosts")).toString().split(u',', Qt::SkipEmptyParts))
            QVERIFY2(c.dnsNames.contains(host.trimmed()) || c.ipAddresses.contains(host.trimmed()), qPrintable(host));
        QVERIFY(!c.isCa);
        QCOMPARE(c.keyUsage, (QStringList{QStringLiteral("Digital Signature"), QStringLiteral("Key Encipherment")}));
        QCOMPARE(c.extendedKeyUsage, (QStringList{QStringLiteral("TLS Web Server Authentication"),
                                                  QStringLiteral("TLS Web Client Authentication")}));
        const Result<PrivateKey> key = readPrivateKey(pemOf(QStringLiteral("GET_certificates_NAME__foo-dashboard-tls.json"), "privateKey"));
        QVERIFY(key);
        QVERIFY(key->matches(c));

        const Result<Bundle> ca = readBundle(pemOf(QStringLiteral("GET_certificates_ca_NAME__fixture-root-ca.json"), "certificate"));
        QVERIFY(ca);
        QVERIFY(ca->certificates.at(0).isCa);
        QCOMPARE(ca->certificates.at(0).keyAlgorithm, QStringLiteral("RSA 2048 bit"));
        if (leafJson.value(QStringLiteral("caName")).toString() == u"fixture-root-ca") {
            const QList<ChainLink> chain = buildChain(c, ca->certificates);
            QCOMPARE(chain.size(), 2);
            QVERIFY(chain.at(0).signatureVerified && chain.at(1).signatureVerified);
        }

        // After a renew the Controller's record says 12 months, the PEM five years (§3.6): the PEM wins.
        const QJsonObject renewed = QJsonDocument::fromJson(
                                        Test::fixture(QStringLiteral("GET_certificates_NAME__mqtt-gateway-tls_after-renew.json")))
                                        .object();
        const Result<Bundle> renewedPem = readBundle(
            pemOf(QStringLiteral("GET_certificates_NAME__mqtt-gateway-tls_after-renew.json"), "certificate"));
        QVERIFY(renewedPem);
        const QDateTime recordTo = QDateTime::fromString(renewed.value(QStringLiteral("validTo")).toString(), Qt::ISODateWithMs);
        QVERIFY(recordTo.isValid());
        QVERIFY(renewedPem->certificates.at(0).notAfter > recordTo.addYears(3));
    }

    void malformedInputSaysWhatIsWrong_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("says");
        const QByteArray pem = readAll(path(QStringLiteral("rsa2048.pem")));
        const QByteArray der = only(QStringLiteral("rsa2048.pem")).der;
        const QByteArray p12 = readAll(path(QStringLiteral("leaf.p12")));
        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
        QTest::newRow("garbage") << QByteArray("this is not a certificate at all\n") << QStringLiteral("neither PEM, DER nor PKCS#12");
        QTest::newRow("binary garbage") << QByteArray(4096, '\x7f') << QStringLiteral("neither PEM, DER nor PKCS#12");
        QTest::newRow("truncated PEM") << pem.left(pem.size() / 2) << QStringLiteral("truncated");
        QTest::newRow("second PEM truncated") << pem + pem.left(pem.size() - 40) << QStringLiteral("PEM block 2 is truncated");
        QTest::newRow("PEM of a CSR only") << readAll(path(QStringLiteral("rsa2048.csr")))
                                           << QStringLiteral("no certificate or private key (found: CERTIFICATE REQUEST)");
        QTest::newRow("truncated DER") << der.left(der.size() - 100) << QStringLiteral("DER data is truncated");
        QTest::newRow("truncated PKCS#12") << p12.left(p12.size() / 2) << QStringLiteral("truncated");
        QByteArray broken = pem;
        broken.replace(100, 20, "!!!!!!!!!!!!!!!!!!!!");
        QTest::newRow("damaged base64") << broken << QStringLiteral("PEM block 1");
    }
    void malformedInputSaysWhatIsWrong()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, says);
        const Result<Bundle> b = readBundle(data);
        QVERIFY(!b);
        QVERIFY2(b.error().message.contains(says), qPrintable(b.error().message));
    }

    void fiftyMegabytesAreRefusedUnread()
    {
        QFile big(path(QStringLiteral("big.pem")));
        QVERIFY(big.open(QIODevice::WriteOnly));
        QVERIFY(big.resize(50LL * 1024 * 1024));
        big.close();
        const Result<Bundle> b = readFile(big.fileName());
        QVERIFY(!b);
        QVERIFY2(b.error().message.contains(QStringLiteral("50 MB, too large")), qPrintable(b.error().message));
        QCOMPARE(readFile(path(QStringLiteral("missing.pem"))).error().code, ErrorCode::Io);
    }
};

QTEST_GUILESS_MAIN(TestX509)
#include "tst_x509.moc"
