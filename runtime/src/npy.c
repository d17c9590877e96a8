/*===- npy.c - weft.load and weft.save: .npy files ------------------------===*
 *
 * Reads format versions 1.0, 2.0 and 3.0 and writes 1.0, padding the header
 * so that the data starts at a multiple of 64 bytes, as NumPy does. Every
 * problem with a file fails with a message naming it; a file whose size
 * disagrees with its header is rejected before any data is read.
 *===----------------------------------------------------------------------===*/
#define _POSIX_C_SOURCE 200809L
#include "npy.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Real headers are a few hundred bytes; a larger length means a damaged
 * file, and we would rather not allocate gigabytes for it. */
enum { MAX_HEADER = 1 << 20, ALIGNMENT = 64 };

static const char magic[] = "\x93NUMPY";
enum { MAGIC_BYTES = sizeof magic - 1 };

/* Opens `path`, reads and checks its header, and leaves the file at the
 * start of the data. */
static FILE *open_npy(const char *path, npy_header *h) {
  FILE *f = fopen(path, "rb");
  if (!f)
    weft_rt_fail("cannot open %s: %s", path, strerror(errno));
  struct stat info;
  if (fstat(fileno(f), &info) != 0 || !S_ISREG(info.st_mode))
    weft_rt_fail("cannot read %s: it is not a regular file", path);
  unsigned char start[12];
  if (fread(start, 1, 8, f) != 8 || memcmp(start, magic, MAGIC_BYTES) != 0)
    weft_rt_fail("%s is not a .npy file (it does not start with \\x93NUMPY)",
                 path);
  int major = start[6], minor = start[7];
  size_t length_bytes = major == 1 ? 2 : major == 2 || major == 3 ? 4 : 0;
  if (length_bytes == 0)
    weft_rt_fail("%s uses .npy format version %d.%d, which weft cannot read",
                 path, major, minor);
  if (fread(start + 8, 1, length_bytes, f) != length_bytes)
    weft_rt_fail("%s is truncated inside its header", path);
  uint32_t length = 0;
  for (size_t i = length_bytes; i-- > 0;)
    length = length << 8 | start[8 + i];
  if (length > MAX_HEADER)
    weft_rt_fail("%s has a header of %lu bytes, more than the %d weft "
                 "accepts; the file is probably damaged",
                 path, (unsigned long)length, MAX_HEADER);
  char *text = weft_rt_alloc(length);
  if (fread(text, 1, length, f) != length)
    weft_rt_fail("%s is truncated inside its header", path);
  weft_rt_npy_parse_header(path, text, length, h);
  free(text);
  int64_t found = (int64_t)info.st_size - (int64_t)(8 + length_bytes + length);
  if (found < h->data_bytes)
    weft_rt_fail("%s is truncated: expected %lld bytes of data, found %lld",
                 path, (long long)h->data_bytes, (long long)found);
  if (found > h->data_bytes)
    weft_rt_fail("%s holds %lld bytes of data but its header describes %lld; "
                 "the file is damaged",
                 path, (long long)found, (long long)h->data_bytes);
  return f;
}

/* Fails unless the file holds `dtype` elements in `rank` dimensions. */
static void check_type(const char *path, const npy_header *h, int32_t dtype,
                       int64_t rank) {
  if (h->dtype != dtype)
    weft_rt_fail("%s holds %s data but the program expects %s", path,
                 weft_rt_npy_type_name(h->dtype), weft_rt_dtype_name(dtype));
  if (h->rank != rank) {
    char *shape = weft_rt_npy_shape_text(h->rank, h->shape);
    weft_rt_fail("%s holds an array of rank %lld (shape %s) but the program "
                 "expects rank %lld",
                 path, (long long)h->rank, shape, (long long)rank);
  }
}

int64_t weft_rt_npy_dim(int64_t path_rank, weft_memref *path, int32_t dtype,
                        int64_t rank, int64_t dim, int64_t expected) {
  char *name = weft_rt_string(path_rank, path);
  npy_header h;
  fclose(open_npy(name, &h));
  check_type(name, &h, dtype, rank);
  if (dim < 0 || dim >= rank)
    weft_rt_fail("internal error: dimension %lld of a rank-%lld array",
                 (long long)dim, (long long)rank);
  if (expected != -1 && h.shape[dim] != expected) {
    char *shape = weft_rt_npy_shape_text(h.rank, h.shape);
    weft_rt_fail("%s has shape %s but the program expects extent %lld in "
                 "axis %lld",
                 name, shape, (long long)expected, (long long)dim);
  }
  free(name);
  return h.shape[dim];
}

/* Copies consecutive elements from a buffer into a strided array, or the
 * other way round. */
typedef struct cursor {
  char *data;
  size_t size;
  bool into_array;
} cursor;

static void copy_one(char *element, void *context) {
  cursor *c = context;
  if (c->into_array)
    memcpy(element, c->data, c->size);
  else
    memcpy(c->data, element, c->size);
  c->data += c->size;
}

void weft_rt_npy_read(int64_t path_rank, weft_memref *path, int64_t rank,
                      weft_memref *array, int32_t dtype) {
  char *name = weft_rt_string(path_rank, path);
  npy_header h;
  FILE *f = open_npy(name, &h);
  check_type(name, &h, dtype, rank);
  if (memcmp(h.shape, array->sizes, sizeof(int64_t) * (size_t)rank) != 0) {
    char *shape = weft_rt_npy_shape_text(h.rank, h.shape);
    char *expected = weft_rt_npy_shape_text(rank, array->sizes);
    weft_rt_fail("%s has shape %s but the program expects %s", name, shape,
                 expected);
  }
  size_t size = weft_rt_dtype_size(dtype), bytes = (size_t)h.data_bytes;
  bool dense = weft_rt_memref_is_dense(rank, array);
  char *data = dense ? (char *)array->aligned + array->offset * (int64_t)size
                     : weft_rt_alloc(bytes);
  size_t found = bytes ? fread(data, 1, bytes, f) : 0;
  if (found != bytes)
    weft_rt_fail("%s is truncated: expected %zu bytes of data, found %zu", name,
                 bytes, found);
  fclose(f);
  /* NumPy reads any nonzero byte as True; compiled code expects 0 or 1. */
  if (dtype == WEFT_BOOL)
    for (size_t i = 0; i < bytes; ++i)
      data[i] = data[i] != 0;
  if (!dense) {
    cursor c = {data, size, true};
    weft_rt_memref_for_each(rank, array, size, copy_one, &c);
    free(data);
  }
  free(name);
}

/* The magic, version 1.0, the 2-byte header length and the padded header
 * dict. With at most NPY_MAX_RANK extents the dict stays far below the
 * 65535 bytes that version 1.0 can describe. */
static char *npy_prefix(int32_t dtype, int64_t rank, const int64_t *shape,
                        size_t *prefix_bytes) {
  char *dict = weft_rt_npy_format_header(dtype, rank, shape);
  size_t dict_length = strlen(dict);
  enum { START = 10 }; /* magic, version, length */
  size_t total =
      (START + dict_length + 1 + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
  size_t length = total - START;
  char *prefix = weft_rt_alloc(total);
  memcpy(prefix, magic, MAGIC_BYTES);
  prefix[6] = 1;
  prefix[7] = 0;
  prefix[8] = (char)(length & 0xff);
  prefix[9] = (char)(length >> 8);
  memcpy(prefix + START, dict, dict_length);
  memset(prefix + START + dict_length, ' ', length - dict_length - 1);
  prefix[total - 1] = '\n';
  free(dict);
  *prefix_bytes = total;
  return prefix;
}

void weft_rt_npy_write(int64_t path_rank, weft_memref *path, int64_t rank,
                       weft_memref *array, int32_t dtype) {
  char *name = weft_rt_string(path_rank, path);
  if (dtype == WEFT_BF16)
    weft_rt_fail("cannot save %s: .npy files have no bf16 type; convert the "
                 "array to f32 first",
                 name);
  if (rank > NPY_MAX_RANK)
    weft_rt_fail("cannot save %s: NumPy reads at most %d dimensions", name,
                 NPY_MAX_RANK);
  size_t prefix_bytes;
  char *prefix = npy_prefix(dtype, rank, array->sizes, &prefix_bytes);
  size_t size = weft_rt_dtype_size(dtype);
  size_t bytes = (size_t)weft_rt_memref_count(rank, array) * size;
  bool dense = weft_rt_memref_is_dense(rank, array);
  char *data = dense ? (char *)array->aligned + array->offset * (int64_t)size
                     : weft_rt_alloc(bytes);
  if (!dense) {
    cursor c = {data, size, false};
    weft_rt_memref_for_each(rank, array, size, copy_one, &c);
  }

  weft_output out = weft_rt_output_open(name);
  bool written = fwrite(prefix, 1, prefix_bytes, out.file) == prefix_bytes &&
                 (bytes == 0 || fwrite(data, 1, bytes, out.file) == bytes);
  weft_rt_output_close(&out, written);
  if (!dense)
    free(data);
  free(prefix);
  free(name);
}
