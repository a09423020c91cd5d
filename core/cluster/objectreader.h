#pragma once

#include <QJsonObject>

#include <functional>

namespace Pot::Cluster {

/// Reads the objects of one list answer while the answer is turned into rows, so the answer is
/// parsed once: `each` with every object (on the worker thread that builds the rows), then `done`
/// once every row was built. A list whose answer is unreadable calls neither.
struct ObjectReader
{
    std::function<void(const QJsonObject &)> each;
    std::function<void()> done;
};

/// Makes a fresh ObjectReader for each answer.
using ObjectReaderFactory = std::function<ObjectReader()>;

} // namespace Pot::Cluster
