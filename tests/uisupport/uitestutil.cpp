#include "uitestutil.h"

#include <QDir>
#include <QImage>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>

namespace Pot::Test {

namespace {

bool isShown(QQuickItem *item)
{
    for (QQuickItem *p = item; p; p = p->parentItem()) {
        if (!p->isVisible() || p->opacity() <= 0.0)
            return false;
    }
    return true;
}

QQuickItem *search(QQuickItem *item, const QString &name, QAccessible::Role role)
{
    if (!item)
        return nullptr;
    if (QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(item)) {
        if (iface->text(QAccessible::Name) == name && (role == QAccessible::NoRole || iface->role() == role)
            && isShown(item))
            return item;
    }
    const auto children = item->childItems();
    for (QQuickItem *child : children) {
        if (QQuickItem *hit = search(child, name, role))
            return hit;
    }
    return nullptr;
}

} // namespace

QQuickItem *findAccessible(QQuickWindow *window, const QString &name, QAccessible::Role role)
{
    return window ? search(window->contentItem(), name, role) : nullptr;
}

void failOnQmlWarnings()
{
    // The module's files are in the resources at qrc:/PotConsole/ (Qt 6.4's default prefix).
    static const QRegularExpression qmlWarning(
        QStringLiteral(R"(qrc:/(qt/qml/)?PotConsole/|Cyclic dependency detected)"));
    QTest::failOnWarning(qmlWarning);
}

/// Scrolls every Flickable around `item` (a ScrollView's too) so that the item is in its view, as
/// a user scrolls to a control before clicking it.
void scrollIntoView(QQuickItem *item)
{
    for (QQuickItem *p = item->parentItem(); p; p = p->parentItem()) {
        if (!p->inherits("QQuickFlickable"))
            continue;
        auto *content = qvariant_cast<QQuickItem *>(p->property("contentItem"));
        if (!content)
            continue;
        const QPointF top = item->mapToItem(content, QPointF(0, 0));
        const qreal y = p->property("contentY").toReal();
        const qreal view = p->height();
        if (top.y() < y || top.y() + item->height() > y + view) {
            const qreal maxY = std::max<qreal>(0, p->property("contentHeight").toReal() - view);
            p->setProperty("contentY", std::clamp<qreal>(top.y() - view / 3, 0, maxY));
        }
    }
}

void clickItem(QQuickItem *item)
{
    QVERIFY(item);
    // Layouts position their children on the next polish: let a state change settle, and wait for
    // the control to be enabled, before aiming at its centre.
    QTRY_VERIFY_WITH_TIMEOUT(item->isEnabled() && item->isVisible(), 15000);
    QTest::qWait(100);
    scrollIntoView(item);
    QTest::qWait(50);
    QQuickWindow *w = item->window();
    const QPointF centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
    QTest::mouseClick(w, Qt::LeftButton, Qt::NoModifier, centre.toPoint());
}

void typeInto(QQuickItem *field, const QString &text)
{
    QVERIFY(field);
    clickItem(field);
    QTRY_VERIFY_WITH_TIMEOUT(field->hasActiveFocus(), 15000);
    QTest::keySequence(field->window(), QKeySequence::SelectAll);
    QTest::keyClick(field->window(), Qt::Key_Delete);
    // QTest has no keyClicks() for QWindow: send one key event per character.
    for (const QChar c : text)
        QTest::sendKeyEvent(QTest::Click, field->window(), Qt::Key_unknown, c.unicode() < 128 ? char(c.unicode()) : '?', Qt::NoModifier);
}

void maybeScreenshot(QQuickWindow *window, const QString &name)
{
    const QByteArray dir = qgetenv("POT_SCREENSHOT_DIR");
    if (dir.isEmpty() || !window)
        return;
    QDir().mkpath(QString::fromLocal8Bit(dir));
    const QImage image = window->grabWindow();
    image.save(QString::fromLocal8Bit(dir) + u'/' + name + u".png");
}

} // namespace Pot::Test
