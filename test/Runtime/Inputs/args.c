/* A program with the parameters of
 *   fn main(n: i64 = 512, scale: f64 = 1.0, small: i8 = -3, verbose: bool =
 *           false, half: f32 = 0.1, input: f32[?, ?], count: i32)
 * declared the way the compiler does (see args.test), printing their
 * values. */
#include "memref.h"

#include <stdio.h>

static void declare(const char *name, int32_t kind, const char *type,
                    const char *default_text) {
  test_memref n, t, d;
  weft_rt_declare_arg(1, text(&n, name), kind, 1, text(&t, type), 1,
                      text(&d, default_text ? default_text : ""),
                      default_text != NULL);
}

void weft_declare_args(void) {
  declare("n", WEFT_I64, "i64", "512");
  declare("scale", WEFT_F64, "f64", "1.0");
  declare("small", WEFT_I8, "i8", "-3");
  declare("verbose", WEFT_BOOL, "bool", "false");
  declare("half", WEFT_F32, "f32", "0.1");
  declare("input", WEFT_ARG_ARRAY, "f32[?, ?]", NULL);
  declare("count", WEFT_I32, "i32", NULL);
}

void weft_main(void) {
  test_memref m;
  printf("n %lld scale %g small %lld verbose %lld half %.9g count %lld\n",
         (long long)weft_rt_arg_int(1, text(&m, "n"), 512),
         weft_rt_arg_float(1, text(&m, "scale"), 1.0),
         (long long)weft_rt_arg_int(1, text(&m, "small"), -3),
         (long long)weft_rt_arg_int(1, text(&m, "verbose"), 0),
         weft_rt_arg_float(1, text(&m, "half"), 0.1),
         (long long)weft_rt_arg_int(1, text(&m, "count"), 0));
  int64_t rows = weft_rt_arg_npy_dim(1, text(&m, "input"), WEFT_F32, 2, 0, -1);
  int64_t cols = weft_rt_arg_npy_dim(1, text(&m, "input"), WEFT_F32, 2, 1, -1);
  float data[64];
  test_memref a;
  weft_rt_arg_npy_read(1, text(&m, "input"), 2,
                       dense(&a, data, 2, (int64_t[]){rows, cols}), WEFT_F32);
  printf("input %lldx%lld, last %g\n", (long long)rows, (long long)cols,
         (double)data[rows * cols - 1]);
}
