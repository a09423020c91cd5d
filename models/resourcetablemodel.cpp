#include "resourcetablemodel.h"

#include "core/displaytext.h"

#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace Pot::Models {

namespace {

/// The number a sort key holds; NaN for none (a NaN would tie with everything and break the order).
double numberOf(const QVariant &key)
{
    bool ok = false;
    const double v = key.isValid() ? key.toDouble(&ok) : 0.0;
    return ok ? v : std::nan("");
}

} // namespace

void ResourceRow::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    // A field can be of any size (a Controller answered with a 60 MB string): cells and tips are
    // cut to what a row can show; the detail pane shows more and Copy gives the whole value.
    for (QString &cell : cells) {
        if (isCut(cell, MaxCellChars))
            cell = shownText(cell, MaxCellChars);
        // U+001F separates the cells in the filter text (and foldedCell() splits on it).
        if (cell.contains(u'\x1f'))
            cell.replace(u'\x1f', u' ');
    }
    for (QString &tip : tips) {
        if (isCut(tip, MaxTipChars))
            tip = shownText(tip, MaxTipChars);
    }
    m_sortKeys.reserve(sortKeys.size());
    for (const QVariant &key : std::as_const(sortKeys))
        m_sortKeys << numberOf(key);
    sortKeys = QVariantList(); // clear() would keep the capacity
    qsizetype size = 0;
    for (const QString &cell : std::as_const(cells))
        size += cell.size() + 1;
    m_filterText.reserve(size);
    for (const QString &cell : std::as_const(cells)) {
        m_filterText += cell;
        m_filterText += u'\x1f'; // a separator no one types
    }
    m_filterText = std::move(m_filterText).toLower();
}

void ResourceRow::setJson(CompressedText json)
{
    m_json = std::move(json);
    object = QJsonObject();
}

QStringView ResourceRow::cell(int column) const
{
    return column >= 0 && column < cells.size() ? QStringView(cells.at(column)) : QStringView();
}

QStringView ResourceRow::tip(int column) const
{
    return column >= 0 && column < tips.size() ? QStringView(tips.at(column)) : QStringView();
}

QStringView ResourceRow::foldedCell(int column) const
{
    if (!m_finished)
        return {};
    // The filter text is the cells lower-cased, each followed by U+001F: the column-th segment.
    const QStringView all(m_filterText);
    qsizetype from = 0;
    for (int c = 0; c < column; ++c) {
        const qsizetype end = all.indexOf(u'\x1f', from);
        if (end < 0)
            return {};
        from = end + 1;
    }
    const qsizetype end = all.indexOf(u'\x1f', from);
    return end < 0 ? QStringView() : all.sliced(from, end - from);
}

Tone ResourceRow::tone(int column) const
{
    return tones.value(column, Tone::None);
}

std::optional<double> ResourceRow::sortKey(int column) const
{
    double v = std::nan("");
    if (m_finished)
        v = m_sortKeys.value(column, v);
    else if (column >= 0 && column < sortKeys.size()) // not finished yet: the builder's keys
        v = numberOf(sortKeys.at(column));
    if (std::isnan(v))
        return std::nullopt;
    return v;
}

bool ResourceRow::matches(QStringView needle) const
{
    if (m_finished)
        return m_filterText.contains(needle);
    // Cell by cell, so that a match never spans two columns.
    return std::any_of(cells.cbegin(), cells.cend(), [needle](const QString &cell) {
        return cell.contains(needle, Qt::CaseInsensitive);
    });
}

bool ResourceRow::sameContent(const ResourceRow &other) const
{
    if (cells != other.cells || tips != other.tips || tones != other.tones || m_sortKeys.size() != other.m_sortKeys.size()
        || !std::equal(m_sortKeys.cbegin(), m_sortKeys.cend(), other.m_sortKeys.cbegin(),
                       [](double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); })
        || sortKeys != other.sortKeys)
        return false;
    // The same text is the same object; a Controller that reorders keys costs one parse.
    if (!m_json.isEmpty() && !other.m_json.isEmpty() && m_json.sameText(other.m_json))
        return true;
    return toObject() == other.toObject();
}

QJsonObject ResourceRow::toObject() const
{
    if (m_json.isEmpty())
        return object;
    return QJsonDocument::fromJson(m_json.text()).object();
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
        return row.cell(col).toString();
    case Qt::ToolTipRole:
        return row.tip(col).toString();
    case SortRole:
        if (const std::optional<double> key = row.sortKey(col))
            return *key;
        return row.cell(col).toString();
    case KeyRole:
        return row.key;
    case ToneRole:
        return int(row.tone(col));
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
    for (ResourceRow &row : rows)
        row.finish(); // no-op for rows a list built; a caller that built rows by hand
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

} // namespace Pot::Models
