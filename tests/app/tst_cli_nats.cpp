#include "core/nats/creds.h"
#include "core/nats/jwt.h"
#include "natsworld.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace {

using Run = Pot::Test::ProcessRun;

/// How the CLI is started: directly, or under `sh -c 'umask 000; exec …'`.
enum class Umask { Inherit, Zero };
/// Whether standard input is closed after stdinData (end of file) or left open, as a writer that
/// keeps sending would.
enum class Stdin { Close, KeepOpen };

Run cli(const QStringList &args, const QByteArray &stdinData = {}, Umask umask = Umask::Inherit,
        Stdin stdinEnd = Stdin::Close)
{
    if (umask == Umask::Zero)
        return Pot::Test::runProcess(QStringLiteral("sh"),
                                     QStringList{u"-c"_qs, u"umask 000 && exec \"$0\" \"$@\""_qs, QStringLiteral(POT_CLI_EXE)} + args,
                                     stdinData, stdinEnd == Stdin::Close);
    return Pot::Test::runProcess(QStringLiteral(POT_CLI_EXE), args, stdinData, stdinEnd == Stdin::Close);
}

QString vec(const QString &name)
{
    return Pot::Test::dataPath(u"nats-vectors/"_qs + name);
}

constexpr qsizetype kMiB = 1024 * 1024;

const QString s_seed = QStringLiteral("SUAKBINCUOSKLJVHVCU2VK5MVWXK7MFRWKZ3JNNWW64LTOV3XS635P565Y");

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(content);
    return path;
}

#ifdef Q_OS_UNIX
/// `creds export` of go-user.jwt with a seed file written into `dir`, to `out`.
QStringList exportArgs(const QTemporaryDir &dir, const QString &out)
{
    return {u"creds"_qs, u"export"_qs, u"--jwt"_qs, vec(u"go-user.jwt"_qs), u"--seed"_qs,
            writeFile(dir, u"user.seed"_qs, s_seed.toLatin1() + '\n'), u"-o"_qs, out};
}
#endif

QByteArray flipSignature(QByteArray token)
{
    token = token.trimmed();
    const qsizetype pos = token.size() - 20;
    token[pos] = token.at(pos) == 'A' ? 'B' : 'A';
    return token;
}

} // namespace

class TstCliNats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodeText_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("kind");
        QTest::newRow("go operator") << vec(u"go-operator.jwt"_qs) << u"operator"_qs;
        QTest::newRow("js account") << vec(u"js-account.jwt"_qs) << u"account"_qs;
        QTest::newRow("go user") << vec(u"go-user.jwt"_qs) << u"user"_qs;
        QTest::newRow("creds") << vec(u"js-user.creds"_qs) << u"user"_qs;
    }

    void decodeText()
    {
        QFETCH(QString, file);
        QFETCH(QString, kind);
        const Run r = cli({u"jwt"_qs, u"decode"_qs, u"--at"_qs, u"1800000000"_qs, file});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(u"  Kind: " + kind + u'\n'));
        QVERIFY(r.out.contains(u"Signature: valid (ed25519-nkey by "));
        QVERIFY(r.out.contains(u"Problems: none"));
        QVERIFY(!r.out.contains(s_seed)); // never print a seed
        QVERIFY(!r.out.contains(u"SUAK"));
    }

    void decodeJsonFromStdin()
    {
        const QByteArray token = Pot::Test::readData(u"nats-vectors/go-account.jwt"_qs);
        const Run r = cli({u"jwt"_qs, u"decode"_qs, u"--json"_qs, u"-"_qs}, token);
        QCOMPARE(r.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(u"kind").toString(), u"account"_qs);
        QCOMPARE(o.value(u"signature").toString(), u"valid"_qs);
        QCOMPARE(o.value(u"header").toObject().value(u"alg").toString(), u"ed25519-nkey"_qs);
        // Claims exactly as in the payload.
        const QByteArray payload = QByteArray::fromBase64(token.split('.').at(1), QByteArray::Base64UrlEncoding);
        QCOMPARE(o.value(u"claims").toObject(), QJsonDocument::fromJson(payload).object());
        QVERIFY(o.value(u"problems").toArray().isEmpty());
        QVERIFY(!o.value(u"rows").toArray().isEmpty());
    }

    void decodeCredsFromStdinNeverShowsSeed()
    {
        const Run r = cli({u"jwt"_qs, u"decode"_qs, u"--json"_qs, u"-"_qs},
                          Pot::Test::readData(u"nats-vectors/go-user.creds"_qs));
        QCOMPARE(r.code, 0);
        QVERIFY(!r.out.contains(s_seed));
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"source").toString(), u"creds"_qs);
    }

    void decodeBadSignature()
    {
        const Run r = cli({u"jwt"_qs, u"decode"_qs, u"--json"_qs, u"-"_qs},
                          flipSignature(Pot::Test::readData(u"nats-vectors/js-user.jwt"_qs)));
        QCOMPARE(r.code, 1);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(u"signature").toString(), u"invalid"_qs);
        QVERIFY(o.value(u"problems").toArray().at(0).toString().contains(u"V2 signature verification"));
        const Run t = cli({u"jwt"_qs, u"decode"_qs, u"-"_qs},
                          flipSignature(Pot::Test::readData(u"nats-vectors/js-user.jwt"_qs)));
        QCOMPARE(t.code, 1);
        QVERIFY(t.out.contains(u"Signature: invalid"));
    }

    void decodeMalformed_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("message");
        QTest::newRow("garbage") << QByteArray("hello world") << u"three parts"_qs;
        QTest::newRow("seed") << s_seed.toLatin1() << u"nkey seed"_qs;
        QTest::newRow("binary") << QByteArray("\x00\x01\x02", 3) << u"binary"_qs;
        QTest::newRow("empty") << QByteArray() << u"empty"_qs;
    }

    void decodeMalformed()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, message);
        const Run r = cli({u"jwt"_qs, u"decode"_qs, u"-"_qs}, input);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        const Run j = cli({u"jwt"_qs, u"decode"_qs, u"--json"_qs, u"-"_qs}, input);
        QCOMPARE(j.code, 1);
        QVERIFY(QJsonDocument::fromJson(j.out.toUtf8()).object().value(u"problems").toArray().at(0).toString().contains(message));
    }

    void decodeGenericAndUsage()
    {
        const QJsonObject login = QJsonDocument::fromJson(Pot::Test::fixture(u"POST_user_login.json"_qs)).object();
        const Run r = cli({u"jwt"_qs, u"decode"_qs, u"--json"_qs, u"-"_qs}, login.value(u"accessToken").toString().toLatin1());
        QCOMPARE(r.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(u"kind").toString(), u"generic"_qs);
        QCOMPARE(o.value(u"signature").toString(), u"unchecked"_qs);

        QCOMPARE(cli({u"jwt"_qs, u"decode"_qs}).code, 2);
        QCOMPARE(cli({u"jwt"_qs, u"decode"_qs, u"--bogus"_qs, u"x"_qs}).code, 2);
        QCOMPARE(cli({u"jwt"_qs, u"decode"_qs, u"/no/such/file.jwt"_qs}).code, 1);
        const Run help = cli({u"jwt"_qs, u"decode"_qs, u"--help"_qs});
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.contains(u"--json"));
        QVERIFY(cli({u"--help"_qs}).out.contains(u"creds export"));
    }

    void verify()
    {
        const Run ok = cli({u"jwt"_qs, u"verify"_qs, u"--operator"_qs, vec(u"go-operator.jwt"_qs), u"--account"_qs,
                            vec(u"go-account.jwt"_qs), u"--at"_qs, u"1800000000"_qs, vec(u"go-user.creds"_qs)});
        QCOMPARE(ok.code, 0);
        QVERIFY(ok.out.contains(u"TRUSTED: nats-server would accept this user JWT."));
        QVERIFY(ok.out.contains(u"issued by operator signing key"));

        const Run acc = cli({u"jwt"_qs, u"verify"_qs, u"--operator"_qs, vec(u"js-operator.jwt"_qs), vec(u"js-account.jwt"_qs)});
        QCOMPARE(acc.code, 0);

        const Run missing = cli({u"jwt"_qs, u"verify"_qs, u"--operator"_qs, vec(u"go-operator.jwt"_qs), vec(u"go-user.jwt"_qs)});
        QCOMPARE(missing.code, 1);
        QVERIFY(missing.out.contains(u"FAIL User JWT issuer is not known"));
        QVERIFY(missing.out.contains(u"NOT TRUSTED"));

        const Run expired = cli({u"jwt"_qs, u"verify"_qs, u"--operator"_qs, vec(u"go-operator.jwt"_qs), u"--account"_qs,
                                 vec(u"go-account.jwt"_qs), u"--at"_qs, u"4102444801"_qs, vec(u"go-user.jwt"_qs)});
        QCOMPARE(expired.code, 1);
        QVERIFY(expired.out.contains(u"claim is expired"));

        // Stdin as the subject.
        const Run viaStdin = cli({u"jwt"_qs, u"verify"_qs, u"--operator"_qs, vec(u"go-operator.jwt"_qs), u"-"_qs},
                                 Pot::Test::readData(u"nats-vectors/go-account.jwt"_qs));
        QCOMPARE(viaStdin.code, 0);

        QCOMPARE(cli({u"jwt"_qs, u"verify"_qs, vec(u"go-user.jwt"_qs)}).code, 2); // no --operator
        QCOMPARE(cli({u"jwt"_qs, u"verify"_qs, u"--operator"_qs, vec(u"go-user.jwt"_qs), u"--account"_qs,
                      vec(u"go-user.jwt"_qs), vec(u"go-user.jwt"_qs)}).code, 1); // user given as account
    }

    /// A Controller account rule without limits writes null limits (controller-api.md §5.3, §5.5);
    /// with one import nats-server 2.9.10 refuses the account ("account validation failed") and so
    /// every user of it. tst_serververdicts shows the server's side of each such shape.
    void verifyControllerNullLimits()
    {
        using namespace Pot::Nats;
        const KeyPair op = KeyPair::generate(KeyKind::Operator).value();
        const KeyPair acc = KeyPair::generate(KeyKind::Account).value();
        const KeyPair usr = KeyPair::generate(KeyKind::User).value();
        const QJsonArray imports = Pot::Test::controllerFooImport();
        QTemporaryDir dir;
        const QString opPath = writeFile(dir, u"op.jwt"_qs,
                                         Jwt::encode(Claims::newOperator(u"pot-operator"_qs, op.publicKeyString()), op).value());
        const auto accountJwt = [&](const QJsonObject &limits) {
            return Jwt::signPayload(Pot::Test::controllerAccountPayload(u"app"_qs, acc.publicKeyString(),
                                                                        op.publicKeyString(), limits, imports),
                                    op);
        };
        const QString nullPath = writeFile(dir, u"null.jwt"_qs, accountJwt({}));
        const QString userPath = writeFile(
            dir, u"user.jwt"_qs,
            Jwt::signPayload(Pot::Test::controllerUserPayload(u"u"_qs, usr.publicKeyString(), acc.publicKeyString()), acc));

        const Run account = cli({u"jwt"_qs, u"verify"_qs, u"--operator"_qs, opPath, nullPath});
        QCOMPARE(account.code, 1);
        QVERIFY2(account.out.contains(u"NOT TRUSTED: nats-server would refuse this account JWT."), qPrintable(account.out));
        QVERIFY2(account.out.contains(u"account validation failed"), qPrintable(account.out));
        QVERIFY2(account.out.contains(u"the account contains more imports than allowed by the operator: 1 imports, "
                                      u"limits.imports is null (read as 0)"),
                 qPrintable(account.out));
        QVERIFY2(account.out.contains(u"limits.conn is null, read as 0"), qPrintable(account.out));

        const Run user = cli({u"jwt"_qs, u"verify"_qs, u"--operator"_qs, opPath, u"--account"_qs, nullPath, userPath});
        QCOMPARE(user.code, 1);
        QVERIFY2(user.out.contains(u"NOT TRUSTED: nats-server would refuse this user JWT."), qPrintable(user.out));
        QVERIFY2(user.out.contains(u"more imports than allowed"), qPrintable(user.out));

        const Run decoded = cli({u"jwt"_qs, u"decode"_qs, nullPath});
        QVERIFY2(decoded.out.contains(u"nats-server's validation refuses the account JWT: the account contains more "
                                      u"imports"),
                 qPrintable(decoded.out));

        // The same account with the limits the built-in default-account rule writes is trusted.
        const QJsonObject unlimited = Pot::Test::controllerUnlimitedLimits();
        const QString okPath = writeFile(dir, u"ok.jwt"_qs, accountJwt(unlimited));
        const Run ok = cli({u"jwt"_qs, u"verify"_qs, u"--operator"_qs, opPath, u"--account"_qs, okPath, userPath});
        QCOMPARE(ok.code, 0);
        QVERIFY2(ok.out.contains(u"TRUSTED: nats-server would accept this user JWT."), qPrintable(ok.out));
    }

    /// creds check refuses what Go cannot decode (here nats.version null and exp 1e10).
    void credsCheckGoDecoding()
    {
        using namespace Pot::Nats;
        const KeyPair acc = KeyPair::generate(KeyKind::Account).value();
        const KeyPair usr = KeyPair::generate(KeyKind::User).value();
        QByteArray payload = Pot::Test::controllerUserPayload(u"u"_qs, usr.publicKeyString(), acc.publicKeyString());
        payload.replace("\"version\":2", "\"version\":null");
        payload.insert(1, "\"exp\":1e10,");
        const Pot::Result<Pot::SecretBytes> creds = formatCreds(Jwt::signPayload(payload, acc), usr);
        QVERIFY(creds.ok());
        QTemporaryDir dir;
        const QString path = writeFile(dir, u"u.creds"_qs, creds->revealCopy());
        const Run r = cli({u"creds"_qs, u"check"_qs, path});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(u"FAIL nats.version is null"), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"FAIL exp is written as 1e10"), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"Creds NOT OK"), qPrintable(r.out));
    }

    void credsCheck()
    {
        const Run ok = cli({u"creds"_qs, u"check"_qs, vec(u"go-user.creds"_qs)});
        QCOMPARE(ok.code, 0);
        QVERIFY(ok.out.contains(u"seed matches the JWT subject UBH5BGOM2R6XRE675HWCIQKOZMGZWVBAEMVK2MGZDRDFXYZ4XZS4JMII"));
        QVERIFY(ok.out.contains(u"Creds OK"));
        QVERIFY(!ok.out.contains(s_seed));

        QTemporaryDir dir;
        QByteArray wrongSeed = Pot::Test::readData(u"nats-vectors/go-user.creds"_qs);
        wrongSeed.replace(s_seed.toLatin1(), "SUABCEQTCQKRMFYYDENBWHA5DYPSAIJCEMSCKJRHFAUSUKZMFUXC6MDPVU");
        const Run mismatch = cli({u"creds"_qs, u"check"_qs, writeFile(dir, u"m.creds"_qs, wrongSeed)});
        QCOMPARE(mismatch.code, 1);
        QVERIFY(mismatch.out.contains(u"seed belongs to"));
        QVERIFY(!mismatch.out.contains(u"SUABCEQ"));

        QByteArray tampered = Pot::Test::readData(u"nats-vectors/go-user.creds"_qs);
        const QByteArray jwt = Pot::Test::readData(u"nats-vectors/go-user.jwt"_qs).trimmed();
        tampered.replace(jwt, flipSignature(jwt));
        const Run bad = cli({u"creds"_qs, u"check"_qs, u"-"_qs}, tampered);
        QCOMPARE(bad.code, 1);
        QVERIFY(bad.out.contains(u"V2 signature verification"));

        const Run late = cli({u"creds"_qs, u"check"_qs, u"--at"_qs, u"4102444801"_qs, vec(u"js-user.creds"_qs)});
        QCOMPARE(late.code, 1);
        QVERIFY(late.out.contains(u"expired"));

        QCOMPARE(cli({u"creds"_qs, u"check"_qs, vec(u"go-user.jwt"_qs)}).code, 1); // no seed
        QCOMPARE(cli({u"creds"_qs, u"check"_qs}).code, 2);
    }

    void credsExport()
    {
        QTemporaryDir dir;
        const QString seedFile = writeFile(dir, u"user.seed"_qs, s_seed.toLatin1() + '\n');
        const QString out = dir.filePath(u"out.creds"_qs);
        const Run ok = cli({u"creds"_qs, u"export"_qs, u"--jwt"_qs, vec(u"go-user.jwt"_qs), u"--seed"_qs, seedFile, u"-o"_qs, out});
        QCOMPARE(ok.code, 0);
        QVERIFY(!ok.out.contains(s_seed));
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), Pot::Test::readData(u"nats-vectors/go-user.creds"_qs));
        f.close();
        QCOMPARE(QFile::permissions(out) & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner);

        const Run again = cli({u"creds"_qs, u"export"_qs, u"--jwt"_qs, vec(u"js-user.jwt"_qs), u"--seed"_qs, seedFile, u"-o"_qs, out});
        QCOMPARE(again.code, 1);
        QVERIFY(again.err.contains(u"already exists"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), Pot::Test::readData(u"nats-vectors/go-user.creds"_qs));
        f.close();

        const Run forced = cli({u"creds"_qs, u"export"_qs, u"--jwt"_qs, vec(u"js-user.jwt"_qs), u"--seed"_qs, seedFile, u"-o"_qs, out, u"--force"_qs});
        QCOMPARE(forced.code, 0);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains(Pot::Test::readData(u"nats-vectors/js-user.jwt"_qs).trimmed()));
        f.close();

        // Wrong seed, wrong JWT kind, missing options.
        const QString otherSeed = writeFile(dir, u"other.seed"_qs, "SUABCEQTCQKRMFYYDENBWHA5DYPSAIJCEMSCKJRHFAUSUKZMFUXC6MDPVU");
        const Run mismatch = cli({u"creds"_qs, u"export"_qs, u"--jwt"_qs, vec(u"go-user.jwt"_qs), u"--seed"_qs, otherSeed, u"-o"_qs, dir.filePath(u"x.creds"_qs)});
        QCOMPARE(mismatch.code, 1);
        QVERIFY(mismatch.err.contains(u"seed belongs to"));
        QVERIFY(!QFile::exists(dir.filePath(u"x.creds"_qs)));
        const Run account = cli({u"creds"_qs, u"export"_qs, u"--jwt"_qs, vec(u"go-account.jwt"_qs), u"--seed"_qs, seedFile, u"-o"_qs, dir.filePath(u"y.creds"_qs)});
        QCOMPARE(account.code, 1);
        QCOMPARE(cli({u"creds"_qs, u"export"_qs, u"--jwt"_qs, vec(u"go-user.jwt"_qs)}).code, 2);
        // A creds file works as the seed source too.
        const Run fromCreds = cli({u"creds"_qs, u"export"_qs, u"--jwt"_qs, vec(u"go-user.jwt"_qs), u"--seed"_qs, vec(u"go-user.creds"_qs), u"-o"_qs, dir.filePath(u"z.creds"_qs)});
        QCOMPARE(fromCreds.code, 0);
    }

    void commandHelpNamesTheCommand()
    {
        // The usage line names the command, not only the executable (the manual page shows it).
        const Run decode = cli({u"jwt"_qs, u"decode"_qs, u"--help"_qs});
        QCOMPARE(decode.code, 0);
        QVERIFY2(decode.out.startsWith(u"Usage: pot-console-cli jwt decode [options] FILE\n"), qPrintable(decode.out));
        const Run exportUsage = cli({u"creds"_qs, u"export"_qs});
        QCOMPARE(exportUsage.code, 2);
        QVERIFY2(exportUsage.err.contains(u"Usage: pot-console-cli creds export [options]\n"), qPrintable(exportUsage.err));
    }

    void credsExportIsOwnerOnlyUnderUmask000()
    {
#ifdef Q_OS_UNIX
        QTemporaryDir dir;
        const QString out = dir.filePath(u"out.creds"_qs);
        const QStringList args = exportArgs(dir, out);
        const Run ok = cli(args, {}, Umask::Zero);
        QVERIFY2(ok.code == 0, qPrintable(ok.err));
        QCOMPARE(Pot::Test::fileMode(out), uint(S_IFREG | 0600));
        QCOMPARE(Pot::Test::fileContent(out), Pot::Test::readData(u"nats-vectors/go-user.creds"_qs));

        // An existing world-readable file: refused without --force, 0600 after --force.
        QVERIFY(::chmod(QFile::encodeName(out).constData(), 0666) == 0);
        const Run refused = cli(args, {}, Umask::Zero);
        QCOMPARE(refused.code, 1);
        QVERIFY2(refused.err.contains(u"already exists"), qPrintable(refused.err));
        QCOMPARE(Pot::Test::fileMode(out), uint(S_IFREG | 0666));
        const Run forced = cli(args + QStringList{u"--force"_qs}, {}, Umask::Zero);
        QVERIFY2(forced.code == 0, qPrintable(forced.err));
        QCOMPARE(Pot::Test::fileMode(out), uint(S_IFREG | 0600));
        // Only the written file is left: no temporary file behind.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden, QDir::Name),
                 (QStringList{u"out.creds"_qs, u"user.seed"_qs}));
#else
        QSKIP("POSIX modes and symbolic links only");
#endif
    }

    void credsExportNeverWritesThroughALink_data()
    {
        QTest::addColumn<bool>("dangling");
        QTest::newRow("link to a file") << false;
        QTest::newRow("dangling link") << true;
    }

    void credsExportNeverWritesThroughALink()
    {
#ifdef Q_OS_UNIX
        QFETCH(bool, dangling);
        QTemporaryDir dir;
        const QString target = dir.filePath(u"precious.txt"_qs);
        if (!dangling) {
            writeFile(dir, u"precious.txt"_qs, "precious");
            QVERIFY(::chmod(QFile::encodeName(target).constData(), 0644) == 0);
        }
        // The file the link points to: never created, written or chmod'ed.
        const auto targetUntouched = [&] {
            return dangling ? !QFile::exists(target)
                            : Pot::Test::fileContent(target) == "precious"
                                  && Pot::Test::fileMode(target) == uint(S_IFREG | 0644);
        };
        const QString link = dir.filePath(u"out.creds"_qs);
        QVERIFY(QFile::link(target, link));
        const QStringList args = exportArgs(dir, link);

        const Run refused = cli(args);
        QCOMPARE(refused.code, 1);
        QVERIFY2(refused.err.contains(u"symbolic link"), qPrintable(refused.err));
        QVERIFY(S_ISLNK(Pot::Test::fileMode(link)));
        QVERIFY(targetUntouched());

        // --force replaces the link itself with a 0600 file.
        const Run forced = cli(args + QStringList{u"--force"_qs}, {}, Umask::Zero);
        QVERIFY2(forced.code == 0, qPrintable(forced.err));
        QCOMPARE(Pot::Test::fileMode(link), uint(S_IFREG | 0600));
        QCOMPARE(Pot::Test::fileContent(link), Pot::Test::readData(u"nats-vectors/go-user.creds"_qs));
        QVERIFY(targetUntouched());
#else
        QSKIP("POSIX modes and symbolic links only");
#endif
    }

    void stdinIsCappedLikeFiles()
    {
        const QByteArray big(kMiB + 1, 'A');
        // A writer that keeps the pipe open: the CLI must stop at the cap, not wait for the end.
        const Run open = cli({u"jwt"_qs, u"decode"_qs, u"-"_qs}, big, Umask::Inherit, Stdin::KeepOpen);
        QCOMPARE(open.code, 1);
        QVERIFY2(open.err.contains(u"standard input (-) is larger than 1 MB; not a JWT or creds file."),
                 qPrintable(open.err));

        const QByteArray twoMb(2 * kMiB, 'A');
        for (const QStringList &args : {QStringList{u"jwt"_qs, u"decode"_qs, u"--json"_qs, u"-"_qs},
                                        QStringList{u"creds"_qs, u"check"_qs, u"-"_qs},
                                        QStringList{u"creds"_qs, u"test"_qs, u"--server"_qs,
                                                    u"nats://127.0.0.1:1"_qs, u"-"_qs}}) {
            const Run r = cli(args, twoMb);
            QVERIFY2(r.code == 1, qPrintable(args.join(u' ')));
            QVERIFY2(r.err.contains(u"larger than 1 MB"), qPrintable(args.join(u' ') + u": " + r.err));
        }
        // The same message and limit for a file.
        QTemporaryDir dir;
        const QString file = writeFile(dir, u"big.jwt"_qs, twoMb);
        const Run fromFile = cli({u"creds"_qs, u"test"_qs, u"--server"_qs, u"nats://127.0.0.1:1"_qs, file});
        QCOMPARE(fromFile.code, 1);
        QVERIFY2(fromFile.err.contains(file + u" is larger than 1 MB; not a JWT or creds file."), qPrintable(fromFile.err));
        // Exactly 1 MB is still read (and then judged as a JWT).
        const Run atLimit = cli({u"jwt"_qs, u"decode"_qs, u"-"_qs}, QByteArray(kMiB, 'A'));
        QCOMPARE(atLimit.code, 1);
        QVERIFY2(!atLimit.err.contains(u"larger than"), qPrintable(atLimit.err));
    }
};

QTEST_GUILESS_MAIN(TstCliNats)
#include "tst_cli_nats.moc"
