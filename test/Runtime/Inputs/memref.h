/* Hand-built memref descriptors for the runtime tests, laid out like
 * weft_memref: sizes[0..rank) then strides[0..rank). */
#ifndef WEFT_TEST_MEMREF_H
#define WEFT_TEST_MEMREF_H

#include "weft/runtime.h"

#include <string.h>

typedef struct test_memref {
  void *allocated;
  void *aligned;
  int64_t offset;
  int64_t sizes_and_strides[16];
} test_memref;

/* A dense C-order descriptor of `data`. */
static inline weft_memref *dense(test_memref *m, void *data, int64_t rank,
                                 const int64_t *sizes) {
  m->allocated = m->aligned = data;
  m->offset = 0;
  int64_t stride = 1;
  for (int64_t d = rank - 1; d >= 0; --d) {
    m->sizes_and_strides[d] = sizes[d];
    m->sizes_and_strides[rank + d] = stride;
    stride *= sizes[d];
  }
  return (weft_memref *)m;
}

/* A Weft string: a rank-1 i8 memref over the characters of `s`. */
static inline weft_memref *text(test_memref *m, const char *s) {
  int64_t length = (int64_t)strlen(s);
  return dense(m, (void *)s, 1, &length);
}

#endif
