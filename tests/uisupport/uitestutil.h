#pragma once

#include <QAccessible>
#include <QQuickItem>
#include <QQuickWindow>
#include <QString>

namespace Pot::Test {

/// The first visible item below `root` whose accessible name is `name` (optionally with `role`),
/// searching popups and dialogs too. Tests find controls this way so accessibility regressions
/// break tests.
QQuickItem *findAccessible(QQuickWindow *window, const QString &name,
                           QAccessible::Role role = QAccessible::NoRole);

/// Makes any warning of the console's QML fail the current test: a TypeError in a binding, a
/// property that cannot be assigned, a type that cannot be made, a cyclic type dependency. A UI
/// test calls it from init(), so a view that works only by luck does not pass.
void failOnQmlWarnings();

/// Clicks the centre of an item.
void clickItem(QQuickItem *item);

/// Focuses a text field by clicking it, selects all, and types `text` with real key events.
void typeInto(QQuickItem *field, const QString &text);

/// Saves a screenshot of `window` as <POT_SCREENSHOT_DIR>/<name>.png when that variable is set.
void maybeScreenshot(QQuickWindow *window, const QString &name);

} // namespace Pot::Test
