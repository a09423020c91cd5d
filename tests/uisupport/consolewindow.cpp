#include "consolewindow.h"

#include "app/compositionroot.h"
#include "models/clusterview.h"
#include "models/controlplanes.h"
#include "core/session/controlplanesession.h"
#include "testutil.h"
#include "uitestutil.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QQmlApplicationEngine>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(PotConsolePlugin)

namespace Pot::Test {

ConsoleWindow::ConsoleWindow()
    : m_tempDir(std::make_unique<QTemporaryDir>())
    , m_dirPath(m_tempDir->isValid() ? m_tempDir->path() : QString())
{}

ConsoleWindow::ConsoleWindow(const QString &dir)
    : m_dirPath(dir)
{}

ConsoleWindow::~ConsoleWindow()
{
    m_engine.reset();
    m_root.reset();
}

bool ConsoleWindow::start()
{
    initTestEnvironment();
    if (m_dirPath.isEmpty() || !QDir().mkpath(m_dirPath))
        return false;
    const QDir dir(m_dirPath);
    m_controller = std::make_unique<StandInController>();
    if (!m_controller->listen()) {
        qWarning("stand-in controller did not listen");
        return false;
    }
    App::CompositionRoot::Options options;
    options.useMemorySecretStore = true;
    options.profilesFile = dir.filePath(QStringLiteral("profiles.yaml"));
    options.snapshotDir = dir.filePath(QStringLiteral("snapshots"));
    options.draftDir = dir.filePath(QStringLiteral("drafts"));
    options.historyDir = dir.filePath(QStringLiteral("history"));
    options.potctlHome = m_dirPath;
    options.requestTimeoutMs = 3000;
    options.openBrowser = [](const QUrl &) {};
    options.noticeFile = dir.filePath(QStringLiteral("expiry-notices.json"));
    options.notify = [this](const QString &title, const QString &body) { m_notices << title + u'\n' + body; };
    m_root = std::make_unique<App::CompositionRoot>(options);
    m_engine = std::make_unique<QQmlApplicationEngine>();
    if (!m_root->load(*m_engine))
        return false;
    m_window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().constFirst());
    if (!m_window || !QTest::qWaitForWindowExposed(m_window))
        return false;
    m_window->requestActivate();
    return QTest::qWaitForWindowActive(m_window);
}

Models::ControlPlanes *ConsoleWindow::planes() const
{
    return m_root ? m_root->controlPlanes() : nullptr;
}

Models::ClusterView *ConsoleWindow::cluster() const
{
    return planes() ? qobject_cast<Models::ClusterView *>(planes()->currentCluster()) : nullptr;
}

bool ConsoleWindow::signIn(const QString &email, const QString &password, bool readOnly,
                           const QString &name)
{
    Models::ControlPlanes *p = planes();
    const QString error = p->saveProfile(
        -1, {{QStringLiteral("name"), name},
             {QStringLiteral("url"), m_controller->address()},
             {QStringLiteral("email"), email},
             {QStringLiteral("readOnly"), readOnly},
             {QStringLiteral("refreshInterval"), 30}});
    if (!error.isEmpty()) {
        qWarning("profile not saved: %s", qPrintable(error));
        return false;
    }
    return switchTo(p->currentIndex(), email, password);
}

bool ConsoleWindow::waitSignedIn(const QDeadlineTimer &deadline)
{
    Models::ControlPlanes *p = planes();
    while (p->currentState() != int(ConnectionState::SignedIn) && !deadline.hasExpired())
        QTest::qWait(20);
    if (p->currentState() != int(ConnectionState::SignedIn)) {
        qWarning("not signed in: %s", qPrintable(p->lastError()));
        return false;
    }
    // Close the sign-in dialog if the UI opened one meanwhile.
    if (QQuickItem *cancel = findAccessible(m_window, QStringLiteral("Cancel"), QAccessible::Button))
        clickItem(cancel);
    return true;
}

bool ConsoleWindow::switchTo(int index, const QString &email, const QString &password)
{
    Models::ControlPlanes *p = planes();
    p->connectProfile(index);
    QDeadlineTimer deadline(Wait);
    while (p->currentState() != int(ConnectionState::SignInRequired)
           && p->currentState() != int(ConnectionState::SignedIn) && !deadline.hasExpired())
        QTest::qWait(20);
    if (p->currentState() == int(ConnectionState::SignInRequired))
        p->signIn(index, email, password, QString(), false);
    return waitSignedIn(deadline);
}

bool ConsoleWindow::signInAgain(const QString &email, const QString &password)
{
    Models::ControlPlanes *p = planes();
    const int index = p->currentIndex();
    p->signOut();
    QDeadlineTimer deadline(Wait);
    while (p->currentState() != int(ConnectionState::SignInRequired) && !deadline.hasExpired())
        QTest::qWait(20);
    p->signIn(index, email, password, QString(), false);
    return waitSignedIn(deadline);
}

bool ConsoleWindow::editorOpen() const
{
    return findAccessible(m_window, QStringLiteral("YAML"), QAccessible::EditableText)
        || findAccessible(m_window, QStringLiteral("Apply"), QAccessible::Button);
}

bool ConsoleWindow::openDemo()
{
    planes()->openDemo();
    QDeadlineTimer deadline(Wait);
    while (!(cluster() && cluster()->demo() && cluster()->hasData()) && !deadline.hasExpired())
        QTest::qWait(20);
    return cluster() && cluster()->demo() && cluster()->hasData();
}

bool ConsoleWindow::openSection(const QString &name)
{
    // Controls report their own role for delegates, so match the sidebar entry by name only.
    QQuickItem *tab = find(name);
    if (!tab)
        return false;
    clickItem(tab);
    QTest::qWait(50);
    return true;
}

bool ConsoleWindow::reviewAndApply(const QString &screenshotName) const
{
    QQuickItem *review = button(QStringLiteral("Review changes"));
    if (!review || !QTest::qWaitFor([review] { return review->isEnabled(); }, Wait))
        return false;
    clickItem(review);
    QQuickItem *apply = button(QStringLiteral("Apply"));
    if (!apply)
        return false;
    if (!screenshotName.isEmpty())
        screenshot(screenshotName);
    clickItem(apply);
    return true;
}

QQuickItem *ConsoleWindow::find(const QString &name, QAccessible::Role role, int timeoutMs) const
{
    QDeadlineTimer deadline(timeoutMs);
    QQuickItem *item = findAccessible(m_window, name, role);
    while (!item && !deadline.hasExpired()) {
        QTest::qWait(20);
        item = findAccessible(m_window, name, role);
    }
    if (!item)
        qWarning("no control named \"%s\"", qPrintable(name));
    return item;
}

bool ConsoleWindow::clickCell(const QString &text) const
{
    // A table re-lays out its cells after a filter or a refresh; a click that lands during that
    // selects nothing, so the cell is clicked again (found anew) until it reports itself selected.
    for (int attempt = 0; attempt < 3; ++attempt) {
        QQuickItem *cell = find(text, QAccessible::Cell);
        if (!cell)
            return false;
        clickItem(cell);
        QDeadlineTimer settle(2000);
        while (!settle.hasExpired()) {
            QQuickItem *now = findAccessible(m_window, text, QAccessible::Cell);
            QAccessibleInterface *iface = now ? QAccessible::queryAccessibleInterface(now) : nullptr;
            if (iface && iface->state().selected)
                return true;
            QTest::qWait(20);
        }
    }
    return false;
}

QString ConsoleWindow::description(const QString &name, QAccessible::Role role) const
{
    QQuickItem *item = findAccessible(m_window, name, role);
    if (!item)
        return {};
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(item);
    return iface ? iface->text(QAccessible::Description) : QString();
}

void ConsoleWindow::screenshot(const QString &name) const
{
    maybeScreenshot(m_window, name);
}

} // namespace Pot::Test
