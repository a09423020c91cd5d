#include "app/cli/controllercontext.h"
#include "app/cli/terminal.h"

#include "core/cluster/actionservice.h"
#include "core/net/controllerclient.h"
#include "core/profiles/keychainsecretstore.h"
#include "core/profiles/profilestore.h"
#include "core/session/controlplanesession.h"
#include "core/tls/certificatereport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSaveFile>
#include <QTimer>

#include <algorithm>
#include <QUrl>

#if defined(Q_OS_UNIX)
#include <termios.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <io.h>
#include <windows.h>
#endif

#include <cstdio>

namespace Pot::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
}

constexpr int kConnectTimeoutMs = 60000;
constexpr qint64 kPasswordLimit = 4096;

/// One line typed on the terminal with echo off. No library of Debian 12's list reads a
/// password without echo portably (Qt has none), so this is the usual termios/console-mode dance.
std::optional<QByteArray> readHiddenLine()
{
#if defined(Q_OS_UNIX)
    termios old{};
    if (tcgetattr(STDIN_FILENO, &old) != 0)
        return std::nullopt;
    termios quiet = old;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    quiet.c_lflag |= ECHONL;
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) != 0)
        return std::nullopt;
    QByteArray line;
    char c = 0;
    while (line.size() < kPasswordLimit && ::read(STDIN_FILENO, &c, 1) == 1 && c != '\n')
        line.append(c);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    c = 0;
    return line;
#elif defined(Q_OS_WIN)
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    DWORD mode = 0;
    if (!GetConsoleMode(in, &mode) || !SetConsoleMode(in, mode & ~DWORD(ENABLE_ECHO_INPUT)))
        return std::nullopt;
    QByteArray line;
    char c = 0;
    DWORD got = 0;
    while (line.size() < kPasswordLimit && ReadFile(in, &c, 1, &got, nullptr) && got == 1 && c != '\n')
        line.append(c);
    SetConsoleMode(in, mode);
    std::fputs("\n", stderr);
    return line;
#else
    return std::nullopt;
#endif
}

} // namespace

Result<SecretBytes> readPassword(Io &io, bool fromStdin, const QString &prompt)
{
    if (fromStdin) {
        QByteArray data = io.readStdin(kPasswordLimit + 1);
        if (data.size() > kPasswordLimit) {
            SecretBytes::wipe(data);
            return Error(ErrorCode::InvalidInput, tr("The password on standard input is longer than 4 KB."));
        }
        SecretBytes password = firstLineSecret(data);
        if (password.isEmpty())
            return Error(ErrorCode::InvalidInput, tr("No password on standard input (--password-stdin)."));
        return password;
    }
    if (!stdinIsTerminal())
        return Error(ErrorCode::InvalidInput,
                     tr("No terminal to ask for the password: pass it on standard input with --password-stdin."));
    io.err << prompt;
    io.err.flush();
    std::optional<QByteArray> line = readHiddenLine();
    if (!line)
        return Error(ErrorCode::Io, tr("The terminal could not be set to hide the password."));
    return firstLineSecret(*line);
}

bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    // An event loop, checked every few milliseconds: the network, the keychain and timers run
    // while the command waits for one outcome.
    QDeadlineTimer deadline(timeoutMs);
    QEventLoop loop;
    QTimer check;
    check.setInterval(5);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done() || deadline.hasExpired())
            loop.quit();
    });
    check.start();
    loop.exec();
    return done();
}

// ---- TrackingSecretStore

TrackingSecretStore::TrackingSecretStore(std::unique_ptr<Profiles::SecretStore> inner)
    : m_inner(std::move(inner))
    , m_context(std::make_unique<QObject>())
{
}

TrackingSecretStore::~TrackingSecretStore() = default;

void TrackingSecretStore::noteStatus(const Status &status, bool writing)
{
    if (status)
        return;
    if (status.error().code == ErrorCode::KeychainUnavailable) {
        if (m_unavailable.isEmpty())
            m_unavailable = status.error().message;
    } else if (writing && m_writeFailure.isEmpty()) {
        m_writeFailure = status.error().message;
    }
}

void TrackingSecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    ++m_pending;
    QPointer<QObject> asker(context);
    m_inner->read(key, m_context.get(), [this, asker, done = std::move(done)](Result<SecretBytes> r) {
        --m_pending;
        if (!r && r.error().code == ErrorCode::KeychainUnavailable)
            noteStatus(Status(r.error()), false);
        if (asker)
            done(std::move(r));
    });
}

void TrackingSecretStore::write(const QString &key, const SecretBytes &value, QObject *context, WriteCallback done)
{
    ++m_pending;
    QPointer<QObject> asker(context);
    m_inner->write(key, value, m_context.get(), [this, asker, done = std::move(done)](Status s) {
        --m_pending;
        noteStatus(s, true);
        if (asker)
            done(s);
    });
}

void TrackingSecretStore::remove(const QString &key, QObject *context, WriteCallback done)
{
    ++m_pending;
    QPointer<QObject> asker(context);
    m_inner->remove(key, m_context.get(), [this, asker, done = std::move(done)](Status s) {
        --m_pending;
        noteStatus(s, true);
        if (asker)
            done(s);
    });
}

// ---- ControllerContext

ControllerContext::ControllerContext(Io &io)
    : m_io(io)
    , m_profiles(std::make_unique<Profiles::ProfileStore>())
    , m_secrets(std::make_unique<TrackingSecretStore>(std::make_unique<Profiles::KeychainSecretStore>()))
    , m_context(std::make_unique<QObject>())
{
}

ControllerContext::~ControllerContext()
{
    // Whatever way a command ends (a refusal too), a refresh token rotated by its sign-in must be
    // in the keychain before the process goes, or the next command finds a spent one.
    finish();
    m_actions.reset(); // reads the session
    m_session.reset(); // before the stores it uses
}

void ControllerContext::addConnectionOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("profile"), tr("The control plane (profile name); default: the one chosen with 'profile use', or the only one."), tr("NAME")});
    parser.addOption({QStringLiteral("password-stdin"), tr("With no saved session: sign in for this command only, the password read from standard input.")});
    parser.addOption({QStringLiteral("totp"), tr("The one-time code, with --password-stdin."), tr("CODE")});
}

bool ControllerContext::loadProfiles()
{
    if (Status loaded = m_profiles->load(); !loaded) {
        m_io.err << loaded.error().message << '\n';
        return false;
    }
    return true;
}

QString ControllerContext::choiceFile() const
{
    return QFileInfo(m_profiles->filePath()).absolutePath() + QStringLiteral("/cli-profile");
}

QUuid ControllerContext::chosenProfile() const
{
    QFile f(choiceFile());
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QUuid::fromString(QString::fromLatin1(f.read(64)).trimmed());
}

Status ControllerContext::choose(const QUuid &id)
{
    QDir().mkpath(QFileInfo(choiceFile()).absolutePath());
    QSaveFile f(choiceFile());
    if (!f.open(QIODevice::WriteOnly))
        return Error(ErrorCode::Io, tr("Cannot write %1: %2").arg(choiceFile(), f.errorString()));
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(id.toString(QUuid::WithoutBraces).toLatin1() + '\n');
    if (!f.commit())
        return Error(ErrorCode::Io, tr("Cannot write %1: %2").arg(choiceFile(), f.errorString()));
    return {};
}

Result<Profiles::Profile> ControllerContext::resolveProfile(const QString &name) const
{
    if (!name.isEmpty()) {
        if (std::optional<Profiles::Profile> p = m_profiles->findByName(name))
            return *p;
        return Error(ErrorCode::NotFound, tr("No profile named \"%1\" ('profile list' shows them).").arg(name));
    }
    if (const QUuid chosen = chosenProfile(); !chosen.isNull()) {
        if (std::optional<Profiles::Profile> p = m_profiles->findById(chosen))
            return *p;
    }
    if (m_profiles->count() == 1)
        return m_profiles->profiles().constFirst();
    if (m_profiles->count() == 0)
        return Error(ErrorCode::NotFound, tr("No profiles yet: add one with 'profile add NAME --url URL'."));
    return Error(ErrorCode::InvalidInput, tr("Several profiles: name one with --profile NAME, or choose one with 'profile use NAME'."));
}

int ControllerContext::openProfile(const QString &name, Profiles::Profile *profile)
{
    if (!loadProfiles())
        return ExitCheckFailed;
    const Result<Profiles::Profile> found = resolveProfile(name);
    if (!found)
        return fail(found.error().message, found.error().code == ErrorCode::InvalidInput ? ExitUsage : ExitCheckFailed);
    *profile = *found;
    return -1;
}

int ControllerContext::connect(const QCommandLineParser &options)
{
    Profiles::Profile profile;
    if (const int code = openProfile(options.value(QStringLiteral("profile")), &profile); code >= 0)
        return code;
    return connect(profile, &options);
}

int ControllerContext::connect(const Profiles::Profile &profile, const QCommandLineParser *options, bool requireSession)
{
    if (profile.demo)
        return fail(tr("%1 is the console's demo (sample data, no Controller); the command line talks to real control planes only.")
                        .arg(profile.name));
    Session::ControlPlaneSession::Services services;
    services.secrets = m_secrets.get();
    services.openBrowser = [this](const QUrl &url) {
        m_io.err << tr("Opening the browser to sign in: %1").arg(url.toString()) << '\n';
        m_io.err.flush();
        // $BROWSER first, as other command-line tools honour it (also how a script or test plays
        // the browser), else the desktop's handler.
        if (const QString browser = qEnvironmentVariable("BROWSER"); !browser.isEmpty()) {
            QProcess::startDetached(browser, {url.toString()});
            return;
        }
#if defined(Q_OS_MACOS)
        QProcess::startDetached(QStringLiteral("open"), {url.toString()});
#elif defined(Q_OS_WIN)
        QProcess::startDetached(QStringLiteral("rundll32"), {QStringLiteral("url.dll,FileProtocolHandler"), url.toString()});
#else
        QProcess::startDetached(QStringLiteral("xdg-open"), {url.toString()});
#endif
    };
    m_session = std::make_unique<Session::ControlPlaneSession>(profile, services);
    Session::ControlPlaneSession *s = m_session.get();
    s->connectToController();
    auto settled = [s] {
        const ConnectionState st = s->state();
        return st == ConnectionState::SignedIn || st == ConnectionState::SignInRequired
               || st == ConnectionState::Offline || st == ConnectionState::Failed;
    };
    if (!waitFor(settled, kConnectTimeoutMs))
        return fail(tr("%1 did not answer within %2 s.").arg(profile.controllerUrl).arg(kConnectTimeoutMs / 1000));
    if (s->state() == ConnectionState::Offline || s->state() == ConnectionState::Failed) {
        QString message = s->lastError().isEmpty() ? s->stateText() : s->lastError();
        // A refused certificate: name what the server presented (the pin to compare with).
        const QString chain = s->presentedChain();
        if (const qsizetype at = chain.indexOf(QStringLiteral("SHA-256: ")); at >= 0) {
            const qsizetype end = chain.indexOf(u'\n', at);
            message += u' ' + tr("The server's certificate has SHA-256 %1.")
                                  .arg(chain.mid(at + 9, end < 0 ? -1 : end - at - 9).trimmed());
        }
        return fail(message);
    }
    if (s->state() == ConnectionState::SignedIn || !requireSession)
        return -1;
    // No saved session: sign in for this invocation when a password is given.
    if (options && options->isSet(QStringLiteral("password-stdin"))) {
        Result<SecretBytes> password = readPassword(m_io, true, {});
        if (!password)
            return fail(password.error().message, ExitUsage);
        if (Status in = signIn(profile.email, *password, options->value(QStringLiteral("totp")), false); !in)
            return fail(in.error().message, ExitNotSignedIn);
        return -1;
    }
    QString why = tr("Not signed in to %1: run 'pot-console-cli login --profile %2'.").arg(profile.name, profile.name);
    if (!m_secrets->unavailable().isEmpty())
        why += u' ' + tr("No keychain is available (%1), so no session is kept between commands; pass --password-stdin to sign in for one command.")
                          .arg(m_secrets->unavailable());
    return fail(why, ExitNotSignedIn);
}

Status ControllerContext::signIn(const QString &email, const SecretBytes &password, const QString &totp, bool keep)
{
    Session::ControlPlaneSession *s = m_session.get();
    if (!s)
        return Error(ErrorCode::InvalidInput, tr("Not connected."));
    if (email.isEmpty())
        return Error(ErrorCode::InvalidInput, tr("No e-mail: give --email, or set one on the profile."));
    std::optional<std::pair<bool, QString>> outcome;
    QObject::connect(s, &Session::ControlPlaneSession::signInFinished, m_context.get(),
                     [&outcome](bool ok, const QString &message) { outcome = std::make_pair(ok, message); });
    s->setKeepSession(keep);
    // A password the user chose to keep in the console stays as it is (nullopt).
    s->signIn(email, QString::fromUtf8(reinterpret_cast<const char *>(password.constData()), qsizetype(password.size())), totp,
              std::nullopt);
    if (!waitFor([&] { return outcome.has_value(); }, kConnectTimeoutMs))
        return Error(ErrorCode::Timeout, tr("The sign-in did not finish within %1 s.").arg(kConnectTimeoutMs / 1000));
    QObject::disconnect(s, nullptr, m_context.get(), nullptr);
    if (!outcome->first)
        return Error(ErrorCode::Unauthorized, outcome->second);
    return {};
}

Result<Net::ApiResponse> ControllerContext::call(const Net::ApiRequest &request)
{
    if (!m_session || !m_session->client())
        return Error(ErrorCode::InvalidInput, tr("Not connected."));
    std::optional<Result<Net::ApiResponse>> outcome;
    m_session->client()->send(request, m_context.get(), [&outcome](Result<Net::ApiResponse> r) { outcome = std::move(r); });
    waitFor([&] { return outcome.has_value(); }, 24 * 3600 * 1000); // the client's own timeout ends it
    if (!outcome)
        return Error(ErrorCode::Timeout, tr("The Controller did not answer."));
    return std::move(*outcome);
}

QString ControllerContext::deniedReason(const QString &resource, const QString &verb, const QString &name)
{
    if (!m_session)
        return tr("Not connected.");
    if (!m_actions) {
        // As the GUI decides: the roles and bindings as read now; without the bindings a grant
        // through one cannot be ruled out, and the Controller decides.
        m_actions = std::make_unique<Cluster::ActionService>(m_session.get());
        Rbac::Authorizer authorizer;
        bool bindingsKnown = false;
        if (Result<Net::ApiResponse> roles = call(Net::ApiRequest::list(QStringLiteral("/roles")))) {
            if (Result<QList<Rbac::Role>> parsed = Rbac::parseRoles(roles->json))
                authorizer.setRoles(*parsed);
        }
        if (Result<Net::ApiResponse> bindings = call(Net::ApiRequest::list(QStringLiteral("/rolebindings")))) {
            if (Result<QList<Rbac::RoleBinding>> parsed = Rbac::parseBindings(bindings->json)) {
                authorizer.setBindings(*parsed);
                bindingsKnown = true;
            }
        }
        m_actions->setAuthorizer(std::move(authorizer), bindingsKnown);
    }
    return m_actions->deniedReason(resource, verb, name);
}

int ControllerContext::fail(const Error &error)
{
    int code = ExitCheckFailed;
    if (error.code == ErrorCode::Unauthorized || error.code == ErrorCode::SessionExpired)
        code = ExitNotSignedIn;
    else if (error.code == ErrorCode::Forbidden)
        code = ExitRefused;
    return fail(error.message, code);
}

int ControllerContext::fail(const QString &message, int code)
{
    QString line = message.trimmed();
    m_io.err << line << '\n';
    return code;
}

void ControllerContext::finish()
{
    // A rotated refresh token must reach the keychain, and a sign-out the Controller, before the
    // process ends.
    waitFor([this] { return m_secrets->pending() == 0; }, 30000);
    if (m_session)
        waitFor([this] { return !m_session->requestsInFlight(); }, 5000);
}

} // namespace Pot::Cli
