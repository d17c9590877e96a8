"""Checks scripts/fuzz-weftc.py's comparison of -O0 and -O2 outputs: float
rounding (1e-4 relative) and number formatting are the same output; other
numbers, other text and another exit status are not."""
import importlib.util
import sys

spec = importlib.util.spec_from_file_location("fuzz", sys.argv[1])
fuzz = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fuzz)

CASES = [
    ((0, "y = [0.20717394 1.5]\n"), (0, "y = [0.20717393 1.5]\n")),
    ((0, "[1.  2.5]"), (0, "[1.0 2.5]")),
    ((0, "s = 0.0"), (0, "s = 1e-30")),
    ((0, "[ 0.5  1. ]"), (0, "[0.50000006 1.        ]")),
    ((0, "x = [1.0 2.0]"), (0, "x = [1.0 2.1]")),
    ((0, "n = 3"), (0, "n = 4")),
    ((0, "ok"), (0, "no")),
    ((0, "x = 1.0"), (1, "x = 1.0")),
    ((0, "[1.0 2.0]"), (0, "[1.0 2.0 3.0]")),
    ((0, "[1 2]"), (0, "[1 2]\n[3 4]")),
]
for run0, run1 in CASES:
    verdict = "same" if fuzz.same_output(run0, run1) else "differs"
    print(f"{verdict}: {run0!r} {run1!r}")
