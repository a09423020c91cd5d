#include "secretkeys.h"


#include <memory>

namespace Pot::Profiles::SecretKeys {

namespace {

QString prefix(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces) + u'/';
}

void removeFrom(SecretStore &store, std::shared_ptr<QStringList> keys, QObject *context,
                SecretStore::WriteCallback done)
{
    if (keys->isEmpty()) {
        done(Status());
        return;
    }
    const QString key = keys->takeFirst();
    // The store outlives its users (composition root); the context guards the callback.
    store.remove(key, context, [&store, keys, context, done](Status status) {
        if (!status) {
            done(status);
            return;
        }
        removeFrom(store, keys, context, done);
    });
}

} // namespace

QString refreshTokenKey(const QUuid &profileId)
{
    return prefix(profileId) + QStringLiteral("refresh-token");
}

QString passwordKey(const QUuid &profileId)
{
    return prefix(profileId) + QStringLiteral("password");
}

QStringList allKeys(const QUuid &profileId)
{
    return {refreshTokenKey(profileId), passwordKey(profileId)};
}

void removeAll(SecretStore &store, const QUuid &profileId, QObject *context,
               SecretStore::WriteCallback done)
{
    removeFrom(store, std::make_shared<QStringList>(allKeys(profileId)), context, std::move(done));
}

} // namespace Pot::Profiles::SecretKeys
