#pragma once

#include <QObject>

namespace Pot::Models {

class ClusterView;

/// View model of the Applications page: applications, their microservices and the system applications.
class ApplicationsPage final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApplicationsPage)

public:
    explicit ApplicationsPage(ClusterView *cluster);

private:
    ClusterView *m_cluster;
};

} // namespace Pot::Models
