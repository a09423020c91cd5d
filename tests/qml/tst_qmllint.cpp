// qmllint over every QML file in qml/, warnings as errors, every category at its default level (none
// turned off), and nothing let through: a delegate or a loaded view never reads an id of the file
// that contains it (Qt 6.4 has no `pragma ComponentBehavior: Bound`); it gets what it needs from its
// model, its view (ListView.view, TableView.view), its parent (a Repeater's items are the
// Repeater's parent's children) or its required properties (ModelLoader, Loader.setSource).
// The only suppressed reports are single lines marked `// qmllint disable unqualified`, each with
// its reason beside it: StandardKey (Qt 6.4 ships no type information for it) and a ListView
// section's `section` context property (see DetailPane.qml).
#include "qmllintconfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

namespace {

struct Finding
{
    QString file;
    int line = 0;
    int column = 0;
    QString message;
    QString text; ///< the source text the finding points at
};

/// Runs qmllint on `files` with the module's import paths; returns its warnings, or a finding saying
/// why qmllint did not run.
QList<Finding> lint(const QStringList &files, QString *rawOutput)
{
    QStringList args{QStringLiteral("--json"), QStringLiteral("-"), QStringLiteral("--bare"),
                     QStringLiteral("-I"), QStringLiteral(POT_QML_BUILD_IMPORT_DIR),
                     QStringLiteral("-I"), QStringLiteral(POT_QT_QML_DIR)};
    for (const QString &qrc : QStringLiteral(POT_QML_QRC_FILES).split(u'|', Qt::SkipEmptyParts))
        args << QStringLiteral("--resource") << qrc;
    args << files;

    QProcess p;
    p.setWorkingDirectory(QStringLiteral(POT_QML_SOURCE_DIR));
    p.start(QStringLiteral(POT_QMLLINT), args);
    if (!p.waitForFinished(240000)) {
        qWarning("qmllint (%s) did not run: %s", POT_QMLLINT, qPrintable(p.errorString()));
        return {{QString(), 0, 0, QStringLiteral("qmllint did not run"), {}}};
    }
    const QByteArray out = p.readAllStandardOutput();
    *rawOutput = QString::fromUtf8(out + p.readAllStandardError());
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(out, &error);
    if (doc.isNull())
        return {{QString(), 0, 0, QStringLiteral("qmllint wrote no JSON: ") + error.errorString(), {}}};

    QList<Finding> findings;
    const QJsonArray reports = doc.object().value(u"files").toArray();
    if (reports.size() != files.size())
        findings.append({QString(), 0, 0,
                         QStringLiteral("qmllint reported %1 of %2 files").arg(reports.size()).arg(files.size()),
                         {}});
    for (const QJsonValue &report : reports) {
        const QString file = report[u"filename"].toString();
        QFile f(file);
        const QString source = f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
        if (!report[u"success"].toBool() && report[u"warnings"].toArray().isEmpty())
            findings.append({file, 0, 0, QStringLiteral("qmllint failed without a warning"), {}});
        for (const QJsonValue &w : report[u"warnings"].toArray()) {
            const QString type = w[u"type"].toString();
            if (type != u"warning" && type != u"critical")
                continue;
            Finding finding{QFileInfo(file).fileName(), w[u"line"].toInt(), w[u"column"].toInt(),
                            w[u"message"].toString(),
                            source.mid(w[u"charOffset"].toInt(), w[u"length"].toInt())};
            findings.append(finding);
        }
    }
    return findings;
}

QString describe(const QList<Finding> &findings)
{
    QString text;
    for (const Finding &f : findings)
        text += QStringLiteral("%1:%2:%3: %4 [%5]\n").arg(f.file).arg(f.line).arg(f.column).arg(f.message, f.text);
    return text;
}

} // namespace

class TestQmlLint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyQmlFileIsClean()
    {
        QVERIFY2(QFileInfo::exists(QStringLiteral(POT_QMLLINT)),
                 "qmllint not found; install qt6-declarative-dev-tools (scripts/install-deps.sh)");
        QDir dir(QStringLiteral(POT_QML_SOURCE_DIR));
        QStringList files;
        for (const QString &name : dir.entryList({QStringLiteral("*.qml")}, QDir::Files, QDir::Name))
            files << dir.filePath(name);
        QVERIFY(files.size() >= 20);
        QString raw;
        const QList<Finding> findings = lint(files, &raw);
        if (!findings.isEmpty())
            qWarning().noquote() << raw;
        QVERIFY2(findings.isEmpty(), qPrintable(QStringLiteral("%1 qmllint warnings:\n%2")
                                                    .arg(findings.size()).arg(describe(findings))));
    }

    // Also clean the way a developer runs it by hand in qml/ (`qmllint -I ../build/qml *.qml`): the
    // files as a directory import of their own, without the module's resources.
    void cleanWhenRunByHand()
    {
        QDir dir(QStringLiteral(POT_QML_SOURCE_DIR));
        QStringList args{QStringLiteral("-I"), QStringLiteral(POT_QML_BUILD_IMPORT_DIR)};
        args << dir.entryList({QStringLiteral("*.qml")}, QDir::Files, QDir::Name);
        QProcess p;
        p.setWorkingDirectory(dir.path());
        p.start(QStringLiteral(POT_QMLLINT), args);
        QVERIFY2(p.waitForFinished(240000), qPrintable(p.errorString()));
        const QString out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        QVERIFY2(!out.contains(u"Warning"), qPrintable(out));
        QCOMPARE(p.exitCode(), 0);
    }

    // The same run finds real problems: the check above cannot pass because qmllint said nothing.
    void reportsRealProblems()
    {
        const QString file = QStringLiteral(POT_TEST_DATA_DIR "/qmllint/LintProblems.qml");
        QString raw;
        const QList<Finding> findings = lint({file}, &raw);
        QStringList seen;
        for (const Finding &f : findings)
            seen << QStringLiteral("%1 %2").arg(f.line).arg(f.text);
        seen.sort();
        // Line 8: a property ControlPlanes lacks; 14: a role read from the injected model; 15 and
        // 16: an id of the file read inside a delegate; 18: a misspelt enum value.
        QCOMPARE(seen, (QStringList{QStringLiteral("14 model"), QStringLiteral("15 fixture"),
                                    QStringLiteral("16 fixture"), QStringLiteral("18 SignedInn"),
                                    QStringLiteral("8 noSuchProperty")}));
    }
};

QTEST_GUILESS_MAIN(TestQmlLint)
#include "tst_qmllint.moc"
