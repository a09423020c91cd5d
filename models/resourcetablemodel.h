#pragma once

#include "core/compressedtext.h"
#include "core/resources/tone.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <optional>

namespace Pot::Models {

using Tone = Pot::Tone;

struct ResourceColumn
{
    QString title;
    int width = 120; ///< preferred width in pixels at the default font
};

/// One object of a Controller list as the table shows it. A RowBuilder fills the public fields;
/// finish() cuts oversized cells and tips and keeps the lower-cased filter text. Lists read from the
/// Controller keep the object as the JSON text it came in, compressed (setJson()), and parse it
/// again in toObject() when a row is selected: a parsed QJsonObject takes several times the memory
/// of its text.
class ResourceRow
{
public:
    QString key;           ///< stable identity (uuid, name, "app/user")
    /// The object as built. Lists read from the Controller keep its JSON text instead.
    QJsonObject object;
    QStringList cells;     ///< one per column
    QVariantList sortKeys; ///< numbers; invalid or NaN: sort by the cell text. finish() takes them.
    QStringList tips;      ///< tooltip per column (exact time, full value); may be short
    QList<Tone> tones;     ///< per column; may be short

    /// Cuts cells and tips to what a row shows; keeps the text the filter searches.
    void finish();
    /// Keeps `json` (the object as the Controller sent it) instead of `object`.
    void setJson(CompressedText json);
    const CompressedText &json() const { return m_json; }

    int columnCount() const { return int(cells.size()); }
    QStringView cell(int column) const;
    QStringView tip(int column) const;
    Tone tone(int column) const;
    /// The cell lower-cased, as the filter searches it; empty before finish().
    QStringView foldedCell(int column) const;
    bool isFinished() const { return m_finished; }
    /// The numeric sort key of `column`, if it has one.
    std::optional<double> sortKey(int column) const;
    /// Whether any cell contains `needle` (already lower-cased).
    bool matches(QStringView needle) const;
    bool sameContent(const ResourceRow &other) const;
    /// The object (parsed from the kept JSON, if the row keeps that).
    QJsonObject toObject() const;

private:
    CompressedText m_json; ///< the object's JSON text, when setJson() was called
    /// The cells lower-cased, separated by U+001F (no match spans two cells): a case-sensitive
    /// search in one string keeps a keystroke over 10,000 rows fast.
    QString m_filterText;
    /// sortKeys as doubles, NaN where none: a QVariant takes 32 bytes (8.6 MiB for 20,000 rows).
    QList<double> m_sortKeys;
    bool m_finished = false;
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
