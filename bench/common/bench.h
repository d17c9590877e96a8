/* bench.h - shared by the C and C++ peers of the Weft benchmark suite.
 *
 * A peer program is run by bench/driver.py as
 *     PROG KERNEL DATA_DIR OUT_FILE REPS STEPS
 * It reads its inputs from DATA_DIR/<name>.npy, then follows the protocol:
 *     reset, run once (warm-up)      -> "WARMUP <seconds>"
 *     save the output to OUT_FILE    -> "CHECKSUM <sum of the output>"
 *     REPS times: reset, run         -> "TIME <seconds>"
 * Only the kernel call is timed; the reset (copying a stencil's initial grid
 * back, for example) is not. Extra facts go on "INFO key=value" lines. The
 * driver may stop the program once it has enough TIME lines (a time budget),
 * so every line is flushed as it is written.
 */
#ifndef WEFT_BENCH_H
#define WEFT_BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

static inline double bench_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static inline void bench_die(const char *what, const char *detail) {
  fprintf(stderr, "bench: error: %s: %s\n", what, detail);
  exit(2);
}

static inline void *bench_alloc(size_t bytes) {
  void *p = NULL;
  if (posix_memalign(&p, 64, bytes ? bytes : 64) != 0) bench_die("out of memory", "posix_memalign");
  return p;
}

/* A loaded NumPy array (C order, little-endian). */
typedef struct {
  int ndim;
  long shape[4];
  long count;    /* number of elements */
  int itemsize;
  char kind;     /* 'f' float, 'u' unsigned, 'i' signed */
  void *data;    /* 64-byte aligned */
} npy_array;

/* Loads DIR/NAME.npy; checks the dtype kind and item size. */
static inline npy_array npy_load(const char *dir, const char *name, char kind, int itemsize) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s.npy", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) bench_die("cannot open", path);
  unsigned char pre[10];
  if (fread(pre, 1, 10, f) != 10 || memcmp(pre, "\x93NUMPY", 6) != 0) bench_die("not a .npy file", path);
  size_t hlen;
  if (pre[6] == 1) {
    hlen = pre[8] | (pre[9] << 8);
  } else {
    unsigned char more[2];
    if (fread(more, 1, 2, f) != 2) bench_die("short header", path);
    hlen = pre[8] | (pre[9] << 8) | ((size_t)more[0] << 16) | ((size_t)more[1] << 24);
  }
  char *hdr = (char *)malloc(hlen + 1);
  if (fread(hdr, 1, hlen, f) != hlen) bench_die("short header", path);
  hdr[hlen] = 0;
  npy_array a;
  memset(&a, 0, sizeof a);
  const char *d = strstr(hdr, "'descr':");
  if (!d) bench_die("no descr", path);
  d = strchr(d + 8, '\'');
  if (!d || (d[1] != '<' && d[1] != '|')) bench_die("unsupported byte order", path);
  a.kind = d[2];
  a.itemsize = atoi(d + 3);
  if (a.kind != kind || a.itemsize != itemsize) bench_die("unexpected dtype", path);
  if (strstr(hdr, "'fortran_order': True")) bench_die("Fortran order not supported", path);
  const char *s = strstr(hdr, "'shape':");
  if (!s) bench_die("no shape", path);
  s = strchr(s, '(');
  a.count = 1;
  for (s++; *s && *s != ')';) {
    while (*s == ' ' || *s == ',') s++;
    if (*s == ')') break;
    if (a.ndim == 4) bench_die("rank above 4", path);
    long v = strtol(s, (char **)&s, 10);
    a.shape[a.ndim++] = v;
    a.count *= v;
  }
  free(hdr);
  size_t bytes = (size_t)a.count * (size_t)a.itemsize;
  a.data = bench_alloc(bytes);
  if (fread(a.data, 1, bytes, f) != bytes) bench_die("short data", path);
  fclose(f);
  return a;
}

/* Writes a C-order array to PATH as .npy (version 1.0). */
static inline void npy_save(const char *path, const void *data, char kind, int itemsize,
                            int ndim, const long *shape) {
  char descr[8];
  snprintf(descr, sizeof descr, "%c%c%d", itemsize == 1 ? '|' : '<', kind, itemsize);
  char dims[256] = "";
  long count = 1;
  for (int d = 0; d < ndim; d++) {
    char one[32];
    snprintf(one, sizeof one, d == 0 ? "%ld" : ", %ld", shape[d]);
    strcat(dims, one);
    count *= shape[d];
  }
  if (ndim == 1) strcat(dims, ",");
  char hdr[512];
  int n = snprintf(hdr, sizeof hdr, "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }", descr, dims);
  int total = 10 + n + 1;
  int pad = (64 - total % 64) % 64;
  FILE *f = fopen(path, "wb");
  if (!f) bench_die("cannot write", path);
  unsigned short hl = (unsigned short)(n + pad + 1);
  fwrite("\x93NUMPY\x01\x00", 1, 8, f);
  fputc(hl & 0xff, f);
  fputc(hl >> 8, f);
  fwrite(hdr, 1, (size_t)n, f);
  for (int i = 0; i < pad; i++) fputc(' ', f);
  fputc('\n', f);
  fwrite(data, (size_t)itemsize, (size_t)count, f);
  fclose(f);
}

static inline double checksum_f32(const float *x, long n) {
  double s = 0;
  for (long i = 0; i < n; i++) s += x[i];
  return s;
}

static inline double checksum_u8(const uint8_t *x, long n) {
  double s = 0;
  for (long i = 0; i < n; i++) s += x[i];
  return s;
}

typedef struct {
  const char *kernel, *data, *out;
  int reps;
  long steps;
} bench_args;

static inline bench_args bench_parse(int argc, char **argv) {
  if (argc < 6) {
    fprintf(stderr, "usage: %s KERNEL DATA_DIR OUT_FILE REPS STEPS\n", argv[0]);
    exit(2);
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  bench_args a = {argv[1], argv[2], argv[3], atoi(argv[4]), atol(argv[5])};
  return a;
}

#ifdef __cplusplus
}
#endif

/* The protocol around one kernel. RESET and RUN are statements; SAVE saves
 * the output and prints CHECKSUM. */
#define BENCH_PROTOCOL(args, RESET, RUN, SAVE)                            \
  do {                                                                    \
    { RESET; }                                                            \
    double bench_t0 = bench_now();                                        \
    { RUN; }                                                              \
    printf("WARMUP %.9g\n", bench_now() - bench_t0);                      \
    { SAVE; }                                                             \
    for (int bench_r = 0; bench_r < (args).reps; bench_r++) {             \
      { RESET; }                                                          \
      double bench_t1 = bench_now();                                      \
      { RUN; }                                                            \
      printf("TIME %.9g\n", bench_now() - bench_t1);                      \
    }                                                                     \
  } while (0)

/* Saves a float array and prints its checksum. */
#define BENCH_SAVE_F32(args, ptr, ndim, ...)                              \
  do {                                                                    \
    long bench_shape[] = {__VA_ARGS__};                                   \
    long bench_n = 1;                                                     \
    for (int d = 0; d < (ndim); d++) bench_n *= bench_shape[d];           \
    npy_save((args).out, (ptr), 'f', 4, (ndim), bench_shape);             \
    printf("CHECKSUM %.17g\n", checksum_f32((ptr), bench_n));             \
  } while (0)

#endif
