#!/usr/bin/env python3
"""Golden bits for what torch's float32 sigmoid and softplus compute outside their vector loop.

torch's elementwise kernels (cpu_kernel_vec) run each inner run 16 floats a step through the vector
formula (SLEEF's exp and log1p) and the run's last n % 16 elements, and strided runs entirely, through
the scalar formula (the C library's expf and log1pf). The workbook follows the same split (TorchTails,
GlibcFloatMath); the Java test (lib/src/test/java/org/workbook/backend/cpu/GlibcGoldenTest.java) checks
its bits against these. Also binary cross-entropy, which torch computes with the C library's logf and log1pf on every element,
and the C library's expf, logf and log1pf themselves, called through ctypes. Regenerate
on a machine with Debian 12's PyTorch 1.13 and glibc 2.36 (the project machine) with

    /usr/bin/python3 bench/golden/gen_torch_tails.py   # writes lib/src/test/resources/golden/tensor/torch_tails.txt

File format (plain text; blank lines and '#' comments ignored):

    case NAME OP BETA THRESHOLD LAYOUT D0 D1 ...   OP: sigmoid, softplus, softplus_grad, bce, bce_mean,
                                                   bce_grad, expf, logf or log1pf;
                                                   LAYOUT: contiguous, rows (x[:, :D1] of a wider
                                                   tensor), strided (every other element of a column),
                                                   broadcast (a column [D0, 1] expanded to [D0, D1]),
                                                   expanded (softplus_grad, its gradient one value
                                                   expanded, as .sum()'s backward gives)
    x b0 b1 ...        the inputs in row-major order, hex bits of each float32 (8 digits)
    g b0 b1 ...        softplus_grad: the output's gradient (expanded: one value); bce*: the target
    y b0 b1 ...        torch's (or the C library's) outputs in row-major order; bce: the loss of each
                       element (reduction='none'), bce_mean: the mean loss (one value), bce_grad: the
                       input's gradient of the mean loss
"""
import ctypes
import os

import numpy as np
import torch
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "lib", "src", "test", "resources", "golden", "tensor", "torch_tails.txt")
SPECIAL = [0.0, -0.0, float("nan"), float("inf"), float("-inf"), 88.72, 88.73, -103.9, -104.5, 20.0, 20.001,
           1e-30, -1e-40, 3.4e38, -1.0, -0.9999999]


def bits(a):
    return " ".join("%08x" % v for v in np.ascontiguousarray(a, dtype=np.float32).view(np.uint32).ravel().tolist())


def values(rng, n):
    x = np.concatenate([rng.standard_normal(n) * 6, rng.uniform(-110, 110, n // 4 + 1)])[:n]
    x = x.astype(np.float32)
    k = min(len(SPECIAL), n // 5)
    if k:
        x[rng.choice(n, k, replace=False)] = np.array(SPECIAL, dtype=np.float32)[rng.choice(len(SPECIAL), k)]
    return x


def laid_out(x, layout, shape):
    """x (row-major values of shape) as a tensor in the layout."""
    t = torch.from_numpy(x.reshape(shape))
    if layout == "broadcast":
        return t[:, :1].clone().expand(*shape)
    if layout == "rows":
        wide = torch.zeros(shape[0], shape[1] + 3)
        wide[:, :shape[1]] = t
        return wide[:, :shape[1]]
    if layout == "strided":
        wide = torch.zeros(t.numel(), 2)
        wide[:, 0] = t.reshape(-1)
        return wide[:, 0].view(shape) if len(shape) == 1 else wide[:, 0]
    return t


def torch_case(rng, name, op, beta, thr, layout, shape):
    n = int(np.prod(shape))
    x = values(rng, n)
    if layout == "broadcast":
        x = np.repeat(x.reshape(shape)[:, :1], shape[1], axis=1).ravel()
    xt = laid_out(x, "contiguous" if layout == "expanded" else layout, shape)
    line = ["case %s %s %r %r %s %s" % (name, op, beta, thr, layout, " ".join(map(str, shape))), "x " + bits(x)]
    if op == "sigmoid":
        y = torch.sigmoid(xt)
    elif op == "softplus":
        y = F.softplus(xt, beta=beta, threshold=thr)
    else:
        xg = xt.detach().clone() if layout == "contiguous" or layout == "expanded" else xt.detach()
        xg.requires_grad_()
        if layout == "expanded":
            g1 = np.float32(rng.standard_normal())
            g = torch.tensor(g1).expand(*shape)
            line.append("g " + bits(np.array([g1])))
        else:
            gv = rng.standard_normal(n).astype(np.float32)
            g = laid_out(gv, layout, shape)
            line.append("g " + bits(gv))
        F.softplus(xg, beta=beta, threshold=thr).backward(g)
        y = xg.grad
    return line + ["y " + bits(y.contiguous().numpy()), ""]


def bce_case(rng, op, n):
    p = np.concatenate([rng.uniform(0, 1, n), 1 / (1 + np.exp(-rng.standard_normal(n) * 8))])[:n].astype(np.float32)
    edges = np.array([0.0, 1.0, 1e-30, 1e-45, 2.0 ** -26, 1 - 2.0 ** -24, 0.5, 1e-7], dtype=np.float32)
    k = min(len(edges), n // 3)
    p[:k] = edges[:k]
    t = rng.integers(0, 2, n).astype(np.float32)
    soft = rng.uniform(size=n) < 0.2  # some soft targets as well as 0 and 1
    t[soft] = rng.uniform(0, 1, int(soft.sum())).astype(np.float32)
    pt = torch.from_numpy(p)
    tt = torch.from_numpy(t)
    if op == "bce":
        y = F.binary_cross_entropy(pt, tt, reduction="none")
    elif op == "bce_mean":
        y = F.binary_cross_entropy(pt, tt).reshape(1)
    else:
        pg = pt.clone().requires_grad_()
        F.binary_cross_entropy(pg, tt).backward()
        y = pg.grad
    return ["case %s_n%d %s 1.0 20.0 contiguous %d" % (op, n, op, n), "x " + bits(p), "g " + bits(t),
            "y " + bits(y.detach().numpy()), ""]


def libm_case(rng, op):
    libm = ctypes.CDLL("libm.so.6")
    f = getattr(libm, op)
    f.restype = ctypes.c_float
    f.argtypes = [ctypes.c_float]
    n = 4096
    if op == "expf":
        x = np.concatenate([rng.uniform(-104, 89, n // 2), rng.standard_normal(n // 4) * 10,
                            rng.standard_normal(n // 4) * 1e-6])
    elif op == "logf":
        x = np.concatenate([np.exp(rng.uniform(-103, 88, n // 2)), rng.uniform(0.5, 2, n // 4),
                            rng.integers(1, 0x800000, n // 4).astype(np.uint32).view(np.float32)])
    else:
        x = np.concatenate([np.exp(rng.uniform(-80, 88, n // 2)) - 1, rng.uniform(-1, 1, n // 4),
                            rng.standard_normal(n // 4) * 1e-6])
    x = x.astype(np.float32)
    x[:len(SPECIAL)] = np.array(SPECIAL, dtype=np.float32)
    y = np.array([f(float(v)) for v in x], dtype=np.float32)
    return ["case %s %s 1.0 20.0 contiguous %d" % (op, op, n), "x " + bits(x), "y " + bits(y), ""]


def main():
    torch.set_num_threads(1)
    rng = np.random.default_rng(20261206)
    lines = ["# Generated by bench/golden/gen_torch_tails.py with PyTorch " + torch.__version__
             + " and the C library's expf and log1pf; do not edit."]
    ops = [("sigmoid", 1.0, 20.0), ("softplus", 1.0, 20.0), ("softplus", 2.5, 3.0), ("softplus_grad", 1.0, 20.0),
           ("softplus_grad", 0.5, 4.0)]
    for op, beta, thr in ops:
        tag = op if beta == 1.0 else "%s_b%s" % (op, beta)
        for n in [1, 2, 3, 7, 15, 16, 17, 31, 33, 47, 200]:
            lines += torch_case(rng, "%s_n%d" % (tag, n), op, beta, thr, "contiguous", [n])
        lines += torch_case(rng, tag + "_0d", op, beta, thr, "contiguous", [])
        lines += torch_case(rng, tag + "_3x5x7", op, beta, thr, "contiguous", [3, 5, 7])
        lines += torch_case(rng, tag + "_rows20", op, beta, thr, "rows", [40, 20])
        lines += torch_case(rng, tag + "_rows9", op, beta, thr, "rows", [30, 9])
        lines += torch_case(rng, tag + "_strided", op, beta, thr, "strided", [500])
        if op == "softplus_grad":
            lines += torch_case(rng, tag + "_expanded", op, beta, thr, "expanded", [5, 21])
        else:
            lines += torch_case(rng, tag + "_broadcast", op, beta, thr, "broadcast", [64, 20])
    for op in ["bce", "bce_mean", "bce_grad"]:
        for n in [1, 5, 17, 200]:
            lines += bce_case(rng, op, n)
    lines += libm_case(rng, "expf")
    lines += libm_case(rng, "logf")
    lines += libm_case(rng, "log1pf")
    with open(OUT, "w") as f:
        f.write("\n".join(lines))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
