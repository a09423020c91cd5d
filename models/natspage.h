#pragma once

#include "models/resourcelist.h"

#include <QObject>

namespace Pot::Models {

class ClusterView;

/// View model of the NATS page: operator, hub, accounts, users, account and user rules.
class NatsPage final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NatsPage)
    Q_PROPERTY(Pot::Models::ResourceList *users READ users CONSTANT)

public:
    explicit NatsPage(ClusterView *cluster);

    ResourceList *users() const { return m_users; }

    /// Columns and row builder of the user list across accounts (GET /nats/users); shared with
    /// the benchmarks. Row key: "<account>/<user>".
    static ResourceList::Spec usersListSpec();

private:
    ClusterView *m_cluster;
    ResourceList *m_users;
};

} // namespace Pot::Models
