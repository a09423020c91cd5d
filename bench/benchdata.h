#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace Pot::Bench {

constexpr int kRows = 10000;

/// A captured 3.7.3 answer from tests/data/controller-3.7.3 (fatal when missing).
QJsonObject readFixture(const QString &name);

/// Deterministic uuid for row i (the same agent keeps its identity between two bodies).
QString uuidFor(int i);

/// kRows agents shaped like the captured fogs. Every field that differs from one real agent to
/// another (identity, addresses, times, usage, GPS, version, uptime counters) differs here too.
/// `changedEvery` > 0: every n-th agent reports other usage figures (1 % changed: 100). Last
/// active is whole days ago (mid-day), so the relative text does not tick during a run.
QByteArray agentsBody(const QJsonObject &fixture, qint64 now, int changedEvery = 0);

/// kRows NATS users shaped like the captured ones, each with its own key pair and its own user
/// JWT signed by its account's key (200 accounts), as a Controller would answer.
QByteArray usersBody(const QJsonObject &fixture);

} // namespace Pot::Bench
