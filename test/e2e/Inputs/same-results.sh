#!/bin/bash
# Usage: same-results.sh DIR PROGRAM.weft SIZE...
# Builds PROGRAM at -O0 (the reference), at -O3 serial (--threads=1), at -O3
# for two threads, and at -O2 with the thread count left to run time (run on
# two threads); runs each with `--n SIZE` in its own folder and compares
# every .npy file it writes with the reference's, byte for byte.
set -eu
dir=$1 program=$2
shift 2
mkdir -p "$dir"
weftc -O0 "$program" -o "$dir/O0.exe"
weftc -O3 --threads=1 "$program" -o "$dir/serial.exe"
weftc -O3 --threads=2 "$program" -o "$dir/two.exe"
weftc -O2 "$program" -o "$dir/any.exe"
for n in "$@"; do
  for build in O0 serial two any; do
    rm -rf "$dir/$build-$n" && mkdir "$dir/$build-$n"
    (cd "$dir/$build-$n" && WEFT_NUM_THREADS=2 "$dir/$build.exe" --n "$n" > out.txt)
  done
  for build in serial two any; do
    for file in "$dir/O0-$n"/*.npy; do
      cmp "$file" "$dir/$build-$n/$(basename "$file")"
    done
  done
  echo "n=$n: same"
done
