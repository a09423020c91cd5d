#include "core/nats/creds.h"
#include "testutil.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace Pot;
using namespace Pot::Nats;

namespace {

const QByteArray s_userPub("UBH5BGOM2R6XRE675HWCIQKOZMGZWVBAEMVK2MGZDRDFXYZ4XZS4JMII");
const QByteArray s_userSeed("SUAKBINCUOSKLJVHVCU2VK5MVWXK7MFRWKZ3JNNWW64LTOV3XS635P565Y");

QByteArray text(const SecretBytes &s)
{
    return QByteArray(reinterpret_cast<const char *>(s.constData()), qsizetype(s.size()));
}

KeyPair userKey()
{
    return KeyPair::fromSeed(SecretBytes(s_userSeed)).value();
}

} // namespace

class TstCreds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    // §7.3: what must be accepted (at least as lenient as Go jwt 2.3.0) and what not.
    void variants_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("error"); // "" = must parse and match
        const QByteArray go = Test::readData(u"nats-vectors/go-user.creds"_qs);
        const QByteArray js = Test::readData(u"nats-vectors/js-user.creds"_qs);
        const QByteArray jwt = Test::readData(u"nats-vectors/go-user.jwt"_qs).trimmed();
        QByteArray crlf = go;
        crlf.replace("\n", "\r\n");
        QByteArray noFinalNewline = js;
        noFinalNewline.chop(1);
        QByteArray fiveDashEnd = go;
        fiveDashEnd.replace("------END", "-----END").replace("JWT------", "JWT-----").replace("SEED------", "SEED-----");
        QByteArray threeDash = go;
        threeDash.replace("------", "---").replace("-----", "---");
        QByteArray indented = go;
        indented.replace(QByteArray("\n" + jwt), QByteArray("\n    " + jwt));
        QByteArray blankBeforeEnd = go;
        blankBeforeEnd.replace(QByteArray(jwt + "\n"), QByteArray(jwt + "\n\n"));
        const QByteArray jwtOnly = "-----BEGIN NATS USER JWT-----\n" + jwt + "\n------END NATS USER JWT------\n";
        const QByteArray seedFirst = "-----BEGIN USER NKEY SEED-----\n" + s_userSeed
                                     + "\n------END USER NKEY SEED------\n\n" + jwtOnly;
        QByteArray wrapped = go;
        wrapped.replace(jwt, QByteArray(jwt.left(100) + "\n" + jwt.mid(100)));

        QTest::newRow("nsc/Go text") << go << QString();
        QTest::newRow("jwt.js text") << js << QString();
        QTest::newRow("CRLF") << crlf << QString();
        QTest::newRow("no final newline") << noFinalNewline << QString();
        QTest::newRow("END markers with 5 dashes") << fiveDashEnd << QString();
        QTest::newRow("all markers with 3 dashes") << threeDash << QString();
        QTest::newRow("JWT line indented") << indented << QString();
        QTest::newRow("surrounding whitespace") << "\n\n  \t" + go + "\n\n   " << QString();
        QTest::newRow("blank line before END") << blankBeforeEnd << QString();
        QTest::newRow("undecorated JWT + seed line") << jwt + "\n" + s_userSeed + "\n" << QString();
        QTest::newRow("controller capture")
            << Test::fixture(u"GET_nats_accounts_APP_users_USER_creds__foo-producer_temp-sensor.decoded.txt"_qs)
            << QString();
        QTest::newRow("JWT block only") << jwtOnly << u"no nkey seed"_qs;
        QTest::newRow("seed block first") << seedFirst << u"holds a seed"_qs;
        QTest::newRow("JWT wrapped") << wrapped << u"user JWT, on one line"_qs; // like Go: the seed block becomes block 1
        QTest::newRow("empty") << QByteArray() << u"empty"_qs;
        QTest::newRow("binary") << QByteArray("\x00\x01\x02", 3) << u"binary"_qs;
        QTest::newRow("other user's seed")
            << QByteArray(go).replace(s_userSeed, "SUABCEQTCQKRMFYYDENBWHA5DYPSAIJCEMSCKJRHFAUSUKZMFUXC6MDPVU")
            << u"seed belongs to UDWVJJM7"_qs;
        QTest::newRow("account seed")
            << QByteArray(go).replace(s_userSeed, "SAAGAYLCMNSGKZTHNBUWU23MNVXG64DROJZXI5LWO54HS6T3PR6X47ZMYI")
            << u"account seed"_qs;
        QTest::newRow("account JWT")
            << QByteArray(go).replace(jwt, Test::readData(u"nats-vectors/go-account.jwt"_qs).trimmed())
            << u"account JWT"_qs;
        QTest::newRow("corrupt seed") << QByteArray(go).replace(s_userSeed, QByteArray(s_userSeed.left(57) + "A")) << u"seed"_qs;
    }

    void variants()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, error);
        const Result<UserCreds> c = loadCreds(input);
        if (!error.isEmpty()) {
            QVERIFY(!c.ok());
            QCOMPARE(c.error().code, ErrorCode::InvalidInput);
            QVERIFY2(c.error().message.contains(error), qPrintable(c.error().message));
            return;
        }
        QVERIFY_RESULT(c);
        QCOMPARE(c->jwt.kind(), ClaimKind::User);
        QCOMPARE(c->key.publicKeyString(), c->jwt.standard().subject);
        QVERIFY_RESULT(c->jwt.verifySignature());
    }

    void parseBlocks()
    {
        const Result<Creds> c = parseCreds(Test::readData(u"nats-vectors/go-user.creds"_qs));
        QVERIFY_RESULT(c);
        QCOMPARE(c->jwt, Test::readData(u"nats-vectors/go-user.jwt"_qs).trimmed());
        QCOMPARE(text(c->seed), s_userSeed);
    }

    void formatExact_data()
    {
        QTest::addColumn<QString>("set");
        QTest::addColumn<int>("style");
        QTest::newRow("Go / nsc") << u"go"_qs << int(CredsStyle::Go);
        QTest::newRow("jwt.js") << u"js"_qs << int(CredsStyle::JwtJs);
    }

    void formatExact()
    {
        QFETCH(QString, set);
        QFETCH(int, style);
        const QByteArray jwt = Test::readData(u"nats-vectors/"_qs + set + u"-user.jwt").trimmed();
        const Result<SecretBytes> out = formatCreds(jwt, userKey(), CredsStyle(style));
        QVERIFY_RESULT(out);
        QCOMPARE(text(*out), Test::readData(u"nats-vectors/"_qs + set + u"-user.creds"));
        // The vectors JSON holds the same text.
        const QJsonObject doc = QJsonDocument::fromJson(Test::readData(u"nats-vectors/"_qs + set + u"-vectors.json")).object();
        QCOMPARE(text(*out), doc.value(u"creds").toString().toUtf8());
    }

    void formatRefuses()
    {
        const QByteArray user = Test::readData(u"nats-vectors/go-user.jwt"_qs);
        const QByteArray account = Test::readData(u"nats-vectors/go-account.jwt"_qs);
        QVERIFY(formatCreds(account, userKey()).error().message.contains(u"account JWT"));
        const KeyPair acc = KeyPair::generate(KeyKind::Account).value();
        QVERIFY(formatCreds(user, acc).error().message.contains(u"user seed"));
        const KeyPair other = KeyPair::generate(KeyKind::User).value();
        QVERIFY(formatCreds(user, other).error().message.contains(u"seed belongs to"));
        QVERIFY(!formatCreds("garbage", userKey()).ok());
    }

    void writeOwnerOnly()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"user.creds"_qs);
        const SecretBytes content = formatCreds(Test::readData(u"nats-vectors/go-user.jwt"_qs), userKey()).value();
        QVERIFY_RESULT(writeSecretFile(path, content, false));
        QCOMPARE(QFile::permissions(path), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), Test::readData(u"nats-vectors/go-user.creds"_qs));
        f.close();

        // No overwrite without the flag; the file stays as it was.
        const Status again = writeSecretFile(path, SecretBytes(QByteArray("other")), false);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, ErrorCode::Conflict);
        QVERIFY(again.error().message.contains(u"already exists"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), Test::readData(u"nats-vectors/go-user.creds"_qs));
        f.close();

        // A world-readable file that is replaced ends up 0600 too.
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther | QFileDevice::ReadGroup));
        QVERIFY_RESULT(writeSecretFile(path, SecretBytes(QByteArray("replaced")), true));
        QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadOther | QFileDevice::ReadGroup | QFileDevice::WriteOther | QFileDevice::WriteGroup), QFileDevice::Permissions());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("replaced"));

        // Unwritable places give an Io error in words.
        const Status missingDir = writeSecretFile(dir.filePath(u"no/such/dir/x.creds"_qs), content, false);
        QVERIFY(!missingDir.ok());
        QCOMPARE(missingDir.error().code, ErrorCode::Io);
        QCOMPARE(writeSecretFile(dir.path(), content, true).error().code, ErrorCode::Io);
    }

    void contextAndEnvironment()
    {
        NatsContext ctx{u"PoT hub"_qs, u"nats://127.0.0.1:4222"_qs, u"/home/me/it's.creds"_qs, u"/etc/ca.pem"_qs};
        const QJsonObject o = QJsonDocument::fromJson(natsContextJson(ctx)).object();
        QCOMPARE(o.value(u"url").toString(), u"nats://127.0.0.1:4222"_qs);
        QCOMPARE(o.value(u"creds").toString(), u"/home/me/it's.creds"_qs);
        QCOMPARE(o.value(u"ca").toString(), u"/etc/ca.pem"_qs);
        QCOMPARE(o.value(u"description").toString(), u"PoT hub"_qs);
        QCOMPARE(natsEnvironment(ctx),
                 u"export NATS_URL='nats://127.0.0.1:4222'\n"
                 "export NATS_CREDS='/home/me/it'\\''s.creds'\n"
                 "export NATS_CA='/etc/ca.pem'\n"_qs);
        ctx.caPath.clear();
        QVERIFY(!natsEnvironment(ctx).contains(u"NATS_CA"));
        QVERIFY(!QJsonDocument::fromJson(natsContextJson(ctx)).object().contains(u"ca"));
    }

    void contextFileIsOwnerOnly()
    {
#ifdef Q_OS_UNIX
        // The context names a creds file and a server: 0600 like the creds, even under umask 000.
        QTemporaryDir dir;
        const QString path = dir.filePath(u"hub.json"_qs);
        const NatsContext ctx{u"PoT hub"_qs, u"nats://127.0.0.1:4222"_qs, u"/home/me/hub.creds"_qs, {}};
        const mode_t old = ::umask(0);
        const Status written = writeNatsContext(path, ctx);
        ::umask(old);
        QVERIFY_RESULT(written);
        struct stat st {};
        QCOMPARE(::lstat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(st.st_mode & 07777, mode_t(0600));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), natsContextJson(ctx));
#else
        QSKIP("POSIX modes only");
#endif
    }
};

QTEST_GUILESS_MAIN(TstCreds)
#include "tst_creds.moc"
