#include "core/securefile.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <sys/types.h>

using namespace Pot;

namespace {

bool writePlain(const QString &path, const QByteArray &content, mode_t mode)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        return false;
    f.close();
    return ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

bool makeLink(const QString &target, const QString &link)
{
    return ::symlink(QFile::encodeName(target).constData(), QFile::encodeName(link).constData()) == 0;
}

/// Every name in `dir`, hidden ones too: a temporary file left behind would show here.
QStringList namesIn(const QTemporaryDir &dir)
{
    return QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                                      QDir::Name);
}

/// Sets the process umask for one scope.
class UmaskScope
{
public:
    explicit UmaskScope(mode_t mask)
        : m_old(::umask(mask))
    {}
    ~UmaskScope() { ::umask(m_old); }
    UmaskScope(const UmaskScope &) = delete;
    UmaskScope &operator=(const UmaskScope &) = delete;

private:
    mode_t m_old;
};

constexpr uint kRegular0600 = S_IFREG | 0600;
constexpr uint kRegular0644 = S_IFREG | 0644;

} // namespace

/// writeOwnerOnlyFile: every owner-only export (creds, nats contexts) goes through it.
class TstSecureFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newFileIsExactly0600UnderAnyUmask_data()
    {
        QTest::addColumn<int>("mask");
        QTest::newRow("umask 000") << 0;
        QTest::newRow("umask 022") << 022;
        QTest::newRow("umask 277 (owner write masked)") << 0277;
    }

    void newFileIsExactly0600UnderAnyUmask()
    {
        QFETCH(int, mask);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"user.creds"_qs);
        {
            UmaskScope scope{mode_t(mask)};
            QVERIFY_RESULT(writeOwnerOnlyFile(path, "secret\n", false));
        }
        QCOMPARE(Test::fileMode(path), kRegular0600);
        QCOMPARE(Test::fileContent(path), QByteArray("secret\n"));
        QCOMPARE(namesIn(dir), QStringList{u"user.creds"_qs}); // no temporary file left
    }

    void existingFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"ctx.json"_qs);
        QVERIFY(writePlain(path, "old", 0644));

        const Status refused = writeOwnerOnlyFile(path, "new", false);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Conflict);
        QVERIFY2(refused.error().message.contains(u"already exists"), qPrintable(refused.error().message));
        QCOMPARE(Test::fileContent(path), QByteArray("old"));
        QCOMPARE(Test::fileMode(path), kRegular0644);

        UmaskScope scope(0);
        QVERIFY_RESULT(writeOwnerOnlyFile(path, "new", true));
        QCOMPARE(Test::fileContent(path), QByteArray("new"));
        QCOMPARE(Test::fileMode(path), kRegular0600); // a replaced world-readable file is 0600 as well
        QCOMPARE(namesIn(dir), QStringList{u"ctx.json"_qs});
    }

    void symlinkToFile()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(u"elsewhere.txt"_qs);
        const QString link = dir.filePath(u"out.creds"_qs);
        QVERIFY(writePlain(target, "precious", 0644));
        QVERIFY(makeLink(target, link));

        const Status refused = writeOwnerOnlyFile(link, "secret", false);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Conflict);
        QVERIFY2(refused.error().message.contains(u"symbolic link"), qPrintable(refused.error().message));
        QVERIFY(refused.error().message.contains(target));
        QVERIFY(S_ISLNK(Test::fileMode(link)));
        QCOMPARE(Test::fileContent(target), QByteArray("precious"));
        QCOMPARE(Test::fileMode(target), kRegular0644);

        // With replace the link itself becomes the new 0600 file; the file it pointed to keeps
        // its content and its mode.
        QVERIFY_RESULT(writeOwnerOnlyFile(link, "secret", true));
        QCOMPARE(Test::fileMode(link), kRegular0600);
        QCOMPARE(Test::fileContent(link), QByteArray("secret"));
        QCOMPARE(Test::fileContent(target), QByteArray("precious"));
        QCOMPARE(Test::fileMode(target), kRegular0644);
        QCOMPARE(namesIn(dir), (QStringList{u"elsewhere.txt"_qs, u"out.creds"_qs}));
    }

    void danglingSymlink()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(u"not-yet.txt"_qs);
        const QString link = dir.filePath(u"out.creds"_qs);
        QVERIFY(makeLink(target, link));

        const Status refused = writeOwnerOnlyFile(link, "secret", false);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Conflict);
        QVERIFY2(refused.error().message.contains(u"symbolic link"), qPrintable(refused.error().message));
        QVERIFY(!QFile::exists(target)); // nothing written through the link
        QVERIFY(S_ISLNK(Test::fileMode(link)));

        QVERIFY_RESULT(writeOwnerOnlyFile(link, "secret", true));
        QCOMPARE(Test::fileMode(link), kRegular0600);
        QCOMPARE(Test::fileContent(link), QByteArray("secret"));
        QVERIFY(!QFile::exists(target));
    }

    void symlinkToDirectoryIsReplacedNotEntered()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(u"sub"_qs));
        const QString link = dir.filePath(u"out.creds"_qs);
        QVERIFY(makeLink(dir.filePath(u"sub"_qs), link));
        QCOMPARE(writeOwnerOnlyFile(link, "secret", false).error().code, ErrorCode::Conflict);
        QVERIFY_RESULT(writeOwnerOnlyFile(link, "secret", true));
        QCOMPARE(Test::fileMode(link), kRegular0600);
        QVERIFY(QDir(dir.filePath(u"sub"_qs)).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
    }

    void notARegularFile()
    {
        QTemporaryDir dir;
        // A directory, and a FIFO (which rename would silently replace): refused even with replace.
        const Status directory = writeOwnerOnlyFile(dir.path(), "x", true);
        QCOMPARE(directory.error().code, ErrorCode::Io);
        QVERIFY(directory.error().message.contains(u"directory"));
        const QString fifo = dir.filePath(u"pipe"_qs);
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const Status special = writeOwnerOnlyFile(fifo, "x", true);
        QCOMPARE(special.error().code, ErrorCode::Io);
        QVERIFY(special.error().message.contains(u"not a regular file"));
        QVERIFY(S_ISFIFO(Test::fileMode(fifo)));
        QCOMPARE(namesIn(dir), QStringList{u"pipe"_qs});
    }

    void unwritablePlaces()
    {
        QTemporaryDir dir;
        const Status missing = writeOwnerOnlyFile(dir.filePath(u"no/such/dir/x.creds"_qs), "x", false);
        QCOMPARE(missing.error().code, ErrorCode::Io);
        QVERIFY(!missing.error().message.isEmpty());
        QCOMPARE(writeOwnerOnlyFile(QString(), "x", true).error().code, ErrorCode::InvalidInput);
        if (::geteuid() != 0) { // root writes into read-only folders anyway
            const QString locked = dir.filePath(u"locked"_qs);
            QVERIFY(QDir(dir.path()).mkdir(u"locked"_qs));
            QVERIFY(::chmod(QFile::encodeName(locked).constData(), 0500) == 0);
            QCOMPARE(writeOwnerOnlyFile(locked + u"/x.creds", "x", false).error().code, ErrorCode::Io);
            ::chmod(QFile::encodeName(locked).constData(), 0700);
        }
    }
};

QTEST_GUILESS_MAIN(TstSecureFile)
#include "tst_securefile.moc"
