#pragma once

#include "models/profilelistmodel.h"

#include "core/profiles/potctlimport.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <QVariantMap>

#include <functional>

class QFileSystemWatcher;
class QNetworkAccessManager;

namespace Pot::Resources {
class Registry;
}

namespace Pot::Profiles {
class ProfileStore;
class SecretStore;
class SnapshotStore;
struct PotctlCandidate;
} // namespace Pot::Profiles

namespace Pot::Session {
class ControlPlaneSession;
}

namespace Pot::Manifest {
class DraftStore;
class HistoryStore;
} // namespace Pot::Manifest

namespace Pot::Models {

class ClusterView;

/// The view model behind the Control planes page and the window frame: the profiles, the selected
/// one, and the session of each connected profile. QML calls only this; it never talks to the network.
class ControlPlanes final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ControlPlanes)
    Q_PROPERTY(Pot::Models::ProfileListModel *profiles READ profileModel CONSTANT)
    Q_PROPERTY(int currentIndex READ currentIndex WRITE setCurrentIndex NOTIFY currentChanged)
    Q_PROPERTY(QString currentName READ currentName NOTIFY currentChanged)
    Q_PROPERTY(QString currentUrl READ currentUrl NOTIFY currentChanged)
    Q_PROPERTY(QString currentColour READ currentColour NOTIFY currentChanged)
    Q_PROPERTY(bool currentReadOnly READ currentReadOnly NOTIFY currentChanged)
    Q_PROPERTY(bool currentEncrypted READ currentEncrypted NOTIFY currentChanged)
    Q_PROPERTY(QString currentAuthKind READ currentAuthKind NOTIFY currentChanged)
    Q_PROPERTY(bool currentBrowserSignInAvailable READ currentBrowserSignInAvailable NOTIFY currentChanged)
    Q_PROPERTY(int currentState READ currentState NOTIFY sessionChanged)
    Q_PROPERTY(QString currentStateText READ currentStateText NOTIFY sessionChanged)
    Q_PROPERTY(QString controllerStatus READ controllerStatus NOTIFY sessionChanged)
    Q_PROPERTY(QString controllerVersion READ controllerVersion NOTIFY sessionChanged)
    Q_PROPERTY(QString uptimeText READ uptimeText NOTIFY sessionChanged)
    Q_PROPERTY(QString userName READ userName NOTIFY sessionChanged)
    Q_PROPERTY(QString userRoles READ userRoles NOTIFY sessionChanged)
    Q_PROPERTY(int tokenExpiresInSec READ tokenExpiresInSec NOTIFY tick)
    Q_PROPERTY(QString tlsText READ tlsText NOTIFY sessionChanged)
    Q_PROPERTY(QString tlsFingerprint READ tlsFingerprint NOTIFY sessionChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY sessionChanged)
    Q_PROPERTY(QString presentedChain READ presentedChain NOTIFY sessionChanged)
    Q_PROPERTY(bool canTrustPresentedCa READ canTrustPresentedCa NOTIFY sessionChanged)
    Q_PROPERTY(QString potctlSummary READ potctlSummary NOTIFY potctlScanned)
    Q_PROPERTY(bool potctlHasPasswords READ potctlHasPasswords NOTIFY potctlScanned)
    Q_PROPERTY(Pot::Models::ClusterView *cluster READ currentCluster NOTIFY currentChanged)
    Q_PROPERTY(bool hasDemo READ hasDemo NOTIFY currentChanged)

public:
    struct Services
    {
        QNetworkAccessManager *network = nullptr;
        Profiles::ProfileStore *store = nullptr;
        Profiles::SecretStore *secrets = nullptr;
        std::function<void(const QUrl &)> openBrowser; ///< QDesktopServices::openUrl in the app
        QString potctlHome;                            ///< directory holding .iofog (the home dir)
        int requestTimeoutMs = 15000;
        const Profiles::SnapshotStore *snapshots = nullptr;
        std::function<void(const QString &text, bool sensitive)> copy;
        const Resources::Registry *kinds = nullptr; ///< kinds of the generic resource pages
        const Manifest::DraftStore *drafts = nullptr;     ///< drafts of the manifest editors
        const Manifest::HistoryStore *history = nullptr;  ///< applied objects' earlier states
    };

    ControlPlanes(const Services &services, QObject *parent = nullptr);
    ~ControlPlanes() override;

    ProfileListModel *profileModel() const { return m_model; }

    int currentIndex() const { return m_currentIndex; }
    void setCurrentIndex(int index);
    QString currentName() const;
    QString currentUrl() const;
    QString currentColour() const;
    bool currentReadOnly() const;
    bool currentEncrypted() const;
    QString currentAuthKind() const;
    bool currentBrowserSignInAvailable() const;
    int currentState() const;
    QString currentStateText() const;
    QString controllerStatus() const;
    QString controllerVersion() const;
    QString uptimeText() const;
    QString userName() const;
    QString userRoles() const;
    int tokenExpiresInSec() const;
    QString tlsText() const;
    QString tlsFingerprint() const;
    QString lastError() const;
    QString presentedChain() const;
    bool canTrustPresentedCa() const;
    QString potctlSummary() const { return m_potctlSummary; }
    bool potctlHasPasswords() const { return m_potctlHasPasswords; }

    /// NATS operator and account JWTs of the current control plane, when signed in.
    QByteArray currentNatsOperatorJwt() const;
    QList<QByteArray> currentNatsAccountJwts() const;

    /// The session of a profile, if it has one (tests, other pages).
    Session::ControlPlaneSession *session(int index) const;
    /// Lists and actions of the selected control plane (ClusterView); null when none is selected.
    ClusterView *currentCluster() const;
    bool hasDemo() const;

    /// Adds the bundled read-only demo control plane (once), selects it and opens it.
    Q_INVOKABLE void openDemo();

    Q_INVOKABLE QVariantMap profileData(int index) const;
    /// Adds (index < 0) or updates a profile. Returns an error message, or "" when saved.
    Q_INVOKABLE QString saveProfile(int index, const QVariantMap &data);
    Q_INVOKABLE void removeProfile(int index);
    Q_INVOKABLE void selectRelative(int step);

    Q_INVOKABLE void connectProfile(int index);
    Q_INVOKABLE void disconnectProfile(int index);
    Q_INVOKABLE void cancelCurrent();
    Q_INVOKABLE void signIn(int index, const QString &email, const QString &password,
                            const QString &totp, bool rememberPassword);
    Q_INVOKABLE void signInWithBrowser();
    Q_INVOKABLE void signOut();
    Q_INVOKABLE void trustPresentedCa();

    Q_INVOKABLE void scanPotctl();
    /// Imports the scanned potctl namespaces; returns a summary sentence.
    Q_INVOKABLE QString importPotctl(bool includePasswords);
    Q_INVOKABLE QString importContexts(const QUrl &file);
    Q_INVOKABLE QString exportContexts(const QUrl &file);

Q_SIGNALS:
    void currentChanged();
    void sessionChanged();
    void tick();
    void signInRequired(int index);
    void signInFinished(int index, bool ok, const QString &message);
    void potctlScanned();
    /// The current control plane's NATS operator/account JWTs changed (see currentNatsTrust()).
    void natsTrustChanged();

private:
    Session::ControlPlaneSession *ensureSession(int index);
    Session::ControlPlaneSession *currentSession() const;
    void onSessionChanged(Session::ControlPlaneSession *session);
    void reloadFromStore();
    /// The profile file was changed by another program: the list follows it, sessions of removed
    /// profiles close, changed profiles apply to their sessions.
    void adoptStoreChanges();

    Services m_services;
    ProfileListModel *m_model = nullptr;
    QHash<QUuid, Session::ControlPlaneSession *> m_sessions;
    QFileSystemWatcher *m_watcher = nullptr;
    /// What each session's cluster shows; deleted before its session.
    QHash<QUuid, ClusterView *> m_clusters;
    int m_currentIndex = -1;
    QTimer m_tick;
    QString m_potctlSummary;
    bool m_potctlHasPasswords = false;
    QList<Profiles::PotctlCandidate> m_potctlFound;
};

} // namespace Pot::Models
