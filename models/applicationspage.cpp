#include "applicationspage.h"

#include "core/api/records.h"
#include "core/logging.h"
#include "core/resources/kinds/kinds.h"
#include "models/agentspage.h"
#include "models/clusterview.h"
#include "models/resourcelist.h"
#include "models/resourcepage.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Pot::Models {

using namespace Qt::StringLiterals;

ApplicationsPage::ApplicationsPage(ClusterView *cluster)
    : QObject(cluster)
    , m_cluster(cluster)
    , m_apps(cluster->resourcePage(u"applications"_s))
    , m_system(cluster->resourcePage(u"systemApplications"_s))
    , m_ms(cluster->resourcePage(u"microservices"_s))
{
    if (!m_apps || !m_system || !m_ms) {
        qCWarning(lcModels) << "the applications page needs the kinds applications, "
                               "systemApplications and microservices";
        m_apps = m_system = m_ms = nullptr;
        return;
    }
    ResourceList *ms = m_ms->list();
    // The microservices come with the application list: refreshing them reads that again.
    ms->setRefresher([this] {
        if (!m_cluster->demo())
            shownPage()->list()->refresh();
    });
    if (cluster->demo())
        ms->setFixed(list()->freshnessText());
    for (ResourcePage *page : {m_apps, m_system}) {
        connect(page->list(), &ResourceList::selectedObjectChanged, this, [this, page] {
            if (page == shownPage())
                feedMicroservices();
        });
        // Same age as the list it comes from.
        connect(page->list(), &ResourceList::freshnessChanged, ms, &ResourceList::notifyFreshness);
    }
    connect(m_ms, &ResourcePage::selectionChanged, this, &ApplicationsPage::selectionChanged);
    // Agent names arrive with the agent list.
    if (AgentsPage *agents = cluster->agents())
        connect(agents->list(), &ResourceList::applied, this, &ApplicationsPage::feedMicroservices);
    feedMicroservices();
}

ApplicationsPage::~ApplicationsPage() = default;

ResourceList *ApplicationsPage::list() const
{
    return m_apps ? m_apps->list() : nullptr;
}

ResourceList *ApplicationsPage::systemList() const
{
    return m_system ? m_system->list() : nullptr;
}

void ApplicationsPage::setShowSystem(bool system)
{
    if (system == m_showSystem)
        return;
    m_showSystem = system;
    Q_EMIT showSystemChanged();
    feedMicroservices();
}

QJsonObject ApplicationsPage::application() const
{
    return shownPage() ? shownPage()->selectedObject() : QJsonObject();
}

QJsonObject ApplicationsPage::microservice() const
{
    return m_ms ? m_ms->selectedObject() : QJsonObject();
}

bool ApplicationsPage::applicationNatsAccess() const
{
    const Result<Api::Application> app = Api::Application::fromJson(application());
    return app && app->natsAccess;
}

QString ApplicationsPage::accountRuleName() const
{
    const Result<Api::Application> app = Api::Application::fromJson(application());
    return app && app->natsAccess ? app->natsRule : QString();
}

bool ApplicationsPage::microserviceNatsAccess() const
{
    const Result<Api::Microservice> ms = Api::Microservice::fromJson(microservice());
    return ms && ms->natsAccess;
}

QString ApplicationsPage::userRuleName() const
{
    const Result<Api::Microservice> ms = Api::Microservice::fromJson(microservice());
    return ms && ms->natsAccess ? ms->natsRule : QString();
}

QString ApplicationsPage::microserviceStatus() const
{
    const Result<Api::Microservice> ms = Api::Microservice::fromJson(microservice());
    return ms ? ms->status : QString();
}

int ApplicationsPage::microserviceStatusTone() const
{
    return int(microserviceTone(microserviceStatus()));
}

Tone ApplicationsPage::microserviceTone(const QString &status)
{
    return Resources::Kinds::microserviceTone(status);
}

void ApplicationsPage::openRule(const QString &kind, const QString &name)
{
    if (name.isEmpty() || (kind != u"account" && kind != u"user"))
        return;
    Q_EMIT ruleLinkActivated(kind, name);
}

void ApplicationsPage::feedMicroservices()
{
    if (!m_ms)
        return;
    const QJsonObject app = application();
    const bool system = m_showSystem || app.value(u"isSystem").toBool();
    QJsonArray fed;
    for (const QJsonValue &v : app.value(u"microservices").toArray()) {
        QJsonObject ms = v.toObject();
        const QString agent = m_cluster->agentName(ms.value(u"iofogUuid").toString());
        if (!agent.isEmpty())
            ms.insert(u"agentName"_s, agent);
        ms.insert(u"isSystem"_s, system);
        fed.append(ms);
    }
    ResourceList *ms = m_ms->list();
    const QString name = app.value(u"name").toString();
    // Another application: its microservices are other rows; drop the old selection first.
    if (name != m_fedApplication) {
        ms->setSelectedKey(QString());
        ms->setFilterText(QString());
        m_fedApplication = name;
    }
    ResourceList *source = shownPage()->list();
    ms->showAnswer(QJsonDocument(QJsonObject{{u"microservices"_s, fed}}).toJson(QJsonDocument::Compact),
                   source->updatedAt().isValid() ? source->updatedAt() : QDateTime::currentDateTimeUtc(),
                   source->stale());
    Q_EMIT selectionChanged();
}

} // namespace Pot::Models
