#pragma once

#include "core/profiles/secretstore.h"

#include <QHash>
#include <QStringList>

namespace Pot::Profiles {

/// Secrets in process memory only: for tests, and for the session when no keychain exists (then
/// nothing secret is written anywhere and the user is asked again next time). Callbacks are queued
/// to `context` like a real keychain's, so callers never depend on synchronous completion.
/// Use from one thread.
class MemorySecretStore final : public SecretStore
{
public:
    MemorySecretStore() = default;
    ~MemorySecretStore() override;

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const SecretBytes &value, QObject *context,
               WriteCallback done) override;
    void remove(const QString &key, QObject *context, WriteCallback done) override;
    QString backendName() const override;

    /// Simulates a machine without keychain: every job fails with KeychainUnavailable.
    void setUnavailable(bool unavailable) { m_unavailable = unavailable; }
    bool contains(const QString &key) const { return m_secrets.contains(key); }
    QStringList keys() const { return m_secrets.keys(); }
    void clear() { m_secrets.clear(); }

private:
    Error unavailableError() const;

    QHash<QString, SecretBytes> m_secrets;
    bool m_unavailable = false;
};

} // namespace Pot::Profiles
