#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <optional>

namespace Pot {
class DeltaEncoder;
}

namespace Pot::Models {

/// Colour hint of a cell; QML maps it to the theme (Theme.toneColour; the model knows no colours).
/// In its own namespace so the QML module can register it (QML_FOREIGN_NAMESPACE) without this
/// library depending on QtQml: QML writes Tone.Ok.
namespace Tones {
Q_NAMESPACE
enum class Tone : qint8 { None = 0, Ok, Warn, Bad, Info, Muted };
Q_ENUM_NS(Tone)
} // namespace Tones
using Tones::Tone;

struct ResourceColumn
{
    QString title;
    int width = 120; ///< preferred width in pixels at the default font
};

/// One object of a Controller list as the table shows it. A RowBuilder fills the public fields on
/// a worker thread; finish() then packs them into one block (10,000 rows of 13 columns would
/// otherwise be ~400,000 small allocations) and clears them. Read a finished row through the
/// accessors.
class ResourceRow
{
public:
    QString key;           ///< stable identity (uuid, name, "app/user")
    /// The object as built. Lists read from the Controller keep it coded with setJson() instead.
    QJsonObject object;
    QStringList cells;     ///< one per column
    QVariantList sortKeys; ///< numbers (first 32 columns); invalid or NaN: sort by the cell text
    QStringList tips;      ///< tooltip per column (exact time, full value); may be short
    QList<Tone> tones;     ///< per column; may be short

    /// Packs the cells, tips, tones, sort keys and the filter text; clears those fields.
    void finish();
    /// Keeps `json` (the object as the Controller sent it) coded against the encoder's reference,
    /// another object of the same list; drops `object`.
    void setJson(QByteArrayView json, const DeltaEncoder &encoder);

    int columnCount() const;
    QStringView cell(int column) const;
    QStringView tip(int column) const;
    Tone tone(int column) const;
    /// The numeric sort key of `column`, if it has one.
    std::optional<double> sortKey(int column) const;
    /// Whether any cell contains `needle` (already lower-cased).
    bool matches(QStringView needle) const;
    bool sameContent(const ResourceRow &other) const;
    /// The object, decoded from the kept JSON when the row keeps that.
    QJsonObject toObject() const;
    /// The reference the JSON is coded against (empty when the row keeps `object`).
    const QByteArray &jsonReference() const { return m_reference; }

private:
    int packedColumns() const { return m_packed.isEmpty() ? 0 : int(m_packed.at(0).unicode()); }
    /// Text segment i: cells are 0..n-1, tips n..2n-1, the filter text 2n.
    QStringView segment(int i) const;

    /// UTF-16 block: [columns][end offset of each cell, each tip, the filter text][tone per
    /// column][sort-key-present bits, two units][4 units per present key (a double)] then the texts.
    QString m_packed;
    QByteArray m_json;      ///< the object coded by DeltaEncoder
    QByteArray m_reference; ///< implicitly shared by every row of the list
};

/// Turns one JSON object of a list into a row. Runs on a worker thread: it must be a pure function.
using RowBuilder = std::function<ResourceRow(const QJsonObject &)>;

/// Table of Controller objects keyed by identity. applyRows() diffs against what is shown: changed
/// rows get dataChanged, new rows are inserted and gone rows removed, never a reset, so views keep
/// their selection and scroll position across refreshes.
class ResourceTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResourceTableModel)

public:
    enum Role {
        SortRole = Qt::UserRole + 1,
        KeyRole,
        ToneRole,
        ColumnRole,
    };
    Q_ENUM(Role)

    explicit ResourceTableModel(QList<ResourceColumn> columns, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    const QList<ResourceColumn> &columns() const { return m_columns; }
    /// Replaces the content with `rows` using the smallest set of change signals.
    void applyRows(QList<ResourceRow> rows);
    void clear();

    const ResourceRow &rowAt(int row) const { return m_rows.at(row); }
    /// -1 when absent.
    int indexOfKey(const QString &key) const { return m_index.value(key, -1); }
    /// Whether row `row` contains `needle` (already lower-cased) in any column.
    bool matches(int row, QStringView needle) const { return m_rows.at(row).matches(needle); }

private:
    void reindex(int from);

    QList<ResourceColumn> m_columns;
    QList<ResourceRow> m_rows;
    QHash<QString, int> m_index;
};

} // namespace Pot::Models
