#include "logging.h"

Q_LOGGING_CATEGORY(lcCoreNet, "pot.core.net", QtWarningMsg)
Q_LOGGING_CATEGORY(lcCoreAuth, "pot.core.auth", QtWarningMsg)
Q_LOGGING_CATEGORY(lcCoreTls, "pot.core.tls", QtWarningMsg)
Q_LOGGING_CATEGORY(lcCoreProfiles, "pot.core.profiles", QtWarningMsg)
Q_LOGGING_CATEGORY(lcCoreSecrets, "pot.core.secrets", QtWarningMsg)
Q_LOGGING_CATEGORY(lcCoreNats, "pot.core.nats", QtWarningMsg)
Q_LOGGING_CATEGORY(lcModels, "pot.models", QtWarningMsg)
