#!/usr/bin/env python3
"""Golden values for org.workbook.random: what numpy, PyTorch and glibc really produce.

The Java tests compare NumpyRandom, Generator and GlibcLog with these files bit for bit, so
they run without Python. Regenerate them after changing what is covered:

    python3 bench/golden/gen_random.py              # writes lib/src/test/resources/golden/random/
    python3 bench/golden/gen_random.py --log-table  # also rewrites GlibcLog's constant table

Needs numpy (any version: the legacy RandomState stream is frozen) and PyTorch 1.13 on an x86-64
CPU with AVX2 and FMA, on glibc >= 2.28 (Debian 12: apt-get install python3-numpy python3-torch).
Older PyTorch or a CPU without AVX2 take other code paths, so the script refuses them.

File format (plain text, one generator run per block, blank lines and '#' comments ignored):

    seed 42                          start a fresh generator: np.random.seed(42) / manual_seed(42)
    seed_array 1 2 3                 numpy only: np.random.seed([1, 2, 3])
    seed default                     torch only: a generator never seeded (initial seed 67280421310721)
    call normal 0 0.15 shape 20      one call on that generator; numbers are its arguments
    = 0x1.312b6e2ce0a48p-4 ...       what it returned, row-major; floats as exact hex (float.hex)

'shape' is omitted for scalar calls; 'shape' with no numbers is a 0-d call. Integers are decimal.
log.txt holds lines 'x log(x)' in hex, from math.log (glibc's log).
"""
import argparse
import ctypes
import math
import os
import platform
import random
import re
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT_DIR = os.path.join(ROOT, "lib", "src", "test", "resources", "golden", "random")
TABLE_JAVA = os.path.join(ROOT, "lib", "src", "main", "java", "org", "workbook", "random",
                          "GlibcLogTable.java")


def fmt(values):
    """Exact text for a list of numbers: ints in decimal, floats as hex."""
    out = []
    for v in values:
        if isinstance(v, bool):
            raise TypeError("booleans are not golden values")
        if isinstance(v, int):
            out.append(str(v))
        else:
            v = float(v)
            if not math.isfinite(v):
                raise ValueError("non-finite golden value %r" % v)
            out.append(v.hex())
    return " ".join(out)


def flat(x):
    """Row-major Python numbers from a numpy array, a tensor, a list or a scalar."""
    if hasattr(x, "detach"):
        x = x.detach().numpy()
    if hasattr(x, "ravel"):
        return x.ravel().tolist()
    if isinstance(x, list):
        return list(x)
    return [x.item() if hasattr(x, "item") else x]


class Writer:
    def __init__(self, header):
        self.lines = ["# " + h for h in header] + [""]

    def seed(self, text):
        self.lines += ["", "seed " + text]

    def seed_array(self, key):
        self.lines += ["", "seed_array " + " ".join(str(k) for k in key)]

    def call(self, method, args, shape, result):
        line = "call " + method
        if args:
            line += " " + fmt(args)
        if shape is not None:
            line += " shape" + "".join(" %d" % d for d in shape)
        self.lines.append(line)
        self.lines.append("= " + fmt(flat(result)) if len(flat(result)) else "=")

    def save(self, name):
        path = os.path.join(OUT_DIR, name)
        with open(path, "w") as f:
            f.write("\n".join(self.lines) + "\n")
        print("wrote", os.path.relpath(path, ROOT))


def numpy_goldens():
    import numpy as np
    w = Writer(["numpy legacy RandomState (MT19937) goldens, made by bench/golden/gen_random.py",
                "numpy %s, %s, %s" % (np.__version__, platform.machine(), platform.libc_ver())])

    # The lesson's data: np.random.seed(42); noise = normal(0, scale, x.shape), x of shape (20, 1).
    w.seed("42")
    rs = np.random.RandomState(42)
    w.call("normal", [0, 0.15], (20, 1), rs.normal(0, 0.15, (20, 1)))
    w.call("normal", [0, 1.5], (20, 1), rs.normal(0, 1.5, (20, 1)))

    w.seed("42")  # the acceptance check: normal(0, 0.15, 20) from a fresh seed
    w.call("normal", [0, 0.15], (20,), np.random.RandomState(42).normal(0, 0.15, 20))

    for seed in [0, 1, 7, 42, 123, 2024, 12345, 1234567890, 2**32 - 1]:
        rs = np.random.RandomState(seed)
        w.seed(str(seed))
        w.call("random_sample", [], None, rs.random_sample())
        w.call("random_sample", [], (5,), rs.random_sample(5))
        w.call("random_sample", [], (2, 3), rs.random_sample((2, 3)))
        w.call("normal", [0, 0.15], (20,), rs.normal(0, 0.15, 20))
        w.call("normal", [0, 1], None, rs.normal(0, 1))  # leaves a cached Gaussian behind
        w.call("standard_normal", [], (7,), rs.standard_normal(7))
        w.call("normal", [5, 2], None, rs.normal(5, 2))
        w.call("standard_normal", [], None, rs.standard_normal())
        w.call("random_sample", [], (0,), rs.random_sample(0))
        w.call("normal", [-3, 0.5], (2, 0), rs.normal(-3, 0.5, (2, 0)))
        w.call("uniform", [-1, 2], (6,), rs.uniform(-1, 2, 6))
        w.call("uniform", [0, 1], None, rs.uniform())
        w.call("uniform", [10, -10], (3,), rs.uniform(10, -10, 3))
        w.call("randint", [0, 10], (12,), rs.randint(0, 10, 12))
        w.call("randint", [-5, 5], None, rs.randint(-5, 5))
        w.call("randint", [7, 8], (3,), rs.randint(7, 8, 3))  # one value: draws nothing
        w.call("randint", [0, 2**32], (4,), rs.randint(0, 2**32, 4))  # full 32-bit range
        w.call("randint", [-100, 2**32 - 100], (2,), rs.randint(-100, 2**32 - 100, 2))
        w.call("randint", [0, 2**40], (4,), rs.randint(0, 2**40, 4))
        w.call("randint", [-2**62, 2**62], (3,), rs.randint(-2**62, 2**62, 3))
        w.call("randint", [-2**63, 2**63 - 1], (3,), rs.randint(-2**63, 2**63 - 1, 3))
        w.call("randint", [0, 1000], (2, 2), rs.randint(0, 1000, (2, 2)))
        w.call("permutation", [10], None, rs.permutation(10))
        w.call("permutation", [0], None, rs.permutation(0))
        w.call("permutation", [1], None, rs.permutation(1))
        a = np.arange(15)
        rs.shuffle(a)
        w.call("shuffle", [15], None, a)
        w.call("random_sample", [], (3,), rs.random_sample(3))

    w.seed("99")  # long runs: many twists of the state, rejection loops, odd Gaussian counts
    rs = np.random.RandomState(99)
    w.call("standard_normal", [], (3001,), rs.standard_normal(3001))
    w.call("random_sample", [], (1000,), rs.random_sample(1000))
    w.call("randint", [0, 1000], (1000,), rs.randint(0, 1000, 1000))
    w.call("permutation", [500], None, rs.permutation(500))
    w.call("normal", [1, 3], (999,), rs.normal(1, 3, 999))

    for key in ([1, 2, 3], [0], [2**32 - 1, 5]):
        rs = np.random.RandomState(key)
        w.seed_array(key)
        w.call("random_sample", [], (4,), rs.random_sample(4))
        w.call("normal", [0, 1], (3,), rs.normal(0, 1, 3))
    w.save("numpy.txt")


def torch_goldens():
    import torch
    if not torch.__version__.startswith("1.13"):
        sys.exit("PyTorch 1.13 is required for the torch goldens, found " + torch.__version__)
    cap = re.search(r"CPU capability usage: (\w+)", torch.__config__.show())
    if not cap or cap.group(1) != "AVX2":
        sys.exit("PyTorch must run its AVX2 kernels (found %s): randn's vectorised path differs"
                 % (cap.group(1) if cap else "unknown"))
    w = Writer(["PyTorch CPU generator goldens, made by bench/golden/gen_random.py",
                "torch %s (CPU capability AVX2), %s" % (torch.__version__, platform.machine())])

    def g_for(seed):
        g = torch.Generator()
        if seed is not None:
            g.manual_seed(seed)
        return g

    for seed in [0, 1, 42, 123, 2024, 2**32 + 5, -1, None]:
        g = g_for(seed)
        w.seed("default" if seed is None else str(seed))
        for n in [1, 5, 15, 16, 17, 20, 33, 100]:
            w.call("randn", [], (n,), torch.randn(n, generator=g))
        w.call("randn", [], (3, 4), torch.randn(3, 4, generator=g))  # 12 < 16: per element
        w.call("randn", [], (4, 5), torch.randn(4, 5, generator=g))
        w.call("randn", [], (0,), torch.randn(0, generator=g))
        w.call("rand", [], (5,), torch.rand(5, generator=g))
        w.call("rand", [], (2, 10), torch.rand(2, 10, generator=g))
        w.call("randint", [0, 10], (12,), torch.randint(0, 10, (12,), generator=g))
        w.call("randint", [-5, 5], (7,), torch.randint(-5, 5, (7,), generator=g))
        w.call("randint", [0, 2**33], (4,), torch.randint(0, 2**33, (4,), generator=g))
        w.call("randint", [-2**40, 2**40], (3,), torch.randint(-2**40, 2**40, (3,), generator=g))
        w.call("randperm", [10], None, torch.randperm(10, generator=g))
        w.call("randperm", [0], None, torch.randperm(0, generator=g))
        w.call("randperm", [1], None, torch.randperm(1, generator=g))
        w.call("uniform_", [-3, 5], (20,), torch.empty(20).uniform_(-3, 5, generator=g))
        w.call("normal_", [2, 3], (20,), torch.empty(20).normal_(2, 3, generator=g))
        w.call("normal_", [2, 3], (5,), torch.empty(5).normal_(2, 3, generator=g))
        w.call("rand_double", [], (6,), torch.rand(6, dtype=torch.float64, generator=g))
        w.call("uniform_double", [-3, 5], (5,),
               torch.empty(5, dtype=torch.float64).uniform_(-3, 5, generator=g))
        w.call("randn_double", [], (5,), torch.randn(5, dtype=torch.float64, generator=g))
        w.call("randn_double", [], (20,), torch.randn(20, dtype=torch.float64, generator=g))
        w.call("randn", [], (3,), torch.randn(3, generator=g))

    g = g_for(7)  # long runs
    w.seed("7")
    w.call("randn", [], (5000,), torch.randn(5000, generator=g))
    w.call("rand", [], (1000,), torch.rand(1000, generator=g))
    w.call("randperm", [1000], None, torch.randperm(1000, generator=g))
    w.call("randint", [0, 1000], (1000,), torch.randint(0, 1000, (1000,), generator=g))
    w.call("randn", [], (1001,), torch.randn(1001, generator=g))
    w.save("torch.txt")


def log_goldens():
    rnd = random.Random(2024)
    xs = [1.0, 0.5, 2.0, 0.1, 10.0, 1e-300, 5e-324, 2.2250738585072014e-308,
          2.225073858507201e-308, 1.7976931348623157e308, 1 - 2**-53, 1 + 2**-52,
          1 - 2**-4, 1 + 0x109 * 2**-12, 1 - 2**-4 - 2**-56, 1 + 0x109 * 2**-12 + 2**-52,
          math.pi, math.e]
    xs += [rnd.random() for _ in range(3000)]
    xs += [1 + rnd.uniform(-0.07, 0.07) for _ in range(1500)]
    xs += [math.ldexp(rnd.random(), rnd.randint(-1070, 1020)) for _ in range(1500)]
    lines = ["# x log(x) from math.log (glibc %s, %s), made by bench/golden/gen_random.py"
             % (platform.libc_ver()[1], platform.machine())]
    lines += ["%s %s" % (x.hex(), math.log(x).hex()) for x in xs if x > 0]
    path = os.path.join(OUT_DIR, "log.txt")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote", os.path.relpath(path, ROOT))


def libm_path():
    ctypes.CDLL("libm.so.6")
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1]
            if os.path.basename(path).startswith("libm.so"):
                return path
    sys.exit("libm.so.6 is not mapped into this process; is this glibc?")


def log_table():
    """Copies glibc's __log_data (Arm optimized-routines' table) out of the system libm."""
    data = open(libm_path(), "rb").read()
    ln2hi = struct.pack("<d", float.fromhex("0x1.62e42fefa3800p-1"))
    ln2lo = struct.pack("<d", float.fromhex("0x1.ef35793c76730p-45"))
    count = 2 + 5 + 11 + 256
    for m in re.finditer(re.escape(ln2hi + ln2lo), data):
        v = struct.unpack("<%dd" % count, data[m.start():m.start() + 8 * count])
        a, b, tab = v[2:7], v[7:18], v[18:]
        # __log_data: poly A starts just under -0.5, poly1 B[0] is exactly -0.5, and the
        # first 1/c is about 1/0.6875 (other tables in libm start with ln2 too).
        if -0.5000001 < a[0] < -0.5 and b[0] == -0.5 and 1.45 < tab[0] < 1.46:
            break
    else:
        sys.exit("glibc's log table (__log_data) was not found in " + libm_path())

    def bits(x):
        return "0x%016xL" % struct.unpack("<Q", struct.pack("<d", x))[0]

    out = ["package org.workbook.random;", "",
           "/**",
           " * Constants of glibc's double-precision {@code log} (used by {@link GlibcLog}): ln 2 in",
           " * two parts, the polynomial coefficients, and 128 pairs {@code 1/c, log(c)}, as IEEE bit",
           " * patterns. They come from Arm's optimized-routines (MIT license, Copyright (c) 2018 Arm",
           " * Ltd), which glibc has used since 2.28. Generated by",
           " * {@code python3 bench/golden/gen_random.py --log-table} from the system libm; do not edit.",
           " */",
           "final class GlibcLogTable {",
           "    static final long LN2_HI = %s;" % bits(v[0]),
           "    static final long LN2_LO = %s;" % bits(v[1]), "",
           "    static final long[] POLY = {"]
    out += ["        %s," % bits(x) for x in a]
    out += ["    };", "", "    static final long[] POLY1 = {"]
    out += ["        %s," % bits(x) for x in b]
    out += ["    };", "", "    /** invc, logc for each of the 128 subintervals. */",
            "    static final long[] TAB = {"]
    out += ["        %s, %s," % (bits(tab[2 * i]), bits(tab[2 * i + 1])) for i in range(128)]
    out += ["    };", "", "    private GlibcLogTable() {", "    }", "}"]
    with open(TABLE_JAVA, "w") as f:
        f.write("\n".join(out) + "\n")
    print("wrote", os.path.relpath(TABLE_JAVA, ROOT))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--log-table", action="store_true",
                   help="also rewrite GlibcLogTable.java from the system libm")
    p.add_argument("--only", choices=["numpy", "torch", "log"], help="write one file only")
    args = p.parse_args()
    os.makedirs(OUT_DIR, exist_ok=True)
    if args.log_table:
        log_table()
    if args.only in (None, "numpy"):
        numpy_goldens()
    if args.only in (None, "torch"):
        torch_goldens()
    if args.only in (None, "log"):
        log_goldens()


if __name__ == "__main__":
    main()
