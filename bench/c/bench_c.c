/* bench_c.c - the hand-written C + OpenMP peer of the Weft benchmark suite.
 * Built with gcc -O3 -march=native -fopenmp (no -ffast-math). The thread
 * count comes from OMP_NUM_THREADS. Usage and protocol: see common/bench.h.
 *
 * Stencils partition rows statically inside one parallel region, so each
 * thread keeps the same rows every step, and peel the boundaries out of the
 * inner loops. exp is an inline polynomial (Cephes expf coefficients, max
 * relative error about 1e-7 on the reduced range) that gcc vectorises without
 * -ffast-math; libm's expf would be called once per element.
 */
#include "../common/bench.h"

#include <math.h>
#include <omp.h>

#include "../common/exp_poly.h"

/* ---- SGEMM: C = A B, blocked i-k-j, rows of C split across threads. ---- */
static void sgemm(long M, long N, long K, const float *A, const float *B, float *C) {
  const long MB = 32, KB = 256, NB = 1024;
#pragma omp parallel for schedule(static)
  for (long i0 = 0; i0 < M; i0 += MB) {
    long i1 = i0 + MB < M ? i0 + MB : M;
    for (long i = i0; i < i1; i++) memset(C + i * N, 0, sizeof(float) * (size_t)N);
    for (long j0 = 0; j0 < N; j0 += NB) {
      long j1 = j0 + NB < N ? j0 + NB : N;
      for (long k0 = 0; k0 < K; k0 += KB) {
        long k1 = k0 + KB < K ? k0 + KB : K;
        for (long i = i0; i < i1; i++) {
          float *restrict c = C + i * N;
          for (long k = k0; k < k1; k++) {
            const float a = A[i * K + k];
            const float *restrict b = B + k * N;
#pragma omp simd
            for (long j = j0; j < j1; j++) c[j] += a * b[j];
          }
        }
      }
    }
  }
}

static void gemv(long M, long N, const float *A, const float *x, float *y) {
#pragma omp parallel for schedule(static)
  for (long i = 0; i < M; i++) {
    const float *restrict a = A + i * N;
    float s = 0;
#pragma omp simd reduction(+ : s)
    for (long j = 0; j < N; j++) s += a[j] * x[j];
    y[i] = s;
  }
}

static void saxpy(long n, float a, const float *x, const float *y, float *z) {
#pragma omp parallel for simd schedule(static)
  for (long i = 0; i < n; i++) z[i] = a * x[i] + y[i];
}

static float dot(long n, const float *x, const float *y) {
  float s = 0;
#pragma omp parallel for simd schedule(static) reduction(+ : s)
  for (long i = 0; i < n; i++) s += x[i] * y[i];
  return s;
}

/* ---- Jacobi 2-D, 5-point, fixed boundary; returns the buffer holding the result. */
static float *jacobi(long n, long steps, float *a, float *b) {
#pragma omp parallel
  {
    for (long t = 0; t < steps; t++) {
      const float *restrict src = (t % 2 == 0) ? a : b;
      float *restrict dst = (t % 2 == 0) ? b : a;
#pragma omp for schedule(static)
      for (long i = 1; i < n - 1; i++) {
        const float *up = src + (i - 1) * n, *mid = src + i * n, *dn = src + (i + 1) * n;
        float *o = dst + i * n;
#pragma omp simd
        for (long j = 1; j < n - 1; j++)
          o[j] = 0.2f * (mid[j] + up[j] + dn[j] + mid[j - 1] + mid[j + 1]);
      }
    }
  }
  return steps % 2 == 0 ? a : b;
}

/* ---- Heat 3-D, 7-point, fixed boundary. ---- */
static float *heat3d(long n, long steps, float *a, float *b) {
  const float alpha = 0.1f;
  const long plane = n * n;
#pragma omp parallel
  {
    for (long t = 0; t < steps; t++) {
      const float *restrict src = (t % 2 == 0) ? a : b;
      float *restrict dst = (t % 2 == 0) ? b : a;
#pragma omp for schedule(static)
      for (long z = 1; z < n - 1; z++)
        for (long y = 1; y < n - 1; y++) {
          const float *c = src + z * plane + y * n;
          float *o = dst + z * plane + y * n;
#pragma omp simd
          for (long x = 1; x < n - 1; x++)
            o[x] = c[x] + alpha * (c[x - 1] + c[x + 1] + c[x - n] + c[x + n] + c[x - plane] +
                                   c[x + plane] - 6.0f * c[x]);
        }
    }
  }
  return steps % 2 == 0 ? a : b;
}

/* ---- Game of Life on a torus, u8 cells (0/1); edge columns peeled. ---- */
static inline uint8_t life_rule(uint8_t alive, uint8_t s) {
  return (uint8_t)((s == 3) | (alive & (s == 2)));
}

static uint8_t *life(long n, long steps, uint8_t *a, uint8_t *b) {
#pragma omp parallel
  {
    for (long t = 0; t < steps; t++) {
      const uint8_t *restrict src = (t % 2 == 0) ? a : b;
      uint8_t *restrict dst = (t % 2 == 0) ? b : a;
#pragma omp for schedule(static)
      for (long i = 0; i < n; i++) {
        const uint8_t *up = src + ((i + n - 1) % n) * n, *mid = src + i * n,
                      *dn = src + ((i + 1) % n) * n;
        uint8_t *o = dst + i * n;
#pragma omp simd
        for (long j = 1; j < n - 1; j++) {
          uint8_t s = (uint8_t)(up[j - 1] + up[j] + up[j + 1] + mid[j - 1] + mid[j + 1] +
                                dn[j - 1] + dn[j] + dn[j + 1]);
          o[j] = life_rule(mid[j], s);
        }
        long l = n - 1;
        uint8_t s0 = (uint8_t)(up[l] + up[0] + up[1] + mid[l] + mid[1] + dn[l] + dn[0] + dn[1]);
        o[0] = life_rule(mid[0], s0);
        uint8_t s1 = (uint8_t)(up[l - 1] + up[l] + up[0] + mid[l - 1] + mid[0] + dn[l - 1] +
                               dn[l] + dn[0]);
        o[l] = life_rule(mid[l], s1);
      }
    }
  }
  return steps % 2 == 0 ? a : b;
}

/* ---- 3x3 box blur, valid. ---- */
static void blur(long H, long W, const float *A, float *B) {
  const long OW = W - 2;
#pragma omp parallel for schedule(static)
  for (long i = 0; i < H - 2; i++) {
    const float *r0 = A + i * W, *r1 = r0 + W, *r2 = r1 + W;
    float *o = B + i * OW;
#pragma omp simd
    for (long j = 0; j < OW; j++)
      o[j] = (r0[j] + r0[j + 1] + r0[j + 2] + r1[j] + r1[j + 1] + r1[j + 2] + r2[j] + r2[j + 1] +
              r2[j + 2]) * (1.0f / 9.0f);
  }
}

/* ---- Row softmax. ---- */
static void softmax(long R, long C, const float *X, float *Y) {
#pragma omp parallel for schedule(static)
  for (long r = 0; r < R; r++) {
    const float *x = X + r * C;
    float *y = Y + r * C;
    float m = -INFINITY;
#pragma omp simd reduction(max : m)
    for (long c = 0; c < C; c++) m = x[c] > m ? x[c] : m;
    float s = 0;
#pragma omp simd reduction(+ : s)
    for (long c = 0; c < C; c++) {
      y[c] = exp_poly(x[c] - m);
      s += y[c];
    }
    const float inv = 1.0f / s;
#pragma omp simd
    for (long c = 0; c < C; c++) y[c] *= inv;
  }
}

/* ---- Layer norm over rows (biased variance, two passes). ---- */
static void layernorm(long R, long C, const float *X, const float *g, const float *b, float *Y) {
  const float eps = 1e-5f, invc = 1.0f / (float)C;
#pragma omp parallel for schedule(static)
  for (long r = 0; r < R; r++) {
    const float *x = X + r * C;
    float *y = Y + r * C;
    float s = 0;
#pragma omp simd reduction(+ : s)
    for (long c = 0; c < C; c++) s += x[c];
    const float mu = s * invc;
    float v = 0;
#pragma omp simd reduction(+ : v)
    for (long c = 0; c < C; c++) v += (x[c] - mu) * (x[c] - mu);
    const float q = 1.0f / sqrtf(v * invc + eps);
#pragma omp simd
    for (long c = 0; c < C; c++) y[c] = (x[c] - mu) * q * g[c] + b[c];
  }
}

/* ---- 2-D convolution (correlation), valid. ---- */
static void conv2d(long H, long W, long R, long S, const float *I, const float *F, float *O) {
  const long OH = H - R + 1, OW = W - S + 1;
#pragma omp parallel for schedule(static)
  for (long i = 0; i < OH; i++) {
    float *restrict o = O + i * OW;
    memset(o, 0, sizeof(float) * (size_t)OW);
    for (long u = 0; u < R; u++)
      for (long v = 0; v < S; v++) {
        const float f = F[u * S + v];
        const float *restrict in = I + (i + u) * W + v;
#pragma omp simd
        for (long j = 0; j < OW; j++) o[j] += f * in[j];
      }
  }
}

/* ---- Scaled dot-product attention, one head: K is transposed once per call
 * (timed), then each query row's scores are a vectorised pass over KT's rows,
 * the softmax is applied in place and P V is accumulated over V's rows. ---- */
static void attention(long T, long S, long D, const float *Q, const float *K, const float *V,
                      float *KT, float *O) {
  const float scale = 1.0f / sqrtf((float)D);
#pragma omp parallel
  {
#pragma omp for schedule(static)
    for (long d = 0; d < D; d++)
      for (long u = 0; u < S; u++) KT[d * S + u] = K[u * D + d];
    float *e = (float *)bench_alloc(sizeof(float) * (size_t)S);
    float *acc = (float *)bench_alloc(sizeof(float) * (size_t)D);
#pragma omp for schedule(static)
    for (long t = 0; t < T; t++) {
      const float *q = Q + t * D;
      for (long u = 0; u < S; u++) e[u] = 0;
      for (long d = 0; d < D; d++) {
        const float qd = q[d], *kt = KT + d * S;
#pragma omp simd
        for (long u = 0; u < S; u++) e[u] += qd * kt[u];
      }
      float m = -INFINITY;
#pragma omp simd reduction(max : m)
      for (long u = 0; u < S; u++) m = e[u] > m ? e[u] : m;
      float l = 0;
#pragma omp simd reduction(+ : l)
      for (long u = 0; u < S; u++) {
        e[u] = exp_poly((e[u] - m) * scale);
        l += e[u];
      }
      for (long d = 0; d < D; d++) acc[d] = 0;
      for (long u = 0; u < S; u++) {
        const float w = e[u], *v = V + u * D;
#pragma omp simd
        for (long d = 0; d < D; d++) acc[d] += w * v[d];
      }
      const float inv = 1.0f / l;
      for (long d = 0; d < D; d++) O[t * D + d] = acc[d] * inv;
    }
    free(e);
    free(acc);
  }
}

/* ---- Conjugate gradient on the 2-D Poisson matrix (5-point, zero Dirichlet
 * boundary), matrix-free. Grids are (n+2)^2 with a zero frame; dots in double. */
typedef struct {
  long n, iters;
  float *x, *r, *p, *q;
  const float *b;
} cg_state;

static void cg_reset(cg_state *s) {
  const long N2 = (s->n + 2) * (s->n + 2);
  memset(s->x, 0, sizeof(float) * (size_t)N2);
  memcpy(s->r, s->b, sizeof(float) * (size_t)N2);
  memcpy(s->p, s->b, sizeof(float) * (size_t)N2);
  memset(s->q, 0, sizeof(float) * (size_t)N2);
}

static void cg(cg_state *s) {
  const long n = s->n, w = n + 2;
  float *restrict x = s->x, *restrict r = s->r, *restrict p = s->p, *restrict q = s->q;
  double rr = 0;
#pragma omp parallel for schedule(static) reduction(+ : rr)
  for (long i = 1; i <= n; i++)
    for (long j = 1; j <= n; j++) rr += (double)r[i * w + j] * r[i * w + j];
  for (long it = 0; it < s->iters; it++) {
    double pq = 0;
#pragma omp parallel for schedule(static) reduction(+ : pq)
    for (long i = 1; i <= n; i++) {
      const float *pm = p + i * w;
      float *qo = q + i * w;
#pragma omp simd reduction(+ : pq)
      for (long j = 1; j <= n; j++) {
        qo[j] = 4.0f * pm[j] - pm[j - 1] - pm[j + 1] - pm[j - w] - pm[j + w];
        pq += (double)pm[j] * qo[j];
      }
    }
    const float alpha = (float)(rr / pq);
    double rr2 = 0;
#pragma omp parallel for schedule(static) reduction(+ : rr2)
    for (long i = 1; i <= n; i++) {
#pragma omp simd reduction(+ : rr2)
      for (long j = i * w + 1; j <= i * w + n; j++) {
        x[j] += alpha * p[j];
        r[j] -= alpha * q[j];
        rr2 += (double)r[j] * r[j];
      }
    }
    const float beta = (float)(rr2 / rr);
    rr = rr2;
#pragma omp parallel for schedule(static)
    for (long i = 1; i <= n; i++) {
#pragma omp simd
      for (long j = i * w + 1; j <= i * w + n; j++) p[j] = r[j] + beta * p[j];
    }
  }
}

int main(int argc, char **argv) {
  bench_args a = bench_parse(argc, argv);
  const char *k = a.kernel;
  printf("INFO threads=%d\n", omp_get_max_threads());
  if (!strcmp(k, "sgemm")) {
    npy_array A = npy_load(a.data, "A", 'f', 4), B = npy_load(a.data, "B", 'f', 4);
    long M = A.shape[0], K = A.shape[1], N = B.shape[1];
    float *C = (float *)bench_alloc(sizeof(float) * (size_t)(M * N));
    BENCH_PROTOCOL(a, , sgemm(M, N, K, (float *)A.data, (float *)B.data, C),
                   BENCH_SAVE_F32(a, C, 2, M, N));
  } else if (!strcmp(k, "gemv")) {
    npy_array A = npy_load(a.data, "A", 'f', 4), x = npy_load(a.data, "x", 'f', 4);
    long M = A.shape[0], N = A.shape[1];
    float *y = (float *)bench_alloc(sizeof(float) * (size_t)M);
    BENCH_PROTOCOL(a, , gemv(M, N, (float *)A.data, (float *)x.data, y),
                   BENCH_SAVE_F32(a, y, 1, M));
  } else if (!strcmp(k, "saxpy")) {
    npy_array x = npy_load(a.data, "x", 'f', 4), y = npy_load(a.data, "y", 'f', 4);
    long n = x.count;
    float *z = (float *)bench_alloc(sizeof(float) * (size_t)n);
    BENCH_PROTOCOL(a, , saxpy(n, 2.5f, (float *)x.data, (float *)y.data, z),
                   BENCH_SAVE_F32(a, z, 1, n));
  } else if (!strcmp(k, "dot")) {
    npy_array x = npy_load(a.data, "x", 'f', 4), y = npy_load(a.data, "y", 'f', 4);
    float d = 0;
    BENCH_PROTOCOL(a, , d = dot(x.count, (float *)x.data, (float *)y.data),
                   BENCH_SAVE_F32(a, &d, 1, 1));
  } else if (!strcmp(k, "jacobi2d")) {
    npy_array A = npy_load(a.data, "A", 'f', 4);
    long n = A.shape[0];
    size_t bytes = sizeof(float) * (size_t)(n * n);
    float *g0 = (float *)bench_alloc(bytes), *g1 = (float *)bench_alloc(bytes), *res = NULL;
    BENCH_PROTOCOL(a, memcpy(g0, A.data, bytes); memcpy(g1, A.data, bytes),
                   res = jacobi(n, a.steps, g0, g1), BENCH_SAVE_F32(a, res, 2, n, n));
  } else if (!strcmp(k, "heat3d")) {
    npy_array A = npy_load(a.data, "A", 'f', 4);
    long n = A.shape[0];
    size_t bytes = sizeof(float) * (size_t)(n * n * n);
    float *g0 = (float *)bench_alloc(bytes), *g1 = (float *)bench_alloc(bytes), *res = NULL;
    BENCH_PROTOCOL(a, memcpy(g0, A.data, bytes); memcpy(g1, A.data, bytes),
                   res = heat3d(n, a.steps, g0, g1), BENCH_SAVE_F32(a, res, 3, n, n, n));
  } else if (!strcmp(k, "life")) {
    npy_array A = npy_load(a.data, "A", 'u', 1);
    long n = A.shape[0];
    size_t bytes = (size_t)(n * n);
    uint8_t *g0 = (uint8_t *)bench_alloc(bytes), *g1 = (uint8_t *)bench_alloc(bytes), *res = NULL;
    long shape[2] = {n, n};
    BENCH_PROTOCOL(a, memcpy(g0, A.data, bytes), res = life(n, a.steps, g0, g1),
                   npy_save(a.out, res, 'u', 1, 2, shape);
                   printf("CHECKSUM %.17g\n", checksum_u8(res, n * n)));
  } else if (!strcmp(k, "blur")) {
    npy_array A = npy_load(a.data, "A", 'f', 4);
    long H = A.shape[0], W = A.shape[1];
    float *B = (float *)bench_alloc(sizeof(float) * (size_t)((H - 2) * (W - 2)));
    BENCH_PROTOCOL(a, , blur(H, W, (float *)A.data, B), BENCH_SAVE_F32(a, B, 2, H - 2, W - 2));
  } else if (!strcmp(k, "softmax")) {
    npy_array X = npy_load(a.data, "X", 'f', 4);
    long R = X.shape[0], C = X.shape[1];
    float *Y = (float *)bench_alloc(sizeof(float) * (size_t)(R * C));
    BENCH_PROTOCOL(a, , softmax(R, C, (float *)X.data, Y), BENCH_SAVE_F32(a, Y, 2, R, C));
  } else if (!strcmp(k, "layernorm")) {
    npy_array X = npy_load(a.data, "X", 'f', 4), g = npy_load(a.data, "gamma", 'f', 4),
              b = npy_load(a.data, "beta", 'f', 4);
    long R = X.shape[0], C = X.shape[1];
    float *Y = (float *)bench_alloc(sizeof(float) * (size_t)(R * C));
    BENCH_PROTOCOL(a, , layernorm(R, C, (float *)X.data, (float *)g.data, (float *)b.data, Y),
                   BENCH_SAVE_F32(a, Y, 2, R, C));
  } else if (!strcmp(k, "conv2d")) {
    npy_array I = npy_load(a.data, "I", 'f', 4), F = npy_load(a.data, "F", 'f', 4);
    long H = I.shape[0], W = I.shape[1], R = F.shape[0], S = F.shape[1];
    long OH = H - R + 1, OW = W - S + 1;
    float *O = (float *)bench_alloc(sizeof(float) * (size_t)(OH * OW));
    BENCH_PROTOCOL(a, , conv2d(H, W, R, S, (float *)I.data, (float *)F.data, O),
                   BENCH_SAVE_F32(a, O, 2, OH, OW));
  } else if (!strcmp(k, "attention")) {
    npy_array Q = npy_load(a.data, "Q", 'f', 4), K = npy_load(a.data, "K", 'f', 4),
              V = npy_load(a.data, "V", 'f', 4);
    long T = Q.shape[0], D = Q.shape[1], S = K.shape[0];
    float *O = (float *)bench_alloc(sizeof(float) * (size_t)(T * D));
    float *KT = (float *)bench_alloc(sizeof(float) * (size_t)(S * D));
    BENCH_PROTOCOL(a, ,
                   attention(T, S, D, (float *)Q.data, (float *)K.data, (float *)V.data, KT, O),
                   BENCH_SAVE_F32(a, O, 2, T, D));
  } else if (!strcmp(k, "cg")) {
    npy_array b = npy_load(a.data, "b", 'f', 4);
    long n = b.shape[0], w = n + 2;
    size_t bytes = sizeof(float) * (size_t)(w * w);
    float *bp = (float *)bench_alloc(bytes);
    memset(bp, 0, bytes);
    for (long i = 0; i < n; i++)
      memcpy(bp + (i + 1) * w + 1, (float *)b.data + i * n, sizeof(float) * (size_t)n);
    cg_state s = {n, a.steps, (float *)bench_alloc(bytes), (float *)bench_alloc(bytes),
                  (float *)bench_alloc(bytes), (float *)bench_alloc(bytes), bp};
    float *xo = (float *)bench_alloc(sizeof(float) * (size_t)(n * n));
    BENCH_PROTOCOL(a, cg_reset(&s), cg(&s),
                   for (long i = 0; i < n; i++) memcpy(xo + i * n, s.x + (i + 1) * w + 1,
                                                       sizeof(float) * (size_t)n);
                   BENCH_SAVE_F32(a, xo, 2, n, n));
  } else {
    fprintf(stderr, "bench_c: no kernel '%s'\n", k);
    return 3;
  }
  return 0;
}
