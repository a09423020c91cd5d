#include "applogging.h"

Q_LOGGING_CATEGORY(lcApp, "pot.app", QtWarningMsg)
Q_LOGGING_CATEGORY(lcAppUi, "pot.app.ui", QtWarningMsg)
