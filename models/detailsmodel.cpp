#include "detailsmodel.h"

#include "core/displaytext.h"

namespace Pot::Models {

DetailsModel::DetailsModel(QObject *parent)
    : QAbstractListModel(parent)
{}

int DetailsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant DetailsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DetailRow &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case ValueRole: return shownText(r.value, MaxDetailChars);
    case FullValueRole: return r.value;
    case GroupRole: return r.group;
    case LabelRole: return r.label;
    case Qt::ToolTipRole:
    case HintRole: return shownText(r.hint, MaxTipChars);
    case SensitiveRole: return r.sensitive;
    case WarningRole: return r.warning;
    default: return {};
    }
}

QHash<int, QByteArray> DetailsModel::roleNames() const
{
    return {
        {GroupRole, "group"},
        {LabelRole, "label"},
        {ValueRole, "value"},
        {FullValueRole, "fullValue"},
        {HintRole, "hint"},
        {SensitiveRole, "sensitive"},
        {WarningRole, "warning"},
    };
}

void DetailsModel::setRows(const QList<DetailRow> &rows)
{
    const qsizetype common = std::min(rows.size(), m_rows.size());
    // Rows present in both: update in place.
    for (qsizetype i = 0; i < common; ++i) {
        if (!(m_rows.at(i) == rows.at(i))) {
            m_rows[i] = rows.at(i);
            const QModelIndex idx = index(int(i));
            Q_EMIT dataChanged(idx, idx);
        }
    }
    if (rows.size() > m_rows.size()) {
        beginInsertRows({}, int(m_rows.size()), int(rows.size() - 1));
        for (qsizetype i = m_rows.size(); i < rows.size(); ++i)
            m_rows.append(rows.at(i));
        endInsertRows();
        Q_EMIT countChanged();
    } else if (rows.size() < m_rows.size()) {
        beginRemoveRows({}, int(rows.size()), int(m_rows.size() - 1));
        m_rows.resize(rows.size());
        endRemoveRows();
        Q_EMIT countChanged();
    }
}

void DetailsModel::clear()
{
    setRows({});
}

QString DetailsModel::valueOf(const QString &label) const
{
    for (const DetailRow &r : m_rows) {
        if (r.label == label)
            return r.value;
    }
    return {};
}

} // namespace Pot::Models
