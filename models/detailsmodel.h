#pragma once

#include "core/resources/detailrow.h"

#include <QAbstractListModel>
#include <QList>
#include <QString>

namespace Pot::Models {

using DetailRow = Pot::DetailRow;

/// Grouped key/value model shared by every detail pane. setRows() keeps unchanged rows and emits
/// dataChanged for changed ones, so a refresh does not reset the view or lose its scroll position.
// Not final: Qt 6.4's QML type registration (qml/modeltypes.h) derives from every
// default-constructible registered class, even an uncreatable one.
class DetailsModel : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailsModel)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        GroupRole = Qt::UserRole + 1,
        LabelRole,
        ValueRole,
        HintRole,
        SensitiveRole,
        WarningRole,
        FullValueRole, ///< the whole value (ValueRole is cut after MaxDetailChars)
    };
    Q_ENUM(Role)

    explicit DetailsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setRows(const QList<DetailRow> &rows);
    const QList<DetailRow> &rows() const { return m_rows; }
    void clear();

    /// The value of the first row with this label, for copy actions.
    Q_INVOKABLE QString valueOf(const QString &label) const;

Q_SIGNALS:
    void countChanged();

private:
    QList<DetailRow> m_rows;
};

} // namespace Pot::Models
