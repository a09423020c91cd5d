#pragma once

#include "core/result.h"
#include "core/secretbytes.h"

#include <QObject>
#include <QString>

#include <functional>

namespace Pot::Profiles {

/// Where secrets live: the OS keychain in the application, memory in tests. Jobs are asynchronous
/// (keychains may prompt); the callback runs on `context`'s thread and not after it is destroyed.
/// Keys are "<profile uuid>/<name>" with names such as "refresh-token" and "password".
class SecretStore
{
public:
    virtual ~SecretStore() = default;

    using ReadCallback = std::function<void(Result<SecretBytes>)>;
    using WriteCallback = std::function<void(Status)>;

    /// Reads a secret; ErrorCode::NotFound when there is none, KeychainUnavailable with no backend.
    virtual void read(const QString &key, QObject *context, ReadCallback done) = 0;
    virtual void write(const QString &key, const SecretBytes &value, QObject *context,
                       WriteCallback done) = 0;
    /// Removing a missing key succeeds.
    virtual void remove(const QString &key, QObject *context, WriteCallback done) = 0;

    /// A short name of the backend for the UI ("Secret Service", "macOS Keychain", "memory").
    virtual QString backendName() const = 0;
};

} // namespace Pot::Profiles
