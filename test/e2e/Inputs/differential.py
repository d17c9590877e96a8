"""Differential test: Weft kernels against NumPy on random .npy inputs.

For each case, the kernel is taken from its example file (so the tested code
is the shipped code), wrapped in a `main` that loads the inputs and saves the
result, compiled with weftc, run, and compared with NumPy. Prints one line a
case; exits 1 on the first mismatch.
"""
import argparse
import os
import re
import subprocess
import sys

import numpy as np

# Tolerances: an element passes when |got - expected| <= tol * (1 + scale),
# with tol 1e-5 for f32 results (against a float64 NumPy reference, sums of up
# to a few hundred terms) and 1e-10 for f64. The scale is |expected|, or for
# a product the sum of the magnitudes of its terms (|A| |B|), which bounds
# the rounding error of a sum that cancels. Integer and bool results must
# match exactly.
TOL = {np.float32: 1e-5, np.float64: 1e-10, np.int32: 0, np.int64: 0,
       np.uint8: 0, np.bool_: 0}


def kernels_path(examples, example):
    """The file of a case's kernels: a shipped example, or one in this folder
    for the cases that test a construct rather than an example."""
    path = os.path.join(examples, example + ".weft")
    if os.path.exists(path):
        return path
    return os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        example + ".weft")


def kernels_of(example):
    """The kernels of an example file: everything before `fn main`."""
    with open(example) as f:
        source = f.read()
    return source[: re.search(r"^fn main", source, re.M).start()]


def saxpy(rng, n):
    x = rng.standard_normal(n).astype(np.float32)
    y = rng.standard_normal(n).astype(np.float32)
    return ({"x": x, "y": y},
            'let x: f32[?] = load("x.npy")\n let y: f32[?] = load("y.npy")\n'
            ' save(saxpy(2.5, x, y), "out.npy")',
            2.5 * x.astype(np.float64) + y)


def matmul(rng, m, k, n):
    a = rng.standard_normal((m, k)).astype(np.float32)
    b = rng.standard_normal((k, n)).astype(np.float32)
    return ({"A": a, "B": b},
            'let A: f32[?, ?] = load("A.npy")\n let B: f32[?, ?] = load("B.npy")\n'
            ' save(matmul(A, B), "out.npy")',
            a.astype(np.float64) @ b.astype(np.float64),
            np.abs(a).astype(np.float64) @ np.abs(b).astype(np.float64))


def softmax(rng, r, c):
    x = (4 * rng.standard_normal((r, c))).astype(np.float32)
    x64 = x.astype(np.float64)
    e = np.exp(x64 - x64.max(axis=1, keepdims=True))
    return ({"X": x},
            'let X: f32[?, ?] = load("X.npy")\n save(softmax(X), "out.npy")',
            e / e.sum(axis=1, keepdims=True))


def log_sum_exp(rng, r, c):
    x = (10 * rng.standard_normal((r, c))).astype(np.float64)
    m = x.max(axis=1, keepdims=True)
    return ({"X": x},
            'let X: f64[?, ?] = load("X.npy")\n save(log_sum_exp(X), "out.npy")',
            (m + np.log(np.exp(x - m).sum(axis=1, keepdims=True)))[:, 0])


def layer_norm(rng, r, c):
    x = (3 * rng.standard_normal((r, c)) + 1).astype(np.float32)
    gain = rng.standard_normal(c).astype(np.float32)
    bias = rng.standard_normal(c).astype(np.float32)
    x64 = x.astype(np.float64)
    mu = x64.mean(axis=1, keepdims=True)
    var = ((x64 - mu) ** 2).mean(axis=1, keepdims=True)
    return ({"X": x, "g": gain, "b": bias},
            'let X: f32[?, ?] = load("X.npy")\n let g: f32[?] = load("g.npy")\n'
            ' let b: f32[?] = load("b.npy")\n save(layer_norm(X, g, b), "out.npy")',
            (x64 - mu) / np.sqrt(var + 1e-5) * gain + bias)


def attention(rng, n, m, d, e):
    q = rng.standard_normal((n, d)).astype(np.float32)
    k = rng.standard_normal((m, d)).astype(np.float32)
    v = rng.standard_normal((m, e)).astype(np.float32)
    s = q.astype(np.float64) @ k.astype(np.float64).T / np.sqrt(d)
    w = np.exp(s - s.max(axis=1, keepdims=True))
    return ({"Q": q, "K": k, "V": v},
            'let Q: f32[?, ?] = load("Q.npy")\n let K: f32[?, ?] = load("K.npy")\n'
            ' let V: f32[?, ?] = load("V.npy")\n save(attention(Q, K, V), "out.npy")',
            w / w.sum(axis=1, keepdims=True) @ v.astype(np.float64))


def transposed_product(kernel, dtype):
    """C = A B^T with B given as N x K."""
    def make(rng, m, k, n):
        a = rng.standard_normal((m, k)).astype(dtype)
        b = rng.standard_normal((n, k)).astype(dtype)
        t = "f32" if dtype == np.float32 else "f64"
        return ({"A": a, "B": b},
                f'let A: {t}[?, ?] = load("A.npy")\n let B: {t}[?, ?] = load("B.npy")\n'
                f' save({kernel}(A, B), "out.npy")',
                a.astype(np.float64) @ b.astype(np.float64).T,
                np.abs(a).astype(np.float64) @ np.abs(b).astype(np.float64).T)
    make.__name__ = kernel
    return make


def mlp(rng, b, i, h, o):
    x = rng.standard_normal((b, i)).astype(np.float32)
    w1 = (rng.standard_normal((i, h)) / np.sqrt(i)).astype(np.float32)
    b1 = rng.standard_normal(h).astype(np.float32)
    w2 = (rng.standard_normal((h, o)) / np.sqrt(h)).astype(np.float32)
    b2 = rng.standard_normal(o).astype(np.float32)
    z = x.astype(np.float64) @ w1 + b1
    a = 0.5 * z * (1 + np.tanh(0.7978846 * (z + 0.044715 * z ** 3)))
    return ({"X": x, "W1": w1, "b1": b1, "W2": w2, "b2": b2},
            'let X: f32[?, ?] = load("X.npy")\n let W1: f32[?, ?] = load("W1.npy")\n'
            ' let b1: f32[?] = load("b1.npy")\n let W2: f32[?, ?] = load("W2.npy")\n'
            ' let b2: f32[?] = load("b2.npy")\n save(mlp(X, W1, b1, W2, b2), "out.npy")',
            a @ w2 + b2)


def nbody(rng, n):
    p = rng.standard_normal((n, 3))
    v = rng.standard_normal((n, 3))
    mass = rng.uniform(0.5, 1.5, n)
    d = p[None, :, :] - p[:, None, :]
    w = mass[None, :] * ((d ** 2).sum(axis=2) + 0.01) ** -1.5
    return ({"P": p, "V": v, "m": mass},
            'let P: f64[?, ?] = load("P.npy")\n let V: f64[?, ?] = load("V.npy")\n'
            ' let m: f64[?] = load("m.npy")\n save(accelerate(P, V, m, 0.01), "out.npy")',
            v + 0.01 * (w[:, :, None] * d).sum(axis=1))


def mandelbrot(rng, h, w):
    # Points around the set's boundary, where escape times vary most.
    cr = rng.uniform(-2.0, 0.6, w).astype(np.float32)
    ci = rng.uniform(-1.2, 1.2, h).astype(np.float32)
    zr = np.zeros((h, w), np.float32)
    zi = np.zeros((h, w), np.float32)
    n = np.zeros((h, w), np.float32)
    for _ in range(40):
        out = zr * zr + zi * zi > 4
        n += np.where(out, 0, 1).astype(np.float32)
        zr, zi = (np.where(out, zr, zr * zr - zi * zi + cr[None, :]),
                  np.where(out, zi, np.float32(2) * zr * zi + ci[:, None]))
    return ({"cr": cr, "ci": ci},
            'let cr: f32[?] = load("cr.npy")\n let ci: f32[?] = load("ci.npy")\n'
            f' let zr = zeros(f32[{h}, {w}])\n let zi = zeros(f32[{h}, {w}])\n'
            f' let n = zeros(f32[{h}, {w}])\n for t in 0..40 {{\n'
            '  n = count(zr, zi, n)\n  let re = step_re(zr, zi, cr)\n'
            '  zi = step_im(zr, zi, ci)\n  zr = re\n }\n save(n, "out.npy")',
            n.astype(np.float64))


def nbody_drift(rng, n):
    p, v = rng.standard_normal((n, 3)), rng.standard_normal((n, 3))
    return ({"P": p, "V": v},
            'let P: f64[?, ?] = load("P.npy")\n let V: f64[?, ?] = load("V.npy")\n'
            ' save(drift(P, V, 0.01), "out.npy")',
            p + 0.01 * v)


def nbody_weighted_sum(rng, n):
    x, mass = rng.standard_normal((n, 3)), rng.uniform(0, 1, n)
    return ({"X": x, "m": mass},
            'let X: f64[?, ?] = load("X.npy")\n let m: f64[?] = load("m.npy")\n'
            ' save(weighted_sum(X, m), "out.npy")',
            mass @ x)


def row_mean(rng, r, c):
    x = rng.standard_normal((r, c)).astype(np.float32)
    return ({"X": x},
            'let X: f32[?, ?] = load("X.npy")\n save(row_mean(X), "out.npy")',
            x.astype(np.float64).mean(axis=1))


def row_variance(rng, r, c):
    x = (rng.standard_normal((r, c)) + 2).astype(np.float32)
    return ({"X": x},
            'let X: f32[?, ?] = load("X.npy")\n save(row_variance(X), "out.npy")',
            x.astype(np.float64).var(axis=1))


def mandelbrot_grid(rng, n):
    k = np.arange(n, dtype=np.float32)
    return ({"k": k},
            'let k: f32[?] = load("k.npy")\n save(grid(k, -2.2, 0.01), "out.npy")',
            (np.float32(-2.2) + k * np.float32(0.01)).astype(np.float64))


def mandelbrot_inside(rng, h, w):
    counts = rng.integers(0, 11, (h, w)).astype(np.float32)
    return ({"n": counts},
            'let n: f32[?, ?] = load("n.npy")\n'
            ' let k = zeros(f32[1])\n k[0] = inside(n, 10.0)\n save(k, "out.npy")',
            np.array([np.sum(counts == 10)], np.float64))


def index_weighted_rows(rng, r, c):
    x = rng.standard_normal((r, c)).astype(np.float32)
    w = x.astype(np.float64) * np.arange(1, c + 1)
    s = (w - np.arange(r)[:, None]).sum(axis=1, keepdims=True)
    return ({"X": x},
            'let X: f32[?, ?] = load("X.npy")\n save(weighted_rows(X), "out.npy")',
            w / (1 + np.abs(s)) + np.arange(r * c).reshape(r, c),
            np.abs(w) / (1 + np.abs(s)) + np.arange(r * c).reshape(r, c)
            + np.abs(w).sum(axis=1, keepdims=True))


def index_ramp_product(rng, m, k, n):
    a = rng.standard_normal((m, k)).astype(np.float32)
    b = rng.standard_normal((k, n)).astype(np.float32)
    ramp = np.arange(m)[:, None] - np.arange(n)[None, :]
    return ({"A": a, "B": b},
            'let A: f32[?, ?] = load("A.npy")\n let B: f32[?, ?] = load("B.npy")\n'
            ' save(ramp_product(A, B), "out.npy")',
            (a.astype(np.float64) @ b.astype(np.float64)) * ramp,
            (np.abs(a).astype(np.float64) @ np.abs(b)) * np.abs(ramp))


def index_last_positive(rng, n):
    x = rng.standard_normal(n)
    positive = np.nonzero(x > 0)[0]
    return ({"x": x},
            'let x: f64[?] = load("x.npy")\n let p = zeros(i64[1])\n'
            ' p[0] = last_positive(x)\n save(p, "out.npy")',
            np.array([positive[-1] if len(positive) else -1], np.int64))


def index_shifted_ramp(rng, n):
    x = rng.standard_normal(n).astype(np.float32)
    i = np.arange(n)
    y = sum(np.roll(x, -d).astype(np.float64) * (3 * i + d) for d in (-1, 0, 1))
    return ({"x": x},
            'let x: f32[?] = load("x.npy")\n save(shifted_ramp(x), "out.npy")',
            y, sum(np.abs(np.roll(x, -d)) * np.abs(3 * i + d) for d in (-1, 0, 1)))


def index_ramp_domain(rng, n):
    x = rng.standard_normal(n).astype(np.float32)
    y = x.astype(np.float64)
    y[1:n - 1] = np.arange(1, n - 1) + 0.5
    return ({"x": x},
            'let x: f32[?] = load("x.npy")\n save(ramp_domain(x), "out.npy")', y)


CASES = [
    ("saxpy", saxpy, [(1,), (7,), (1000,), (4097,)]),
    # -O2 tiles products 512 x 256 x 256 (cache) and 8 x 32 (registers) and
    # packs B's full 32-column strips: one exact register tile, sizes that
    # leave partial tiles of each (521 x 263 x 289: a second cache tile of
    # rows, of k and of columns, with one full strip and a partial one),
    # and empty dimensions.
    ("matmul", matmul, [(1, 1, 1), (17, 33, 9), (64, 64, 64), (5, 1, 130),
                        (8, 1, 32), (130, 300, 270), (257, 7, 33),
                        (521, 263, 289), (0, 5, 3), (4, 0, 3), (4, 5, 0)]),
    # B transposed (shapes M x K x N): blocks of 16 x 16 (f32) or 8 x 8
    # (f64) are transposed into the panel and the k's after the last full
    # block copied one by one: k = 19, 300 (a second k tile of 44), columns
    # in full strips and a partial one, partial register tiles of rows.
    ("products:abt", transposed_product("abt", np.float32),
     [(1, 1, 1), (8, 16, 32), (17, 33, 9), (530, 19, 70), (40, 300, 300)]),
    ("products:abt64", transposed_product("abt64", np.float64),
     [(1, 1, 1), (9, 21, 17), (20, 300, 40)]),
    ("softmax", softmax, [(1, 1), (3, 17), (64, 100), (129, 5)]),
    ("row_stats", log_sum_exp, [(1, 1), (8, 33), (100, 7)]),
    ("layer_norm", layer_norm, [(1, 1), (1, 7), (9, 64), (33, 5)]),
    ("attention", attention, [(1, 1, 1, 1), (5, 7, 3, 2), (64, 33, 16, 17)]),
    ("mlp", mlp, [(1, 1, 1, 1), (4, 5, 8, 3), (33, 17, 65, 9)]),
    ("nbody", nbody, [(1,), (2,), (31,), (100,)]),
    ("mandelbrot", mandelbrot, [(1, 1), (7, 13), (64, 96)]),
    # The gallery's other kernels; "file:label" takes the kernels of file.
    ("nbody:drift", nbody_drift, [(1,), (5,), (100,)]),
    ("nbody:weighted_sum", nbody_weighted_sum, [(1,), (5,), (100,)]),
    ("layer_norm:row_mean", row_mean, [(1, 1), (3, 17), (64, 5)]),
    ("layer_norm:row_variance", row_variance, [(1, 1), (3, 17), (64, 5)]),
    ("mandelbrot:grid", mandelbrot_grid, [(1,), (7,), (300,)]),
    ("mandelbrot:inside", mandelbrot_inside, [(1, 1), (7, 13), (64, 96)]),
    # Indices as values (Inputs/index_values.weft), through -O2's fusion.
    ("index_values:weighted_rows", index_weighted_rows,
     [(1, 1), (3, 17), (64, 100), (129, 5)]),
    ("index_values:ramp_product", index_ramp_product,
     [(1, 1, 1), (17, 33, 9), (130, 300, 270)]),
    ("index_values:last_positive", index_last_positive, [(1,), (7,), (1000,)]),
    ("index_values:shifted_ramp", index_shifted_ramp, [(1,), (2,), (7,), (100,)]),
    ("index_values:ramp_domain", index_ramp_domain, [(1,), (2,), (9,)]),
]


def run_case(weftc, examples, workdir, example, make, shape, rng, flags=()):
    inputs, main_body, expected, *scale = make(rng, *shape)
    scale = scale[0] if scale else np.abs(expected)
    label, example = example, example.split(":")[0]
    case_dir = os.path.join(
        workdir, f"{label.replace(':', '-')}-{'x'.join(map(str, shape))}"
        + "".join(flags))
    os.makedirs(case_dir, exist_ok=True)
    for name, array in inputs.items():
        np.save(os.path.join(case_dir, f"{name}.npy"), array)
    source = os.path.join(case_dir, "case.weft")
    with open(source, "w") as f:
        f.write(kernels_of(kernels_path(examples, example)))
        f.write("fn main() {\n " + main_body + "\n}\n")
    exe = os.path.join(case_dir, "case")
    subprocess.run([weftc, source, *flags, "-o", exe], check=True)
    subprocess.run([exe], cwd=case_dir, check=True)
    got = np.load(os.path.join(case_dir, "out.npy"))
    if got.shape != expected.shape:
        print(f"FAIL {label} {shape}: shape {got.shape}, expected {expected.shape}")
        return False
    tol = TOL[got.dtype.type]
    if tol == 0:
        worst = 0.0 if np.array_equal(got, expected) else np.inf
    else:
        worst = np.max(np.abs(got - expected) / (tol * (1 + scale)),
                       initial=0.0)
    status = "ok" if worst <= 1 else "FAIL"
    print(f"{status} {label} {'x'.join(map(str, shape))} {' '.join(flags)}"
          f"{' ' if flags else ''}{got.dtype} "
          f"worst error {worst:.2f} of the tolerance {tol:g}")
    return status == "ok"


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--weftc", required=True)
    parser.add_argument("--examples", required=True)
    parser.add_argument("--workdir", required=True)
    return parser.parse_args()


def run_cases(args, cases, rng):
    """Runs every (example, make, shapes) case; whether all passed."""
    ok = True
    for example, make, shapes in cases:
        for shape in shapes:
            print(f"{make.__name__}:", end=" ")
            ok = run_case(args.weftc, args.examples, args.workdir, example, make,
                          shape, rng) and ok
    return ok


if __name__ == "__main__":
    args = parse_args()
    sys.exit(0 if run_cases(args, CASES, np.random.default_rng(20261123))
             else 1)
