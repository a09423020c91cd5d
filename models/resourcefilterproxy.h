#pragma once

#include <QSortFilterProxyModel>
#include <QString>

namespace Pot::Models {

class ResourceTableModel;

/// Filter and sort over a ResourceTableModel: the filter text matches any column (case-insensitive,
/// against the rows' precomputed text, so a keystroke over 10,000 rows stays cheap); sorting uses
/// each column's sort value (numbers and times sort as numbers).
class ResourceFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResourceFilterProxy)

public:
    explicit ResourceFilterProxy(ResourceTableModel *source, QObject *parent = nullptr);

    QString filterText() const { return m_filterText; }
    void setFilterText(const QString &text);

    /// Sorts by `column`; the same column again flips the order.
    void sortByColumn(int column);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    ResourceTableModel *m_source;
    QString m_filterText;
    QString m_needle;
};

} // namespace Pot::Models
