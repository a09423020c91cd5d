#include "profilestore.h"

#include "core/tls/trustpolicy.h"

#include "core/logging.h"
#include "core/profiles/yamlreader.h"
#include "core/tr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUrl>

#include <utility>

namespace Pot::Profiles {

namespace {

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

QString authName(AuthKind kind)
{
    return kind == AuthKind::Browser ? QStringLiteral("browser") : QStringLiteral("password");
}

QString nameKey(const QString &name)
{
    return name.trimmed().toCaseFolded();
}

bool isHttpUrl(const QString &text, bool requireScheme)
{
    QString candidate = text.trimmed();
    if (candidate.isEmpty() || candidate.contains(QRegularExpression(QStringLiteral("\\s"))))
        return false;
    if (!candidate.contains(u"://")) {
        if (requireScheme)
            return false;
        // "host:port" as potctl users type it; the client adds the scheme.
        candidate.prepend(u"http://");
    }
    const QUrl url(candidate, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == u"http" || url.scheme() == u"https")
           && !url.host().isEmpty();
}

/// Trims what users type around values; the stored form is what validate() sees.
Profile normalised(Profile p)
{
    p.name = p.name.trimmed();
    p.controllerUrl = p.controllerUrl.trimmed();
    p.email = p.email.trimmed();
    p.keycloakUrl = p.keycloakUrl.trimmed();
    p.keycloakRealm = p.keycloakRealm.trimmed();
    p.keycloakClientId = p.keycloakClientId.trimmed();
    p.pinnedSha256 = p.pinnedSha256.trimmed();
    p.colour = p.colour.trimmed();
    p.caCertificatePem = p.caCertificatePem.trimmed();
    // A CA pasted as one line is stored re-wrapped; one that cannot be read is kept as typed for
    // validate() to refuse with the reason.
    if (auto canonical = Tls::normaliseCaPem(p.caCertificatePem); canonical)
        p.caCertificatePem = *canonical;
    if (!p.caCertificatePem.isEmpty() && !p.caCertificatePem.endsWith(u'\n'))
        p.caCertificatePem += u'\n';
    return p;
}

} // namespace

ProfileStore::ProfileStore(QObject *parent)
    : ProfileStore(defaultFilePath(), parent)
{}

ProfileStore::ProfileStore(QString filePath, QObject *parent)
    : QObject(parent)
    , m_filePath(std::move(filePath))
{}

ProfileStore::~ProfileStore() = default;

QString ProfileStore::defaultFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
           + QStringLiteral("/profiles.yaml");
}

int ProfileStore::indexOf(const QUuid &id) const
{
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles.at(i).id == id)
            return i;
    }
    return -1;
}

std::optional<Profile> ProfileStore::findById(const QUuid &id) const
{
    const int row = indexOf(id);
    if (row < 0)
        return std::nullopt;
    return m_profiles.at(row);
}

std::optional<Profile> ProfileStore::findByName(const QString &name) const
{
    const QString key = nameKey(name);
    for (const Profile &p : m_profiles) {
        if (nameKey(p.name) == key)
            return p;
    }
    return std::nullopt;
}

QString ProfileStore::uniqueName(const QString &base) const
{
    const QString trimmed = base.trimmed();
    if (!findByName(trimmed))
        return trimmed;
    for (int n = 2;; ++n) {
        const QString candidate = QStringLiteral("%1 (%2)").arg(trimmed).arg(n);
        if (!findByName(candidate))
            return candidate;
    }
}

Status ProfileStore::validate(const Profile &p, CaCheck caCheck)
{
    const auto invalid = [](const QString &message) {
        return Status(Error(ErrorCode::InvalidInput, message));
    };
    if (p.id.isNull())
        return invalid(Tr::tr("The profile has no id."));
    if (p.name.trimmed().isEmpty())
        return invalid(Tr::tr("Give the profile a name."));
    if (p.name.size() > 100)
        return invalid(Tr::tr("The profile name is longer than 100 characters."));
    for (const QChar c : p.name) {
        if (c.category() == QChar::Other_Control)
            return invalid(Tr::tr("The profile name contains control characters."));
    }
    if (p.controllerUrl.trimmed().isEmpty())
        return invalid(Tr::tr("Profile \"%1\" has no Controller URL.").arg(p.name));
    if (!isHttpUrl(p.controllerUrl, false))
        return invalid(Tr::tr("Profile \"%1\": \"%2\" is not a valid Controller URL (expected "
                              "https://host[:port] or host:port).")
                           .arg(p.name, p.controllerUrl));
    if (!p.email.trimmed().isEmpty() && !p.email.contains(u'@'))
        return invalid(Tr::tr("Profile \"%1\": \"%2\" is not an e-mail address.").arg(p.name, p.email));
    if (p.auth == AuthKind::Browser) {
        if (p.keycloakUrl.trimmed().isEmpty() || p.keycloakRealm.trimmed().isEmpty()
            || p.keycloakClientId.trimmed().isEmpty())
            return invalid(Tr::tr("Profile \"%1\" signs in through the browser but lacks the "
                                  "Keycloak URL, realm or client id.")
                               .arg(p.name));
    }
    if (!p.keycloakUrl.trimmed().isEmpty() && !isHttpUrl(p.keycloakUrl, true))
        return invalid(Tr::tr("Profile \"%1\": \"%2\" is not a valid Keycloak URL.")
                           .arg(p.name, p.keycloakUrl));
    if (!p.caCertificatePem.trimmed().isEmpty()) {
        if (caCheck == CaCheck::Lenient) {
            if (!p.caCertificatePem.contains(u"-----BEGIN CERTIFICATE-----"))
                return invalid(Tr::tr("Profile \"%1\": the CA certificate is not PEM text "
                                      "(-----BEGIN CERTIFICATE-----).")
                                   .arg(p.name));
        } else if (auto canonical = Tls::normaliseCaPem(p.caCertificatePem); !canonical) {
            return invalid(Tr::tr("Profile \"%1\": %2").arg(p.name, canonical.error().message));
        }
    }
    if (!p.pinnedSha256.trimmed().isEmpty()) {
        QString hex = p.pinnedSha256;
        hex.remove(u':').remove(u' ');
        static const QRegularExpression hexRe(QStringLiteral("^[0-9A-Fa-f]{64}$"));
        if (!hexRe.match(hex).hasMatch())
            return invalid(Tr::tr("Profile \"%1\": the certificate pin must be a SHA-256 "
                                  "fingerprint (64 hexadecimal digits, colons allowed).")
                               .arg(p.name));
    }
    if (!p.colour.trimmed().isEmpty()) {
        static const QRegularExpression colourRe(QStringLiteral("^#[0-9A-Fa-f]{6}$"));
        if (!colourRe.match(p.colour.trimmed()).hasMatch())
            return invalid(Tr::tr("Profile \"%1\": the colour \"%2\" is not of the form #rrggbb.")
                               .arg(p.name, p.colour));
    }
    if (p.refreshIntervalSec < kMinRefreshSec || p.refreshIntervalSec > kMaxRefreshSec)
        return invalid(Tr::tr("Profile \"%1\": the refresh interval must be between %2 and %3 "
                              "seconds.")
                           .arg(p.name)
                           .arg(kMinRefreshSec)
                           .arg(kMaxRefreshSec));
    return {};
}

QByteArray ProfileStore::serialize(const QList<Profile> &profiles)
{
    using Yaml::toStd;
    YAML::Emitter out;
    out << YAML::Comment("PoT Console control-plane profiles. No password or token is kept here:\n"
                         "secrets live in the operating system's keychain.");
    out << YAML::Newline;
    out << YAML::BeginMap;
    out << YAML::Key << "version" << YAML::Value << kFormatVersion;
    out << YAML::Key << "profiles" << YAML::Value << YAML::BeginSeq;
    for (const Profile &p : profiles) {
        const auto text = [&out](const char *key, const QString &value) {
            if (!value.isEmpty())
                out << YAML::Key << key << YAML::Value << toStd(value);
        };
        out << YAML::BeginMap;
        out << YAML::Key << "id" << YAML::Value << toStd(p.id.toString(QUuid::WithoutBraces));
        text("name", p.name);
        text("controllerUrl", p.controllerUrl);
        out << YAML::Key << "auth" << YAML::Value << toStd(authName(p.auth));
        text("email", p.email);
        text("keycloakUrl", p.keycloakUrl);
        text("keycloakRealm", p.keycloakRealm);
        text("keycloakClientId", p.keycloakClientId);
        if (!p.caCertificatePem.isEmpty())
            out << YAML::Key << "caCertificate" << YAML::Value << YAML::Literal
                << toStd(p.caCertificatePem);
        text("pinnedSha256", p.pinnedSha256);
        text("colour", p.colour);
        out << YAML::Key << "readOnly" << YAML::Value << p.readOnly;
        out << YAML::Key << "rememberPassword" << YAML::Value << p.rememberPassword;
        out << YAML::Key << "refreshIntervalSec" << YAML::Value << p.refreshIntervalSec;
        if (p.demo)
            out << YAML::Key << "demo" << YAML::Value << true;
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;
    out << YAML::EndMap;
    out << YAML::Newline;
    return QByteArray(out.c_str(), qsizetype(out.size()));
}

Result<QList<Profile>> ProfileStore::parse(const QByteArray &text, const QString &sourceName)
{
    auto docs = Yaml::loadAll(text, sourceName);
    if (!docs)
        return docs.error();
    QList<Profile> result;
    try {
        if (docs->empty() || docs->front().IsNull())
            return result;
        if (docs->size() > 1)
            return Error(ErrorCode::InvalidInput,
                         Tr::tr("%1 holds several YAML documents; expected one.").arg(sourceName));
        const YAML::Node root = docs->front();
        Yaml::FieldReader r(sourceName);
        if (!root.IsMap())
            return Error(ErrorCode::InvalidInput,
                         Yaml::where(sourceName, root)
                             + Tr::tr(": expected \"version\" and \"profiles\" at the top level."));
        const qint64 version = r.integer(root, "version", kFormatVersion);
        if (!r.ok())
            return r.error();
        if (version > kFormatVersion)
            return Error(ErrorCode::InvalidInput,
                         Tr::tr("%1 was written by a newer PoT Console (format %2; this version "
                                "reads format %3).")
                             .arg(sourceName)
                             .arg(version)
                             .arg(kFormatVersion));
        const YAML::Node list = r.child(root, "profiles");
        if (!list.IsDefined())
            return result;
        if (!list.IsSequence())
            return Error(ErrorCode::InvalidInput,
                         Yaml::where(sourceName, list) + Tr::tr(": \"profiles\" must be a list."));
        for (const YAML::Node &entry : list) {
            if (!entry.IsMap())
                return Error(ErrorCode::InvalidInput,
                             Yaml::where(sourceName, entry)
                                 + Tr::tr(": each profile must be a map of fields."));
            Profile p;
            const QString idText = r.string(entry, "id");
            p.id = QUuid::fromString(idText);
            if (p.id.isNull())
                r.fail(entry, Tr::tr("the profile has no valid \"id\" (found \"%1\").").arg(idText));
            p.name = r.string(entry, "name");
            p.controllerUrl = r.string(entry, "controllerUrl");
            const QString auth = r.string(entry, "auth");
            if (auth.isEmpty() || auth == u"password")
                p.auth = AuthKind::Password;
            else if (auth == u"browser")
                p.auth = AuthKind::Browser;
            else
                r.fail(entry["auth"],
                       Tr::tr("\"auth\" must be \"password\" or \"browser\", not \"%1\".").arg(auth));
            p.email = r.string(entry, "email");
            p.keycloakUrl = r.string(entry, "keycloakUrl");
            p.keycloakRealm = r.string(entry, "keycloakRealm");
            p.keycloakClientId = r.string(entry, "keycloakClientId");
            p.caCertificatePem = r.string(entry, "caCertificate");
            p.pinnedSha256 = r.string(entry, "pinnedSha256");
            p.colour = r.string(entry, "colour");
            p.readOnly = r.boolean(entry, "readOnly", false);
            p.rememberPassword = r.boolean(entry, "rememberPassword", false);
            p.demo = r.boolean(entry, "demo", false);
            const qint64 refresh = r.integer(entry, "refreshIntervalSec", 30);
            p.refreshIntervalSec = int(qBound(qint64(-1), refresh, qint64(kMaxRefreshSec) + 1));
            if (!r.ok())
                return r.error();
            p = normalised(p);
            // A CA text that an older version accepted must not make the whole file unreadable:
            // it is refused when that profile connects ("Profile settings unusable").
            if (const Status valid = validate(p, CaCheck::Lenient); !valid)
                return Error(ErrorCode::InvalidInput,
                             Yaml::where(sourceName, entry) + u": " + valid.error().message);
            for (const Profile &seen : std::as_const(result)) {
                if (seen.id == p.id)
                    return Error(ErrorCode::InvalidInput,
                                 Yaml::where(sourceName, entry)
                                     + Tr::tr(": the id %1 is used twice.")
                                           .arg(p.id.toString(QUuid::WithoutBraces)));
                if (nameKey(seen.name) == nameKey(p.name))
                    return Error(ErrorCode::InvalidInput,
                                 Yaml::where(sourceName, entry)
                                     + Tr::tr(": the name \"%1\" is used twice.").arg(p.name));
            }
            result.append(p);
        }
    } catch (const YAML::Exception &e) {
        return Error(ErrorCode::InvalidInput, Tr::tr("%1 could not be read.").arg(sourceName),
                     QString::fromStdString(e.msg));
    }
    return result;
}

QString ProfileStore::makeBackup()
{
    QFile original(m_filePath);
    const QByteArray content = original.open(QIODevice::ReadOnly) ? original.readAll() : QByteArray();
    const auto sameCopy = [&content](const QString &path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) && f.size() == content.size() && f.readAll() == content;
    };
    QString target = m_filePath + QStringLiteral(".bak");
    for (int n = 1; QFileInfo::exists(target); ++n) {
        // The same unusable file read again (every pot-console-cli command reads it): one copy.
        if (sameCopy(target))
            return target;
        if (n > 999)
            return {};
        target = m_filePath + QStringLiteral(".bak.%1").arg(n);
    }
    if (!QFile::copy(m_filePath, target))
        return {};
    QFile::setPermissions(target, kOwnerOnly);
    return target;
}

Status ProfileStore::load()
{
    m_backupPath.clear();
    QFile file(m_filePath);
    if (!file.exists()) {
        m_saveBlocked = false;
        m_profiles.clear();
        Q_EMIT profilesReset();
        return {};
    }
    if (!file.open(QIODevice::ReadOnly)) {
        m_saveBlocked = true;
        m_profiles.clear();
        Q_EMIT profilesReset();
        return Error(ErrorCode::Io,
                     Tr::tr("The profile file %1 could not be read; changes will not be saved until "
                            "this is fixed.")
                         .arg(QDir::toNativeSeparators(m_filePath)),
                     file.errorString());
    }
    const QByteArray text = file.readAll();
    file.close();

    auto parsed = parse(text, QFileInfo(m_filePath).fileName());
    if (parsed) {
        m_saveBlocked = false;
        m_knownText = QCryptographicHash::hash(text, QCryptographicHash::Sha256);
        m_profiles = std::move(parsed).value();
        qCInfo(lcCoreProfiles) << "loaded" << m_profiles.size() << "profiles from" << m_filePath;
        Q_EMIT profilesReset();
        return {};
    }

    // Never overwrite a file we could not read without keeping a copy of it.
    m_profiles.clear();
    Error error = parsed.error();
    if (!error.message.endsWith(u'.'))
        error.message += u'.';
    m_backupPath = makeBackup();
    if (m_backupPath.isEmpty()) {
        m_saveBlocked = true;
        error.message += u' '
                         + Tr::tr("No copy could be made, so the file is left untouched and changes "
                                  "will not be saved until it is fixed or removed.");
    } else {
        m_saveBlocked = false;
        error.message += u' '
                         + Tr::tr("A copy of the file was kept as %1.")
                               .arg(QDir::toNativeSeparators(m_backupPath));
    }
    qCWarning(lcCoreProfiles) << "profile file unusable:" << error.toString();
    Q_EMIT profilesReset();
    return error;
}

Status ProfileStore::saveList(const QList<Profile> &profiles)
{
    if (m_saveBlocked)
        return Error(ErrorCode::Io,
                     Tr::tr("Profiles are not saved because %1 could not be read; fix or remove it "
                            "first.")
                         .arg(QDir::toNativeSeparators(m_filePath)));
    const QFileInfo info(m_filePath);
    if (!QDir().mkpath(info.absolutePath()))
        return Error(ErrorCode::Io,
                     Tr::tr("The folder %1 could not be created.")
                         .arg(QDir::toNativeSeparators(info.absolutePath())));
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly))
        return Error(ErrorCode::Io,
                     Tr::tr("The profiles could not be saved to %1.")
                         .arg(QDir::toNativeSeparators(m_filePath)),
                     file.errorString());
    // Nothing secret is in the file, but it names hosts and accounts: keep it private anyway.
    file.setPermissions(kOwnerOnly);
    const QByteArray text = serialize(profiles);
    if (file.write(text) != text.size() || !file.commit())
        return Error(ErrorCode::Io,
                     Tr::tr("The profiles could not be saved to %1.")
                         .arg(QDir::toNativeSeparators(m_filePath)),
                     file.errorString());
    QFile::setPermissions(m_filePath, kOwnerOnly);
    m_knownText = QCryptographicHash::hash(text, QCryptographicHash::Sha256);
    return {};
}

bool ProfileStore::adoptChangesOnDisk()
{
    if (m_saveBlocked)
        return false;
    QFile file(m_filePath);
    QByteArray text;
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly))
            return false;
        text = file.readAll();
    }
    const QByteArray hash = QCryptographicHash::hash(text, QCryptographicHash::Sha256);
    if (hash == m_knownText || (!file.exists() && m_knownText.isEmpty()))
        return false;
    // Another program (the CLI, a second console) changed it: its version is the truth now. A
    // file it left unusable is not adopted (the next save writes a good one).
    Result<QList<Profile>> parsed = text.isEmpty() ? Result<QList<Profile>>(QList<Profile>{})
                                                   : parse(text, QFileInfo(m_filePath).fileName());
    if (!parsed)
        return false;
    m_knownText = hash;
    if (*parsed == m_profiles)
        return false;
    m_profiles = std::move(parsed).value();
    qCInfo(lcCoreProfiles) << "profiles changed on disk; now" << m_profiles.size();
    Q_EMIT profilesReset();
    Q_EMIT changedElsewhere();
    return true;
}

bool ProfileStore::reloadIfChanged()
{
    // No lock: the file is only ever replaced whole (QSaveFile renames it into place), so a read
    // sees one version or the other. Taking the lock would create and delete a file in the folder
    // the console watches, and wake it again.
    return adoptChangesOnDisk();
}

ProfileStore::ChangeLock::ChangeLock(const QString &filePath)
    : m_lock(std::make_unique<QLockFile>(filePath + QStringLiteral(".lock")))
{
    QDir().mkpath(QFileInfo(filePath).absolutePath());
    // A lock left by a crashed program is taken over after 10 s; a live writer holds it for
    // milliseconds.
    m_lock->setStaleLockTime(10000);
    m_locked = m_lock->tryLock(5000);
}

ProfileStore::ChangeLock::~ChangeLock()
{
    if (m_locked)
        m_lock->unlock();
}

Status ProfileStore::ChangeLock::status(const QString &filePath) const
{
    if (m_locked)
        return {};
    return Error(ErrorCode::Io, Tr::tr("%1 is being changed by another program; try again.")
                                    .arg(QDir::toNativeSeparators(filePath)));
}

Status ProfileStore::checkUnique(const Profile &profile, int ignoreRow) const
{
    const QString key = nameKey(profile.name);
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (i == ignoreRow)
            continue;
        if (nameKey(m_profiles.at(i).name) == key)
            return Error(ErrorCode::Conflict,
                         Tr::tr("A profile named \"%1\" already exists.").arg(m_profiles.at(i).name));
        if (m_profiles.at(i).id == profile.id)
            return Error(ErrorCode::Conflict, Tr::tr("A profile with this id already exists."));
    }
    return {};
}

Result<Profile> ProfileStore::add(Profile profile)
{
    ChangeLock lock(m_filePath);
    if (Status locked = lock.status(m_filePath); !locked)
        return locked.error();
    adoptChangesOnDisk();
    if (profile.id.isNull())
        profile.id = QUuid::createUuid();
    profile = normalised(std::move(profile));
    if (Status valid = validate(profile); !valid)
        return valid.error();
    if (Status unique = checkUnique(profile, -1); !unique)
        return unique.error();
    QList<Profile> next = m_profiles;
    next.append(profile);
    if (Status saved = saveList(next); !saved)
        return saved.error();
    m_profiles = std::move(next);
    Q_EMIT profileAdded(int(m_profiles.size()) - 1);
    return profile;
}

Status ProfileStore::update(const Profile &profile)
{
    ChangeLock lock(m_filePath);
    if (Status locked = lock.status(m_filePath); !locked)
        return locked;
    adoptChangesOnDisk();
    const int row = indexOf(profile.id);
    if (row < 0)
        return Error(ErrorCode::NotFound, Tr::tr("The profile \"%1\" no longer exists.").arg(profile.name));
    const Profile p = normalised(profile);
    if (Status valid = validate(p); !valid)
        return valid;
    if (Status unique = checkUnique(p, row); !unique)
        return unique;
    QList<Profile> next = m_profiles;
    next[row] = p;
    if (Status saved = saveList(next); !saved)
        return saved;
    m_profiles = std::move(next);
    Q_EMIT profileUpdated(row);
    return {};
}

Status ProfileStore::remove(const QUuid &id)
{
    ChangeLock lock(m_filePath);
    if (Status locked = lock.status(m_filePath); !locked)
        return locked;
    adoptChangesOnDisk();
    const int row = indexOf(id);
    if (row < 0)
        return Error(ErrorCode::NotFound, Tr::tr("The profile no longer exists."));
    QList<Profile> next = m_profiles;
    next.removeAt(row);
    if (Status saved = saveList(next); !saved)
        return saved;
    Q_EMIT profileAboutToBeRemoved(row);
    m_profiles = std::move(next);
    Q_EMIT profileRemoved(row);
    return {};
}

} // namespace Pot::Profiles
