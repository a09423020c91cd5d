#pragma once

#include "core/error.h"
#include "core/profiles/profile.h"
#include "core/secretbytes.h"
#include "core/session/connectionstate.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace Pot::Net {
class ApiReply;
class ControllerClient;
} // namespace Pot::Net

namespace Pot::Auth {
class BrowserSignIn;
class RefreshStrategy;
class Session;
struct TokenSet;
} // namespace Pot::Auth

namespace Pot::Profiles {
class SecretStore;
} // namespace Pot::Profiles

namespace Pot::Session {

/// One control plane as the user sees it: reachable or not, signed in or not, with what TLS. Owns
/// the profile's Controller client, its sign-in state and its tokens (the refresh token and a
/// remembered password live in the keychain only). Everything is asynchronous; the GUI thread never
/// waits on the network. What is shown of the cluster hangs off it (Cluster::ClusterState,
/// Cluster::ActionService); the session knows nothing of them.
class ControlPlaneSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ControlPlaneSession)

public:
    /// No network manager is shared in: the session's Controller client and its Keycloak requests
    /// each have their own, under this profile's trust only.
    struct Services
    {
        Profiles::SecretStore *secrets = nullptr;
        std::function<void(const QUrl &)> openBrowser;
        int requestTimeoutMs = 15000;
    };

    ControlPlaneSession(const Profiles::Profile &profile, const Services &services,
                        QObject *parent = nullptr);
    ~ControlPlaneSession() override;

    const Profiles::Profile &profile() const { return m_profile; }
    /// New settings apply from the next connection.
    void setProfile(const Profiles::Profile &profile);

    ConnectionState state() const { return m_state; }
    /// Signed in to a live Controller (not the demo): requests can be sent through client().
    bool online() const { return !m_profile.demo && m_state == ConnectionState::SignedIn && m_client; }
    QString stateText() const { return m_stateText; }
    QString controllerStatus() const { return m_controllerStatus; }
    QString controllerVersion() const { return m_controllerVersion; }
    QString uptimeText() const;
    QString userName() const;
    QStringList roles() const;
    /// Seconds until the access token expires; -1 when not signed in.
    int tokenExpiresInSec() const;
    QString tlsText() const;
    QString tlsFingerprint() const { return m_tlsFingerprint; }
    QString lastError() const { return m_lastError; }
    QString presentedChain() const { return m_presentedChain; }
    QString presentedCaPem() const { return m_presentedCaPem; }

    /// NATS operator and account JWTs read after sign-in (empty when the Controller has no NATS or the
    /// user may not read them); the NATS decoder checks trust against them.
    QByteArray natsOperatorJwt() const { return m_natsOperatorJwt; }
    QList<QByteArray> natsAccountJwts() const { return m_natsAccountJwts; }

    /// The client for other pages; valid while connected.
    Net::ControllerClient *client() const { return m_client.get(); }

    /// Reaches GET /status; then resumes a saved session (refresh token in the keychain) or asks
    /// for sign-in.
    void connectToController();
    void disconnectFromController();
    void cancel();
    /// `rememberPassword`: true keeps the password in the keychain, false removes a kept one,
    /// nullopt leaves it as it is (the command line).
    void signIn(const QString &email, const QString &password, const QString &totp,
                std::optional<bool> rememberPassword);
    /// false: a sign-in lasts for this session object only; its refresh token is not written to
    /// the keychain (a command-line sign-in for one command). Default true.
    void setKeepSession(bool keep) { m_keepSession = keep; }
    /// Requests of this session still on the wire (a sign-out, a refresh).
    bool requestsInFlight() const;
    void signInWithBrowser();
    void signOut();
    /// Adds the CA the server presented (after a certificate error) to the profile's trusted CAs.
    void trustPresentedCa();

    /// Removes every secret the profile has in the keychain.
    static void forgetSecrets(Profiles::SecretStore *secrets, const QUuid &profileId, QObject *context);

Q_SIGNALS:
    void changed();
    void signInNeeded();
    void signInFinished(bool ok, const QString &message);
    void caTrusted(const QString &pem);
    void natsTrustChanged();

private:
    void setState(ConnectionState state, const QString &text = {});
    void fail(ConnectionState state, const Error &error);
    void onStatusPolled();
    void pollStatus();
    void resumeSavedSession();
    /// Renews the session with `refreshToken`; `failed` runs when that does not work.
    void resumeWith(const SecretBytes &refreshToken, std::function<void()> failed);
    /// Continues with the keychain's session when it holds another token than `spent` (another
    /// program renewed it); else removes the spent one and runs `otherwise`.
    void adoptKeychainSession(const SecretBytes &spent, std::function<void()> otherwise);
    /// Deletes `network` once its requests are answered (a sign-out must reach the realm).
    static void retireNetwork(std::unique_ptr<QNetworkAccessManager> network);
    void trySavedPassword();
    void requireSignIn();
    void onSignedIn();
    void beginSession(const Auth::TokenSet &tokens);
    std::unique_ptr<Auth::RefreshStrategy> makeRefreshStrategy() const;
    void persistRefreshToken();
    void onSessionLost(const QString &message);
    void rebuildClient();
    void fetchNatsTrust();

    Profiles::Profile m_profile;
    Services m_services;
    std::unique_ptr<Net::ControllerClient> m_client;
    /// Keycloak's token, refresh and logout requests (browser sign-in): made with each connection,
    /// used by this profile only, with its CA list.
    std::unique_ptr<QNetworkAccessManager> m_keycloakNetwork;
    SecretBytes m_knownRefreshToken; ///< the refresh token this session last wrote or read
    bool m_keepSession = true;
    std::unique_ptr<Auth::Session> m_auth;
    std::unique_ptr<Auth::BrowserSignIn> m_browser;
    QPointer<Net::ApiReply> m_statusReply;
    QPointer<Net::ApiReply> m_signInReply;
    QTimer *m_poll = nullptr;
    ConnectionState m_state = ConnectionState::Disconnected;
    QString m_stateText;
    QString m_controllerStatus;
    QString m_controllerVersion;
    double m_uptimeSec = -1;
    QDateTime m_uptimeAt;
    QString m_tlsFingerprint;
    QString m_lastError;
    QString m_presentedChain;
    QString m_presentedCaPem;
    QByteArray m_natsOperatorJwt;
    QList<QByteArray> m_natsAccountJwts;
    bool m_signingIn = false; ///< a resume, password or browser sign-in is under way
};

} // namespace Pot::Session
