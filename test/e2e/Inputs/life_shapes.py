"""Life on a torus (Inputs/life-shapes.weft) on boards smaller than the
3x3 window, odd and non-square ones, and ones with a few rows per thread:
every -O2/-O3 build and thread count writes the same bits as -O0, which is
checked against NumPy. Each edge cell of the wrapped board reads subscripts
one past the edge (brought back by an add, not a division). Prints one line
a case; exits 1 on the first failure."""
import os
import sys

import numpy as np

from builds import build_dir, compile_builds, parse_args, run_build

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAM = os.path.join(HERE, "life-shapes.weft")
SHAPES = [(1, 1), (1, 2), (2, 3), (3, 2), (5, 7), (33, 65), (70, 9)]
STEPS = [1, 4]
BUILDS = {  # name: (weftc flags, WEFT_NUM_THREADS)
    "O0": (["-O0"], "1"),
    "serial": (["-O3", "--threads=1"], "1"),
    "one": (["-O3"], "1"),
    "two": (["-O2"], "2"),
    "three": (["-O3"], "3"),
    "fixed": (["-O3", "--threads=2"], "2"),
}


def reference(board, steps):
    g = board
    for _ in range(steps):
        n = sum(np.roll(g, (dy, dx), axis=(0, 1))
                for dy in (-1, 0, 1) for dx in (-1, 0, 1))
        g = ((n == 3) | ((g == 1) & (n == 4))).astype(np.uint8)
    return g


def main():
    args = parse_args()
    exes = compile_builds(args.weftc, PROGRAM, BUILDS, args.workdir)
    rng = np.random.default_rng(11)
    for shape in SHAPES:
        board = (rng.random(shape) < 0.4).astype(np.uint8)
        np.save(os.path.join(args.workdir, "board.npy"), board)
        for steps in STEPS:
            case = "x".join(map(str, shape)) + f" steps={steps}"
            results = {}
            for name, (_, threads) in BUILDS.items():
                workdir = build_dir(args.workdir, name)
                run_build(exes[name], workdir, threads,
                          ["--steps", str(steps), "--board", "../board.npy"])
                results[name] = np.load(os.path.join(workdir, "life.npy"))
            if not np.array_equal(results["O0"], reference(board, steps)):
                print(f"FAIL {case}: -O0 differs from NumPy")
                sys.exit(1)
            for name in BUILDS:
                if results[name].tobytes() != results["O0"].tobytes():
                    print(f"FAIL {case}: {name} differs from -O0")
                    sys.exit(1)
            print(f"ok {case}")


if __name__ == "__main__":
    main()
