#pragma once

// Internal to the stand-in Controller: the state behind its stateful resource routes. Only
// standincontroller.cpp and standinresources.cpp include this.

#include "standincontroller.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

namespace Pot::Test {

struct StandInController::Resources
{
    QHash<QString, QList<QJsonObject>> stores; ///< kind → records (see StandInController::resources)
    QHash<QString, qint64> nextId;             ///< kind → next autoincrement id (SQLite AUTOINCREMENT)
    QHash<QString, QString> microserviceUuids; ///< "<application>/<microservice>" → uuid
    QSet<QString> rebuildRequested;            ///< microservice uuids flagged for rebuild
    QString eventMessage; ///< statusMessage for the audit event of the request being answered
};

} // namespace Pot::Test
