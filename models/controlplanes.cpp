#include "controlplanes.h"

#include "core/session/controlplanesession.h"
#include "models/clusterview.h"

#include "core/net/controllerurl.h"
#include "core/profiles/ecncontexts.h"
#include "core/profiles/profilestore.h"
#include "core/profiles/secretkeys.h"
#include "core/profiles/secretstore.h"
#include "core/profiles/snapshotstore.h"

#include <QCoreApplication>

#include <algorithm>
#include <QFileInfo>
#include <QFileSystemWatcher>

namespace Pot::Models {

using Session::ControlPlaneSession;

namespace {

/// A value of the session, or `fallback` when the profile has none (never connected).
template<typename T>
T fromSession(const ControlPlaneSession *s, T (ControlPlaneSession::*get)() const, T fallback = T())
{
    return s ? (s->*get)() : fallback;
}

QString authKindName(Profiles::AuthKind kind)
{
    return kind == Profiles::AuthKind::Browser ? QStringLiteral("browser") : QStringLiteral("password");
}

} // namespace

ControlPlanes::ControlPlanes(const Services &services, QObject *parent)
    : QObject(parent)
    , m_services(services)
    , m_model(new ProfileListModel(this))
{
    reloadFromStore();
    if (m_services.store) {
        // pot-console-cli (or a second console) may change the profiles while this one runs:
        // the file is replaced atomically, so its folder is watched too.
        m_watcher = new QFileSystemWatcher(this);
        const QString file = m_services.store->filePath();
        m_watcher->addPath(QFileInfo(file).absolutePath());
        if (QFileInfo::exists(file))
            m_watcher->addPath(file);
        auto check = [this, file] {
            if (QFileInfo::exists(file) && !m_watcher->files().contains(file))
                m_watcher->addPath(file);
            m_services.store->reloadIfChanged();
        };
        connect(m_watcher, &QFileSystemWatcher::fileChanged, this, check);
        connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, check);
        connect(m_services.store, &Profiles::ProfileStore::changedElsewhere, this, &ControlPlanes::adoptStoreChanges);
    }
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &ControlPlanes::tick);
    m_tick.start();
}

ControlPlanes::~ControlPlanes()
{
    // A cluster view reads its session until it is gone.
    qDeleteAll(m_clusters);
    m_clusters.clear();
}

void ControlPlanes::reloadFromStore()
{
    m_model->setProfiles(m_services.store ? m_services.store->profiles() : QList<Profiles::Profile>{});
    setCurrentIndex(m_model->rowCount() > 0 ? 0 : -1);
}

void ControlPlanes::adoptStoreChanges()
{
    const auto *current = m_model->entryAt(m_currentIndex);
    const QUuid currentId = current ? current->profile.id : QUuid();
    const QList<Profiles::Profile> &stored = m_services.store->profiles();
    QList<QUuid> gone;
    for (int i = 0; i < m_model->rowCount(); ++i) {
        const QUuid id = m_model->entryAt(i)->profile.id;
        if (!std::any_of(stored.cbegin(), stored.cend(), [&](const Profiles::Profile &p) { return p.id == id; }))
            gone << id;
    }
    for (const QUuid &id : std::as_const(gone)) {
        // Removed elsewhere (its secrets and snapshots went with it there): close its session.
        if (ControlPlaneSession *s = m_sessions.take(id)) {
            s->disconnectFromController();
            if (ClusterView *cluster = m_clusters.take(id))
                cluster->deleteLater();
            s->deleteLater();
        }
        m_model->remove(id);
    }
    for (const Profiles::Profile &p : stored) {
        m_model->upsert(p);
        // A changed address or trust takes effect on the session at once (setProfile drops a
        // connection made under the old trust).
        if (ControlPlaneSession *s = m_sessions.value(p.id); s && !(s->profile() == p))
            s->setProfile(p);
    }
    int row = -1;
    for (int i = 0; i < m_model->rowCount(); ++i) {
        if (m_model->entryAt(i)->profile.id == currentId)
            row = i;
    }
    m_currentIndex = -2; // the row of the current profile may have moved: signal it again
    setCurrentIndex(row >= 0 ? row : (m_model->rowCount() > 0 ? 0 : -1));
}

void ControlPlanes::setCurrentIndex(int index)
{
    if (index < -1 || index >= m_model->rowCount())
        index = m_model->rowCount() > 0 ? 0 : -1;
    if (index == m_currentIndex)
        return;
    m_currentIndex = index;
    // The session (and its cluster view with the saved snapshot) exists as soon as a profile is
    // selected, so its pages show the last known state before any connection.
    ensureSession(index);
    Q_EMIT currentChanged();
    Q_EMIT sessionChanged();
    Q_EMIT tick(); // the session countdown belongs to the new current plane now, not in a second
    Q_EMIT natsTrustChanged();
}

void ControlPlanes::selectRelative(int step)
{
    const int n = m_model->rowCount();
    if (n == 0)
        return;
    setCurrentIndex(((m_currentIndex < 0 ? 0 : m_currentIndex) + step % n + n) % n);
}

static const ProfileListModel::Entry *entry(const ProfileListModel *model, int row)
{
    return model->entryAt(row);
}

QString ControlPlanes::currentName() const
{
    const auto *e = entry(m_model, m_currentIndex);
    return e ? e->profile.name : QString();
}

QString ControlPlanes::currentUrl() const
{
    const auto *e = entry(m_model, m_currentIndex);
    return e ? e->profile.controllerUrl : QString();
}

QString ControlPlanes::currentColour() const
{
    const auto *e = entry(m_model, m_currentIndex);
    return e ? e->profile.colour : QString();
}

bool ControlPlanes::currentReadOnly() const
{
    const auto *e = entry(m_model, m_currentIndex);
    return e && e->profile.readOnly;
}

bool ControlPlanes::currentEncrypted() const
{
    const auto *e = entry(m_model, m_currentIndex);
    return !e || Net::isEncryptedUrl(e->profile.controllerUrl);
}

QString ControlPlanes::currentAuthKind() const
{
    const auto *e = entry(m_model, m_currentIndex);
    return e ? authKindName(e->profile.auth) : QString();
}

bool ControlPlanes::currentBrowserSignInAvailable() const
{
    const auto *e = entry(m_model, m_currentIndex);
    return e && !e->profile.keycloakUrl.isEmpty() && !e->profile.keycloakRealm.isEmpty()
           && !e->profile.keycloakClientId.isEmpty();
}

ControlPlaneSession *ControlPlanes::session(int index) const
{
    const auto *e = entry(m_model, index);
    return e ? m_sessions.value(e->profile.id) : nullptr;
}

ControlPlaneSession *ControlPlanes::currentSession() const
{
    return session(m_currentIndex);
}

int ControlPlanes::currentState() const
{
    const auto *e = entry(m_model, m_currentIndex);
    return e ? int(e->state) : int(ConnectionState::Disconnected);
}

QString ControlPlanes::currentStateText() const
{
    const auto *e = entry(m_model, m_currentIndex);
    if (!e)
        return {};
    return e->stateText.isEmpty() ? ProfileListModel::defaultStateText(e->state) : e->stateText;
}

QString ControlPlanes::controllerStatus() const
{
    return fromSession(currentSession(), &ControlPlaneSession::controllerStatus);
}

QString ControlPlanes::controllerVersion() const
{
    return fromSession(currentSession(), &ControlPlaneSession::controllerVersion);
}

QString ControlPlanes::uptimeText() const
{
    return fromSession(currentSession(), &ControlPlaneSession::uptimeText);
}

QString ControlPlanes::userName() const
{
    return fromSession(currentSession(), &ControlPlaneSession::userName);
}

QString ControlPlanes::userRoles() const
{
    const auto *s = currentSession();
    return s ? s->roles().join(QStringLiteral(", ")) : QString();
}

int ControlPlanes::tokenExpiresInSec() const
{
    return fromSession(currentSession(), &ControlPlaneSession::tokenExpiresInSec, -1);
}

QString ControlPlanes::tlsText() const
{
    if (const auto *s = currentSession())
        return s->tlsText();
    if (const auto *e = entry(m_model, m_currentIndex); e && e->profile.demo)
        return tr("No network: bundled sample data");
    return currentEncrypted() ? tr("TLS, verified when connected") : tr("Not encrypted (plain HTTP)");
}

QString ControlPlanes::tlsFingerprint() const
{
    return fromSession(currentSession(), &ControlPlaneSession::tlsFingerprint);
}

QString ControlPlanes::lastError() const
{
    return fromSession(currentSession(), &ControlPlaneSession::lastError);
}

QString ControlPlanes::presentedChain() const
{
    return fromSession(currentSession(), &ControlPlaneSession::presentedChain);
}

bool ControlPlanes::canTrustPresentedCa() const
{
    const auto *s = currentSession();
    return s && !s->presentedCaPem().isEmpty();
}

QByteArray ControlPlanes::currentNatsOperatorJwt() const
{
    const auto *s = currentSession();
    return s && s->state() == ConnectionState::SignedIn ? s->natsOperatorJwt() : QByteArray();
}

QList<QByteArray> ControlPlanes::currentNatsAccountJwts() const
{
    const auto *s = currentSession();
    return s && s->state() == ConnectionState::SignedIn ? s->natsAccountJwts() : QList<QByteArray>();
}

QVariantMap ControlPlanes::profileData(int index) const
{
    const auto *e = entry(m_model, index);
    if (!e)
        return {};
    const Profiles::Profile &p = e->profile;
    return {
        {QStringLiteral("name"), p.name},
        {QStringLiteral("url"), p.controllerUrl},
        {QStringLiteral("auth"), authKindName(p.auth)},
        {QStringLiteral("email"), p.email},
        {QStringLiteral("keycloakUrl"), p.keycloakUrl},
        {QStringLiteral("keycloakRealm"), p.keycloakRealm},
        {QStringLiteral("keycloakClientId"), p.keycloakClientId},
        {QStringLiteral("caPem"), p.caCertificatePem},
        {QStringLiteral("pin"), p.pinnedSha256},
        {QStringLiteral("colour"), p.colour},
        {QStringLiteral("readOnly"), p.readOnly},
        {QStringLiteral("refreshInterval"), p.refreshIntervalSec},
    };
}

QString ControlPlanes::saveProfile(int index, const QVariantMap &data)
{
    if (!m_services.store)
        return tr("Profiles cannot be saved in this session.");
    Profiles::Profile p;
    if (const auto *e = entry(m_model, index))
        p = e->profile;
    p.name = data.value(QStringLiteral("name")).toString().trimmed();
    p.controllerUrl = data.value(QStringLiteral("url")).toString().trimmed();
    p.auth = data.value(QStringLiteral("auth")).toString() == u"browser" ? Profiles::AuthKind::Browser
                                                                         : Profiles::AuthKind::Password;
    p.email = data.value(QStringLiteral("email")).toString().trimmed();
    p.keycloakUrl = data.value(QStringLiteral("keycloakUrl")).toString().trimmed();
    p.keycloakRealm = data.value(QStringLiteral("keycloakRealm")).toString().trimmed();
    p.keycloakClientId = data.value(QStringLiteral("keycloakClientId")).toString().trimmed();
    p.caCertificatePem = data.value(QStringLiteral("caPem")).toString().trimmed();
    p.pinnedSha256 = data.value(QStringLiteral("pin")).toString().trimmed();
    p.colour = data.value(QStringLiteral("colour")).toString();
    p.readOnly = data.value(QStringLiteral("readOnly")).toBool();
    p.refreshIntervalSec = data.value(QStringLiteral("refreshInterval"), 30).toInt();

    if (index < 0) {
        Result<Profiles::Profile> added = m_services.store->add(p);
        if (!added)
            return added.error().message;
        m_model->upsert(*added);
        setCurrentIndex(m_model->indexOf(added->id));
    } else {
        Status updated = m_services.store->update(p);
        if (!updated)
            return updated.error().message;
        // What was stored (trimmed, the CA re-wrapped), not what was typed.
        if (const std::optional<Profiles::Profile> stored = m_services.store->findById(p.id))
            p = *stored;
        m_model->upsert(p);
        // A CA or pin edit applies to the next request, an address edit reconnects.
        if (ControlPlaneSession *s = m_sessions.value(p.id))
            s->setProfile(p);
        Q_EMIT currentChanged();
    }
    return {};
}

void ControlPlanes::removeProfile(int index)
{
    const auto *e = entry(m_model, index);
    if (!e || !m_services.store)
        return;
    const Profiles::Profile p = e->profile;
    if (!m_services.store->remove(p.id))
        return;
    const Profiles::SnapshotStore *snapshots = m_services.snapshots;
    if (ControlPlaneSession *s = m_sessions.take(p.id)) {
        s->signOut();
        if (ClusterView *cluster = m_clusters.take(p.id))
            cluster->deleteLater(); // before the session, deleted later too
        // Its cluster view may still be saving a list; remove the snapshots once it is gone.
        if (snapshots)
            connect(s, &QObject::destroyed, this, [snapshots, id = p.id] { snapshots->remove(id); });
        s->deleteLater();
    } else if (snapshots) {
        snapshots->remove(p.id);
    }
    if (m_services.secrets)
        ControlPlaneSession::forgetSecrets(m_services.secrets, p.id, this);
    m_model->remove(p.id);
    const int n = m_model->rowCount();
    m_currentIndex = -2; // forces the change signals even when nothing is left to select
    setCurrentIndex(n == 0 ? -1 : std::min(index, n - 1));
}

ControlPlaneSession *ControlPlanes::ensureSession(int index)
{
    const auto *e = entry(m_model, index);
    if (!e)
        return nullptr;
    if (ControlPlaneSession *s = m_sessions.value(e->profile.id))
        return s;
    ControlPlaneSession::Services ss{m_services.secrets, m_services.openBrowser, m_services.requestTimeoutMs};
    auto *s = new ControlPlaneSession(e->profile, ss, this);
    m_sessions.insert(e->profile.id, s);
    ClusterView::Services cs;
    cs.snapshots = m_services.snapshots;
    cs.copy = m_services.copy;
    cs.kinds = m_services.kinds;
    cs.drafts = m_services.drafts;
    cs.history = m_services.history;
    m_clusters.insert(e->profile.id, new ClusterView(s, cs, this));
    connect(s, &ControlPlaneSession::changed, this, [this, s] { onSessionChanged(s); });
    connect(s, &ControlPlaneSession::signInNeeded, this, [this, s] {
        const int row = m_model->indexOf(s->profile().id);
        if (row >= 0)
            Q_EMIT signInRequired(row);
    });
    connect(s, &ControlPlaneSession::signInFinished, this, [this, s](bool ok, const QString &message) {
        Q_EMIT signInFinished(m_model->indexOf(s->profile().id), ok, message);
    });
    connect(s, &ControlPlaneSession::natsTrustChanged, this, [this, s] {
        if (s == currentSession())
            Q_EMIT natsTrustChanged();
    });
    connect(s, &ControlPlaneSession::caTrusted, this, [this, s](const QString &pem) {
        std::optional<Profiles::Profile> p = m_services.store->findById(s->profile().id);
        if (!p)
            return;
        p->caCertificatePem = p->caCertificatePem.isEmpty() ? pem : p->caCertificatePem + u'\n' + pem;
        if (m_services.store->update(*p)) {
            m_model->upsert(*p);
            s->setProfile(*p);
            s->connectToController();
        }
    });
    return s;
}

void ControlPlanes::onSessionChanged(ControlPlaneSession *session)
{
    m_model->setState(session->profile().id, session->state(), session->stateText());
    if (session == currentSession()) {
        Q_EMIT sessionChanged();
        Q_EMIT tick();
        Q_EMIT natsTrustChanged();
    }
}

void ControlPlanes::connectProfile(int index)
{
    if (ControlPlaneSession *s = ensureSession(index)) {
        setCurrentIndex(index);
        s->connectToController();
    }
}

void ControlPlanes::disconnectProfile(int index)
{
    if (ControlPlaneSession *s = session(index))
        s->disconnectFromController();
}

void ControlPlanes::cancelCurrent()
{
    if (ControlPlaneSession *s = currentSession())
        s->cancel();
}

void ControlPlanes::signIn(int index, const QString &email, const QString &password,
                           const QString &totp, bool rememberPassword)
{
    if (ControlPlaneSession *s = ensureSession(index))
        s->signIn(email, password, totp, rememberPassword);
}

void ControlPlanes::signInWithBrowser()
{
    if (ControlPlaneSession *s = ensureSession(m_currentIndex))
        s->signInWithBrowser();
}

void ControlPlanes::signOut()
{
    if (ControlPlaneSession *s = currentSession())
        s->signOut();
}

void ControlPlanes::trustPresentedCa()
{
    if (ControlPlaneSession *s = currentSession())
        s->trustPresentedCa();
}

void ControlPlanes::scanPotctl()
{
    m_potctlFound.clear();
    m_potctlHasPasswords = false;
    const QString dir = m_services.potctlHome.isEmpty()
                            ? Profiles::PotctlImport::defaultConfigDir()
                            : m_services.potctlHome + QStringLiteral("/.iofog/v3");
    Result<Profiles::PotctlScan> scan = Profiles::PotctlImport::scan(dir);
    if (!scan) {
        m_potctlSummary = scan.error().message;
        Q_EMIT potctlScanned();
        return;
    }
    QStringList lines;
    for (const Profiles::PotctlCandidate &c : scan->candidates) {
        if (m_services.store && m_services.store->findByName(c.namespaceName)) {
            lines << tr("• %1 — already imported, skipped").arg(c.namespaceName);
            continue;
        }
        m_potctlFound.append(c);
        m_potctlHasPasswords = m_potctlHasPasswords || c.hasStoredPassword;
        lines << tr("• %1 — %2").arg(c.namespaceName, c.profile.controllerUrl);
    }
    for (const QString &skipped : scan->skipped)
        lines << u"• " + skipped;
    if (m_potctlFound.isEmpty() && lines.isEmpty())
        m_potctlSummary = tr("No potctl namespaces were found in %1.").arg(scan->configDir);
    else
        m_potctlSummary = tr("Found in %1:\n%2").arg(scan->configDir, lines.join(u'\n'));
    Q_EMIT potctlScanned();
}

QString ControlPlanes::importPotctl(bool includePasswords)
{
    if (!m_services.store)
        return tr("Profiles cannot be saved in this session.");
    int imported = 0;
    QStringList problems;
    for (const Profiles::PotctlCandidate &c : std::as_const(m_potctlFound)) {
        Profiles::Profile p = c.profile;
        p.name = m_services.store->uniqueName(p.name);
        p.rememberPassword = includePasswords && c.hasStoredPassword;
        Result<Profiles::Profile> added = m_services.store->add(p);
        if (!added) {
            problems << tr("%1: %2").arg(c.namespaceName, added.error().message);
            continue;
        }
        ++imported;
        m_model->upsert(*added);
        if (includePasswords && c.hasStoredPassword && m_services.secrets) {
            Result<SecretBytes> password = Profiles::PotctlImport::readPassword(c);
            if (!password) {
                problems << tr("%1: %2").arg(c.namespaceName, password.error().message);
                continue;
            }
            m_services.secrets->write(Profiles::SecretKeys::passwordKey(added->id), *password, this,
                                      [](Status) {});
        }
    }
    m_potctlFound.clear();
    if (m_currentIndex < 0 && m_model->rowCount() > 0)
        setCurrentIndex(0);
    QString summary = tr("Imported %n control plane(s).", nullptr, imported);
    if (!problems.isEmpty())
        summary += u'\n' + problems.join(u'\n');
    return summary;
}

QString ControlPlanes::importContexts(const QUrl &file)
{
    if (!m_services.store)
        return tr("Profiles cannot be saved in this session.");
    Result<Profiles::EcnContextsImport> parsed = Profiles::EcnContexts::importFile(file.toLocalFile());
    if (!parsed)
        return parsed.error().message;
    int imported = 0;
    QStringList problems = parsed->problems;
    for (Profiles::Profile p : parsed->profiles) {
        p.name = m_services.store->uniqueName(p.name);
        if (p.colour.isEmpty())
            p.colour = QStringLiteral("#1a5fb4");
        Result<Profiles::Profile> added = m_services.store->add(p);
        if (!added) {
            problems << tr("%1: %2").arg(p.name, added.error().message);
            continue;
        }
        ++imported;
        m_model->upsert(*added);
    }
    if (m_currentIndex < 0 && m_model->rowCount() > 0)
        setCurrentIndex(0);
    QString summary = tr("Imported %n control plane(s).", nullptr, imported);
    if (!problems.isEmpty())
        summary += u'\n' + problems.join(u'\n');
    return summary;
}

QString ControlPlanes::exportContexts(const QUrl &file)
{
    if (!m_services.store)
        return tr("Profiles cannot be read in this session.");
    Status s = Profiles::EcnContexts::exportFile(m_services.store->profiles(), file.toLocalFile());
    if (!s)
        return s.error().message;
    return tr("Exported %n control plane(s) without passwords or tokens to %1.", nullptr,
              int(m_services.store->profiles().size()))
        .arg(file.toLocalFile());
}

} // namespace Pot::Models

namespace Pot::Models {

ClusterView *ControlPlanes::currentCluster() const
{
    ControlPlaneSession *s = currentSession();
    return s ? m_clusters.value(s->profile().id) : nullptr;
}

bool ControlPlanes::hasDemo() const
{
    for (int i = 0; i < m_model->rowCount(); ++i) {
        if (const auto *e = entry(m_model, i); e && e->profile.demo)
            return true;
    }
    return false;
}

void ControlPlanes::openDemo()
{
    int row = -1;
    for (int i = 0; i < m_model->rowCount() && row < 0; ++i) {
        if (const auto *e = entry(m_model, i); e && e->profile.demo)
            row = i;
    }
    if (row < 0 && m_services.store) {
        Profiles::Profile p;
        p.id = QUuid::createUuid();
        p.name = m_services.store->uniqueName(tr("Demo control plane"));
        p.controllerUrl = QStringLiteral("https://demo.pot-console.invalid");
        p.demo = true;
        p.readOnly = true;
        p.colour = QStringLiteral("#613583");
        Result<Profiles::Profile> added = m_services.store->add(p);
        if (!added)
            return;
        m_model->upsert(*added);
        row = m_model->indexOf(added->id);
    }
    if (row >= 0)
        connectProfile(row);
}

} // namespace Pot::Models
