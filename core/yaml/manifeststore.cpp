#include "manifeststore.h"

#include "core/securefile.h"
#include "core/tr.h"
#include "core/yaml/manifest.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>

#include <algorithm>

namespace Pot::Manifest {

namespace {

QString profileDir(const QString &root, const QUuid &profile)
{
    return root + u'/' + profile.toString(QUuid::WithoutBraces);
}

Status makeOwnerOnlyDir(const QString &path)
{
    if (!QDir().mkpath(path))
        return Error(ErrorCode::Io, Tr::tr("The folder %1 could not be created.").arg(QDir::toNativeSeparators(path)));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return {};
}

QString encode(const QString &s)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(s));
}

QString decode(const QString &s)
{
    return QUrl::fromPercentEncoding(s.toLatin1());
}

QString defaultRoot(const char *leaf)
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + u'/' + QLatin1StringView(leaf);
}

bool mentionsSecret(const QByteArray &text)
{
    static const QRegularExpression re(QStringLiteral("(^|\\n)\\s*[\"']?kind[\"']?\\s*:\\s*[\"']?Secret\\b"));
    return re.match(QString::fromUtf8(text)).hasMatch();
}

bool stripValues(Node &map)
{
    bool removed = false;
    for (Node::Entry &e : map.entries) {
        if (!e.value.isNull()) {
            e.value = Node();
            removed = true;
        }
    }
    return removed;
}

constexpr QLatin1StringView HistoryHeader("# pot-console history ");

} // namespace

Result<QByteArray> withoutSecretValues(const QByteArray &text, bool *removed)
{
    if (removed)
        *removed = false;
    Parsed parsed = parse(text);
    if (!parsed.problems.isEmpty()) {
        if (mentionsSecret(text))
            return Error(ErrorCode::InvalidInput,
                         Tr::tr("Not kept: the text mentions a Secret but cannot be read, so its values could not be left out."));
        return text;
    }
    bool any = false;
    for (Document &d : parsed.documents) {
        if (d.kind() != u"Secret" || !d.root.isMap())
            continue;
        for (Node::Entry &e : d.root.entries) {
            if ((e.key == u"data" || e.key == u"stringData") && e.value.isMap())
                any = stripValues(e.value) || any;
        }
    }
    if (!any)
        return text;
    if (removed)
        *removed = true;
    QByteArray out = QByteArrayLiteral("# Secret values are never kept on disk: type them again before applying.\n");
    out += canonical(parsed.documents);
    return out;
}

// ---- drafts --------------------------------------------------------------------------------------

DraftStore::DraftStore(QString root) : m_root(root.isEmpty() ? defaultRoot("drafts") : std::move(root)) {}

QString DraftStore::fileFor(const QUuid &profile, const QString &key) const
{
    return profileDir(m_root, profile) + u'/' + encode(key) + QStringLiteral(".yaml");
}

Status DraftStore::save(const QUuid &profile, const QString &key, const QByteArray &text) const
{
    const Result<QByteArray> safe = withoutSecretValues(text);
    if (!safe)
        return safe.error();
    if (const Status dir = makeOwnerOnlyDir(profileDir(m_root, profile)); !dir)
        return dir;
    return writeOwnerOnlyFile(fileFor(profile, key), *safe, true);
}

std::optional<Draft> DraftStore::load(const QUuid &profile, const QString &key) const
{
    QFile f(fileFor(profile, key));
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    return Draft{key, f.readAll(), QFileInfo(f).lastModified().toUTC()};
}

QList<Draft> DraftStore::list(const QUuid &profile) const
{
    QList<Draft> out;
    const QDir dir(profileDir(m_root, profile));
    const QFileInfoList files = dir.entryInfoList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Time);
    for (const QFileInfo &fi : files) {
        if (auto d = load(profile, decode(fi.completeBaseName())))
            out << *d;
    }
    return out;
}

void DraftStore::remove(const QUuid &profile, const QString &key) const
{
    QFile::remove(fileFor(profile, key));
}

// ---- history -------------------------------------------------------------------------------------

HistoryStore::HistoryStore(QString root, int keepPerObject)
    : m_root(root.isEmpty() ? defaultRoot("history") : std::move(root))
    , m_keep(std::max(1, keepPerObject))
{
}

Result<HistoryEntry> HistoryStore::record(const QUuid &profile, const QString &kind, const QString &name,
                                          const QByteArray &yaml, const QString &note, const QDateTime &at) const
{
    const Result<QByteArray> safe = withoutSecretValues(yaml);
    if (!safe)
        return safe.error();
    const QString dir = profileDir(m_root, profile);
    if (const Status made = makeOwnerOnlyDir(dir); !made)
        return made.error();
    HistoryEntry e;
    e.at = at.toUTC();
    e.kind = kind;
    e.name = name;
    e.note = note;
    e.id = e.at.toString(QStringLiteral("yyyyMMdd'T'HHmmsszzz")) + u'-'
           + QString::number(QRandomGenerator::global()->bounded(0x10000), 16).rightJustified(4, u'0');
    const QByteArray header = HistoryHeader.toString().toUtf8() + "kind=" + encode(kind).toLatin1() + " name="
                              + encode(name).toLatin1() + " at=" + e.at.toString(Qt::ISODateWithMs).toLatin1()
                              + " note=" + encode(note).toLatin1() + '\n';
    const QByteArray content = header + *safe;
    if (const Status w = writeOwnerOnlyFile(dir + u'/' + e.id + QStringLiteral(".yaml"), content, false); !w)
        return w.error();
    // Keep the newest entries of this object only.
    const QList<HistoryEntry> same = entries(profile, kind, name);
    for (qsizetype i = m_keep; i < same.size(); ++i)
        QFile::remove(dir + u'/' + same.at(i).id + QStringLiteral(".yaml"));
    return e;
}

QList<HistoryEntry> HistoryStore::entries(const QUuid &profile, const QString &kind, const QString &name) const
{
    QList<HistoryEntry> out;
    const QDir dir(profileDir(m_root, profile));
    for (const QFileInfo &fi : dir.entryInfoList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name | QDir::Reversed)) {
        QFile f(fi.filePath());
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (!line.startsWith(HistoryHeader.trimmed()))
            continue;
        HistoryEntry e;
        e.id = fi.completeBaseName();
        for (const QString &field : line.mid(HistoryHeader.size()).split(u' ', Qt::SkipEmptyParts)) {
            const qsizetype eq = field.indexOf(u'=');
            if (eq < 0)
                continue;
            const QString k = field.left(eq), v = decode(field.mid(eq + 1));
            if (k == u"kind")
                e.kind = v;
            else if (k == u"name")
                e.name = v;
            else if (k == u"at")
                e.at = QDateTime::fromString(v, Qt::ISODateWithMs);
            else if (k == u"note")
                e.note = v;
        }
        if ((!kind.isEmpty() && e.kind != kind) || (!name.isEmpty() && e.name != name))
            continue;
        out << e;
    }
    return out;
}

Result<QByteArray> HistoryStore::read(const QUuid &profile, const QString &id) const
{
    if (id.contains(u'/') || id.contains(u'\\') || id.startsWith(u'.'))
        return Error(ErrorCode::InvalidInput, Tr::tr("There is no history entry %1.").arg(id));
    QFile f(profileDir(m_root, profile) + u'/' + id + QStringLiteral(".yaml"));
    if (!f.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, Tr::tr("The history entry %1 could not be read: %2").arg(id, f.errorString()));
    f.readLine(); // the header
    return f.readAll();
}

void HistoryStore::remove(const QUuid &profile) const
{
    QDir(profileDir(m_root, profile)).removeRecursively();
}

} // namespace Pot::Manifest
