"""Kernel outputs computed in the buffers of dying arguments
(Inputs/in-place.weft, weft-write-in-place from -O2 on): every build and
thread count (-O0, serial code, OpenMP code on 1, 2 and 3 threads) against
NumPy, exactly (integers). Shapes: one element, odd, and several of
weft-parallelize-reductions' chunks (65536 iterations each). Prints one line
a shape; exits 1 on the first failure."""
import os
import sys

import numpy as np

from builds import (BY_THREADS, build_dir, compile_builds, parse_args,
                    run_build)

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAM = os.path.join(HERE, "in-place.weft")
SHAPES = [(1, 1), (3, 5), (64, 33), (700, 300)]


def expected(b):
    def shift(p):
        z = np.pad(p, 1)
        return z[:-2, 1:-1] + z[1:-1, 2:] - p
    x, r, p = b.copy(), b, b
    rrs = []
    for s in range(5):
        q = shift(p)
        a = np.int32(s % 3 - 1)
        x = x + a * p
        r = r - a * q
        rrs.append(int((r.astype(np.int64) ** 2).sum()))
        p = r + np.int32(2) * p
    return {"x": x, "r": r, "p": p, "twice": p + np.int32(3) * p,
            "b_after": b}, [f"rr {v}" for v in rrs]


def main(program=PROGRAM):
    args = parse_args()
    exes = compile_builds(args.weftc, program, BY_THREADS, args.workdir)
    rng = np.random.default_rng(20261123)
    for shape in SHAPES:
        b = rng.integers(-50, 51, shape).astype(np.int32)
        arrays, lines = expected(b)
        for build, (_, threads) in BY_THREADS.items():
            workdir = build_dir(args.workdir, build)
            np.save(os.path.join(workdir, "b.npy"), b)
            text = run_build(exes[build], workdir, threads)
            if text.split("\n")[:-1] != lines:
                sys.exit(f"FAIL {build} {shape}: printed {text!r}, "
                         f"expected {lines}")
            for name, want in arrays.items():
                got = np.load(os.path.join(workdir, name + ".npy"))
                if not np.array_equal(got, want):
                    sys.exit(f"FAIL {build} {shape} {name}")
        print(f"ok {shape[0]}x{shape[1]}")


if __name__ == "__main__":
    main()
