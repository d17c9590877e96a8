/*===- check.c - weft.check_extent, weft.check_index, weft.assert, sizes --===*/
#include "internal.h"

#include <ctype.h>
#include <string.h>

/* Length of the `<file>:<line>:<col>` prefix of a message of the form
 * `<file>:<line>:<col>: <text>`, or 0 when it has none. The file name may
 * itself contain colons, so look for `:<digits>:<digits>: `. */
static size_t location_length(const char *message) {
  for (const char *p = message; *p; ++p) {
    if (p == message || *p != ':' || !isdigit((unsigned char)p[1]))
      continue;
    const char *q = p + 1;
    while (isdigit((unsigned char)*q))
      ++q;
    if (*q != ':' || !isdigit((unsigned char)q[1]))
      continue;
    ++q;
    while (isdigit((unsigned char)*q))
      ++q;
    if (q[0] == ':' && q[1] == ' ')
      return (size_t)(q - message);
  }
  return 0;
}

void weft_rt_check_extent(int64_t lhs, int64_t rhs, int64_t message_rank,
                          weft_memref *message) {
  if (lhs == rhs)
    return;
  char *text = weft_rt_string(message_rank, message);
  size_t length = location_length(text);
  if (length == 0)
    weft_rt_fail("%s (%lld vs %lld)", text, (long long)lhs, (long long)rhs);
  text[length] = '\0';
  weft_rt_fail_at(text, "%s (%lld vs %lld)", text + length + 2, (long long)lhs,
                  (long long)rhs);
}

void weft_rt_check_index(int64_t index, int64_t extent, int64_t message_rank,
                         weft_memref *message) {
  if (index >= 0 && index < extent)
    return;
  char *text = weft_rt_string(message_rank, message);
  size_t length = location_length(text);
  if (length == 0)
    weft_rt_fail("%s (subscript %lld, extent %lld)", text, (long long)index,
                 (long long)extent);
  text[length] = '\0';
  weft_rt_fail_at(text, "%s (subscript %lld, extent %lld)", text + length + 2,
                  (long long)index, (long long)extent);
}

/* Exits with `text`, printed located when it starts with a location. */
static _Noreturn void fail_with(const char *text) {
  size_t length = location_length(text);
  if (length == 0)
    weft_rt_fail("%s", text);
  char *location = weft_rt_alloc(length + 1);
  memcpy(location, text, length);
  location[length] = '\0';
  weft_rt_fail_at(location, "%s", text + length + 2);
}

void weft_rt_assert(int32_t cond, int64_t message_rank, weft_memref *message) {
  if (!cond)
    fail_with(weft_rt_string(message_rank, message));
}

void weft_rt_check_array_size(int32_t too_large, const char *message) {
  if (too_large)
    fail_with(message);
}
