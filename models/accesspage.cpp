#include "accesspage.h"

#include "models/clusterview.h"

namespace Pot::Models {

AccessPage::AccessPage(ClusterView *cluster)
    : QObject(cluster)
    , m_cluster(cluster)
{}

} // namespace Pot::Models
