"""Differential test of the fused equation chains of fused_*.weft (and the
softmax example) against NumPy, compiled at -O0 (one loop nest per equation)
and at -O2 (weft-fuse-equations, weft-fuse-rows, weft-reassociate-reductions,
weft-fast-math), on random inputs of several shapes. Tolerances are
differential.py's: 1e-5 relative for f32 against a float64 reference, which
covers the reordered sums and the fast exp and tanh.
"""
import argparse
import sys

import numpy as np

from differential import run_case, softmax


def layernorm(rng, r, c):
    x = (3 * rng.standard_normal((r, c)) + 1).astype(np.float32)
    x64 = x.astype(np.float64)
    d = x64 - x64.mean(axis=1, keepdims=True)
    var = (d * d).mean(axis=1, keepdims=True)
    return ({"X": x},
            f'let X: f32[?, ?] = load("X.npy")\n'
            f' save(layernorm(X, {1.0 / c!r}), "out.npy")',
            d / np.sqrt(var + 1e-5))


def colnorm(rng, r, c):
    x = rng.uniform(0.1, 2.0, (r, c)).astype(np.float32)
    t = np.tanh(x.astype(np.float64))
    return ({"X": x},
            'let X: f32[?, ?] = load("X.npy")\n save(colnorm(X), "out.npy")',
            t / t.sum(axis=0, keepdims=True))


SHAPES = [(1, 1), (3, 17), (64, 100), (129, 5), (7, 1000)]
CASES = [("fused_layernorm", layernorm), ("fused_colnorm", colnorm),
         ("softmax", softmax)]

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--weftc", required=True)
    parser.add_argument("--inputs", required=True,
                        help="folder of the fused_*.weft files")
    parser.add_argument("--examples", required=True)
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args()
    rng = np.random.default_rng(20261123)
    ok = True
    for source, make in CASES:
        folder = args.examples if source == "softmax" else args.inputs
        for shape in SHAPES:
            for level in ("-O0", "-O2"):
                ok = run_case(args.weftc, folder, args.workdir, source, make,
                              shape, rng, (level,)) and ok
    sys.exit(0 if ok else 1)
