"""Prints a PNG's size, colour type and pixels, one row a line, decoding it
with zlib alone (8-bit grey or RGB, no interlacing): `name WxH grey|rgb`
then `row i: (r, g, b) ...` or `row i: v ...`."""
import os
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0]
        assert zlib.crc32(kind + body) == crc, "bad CRC"
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, color, _, _, interlace = header
    assert depth == 8 and interlace == 0 and color in (0, 2)
    channels = 3 if color == 2 else 1
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], [0] * stride
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = list(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = prev[i], prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 255
        rows.append(line)
        prev = line
    return width, height, channels, rows


if __name__ == "__main__":
    for path in sys.argv[1:]:
        width, height, channels, rows = decode(path)
        print("%s %dx%d %s" % (os.path.basename(path), width, height,
                               "rgb" if channels == 3 else "grey"))
        for y, line in enumerate(rows):
            if channels == 3:
                cells = ["(%d, %d, %d)" % tuple(line[i:i + 3])
                         for i in range(0, len(line), 3)]
            else:
                cells = [str(v) for v in line]
            print("row %d: %s" % (y, " ".join(cells)))
