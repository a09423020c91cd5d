#pragma once

#include "core/resources/tone.h"

#include <QJsonObject>
#include <QObject>

namespace Pot::Models {

class ClusterView;
class ResourceList;
class ResourcePage;

/// What the Applications page has beyond the generic resource pages of its kinds (applications,
/// system applications, microservices: lists, details and actions come from
/// cluster->resourcePage(id)): the microservices list is fed from the selected application of the
/// shown tab (no request of its own, so a refresh of the application list updates it by diff and
/// keeps its selection), each microservice carrying its agent's name and whether it belongs to a
/// system application; and the NATS rule names, which can be followed with openRule().
class ApplicationsPage final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApplicationsPage)
    Q_PROPERTY(Pot::Models::ResourcePage *applications READ applications CONSTANT)
    Q_PROPERTY(Pot::Models::ResourcePage *systemApplications READ systemApplications CONSTANT)
    Q_PROPERTY(Pot::Models::ResourcePage *microservices READ microservices CONSTANT)
    Q_PROPERTY(bool showSystem READ showSystem WRITE setShowSystem NOTIFY showSystemChanged)
    Q_PROPERTY(bool hasApplication READ hasApplication NOTIFY selectionChanged)
    Q_PROPERTY(bool applicationNatsAccess READ applicationNatsAccess NOTIFY selectionChanged)
    Q_PROPERTY(QString accountRuleName READ accountRuleName NOTIFY selectionChanged)
    Q_PROPERTY(bool microserviceNatsAccess READ microserviceNatsAccess NOTIFY selectionChanged)
    Q_PROPERTY(QString userRuleName READ userRuleName NOTIFY selectionChanged)
    Q_PROPERTY(QString microserviceStatus READ microserviceStatus NOTIFY selectionChanged)
    Q_PROPERTY(int microserviceStatusTone READ microserviceStatusTone NOTIFY selectionChanged)
    Q_MOC_INCLUDE("models/resourcepage.h")

public:
    explicit ApplicationsPage(ClusterView *cluster);
    ~ApplicationsPage() override;

    /// The generic pages of the three kinds (nullptr when the cluster has no such kind).
    ResourcePage *applications() const { return m_apps; }
    ResourcePage *systemApplications() const { return m_system; }
    ResourcePage *microservices() const { return m_ms; }
    /// Their lists (other pages read the applications: NATS accounts, microservices on an agent).
    ResourceList *list() const;
    ResourceList *systemList() const;

    /// Whether the system applications' tab is shown (its selection feeds the microservices).
    bool showSystem() const { return m_showSystem; }
    void setShowSystem(bool system);

    /// The selected application of the shown tab, and the selected microservice (empty if none).
    QJsonObject application() const;
    QJsonObject microservice() const;
    bool hasApplication() const { return !application().isEmpty(); }
    bool applicationNatsAccess() const;
    /// The application's NATS account rule; empty without NATS access or with the default rule.
    QString accountRuleName() const;
    bool microserviceNatsAccess() const;
    /// The microservice's NATS user rule; empty without NATS access or with the default rule.
    QString userRuleName() const;
    QString microserviceStatus() const;
    int microserviceStatusTone() const;

    /// Follows a NATS rule link: `kind` is "account" (application) or "user" (microservice).
    Q_INVOKABLE void openRule(const QString &kind, const QString &name);

    /// The tone of a microservice status (Resources::Kinds::microserviceTone).
    static Tone microserviceTone(const QString &status);

Q_SIGNALS:
    void showSystemChanged();
    void selectionChanged();
    /// The user followed a rule link; the window switches to the NATS section and shows the rule.
    /// kind: "account" (NATS account rule) or "user" (NATS user rule).
    void ruleLinkActivated(const QString &kind, const QString &name);

private:
    ResourcePage *shownPage() const { return m_showSystem ? m_system : m_apps; }
    void feedMicroservices();

    ClusterView *m_cluster;
    ResourcePage *m_apps;
    ResourcePage *m_system;
    ResourcePage *m_ms;
    bool m_showSystem = false;
    QString m_fedApplication;
};

} // namespace Pot::Models
