#pragma once

#include <QLoggingCategory>

// Logging categories of the core layer. Names are listed in the README so that users can set
// QT_LOGGING_RULES, e.g. QT_LOGGING_RULES="pot.core.net.debug=true". Never log secrets.
Q_DECLARE_LOGGING_CATEGORY(lcCoreNet)
Q_DECLARE_LOGGING_CATEGORY(lcCoreAuth)
Q_DECLARE_LOGGING_CATEGORY(lcCoreTls)
Q_DECLARE_LOGGING_CATEGORY(lcCoreProfiles)
Q_DECLARE_LOGGING_CATEGORY(lcCoreSecrets)
Q_DECLARE_LOGGING_CATEGORY(lcCoreNats)
/// View models (actions, pages); messages never carry secret values.
Q_DECLARE_LOGGING_CATEGORY(lcModels)
