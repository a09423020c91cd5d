#include "natscreds.h"

#include "core/nats/claimsinwords.h"
#include "core/nats/handshakeprobe.h"
#include "models/natsdetails.h"

#include <QDateTime>
#include <QFileInfo>

namespace Pot::Models {

NatsCreds::NatsCreds(CopyFunction copy, QObject *parent)
    : QObject(parent)
    , m_copy(std::move(copy))
    , m_details(new DetailsModel(this))
{}

NatsCreds::~NatsCreds() = default;

QString NatsCreds::suggestedFileName() const
{
    if (m_user.isEmpty())
        return {};
    return m_account + u'-' + m_user + QStringLiteral(".creds");
}

void NatsCreds::setRevealed(bool revealed)
{
    if (m_revealed == revealed)
        return;
    m_revealed = revealed;
    rebuildRows();
    Q_EMIT changed();
}

bool NatsCreds::liveTestRunning() const
{
    return m_probe && m_probe->isRunning();
}

void NatsCreds::begin(const QString &account, const QString &user)
{
    clear();
    m_account = account;
    m_user = user;
    m_loading = true;
    Q_EMIT changed();
}

void NatsCreds::fail(const QString &account, const QString &user, const QString &message)
{
    clear();
    m_account = account;
    m_user = user;
    m_error = message;
    Q_EMIT changed();
}

void NatsCreds::setBase64(const QString &account, const QString &user, QByteArray base64)
{
    clear();
    m_account = account;
    m_user = user;
    auto decoded = QByteArray::fromBase64Encoding(base64, QByteArray::AbortOnBase64DecodingErrors);
    SecretBytes::wipe(base64);
    if (!decoded) {
        m_error = tr("The Controller's credsBase64 is not valid base64.");
        Q_EMIT changed();
        return;
    }
    m_text = SecretBytes::takeFrom(decoded.decoded);
    Result<Nats::UserCreds> creds = Nats::loadCreds(
        QByteArrayView(reinterpret_cast<const char *>(m_text.constData()), qsizetype(m_text.size())));
    if (!creds) {
        m_text.clear();
        m_error = tr("The creds sent by the Controller cannot be used: %1").arg(creds.error().message);
        Q_EMIT changed();
        return;
    }
    m_creds = std::move(*creds);
    rebuildRows();
    Q_EMIT changed();
}

void NatsCreds::rebuildRows()
{
    if (!m_creds) {
        m_details->clear();
        return;
    }
    QList<DetailRow> rows;
    const QString g = tr("Credentials");
    rows.append(DetailRow(g, tr("Account"), m_account));
    rows.append(DetailRow(g, tr("User"), m_user));
    rows.append(DetailRow(g, tr("Public key"), m_creds->key.publicKeyString()));
    // Hidden, the row holds no secret at all: the seed enters the model only while revealed.
    QString seed;
    if (m_revealed) {
        QByteArray s = m_creds->key.seed().revealCopy();
        seed = QString::fromLatin1(s);
        SecretBytes::wipe(s);
    }
    rows.append(DetailRow(g, tr("Seed"), seed,
                          tr("The user's private nkey seed. Anyone with it can connect as this user."),
                          true));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const NatsDetails::Expiry e = NatsDetails::userExpiry(m_creds->jwt.payload());
    if (e.seconds > 0 && !e.enforced)
        rows.append(DetailRow(g, tr("Expiry"),
                              tr("%1, requested expiry (not enforced)").arg(Nats::formatUnixTime(e.seconds)),
                              tr("nats-server ignores nats.exp: these creds keep working after this date."),
                              false, true));
    for (const Nats::ClaimRow &r : Nats::claimsInWords(m_creds->jwt, now)) {
        QString hint = r.hint;
        if (!r.warning.isEmpty())
            hint = hint.isEmpty() ? r.warning : r.warning + u'\n' + hint;
        rows.append(DetailRow(r.group, r.label, r.value, hint, false, !r.warning.isEmpty()));
    }
    m_details->setRows(rows);
}

void NatsCreds::setStatus(const QString &status)
{
    m_status = status;
    Q_EMIT statusChanged();
}

bool NatsCreds::save(const QUrl &file, bool overwrite)
{
    if (!m_creds) {
        setStatus(tr("Fetch the creds first."));
        return false;
    }
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    if (path.isEmpty()) {
        setStatus(tr("Choose a file to save to."));
        return false;
    }
    if (Status s = Nats::writeSecretFile(path, m_text, overwrite); !s) {
        setStatus(s.error().message);
        return false;
    }
    m_savedPath = path;
    setStatus(tr("Saved %1 (readable by you only).").arg(QFileInfo(path).fileName()));
    return true;
}

void NatsCreds::copy()
{
    if (!m_creds || !m_copy)
        return;
    QByteArray text(reinterpret_cast<const char *>(m_text.constData()), qsizetype(m_text.size()));
    m_copy(QString::fromUtf8(text), true);
    SecretBytes::wipe(text);
    setStatus(tr("Creds copied; the clipboard is cleared in 30 seconds."));
}

bool NatsCreds::saveContext(const QUrl &file, const QString &serverUrl)
{
    if (!m_creds) {
        setStatus(tr("Fetch the creds first."));
        return false;
    }
    if (m_savedPath.isEmpty()) {
        setStatus(tr("Save the creds file first: the context refers to it."));
        return false;
    }
    Nats::NatsContext context;
    context.description = tr("%1 in account %2").arg(m_user, m_account);
    context.url = serverUrl.trimmed();
    context.credsPath = m_savedPath;
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    if (Status written = Nats::writeNatsContext(path, context); !written) {
        setStatus(written.error().message);
        return false;
    }
    setStatus(tr("Saved nats context %1.").arg(QFileInfo(path).fileName()));
    return true;
}

void NatsCreds::runLiveTest(const QString &serverUrl, const QString &caPem)
{
    auto report = [this](const QString &text, bool ok) {
        m_liveResult = text;
        m_liveOk = ok;
        Q_EMIT liveTestChanged();
    };
    if (!m_creds) {
        report(tr("Fetch the creds first."), false);
        return;
    }
    Nats::startLiveTest(this, m_probe, *m_creds, serverUrl, caPem.toUtf8(), report);
}

void NatsCreds::cancelLiveTest()
{
    if (m_probe)
        m_probe->cancel();
}

void NatsCreds::clear()
{
    if (m_probe) {
        m_probe->deleteLater();
        m_probe = nullptr;
    }
    m_text.clear();
    m_creds.reset();
    m_account.clear();
    m_user.clear();
    m_error.clear();
    m_savedPath.clear();
    m_loading = false;
    m_revealed = false;
    m_liveResult.clear();
    m_liveOk = false;
    m_details->clear();
    if (!m_status.isEmpty())
        setStatus({});
    Q_EMIT changed();
    Q_EMIT liveTestChanged();
}

} // namespace Pot::Models
