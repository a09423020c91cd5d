#pragma once

#include "core/secretbytes.h"
#include "models/detailsmodel.h"
#include "models/resourcelist.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Pot::Models {

class ClusterView;
class ResourcePage;

/// What the Agents page has beyond the generic resource page of the `agents` kind (list,
/// details, reboot / prune / upgrade / rollback / delete: page()): the selected agent's status
/// badge, its provisioning key, and the microservices placed on it with restart and rebuild.
///
/// The provisioning key is secret material (anyone holding it can attach an agent as this fog): it
/// is held as SecretBytes, only in memory, never logged or written to a snapshot, shown masked
/// until revealed, and wiped when the selection moves to another fog or the dialog closes.
class AgentsPage final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentsPage)
    Q_PROPERTY(Pot::Models::ResourcePage *page READ page CONSTANT)
    Q_MOC_INCLUDE("models/resourcepage.h")
    Q_PROPERTY(QString selectedName READ selectedName NOTIFY selectionChanged)
    Q_PROPERTY(QString selectedStatus READ selectedStatus NOTIFY selectionChanged)
    Q_PROPERTY(int selectedStatusTone READ selectedStatusTone NOTIFY selectionChanged)
    Q_PROPERTY(QString provisioningKeyDeniedReason READ provisioningKeyDeniedReason
                   NOTIFY actionsChanged)

    // The microservices placed on the selected agent (fed from the application lists).
    Q_PROPERTY(Pot::Models::ResourceList *microservices READ microservices CONSTANT)
    Q_PROPERTY(QString microserviceUuid READ microserviceUuid NOTIFY microserviceSelectionChanged)
    Q_PROPERTY(QString microserviceName READ microserviceName NOTIFY microserviceSelectionChanged)
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
    Q_PROPERTY(QString controllerUrl READ controllerUrl NOTIFY provisioningKeyChanged)
    Q_PROPERTY(QString certCommand READ certCommand NOTIFY provisioningKeyChanged)
    Q_PROPERTY(QString configCommand READ configCommand NOTIFY provisioningKeyChanged)
    Q_PROPERTY(QString provisionCommand READ provisionCommand NOTIFY provisioningKeyChanged)

public:
    explicit AgentsPage(ClusterView *cluster);
    ~AgentsPage() override;

    /// The generic page of the agents kind: list, selection, details and the fog actions.
    ResourcePage *page() const { return m_page; }
    /// Its list and details (for look-ups across pages and the tests).
    ResourceList *list() const;
    DetailsModel *details() const;
    ResourceList *microservices() const { return m_microservices; }

    /// Columns and row builder of the microservices on an agent (objects of
    /// ClusterView::microservicesOnAgent()); shared with the tests.
    static ResourceList::Spec microserviceSpec();

    QString selectedUuid() const;
    QString selectedName() const;
    QString selectedStatus() const;
    int selectedStatusTone() const;
    /// Why a provisioning key cannot be minted for the selection; empty when it can.
    QString provisioningKeyDeniedReason() const;

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
    /// Wipes the key (dialog closed, selection moved).
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
    void onSelectionChanged();
    void feedMicroservices();
    /// Notes the minted key's agent and expiry (not the key) for the expiry radar.
    void rememberMintedKey(qint64 expirationMs);
    QJsonObject placedMicroservice(const QString &uuid) const;
    QString microserviceDeniedReason(const QString &uuid, bool restart) const;
    /// `prefix` followed by the key itself (not masked): for the clipboard only.
    QString withKey(const QString &prefix) const;

    ClusterView *m_cluster;
    ResourcePage *m_page;
    ResourceList *m_microservices;
    QString m_shownUuid;
    QString m_fedAgent; ///< the agent whose microservices m_microservices shows

    QPointer<QObject> m_keyRequest; ///< context of the key request in flight
    QString m_keyUuid;
    SecretBytes m_key;  ///< UTF-8
    QString m_caCert;
    qint64 m_keyExpiresLocalMs = 0;
    bool m_keyLoading = false;
    bool m_keyRevealed = false;
    QString m_keyError;
    QTimer m_countdown;
};

} // namespace Pot::Models
