#include "cheap.h"

#include <stdlib.h>  // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void cheap_keep_heap(void) {
#if defined(__GLIBC__)
  // By default glibc returns the top of the heap whenever 128 KiB of it is free; a scan frees
  // each message's memory before it reads the next, and the next message faults the same pages
  // in again, zeroed by the kernel. A few MiB are kept instead.
  mallopt(M_TRIM_THRESHOLD, 8 << 20);
  mallopt(M_TOP_PAD, 4 << 20);
#endif
}
