#include "natsdecoder.h"

#include "core/nats/claimsinwords.h"
#include "core/nats/handshakeprobe.h"
#include "core/nats/trustchain.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace Pot::Models {

namespace {

const QString kSeedLabel = QStringLiteral("Seed");

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

void NatsDecoder::setSeedRevealed(bool revealed)
{
    if (m_seedRevealed == revealed)
        return;
    m_seedRevealed = revealed;
    rebuildRows();
    Q_EMIT seedRevealedChanged();
}

bool NatsDecoder::liveTestRunning() const
{
    return m_probe && m_probe->isRunning();
}

void NatsDecoder::setTrustAnchors(const QByteArray &operatorJwt, const QList<QByteArray> &accountJwts)
{
    m_operatorJwt = operatorJwt;
    m_accountJwts = accountJwts;
    if (m_jwt) {
        computeTrust();
        Q_EMIT decoded();
    }
}

void NatsDecoder::clear()
{
    m_jwt.reset();
    m_creds.reset();
    m_kind.clear();
    m_error.clear();
    m_signature.clear();
    m_trustText.clear();
    m_trusted = false;
    m_problems.clear();
    m_seedRevealed = false;
    m_details->clear();
}

void NatsDecoder::fail(const QString &message)
{
    clear();
    m_error = message;
    Q_EMIT decoded();
    Q_EMIT seedRevealedChanged();
}

void NatsDecoder::decodeText(const QString &text)
{
    decodeBytes(text.toUtf8());
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
    decodeBytes(f.read(MaxInputSize + 1));
}

void NatsDecoder::decodeBytes(const QByteArray &bytes)
{
    if (!m_status.isEmpty())
        setStatus({});
    const QByteArray text = bytes.trimmed();
    if (text.isEmpty()) {
        clear();
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
    clear();
    if (text.contains("-----")) {
        Result<Nats::UserCreds> creds = Nats::loadCreds(text);
        if (!creds) {
            fail(creds.error().message);
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
    Q_EMIT seedRevealedChanged();
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
    const QString header = QString::fromUtf8(QJsonDocument(m_jwt->header()).toJson(QJsonDocument::Compact));
    rows.append(DetailRow(tr("Header"), tr("Header"), header));
    for (const Nats::ClaimRow &r : Nats::claimsInWords(*m_jwt, now())) {
        QString hint = r.hint;
        if (!r.warning.isEmpty())
            hint = hint.isEmpty() ? r.warning : r.warning + u"\n" + hint;
        rows.append(DetailRow(r.group, r.label, r.value, hint, false, !r.warning.isEmpty()));
    }
    if (m_creds) {
        // The seed is only put into the model while revealed; hidden, the row holds no secret.
        const QString seed = m_seedRevealed ? QString::fromLatin1(m_creds->key.seed().revealCopy())
                                            : QString();
        rows.append(DetailRow(tr("Credentials"), kSeedLabel, seed,
                              tr("The user's private nkey seed. Anyone with it can connect as this user."),
                              true, false));
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
        m_copy(QString::fromLatin1(m_creds->key.seed().revealCopy()), true);
        setStatus(tr("Seed copied; the clipboard is cleared in 30 seconds."));
        return;
    }
    const QString value = m_details->valueOf(label);
    m_copy(value, label == tr("Encoded token"));
    setStatus(tr("%1 copied.").arg(label));
}

void NatsDecoder::setStatus(const QString &status)
{
    m_status = status;
    Q_EMIT statusChanged();
}

void NatsDecoder::saveCreds(const QUrl &file, bool overwrite)
{
    if (!m_creds) {
        setStatus(tr("Decode a creds file first."));
        return;
    }
    Result<SecretBytes> text = Nats::formatCreds(m_creds->jwt.token(), m_creds->key);
    if (!text) {
        setStatus(text.error().message);
        return;
    }
    const QString path = file.toLocalFile();
    if (Status s = Nats::writeSecretFile(path, *text, overwrite); !s) {
        setStatus(s.error().message);
        return;
    }
    m_lastCredsPath = path;
    setStatus(tr("Saved %1 (readable by you only).").arg(QFileInfo(path).fileName()));
}

void NatsDecoder::saveContext(const QUrl &file, const QString &serverUrl)
{
    if (!m_creds) {
        setStatus(tr("Decode a creds file first."));
        return;
    }
    if (m_lastCredsPath.isEmpty()) {
        setStatus(tr("Save the creds file first: the context refers to it."));
        return;
    }
    Nats::NatsContext context;
    context.description = m_jwt->standard().name;
    context.url = serverUrl.trimmed();
    context.credsPath = m_lastCredsPath;
    const QString path = file.toLocalFile();
    if (Status written = Nats::writeNatsContext(path, context); !written) {
        setStatus(written.error().message);
        return;
    }
    setStatus(tr("Saved nats context %1.").arg(QFileInfo(path).fileName()));
}

void NatsDecoder::runLiveTest(const QString &serverUrl, const QString &caPem)
{
    auto report = [this](const QString &text, bool) {
        m_liveResult = text;
        Q_EMIT liveTestChanged();
    };
    if (!m_creds) {
        report(tr("Decode a creds file first."), false);
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
