"""Shared by the e2e scripts that compile one Weft program several ways
(optimisation levels, --threads, thread counts chosen at run time) and
compare what the builds write. A build is `name: (weftc flags,
WEFT_NUM_THREADS)`."""
import argparse
import os
import subprocess
import sys

# -O0, then the default level compiled serial (--threads=1) and as OpenMP
# code run on 1, 2 and 3 threads chosen at run time.
BY_THREADS = {
    "O0": (["-O0"], "1"),
    "serial": (["--threads=1"], "1"),
    "one": ([], "1"),
    "two": ([], "2"),
    "three": ([], "3"),
}


def parse_args():
    """--weftc and --workdir (made absolute)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--weftc", required=True)
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args()
    args.workdir = os.path.abspath(args.workdir)
    return args


def compile_builds(weftc, program, builds, workdir):
    """Compiles `program` once per build into `workdir`; returns each
    build's executable."""
    exes = {}
    for name, (flags, _) in builds.items():
        exes[name] = os.path.join(workdir, name + ".exe")
        subprocess.run([weftc, *flags, program, "-o", exes[name]], check=True)
    return exes


def build_dir(workdir, name):
    """The folder (created) where a build reads its inputs and writes."""
    path = os.path.join(workdir, name)
    os.makedirs(path, exist_ok=True)
    return path


def run_build(exe, cwd, threads, args=()):
    """Runs `exe` in `cwd` on `threads` threads; returns what it printed,
    or exits with a FAIL line if it failed."""
    out = subprocess.run([exe, *args], cwd=cwd, capture_output=True, text=True,
                         env=dict(os.environ, WEFT_NUM_THREADS=threads))
    if out.returncode != 0:
        sys.exit(f"FAIL {exe}: exit {out.returncode}: {out.stderr}")
    return out.stdout
