"""Whole-array reductions (Inputs/whole-reductions.weft) on sizes around
weft-parallelize-reductions' chunks (65536 iterations), against NumPy, and
the same bits from every -O3 build and thread count: serial code
(--threads=1), OpenMP code on 1 and 2 threads chosen at run time, and code
compiled for 2 threads. -O0 (no chunks) is checked against NumPy too.
Prints one line a size; exits 1 on the first failure."""
import os
import sys

import numpy as np

from builds import build_dir, compile_builds, parse_args, run_build

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAM = os.path.join(HERE, "whole-reductions.weft")
# (n, (R, C)): 1-D length and 2-D shape.
SIZES = [(0, (0, 3)), (1, (1, 1)), (1000, (7, 13)), (65536, (1, 65536)),
         (65537, (3, 70001)), (131072, (5000, 33)), (300001, (131073, 1))]
BUILDS = {  # name: (weftc flags, WEFT_NUM_THREADS)
    "O0": (["-O0"], "2"),
    "serial": (["-O3", "--threads=1"], "1"),
    "one": (["-O3"], "1"),
    "two": (["-O3"], "2"),
    "fixed": (["-O3", "--threads=2"], "2"),
}


def expected(inputs):
    x, y, X, v = (inputs[k].astype(np.float64) for k in "xyXv")
    return {"dot": (np.dot(x, y), np.dot(abs(x), abs(y))),
            "column_sums": (X.sum(axis=0), abs(X).sum(axis=0)),
            "largest": (X.max() if X.size else -np.inf, 0.0),
            "total": (int(inputs["v"].astype(np.int64).sum()), 0.0),
            "weighted": (np.dot(np.arange(len(x)), x),
                         np.dot(np.arange(len(x)), abs(x)))}


def run(exe, workdir, threads):
    text = run_build(exe, workdir, threads)
    got = {}
    for line in text.splitlines():
        name, value = line.split()
        got[name] = float(value) if name != "total" else int(value)
    got["column_sums"] = np.load(os.path.join(workdir, "column_sums.npy"))
    return text, got


def check(build, got, want):
    for name, (value, scale) in want.items():
        # f32 sums: 1e-5 relative to the sum of the terms' magnitudes.
        if not np.allclose(got[name], value, rtol=0, atol=1e-5 * (1 + np.max(scale))):
            sys.exit(f"FAIL {build} {name}: {got[name]} against {value}")


def main():
    args = parse_args()
    exes = compile_builds(args.weftc, PROGRAM, BUILDS, args.workdir)
    rng = np.random.default_rng(20261123)
    for n, shape in SIZES:
        inputs = {"x": rng.uniform(-1, 1, n).astype(np.float32),
                  "y": rng.uniform(-1, 1, n).astype(np.float32),
                  "X": rng.uniform(-1, 1, shape).astype(np.float32),
                  "v": rng.integers(-2**31, 2**31, n, dtype=np.int64).astype(np.int32)}
        want = expected(inputs)
        outputs = {}
        for build, (_, threads) in BUILDS.items():
            workdir = build_dir(args.workdir, f"{build}-{n}")
            for name, array in inputs.items():
                np.save(os.path.join(workdir, name + ".npy"), array)
            text, got = run(exes[build], workdir, threads)
            check(build, got, want)
            with open(os.path.join(workdir, "column_sums.npy"), "rb") as f:
                outputs[build] = text.encode() + f.read()
        if len({v for k, v in outputs.items() if k != "O0"}) != 1:
            sys.exit(f"FAIL n={n} {shape}: the -O3 builds differ")
        print(f"ok n={n} {shape[0]}x{shape[1]}")


if __name__ == "__main__":
    main()
