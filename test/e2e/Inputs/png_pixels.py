"""Prints a PNG's size and colour type, then the pixels at the given x,y
positions (`x,y: (r, g, b)`), decoding it with png_show.py."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..",
                                "Runtime", "Inputs"))
from png_show import decode  # noqa: E402

width, height, channels, rows = decode(sys.argv[1])
print(f"{os.path.basename(sys.argv[1])} {width}x{height} "
      f"{'rgb' if channels == 3 else 'grey'}")
for spec in sys.argv[2:]:
    x, y = map(int, spec.split(","))
    pixel = tuple(rows[y][x * channels:(x + 1) * channels])
    print(f"{x},{y}: {pixel}")
