/*===- npy.h - the .npy header, shared by npy.c and npy_header.c ----------===*
 *
 * The format (numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
 * a file is the magic "\x93NUMPY", a major and minor version byte, the header
 * length (2 bytes little-endian in version 1, 4 bytes in 2 and 3), the header
 * (a Python dict literal, padded with spaces, ending in '\n'), then the
 * elements in C order.
 *===----------------------------------------------------------------------===*/
#ifndef WEFT_RUNTIME_NPY_H
#define WEFT_RUNTIME_NPY_H

#include "internal.h"

/* NumPy 2's limit on the number of dimensions. */
enum { NPY_MAX_RANK = 64 };

typedef struct npy_header {
  int32_t dtype;
  int64_t rank;
  int64_t shape[NPY_MAX_RANK];
  int64_t data_bytes; /* the product of the shape times the element size */
} npy_header;

/* Parses the header dict `text` (`length` bytes) of the file `path`; fails
 * with a message naming the file when it is damaged or describes data that
 * Weft cannot read. */
void weft_rt_npy_parse_header(const char *path, const char *text, size_t length,
                              npy_header *header);

/* NumPy's name for a dtype ("float32") as used in messages. */
const char *weft_rt_npy_type_name(int32_t dtype);

/* The header dict for an array of `dtype` (not bf16) with `rank` extents
 * `shape`, without the padding; free it. */
char *weft_rt_npy_format_header(int32_t dtype, int64_t rank,
                                const int64_t *shape);

/* "(2, 3)", as NumPy writes shapes; free it. */
char *weft_rt_npy_shape_text(int64_t rank, const int64_t *shape);

#endif /* WEFT_RUNTIME_NPY_H */
