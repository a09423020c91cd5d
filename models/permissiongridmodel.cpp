#include "permissiongridmodel.h"

#include <algorithm>

namespace Pot::Models {

namespace {

qsizetype verbCount()
{
    return Rbac::catalogVerbs().size();
}

} // namespace

PermissionGridModel::PermissionGridModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_cells(Rbac::catalogResources().size() * verbCount())
{}

int PermissionGridModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Rbac::catalogResources().size());
}

int PermissionGridModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(verbCount());
}

const Rbac::Decision &PermissionGridModel::decision(int row, int column) const
{
    return m_cells.at(row * verbCount() + column);
}

QString PermissionGridModel::explainCell(int row, int column) const
{
    const Rbac::Decision &d = decision(row, column);
    if (d.allowed)
        return d.grant.describe();
    const QString permission = Rbac::catalogResources().at(row) + u':' + Rbac::catalogVerbs().at(column);
    if (!m_subject)
        return tr("No subject chosen.");
    return tr("No role grants %1 to %2 %3.").arg(permission, m_subject->kind, m_subject->name);
}

QVariant PermissionGridModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Rbac::Decision &d = decision(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole:
        return d.allowed ? QStringLiteral("✓") : QStringLiteral("—");
    case Qt::ToolTipRole:
        return explainCell(index.row(), index.column());
    case AllowedRole:
        return d.allowed;
    case ResourceRole:
        return Rbac::catalogResources().at(index.row());
    case VerbRole:
        return Rbac::catalogVerbs().at(index.column());
    case DescriptionRole:
        return d.allowed ? tr("allowed") : tr("not allowed");
    default:
        return {};
    }
}

QVariant PermissionGridModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || section < 0)
        return {};
    const QStringList &names = orientation == Qt::Horizontal ? Rbac::catalogVerbs()
                                                             : Rbac::catalogResources();
    return section < names.size() ? QVariant(names.at(section)) : QVariant();
}

QHash<int, QByteArray> PermissionGridModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(AllowedRole, QByteArrayLiteral("allowed"));
    names.insert(ResourceRole, QByteArrayLiteral("resource"));
    names.insert(VerbRole, QByteArrayLiteral("verb"));
    names.insert(DescriptionRole, QByteArrayLiteral("description"));
    return names;
}

void PermissionGridModel::setAuthorizer(const Rbac::Authorizer *authorizer)
{
    m_authorizer = authorizer;
    recompute();
}

void PermissionGridModel::setSubject(const std::optional<Rbac::Subject> &subject)
{
    if (m_subject == subject)
        return;
    m_subject = subject;
    recompute();
}

void PermissionGridModel::setResourceName(const QString &name)
{
    if (m_resourceName == name)
        return;
    m_resourceName = name;
    recompute();
}

void PermissionGridModel::recompute()
{
    const QStringList &resources = Rbac::catalogResources();
    const QStringList &verbs = Rbac::catalogVerbs();
    for (int r = 0; r < resources.size(); ++r) {
        for (int c = 0; c < verbs.size(); ++c) {
            Rbac::Decision d;
            if (m_authorizer && m_subject) {
                QList<Rbac::Subject> who{*m_subject};
                who += m_companions;
                d = m_authorizer->decide(who, resources.at(r), verbs.at(c), m_resourceName);
            }
            m_cells[r * verbs.size() + c] = d;
        }
    }
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    Q_EMIT recomputed();
}

int PermissionGridModel::allowedCount() const
{
    return int(std::count_if(m_cells.cbegin(), m_cells.cend(),
                             [](const Rbac::Decision &d) { return d.allowed; }));
}

bool PermissionGridModel::isAllowed(const QString &resource, const QString &verb) const
{
    const qsizetype r = Rbac::catalogResources().indexOf(resource);
    const qsizetype c = Rbac::catalogVerbs().indexOf(verb);
    return r >= 0 && c >= 0 && decision(int(r), int(c)).allowed;
}

QString PermissionGridModel::explain(const QString &resource, const QString &verb) const
{
    const qsizetype r = Rbac::catalogResources().indexOf(resource);
    const qsizetype c = Rbac::catalogVerbs().indexOf(verb);
    if (r < 0 || c < 0)
        return tr("%1:%2 is not in the Controller's catalogue.").arg(resource, verb);
    return explainCell(int(r), int(c));
}

} // namespace Pot::Models
