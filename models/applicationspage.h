#pragma once

#include "models/detailsmodel.h"
#include "models/resourcelist.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>

#include <memory>

namespace Pot::Models {

class ClusterView;

/// View model of the Applications page: applications, their microservices and the system
/// applications (one per agent, made by the Controller; shown apart and read-only).
///
/// The microservices table is a ResourceList fed from the selected application's `microservices`
/// array (no request of its own), so a refresh of the application list updates it by diff and keeps
/// its selection. Rule names (application: NATS account rule, microservice: NATS user rule) can be
/// followed with openRule(), which emits ruleLinkActivated(kind, name) for the window to navigate.
class ApplicationsPage final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApplicationsPage)
    Q_PROPERTY(Pot::Models::ResourceList *list READ list CONSTANT)
    Q_PROPERTY(Pot::Models::ResourceList *systemList READ systemList CONSTANT)
    Q_PROPERTY(Pot::Models::ResourceList *microservices READ microservices CONSTANT)
    Q_PROPERTY(Pot::Models::DetailsModel *applicationDetails READ applicationDetails CONSTANT)
    Q_PROPERTY(Pot::Models::DetailsModel *microserviceDetails READ microserviceDetails CONSTANT)
    Q_PROPERTY(bool showSystem READ showSystem WRITE setShowSystem NOTIFY showSystemChanged)
    Q_PROPERTY(bool hasApplication READ hasApplication NOTIFY selectionChanged)
    Q_PROPERTY(QString applicationName READ applicationName NOTIFY selectionChanged)
    Q_PROPERTY(bool applicationSystem READ applicationSystem NOTIFY selectionChanged)
    Q_PROPERTY(bool applicationActivated READ applicationActivated NOTIFY selectionChanged)
    Q_PROPERTY(bool applicationNatsAccess READ applicationNatsAccess NOTIFY selectionChanged)
    Q_PROPERTY(QString accountRuleName READ accountRuleName NOTIFY selectionChanged)
    Q_PROPERTY(bool hasMicroservice READ hasMicroservice NOTIFY selectionChanged)
    Q_PROPERTY(QString microserviceUuid READ microserviceUuid NOTIFY selectionChanged)
    Q_PROPERTY(QString microserviceName READ microserviceName NOTIFY selectionChanged)
    Q_PROPERTY(QString microserviceStatus READ microserviceStatus NOTIFY selectionChanged)
    Q_PROPERTY(bool microserviceActivated READ microserviceActivated NOTIFY selectionChanged)
    Q_PROPERTY(bool microserviceNatsAccess READ microserviceNatsAccess NOTIFY selectionChanged)
    Q_PROPERTY(QString userRuleName READ userRuleName NOTIFY selectionChanged)
    // Why each action on the selection is refused ("" = allowed): permissions, read-only, system.
    Q_PROPERTY(QString applicationPatchDenied READ applicationPatchDenied NOTIFY actionsChanged)
    Q_PROPERTY(QString applicationDeleteDenied READ applicationDeleteDenied NOTIFY actionsChanged)
    Q_PROPERTY(QString microservicePatchDenied READ microservicePatchDenied NOTIFY actionsChanged)
    Q_PROPERTY(QString microserviceDeleteDenied READ microserviceDeleteDenied NOTIFY actionsChanged)

public:
    explicit ApplicationsPage(ClusterView *cluster);
    ~ApplicationsPage() override;

    ResourceList *list() const { return m_list; }
    ResourceList *systemList() const { return m_systemList; }
    ResourceList *microservices() const { return m_microservices; }
    DetailsModel *applicationDetails() const { return m_appDetails; }
    DetailsModel *microserviceDetails() const { return m_msDetails; }

    bool showSystem() const { return m_showSystem; }
    void setShowSystem(bool system);

    /// The selected application of the shown tab (empty when none).
    QJsonObject application() const;
    QJsonObject microservice() const { return m_microservices->selectedObject(); }
    bool hasApplication() const { return !application().isEmpty(); }
    QString applicationName() const;
    bool applicationSystem() const;
    bool applicationActivated() const;
    bool applicationNatsAccess() const;
    /// The application's NATS account rule; empty without NATS access or with the default rule.
    QString accountRuleName() const;
    bool hasMicroservice() const { return !microservice().isEmpty(); }
    QString microserviceUuid() const;
    QString microserviceName() const;
    QString microserviceStatus() const;
    bool microserviceActivated() const;
    bool microserviceNatsAccess() const;
    /// The microservice's NATS user rule; empty without NATS access or with the default rule.
    QString userRuleName() const;

    QString applicationPatchDenied() const;
    QString applicationDeleteDenied() const;
    QString microservicePatchDenied() const;
    QString microserviceDeleteDenied() const;

    /// PATCH /application/{name} {"isActivated": true|false} (what potctl start/stop application
    /// sends). false when refused at once (reason in the *Denied properties).
    Q_INVOKABLE bool startApplication() { return setApplicationActivated(true); }
    Q_INVOKABLE bool stopApplication() { return setApplicationActivated(false); }
    /// DELETE /application/{name}: the application and all its microservices.
    Q_INVOKABLE bool deleteApplication();
    /// PATCH /microservices/{uuid}/start and /stop.
    Q_INVOKABLE bool startMicroservice() { return microserviceAction(true); }
    Q_INVOKABLE bool stopMicroservice() { return microserviceAction(false); }
    /// DELETE /microservices/{uuid}.
    Q_INVOKABLE bool deleteMicroservice();

    /// Follows a NATS rule link: `kind` is "account" (application) or "user" (microservice).
    Q_INVOKABLE void openRule(const QString &kind, const QString &name);

    /// The tone of a microservice status (status.status), as the tables and the Agents page show it.
    static Tone microserviceTone(const QString &status);

    /// Columns and row builders (shared with the tests).
    static ResourceList::Spec applicationSpec();
    static ResourceList::Spec systemApplicationSpec();

    /// Detail rows of an application / a microservice as the panes show them.
    static QList<DetailRow> applicationRows(const QJsonObject &app);
    static QList<DetailRow> microserviceRows(const QJsonObject &ms, const QString &agentName);

Q_SIGNALS:
    void showSystemChanged();
    void selectionChanged();
    void actionsChanged();
    /// The user followed a rule link; the window switches to the NATS section and shows the rule.
    /// kind: "account" (NATS account rule) or "user" (NATS user rule).
    void ruleLinkActivated(const QString &kind, const QString &name);

private:
    ResourceList *shownList() const { return m_showSystem ? m_systemList : m_list; }
    void feedMicroservices();
    void updateDetails();
    QString agentName(const QString &uuid) const;
    bool setApplicationActivated(bool active);
    bool microserviceAction(bool start);
    QList<ResourceList *> refreshTargets() const;

    ClusterView *m_cluster;
    ResourceList *m_list;
    ResourceList *m_systemList;
    /// Agent names by uuid for the microservice rows; read by the row builder, which runs on the
    /// GUI thread for this list (it has no worker pool).
    std::shared_ptr<QHash<QString, QString>> m_agentNames;
    ResourceList *m_microservices = nullptr;
    DetailsModel *m_appDetails;
    DetailsModel *m_msDetails;
    bool m_showSystem = false;
    QString m_fedApplication;
};

} // namespace Pot::Models
