#include "keychainsecretstore.h"

#include "core/logging.h"
#include "core/tr.h"

#include <QPointer>

#include <qt6keychain/keychain.h>

#include <utility>

namespace Pot::Profiles {

namespace {

/// Messages that mean "there is no keychain service to talk to" rather than "the keychain said no".
bool looksLikeMissingService(const QString &text)
{
    static const char *const markers[] = {
        "org.freedesktop.secrets",
        "was not provided by any .service files",
        "ServiceUnknown",
        "Cannot autolaunch D-Bus",
        "Could not connect",
        "Failed to connect to socket",
        "No such file or directory",
        "D-Bus",
        "DBus",
        "dbus",
        "kwalletd",
    };
    for (const char *marker : markers) {
        if (text.contains(QLatin1String(marker)))
            return true;
    }
    return false;
}

template<typename Job>
Job *newJob(const QString &service, const QString &key)
{
    auto *job = new Job(service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plain-text file, whatever the platform
    job->setKey(key);
    return job;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service)
    : m_service(std::move(service))
{}

KeychainSecretStore::~KeychainSecretStore() = default;

Error KeychainSecretStore::mapError(int keychainError, const QString &errorString)
{
    const QString notSaved = Tr::tr("Secrets will not be saved; you will be asked again next time.");
    switch (static_cast<QKeychain::Error>(keychainError)) {
    case QKeychain::NoError:
        return Error();
    case QKeychain::EntryNotFound:
        return Error(ErrorCode::NotFound, Tr::tr("No secret is stored in the keychain for this key."),
                     errorString);
    case QKeychain::AccessDeniedByUser:
        return Error(ErrorCode::Cancelled, Tr::tr("Access to the keychain was refused."), errorString);
    case QKeychain::NotImplemented:
        return Error(ErrorCode::Unsupported,
                     Tr::tr("This platform's keychain does not support this operation.") + u' '
                         + notSaved,
                     errorString);
    case QKeychain::NoBackendAvailable:
        return Error(ErrorCode::KeychainUnavailable,
                     Tr::tr("No keychain is available (no keychain service was found). %1").arg(notSaved),
                     errorString);
    case QKeychain::AccessDenied:
        return Error(ErrorCode::KeychainUnavailable,
                     Tr::tr("The keychain is locked or denied access. %1").arg(notSaved), errorString);
    case QKeychain::CouldNotDeleteEntry:
        return Error(ErrorCode::KeychainUnavailable,
                     Tr::tr("The secret could not be removed from the keychain."), errorString);
    case QKeychain::OtherError:
        break;
    }
    if (looksLikeMissingService(errorString))
        return Error(ErrorCode::KeychainUnavailable,
                     Tr::tr("No keychain is available (the Secret Service is not running). %1")
                         .arg(notSaved),
                     errorString);
    return Error(ErrorCode::KeychainUnavailable,
                 Tr::tr("The keychain reported an error. %1").arg(notSaved), errorString);
}

void KeychainSecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    if (!context) {
        qCWarning(lcCoreSecrets) << "keychain read without a context object; not started";
        return;
    }
    auto *job = newJob<QKeychain::ReadPasswordJob>(m_service, key);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [guard = QPointer<QObject>(context), done = std::move(done)](QKeychain::Job *j) {
                         if (!guard)
                             return;
                         const Error error = mapError(j->error(), j->errorString());
                         if (error.code != ErrorCode::None) {
                             if (error.code != ErrorCode::NotFound)
                                 qCWarning(lcCoreSecrets) << "keychain read failed:" << error.toString();
                             done(error);
                             return;
                         }
                         QByteArray bytes = static_cast<QKeychain::ReadPasswordJob *>(j)->binaryData();
                         done(SecretBytes::takeFrom(bytes));
                     });
    job->start();
}

void KeychainSecretStore::write(const QString &key, const SecretBytes &value, QObject *context,
                                WriteCallback done)
{
    if (!context) {
        qCWarning(lcCoreSecrets) << "keychain write without a context object; not started";
        return;
    }
    auto *job = newJob<QKeychain::WritePasswordJob>(m_service, key);
    QByteArray copy = value.revealCopy();
    job->setBinaryData(copy);
    // The job keeps a shallow copy until it has written: the buffer is wiped once it finished.
    QObject::connect(job, &QKeychain::Job::finished, job, [copy](QKeychain::Job *) mutable { SecretBytes::wipe(copy); });
    copy = QByteArray();
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [guard = QPointer<QObject>(context), done = std::move(done)](QKeychain::Job *j) {
                         if (!guard)
                             return;
                         const Error error = mapError(j->error(), j->errorString());
                         if (error.code != ErrorCode::None) {
                             qCWarning(lcCoreSecrets) << "keychain write failed:" << error.toString();
                             done(error);
                             return;
                         }
                         done(Status());
                     });
    job->start();
}

void KeychainSecretStore::remove(const QString &key, QObject *context, WriteCallback done)
{
    if (!context) {
        qCWarning(lcCoreSecrets) << "keychain remove without a context object; not started";
        return;
    }
    auto *job = newJob<QKeychain::DeletePasswordJob>(m_service, key);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [guard = QPointer<QObject>(context), done = std::move(done)](QKeychain::Job *j) {
                         if (!guard)
                             return;
                         const Error error = mapError(j->error(), j->errorString());
                         // Removing what is not there is success (SecretStore contract).
                         if (error.code != ErrorCode::None && error.code != ErrorCode::NotFound) {
                             qCWarning(lcCoreSecrets) << "keychain remove failed:" << error.toString();
                             done(error);
                             return;
                         }
                         done(Status());
                     });
    job->start();
}

QString KeychainSecretStore::backendName() const
{
#if defined(Q_OS_MACOS)
    return Tr::tr("macOS Keychain");
#elif defined(Q_OS_WIN)
    return Tr::tr("Windows Credential Manager");
#else
    return Tr::tr("Secret Service");
#endif
}

} // namespace Pot::Profiles
