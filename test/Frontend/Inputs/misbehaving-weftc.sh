#!/bin/sh
# A stand-in for weftc that misbehaves in the way its input's first line
# names, for checking that scripts/fuzz-weftc.py notices each kind.
case "$(head -n 1 "$1")" in
  segv) kill -SEGV $$ ;;
  assert) echo "weftc: Sema.cpp:12: Assertion \`ok' failed." >&2; exit 1 ;;
  internal) echo "$1:1:1: error: internal error: oops" >&2; exit 1 ;;
  hang) sleep 10 ;;
  status) exit 3 ;;
  silent) exit 1 ;;
  unlocated) echo "error: no location" >&2; exit 1 ;;
  outside) echo "$1:99:1: error: past the end" >&2; exit 1 ;;
  clean) printf '%s:1:1: error: fine\nclean\n^\n' "$1" >&2; exit 1 ;;
  *) exit 0 ;;
esac
