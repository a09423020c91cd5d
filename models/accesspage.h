#pragma once

#include "core/rbac/rbac.h"
#include "models/permissiongridmodel.h"

#include <QObject>
#include <QStringList>

#include <optional>

namespace Pot::Models {

class ClusterView;

/// What the Access control page has beyond its three resource pages (roles, role bindings and
/// service accounts: `cluster->resourcePage(id)`): the "who can do what" grid for a subject the
/// user picks among the signed-in user, the built-in role groups and every subject of a binding.
class AccessPage final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccessPage)
    Q_PROPERTY(Pot::Models::PermissionGridModel *grid READ grid CONSTANT)
    Q_PROPERTY(QStringList gridSubjects READ gridSubjects NOTIFY gridSubjectsChanged)
    Q_PROPERTY(QString gridSubject READ gridSubject WRITE setGridSubject NOTIFY gridChanged)
    Q_PROPERTY(QString gridResourceName READ gridResourceName WRITE setGridResourceName NOTIFY gridChanged)
    Q_PROPERTY(QString gridSummary READ gridSummary NOTIFY gridChanged)

public:
    explicit AccessPage(ClusterView *cluster);

    /// "kind name" (e.g. "Group viewer") → subject. A bare name is a Group when it names a built-in
    /// role, else a User.
    static std::optional<Rbac::Subject> parseSubject(const QString &text);

    PermissionGridModel *grid() const { return m_grid; }

    /// The signed-in user, the built-in role groups and every subject named in a binding.
    QStringList gridSubjects() const { return m_gridSubjects; }
    QString gridSubject() const { return m_gridSubject; }
    void setGridSubject(const QString &subject);
    QString gridResourceName() const { return m_gridResourceName; }
    void setGridResourceName(const QString &name);
    /// "Group viewer: 58 of 210 allowed" or why the subject cannot be read.
    QString gridSummary() const;

Q_SIGNALS:
    void gridSubjectsChanged();
    void gridChanged();

private:
    QList<Rbac::Subject> companionsOf(const std::optional<Rbac::Subject> &subject) const;
    void updateGrid();

    ClusterView *m_cluster;
    PermissionGridModel *m_grid;
    QString m_gridSubject;
    bool m_gridSubjectChosen = false;
    QString m_gridResourceName;
    QStringList m_gridSubjects;
};

} // namespace Pot::Models
