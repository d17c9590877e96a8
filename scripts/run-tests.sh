#!/usr/bin/env bash
# Set-up (see setup.sh), then build and run the whole lit test suite.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
log="$root/build/test-results.log"
status=0
ninja -C "$root/build" check-weft | tee "$log" || status=$?
passed=$(grep -cE '^PASS: ' "$log" || true)
failed=$(grep -cE '^(FAIL|XPASS|UNRESOLVED|TIMEOUT): ' "$log" || true)
echo "$passed passed, $failed failed"
exit $status
