#include "natsdecoder.h"

#include "core/nats/claimsinwords.h"
#include "core/nats/handshakeprobe.h"
#include "core/nats/trustchain.h"
#include "core/resources/kinds/natsdetails.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace Pot::Models {

namespace {

const QString kSeedLabel = QStringLiteral("Seed");

QString revealText(const SecretBytes &secret)
{
    QByteArray bytes = secret.revealCopy();
    const QString text = QString::fromUtf8(bytes);
    SecretBytes::wipe(bytes);
    return text;
}

} // namespace

NatsDecoder::NatsDecoder(CopyFunction copy, QObject *parent)
    : QObject(parent)
    , m_copy(std::move(copy))
    , m_details(new DetailsModel(this))
{}

NatsDecoder::~NatsDecoder() = default;

qint64 NatsDecoder::now() const
{
    return m_fixedNow > 0 ? m_fixedNow : QDateTime::currentSecsSinceEpoch();
}

QString NatsDecoder::kindText() const
{
    if (m_kind.isEmpty())
        return {};
    if (m_creds)
        return tr("user creds");
    if (m_kind == u"generic")
        return tr("JWT (%1)").arg(m_jwt ? m_jwt->algorithm() : QString());
    return tr("NATS %1 JWT").arg(m_kind);
}

QString NatsDecoder::signatureText() const
{
    if (m_signature == u"valid")
        return tr("signature valid");
    if (m_signature == u"invalid")
        return tr("signature INVALID");
    return tr("signature not checked");
}

QString NatsDecoder::suggestedFileName() const
{
    if (m_user.isEmpty())
        return {};
    return m_account + u'-' + m_user + QStringLiteral(".creds");
}

void NatsDecoder::setRevealed(bool revealed)
{
    if (m_revealed == revealed)
        return;
    m_revealed = revealed;
    rebuildRows();
    Q_EMIT decoded();
}

bool NatsDecoder::liveTestRunning() const
{
    return m_probe && m_probe->isRunning();
}

void NatsDecoder::setTrustAnchors(const QByteArray &operatorJwt, const QList<QByteArray> &accountJwts)
{
    if (operatorJwt == m_operatorJwt && accountJwts == m_accountJwts)
        return;
    m_operatorJwt = operatorJwt;
    m_accountJwts = accountJwts;
    if (m_jwt) {
        computeTrust();
        Q_EMIT decoded();
    }
}

void NatsDecoder::reset()
{
    m_jwt.reset();
    m_creds.reset();
    m_text.clear();
    m_kind.clear();
    m_error.clear();
    m_signature.clear();
    m_trustText.clear();
    m_trusted = false;
    m_problems.clear();
    m_revealed = false;
    m_lastCredsPath.clear();
    m_details->clear();
}

void NatsDecoder::clear()
{
    if (m_probe) {
        m_probe->deleteLater();
        m_probe = nullptr;
    }
    reset();
    m_account.clear();
    m_user.clear();
    m_loading = false;
    m_liveResult.clear();
    m_liveOk = false;
    if (!m_status.isEmpty())
        setStatus({});
    Q_EMIT decoded();
    Q_EMIT liveTestChanged();
}

void NatsDecoder::fail(const QString &message)
{
    reset();
    m_error = message;
    Q_EMIT decoded();
}

void NatsDecoder::begin(const QString &account, const QString &user)
{
    clear();
    m_account = account;
    m_user = user;
    m_loading = true;
    Q_EMIT decoded();
}

void NatsDecoder::fail(const QString &account, const QString &user, const QString &message)
{
    clear();
    m_account = account;
    m_user = user;
    fail(message);
}

void NatsDecoder::setBase64(const QString &account, const QString &user, QByteArray base64)
{
    clear();
    m_account = account;
    m_user = user;
    auto decodedBase64 = QByteArray::fromBase64Encoding(base64, QByteArray::AbortOnBase64DecodingErrors);
    SecretBytes::wipe(base64);
    if (!decodedBase64) {
        fail(tr("The Controller's credsBase64 is not valid base64."));
        return;
    }
    decodeBytes(decodedBase64.decoded, true);
    SecretBytes::wipe(decodedBase64.decoded);
}

void NatsDecoder::decodeText(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    decodeBytes(bytes);
    SecretBytes::wipe(bytes);
}

void NatsDecoder::loadFile(const QUrl &file)
{
    QFile f(file.toLocalFile());
    if (f.size() > MaxInputSize) {
        fail(tr("%1 is larger than 1 MB; it is not a JWT or a creds file.").arg(f.fileName()));
        return;
    }
    if (!f.open(QIODevice::ReadOnly)) {
        fail(tr("Cannot read %1: %2").arg(f.fileName(), f.errorString()));
        return;
    }
    QByteArray bytes = f.read(MaxInputSize + 1);
    decodeBytes(bytes);
    SecretBytes::wipe(bytes);
}

void NatsDecoder::decodeBytes(const QByteArray &bytes, bool fromController)
{
    if (!m_status.isEmpty())
        setStatus({});
    const QByteArray text = bytes.trimmed();
    if (text.isEmpty() && !fromController) {
        reset();
        Q_EMIT decoded();
        return;
    }
    if (text.size() > MaxInputSize) {
        fail(tr("The input is larger than 1 MB; it is not a JWT or a creds file."));
        return;
    }
    if (text.contains('\0')) {
        fail(tr("The input contains NUL bytes: it is binary data, not a JWT or a creds file."));
        return;
    }
    reset();
    if (fromController || text.contains("-----")) {
        Result<Nats::UserCreds> creds = Nats::loadCreds(text);
        if (!creds) {
            fail(fromController ? tr("The creds sent by the Controller cannot be used: %1").arg(creds.error().message)
                                : creds.error().message);
            return;
        }
        // What a save writes: the Controller's bytes as sent; pasted text as nsc writes it.
        if (fromController) {
            QByteArray copy = bytes;
            m_text = SecretBytes::takeFrom(copy);
        } else if (Result<SecretBytes> formatted = Nats::formatCreds(creds->jwt.token(), creds->key)) {
            m_text = std::move(*formatted);
        } else {
            fail(formatted.error().message);
            return;
        }
        m_jwt = creds->jwt;
        m_creds = std::move(*creds);
    } else if (Nats::looksLikeSeed(text)) {
        fail(tr("This is an nkey seed (a private key), not a JWT. Keep it secret; paste the whole "
                ".creds file to check it against its JWT."));
        return;
    } else {
        Result<Nats::Jwt> jwt = Nats::Jwt::decode(text);
        if (!jwt) {
            fail(jwt.error().message);
            return;
        }
        m_jwt = std::move(*jwt);
    }

    const qint64 t = now();
    m_kind = m_jwt->isNats() ? Nats::claimKindName(m_jwt->kind()) : QStringLiteral("generic");
    if (m_jwt->isNats()) {
        const Status sig = m_jwt->verifySignature();
        m_signature = sig ? QStringLiteral("valid") : QStringLiteral("invalid");
        m_problems = m_jwt->problems(t);
    } else if (!m_pem.isEmpty()) {
        const Status sig = m_jwt->verifyWithPem(m_pem);
        m_signature = sig ? QStringLiteral("valid") : QStringLiteral("invalid");
        if (!sig)
            m_problems << sig.error().message;
    } else {
        m_signature = QStringLiteral("unchecked");
    }

    computeTrust();
    rebuildRows();
    Q_EMIT decoded();
}

void NatsDecoder::computeTrust()
{
    m_trusted = false;
    m_trustText.clear();
    if (!m_jwt || !m_jwt->isNats() || m_operatorJwt.isEmpty())
        return;
    Result<Nats::Jwt> op = Nats::Jwt::decode(m_operatorJwt);
    if (!op)
        return;
    Nats::TrustChain chain(*op);
    for (const QByteArray &a : std::as_const(m_accountJwts)) {
        if (Result<Nats::Jwt> acc = Nats::Jwt::decode(a))
            (void)chain.addAccount(*acc);
    }
    const Nats::TrustDecision d = chain.check(*m_jwt, now());
    m_trusted = d.trusted;
    m_trustText = d.trusted ? tr("trusted by the control plane's operator")
                            : tr("not trusted: %1").arg(d.failures().join(u"; "));
}

void NatsDecoder::rebuildRows()
{
    if (!m_jwt) {
        m_details->clear();
        return;
    }
    QList<DetailRow> rows;
    if (m_creds) {
        const QString g = tr("Credentials");
        if (!m_user.isEmpty()) {
            rows.append(DetailRow(g, tr("Account"), m_account));
            rows.append(DetailRow(g, tr("User"), m_user));
        }
        rows.append(DetailRow(g, tr("Public key"), m_creds->key.publicKeyString()));
        // Hidden, the row holds no secret at all: the seed enters the model only while revealed.
        rows.append(DetailRow(g, kSeedLabel, m_revealed ? revealText(m_creds->key.seed()) : QString(),
                              tr("The user's private nkey seed. Anyone with it can connect as this user."),
                              true));
        const Resources::NatsDetails::Expiry e = Resources::NatsDetails::userExpiry(m_jwt->payload());
        if (e.seconds > 0 && !e.enforced)
            rows.append(DetailRow(g, tr("Expiry"),
                                  tr("%1, requested expiry (not enforced)").arg(Nats::formatUnixTime(e.seconds)),
                                  tr("nats-server ignores nats.exp: these creds keep working after this date."),
                                  false, true));
    }
    const QString header = QString::fromUtf8(QJsonDocument(m_jwt->header()).toJson(QJsonDocument::Compact));
    rows.append(DetailRow(tr("Header"), tr("Header"), header));
    for (const Nats::ClaimRow &r : Nats::claimsInWords(*m_jwt, now())) {
        QString hint = r.hint;
        if (!r.warning.isEmpty())
            hint = hint.isEmpty() ? r.warning : r.warning + u'\n' + hint;
        rows.append(DetailRow(r.group, r.label, r.value, hint, false, !r.warning.isEmpty()));
    }
    rows.append(DetailRow(tr("Token"), tr("Encoded token"), QString::fromLatin1(m_jwt->token())));
    m_details->setRows(rows);
}

void NatsDecoder::setVerificationKey(const QString &pem)
{
    m_pem = pem.trimmed().toUtf8();
    if (m_jwt && !m_jwt->isNats())
        decodeBytes(m_jwt->token());
}

void NatsDecoder::copyField(const QString &label)
{
    if (!m_copy || !m_jwt)
        return;
    if (label == kSeedLabel) {
        if (!m_creds)
            return;
        m_copy(revealText(m_creds->key.seed()), true);
        setStatus(tr("Seed copied; the clipboard is cleared in 30 seconds."));
        return;
    }
    const QString value = m_details->valueOf(label);
    m_copy(value, label == tr("Encoded token"));
    setStatus(tr("%1 copied.").arg(label));
}

void NatsDecoder::copy()
{
    if (!m_creds || !m_copy)
        return;
    m_copy(revealText(m_text), true);
    setStatus(tr("Creds copied; the clipboard is cleared in 30 seconds."));
}

void NatsDecoder::setStatus(const QString &status)
{
    m_status = status;
    Q_EMIT statusChanged();
}

bool NatsDecoder::save(const QUrl &file, bool overwrite)
{
    if (!m_creds) {
        setStatus(tr("Decode or fetch creds first."));
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
    m_lastCredsPath = path;
    setStatus(tr("Saved %1 (readable by you only).").arg(QFileInfo(path).fileName()));
    return true;
}

bool NatsDecoder::saveContext(const QUrl &file, const QString &serverUrl)
{
    if (!m_creds) {
        setStatus(tr("Decode or fetch creds first."));
        return false;
    }
    if (m_lastCredsPath.isEmpty()) {
        setStatus(tr("Save the creds file first: the context refers to it."));
        return false;
    }
    Nats::NatsContext context;
    context.description = m_user.isEmpty() ? m_jwt->standard().name
                                           : tr("%1 in account %2").arg(m_user, m_account);
    context.url = serverUrl.trimmed();
    context.credsPath = m_lastCredsPath;
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    if (Status written = Nats::writeNatsContext(path, context); !written) {
        setStatus(written.error().message);
        return false;
    }
    setStatus(tr("Saved nats context %1.").arg(QFileInfo(path).fileName()));
    return true;
}

void NatsDecoder::runLiveTest(const QString &serverUrl, const QString &caPem)
{
    auto report = [this](const QString &text, bool ok) {
        m_liveResult = text;
        m_liveOk = ok;
        Q_EMIT liveTestChanged();
    };
    if (!m_creds) {
        report(tr("Decode or fetch creds first."), false);
        return;
    }
    Nats::startLiveTest(this, m_probe, *m_creds, serverUrl, caPem.toUtf8(), report);
}

void NatsDecoder::cancelLiveTest()
{
    if (m_probe)
        m_probe->cancel();
}

} // namespace Pot::Models
