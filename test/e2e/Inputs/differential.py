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
# the rounding error of a sum that cancels.
TOL = {np.float32: 1e-5, np.float64: 1e-10}


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


CASES = [
    ("saxpy", saxpy, [(1,), (7,), (1000,), (4097,)]),
    # -O2 tiles products 128 x 256 x 256 (cache) and 8 x 32 (registers):
    # one exact register tile, and sizes that leave partial tiles of each.
    ("matmul", matmul, [(1, 1, 1), (17, 33, 9), (64, 64, 64), (5, 1, 130),
                        (8, 1, 32), (130, 300, 270), (257, 7, 33)]),
    ("softmax", softmax, [(1, 1), (3, 17), (64, 100), (129, 5)]),
    ("row_stats", log_sum_exp, [(1, 1), (8, 33), (100, 7)]),
]


def run_case(weftc, examples, workdir, example, make, shape, rng):
    inputs, main_body, expected, *scale = make(rng, *shape)
    scale = scale[0] if scale else np.abs(expected)
    case_dir = os.path.join(workdir, f"{example}-{'x'.join(map(str, shape))}")
    os.makedirs(case_dir, exist_ok=True)
    for name, array in inputs.items():
        np.save(os.path.join(case_dir, f"{name}.npy"), array)
    source = os.path.join(case_dir, "case.weft")
    with open(source, "w") as f:
        f.write(kernels_of(os.path.join(examples, example + ".weft")))
        f.write("fn main() {\n " + main_body + "\n}\n")
    exe = os.path.join(case_dir, "case")
    subprocess.run([weftc, source, "-o", exe], check=True)
    subprocess.run([exe], cwd=case_dir, check=True)
    got = np.load(os.path.join(case_dir, "out.npy"))
    if got.shape != expected.shape:
        print(f"FAIL {example} {shape}: shape {got.shape}, expected {expected.shape}")
        return False
    tol = TOL[got.dtype.type]
    worst = np.max(np.abs(got - expected) / (tol * (1 + scale)),
                   initial=0.0)
    status = "ok" if worst <= 1 else "FAIL"
    print(f"{status} {example} {'x'.join(map(str, shape))} {got.dtype} "
          f"worst error {worst:.2f} of the tolerance {tol:g}")
    return status == "ok"


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--weftc", required=True)
    parser.add_argument("--examples", required=True)
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args()
    rng = np.random.default_rng(20261123)
    ok = True
    for example, make, shapes in CASES:
        for shape in shapes:
            ok = run_case(args.weftc, args.examples, args.workdir, example, make,
                          shape, rng) and ok
    sys.exit(0 if ok else 1)
