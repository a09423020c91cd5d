#include "potctlimport.h"

#include "core/logging.h"
#include "core/profiles/profilestore.h"
#include "core/profiles/yamlreader.h"
#include "core/tr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <algorithm>

namespace Pot::Profiles {

namespace {

Result<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return Error(ErrorCode::NotFound,
                     Tr::tr("%1 does not exist.").arg(QDir::toNativeSeparators(path)));
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, Tr::tr("%1 could not be read.").arg(QDir::toNativeSeparators(path)),
                     file.errorString());
    return file.readAll();
}

QString decodedPem(const QString &base64)
{
    if (base64.trimmed().isEmpty())
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(base64.trimmed().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return {};
    const QString pem = QString::fromUtf8(*decoded);
    return pem.contains(u"-----BEGIN CERTIFICATE-----") ? pem : QString();
}

struct ControlPlaneNode
{
    YAML::Node node = YAML::Node(YAML::NodeType::Undefined);
    QString kind;
};

ControlPlaneNode findControlPlane(Yaml::FieldReader &r, const YAML::Node &spec)
{
    static const std::pair<const char *, const char *> kinds[] = {
        {"remoteControlPlane", "remote"},
        {"k8sControlPlane", "kubernetes"},
        {"localControlPlane", "local"},
        {"controlPlane", "remote"}, // iofogctl v2 layout
    };
    for (const auto &[key, kind] : kinds) {
        const YAML::Node cp = r.child(spec, key);
        if (cp.IsDefined()) {
            if (!cp.IsMap()) {
                r.fail(cp, Tr::tr("\"%1\" must be a map.").arg(QString::fromLatin1(key)));
                return {};
            }
            return {cp, QString::fromLatin1(kind)};
        }
    }
    return {};
}

} // namespace

QString PotctlImport::defaultConfigDir()
{
    return QDir::homePath() + QStringLiteral("/.iofog/v3");
}

QString PotctlImport::normaliseEndpoint(const QString &endpoint)
{
    const QString trimmed = endpoint.trimmed();
    if (trimmed.isEmpty() || trimmed.contains(u"://"))
        return trimmed;
    QUrl url(QStringLiteral("http://") + trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return trimmed;
    if (url.port() == -1)
        url.setPort(kDefaultControllerPort);
    return url.toString(QUrl::StripTrailingSlash);
}

Result<PotctlCandidate> PotctlImport::parseNamespace(const QByteArray &text, const QString &sourceFile)
{
    const QString source = QFileInfo(sourceFile).fileName();
    auto docs = Yaml::loadAll(text, source);
    if (!docs)
        return docs.error();
    try {
        if (docs->empty() || !docs->front().IsMap())
            return Error(ErrorCode::InvalidInput,
                         Tr::tr("%1 is not a potctl namespace file.").arg(source));
        const YAML::Node root = docs->front();
        Yaml::FieldReader r(source);
        const QString kind = r.string(root, "kind");
        if (!kind.isEmpty() && kind != u"Namespace")
            return Error(ErrorCode::InvalidInput,
                         Tr::tr("%1 is not a potctl namespace file (kind: %2).").arg(source, kind));
        const YAML::Node spec = r.child(root, "spec");
        if (!spec.IsMap())
            return Error(ErrorCode::InvalidInput,
                         Tr::tr("%1 has no \"spec\" map; it is not a potctl namespace file.").arg(source));

        PotctlCandidate c;
        c.sourceFile = sourceFile;
        c.namespaceName = r.string(spec, "name");
        if (c.namespaceName.isEmpty())
            c.namespaceName = r.string(r.child(root, "metadata"), "name");
        if (c.namespaceName.isEmpty())
            c.namespaceName = QFileInfo(sourceFile).completeBaseName();

        const ControlPlaneNode cp = findControlPlane(r, spec);
        if (!r.ok())
            return r.error();
        if (!cp.node.IsDefined())
            return Error(ErrorCode::NotFound,
                         Tr::tr("Namespace \"%1\" has no control plane.").arg(c.namespaceName));
        c.controlPlaneKind = cp.kind;

        // The Controller endpoint, where each control-plane kind keeps it.
        QString endpoint = r.string(cp.node, "endpoint");
        QString caBase64;
        const YAML::Node controllers = r.child(cp.node, "controllers");
        if (controllers.IsSequence()) {
            QString firstHost;
            for (const YAML::Node &ctrl : controllers) {
                if (!ctrl.IsMap())
                    continue;
                const QString ep = r.string(ctrl, "endpoint");
                if (firstHost.isEmpty())
                    firstHost = r.string(ctrl, "host");
                if (endpoint.isEmpty() && !ep.isEmpty()) {
                    endpoint = ep;
                    caBase64 = r.string(r.child(ctrl, "https"), "caCert");
                }
            }
            // A Controller deployed by potctl without a recorded endpoint listens on host:51121.
            if (endpoint.isEmpty())
                endpoint = firstHost;
        }
        const YAML::Node localController = r.child(cp.node, "controller");
        if (endpoint.isEmpty() && cp.kind == u"local" && localController.IsMap())
            endpoint = r.string(localController, "endpoint");
        if (!r.ok())
            return r.error();
        if (endpoint.trimmed().isEmpty())
            return Error(ErrorCode::InvalidInput,
                         Tr::tr("Namespace \"%1\" has no Controller endpoint.").arg(c.namespaceName));

        const YAML::Node user = r.child(cp.node, "iofogUser");
        const YAML::Node auth = r.child(cp.node, "auth");
        Profile &p = c.profile;
        p.id = QUuid::createUuid();
        p.name = c.namespaceName;
        p.controllerUrl = normaliseEndpoint(endpoint);
        p.email = r.string(user, "email").trimmed();
        p.keycloakUrl = r.string(auth, "url").trimmed();
        p.keycloakRealm = r.string(auth, "realm").trimmed();
        p.keycloakClientId = r.string(auth, "viewerClient").trimmed();
        p.caCertificatePem = decodedPem(caBase64);
        const bool keycloakComplete = !p.keycloakUrl.isEmpty() && !p.keycloakRealm.isEmpty()
                                      && !p.keycloakClientId.isEmpty();
        p.auth = (p.email.isEmpty() && keycloakComplete) ? AuthKind::Browser : AuthKind::Password;
        c.hasStoredPassword = !r.string(user, "password").isEmpty();
        c.hasStoredTokens = !r.string(user, "accessToken").isEmpty()
                            || !r.string(user, "refreshToken").isEmpty();
        if (!r.ok())
            return r.error();
        if (!caBase64.isEmpty() && p.caCertificatePem.isEmpty())
            c.warnings.append(Tr::tr("The Controller CA in %1 is not a base64 PEM certificate and "
                                     "was not imported.")
                                  .arg(source));

        if (const Status valid = ProfileStore::validate(p); !valid)
            return Error(ErrorCode::InvalidInput,
                         Tr::tr("Namespace \"%1\" in %2 cannot become a profile: %3")
                             .arg(c.namespaceName, source, valid.error().message));
        return c;
    } catch (const YAML::Exception &e) {
        return Error(ErrorCode::InvalidInput, Tr::tr("%1 could not be read.").arg(source),
                     QString::fromStdString(e.msg));
    }
}

Result<PotctlScan> PotctlImport::scan(const QString &configDir)
{
    const QDir dir(configDir);
    if (!dir.exists())
        return Error(ErrorCode::NotFound, Tr::tr("No potctl configuration was found in %1.")
                                              .arg(QDir::toNativeSeparators(configDir)));
    PotctlScan scan;
    scan.configDir = configDir;

    const QString configFile = dir.filePath(QStringLiteral("config.yaml"));
    if (QFileInfo::exists(configFile)) {
        auto text = readFile(configFile);
        auto docs = text ? Yaml::loadAll(*text, QStringLiteral("config.yaml"))
                         : Result<std::vector<YAML::Node>>(text.error());
        if (!docs) {
            scan.skipped.append(docs.error().message);
        } else if (!docs->empty()) {
            try {
                Yaml::FieldReader r(QStringLiteral("config.yaml"));
                const YAML::Node spec = r.child(docs->front(), "spec");
                scan.defaultNamespace = r.string(spec, "defaultNamespace");
                if (scan.defaultNamespace.isEmpty()) // iofogctl v1 kept it at the top level
                    scan.defaultNamespace = r.string(docs->front(), "defaultNamespace");
                if (!r.ok())
                    scan.skipped.append(r.error().message);
            } catch (const YAML::Exception &e) {
                scan.skipped.append(Tr::tr("config.yaml could not be read: %1")
                                        .arg(QString::fromStdString(e.msg)));
            }
        }
    }

    const QDir nsDir(dir.filePath(QStringLiteral("namespaces")));
    const QStringList files = nsDir.entryList({QStringLiteral("*.yaml"), QStringLiteral("*.yml")},
                                              QDir::Files | QDir::Readable, QDir::Name);
    for (const QString &name : files) {
        // potctl's bookkeeping namespace for detached agents.
        if (name.startsWith(u"_detached."))
            continue;
        const QString path = nsDir.filePath(name);
        auto text = readFile(path);
        if (!text) {
            scan.skipped.append(text.error().message);
            continue;
        }
        auto parsed = parseNamespace(*text, path);
        if (!parsed) {
            scan.skipped.append(parsed.error().message);
            continue;
        }
        PotctlCandidate c = std::move(parsed).value();
        c.isDefaultNamespace = !scan.defaultNamespace.isEmpty() && c.namespaceName == scan.defaultNamespace;
        c.fileReadableByOthers = QFileInfo(path).permissions().testFlag(QFileDevice::ReadOther);
        if (c.hasStoredPassword || c.hasStoredTokens) {
            QString warning = c.hasStoredPassword
                                  ? Tr::tr("%1 holds the password of %2 in clear text: base64 is an "
                                           "encoding, not encryption.")
                                        .arg(QDir::toNativeSeparators(path),
                                             c.profile.email.isEmpty() ? c.namespaceName : c.profile.email)
                                  : Tr::tr("%1 holds sign-in tokens in clear text.")
                                        .arg(QDir::toNativeSeparators(path));
            if (c.hasStoredPassword && c.hasStoredTokens)
                warning += u' ' + Tr::tr("It also holds sign-in tokens in clear text.");
            if (c.fileReadableByOthers)
                warning += u' ' + Tr::tr("Other users of this computer can read the file.");
            if (c.hasStoredPassword)
                warning += u' '
                           + Tr::tr("Import the password into the keychain only if you agree; the "
                                    "file itself is left unchanged.");
            c.warnings.prepend(warning);
        }
        scan.candidates.append(std::move(c));
    }
    qCInfo(lcCoreProfiles) << "potctl scan of" << configDir << "found" << scan.candidates.size()
                           << "control planes," << scan.skipped.size() << "skipped";
    return scan;
}

Result<SecretBytes> PotctlImport::readPassword(const PotctlCandidate &candidate)
{
    auto text = readFile(candidate.sourceFile);
    if (!text)
        return text.error();
    const QString source = QFileInfo(candidate.sourceFile).fileName();
    auto docs = Yaml::loadAll(*text, source);
    SecretBytes::wipe(*text);
    if (!docs)
        return docs.error();
    try {
        if (docs->empty())
            return Error(ErrorCode::NotFound, Tr::tr("%1 no longer holds a password.").arg(source));
        Yaml::FieldReader r(source);
        const YAML::Node spec = r.child(docs->front(), "spec");
        const ControlPlaneNode cp = findControlPlane(r, spec);
        const YAML::Node user = r.child(cp.node, "iofogUser");
        const YAML::Node node = r.child(user, "password");
        if (!r.ok())
            return r.error();
        if (!node.IsDefined() || !node.IsScalar() || node.Scalar().empty())
            return Error(ErrorCode::NotFound, Tr::tr("%1 no longer holds a password.").arg(source));
        std::string encoded = node.Scalar();
        QByteArray raw(encoded.data(), qsizetype(encoded.size()));
        std::fill(encoded.begin(), encoded.end(), '\0');
        auto decoded = QByteArray::fromBase64Encoding(raw, QByteArray::AbortOnBase64DecodingErrors);
        // potctl falls back to the text itself when it is not base64 (GetRawPassword).
        SecretBytes password = decoded ? SecretBytes::takeFrom(decoded.decoded) : SecretBytes(raw);
        SecretBytes::wipe(raw);
        return password;
    } catch (const YAML::Exception &e) {
        return Error(ErrorCode::InvalidInput, Tr::tr("%1 could not be read.").arg(source),
                     QString::fromStdString(e.msg));
    }
}

} // namespace Pot::Profiles
