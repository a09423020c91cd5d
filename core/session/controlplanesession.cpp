#include "controlplanesession.h"

#include "core/auth/browsersignin.h"
#include "core/auth/keycloakrefresh.h"
#include "core/auth/passwordauth.h"
#include "core/auth/session.h"
#include "core/cluster/demodata.h"
#include "core/api/controllerapi.h"
#include "core/displaytext.h"
#include "core/net/apierror.h"
#include "core/net/controllerclient.h"
#include "core/net/controllerurl.h"
#include "core/profiles/secretkeys.h"
#include "core/profiles/secretstore.h"
#include "core/tls/certificatereport.h"
#include "core/tls/trustpolicy.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <algorithm>

namespace Pot::Session {

namespace {

constexpr qsizetype MaxStatusChars = 80;

QString tr(const char *text)
{
    return QCoreApplication::translate("Pot::Session::ControlPlaneSession", text);
}

QString formatDuration(qint64 seconds)
{
    const qint64 d = seconds / 86400;
    const qint64 h = (seconds % 86400) / 3600;
    const qint64 m = (seconds % 3600) / 60;
    if (d > 0)
        return tr("%1 d %2 h").arg(d).arg(h);
    if (h > 0)
        return tr("%1 h %2 min").arg(h).arg(m);
    return tr("%1 min").arg(m);
}

} // namespace

ControlPlaneSession::ControlPlaneSession(const Profiles::Profile &profile, const Services &services,
                                         QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_services(services)
    , m_poll(new QTimer(this))
{
    connect(m_poll, &QTimer::timeout, this, &ControlPlaneSession::pollStatus);
}

ControlPlaneSession::~ControlPlaneSession()
{
    // Replies and the authenticator refer to the client; tear down in order. (Whatever shows the
    // cluster is deleted by its owner before the session.)
    if (m_client)
        m_client->setAuthenticator(nullptr);
    m_auth.reset();
    m_browser.reset();
    m_client.reset();
    retireNetwork(std::move(m_keycloakNetwork));
}

void ControlPlaneSession::setProfile(const Profiles::Profile &profile)
{
    const bool trustChanged = profile.caCertificatePem != m_profile.caCertificatePem
                              || profile.pinnedSha256 != m_profile.pinnedSha256;
    const bool addressChanged = profile.controllerUrl != m_profile.controllerUrl;
    const bool keycloakChanged = profile.auth != m_profile.auth || profile.keycloakUrl != m_profile.keycloakUrl
                                 || profile.keycloakRealm != m_profile.keycloakRealm
                                 || profile.keycloakClientId != m_profile.keycloakClientId;
    m_profile = profile;
    if (!m_client)
        return;
    // Keycloak's requests take the trust a connection starts with: a new CA or pin, or another
    // Keycloak, starts a new connection, as another address does.
    if (addressChanged || keycloakChanged || (trustChanged && m_profile.auth == Profiles::AuthKind::Browser)) {
        // Another address may be another Controller: nothing of this connection carries over.
        disconnectFromController();
        connectToController();
        return;
    }
    if (!trustChanged)
        return;
    // Trust belongs to the profile as it is now: the next request opens new connections under it
    // (a kept connection would still carry the old CA list or pin).
    Result<Tls::TrustPolicy> policy = Tls::TrustPolicy::create(m_profile.caCertificatePem,
                                                               m_profile.pinnedSha256);
    if (!policy) {
        disconnectFromController();
        fail(ConnectionState::Failed, policy.error());
        return;
    }
    m_client->setTrustPolicy(*policy);
    m_tlsFingerprint.clear(); // "verified" again only once an answer came under the new trust
    Q_EMIT changed();
}

void ControlPlaneSession::setState(ConnectionState state, const QString &text)
{
    m_state = state;
    m_stateText = text;
    Q_EMIT changed();
}

void ControlPlaneSession::fail(ConnectionState state, const Error &error)
{
    m_lastError = error.message;
    // The status line says which kind of failure it was; the error line says it in full.
    const QString kind = Net::connectionFailureText(Net::connectionFailureOf(error));
    setState(state, state == ConnectionState::Offline ? tr("Offline — %1").arg(kind) : kind);
}

QString ControlPlaneSession::uptimeText() const
{
    if (m_uptimeSec < 0 || !m_uptimeAt.isValid())
        return {};
    const qint64 now = m_uptimeAt.secsTo(QDateTime::currentDateTimeUtc());
    return formatDuration(qint64(m_uptimeSec) + now);
}

QString ControlPlaneSession::userName() const
{
    return m_auth && m_auth->isActive() ? m_auth->tokens().userName : QString();
}

QStringList ControlPlaneSession::roles() const
{
    return m_auth && m_auth->isActive() ? m_auth->tokens().roles : QStringList();
}

int ControlPlaneSession::tokenExpiresInSec() const
{
    if (!m_auth || !m_auth->isActive())
        return -1;
    const QDateTime expiry = m_auth->tokens().accessExpiry;
    if (!expiry.isValid())
        return -1;
    return int(std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(expiry)));
}

QString ControlPlaneSession::tlsText() const
{
    if (m_profile.demo)
        return tr("No network: bundled sample data");
    if (!Net::isEncryptedUrl(m_profile.controllerUrl))
        return tr("Not encrypted (plain HTTP): passwords and tokens cross the network in clear");
    QString how = m_profile.caCertificatePem.isEmpty() ? tr("system trust store")
                                                      : tr("this profile's CA");
    if (!m_profile.pinnedSha256.isEmpty())
        how += tr(", certificate pinned");
    if (m_tlsFingerprint.isEmpty())
        return tr("TLS (%1)").arg(how);
    return tr("TLS verified (%1)").arg(how);
}

void ControlPlaneSession::rebuildClient()
{
    if (m_client)
        m_client->setAuthenticator(nullptr);
    m_auth.reset();
    // A new client per connection: it owns its network manager, so nothing made under another
    // profile's trust, or this profile's earlier trust, can carry a request.
    m_client = std::make_unique<Net::ControllerClient>();
    m_client->setDefaultTimeout(std::chrono::milliseconds(m_services.requestTimeoutMs));
    if (m_browser)
        m_browser->cancel(); // says so (signInFinished) instead of vanishing mid-sign-in
    m_browser.reset();
    retireNetwork(std::move(m_keycloakNetwork));
    m_keycloakNetwork = std::make_unique<QNetworkAccessManager>();
}

void ControlPlaneSession::retireNetwork(std::unique_ptr<QNetworkAccessManager> network)
{
    if (!network)
        return;
    QNetworkAccessManager *n = network.release();
    const auto busy = [n] {
        const QList<QNetworkReply *> replies = n->findChildren<QNetworkReply *>();
        return std::any_of(replies.cbegin(), replies.cend(), [](QNetworkReply *r) { return r->isRunning(); });
    };
    if (!busy()) {
        n->deleteLater();
        return;
    }
    // A Keycloak logout still on the wire must reach the realm even though this connection (or
    // the whole session) is gone: the manager lives until it is answered, 15 s at most.
    QObject::connect(n, &QNetworkAccessManager::finished, n, [n, busy] {
        if (!busy())
            n->deleteLater();
    });
    QTimer::singleShot(15000, n, &QObject::deleteLater);
}

bool ControlPlaneSession::requestsInFlight() const
{
    for (QNetworkAccessManager *n : {m_keycloakNetwork.get(), m_client ? m_client->network() : nullptr}) {
        if (!n)
            continue;
        const QList<QNetworkReply *> replies = n->findChildren<QNetworkReply *>();
        if (std::any_of(replies.cbegin(), replies.cend(), [](QNetworkReply *r) { return r->isRunning(); }))
            return true;
    }
    return false;
}

void ControlPlaneSession::connectToController()
{
    m_signingIn = false;
    m_lastError.clear();
    m_presentedChain.clear();
    m_presentedCaPem.clear();
    m_tlsFingerprint.clear();
    if (m_profile.demo) {
        // The demo control plane is bundled sample data; there is nothing to reach. Its status is
        // the one the sample is modelled on.
        const std::optional<Cluster::DemoData::Status> status = Cluster::DemoData::readStatus(Cluster::DemoData::root());
        const QString version = status ? status->version : QStringLiteral("3.7.3");
        if (status) {
            m_controllerStatus = tr("%1 (sample)").arg(status->status);
            m_controllerVersion = tr("%1 (sample)").arg(status->version);
            m_uptimeSec = status->uptimeSec;
            m_uptimeAt = QDateTime::currentDateTimeUtc();
        }
        setState(ConnectionState::SignedIn,
                 tr("Sample data generated from Controller %1 answers (read-only, no network)")
                     .arg(version));
        return;
    }
    rebuildClient();
    if (Status s = m_client->setBaseUrl(m_profile.controllerUrl); !s) {
        fail(ConnectionState::Failed, s.error());
        return;
    }
    Result<Tls::TrustPolicy> policy = Tls::TrustPolicy::create(m_profile.caCertificatePem,
                                                               m_profile.pinnedSha256);
    if (!policy) {
        fail(ConnectionState::Failed, policy.error());
        return;
    }
    m_client->setTrustPolicy(*policy);
    m_auth = std::make_unique<Auth::Session>();
    m_client->setAuthenticator(m_auth.get());
    connect(m_auth.get(), &Auth::Session::sessionExpired, this,
            [this](const Error &e) { onSessionLost(e.message); });
    connect(m_auth.get(), &Auth::Session::tokensRefreshed, this,
            &ControlPlaneSession::persistRefreshToken);
    setState(ConnectionState::Connecting);
    pollStatus();
}

void ControlPlaneSession::pollStatus()
{
    if (!m_client || m_statusReply)
        return;
    m_statusReply = m_client->send(Api::statusRequest(), this,
                                   [this](Result<Net::ApiResponse> r) {
        if (!r) {
            const Error &e = r.error();
            m_controllerStatus.clear();
            m_uptimeSec = -1; // unknown while it does not answer (the version stays: last known)
            if (e.code == ErrorCode::Cancelled) {
                setState(ConnectionState::Disconnected);
                return;
            }
            if (e.code == ErrorCode::Tls) {
                Error shown = e;
                if (auto report = Tls::CertificateChainReport::fromError(e)) {
                    m_presentedChain = report->toText();
                    m_presentedCaPem = QString::fromLatin1(report->issuerPem());
                    if (!report->pinMismatch && report->issuerUnknown
                        && !report->certificates.isEmpty() && m_presentedCaPem.isEmpty()) {
                        // Nothing presented can be trusted as a CA: say what to do instead.
                        shown.message += u' '
                                         + tr("The server sent only its own certificate, issued by "
                                              "%1: paste that CA's certificate into this profile "
                                              "to trust it.")
                                               .arg(report->certificates.constFirst().issuer);
                        if (!m_profile.pinnedSha256.isEmpty())
                            shown.message += u' ' + tr("A pin alone pins the certificate but does "
                                                       "not make it trusted.");
                    }
                }
                fail(ConnectionState::Failed, shown);
                return;
            }
            // One classification decides both the words and the state (a 502-504 from a proxy in
            // front of a Controller that is down counts as unreachable there).
            using Net::ConnectionFailure;
            const ConnectionFailure kind = Net::connectionFailureOf(e);
            const bool unreachable = kind == ConnectionFailure::Refused
                                     || kind == ConnectionFailure::HostNotFound
                                     || kind == ConnectionFailure::Closed
                                     || kind == ConnectionFailure::Unreachable
                                     || kind == ConnectionFailure::Timeout;
            fail(unreachable ? ConnectionState::Offline : ConnectionState::Failed, e);
            return;
        }
        const QJsonObject o = r->json.toObject();
        // One-line fields: a Controller may send any size (the body limit is 1 MB).
        m_controllerStatus = shownText(o.value(QStringLiteral("status")).toString(), MaxStatusChars);
        m_controllerVersion = shownText(o.value(QStringLiteral("versions")).toObject()
                                            .value(QStringLiteral("controller")).toString(),
                                        MaxStatusChars);
        m_uptimeSec = o.value(QStringLiteral("uptimeSec")).toDouble(-1);
        m_uptimeAt = QDateTime::currentDateTimeUtc();
        m_tlsFingerprint = r->peerSha256;
        m_lastError.clear();
        if (m_state == ConnectionState::Connecting || m_state == ConnectionState::Offline
            || m_state == ConnectionState::Failed) {
            if (m_auth && m_auth->isActive())
                setState(ConnectionState::SignedIn);
            else if (!m_signingIn) // a resume or sign-in under way is not started again per poll
                resumeSavedSession();
            else
                Q_EMIT changed();
        } else {
            Q_EMIT changed();
        }
        m_poll->start(std::max(1, m_profile.refreshIntervalSec) * 1000);
    });
}

void ControlPlaneSession::resumeSavedSession()
{
    if (!m_services.secrets) {
        requireSignIn();
        return;
    }
    m_signingIn = true;
    setState(ConnectionState::Connecting, tr("Resuming the saved session…"));
    m_services.secrets->read(
        Profiles::SecretKeys::refreshTokenKey(m_profile.id), this, [this](Result<SecretBytes> token) {
            if (!token || !m_auth) {
                trySavedPassword();
                return;
            }
            const SecretBytes tried = *token;
            resumeWith(tried, [this, tried] {
                // Another program of this profile may have renewed the session meanwhile (its
                // token replaced the one tried, which is then spent): once more with its token.
                adoptKeychainSession(tried, [this] { trySavedPassword(); });
            });
        });
}

void ControlPlaneSession::resumeWith(const SecretBytes &refreshToken, std::function<void()> failed)
{
    if (!m_auth) {
        failed();
        return;
    }
    Auth::TokenSet saved;
    saved.method = m_profile.auth == Profiles::AuthKind::Browser ? Auth::SignInMethod::Browser
                                                                : Auth::SignInMethod::Password;
    saved.refreshToken = refreshToken;
    std::shared_ptr<Auth::RefreshStrategy> strategy = makeRefreshStrategy();
    strategy->refresh(saved, this, [this, strategy, failed = std::move(failed)](Result<Auth::TokenSet> fresh) {
        if (!fresh || !m_auth) {
            failed();
            return;
        }
        beginSession(*fresh);
        onSignedIn();
    });
}

void ControlPlaneSession::adoptKeychainSession(const SecretBytes &spent, std::function<void()> otherwise)
{
    if (!m_services.secrets) {
        otherwise();
        return;
    }
    m_services.secrets->read(
        Profiles::SecretKeys::refreshTokenKey(m_profile.id), this,
        [this, spent, otherwise = std::move(otherwise)](Result<SecretBytes> token) {
            if (token && !token->isEmpty() && !(*token == spent)) {
                resumeWith(*token, otherwise);
                return;
            }
            // Still the spent one: it can only fail again, so it goes.
            if (token && m_services.secrets)
                m_services.secrets->remove(Profiles::SecretKeys::refreshTokenKey(m_profile.id), this, [](Status) {});
            otherwise();
        });
}

void ControlPlaneSession::requireSignIn()
{
    m_signingIn = false;
    setState(ConnectionState::SignInRequired);
    Q_EMIT signInNeeded();
}

void ControlPlaneSession::trySavedPassword()
{
    // Only when the user ticked "remember password": the keychain holds it, nothing else does.
    if (!m_services.secrets || !m_auth || m_profile.auth != Profiles::AuthKind::Password
        || m_profile.email.isEmpty()) {
        requireSignIn();
        return;
    }
    m_services.secrets->read(
        Profiles::SecretKeys::passwordKey(m_profile.id), this, [this](Result<SecretBytes> password) {
            if (!password || !m_auth || !m_client) {
                requireSignIn();
                return;
            }
            setState(ConnectionState::Connecting, tr("Signing in with the saved password…"));
            Auth::PasswordCredentials credentials{m_profile.email, *password, {}};
            m_signInReply = Auth::signInWithPassword(
                *m_client, credentials, this, [this](Result<Auth::TokenSet> tokens) {
                    if (!tokens || !m_auth) {
                        // e.g. the account now needs a one-time code: ask the user.
                        if (!tokens)
                            m_lastError = tokens.error().message;
                        requireSignIn();
                        return;
                    }
                    beginSession(*tokens);
                    onSignedIn();
                });
        });
}

std::unique_ptr<Auth::RefreshStrategy> ControlPlaneSession::makeRefreshStrategy() const
{
    if (m_profile.auth == Profiles::AuthKind::Browser)
        return std::make_unique<Auth::KeycloakRefresh>(m_keycloakNetwork.get(), QUrl(m_profile.keycloakUrl),
                                                       m_profile.keycloakRealm, m_profile.keycloakClientId,
                                                       m_client->trustPolicy().configuration());
    return std::make_unique<Auth::PasswordRefresh>(m_client.get());
}

void ControlPlaneSession::beginSession(const Auth::TokenSet &tokens)
{
    m_auth->begin(tokens, makeRefreshStrategy());
}

void ControlPlaneSession::persistRefreshToken()
{
    // Keep the session across restarts: the refresh token goes to the keychain only.
    if (m_auth)
        m_knownRefreshToken = m_auth->tokens().refreshToken;
    if (m_keepSession && m_services.secrets && m_auth && !m_auth->tokens().refreshToken.isEmpty()) {
        m_services.secrets->write(Profiles::SecretKeys::refreshTokenKey(m_profile.id),
                                  m_auth->tokens().refreshToken, this, [this](Status s) {
                                      if (!s) {
                                          m_lastError = s.error().message;
                                          Q_EMIT changed();
                                      }
                                  });
    }
}

void ControlPlaneSession::onSignedIn()
{
    m_signingIn = false;
    m_lastError.clear();
    setState(ConnectionState::SignedIn);
    persistRefreshToken();
    fetchNatsTrust();
}

void ControlPlaneSession::fetchNatsTrust()
{
    if (!m_client)
        return;
    Api::fetchNatsOperator(*m_client, this, [this](Result<Api::NatsOperator> op) {
        if (!op || !m_client)
            return; // no NATS, or not allowed: the decoder simply shows no trust decision
        m_natsOperatorJwt = op->jwt.toLatin1();
        m_client->send(Net::ApiRequest::list(QStringLiteral("/nats/accounts")), this,
                       [this](Result<Net::ApiResponse> r) {
                           m_natsAccountJwts.clear();
                           if (r) {
                               const QJsonArray accounts = r->json.toObject()
                                                               .value(QStringLiteral("accounts"))
                                                               .toArray();
                               for (const QJsonValue &a : accounts) {
                                   const QString jwt = a.toObject().value(QStringLiteral("jwt")).toString();
                                   if (!jwt.isEmpty())
                                       m_natsAccountJwts.append(jwt.toLatin1());
                               }
                           }
                           Q_EMIT natsTrustChanged();
                       });
    });
}

void ControlPlaneSession::onSessionLost(const QString &message)
{
    // pot-console-cli or a second console signed in with this profile share its keychain session;
    // when one of them renewed it, the token this session held is spent and theirs is in the
    // keychain: continue with it rather than sign the user out (or delete their session).
    m_signingIn = true;
    setState(ConnectionState::Connecting, tr("Renewing the session…"));
    adoptKeychainSession(m_knownRefreshToken, [this, message] {
        m_signingIn = false;
        m_lastError = message;
        setState(ConnectionState::SignInRequired, tr("Signed out: the session could not be renewed"));
        Q_EMIT signInNeeded();
    });
}

void ControlPlaneSession::disconnectFromController()
{
    m_signingIn = false;
    m_poll->stop();
    if (m_statusReply)
        m_statusReply->cancel();
    if (m_client)
        m_client->setAuthenticator(nullptr);
    m_auth.reset();
    m_browser.reset();
    m_client.reset();
    m_controllerStatus.clear();
    m_tlsFingerprint.clear();
    m_lastError.clear();
    setState(ConnectionState::Disconnected);
}

void ControlPlaneSession::cancel()
{
    if (m_statusReply)
        m_statusReply->cancel();
    if (m_signInReply)
        m_signInReply->cancel();
    if (m_browser)
        m_browser->cancel();
}

void ControlPlaneSession::signIn(const QString &email, const QString &password, const QString &totp,
                                 std::optional<bool> rememberPassword)
{
    if (!m_auth) {
        Q_EMIT signInFinished(false, tr("Connect to the control plane first."));
        return;
    }
    m_signingIn = true;
    setState(ConnectionState::Connecting, tr("Signing in…"));
    Auth::PasswordCredentials credentials{email, SecretBytes(password.toUtf8()), totp};
    const SecretBytes secret = credentials.password;
    m_signInReply = Auth::signInWithPassword(
        *m_client, credentials, this,
        [this, secret, rememberPassword](Result<Auth::TokenSet> tokens) {
            if (!tokens || !m_auth) {
                const QString message = tokens ? tr("Disconnected.") : tokens.error().message;
                m_lastError = message;
                m_signingIn = false;
                const bool noAuth = !tokens && tokens.error().code == ErrorCode::NoAuthConfigured;
                setState(noAuth ? ConnectionState::Failed : ConnectionState::SignInRequired);
                Q_EMIT signInFinished(false, message);
                return;
            }
            beginSession(*tokens);
            if (m_services.secrets && rememberPassword) {
                const QString key = Profiles::SecretKeys::passwordKey(m_profile.id);
                if (*rememberPassword)
                    m_services.secrets->write(key, secret, this, [](Status) {});
                else
                    m_services.secrets->remove(key, this, [](Status) {});
            }
            onSignedIn();
            Q_EMIT signInFinished(true, {});
        });
}

void ControlPlaneSession::signInWithBrowser()
{
    if (!m_auth) {
        Q_EMIT signInFinished(false, tr("Connect to the control plane first."));
        return;
    }
    m_browser = std::make_unique<Auth::BrowserSignIn>(
        m_keycloakNetwork.get(), QUrl(m_profile.keycloakUrl), m_profile.keycloakRealm,
        m_profile.keycloakClientId, m_services.openBrowser);
    m_browser->setTlsConfiguration(m_client->trustPolicy().configuration());
    connect(m_browser.get(), &Auth::BrowserSignIn::finished, this,
            [this](const Result<Auth::TokenSet> &tokens) {
                if (!tokens || !m_auth) {
                    m_signingIn = false;
                    const QString message = tokens ? tr("Disconnected.") : tokens.error().message;
                    m_lastError = message;
                    setState(ConnectionState::SignInRequired);
                    Q_EMIT signInFinished(false, message);
                    return;
                }
                beginSession(*tokens);
                onSignedIn();
                Q_EMIT signInFinished(true, {});
            });
    m_signingIn = true;
    setState(ConnectionState::Connecting, tr("Waiting for the browser sign-in…"));
    m_browser->start();
}

void ControlPlaneSession::signOut()
{
    if (m_services.secrets)
        m_services.secrets->remove(Profiles::SecretKeys::refreshTokenKey(m_profile.id), this,
                                   [](Status) {});
    if (m_auth && m_auth->isActive())
        m_auth->signOut();
    if (m_browser)
        m_browser->cancel();
    if (m_state == ConnectionState::SignedIn)
        setState(ConnectionState::SignInRequired);
}

void ControlPlaneSession::trustPresentedCa()
{
    if (m_presentedCaPem.isEmpty())
        return;
    const QString pem = m_presentedCaPem;
    m_presentedCaPem.clear();
    Q_EMIT caTrusted(pem);
}

void ControlPlaneSession::forgetSecrets(Profiles::SecretStore *secrets, const QUuid &profileId,
                                        QObject *context)
{
    Profiles::SecretKeys::removeAll(*secrets, profileId, context, [](Status) {});
}

} // namespace Pot::Session
