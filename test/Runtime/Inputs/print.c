/* Prints scalars and arrays of every kind through the runtime. */
#include "memref.h"

#include <math.h>
#include <stdio.h>

static void label(const char *name) {
  test_memref m;
  weft_rt_print_text(1, text(&m, name));
  weft_rt_print_text(1, text(&m, ":\n"));
}

static void show(const char *name, void *data, int64_t rank,
                 const int64_t *sizes, weft_dtype dtype) {
  test_memref m;
  label(name);
  weft_rt_print_array(rank, dense(&m, data, rank, sizes), dtype);
  weft_rt_print_newline();
}

static double f64s[10000];
static float f32s[16];
static int64_t i64s[10000];

void weft_main(void) {
  /* Scalars. */
  weft_rt_print_float(0.1f, WEFT_F32);
  weft_rt_print_newline();
  weft_rt_print_float(1.0, WEFT_F64);
  weft_rt_print_newline();
  weft_rt_print_float(1.0 / 3, WEFT_F64);
  weft_rt_print_newline();
  weft_rt_print_float((float)(1.0 / 3), WEFT_F32);
  weft_rt_print_newline();
  weft_rt_print_float(-2.5, WEFT_F32);
  weft_rt_print_newline();
  weft_rt_print_float(1e15, WEFT_F64);
  weft_rt_print_newline();
  weft_rt_print_float(1e16, WEFT_F64);
  weft_rt_print_newline();
  weft_rt_print_float(1.5e-5, WEFT_F64);
  weft_rt_print_newline();
  weft_rt_print_float(-0.0, WEFT_F64);
  weft_rt_print_newline();
  weft_rt_print_float(NAN, WEFT_F64);
  weft_rt_print_newline();
  weft_rt_print_float(-INFINITY, WEFT_F32);
  weft_rt_print_newline();
  weft_rt_print_float(0.0999755859375, WEFT_F16); /* f16(0.1) */
  weft_rt_print_newline();
  weft_rt_print_float(0.10009765625, WEFT_BF16); /* bf16(0.1) */
  weft_rt_print_newline();
  weft_rt_print_int(-5, WEFT_I32);
  weft_rt_print_newline();
  weft_rt_print_int(-1, WEFT_U64);
  weft_rt_print_newline();
  weft_rt_print_int(1, WEFT_BOOL);
  weft_rt_print_newline();

  f64s[0] = 1, f64s[1] = 2.5, f64s[2] = 3;
  show("f64", f64s, 1, (int64_t[]){3}, WEFT_F64);
  f64s[0] = 2.5;
  show("rank0", f64s, 0, NULL, WEFT_F64);
  f64s[0] = 1.0 / 3, f64s[1] = 2.0 / 3, f64s[2] = -1;
  show("thirds", f64s, 1, (int64_t[]){3}, WEFT_F64);
  f32s[0] = 1.0f / 3, f32s[1] = 2.0f / 3;
  show("f32", f32s, 1, (int64_t[]){2}, WEFT_F32);
  f64s[0] = 1e-5, f64s[1] = 1, f64s[2] = NAN;
  show("small", f64s, 1, (int64_t[]){3}, WEFT_F64);
  f64s[0] = 1e7, f64s[1] = 1;
  show("ratio", f64s, 1, (int64_t[]){2}, WEFT_F64);
  f64s[0] = 1e100, f64s[1] = -1e-100;
  show("exp3", f64s, 1, (int64_t[]){2}, WEFT_F64);
  f64s[0] = NAN, f64s[1] = 1.5, f64s[2] = 2, f64s[3] = -INFINITY;
  show("special", f64s, 2, (int64_t[]){2, 2}, WEFT_F64);
  f64s[0] = NAN, f64s[1] = INFINITY;
  show("nonfinite", f64s, 1, (int64_t[]){2}, WEFT_F64);
  f64s[0] = 0.0, f64s[1] = -0.0;
  show("zeros", f64s, 1, (int64_t[]){2}, WEFT_F64);
  uint16_t f16s[] = {0x2e66, 0x3c00, 0x7bff}; /* 0.1, 1, 65504 */
  show("f16", f16s, 1, (int64_t[]){3}, WEFT_F16);
  uint16_t whole16s[] = {0x741d, 0x5640, 0x4d20}; /* 16848, 100, 20.5 */
  show("f16 whole", whole16s, 1, (int64_t[]){3}, WEFT_F16);

  for (int i = 0; i < 30; ++i)
    f64s[i] = i;
  show("wrap", f64s, 1, (int64_t[]){30}, WEFT_F64);
  show("2d", f64s + 1, 2, (int64_t[]){2, 2}, WEFT_F64);
  for (int i = 0; i < 10000; ++i)
    i64s[i] = i;
  show("3d", i64s, 3, (int64_t[]){2, 3, 4}, WEFT_I64);
  for (int i = 0; i < 2000; ++i)
    f64s[i] = i;
  show("summary2d", f64s, 2, (int64_t[]){2, 1000}, WEFT_F64);
  show("summary3d", i64s, 3, (int64_t[]){10, 10, 100}, WEFT_I64);

  int8_t i8s[] = {-128, 0, 127};
  show("i8", i8s, 1, (int64_t[]){3}, WEFT_I8);
  uint64_t u64s[] = {UINT64_MAX, 7};
  show("u64", u64s, 1, (int64_t[]){2}, WEFT_U64);
  uint8_t bools[] = {1, 0};
  show("bool", bools, 1, (int64_t[]){2}, WEFT_BOOL);
  show("empty", f64s, 2, (int64_t[]){2, 0}, WEFT_F64);

  /* The transpose of [[0, 1, 2], [3, 4, 5]], read through its strides. */
  test_memref t = {f64s, f64s, 0, {3, 2, 1, 3}};
  label("strided");
  weft_rt_print_array(2, (weft_memref *)&t, WEFT_F64);
  weft_rt_print_newline();
}
