// CCharset: charset conversion through the system ICU, exposed with plain C types only.
//
// Foundation on Linux carries its own private copy of ICU whose C types clash with the
// system's, so no ICU header may reach Swift. This header is all Swift sees.
#ifndef CCHARSET_H
#define CCHARSET_H

#include <stdint.h>

/// Returns 1 when ICU has a converter for the charset name `name`, 0 otherwise.
int32_t ccharset_is_known(const char *name);

/// Converts `length` bytes at `source`, written in charset `name`, to UTF-8.
///
/// Bytes that are invalid or unmapped in the charset become U+FFFD. On success returns a
/// buffer allocated with malloc (free it with `ccharset_free`) and stores its length in
/// `*outLength`. Returns NULL when ICU has no converter for `name` or runs out of memory.
/// Safe on any thread: each thread keeps its few most recently used converters open, and
/// closes them when it ends.
uint8_t *ccharset_to_utf8(const char *name, const uint8_t *source, int32_t length,
                          int32_t *outLength);

/// Frees a buffer returned by `ccharset_to_utf8`.
void ccharset_free(uint8_t *buffer);

#endif
