#include "core/yaml/manifeststore.h"
#include "models/manifesteditor.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Pot;
using namespace Pot::Models;

/// One YAML editing session: modified state, every problem with its line, drafts that survive the
/// editor going away, files in and out.
class TstManifestEditor : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QUuid m_profile = QUuid::createUuid();

    ManifestEditor::Services services(const Manifest::DraftStore *drafts) const
    {
        ManifestEditor::Services s;
        s.drafts = drafts;
        s.profile = m_profile;
        s.checkDelayMs = 0;
        s.draftDelayMs = 0;
        return s;
    }

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void problemsFollowTheText()
    {
        ManifestEditor editor(services(nullptr));
        editor.setExpectedKind(QStringLiteral("NatsUserRule"));
        editor.load(QStringLiteral("apiVersion: datasance.com/v3\nkind: NatsUserRule\nmetadata: {name: r}\n"
                                   "spec:\n  subs: -1\n  payload: -1\n  maxData: -1\n"));
        QVERIFY(!editor.modified());
        QCOMPARE(editor.errorCount(), 0);
        QCOMPARE(editor.summary(), QStringLiteral("No problems"));

        QSignalSpy checked(&editor, &ManifestEditor::checked);
        editor.setText(QString(editor.text()).replace(QStringLiteral("subs: -1"), QStringLiteral("subs: lots")) + QStringLiteral("  src: [999.1.1.1/8]\n"));
        QVERIFY(editor.modified());
        QTRY_VERIFY(checked.count() > 0);
        QCOMPARE(editor.errorCount(), 2);
        QCOMPARE(editor.problems()->rowCount(), 2);
        QCOMPARE(editor.errorLines(), (QList<int>{5, 8}));
        const QVariantList at4 = editor.problemsAt(5);
        QCOMPARE(at4.size(), 1);
        QVERIFY(at4.first().toMap().value(QStringLiteral("message")).toString().startsWith(u"spec.subs"));
        QCOMPARE(editor.summary(), QStringLiteral("2 errors"));

        // Another kind than the editor's: refused in the Controller's words.
        editor.setText(QStringLiteral("kind: Role\nmetadata: {name: r}\nrules: []\n"));
        editor.checkNow();
        QCOMPARE(editor.problems()->data(editor.problems()->index(0), ManifestProblemModel::MessageRole).toString(),
                 QStringLiteral("Invalid kind Role, expected NatsUserRule"));

        // Back to the loaded text: not modified any more.
        editor.setText(QStringLiteral("apiVersion: datasance.com/v3\nkind: NatsUserRule\nmetadata: {name: r}\n"
                                      "spec:\n  subs: -1\n  payload: -1\n  maxData: -1\n"));
        QVERIFY(!editor.modified());
    }

    void draftsSurviveTheEditor()
    {
        Manifest::DraftStore drafts(m_dir.filePath(QStringLiteral("drafts")));
        const QString live = QStringLiteral("kind: NatsUserRule\nmetadata: {name: r}\nspec: {subs: 1}\n");
        const QString typed = QStringLiteral("kind: NatsUserRule\nmetadata: {name: r}\nspec: {subs: 2} # typed\n");
        {
            ManifestEditor editor(services(&drafts));
            editor.load(live, QStringLiteral("NatsUserRule/r"));
            QVERIFY(!editor.draftAvailable());
            editor.setText(typed);
            // Gone before the draft timer fired (the window closed, the app was quit).
        }
        ManifestEditor again(services(&drafts));
        again.load(live, QStringLiteral("NatsUserRule/r"));
        QVERIFY(again.draftAvailable());
        QVERIFY(again.draftInfo().startsWith(u"Unsaved changes from"));
        QCOMPARE(again.text(), live); // offered, not applied
        again.restoreDraft();
        QCOMPARE(again.text(), typed);
        QVERIFY(again.modified());
        again.markSaved();
        QVERIFY(!again.modified());
        QVERIFY(!drafts.load(m_profile, QStringLiteral("NatsUserRule/r")));

        // Discarding an offered draft deletes it.
        {
            ManifestEditor editor(services(&drafts));
            editor.load(live, QStringLiteral("NatsUserRule/q"));
            editor.setText(typed);
            QTRY_VERIFY(drafts.load(m_profile, QStringLiteral("NatsUserRule/q")).has_value());
        }
        ManifestEditor third(services(&drafts));
        third.load(live, QStringLiteral("NatsUserRule/q"));
        QVERIFY(third.draftAvailable());
        third.discardDraft();
        QVERIFY(!third.draftAvailable());
        QVERIFY(!drafts.load(m_profile, QStringLiteral("NatsUserRule/q")));

        // A secret's values never reach the draft; a half-typed secret is not kept, and says so.
        ManifestEditor secret(services(&drafts));
        secret.load({}, QStringLiteral("Secret/s"));
        secret.setText(QStringLiteral("kind: Secret\nmetadata: {name: s}\ntype: Opaque\nspec: {type: Opaque}\ndata: {k: hunter2}\n"));
        QTRY_VERIFY(drafts.load(m_profile, QStringLiteral("Secret/s")).has_value());
        QVERIFY(!drafts.load(m_profile, QStringLiteral("Secret/s"))->text.contains("hunter2"));
        secret.setText(QStringLiteral("kind: Secret\ndata: {k: hunter2\n"));
        QTRY_VERIFY(!secret.draftError().isEmpty());
    }

    void simulatesTheUserRuleBeingEdited()
    {
        ManifestEditor editor({});
        editor.load(QString::fromUtf8(Test::fixture(QStringLiteral("POST_nats_user-rules_yaml__dashboard-reader.request.yaml"))));
        // sub.deny: imported.foo.secret.> wins over sub.allow: imported.foo.>, at its line.
        QVariantMap r = editor.simulate(QStringLiteral("sub"), QStringLiteral("imported.foo.secret.key"));
        QCOMPARE(r.value(QStringLiteral("error")).toString(), QString());
        QCOMPARE(r.value(QStringLiteral("allowed")).toBool(), false);
        QVERIFY2(r.value(QStringLiteral("decidedBy")).toString().contains(u"spec.sub.deny[0] imported.foo.secret.>"),
                 qPrintable(r.value(QStringLiteral("decidedBy")).toString()));
        QVERIFY(r.value(QStringLiteral("line")).toInt() > 0);
        r = editor.simulate(QStringLiteral("sub"), QStringLiteral("imported.foo.temperature"));
        QCOMPARE(r.value(QStringLiteral("allowed")).toBool(), true);
        // Publishing is allowed to _INBOX.> only.
        QCOMPARE(editor.simulate(QStringLiteral("pub"), QStringLiteral("foo.bar")).value(QStringLiteral("allowed")).toBool(), false);
        QCOMPARE(editor.simulate(QStringLiteral("pub"), QStringLiteral("_INBOX.abc")).value(QStringLiteral("allowed")).toBool(), true);
        // Bad input: a message, no guess.
        QVERIFY(!editor.simulate(QStringLiteral("pub"), QStringLiteral("foo..bar")).value(QStringLiteral("error")).toString().isEmpty());
        QVERIFY(!editor.simulate(QStringLiteral("pub"), QStringLiteral("foo.*")).value(QStringLiteral("error")).toString().isEmpty());
        QVERIFY(!editor.simulate(QStringLiteral("jump"), QStringLiteral("foo")).value(QStringLiteral("error")).toString().isEmpty());
        editor.setText(QStringLiteral("kind: NatsUserRule\nmetadata: [\n"));
        QVERIFY(!editor.simulate(QStringLiteral("pub"), QStringLiteral("foo")).value(QStringLiteral("error")).toString().isEmpty());
    }

    void filesInAndOut()
    {
        ManifestEditor editor(services(nullptr));
        editor.load({});
        const QString bad = m_dir.filePath(QStringLiteral("latin1.yaml"));
        {
            QFile f(bad);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("kind: Role\nmetadata: {name: caf\xe9}\n");
        }
        QVERIFY(editor.openFile(QUrl::fromLocalFile(bad)).contains(u"not UTF-8"));
        QVERIFY(editor.text().isEmpty()); // nothing half-read
        QVERIFY(!editor.openFile(QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("missing.yaml")))).isEmpty());

        const QString good = m_dir.filePath(QStringLiteral("roles.yaml"));
        {
            QFile f(good);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("kind: Role\nmetadata: {name: a}\nrules: []\n---\nkind: Role\nmetadata: {name: b}\nrules: []\n");
        }
        QCOMPARE(editor.openFile(QUrl::fromLocalFile(good)), QString());
        QCOMPARE(editor.fileName(), QStringLiteral("roles.yaml"));
        QCOMPARE(editor.documentCount(), 2);
        QVERIFY(editor.modified());

        const QString out = m_dir.filePath(QStringLiteral("out.yaml"));
        QCOMPARE(editor.saveAs(QUrl::fromLocalFile(out)), QString());
        QFile written(out);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(written.readAll()), editor.text());
        QCOMPARE(written.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFileDevice::Permissions());
    }
};

QTEST_GUILESS_MAIN(TstManifestEditor)
#include "tst_manifesteditor.moc"
