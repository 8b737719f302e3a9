#!/usr/bin/env python3
"""Goldens for softmax and log_softmax over a dim that is not the last (SoftmaxOverDimTest).

torch 1.13's CPU kernels for that case sum the exponentials over the dim sequentially in float,
with SLEEF's exp for the inner positions in whole groups of eight and glibc's for the rest, and
log_softmax first cuts the inner positions into chunks of about 128 KB. The cases below cover short
and long dims, inner sizes below, at and past a group of eight, several chunks, and NaN / inf
entries. Inputs are made by a formula both sides compute exactly (no stored inputs):
    x[i] = ((i * 7919 + salt) % 1999) / 199.0 - 5.0, rounded to the dtype, then x[i * 37 % numel]
    set to special values per case.
Small results are stored as bit patterns, large float32 ones as the SHA-256 of their little-endian
bytes (float64 only small: the test allows it a few ulps, our double exp not being SLEEF's).

    /usr/bin/python3 bench/golden/gen_softmax_dims.py   # writes lib/src/test/resources/golden/softmax/dims.txt
"""
import hashlib
import pathlib

import numpy as np
import torch

OUT = pathlib.Path(__file__).resolve().parents[2] / "lib/src/test/resources/golden/softmax/dims.txt"
SPECIAL = {"none": [], "nan": [float("nan")], "inf": [float("inf")], "-inf": [float("-inf")],
           "mixed": [float("nan"), float("inf"), float("-inf"), 80.0, -80.0]}
CASES = [
    # shape, dim, special, salt
    ((3, 2, 2), 0, "none", 0), ((3, 1), 0, "none", 1), ((5, 7), 0, "none", 2), ((5, 8), 0, "none", 3),
    ((4, 9), 0, "none", 4), ((6, 17), 0, "none", 5), ((2, 3, 20), 1, "none", 6), ((7, 4, 3), 1, "none", 7),
    ((2, 3, 4, 5), 0, "none", 8), ((2, 3, 4, 5), 2, "none", 9), ((3, 24), 0, "nan", 10), ((3, 24), 0, "inf", 11),
    ((4, 10), 0, "-inf", 12), ((9, 33), 0, "mixed", 13), ((1, 16), 0, "none", 14), ((50, 40), 0, "none", 15),
    ((300, 30), 0, "none", 16), ((5000, 12), 0, "none", 17), ((3000, 20), 0, "mixed", 18), ((2, 4100, 9), 1, "none", 19),
]


def make(shape, special, salt, dtype):
    n = int(np.prod(shape))
    i = np.arange(n, dtype=np.int64)
    x = (((i * 7919 + salt) % 1999) / 199.0 - 5.0).astype(np.float64)
    vals = SPECIAL[special]
    for k, v in enumerate(vals):
        x[(k * 37 + salt) % n] = v
    return torch.tensor(x, dtype=dtype).reshape(shape)


def encode(t):
    if t.dtype == torch.float32:
        raw = t.contiguous().view(torch.int32).flatten().tolist()
        if t.numel() <= 256:
            return "bits " + " ".join("%08x" % (b & 0xffffffff) for b in raw)
        a = t.contiguous().numpy().astype("<f4")
        a[np.isnan(a)] = np.float32("nan")  # one NaN pattern (0x7fc00000): payloads are not compared
        return "sha256 " + hashlib.sha256(a.tobytes()).hexdigest()
    raw = t.contiguous().view(torch.int64).flatten().tolist()
    if t.numel() <= 256:
        return "bits " + " ".join("%016x" % (b & 0xffffffffffffffff) for b in raw)
    return "sha256 " + hashlib.sha256(t.contiguous().numpy().astype("<f8").tobytes()).hexdigest()


def main():
    torch.set_num_threads(1)
    lines = []
    for shape, dim, special, salt in CASES:
        for dtype, name in ((torch.float32, "float32"), (torch.float64, "float64")):
            if dtype == torch.float64 and np.prod(shape) > 256:
                continue  # float64 is checked within a few ulps (our double exp is not SLEEF's): values needed
            x = make(shape, special, salt, dtype)
            for op, f in (("softmax", torch.softmax), ("log_softmax", torch.log_softmax)):
                shp = "x".join(str(s) for s in shape)
                lines.append("%s %s %d %s %d %s %s" % (op, shp, dim, special, salt, name, encode(f(x, dim))))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n")
    print("wrote %d cases to %s" % (len(lines), OUT))


if __name__ == "__main__":
    main()
