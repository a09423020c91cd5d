#include "applicationspage.h"

#include "models/clusterview.h"

namespace Pot::Models {

ApplicationsPage::ApplicationsPage(ClusterView *cluster)
    : QObject(cluster)
    , m_cluster(cluster)
{}

} // namespace Pot::Models
