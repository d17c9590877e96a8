#!/usr/bin/env bash
# Installs what is missing (Debian packages), then configures and builds Weft
# in ./build. Quick when nothing changed. Run by run-example.sh and
# run-tests.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

packages=(cmake ninja-build ccache g++ llvm-22-dev libmlir-22-dev mlir-22-tools
          llvm-22-tools clang-22 libomp-22-dev antlr4 libantlr4-runtime-dev
          libpng-dev python3-numpy)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "weft setup: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -f "$root/build/build.ninja" ]; then
  cmake -G Ninja -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
ninja -C "$root/build" weftc weft-opt weft_runtime
