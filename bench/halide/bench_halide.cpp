// bench_halide.cpp - the Halide 14 peer: JIT pipelines with hand schedules
// (tiling, vectorisation at 16 f32 lanes, parallel rows). Pipelines are
// compiled before the warm-up, so compile time is not counted. Threads:
// HL_NUM_THREADS (set by the driver). Usage and protocol: see common/bench.h.
//
// Stencils realise into the interior of the destination (a cropped buffer)
// and the fixed boundary is already in both buffers, so no select() or
// boundary condition runs per element; Life wraps only on its edge strips.
// Row reductions use rfactor to vectorise. exp is Halide's fast_exp (Halide
// 14 scalarises exp() into libm calls).
#include "../common/bench.h"

#include <Halide.h>
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using namespace Halide;

static Target target() { return get_jit_target_from_environment(); }

static int threads() {
  const char *t = getenv("HL_NUM_THREADS");
  return t && atoi(t) > 0 ? atoi(t) : 1;
}

// A Halide buffer over a row-major array with the given C-order shape.
template <typename T> static Buffer<T> view(void *data, std::vector<long> shape) {
  std::vector<int> sizes(shape.rbegin(), shape.rend()); // innermost first
  return Buffer<T>((T *)data, sizes);
}

// A window of a row-major array: mins and extents innermost first, with the
// coordinates of the full array (so a stencil's interior starts at 1).
template <typename T>
static Buffer<T> window(T *base, std::vector<long> shape, std::vector<int> mins,
                        std::vector<int> extents) {
  std::vector<halide_dimension_t> dims(shape.size());
  long stride = 1, offset = 0;
  for (size_t d = 0; d < shape.size(); d++) {
    dims[d] = halide_dimension_t(mins[d], extents[d], (int32_t)stride);
    offset += (long)mins[d] * stride;
    stride *= shape[shape.size() - 1 - d];
  }
  return Buffer<T>(base + offset, (int)dims.size(), dims.data());
}

// Vectorised row reduction helper: schedules f's update with rfactor over 16
// lanes, computed at `at`.
static void vector_reduce(Func f, RVar r, Func at, Var at_var) {
  RVar ro, ri;
  Var u;
  Func intm = f.update().split(r, ro, ri, 16).rfactor(ri, u);
  f.compute_at(at, at_var);
  intm.compute_at(at, at_var).vectorize(u);
  intm.update().vectorize(u);
}

int main(int argc, char **argv) {
  bench_args a = bench_parse(argc, argv);
  const std::string k = a.kernel;
  const int T = threads();
  printf("INFO threads=%d\n", T);
  printf("INFO halide_target=%s\n", target().to_string().c_str());
  Var x("x"), y("y"), z("z");

  if (k == "sgemm") {
    npy_array A = npy_load(a.data, "A", 'f', 4), B = npy_load(a.data, "B", 'f', 4);
    long M = A.shape[0], K = A.shape[1], N = B.shape[1];
    float *Cp = (float *)bench_alloc(sizeof(float) * (size_t)(M * N));
    Buffer<float> Ab = view<float>(A.data, {M, K}), Bb = view<float>(B.data, {K, N}),
                  Cb = view<float>(Cp, {M, N});
    // The schedule of Halide's test/performance/matrix_multiplication.cpp,
    // widened to AVX-512: a 4 x 64 register block (16 accumulators).
    Func prod("prod"), out("out");
    RDom r(0, (int)K);
    prod(x, y) += Ab(r, y) * Bb(x, r);
    out(x, y) = prod(x, y);
    Var xi, yi, yii, xy;
    out.tile(x, y, xi, yi, 64, 16).fuse(x, y, xy).parallel(xy).split(yi, yi, yii, 4)
        .vectorize(xi, 16).unroll(xi).unroll(yii);
    prod.compute_at(out, yi).vectorize(x, 16).unroll(y);
    prod.update().reorder(x, y, r).vectorize(x, 16).unroll(x).unroll(y);
    Pipeline p(out);
    p.compile_jit(target());
    BENCH_PROTOCOL(a, , p.realize(Cb), BENCH_SAVE_F32(a, Cp, 2, M, N));
  } else if (k == "gemv") {
    npy_array A = npy_load(a.data, "A", 'f', 4), X = npy_load(a.data, "x", 'f', 4);
    long M = A.shape[0], N = A.shape[1];
    float *yp = (float *)bench_alloc(sizeof(float) * (size_t)M);
    Buffer<float> Ab = view<float>(A.data, {M, N}), xb = view<float>(X.data, {N}),
                  yb = view<float>(yp, {M});
    // 64 partial sums per row (four vectors in flight), then a horizontal sum.
    const int L = N % 64 == 0 ? 64 : 1;
    Func part("part"), out("out");
    Var v;
    RDom r(0, (int)(N / L)), rv(0, L);
    part(v, y) = 0.0f;
    part(v, y) += Ab(r * L + v, y) * xb(r * L + v);
    out(y) = sum(part(rv, y));
    Var yo;
    out.split(y, yo, y, 16).parallel(yo);
    part.compute_at(out, y).vectorize(v, 16);
    part.update().vectorize(v, 16);
    Pipeline p(out);
    p.compile_jit(target());
    BENCH_PROTOCOL(a, , p.realize(yb), BENCH_SAVE_F32(a, yp, 1, M));
  } else if (k == "saxpy") {
    npy_array X = npy_load(a.data, "x", 'f', 4), Y = npy_load(a.data, "y", 'f', 4);
    long n = X.count;
    float *zp = (float *)bench_alloc(sizeof(float) * (size_t)n);
    Buffer<float> xb = view<float>(X.data, {n}), yb = view<float>(Y.data, {n}),
                  zb = view<float>(zp, {n});
    Func out("out");
    out(x) = 2.5f * xb(x) + yb(x);
    Var xo, xi;
    out.split(x, xo, xi, (int)std::min<long>(n, 1 << 16)).parallel(xo).vectorize(xi, 16);
    Pipeline p(out);
    p.compile_jit(target());
    BENCH_PROTOCOL(a, , p.realize(zb), BENCH_SAVE_F32(a, zp, 1, n));
  } else if (k == "jacobi2d") {
    npy_array A = npy_load(a.data, "A", 'f', 4);
    long n = A.shape[0];
    size_t bytes = sizeof(float) * (size_t)(n * n);
    float *g0 = (float *)bench_alloc(bytes), *g1 = (float *)bench_alloc(bytes);
    Buffer<float> b0 = view<float>(g0, {n, n}), b1 = view<float>(g1, {n, n});
    const int m = (int)n - 2;
    Buffer<float> i0 = window(g0, {n, n}, {1, 1}, {m, m}), i1 = window(g1, {n, n}, {1, 1}, {m, m});
    ImageParam in(Float(32), 2);
    Func out("out");
    out(x, y) = 0.2f * (in(x, y) + in(x, y - 1) + in(x, y + 1) + in(x - 1, y) + in(x + 1, y));
    Var yo, yi;
    const int strip = (int)((n - 2 + T - 1) / T); // one strip per thread, as the C peer
    out.split(y, yo, yi, strip).parallel(yo).vectorize(x, 16);
    Pipeline p(out);
    p.compile_jit(target());
    Buffer<float> *res = nullptr;
    BENCH_PROTOCOL(a, memcpy(g0, A.data, bytes); memcpy(g1, A.data, bytes),
                   for (long t = 0; t < a.steps; t++) {
                     in.set(t % 2 == 0 ? b0 : b1);
                     p.realize(t % 2 == 0 ? i1 : i0);
                   } res = a.steps % 2 == 0 ? &b0 : &b1,
                   BENCH_SAVE_F32(a, res->data(), 2, n, n));
  } else if (k == "heat3d") {
    npy_array A = npy_load(a.data, "A", 'f', 4);
    long n = A.shape[0];
    size_t bytes = sizeof(float) * (size_t)(n * n * n);
    float *g0 = (float *)bench_alloc(bytes), *g1 = (float *)bench_alloc(bytes);
    Buffer<float> b0 = view<float>(g0, {n, n, n}), b1 = view<float>(g1, {n, n, n});
    const int m = (int)n - 2;
    Buffer<float> i0 = window(g0, {n, n, n}, {1, 1, 1}, {m, m, m}),
                  i1 = window(g1, {n, n, n}, {1, 1, 1}, {m, m, m});
    ImageParam in(Float(32), 3);
    Func out("out");
    Expr c = in(x, y, z);
    out(x, y, z) = c + 0.1f * (in(x - 1, y, z) + in(x + 1, y, z) + in(x, y - 1, z) +
                               in(x, y + 1, z) + in(x, y, z - 1) + in(x, y, z + 1) - 6.0f * c);
    Var zo, zi;
    const int strip = (int)((n - 2 + T - 1) / T);
    out.split(z, zo, zi, strip).parallel(zo).vectorize(x, 16);
    Pipeline p(out);
    p.compile_jit(target());
    Buffer<float> *res = nullptr;
    BENCH_PROTOCOL(a, memcpy(g0, A.data, bytes); memcpy(g1, A.data, bytes),
                   for (long t = 0; t < a.steps; t++) {
                     in.set(t % 2 == 0 ? b0 : b1);
                     p.realize(t % 2 == 0 ? i1 : i0);
                   } res = a.steps % 2 == 0 ? &b0 : &b1,
                   BENCH_SAVE_F32(a, res->data(), 3, n, n, n));
  } else if (k == "life") {
    npy_array A = npy_load(a.data, "A", 'u', 1);
    const int n = (int)A.shape[0];
    size_t bytes = (size_t)n * n;
    uint8_t *g0 = (uint8_t *)bench_alloc(bytes), *g1 = (uint8_t *)bench_alloc(bytes);
    Buffer<uint8_t> b0 = view<uint8_t>(g0, {n, n}), b1 = view<uint8_t>(g1, {n, n});
    ImageParam in(UInt(8), 2);
    // Interior: no wrapping. Edges (two rows, two columns): coordinates wrap.
    auto rule = [](Expr alive, Expr s) {
      return select(s == 3 || (alive == 1 && s == 2), cast<uint8_t>(1), cast<uint8_t>(0));
    };
    auto neighbours = [&](Func f) {
      return f(x - 1, y - 1) + f(x, y - 1) + f(x + 1, y - 1) + f(x - 1, y) + f(x + 1, y) +
             f(x - 1, y + 1) + f(x, y + 1) + f(x + 1, y + 1);
    };
    Func src("src"), wrapped("wrapped"), inner("inner"), edge("edge");
    src(x, y) = in(x, y);
    wrapped(x, y) = in((x + n) % n, (y + n) % n);
    inner(x, y) = rule(in(x, y), neighbours(src));
    edge(x, y) = rule(in(x, y), neighbours(wrapped));
    Var yo, yi;
    const int strip = (n - 2 + T - 1) / T;
    inner.split(y, yo, yi, strip).parallel(yo).vectorize(x, 64);
    Pipeline pi(inner), pe(edge);
    pi.compile_jit(target());
    pe.compile_jit(target());
    // The interior, the top and bottom rows, the left and right columns.
    auto parts = [&](uint8_t *g) {
      std::vector<long> sh = {n, n};
      return std::vector<Buffer<uint8_t>>{
          window(g, sh, {1, 1}, {n - 2, n - 2}), window(g, sh, {0, 0}, {n, 1}),
          window(g, sh, {0, n - 1}, {n, 1}), window(g, sh, {0, 1}, {1, n - 2}),
          window(g, sh, {n - 1, 1}, {1, n - 2})};
    };
    std::vector<Buffer<uint8_t>> p0 = parts(g0), p1 = parts(g1);
    Buffer<uint8_t> *res = nullptr;
    long shape[2] = {n, n};
    BENCH_PROTOCOL(a, memcpy(g0, A.data, bytes),
                   for (long t = 0; t < a.steps; t++) {
                     in.set(t % 2 == 0 ? b0 : b1);
                     std::vector<Buffer<uint8_t>> &dst = t % 2 == 0 ? p1 : p0;
                     pi.realize(dst[0]);
                     for (int e = 1; e < 5; e++) pe.realize(dst[e]);
                   } res = a.steps % 2 == 0 ? &b0 : &b1,
                   npy_save(a.out, res->data(), 'u', 1, 2, shape);
                   printf("CHECKSUM %.17g\n", checksum_u8(res->data(), (long)n * n)));
  } else if (k == "blur") {
    npy_array A = npy_load(a.data, "A", 'f', 4);
    long H = A.shape[0], W = A.shape[1];
    float *Bp = (float *)bench_alloc(sizeof(float) * (size_t)((H - 2) * (W - 2)));
    Buffer<float> Ab = view<float>(A.data, {H, W}), Bb = view<float>(Bp, {H - 2, W - 2});
    // The schedule of Halide's blur app: separable, tiles, the row pass per tile.
    Func bx("blur_x"), out("out");
    bx(x, y) = Ab(x, y) + Ab(x + 1, y) + Ab(x + 2, y);
    out(x, y) = (bx(x, y) + bx(x, y + 1) + bx(x, y + 2)) * (1.0f / 9.0f);
    Var xi, yi;
    out.tile(x, y, xi, yi, 256, 32).vectorize(xi, 16).parallel(y);
    bx.compute_at(out, x).vectorize(x, 16);
    Pipeline p(out);
    p.compile_jit(target());
    BENCH_PROTOCOL(a, , p.realize(Bb), BENCH_SAVE_F32(a, Bp, 2, H - 2, W - 2));
  } else if (k == "softmax") {
    npy_array X = npy_load(a.data, "X", 'f', 4);
    long R = X.shape[0], C = X.shape[1];
    float *Yp = (float *)bench_alloc(sizeof(float) * (size_t)(R * C));
    Buffer<float> Xb = view<float>(X.data, {R, C}), Yb = view<float>(Yp, {R, C});
    Func m("m"), e("e"), s("s"), out("out");
    RDom rc(0, (int)C);
    m(y) = Float(32).min();
    m(y) = max(m(y), Xb(rc, y));
    e(x, y) = fast_exp(Xb(x, y) - m(y));
    s(y) = 0.0f;
    s(y) += e(rc, y);
    out(x, y) = e(x, y) / s(y);
    out.parallel(y).vectorize(x, 16);
    e.compute_at(out, y).vectorize(x, 16);
    vector_reduce(m, rc, out, y);
    vector_reduce(s, rc, out, y);
    Pipeline p(out);
    p.compile_jit(target());
    BENCH_PROTOCOL(a, , p.realize(Yb), BENCH_SAVE_F32(a, Yp, 2, R, C));
  } else if (k == "layernorm") {
    npy_array X = npy_load(a.data, "X", 'f', 4), G = npy_load(a.data, "gamma", 'f', 4),
              Bt = npy_load(a.data, "beta", 'f', 4);
    long R = X.shape[0], C = X.shape[1];
    float *Yp = (float *)bench_alloc(sizeof(float) * (size_t)(R * C));
    Buffer<float> Xb = view<float>(X.data, {R, C}), Gb = view<float>(G.data, {C}),
                  Bb = view<float>(Bt.data, {C}), Yb = view<float>(Yp, {R, C});
    const float invc = 1.0f / (float)C;
    Func s("s"), v("v"), out("out");
    RDom rc(0, (int)C);
    s(y) = 0.0f;
    s(y) += Xb(rc, y);
    Expr mu = s(y) * invc;
    v(y) = 0.0f;
    v(y) += (Xb(rc, y) - mu) * (Xb(rc, y) - mu);
    out(x, y) = (Xb(x, y) - mu) * (1.0f / sqrt(v(y) * invc + 1e-5f)) * Gb(x) + Bb(x);
    out.parallel(y).vectorize(x, 16);
    vector_reduce(s, rc, out, y);
    vector_reduce(v, rc, out, y);
    Pipeline p(out);
    p.compile_jit(target());
    BENCH_PROTOCOL(a, , p.realize(Yb), BENCH_SAVE_F32(a, Yp, 2, R, C));
  } else if (k == "conv2d") {
    npy_array I = npy_load(a.data, "I", 'f', 4), F = npy_load(a.data, "F", 'f', 4);
    long H = I.shape[0], W = I.shape[1], R = F.shape[0], S = F.shape[1];
    long OH = H - R + 1, OW = W - S + 1;
    float *Op = (float *)bench_alloc(sizeof(float) * (size_t)(OH * OW));
    Buffer<float> Ib = view<float>(I.data, {H, W}), Fb = view<float>(F.data, {R, S}),
                  Ob = view<float>(Op, {OH, OW});
    Func out("out");
    RDom r(0, (int)S, 0, (int)R);
    out(x, y) = 0.0f;
    out(x, y) += Ib(x + r.x, y + r.y) * Fb(r.x, r.y);
    // 64 outputs (four vectors) per step of the filter loop.
    Var xo, xi;
    out.parallel(y).vectorize(x, 16);
    out.update().parallel(y).split(x, xo, xi, 64, TailStrategy::GuardWithIf)
        .reorder(xi, r.x, r.y, xo).vectorize(xi);
    Pipeline p(out);
    p.compile_jit(target());
    BENCH_PROTOCOL(a, , p.realize(Ob), BENCH_SAVE_F32(a, Op, 2, OH, OW));
  } else {
    fprintf(stderr, "bench_halide: no kernel '%s'\n", k.c_str());
    return 3;
  }
  return 0;
}
