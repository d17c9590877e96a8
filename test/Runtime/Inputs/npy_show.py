"""Loads every .npy file in argv[1] with NumPy and prints its type, shape and
elements, and whether numpy.save would have written the same bytes."""
import glob
import io
import os
import sys

import numpy as np

for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.npy"))):
    a = np.load(path)
    ours = open(path, "rb").read()
    theirs = io.BytesIO()
    np.save(theirs, a)
    same = "same bytes" if theirs.getvalue() == ours else "DIFFERENT BYTES"
    print(os.path.basename(path), a.dtype, a.shape, a.ravel().tolist(), same)
