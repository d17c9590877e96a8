#!/usr/bin/env bash
# Set-up (see setup.sh), then build and run the whole lit test suite.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
log="$root/build/test-results.log"
status=0
ninja -C "$root/build" check-weft | tee "$log" || status=$?
count() { grep -oE "^ *$1 *: *[0-9]+" "$log" | grep -oE '[0-9]+$' || echo 0; }
passed=$(count Passed)
failed=$(( $(count Failed) + $(count Unresolved) + $(count 'Timed Out') ))
echo "$passed passed, $failed failed"
exit $status
