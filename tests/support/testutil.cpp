#include "testutil.h"

#include <QFile>
#include <QLocale>
#include <QProcess>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace Pot::Test {

QString dataPath(const QString &relative)
{
    return QStringLiteral(POT_TEST_DATA_DIR) + u'/' + relative;
}

QByteArray readData(const QString &relative)
{
    QFile f(dataPath(relative));
    if (!f.open(QIODevice::ReadOnly)) {
        qWarning("missing test data: %s", qPrintable(f.fileName()));
        return {};
    }
    return f.readAll();
}

QByteArray fixture(const QString &name)
{
    return readData(u"controller-3.7.3/" + name);
}

QByteArray fileContent(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

uint fileMode(const QString &path)
{
#ifdef Q_OS_UNIX
    struct stat st {};
    if (::lstat(QFile::encodeName(path).constData(), &st) == 0)
        return uint(st.st_mode);
#else
    Q_UNUSED(path);
#endif
    return 0;
}

QString shown(const ProcessRun &run)
{
    return QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3").arg(run.code).arg(run.out, run.err);
}

ProcessRun runProcess(const QString &program, const QStringList &args, const QByteArray &stdinData,
                      bool closeStdin, int timeoutMs)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(10000))
        return {};
    p.write(stdinData);
    if (closeStdin)
        p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    if (p.exitStatus() != QProcess::NormalExit)
        return {};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

void initTestEnvironment()
{
    QLocale::setDefault(QLocale::c());
}

} // namespace Pot::Test
