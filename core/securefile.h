#pragma once

#include "core/result.h"

#include <QByteArrayView>
#include <QString>

namespace Pot {

/// Writes `content` to `path` readable and writable by the owner only, for every owner-only export
/// (creds files, nats contexts, keys).
///
/// On Unix the bytes go to a new temporary file in the target's folder, created with mkostemp
/// (O_CREAT|O_EXCL, mode 0600 whatever the umask) and fchmod'ed to exactly 0600 before the first
/// byte, synced, then renamed over `path`. So no one else can ever read the content, a reader never
/// sees a half-written file, and a failure leaves any old file as it was. On Windows the file gets
/// a user-only ACL.
///
/// An existing `path` is replaced only when `replace` is true (the CLI's --force, or the GUI after
/// its overwrite question). A symbolic link at `path`, dangling or not, counts as existing: without
/// `replace` it is refused; with `replace` the link itself is replaced by the new regular file and
/// whatever it pointed to is left untouched (never written, never chmod'ed). Directories and other
/// non-regular files (devices, FIFOs, sockets) are refused either way.
Status writeOwnerOnlyFile(const QString &path, QByteArrayView content, bool replace);

} // namespace Pot
