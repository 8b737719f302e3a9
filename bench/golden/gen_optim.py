#!/usr/bin/env python3
"""Golden values for org.workbook.optim: what torch.optim.SGD and Adam (PyTorch 1.13) really do.

The Java test (lib/src/test/java/org/workbook/optim/OptimGoldenTest.java) replays every case
step by step with our SGD/Adam and compares each intermediate parameter value. Regenerate with

    /usr/bin/python3 bench/golden/gen_optim.py     # writes lib/src/test/resources/golden/optim/

Needs PyTorch 1.13 running its AVX2 CPU kernels (Debian 12: apt-get install python3-torch); the
pyenv python3 on PATH has no torch. Float32 results depend on how the kernels round (fused
multiply-adds in add(alpha=...), the order of addcdiv's operations), which is the point.

Inputs are not stored: the Java test computes them with the same formulas, made only of IEEE
operations that round exactly once (integer arithmetic, one division, one cast), so both sides
get the same bits:

    init(j, i)    = ((i * 37 + j * 11) % 29 - 14) / 9.0              parameter j, element i
    grad(k, j, i) = ((i * 7919 + k * 104729 + j * 31) % 1000 - 500) / 397.0, but 0 when
                    (i + k + j) % 11 == 0 (a zero gradient: Adam's eps path)    step k = 1..5
    each rounded once to the case's dtype. Parameter 0 has shape [7]: all of it goes through the
    scalar tail loop of torch's kernels, which vectorise 2 * 8 float32 or 2 * 4 float64 lanes at a
    time; parameter 1 has shape [2, 9]: 16 vectorised elements and a tail of 2.

File format (plain text; blank lines and '#' comments ignored):

    case NAME DTYPE                  a fresh optimizer, DTYPE float32 or float64
    option KEY VALUE                 its hyper-parameters (VALUE as Python's repr: exact)
    step K                           after the K-th step() ...
    param J v0 v1 ...                ... parameter J, row-major, as exact hex floats (float.hex)
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT_DIR = os.path.join(ROOT, "lib", "src", "test", "resources", "golden", "optim")
SHAPES = [(7,), (2, 9)]
STEPS = 5

# name -> (optimizer, options); the options are torch's keyword arguments.
CASES = [
    ("sgd_plain", "SGD", dict(lr=0.1)),
    ("sgd_momentum", "SGD", dict(lr=0.05, momentum=0.9)),
    ("sgd_dampening", "SGD", dict(lr=0.05, momentum=0.8, dampening=0.3)),
    ("sgd_nesterov", "SGD", dict(lr=0.05, momentum=0.9, nesterov=True)),
    ("sgd_weight_decay", "SGD", dict(lr=0.1, weight_decay=0.01)),
    ("sgd_all", "SGD", dict(lr=0.07, momentum=0.7, weight_decay=0.05, nesterov=True)),
    ("adam_defaults", "Adam", dict()),
    ("adam_custom", "Adam", dict(lr=0.01, betas=(0.8, 0.99), eps=1e-6)),
    ("adam_weight_decay", "Adam", dict(lr=0.02, weight_decay=0.1)),
]


def numel(shape):
    n = 1
    for d in shape:
        n *= d
    return n


def init(j, i):
    return ((i * 37 + j * 11) % 29 - 14) / 9.0


def grad(k, j, i):
    if (i + k + j) % 11 == 0:
        return 0.0
    return ((i * 7919 + k * 104729 + j * 31) % 1000 - 500) / 397.0


def hexes(t):
    """Exact hex floats, trailing zero digits dropped (float32 values use 6 of the 13)."""
    return " ".join(re.sub(r"0+p", "p", float(v).hex()) for v in t.detach().reshape(-1).tolist())


def run_case(torch, name, kind, opts, dtype, lines):
    params = [torch.tensor([init(j, i) for i in range(numel(s))], dtype=dtype).reshape(s).requires_grad_()
              for j, s in enumerate(SHAPES)]
    cls = torch.optim.SGD if kind == "SGD" else torch.optim.Adam
    kw = dict(opts)
    if kind == "SGD":
        kw.setdefault("lr", 0.1)
    opt = cls(params, foreach=False, **kw)  # the single-tensor path, 1.13's default
    lines.append("")
    lines.append("case %s %s" % (name, str(dtype).replace("torch.", "")))
    for group_key in ["lr", "momentum", "dampening", "weight_decay", "nesterov", "betas", "eps"]:
        if group_key in opt.param_groups[0]:
            v = opt.param_groups[0][group_key]
            if group_key == "betas":
                lines.append("option beta1 %r" % v[0])
                lines.append("option beta2 %r" % v[1])
            else:
                lines.append("option %s %r" % (group_key, float(v)))
    for k in range(1, STEPS + 1):
        for j, p in enumerate(params):
            g = torch.tensor([grad(k, j, i) for i in range(p.numel())], dtype=dtype).reshape(p.shape)
            p.grad = g
        opt.step()
        lines.append("step %d" % k)
        for j, p in enumerate(params):
            lines.append("param %d %s" % (j, hexes(p)))


def main():
    import torch
    if not torch.__version__.startswith("1.13"):
        sys.exit("PyTorch 1.13 is required, found " + torch.__version__ + " (use /usr/bin/python3)")
    cap = re.search(r"CPU capability usage: (\w+)", torch.__config__.show())
    if not cap or cap.group(1) != "AVX2":
        sys.exit("PyTorch must run its AVX2 kernels (found %s): the vector width decides rounding"
                 % (cap.group(1) if cap else "unknown"))
    os.makedirs(OUT_DIR, exist_ok=True)
    for kind in ["SGD", "Adam"]:
        lines = ["# torch.optim.%s goldens, made by bench/golden/gen_optim.py" % kind,
                 "# torch %s (CPU capability AVX2), foreach=False" % torch.__version__]
        for dtype in [torch.float32, torch.float64]:
            for name, k, opts in CASES:
                if k == kind:
                    run_case(torch, name, k, opts, dtype, lines)
        path = os.path.join(OUT_DIR, kind.lower() + ".txt")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        print("wrote", os.path.relpath(path, ROOT))


if __name__ == "__main__":
    main()
