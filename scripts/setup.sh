#!/usr/bin/env bash
# Installs what is missing (Debian packages), then configures and builds Weft
# in ./build. Quick when nothing changed. Run by run-example.sh and
# run-tests.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

"$root/scripts/install-missing.sh" cmake ninja-build ccache g++ llvm-22-dev \
  libmlir-22-dev mlir-22-tools llvm-22-tools clang-22 libomp-22-dev antlr4 \
  libantlr4-runtime-dev libpng-dev python3-numpy

if [ ! -f "$root/build/build.ninja" ]; then
  cmake -G Ninja -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
ninja -C "$root/build" weftc weft-opt weft_runtime
