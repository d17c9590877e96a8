"""Differential test of row reductions (GEMV and others) against NumPy.

-O2 reduces four rows at a time (weft-jam-row-reductions) and the rows left
over one at a time: shapes with no group, exact groups and rows left over,
at 1, 2 and 3 threads. Tolerances are those of differential.py.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from differential import parse_args, run_case  # noqa: E402

F32 = np.float32


def gemv(rng, m, n):
    a = rng.standard_normal((m, n)).astype(F32)
    x = rng.standard_normal(n).astype(F32)
    return ({"A": a, "x": x},
            'let A: f32[?, ?] = load("A.npy")\n let x: f32[?] = load("x.npy")\n'
            ' save(gemv(A, x), "out.npy")',
            a.astype(np.float64) @ x, np.abs(a).astype(np.float64) @ np.abs(x))


def row_dots(rng, m, n):
    a = rng.standard_normal((m, n)).astype(F32)
    b = rng.standard_normal((m, n)).astype(F32)
    wide = a.astype(np.float64) * b
    return ({"A": a, "B": b},
            'let A: f32[?, ?] = load("A.npy")\n let B: f32[?, ?] = load("B.npy")\n'
            ' save(row_dots(A, B), "out.npy")',
            wide.sum(axis=1), np.abs(wide).sum(axis=1))


def row_max(rng, m, n):
    a = rng.standard_normal((m, n)).astype(F32)
    return ({"A": a},
            'let A: f32[?, ?] = load("A.npy")\n save(row_max(A), "out.npy")',
            a.max(axis=1).astype(np.float64))


SHAPES = [(1, 1), (1, 9), (9, 1), (4, 4), (7, 13), (33, 65), (130, 7)]

if __name__ == "__main__":
    args = parse_args()
    rng = np.random.default_rng(20261123)
    inputs = os.path.dirname(os.path.abspath(__file__))
    ok = True
    for make in (gemv, row_dots, row_max):
        for shape in SHAPES:
            for threads in (1, 2, 3):
                print(f"{make.__name__}:", end=" ")
                ok = run_case(args.weftc, inputs, args.workdir,
                              "row_reductions", make, shape, rng,
                              ("-O2", f"--threads={threads}")) and ok
    sys.exit(0 if ok else 1)
