#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

namespace Pot::App {

/// Copies text to the clipboard and clears it again after a delay (30 s by default) unless the user
/// copied something else meanwhile. Used for every copy of creds, seeds, keys and tokens.
class ClipboardGuard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClipboardGuard)

public:
    explicit ClipboardGuard(QObject *parent = nullptr);
    ~ClipboardGuard() override;

    void setClearDelay(int ms) { m_timer.setInterval(ms); }
    int clearDelay() const { return m_timer.interval(); }

    /// Copies `text`; `sensitive` texts are cleared after the delay.
    void copy(const QString &text, bool sensitive);
    bool clearPending() const { return m_timer.isActive(); }

private:
    void clearIfStillOurs();

    QTimer m_timer;
    QString m_copied;
};

} // namespace Pot::App
