/*===- npy_header.c - parsing and writing the .npy header dict ------------===*
 *
 * The header is a Python dict literal such as
 *   {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
 * This parser accepts exactly the literals NumPy writes (and Python 2's
 * "3L" integers), in any key order and spacing.
 *===----------------------------------------------------------------------===*/
#include "npy.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the .npy code assumes a little-endian machine"
#endif

/* Type codes without the byte-order character, with NumPy's names. */
static const struct {
  const char *code;
  int32_t dtype;
  const char *name;
} types[] = {
    {"b1", WEFT_BOOL, "bool"},   {"i1", WEFT_I8, "int8"},
    {"i2", WEFT_I16, "int16"},   {"i4", WEFT_I32, "int32"},
    {"i8", WEFT_I64, "int64"},   {"u1", WEFT_U8, "uint8"},
    {"u2", WEFT_U16, "uint16"},  {"u4", WEFT_U32, "uint32"},
    {"u8", WEFT_U64, "uint64"},  {"f2", WEFT_F16, "float16"},
    {"f4", WEFT_F32, "float32"}, {"f8", WEFT_F64, "float64"},
};
enum { TYPE_COUNT = sizeof types / sizeof types[0] };

const char *weft_rt_npy_type_name(int32_t dtype) {
  for (int i = 0; i < TYPE_COUNT; ++i)
    if (types[i].dtype == dtype)
      return types[i].name;
  return weft_rt_dtype_name(dtype); /* bf16: NumPy has no such type */
}

/* ---- the dict parser --------------------------------------------------- */

typedef struct parser {
  const char *path;
  const char *p, *end;
} parser;

static _Noreturn void damaged(const parser *s, const char *what) {
  weft_rt_fail("%s has a damaged header: %s", s->path, what);
}

static void skip_space(parser *s) {
  while (s->p < s->end && isspace((unsigned char)*s->p))
    ++s->p;
}

/* Consumes `c` (after spaces) if it is next. */
static bool accept(parser *s, char c) {
  skip_space(s);
  if (s->p < s->end && *s->p == c) {
    ++s->p;
    return true;
  }
  return false;
}

static void expect(parser *s, char c, const char *what) {
  if (!accept(s, c))
    damaged(s, what);
}

/* A quoted string without escapes, copied into `out` (`size` bytes). */
static void parse_string(parser *s, char *out, size_t size) {
  skip_space(s);
  if (s->p == s->end || (*s->p != '\'' && *s->p != '"'))
    damaged(s, "expected a quoted string");
  char quote = *s->p++;
  const char *start = s->p;
  while (s->p < s->end && *s->p != quote)
    ++s->p;
  if (s->p == s->end)
    damaged(s, "a string is not closed");
  size_t length = (size_t)(s->p++ - start);
  if (length >= size)
    damaged(s, "a string is too long");
  memcpy(out, start, length);
  out[length] = '\0';
}

static bool parse_bool(parser *s) {
  skip_space(s);
  size_t left = (size_t)(s->end - s->p);
  if (left >= 4 && memcmp(s->p, "True", 4) == 0) {
    s->p += 4;
    return true;
  }
  if (left >= 5 && memcmp(s->p, "False", 5) == 0) {
    s->p += 5;
    return false;
  }
  damaged(s, "'fortran_order' is not True or False");
}

static int64_t parse_extent(parser *s) {
  skip_space(s);
  if (s->p == s->end || !isdigit((unsigned char)*s->p))
    damaged(s, "'shape' holds something other than non-negative integers");
  int64_t value = 0;
  for (; s->p < s->end && isdigit((unsigned char)*s->p); ++s->p) {
    if (value > (INT64_MAX - 9) / 10)
      damaged(s, "an extent in 'shape' is too large");
    value = value * 10 + (*s->p - '0');
  }
  if (s->p < s->end && *s->p == 'L') /* Python 2 wrote long integers so */
    ++s->p;
  return value;
}

static void parse_shape(parser *s, npy_header *h) {
  expect(s, '(', "'shape' is not a tuple");
  h->rank = 0;
  while (!accept(s, ')')) {
    if (h->rank == NPY_MAX_RANK)
      damaged(s, "'shape' has more than 64 dimensions");
    h->shape[h->rank++] = parse_extent(s);
    if (!accept(s, ',')) {
      expect(s, ')', "'shape' is not a tuple of integers");
      break;
    }
  }
}

/* Maps a descr such as "<f4" to a Weft dtype, or fails explaining why the
 * data cannot be read. */
static int32_t parse_descr(const parser *s, const char *descr) {
  char order = descr[0];
  const char *code = order && strchr("<>|=", order) ? descr + 1 : descr;
  for (int i = 0; i < TYPE_COUNT; ++i) {
    if (strcmp(code, types[i].code) != 0)
      continue;
    /* Byte order matters only for types wider than a byte. */
    if (order == '>' && weft_rt_dtype_size(types[i].dtype) > 1)
      weft_rt_fail("%s holds big-endian data ('%s'), which weft cannot read; "
                   "convert it with a.astype('<%s')",
                   s->path, descr, code);
    return types[i].dtype;
  }
  if (code[0] == 'O')
    weft_rt_fail("%s holds Python objects, which weft cannot read", s->path);
  weft_rt_fail("%s holds data of type '%s', which weft cannot read (it reads "
               "bool, int8-64, uint8-64 and float16-64)",
               s->path, descr);
}

void weft_rt_npy_parse_header(const char *path, const char *text, size_t length,
                              npy_header *h) {
  parser s = {path, text, text + length};
  bool seen_descr = false, seen_order = false, seen_shape = false;
  bool fortran_order = false;
  expect(&s, '{', "it is not a dict");
  while (!accept(&s, '}')) {
    char key[32];
    parse_string(&s, key, sizeof key);
    expect(&s, ':', "expected ':' after a key");
    if (strcmp(key, "descr") == 0 && !seen_descr) {
      skip_space(&s);
      if (s.p < s.end && *s.p == '[')
        weft_rt_fail("%s holds a structured array, which weft cannot read",
                     path);
      char descr[32];
      parse_string(&s, descr, sizeof descr);
      h->dtype = parse_descr(&s, descr);
      seen_descr = true;
    } else if (strcmp(key, "fortran_order") == 0 && !seen_order) {
      fortran_order = parse_bool(&s);
      seen_order = true;
    } else if (strcmp(key, "shape") == 0 && !seen_shape) {
      parse_shape(&s, h);
      seen_shape = true;
    } else {
      damaged(&s, "unexpected or repeated key");
    }
    if (!accept(&s, ',')) {
      expect(&s, '}', "expected ',' or '}' after a value");
      break;
    }
  }
  skip_space(&s);
  if (s.p != s.end)
    damaged(&s, "text after the dict");
  if (!seen_descr)
    damaged(&s, "it has no 'descr'");
  if (!seen_order)
    damaged(&s, "it has no 'fortran_order'");
  if (!seen_shape)
    damaged(&s, "it has no 'shape'");
  /* In Fortran order the elements of arrays with two or more dimensions
   * are laid out differently; for rank 0 and 1 it is the same data. */
  if (fortran_order && h->rank > 1)
    weft_rt_fail("%s is stored in Fortran order, which weft cannot read; "
                 "save np.ascontiguousarray(a) instead",
                 path);
  int64_t bytes = (int64_t)weft_rt_dtype_size(h->dtype);
  for (int64_t d = 0; d < h->rank; ++d) {
    if (h->shape[d] != 0 && bytes > INT64_MAX / h->shape[d])
      damaged(&s, "'shape' describes more data than a file can hold");
    bytes *= h->shape[d];
  }
  h->data_bytes = bytes;
}

/* ---- writing ----------------------------------------------------------- */

char *weft_rt_npy_shape_text(int64_t rank, const int64_t *shape) {
  char *text = weft_rt_alloc(24 * (size_t)rank + 3);
  char *p = text;
  *p++ = '(';
  for (int64_t d = 0; d < rank; ++d)
    p += sprintf(p, d == 0 ? "%lld" : ", %lld", (long long)shape[d]);
  if (rank == 1)
    *p++ = ',';
  strcpy(p, ")");
  return text;
}

char *weft_rt_npy_format_header(int32_t dtype, int64_t rank,
                                const int64_t *shape) {
  const char *code = NULL;
  for (int i = 0; i < TYPE_COUNT; ++i)
    if (types[i].dtype == dtype)
      code = types[i].code;
  char *shape_text = weft_rt_npy_shape_text(rank, shape);
  size_t size = strlen(shape_text) + 80;
  char *text = weft_rt_alloc(size);
  snprintf(text, size,
           "{'descr': '%c%s', 'fortran_order': False, 'shape': %s, }",
           weft_rt_dtype_size(dtype) == 1 ? '|' : '<', code, shape_text);
  free(shape_text);
  return text;
}
