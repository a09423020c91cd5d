#include "testutil.h"

#include <QProcess>
#include <QTest>

class TstExecutables : public QObject
{
    Q_OBJECT

private:
    static QProcess *run(const QString &exe, const QStringList &args)
    {
        auto *p = new QProcess;
        p->start(exe, args);
        if (!p->waitForFinished(30000))
            p->kill();
        return p;
    }

private Q_SLOTS:
    void versionAndHelp_data()
    {
        QTest::addColumn<QString>("exe");
        QTest::addColumn<QString>("name");
        QTest::newRow("gui") << QStringLiteral(POT_CONSOLE_EXE) << QStringLiteral("pot-console");
        QTest::newRow("cli") << QStringLiteral(POT_CLI_EXE) << QStringLiteral("pot-console-cli");
    }

    void versionAndHelp()
    {
        QFETCH(QString, exe);
        QFETCH(QString, name);
        std::unique_ptr<QProcess> v(run(exe, {QStringLiteral("--version")}));
        QCOMPARE(v->exitStatus(), QProcess::NormalExit);
        QCOMPARE(v->exitCode(), 0);
        QCOMPARE(QString::fromUtf8(v->readAllStandardOutput()).trimmed(),
                 name + u' ' + QStringLiteral(POT_VERSION));

        std::unique_ptr<QProcess> h(run(exe, {QStringLiteral("--help")}));
        QCOMPARE(h->exitCode(), 0);
        QVERIFY(QString::fromUtf8(h->readAllStandardOutput()).contains(u"Usage:"));
    }

    void cliUsageErrors()
    {
        std::unique_ptr<QProcess> none(run(QStringLiteral(POT_CLI_EXE), {}));
        QCOMPARE(none->exitCode(), 2);
        std::unique_ptr<QProcess> bad(run(QStringLiteral(POT_CLI_EXE), {QStringLiteral("frobnicate")}));
        QCOMPARE(bad->exitCode(), 2);
        QVERIFY(QString::fromUtf8(bad->readAllStandardError()).contains(u"Unknown command: frobnicate"));
    }
};

QTEST_GUILESS_MAIN(TstExecutables)
#include "tst_executables.moc"
