#pragma once

#include <QObject>

namespace Pot::Models {

class ClusterView;

/// View model of the Access control page: roles, role bindings, service accounts and the permission grid.
class AccessPage final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccessPage)

public:
    explicit AccessPage(ClusterView *cluster);

private:
    ClusterView *m_cluster;
};

} // namespace Pot::Models
