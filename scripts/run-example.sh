#!/usr/bin/env bash
# Set-up (see setup.sh), then compile an example and run it:
#   scripts/run-example.sh [examples/NAME.weft]   (default: examples/matmul.weft)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
example="${1:-$root/examples/matmul.weft}"
name="$(basename "$example" .weft)"
"$root/build/bin/weftc" "$example" -O3 -o "$root/build/$name"
echo "== running $name"
(cd "$root/examples" && "$root/build/$name")
