#pragma once

#include "standincontroller.h"

#include <QAccessible>
#include <QDeadlineTimer>
#include <QQuickItem>
#include <QQuickWindow>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

class QQmlApplicationEngine;

namespace Pot::App {
class CompositionRoot;
}
namespace Pot::Models {
class ClusterView;
class ControlPlanes;
} // namespace Pot::Models

namespace Pot::Test {

/// The real console window, offscreen, with its own profile file, snapshot folder and in-memory
/// secret store, next to a loopback stand-in Controller that replays the 3.7.3 captures. Shared
/// by the UI tests of the cluster pages.
class ConsoleWindow final
{
public:
    static constexpr int Wait = 15000; ///< CI runs two suites at once on two cores

    ConsoleWindow();
    /// Uses `dir` (profile file, snapshots) instead of a fresh temporary folder, so a second window
    /// can reopen what an earlier one left there (a restart).
    explicit ConsoleWindow(const QString &dir);
    ~ConsoleWindow();
    ConsoleWindow(const ConsoleWindow &) = delete;
    ConsoleWindow &operator=(const ConsoleWindow &) = delete;

    /// Starts the stand-in and opens the window. false (with a warning) on failure.
    bool start();

    StandInController &controller() { return *m_controller; }
    App::CompositionRoot &root() { return *m_root; }
    Models::ControlPlanes *planes() const;
    /// The selected control plane's cluster view (nullptr when none).
    Models::ClusterView *cluster() const;
    QQuickWindow *window() const { return m_window; }
    QString dir() const { return m_dirPath; }
    /// The desktop notifications shown so far ("title\nbody").
    QStringList notices() const { return m_notices; }

    /// Adds a password profile for the stand-in and signs in (through the view model, which the
    /// sign-in UI test already covers). Returns when signed in, false on time-out.
    bool signIn(const QString &email, const QString &password, bool readOnly = false,
                const QString &name = QStringLiteral("stand-in"));
    /// Signs the current profile out and in again as another user (the same profile). Returns when
    /// signed in, false on time-out.
    bool signInAgain(const QString &email, const QString &password);
    /// Makes the saved profile at `index` current again and signs in to it (as Alt+1…9 would).
    bool switchTo(int index, const QString &email, const QString &password);
    /// A YAML editor is open, in editing or in its review (where the YAML field is hidden).
    bool editorOpen() const;
    /// Opens the bundled demo control plane.
    bool openDemo();
    /// Clicks a sidebar section ("Agents", "NATS"...).
    bool openSection(const QString &name);

    /// Waits until a visible control with this accessible name (and role) exists.
    QQuickItem *find(const QString &name, QAccessible::Role role = QAccessible::NoRole,
                     int timeoutMs = Wait) const;
    QQuickItem *button(const QString &name) const { return find(name, QAccessible::Button); }
    QQuickItem *field(const QString &name) const { return find(name, QAccessible::EditableText); }
    /// Clicks the table cell showing `text` (selects its row).
    bool clickCell(const QString &text) const;
    /// The accessible description of a control ("" when absent): values of status labels and
    /// detail rows, reasons of disabled actions.
    QString description(const QString &name, QAccessible::Role role = QAccessible::NoRole) const;
    void screenshot(const QString &name) const;
    /// In the YAML editor: Review changes, then Apply on the review (what saving takes now).
    bool reviewAndApply(const QString &screenshotName = {}) const;

private:
    /// Waits until the current profile is signed in, then closes a sign-in dialog the UI opened.
    bool waitSignedIn(const QDeadlineTimer &deadline);

    std::unique_ptr<QTemporaryDir> m_tempDir; ///< only when no folder was given
    QString m_dirPath;
    QStringList m_notices;
    std::unique_ptr<StandInController> m_controller;
    std::unique_ptr<App::CompositionRoot> m_root;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow *m_window = nullptr;
};

} // namespace Pot::Test
