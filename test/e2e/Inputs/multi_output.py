"""Runs Inputs/multi-output.weft's executables on a 300 x 300 grid (two
chunks of weft-parallelize-reductions) and checks x and the last r.r
against the same CG in NumPy (f32 arrays, f64 dots). Prints one line a
run; exits 1 on the first failure."""
import argparse
import os
import subprocess
import sys

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--workdir", required=True)
parser.add_argument("--steps", type=int, default=20)
parser.add_argument("exes", nargs="+")
args = parser.parse_args()

b = np.random.default_rng(7).uniform(-1, 1, (300, 300)).astype(np.float32)
np.save(os.path.join(args.workdir, "b.npy"), b)


def apply(p):
    z = np.pad(p, 1)
    return (4 * p - z[:-2, 1:-1] - z[2:, 1:-1] - z[1:-1, :-2]
            - z[1:-1, 2:]).astype(np.float32)


def dot(u, v):
    return float(np.dot(u.astype(np.float64).ravel(),
                        v.astype(np.float64).ravel()))


x = np.zeros_like(b)
r, p = b.copy(), b.copy()
rr = dot(r, r)
for _ in range(args.steps):
    q = apply(p)
    alpha = np.float32(rr / dot(p, q))
    x = x + alpha * p
    r = r - alpha * q
    rr2 = dot(r, r)
    p = r + np.float32(rr2 / rr) * p
    rr = rr2

for exe in args.exes:
    out = subprocess.run([exe, "--steps", str(args.steps)], cwd=args.workdir,
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"FAIL {exe}: exit {out.returncode}: {out.stderr}")
    got_rr = float(out.stdout.split()[1])
    got_x = np.load(os.path.join(args.workdir, "x.npy"))
    x_err = np.abs(got_x - x).max() / np.abs(x).max()
    rr_err = abs(got_rr - rr) / rr
    if x_err > 1e-4 or rr_err > 1e-3:
        sys.exit(f"FAIL {os.path.basename(exe)}: x error {x_err}, "
                 f"rr {got_rr} vs {rr}")
    print(f"ok {os.path.basename(exe)}")
