#include "resourcefilterproxy.h"

#include "resourcetablemodel.h"

namespace Pot::Models {

ResourceFilterProxy::ResourceFilterProxy(ResourceTableModel *source, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_source(source)
{
    setSourceModel(source);
    setSortRole(ResourceTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(false);
    setDynamicSortFilter(true);
    sort(0, Qt::AscendingOrder);
}

void ResourceFilterProxy::setFilterText(const QString &text)
{
    if (text == m_filterText)
        return;
    m_filterText = text;
    m_needle = text.trimmed().toLower();
    invalidateRowsFilter();
}

void ResourceFilterProxy::sortByColumn(int column)
{
    if (column < 0 || column >= m_source->columnCount())
        return;
    const Qt::SortOrder order = (column == sortColumn() && sortOrder() == Qt::AscendingOrder)
                                    ? Qt::DescendingOrder
                                    : Qt::AscendingOrder;
    sort(column, order);
}

bool ResourceFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid())
        return false;
    return m_needle.isEmpty() || m_source->matches(sourceRow, m_needle);
}

bool ResourceFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant l = left.data(ResourceTableModel::SortRole);
    const QVariant r = right.data(ResourceTableModel::SortRole);
    if (l.typeId() == QMetaType::QString && r.typeId() == QMetaType::QString) {
        const int c = l.toString().compare(r.toString(), Qt::CaseInsensitive);
        if (c != 0)
            return c < 0;
    } else {
        const QPartialOrdering o = QVariant::compare(l, r);
        if (o == QPartialOrdering::Less)
            return true;
        if (o == QPartialOrdering::Greater)
            return false;
    }
    // Ties keep a stable order by key, so equal rows do not jump around on refresh.
    return left.data(ResourceTableModel::KeyRole).toString()
           < right.data(ResourceTableModel::KeyRole).toString();
}

} // namespace Pot::Models
