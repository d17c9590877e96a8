"""GPU benchmark (runs on the GPU machine): Weft --target=cuda programs built
by build.py against PyTorch (cuBLAS, cuDNN-free ATen kernels) and Triton,
with the device-to-device copy bandwidth measured here as the memory limit.

  python3 run.py --bin DIR [--out results.md] [--only stencils,relax]

Times: Weft's are the medians of its programs' TIME lines (host clock
around one kernel call, launches and the synchronisation included);
the peers' are medians from triton.testing.do_bench (CUDA events).
"""
import argparse
import os
import re
import statistics
import subprocess

import numpy as np
import torch
import triton
import triton.language as tl
from triton.testing import do_bench

torch.backends.cuda.matmul.allow_tf32 = False  # an f32 GEMM is an f32 GEMM
torch.backends.cudnn.allow_tf32 = False


@triton.jit
def saxpy_kernel(x, y, z, a, n, BLOCK: tl.constexpr):
    offsets = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offsets < n
    tl.store(z + offsets, a * tl.load(x + offsets, mask=mask)
             + tl.load(y + offsets, mask=mask), mask=mask)


@triton.jit
def softmax_kernel(x, y, cols, BLOCK: tl.constexpr):
    row = tl.program_id(0)
    offsets = tl.arange(0, BLOCK)
    mask = offsets < cols
    v = tl.load(x + row * cols + offsets, mask=mask, other=-float("inf"))
    e = tl.exp(v - tl.max(v, axis=0))
    tl.store(y + row * cols + offsets, e / tl.sum(e, axis=0), mask=mask)


@triton.jit
def layernorm_kernel(x, gamma, beta, y, cols, eps, BLOCK: tl.constexpr):
    row = tl.program_id(0)
    offsets = tl.arange(0, BLOCK)
    mask = offsets < cols
    v = tl.load(x + row * cols + offsets, mask=mask, other=0.0)
    mean = tl.sum(v, axis=0) / cols
    d = tl.where(mask, v - mean, 0.0)
    q = 1.0 / tl.sqrt(tl.sum(d * d, axis=0) / cols + eps)
    out = d * q * tl.load(gamma + offsets, mask=mask) + tl.load(beta + offsets, mask=mask)
    tl.store(y + row * cols + offsets, out, mask=mask)


@triton.jit
def matmul_kernel(a, b, c, M, N, K, BM: tl.constexpr, BN: tl.constexpr,
                  BK: tl.constexpr):
    pm, pn = tl.program_id(0), tl.program_id(1)
    rm = pm * BM + tl.arange(0, BM)
    rn = pn * BN + tl.arange(0, BN)
    rk = tl.arange(0, BK)
    acc = tl.zeros((BM, BN), dtype=tl.float32)
    for k in range(0, K, BK):
        x = tl.load(a + rm[:, None] * K + (k + rk)[None, :])
        w = tl.load(b + (k + rk)[:, None] * N + rn[None, :])
        acc += tl.dot(x, w, input_precision="ieee") if x.dtype == tl.float32 \
            else tl.dot(x, w)
    tl.store(c + rm[:, None] * N + rn[None, :], acc.to(c.dtype.element_ty))


@triton.jit
def jacobi_kernel(a, b, n, BLOCK: tl.constexpr):
    """One interior row block of B; B's border already holds A's."""
    i = tl.program_id(0) + 1
    j = tl.program_id(1) * BLOCK + tl.arange(0, BLOCK) + 1
    mask = j < n - 1
    row = a + i * n + j
    s = (tl.load(row, mask=mask) + tl.load(row - n, mask=mask)
         + tl.load(row + n, mask=mask) + tl.load(row - 1, mask=mask)
         + tl.load(row + 1, mask=mask))
    tl.store(b + i * n + j, 0.2 * s, mask=mask)


@triton.jit
def heat_kernel(u, v, n, BLOCK: tl.constexpr):
    """One interior x block of row (z, y) of v; v's border holds u's."""
    z = tl.program_id(0) // (n - 2) + 1
    y = tl.program_id(0) % (n - 2) + 1
    x = tl.program_id(1) * BLOCK + tl.arange(0, BLOCK) + 1
    mask = x < n - 1
    p = u + (z * n + y) * n + x
    c = tl.load(p, mask=mask)
    s = (tl.load(p - 1, mask=mask) + tl.load(p + 1, mask=mask)
         + tl.load(p - n, mask=mask) + tl.load(p + n, mask=mask)
         + tl.load(p - n * n, mask=mask) + tl.load(p + n * n, mask=mask))
    tl.store(v + (z * n + y) * n + x, c + 0.1 * (s - 6.0 * c), mask=mask)


@triton.jit
def life_kernel(g, nxt, n, BLOCK: tl.constexpr):
    """One row block of a torus of u8 cells."""
    y = tl.program_id(0)
    x = tl.program_id(1) * BLOCK + tl.arange(0, BLOCK)
    mask = x < n
    count = tl.zeros((BLOCK,), dtype=tl.int32)
    for dy in tl.static_range(3):
        for dx in tl.static_range(3):
            yy = (y + dy - 1 + n) % n
            xx = (x + dx - 1 + n) % n
            count += tl.load(g + yy * n + xx, mask=mask).to(tl.int32)
    alive = tl.load(g + y * n + x, mask=mask).to(tl.int32)
    born = (count == 3) | ((alive == 1) & (count == 4))
    tl.store(nxt + y * n + x, born.to(tl.uint8), mask=mask)


def torch_jacobi(a):
    b = a.clone()
    b[1:-1, 1:-1] = 0.2 * (a[1:-1, 1:-1] + a[:-2, 1:-1] + a[2:, 1:-1]
                           + a[1:-1, :-2] + a[1:-1, 2:])
    return b


def torch_heat(u):
    v = u.clone()
    c = u[1:-1, 1:-1, 1:-1]
    v[1:-1, 1:-1, 1:-1] = c + 0.1 * (
        u[1:-1, 1:-1, :-2] + u[1:-1, 1:-1, 2:] + u[1:-1, :-2, 1:-1]
        + u[1:-1, 2:, 1:-1] + u[:-2, 1:-1, 1:-1] + u[2:, 1:-1, 1:-1] - 6.0 * c)
    return v


def torch_life(g):
    count = sum(torch.roll(g, (dy, dx), (0, 1))
                for dy in (-1, 0, 1) for dx in (-1, 0, 1))
    return ((count == 3) | ((g == 1) & (count == 4))).to(torch.uint8)


def iterate(step, steps, start):
    """`steps` applications of step, starting from start."""
    def run():
        u = start
        for _ in range(steps):
            u = step(u)
        return u
    return run


def ping_pong(kernel, grid, steps, start, *args, **meta):
    """`steps` launches alternating between two buffers that both start as
    a copy of start (so that borders a kernel does not write are right)."""
    buffers = [start.clone(), start.clone()]

    def run():
        for t in range(steps):
            kernel[grid](buffers[t % 2], buffers[(t + 1) % 2], *args, **meta)
        return buffers[steps % 2]
    return run


def triton_matmul(a, b):
    M, K = a.shape
    N = b.shape[1]
    c = torch.empty((M, N), device=a.device, dtype=a.dtype)
    matmul_kernel[(M // 128, N // 128)](a, b, c, M, N, K, BM=128, BN=128,
                                        BK=32 if a.dtype == torch.float32 else 64)
    return c


# What --only can pick; the copy bandwidth is always measured.
SECTIONS = ["gemm", "streaming", "stencils", "relax"]


def bench(fn):
    return do_bench(fn, warmup=25, rep=200, return_mode="median") * 1e-3


def run_weft(bindir, name, inputs, workdir):
    folder = os.path.join(workdir, name)
    os.makedirs(folder, exist_ok=True)
    for key, array in inputs.items():
        np.save(os.path.join(folder, key + ".npy"), array)
    result = subprocess.run([os.path.join(bindir, name)], cwd=folder,
                            capture_output=True, text=True)
    if result.returncode != 0:
        return None, result.stderr.strip()
    times = [float(t) for t in re.findall(r"^TIME (\S+)", result.stdout, re.M)]
    checksum = re.search(r"^CHECKSUM (\S+)", result.stdout, re.M)
    return statistics.median(times), float(checksum.group(1)) if checksum else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--work", default="/tmp/weft-gpu-bench")
    parser.add_argument("--out")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help="comma-separated sections: " + ", ".join(SECTIONS))
    args = parser.parse_args()
    args.only = args.only.split(",")
    args.bin = os.path.abspath(args.bin)
    dev = torch.device("cuda")
    rng = np.random.default_rng(7)
    rows = []

    # The memory limit: a device-to-device copy of 1 GiB, bytes read + written.
    src = torch.empty(1 << 28, device=dev)
    dst = torch.empty_like(src)
    copy_gbs = 2 * src.numel() * 4 / bench(lambda: dst.copy_(src)) / 1e9
    rows.append(("copy (device to device)", "1 GiB", "", f"{copy_gbs:.0f} GB/s",
                 "", "", "the memory-bound yardstick"))

    def gbs(bytes_, seconds):
        return bytes_ / seconds / 1e9

    def add(kernel, size, weft, torch_s, triton_s, unit, work, note=""):
        def fmt(s):
            if s is None:
                return "n/a"
            value = work / s / (1e12 if unit == "TFLOP/s" else 1e9)
            return f"{value:.1f} {unit}" if unit == "TFLOP/s" else f"{value:.0f} {unit}"
        best = min(s for s in (torch_s, triton_s) if s is not None)
        ratio = f"{best / weft[0]:.2f}x" if isinstance(weft[0], float) else weft[1]
        if unit == "GB/s" and isinstance(weft[0], float):
            note = f"{100 * gbs(work, weft[0]) / copy_gbs:.0f}% of copy; " + note
        if isinstance(weft[0], float):
            weft_text = fmt(weft[0])
        else:
            weft_text = "n/a" if str(weft[1]).startswith("n/a") else "failed"
        rows.append((kernel, size, weft_text, fmt(torch_s), fmt(triton_s), ratio,
                     note))

    if "gemm" in args.only:
        # SGEMM and half-precision GEMMs.
        n = 4096
        A = rng.standard_normal((n, n), dtype=np.float32)
        B = rng.standard_normal((n, n), dtype=np.float32)
        a, b = torch.from_numpy(A).to(dev), torch.from_numpy(B).to(dev)
        weft = run_weft(args.bin, "sgemm", {"A": A, "B": B}, args.work)
        add("sgemm f32", f"{n}^3", weft, bench(lambda: a @ b),
            bench(lambda: triton_matmul(a, b)), "TFLOP/s", 2.0 * n ** 3,
            "peer best of cuBLAS (no TF32) and Triton")
        for dtype in (torch.float16, torch.bfloat16):
            ha, hb = a.to(dtype), b.to(dtype)
            add(f"gemm {str(dtype)[6:]}", f"{n}^3", (None, "n/a: no f16 GEMM mapping"),
                bench(lambda: ha @ hb), bench(lambda: triton_matmul(ha, hb)),
                "TFLOP/s", 2.0 * n ** 3, "Weft: tensor cores not mapped yet")

    if "streaming" in args.only:
        # Memory-bound kernels.
        n = 1 << 26
        x = rng.standard_normal(n, dtype=np.float32)
        y = rng.standard_normal(n, dtype=np.float32)
        tx, ty = torch.from_numpy(x).to(dev), torch.from_numpy(y).to(dev)
        tz = torch.empty_like(tx)
        weft = run_weft(args.bin, "saxpy", {"x": x, "y": y}, args.work)
        add("saxpy", f"2^26", weft, bench(lambda: torch.add(ty, tx, alpha=2.5)),
            bench(lambda: saxpy_kernel[(triton.cdiv(n, 1024),)](tx, ty, tz, 2.5, n,
                                                                BLOCK=1024)),
            "GB/s", 12.0 * n)
        weft = run_weft(args.bin, "dot", {"x": x, "y": y}, args.work)
        add("dot", f"2^26", weft, bench(lambda: torch.dot(tx, ty)), None, "GB/s",
            8.0 * n, "Weft: atomics of per-thread sums")

        R = 8192
        X = rng.standard_normal((R, R), dtype=np.float32)
        tX = torch.from_numpy(X).to(dev)
        tY = torch.empty_like(tX)
        weft = run_weft(args.bin, "softmax", {"X": X}, args.work)
        add("softmax", f"{R}x{R}", weft, bench(lambda: torch.softmax(tX, dim=1)),
            bench(lambda: softmax_kernel[(R,)](tX, tY, R, BLOCK=R, num_warps=16)),
            "GB/s", 8.0 * R * R, "Weft: a kernel per equation, 32 lanes a row")
        gamma = rng.standard_normal(R, dtype=np.float32)
        beta = rng.standard_normal(R, dtype=np.float32)
        tg, tb = torch.from_numpy(gamma).to(dev), torch.from_numpy(beta).to(dev)
        weft = run_weft(args.bin, "layernorm", {"X": X, "gamma": gamma, "beta": beta},
                        args.work)
        add("layer norm", f"{R}x{R}", weft,
            bench(lambda: torch.nn.functional.layer_norm(tX, (R,), tg, tb, 1e-5)),
            bench(lambda: layernorm_kernel[(R,)](tX, tg, tb, tY, R, 1e-5, BLOCK=R,
                                                 num_warps=16)),
            "GB/s", 8.0 * R * R, "Weft: a kernel per equation, 32 lanes a row")

        T, D = 4096, 64
        Q, K, V = (rng.standard_normal((T, D), dtype=np.float32) for _ in range(3))
        tq, tk, tv = (torch.from_numpy(m).to(dev) for m in (Q, K, V))
        weft = run_weft(args.bin, "attention", {"Q": Q, "K": K, "V": V}, args.work)
        add("attention f32", f"{T}x{D}", weft,
            bench(lambda: torch.softmax((tq @ tk.T) * 0.125, dim=1) @ tv),
            bench(lambda: torch.nn.functional.scaled_dot_product_attention(
                tq[None, None], tk[None, None], tv[None, None])),
            "TFLOP/s", 4.0 * T * T * D, "Triton column: PyTorch SDPA")

    if "stencils" in args.only:
        # Iterated stencils: every step reads and writes the array once (u8
        # cells for Life); times cover all the steps, as in the Weft programs.
        def stencil(name, size, start, steps, torch_step, triton_run, work):
            weft = run_weft(args.bin, name, {"A": start}, args.work)
            t = torch.from_numpy(start).to(dev)
            expected = iterate(torch_step, steps, t)().double().sum().item()
            note = ""
            if isinstance(weft[0], float):
                agree = abs(weft[1] - expected) <= 1e-4 * (1 + abs(expected))
                note = "checksum agrees with PyTorch" if agree else \
                    f"checksum {weft[1]} differs from PyTorch's {expected}"
            add(name, f"{size} x{steps}", weft,
                bench(iterate(torch_step, steps, t)), bench(triton_run(t)),
                "GB/s", work * steps, note)

        n = 8192
        stencil("jacobi2d", f"{n}^2", rng.random((n, n), dtype=np.float32), 100,
                torch_jacobi,
                lambda t: ping_pong(jacobi_kernel, (n - 2, triton.cdiv(n - 2, 1024)),
                                    100, t, n, BLOCK=1024),
                8.0 * n * n)
        n = 512
        stencil("heat3d", f"{n}^3", rng.random((n, n, n), dtype=np.float32), 50,
                torch_heat,
                lambda t: ping_pong(heat_kernel, ((n - 2) ** 2, triton.cdiv(n - 2, 512)),
                                    50, t, n, BLOCK=512),
                8.0 * n ** 3)
        n = 8192
        stencil("life", f"{n}^2 u8", (rng.random((n, n)) < 0.3).astype(np.uint8), 100,
                torch_life,
                lambda t: ping_pong(life_kernel, (n, triton.cdiv(n, 1024)), 100, t, n,
                                    BLOCK=1024),
                2.0 * n * n)

    if "relax" in args.only:
        # Residency: 200 steps of a host loop.
        result = subprocess.run([os.path.join(args.bin, "relax")], capture_output=True,
                                text=True)
        m = re.search(r"STEPS (\d+) TOTAL (\S+)", result.stdout)
        if m:
            steps, total = int(m.group(1)), float(m.group(2))
            u = torch.full((4096, 4096), 0.5, device=dev)
            per_step = total / steps
            add("relax (host loop, 200 steps)", "4096^2", (per_step, None),
                bench(lambda: 0.5 * u + 0.25), None, "GB/s", 8.0 * 4096 * 4096,
                "arrays stay on the GPU across the loop")
        else:
            rows.append(("relax", "4096^2", "failed", "", "", "", result.stderr.strip()))

    header = ("| kernel | size | Weft (cuda) | PyTorch | Triton | Weft / best peer | notes |\n"
              "|---|---|---|---|---|---|---|\n")
    table = header + "".join("| " + " | ".join(r) + " |\n" for r in rows)
    gpu = torch.cuda.get_device_name()
    text = f"GPU: {gpu}, torch {torch.__version__}, triton {triton.__version__}\n\n{table}"
    print(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
