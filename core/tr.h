#pragma once

#include <QCoreApplication>

namespace Pot {

/// Translation context for code outside QObject classes in core.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(PotCore)
};

} // namespace Pot
