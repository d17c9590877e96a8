/* Fills arrays of each kind from weft_rt_fill_random: prints a few values
 * for a fixed seed, and checks ranges and rough uniformity over many. */
#include "memref.h"

#include <stdio.h>

static void fill(void *data, int64_t count, weft_dtype dtype, int64_t seed) {
  test_memref m;
  weft_rt_fill_random(1, dense(&m, data, 1, &count), dtype, seed);
}

static void show(void *data, int64_t count, weft_dtype dtype) {
  test_memref m;
  weft_rt_print_array(1, dense(&m, data, 1, &count), dtype);
  weft_rt_print_newline();
}

static double f64s[100000], again[100000];
static float f32s[100000];
static int32_t i32s[100000];
static uint8_t bools[100000];
static uint16_t f16s[4];

void weft_main(void) {
  enum { N = 100000 };
  fill(f64s, 4, WEFT_F64, 42);
  show(f64s, 4, WEFT_F64);
  fill(f32s, 4, WEFT_F32, 42);
  show(f32s, 4, WEFT_F32);
  fill(f16s, 4, WEFT_F16, 42);
  show(f16s, 4, WEFT_F16);
  fill(i32s, 8, WEFT_I32, 42);
  show(i32s, 8, WEFT_I32);
  fill(bools, 8, WEFT_BOOL, 42);
  show(bools, 8, WEFT_BOOL);
  fill(f64s, 4, WEFT_F64, 7);
  show(f64s, 4, WEFT_F64);

  /* The same seed gives the same numbers, a different one others. */
  fill(f64s, N, WEFT_F64, 1);
  fill(again, N, WEFT_F64, 1);
  int same = 1;
  for (int i = 0; i < N; ++i)
    same &= f64s[i] == again[i];
  fill(again, N, WEFT_F64, 2);
  int differ = 0;
  for (int i = 0; i < N; ++i)
    differ += f64s[i] != again[i];
  printf("same seed: %s, other seed differs: %s\n", same ? "equal" : "DIFFER",
         differ == N ? "everywhere" : "NOT EVERYWHERE");

  /* Ranges, means and extremes over many draws. */
  fill(f32s, N, WEFT_F32, 3);
  fill(i32s, N, WEFT_I32, 3);
  fill(bools, N, WEFT_BOOL, 3);
  double fsum = 0, isum = 0, bsum = 0;
  int fbad = 0, ibad = 0, bbad = 0, seen[100] = {0}, covered = 0;
  for (int i = 0; i < N; ++i) {
    fbad += !(f32s[i] >= 0 && f32s[i] < 1);
    ibad += !(i32s[i] >= 0 && i32s[i] < 100);
    bbad += bools[i] > 1;
    fsum += f32s[i], isum += i32s[i], bsum += bools[i];
    if (!ibad && !seen[i32s[i]]++)
      ++covered;
  }
  printf("f32 out of [0, 1): %d, mean %.2f\n", fbad, fsum / N);
  printf("i32 out of [0, 100): %d, mean %.1f, distinct %d\n", ibad, isum / N,
         covered);
  printf("bool not 0 or 1: %d, mean %.2f\n", bbad, bsum / N);
}
