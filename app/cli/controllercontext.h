#pragma once

#include "app/cli/clicommand.h"

#include "core/net/apireply.h"
#include "core/profiles/profile.h"
#include "core/profiles/secretstore.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QCommandLineParser;
class QNetworkAccessManager;

namespace Pot::Profiles {
class ProfileStore;
} // namespace Pot::Profiles

namespace Pot::Cluster {
class ActionService;
} // namespace Pot::Cluster

namespace Pot::Session {
class ControlPlaneSession;
} // namespace Pot::Session

namespace Pot::Cli {

/// Runs the event loop until `done()` holds or `timeoutMs` passed; returns `done()`.
bool waitFor(const std::function<bool()> &done, int timeoutMs);

/// A SecretStore that forwards to another and counts the jobs under way, so that the CLI ends only
/// after a rotated refresh token reached the keychain. Remembers whether the keychain was missing.
class TrackingSecretStore final : public Profiles::SecretStore
{
public:
    explicit TrackingSecretStore(std::unique_ptr<Profiles::SecretStore> inner);
    ~TrackingSecretStore() override;

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const SecretBytes &value, QObject *context, WriteCallback done) override;
    void remove(const QString &key, QObject *context, WriteCallback done) override;
    QString backendName() const override { return m_inner->backendName(); }

    int pending() const { return m_pending; }
    /// The keychain's "not available" message once a job met it; empty otherwise.
    QString unavailable() const { return m_unavailable; }
    /// The first failed write or removal (other than a missing keychain); empty otherwise.
    QString writeFailure() const { return m_writeFailure; }

private:
    void noteStatus(const Status &status, bool writing);

    std::unique_ptr<Profiles::SecretStore> m_inner;
    std::unique_ptr<QObject> m_context; ///< the inner jobs report here, whoever asked
    int m_pending = 0;
    QString m_unavailable;
    QString m_writeFailure;
};

/// What every command that talks to a Controller shares: the console's profile file, the OS
/// keychain, one ControlPlaneSession (the GUI's: same sign-in, TLS trust, token refresh), one-line
/// errors on stderr and the exit codes.
class ControllerContext final
{
public:
    explicit ControllerContext(Io &io);
    ~ControllerContext();
    Q_DISABLE_COPY_MOVE(ControllerContext)

    /// Adds --profile, --password-stdin and --totp (sign-in for this invocation only when no
    /// session is saved) to `parser`.
    static void addConnectionOptions(QCommandLineParser &parser);

    /// Reads profiles.yaml; false (reason on stderr) when it is unusable.
    bool loadProfiles();
    Profiles::ProfileStore &profiles() { return *m_profiles; }
    /// The profile named `name`, else the one chosen with `profile use`, else the only one.
    Result<Profiles::Profile> resolveProfile(const QString &name) const;
    /// loadProfiles() and resolveProfile(`name`) into `profile`; -1 to go on, else the exit code
    /// (the reason printed: 2 when several profiles leave it open, 1 otherwise).
    int openProfile(const QString &name, Profiles::Profile *profile);
    /// The id saved by `profile use` (a file beside profiles.yaml); null when none.
    QUuid chosenProfile() const;
    Status choose(const QUuid &id);

    TrackingSecretStore &secrets() { return *m_secrets; }

    /// Connects to `profile` and resumes the session saved in the keychain; without one, signs in
    /// with the password of --password-stdin (and --totp) when given. Returns -1 when signed in
    /// (or, with `requireSession` false, when the Controller waits for a sign-in), else the exit
    /// code (message printed): 3 not signed in, 1 unreachable or refused TLS.
    int connect(const Profiles::Profile &profile, const QCommandLineParser *options, bool requireSession = true);
    /// connect() for the profile of --profile.
    int connect(const QCommandLineParser &options);
    Session::ControlPlaneSession *session() const { return m_session.get(); }
    /// Signs in with a password (the session must be connected and waiting for one). `keep`: the
    /// session goes to the keychain (login), else it lasts for this command only.
    Status signIn(const QString &email, const SecretBytes &password, const QString &totp, bool keep);

    /// Sends `request` and waits for its outcome.
    Result<Net::ApiResponse> call(const Net::ApiRequest &request);

    /// Why the signed-in user may not do `verb` on `resource` (named `name`): the profile is
    /// read-only, or the Controller's RBAC says no as the GUI decides it (roles and bindings read
    /// first; when they cannot be read nothing is refused here). Empty when allowed.
    QString deniedReason(const QString &resource, const QString &verb, const QString &name = {});

    /// Prints `error` as one line on stderr and returns its exit code (3 for 401, 4 for 403, else 1).
    int fail(const Error &error);
    /// Prints `message` and returns `code`.
    int fail(const QString &message, int code = ExitCheckFailed);

    /// Waits for keychain writes under way (a rotated refresh token) and requests still on the wire
    /// (a sign-out). Done again by the destructor, so no way out of a command skips it.
    void finish();

    Io &io() { return m_io; }

private:
    QString choiceFile() const;

    Io &m_io;
    std::unique_ptr<Profiles::ProfileStore> m_profiles;
    std::unique_ptr<TrackingSecretStore> m_secrets;
    std::unique_ptr<Session::ControlPlaneSession> m_session;
    std::unique_ptr<QObject> m_context;
    std::unique_ptr<Cluster::ActionService> m_actions; ///< RBAC and read-only, as the GUI decides
};

/// Reads a password: from standard input when `fromStdin` (first line, as --password-stdin), else
/// from the terminal without echo. Error when neither is possible (no terminal).
Result<SecretBytes> readPassword(Io &io, bool fromStdin, const QString &prompt);

} // namespace Pot::Cli
