"""f32 sin and cos at -O2 and -O3 (libmvec's vector variants in the vector
loop, libm's sinf/cosf in its scalar remainder) against -O0 (libm throughout).

Compiles one program at -O0, -O2 and -O3 and runs it on lengths 1, 15, 17 and
1000, so that every element lands in a vector loop, its remainder, or both.
The inputs are finite floats from the whole range (random bit patterns) mixed
with small ones (|x| < 10). Every result must be within the bound of
docs/language.md's "Floating-point accuracy" (1 ULP at -O0, 2 at -O2/-O3) of
the correctly rounded result. The `wide_` kernels also evaluate an exp (a
polynomial from -O2 on, times exactly 1 here), which keeps them at the full
vector width (weft-prefer-vector-width): 16 lanes on AVX-512 CPUs, 8 for the
others. Prints one line a level, kernel and length; exits 1 on a failure.
"""
import argparse
import os
import subprocess
import sys

import numpy as np

from fast_math_accuracy import ulp_errors

KERNELS = {
    "f_sin": "sin(x[i])",
    "f_cos": "cos(x[i])",
    "wide_sin": "sin(x[i]) * exp(x[i] * 0.0)",
    "wide_cos": "cos(x[i]) * exp(x[i] * 0.0)",
}
BOUNDS = {"-O0": 1.0, "-O2": 2.0, "-O3": 2.0}


def build(weftc, workdir):
    source = os.path.join(workdir, "vector_math.weft")
    with open(source, "w") as f:
        for name, expr in KERNELS.items():
            f.write(f"kernel {name}(x: f32[n]) -> y: f32[n] {{\n"
                    f"  y[i] = {expr}\n}}\n")
        f.write('fn main() {\n  let x: f32[?] = load("x.npy")\n')
        for name in KERNELS:
            f.write(f'  save({name}(x), "{name}.npy")\n')
        f.write("}\n")
    for opt in BOUNDS:
        subprocess.run([weftc, source, opt, "-o",
                        os.path.join(workdir, opt[1:])], check=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--weftc", required=True)
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args()
    build(args.weftc, args.workdir)
    rng = np.random.default_rng(20261123)
    ok = True
    for n in (1, 15, 17, 1000):
        bits = rng.integers(0, 2**32, n, dtype=np.uint64).astype(np.uint32)
        x = bits.view(np.float32).copy()
        x[~np.isfinite(x)] = 1.0
        x[::2] = rng.uniform(-10, 10, len(x[::2])).astype(np.float32)
        np.save(os.path.join(args.workdir, "x.npy"), x)
        for opt, bound in BOUNDS.items():
            subprocess.run([os.path.join(args.workdir, opt[1:])],
                           cwd=args.workdir, check=True)
            for name in KERNELS:
                got = np.load(os.path.join(args.workdir, name + ".npy"))
                exact = getattr(np, name.split("_")[-1])(x.astype(np.float64))
                worst = float(np.max(ulp_errors(got, exact)))
                good = got.shape == x.shape and worst <= bound
                print(f"{'ok' if good else 'FAIL'} {opt} {name} {n}: within "
                      f"{bound:g} ulp (worst {worst:.2f})")
                ok = ok and good
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
