"""End-to-end GPU test: every example and the NumPy differential cases,
compiled for the CPU and with --target=cuda, run, and compared.

Two phases, so that the executables can be built on a machine with LLVM and
run on a GPU machine without it (see docs/gpu.md):
  --phase build   compiles into --workdir (needs weftc and ptxas)
  --phase run     runs what build made and compares (needs a CUDA device)
  --phase all     both
Examples: the GPU program's output must match the CPU program's, number by
number within the tolerance below, text up to white space (NumPy-style
printing pads columns to the widest number), except lines that report a
time. Differential cases: the GPU
result must match NumPy with differential.py's tolerances, and the CPU result.
The programs in PROGRAMS are compared like the examples. Run-time errors
(the programs in ERRORS): the GPU program must stop like
the CPU one, with exit status 1 and the same message.
Prints one line a case; exits 1 if any case fails.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "e2e",
                                "Inputs"))
from differential import CASES, TOL, kernels_of, kernels_path  # noqa: E402

# Printed numbers of the GPU and CPU programs: libdevice's exp/log and
# fused multiply-adds may change the last printed digits of f32 values.
PRINT_TOL = 1e-5
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+|inf|nan)")
TIMING = re.compile(r"\btook\b.*\bs\b")
# Serial CPU builds: OpenMP's runtime comes from LLVM's library folder, and
# the GPU machine has no LLVM.
TARGETS = {"cpu": ["--threads=1"], "cuda": ["--target=cuda"]}


def dot(rng, n):
    """A full reduction: many GPU threads, one atomic add each."""
    x = rng.standard_normal(n)
    y = rng.standard_normal(n)
    return ({"x": x, "y": y},
            'let x: f64[?] = load("x.npy")\n let y: f64[?] = load("y.npy")\n'
            ' let d = zeros(f64[1])\n d[0] = dot(x, y)\n save(d, "out.npy")',
            np.array([x @ y]))


# Programs next to this script: ones whose GPU output must match the CPU's
# like the examples', and ones that stop with a run-time error.
PROGRAMS = ["tall-array"]
ERRORS = ["gather-out-of-range"]


# The differential cases, and full reductions, which only the GPU runs in
# a way of its own.
GPU_CASES = CASES + [("dot_norm", dot, [(1,), (7,), (65537,), (1000003,)])]


def build_program(weftc, source, workdir, kind, name):
    for target, flags in TARGETS.items():
        exe = os.path.join(workdir, f"{kind}-{name}.{target}")
        compiled = subprocess.run([weftc, source, *flags, "-o", exe],
                                  cwd=workdir, capture_output=True, text=True)
        if compiled.returncode != 0:
            # Reported by the run phase, as a failure of this program.
            with open(exe + ".error", "w") as f:
                f.write(compiled.stderr)


def build(weftc, examples, workdir):
    for example in sorted(glob.glob(os.path.join(examples, "*.weft"))):
        name = os.path.splitext(os.path.basename(example))[0]
        build_program(weftc, example, workdir, "example", name)
    for kind, names in (("example", PROGRAMS), ("error", ERRORS)):
        for name in names:
            # Sources by their base name, so that messages name the same
            # file wherever the test runs.
            shutil.copy(os.path.join(os.path.dirname(__file__), name + ".weft"),
                        workdir)
            build_program(weftc, name + ".weft", workdir, kind, name)
    rng = np.random.default_rng(20261123)
    for example, make, shapes in GPU_CASES:
        for shape in shapes:
            inputs, main_body, expected, *scale = make(rng, *shape)
            label = example.replace(":", "-")  # "file:kernel" cases
            case = os.path.join(workdir,
                                f"case-{label}-{'x'.join(map(str, shape))}")
            os.makedirs(case, exist_ok=True)
            for name, array in inputs.items():
                np.save(os.path.join(case, f"{name}.npy"), array)
            np.save(os.path.join(case, "expected.npy"), expected)
            np.save(os.path.join(case, "scale.npy"),
                    scale[0] if scale else np.abs(expected))
            source = os.path.join(case, "case.weft")
            with open(source, "w") as f:
                f.write(kernels_of(kernels_path(
                    examples, example.split(":")[0])))
                f.write("fn main() {\n " + main_body + "\n}\n")
            for target, flags in TARGETS.items():
                subprocess.run([weftc, source, *flags, "-o",
                                os.path.join(case, target)], check=True)


def same_output(cpu, gpu):
    """Whether two program outputs agree: text equal, numbers close."""
    def untimed(text):
        return "\n".join(line for line in text.splitlines()
                         if not TIMING.search(line))

    def words(text):
        return "".join(NUMBER.sub("#", text).split())

    cpu, gpu = untimed(cpu), untimed(gpu)
    cpu_numbers, gpu_numbers = NUMBER.findall(cpu), NUMBER.findall(gpu)
    if words(cpu) != words(gpu) or \
            len(cpu_numbers) != len(gpu_numbers):
        return False
    c = np.array(cpu_numbers, dtype=np.float64)
    g = np.array(gpu_numbers, dtype=np.float64)
    return bool(np.all((np.abs(c - g) <= PRINT_TOL * (1 + np.abs(c))) |
                       (np.isnan(c) & np.isnan(g)) | (c == g)))


def run_program(workdir, kind, name):
    """Runs one program for every target: {target: completed process}, or
    None (and a FAIL line) when a target's build failed."""
    results = {}
    for target in TARGETS:
        exe = os.path.join(workdir, f"{kind}-{name}.{target}")
        if os.path.exists(exe + ".error"):
            with open(exe + ".error") as f:
                print(f"FAIL {kind} {name} {target}: does not compile: "
                      f"{f.read().strip()}")
            return None
        results[target] = subprocess.run([exe], cwd=workdir,
                                         capture_output=True, text=True)
    return results


def run_examples(workdir):
    ok = True
    for cpu_exe in sorted(glob.glob(os.path.join(workdir, "example-*.cpu*"))):
        name = os.path.basename(cpu_exe)[len("example-"):].split(".cpu")[0]
        results = run_program(workdir, "example", name)
        if results is None:
            ok = False
            continue
        outputs = {}
        for target, result in results.items():
            if result.returncode != 0:
                print(f"FAIL example {name} {target}: exit "
                      f"{result.returncode}: {result.stderr.strip()}")
                ok = False
            outputs[target] = result.stdout
        if same_output(outputs["cpu"], outputs["cuda"]):
            print(f"ok example {name}: GPU output matches the CPU's")
        else:
            print(f"FAIL example {name}: GPU output\n{outputs['cuda']}"
                  f"differs from the CPU's\n{outputs['cpu']}")
            ok = False
    return ok


def run_errors(workdir):
    ok = True
    for name in ERRORS:
        results = run_program(workdir, "error", name)
        if results is None:
            ok = False
            continue
        cpu, gpu = results["cpu"], results["cuda"]
        if cpu.returncode == 1 and gpu.returncode == 1 and \
                cpu.stderr == gpu.stderr and cpu.stderr:
            print(f"ok error {name}: the GPU program stops like the CPU's: "
                  f"{gpu.stderr.strip()}")
        else:
            print(f"FAIL error {name}: GPU exit {gpu.returncode} "
                  f"{gpu.stderr.strip()!r}, CPU exit {cpu.returncode} "
                  f"{cpu.stderr.strip()!r}")
            ok = False
    return ok


def run_cases(workdir):
    ok = True
    for case in sorted(glob.glob(os.path.join(workdir, "case-*"))):
        expected = np.load(os.path.join(case, "expected.npy"))
        results = {}
        for target in TARGETS:
            out = os.path.join(case, "out.npy")
            if os.path.exists(out):
                os.remove(out)
            run = subprocess.run([os.path.join(case, target)], cwd=case,
                                 capture_output=True, text=True)
            if run.returncode != 0 or not os.path.exists(out):
                print(f"FAIL {case} {target}: exit {run.returncode}: "
                      f"{run.stderr.strip()}")
                results[target] = None
                continue
            results[target] = np.load(out)
        name = os.path.basename(case)[len("case-"):]
        gpu, cpu = results["cuda"], results["cpu"]
        if gpu is None or cpu is None:
            ok = False
            continue
        if gpu.shape != expected.shape or gpu.dtype != cpu.dtype:
            print(f"FAIL {name}: GPU result {gpu.dtype}{list(gpu.shape)}, "
                  f"expected {cpu.dtype}{list(expected.shape)}")
            ok = False
            continue
        tol = TOL[gpu.dtype.type]
        scale = np.load(os.path.join(case, "scale.npy"))
        if tol == 0:
            same = np.array_equal(gpu, expected) and np.array_equal(gpu, cpu)
            worst = 0.0 if same else np.inf
        else:
            worst = max(
                np.max(np.abs(gpu - ref) / (tol * (1 + s)), initial=0.0)
                for ref, s in ((expected, scale), (cpu, np.abs(cpu))))
        status = "ok" if worst <= 1 else "FAIL"
        print(f"{status} {name} {gpu.dtype} GPU against NumPy and the CPU: "
              f"worst error {worst:.2f} of the tolerance {tol:g}")
        ok = ok and status == "ok"
    return ok


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--phase", choices=["build", "run", "all"],
                        default="all")
    parser.add_argument("--weftc", default="weftc")
    parser.add_argument("--examples")
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args()
    # Programs are compiled from inside the work folder.
    args.workdir = os.path.abspath(args.workdir)
    if os.sep in args.weftc:
        args.weftc = os.path.abspath(args.weftc)
    if args.examples:
        args.examples = os.path.abspath(args.examples)
    if args.phase in ("build", "all"):
        shutil.rmtree(args.workdir, ignore_errors=True)
        os.makedirs(args.workdir)
        build(args.weftc, args.examples, args.workdir)
    if args.phase in ("run", "all"):
        ok = run_examples(args.workdir)
        ok = run_errors(args.workdir) and ok
        ok = run_cases(args.workdir) and ok
        sys.exit(0 if ok else 1)
