#include "eventspage.h"

#include "core/net/apireply.h"
#include "core/resources/kinds/kinds.h"
#include "models/clusterview.h"
#include "models/resourcefilterproxy.h"
#include "models/resourcepage.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QSaveFile>

namespace Pot::Models {

namespace {

const QString EventsPath = QStringLiteral("/events");

} // namespace

EventsPage::EventsPage(ClusterView *cluster)
    : QObject(cluster)
    , m_cluster(cluster)
    , m_kind(Resources::Kinds::events())
    , m_details(new DetailsModel(this))
{
    // The page fetches its list itself (filters and paging are the query): not a ClusterView list,
    // so no snapshot either; the answer is a page of 100 rows, built on this thread.
    m_list = new ResourceList(specOf(m_kind), nullptr, this);
    m_list->setRefresher([this] { refresh(); });
    m_list->proxy()->sort(0, Qt::DescendingOrder); // newest first, as the Controller pages them
    if (m_cluster->demo())
        m_list->setFixed(sampleNote());
    connect(m_list, &ResourceList::selectedKeyChanged, this, &EventsPage::showDetails);
    connect(m_list, &ResourceList::selectedObjectChanged, this, &EventsPage::showDetails);
    connect(m_cluster, &ClusterView::permissionsChanged, this, [this] {
        Q_EMIT permissionsChanged();
        if (m_total == 0 && m_events.isEmpty())
            refresh();
    });
    connect(m_cluster, &ClusterView::onlineChanged, this, [this] {
        Q_EMIT permissionsChanged();
        refresh();
    });
    refresh();
}

EventsPage::~EventsPage()
{
    // Not finished: the file is not written (QSaveFile was never opened).
    m_export.reset();
}

QString EventsPage::sampleNote() const
{
    return m_cluster->demo() ? tr("Sample data: made-up events, filtered here as the Controller would filter them.")
                             : QString();
}

QString EventsPage::readDenied() const
{
    return m_cluster->readDeniedReason(m_kind.rbacResource, QStringLiteral("list"));
}

QString EventsPage::purgeDenied() const
{
    return m_cluster->deniedReason(m_kind.rbacResource, QStringLiteral("delete"));
}

std::optional<qint64> EventsPage::parseTime(const QString &text, QString *error)
{
    return Api::parseEventTime(text, error);
}

void EventsPage::setStartTime(const QString &text)
{
    if (text == m_startTime)
        return;
    m_startTime = text;
    filterChanged();
}

void EventsPage::setEndTime(const QString &text)
{
    if (text == m_endTime)
        return;
    m_endTime = text;
    filterChanged();
}

void EventsPage::setMethods(const QStringList &methods)
{
    QStringList clean;
    for (const QString &m : methods) {
        if (!m.isEmpty() && !clean.contains(m.toUpper()))
            clean << m.toUpper();
    }
    if (clean == m_filter.methods)
        return;
    m_filter.methods = clean;
    filterChanged();
}

#define POT_EVENTS_SETTER(Name, member)                                                             \
    void EventsPage::Name(const QString &value)                                                    \
    {                                                                                              \
        if (value.trimmed() == m_filter.member)                                                    \
            return;                                                                                \
        m_filter.member = value.trimmed();                                                         \
        filterChanged();                                                                           \
    }
POT_EVENTS_SETTER(setResourceType, resourceType)
POT_EVENTS_SETTER(setStatus, status)
POT_EVENTS_SETTER(setActorId, actorId)
POT_EVENTS_SETTER(setEventType, eventType)
#undef POT_EVENTS_SETTER

void EventsPage::clearFilters()
{
    m_startTime.clear();
    m_endTime.clear();
    m_filter = EventFilter{};
    filterChanged();
}

void EventsPage::filterChanged()
{
    QString error;
    const std::optional<qint64> from = parseTime(m_startTime, &error);
    const std::optional<qint64> to = parseTime(m_endTime, &error);
    if (error.isEmpty() && from && to && *from > *to)
        error = tr("The start is after the end.");
    m_filterError = error;
    if (error.isEmpty()) {
        m_filter.fromMs = from;
        m_filter.toMs = to;
    }
    Q_EMIT filtersChanged();
    if (!error.isEmpty())
        return; // the list keeps the last valid filters until the time is fixed
    m_offset = 0;
    refresh();
}

QString EventsPage::pageText() const
{
    if (m_total == 0)
        return tr("No events");
    const QLocale locale;
    return tr("%1–%2 of %3")
        .arg(locale.toString(m_offset + 1), locale.toString(qMin(m_offset + PageSize, m_total)),
             locale.toString(m_total));
}

void EventsPage::nextPage()
{
    if (!canNext())
        return;
    m_offset += PageSize;
    refresh();
}

void EventsPage::previousPage()
{
    if (!canPrevious())
        return;
    m_offset = qMax(0, m_offset - PageSize);
    refresh();
}

void EventsPage::refresh()
{
    if (m_cluster->demo()) {
        const QJsonArray matching =
            filtered(m_cluster->demoDocument(QStringLiteral("events"), QStringLiteral("events")).toArray(),
                     m_filter);
        if (m_offset >= matching.size())
            m_offset = 0;
        QJsonArray page;
        for (qsizetype i = m_offset; i < matching.size() && i < m_offset + PageSize; ++i)
            page.append(matching.at(i));
        showPage(page, int(matching.size()));
        return;
    }
    if (!m_cluster->online()) {
        m_error.clear();
        m_list->setUnavailable(tr("Events are read from the Controller only: connect to see them."));
        Q_EMIT pageChanged();
        return;
    }
    if (const QString denied = readDenied(); !denied.isEmpty()) {
        m_list->setUnavailable(denied);
        showPage({}, 0);
        return;
    }
    m_list->setUnavailable({});
    fetchPage();
}

void EventsPage::fetchPage()
{
    if (m_pageReply)
        m_pageReply->cancel(); // the filters or the page changed: only the newest answer counts
    Net::ApiRequest request = Net::ApiRequest::list(EventsPath);
    request.query = m_filter.query();
    request.query.addQueryItem(QStringLiteral("limit"), QString::number(PageSize));
    request.query.addQueryItem(QStringLiteral("offset"), QString::number(m_offset));
    Net::ApiReply *reply = m_cluster->send(request, this, [this](Result<Net::ApiResponse> r) {
        if (!r) {
            if (r.error().code == ErrorCode::Cancelled)
                return;
            m_pageReply = nullptr;
            m_error = r.error().code == ErrorCode::Forbidden
                          ? tr("The Controller refused to list events (events:list).")
                          : r.error().message;
            Q_EMIT pageChanged();
            return;
        }
        m_pageReply = nullptr;
        const QJsonObject answer = r->json.toObject();
        if (!answer.value(u"events").isArray()) {
            m_error = tr("The Controller's answer has no events list.");
            Q_EMIT pageChanged();
            return;
        }
        m_error.clear();
        showPage(answer.value(u"events").toArray(), answer.value(u"total").toInt());
    });
    m_pageReply = reply;
    Q_EMIT pageChanged();
}

void EventsPage::showPage(const QJsonArray &events, int total)
{
    m_events = events;
    m_total = total;
    if (m_offset >= m_total && m_total > 0) {
        // Fewer events than before (a purge, new filters): back to the last page that has some.
        m_offset = ((m_total - 1) / PageSize) * PageSize;
        Q_EMIT pageChanged();
        refresh();
        return;
    }
    m_list->showAnswer(QJsonDocument(QJsonObject{{QStringLiteral("events"), events}}).toJson(QJsonDocument::Compact),
                       QDateTime::currentDateTimeUtc(), false);
    Q_EMIT pageChanged();
    showDetails();
}

void EventsPage::showDetails()
{
    const QJsonObject o = m_list->selectedObject();
    if (o.isEmpty())
        m_details->clear();
    else
        m_details->setRows(m_kind.details(o));
    Q_EMIT selectionChanged();
}

// ---- purge

QString EventsPage::purgeProblem(const QString &days) const
{
    // Checked here because the Controller never answers a DELETE /events with an invalid body:
    // its error mapping throws (controller-api.md §3.9), so the request would hang until timeout.
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,3}$"));
    const QString t = days.trimmed();
    if (t.isEmpty())
        return tr("Enter a number of days from 0 to 365.");
    if (!digits.match(t).hasMatch() || t.toInt() > 365)
        return tr("\"%1\" is not a whole number of days from 0 to 365.").arg(t);
    return {};
}

QString EventsPage::purgeQuestion(const QString &days) const
{
    if (!purgeProblem(days).isEmpty())
        return {};
    const int n = days.trimmed().toInt();
    if (n == 0)
        return tr("Delete ALL recorded events (0 days means every event, however recent)? "
                  "The audit trail cannot be restored.");
    return tr("Delete every event older than %n day(s)? The audit trail cannot be restored.", nullptr, n);
}

bool EventsPage::purge(const QString &days)
{
    QString why = purgeProblem(days);
    if (why.isEmpty())
        why = purgeDenied();
    if (why.isEmpty() && m_purgeReply)
        why = tr("A purge is already running.");
    if (!why.isEmpty()) {
        m_purgeOk = false;
        m_purgeMessage = why;
        Q_EMIT purgeChanged();
        return false;
    }
    const int n = days.trimmed().toInt();
    const Net::ApiRequest request = Net::ApiRequest::sendJson(
        "DELETE", EventsPath, QJsonObject{{QStringLiteral("days"), n}});
    m_purgeMessage.clear();
    Net::ApiReply *reply = m_cluster->send(request, this, [this, n](Result<Net::ApiResponse> r) {
        m_purgeReply = nullptr;
        if (!r) {
            m_purgeOk = false;
            m_purgeMessage = r.error().code == ErrorCode::Forbidden
                                 ? tr("The Controller refused the purge (events:delete).")
                                 : tr("Purge failed: %1").arg(r.error().message);
        } else {
            const int deleted = r->json.toObject().value(u"deletedCount").toInt();
            m_purgeOk = true;
            m_purgeMessage = n == 0 ? tr("Deleted %n event(s): all of them.", nullptr, deleted)
                                    : tr("Deleted %n event(s) older than %1 days.", nullptr, deleted).arg(n);
        }
        m_cluster->reportAction(m_purgeOk, m_purgeMessage);
        Q_EMIT purgeChanged();
        m_offset = 0;
        refresh();
    });
    m_purgeReply = reply;
    Q_EMIT purgeChanged();
    return reply != nullptr;
}

// ---- export

QString EventsPage::csvCell(const QString &value)
{
    return Api::csvCell(value);
}

QByteArray EventsPage::toCsv(const QJsonArray &events)
{
    return Api::eventsToCsv(events);
}

QByteArray EventsPage::toJson(const QJsonArray &events)
{
    return QJsonDocument(events).toJson(QJsonDocument::Indented);
}

QJsonArray EventsPage::filtered(const QJsonArray &events, const EventFilter &filter)
{
    return Api::filteredEvents(events, filter);
}

bool EventsPage::exportTo(const QUrl &file, const QString &format)
{
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    QString why;
    if (m_export)
        why = tr("An export is already running.");
    else if (format != u"csv" && format != u"json")
        why = tr("Unknown export format %1.").arg(format);
    else if (path.isEmpty())
        why = tr("Choose a file to export to.");
    else if (!m_filterError.isEmpty())
        why = m_filterError;
    else if (!m_cluster->demo() && !m_cluster->online())
        why = tr("Events are read from the Controller only: connect to export them.");
    else if (!m_cluster->demo())
        why = readDenied();
    if (!why.isEmpty()) {
        m_exportOk = false;
        m_exportMessage = why;
        Q_EMIT exportChanged();
        return false;
    }
    m_export = Export{path, format, 0, {}, {}};
    m_exportMessage = tr("Reading events…");
    Q_EMIT exportChanged();
    if (m_cluster->demo()) {
        const QJsonArray all = filtered(
            m_cluster->demoDocument(QStringLiteral("events"), QStringLiteral("events")).toArray(), m_filter);
        m_export->total = int(all.size());
        m_export->events = all;
        finishExport(true, {});
        return true;
    }
    fetchExportPage();
    return true;
}

void EventsPage::fetchExportPage()
{
    Net::ApiRequest request = Net::ApiRequest::list(EventsPath);
    request.query = m_filter.query();
    request.query.addQueryItem(QStringLiteral("limit"), QString::number(ExportPageSize));
    // The offset counts what was received, not what was kept: an event logged meanwhile shifts
    // the pages by one, and its duplicate is dropped by id.
    const int offset = m_export->seen.isEmpty() && m_export->events.isEmpty() ? 0 : m_lastExportCount;
    request.query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    m_exportReply = m_cluster->send(request, this, [this, offset](Result<Net::ApiResponse> r) {
        m_exportReply = nullptr;
        if (!m_export)
            return;
        if (!r) {
            finishExport(false, r.error().code == ErrorCode::Cancelled
                                    ? tr("Export cancelled; nothing was written.")
                                    : tr("Export failed: %1").arg(r.error().message));
            return;
        }
        const QJsonObject answer = r->json.toObject();
        const QJsonArray page = answer.value(u"events").toArray();
        const int total = answer.value(u"total").toInt();
        if (offset == 0) {
            if (total > ExportLimit) {
                finishExport(false, tr("%1 events match: more than %2 are not exported. Narrow the "
                                       "filters (time range, status, actor) and export again.")
                                        .arg(QLocale().toString(total), QLocale().toString(ExportLimit)));
                return;
            }
            m_export->total = total;
        }
        for (const QJsonValue &v : page) {
            const qint64 id = v.toObject().value(u"id").toInteger();
            if (m_export->seen.contains(id))
                continue;
            m_export->seen.insert(id);
            m_export->events.append(v);
        }
        m_lastExportCount = offset + int(page.size());
        m_exportMessage = tr("Read %1 of %2 events…")
                              .arg(QLocale().toString(m_export->events.size()), QLocale().toString(m_export->total));
        Q_EMIT exportChanged();
        if (page.isEmpty() || m_lastExportCount >= total || m_export->events.size() >= ExportLimit) {
            finishExport(true, {});
            return;
        }
        fetchExportPage();
    });
}

void EventsPage::cancelExport()
{
    if (!m_export)
        return;
    if (m_exportReply) {
        m_exportReply->cancel(); // finished() follows with Cancelled
        return;
    }
    finishExport(false, tr("Export cancelled; nothing was written."));
}

void EventsPage::finishExport(bool ok, const QString &message)
{
    Export done = std::move(*m_export);
    m_export.reset();
    m_lastExportCount = int(done.events.size());
    m_lastExportTotal = done.total;
    m_exportOk = ok;
    m_exportMessage = message;
    if (ok) {
        QSaveFile out(done.file);
        const QByteArray bytes = done.format == u"csv" ? toCsv(done.events) : toJson(done.events);
        if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit()) {
            m_exportOk = false;
            m_exportMessage = tr("Could not write %1: %2").arg(done.file, out.errorString());
        } else {
            m_exportMessage = tr("Exported %n event(s) to %1.", nullptr, int(done.events.size())).arg(done.file);
        }
    }
    Q_EMIT exportChanged();
}

} // namespace Pot::Models
