#!/usr/bin/env python3
"""Golden values for the convolution layers: what PyTorch 1.13 computes for conv2d, max/avg/adaptive
pooling, batch_norm, pad and seeded dropout, forward and backward, on seeded random cases; module reprs; the first
layer weights torch's default init draws after manual_seed; and torch's error messages.

The Java test (lib/src/test/java/org/workbook/nn/ConvGoldenTest.java) rebuilds each case from the
stored inputs, runs our op, backpropagates sum(y * gy) and compares y, every input's gradient,
the grad_fn name and (batch norm) the running statistics after the step. Regenerate with

    OMP_NUM_THREADS=1 /usr/bin/python3 bench/golden/gen_conv.py   # writes lib/src/test/resources/golden/conv/cases.txt.gz

(one thread: torch's float64 reductions then come out the same, last bits included, on every run)

(Debian 12's python3-torch; the pyenv python3 on PATH has no torch.)

File format (gzipped plain text; blank lines and '#' comments ignored):

    case NAME OP DTYPE          a case; OP is conv2d, max_pool2d, avg_pool2d, adaptive_avg_pool2d,
                                batch_norm, pad, dropout, init_conv2d, bn_module, repr or error
    opt KEY VALUE               an argument: ints as "2" or "2,1", true/false, strings, none
    t ROLE SHAPE V0 V1 ...      a tensor (SHAPE "2x3x4", "-" for 0-d), values as exact hex floats:
                                inputs x, w, b, rm, rv, gy; expected y, gx, gw, gb, rm_after, rv_after
    gradfn NAME                 y.grad_fn's name
    text LINE                   the expected repr (one line per repr line) or error message
"""
import gzip
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "lib", "src", "test", "resources", "golden", "conv", "cases.txt.gz")


def hexes(t):
    return " ".join(re.sub(r"0+p", "p", float(v).hex()) for v in t.detach().reshape(-1).tolist())


def shape(t):
    return "x".join(str(d) for d in t.shape) if t.dim() else "-"


def emit(lines, role, t):
    lines.append("t %s %s %s" % (role, shape(t), hexes(t)))


def pair(v):
    return "%d,%d" % tuple(v) if isinstance(v, (tuple, list)) else str(v)


def run(torch, lines, name, op, dtype, inputs, fn, opts):
    """inputs: role -> tensor (x first); fn(*tensors) -> y. Gradients for every floating input."""
    lines.append("")
    lines.append("case %s %s %s" % (name, op, str(dtype).replace("torch.", "")))
    for k, v in opts.items():
        lines.append("opt %s %s" % (k, v))
    leaves = {}
    for role, t in inputs.items():
        t = t.to(dtype)
        emit(lines, role, t)
        leaves[role] = t.clone().requires_grad_(role in ("x", "w", "b"))
    y = fn(leaves)
    gy = torch.randn(y.shape, dtype=dtype)
    emit(lines, "gy", gy)
    emit(lines, "y", y)
    lines.append("gradfn %s" % type(y.grad_fn).__name__)
    (y * gy).sum().backward()
    for role in ("x", "w", "b"):
        if role in leaves and leaves[role].grad is not None:
            emit(lines, "g" + role, leaves[role].grad)
    for role in ("rm", "rv"):
        if role in leaves:
            emit(lines, role + "_after", leaves[role])


def conv_cases(torch, F, lines, rng):
    for i in range(30):
        g = rng.choice([1, 1, 2, 3])
        cin, cout = g * rng.randint(1, 2), g * rng.randint(1, 3)
        kh, kw = rng.randint(1, 4), rng.randint(1, 3)
        same = i % 5 == 4
        stride = (1, 1) if same else (rng.randint(1, 4), rng.randint(1, 3))
        pad = "same" if same else (rng.randint(0, 3), rng.randint(0, 2))
        dil = (rng.randint(1, 2), rng.randint(1, 2))
        n = rng.randint(1, 3)
        h = dil[0] * (kh - 1) + 1 + rng.randint(0, 6)
        w = dil[1] * (kw - 1) + 1 + rng.randint(0, 6)
        bias = i % 4 != 3
        inputs = {"x": torch.randn(n, cin, h, w), "w": torch.randn(cout, cin // g, kh, kw)}
        if bias:
            inputs["b"] = torch.randn(cout)
        opts = {"stride": pair(stride), "padding": pair(pad), "dilation": pair(dil), "groups": g}
        for dtype in (torch.float32, torch.float64):
            run(torch, lines, "conv%d" % i, "conv2d", dtype, inputs,
                lambda t: F.conv2d(t["x"], t["w"], t.get("b"), stride, pad, dil, g), opts)


def pool_cases(torch, F, lines, rng):
    for i in range(24):
        k = (rng.randint(1, 4), rng.randint(1, 3))
        stride = (rng.randint(1, 4), rng.randint(1, 3))
        pad = (rng.randint(0, k[0] // 2), rng.randint(0, k[1] // 2))
        ceil = i % 3 == 1
        n, c = rng.randint(1, 2), rng.randint(1, 3)
        h, w = k[0] * 2 + rng.randint(0, 5), k[1] * 2 + rng.randint(0, 5)
        x = torch.randn(n, c, h, w)
        dil = (1 + i % 2, 1)
        out = (1, 1) if i % 4 == 0 else (rng.randint(1, h + 1), rng.randint(1, w))  # 1x1: torch takes a mean
        opts = {"kernel": pair(k), "stride": pair(stride), "padding": pair(pad), "ceil_mode": str(ceil).lower()}
        for dtype in (torch.float32, torch.float64):
            run(torch, lines, "maxpool%d" % i, "max_pool2d", dtype, {"x": x},
                lambda t: F.max_pool2d(t["x"], k, stride, pad, dil, ceil), dict(opts, dilation=pair(dil)))
            cip = i % 2 == 0
            div = 3 if i % 5 == 2 else None
            run(torch, lines, "avgpool%d" % i, "avg_pool2d", dtype, {"x": x},
                lambda t: F.avg_pool2d(t["x"], k, stride, pad, ceil, cip, div),
                dict(opts, count_include_pad=str(cip).lower(), divisor_override=div or 0))
            run(torch, lines, "adaptive%d" % i, "adaptive_avg_pool2d", dtype, {"x": x},
                lambda t: F.adaptive_avg_pool2d(t["x"], out), {"output_size": pair(out)})


def norm_pad_cases(torch, F, lines, rng):
    for i in range(12):
        c = rng.randint(1, 4)
        shp = [(rng.randint(2, 4), c, rng.randint(1, 4), rng.randint(1, 4)), (rng.randint(2, 5), c),
               (rng.randint(1, 3), c, rng.randint(2, 4))][i % 3]
        training = i % 4 != 3
        affine = i % 5 != 4
        inputs = {"x": torch.randn(*shp) * 2 + 0.5, "rm": torch.randn(c), "rv": torch.rand(c) + 0.5}
        if affine:
            inputs["w"] = torch.randn(c)
            inputs["b"] = torch.randn(c)
        mom = 0.1 if i % 2 else 0.3
        for dtype in (torch.float32, torch.float64):
            run(torch, lines, "bn%d" % i, "batch_norm", dtype, inputs,
                lambda t: F.batch_norm(t["x"], t["rm"], t["rv"], t.get("w"), t.get("b"), training, mom, 1e-5),
                {"training": str(training).lower(), "momentum": repr(mom), "eps": "1e-05"})
    for i in range(8):
        x = torch.randn(2, rng.randint(1, 3), rng.randint(2, 5), rng.randint(2, 5))
        p = [rng.randint(-1, 3) for _ in range(2 * rng.randint(1, 3))]
        val = [0.0, 1.5][i % 2]
        for dtype in (torch.float32, torch.float64):
            run(torch, lines, "pad%d" % i, "pad", dtype, {"x": x}, lambda t: F.pad(t["x"], p, "constant", val),
                {"pad": ",".join(map(str, p)), "value": repr(val)})


def init_and_repr_cases(torch, nn, lines):
    for seed, args in [(0, (1, 4, 3)), (5, (4, 8, 3)), (7, (6, 4, 2))]:
        torch.manual_seed(seed)
        conv = nn.Conv2d(*args, stride=2, padding=1, groups=2 if args[0] == 6 else 1)
        lines += ["", "case init%d init_conv2d float32" % seed, "opt seed %d" % seed,
                  "opt shape %d,%d,%d" % args, "opt groups %d" % conv.groups]
        emit(lines, "w", conv.weight)
        emit(lines, "b", conv.bias)
    reprs = [("conv_default", nn.Conv2d(1, 8, 3)), ("conv_s2p1", nn.Conv2d(1, 8, 3, stride=2, padding=1)),
             ("conv_all", nn.Conv2d(4, 8, (3, 3), padding=2, dilation=2, groups=2, bias=False)),
             ("conv_same", nn.Conv2d(2, 2, 3, padding="same")),
             ("maxpool", nn.MaxPool2d(2)), ("avgpool", nn.AvgPool2d(3, 2, 1)),
             ("adaptive", nn.AdaptiveAvgPool2d(1)), ("bn2d", nn.BatchNorm2d(8)),
             ("bn1d", nn.BatchNorm1d(10, momentum=None, affine=False)), ("dropout", nn.Dropout(0.25)),
             ("seq", nn.Sequential(nn.Conv2d(1, 4, 3, 2, 1), nn.BatchNorm2d(4), nn.ReLU(), nn.Flatten()))]
    for name, m in reprs:
        lines += ["", "case %s repr float32" % name] + ["text " + l for l in repr(m).split("\n")]


def error_cases(torch, F, lines):
    x = torch.randn(2, 3, 8, 8)
    tries = [("conv_channels", lambda: F.conv2d(x, torch.randn(4, 2, 3, 3))),
             ("conv_input_dims", lambda: F.conv2d(torch.randn(8, 8), torch.randn(4, 3, 3, 3))),
             ("conv_kernel_too_big", lambda: F.conv2d(x, torch.randn(4, 3, 9, 9))),
             ("conv_groups", lambda: F.conv2d(x, torch.randn(4, 1, 3, 3), groups=3)),
             ("conv_groups_weight", lambda: F.conv2d(torch.randn(2, 4, 8, 8), torch.randn(3, 2, 3, 3), groups=2)),
             ("conv_bias", lambda: F.conv2d(x, torch.randn(4, 3, 3, 3), torch.randn(5))),
             ("conv_same_stride", lambda: F.conv2d(x, torch.randn(4, 3, 3, 3), stride=2, padding="same")),
             ("conv_stride", lambda: F.conv2d(x, torch.randn(4, 3, 3, 3), stride=0)),
             ("conv_padding", lambda: F.conv2d(x, torch.randn(4, 3, 3, 3), padding=-1)),
             ("maxpool_pad", lambda: F.max_pool2d(x, 3, 1, 2)),
             ("avgpool_pad", lambda: F.avg_pool2d(x, 3, 1, 2)),
             ("maxpool_small", lambda: F.max_pool2d(torch.randn(1, 1, 2, 2), 3)),
             ("bn_features", lambda: F.batch_norm(x, torch.zeros(4), torch.ones(4), training=True)),
             ("bn_one_value", lambda: F.batch_norm(torch.randn(1, 4), None, None, training=True)),
             ("bn2d_dims", lambda: torch.nn.BatchNorm2d(3)(torch.randn(2, 3))),
             ("bn1d_dims", lambda: torch.nn.BatchNorm1d(3)(x)),
             ("dropout_p", lambda: F.dropout(x, 1.5)),
             ("pad_odd", lambda: F.pad(x, [1, 2, 3])),
             ("pad_long", lambda: F.pad(torch.randn(2), [1, 1, 1, 1]))]
    for name, f in tries:
        try:
            f()
            sys.exit("expected an error from " + name)
        except (RuntimeError, ValueError, AssertionError) as e:
            msg = str(e).split("\n")[0]
            lines += ["", "case %s error float32" % name, "text " + msg]


def bn_module_cases(torch, nn, lines):
    """BatchNorm1d/2d modules: three training steps (running statistics, num_batches_tracked), then eval."""
    for name, m, shp in [("bn2d_module", nn.BatchNorm2d(3), (4, 3, 2, 3)),
                         ("bn2d_cumulative", nn.BatchNorm2d(3, momentum=None), (2, 3, 3, 2)),
                         ("bn1d_module", nn.BatchNorm1d(5, momentum=0.3), (6, 5))]:
        lines += ["", "case %s bn_module float32" % name, "opt momentum %r" % m.momentum]
        for step in range(3):
            x = torch.randn(*shp) * (step + 1) + step
            emit(lines, "x%d" % step, x)
            m(x)
        emit(lines, "rm_after", m.running_mean)
        emit(lines, "rv_after", m.running_var)
        lines.append("opt tracked %d" % m.num_batches_tracked.item())
        m.eval()
        x = torch.randn(*shp)
        emit(lines, "x", x)
        y = m(x)
        emit(lines, "y", y)
        lines.append("gradfn %s" % type(y.grad_fn).__name__)


def dtype_error_cases(torch, F, lines):
    d = torch.float64
    tries = [("conv_weight_dtype", lambda: F.conv2d(torch.randn(1, 1, 4, 4, dtype=d), torch.randn(1, 1, 3, 3))),
             ("conv_bias_dtype", lambda: F.conv2d(torch.randn(1, 1, 4, 4), torch.randn(1, 1, 3, 3),
                                                   torch.randn(1, dtype=d))),
             ("maxpool_long", lambda: F.max_pool2d(torch.ones(1, 1, 4, 4, dtype=torch.long), 2))]
    for name, f in tries:
        try:
            f()
            sys.exit("expected an error from " + name)
        except RuntimeError as e:
            lines += ["", "case %s error float32" % name, "text " + str(e).split("\n")[0]]


def dropout_cases(torch, F, lines, rng):
    """F.dropout in training after manual_seed: torch's CPU mask (bernoulli_(1 - p): one float64
    uniform per element, kept below 1 - p), the 1/(1-p) scale in the dtype, MulBackward0."""
    for i, p in enumerate((0.1, 0.25, 0.5, 0.8, 1.0)):
        x = torch.randn(rng.randint(1, 4), rng.randint(1, 5), rng.randint(1, 6))
        seed = 100 + i
        for dtype in (torch.float32, torch.float64):
            def fn(t, p=p, seed=seed):
                torch.manual_seed(seed)
                return F.dropout(t["x"], p, True)
            run(torch, lines, "dropout%d" % i, "dropout", dtype, {"x": x}, fn, {"p": repr(p), "seed": str(seed)})


def main():
    import torch
    import torch.nn.functional as F
    import warnings
    warnings.filterwarnings("ignore", "Using padding='same'")
    if not torch.__version__.startswith("1.13"):
        sys.exit("PyTorch 1.13 is required, found " + torch.__version__ + " (use /usr/bin/python3)")
    torch.manual_seed(1713)
    rng = random.Random(1713)
    lines = ["# conv2d / pooling / batch_norm / pad goldens, made by bench/golden/gen_conv.py",
             "# torch %s" % torch.__version__]
    conv_cases(torch, F, lines, rng)
    pool_cases(torch, F, lines, rng)
    norm_pad_cases(torch, F, lines, rng)
    init_and_repr_cases(torch, torch.nn, lines)
    error_cases(torch, F, lines)
    bn_module_cases(torch, torch.nn, lines)
    dtype_error_cases(torch, F, lines)
    dropout_cases(torch, F, lines, rng)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with gzip.GzipFile(OUT, "wb", mtime=0) as f:  # mtime 0: the same bytes on every run
        f.write(("\n".join(lines) + "\n").encode())
    print("wrote", os.path.relpath(OUT, ROOT), "(%d lines)" % len(lines))


if __name__ == "__main__":
    main()
