/*===- png.c - PNG images of arrays (weft.save_image) ---------------------===*
 *
 * Rank-2 float arrays go through a colormap, rank-2 integer and bool arrays
 * become 8-bit grey, rank-3 [h, w, 3] integer arrays become RGB. The image
 * is written with libpng as output_file.c says, like the .npy writer.
 *
 * Colormaps. `grey` is black to white. `viridis` and `inferno` are
 * matplotlib's (CC0, by Stefan van der Walt and Nathaniel Smith): the
 * runtime keeps nine of their published 256 entries, those at indices 0, 32,
 * 64, ..., 224 and 255, and rebuilds the 256-entry table by linear
 * interpolation between them in sRGB. Table entry i is round(255 * the
 * interpolated value): the ends and the nine anchors are matplotlib's, the
 * entries between them close to but not always equal to its table (entry
 * 51 of inferno is (65, 14, 95) here and (66, 10, 104) there).
 *===----------------------------------------------------------------------===*/
#include "internal.h"

#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- colormaps --------------------------------------------------------- */

#define NUM_ANCHORS 9
static const int anchor_index[NUM_ANCHORS] = {0,   32,  64,  96, 128,
                                              160, 192, 224, 255};

typedef struct colormap {
  const char *name;
  double anchors[NUM_ANCHORS][3]; /* sRGB in [0, 1] */
} colormap;

static const colormap colormaps[] = {
    {"viridis",
     {{0.267004, 0.004874, 0.329415},
      {0.278826, 0.175490, 0.483397},
      {0.229739, 0.322361, 0.545706},
      {0.172719, 0.448791, 0.557885},
      {0.127568, 0.566949, 0.550556},
      {0.157851, 0.683765, 0.501686},
      {0.369214, 0.788888, 0.382914},
      {0.678489, 0.863742, 0.189503},
      {0.993248, 0.906157, 0.143936}}},
    {"inferno",
     {{0.001462, 0.000466, 0.013866},
      {0.129285, 0.047293, 0.290788},
      {0.341500, 0.062325, 0.429425},
      {0.540920, 0.134729, 0.415123},
      {0.735683, 0.215906, 0.330245},
      {0.894305, 0.353399, 0.193584},
      {0.978422, 0.557937, 0.034931},
      {0.974638, 0.797692, 0.206332},
      {0.988362, 0.998364, 0.644924}}},
    {"grey",
     {{0, 0, 0},
      {32 / 255.0, 32 / 255.0, 32 / 255.0},
      {64 / 255.0, 64 / 255.0, 64 / 255.0},
      {96 / 255.0, 96 / 255.0, 96 / 255.0},
      {128 / 255.0, 128 / 255.0, 128 / 255.0},
      {160 / 255.0, 160 / 255.0, 160 / 255.0},
      {192 / 255.0, 192 / 255.0, 192 / 255.0},
      {224 / 255.0, 224 / 255.0, 224 / 255.0},
      {1, 1, 1}}},
};
#define NUM_COLORMAPS (sizeof colormaps / sizeof colormaps[0])
static const char known_colormaps[] = "viridis, inferno, grey";

/* The 256-entry table of `map`, by linear interpolation of its anchors. */
static void build_table(const colormap *map, unsigned char table[256][3]) {
  for (int i = 0; i < 256; ++i) {
    int a = 0;
    while (a + 1 < NUM_ANCHORS - 1 && anchor_index[a + 1] <= i)
      ++a;
    double t = (double)(i - anchor_index[a]) /
               (anchor_index[a + 1] - anchor_index[a]);
    for (int c = 0; c < 3; ++c) {
      double v = map->anchors[a][c] * (1 - t) + map->anchors[a + 1][c] * t;
      table[i][c] = (unsigned char)lround(v * 255);
    }
  }
}

static const colormap *find_colormap(const char *path, const char *name) {
  if (name[0] == '\0')
    return &colormaps[0];
  for (size_t i = 0; i < NUM_COLORMAPS; ++i)
    if (strcmp(colormaps[i].name, name) == 0)
      return &colormaps[i];
  weft_rt_fail("cannot save %s: unknown colormap '%s' (known colormaps: %s)",
               path, name, known_colormaps);
}

/* ---- pixels ------------------------------------------------------------ */

typedef struct pixels {
  int32_t dtype;
  unsigned char *out; /* next byte to fill */
  double lo, hi;      /* float arrays: the value range */
  unsigned char (*table)[3];
} pixels;

static void min_max(char *element, void *context) {
  pixels *p = context;
  double v = weft_rt_load_double(element, p->dtype);
  if (!isfinite(v)) /* the range is that of the finite values */
    return;
  if (v < p->lo)
    p->lo = v;
  if (v > p->hi)
    p->hi = v;
}

static void put_color(char *element, void *context) {
  pixels *p = context;
  double v = weft_rt_load_double(element, p->dtype);
  int index;
  if (isnan(v)) {
    memset(p->out, 0, 3); /* NaN is black */
    p->out += 3;
    return;
  }
  if (isinf(v)) {
    index = v > 0 ? 255 : 0; /* beyond any range: its ends */
  } else if (!(p->hi > p->lo)) {
    index = 128; /* a constant array (or an empty range): the middle */
  } else {
    double t = (v - p->lo) / (p->hi - p->lo);
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    index = (int)lround(t * 255);
  }
  memcpy(p->out, p->table[index], 3);
  p->out += 3;
}

static void put_byte(char *element, void *context) {
  pixels *p = context;
  int64_t v;
  if (p->dtype == WEFT_U64) {
    uint64_t u;
    memcpy(&u, element, sizeof u);
    v = u > 255 ? 255 : (int64_t)u;
  } else {
    v = weft_rt_load_int(element, p->dtype);
  }
  *p->out++ = (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
}

/* ---- writing ----------------------------------------------------------- */

typedef struct png_error_context {
  const char *path;
} png_error_context;

static void on_png_error(png_structp png, png_const_charp message) {
  png_error_context *context = png_get_error_ptr(png);
  weft_rt_fail("cannot write %s: %s", context->path, message);
}

static void on_png_warning(png_structp png, png_const_charp message) {
  (void)png;
  (void)message;
}

static void write_png(const char *path, int64_t height, int64_t width,
                      int channels, unsigned char *data) {
  weft_output out = weft_rt_output_open(path);
  png_error_context context = {path};
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &context,
                                            on_png_error, on_png_warning);
  png_infop info = png ? png_create_info_struct(png) : NULL;
  if (!png || !info)
    weft_rt_fail("cannot write %s: libpng could not start", path);
  png_init_io(png, out.file);
  png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8,
               channels == 3 ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_GRAY,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int64_t row = 0; row < height; ++row)
    png_write_row(png, data + row * width * channels);
  png_write_end(png, NULL);
  png_destroy_write_struct(&png, &info);
  weft_rt_output_close(&out, fflush(out.file) == 0 && !ferror(out.file));
}

void weft_rt_save_image(int64_t path_rank, weft_memref *path_text,
                        int64_t rank, weft_memref *array, int32_t dtype,
                        int64_t colormap_rank, weft_memref *colormap_text,
                        int32_t has_range, double lo, double hi) {
  char *path = weft_rt_string(path_rank, path_text);
  char *colormap_name = weft_rt_string(colormap_rank, colormap_text);
  bool is_float = weft_rt_dtype_is_float(dtype);
  const char *type = weft_rt_dtype_name(dtype);
  if (is_float && rank != 2)
    weft_rt_fail("cannot save %s: an image of %s values needs a rank-2 array "
                 "[height, width], not rank %lld",
                 path, type, (long long)rank);
  if (!is_float && rank != 2 && !(rank == 3 && array->sizes[2] == 3))
    weft_rt_fail("cannot save %s: an image of %s values needs a rank-2 array "
                 "[height, width] (grey) or a rank-3 array [height, width, 3] "
                 "(RGB), not %s",
                 path, type,
                 rank == 3 ? "a rank-3 array whose last extent is not 3"
                 : rank == 0 ? "a scalar"
                 : rank == 1 ? "rank 1" : "rank > 3");
  if (!is_float && colormap_name[0] != '\0')
    weft_rt_fail("cannot save %s: a colormap applies only to float arrays, "
                 "not %s", path, type);
  if (!is_float && has_range)
    weft_rt_fail("cannot save %s: a range applies only to float arrays, not %s",
                 path, type);
  int64_t height = array->sizes[0], width = array->sizes[1];
  if (height < 1 || width < 1 || height > 0x7fffffff || width > 0x7fffffff)
    weft_rt_fail("cannot save %s: an image needs between 1 and 2^31-1 rows "
                 "and columns, not %lld x %lld",
                 path, (long long)height, (long long)width);
  if (has_range && !(lo < hi))
    weft_rt_fail("cannot save %s: the range (%g, %g) is empty; its low end "
                 "must be below its high end", path, lo, hi);

  int channels = is_float || rank == 3 ? 3 : 1;
  unsigned char *data =
      weft_rt_alloc((size_t)height * (size_t)width * (size_t)channels);
  unsigned char table[256][3];
  pixels p = {dtype, data, lo, hi, table};
  size_t element_size = weft_rt_dtype_size(dtype);
  if (is_float) {
    build_table(find_colormap(path, colormap_name), table);
    if (!has_range) {
      p.lo = INFINITY;
      p.hi = -INFINITY;
      weft_rt_memref_for_each(rank, array, element_size, min_max, &p);
    }
    weft_rt_memref_for_each(rank, array, element_size, put_color, &p);
  } else {
    weft_rt_memref_for_each(rank, array, element_size, put_byte, &p);
  }
  write_png(path, height, width, channels, data);
  free(data);
  free(colormap_name);
  free(path);
}
