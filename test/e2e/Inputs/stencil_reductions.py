"""Stencils split into pieces whose outputs a reduction reads
(Inputs/stencil-reductions.weft): the arrays against NumPy and bit for bit
against -O0, the sums against NumPy (f64, 1e-9 relative to the sum of the
terms' magnitudes), and every -O2 build and thread count (serial code,
OpenMP code on 1, 2 and 3 threads) with the same bits. Shapes: smaller than
the stencil, odd, and several chunks of rows (65536 iterations each), with
the last row in a chunk of its own. Prints one line a shape; exits 1 on the
first failure."""
import os
import sys

import numpy as np

from builds import (BY_THREADS, build_dir, compile_builds, parse_args,
                    run_build)

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAM = os.path.join(HERE, "stencil-reductions.weft")
SHAPES = [(1, 1), (2, 3), (5, 7), (33, 65), (3, 70001), (600, 300),
          (65537, 2)]
BUILDS = BY_THREADS


def expected(p):
    z = np.pad(p, 1)
    q = (np.float32(4.0) * p - z[:-2, 1:-1] - z[2:, 1:-1] - z[1:-1, :-2]
         - z[1:-1, 2:])
    d = (np.roll(p, -1, axis=0) - np.float32(2.0) * p + np.roll(p, 1, axis=1))
    p64, q64, d64 = (a.astype(np.float64) for a in (p, q, d))
    return {"q": q, "d": d,
            "pq": ((p64 * q64).sum(), abs(p64 * q64).sum()),
            "s": ((d64 * d64 + p64).sum(), (d64 * d64 + abs(p64)).sum())}


def run(exe, workdir, threads):
    text = run_build(exe, workdir, threads)
    got = {name: float(value)
           for name, value in (line.split() for line in text.splitlines())}
    for name in "qd":
        got[name] = np.load(os.path.join(workdir, name + ".npy"))
    return text, got


def main():
    args = parse_args()
    exes = compile_builds(args.weftc, PROGRAM, BUILDS, args.workdir)
    rng = np.random.default_rng(20261123)
    for shape in SHAPES:
        p = rng.uniform(-1, 1, shape).astype(np.float32)
        want = expected(p)
        results = {}
        for build, (_, threads) in BUILDS.items():
            workdir = build_dir(args.workdir, build)
            np.save(os.path.join(workdir, "p.npy"), p)
            results[build] = run(exes[build], workdir, threads)
            text, got = results[build]
            for name in "qd":
                if not np.allclose(got[name], want[name], rtol=0, atol=1e-5):
                    sys.exit(f"FAIL {build} {shape} {name}")
                if not np.array_equal(got[name], results["O0"][1][name]):
                    sys.exit(f"FAIL {build} {shape} {name}: not -O0's bits")
            for name in ("pq", "s"):
                value, scale = want[name]
                if abs(got[name] - value) > 1e-9 * (1 + scale):
                    sys.exit(f"FAIL {build} {shape} {name}: {got[name]} "
                             f"against {value}")
        if len({results[b][0] for b in BUILDS if b != "O0"}) != 1:
            sys.exit(f"FAIL {shape}: the -O2 builds differ")
        print(f"ok {shape[0]}x{shape[1]}")


if __name__ == "__main__":
    main()
