#pragma once

#include "models/detailsmodel.h"
#include "models/resourcelist.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Pot::Models {

class ClusterView;

/// View model of the Agents page: the fog list of the control plane, the details of the selected
/// fog, its actions (reboot, prune, upgrade, rollback, delete) with the reason each one is refused,
/// its provisioning key, and the microservices placed on it with restart and rebuild.
///
/// The provisioning key is secret material (anyone holding it can attach an agent as this fog): it
/// lives only in memory, is never logged or written to a snapshot, is shown masked until revealed,
/// and is dropped when the selection moves to another fog or the dialog closes.
class AgentsPage final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentsPage)
    Q_PROPERTY(Pot::Models::ResourceList *list READ list CONSTANT)
    Q_PROPERTY(Pot::Models::DetailsModel *details READ details CONSTANT)

    Q_PROPERTY(bool hasSelection READ hasSelection NOTIFY selectionChanged)
    Q_PROPERTY(QString selectedUuid READ selectedUuid NOTIFY selectionChanged)
    Q_PROPERTY(QString selectedName READ selectedName NOTIFY selectionChanged)
    Q_PROPERTY(QString selectedStatus READ selectedStatus NOTIFY selectionChanged)
    Q_PROPERTY(int selectedStatusTone READ selectedStatusTone NOTIFY selectionChanged)
    Q_PROPERTY(bool readyToUpgrade READ readyToUpgrade NOTIFY selectionChanged)
    Q_PROPERTY(bool readyToRollback READ readyToRollback NOTIFY selectionChanged)

    Q_PROPERTY(QString rebootDeniedReason READ rebootDeniedReason NOTIFY actionsChanged)
    Q_PROPERTY(QString pruneDeniedReason READ pruneDeniedReason NOTIFY actionsChanged)
    Q_PROPERTY(QString upgradeDeniedReason READ upgradeDeniedReason NOTIFY actionsChanged)
    Q_PROPERTY(QString rollbackDeniedReason READ rollbackDeniedReason NOTIFY actionsChanged)
    Q_PROPERTY(QString deleteDeniedReason READ deleteDeniedReason NOTIFY actionsChanged)
    Q_PROPERTY(QString provisioningKeyDeniedReason READ provisioningKeyDeniedReason
                   NOTIFY actionsChanged)

    // The microservices placed on the selected agent (fed from the application lists).
    Q_PROPERTY(Pot::Models::ResourceList *microservices READ microservices CONSTANT)
    Q_PROPERTY(bool hasMicroservice READ hasMicroservice NOTIFY microserviceSelectionChanged)
    Q_PROPERTY(QString microserviceUuid READ microserviceUuid NOTIFY microserviceSelectionChanged)
    Q_PROPERTY(QString microserviceName READ microserviceName NOTIFY microserviceSelectionChanged)
    Q_PROPERTY(bool microserviceSystem READ microserviceSystem NOTIFY microserviceSelectionChanged)
    Q_PROPERTY(QString restartDeniedReason READ restartDeniedReason NOTIFY actionsChanged)
    Q_PROPERTY(QString rebuildDeniedReason READ rebuildDeniedReason NOTIFY actionsChanged)

    Q_PROPERTY(bool keyLoading READ keyLoading NOTIFY provisioningKeyChanged)
    Q_PROPERTY(bool hasKey READ hasKey NOTIFY provisioningKeyChanged)
    Q_PROPERTY(QString keyError READ keyError NOTIFY provisioningKeyChanged)
    Q_PROPERTY(bool keyRevealed READ keyRevealed WRITE setKeyRevealed NOTIFY provisioningKeyChanged)
    Q_PROPERTY(QString keyText READ keyText NOTIFY provisioningKeyChanged)
    Q_PROPERTY(QString keyExpiresAt READ keyExpiresAt NOTIFY provisioningKeyChanged)
    Q_PROPERTY(int keySecondsLeft READ keySecondsLeft NOTIFY keyCountdownChanged)
    Q_PROPERTY(QString keyCountdownText READ keyCountdownText NOTIFY keyCountdownChanged)
    Q_PROPERTY(bool keyExpired READ keyExpired NOTIFY keyCountdownChanged)
    Q_PROPERTY(QString caCert READ caCert NOTIFY provisioningKeyChanged)
    Q_PROPERTY(QString caCertPem READ caCertPem NOTIFY provisioningKeyChanged)
    Q_PROPERTY(QString controllerUrl READ controllerUrl NOTIFY provisioningKeyChanged)
    Q_PROPERTY(QString certCommand READ certCommand NOTIFY provisioningKeyChanged)
    Q_PROPERTY(QString configCommand READ configCommand NOTIFY provisioningKeyChanged)
    Q_PROPERTY(QString provisionCommand READ provisionCommand NOTIFY provisioningKeyChanged)

public:
    explicit AgentsPage(ClusterView *cluster);
    ~AgentsPage() override;

    ResourceList *list() const { return m_list; }
    DetailsModel *details() const { return m_details; }
    ResourceList *microservices() const { return m_microservices; }

    /// Columns and row builder of the agent list (GET /iofog-list); shared with the benchmarks.
    static ResourceList::Spec listSpec();
    /// Every field of a fog, grouped for the detail pane. A field the Controller did not send is
    /// left out; a field sent as null or empty reads "—". `nowMs` is for the relative times.
    static QList<DetailRow> detailRows(const QJsonObject &fog, qint64 nowMs);
    /// Columns and row builder of the microservices on an agent (objects of
    /// ClusterView::microservicesOnAgent()); shared with the tests.
    static ResourceList::Spec microserviceSpec();
    /// "—", the value of an empty field.
    static QString emptyValue();

    bool hasSelection() const { return !m_selected.isEmpty(); }
    QString selectedUuid() const;
    QString selectedName() const;
    QString selectedStatus() const;
    int selectedStatusTone() const;
    bool readyToUpgrade() const;
    bool readyToRollback() const;

    QString rebootDeniedReason() const { return patchDeniedReason(); }
    QString pruneDeniedReason() const { return patchDeniedReason(); }
    QString upgradeDeniedReason() const { return patchDeniedReason(); }
    QString rollbackDeniedReason() const { return patchDeniedReason(); }
    QString deleteDeniedReason() const;
    QString provisioningKeyDeniedReason() const;

    // Actions on the fog `uuid` (the page passes the uuid it asked about, so a selection that moved
    // while a confirmation was open cannot redirect the action). false: refused without a request
    // (not allowed, not ready, unknown fog). The outcome is reported through ClusterView.
    Q_INVOKABLE bool reboot(const QString &uuid);
    Q_INVOKABLE bool prune(const QString &uuid);
    Q_INVOKABLE bool upgrade(const QString &uuid);
    Q_INVOKABLE bool rollback(const QString &uuid);
    Q_INVOKABLE bool deleteAgent(const QString &uuid);

    bool hasMicroservice() const { return !m_microservices->selectedObject().isEmpty(); }
    QString microserviceUuid() const;
    QString microserviceName() const;
    bool microserviceSystem() const;
    /// Why restart / rebuild of the selected microservice is refused; empty when allowed.
    QString restartDeniedReason() const { return microserviceDeniedReason(microserviceUuid(), true); }
    QString rebuildDeniedReason() const { return microserviceDeniedReason(microserviceUuid(), false); }

    /// Restarts the microservice `uuid` on the selected agent: PATCH …/stop, then …/start once the
    /// stop succeeded. Rebuild: PATCH /microservices/{uuid}/rebuild (system microservices:
    /// /microservices/system/{uuid}/rebuild): the agent pulls the image again and recreates the
    /// container. false: refused without a request (reason in the *DeniedReason properties).
    Q_INVOKABLE bool restartMicroservice(const QString &uuid);
    Q_INVOKABLE bool rebuildMicroservice(const QString &uuid);

    bool keyLoading() const { return m_keyLoading; }
    bool hasKey() const { return !m_key.isEmpty(); }
    QString keyError() const { return m_keyError; }
    bool keyRevealed() const { return m_keyRevealed; }
    void setKeyRevealed(bool revealed);
    /// The key when revealed, a mask of the same length otherwise; empty without a key.
    QString keyText() const;
    QString keyExpiresAt() const;
    int keySecondsLeft() const;
    QString keyCountdownText() const;
    bool keyExpired() const { return hasKey() && keySecondsLeft() == 0; }
    QString caCert() const { return m_caCert; }
    QString caCertPem() const;
    /// The address the agent calls: the profile's Controller API base, with a trailing slash.
    QString controllerUrl() const;
    QString certCommand() const;
    QString configCommand() const;
    /// With the key masked unless revealed; copyProvisionCommand() copies the real one.
    QString provisionCommand() const;

    /// GET /iofog/{selected}/provisioning-key. A new key replaces the fog's previous one.
    Q_INVOKABLE void fetchProvisioningKey();
    /// Forgets the key (dialog closed, selection moved).
    Q_INVOKABLE void clearProvisioningKey();
    /// Copies to the clipboard as sensitive text (cleared after 30 s).
    Q_INVOKABLE void copyKey() const;
    Q_INVOKABLE void copyProvisionCommand() const;
    /// The CA and Controller commands hold nothing secret: copied as plain text.
    Q_INVOKABLE void copyCertCommand() const;
    Q_INVOKABLE void copyConfigCommand() const;
    /// Every command in order (cert when there is a CA, config, provision) as a shell snippet.
    Q_INVOKABLE void copyAllCommands() const;

Q_SIGNALS:
    void selectionChanged();
    void actionsChanged();
    void provisioningKeyChanged();
    void keyCountdownChanged();
    void microserviceSelectionChanged();

private:
    void onSelectedObjectChanged();
    void updateDetails();
    QString patchDeniedReason() const;
    void feedMicroservices();
    QJsonObject placedMicroservice(const QString &uuid) const;
    QString microserviceDeniedReason(const QString &uuid, bool restart) const;
    QString fogName(const QString &uuid) const;
    bool runFogAction(const QString &uuid, const QString &method, const QString &suffix,
                      const QString &successText);
    QString rawProvisionCommand() const;

    ClusterView *m_cluster;
    ResourceList *m_list;
    DetailsModel *m_details;
    ResourceList *m_microservices;
    QJsonObject m_selected;
    QString m_fedAgent; ///< the agent whose microservices m_microservices shows

    QPointer<QObject> m_keyRequest; ///< context of the key request in flight
    QString m_keyUuid;
    QString m_key;
    QString m_caCert;
    qint64 m_keyExpiresLocalMs = 0;
    bool m_keyLoading = false;
    bool m_keyRevealed = false;
    QString m_keyError;
    QTimer m_countdown;
};

} // namespace Pot::Models
