"""Differential test of the stencil gallery and of every boundary policy.

The kernels of heat, jacobi, conv2d, life and cg (taken from examples/, so
the tested code is the shipped code), a 3x3 window sum under each boundary
policy, and a window on an explicit domain of an initialised output with a
policy (both written here), run on random .npy inputs of several shapes
(odd sizes and size 1 included) against NumPy. Tolerances are those of
differential.py: |got - expected| <= tol * (1 + |expected|) with tol 1e-5
for f32 and 1e-10 for f64; integer and bool results match exactly.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from differential import parse_args, run_case, run_cases  # noqa: E402

F32 = np.float32


def load(name, dtype, rank):
    dims = ", ".join("?" * rank)
    return f'let {name}: {dtype}[{dims}] = load("{name}.npy")\n '


def scalar_out(expr, dtype):
    """Saves a scalar result as a 1-element array."""
    return f'let out = zeros({dtype}[1])\n out[0] = {expr}\n save(out, "out.npy")'


def heat_step(rng, n, m):
    u = rng.standard_normal((n, m)).astype(F32)
    p = np.pad(u.astype(np.float64), 1)  # boundary zero
    lap = p[:-2, 1:-1] + p[2:, 1:-1] + p[1:-1, :-2] + p[1:-1, 2:] - 4 * u
    return ({"u": u}, load("u", "f32", 2) + 'save(heat_step(u, 0.125), "out.npy")',
            u + 0.125 * lap)


def jacobi(rng, n):
    a = rng.standard_normal((n, n)).astype(F32)
    e = a.astype(np.float64)
    b = e.copy()
    b[1:-1, 1:-1] = 0.2 * (e[1:-1, 1:-1] + e[:-2, 1:-1] + e[2:, 1:-1] +
                           e[1:-1, :-2] + e[1:-1, 2:])
    return ({"A": a}, load("A", "f32", 2) + 'save(jacobi(A), "out.npy")', b)


def max_change(rng, n, m):
    a = rng.standard_normal((n, m)).astype(F32)
    b = rng.standard_normal((n, m)).astype(F32)
    return ({"A": a, "B": b},
            load("A", "f32", 2) + load("B", "f32", 2) +
            scalar_out("max_change(A, B)", "f32"),
            np.array([np.abs(a.astype(np.float64) - b).max()]))


def conv2d(rng, h, w):
    img = rng.standard_normal((h, w)).astype(F32)
    k = rng.standard_normal((3, 3)).astype(F32)
    p = np.pad(img.astype(np.float64), 1, mode="edge")  # boundary clamp
    out = sum(k[dy, dx] * p[dy:dy + h, dx:dx + w]
              for dy in range(3) for dx in range(3))
    return ({"img": img, "k": k},
            load("img", "f32", 2) + load("k", "f32", 2) +
            'save(conv2d(img, k), "out.npy")', out)


def disk(rng, h, w):
    grid = (10 * rng.random((h, w))).astype(F32)
    return ({"grid": grid}, load("grid", "f32", 2) +
            'save(disk(grid, 2.5), "out.npy")',
            (grid < F32(6.25)).astype(F32))


def life(rng, h, w):
    g = (rng.random((h, w)) < 0.4).astype(np.uint8)
    n = sum(np.roll(g, (dy, dx), axis=(0, 1))  # boundary wrap
            for dy in (-1, 0, 1) for dx in (-1, 0, 1))
    nxt = ((n == 3) | ((g == 1) & (n == 4))).astype(np.uint8)
    return ({"G": g}, load("G", "u8", 2) + 'save(life(G), "out.npy")', nxt)


def same(rng, h, w):
    a = (rng.random((h, w)) < 0.5).astype(np.uint8)
    b = a.copy()
    if h * w > 1:
        b[h - 1, w - 1] ^= 1
    return ({"A": a, "B": b},
            load("A", "u8", 2) + load("B", "u8", 2) +
            'let out = zeros(bool[2])\n out[0] = same(A, A)\n'
            ' out[1] = same(A, B)\n save(out, "out.npy")',
            np.array([True, h * w == 1]))


def pixels(rng, h, w):
    g = (rng.random((h, w)) < 0.5).astype(np.uint8)
    return ({"G": g}, load("G", "u8", 2) + 'save(pixels(G), "out.npy")',
            255 * g)


def spmv(rng, rows, n, density=0.3):
    """A random CSR matrix (empty rows included) times a vector."""
    dense = rng.standard_normal((rows, n)) * (rng.uniform(size=(rows, n)) < density)
    dense[rng.uniform(size=rows) < 0.2] = 0  # some whole rows empty
    nonzero = dense != 0
    rowptr = np.concatenate([[0], np.cumsum(nonzero.sum(axis=1))])
    col = np.nonzero(nonzero)[1]
    x = rng.standard_normal(n)
    return ({"rowptr": rowptr, "col": col, "vals": dense[nonzero], "x": x},
            load("rowptr", "i64", 1) + load("col", "i64", 1) +
            load("vals", "f64", 1) + load("x", "f64", 1) +
            'save(spmv(rowptr, col, vals, x), "out.npy")',
            dense @ x, np.abs(dense) @ np.abs(x))


def dot(rng, n):
    x, y = rng.standard_normal(n), rng.standard_normal(n)
    return ({"x": x, "y": y}, load("x", "f64", 1) + load("y", "f64", 1) +
            scalar_out("dot(x, y)", "f64"), np.array([x @ y]))


def axpy(rng, n):
    x, y = rng.standard_normal(n), rng.standard_normal(n)
    return ({"x": x, "y": y}, load("x", "f64", 1) + load("y", "f64", 1) +
            'save(axpy(-0.75, x, y), "out.npy")', -0.75 * x + y)


# A 3x3 window sum of G under each policy, with NumPy's np.pad equivalent.
POLICIES = {
    "wrap": {"mode": "wrap"},
    "clamp": {"mode": "edge"},
    "mirror": {"mode": "symmetric"},
    "zero": {"mode": "constant", "constant_values": 0},
    "constant(2.5)": {"mode": "constant", "constant_values": 2.5},
}


def window_sum(policy, radii=(1, 1)):
    """The window sum of write_policy_kernels' kernel with these radii."""
    def make(rng, *shape):
        g = rng.standard_normal(shape).astype(F32)
        p = np.pad(g.astype(np.float64), [(r, r) for r in radii], **POLICIES[policy])
        out = sum(p[tuple(slice(o, o + n) for o, n in zip(offsets, shape))]
                  for offsets in np.ndindex(*[2 * r + 1 for r in radii]))
        return ({"G": g}, load("G", "f32", len(shape)) + 'save(window(G), "out.npy")', out)
    return make


def write_policy_kernels(directory, policies=POLICIES, radii=(1, 1), prefix="window_"):
    """One file per policy, named like an example, for run_case: a window of
    (2 r + 1) along each dimension, r in radii (2 or 3 dimensions)."""
    indices, dims = ["z", "y", "x"][-len(radii):], ["D", "H", "W"][-len(radii):]
    read = ", ".join(f"{i} + d{i}" for i in indices)
    window = ", ".join(f"d{i} in -{r}..={r}" for i, r in zip(indices, radii))
    names = []
    for policy in policies:
        name = prefix + policy.split("(")[0]
        with open(os.path.join(directory, name + ".weft"), "w") as f:
            f.write(f"kernel window(G: f32[{', '.join(dims)}] boundary {policy}) -> "
                    f"S: f32[{', '.join(dims)}] {{\n"
                    f"  S[{', '.join(indices)}] += G[{read}] for {window}\n"
                    "}\nfn main() {\n}\n")
        names.append((name, policy))
    return names


# A domain, an initial copy and a policy together: the peeled pieces cover
# exactly the domain, the rest keeps the copy.
DOMAIN_KERNEL = """kernel smooth(x: f64[n] boundary mirror, w: f64[5]) -> y: f64[n] = x {
  y[i in 1..n] += x[i + d] * w[d + 2] for d in -2..=2
}
fn main() {
}
"""


def smooth(rng, n):
    x, w = rng.standard_normal(n), rng.standard_normal(5)
    p = np.pad(x, 2, mode="symmetric")
    y = x.copy()
    y[1:] = sum(w[d + 2] * p[2 + d:2 + d + n] for d in range(-2, 3))[1:]
    return ({"x": x, "w": w}, load("x", "f64", 1) + load("w", "f64", 1) +
            'save(smooth(x, w), "out.npy")', y)


IMAGES = [(1, 1), (1, 7), (5, 3), (17, 33), (64, 64)]
CASES = [
    ("heat", heat_step, IMAGES),
    ("jacobi", jacobi, [(1,), (2,), (3,), (17,), (64,)]),
    ("jacobi", max_change, [(1, 1), (9, 4)]),
    ("conv2d", conv2d, IMAGES),
    ("conv2d", disk, [(1, 1), (7, 5)]),
    ("life", life, IMAGES),
    ("life", same, [(1, 1), (6, 9)]),
    ("life", pixels, [(1, 1), (5, 3)]),
    # CSR: no rows, a single row, odd sizes, large ones and a matrix of
    # empty rows only.
    ("cg", spmv, [(0, 4), (1, 1), (1, 17), (7, 3), (33, 100), (256, 256),
                  (500, 31), (9, 9, 0.0)]),
    ("cg", dot, [(1,), (1001,)]),
    ("cg", axpy, [(1,), (77,)]),
]


if __name__ == "__main__":
    args = parse_args()
    rng = np.random.default_rng(20261123)
    ok = run_cases(args, CASES, rng)
    policy_dir = os.path.join(args.workdir, "policies")
    os.makedirs(policy_dir, exist_ok=True)
    for name, policy in write_policy_kernels(policy_dir):
        for shape in [(1, 1), (2, 5), (9, 4)]:
            print(f"{policy}:", end=" ")
            ok = run_case(args.weftc, policy_dir, args.workdir, name,
                          window_sum(policy), shape, rng) and ok
    # Windows wider than the array: wrap's and mirror's subscripts beyond
    # one period from the edge take the division, the nearer ones an add.
    for name, policy in write_policy_kernels(policy_dir, ("wrap", "mirror"), (3, 2), "wide_"):
        for shape in [(1, 1), (2, 5), (3, 2), (9, 4)]:
            print(f"wide {policy}:", end=" ")
            ok = run_case(args.weftc, policy_dir, args.workdir, name,
                          window_sum(policy, (3, 2)), shape, rng) and ok
    # Three dimensions: wrap, clamp and mirror peel only the innermost index
    # (the outer ones remap their subscripts in the row loop), zero peels
    # every index.
    for name, policy in write_policy_kernels(policy_dir, ("wrap", "clamp", "mirror", "zero"),
                                             (1, 2, 1), "cube_"):
        for shape in [(1, 1, 1), (2, 3, 5), (4, 1, 6), (5, 6, 7)]:
            print(f"cube {policy}:", end=" ")
            ok = run_case(args.weftc, policy_dir, args.workdir, name,
                          window_sum(policy, (1, 2, 1)), shape, rng) and ok
    with open(os.path.join(policy_dir, "smooth.weft"), "w") as f:
        f.write(DOMAIN_KERNEL)
    for shape in [(1,), (2,), (3,), (6,), (101,)]:
        print("domain and mirror:", end=" ")
        ok = run_case(args.weftc, policy_dir, args.workdir, "smooth", smooth,
                      shape, rng) and ok
    sys.exit(0 if ok else 1)
