#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace Pot::Cluster::DemoData {

/// Where the bundled sample data is (resources/demo, made by scripts/make-demo-fleet.py).
inline QString root()
{
    return QStringLiteral(":/demo");
}

/// The GET /status answer the sample is modelled on (`<root>/status.json`). Its `timestamp` is
/// the reference time the sample was generated around.
struct Status
{
    QString status;
    QString version;
    double uptimeSec = -1;
    qint64 referenceMs = 0;
};
std::optional<Status> readStatus(const QString &root);

/// The sample's answer for `id` (`<root>/<id>.json`) with every timestamp moved by `shiftMs`;
/// nullopt when there is no such file.
std::optional<QByteArray> read(const QString &root, const QString &id, qint64 shiftMs);

/// Moves every timestamp in a JSON document by `shiftMs`: numbers that are whole milliseconds
/// since the epoch (2000-2100) and ISO-8601 UTC strings ("2026-12-01T12:00:00.000Z"). The sample
/// is generated around a fixed time; shifted by (now - reference) it reads as current: a running
/// agent last reported seconds ago, an offline one days ago. A body that is not JSON is returned
/// unchanged.
QByteArray shiftTimes(const QByteArray &json, qint64 shiftMs);

} // namespace Pot::Cluster::DemoData
