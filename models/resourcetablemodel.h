#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>

namespace Pot::Models {

/// Colour hint of a cell; QML maps it to the theme (the model knows no colours).
enum class Tone : qint8 { None = 0, Ok, Warn, Bad, Info, Muted };

struct ResourceColumn
{
    QString title;
    int width = 120; ///< preferred width in pixels at the default font
};

/// One object of a Controller list as the table shows it. `object` is the whole JSON object for the
/// detail pane; `cells` the text of each column. Built off the GUI thread by a RowBuilder.
struct ResourceRow
{
    QString key;               ///< stable identity (uuid, name, "app/user")
    /// The object as built; lists read from the Controller keep `json` instead and drop this.
    QJsonObject object;
    /// The object's compact JSON as the Controller sent it (a parsed object takes ~3× the memory).
    QByteArray json;
    QStringList cells;         ///< one per column
    QVariantList sortKeys;     ///< one per column; empty: sort by the cell text
    QStringList tips;          ///< tooltip per column (exact time, full value); may be empty
    QList<Tone> tones;         ///< per column; may be empty
    QString haystack;          ///< lower-cased text the filter searches; filled by finish()

    /// Fills `haystack` from the cells (call once the cells are set).
    void finish();
    bool sameContent(const ResourceRow &other) const;
    /// The object, parsed from `json` when the row keeps only that.
    QJsonObject toObject() const;
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
    bool matches(int row, QStringView needle) const;

private:
    void reindex(int from);

    QList<ResourceColumn> m_columns;
    QList<ResourceRow> m_rows;
    QHash<QString, int> m_index;
};

} // namespace Pot::Models
