#pragma once

#include "core/rbac/rbac.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

#include <optional>

namespace Pot::Models {

/// "Who can do what": the Controller's resources (rows) × verbs (columns) for one subject, each
/// cell decided by the local Authorizer exactly as the Controller would decide a request from that
/// subject alone. Recomputing emits dataChanged, never a reset.
// Not final: Qt 6.4's QML type registration (qml/modeltypes.h) derives from every
// default-constructible registered class, even an uncreatable one.
class PermissionGridModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PermissionGridModel)
    Q_PROPERTY(int allowedCount READ allowedCount NOTIFY recomputed)

public:
    enum Role {
        AllowedRole = Qt::UserRole + 1,
        ResourceRole,
        VerbRole,
        DescriptionRole, ///< "allowed" / "not allowed", for screen readers
    };
    Q_ENUM(Role)

    explicit PermissionGridModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// The roles and bindings to evaluate; not owned, must outlive the model.
    void setAuthorizer(const Rbac::Authorizer *authorizer);
    /// nullopt: nobody (every cell denied).
    void setSubject(const std::optional<Rbac::Subject> &subject);
    std::optional<Rbac::Subject> subject() const { return m_subject; }
    /// Subjects decided together with the chosen one: the signed-in user's token groups, since the
    /// Controller evaluates the user and its groups at once.
    void setCompanions(const QList<Rbac::Subject> &subjects) { m_companions = subjects; }
    /// The resourceName requests would carry ("" = a request without a name, e.g. a list).
    void setResourceName(const QString &name);
    QString resourceName() const { return m_resourceName; }
    /// Decides every cell again (after the roles or bindings changed).
    void recompute();

    int allowedCount() const;
    const Rbac::Decision &decision(int row, int column) const;
    Q_INVOKABLE bool isAllowed(const QString &resource, const QString &verb) const;
    /// The Grant's description, or why nothing grants it.
    Q_INVOKABLE QString explain(const QString &resource, const QString &verb) const;

Q_SIGNALS:
    void recomputed();

private:
    QString explainCell(int row, int column) const;

    const Rbac::Authorizer *m_authorizer = nullptr;
    std::optional<Rbac::Subject> m_subject;
    QList<Rbac::Subject> m_companions;
    QString m_resourceName;
    QList<Rbac::Decision> m_cells; ///< row-major
};

} // namespace Pot::Models
