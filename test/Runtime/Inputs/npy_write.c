/* Saves arrays of several types, ranks and layouts into the folder $DIR
 * (see npy-write.test); $BF16 asks to save a bf16 array first, and $RANK65
 * an array of 65 dimensions (both are errors). */
#include "memref.h"

#include <stdio.h>
#include <stdlib.h>

static void save(const char *name, void *data, int64_t rank,
                 const int64_t *sizes, weft_dtype dtype) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", getenv("DIR"), name);
  test_memref p, a;
  weft_rt_npy_write(1, text(&p, path), rank, dense(&a, data, rank, sizes),
                    dtype);
}

static float one_float = 1;

void weft_main(void) {
  if (getenv("BF16")) {
    uint16_t one = 0x3f80;
    save("bf16.npy", &one, 0, NULL, WEFT_BF16);
  }
  if (getenv("RANK65")) {
    /* 65 extents of 1, then 65 strides of 1. */
    struct {
      void *allocated, *aligned;
      int64_t offset, sizes_and_strides[130];
    } m = {&one_float, &one_float, 0, {0}};
    for (int d = 0; d < 130; ++d)
      m.sizes_and_strides[d] = 1;
    char path[4096];
    snprintf(path, sizeof path, "%s/rank65.npy", getenv("DIR"));
    test_memref p;
    weft_rt_npy_write(1, text(&p, path), 65, (weft_memref *)&m, WEFT_F32);
  }
  float f32s[] = {0, 0.25f, 0.5f, 0.75f, 1, 1.25f};
  save("f32.npy", f32s, 2, (int64_t[]){2, 3}, WEFT_F32);
  double f64 = 2.5;
  save("f64.npy", &f64, 0, NULL, WEFT_F64);
  int64_t i64s[] = {-3, 0, 1LL << 40};
  save("i64.npy", i64s, 1, (int64_t[]){3}, WEFT_I64);
  int8_t i8s[] = {-128, 127};
  save("i8.npy", i8s, 1, (int64_t[]){2}, WEFT_I8);
  uint64_t u64s[] = {UINT64_MAX};
  save("u64.npy", u64s, 1, (int64_t[]){1}, WEFT_U64);
  uint8_t bools[] = {1, 0, 1};
  save("bool.npy", bools, 1, (int64_t[]){3}, WEFT_BOOL);
  uint16_t f16s[] = {0x3800, 0xc000, 0x7c00}; /* 0.5, -2, inf */
  save("f16.npy", f16s, 1, (int64_t[]){3}, WEFT_F16);
  save("empty.npy", f32s, 2, (int64_t[]){0, 4}, WEFT_F32);
  int32_t i32s[2][3][4];
  for (int i = 0; i < 24; ++i)
    i32s[i / 12][i / 4 % 3][i % 4] = i;
  save("i32.npy", i32s, 3, (int64_t[]){2, 3, 4}, WEFT_I32);

  /* The transpose of f32s, read through its strides. */
  test_memref t = {f32s, f32s, 0, {3, 2, 1, 3}};
  test_memref p;
  char path[4096];
  snprintf(path, sizeof path, "%s/strided.npy", getenv("DIR"));
  weft_rt_npy_write(1, text(&p, path), 2, (weft_memref *)&t, WEFT_F32);
}
