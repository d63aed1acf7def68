#!/usr/bin/env python3
"""Draw icon.png (128x128): two overlapping article pages with one figure highlighted on
each (amber and teal): two reports of one event, compared. Pure Python (zlib + struct), 4x
supersampled for smooth edges. Run: python3 scripts/make-icon.py"""
import struct
import zlib

SIZE, SS = 128, 4
BG = (31, 42, 68)
PAGE = (244, 241, 232)
LINE = (160, 168, 184)
AMBER = (242, 159, 5)
TEAL = (38, 166, 154)


def in_round_rect(x, y, x0, y0, x1, y1, r):
    if not (x0 <= x < x1 and y0 <= y < y1):
        return False
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def shapes():
    """(test, colour) from back to front, in 128-unit coordinates."""
    out = [(lambda x, y: in_round_rect(x, y, 0, 0, 128, 128, 22), BG)]
    for px, py, mark, row in ((16, 22, AMBER, 3), (54, 38, TEAL, 2)):
        out.append((lambda x, y, px=px, py=py: in_round_rect(x, y, px, py, px + 58, py + 72, 6), PAGE))
        for i in range(6):
            top = py + 12 + i * 9
            width = 40 if i % 3 != 2 else 28
            colour = mark if i == row else LINE
            height = 5 if i == row else 3
            out.append((lambda x, y, px=px, top=top, w=width, h=height: in_round_rect(x, y, px + 9, top, px + 9 + w, top + h, 1.5), colour))
    return out


def render():
    layers = shapes()
    rows = []
    for j in range(SIZE):
        row = bytearray([0])
        for i in range(SIZE):
            acc = [0, 0, 0, 0]
            for sj in range(SS):
                for si in range(SS):
                    x, y = i + (si + 0.5) / SS, j + (sj + 0.5) / SS
                    colour = None
                    for test, c in layers:
                        if test(x, y):
                            colour = c
                    if colour is not None:
                        acc[0] += colour[0]
                        acc[1] += colour[1]
                        acc[2] += colour[2]
                        acc[3] += 1
            n = SS * SS
            if acc[3]:
                row += bytes([acc[0] // acc[3], acc[1] // acc[3], acc[2] // acc[3], 255 * acc[3] // n])
            else:
                row += bytes([0, 0, 0, 0])
        rows.append(bytes(row))
    return b"".join(rows)


def png(raw):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    with open("icon.png", "wb") as f:
        f.write(png(render()))
