"""Accuracy of the compiled f32 exp, log, tanh, sin and cos, in ULPs.

Compiles a program that applies each function to a vector of f32 inputs and
runs it on a sample of the whole f32 range: every 1021st bit pattern (all
signs, exponents and many mantissas), every float in the last ULPs below the
overflow threshold of exp and around its underflow threshold, and the edge
cases (±0, ±inf, NaN, the smallest subnormal and normal, the largest float).
Each result is compared with the correctly rounded result (the float64 value
rounded to f32) in units in the last place of that result. A function
passes when its worst error over its domain (see BOUNDS) is within the bound
and its results outside the domain are the documented ones; the script
prints one line a function and exits 1 if any fails.
"""
import argparse
import os
import subprocess
import sys

import numpy as np

FUNCTIONS = ["exp", "log", "tanh", "sin", "cos"]
FLT_MIN = float(np.finfo(np.float32).tiny)
# exp's result underflows to a subnormal below this input and overflows above
# the second.
EXP_SUBNORMAL_BELOW, EXP_OVERFLOW_ABOVE = -87.33654, 88.72283

# (bound in ULPs, domain) per function and per -O level. docs/language.md
# ("Floating-point accuracy") states the same numbers.
LIBM = {f: (1.0, lambda x: np.isfinite(x)) for f in FUNCTIONS}
LIBM["tanh"] = (3.0, LIBM["tanh"][1])  # glibc's tanhf


def host_has_avx512f():
    """What weftc targets (the host CPU): with AVX-512, weft-fast-math's exp
    is its own polynomial scaled by vscalefps."""
    try:
        with open("/proc/cpuinfo") as f:
            return any(line.startswith("flags") and "avx512f" in line.split()
                       for line in f)
    except OSError:
        return False


FAST = dict(LIBM)
FAST.update({
    # With AVX-512, subnormal results are rounded too. Without it (MLIR's
    # approximation), results that would be subnormal are only within
    # FLT_MIN (absolute) of the exact value, many of them flushed to +0.
    "exp": (2.0, lambda x: np.isfinite(x)) if host_has_avx512f() else
           (6.0, lambda x: x >= EXP_SUBNORMAL_BELOW),
    # Subnormal inputs are treated as the smallest normal float.
    "log": (1.0, lambda x: (x >= FLT_MIN) | ~(x > 0)),
    "tanh": (5.0, lambda x: np.isfinite(x)),
    # glibc libmvec's vector sinf and cosf (test/e2e/vector-math.test checks
    # that they are called).
    "sin": (2.0, lambda x: np.isfinite(x)),
    "cos": (2.0, lambda x: np.isfinite(x)),
})


def inputs():
    stride = np.arange(0, 2**32, 1021, dtype=np.uint64).astype(np.uint32)
    near_overflow = np.nextafter(np.float32(EXP_OVERFLOW_ABOVE),
                                 np.float32(0)).view(np.uint32) - np.arange(
                                     65536, dtype=np.uint32)
    near_underflow = np.float32(-EXP_SUBNORMAL_BELOW).view(np.uint32) + \
        np.arange(-4096, 4096, dtype=np.int64).astype(np.uint32) | np.uint32(
            0x80000000)
    edges = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e-45, -1e-45,
                      FLT_MIN, -FLT_MIN, np.finfo(np.float32).max,
                      -np.finfo(np.float32).max, 1.0, -1.0, 88.0, 89.0, -104.0,
                      -150.0], dtype=np.float32)
    return np.concatenate([stride.view(np.float32),
                           near_overflow.view(np.float32),
                           near_underflow.view(np.float32), edges])


def ulp_errors(got, exact):
    """|got - exact| in ULPs of the correctly rounded result; inf where an
    infinity or NaN differs from the correctly rounded one."""
    with np.errstate(over="ignore"):
        rounded = exact.astype(np.float32)
    special = ~np.isfinite(rounded) | ~np.isfinite(got)
    same_special = (got == rounded) | (np.isnan(got) & np.isnan(rounded))
    exponent = np.maximum(np.frexp(np.abs(rounded))[1] - 24, -149)
    with np.errstate(invalid="ignore"):
        err = np.abs(got.astype(np.float64) - exact) / np.ldexp(1.0, exponent)
    return np.where(special, np.where(same_special, 0.0, np.inf), err)


def compile_and_run(weftc, opt, workdir, x):
    source = os.path.join(workdir, "functions.weft")
    with open(source, "w") as f:
        for name in FUNCTIONS:
            f.write(f"kernel f_{name}(x: f32[n]) -> y: f32[n] {{\n"
                    f"  y[i] = {name}(x[i])\n}}\n")
        f.write('fn main() {\n  let x: f32[?] = load("x.npy")\n')
        for name in FUNCTIONS:
            f.write(f'  save(f_{name}(x), "{name}.npy")\n')
        f.write("}\n")
    np.save(os.path.join(workdir, "x.npy"), x)
    exe = os.path.abspath(os.path.join(workdir, "functions"))
    subprocess.run([weftc, source, opt, "-o", exe], check=True)
    subprocess.run([exe], cwd=workdir, check=True)
    return {name: np.load(os.path.join(workdir, name + ".npy"))
            for name in FUNCTIONS}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--weftc", required=True)
    parser.add_argument("--opt", required=True, choices=["-O0", "-O2", "-O3"])
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args()
    bounds = LIBM if args.opt == "-O0" else FAST
    x = inputs()
    results = compile_and_run(args.weftc, args.opt, args.workdir, x)
    with np.errstate(invalid="ignore"):
        x64 = x.astype(np.float64)
    ok = True
    for name in FUNCTIONS:
        with np.errstate(all="ignore"):
            exact = getattr(np, name)(x64)
        bound, domain = bounds[name]
        inside = domain(x64) | np.isnan(x64) | np.isinf(x64)
        err = ulp_errors(results[name], exact)
        worst = int(np.argmax(np.where(inside, err, -1)))
        passed = err[worst] <= bound
        if name == "exp" and bounds is FAST:
            tiny = results[name][~inside]
            passed = passed and bool(np.all(
                (tiny >= 0) & (np.abs(tiny - exact[~inside]) <= FLT_MIN)))
        ok = ok and passed
        print(f"{'ok' if passed else 'FAIL'} {name} {args.opt}: within "
              f"{bound:g} ulp (worst {err[worst]:.2f} at x = {x[worst]!r}, "
              f"{inside.sum()} inputs)")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
