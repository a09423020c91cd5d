#include "consolewindow.h"
#include "models/agentspage.h"
#include "models/clusterview.h"
#include "models/controlplanes.h"
#include "testutil.h"
#include "uitestutil.h"

#include <QSignalSpy>
#include <QTest>

using namespace Pot;
using Pot::Test::ConsoleWindow;

/// The bundled demo control plane: offered when there is no profile, browsable with no network,
/// read-only.
class TstDemo : public QObject
{
    Q_OBJECT

private:
    ConsoleWindow m_console;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_console.start()); }

    void welcomePageOffersTheDemo()
    {
        QVERIFY(m_console.find(QStringLiteral("No control plane yet")));
        Pot::Test::clickItem(m_console.button(QStringLiteral("Open demo control plane")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.cluster() && m_console.cluster()->hasData(),
                                 ConsoleWindow::Wait);
        QVERIFY(m_console.cluster()->demo());
        QVERIFY(m_console.cluster()->readOnly());
        // Nothing went to the network: the stand-in saw no request.
        QCOMPARE(m_console.controller().requests().size(), 0);
    }

    void agentsOfTheCaptureAreListed()
    {
        QVERIFY(m_console.openSection(QStringLiteral("Agents")));
        QVERIFY(m_console.find(QStringLiteral("edge-node-1"), QAccessible::Cell));
        QVERIFY(m_console.find(QStringLiteral("remote-hub (system)"), QAccessible::Cell));
        QCOMPARE(m_console.description(QStringLiteral("agents count")), QStringLiteral("2 items"));
        Pot::Test::typeInto(m_console.field(QStringLiteral("Filter agents")), QStringLiteral("edge"));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("agents count")),
                                  QStringLiteral("1 of 2"), ConsoleWindow::Wait);
        QVERIFY(m_console.clickCell(QStringLiteral("edge-node-1")));
        auto *agents = m_console.cluster()->agents()->list();
        QTRY_COMPARE_WITH_TIMEOUT(agents->selectedObject().value(u"name").toString(),
                                  QStringLiteral("edge-node-1"), ConsoleWindow::Wait);
        m_console.screenshot(QStringLiteral("demo-agents"));
    }
};

QTEST_MAIN(TstDemo)
#include "tst_demo.moc"
