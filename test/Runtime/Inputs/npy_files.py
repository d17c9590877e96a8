"""Writes the .npy files that npy-read.test loads into the folder argv[1]."""
import os
import struct
import sys

import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def path(name):
    return os.path.join(out, name)


def raw(name, header, data=b"", version=(1, 0)):
    """A file with a hand-written header dict."""
    header = header.encode("latin1")
    length = struct.pack("<H" if version[0] == 1 else "<I", len(header))
    with open(path(name), "wb") as f:
        f.write(b"\x93NUMPY" + bytes(version) + length + header + data)


# Files NumPy writes, in each format version it has.
np.save(path("f32.npy"), np.arange(6, dtype=np.float32).reshape(2, 3) / 4)
np.save(path("i64.npy"), np.array([-3, 0, 7], dtype=np.int64))
np.save(path("u16.npy"), np.array([[1, 65535]], dtype=np.uint16))
np.save(path("bool.npy"), np.array([True, False, True]))
np.save(path("f16.npy"), np.array([0.5, -2.0, np.inf], dtype=np.float16))
np.save(path("scalar.npy"), np.array(2.5))
np.save(path("empty.npy"), np.zeros((0, 4), dtype=np.float64))
np.save(path("fortran1d.npy"), np.asfortranarray(np.array([1, 2], np.int32)))
a = np.arange(4, dtype=np.int8)
with open(path("v2.npy"), "wb") as f:
    np.lib.format.write_array(f, a, version=(2, 0))
with open(path("v3.npy"), "wb") as f:
    np.lib.format.write_array(f, a, version=(3, 0))
raw("spaced.npy", "{ \"shape\" :(2L,), 'fortran_order':False,'descr':'|i1' }\n",
    bytes([5, 6]))

# Files weft must reject.
np.save(path("fortran.npy"), np.asfortranarray(np.ones((2, 3))))
np.save(path("bigendian.npy"), np.ones(3, dtype=">f8"))
np.save(path("object.npy"), np.array([{}, 1], dtype=object), allow_pickle=True)
np.save(path("complex.npy"), np.ones(2, dtype=np.complex64))
np.save(path("structured.npy"), np.zeros(2, dtype=[("x", "<f4")]))
with open(path("f32.npy"), "rb") as f:
    whole = f.read()
with open(path("truncated.npy"), "wb") as f:
    f.write(whole[:-5])
with open(path("extra.npy"), "wb") as f:
    f.write(whole + b"\0" * 4)
with open(path("short-header.npy"), "wb") as f:
    f.write(whole[:40])
with open(path("garbage.npy"), "wb") as f:
    f.write(bytes(range(256)) * 4)
with open(path("empty-file.npy"), "wb") as f:
    pass
raw("version9.npy", "{}", version=(9, 0))
with open(path("huge-header.npy"), "wb") as f:
    f.write(b"\x93NUMPY\x02\x00" + struct.pack("<I", 0xFFFFFFF0) + b"{")
raw("not-a-dict.npy", "[1, 2, 3]\n")
raw("bad-shape.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2, -1), }\n")
raw("no-shape.npy", "{'descr': '<f8', 'fortran_order': False, }\n")
raw("bad-bool.npy", "{'descr': '<f8', 'fortran_order': 0, 'shape': (1,), }\n")
raw("overflow.npy",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }\n")
# Damaged header dicts, one per complaint of the parser.
raw("unquoted-key.npy", "{descr: '<f8', }\n")
raw("open-string.npy", "{'descr\n")
raw("long-string.npy", "{'" + "x" * 40 + "': 1, }\n")
raw("no-colon.npy", "{'descr' '<f8', }\n")
raw("repeated-key.npy", "{'descr': '<f8', 'descr': '<f8', }\n")
raw("no-comma.npy", "{'descr': '<f8' 'shape': (1,), }\n")
raw("trailing.npy",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), } x\n")
raw("no-descr.npy", "{'fortran_order': False, 'shape': (1,), }\n")
raw("no-order.npy", "{'descr': '<f8', 'shape': (1,), }\n")
raw("shape-list.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': [1], }\n")
raw("shape-open.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (1 2), }\n")
raw("big-extent.npy",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,), }\n")
raw("rank65.npy",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (" + "1, " * 65 + "), }\n")
