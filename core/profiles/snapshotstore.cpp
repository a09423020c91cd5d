#include "snapshotstore.h"

#include "core/jsonelements.h"
#include "core/logging.h"
#include "core/tr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace Pot::Profiles {

namespace {

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kOwnerOnlyDir = kOwnerOnly | QFileDevice::ExeOwner;

bool safeName(const QString &name)
{
    if (name.isEmpty() || name.size() > 64)
        return false;
    return std::all_of(name.cbegin(), name.cend(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
               || c == u'-' || c == u'_';
    });
}

} // namespace

bool isSecretKey(QStringView key)
{
    static const QStringList keys{
        QStringLiteral("seed"),         QStringLiteral("privateKey"),
        QStringLiteral("private_key"),  QStringLiteral("credsBase64"),
        QStringLiteral("creds"),        QStringLiteral("password"),
        QStringLiteral("accessToken"),  QStringLiteral("refreshToken"),
        QStringLiteral("access_token"), QStringLiteral("refresh_token"),
        QStringLiteral("caKey"),        QStringLiteral("tls.key"),
    };
    for (const QString &k : keys) {
        if (key.compare(k, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QJsonValue withoutSecrets(const QJsonValue &value)
{
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray())
            out.append(withoutSecrets(v));
        return out;
    }
    if (value.isObject()) {
        const QJsonObject in = value.toObject();
        // The Controller resolves env values taken from secrets, and a bearer user's JWT alone
        // signs in: neither is kept.
        const bool fromSecret = !in.value(u"valueFromSecret").toString().isEmpty()
                                || in.value(u"valueFromSecret").isObject();
        const bool bearer = in.value(u"isBearer").toBool() || in.value(u"bearer_token").toBool();
        QJsonObject out;
        for (auto it = in.begin(); it != in.end(); ++it) {
            if (isSecretKey(it.key()))
                continue;
            if ((fromSecret && it.key() == u"value") || (bearer && it.key() == u"jwt"))
                continue;
            out.insert(it.key(), withoutSecrets(it.value()));
        }
        return out;
    }
    return value;
}

SnapshotStore::SnapshotStore(QString root)
    : m_root(std::move(root))
{
    if (m_root.isEmpty()) {
        m_root = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
                 + QStringLiteral("/snapshots");
    }
}

QString SnapshotStore::pathFor(const QUuid &profile, const QString &name) const
{
    return m_root + u'/' + profile.toString(QUuid::WithoutBraces) + u'/' + name
           + QStringLiteral(".json");
}

Status SnapshotStore::save(const QUuid &profile, const QString &name, const QByteArray &json,
                           const QDateTime &at) const
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error(ErrorCode::InvalidInput, Tr::tr("Not JSON; no snapshot saved."),
                     parseError.errorString());
    return save(profile, name, doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()),
                at);
}

Status SnapshotStore::save(const QUuid &profile, const QString &name, const QJsonValue &json,
                           const QDateTime &at) const
{
    QJsonObject wrapper;
    wrapper.insert(u"savedAt", at.toUTC().toString(Qt::ISODateWithMs));
    wrapper.insert(u"body", withoutSecrets(json));
    return writeFile(profile, name, [&wrapper](QSaveFile &file) -> Status {
        file.write(QJsonDocument(wrapper).toJson(QJsonDocument::Compact));
        return {};
    });
}

Status SnapshotStore::saveList(const QUuid &profile, const QString &name, const QByteArray &json,
                               const QString &arrayKey, const QDateTime &at) const
{
    const std::optional<QList<QByteArrayView>> elements = jsonArrayElements(json, arrayKey);
    if (!elements)
        return save(profile, name, json, at);
    const auto quoted = [](const QString &text) {
        const QByteArray a = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
        return a.mid(1, a.size() - 2); // ["text"] without the brackets
    };
    return writeFile(profile, name, [&](QSaveFile &file) -> Status {
        file.write("{\"savedAt\":" + quoted(at.toUTC().toString(Qt::ISODateWithMs)) + ",\"body\":");
        file.write(arrayKey.isEmpty() ? QByteArray("[") : "{" + quoted(arrayKey) + ":[");
        for (qsizetype i = 0; i < elements->size(); ++i) {
            // Each element is parsed (and its secrets removed) on its own; scalars too, as a
            // one-element array, so that nothing unchecked reaches the file.
            QJsonParseError parseError{};
            const QByteArrayView element = elements->at(i);
            const bool isObject = !element.isEmpty() && element.front() == '{';
            const QJsonDocument doc = QJsonDocument::fromJson(
                isObject ? element.toByteArray() : "[" + element.toByteArray() + "]", &parseError);
            if (parseError.error != QJsonParseError::NoError)
                return Error(ErrorCode::InvalidInput, Tr::tr("Not JSON; no snapshot saved."),
                             parseError.errorString());
            QByteArray clean = isObject
                                   ? QJsonDocument(withoutSecrets(doc.object()).toObject()).toJson(QJsonDocument::Compact)
                                   : QJsonDocument(withoutSecrets(doc.array()).toArray()).toJson(QJsonDocument::Compact);
            if (!isObject)
                clean = clean.mid(1, clean.size() - 2);
            if (i > 0)
                file.write(",");
            file.write(clean);
        }
        file.write(arrayKey.isEmpty() ? QByteArray("]}") : QByteArray("]}}"));
        return {};
    });
}

Status SnapshotStore::writeFile(const QUuid &profile, const QString &name,
                                const std::function<Status(QSaveFile &)> &write) const
{
    if (profile.isNull() || !safeName(name))
        return Error(ErrorCode::InvalidInput, Tr::tr("Invalid snapshot name."));
    const QString path = pathFor(profile, name);
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir))
        return Error(ErrorCode::Io, Tr::tr("Cannot create the snapshot folder %1.").arg(dir));
    QFile::setPermissions(m_root, kOwnerOnlyDir);
    QFile::setPermissions(dir, kOwnerOnlyDir);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(ErrorCode::Io, Tr::tr("Cannot write %1.").arg(path), file.errorString());
    file.setPermissions(kOwnerOnly);
    if (Status written = write(file); !written) {
        file.cancelWriting();
        return written;
    }
    if (!file.commit())
        return Error(ErrorCode::Io, Tr::tr("Cannot write %1.").arg(path), file.errorString());
    return {};
}

Result<Snapshot> SnapshotStore::load(const QUuid &profile, const QString &name) const
{
    if (profile.isNull() || !safeName(name))
        return Error(ErrorCode::InvalidInput, Tr::tr("Invalid snapshot name."));
    QFile file(pathFor(profile, name));
    if (!file.exists())
        return Error(ErrorCode::NotFound, Tr::tr("No snapshot yet."));
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, Tr::tr("Cannot read %1.").arg(file.fileName()), file.errorString());
    // A snapshot of a large cluster is tens of megabytes, read once and never parsed into a tree.
    // The file is mapped, not read: a heap copy of that size, freed once its rows are built, leaves
    // a hole under them that the allocator keeps (measured: 147 instead of ~112 MiB resident for the
    // console with 10,000 agents + 10,000 users). The body is a view into the mapping.
    auto mapping = std::make_shared<QFile>(file.fileName());
    const qint64 fileSize = file.size();
    uchar *mapped = fileSize > 0 && mapping->open(QIODevice::ReadOnly) ? mapping->map(0, fileSize) : nullptr;
    QByteArray text;
    qsizetype textSpare = -1;
    if (mapped) {
        // The kernel maps whole pages, zero past the end of the file: readable up to the page end.
        const qint64 page = 4096; // the smallest page of any platform the console runs on
        text = QByteArray::fromRawData(reinterpret_cast<const char *>(mapped), qsizetype(fileSize));
        textSpare = qsizetype((fileSize + page - 1) / page * page - fileSize);
    } else {
        mapping.reset();
        text.reserve(fileSize + jsonPadding());
        text.resize(fileSize);
        text.resize(qMax<qint64>(0, file.read(text.data(), text.size())));
    }
    const auto member = [&](const QString &key) {
        return textSpare < 0 ? jsonMember(text, key) : jsonMember(QByteArrayView(text), textSpare, key);
    };
    const std::optional<QByteArrayView> savedAt = member(QStringLiteral("savedAt"));
    const std::optional<QByteArrayView> body = member(QStringLiteral("body"));
    QDateTime at;
    if (savedAt && savedAt->size() >= 2 && savedAt->front() == '"')
        at = QDateTime::fromString(QString::fromUtf8(savedAt->sliced(1, savedAt->size() - 2)),
                                   Qt::ISODateWithMs);
    if (!at.isValid() || !body || body->isEmpty() || (body->front() != '{' && body->front() != '[')) {
        qCWarning(lcCoreProfiles) << "ignoring damaged snapshot" << file.fileName();
        return Error(ErrorCode::InvalidInput, Tr::tr("The saved snapshot is damaged."));
    }
    const qsizetype from = body->data() - text.constData();
    const qsizetype size = body->size();
    Snapshot s;
    s.savedAt = at;
    if (mapping) {
        s.body = QByteArray::fromRawData(body->data(), size);
        s.spare = textSpare + (text.size() - from - size);
        s.mapping = std::move(mapping);
        return s;
    }
    s.body = std::move(text);
    s.body.truncate(from + size);
    s.body.remove(0, from); // in place: the free space after the end, and with it the padding, stays
    return s;
}

void SnapshotStore::remove(const QUuid &profile) const
{
    if (profile.isNull())
        return;
    QDir(m_root + u'/' + profile.toString(QUuid::WithoutBraces)).removeRecursively();
}

} // namespace Pot::Profiles
