#include "manifesteditor.h"

#include "core/yaml/rulesimulator.h"

#include "core/securefile.h"
#include "core/yaml/manifeststore.h"

#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QStringDecoder>

namespace Pot::Models {

namespace {

constexpr qint64 MaxFileBytes = 4 * 1024 * 1024;

} // namespace

// ---- problems ------------------------------------------------------------------------------------

int ManifestProblemModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_problems.size());
}

QVariant ManifestProblemModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_problems.size())
        return {};
    const Manifest::Problem &p = m_problems.at(index.row());
    switch (role) {
    case LineRole:
        return p.line;
    case ColumnRole:
        return p.column;
    case ErrorRole:
        return p.isError();
    case MessageRole:
        return p.message;
    case PathRole:
        return p.path;
    case DocumentRole:
        return p.document;
    case TextRole:
    case Qt::DisplayRole:
        return p.toString();
    default:
        return {};
    }
}

QHash<int, QByteArray> ManifestProblemModel::roleNames() const
{
    return {{LineRole, "line"}, {ColumnRole, "column"}, {ErrorRole, "error"}, {MessageRole, "message"},
            {PathRole, "path"}, {DocumentRole, "document"}, {TextRole, "text"}};
}

void ManifestProblemModel::setProblems(QList<Manifest::Problem> problems)
{
    beginResetModel();
    m_problems = std::move(problems);
    endResetModel();
}

// ---- editor --------------------------------------------------------------------------------------

ManifestEditor::ManifestEditor(Services services, QObject *parent)
    : QObject(parent)
    , m_services(std::move(services))
    , m_problems(new ManifestProblemModel(this))
    , m_form(new RuleFormModel(this))
{
    m_checkTimer.setSingleShot(true);
    m_checkTimer.setInterval(m_services.checkDelayMs);
    connect(&m_checkTimer, &QTimer::timeout, this, &ManifestEditor::runCheck);
    m_draftTimer.setSingleShot(true);
    m_draftTimer.setInterval(m_services.draftDelayMs);
    connect(&m_draftTimer, &QTimer::timeout, this, &ManifestEditor::saveDraft);
}

ManifestEditor::~ManifestEditor()
{
    // Whatever was typed since the last draft is kept too (the window closes, the app quits).
    if (m_draftTimer.isActive())
        saveDraft();
}

void ManifestEditor::setText(const QString &text)
{
    if (text == m_text)
        return;
    const bool wasModified = modified();
    m_text = text;
    Q_EMIT textChanged();
    if (wasModified != modified())
        Q_EMIT modifiedChanged();
    m_checkTimer.start();
    if (m_services.drafts && !m_draftKey.isEmpty())
        m_draftTimer.start();
}

void ManifestEditor::setOwnKind(const QString &kind)
{
    m_ownKind = kind;
    runCheck();
}

void ManifestEditor::setExpectedKind(const QString &kind)
{
    if (kind == m_expectedKind)
        return;
    m_expectedKind = kind;
    runCheck();
}

QString ManifestEditor::summary() const
{
    if (m_text.trimmed().isEmpty())
        return tr("Empty");
    const int e = errorCount(), w = warningCount();
    const QString errors = e == 1 ? tr("1 error") : tr("%1 errors").arg(e);
    const QString warnings = w == 1 ? tr("1 warning") : tr("%1 warnings").arg(w);
    if (e == 0 && w == 0)
        return documentCount() > 1 ? tr("%1 documents, no problems").arg(documentCount()) : tr("No problems");
    if (w == 0)
        return errors;
    if (e == 0)
        return warnings;
    return tr("%1, %2").arg(errors, warnings);
}

QString ManifestEditor::draftInfo() const
{
    if (!m_draft)
        return {};
    return tr("Unsaved changes from %1 were kept.")
        .arg(QLocale().toString(m_draftAt.toLocalTime(), QLocale::ShortFormat));
}

void ManifestEditor::load(const QString &text, const QString &draftKey)
{
    m_checkTimer.stop();
    keepDraft(); // what was typed in the last session, before this one replaces it
    m_draftTimer.stop();
    m_baseline = text;
    m_text = text;
    m_draftKey = draftKey;
    m_draft.reset();
    m_draftError.clear();
    if (m_services.drafts && !draftKey.isEmpty()) {
        if (const auto d = m_services.drafts->load(m_services.profile, draftKey); d && QString::fromUtf8(d->text) != text) {
            m_draft = QString::fromUtf8(d->text);
            m_draftAt = d->savedAt;
        }
    }
    Q_EMIT textChanged();
    Q_EMIT modifiedChanged();
    Q_EMIT draftChanged();
    runCheck();
}

void ManifestEditor::restoreDraft()
{
    if (!m_draft)
        return;
    const QString draft = *m_draft;
    m_draft.reset();
    Q_EMIT draftChanged();
    setText(draft);
    runCheck();
}

void ManifestEditor::discardDraft()
{
    if (m_services.drafts && !m_draftKey.isEmpty())
        m_services.drafts->remove(m_services.profile, m_draftKey);
    m_draft.reset();
    Q_EMIT draftChanged();
}

void ManifestEditor::checkNow()
{
    m_checkTimer.stop();
    runCheck();
}

void ManifestEditor::runCheck()
{
    m_checked = Manifest::check(m_text.toUtf8(), m_expectedKind);
    if (m_text.trimmed().isEmpty())
        m_checked.problems.clear(); // an empty editor is a state, not a problem
    if (!m_ownKind.isEmpty()) {
        // A kind the console saves through JSON routes (no /yaml route knows it): its `kind` is
        // right, whatever the manifest layer says of it.
        m_checked.problems.removeIf([this](const Manifest::Problem &p) {
            return p.path == u"kind" && p.document < m_checked.documents.size()
                   && m_checked.documents.at(p.document).kind() == m_ownKind;
        });
    }
    m_problems->setProblems(m_checked.problems);
    Q_EMIT checked();
}

void ManifestEditor::keepDraft()
{
    if (m_draftTimer.isActive()) {
        m_draftTimer.stop();
        saveDraft();
    }
}

void ManifestEditor::saveDraft()
{
    if (!m_services.drafts || m_draftKey.isEmpty())
        return;
    QString error;
    if (!modified()) {
        m_services.drafts->remove(m_services.profile, m_draftKey);
    } else if (const Status s = m_services.drafts->save(m_services.profile, m_draftKey, m_text.toUtf8()); !s) {
        error = s.error().message;
    }
    if (error != m_draftError) {
        m_draftError = error;
        Q_EMIT draftChanged();
    }
}

QVariantList ManifestEditor::problemsAt(int line) const
{
    QVariantList out;
    for (const Manifest::Problem &p : m_checked.problems) {
        if (p.line == line)
            out << QVariantMap{{QStringLiteral("message"), p.path.isEmpty() ? p.message : p.path + QStringLiteral(": ") + p.message},
                               {QStringLiteral("error"), p.isError()},
                               {QStringLiteral("column"), p.column}};
    }
    return out;
}

QList<int> ManifestEditor::errorLines() const
{
    QList<int> out;
    for (const Manifest::Problem &p : m_checked.problems) {
        if (p.isError() && p.line > 0 && !out.contains(p.line))
            out << p.line;
    }
    return out;
}

QList<int> ManifestEditor::warningLines() const
{
    QList<int> out;
    for (const Manifest::Problem &p : m_checked.problems) {
        if (!p.isError() && p.line > 0 && !out.contains(p.line))
            out << p.line;
    }
    return out;
}

QString ManifestEditor::openFile(const QUrl &url)
{
    const QString path = url.isLocalFile() ? url.toLocalFile() : url.toString();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return tr("%1 could not be opened: %2").arg(QFileInfo(path).fileName(), f.errorString());
    if (f.size() > MaxFileBytes)
        return tr("%1 is larger than 4 MiB; a manifest is a few kilobytes.").arg(QFileInfo(path).fileName());
    const QByteArray bytes = f.read(MaxFileBytes + 1);
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8(bytes);
    if (utf8.hasError() || bytes.contains('\0'))
        return tr("%1 is not UTF-8 text.").arg(QFileInfo(path).fileName());
    m_fileName = QFileInfo(path).fileName();
    Q_EMIT fileChanged();
    setText(text);
    checkNow();
    return {};
}

QString ManifestEditor::saveAs(const QUrl &url)
{
    const QString path = url.isLocalFile() ? url.toLocalFile() : url.toString();
    // The file dialog already asked before replacing a file.
    if (const Status s = writeOwnerOnlyFile(path, m_text.toUtf8(), true); !s)
        return s.error().message;
    m_fileName = QFileInfo(path).fileName();
    Q_EMIT fileChanged();
    return {};
}

QString ManifestEditor::canonicalText() const
{
    const Manifest::Parsed p = Manifest::parse(m_text.toUtf8());
    if (!p.problems.isEmpty() || p.documents.isEmpty())
        return m_text;
    return QString::fromUtf8(Manifest::canonical(p.documents));
}

void ManifestEditor::markSaved()
{
    m_draftTimer.stop();
    m_baseline = m_text;
    if (m_services.drafts && !m_draftKey.isEmpty())
        m_services.drafts->remove(m_services.profile, m_draftKey);
    m_draft.reset();
    Q_EMIT modifiedChanged();
    Q_EMIT draftChanged();
}

QVariantMap ManifestEditor::simulate(const QString &action, const QString &subject,
                                     const QString &accountRule) const
{
    const auto fail = [](const QString &why) { return QVariantMap{{QStringLiteral("error"), why}}; };
    const Manifest::Parsed user = Manifest::parse(m_text.toUtf8());
    if (user.documents.size() != 1)
        return fail(tr("The simulator reads one NatsUserRule document."));
    std::optional<Manifest::Document> account;
    if (!accountRule.trimmed().isEmpty()) {
        const Manifest::Parsed a = Manifest::parse(accountRule.toUtf8());
        if (a.documents.size() != 1)
            return fail(tr("The account rule must be one NatsAccountRule document."));
        account = a.documents.constFirst();
    }
    Manifest::Action a = Manifest::Action::Publish;
    if (action == u"sub")
        a = Manifest::Action::Subscribe;
    else if (action == u"reply")
        a = Manifest::Action::Reply;
    else if (action != u"pub")
        return fail(tr("The action is pub, sub or reply."));
    const Result<Manifest::Simulation> r =
        Manifest::simulate(user.documents.constFirst(), account ? &*account : nullptr, a, subject.trimmed());
    if (!r)
        return fail(r.error().message);
    QVariantMap out{{QStringLiteral("allowed"), r->allowed()},
                    {QStringLiteral("explanation"), r->explanation},
                    {QStringLiteral("notes"), r->notes},
                    {QStringLiteral("decidedBy"), r->decidedBy ? r->decidedBy->toString() : QString()},
                    {QStringLiteral("line"), r->decidedBy && !r->decidedBy->account ? r->decidedBy->line : 0}};
    return out;
}

} // namespace Pot::Models
