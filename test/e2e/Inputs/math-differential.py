"""Differential test of the math builtins and integer division against NumPy.

Compiles elementwise.weft once, then for each size writes random inputs
(x, y in [-4, 4] as f32 and f64; i32 pairs with zeros, -1 and INT32_MIN
mixed in; u8 pairs with zeros), runs it and compares every output with
NumPy. Prints one line an output and size; exits 1 on a mismatch.

Tolerances: |got - expected| <= tol * (1 + |expected|) against a float64
reference, tol 2e-6 for f32 (a few ulp; exp of up to 4 reaches 55) and
1e-13 for f64; floor, ceil, min/max, select and the integer results must be
exact. Integer division is Weft's: truncating, x / 0 == 0, x % 0 == 0 and
INT32_MIN / -1 == INT32_MIN.
"""
import argparse
import os
import subprocess
import sys

import numpy as np

F32_TOL, F64_TOL = 2e-6, 1e-13


def trunc_div(a, b):
    """Weft's integer division on int64 copies of the operands."""
    a, b = a.astype(np.int64), b.astype(np.int64)
    safe = np.where(b == 0, 1, b)
    q = np.sign(a) * np.sign(safe) * (np.abs(a) // np.abs(safe))
    return np.where(b == 0, 0, q), np.where(b == 0, 0, a - q * safe)


def expected_outputs(x, y, x64, y64, a, b, ua, ub):
    xd, yd = x.astype(np.float64), y.astype(np.float64)
    q, r = trunc_div(a, b)
    uq, ur = trunc_div(ua, ub)
    return {
        "exp": (np.exp(xd), F32_TOL),
        "log": (np.log(np.abs(xd)), F32_TOL),
        "sqrt": (np.sqrt(np.abs(xd)), F32_TOL),
        "rsqrt": (1 / np.sqrt(np.abs(xd)), F32_TOL),
        "tanh": (np.tanh(xd), F32_TOL),
        "sin": (np.sin(xd), F32_TOL),
        "cos": (np.cos(xd), F32_TOL),
        "floor": (np.floor(xd), 0),
        "ceil": (np.ceil(xd), 0),
        "pow": (np.abs(xd) ** yd, F32_TOL),
        "minmax": ((np.maximum(x, y) - np.minimum(x, y) * np.float32(2)), 0),
        "select": (np.where(x > y, x - y, np.abs(y)), 0),
        "sin64": (np.sin(x64), F64_TOL),
        "tanh64": (np.tanh(x64), F64_TOL),
        "pow64": (np.abs(x64) ** y64, F64_TOL),
        # INT32_MIN / -1 is 2^31 in int64: wrapped to int32 it is INT32_MIN.
        "quot": (q.astype(np.int32), 0),
        "rem": (r.astype(np.int32), 0),
        "quotu8": (uq.astype(np.uint8), 0),
        "remu8": (ur.astype(np.uint8), 0),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--weftc", required=True)
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args()
    source = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          "elementwise.weft")
    exe = os.path.join(args.workdir, "elementwise")
    subprocess.run([args.weftc, source, "-o", exe], check=True)
    rng = np.random.default_rng(20261123)
    ok = True
    for n in (1, 7, 1000):
        x = rng.uniform(-4, 4, n).astype(np.float32)
        y = rng.uniform(-4, 4, n).astype(np.float32)
        x64, y64 = rng.uniform(-4, 4, n), rng.uniform(-4, 4, n)
        a = rng.integers(-2**31, 2**31, n, dtype=np.int64).astype(np.int32)
        b = rng.integers(-9, 10, n).astype(np.int32)
        if n > 1:
            a[:3] = [np.iinfo(np.int32).min, 7, -7]
            b[:3] = [-1, 0, 2]
        ua = rng.integers(0, 256, n).astype(np.uint8)
        ub = rng.integers(0, 6, n).astype(np.uint8)
        inputs = dict(x=x, y=y, x64=x64, y64=y64, a=a, b=b, ua=ua, ub=ub)
        for name, array in inputs.items():
            np.save(os.path.join(args.workdir, name + ".npy"), array)
        subprocess.run([exe], cwd=args.workdir, check=True)
        for name, (expected, tol) in expected_outputs(**inputs).items():
            got = np.load(os.path.join(args.workdir, name + ".npy"))
            err = np.abs(got.astype(np.float64) - expected.astype(np.float64))
            bound = tol * (1 + np.abs(expected.astype(np.float64)))
            good = got.shape == expected.shape and bool(np.all(err <= bound))
            print(f"{'ok' if good else 'FAIL'} {name} {n} {got.dtype} "
                  f"worst error {np.max(err, initial=0.0):.3g}")
            ok = ok and good
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
