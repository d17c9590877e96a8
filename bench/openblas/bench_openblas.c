/* bench_openblas.c - the OpenBLAS peer (Debian's libopenblas, pthreads build).
 * The driver runs it with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset, so
 * OpenBLAS picks its kernel for this CPU; the kernel it picked is printed as
 * "INFO openblas_core=...". Threads: OPENBLAS_NUM_THREADS (set by the driver).
 * SAXPY is BLAS's in-place y = a x + y (y is restored before each run, untimed).
 * Attention is two cblas_sgemm calls around a one-thread C softmax (exp_poly,
 * as the C peer; OpenMP threads beside OpenBLAS's own would fight for cores). Usage and protocol: see common/bench.h. */
#include "../common/bench.h"

#include <cblas.h>
#include <math.h>

#include "../common/exp_poly.h"

static void row_softmax_scaled(long R, long C, float *S, float scale) {
  for (long r = 0; r < R; r++) {
    float *x = S + r * C, m = -INFINITY, s = 0;
    for (long c = 0; c < C; c++) m = x[c] > m ? x[c] : m;
    for (long c = 0; c < C; c++) {
      x[c] = exp_poly((x[c] - m) * scale);
      s += x[c];
    }
    const float inv = 1.0f / s;
    for (long c = 0; c < C; c++) x[c] *= inv;
  }
}

int main(int argc, char **argv) {
  bench_args a = bench_parse(argc, argv);
  const char *k = a.kernel;
  printf("INFO openblas_core=%s\n", openblas_get_corename());
  printf("INFO threads=%d\n", openblas_get_num_threads());
  printf("INFO openblas_config=%s\n", openblas_get_config());
  if (!strcmp(k, "sgemm")) {
    npy_array A = npy_load(a.data, "A", 'f', 4), B = npy_load(a.data, "B", 'f', 4);
    long M = A.shape[0], K = A.shape[1], N = B.shape[1];
    float *C = (float *)bench_alloc(sizeof(float) * (size_t)(M * N));
    BENCH_PROTOCOL(a, ,
                   cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, M, N, K, 1.0f,
                               (float *)A.data, K, (float *)B.data, N, 0.0f, C, N),
                   BENCH_SAVE_F32(a, C, 2, M, N));
  } else if (!strcmp(k, "gemv")) {
    npy_array A = npy_load(a.data, "A", 'f', 4), x = npy_load(a.data, "x", 'f', 4);
    long M = A.shape[0], N = A.shape[1];
    float *y = (float *)bench_alloc(sizeof(float) * (size_t)M);
    BENCH_PROTOCOL(a, ,
                   cblas_sgemv(CblasRowMajor, CblasNoTrans, M, N, 1.0f, (float *)A.data, N,
                               (float *)x.data, 1, 0.0f, y, 1),
                   BENCH_SAVE_F32(a, y, 1, M));
  } else if (!strcmp(k, "saxpy")) {
    npy_array x = npy_load(a.data, "x", 'f', 4), y0 = npy_load(a.data, "y", 'f', 4);
    long n = x.count;
    float *y = (float *)bench_alloc(sizeof(float) * (size_t)n);
    BENCH_PROTOCOL(a, memcpy(y, y0.data, sizeof(float) * (size_t)n),
                   cblas_saxpy(n, 2.5f, (float *)x.data, 1, y, 1), BENCH_SAVE_F32(a, y, 1, n));
  } else if (!strcmp(k, "dot")) {
    npy_array x = npy_load(a.data, "x", 'f', 4), y = npy_load(a.data, "y", 'f', 4);
    float d = 0;
    BENCH_PROTOCOL(a, , d = cblas_sdot(x.count, (float *)x.data, 1, (float *)y.data, 1),
                   BENCH_SAVE_F32(a, &d, 1, 1));
  } else if (!strcmp(k, "attention")) {
    npy_array Q = npy_load(a.data, "Q", 'f', 4), K = npy_load(a.data, "K", 'f', 4),
              V = npy_load(a.data, "V", 'f', 4);
    long T = Q.shape[0], D = Q.shape[1], S = K.shape[0];
    float *P = (float *)bench_alloc(sizeof(float) * (size_t)(T * S));
    float *O = (float *)bench_alloc(sizeof(float) * (size_t)(T * D));
    const float scale = 1.0f / sqrtf((float)D);
    BENCH_PROTOCOL(a, ,
                   cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, T, S, D, 1.0f,
                               (float *)Q.data, D, (float *)K.data, D, 0.0f, P, S);
                   row_softmax_scaled(T, S, P, scale);
                   cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, T, D, S, 1.0f, P, S,
                               (float *)V.data, D, 0.0f, O, D),
                   BENCH_SAVE_F32(a, O, 2, T, D));
  } else {
    fprintf(stderr, "bench_openblas: no kernel '%s'\n", k);
    return 3;
  }
  return 0;
}
