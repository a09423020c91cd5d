#include "resourcetablemodel.h"

#include <QJsonDocument>

#include <algorithm>

namespace Pot::Models {

void ResourceRow::finish()
{
    qsizetype size = 0;
    for (const QString &c : std::as_const(cells))
        size += c.size() + 1;
    haystack.clear();
    haystack.reserve(size);
    for (const QString &c : std::as_const(cells)) {
        haystack += c;
        haystack += u'\x1f'; // a separator no one types, so a match never spans two columns
    }
    haystack = std::move(haystack).toLower();
}

bool ResourceRow::sameContent(const ResourceRow &other) const
{
    if (cells != other.cells || tips != other.tips || tones != other.tones
        || sortKeys != other.sortKeys)
        return false;
    if (!json.isEmpty() && !other.json.isEmpty())
        return json == other.json; // the same bytes: cheap even for 10,000 rows
    return toObject() == other.toObject();
}

QJsonObject ResourceRow::toObject() const
{
    if (json.isEmpty())
        return object;
    return QJsonDocument::fromJson(json).object();
}

ResourceTableModel::ResourceTableModel(QList<ResourceColumn> columns, QObject *parent)
    : QAbstractTableModel(parent)
    , m_columns(std::move(columns))
{}

int ResourceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ResourceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant ResourceTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ResourceRow &row = m_rows.at(index.row());
    const int col = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return col < row.cells.size() ? row.cells.at(col) : QString();
    case Qt::ToolTipRole:
        return col < row.tips.size() ? row.tips.at(col) : QString();
    case SortRole:
        if (col < row.sortKeys.size() && row.sortKeys.at(col).isValid())
            return row.sortKeys.at(col);
        return col < row.cells.size() ? row.cells.at(col) : QString();
    case KeyRole:
        return row.key;
    case ToneRole:
        return int(col < row.tones.size() ? row.tones.at(col) : Tone::None);
    case ColumnRole:
        return col;
    default:
        return {};
    }
}

QVariant ResourceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_columns.size())
        return {};
    if (role == Qt::DisplayRole)
        return m_columns.at(section).title;
    if (role == Qt::SizeHintRole)
        return m_columns.at(section).width;
    return {};
}

QHash<int, QByteArray> ResourceTableModel::roleNames() const
{
    return {
        {Qt::DisplayRole, QByteArrayLiteral("display")},
        {Qt::ToolTipRole, QByteArrayLiteral("toolTip")},
        {SortRole, QByteArrayLiteral("sortValue")},
        {KeyRole, QByteArrayLiteral("rowKey")},
        {ToneRole, QByteArrayLiteral("tone")},
        {ColumnRole, QByteArrayLiteral("columnIndex")},
    };
}

void ResourceTableModel::reindex(int from)
{
    for (int i = from; i < m_rows.size(); ++i)
        m_index.insert(m_rows.at(i).key, i);
}

void ResourceTableModel::applyRows(QList<ResourceRow> rows)
{
    // Last one wins when the Controller lists a key twice.
    QHash<QString, int> incoming;
    incoming.reserve(rows.size());
    for (int i = 0; i < rows.size(); ++i)
        incoming.insert(rows.at(i).key, i);

    // 1. Remove rows that are gone, in contiguous blocks from the end.
    for (int i = int(m_rows.size()) - 1; i >= 0;) {
        if (incoming.contains(m_rows.at(i).key)) {
            --i;
            continue;
        }
        int first = i;
        while (first > 0 && !incoming.contains(m_rows.at(first - 1).key))
            --first;
        beginRemoveRows({}, first, i);
        for (int r = first; r <= i; ++r)
            m_index.remove(m_rows.at(r).key);
        m_rows.remove(first, i - first + 1);
        endRemoveRows();
        reindex(first);
        i = first - 1;
    }

    // 2. Update rows still there; collect the new ones.
    QList<ResourceRow> added;
    for (int i = 0; i < rows.size(); ++i) {
        ResourceRow &incomingRow = rows[i];
        if (incoming.value(incomingRow.key) != i)
            continue;
        const int at = m_index.value(incomingRow.key, -1);
        if (at < 0) {
            added << std::move(incomingRow);
            continue;
        }
        if (m_rows.at(at).sameContent(incomingRow))
            continue;
        m_rows[at] = std::move(incomingRow);
        Q_EMIT dataChanged(index(at, 0), index(at, int(m_columns.size()) - 1));
    }

    // 3. Append the new rows in one block (the proxy sorts them into place).
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        m_rows.append(std::move(added));
        reindex(first);
        endInsertRows();
    }
}

void ResourceTableModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginRemoveRows({}, 0, int(m_rows.size()) - 1);
    m_rows.clear();
    m_index.clear();
    endRemoveRows();
}

bool ResourceTableModel::matches(int row, QStringView needle) const
{
    return m_rows.at(row).haystack.contains(needle);
}

} // namespace Pot::Models
