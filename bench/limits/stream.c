/* stream.c - STREAM triad a[i] = b[i] + s * c[i] with OpenMP (f64, as in
 * McCalpin's STREAM), arrays far larger than the caches. Prints
 *   LIMIT triad_gbs <best GB/s> threads=<n> mib=<MiB per array>
 * counting 24 bytes per element (two reads, one write; no write-allocate),
 * from the best repetition, as STREAM reports (on a shared machine the best
 * is the one least disturbed by other jobs; the median is printed too).
 * Usage: stream [MiB per array, default 512] [reps, default 10]. */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static int cmp(const void *x, const void *y) {
  double a = *(const double *)x, b = *(const double *)y;
  return (a > b) - (a < b);
}

int main(int argc, char **argv) {
  long mib = argc > 1 ? atol(argv[1]) : 512;
  int reps = argc > 2 ? atoi(argv[2]) : 10;
  long n = mib * 1024 * 1024 / 8;
  double *a = aligned_alloc(64, n * 8), *b = aligned_alloc(64, n * 8), *c = aligned_alloc(64, n * 8);
#pragma omp parallel for schedule(static)
  for (long i = 0; i < n; i++) { a[i] = 0; b[i] = 1; c[i] = 2; }
  double s = 3.0, *t = malloc(sizeof(double) * reps);
  for (int r = -1; r < reps; r++) {
    double t0 = now();
#pragma omp parallel for simd schedule(static)
    for (long i = 0; i < n; i++) a[i] = b[i] + s * c[i];
    if (r >= 0) t[r] = now() - t0;
  }
  qsort(t, reps, sizeof(double), cmp);
  double med = reps % 2 ? t[reps / 2] : 0.5 * (t[reps / 2 - 1] + t[reps / 2]);
  if (a[n / 2] != 7.0) { fprintf(stderr, "stream: wrong result\n"); return 1; }
  printf("LIMIT triad_gbs %.2f threads=%d mib=%ld\n", 24.0 * n / t[0] / 1e9, omp_get_max_threads(), mib);
  printf("INFO triad_median_gbs %.2f\n", 24.0 * n / med / 1e9);
  return 0;
}
