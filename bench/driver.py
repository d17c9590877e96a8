#!/usr/bin/python3
"""The Weft benchmark suite's driver (bench/run.sh calls it; see README.md).

For each kernel and size: generates the inputs once (NumPy, fixed seed) as
.npy files, runs every implementation on them (Weft and the peers that
apply and are built), takes the median of the timed repetitions, compares
every output with the reference output (the C peer's) and prints the table.
Writes results.md, results.csv and chart.png (with gnuplot, when installed)
into the output folder.

Every implementation follows one protocol (common/bench.h): one warm-up run
("WARMUP s"), the output saved and summed ("CHECKSUM c"), then REPS timed
runs ("TIME s"), each timing the kernel only. Samples: the TIME lines;
reported: their median. A time budget stops the repetitions early (never
before one timed run): when the warm-up alone is over the budget, the
warm-up time is the one sample, and the table marks it with '*'.
"""
import argparse
import math
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
IMPLS = ["weft", "c", "openblas", "eigen", "halide", "numpy"]
LABEL = {"weft": "Weft", "c": "C+OpenMP", "openblas": "OpenBLAS", "eigen": "Eigen",
         "halide": "Halide", "numpy": "NumPy"}
MiB = 1 << 20


def uniform(rng, shape):
    return (rng.random(shape, dtype=np.float32) * 2 - 1).astype(np.float32)


# ---------------------------------------------------------------------------
# The kernels. Each case: kernel, size label, generator, steps, work
# (flops or bytes), the Weft file, peers that apply.

# The most a measured rate can be, as a fraction of the machine's limit:
# nothing beats the FMA peak; data that stays in the caches (the --quick
# sizes) can beat the STREAM triad, but not by 20 times. A faster time means
# the program skipped its work (a result nobody reads is dead code).
PLAUSIBLE = {"GFLOP/s": 1.1, "GB/s": 20.0}


def implausibility(metric, frac):
    """Why a rate at `frac` of the machine's limit cannot be real, or None."""
    if frac is not None and frac > PLAUSIBLE[metric]:
        return (f"implausibly fast ({frac:.0%} of the machine's limit): "
                "was its timed work removed as dead code?")
    return None

def sgemm_case(M, N, K):
    def gen(rng):
        return {"A": uniform(rng, (M, K)), "B": uniform(rng, (K, N))}
    return dict(kernel="sgemm", size=f"{M}x{N}x{K}", gen=gen, steps=0, metric="GFLOP/s",
                work=2.0 * M * N * K, weft="sgemm.weft",
                peers=["c", "openblas", "eigen", "halide", "numpy"], note="M x N x K")


def cases(quick):
    q = quick
    out = []
    for (M, N, K) in ([(64, 64, 64), (128, 64, 128)] if q else
                      [(512, 512, 512), (1024, 1024, 1024), (2048, 2048, 2048), (4096, 64, 4096)]):
        out.append(sgemm_case(M, N, K))

    n = 256 if q else 8192
    out.append(dict(kernel="gemv", size=f"{n}x{n}", steps=0, metric="GB/s",
                    gen=lambda rng, n=n: {"A": uniform(rng, (n, n)), "x": uniform(rng, (n,))},
                    work=4.0 * (n * n + 2 * n), weft="gemv.weft",
                    peers=["c", "openblas", "eigen", "halide", "numpy"]))
    n = 4096 if q else 1 << 25
    out.append(dict(kernel="saxpy", size=f"{n}", steps=0, metric="GB/s",
                    gen=lambda rng, n=n: {"x": uniform(rng, (n,)), "y": uniform(rng, (n,))},
                    work=12.0 * n, weft="saxpy.weft",
                    peers=["c", "openblas", "eigen", "halide", "numpy"]))
    out.append(dict(kernel="dot", size=f"{n}", steps=0, metric="GB/s",
                    gen=lambda rng, n=n: {"x": uniform(rng, (n,)), "y": uniform(rng, (n,))},
                    work=8.0 * n, weft="dot.weft", scalar=True,
                    peers=["c", "openblas", "eigen", "numpy"]))

    n, s = (64, 5) if q else (2048, 100)
    out.append(dict(kernel="jacobi2d", size=f"{n}^2 x{s}", steps=s, metric="GB/s",
                    gen=lambda rng, n=n: {"A": uniform(rng, (n, n))},
                    work=8.0 * n * n * s, weft="jacobi2d.weft", weft_params={"steps": str(s)},
                    peers=["c", "halide", "numpy"]))
    n, s = (32, 5) if q else (256, 100)
    out.append(dict(kernel="heat3d", size=f"{n}^3 x{s}", steps=s, metric="GB/s",
                    gen=lambda rng, n=n: {"A": uniform(rng, (n, n, n))},
                    work=8.0 * n ** 3 * s, weft="heat3d.weft", weft_params={"steps": str(s)},
                    peers=["c", "halide", "numpy"]))
    n, s = (128, 5) if q else (4096, 100)
    out.append(dict(kernel="life", size=f"{n}^2 x{s}", steps=s, metric="GB/s",
                    gen=lambda rng, n=n: {"A": (rng.random((n, n)) < 0.3).astype(np.uint8)},
                    work=2.0 * n * n * s, weft="life.weft", weft_params={"steps": str(s)},
                    exact=True,
                    peers=["c", "halide", "numpy"]))
    n = 320 if q else 4096  # quick sizes stay above Halide's tile sizes
    out.append(dict(kernel="blur", size=f"{n}^2 3x3", steps=0, metric="GB/s",
                    gen=lambda rng, n=n: {"A": uniform(rng, (n, n)),
                                          "W": np.full((3, 3), 1 / 9, np.float32)},
                    work=4.0 * (n * n + (n - 2) ** 2), weft="blur.weft",
                    weft_dims={"4096": str(n), "4094": str(n - 2)},
                    peers=["c", "halide", "numpy"]))
    R = 64 if q else 4096
    out.append(dict(kernel="softmax", size=f"{R}x{R}", steps=0, metric="GB/s",
                    gen=lambda rng, R=R: {"X": uniform(rng, (R, R))},
                    work=8.0 * R * R, weft="softmax.weft",
                    peers=["c", "eigen", "halide", "numpy"]))
    out.append(dict(kernel="layernorm", size=f"{R}x{R}", steps=0, metric="GB/s",
                    gen=lambda rng, R=R: {"X": uniform(rng, (R, R)) * 3 + 1,
                                          "gamma": uniform(rng, (R,)), "beta": uniform(rng, (R,))},
                    work=8.0 * R * R, weft="layernorm.weft", weft_params={"cols": str(R)},
                    peers=["c", "eigen", "halide", "numpy"]))
    n = 320 if q else 4096
    out.append(dict(kernel="conv2d", size=f"{n}^2 5x5", steps=0, metric="GFLOP/s",
                    gen=lambda rng, n=n: {"I": uniform(rng, (n, n)), "F": uniform(rng, (5, 5))},
                    work=2.0 * 25 * (n - 4) ** 2, weft="conv2d.weft",
                    weft_dims={"4096": str(n), "4092": str(n - 4)},
                    peers=["c", "halide", "numpy"]))
    T, D = (64, 16) if q else (1024, 64)
    out.append(dict(kernel="attention", size=f"{T}x{D}", steps=0, metric="GFLOP/s",
                    gen=lambda rng, T=T, D=D: {"Q": uniform(rng, (T, D)), "K": uniform(rng, (T, D)),
                                               "V": uniform(rng, (T, D))},
                    work=4.0 * T * T * D, weft="attention.weft",
                    weft_params={"scale": repr(1.0 / math.sqrt(D))},
                    peers=["c", "openblas", "eigen", "numpy"], note="seq x head"))
    n, s = (32, 5) if q else (2048, 100)
    out.append(dict(kernel="cg", size=f"{n}^2 x{s}", steps=s, metric="GB/s",
                    gen=lambda rng, n=n: {"b": uniform(rng, (n, n))},
                    work=14 * 4.0 * n * n * s, weft="cg.weft", weft_params={"steps": str(s)},
                    tol=1e-2,
                    peers=["c", "numpy"]))
    return out


# ---------------------------------------------------------------------------

def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw).stdout


def env_for(impl, threads):
    env = dict(os.environ)
    for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "HL_NUM_THREADS", "MKL_NUM_THREADS",
              "WEFT_NUM_THREADS"):
        env[v] = str(threads)
    if impl in ("openblas", "numpy"):
        # Let OpenBLAS pick its kernel for this CPU (this environment forces
        # Haswell otherwise, which halves its speed).
        env.pop("OPENBLAS_CORETYPE", None)
        env.pop("OPENBLAS_L2_SIZE", None)
    return env


def run_protocol(cmd, cwd, env, reps, budget, hard_timeout):
    """Runs one implementation; returns a dict of what it printed."""
    res = {"warmup": None, "times": [], "checksum": None, "info": {}, "error": None,
           "warmup_only": False}
    t_start = time.monotonic()
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, start_new_session=True)
    killed = {"why": None}

    def kill(why):
        if p.poll() is None:
            killed["why"] = why
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    timer = threading.Timer(hard_timeout, kill, args=("timeout",))
    timer.start()
    err_lines = []
    err_thread = threading.Thread(target=lambda: err_lines.extend(p.stderr), daemon=True)
    err_thread.start()
    try:
        for line in p.stdout:
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "WARMUP":
                res["warmup"] = float(parts[1])
            elif parts[0] == "CHECKSUM":
                res["checksum"] = float(parts[1])
                if res["warmup"] is not None and res["warmup"] > budget:
                    res["warmup_only"] = True
                    kill("budget")
            elif parts[0] == "TIME":
                res["times"].append(float(parts[1]))
                if len(res["times"]) < reps and sum(res["times"]) > budget:
                    kill("budget")
            elif parts[0] == "INFO":
                for kv in parts[1:]:
                    if "=" in kv:
                        k, v = kv.split("=", 1)
                        res["info"][k] = v
        p.wait()
    finally:
        timer.cancel()
    err_thread.join(timeout=5)
    res["wall"] = time.monotonic() - t_start
    if killed["why"] == "timeout":
        res["error"] = f"timed out after {hard_timeout:.0f} s"
    elif killed["why"] is None and p.returncode != 0:
        res["error"] = f"exit {p.returncode}: " + "".join(err_lines[-5:]).strip()
    if res["checksum"] is None and not res["error"]:
        res["error"] = "no CHECKSUM line: " + "".join(err_lines[-5:]).strip()
    if res["warmup_only"] and not res["times"]:
        res["times"] = [res["warmup"]]
    return res


def compare(case, ref, out, inputs):
    """Returns (error, ok). Relative to the reference's magnitude."""
    if ref.shape != out.shape and ref.size == out.size:
        out = out.reshape(ref.shape)
    if ref.shape != out.shape:
        return float("inf"), False
    if case.get("exact"):
        bad = int(np.count_nonzero(ref != out))
        return float(bad), bad == 0
    r, o = ref.astype(np.float64), out.astype(np.float64)
    if not np.all(np.isfinite(o)):
        return float("inf"), False
    if case.get("scalar"):  # a dot product: relative to sum |x_i y_i|
        x, y = inputs["x"].astype(np.float64), inputs["y"].astype(np.float64)
        scale = float(np.abs(x * y).sum())
        err = float(np.abs(r - o).max()) / max(scale, 1e-30)
        return err, err <= case.get("tol", 1e-5)
    scale = float(np.abs(r).max())
    err = float(np.abs(r - o).max()) / max(scale, 1e-30)
    return err, err <= case.get("tol", 1e-3)


def weft_source(case, reps):
    """The Weft program for a case: its file with the marked lines rewritten."""
    text = open(os.path.join(HERE, "weft", case["weft"])).read()
    params = {"reps": str(reps), **case.get("weft_params", {})}
    lines = []
    for line in text.splitlines():
        if "// bench: param" in line:
            m = re.match(r"(\s*let\s+(\w+)(\s*:\s*\w+)?\s*=\s*)(\S+)(.*)", line)
            if m and m.group(2) in params:
                line = m.group(1) + params[m.group(2)] + m.group(5)
        if "// bench: dims" in line:
            for old, new in case.get("weft_dims", {}).items():
                line = re.sub(rf"\b{old}\b", new, line)
        lines.append(line)
    return "\n".join(lines) + "\n"


def fmt_time(s):
    if s is None:
        return "—"
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.2f} ms"
    return f"{s * 1e6:.1f} µs"


def fmt_rate(r):
    return "—" if r is None else (f"{r:.0f}" if r >= 100 else f"{r:.3g}")


# ---------------------------------------------------------------------------

def measure_limits(args, build):
    lim = {}
    env = env_for("c", args.threads)
    mib, reps = (16, 3) if args.quick else (512, 10)
    for exe, extra in (("fma", ["quick"] if args.quick else []), ("stream", [str(mib), str(reps)])):
        path = os.path.join(build, exe)
        if not os.path.exists(path):
            continue
        try:
            for line in sh([path] + extra, env=env).splitlines():
                p = line.split()
                if p and p[0] == "LIMIT":
                    lim[p[1]] = float(p[2])
        except subprocess.CalledProcessError as e:
            print(f"bench: {exe} failed: {e.stderr}", file=sys.stderr)
    if "stream" in lim or "triad_gbs" in lim:
        lim["stream_mib"] = mib
    return lim


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--weftc", required=True)
    ap.add_argument("--build", required=True, help="folder with the built peers")
    ap.add_argument("--out", required=True, help="folder for results.md, results.csv, chart.png")
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--budget", type=float, default=10.0,
                    help="seconds of timed repetitions per implementation before stopping early")
    ap.add_argument("--timeout", type=float, default=900.0, help="hard limit per implementation run")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", default="", help="comma-separated kernels")
    ap.add_argument("--peers", default=",".join(IMPLS[1:]), help="comma-separated peers to run")
    ap.add_argument("--no-weft", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the generated inputs and outputs")
    ap.add_argument("--note", default="", help="a line to add to results.md")
    args = ap.parse_args()
    sys.stdout.reconfigure(encoding="utf-8")  # µs, ×, ÷ under LC_ALL=C too

    build, out = os.path.abspath(args.build), os.path.abspath(args.out)
    work = os.path.join(out, "work")
    os.makedirs(work, exist_ok=True)
    os.makedirs(os.path.join(build, "weft"), exist_ok=True)
    only = [k for k in args.only.split(",") if k]
    all_cases = cases(args.quick)
    known = {c["kernel"] for c in all_cases}
    for k in only:
        if k not in known:
            sys.exit(f"bench: unknown kernel '{k}' (known: {', '.join(sorted(known))})")
    todo = [c for c in all_cases if not only or c["kernel"] in only]

    exe = {"c": os.path.join(build, "bench_c"), "openblas": os.path.join(build, "bench_openblas"),
           "eigen": os.path.join(build, "bench_eigen"), "halide": os.path.join(build, "bench_halide")}
    wanted = [p for p in args.peers.split(",") if p]
    available = {}
    for p in wanted:
        if p == "numpy":
            available[p] = [sys.executable, os.path.join(HERE, "numpy", "bench_numpy.py")]
        elif p in exe and os.path.exists(exe[p]):
            available[p] = [exe[p]]
    missing = [p for p in wanted if p not in available]

    print(f"bench: {os.cpu_count()} CPUs, {args.threads} threads, {args.reps} reps, "
          f"budget {args.budget:.0f} s; peers: {', '.join(available) or 'none'}"
          + (f"; not built: {', '.join(missing)}" if missing else ""), flush=True)
    try:
        load = os.getloadavg()
        print(f"bench: load average before the run {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", flush=True)
    except OSError:
        load = None
    # The limits are measured before the kernels and again after them, and
    # the better of the two counts: on a shared machine a probe that ran
    # while other jobs held the cores would understate the machine.
    limits = measure_limits(args, build)
    for k, v in limits.items():
        if k != "stream_mib":
            print(f"LIMIT {k} {v}", flush=True)

    rows = []
    mismatches = []
    infos = {}
    for case in todo:
        cid = f"{case['kernel']}_{re.sub(r'[^0-9a-zA-Z]+', '_', case['size'])}"
        d = os.path.join(work, cid)
        os.makedirs(d, exist_ok=True)
        rng = np.random.default_rng(12345)
        inputs = case["gen"](rng)
        for name, arr in inputs.items():
            np.save(os.path.join(d, name + ".npy"), arr)
        results = {}
        runs = []
        if not args.no_weft:
            src = os.path.join(build, "weft", cid + ".weft")
            prog = os.path.join(build, "weft", cid)
            with open(src, "w") as f:
                f.write(weft_source(case, args.reps))
            try:
                c = subprocess.run([args.weftc, src, "-O3", "-o", prog], text=True, capture_output=True)
            except OSError as e:
                c = subprocess.CompletedProcess([], 1, "", f"cannot run {args.weftc}: {e}")
            if c.returncode != 0:
                results["weft"] = {"error": "weftc failed: " + c.stderr.strip().splitlines()[0]
                                   if c.stderr.strip() else "weftc failed"}
            else:
                stdbuf = ["stdbuf", "-oL"] if shutil.which("stdbuf") else []
                runs.append(("weft", stdbuf + [prog], "out_weft.npy"))
        for p in case["peers"]:
            if p in available:
                runs.append((p, available[p] + [case["kernel"], d, os.path.join(d, f"out_{p}.npy"),
                                                str(args.reps), str(case["steps"])], f"out_{p}.npy"))
        for impl, cmd, outname in runs:
            r = run_protocol(cmd, d, env_for(impl, args.threads), args.reps, args.budget, args.timeout)
            r["outfile"] = os.path.join(d, outname)
            results[impl] = r
            infos.setdefault(impl, {}).update(r.get("info", {}))
        # Cross-check every output against the reference (the C peer's).
        ref_impl = next((i for i in ["c", "numpy", "openblas", "eigen", "halide", "weft"]
                         if i in results and not results[i].get("error")), None)
        ref = None
        if ref_impl:
            if case.get("scalar"):
                ref = np.array([results[ref_impl]["checksum"]])
            else:
                ref = np.load(results[ref_impl]["outfile"])
        for impl, r in results.items():
            if r.get("error"):
                continue
            if case.get("scalar"):
                o = np.array([r["checksum"]])
            else:
                o = np.load(r["outfile"]) if os.path.exists(r["outfile"]) else None
            if o is None:
                r["error"] = "no output file"
                continue
            r["err"], r["ok"] = compare(case, ref, o, inputs)
            if not r["ok"]:
                mismatches.append(f"{case['kernel']} {case['size']} {LABEL[impl]}: "
                                  f"error {r['err']:.3g} against {LABEL[ref_impl]}")
        for impl, r in results.items():
            if not r.get("error"):
                r["median"] = statistics.median(r["times"])
                r["rate"] = case["work"] / r["median"] / 1e9 if r["median"] > 0 else math.inf
                print(f"RESULT {case['kernel']} {case['size'].replace(' ', '')} {impl} "
                      f"{r['median']:.6g} {r['checksum']:.10g}"
                      + ("" if r["ok"] else " MISMATCH"), flush=True)
            else:
                print(f"RESULT {case['kernel']} {case['size'].replace(' ', '')} {impl} "
                      f"error {r['error']}", flush=True)
        rows.append((case, results))
        if not args.keep:
            shutil.rmtree(d, ignore_errors=True)

    again = measure_limits(args, build)
    for k, v in again.items():
        if k != "stream_mib":
            print(f"LIMIT {k} {v} (after the kernels)", flush=True)
            limits[k] = max(v, limits.get(k, 0))
    fma = limits.get("fma512_gflops") or limits.get("fma256_gflops")
    triad = limits.get("triad_gbs")
    for case, results in rows:
        for impl, r in results.items():
            if not r.get("error"):
                lim = fma if case["metric"] == "GFLOP/s" else triad
                r["frac"] = r["rate"] / lim if lim else None
                r["error"] = implausibility(case["metric"], r["frac"])
                if r["error"]:
                    print(f"RESULT {case['kernel']} {case['size'].replace(' ', '')} {impl} "
                          f"error {r['error']}", flush=True)
    report(args, rows, limits, infos, mismatches, available, missing, load, out)
    if mismatches:
        print("\n" + "!" * 72 + "\n!!! MISMATCH: an implementation's output disagrees with the reference:")
        for m in mismatches:
            print("!!!   " + m)
        print("!" * 72)
        return 1
    if any(r.get("error") for _, res in rows for r in res.values()):
        return 1
    return 0


def cell(case, results, impl, available):
    if impl != "weft" and impl not in case["peers"]:
        return "—"
    if impl != "weft" and impl not in available:
        return "skipped"
    r = results.get(impl)
    if r is None:
        return "skipped"
    if r.get("error"):
        return "ERROR"
    s = fmt_time(r["median"]) + ("*" if r.get("warmup_only") else "")
    if not r["ok"]:
        s += " MISMATCH"
    return s


def best_peer(results):
    peers = [(r["median"], i) for i, r in results.items()
             if i != "weft" and not r.get("error") and r.get("ok")]
    return min(peers) if peers else None


def table_rows(rows, available):
    head = ["kernel", "size", "Weft"] + [LABEL[i] for i in IMPLS[1:]] + \
           ["best peer", "Weft ÷ best", "Weft rate", "best rate", "Weft % limit", "best % limit", "check"]
    body = []
    for case, results in rows:
        w = results.get("weft")
        bp = best_peer(results)
        wok = w and not w.get("error") and w.get("ok")
        unit = case["metric"]
        ratio = f"{w['median'] / bp[0]:.2f}×" if (wok and bp) else "—"
        wrate = f"{fmt_rate(w['rate'])} {unit}" if wok else "—"
        brate = f"{fmt_rate(results[bp[1]]['rate'])} {unit}" if bp else "—"
        pct = lambda r: f"{100 * r['frac']:.1f}%" if r.get("frac") is not None else "—"
        wpct = pct(w) if wok else "—"
        bpct = pct(results[bp[1]]) if bp else "—"
        bad = [LABEL[i] for i, r in results.items() if r.get("error") or not r.get("ok", True)]
        check = "ok" if not bad else "MISMATCH/ERROR: " + ", ".join(bad)
        if wok:
            check += f" (Weft checksum {w['checksum']:.6g})"
        body.append([case["kernel"], case["size"], cell(case, results, "weft", available)] +
                    [cell(case, results, i, available) for i in IMPLS[1:]] +
                    [LABEL[bp[1]] if bp else "—", ratio, wrate, brate, wpct, bpct, check])
    return head, body


def detail_rows(rows):
    head = ["kernel", "size", "impl", "median", "min", "samples", "rate", "% limit", "max rel. error",
            "checksum"]
    body = []
    for case, results in rows:
        for impl in IMPLS:
            r = results.get(impl)
            if r is None:
                continue
            if r.get("error"):
                body.append([case["kernel"], case["size"], LABEL[impl], "ERROR", r["error"][:60],
                             "", "", "", "", ""])
                continue
            n = len(r["times"])
            body.append([case["kernel"], case["size"], LABEL[impl], fmt_time(r["median"]),
                         fmt_time(min(r["times"])),
                         f"{n}" + (" (warm-up only)" if r.get("warmup_only") else ""),
                         f"{fmt_rate(r['rate'])} {case['metric']}",
                         f"{100 * r['frac']:.1f}%" if r.get("frac") is not None else "—",
                         ("0 cells differ" if r["err"] == 0 else f"{r['err']:.0f} cells differ")
                         if case.get("exact") else f"{r['err']:.2e}",
                         f"{r['checksum']:.10g}" + ("" if r["ok"] else " MISMATCH")])
    return head, body


def text_table(head, body):
    w = [max(len(str(r[i])) for r in [head] + body) for i in range(len(head))]
    line = lambda r: "  ".join(str(c).ljust(w[i]) for i, c in enumerate(r)).rstrip()
    return "\n".join([line(head), "  ".join("-" * x for x in w)] + [line(r) for r in body])


def md_table(head, body):
    esc = lambda c: str(c).replace("|", "\\|")
    return "\n".join(["| " + " | ".join(map(esc, head)) + " |",
                      "|" + "|".join("---" for _ in head) + "|"] +
                     ["| " + " | ".join(map(esc, r)) + " |" for r in body])


def report(args, rows, limits, infos, mismatches, available, missing, load, out):
    fma, fma256, triad = limits.get("fma512_gflops"), limits.get("fma256_gflops"), limits.get("triad_gbs")
    lim_line = (f"machine limits at {args.threads} threads (measured by this run, the better of "
                f"before and after the kernels): f32 FMA peak "
                f"{fma or '?'} GFLOP/s AVX-512, {fma256 or '?'} GFLOP/s AVX2; STREAM triad "
                f"{triad or '?'} GB/s ({limits.get('stream_mib', '?')} MiB arrays)")
    thr_line = (f"threads: {args.threads} for Weft and every peer (OMP_NUM_THREADS, OPENBLAS_NUM_THREADS, "
                f"HL_NUM_THREADS, WEFT_NUM_THREADS)")
    peer_info = []
    if "openblas" in infos:
        peer_info.append(f"OpenBLAS picked core {infos['openblas'].get('openblas_core', '?')} "
                         f"(OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset)")
    if "numpy" in infos:
        peer_info.append(f"NumPy {infos['numpy'].get('numpy', '?')} with {infos['numpy'].get('blas', '?')}")
    if "halide" in infos:
        peer_info.append(f"Halide JIT target {infos['halide'].get('halide_target', '?')}")
    head, body = table_rows(rows, available)
    dhead, dbody = detail_rows(rows)
    print()
    print(lim_line)
    print(thr_line)
    for l in peer_info:
        print(l)
    print()
    print(text_table(head, body))
    print("\ntimes: median kernel time; '*' = the warm-up was over the budget and is the one sample; "
          "'—' = the peer does not apply; 'skipped' = peer not built on this machine")

    md = ["# Weft benchmark results", "",
          f"Run {time.strftime('%Y-%m-%d %H:%M %Z')} on {os.cpu_count()} CPUs "
          f"({cpu_name()}): {'--quick sizes, ' if args.quick else ''}{args.reps} timed repetitions "
          f"after a warm-up, time budget {args.budget:.0f} s per implementation.", "",
          f"- {lim_line}", f"- {thr_line}"] + [f"- {l}" for l in peer_info]
    if load:
        end = os.getloadavg()
        md.append(f"- load average (1, 5, 15 min) when the run started: {load[0]:.2f} {load[1]:.2f} "
                  f"{load[2]:.2f}; when it ended: {end[0]:.2f} {end[1]:.2f} {end[2]:.2f} "
                  f"(the machine is shared: other jobs may have run during it)")
    if missing:
        md.append(f"- peers not built here (skipped): {', '.join(missing)}")
    if args.note:
        md.append(f"- {args.note}")
    md += ["", "## Summary", "",
           "Times are medians of the timed repetitions (kernel only). *Weft ÷ best*: Weft's time "
           "over the fastest peer whose output matched (below 1 means Weft is faster). *% limit*: "
           "GFLOP/s against the f32 AVX-512 FMA peak, or GB/s (compulsory traffic) against the "
           "STREAM triad, both at the thread count above.", "",
           md_table(head, body), "",
           "'*' = the warm-up alone was over the time budget, so it is the one sample. "
           "'—' = the peer does not apply to the kernel. 'skipped' = the peer is not built on this machine.",
           "", "## Every implementation", "", md_table(dhead, dbody), ""]
    if mismatches:
        md += ["## MISMATCHES", ""] + [f"- {m}" for m in mismatches] + [""]
    with open(os.path.join(out, "results.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(md))
    with open(os.path.join(out, "results.csv"), "w", encoding="utf-8") as f:
        f.write("kernel,size,impl,metric,median_s,min_s,samples,rate,frac_limit,max_rel_error,checksum,ok\n")
        for case, results in rows:
            for impl, r in results.items():
                if r.get("error"):
                    f.write(f"{case['kernel']},{case['size']},{impl},{case['metric']},,,,,,,,error\n")
                    continue
                f.write(f"{case['kernel']},{case['size']},{impl},{case['metric']},{r['median']:.6g},"
                        f"{min(r['times']):.6g},{len(r['times'])},{r['rate']:.6g},"
                        f"{'' if r.get('frac') is None else format(r['frac'], '.4g')},"
                        f"{r['err']:.3g},{r['checksum']:.10g},{int(r['ok'])}\n")
    chart(rows, out)
    print(f"\nwrote {os.path.join(out, 'results.md')}, results.csv"
          + (", chart.png" if os.path.exists(os.path.join(out, "chart.png")) else " (no gnuplot: no chart)"))


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def chart(rows, out):
    """A clustered bar chart of % of the machine limit, log scale, with gnuplot."""
    gp = shutil.which("gnuplot")
    png = os.path.join(out, "chart.png")
    if os.path.exists(png):
        os.remove(png)
    if not gp:
        return
    dat = os.path.join(out, "chart.dat")
    with open(dat, "w", encoding="utf-8") as f:
        f.write("case " + " ".join(LABEL[i] for i in IMPLS) + "\n")
        for case, results in rows:
            vals = []
            for impl in IMPLS:
                r = results.get(impl)
                ok = r and not r.get("error") and r.get("ok") and r.get("frac") is not None
                vals.append(f"{max(100 * r['frac'], 1e-3):.4g}" if ok else "?")
            name = f"{case['kernel']} {case['size']}".replace('"', "")
            f.write(f"\"{name}\" " + " ".join(vals) + "\n")
    width = max(1000, 90 * len(rows))
    script = f"""
set terminal pngcairo size {width},620 font ",10" noenhanced
set output "{png}"
set title "Weft and its peers: % of the machine limit (GFLOP/s vs FMA peak, GB/s vs STREAM triad); higher is better"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.9 border -1
set boxwidth 0.9
set datafile missing "?"
set logscale y
set yrange [0.01:*]
set ylabel "% of limit (log scale)"
set xtics rotate by -35 scale 0
set key outside right top
set grid ytics
plot for [i=2:{len(IMPLS) + 1}] "{dat}" using i:xtic(1) title columnhead(i)
"""
    r = subprocess.run([gp], input=script, text=True, capture_output=True)
    if r.returncode != 0:
        # pngcairo may be missing in gnuplot-nox builds: fall back to png.
        script = script.replace("pngcairo", "png")
        subprocess.run([gp], input=script, text=True, capture_output=True)


if __name__ == "__main__":
    sys.exit(main())
