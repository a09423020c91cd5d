#include "ruleformmodel.h"

#include "manifesteditor.h"

#include <QLocale>

namespace Pot::Models {

using Manifest::FieldType;
using Manifest::FieldValue;
using Manifest::FormField;

namespace {

QString typeName(FieldType t)
{
    switch (t) {
    case FieldType::Text: return QStringLiteral("text");
    case FieldType::Count: return QStringLiteral("count");
    case FieldType::Size: return QStringLiteral("size");
    case FieldType::Duration: return QStringLiteral("duration");
    case FieldType::Number: return QStringLiteral("number");
    case FieldType::Bool: return QStringLiteral("bool");
    case FieldType::Choice: return QStringLiteral("choice");
    case FieldType::List: return QStringLiteral("list");
    case FieldType::ConnectionTypes: return QStringLiteral("connectionTypes");
    case FieldType::TimeWindows: return QStringLiteral("timeWindows");
    case FieldType::Items: return QStringLiteral("items");
    }
    return {};
}

QList<QString> idsOf(const QList<FormField> &fields)
{
    QList<QString> ids;
    ids.reserve(fields.size());
    for (const FormField &f : fields)
        ids << f.id;
    return ids;
}

} // namespace

RuleFormModel::RuleFormModel(ManifestEditor *editor)
    : QAbstractListModel(editor)
    , m_editor(editor)
{
    m_readTimer.setSingleShot(true);
    m_readTimer.setInterval(150);
    connect(&m_readTimer, &QTimer::timeout, this, &RuleFormModel::reread);
    connect(m_editor, &ManifestEditor::textChanged, this, &RuleFormModel::textChanged);
    connect(m_editor, &ManifestEditor::checked, this, &RuleFormModel::updateProblems);
}

int RuleFormModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_form ? 0 : int(m_form->fields().size());
}

QVariant RuleFormModel::data(const QModelIndex &index, int role) const
{
    if (!m_form || !index.isValid() || index.row() >= m_form->fields().size() || index.row() >= m_values.size())
        return {};
    const FormField &f = m_form->fields().at(index.row());
    const FieldValue &v = m_values.at(index.row());
    switch (role) {
    case GroupRole: return f.group;
    case LabelRole: return f.label;
    case FieldIdRole: return f.id;
    case TypeRole: return typeName(f.type);
    case StateRole: return int(v.state);
    case AmountRole: return double(v.amount);
    case UnitRole: return v.unit;
    case UnitsRole: return Manifest::unitsOf(f.type);
    case FlagRole: return v.flag;
    case LinesRole: return v.items.join(u'\n');
    case ItemsRole: return v.items;
    case TextRole: return v.text;
    case ChoicesRole: return f.type == FieldType::ConnectionTypes ? Manifest::connectionTypes() : f.choices;
    case NotSetRole: return f.notSet;
    case HelpRole: return f.help;
    case ShownRole: return shown(f, v);
    case ProblemRole: return m_problems.value(index.row());
    case EditErrorRole: return m_editErrors.value(index.row());
    case ListRole: return f.list;
    case ItemRole: return f.item;
    default: return {};
    }
}

QHash<int, QByteArray> RuleFormModel::roleNames() const
{
    return {{GroupRole, "group"}, {LabelRole, "label"}, {FieldIdRole, "fieldId"}, {TypeRole, "type"},
            {StateRole, "valueState"}, {AmountRole, "amount"}, {UnitRole, "unit"}, {UnitsRole, "units"},
            {FlagRole, "flag"}, {LinesRole, "lines"}, {ItemsRole, "items"}, {TextRole, "text"},
            {ChoicesRole, "choices"}, {NotSetRole, "notSet"}, {HelpRole, "help"}, {ShownRole, "shown"},
            {ProblemRole, "problem"}, {EditErrorRole, "editError"}, {ListRole, "list"}, {ItemRole, "item"}};
}

void RuleFormModel::setActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    Q_EMIT activeChanged();
    if (m_active)
        reread();
}

void RuleFormModel::textChanged()
{
    // What the form wrote is what it shows already (unless a failed read came in between).
    if (!m_active || (m_editor->text() == m_written && available()))
        return;
    m_readTimer.start();
}

void RuleFormModel::reread()
{
    m_readTimer.stop();
    m_written.clear();
    const QString text = m_editor->text();
    Result<Manifest::RuleForm> form = Manifest::RuleForm::read(text.toUtf8());
    if (!form.ok()) {
        // The fields stay as they were (disabled) so the layout does not jump while the YAML is fixed.
        m_reason = form.error().message;
        Q_EMIT availableChanged();
        return;
    }
    m_editErrors.clear();
    replaceForm(std::move(form).value());
}

void RuleFormModel::replaceForm(Manifest::RuleForm form)
{
    const bool sameFields = m_form && idsOf(m_form->fields()) == idsOf(form.fields());
    const bool wasAvailable = available();
    const QString oldKind = kind();
    if (!sameFields) {
        beginResetModel();
        m_editErrors.clear(); // keyed by row
    }
    m_form = std::move(form);
    m_reason.clear();
    m_values.clear();
    for (const FormField &f : m_form->fields())
        m_values << m_form->value(f);
    m_problems = QStringList(m_values.size(), QString());
    if (!sameFields)
        endResetModel();
    else if (!m_values.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_values.size()) - 1));
    updateProblems();
    if (!wasAvailable || oldKind != kind())
        Q_EMIT availableChanged();
}

void RuleFormModel::updateProblems()
{
    if (!m_form)
        return;
    const QList<Manifest::Problem> &all = m_editor->result().problems;
    QStringList problems(m_form->fields().size(), QString());
    for (qsizetype row = 0; row < m_form->fields().size(); ++row) {
        const FormField &f = m_form->fields().at(row);
        QStringList messages;
        for (const Manifest::Problem &p : all) {
            bool here = false;
            for (const QString &path : f.paths) {
                // A list's field also owns the problems of its items; the head of exports does not
                // take those of each export (they have their own fields).
                here = here || p.path == path
                       || (f.type != FieldType::Items && (p.path.startsWith(path + u'[') || p.path.startsWith(path + u'.')));
            }
            if (here)
                messages << (p.isError() ? tr("Error: %1") : tr("Warning: %1")).arg(p.message);
        }
        problems[row] = messages.join(u'\n');
    }
    if (problems == m_problems)
        return;
    m_problems = problems;
    if (!m_problems.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_problems.size()) - 1), {ProblemRole});
}

QString RuleFormModel::commit(int row, const Status &status, const FieldValue *written)
{
    if (!status) {
        m_editErrors.insert(row, status.error().message);
        Q_EMIT dataChanged(index(row), index(row), {EditErrorRole});
        return status.error().message;
    }
    m_editErrors.remove(row);
    m_written = QString::fromUtf8(m_form->text());
    m_editor->setText(m_written);
    // The form's document is what was written: its values and fields (an added export) again.
    replaceForm(*m_form);
    // The unit just chosen stays while it shows the value exactly: typing 60 in seconds does not
    // turn the field into 1 min under the cursor, nor an emptied field into bytes.
    if (written && row >= 0 && row < m_values.size() && m_values.at(row).state == FieldValue::State::Set) {
        const FieldType type = m_form->fields().at(row).type;
        FieldValue &v = m_values[row];
        if ((type == FieldType::Size || type == FieldType::Duration) && v.unit != written->unit) {
            const qint64 base = v.amount * Manifest::unitFactor(type, v.unit);
            const qint64 factor = Manifest::unitFactor(type, written->unit);
            if (base % factor == 0) {
                v.unit = written->unit;
                v.amount = base / factor;
                Q_EMIT dataChanged(index(row), index(row));
            }
        }
    }
    return {};
}

bool RuleFormModel::catchUp(int row)
{
    // Text typed in the YAML in the last moment is read before the form writes over it.
    if (!m_readTimer.isActive())
        return true;
    const QString id = m_form && row >= 0 && row < m_form->fields().size() ? m_form->fields().at(row).id : QString();
    reread();
    return available() && (row < 0 || rowOf(id) == row);
}

QString RuleFormModel::apply(int row, const FieldValue &value)
{
    if (!catchUp(row))
        return tr("The form was updated from the YAML; make the change again.");
    if (!available() || row < 0 || row >= m_form->fields().size())
        return tr("The form cannot be changed now: %1").arg(m_reason);
    return commit(row, m_form->set(m_form->fields().at(row).id, value), &value);
}

QString RuleFormModel::setAmount(int row, int state, double amount, int unit)
{
    FieldValue v;
    v.state = state == 0 ? FieldValue::State::NotSet : state == 1 ? FieldValue::State::Unlimited : FieldValue::State::Set;
    v.amount = qint64(amount);
    v.unit = unit;
    return apply(row, v);
}

QString RuleFormModel::setFlag(int row, int state, bool flag)
{
    FieldValue v;
    v.state = state == 0 ? FieldValue::State::NotSet : FieldValue::State::Set;
    v.flag = flag;
    return apply(row, v);
}

QString RuleFormModel::setText(int row, const QString &text)
{
    FieldValue v;
    v.state = text.isEmpty() ? FieldValue::State::NotSet : FieldValue::State::Set;
    v.text = text;
    return apply(row, v);
}

QString RuleFormModel::setLines(int row, const QString &lines)
{
    FieldValue v;
    v.state = FieldValue::State::Set;
    v.items = lines.split(u'\n');
    return apply(row, v);
}

QString RuleFormModel::setItemChecked(int row, const QString &item, bool on)
{
    if (!catchUp(row))
        return tr("The form was updated from the YAML; make the change again.");
    if (!available() || row < 0 || row >= m_values.size())
        return tr("The form cannot be changed now: %1").arg(m_reason);
    FieldValue v = m_values.at(row);
    if (v.state != FieldValue::State::Set)
        v.items.clear();
    v.state = FieldValue::State::Set;
    v.items.removeAll(item);
    if (on)
        v.items << item;
    // In the order NATS lists them, whatever order they were ticked in.
    const QStringList &order = Manifest::connectionTypes();
    std::sort(v.items.begin(), v.items.end(), [&order](const QString &a, const QString &b) {
        return order.indexOf(a) < order.indexOf(b);
    });
    return apply(row, v);
}

QString RuleFormModel::addItem(const QString &list)
{
    if (!catchUp(-1) || !available())
        return tr("The form cannot be changed now: %1").arg(m_reason);
    return commit(rowOf(QStringLiteral("spec.") + list), m_form->addItem(list));
}

QString RuleFormModel::removeItem(const QString &list, int index)
{
    if (!catchUp(-1) || !available())
        return tr("The form cannot be changed now: %1").arg(m_reason);
    return commit(rowOf(QStringLiteral("spec.") + list), m_form->removeItem(list, index));
}

int RuleFormModel::rowOf(const QString &id) const
{
    if (!m_form)
        return -1;
    for (qsizetype i = 0; i < m_form->fields().size(); ++i) {
        if (m_form->fields().at(i).id == id)
            return int(i);
    }
    return -1;
}

QString RuleFormModel::shown(const FormField &f, const FieldValue &v) const
{
    const QLocale locale;
    switch (v.state) {
    case FieldValue::State::NotSet:
        return f.type == FieldType::Items ? tr("none") : tr("not set");
    case FieldValue::State::Unlimited:
        return tr("unlimited");
    case FieldValue::State::Unreadable:
        return tr("“%1” in the YAML: not a value for this field").arg(v.text);
    case FieldValue::State::Set:
        break;
    }
    const QStringList units = Manifest::unitsOf(f.type);
    switch (f.type) {
    case FieldType::Count:
    case FieldType::Number:
        return v.amount == 0 ? tr("0 (none)") : locale.toString(v.amount);
    case FieldType::Size: {
        if (v.amount == 0)
            return tr("0 bytes (none)");
        const qint64 bytes = v.amount * Manifest::unitFactor(f.type, v.unit);
        return v.unit == 0 ? tr("%1 bytes").arg(locale.toString(bytes))
                           : tr("%1 %2 (%3 bytes)").arg(locale.toString(v.amount), units.value(v.unit), locale.toString(bytes));
    }
    case FieldType::Duration:
        return v.amount == 0 ? tr("0 (no time limit)") : QStringLiteral("%1 %2").arg(locale.toString(v.amount), units.value(v.unit));
    case FieldType::Bool:
        return v.flag ? tr("yes") : tr("no");
    case FieldType::Items:
        return tr("%n item(s)", nullptr, int(v.amount));
    case FieldType::List:
    case FieldType::ConnectionTypes:
    case FieldType::TimeWindows:
        return v.items.isEmpty() ? tr("empty list") : v.items.join(QStringLiteral(", "));
    case FieldType::Text:
    case FieldType::Choice:
        return v.text;
    }
    return {};
}

} // namespace Pot::Models
