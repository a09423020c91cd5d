#pragma once

#include "core/profiles/secretstore.h"

#include <QString>
#include <QStringList>
#include <QUuid>

namespace Pot::Profiles::SecretKeys {

/// "<uuid>/refresh-token": the OAuth/Controller refresh token of a profile.
QString refreshTokenKey(const QUuid &profileId);
/// "<uuid>/password": the password, only when the user ticked "remember password".
QString passwordKey(const QUuid &profileId);
/// Every key a profile may own, for clean removal.
QStringList allKeys(const QUuid &profileId);

/// Removes every secret of a profile, one job after the other; `done` runs once on `context` with
/// the first failure or success.
void removeAll(SecretStore &store, const QUuid &profileId, QObject *context,
               SecretStore::WriteCallback done);

} // namespace Pot::Profiles::SecretKeys
