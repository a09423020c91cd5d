#pragma once

#include "core/profiles/secretstore.h"

#include <QString>

namespace Pot::Profiles {

/// Secrets in the OS keychain through QtKeychain (macOS Keychain, Windows Credential Manager,
/// Secret Service on Linux). Never falls back to a plain-text file: with no backend every job fails
/// with ErrorCode::KeychainUnavailable and a message for the user. Jobs are asynchronous and never
/// block; callbacks run on `context`'s thread and never after it is destroyed.
class KeychainSecretStore final : public SecretStore
{
public:
    static constexpr auto kDefaultService = "PoT Console";

    explicit KeychainSecretStore(QString service = QString::fromLatin1(kDefaultService));
    ~KeychainSecretStore() override;

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const SecretBytes &value, QObject *context,
               WriteCallback done) override;
    void remove(const QString &key, QObject *context, WriteCallback done) override;
    QString backendName() const override;

    QString service() const { return m_service; }

    /// Maps a QtKeychain result (QKeychain::Error as int, errorString) to a typed error.
    /// NoError gives ErrorCode::None.
    static Error mapError(int keychainError, const QString &errorString);

private:
    QString m_service;
};

} // namespace Pot::Profiles
