#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTest>

namespace Pot::Test {

/// Absolute path of a file below tests/data.
QString dataPath(const QString &relative);

/// Contents of a file below tests/data; fails the test (QFAIL-like) through an empty array and a
/// warning when it is missing.
QByteArray readData(const QString &relative);

/// Contents of a captured Controller 3.7.3 response (tests/data/controller-3.7.3/<name>).
QByteArray fixture(const QString &name);

/// Contents of any file, or "<unreadable>" when it cannot be read.
QByteArray fileContent(const QString &path);

/// st_mode of `path` itself (lstat: a symbolic link is not followed), 0 when nothing is there.
/// POSIX only (0 elsewhere).
uint fileMode(const QString &path);

/// What a process run by runProcess() gave.
struct ProcessRun
{
    int code = -1; ///< exit code; -1 when it did not start, did not finish in time or crashed
    QString out;
    QString err;
};

/// Runs `program` with `args`, writes `stdinData` to its standard input and closes it (unless
/// `closeStdin` is false: a writer that keeps the pipe open), and waits up to `timeoutMs` for it to
/// end; a process that does not end in time is killed.
ProcessRun runProcess(const QString &program, const QStringList &args, const QByteArray &stdinData = {},
                      bool closeStdin = true, int timeoutMs = 30000);
/// "exit N", stdout and stderr of `run`, for a failure message.
QString shown(const ProcessRun &run);

/// Makes logging and locale deterministic for a test run.
void initTestEnvironment();

} // namespace Pot::Test

/// Verifies a Result and prints its error when it failed.
#define QVERIFY_RESULT(expr)                                                                       \
    do {                                                                                           \
        const auto &pot_r_ = (expr);                                                               \
        if (!pot_r_.ok())                                                                          \
            QFAIL(qPrintable(QStringLiteral("unexpected error: ") + pot_r_.error().toString()));    \
    } while (false)
