/*===- random.c - weft.random ---------------------------------------------===*
 *
 * The generator is xoshiro256** (Blackman and Vigna, 2018), its state seeded
 * from the 64-bit seed with splitmix64, as its authors recommend. Both use
 * only 64-bit integer arithmetic, so a seed gives the same numbers on every
 * machine. Elements are filled in C order, one 64-bit draw each:
 *   - floats: the top p bits of the draw times 2^-p, where p is the type's
 *     precision (f64 53, f32 24, f16 11, bf16 8), so every value is exact
 *     and uniform on a grid in [0, 1);
 *   - integers: draw % 100, redrawing the top 16 values of the 64-bit range
 *     so that all of [0, 100) are equally likely;
 *   - bools: the top bit.
 *===----------------------------------------------------------------------===*/
#include "internal.h"

#include <math.h>

typedef struct rng {
  uint64_t s[4];
} rng;

static uint64_t splitmix64(uint64_t *x) {
  uint64_t z = (*x += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t next(rng *r) {
  uint64_t *s = r->s;
  uint64_t result = rotl(s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

static int precision_bits(int32_t dtype) {
  switch (dtype) {
  case WEFT_F16:
    return 11;
  case WEFT_BF16:
    return 8;
  case WEFT_F32:
    return 24;
  default:
    return 53;
  }
}

typedef struct fill {
  rng r;
  int32_t dtype;
  int bits;     /* precision of a float dtype */
  double scale; /* 2^-bits */
} fill;

static void fill_one(char *element, void *context) {
  fill *f = context;
  uint64_t draw = next(&f->r);
  if (weft_rt_dtype_is_float(f->dtype)) {
    weft_rt_store_double(element, f->dtype,
                         (double)(draw >> (64 - f->bits)) * f->scale);
  } else if (f->dtype == WEFT_BOOL) {
    weft_rt_store_int(element, f->dtype, (int64_t)(draw >> 63));
  } else {
    /* 2^64 % 100 == 16: the top 16 draws would favour 0..15. */
    while (draw >= UINT64_MAX - 15)
      draw = next(&f->r);
    weft_rt_store_int(element, f->dtype, (int64_t)(draw % 100));
  }
}

void weft_rt_fill_random(int64_t rank, weft_memref *array, int32_t dtype,
                         int64_t seed) {
  fill f = {.dtype = dtype, .bits = precision_bits(dtype)};
  f.scale = ldexp(1.0, -f.bits);
  uint64_t x = (uint64_t)seed;
  for (int i = 0; i < 4; ++i)
    f.r.s[i] = splitmix64(&x);
  weft_rt_memref_for_each(rank, array, weft_rt_dtype_size(dtype), fill_one, &f);
}
