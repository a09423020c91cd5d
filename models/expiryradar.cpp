#include "expiryradar.h"

#include "core/profiles/profilestore.h"
#include "core/net/controllerclient.h"
#include "core/profiles/snapshotstore.h"
#include "core/secretbytes.h"
#include "core/securefile.h"
#include "core/session/controlplanesession.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace Pot::Models {

namespace {

/// A saved list: the array itself, or the array under `key` of a whole answer.
QJsonArray savedList(const Profiles::SnapshotStore *store, const QUuid &profile, const QString &id, QStringView key)
{
    Result<Profiles::Snapshot> s = store->load(profile, id);
    if (!s)
        return {};
    const QJsonDocument doc = QJsonDocument::fromJson(s->body);
    return doc.isArray() ? doc.array() : doc.object().value(key).toArray();
}

} // namespace

ExpiryRadar::ExpiryRadar(const Profiles::ProfileStore *profiles, const Profiles::SnapshotStore *snapshots, QObject *parent)
    : QAbstractListModel(parent)
    , m_profiles(profiles)
    , m_snapshots(snapshots)
{
}

void ExpiryRadar::startAutoRefresh(int minutes)
{
    if (!m_timer) {
        m_timer = new QTimer(this);
        connect(m_timer, &QTimer::timeout, this, &ExpiryRadar::refresh);
    }
    m_timer->stop();
    if (minutes <= 0)
        return;
    m_timer->start(minutes * 60 * 1000);
    refresh();
}

void ExpiryRadar::refresh()
{
    if (m_pending > 0)
        return; // the reads under way end this refresh
    m_live.clear();
    m_liveUsers.clear();
    m_failures.clear();
    readSaved();
    if (m_sessions && m_snapshots) {
        for (Session::ControlPlaneSession *session : m_sessions()) {
            if (!session || !session->online())
                continue;
            readLive(session, QStringLiteral("certificates"), QStringLiteral("/certificates"), QStringLiteral("certificates"));
            readLive(session, QStringLiteral("natsUsers"), QStringLiteral("/nats/users"), QStringLiteral("users"));
        }
    }
    if (m_pending > 0)
        Q_EMIT readingChanged();
    else
        Q_EMIT refreshed();
}

void ExpiryRadar::readLive(Session::ControlPlaneSession *session, const QString &id, const QString &path,
                           const QString &arrayKey)
{
    const QUuid profile = session->profile().id;
    const QString name = session->profile().name;
    ++m_pending;
    Net::ApiRequest request = Net::ApiRequest::list(path);
    request.parseJson = false; // saveList reads the array element by element
    session->client()->send(
        request, this,
        [this, profile, name, id, arrayKey](Result<Net::ApiResponse> answer) {
            if (!answer) {
                // A Controller without NATS answers 404 on /nats/users: not worth a line.
                if (!(id == u"natsUsers" && answer.error().httpStatus == 404))
                    m_failures << tr("%1: %2").arg(name, answer.error().message);
            } else if (const Status saved = m_snapshots->saveList(profile, id, answer->body, arrayKey); !saved) {
                m_failures << tr("%1: %2").arg(name, saved.error().message);
            } else {
                if (!m_live.contains(name))
                    m_live << name;
                // The dates of the live answer, bearer users' included: their JWT is a bearer
                // credential that no snapshot keeps, but its end date is no secret. Only the dates
                // are kept, in memory.
                if (id == u"natsUsers")
                    m_liveUsers.insert(profile, Expiry::fromNatsUsers(
                        QJsonDocument::fromJson(answer->body).object().value(arrayKey).toArray(), name));
            }
            if (answer)
                SecretBytes::wipe(answer->body); // bearer users' JWTs were in it
            finishOne();
        });
}

void ExpiryRadar::finishOne()
{
    if (--m_pending > 0)
        return;
    readSaved();
    Q_EMIT readingChanged();
    Q_EMIT refreshed();
}

void ExpiryRadar::readSaved()
{
    QList<Expiry::Item> items;
    QStringList saved;
    if (m_profiles && m_snapshots) {
        for (const Profiles::Profile &p : m_profiles->profiles()) {
            if (p.demo)
                continue;
            QList<Expiry::Item> mine = Expiry::fromCertificates(savedList(m_snapshots, p.id, QStringLiteral("certificates"), u"certificates"), p.name);
            mine += m_liveUsers.contains(p.id) ? m_liveUsers.value(p.id)
                                               : Expiry::fromNatsUsers(savedList(m_snapshots, p.id, QStringLiteral("natsUsers"), u"users"), p.name);
            mine += Expiry::fromProvisioningKeys(savedList(m_snapshots, p.id, QStringLiteral("provisioningKeys"), u"keys"), p.name);
            const bool live = m_live.contains(p.name);
            for (Expiry::Item &i : mine)
                i.fromSnapshot = !live;
            if (!mine.isEmpty() && !live)
                saved << p.name;
            items += mine;
        }
    }
    Expiry::sortByDate(items);
    m_all = items;
    QStringList parts;
    if (!m_live.isEmpty())
        parts << tr("Read now from %1.").arg(m_live.join(QStringLiteral(", ")));
    if (!saved.isEmpty())
        parts << tr("From the last saved lists of %1.").arg(saved.join(QStringLiteral(", ")));
    if (!m_failures.isEmpty())
        parts << tr("Not read: %1.").arg(m_failures.join(QStringLiteral("; ")));
    m_sources = parts.isEmpty() ? tr("No control plane has saved certificates or NATS users yet: sign in to one, or open its pages once while connected.")
                                : parts.join(u' ');
    applyFilter();
}

QList<Expiry::Item> ExpiryRadar::dueWithin(int days) const
{
    QList<Expiry::Item> due;
    const QDateTime at = now();
    for (const Expiry::Item &i : m_all)
        if (i.due(at, days))
            due << i;
    return due;
}

void ExpiryRadar::applyFilter()
{
    beginResetModel();
    m_shown.clear();
    const QDateTime at = now();
    for (const Expiry::Item &i : std::as_const(m_all)) {
        if (at.secsTo(i.expires) > qint64(m_days) * 86400)
            continue;
        const QString text = i.name + u' ' + i.controlPlane + u' ' + Expiry::kindName(i.kind);
        if (!m_filter.isEmpty() && !text.contains(m_filter, Qt::CaseInsensitive))
            continue;
        m_shown << i;
    }
    endResetModel();
    Q_EMIT changed();
}

void ExpiryRadar::setDays(int days)
{
    if (m_days == days)
        return;
    m_days = days;
    applyFilter();
}

void ExpiryRadar::setFilterText(const QString &text)
{
    if (m_filter == text)
        return;
    m_filter = text;
    applyFilter();
}

int ExpiryRadar::dueCount() const
{
    const QDateTime at = now();
    return int(std::count_if(m_all.cbegin(), m_all.cend(), [&](const Expiry::Item &i) { return i.due(at, m_days); }));
}

int ExpiryRadar::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

QVariant ExpiryRadar::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_shown.size())
        return {};
    const Expiry::Item &i = m_shown.at(index.row());
    const QDateTime at = now();
    const qint64 seconds = at.secsTo(i.expires);
    switch (role) {
    case DateRole:
        return i.expires.toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    case LeftRole:
        // Whole days from a day on; hours and minutes below (a provisioning key lives 20 minutes).
        if (seconds <= 0)
            return tr("expired");
        if (seconds >= 86400)
            return tr("%1 d").arg(int(std::ceil(double(seconds) / 86400.0)));
        if (seconds >= 3600)
            return tr("%1 h").arg(int(std::ceil(double(seconds) / 3600.0)));
        return tr("%1 min").arg(int(std::ceil(double(seconds) / 60.0)));
    case DaysLeftRole:
        return seconds <= 0 ? 0 : int(std::ceil(double(seconds) / 86400.0));
    case KindRole:
        return Expiry::kindName(i.kind);
    case NameRole:
        return i.name;
    case ControlPlaneRole:
        return i.controlPlane;
    case NoteRole:
        return !i.enforced ? tr("requested only (nats.exp: not enforced)")
                           : (i.starts.isValid() ? tr("%1 % of its lifetime passed").arg(int(i.lifetimeUsed(at) * 100)) : QString());
    case DueRole:
        return i.due(at, m_days);
    case ExpiredRole:
        return seconds <= 0;
    default:
        return {};
    }
}

QHash<int, QByteArray> ExpiryRadar::roleNames() const
{
    return {{DateRole, "date"}, {DaysLeftRole, "daysLeft"}, {KindRole, "kind"}, {NameRole, "name"},
            {ControlPlaneRole, "controlPlane"}, {NoteRole, "note"}, {DueRole, "due"}, {ExpiredRole, "expired"}, {LeftRole, "remaining"}};
}

void ExpiryRadar::setStatus(const QString &text, bool failed)
{
    m_status = text;
    m_statusFailed = failed;
    Q_EMIT statusChanged();
}

bool ExpiryRadar::exportCalendar(const QUrl &file)
{
    const QString path = file.toLocalFile();
    if (path.isEmpty()) {
        setStatus(tr("Choose a local file for the calendar."), true);
        return false;
    }
    const Result<QByteArray> ics = Expiry::toICalendar(m_shown, QDateTime::currentDateTimeUtc());
    if (!ics) {
        setStatus(ics.error().message, true);
        return false;
    }
    if (const Status written = writeOwnerOnlyFile(path, *ics, true); !written) {
        setStatus(written.error().message, true);
        return false;
    }
    setStatus(tr("Saved %n date(s) as %1; a calendar application imports it.", nullptr, int(m_shown.size()))
                  .arg(QFileInfo(path).fileName()),
              false);
    return true;
}

} // namespace Pot::Models
