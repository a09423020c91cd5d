#include "registry.h"

#include "core/resources/kinds/kinds.h"

namespace Pot::Resources {

Registry::Registry()
    : m_kinds{Kinds::services(),     Kinds::applicationTemplates(), Kinds::catalogItems(),
              Kinds::edgeResources(), Kinds::router(), Kinds::certificates(),              Kinds::secrets(),
              Kinds::configMaps(),    Kinds::volumeMounts(),        Kinds::registries(),
              Kinds::applications(), Kinds::systemApplications(), Kinds::microservices(),
              Kinds::natsAccounts(), Kinds::natsUsers(), Kinds::natsAccountRules(), Kinds::natsUserRules(),
              Kinds::agents(),
              Kinds::roles(), Kinds::roleBindings(), Kinds::serviceAccounts()}
{
}

const Kind *Registry::find(const QString &id) const
{
    for (const Kind &k : m_kinds) {
        if (k.id == id)
            return &k;
    }
    return nullptr;
}

} // namespace Pot::Resources
