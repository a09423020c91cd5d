#include "models/manifesteditor.h"
#include "models/ruleformmodel.h"
#include "testutil.h"

#include <QQmlContext>
#include <QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(PotConsolePlugin)

namespace {

/// What the QML tests get as `fixtures`: manifest editors (no drafts, no Controller) holding the
/// rule YAML the Controller 3.7.3 accepted.
class Fixtures : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    /// A new editor (owned by the fixtures) holding `text`.
    Q_INVOKABLE Pot::Models::ManifestEditor *editor(const QString &text)
    {
        auto *e = new Pot::Models::ManifestEditor({nullptr, {}, 50, 1000}, this);
        e->load(text);
        return e;
    }
    Q_INVOKABLE QString fixture(const QString &name) const
    {
        return QString::fromUtf8(Pot::Test::fixture(name));
    }
};

class Setup : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        // The module's QML files and qmldir are built into the binary under qrc:/PotConsole.
        engine->addImportPath(QStringLiteral("qrc:/"));
        engine->rootContext()->setContextProperty(QStringLiteral("fixtures"), new Fixtures(engine));
    }
};

} // namespace

QUICK_TEST_MAIN_WITH_SETUP(tst_ruleformview, Setup)

#include "tst_ruleformview.moc"
