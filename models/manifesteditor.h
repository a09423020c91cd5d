#pragma once

#include "core/yaml/manifestcheck.h"
#include "models/ruleformmodel.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QUuid>
#include <QVariantList>

namespace Pot::Manifest {
class DraftStore;
}

namespace Pot::Models {

/// The problems of a manifest, one row each, in document order.
class ManifestProblemModel : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ManifestProblemModel)

public:
    enum Role { LineRole = Qt::UserRole + 1, ColumnRole, ErrorRole, MessageRole, PathRole, DocumentRole, TextRole };
    Q_ENUM(Role)

    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setProblems(QList<Manifest::Problem> problems);
    const QList<Manifest::Problem> &problems() const { return m_problems; }

private:
    QList<Manifest::Problem> m_problems;
};

/// One YAML editing session (a rule, an RBAC object, a file of many documents): the text, whether
/// it differs from what was loaded, every problem of it (checked a moment after each change, with
/// line and column), a draft kept on disk while it is modified (owner-only, Secret values left
/// out) so that a crash, a failed apply or a lost connection loses nothing, and opening and saving
/// .yaml files.
class ManifestEditor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ManifestEditor)
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged)
    Q_PROPERTY(bool modified READ modified NOTIFY modifiedChanged)
    Q_PROPERTY(QString expectedKind READ expectedKind WRITE setExpectedKind NOTIFY checked)
    Q_PROPERTY(Pot::Models::ManifestProblemModel *problems READ problems CONSTANT)
    Q_PROPERTY(int errorCount READ errorCount NOTIFY checked)
    Q_PROPERTY(int warningCount READ warningCount NOTIFY checked)
    Q_PROPERTY(int documentCount READ documentCount NOTIFY checked)
    Q_PROPERTY(QString summary READ summary NOTIFY checked)
    Q_PROPERTY(QString fileName READ fileName NOTIFY fileChanged)
    Q_PROPERTY(QString draftKey READ draftKey NOTIFY draftChanged)
    Q_PROPERTY(bool draftAvailable READ draftAvailable NOTIFY draftChanged)
    Q_PROPERTY(QString draftText READ draftInfo NOTIFY draftChanged)
    Q_PROPERTY(QString draftError READ draftError NOTIFY draftChanged)
    /// The form of a NATS rule in the text (active only while shown).
    Q_PROPERTY(Pot::Models::RuleFormModel *form READ form CONSTANT)

public:
    struct Services
    {
        const Manifest::DraftStore *drafts = nullptr; ///< nullptr: no drafts
        QUuid profile;                                ///< whose drafts
        int checkDelayMs = 250;
        int draftDelayMs = 1000;
    };

    explicit ManifestEditor(Services services, QObject *parent = nullptr);
    ~ManifestEditor() override;

    QString text() const { return m_text; }
    void setText(const QString &text);
    bool modified() const { return m_text != m_baseline; }
    QString expectedKind() const { return m_expectedKind; }
    void setExpectedKind(const QString &kind);
    /// A kind the console saves through the Controller's JSON routes (catalog items, registries):
    /// not refused as unknown to the /yaml routes.
    void setOwnKind(const QString &kind);
    ManifestProblemModel *problems() const { return m_problems; }
    RuleFormModel *form() const { return m_form; }
    int errorCount() const { return m_checked.errorCount(); }
    int warningCount() const { return m_checked.warningCount(); }
    int documentCount() const { return int(m_checked.documents.size()); }
    /// "No problems", "2 errors, 1 warning".
    QString summary() const;
    const Manifest::Checked &result() const { return m_checked; }
    QString fileName() const { return m_fileName; }
    QString draftKey() const { return m_draftKey; }
    bool draftAvailable() const { return m_draft.has_value(); }
    /// "Unsaved changes from 14:02 were kept" for the draft offered to restore.
    QString draftInfo() const;
    QString draftError() const { return m_draftError; }

    /// Starts an editing session on `text` (what is live, or a template) under `draftKey`
    /// ("NatsAccountRule/foo"; empty: no drafts). A draft of that key is offered (draftAvailable),
    /// not applied.
    Q_INVOKABLE void load(const QString &text, const QString &draftKey = {});
    /// Replaces the text with the offered draft (the change can be undone in the editor).
    Q_INVOKABLE void restoreDraft();
    /// Writes the draft now if one is due (the editor closes with changes not applied).
    Q_INVOKABLE void keepDraft();
    /// Forgets the offered draft and deletes it.
    Q_INVOKABLE void discardDraft();
    /// Checks now instead of after the delay.
    Q_INVOKABLE void checkNow();
    /// The problems on 1-based `line`: [{message, error, column}], for markers and their tooltips.
    Q_INVOKABLE QVariantList problemsAt(int line) const;
    /// Lines that have an error / a warning (for the line-number gutter).
    Q_INVOKABLE QList<int> errorLines() const;
    Q_INVOKABLE QList<int> warningLines() const;
    /// Reads a .yaml file into the editor (up to 4 MiB of UTF-8); "" or why not.
    Q_INVOKABLE QString openFile(const QUrl &url);
    /// Writes the text to a file (owner-only: it may hold Secret values); "" or why not.
    Q_INVOKABLE QString saveAs(const QUrl &url);
    /// The text canonically ordered (unknown keys kept); unchanged when it cannot be read.
    Q_INVOKABLE QString canonicalText() const;
    /// What nats-server decides for a user made from the NatsUserRule being edited (with the
    /// NatsAccountRule text `accountRule` when given): `action` "pub", "sub" or "reply" on
    /// `subject`. {allowed, explanation, decidedBy ("12:7 spec.sub.deny[1] foo.>"), line, notes} or
    /// {error}. Works on the text alone: no Controller needed.
    Q_INVOKABLE QVariantMap simulate(const QString &action, const QString &subject,
                                     const QString &accountRule = {}) const;
    /// What was typed is now live (applied) or deliberately dropped: the baseline becomes the text
    /// and the draft goes.
    Q_INVOKABLE void markSaved();

Q_SIGNALS:
    void textChanged();
    void modifiedChanged();
    void checked();
    void fileChanged();
    void draftChanged();

private:
    void runCheck();
    void saveDraft();

    Services m_services;
    QString m_text;
    QString m_baseline;
    QString m_expectedKind;
    QString m_ownKind;
    QString m_fileName;
    QString m_draftKey;
    std::optional<QString> m_draft;
    QDateTime m_draftAt;
    QString m_draftError;
    Manifest::Checked m_checked;
    ManifestProblemModel *m_problems;
    RuleFormModel *m_form;
    QTimer m_checkTimer;
    QTimer m_draftTimer;
};

} // namespace Pot::Models
