#include "noticeledger.h"

#include "core/securefile.h"
#include "core/tr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace Pot::Expiry {

namespace {
constexpr qint64 kForgetAfterSeconds = 366LL * 86400;
constexpr qint64 kLargestFile = 4 * 1024 * 1024;
} // namespace

NoticeLedger::NoticeLedger(QString file)
    : m_file(std::move(file))
{
    load();
}

void NoticeLedger::load()
{
    if (m_file.isEmpty())
        return;
    QFile f(m_file);
    if (!f.exists())
        return;
    if (!f.open(QIODevice::ReadOnly) || f.size() > kLargestFile) {
        m_problem = Tr::tr("Could not read %1: %2").arg(QDir::toNativeSeparators(m_file), f.errorString());
        return;
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        // Unreadable: start afresh (at worst a notice comes once more).
        m_problem = Tr::tr("%1 is not a notice list (%2); starting a new one.")
                        .arg(QDir::toNativeSeparators(m_file), error.errorString());
        return;
    }
    const QJsonObject told = doc.object().value(u"told").toObject();
    for (auto it = told.begin(); it != told.end(); ++it) {
        const QDateTime date = QDateTime::fromString(it.value().toString(), Qt::ISODate);
        if (date.isValid())
            m_told.insert(it.key(), date);
    }
}

void NoticeLedger::save()
{
    if (m_file.isEmpty())
        return;
    QJsonObject told;
    for (auto it = m_told.cbegin(); it != m_told.cend(); ++it)
        told.insert(it.key(), it.value().toUTC().toString(Qt::ISODate));
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    const Status written = writeOwnerOnlyFile(m_file, QJsonDocument(QJsonObject{{QStringLiteral("told"), told}}).toJson(QJsonDocument::Compact), true);
    m_problem = written ? QString() : written.error().message;
}

QList<Item> NoticeLedger::takeNew(const QList<Item> &due, const QDateTime &now)
{
    QList<Item> fresh;
    bool changed = false;
    for (auto it = m_told.begin(); it != m_told.end();) {
        if (it.value().secsTo(now) > kForgetAfterSeconds) {
            it = m_told.erase(it);
            changed = true;
        } else {
            ++it;
        }
    }
    for (const Item &item : due) {
        const QString key = item.key();
        if (m_told.contains(key))
            continue;
        m_told.insert(key, item.expires);
        fresh << item;
        changed = true;
    }
    if (changed)
        save();
    return fresh;
}

} // namespace Pot::Expiry
