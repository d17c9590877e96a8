"""Compares the numbers a program printed with expected ones, within a
relative tolerance, for outputs whose last digits depend on the math library
(fast polynomial tanh/exp at -O2 versus libm at -O0).

Usage: numbers_close.py OUTPUT TEST_FILE RTOL
The expected text is the TEST_FILE's lines that start with `EXPECT: `; the
words of OUTPUT must match it, numbers within RTOL (relative, with an
absolute floor of RTOL for values near zero), everything else exactly.
"""
import re
import sys

NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


def words(text):
    return re.findall(r"[^\s\[\],()=]+|[\[\],()=]", text)


def main():
    output_path, test_path, rtol = sys.argv[1], sys.argv[2], float(sys.argv[3])
    with open(test_path) as f:
        expected = "\n".join(line[len("EXPECT: "):] for line in f
                             if line.startswith("EXPECT: "))
    with open(output_path) as f:
        got = f.read()
    want_words, got_words = words(expected), words(got)
    if len(want_words) != len(got_words):
        sys.exit(f"expected {len(want_words)} words, got {len(got_words)}:\n{got}")
    for want, have in zip(want_words, got_words):
        if NUMBER.match(want) and NUMBER.match(have):
            w, h = float(want), float(have)
            if abs(w - h) > rtol * max(1.0, abs(w)):
                sys.exit(f"{have} differs from {want} by more than {rtol}")
        elif want != have:
            sys.exit(f"expected '{want}', got '{have}':\n{got}")


main()
