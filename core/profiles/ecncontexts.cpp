#include "ecncontexts.h"

#include "core/logging.h"
#include "core/profiles/profilestore.h"
#include "core/profiles/yamlreader.h"
#include "core/tr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QUrl>

#include <cmath>

namespace Pot::Profiles {

namespace {

bool isUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    return url.isValid() && !url.scheme().isEmpty() && !url.host().isEmpty();
}

/// One context map → profile, or a sentence saying why not.
Result<Profile> contextToProfile(const YAML::Node &ctx, const QString &source, const QString &label)
{
    Yaml::FieldReader r(source);
    Profile p;
    p.id = QUuid::createUuid();
    p.name = r.string(ctx, "name").trimmed();
    p.controllerUrl = r.string(ctx, "controllerUrl").trimmed();
    p.keycloakUrl = r.string(ctx, "keycloakUrl").trimmed();
    p.keycloakRealm = r.string(ctx, "keycloakRealm").trimmed();
    p.keycloakClientId = r.string(ctx, "keycloakClientId").trimmed();
    const QString ca = r.string(ctx, "controllerCA").trimmed();
    const qint64 refreshMs = r.integer(ctx, "refresh", -1);
    if (!r.ok())
        return Error(ErrorCode::InvalidInput, r.error().message);

    const auto problem = [&](const QString &why) {
        return Error(ErrorCode::InvalidInput, Yaml::where(source, ctx) + u": " + label + u": " + why);
    };
    if (p.name.isEmpty())
        return problem(Tr::tr("the context has no name."));
    if (p.controllerUrl.isEmpty())
        return problem(Tr::tr("context \"%1\" has no controllerUrl.").arg(p.name));
    if (!isUrl(p.controllerUrl))
        return problem(Tr::tr("controllerUrl \"%1\" of context \"%2\" is not a valid URL.")
                           .arg(p.controllerUrl, p.name));
    if (!p.keycloakUrl.isEmpty() && !isUrl(p.keycloakUrl))
        return problem(Tr::tr("keycloakUrl \"%1\" of context \"%2\" is not a valid URL.")
                           .arg(p.keycloakUrl, p.name));
    if (!ca.isEmpty()) {
        const auto decoded = QByteArray::fromBase64Encoding(ca.toLatin1(),
                                                            QByteArray::AbortOnBase64DecodingErrors);
        const QString pem = decoded ? QString::fromUtf8(*decoded) : QString();
        if (!pem.contains(u"-----BEGIN CERTIFICATE-----"))
            return problem(Tr::tr("controllerCA of context \"%1\" is not a base64-encoded PEM "
                                  "certificate.")
                               .arg(p.name));
        p.caCertificatePem = pem.trimmed() + u'\n';
    }
    if (refreshMs >= 0) {
        if (refreshMs < EcnContexts::kMinRefreshMs)
            return problem(Tr::tr("refresh of context \"%1\" must be at least %2 ms.")
                               .arg(p.name)
                               .arg(EcnContexts::kMinRefreshMs));
        p.refreshIntervalSec = int(qBound(qint64(ProfileStore::kMinRefreshSec),
                                          qint64(std::llround(double(refreshMs) / 1000.0)),
                                          qint64(ProfileStore::kMaxRefreshSec)));
    }
    const bool keycloak = !p.keycloakUrl.isEmpty() && !p.keycloakRealm.isEmpty()
                          && !p.keycloakClientId.isEmpty();
    // ECN-Viewer signs in through Keycloak; without it the Controller takes e-mail and password.
    p.auth = keycloak ? AuthKind::Browser : AuthKind::Password;
    if (const Status valid = ProfileStore::validate(p); !valid)
        return problem(valid.error().message);
    return p;
}

} // namespace

Result<EcnContextsImport> EcnContexts::parse(const QByteArray &text, const QString &sourceName)
{
    auto docs = Yaml::loadAll(text, sourceName);
    if (!docs)
        return docs.error();
    EcnContextsImport result;
    try {
        int docIndex = 0;
        for (const YAML::Node &doc : *docs) {
            ++docIndex;
            if (!doc.IsDefined() || doc.IsNull())
                continue;
            const QString docLabel = Tr::tr("document %1").arg(docIndex);
            if (!doc.IsMap()) {
                result.problems.append(Yaml::where(sourceName, doc) + u": "
                                       + Tr::tr("%1 is not an ECN-Viewer context.").arg(docLabel));
                continue;
            }
            const YAML::Node list = doc["contexts"];
            if (list.IsDefined() && !list.IsNull()) {
                if (!list.IsSequence()) {
                    result.problems.append(Yaml::where(sourceName, list) + u": "
                                           + Tr::tr("\"contexts\" must be a list."));
                    continue;
                }
                int item = 0;
                for (const YAML::Node &ctx : list) {
                    ++item;
                    const QString label = Tr::tr("context %1").arg(item);
                    if (!ctx.IsMap()) {
                        result.problems.append(Yaml::where(sourceName, ctx) + u": "
                                               + Tr::tr("%1 is not a map of fields.").arg(label));
                        continue;
                    }
                    auto p = contextToProfile(ctx, sourceName, label);
                    if (p)
                        result.profiles.append(*p);
                    else
                        result.problems.append(p.error().message);
                }
                continue;
            }
            auto p = contextToProfile(doc, sourceName, docLabel);
            if (p)
                result.profiles.append(*p);
            else
                result.problems.append(p.error().message);
        }
    } catch (const YAML::Exception &e) {
        return Error(ErrorCode::InvalidInput, Tr::tr("%1 could not be read.").arg(sourceName),
                     QString::fromStdString(e.msg));
    }
    if (result.profiles.isEmpty()) {
        if (result.problems.isEmpty())
            return Error(ErrorCode::InvalidInput,
                         Tr::tr("%1 holds no ECN-Viewer context.").arg(sourceName));
        return Error(ErrorCode::InvalidInput,
                     Tr::tr("No context in %1 could be imported.").arg(sourceName),
                     result.problems.join(u'\n'));
    }
    return result;
}

Result<EcnContextsImport> EcnContexts::importFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(file.exists() ? ErrorCode::Io : ErrorCode::NotFound,
                     Tr::tr("%1 could not be read.").arg(QDir::toNativeSeparators(path)),
                     file.errorString());
    return parse(file.readAll(), QFileInfo(path).fileName());
}

QByteArray EcnContexts::serialize(const QList<Profile> &profiles)
{
    using Yaml::toStd;
    QByteArray out;
    bool first = true;
    for (const Profile &p : profiles) {
        YAML::Emitter e;
        e << YAML::BeginMap;
        e << YAML::Key << "id" << YAML::Value << toStd(p.id.toString(QUuid::WithoutBraces));
        e << YAML::Key << "name" << YAML::Value << toStd(p.name);
        e << YAML::Key << "controllerUrl" << YAML::Value << toStd(p.controllerUrl);
        const auto text = [&e](const char *key, const QString &value) {
            if (!value.isEmpty())
                e << YAML::Key << key << YAML::Value << toStd(value);
        };
        text("keycloakUrl", p.keycloakUrl);
        text("keycloakRealm", p.keycloakRealm);
        text("keycloakClientId", p.keycloakClientId);
        if (!p.caCertificatePem.isEmpty())
            text("controllerCA", QString::fromLatin1(p.caCertificatePem.toUtf8().toBase64()));
        e << YAML::Key << "refresh" << YAML::Value << qint64(p.refreshIntervalSec) * 1000;
        e << YAML::EndMap;
        if (!first)
            out += "---\n";
        first = false;
        out += QByteArray(e.c_str(), qsizetype(e.size()));
        out += '\n';
    }
    return out;
}

Status EcnContexts::exportFile(const QList<Profile> &profiles, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(ErrorCode::Io,
                     Tr::tr("The contexts could not be written to %1.").arg(QDir::toNativeSeparators(path)),
                     file.errorString());
    const QByteArray text = serialize(profiles);
    if (file.write(text) != text.size() || !file.commit())
        return Error(ErrorCode::Io,
                     Tr::tr("The contexts could not be written to %1.").arg(QDir::toNativeSeparators(path)),
                     file.errorString());
    qCInfo(lcCoreProfiles) << "exported" << profiles.size() << "ECN-Viewer contexts to" << path;
    return {};
}

} // namespace Pot::Profiles
