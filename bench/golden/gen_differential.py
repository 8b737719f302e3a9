#!/usr/bin/env python3
"""The differential suite's goldens: thousands of seeded random programs run through PyTorch 1.13.

Each case is a short program in a little language (bench/golden/differential_ops.py), with
its inputs' values stored in the case, so Java needs neither Python nor torch's RNG. torch's
results (dtype, shape, exact values, printed string, grad_fn, every leaf's grad, or the error)
go beside it. The JUnit suite lib/src/test/java/org/workbook/differential/ replays every case
through the library and compares.

    /usr/bin/python3 bench/golden/gen_differential.py   # writes lib/src/test/resources/golden/differential/cases.jsonl.gz

Deterministic for a given seed (SEED below) and family table: the same file comes out each time
(gzip's timestamp is fixed at 0). Needs Debian's python3-torch (1.13) and python3-numpy.

File format: gzip'd JSON lines, one case per line:
    {"id": "arith_scalar-0001", "family": ..., "steps": [...], "py": [lines], "java": [lines],
     "out": {var: {"dtype", "shape", "vals", "str", "rg", "fn"} | {"pair": [values, indices], "str"}},
     "grads": {leaf: record | null}}
  or, where torch raised, "error": {"step", "type", "msg", "key"} instead of out/grads.
"vals" is the flattened values, space-separated: Python's repr of each float (exact, as
float32 widens to double exactly), nan/inf/-inf, ints as ints, bools as 0/1.
"""
import gzip
import io
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import differential_cases as dc  # noqa: E402
import differential_families as fam  # noqa: E402
import differential_families_grad as famg  # noqa: E402
import differential_record as rec  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "lib", "src", "test", "resources", "golden", "differential", "cases.jsonl.gz")
SEED = 20261205

FAMILIES = [
    ("arith_scalar", fam.arith_scalar, 1600),
    ("arith_tensor", fam.arith_tensor, 1600),
    ("compare", fam.compare, 900),
    ("unary", fam.unary, 1600),
    ("clamp_where", fam.clamp_where, 800),
    ("reduce", fam.reduce, 1600),
    ("views", fam.views, 1200),
    ("index", fam.index, 1200),
    ("join", fam.join, 600),
    ("convert", fam.convert, 500),
    ("factories", fam.factories, 500),
    ("matmul", famg.matmul, 800),
    ("nn", famg.nn, 1200),
    ("autograd", famg.autograd, 1800),
    ("inplace", famg.inplace, 1000),
    ("predicates", fam.predicates, 500),  # new families go last: each family's RNG is seeded by its position
    ("printing", fam.printing, 800),
    ("modules", famg.modules, 600),
]


def main():
    if not torch.__version__.startswith("1.13"):
        sys.exit("need PyTorch 1.13 (found %s): use Debian's /usr/bin/python3" % torch.__version__)
    torch.set_printoptions(profile="default")
    lines = []
    for fi, (name, build, count) in enumerate(FAMILIES):
        rng = np.random.RandomState(SEED + fi)
        for i in range(count):
            c = dc.Case(rng, name, "%s-%04d" % (name, i))
            build(c)
            case = rec.record(c.to_json())
            lines.append(json.dumps(case, separators=(",", ":"), sort_keys=True))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as gz:
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))
    with open(OUT, "wb") as f:
        f.write(buf.getvalue())
    errors = sum('"error":' in ln for ln in lines)
    print("%d cases (%d where torch raised), %d bytes -> %s" % (len(lines), errors, len(buf.getvalue()), OUT))


if __name__ == "__main__":
    main()
