#pragma once

#include "core/resources/registry.h"

#include <QObject>
#include <QSet>
#include <QUuid>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QQmlApplicationEngine;

namespace Pot::Profiles {
class ProfileStore;
class SecretStore;
class SnapshotStore;
} // namespace Pot::Profiles

namespace Pot::Expiry {
class NoticeLedger;
} // namespace Pot::Expiry

namespace Pot::Manifest {
class DraftStore;
class HistoryStore;
} // namespace Pot::Manifest

namespace Pot::Models {
class ControlPlanes;
class ManifestEditor;
class NatsDecoder;
class CertificateInspector;
class TlsAssistant;
class ExpiryRadar;
} // namespace Pot::Models

namespace Pot::App {

class ClipboardGuard;
class ExpiryTray;

/// Builds the service graph once (network access, secret store, profile store, sessions, view
/// models) and hands it to the QML UI. Nothing else in the program constructs services.
class CompositionRoot final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompositionRoot)

public:
    struct Options
    {
        bool useMemorySecretStore = false; ///< tests: never touch the OS keychain
        QString profilesFile;              ///< empty = the platform config directory
        QString potctlHome;                ///< empty = the user's home directory
        QString snapshotDir;               ///< empty = the platform data directory + /snapshots
        QString draftDir;                  ///< empty = the platform data directory + /drafts
        QString historyDir;                ///< empty = the platform data directory + /history
        /// Which expiry dates were told in a notification; empty = the platform data directory.
        QString noticeFile;
        int requestTimeoutMs = 15000;
        /// How often the expiry radar reads every control plane (tray count, notices); 0 = never
        /// by itself.
        int expiryRefreshMinutes = 15;
        /// Shows a desktop notification; empty = the tray icon's.
        std::function<void(const QString &title, const QString &body)> notify;
        /// Opens the browser for single sign-on; empty = the system browser.
        std::function<void(const QUrl &)> openBrowser;
    };

    explicit CompositionRoot(const Options &options, QObject *parent = nullptr);
    ~CompositionRoot() override;

    QNetworkAccessManager *network() const { return m_network; }
    Profiles::ProfileStore *profileStore() const { return m_store.get(); }
    Profiles::SecretStore *secretStore() const { return m_secrets.get(); }
    Profiles::SnapshotStore *snapshotStore() const { return m_snapshots.get(); }
    Models::ControlPlanes *controlPlanes() const { return m_planes; }
    Models::NatsDecoder *natsDecoder() const { return m_decoder; }
    Models::CertificateInspector *certificateInspector() const { return m_certificates; }
    Models::TlsAssistant *tlsAssistant() const { return m_tlsAssistant; }
    Models::ExpiryRadar *expiryRadar() const { return m_expiryRadar; }
    /// Tools → Manifest editor: manifests written with no Controller.
    Models::ManifestEditor *manifestTool() const { return m_manifestTool; }
    ClipboardGuard *clipboard() const { return m_clipboard; }
    ExpiryTray *expiryTray() const { return m_expiryTray; }
    /// A problem found while starting (e.g. a profile file that could not be read), for the UI.
    QString startupWarning() const { return m_startupWarning; }

    /// Loads Main.qml into `engine` with the services as initial properties. Returns false when the
    /// QML could not be created.
    bool load(QQmlApplicationEngine &engine);

private:
    Options m_options;
    QNetworkAccessManager *m_network = nullptr;
    std::unique_ptr<Profiles::ProfileStore> m_store;
    std::unique_ptr<Profiles::SecretStore> m_secrets;
    std::unique_ptr<Profiles::SnapshotStore> m_snapshots;
    std::unique_ptr<Manifest::DraftStore> m_drafts;
    std::unique_ptr<Manifest::HistoryStore> m_history;
    Models::ManifestEditor *m_manifestTool = nullptr;
    Resources::Registry m_kinds;
    Models::ControlPlanes *m_planes = nullptr;
    Models::NatsDecoder *m_decoder = nullptr;
    Models::CertificateInspector *m_certificates = nullptr;
    Models::TlsAssistant *m_tlsAssistant = nullptr;
    Models::ExpiryRadar *m_expiryRadar = nullptr;
    ClipboardGuard *m_clipboard = nullptr;
    std::unique_ptr<Expiry::NoticeLedger> m_notices;
    ExpiryTray *m_expiryTray = nullptr;
    QSet<QUuid> m_readForExpiry; ///< signed-in control planes the radar has read
    QString m_startupWarning;
};

} // namespace Pot::App
