#!/usr/bin/env bash
# The Weft benchmark suite in one command: installs the peers' Debian packages
# when missing, builds the peers and the machine-limit probes (bench/CMakeLists.txt,
# apart from the main build), compiles the Weft programs with weftc, runs
# everything, prints the table and writes results.md, results.csv and
# chart.png. See bench/README.md.
#
#   bench/run.sh [--threads N] [--reps N] [--quick] [--only k1,k2] [--out DIR]
#                [--peers c,openblas,eigen,halide,numpy] [--budget S]
#                [--no-install] [--no-weft] [--keep] [--note TEXT]
#
# --threads N   threads for every peer (default: all cores)
# --reps N      timed repetitions after the warm-up (default 5); the median is reported
# --quick       small sizes (the smoke test's)
# --only K,...  only these kernels (sgemm gemv saxpy dot jacobi2d heat3d life
#               blur softmax layernorm conv2d attention cg)
# --out DIR     results (and, when given, the peers' build and the work files)
#               go here; default bench/results, with the build in bench/build
# --peers P,... the peers to run (default: all); a peer whose library is not
#               installed is skipped
# --budget S    stop the repetitions after S seconds of timed runs (default 10)
# --no-install  never run apt-get or rebuild weftc (for tests and CI)
# --no-weft     run the peers only
# --keep        keep the generated inputs and the outputs under OUT/work
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

threads="$(nproc)"; reps=5; quick=0; only=""; out=""; peers="c,openblas,eigen,halide,numpy"
budget=10; install=1; extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    --only) only="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --peers) peers="$2"; shift 2 ;;
    --budget) budget="$2"; shift 2 ;;
    --no-install) install=0; shift ;;
    --no-weft|--keep) extra+=("$1"); shift ;;
    --note) extra+=(--note "$2"); shift 2 ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
done

if [ -n "$out" ]; then
  mkdir -p "$out"; out="$(cd "$out" && pwd)"; build="$out/build"
else
  out="$here/results"; build="$here/build"
fi
mkdir -p "$out" "$build"

# The peers' packages (Debian 12). gcc and python3-numpy come with the main
# project; the others are only for the benchmark.
has_peer() { [[ ",$peers," == *",$1,"* ]]; }
if [ "$install" -eq 1 ]; then
  want=(gcc cmake ninja-build python3-numpy coreutils)
  has_peer openblas && want+=(libopenblas-dev)
  has_peer eigen && want+=(libeigen3-dev)
  has_peer halide && want+=(libhalide14-0-dev)
  want+=(gnuplot-nox)
  "$root/scripts/install-missing.sh" "${want[@]}"
fi

# weftc: $WEFTC, else the main build's (rebuilt when --no-install is not
# given), else one on PATH.
weftc="${WEFTC:-}"
if [ -z "$weftc" ]; then
  if [ "$install" -eq 1 ] && [ -f "$root/build/build.ninja" ]; then
    ninja -C "$root/build" weftc weft_runtime >/dev/null ||
      echo "bench: warning: rebuilding weftc failed; using the weftc already built" >&2
  fi
  if [ "$install" -eq 0 ] && command -v weftc >/dev/null; then
    weftc="$(command -v weftc)"
  elif [ -x "$root/build/bin/weftc" ]; then
    weftc="$root/build/bin/weftc"
  elif command -v weftc >/dev/null; then
    weftc="$(command -v weftc)"
  else
    echo "bench: no weftc: build it (scripts/setup.sh) or set WEFTC" >&2; exit 2
  fi
fi

# Build the peers that can be built here (bench/CMakeLists.txt: a peer whose
# library is missing is not built, and the driver reports it as skipped).
echo "bench: building the peers in $build"
if [ ! -f "$build/build.ninja" ]; then
  cmake -G Ninja -S "$here" -B "$build" >"$build/cmake.log" 2>&1 ||
    { cat "$build/cmake.log" >&2; exit 2; }
fi
targets=(bench_c stream fma)
defined="$(ninja -C "$build" -t targets all 2>/dev/null)"
for p in openblas eigen halide; do
  has_peer "$p" && grep -q "^bench_$p:" <<<"$defined" && targets+=("bench_$p")
done
ninja -C "$build" "${targets[@]}" >"$build/ninja.log" 2>&1 || { cat "$build/ninja.log" >&2; exit 2; }

python=/usr/bin/python3
[ -x "$python" ] || python="$(command -v python3)"
args=(--weftc "$weftc" --build "$build" --out "$out" --threads "$threads" --reps "$reps"
      --budget "$budget" --peers "$peers")
[ "$quick" -eq 1 ] && args+=(--quick)
[ -n "$only" ] && args+=(--only "$only")
exec "$python" "$here/driver.py" "${args[@]}" ${extra[@]+"${extra[@]}"}
