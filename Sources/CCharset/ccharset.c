#include "ccharset.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>

// Writes U+FFFD for every invalid, unassigned or irregular input sequence, whatever the
// converter's own substitution character is (some code pages would write U+001A).
static void to_unicode_fffd(const void *context, UConverterToUnicodeArgs *args,
                            const char *units, int32_t length,
                            UConverterCallbackReason reason, UErrorCode *error) {
  (void)context; (void)units; (void)length;
  if (reason == UCNV_UNASSIGNED || reason == UCNV_ILLEGAL || reason == UCNV_IRREGULAR) {
    static const UChar replacement = 0xFFFD;
    *error = U_ZERO_ERROR;
    ucnv_cbToUWriteUChars(args, &replacement, 1, 0, error);
  }
}

int32_t ccharset_is_known(const char *name) {
  UErrorCode error = U_ZERO_ERROR;
  UConverter *converter = ucnv_open(name, &error);
  if (U_FAILURE(error) || converter == NULL) return 0;
  ucnv_close(converter);
  return 1;
}

// Opening a converter costs tens of thousands of instructions, far more than converting a
// typical body, so each thread keeps its few most recently used converters open. A thread's
// cache is closed by the key's destructor when the thread ends (and LeakSanitizer sees the
// main thread's cache reachable through its thread-specific data).
enum { CACHE_SLOTS = 4, CACHE_NAME_BYTES = 72 };

typedef struct {
  char name[CACHE_NAME_BYTES];
  UConverter *converter;
} CacheSlot;

typedef struct {
  CacheSlot slots[CACHE_SLOTS];  // most recently used first
  int count;
} ConverterCache;

static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;
static int cache_key_made = 0;

static void cache_destroy(void *pointer) {
  ConverterCache *cache = (ConverterCache *)pointer;
  for (int i = 0; i < cache->count; i++) ucnv_close(cache->slots[i].converter);
  free(cache);
}

static void cache_make_key(void) { cache_key_made = pthread_key_create(&cache_key, cache_destroy) == 0; }

// The calling thread's cache, made on first use; NULL when none can be had (then converters
// are opened and closed per call, as without a cache).
static ConverterCache *cache_get(void) {
  pthread_once(&cache_once, cache_make_key);
  if (!cache_key_made) return NULL;
  ConverterCache *cache = (ConverterCache *)pthread_getspecific(cache_key);
  if (cache != NULL) return cache;
  cache = (ConverterCache *)calloc(1, sizeof *cache);
  if (cache == NULL) return NULL;
  if (pthread_setspecific(cache_key, cache) != 0) { free(cache); return NULL; }
  return cache;
}

// A converter for `name`, taken out of the cache (the caller gives it back with
// `converter_release`) or newly opened with the U+FFFD callback set; NULL when ICU has none.
static UConverter *converter_acquire(const char *name) {
  ConverterCache *cache = cache_get();
  if (cache != NULL) {
    for (int i = 0; i < cache->count; i++) {
      if (strcmp(cache->slots[i].name, name) != 0) continue;
      UConverter *converter = cache->slots[i].converter;
      memmove(&cache->slots[i], &cache->slots[i + 1], (size_t)(cache->count - i - 1) * sizeof(CacheSlot));
      cache->count--;
      // Stateful converters (ISO-2022, UTF-7) must not carry a shift state into the next text.
      ucnv_reset(converter);
      return converter;
    }
  }
  UErrorCode error = U_ZERO_ERROR;
  UConverter *converter = ucnv_open(name, &error);
  if (U_FAILURE(error) || converter == NULL) return NULL;
  ucnv_setToUCallBack(converter, to_unicode_fffd, NULL, NULL, NULL, &error);
  if (U_FAILURE(error)) { ucnv_close(converter); return NULL; }
  return converter;
}

// Puts `converter` (for `name`) back at the front of the cache, closing the least recently
// used one if the cache is full; closes it instead when there is no cache or the name is long.
static void converter_release(const char *name, UConverter *converter) {
  ConverterCache *cache = cache_get();
  size_t length = strlen(name);
  if (cache == NULL || length >= CACHE_NAME_BYTES) { ucnv_close(converter); return; }
  if (cache->count == CACHE_SLOTS) {
    ucnv_close(cache->slots[CACHE_SLOTS - 1].converter);
    cache->count--;
  }
  memmove(&cache->slots[1], &cache->slots[0], (size_t)cache->count * sizeof(CacheSlot));
  memcpy(cache->slots[0].name, name, length + 1);
  cache->slots[0].converter = converter;
  cache->count++;
}

uint8_t *ccharset_to_utf8(const char *name, const uint8_t *source, int32_t length,
                          int32_t *outLength) {
  *outLength = 0;
  if (length < 0) return NULL;
  UConverter *converter = converter_acquire(name);
  if (converter == NULL) return NULL;

  // A byte never yields more than two UTF-16 units in any ICU converter.
  int64_t unitCapacity = (int64_t)length * 2 + 16;
  if (unitCapacity > INT32_MAX / 3) { converter_release(name, converter); return NULL; }
  UChar *units = (UChar *)malloc((size_t)unitCapacity * sizeof(UChar));
  if (units == NULL) { converter_release(name, converter); return NULL; }
  UErrorCode error = U_ZERO_ERROR;
  int32_t unitCount = ucnv_toUChars(converter, units, (int32_t)unitCapacity,
                                    (const char *)source, length, &error);
  converter_release(name, converter);
  if (U_FAILURE(error)) { free(units); return NULL; }

  // Three UTF-8 bytes per UTF-16 unit at most; a surrogate pair gives four for two.
  int32_t byteCapacity = unitCount * 3 + 1;
  uint8_t *bytes = (uint8_t *)malloc((size_t)byteCapacity);
  if (bytes == NULL) { free(units); return NULL; }
  int32_t byteCount = 0;
  u_strToUTF8WithSub((char *)bytes, byteCapacity, &byteCount, units, unitCount, 0xFFFD,
                     NULL, &error);
  free(units);
  if (U_FAILURE(error)) { free(bytes); return NULL; }
  *outLength = byteCount;
  return bytes;
}

void ccharset_free(uint8_t *buffer) { free(buffer); }
