#pragma once

#include "models/detailsmodel.h"

#include "core/nats/creds.h"
#include "core/secretbytes.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <optional>

namespace Pot::Nats {
class HandshakeProbe;
}

namespace Pot::Models {

/// Creds of one NATS user fetched from the Controller. The text stays in memory only (SecretBytes)
/// until the user saves it (owner-only file, the exact bytes the Controller sent), copies it
/// (clipboard cleared later) or tests it against the hub. The seed is in the details only while
/// revealed. Nothing here is logged or written to a snapshot.
class NatsCreds final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NatsCreds)
    Q_PROPERTY(bool loaded READ loaded NOTIFY changed)
    Q_PROPERTY(bool loading READ loading NOTIFY changed)
    Q_PROPERTY(QString account READ account NOTIFY changed)
    Q_PROPERTY(QString user READ user NOTIFY changed)
    Q_PROPERTY(QString error READ error NOTIFY changed)
    Q_PROPERTY(QString suggestedFileName READ suggestedFileName NOTIFY changed)
    Q_PROPERTY(bool revealed READ revealed WRITE setRevealed NOTIFY changed)
    Q_PROPERTY(Pot::Models::DetailsModel *details READ detailsModel CONSTANT)
    Q_PROPERTY(QString status READ status NOTIFY statusChanged)
    Q_PROPERTY(bool liveTestRunning READ liveTestRunning NOTIFY liveTestChanged)
    Q_PROPERTY(QString liveTestResult READ liveTestResult NOTIFY liveTestChanged)
    Q_PROPERTY(bool liveTestOk READ liveTestOk NOTIFY liveTestChanged)

public:
    using CopyFunction = std::function<void(const QString &text, bool sensitive)>;

    explicit NatsCreds(CopyFunction copy, QObject *parent = nullptr);
    ~NatsCreds() override;

    bool loaded() const { return m_creds.has_value(); }
    bool loading() const { return m_loading; }
    QString account() const { return m_account; }
    QString user() const { return m_user; }
    QString error() const { return m_error; }
    QString suggestedFileName() const;
    bool revealed() const { return m_revealed; }
    void setRevealed(bool revealed);
    DetailsModel *detailsModel() const { return m_details; }
    QString status() const { return m_status; }
    bool liveTestRunning() const;
    QString liveTestResult() const { return m_liveResult; }
    bool liveTestOk() const { return m_liveOk; }

    /// A fetch started (clears what was shown).
    void begin(const QString &account, const QString &user);
    /// The answer's credsBase64 (the caller wipes its copy); parses and cross-checks it.
    void setBase64(const QString &account, const QString &user, QByteArray base64);
    void fail(const QString &account, const QString &user, const QString &message);

    /// Writes the creds exactly as the Controller sent them, readable by the owner only.
    Q_INVOKABLE bool save(const QUrl &file, bool overwrite = true);
    /// Copies the whole creds text (cleared from the clipboard after 30 s).
    Q_INVOKABLE void copy();
    /// Writes a `nats context` JSON for `serverUrl` pointing at the saved creds file.
    Q_INVOKABLE bool saveContext(const QUrl &file, const QString &serverUrl);
    /// Connects to `serverUrl` with these creds up to the first PONG.
    Q_INVOKABLE void runLiveTest(const QString &serverUrl, const QString &caPem = {});
    Q_INVOKABLE void cancelLiveTest();
    /// Forgets the creds (wipes the text).
    Q_INVOKABLE void clear();

Q_SIGNALS:
    void changed();
    void statusChanged();
    void liveTestChanged();

private:
    void rebuildRows();
    void setStatus(const QString &status);

    CopyFunction m_copy;
    DetailsModel *m_details;
    SecretBytes m_text;
    std::optional<Nats::UserCreds> m_creds;
    QString m_account;
    QString m_user;
    QString m_error;
    QString m_status;
    QString m_savedPath;
    bool m_loading = false;
    bool m_revealed = false;
    QPointer<Nats::HandshakeProbe> m_probe;
    QString m_liveResult;
    bool m_liveOk = false;
};

} // namespace Pot::Models
