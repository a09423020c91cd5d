#pragma once

#include "core/profiles/profile.h"
#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Pot::Profiles {

/// Profiles read from ECN-Viewer desktop contexts, plus sentences about contexts that were skipped.
struct EcnContextsImport
{
    QList<Profile> profiles; ///< new ids; names as in the file (make them unique before adding)
    QStringList problems;
};

/// ECN-Viewer desktop (release/2.0.x) contexts: one context per YAML document (`---` between
/// them), each `{id, name, controllerUrl, keycloakUrl, keycloakRealm, keycloakClientId,
/// controllerCA (base64 PEM), refresh (ms)}`. Import also accepts the app's store layout
/// (`contexts:` list, as in contexts.json). Export writes only those keys, as ECN-Viewer rejects
/// others, and never a secret; colour, read-only, e-mail and pin do not travel.
class EcnContexts final
{
public:
    /// InvalidInput for bad YAML (line/column) or when no context in the text is usable.
    static Result<EcnContextsImport> parse(const QByteArray &text, const QString &sourceName);
    static Result<EcnContextsImport> importFile(const QString &path);

    static QByteArray serialize(const QList<Profile> &profiles);
    static Status exportFile(const QList<Profile> &profiles, const QString &path);

    static constexpr int kMinRefreshMs = 500; ///< ECN-Viewer's schema minimum
};

} // namespace Pot::Profiles
