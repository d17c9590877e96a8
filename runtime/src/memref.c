/*===- memref.c - element types and strided memrefs -----------------------===*/
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const struct {
  const char *name;
  size_t size;
} dtypes[] = {
    [WEFT_BOOL] = {"bool", 1}, [WEFT_I8] = {"i8", 1},
    [WEFT_I16] = {"i16", 2},   [WEFT_I32] = {"i32", 4},
    [WEFT_I64] = {"i64", 8},   [WEFT_U8] = {"u8", 1},
    [WEFT_U16] = {"u16", 2},   [WEFT_U32] = {"u32", 4},
    [WEFT_U64] = {"u64", 8},   [WEFT_F16] = {"f16", 2},
    [WEFT_BF16] = {"bf16", 2}, [WEFT_F32] = {"f32", 4},
    [WEFT_F64] = {"f64", 8},
};

static void check_dtype(int32_t dtype) {
  if (dtype < WEFT_BOOL || dtype > WEFT_F64)
    weft_rt_fail("internal error: unknown element type code %d", (int)dtype);
}

size_t weft_rt_dtype_size(int32_t dtype) {
  check_dtype(dtype);
  return dtypes[dtype].size;
}

const char *weft_rt_dtype_name(int32_t dtype) {
  check_dtype(dtype);
  return dtypes[dtype].name;
}

bool weft_rt_dtype_is_float(int32_t dtype) {
  return dtype >= WEFT_F16 && dtype <= WEFT_F64;
}

bool weft_rt_dtype_is_unsigned(int32_t dtype) {
  return dtype >= WEFT_U8 && dtype <= WEFT_U64;
}

/* ---- float formats ----------------------------------------------------- */

/* Rounds to `bits` significant bits with the exponent range of a format
 * whose smallest normal is 2^emin and largest finite 2^emax * (2 - ulp). */
static double round_bits(double value, int bits, int emin, int emax) {
  if (!isfinite(value) || value == 0)
    return value;
  int exp;
  frexp(value, &exp);
  int lead = exp - 1 < emin ? emin : exp - 1; /* subnormals share 2^emin */
  double quantum = ldexp(1.0, lead - (bits - 1));
  /* Scaling by a power of two is exact; rint rounds ties to even. */
  double r = rint(value / quantum) * quantum;
  double largest = ldexp(2.0 - ldexp(1.0, 1 - bits), emax);
  return fabs(r) > largest ? copysign(INFINITY, value) : r;
}

double weft_rt_round_to(double value, int32_t dtype) {
  switch (dtype) {
  case WEFT_F16:
    return round_bits(value, 11, -14, 15);
  case WEFT_BF16:
    return round_bits(value, 8, -126, 127);
  case WEFT_F32:
    return (float)value;
  default:
    return value;
  }
}

uint16_t weft_rt_f16_bits(double value) {
  uint16_t sign = signbit(value) ? 0x8000 : 0;
  if (isnan(value))
    return sign | 0x7e00;
  double r = fabs(weft_rt_round_to(value, WEFT_F16));
  if (isinf(r))
    return sign | 0x7c00;
  if (r < 0x1p-14) /* subnormal or zero: multiples of 2^-24 */
    return sign | (uint16_t)(r * 0x1p24);
  int exp;
  double m = frexp(r, &exp); /* r = m * 2^exp, m in [0.5, 1) */
  return sign | (uint16_t)((exp + 14) << 10) | (uint16_t)((m * 2 - 1) * 1024);
}

double weft_rt_f16_value(uint16_t bits) {
  int exp = (bits >> 10) & 0x1f, mant = bits & 0x3ff;
  double magnitude = exp == 0    ? ldexp(mant, -24)
                     : exp == 31 ? (mant ? NAN : INFINITY)
                                 : ldexp(mant + 1024, exp - 25);
  return bits & 0x8000 ? -magnitude : magnitude;
}

/* bfloat16 is the upper half of a float32. */
uint16_t weft_rt_bf16_bits(double value) {
  float f = (float)weft_rt_round_to(value, WEFT_BF16);
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return (uint16_t)(u >> 16) | (isnan(value) ? 0x40 : 0); /* keep NaN quiet */
}

double weft_rt_bf16_value(uint16_t bits) {
  uint32_t u = (uint32_t)bits << 16;
  float f;
  memcpy(&f, &u, sizeof f);
  return f;
}

/* ---- loads and stores -------------------------------------------------- */

/* Unaligned-safe reads and writes of one element of a C type. */
#define DEFINE_ACCESS(type, name)                                              \
  static type load_##name(const void *p) {                                     \
    type v;                                                                    \
    memcpy(&v, p, sizeof v);                                                   \
    return v;                                                                  \
  }                                                                            \
  static void store_##name(void *p, type v) { memcpy(p, &v, sizeof v); }
DEFINE_ACCESS(int8_t, i8)
DEFINE_ACCESS(int16_t, i16)
DEFINE_ACCESS(int32_t, i32)
DEFINE_ACCESS(int64_t, i64)
DEFINE_ACCESS(uint8_t, u8)
DEFINE_ACCESS(uint16_t, u16)
DEFINE_ACCESS(uint32_t, u32)
DEFINE_ACCESS(uint64_t, u64)
DEFINE_ACCESS(float, f32)
DEFINE_ACCESS(double, f64)

double weft_rt_load_double(const void *p, int32_t dtype) {
  switch (dtype) {
  case WEFT_F16:
    return weft_rt_f16_value(load_u16(p));
  case WEFT_BF16:
    return weft_rt_bf16_value(load_u16(p));
  case WEFT_F32:
    return load_f32(p);
  case WEFT_F64:
    return load_f64(p);
  case WEFT_U64:
    return (double)load_u64(p);
  default:
    return (double)weft_rt_load_int(p, dtype);
  }
}

int64_t weft_rt_load_int(const void *p, int32_t dtype) {
  switch (dtype) {
  case WEFT_BOOL:
    return load_u8(p) != 0;
  case WEFT_I8:
    return load_i8(p);
  case WEFT_I16:
    return load_i16(p);
  case WEFT_I32:
    return load_i32(p);
  case WEFT_I64:
    return load_i64(p);
  case WEFT_U8:
    return load_u8(p);
  case WEFT_U16:
    return load_u16(p);
  case WEFT_U32:
    return load_u32(p);
  case WEFT_U64:
    return (int64_t)load_u64(p);
  default: /* a float type */
    check_dtype(dtype);
    return (int64_t)weft_rt_load_double(p, dtype);
  }
}

void weft_rt_store_double(void *p, int32_t dtype, double value) {
  switch (dtype) {
  case WEFT_F16:
    store_u16(p, weft_rt_f16_bits(value));
    break;
  case WEFT_BF16:
    store_u16(p, weft_rt_bf16_bits(value));
    break;
  case WEFT_F32:
    store_f32(p, (float)value);
    break;
  case WEFT_F64:
    store_f64(p, value);
    break;
  default:
    weft_rt_store_int(p, dtype, (int64_t)value);
    break;
  }
}

void weft_rt_store_int(void *p, int32_t dtype, int64_t value) {
  switch (dtype) {
  case WEFT_BOOL:
    store_u8(p, value != 0);
    break;
  case WEFT_I8:
    store_i8(p, (int8_t)value);
    break;
  case WEFT_I16:
    store_i16(p, (int16_t)value);
    break;
  case WEFT_I32:
    store_i32(p, (int32_t)value);
    break;
  case WEFT_I64:
    store_i64(p, value);
    break;
  case WEFT_U8:
    store_u8(p, (uint8_t)value);
    break;
  case WEFT_U16:
    store_u16(p, (uint16_t)value);
    break;
  case WEFT_U32:
    store_u32(p, (uint32_t)value);
    break;
  case WEFT_U64:
    store_u64(p, (uint64_t)value);
    break;
  default: /* a float type */
    check_dtype(dtype);
    weft_rt_store_double(p, dtype, (double)value);
    break;
  }
}

/* ---- strided memrefs --------------------------------------------------- */

int64_t weft_rt_memref_count(int64_t rank, const weft_memref *m) {
  int64_t count = 1;
  for (int64_t d = 0; d < rank; ++d)
    count *= m->sizes[d];
  return count;
}

char *weft_rt_memref_at(int64_t rank, const weft_memref *m,
                        const int64_t *index, size_t element_size) {
  const int64_t *strides = weft_memref_strides(m, rank);
  int64_t linear = m->offset;
  for (int64_t d = 0; d < rank; ++d)
    linear += index[d] * strides[d];
  return (char *)m->aligned + linear * (int64_t)element_size;
}

bool weft_rt_memref_is_dense(int64_t rank, const weft_memref *m) {
  const int64_t *strides = weft_memref_strides(m, rank);
  int64_t expected = 1;
  for (int64_t d = rank - 1; d >= 0; --d) {
    /* The stride of an axis of extent 1 never matters. */
    if (m->sizes[d] != 1 && strides[d] != expected)
      return false;
    expected *= m->sizes[d];
  }
  return true;
}

void weft_rt_memref_for_each(int64_t rank, const weft_memref *m,
                             size_t element_size,
                             void (*fn)(char *element, void *context),
                             void *context) {
  int64_t count = weft_rt_memref_count(rank, m);
  if (weft_rt_memref_is_dense(rank, m)) {
    char *p = (char *)m->aligned + m->offset * (int64_t)element_size;
    for (int64_t i = 0; i < count; ++i, p += element_size)
      fn(p, context);
    return;
  }
  if (count == 0)
    return;
  int64_t *index = weft_rt_alloc(sizeof *index * (size_t)rank);
  memset(index, 0, sizeof *index * (size_t)rank);
  for (;;) {
    fn(weft_rt_memref_at(rank, m, index, element_size), context);
    /* Step to the next multi-index, last axis fastest. */
    int64_t d = rank - 1;
    while (d >= 0 && ++index[d] == m->sizes[d])
      index[d--] = 0;
    if (d < 0)
      break;
  }
  free(index);
}

char *weft_rt_string(int64_t rank, const weft_memref *text) {
  if (rank != 1)
    weft_rt_fail(
        "internal error: a string must be a rank-1 memref, not rank %lld",
        (long long)rank);
  int64_t length = text->sizes[0];
  char *s = weft_rt_alloc((size_t)length + 1);
  for (int64_t i = 0; i < length; ++i)
    s[i] = *weft_rt_memref_at(1, text, &i, 1);
  s[length] = '\0';
  return s;
}
