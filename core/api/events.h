#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include <optional>

namespace Pot::Api {

/// What a list of the Controller's audit events is narrowed to: the query keys of GET /events
/// (controller-api.md §3.9). Shared by the Events page and `pot-console-cli events`.
struct EventFilter
{
    std::optional<qint64> fromMs;
    std::optional<qint64> toMs;
    QStringList methods;  ///< any of them; empty: every method
    QString resourceType;
    QString status;       ///< SUCCESS, FAILED or empty
    QString actorId;
    QString eventType;    ///< HTTP, WS_CONNECT, WS_DISCONNECT or empty

    /// The query keys for these filters (no limit/offset).
    QUrlQuery query() const;
    /// Whether `event` passes, as the Controller decides it (the demo filters its sample this way).
    bool matches(const QJsonObject &event) const;
};

/// A typed time ("2026-12-01", "2026-12-01 10:30", ISO-8601) as ms since the epoch; nullopt for
/// empty text, and sets `error` for text that is not a time.
std::optional<qint64> parseEventTime(const QString &text, QString *error);

/// One CSV file of `events`: a header row, CRLF line ends, RFC 4180 quoting, and cells that a
/// spreadsheet would run as a formula (= + - @) prefixed with '.
QByteArray eventsToCsv(const QJsonArray &events);
/// One CSV cell, quoted and guarded as above.
QString csvCell(const QString &value);
/// `events` (newest first) that pass `filter`.
QJsonArray filteredEvents(const QJsonArray &events, const EventFilter &filter);

} // namespace Pot::Api
