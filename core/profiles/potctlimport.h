#pragma once

#include "core/profiles/profile.h"
#include "core/result.h"
#include "core/secretbytes.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Pot::Profiles {

/// One potctl/iofogctl namespace that can become a profile. Holds no secret: the password, if the
/// file has one, is read again only through PotctlImport::readPassword() once the user agreed.
struct PotctlCandidate
{
    Profile profile;            ///< new id; name = namespace; URL, e-mail, Keycloak and CA filled in
    QString namespaceName;
    QString controlPlaneKind;   ///< "remote", "kubernetes" or "local"
    bool isDefaultNamespace = false;
    bool hasStoredPassword = false; ///< iofogUser.password is set (base64, i.e. clear text)
    bool hasStoredTokens = false;   ///< iofogUser.accessToken/refreshToken are set (clear text)
    bool fileReadableByOthers = false;
    QString sourceFile;
    QStringList warnings;       ///< sentences for the user, e.g. the clear-text warning
};

/// The result of looking at a potctl configuration folder.
struct PotctlScan
{
    QString configDir;
    QString defaultNamespace;           ///< from config.yaml; may be empty
    QList<PotctlCandidate> candidates;  ///< sorted by namespace name
    QStringList skipped;                ///< sentences: files or namespaces that were not usable
};

/// Reads potctl (Datasance) and iofogctl v3 configuration: `~/.iofog/v3/config.yaml`
/// (`kind: potctlConfig`, `spec.defaultNamespace`) and `~/.iofog/v3/namespaces/*.yaml`
/// (`kind: Namespace`, `spec.remoteControlPlane | k8sControlPlane | localControlPlane`).
class PotctlImport final
{
public:
    /// `<home>/.iofog/v3`.
    static QString defaultConfigDir();

    /// NotFound when the folder does not exist. Unreadable files end up in PotctlScan::skipped.
    static Result<PotctlScan> scan(const QString &configDir = defaultConfigDir());

    /// One namespace file. NotFound when it has no control plane; InvalidInput when malformed.
    static Result<PotctlCandidate> parseNamespace(const QByteArray &text, const QString &sourceFile);

    /// Decodes the stored password (call only after the user agreed to import it). NotFound when
    /// the file holds none any more.
    static Result<SecretBytes> readPassword(const PotctlCandidate &candidate);

    /// potctl endpoints are often "host" or "host:port": add the scheme (http) and the Controller's
    /// default port 51121 as potctl does. URLs with a scheme are kept as typed.
    static QString normaliseEndpoint(const QString &endpoint);

    static constexpr int kDefaultControllerPort = 51121;
};

} // namespace Pot::Profiles
