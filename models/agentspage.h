#pragma once

#include "models/resourcelist.h"

#include <QObject>

namespace Pot::Models {

class ClusterView;

/// View model of the Agents page: the fog list of the control plane.
class AgentsPage final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentsPage)
    Q_PROPERTY(Pot::Models::ResourceList *list READ list CONSTANT)

public:
    explicit AgentsPage(ClusterView *cluster);

    ResourceList *list() const { return m_list; }

    /// Columns and row builder of the agent list (GET /iofog-list); shared with the benchmarks.
    static ResourceList::Spec listSpec();

private:
    ClusterView *m_cluster;
    ResourceList *m_list;
};

} // namespace Pot::Models
