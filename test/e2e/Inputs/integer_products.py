"""Runs integer-products.weft at -O0 and -O2 on random inputs of odd sizes
and compares every product with NumPy: integers exactly (wrapping, as the
element type does), f64 and f16 within a relative tolerance."""
import argparse
import os
import subprocess

import numpy as np

TYPES = ["i8", "u8", "i16", "i32", "u32", "i64", "f64", "f16"]
DTYPES = {"i8": np.int8, "u8": np.uint8, "i16": np.int16, "i32": np.int32,
          "u32": np.uint32, "i64": np.int64, "f64": np.float64,
          "f16": np.float16}


def product(a, b):
    """A B in the element type, wrapping like Weft's integer arithmetic."""
    if a.dtype.kind in "iu":
        wide = a.astype(np.uint64) @ b.astype(np.uint64)  # wraps mod 2^64
        return wide.astype(a.dtype)
    return (a.astype(np.float64) @ b.astype(np.float64)).astype(a.dtype)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weftc", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--workdir", required=True)
    args = ap.parse_args()
    rng = np.random.default_rng(7)
    n, k, m = 37, 70, 45  # partial register and cache tiles on every side
    inputs = {}
    for t in TYPES:
        dt = DTYPES[t]
        if np.dtype(dt).kind in "iu":
            info = np.iinfo(dt)
            lo, hi = max(info.min, -1000), min(info.max, 1000)
            a = rng.integers(lo, hi, (n, k), endpoint=True).astype(dt)
            b = rng.integers(lo, hi, (k, m), endpoint=True).astype(dt)
        else:
            a = rng.uniform(-1, 1, (n, k)).astype(dt)
            b = rng.uniform(-1, 1, (k, m)).astype(dt)
        inputs[t] = (a, b)
    for opt in ["-O0", "-O2"]:
        work = os.path.join(args.workdir, opt)
        os.makedirs(work, exist_ok=True)
        for t, (a, b) in inputs.items():
            np.save(os.path.join(work, f"a_{t}.npy"), a)
            np.save(os.path.join(work, f"b_{t}.npy"), b)
            np.save(os.path.join(work, f"bt_{t}.npy"), np.ascontiguousarray(b.T))
        exe = os.path.join(work, "products")
        subprocess.run([args.weftc, args.source, opt, "-o", exe], check=True)
        subprocess.run([exe], cwd=work, check=True)
        for t, (a, b) in inputs.items():
            want = product(a, b)
            for name in (f"c_{t}.npy", f"ct_{t}.npy"):
                got = np.load(os.path.join(work, name))
                if want.dtype.kind in "iu":
                    ok = got.dtype == want.dtype and np.array_equal(got, want)
                else:
                    tol = 1e-12 if t == "f64" else 5e-2
                    ok = got.dtype == want.dtype and np.allclose(
                        got.astype(np.float64), want.astype(np.float64),
                        rtol=tol, atol=tol * k)
                print(f"products: {'ok' if ok else 'MISMATCH'} {name} {opt}")


if __name__ == "__main__":
    main()
