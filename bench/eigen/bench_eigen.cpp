// bench_eigen.cpp - the Eigen 3.4 peer, written the way Eigen is usually
// written (expressions on Maps of the loaded arrays). Built with
// g++ -O3 -march=native -fopenmp -DNDEBUG: Eigen runs its matrix products on
// OMP_NUM_THREADS threads; its other expressions (element-wise, row-wise
// reductions) run on one thread. Usage and protocol: see common/bench.h.
#include "../common/bench.h"

#include <Eigen/Dense>
#include <cmath>

using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MapMat = Eigen::Map<RowMat, Eigen::Aligned64>;
using MapCMat = Eigen::Map<const RowMat, Eigen::Aligned64>;
using MapVec = Eigen::Map<Eigen::VectorXf, Eigen::Aligned64>;
using MapCVec = Eigen::Map<const Eigen::VectorXf, Eigen::Aligned64>;

static float *alloc_f32(long n) { return (float *)bench_alloc(sizeof(float) * (size_t)n); }

// Row softmax of S in place (Eigen's vectorised exp).
template <typename M> static void softmax_rows(M &&S) {
  Eigen::VectorXf m = S.rowwise().maxCoeff();
  S.array() = (S.colwise() - m).array().exp();
  Eigen::VectorXf s = S.rowwise().sum();
  S.array().colwise() /= s.array();
}

int main(int argc, char **argv) {
  bench_args a = bench_parse(argc, argv);
  const char *k = a.kernel;
  printf("INFO threads=%d\n", Eigen::nbThreads());
  if (!strcmp(k, "sgemm")) {
    npy_array A = npy_load(a.data, "A", 'f', 4), B = npy_load(a.data, "B", 'f', 4);
    long M = A.shape[0], K = A.shape[1], N = B.shape[1];
    float *Cp = alloc_f32(M * N);
    MapCMat Am((float *)A.data, M, K), Bm((float *)B.data, K, N);
    MapMat C(Cp, M, N);
    BENCH_PROTOCOL(a, , C.noalias() = Am * Bm, BENCH_SAVE_F32(a, Cp, 2, M, N));
  } else if (!strcmp(k, "gemv")) {
    npy_array A = npy_load(a.data, "A", 'f', 4), x = npy_load(a.data, "x", 'f', 4);
    long M = A.shape[0], N = A.shape[1];
    float *yp = alloc_f32(M);
    MapCMat Am((float *)A.data, M, N);
    MapCVec xv((float *)x.data, N);
    MapVec y(yp, M);
    BENCH_PROTOCOL(a, , y.noalias() = Am * xv, BENCH_SAVE_F32(a, yp, 1, M));
  } else if (!strcmp(k, "saxpy")) {
    npy_array x = npy_load(a.data, "x", 'f', 4), y = npy_load(a.data, "y", 'f', 4);
    long n = x.count;
    float *zp = alloc_f32(n);
    MapCVec xv((float *)x.data, n), yv((float *)y.data, n);
    MapVec z(zp, n);
    BENCH_PROTOCOL(a, , z = 2.5f * xv + yv, BENCH_SAVE_F32(a, zp, 1, n));
  } else if (!strcmp(k, "dot")) {
    npy_array x = npy_load(a.data, "x", 'f', 4), y = npy_load(a.data, "y", 'f', 4);
    long n = x.count;
    MapCVec xv((float *)x.data, n), yv((float *)y.data, n);
    float d = 0;
    BENCH_PROTOCOL(a, , d = xv.dot(yv), BENCH_SAVE_F32(a, &d, 1, 1));
  } else if (!strcmp(k, "softmax")) {
    npy_array X = npy_load(a.data, "X", 'f', 4);
    long R = X.shape[0], C = X.shape[1];
    float *Yp = alloc_f32(R * C);
    MapCMat Xm((float *)X.data, R, C);
    MapMat Y(Yp, R, C);
    BENCH_PROTOCOL(a, , Y = Xm; softmax_rows(Y), BENCH_SAVE_F32(a, Yp, 2, R, C));
  } else if (!strcmp(k, "layernorm")) {
    npy_array X = npy_load(a.data, "X", 'f', 4), g = npy_load(a.data, "gamma", 'f', 4),
              b = npy_load(a.data, "beta", 'f', 4);
    long R = X.shape[0], C = X.shape[1];
    float *Yp = alloc_f32(R * C);
    MapCMat Xm((float *)X.data, R, C);
    MapCVec gv((float *)g.data, C), bv((float *)b.data, C);
    MapMat Y(Yp, R, C);
    const float eps = 1e-5f;
    BENCH_PROTOCOL(
        a, ,
        Eigen::VectorXf mu = Xm.rowwise().mean();
        Y = Xm.colwise() - mu;
        Eigen::VectorXf q = ((Y.array().square().rowwise().sum() / float(C)) + eps).rsqrt();
        Y.array() = (Y.array().colwise() * q.array()).rowwise() * gv.array().transpose();
        Y.array().rowwise() += bv.array().transpose(),
        BENCH_SAVE_F32(a, Yp, 2, R, C));
  } else if (!strcmp(k, "attention")) {
    npy_array Q = npy_load(a.data, "Q", 'f', 4), K = npy_load(a.data, "K", 'f', 4),
              V = npy_load(a.data, "V", 'f', 4);
    long T = Q.shape[0], D = Q.shape[1], S = K.shape[0];
    MapCMat Qm((float *)Q.data, T, D), Km((float *)K.data, S, D), Vm((float *)V.data, S, D);
    RowMat P(T, S);
    float *Op = alloc_f32(T * D);
    MapMat O(Op, T, D);
    const float scale = 1.0f / std::sqrt(float(D));
    BENCH_PROTOCOL(a, ,
                   P.noalias() = (Qm * Km.transpose()) * scale;
                   softmax_rows(P); O.noalias() = P * Vm,
                   BENCH_SAVE_F32(a, Op, 2, T, D));
  } else {
    fprintf(stderr, "bench_eigen: no kernel '%s'\n", k);
    return 3;
  }
  return 0;
}
