#include "memorysecretstore.h"

#include "core/logging.h"
#include "core/tr.h"

#include <QMetaObject>
#include <QPointer>

#include <utility>

namespace Pot::Profiles {

namespace {

/// Queues `fn` to `context`; dropped by Qt if the context is destroyed first.
template<typename Fn>
void deliver(QObject *context, Fn &&fn)
{
    if (!context) {
        qCWarning(lcCoreSecrets) << "secret job without a context object; result dropped";
        return;
    }
    QMetaObject::invokeMethod(
        context,
        [guard = QPointer<QObject>(context), fn = std::forward<Fn>(fn)]() mutable {
            if (guard)
                fn();
        },
        Qt::QueuedConnection);
}

} // namespace

MemorySecretStore::~MemorySecretStore() = default;

Error MemorySecretStore::unavailableError() const
{
    return Error(ErrorCode::KeychainUnavailable,
                 Tr::tr("No keychain is available. Secrets will not be saved; you will be asked "
                        "again next time."));
}

void MemorySecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    Result<SecretBytes> result = Error(ErrorCode::NotFound, Tr::tr("No secret is stored for this profile."));
    if (m_unavailable)
        result = unavailableError();
    else if (const auto it = m_secrets.constFind(key); it != m_secrets.constEnd())
        result = it.value();
    deliver(context, [done = std::move(done), result = std::move(result)]() mutable {
        done(std::move(result));
    });
}

void MemorySecretStore::write(const QString &key, const SecretBytes &value, QObject *context,
                              WriteCallback done)
{
    Status status;
    if (m_unavailable)
        status = unavailableError();
    else
        m_secrets.insert(key, value);
    deliver(context, [done = std::move(done), status]() { done(status); });
}

void MemorySecretStore::remove(const QString &key, QObject *context, WriteCallback done)
{
    Status status;
    if (m_unavailable)
        status = unavailableError();
    else
        m_secrets.remove(key);
    deliver(context, [done = std::move(done), status]() { done(status); });
}

QString MemorySecretStore::backendName() const
{
    return Tr::tr("memory (not saved)");
}

} // namespace Pot::Profiles
