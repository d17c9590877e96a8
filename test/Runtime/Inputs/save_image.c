/* Saves images of several kinds into the folder $DIR (see save-image.test);
 * $CASE picks one image for the error cases instead. */
#include "memref.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void save(const char *name, void *data, int64_t rank,
                 const int64_t *sizes, weft_dtype dtype, const char *colormap,
                 int has_range, double lo, double hi) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", getenv("DIR"), name);
  test_memref p, a, c;
  weft_rt_save_image(1, text(&p, path), rank, dense(&a, data, rank, sizes),
                     dtype, 1, text(&c, colormap), has_range, lo, hi);
}

void weft_main(void) {
  const char *only = getenv("CASE");
  float ramp[] = {0, 1, 2, 3, 4, 5};
  int64_t ramp_sizes[] = {2, 3};
  int64_t ramp1[] = {6};
  if (only) {
    if (!strcmp(only, "colormap"))
      save("bad.png", ramp, 2, ramp_sizes, WEFT_F32, "jet", 0, 0, 0);
    if (!strcmp(only, "rank"))
      save("bad.png", ramp, 1, ramp1, WEFT_F32, "", 0, 0, 0);
    if (!strcmp(only, "rgb")) {
      int32_t rgb[2 * 2 * 4] = {0};
      save("bad.png", rgb, 3, (int64_t[]){2, 2, 4}, WEFT_I32, "", 0, 0, 0);
    }
    if (!strcmp(only, "int-colormap")) {
      int32_t g[4] = {0};
      save("bad.png", g, 2, (int64_t[]){2, 2}, WEFT_I32, "grey", 0, 0, 0);
    }
    if (!strcmp(only, "range"))
      save("bad.png", ramp, 2, ramp_sizes, WEFT_F32, "", 1, 2, 2);
    if (!strcmp(only, "empty"))
      save("bad.png", ramp, 2, (int64_t[]){0, 3}, WEFT_F32, "", 0, 0, 0);
    if (!strcmp(only, "path"))
      save("missing/x.png", ramp, 2, ramp_sizes, WEFT_F32, "", 0, 0, 0);
    return;
  }
  /* min/max range: 0 -> first colour, 5 -> last. The default is viridis. */
  save("viridis.png", ramp, 2, ramp_sizes, WEFT_F32, "", 0, 0, 0);
  save("inferno.png", ramp, 2, ramp_sizes, WEFT_F32, "inferno", 0, 0, 0);
  double d[] = {0, 0.5, 1, NAN};
  save("grey.png", d, 2, (int64_t[]){2, 2}, WEFT_F64, "grey", 0, 0, 0);
  /* An explicit range clamps: -1 and 0 -> black, 4 and 5 -> white, 2 ->
   * 255 * 2/4 rounded = 128. */
  float r[] = {-1, 0, 2, 4, 5, 2};
  save("range.png", r, 2, ramp_sizes, WEFT_F32, "grey", 1, 0, 4);
  float constant[] = {7, 7, 7, 7};
  save("constant.png", constant, 2, (int64_t[]){2, 2}, WEFT_F32, "grey", 0,
       0, 0);
  int64_t ints[] = {-5, 0, 100, 255, 256, 1000};
  save("ints.png", ints, 2, ramp_sizes, WEFT_I64, "", 0, 0, 0);
  int8_t rgb[] = {127, 0, 0, 0, 127, 0, 0, 0, 127, -1, 50, 100};
  save("rgb.png", rgb, 3, (int64_t[]){2, 2, 3}, WEFT_I8, "", 0, 0, 0);
  /* A strided view: the transpose of the 2x3 ramp, 3 rows of 2. */
  test_memref t = {ramp, ramp, 0, {3, 2, 1, 3}};
  char path[4096];
  snprintf(path, sizeof path, "%s/strided.png", getenv("DIR"));
  test_memref p, c;
  weft_rt_save_image(1, text(&p, path), 2, (weft_memref *)&t, WEFT_F32, 1,
                     text(&c, "grey"), 0, 0, 0);
}
