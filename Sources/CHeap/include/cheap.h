#ifndef CHEAP_H
#define CHEAP_H

/// Asks the C library's allocator to keep freed memory at the top of the heap instead of giving
/// it back to the system after every message of a scan (glibc; nothing elsewhere).
void cheap_keep_heap(void);

#endif
