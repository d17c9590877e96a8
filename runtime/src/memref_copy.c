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

/* Copies between two different buffers directly, a row (the last axis) at
 * a time: one memcpy a row when both rows are contiguous, else a strided
 * loop. A stencil's interior copy (`-> B = A` with a domain) and shifted
 * reads come here once a call, so this is on the hot path of every step. */
static void copy_rows(int64_t rank, size_t size, const weft_memref *s,
                      const weft_memref *d) {
  const int64_t *ss = weft_memref_strides(s, rank);
  const int64_t *ds = weft_memref_strides(d, rank);
  int64_t n = rank > 0 ? s->sizes[rank - 1] : 1;
  int64_t sl = rank > 0 ? ss[rank - 1] : 1, dl = rank > 0 ? ds[rank - 1] : 1;
  int64_t outer = rank > 0 ? rank - 1 : 0;
  int64_t index[16] = {0};
  for (;;) {
    int64_t so = s->offset, dof = d->offset;
    for (int64_t k = 0; k < outer; ++k) {
      so += index[k] * ss[k];
      dof += index[k] * ds[k];
    }
    const char *sp = (const char *)s->aligned + so * (int64_t)size;
    char *dp = (char *)d->aligned + dof * (int64_t)size;
    if ((sl == 1 && dl == 1) || n == 1)
      memcpy(dp, sp, size * (size_t)n);
    else
      for (int64_t j = 0; j < n; ++j)
        memcpy(dp + j * dl * (int64_t)size, sp + j * sl * (int64_t)size, size);
    int64_t k = outer - 1;
    while (k >= 0 && ++index[k] == s->sizes[k])
      index[k--] = 0;
    if (k < 0)
      break;
  }
}

void memrefCopy(int64_t element_size, weft_unranked_memref *src,
                weft_unranked_memref *dst) {
  int64_t rank = src->rank;
  size_t size = (size_t)element_size;
  int64_t count = weft_rt_memref_count(rank, src->descriptor);
  if (count == 0)
    return;
  /* Different buffers cannot overlap: copy directly. The same buffer goes
   * through the dense staging buffer below, which is safe for any overlap. */
  if (rank <= 16 && src->descriptor->aligned != dst->descriptor->aligned) {
    copy_rows(rank, size, src->descriptor, dst->descriptor);
    return;
  }
  char *buffer = weft_rt_alloc(size * (size_t)count);
  copy_cursor cursor = {buffer, size};
  weft_rt_memref_for_each(rank, src->descriptor, size, gather, &cursor);
  cursor.buffer = buffer;
  weft_rt_memref_for_each(rank, dst->descriptor, size, scatter, &cursor);
  free(buffer);
}
