#pragma once

#include "core/result.h"

#include <QString>
#include <QUrl>

namespace Pot::Net {

/// Default API port of the Controller (`server.port`).
inline constexpr int DefaultControllerPort = 51121;

/// Turns what a user typed into the API base URL ending in `/api/v3`.
///
/// Accepted: `host`, `host:port`, `http(s)://host[:port][/prefix][/api/v3][/]`. Without a scheme
/// the URL is https (a plain-http Controller must be written with `http://`, so nobody sends a
/// password unencrypted by accident). Without a port: 51121. A path other than `/api/v3` is kept as
/// a reverse-proxy prefix and `/api/v3` is appended. Query, fragment and user info are refused.
Result<QUrl> normaliseControllerUrl(const QString &input);

/// Whether a URL as the user typed it is encrypted (not plain http, shown as "not encrypted").
bool isEncryptedUrl(const QString &url);

} // namespace Pot::Net
