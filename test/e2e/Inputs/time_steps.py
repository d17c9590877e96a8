"""Temporal blocking (weft-pair-time-steps, weft-fuse-time-steps) on
Inputs/time-steps.weft: for each grid shape (tiny, non-cubic, thinner than
the ring) and step count (0, 1, odd, even), every -O2 build and thread count
writes the same bits as -O0 (which pairs nothing): serial code, OpenMP code
on 1, 2 and 3 threads chosen at run time (3 chunks of 1 or 2 planes), code
compiled for 2 threads. -O0 is checked against NumPy. Prints one line a
case; exits 1 on the first failure."""
import os
import sys

import numpy as np

from builds import (BY_THREADS, build_dir, compile_builds, parse_args,
                    run_build)

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAM = os.path.join(HERE, "time-steps.weft")
# (heat grid, 2-D plane) shapes.
SHAPES = [((1, 1, 1), (1, 1)), ((2, 2, 2), (2, 3)), ((3, 3, 3), (3, 3)),
          ((4, 5, 3), (5, 4)), ((9, 7, 11), (13, 10)), ((17, 3, 6), (4, 17))]
STEPS = [0, 1, 2, 3, 4, 7]
BUILDS = {**BY_THREADS, "fixed": (["--threads=2"], "2")}
OUTPUTS = ["heat", "skew", "jacobi"]


def reference(grid, plane, steps):
    u = grid.copy()
    for _ in range(steps):
        v = u.copy()
        c = u[1:-1, 1:-1, 1:-1]
        v[1:-1, 1:-1, 1:-1] = c + np.float32(0.1) * (
            u[1:-1, 1:-1, :-2] + u[1:-1, 1:-1, 2:] + u[1:-1, :-2, 1:-1] +
            u[1:-1, 2:, 1:-1] + u[:-2, 1:-1, 1:-1] + u[2:, 1:-1, 1:-1] -
            np.float32(6) * c)
        u = v
    w = plane.copy()
    for _ in range(steps):
        v = w.copy()
        n = w.shape[0]
        if n > 3:
            v[2:n - 1] = (np.float32(0.5) * w[0:n - 3] +
                          np.float32(0.3) * w[3:n] +
                          np.float32(0.2) * w[2:n - 1] +
                          np.float32(0.125) * w[1:n - 2])
        w = v
    j = plane.copy()
    for _ in range(steps):
        v = j.copy()
        v[1:-1, 1:-1] = np.float32(0.2) * (
            j[1:-1, 1:-1] + j[:-2, 1:-1] + j[2:, 1:-1] + j[1:-1, :-2] +
            j[1:-1, 2:])
        j = v
    return {"heat": u, "skew": w, "jacobi": j}


def main():
    args = parse_args()
    exes = compile_builds(args.weftc, PROGRAM, BUILDS, args.workdir)
    rng = np.random.default_rng(4)
    for grid_shape, plane_shape in SHAPES:
        grid = rng.random(grid_shape, dtype=np.float32)
        plane = rng.random(plane_shape, dtype=np.float32)
        np.save(os.path.join(args.workdir, "grid.npy"), grid)
        np.save(os.path.join(args.workdir, "plane.npy"), plane)
        for steps in STEPS:
            results = {}
            for name, (_, threads) in BUILDS.items():
                workdir = build_dir(args.workdir, name)
                run_build(exes[name], workdir, threads,
                          ["--steps", str(steps), "--grid", "../grid.npy",
                           "--plane", "../plane.npy"])
                results[name] = {
                    out: np.load(os.path.join(workdir, out + ".npy"))
                    for out in OUTPUTS}
            case = "x".join(map(str, grid_shape)) + " " + "x".join(
                map(str, plane_shape)) + f" steps={steps}"
            want = reference(grid, plane, steps)
            for out in OUTPUTS:
                if not np.allclose(results["O0"][out], want[out],
                                   rtol=1e-5, atol=1e-6):
                    print(f"FAIL {case}: -O0 {out} differs from NumPy")
                    sys.exit(1)
                for name in BUILDS:
                    if results[name][out].tobytes() != \
                            results["O0"][out].tobytes():
                        print(f"FAIL {case}: {name} {out} differs from -O0")
                        sys.exit(1)
            print(f"ok {case}")


if __name__ == "__main__":
    main()
