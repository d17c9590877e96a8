"""The NumPy peer of the Weft benchmark suite (Debian's python3-numpy).

Run by bench/driver.py as  python3 bench_numpy.py KERNEL DATA_DIR OUT_FILE REPS STEPS
with the protocol of common/bench.h (WARMUP, CHECKSUM, TIME lines). Written
as idiomatic NumPy: whole-array expressions, `out=` where NumPy offers it,
matrix products through NumPy's BLAS (OpenBLAS when installed; the driver
runs this with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset). Element-wise
NumPy runs on one thread whatever the thread count.
"""
import os
import sys
import time

import numpy as np


def blas_info():
    """The BLAS library this NumPy loaded (from the process's memory map)."""
    try:
        with open("/proc/self/maps") as f:
            libs = sorted({line.split()[-1] for line in f if "blas" in line.lower() and "/" in line})
        return ",".join(os.path.basename(p) for p in libs) or "unknown"
    except OSError:
        return "unknown"


def load(d, name):
    return np.load(os.path.join(d, name + ".npy"))


def make(kernel, d, steps):
    """Returns (reset, run, result) closures for the kernel."""
    state = {}
    if kernel == "sgemm":
        A, B = load(d, "A"), load(d, "B")
        C = np.empty((A.shape[0], B.shape[1]), np.float32)
        return None, lambda: np.matmul(A, B, out=C), lambda: C
    if kernel == "gemv":
        A, x = load(d, "A"), load(d, "x")
        y = np.empty(A.shape[0], np.float32)
        return None, lambda: np.matmul(A, x, out=y), lambda: y
    if kernel == "saxpy":
        x, y = load(d, "x"), load(d, "y")
        z = np.empty_like(x)
        a = np.float32(2.5)

        def run():
            np.multiply(x, a, out=z)
            np.add(z, y, out=z)
        return None, run, lambda: z
    if kernel == "dot":
        x, y = load(d, "x"), load(d, "y")

        def run():
            state["d"] = np.dot(x, y)
        return None, run, lambda: np.array([state["d"]], np.float32)
    if kernel == "jacobi2d":
        A = load(d, "A")
        g = [A.copy(), A.copy()]

        def reset():
            g[0][...] = A
            g[1][...] = A

        def run():
            for t in range(steps):
                s, o = g[t % 2], g[(t + 1) % 2]
                c = o[1:-1, 1:-1]
                np.add(s[1:-1, 1:-1], s[:-2, 1:-1], out=c)
                c += s[2:, 1:-1]
                c += s[1:-1, :-2]
                c += s[1:-1, 2:]
                c *= np.float32(0.2)
        return reset, run, lambda: g[steps % 2]
    if kernel == "heat3d":
        A = load(d, "A")
        g = [A.copy(), A.copy()]
        t1 = np.empty_like(A[1:-1, 1:-1, 1:-1])

        def reset():
            g[0][...] = A
            g[1][...] = A

        def run():
            nonlocal t1
            for t in range(steps):
                s, o = g[t % 2], g[(t + 1) % 2]
                c = s[1:-1, 1:-1, 1:-1]
                np.add(s[:-2, 1:-1, 1:-1], s[2:, 1:-1, 1:-1], out=t1)
                t1 += s[1:-1, :-2, 1:-1]
                t1 += s[1:-1, 2:, 1:-1]
                t1 += s[1:-1, 1:-1, :-2]
                t1 += s[1:-1, 1:-1, 2:]
                t1 -= np.float32(6.0) * c
                t1 *= np.float32(0.1)
                np.add(c, t1, out=o[1:-1, 1:-1, 1:-1])
        return reset, run, lambda: g[steps % 2]
    if kernel == "life":
        A = load(d, "A")
        n = A.shape[0]
        P = np.zeros((n + 2, n + 2), np.uint8)   # the grid with a one-cell wrapped halo
        S = np.empty((n, n), np.uint8)

        def reset():
            P[1:-1, 1:-1] = A

        def run():
            nonlocal S
            for _ in range(steps):
                P[0, 1:-1], P[-1, 1:-1] = P[-2, 1:-1], P[1, 1:-1]
                P[:, 0], P[:, -1] = P[:, -2], P[:, 1]
                np.add(P[:-2, :-2], P[:-2, 1:-1], out=S)
                S += P[:-2, 2:]
                S += P[1:-1, :-2]
                S += P[1:-1, 2:]
                S += P[2:, :-2]
                S += P[2:, 1:-1]
                S += P[2:, 2:]
                c = P[1:-1, 1:-1]
                c[...] = (S == 3) | ((c == 1) & (S == 2))
        return reset, run, lambda: P[1:-1, 1:-1]
    if kernel == "blur":
        A = load(d, "A")
        H, W = A.shape
        bx = np.empty((H, W - 2), np.float32)
        B = np.empty((H - 2, W - 2), np.float32)

        def run():
            nonlocal bx, B
            np.add(A[:, :-2], A[:, 1:-1], out=bx)
            bx += A[:, 2:]
            np.add(bx[:-2], bx[1:-1], out=B)
            B += bx[2:]
            B *= np.float32(1.0 / 9.0)
        return None, run, lambda: B
    if kernel == "softmax":
        X = load(d, "X")
        Y = np.empty_like(X)

        def run():
            nonlocal Y
            np.subtract(X, X.max(axis=1, keepdims=True), out=Y)
            np.exp(Y, out=Y)
            Y /= Y.sum(axis=1, keepdims=True)
        return None, run, lambda: Y
    if kernel == "layernorm":
        X, g, b = load(d, "X"), load(d, "gamma"), load(d, "beta")
        Y = np.empty_like(X)

        def run():
            nonlocal Y
            np.subtract(X, X.mean(axis=1, keepdims=True), out=Y)
            q = 1.0 / np.sqrt((Y * Y).mean(axis=1, keepdims=True) + np.float32(1e-5))
            Y *= q
            Y *= g
            Y += b
        return None, run, lambda: Y
    if kernel == "conv2d":
        I, F = load(d, "I"), load(d, "F")
        R, S = F.shape
        OH, OW = I.shape[0] - R + 1, I.shape[1] - S + 1
        O = np.empty((OH, OW), np.float32)
        tmp = np.empty_like(O)

        def run():
            nonlocal O
            O[...] = 0
            for u in range(R):
                for v in range(S):
                    np.multiply(I[u:u + OH, v:v + OW], F[u, v], out=tmp)
                    O += tmp
        return None, run, lambda: O
    if kernel == "attention":
        Q, K, V = load(d, "Q"), load(d, "K"), load(d, "V")
        scale = np.float32(1.0 / np.sqrt(Q.shape[1]))
        P = np.empty((Q.shape[0], K.shape[0]), np.float32)
        O = np.empty_like(Q)

        def run():
            nonlocal P
            np.matmul(Q, K.T, out=P)
            P *= scale
            P -= P.max(axis=1, keepdims=True)
            np.exp(P, out=P)
            P /= P.sum(axis=1, keepdims=True)
            np.matmul(P, V, out=O)
        return None, run, lambda: O
    if kernel == "cg":
        b = load(d, "b")
        n = b.shape[0]
        x, r, p = (np.zeros((n + 2, n + 2), np.float32) for _ in range(3))
        q = np.zeros((n, n), np.float32)

        def reset():
            x[...] = 0
            r[1:-1, 1:-1] = b
            p[1:-1, 1:-1] = b

        def run():
            nonlocal q
            ri, pi, xi = r[1:-1, 1:-1], p[1:-1, 1:-1], x[1:-1, 1:-1]
            rr = float(np.vdot(ri, ri))
            for _ in range(steps):
                np.multiply(pi, np.float32(4.0), out=q)
                q -= p[:-2, 1:-1]
                q -= p[2:, 1:-1]
                q -= p[1:-1, :-2]
                q -= p[1:-1, 2:]
                alpha = np.float32(rr / float(np.vdot(pi, q)))
                xi += alpha * pi
                ri -= alpha * q
                rr2 = float(np.vdot(ri, ri))
                beta = np.float32(rr2 / rr)
                rr = rr2
                pi *= beta
                pi += ri
        return reset, run, lambda: x[1:-1, 1:-1]
    return None


def main():
    kernel, d, out, reps, steps = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    made = make(kernel, d, steps)
    if made is None:
        print(f"bench_numpy: no kernel '{kernel}'", file=sys.stderr)
        sys.exit(3)
    reset, run, result = made
    reset = reset or (lambda: None)
    reset()
    t0 = time.perf_counter()
    run()
    print(f"WARMUP {time.perf_counter() - t0:.9g}", flush=True)
    print(f"INFO numpy={np.__version__} blas={blas_info()}", flush=True)
    res = np.ascontiguousarray(result())
    np.save(out, res)
    print(f"CHECKSUM {float(res.astype(np.float64).sum()):.17g}", flush=True)
    for _ in range(reps):
        reset()
        t0 = time.perf_counter()
        run()
        print(f"TIME {time.perf_counter() - t0:.9g}", flush=True)


if __name__ == "__main__":
    main()
