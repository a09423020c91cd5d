#pragma once

#include "models/detailsmodel.h"

#include "core/nats/creds.h"
#include "core/nats/jwt.h"

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

/// View model of Tools → NATS decoder: decodes a pasted or dropped JWT or .creds text locally,
/// shows the claims in words, the signature and (when trust anchors are known) the chain decision,
/// exports creds and nats contexts, and runs the live creds test. The seed is hidden until the user
/// reveals it; copies go through an injected clipboard function that clears secrets later.
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
    Q_PROPERTY(bool seedRevealed READ seedRevealed WRITE setSeedRevealed NOTIFY seedRevealedChanged)
    Q_PROPERTY(Pot::Models::DetailsModel *details READ detailsModel CONSTANT)
    Q_PROPERTY(QString status READ status NOTIFY statusChanged)
    Q_PROPERTY(bool liveTestRunning READ liveTestRunning NOTIFY liveTestChanged)
    Q_PROPERTY(QString liveTestResult READ liveTestResult NOTIFY liveTestChanged)

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
    bool seedRevealed() const { return m_seedRevealed; }
    void setSeedRevealed(bool revealed);
    DetailsModel *detailsModel() const { return m_details; }
    QString status() const { return m_status; }
    bool liveTestRunning() const;
    QString liveTestResult() const { return m_liveResult; }

    /// Operator and account JWTs of the connected control plane, for the chain decision.
    void setTrustAnchors(const QByteArray &operatorJwt, const QList<QByteArray> &accountJwts);
    /// Seconds since the epoch used as "now" (tests); 0 = the clock.
    void setNow(qint64 now) { m_fixedNow = now; }

    Q_INVOKABLE void decodeText(const QString &text);
    Q_INVOKABLE void loadFile(const QUrl &file);
    Q_INVOKABLE void setVerificationKey(const QString &pem);
    Q_INVOKABLE void copyField(const QString &label);
    Q_INVOKABLE void saveCreds(const QUrl &file, bool overwrite);
    Q_INVOKABLE void saveContext(const QUrl &file, const QString &serverUrl);
    Q_INVOKABLE void runLiveTest(const QString &serverUrl, const QString &caPem);
    Q_INVOKABLE void cancelLiveTest();

    static constexpr qsizetype MaxInputSize = 1024 * 1024;

Q_SIGNALS:
    void decoded();
    void seedRevealedChanged();
    void statusChanged();
    void liveTestChanged();

private:
    void decodeBytes(const QByteArray &bytes);
    void clear();
    void fail(const QString &message);
    void rebuildRows();
    void computeTrust();
    void setStatus(const QString &status);
    qint64 now() const;

    CopyFunction m_copy;
    DetailsModel *m_details;
    std::optional<Nats::Jwt> m_jwt;
    std::optional<Nats::UserCreds> m_creds;
    QByteArray m_operatorJwt;
    QList<QByteArray> m_accountJwts;
    QByteArray m_pem;
    QString m_kind;
    QString m_error;
    QString m_signature;
    QString m_trustText;
    bool m_trusted = false;
    QStringList m_problems;
    bool m_seedRevealed = false;
    QString m_status;
    QString m_lastCredsPath;
    QPointer<Nats::HandshakeProbe> m_probe;
    QString m_liveResult;
    qint64 m_fixedNow = 0;
};

} // namespace Pot::Models
