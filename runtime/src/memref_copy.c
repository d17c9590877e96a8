/*===- memref_copy.c - memref.copy of strided memrefs ---------------------===*/
/* MLIR lowers a memref.copy whose operands are not both contiguous (a
 * strided subview, as when an equation only shifts its input: `y[i] =
 * x[i + 2]`) to a call of `memrefCopy`, which MLIR's C runner utils define;
 * Weft programs link only this runtime, so it defines it too. The copy goes
 * through a dense buffer: gathered from the source, then scattered into the
 * destination, both in row-major order. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* MLIR's unranked memref, as `memrefCopy` receives it. */
typedef struct weft_unranked_memref {
  int64_t rank;
  weft_memref *descriptor;
} weft_unranked_memref;

typedef struct copy_cursor {
  char *buffer;
  size_t element_size;
} copy_cursor;

static void gather(char *element, void *context) {
  copy_cursor *c = context;
  memcpy(c->buffer, element, c->element_size);
  c->buffer += c->element_size;
}

static void scatter(char *element, void *context) {
  copy_cursor *c = context;
  memcpy(element, c->buffer, c->element_size);
  c->buffer += c->element_size;
}

void memrefCopy(int64_t element_size, weft_unranked_memref *src,
                weft_unranked_memref *dst) {
  int64_t rank = src->rank;
  size_t size = (size_t)element_size;
  int64_t count = weft_rt_memref_count(rank, src->descriptor);
  if (count == 0)
    return;
  char *buffer = weft_rt_alloc(size * (size_t)count);
  copy_cursor cursor = {buffer, size};
  weft_rt_memref_for_each(rank, src->descriptor, size, gather, &cursor);
  cursor.buffer = buffer;
  weft_rt_memref_for_each(rank, dst->descriptor, size, scatter, &cursor);
  free(buffer);
}
