#include "clipboardguard.h"

#include <QClipboard>
#include <QGuiApplication>

namespace Pot::App {

ClipboardGuard::ClipboardGuard(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(30000);
    connect(&m_timer, &QTimer::timeout, this, &ClipboardGuard::clearIfStillOurs);
}

ClipboardGuard::~ClipboardGuard()
{
    // Do not leave a secret behind when the console quits.
    if (m_timer.isActive())
        clearIfStillOurs();
}

void ClipboardGuard::copy(const QString &text, bool sensitive)
{
    QClipboard *clipboard = QGuiApplication::clipboard();
    clipboard->setText(text);
    if (sensitive) {
        m_copied = text;
        m_timer.start();
    } else {
        m_copied.clear();
        m_timer.stop();
    }
}

void ClipboardGuard::clearIfStillOurs()
{
    m_timer.stop();
    QClipboard *clipboard = QGuiApplication::clipboard();
    if (!m_copied.isEmpty() && clipboard->text() == m_copied)
        clipboard->clear();
    m_copied.fill(u'\0');
    m_copied.clear();
}

} // namespace Pot::App
