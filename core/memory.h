#pragma once

namespace Pot {

/// Gives memory freed after a large parse back to the operating system. glibc keeps freed heap
/// pages mapped, so a 30 MB answer parsed once would otherwise stay in the resident size for good.
/// No-op where the C library has no such call.
void releaseFreedMemory();

} // namespace Pot
