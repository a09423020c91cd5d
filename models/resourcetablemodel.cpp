#include "resourcetablemodel.h"

#include "core/deltacodec.h"
#include "core/displaytext.h"

#include <QJsonDocument>

#include <QVarLengthArray>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

namespace Pot::Models {

namespace {

constexpr int MaxKeyedColumns = 32; // sort-key bits fit in two units; later columns sort by text
constexpr int MaxPackedColumns = 0xFFFF; // the column count is one unit

// Layout offsets, in UTF-16 units, for a row of n columns.
constexpr qsizetype offsetsAt() { return 1; }
constexpr qsizetype tonesAt(int n) { return offsetsAt() + 2 * (2 * qsizetype(n) + 1); }
constexpr qsizetype bitsAt(int n) { return tonesAt(n) + n; }
constexpr qsizetype keysAt(int n) { return bitsAt(n) + 2; }

quint32 read32(const QChar *p)
{
    return quint32(p[0].unicode()) | (quint32(p[1].unicode()) << 16);
}

void write32(QChar *p, quint32 v)
{
    p[0] = QChar(char16_t(v & 0xFFFF));
    p[1] = QChar(char16_t(v >> 16));
}

} // namespace

void ResourceRow::finish()
{
    // A field can be of any size (a Controller answered with a 60 MB string): cells and tips are
    // cut to what a row can show; the detail pane shows more and Copy gives the whole value.
    for (QString &cell : cells) {
        if (isCut(cell, MaxCellChars))
            cell = shownText(cell, MaxCellChars);
    }
    for (QString &tip : tips) {
        if (isCut(tip, MaxTipChars))
            tip = shownText(tip, MaxTipChars);
    }
    const int n = int(std::min<qsizetype>(
        MaxPackedColumns, std::max({cells.size(), tips.size(), tones.size(), sortKeys.size()})));
    quint32 bits = 0;
    QVarLengthArray<double, MaxKeyedColumns> keys;
    for (int c = 0; c < n && c < sortKeys.size() && c < MaxKeyedColumns; ++c) {
        bool ok = false;
        const double v = sortKeys.at(c).isValid() ? sortKeys.at(c).toDouble(&ok) : 0.0;
        if (ok && !std::isnan(v)) { // NaN would tie with everything and break the order
            bits |= 1U << c;
            keys << v;
        }
    }
    QString haystack;
    for (int c = 0; c < n && c < cells.size(); ++c) {
        haystack += cells.at(c);
        haystack += u'\x1f'; // a separator no one types, so a match never spans two columns
    }
    haystack = std::move(haystack).toLower();

    const qsizetype textAt = keysAt(n) + 4 * keys.size();
    qsizetype textSize = haystack.size();
    for (int c = 0; c < n; ++c)
        textSize += (c < cells.size() ? cells.at(c).size() : 0) + (c < tips.size() ? tips.at(c).size() : 0);
    m_packed = QString(textAt + textSize, Qt::Uninitialized);
    QChar *p = m_packed.data();
    p[0] = QChar(char16_t(n));
    QChar *text = p + textAt;
    qsizetype written = 0;
    int segmentIndex = 0;
    const auto put = [&](QStringView s) {
        std::copy(s.begin(), s.end(), text + written);
        written += s.size();
        write32(p + offsetsAt() + 2 * segmentIndex++, quint32(written));
    };
    for (int c = 0; c < n; ++c)
        put(c < cells.size() ? QStringView(cells.at(c)) : QStringView());
    for (int c = 0; c < n; ++c)
        put(c < tips.size() ? QStringView(tips.at(c)) : QStringView());
    put(haystack);
    for (int c = 0; c < n; ++c)
        p[tonesAt(n) + c] = QChar(char16_t(c < tones.size() ? quint8(tones.at(c)) : 0));
    write32(p + bitsAt(n), bits);
    for (qsizetype k = 0; k < keys.size(); ++k) {
        quint64 raw = 0;
        std::memcpy(&raw, &keys[k], sizeof raw);
        write32(p + keysAt(n) + 4 * k, quint32(raw & 0xFFFFFFFFU));
        write32(p + keysAt(n) + 4 * k + 2, quint32(raw >> 32));
    }
    cells.clear();
    tips.clear();
    tones.clear();
    sortKeys.clear();
}

void ResourceRow::setJson(QByteArrayView json, const DeltaEncoder &encoder)
{
    m_json = encoder.encode(json);
    m_reference = encoder.reference();
    object = QJsonObject();
}

int ResourceRow::columnCount() const
{
    return packedColumns();
}

QStringView ResourceRow::segment(int i) const
{
    const int n = packedColumns();
    if (m_packed.isEmpty() || i < 0 || i > 2 * n) // not finished: nothing to read
        return {};
    const QChar *p = m_packed.constData();
    const quint32 from = i == 0 ? 0 : read32(p + offsetsAt() + 2 * (i - 1));
    const quint32 to = read32(p + offsetsAt() + 2 * i);
    const quint32 bits = read32(p + bitsAt(n));
    const qsizetype textAt = keysAt(n) + 4 * std::popcount(bits);
    return QStringView(m_packed).sliced(textAt + from, to - from);
}

QStringView ResourceRow::cell(int column) const
{
    return column >= 0 && column < packedColumns() ? segment(column) : QStringView();
}

QStringView ResourceRow::tip(int column) const
{
    return column >= 0 && column < packedColumns() ? segment(packedColumns() + column) : QStringView();
}

Tone ResourceRow::tone(int column) const
{
    const int n = packedColumns();
    return column >= 0 && column < n ? Tone(m_packed.at(tonesAt(n) + column).unicode()) : Tone::None;
}

std::optional<double> ResourceRow::sortKey(int column) const
{
    const int n = packedColumns();
    if (column < 0 || column >= n || column >= MaxKeyedColumns)
        return std::nullopt;
    const QChar *p = m_packed.constData();
    const quint32 bits = read32(p + bitsAt(n));
    if (!(bits & (1U << column)))
        return std::nullopt;
    const int k = std::popcount(bits & ((1U << column) - 1));
    const quint64 raw = quint64(read32(p + keysAt(n) + 4 * k)) | (quint64(read32(p + keysAt(n) + 4 * k + 2)) << 32);
    double v = 0;
    std::memcpy(&v, &raw, sizeof v);
    return v;
}

bool ResourceRow::matches(QStringView needle) const
{
    return segment(2 * packedColumns()).contains(needle);
}

bool ResourceRow::sameContent(const ResourceRow &other) const
{
    if (m_packed != other.m_packed)
        return false;
    if (m_json.isEmpty() || other.m_json.isEmpty())
        return toObject() == other.toObject();
    // Rows of one list share their reference, so equal objects have equal codes.
    if (m_reference.constData() == other.m_reference.constData())
        return m_json == other.m_json;
    return deltaDecode(m_reference, m_json) == deltaDecode(other.m_reference, other.m_json);
}

QJsonObject ResourceRow::toObject() const
{
    if (m_json.isEmpty())
        return object;
    const std::optional<QByteArray> json = deltaDecode(m_reference, m_json);
    return json ? QJsonDocument::fromJson(*json).object() : QJsonObject();
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
    for (ResourceRow &row : rows) {
        if (row.columnCount() == 0)
            row.finish(); // a caller that built rows by hand
    }
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
