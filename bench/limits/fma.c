/* fma.c - f32 FMA peak: each thread runs independent chains of fused
 * multiply-adds in registers (enough chains to cover the FMA latency on two
 * pipes). Prints
 *   LIMIT fma512_gflops <GFLOP/s> threads=<n>
 *   LIMIT fma256_gflops <GFLOP/s> threads=<n>
 * counting 2 flops per lane per FMA. The best of many short bursts (about
 * 1.5 ms each): on a shared machine some bursts run with the cores to
 * themselves, and the peak is what those reach. Built with -O2 (the vector
 * code is selected per function); the AVX-512 line is skipped on CPUs
 * without it. */
#include <immintrin.h>
#include <omp.h>
#include <stdio.h>
#include <time.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

#define CHAINS 12
#define ITERS 1000000L

__attribute__((target("avx512f"))) static float run512(void) {
  __m512 acc[CHAINS];
  for (int c = 0; c < CHAINS; c++) acc[c] = _mm512_set1_ps((float)c);
  const __m512 m = _mm512_set1_ps(0.999999f), k = _mm512_set1_ps(1e-7f);
  for (long i = 0; i < ITERS; i++) {
#pragma GCC unroll 12
    for (int c = 0; c < CHAINS; c++) acc[c] = _mm512_fmadd_ps(acc[c], m, k);
  }
  float s = 0;
  for (int c = 0; c < CHAINS; c++) s += _mm512_reduce_add_ps(acc[c]);
  return s;
}

__attribute__((target("avx2,fma"))) static float run256(void) {
  __m256 acc[CHAINS];
  for (int c = 0; c < CHAINS; c++) acc[c] = _mm256_set1_ps((float)c);
  const __m256 m = _mm256_set1_ps(0.999999f), k = _mm256_set1_ps(1e-7f);
  for (long i = 0; i < ITERS; i++) {
#pragma GCC unroll 12
    for (int c = 0; c < CHAINS; c++) acc[c] = _mm256_fmadd_ps(acc[c], m, k);
  }
  float s = 0, lanes[8];
  for (int c = 0; c < CHAINS; c++) {
    _mm256_storeu_ps(lanes, acc[c]);
    for (int l = 0; l < 8; l++) s += lanes[l];
  }
  return s;
}

static double measure(int width, int quick) {
  double best = 0;
  for (int r = 0; r < (quick ? 10 : 200); r++) {
    double t0 = now(), sink = 0;
#pragma omp parallel reduction(+ : sink)
    sink += width == 16 ? run512() : run256();
    double t = now() - t0;
    double flops = 2.0 * width * CHAINS * (double)ITERS * omp_get_max_threads();
    if (sink == 12345.0f) printf("#");
    if (flops / t / 1e9 > best) best = flops / t / 1e9;
  }
  return best;
}

int main(int argc, char **argv) {
  int quick = argc > 1;
  int threads = omp_get_max_threads();
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f"))
    printf("LIMIT fma512_gflops %.1f threads=%d\n", measure(16, quick), threads);
  printf("LIMIT fma256_gflops %.1f threads=%d\n", measure(8, quick), threads);
  return 0;
}
