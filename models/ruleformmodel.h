#pragma once

#include "core/yaml/ruleform.h"

#include <QAbstractListModel>
#include <QHash>
#include <QTimer>

#include <optional>

namespace Pot::Models {

class ManifestEditor;

/// The form editor of the NATS rule in a ManifestEditor: one row per field (grouped), read from the
/// editor's text and written back into it, so that the form and the YAML pane are two views of one
/// text. Typing in the YAML updates the form a moment later; a change in the form rewrites the
/// YAML at once (canonically: unknown keys kept, comments not). While the text cannot back a form
/// (a syntax error, another kind) `available` is false with the reason, and nothing is lost.
class RuleFormModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RuleFormModel)
    Q_PROPERTY(bool active READ active WRITE setActive NOTIFY activeChanged)
    Q_PROPERTY(bool available READ available NOTIFY availableChanged)
    Q_PROPERTY(QString reason READ reason NOTIFY availableChanged)
    Q_PROPERTY(QString kind READ kind NOTIFY availableChanged)

public:
    enum Role {
        GroupRole = Qt::UserRole + 1,
        LabelRole,
        FieldIdRole,
        TypeRole,     ///< "text", "count", "size", "duration", "number", "bool", "choice", "list",
                      ///< "connectionTypes", "timeWindows", "items"
        StateRole,    ///< FieldValue::State: 0 not set, 1 unlimited, 2 set, 3 unreadable
        AmountRole,
        UnitRole,
        UnitsRole,
        FlagRole,
        LinesRole,    ///< the items one per line
        ItemsRole,
        TextRole,
        ChoicesRole,
        NotSetRole,   ///< what leaving it out means
        HelpRole,
        ShownRole,    ///< the value in words ("256 KiB = 262,144 bytes", "unlimited", "not set")
        ProblemRole,  ///< the editor's problems at this field, one per line
        EditErrorRole, ///< why the last change in the form was refused
        ListRole,
        ItemRole,
    };
    Q_ENUM(Role)

    /// Reads `editor`'s text (the editor owns the model).
    explicit RuleFormModel(ManifestEditor *editor);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Off while the form is not shown: the text is not read for it.
    bool active() const { return m_active; }
    void setActive(bool active);
    bool available() const { return m_form.has_value() && m_reason.isEmpty(); }
    QString reason() const { return m_reason; }
    QString kind() const { return m_form ? m_form->kind() : QString(); }

    /// Each returns "" or why the change was refused (also shown at the field).
    /// state: 0 not set, 1 unlimited, 2 the amount in `unit`.
    Q_INVOKABLE QString setAmount(int row, int state, double amount, int unit);
    /// state: 0 not set, 2 `flag`.
    Q_INVOKABLE QString setFlag(int row, int state, bool flag);
    Q_INVOKABLE QString setText(int row, const QString &text);
    /// One item per line; empty lines are dropped. Nothing left: the key goes.
    Q_INVOKABLE QString setLines(int row, const QString &lines);
    Q_INVOKABLE QString setItemChecked(int row, const QString &item, bool on);
    Q_INVOKABLE QString addItem(const QString &list);
    Q_INVOKABLE QString removeItem(const QString &list, int index);
    /// The row of the field `id` ("spec.limits.conn"), -1 when there is none.
    Q_INVOKABLE int rowOf(const QString &id) const;

Q_SIGNALS:
    void activeChanged();
    void availableChanged();

private:
    void textChanged();
    void reread();
    void updateProblems();
    /// Reads a pending YAML change now; false when `row` no longer is the same field.
    bool catchUp(int row);
    QString apply(int row, const Manifest::FieldValue &value);
    /// `written`: the value the form wrote at `row` (its unit is kept where it still fits).
    QString commit(int row, const Status &status, const Manifest::FieldValue *written = nullptr);
    void replaceForm(Manifest::RuleForm form);
    QString shown(const Manifest::FormField &field, const Manifest::FieldValue &value) const;

    ManifestEditor *m_editor;
    bool m_active = false;
    std::optional<Manifest::RuleForm> m_form;
    QString m_reason;
    QString m_written;              ///< the text the form last wrote (not read back)
    QList<Manifest::FieldValue> m_values;
    QStringList m_problems;         ///< per row
    QHash<int, QString> m_editErrors;
    QTimer m_readTimer;
};

} // namespace Pot::Models
