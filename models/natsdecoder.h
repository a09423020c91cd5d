#pragma once

#include "models/detailsmodel.h"

#include "core/nats/creds.h"
#include "core/nats/jwt.h"
#include "core/secretbytes.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <optional>

namespace Pot::Nats {
class HandshakeProbe;
}

namespace Pot::Models {

/// The one NATS creds workflow: Tools → NATS decoder (a pasted or dropped JWT or .creds text) and
/// the creds of a user fetched from the Controller (NATS page → Fetch creds) both go through it.
/// It decodes locally, shows the claims in words, the signature and (when trust anchors are known)
/// the chain decision, saves creds owner-only and nats contexts, copies as sensitive and runs the
/// live creds test. The creds text stays in memory as SecretBytes; the seed enters the details
/// only while revealed. Nothing here is logged or written to a snapshot.
class NatsDecoder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NatsDecoder)
    Q_PROPERTY(QString kind READ kind NOTIFY decoded)
    Q_PROPERTY(QString kindText READ kindText NOTIFY decoded)
    Q_PROPERTY(QString error READ error NOTIFY decoded)
    Q_PROPERTY(QString signature READ signature NOTIFY decoded)
    Q_PROPERTY(QString signatureText READ signatureText NOTIFY decoded)
    Q_PROPERTY(QString trustText READ trustText NOTIFY decoded)
    Q_PROPERTY(bool trusted READ trusted NOTIFY decoded)
    Q_PROPERTY(QStringList problems READ problems NOTIFY decoded)
    Q_PROPERTY(bool isCreds READ isCreds NOTIFY decoded)
    Q_PROPERTY(bool loaded READ isCreds NOTIFY decoded)
    Q_PROPERTY(bool loading READ loading NOTIFY decoded)
    Q_PROPERTY(QString account READ account NOTIFY decoded)
    Q_PROPERTY(QString user READ user NOTIFY decoded)
    Q_PROPERTY(QString suggestedFileName READ suggestedFileName NOTIFY decoded)
    Q_PROPERTY(bool revealed READ revealed WRITE setRevealed NOTIFY decoded)
    Q_PROPERTY(Pot::Models::DetailsModel *details READ detailsModel CONSTANT)
    Q_PROPERTY(QString status READ status NOTIFY statusChanged)
    Q_PROPERTY(bool liveTestRunning READ liveTestRunning NOTIFY liveTestChanged)
    Q_PROPERTY(QString liveTestResult READ liveTestResult NOTIFY liveTestChanged)
    Q_PROPERTY(bool liveTestOk READ liveTestOk NOTIFY liveTestChanged)

public:
    /// Copies text; `sensitive` copies are cleared from the clipboard after a while.
    using CopyFunction = std::function<void(const QString &text, bool sensitive)>;

    explicit NatsDecoder(CopyFunction copy, QObject *parent = nullptr);
    ~NatsDecoder() override;

    QString kind() const { return m_kind; }
    QString kindText() const;
    QString error() const { return m_error; }
    QString signature() const { return m_signature; }
    QString signatureText() const;
    QString trustText() const { return m_trustText; }
    bool trusted() const { return m_trusted; }
    QStringList problems() const { return m_problems; }
    bool isCreds() const { return m_creds.has_value(); }
    bool loaded() const { return isCreds(); }
    bool loading() const { return m_loading; }
    /// The account and user of creds fetched from the Controller (empty for pasted ones).
    QString account() const { return m_account; }
    QString user() const { return m_user; }
    QString suggestedFileName() const;
    bool revealed() const { return m_revealed; }
    void setRevealed(bool revealed);
    DetailsModel *detailsModel() const { return m_details; }
    QString status() const { return m_status; }
    bool liveTestRunning() const;
    QString liveTestResult() const { return m_liveResult; }
    bool liveTestOk() const { return m_liveOk; }

    /// Operator and account JWTs of the connected control plane, for the chain decision.
    void setTrustAnchors(const QByteArray &operatorJwt, const QList<QByteArray> &accountJwts);
    /// Seconds since the epoch used as "now" (tests); 0 = the clock.
    void setNow(qint64 now) { m_fixedNow = now; }

    /// A fetch of `user`'s creds in `account` started (clears what was shown).
    void begin(const QString &account, const QString &user);
    /// The Controller's credsBase64 for them (the caller wipes its copy): decoded and checked
    /// like pasted creds; saved later byte for byte as the Controller sent them.
    void setBase64(const QString &account, const QString &user, QByteArray base64);
    void fail(const QString &account, const QString &user, const QString &message);

    Q_INVOKABLE void decodeText(const QString &text);
    Q_INVOKABLE void loadFile(const QUrl &file);
    Q_INVOKABLE void setVerificationKey(const QString &pem);
    /// Copies the value of the detail row `label` (the seed and tokens as sensitive).
    Q_INVOKABLE void copyField(const QString &label);
    /// Copies the whole creds text as sensitive.
    Q_INVOKABLE void copy();
    /// Writes the creds owner-only (0600).
    Q_INVOKABLE bool save(const QUrl &file, bool overwrite = true);
    /// Writes a `nats context` JSON for `serverUrl` pointing at the saved creds file.
    Q_INVOKABLE bool saveContext(const QUrl &file, const QString &serverUrl);
    /// Connects to `serverUrl` with these creds up to the first PONG.
    Q_INVOKABLE void runLiveTest(const QString &serverUrl, const QString &caPem = {});
    Q_INVOKABLE void cancelLiveTest();
    /// Forgets everything (wipes the creds text).
    Q_INVOKABLE void clear();

    static constexpr qsizetype MaxInputSize = 1024 * 1024;

Q_SIGNALS:
    void decoded();
    void statusChanged();
    void liveTestChanged();

private:
    /// `fromController`: the bytes must be creds; they are kept as they are for saving.
    void decodeBytes(const QByteArray &bytes, bool fromController = false);
    void reset();
    void fail(const QString &message);
    void rebuildRows();
    void computeTrust();
    void setStatus(const QString &status);
    qint64 now() const;

    CopyFunction m_copy;
    DetailsModel *m_details;
    std::optional<Nats::Jwt> m_jwt;
    std::optional<Nats::UserCreds> m_creds;
    SecretBytes m_text; ///< the creds text a save writes
    QByteArray m_operatorJwt;
    QList<QByteArray> m_accountJwts;
    QByteArray m_pem;
    QString m_kind;
    QString m_error;
    QString m_signature;
    QString m_trustText;
    bool m_trusted = false;
    QStringList m_problems;
    QString m_account;
    QString m_user;
    bool m_loading = false;
    bool m_revealed = false;
    QString m_status;
    QString m_lastCredsPath;
    QPointer<Nats::HandshakeProbe> m_probe;
    QString m_liveResult;
    bool m_liveOk = false;
    qint64 m_fixedNow = 0;
};

} // namespace Pot::Models
