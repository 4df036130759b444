#include "ccharset.h"

#include <stdlib.h>
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

uint8_t *ccharset_to_utf8(const char *name, const uint8_t *source, int32_t length,
                          int32_t *outLength) {
  *outLength = 0;
  if (length < 0) return NULL;
  UErrorCode error = U_ZERO_ERROR;
  UConverter *converter = ucnv_open(name, &error);
  if (U_FAILURE(error) || converter == NULL) return NULL;
  ucnv_setToUCallBack(converter, to_unicode_fffd, NULL, NULL, NULL, &error);
  if (U_FAILURE(error)) { ucnv_close(converter); return NULL; }

  // A byte never yields more than two UTF-16 units in any ICU converter.
  int64_t unitCapacity = (int64_t)length * 2 + 16;
  if (unitCapacity > INT32_MAX / 3) { ucnv_close(converter); return NULL; }
  UChar *units = (UChar *)malloc((size_t)unitCapacity * sizeof(UChar));
  if (units == NULL) { ucnv_close(converter); return NULL; }
  int32_t unitCount = ucnv_toUChars(converter, units, (int32_t)unitCapacity,
                                    (const char *)source, length, &error);
  ucnv_close(converter);
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
