#pragma once

#include "core/api/events.h"
#include "core/resources/kind.h"
#include "models/detailsmodel.h"
#include "models/resourcelist.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <optional>

namespace Pot::Net {
class ApiReply;
}

namespace Pot::Models {

class ClusterView;

using EventFilter = Api::EventFilter;

/// The Controller's audit events: filters, paging over `total`, details of the selected event,
/// purge of old events and export of every filtered event to CSV or JSON. Reads need events:list,
/// purge events:delete. In the demo the bundled sample is filtered here.
class EventsPage final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventsPage)
    Q_PROPERTY(Pot::Models::ResourceList *list READ list CONSTANT)
    Q_PROPERTY(Pot::Models::DetailsModel *details READ details CONSTANT)
    Q_PROPERTY(QString emptyText READ emptyText CONSTANT)
    Q_PROPERTY(QString startTime READ startTime WRITE setStartTime NOTIFY filtersChanged)
    Q_PROPERTY(QString endTime READ endTime WRITE setEndTime NOTIFY filtersChanged)
    Q_PROPERTY(QStringList methods READ methods WRITE setMethods NOTIFY filtersChanged)
    Q_PROPERTY(QString resourceType READ resourceType WRITE setResourceType NOTIFY filtersChanged)
    Q_PROPERTY(QString status READ status WRITE setStatus NOTIFY filtersChanged)
    Q_PROPERTY(QString actorId READ actorId WRITE setActorId NOTIFY filtersChanged)
    Q_PROPERTY(QString eventType READ eventType WRITE setEventType NOTIFY filtersChanged)
    Q_PROPERTY(QString filterError READ filterError NOTIFY filtersChanged)
    Q_PROPERTY(int pageSize READ pageSize CONSTANT)
    Q_PROPERTY(int offset READ offset NOTIFY pageChanged)
    Q_PROPERTY(int total READ total NOTIFY pageChanged)
    Q_PROPERTY(QString pageText READ pageText NOTIFY pageChanged)
    Q_PROPERTY(bool canPrevious READ canPrevious NOTIFY pageChanged)
    Q_PROPERTY(bool canNext READ canNext NOTIFY pageChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY pageChanged)
    Q_PROPERTY(QString error READ error NOTIFY pageChanged)
    Q_PROPERTY(QString sampleNote READ sampleNote CONSTANT)
    Q_PROPERTY(QString readDenied READ readDenied NOTIFY permissionsChanged)
    Q_PROPERTY(QString purgeDenied READ purgeDenied NOTIFY permissionsChanged)
    Q_PROPERTY(bool hasSelection READ hasSelection NOTIFY selectionChanged)
    Q_PROPERTY(bool purging READ purging NOTIFY purgeChanged)
    Q_PROPERTY(QString purgeMessage READ purgeMessage NOTIFY purgeChanged)
    Q_PROPERTY(bool purgeOk READ purgeOk NOTIFY purgeChanged)
    Q_PROPERTY(bool exporting READ exporting NOTIFY exportChanged)
    Q_PROPERTY(int exportFetched READ exportFetched NOTIFY exportChanged)
    Q_PROPERTY(int exportTotal READ exportTotal NOTIFY exportChanged)
    Q_PROPERTY(QString exportMessage READ exportMessage NOTIFY exportChanged)
    Q_PROPERTY(bool exportOk READ exportOk NOTIFY exportChanged)

public:
    static constexpr int PageSize = 100;
    /// More than this is refused: a file nobody opens, and minutes of requests.
    static constexpr int ExportLimit = 100000;
    /// Events per request while exporting.
    static constexpr int ExportPageSize = 500;

    explicit EventsPage(ClusterView *cluster);
    ~EventsPage() override;

    ResourceList *list() const { return m_list; }
    DetailsModel *details() const { return m_details; }
    QString emptyText() const { return m_kind.emptyText; }

    QString startTime() const { return m_startTime; }
    void setStartTime(const QString &text);
    QString endTime() const { return m_endTime; }
    void setEndTime(const QString &text);
    QStringList methods() const { return m_filter.methods; }
    void setMethods(const QStringList &methods);
    QString resourceType() const { return m_filter.resourceType; }
    void setResourceType(const QString &type);
    QString status() const { return m_filter.status; }
    void setStatus(const QString &status);
    QString actorId() const { return m_filter.actorId; }
    void setActorId(const QString &actor);
    QString eventType() const { return m_filter.eventType; }
    void setEventType(const QString &type);
    QString filterError() const { return m_filterError; }
    const EventFilter &filter() const { return m_filter; }

    int pageSize() const { return PageSize; }
    int offset() const { return m_offset; }
    int total() const { return m_total; }
    /// "1–100 of 144", "No events".
    QString pageText() const;
    bool canPrevious() const { return m_offset > 0; }
    bool canNext() const { return m_offset + PageSize < m_total; }
    bool loading() const { return !m_pageReply.isNull(); }
    QString error() const { return m_error; }
    /// What the demo says about its events; empty when not a demo.
    QString sampleNote() const;
    QString readDenied() const;
    QString purgeDenied() const;
    bool hasSelection() const { return !m_list->selectedObject().isEmpty(); }
    /// The events of the page shown, as received.
    QJsonArray events() const { return m_events; }

    bool purging() const { return !m_purgeReply.isNull(); }
    QString purgeMessage() const { return m_purgeMessage; }
    bool purgeOk() const { return m_purgeOk; }
    bool exporting() const { return m_export.has_value(); }
    int exportFetched() const { return m_export ? int(m_export->events.size()) : m_lastExportCount; }
    int exportTotal() const { return m_export ? m_export->total : m_lastExportTotal; }
    QString exportMessage() const { return m_exportMessage; }
    bool exportOk() const { return m_exportOk; }

    Q_INVOKABLE void refresh();
    Q_INVOKABLE void nextPage();
    Q_INVOKABLE void previousPage();
    Q_INVOKABLE void clearFilters();

    /// Why `days` (as typed) cannot be sent; empty when it is an integer 0..365.
    Q_INVOKABLE QString purgeProblem(const QString &days) const;
    /// The confirmation text for purging with `days`.
    Q_INVOKABLE QString purgeQuestion(const QString &days) const;
    /// What the user types to confirm a purge.
    Q_INVOKABLE QString purgeConfirmName() const { return QStringLiteral("purge"); }
    /// Deletes the events older than `days` days (0: all). false when refused without a request.
    Q_INVOKABLE bool purge(const QString &days);

    /// Writes every event matching the filters (all pages) to `file` as "csv" or "json".
    /// false when refused at once (the reason is in exportMessage).
    Q_INVOKABLE bool exportTo(const QUrl &file, const QString &format);
    Q_INVOKABLE void cancelExport();

    /// One CSV file of `events`: a header row, CRLF line ends, RFC 4180 quoting, and cells that a
    /// spreadsheet would run as a formula (= + - @) prefixed with '.
    static QByteArray toCsv(const QJsonArray &events);
    /// One CSV cell, quoted and guarded as above.
    static QString csvCell(const QString &value);
    /// A JSON array of `events` as received.
    static QByteArray toJson(const QJsonArray &events);
    /// `events` (newest first) that pass `filter`.
    static QJsonArray filtered(const QJsonArray &events, const EventFilter &filter);

Q_SIGNALS:
    void filtersChanged();
    void pageChanged();
    void permissionsChanged();
    void selectionChanged();
    void purgeChanged();
    void exportChanged();

private:
    struct Export
    {
        QString file;
        QString format;
        int total = 0;
        QJsonArray events;
        QSet<qint64> seen; ///< ids already taken: new events shift the pages while exporting
    };
    void filterChanged();
    void fetchPage();
    void showPage(const QJsonArray &events, int total);
    void fetchExportPage();
    void finishExport(bool ok, const QString &message);
    void showDetails();
    /// A typed time ("2026-12-01", "2026-12-01 10:30", ISO-8601) as ms; nullopt for empty text,
    /// and sets `error` for text that is not a time.
    static std::optional<qint64> parseTime(const QString &text, QString *error);

    ClusterView *m_cluster;
    Resources::Kind m_kind;
    ResourceList *m_list;
    DetailsModel *m_details;
    EventFilter m_filter;
    QString m_startTime;
    QString m_endTime;
    QString m_filterError;
    int m_offset = 0;
    int m_total = 0;
    QJsonArray m_events;
    QString m_error;
    QPointer<Net::ApiReply> m_pageReply;
    QPointer<Net::ApiReply> m_purgeReply;
    QString m_purgeMessage;
    bool m_purgeOk = true;
    std::optional<Export> m_export;
    QPointer<Net::ApiReply> m_exportReply;
    QString m_exportMessage;
    bool m_exportOk = true;
    int m_lastExportCount = 0;
    int m_lastExportTotal = 0;
};

} // namespace Pot::Models
