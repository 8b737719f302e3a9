"""Case families for tensors without autograd in focus: arithmetic with tensor and scalar
operands, comparisons, unary math, clamp/where, reductions, views, indexing, joining,
conversions and factories. Each family builds one random program on a Case; inputs that are
floating point sometimes require grad, and then the program ends in a weighted backward.
"""
import numpy as np

import differential_cases as dc
from differential_cases import ALL, FLOATS, INTS

UNARY = ["neg", "abs", "exp", "log", "sqrt", "sigmoid", "relu", "tanh", "sin", "cos", "square",
         "reciprocal", "log1p", "expm1", "sign", "floor", "ceil", "round", "logical_not", "leaky_relu"]
DIFFERENTIABLE_UNARY = ["neg", "abs", "exp", "log", "sqrt", "sigmoid", "relu", "tanh", "sin", "cos",
                        "square", "reciprocal", "log1p", "expm1", "leaky_relu"]


def maybe_rg(c, dt):
    return dt in FLOATS and c.rng.rand() < 0.35


def finish(c, out):
    """If out is a floating tensor that requires grad, backpropagate through it."""
    if c.dead or out not in c.env:
        return
    t = c.env[out]
    if getattr(t, "requires_grad", False) and t.dtype.is_floating_point:
        dc.weighted_backward(c, out, c.dt(out), c.shp(out))


def unary_step(c, x, name):
    return c.op(name, [x], {"slope": [0.01, 0.2][c.rng.randint(2)]} if name == "leaky_relu" else None)


def arith_scalar(c):
    dt = dc.dtype(c.rng)
    x = dc.noncontig(c, c.inp(dt, dc.shape(c.rng), maybe_rg(c, dt), special=c.rng.rand() < 0.2))
    name = ["add", "sub", "mul", "div", "pow", "rsub", "rdiv"][c.rng.randint(7)]
    y = c.op(name, [x, dc.scalar(c.rng, special=c.rng.rand() < 0.2)])
    if c.rng.rand() < 0.3:
        y = c.op(["add", "mul", "sub"][c.rng.randint(3)], [y, dc.scalar(c.rng)])
    finish(c, y)


def arith_tensor(c):
    s1 = dc.shape(c.rng)
    s2 = dc.broadcast_partner(c.rng, s1)
    if c.rng.rand() < 0.5:
        s1, s2 = s2, s1
    d1, d2 = dc.dtype(c.rng), dc.dtype(c.rng)
    x = dc.noncontig(c, c.inp(d1, s1, maybe_rg(c, d1), special=c.rng.rand() < 0.15))
    y = c.inp(d2, s2, maybe_rg(c, d2), special=c.rng.rand() < 0.15, lo=-3, hi=4)
    name = ["add", "sub", "mul", "div", "pow", "maximum", "minimum"][c.rng.randint(7)]
    z = c.op(name, [x, y])
    finish(c, z)


def compare(c):
    s1 = dc.shape(c.rng)
    d1 = dc.dtype(c.rng)
    x = dc.noncontig(c, c.inp(d1, s1, special=c.rng.rand() < 0.3, lo=-2, hi=3))
    name = ["lt", "le", "gt", "ge", "eq", "ne", "logical_and", "logical_or", "logical_xor"][c.rng.randint(9)]
    if name.startswith("logical") or c.rng.rand() < 0.5:
        y = c.inp(dc.dtype(c.rng), dc.broadcast_partner(c.rng, s1), lo=-2, hi=3)
    else:
        y = dc.scalar(c.rng, special=True)
    z = c.op(name, [x, y])
    if c.rng.rand() < 0.3:
        c.op("logical_not", [z])


def unary(c):
    name = UNARY[c.rng.randint(len(UNARY))]
    dt = dc.dtype(c.rng)
    x = dc.noncontig(c, c.inp(dt, dc.shape(c.rng), maybe_rg(c, dt), special=c.rng.rand() < 0.35))
    y = unary_step(c, x, name)
    if c.rng.rand() < 0.25:
        y = unary_step(c, y, DIFFERENTIABLE_UNARY[c.rng.randint(len(DIFFERENTIABLE_UNARY))])
    finish(c, y)


def clamp_where(c):
    dt = dc.dtype(c.rng, FLOATS + INTS)
    shp = dc.shape(c.rng)
    x = dc.noncontig(c, c.inp(dt, shp, maybe_rg(c, dt), special=c.rng.rand() < 0.25))
    r = c.rng.rand()
    if r < 0.5:
        lo, hi = dc.scalar(c.rng), dc.scalar(c.rng)
        name = ["clamp", "clamp_min", "clamp_max"][c.rng.randint(3)]
        y = c.op(name, [x, lo, hi] if name == "clamp" else [x, lo])
    else:
        cond = c.inp("bool", dc.broadcast_partner(c.rng, shp))
        other = dc.scalar(c.rng) if c.rng.rand() < 0.4 else c.inp(dc.dtype(c.rng, FLOATS + INTS),
                                                                    dc.broadcast_partner(c.rng, shp))
        y = c.op("where", [cond, x, other] if c.rng.rand() < 0.5 else [cond, other, x])
    finish(c, y)


def reduce(c):
    name = ["sum", "mean", "var", "std", "prod", "max", "min", "argmax", "argmin", "all", "any",
            "sum", "mean", "max"][c.rng.randint(14)]
    dt = dc.dtype(c.rng)
    shp = dc.shape(c.rng)
    x = dc.noncontig(c, c.inp(dt, shp, maybe_rg(c, dt), special=c.rng.rand() < 0.15))
    nd = len(c.shp(x))
    k = {}
    if c.rng.rand() < 0.65:
        d = int(c.rng.randint(-nd - 1, nd + 1)) if nd else int(c.rng.choice([0, -1, 1]))
        if name in ("sum", "mean", "var", "std") and nd >= 2 and c.rng.rand() < 0.3:
            k["dim"] = [0, nd - 1]
        else:
            k["dim"] = [d] if name in ("sum", "mean", "var", "std") and c.rng.rand() < 0.2 else d
        if name not in ("all", "any"):
            k["keepdim"] = bool(c.rng.rand() < 0.4)
        if name in ("var", "std") and c.rng.rand() < 0.4:
            k["unbiased"] = False
    y = c.op(name, [x], k)
    if name in ("max", "min") and "dim" in k and not c.dead:
        y = c.op("get_values" if c.rng.rand() < 0.7 else "get_indices", [y])
    finish(c, y)


def views(c):
    dt = dc.dtype(c.rng)
    x = c.inp(dt, dc.shape(c.rng, 4), maybe_rg(c, dt))
    y = x
    for _ in range(1 + c.rng.randint(3)):
        if c.dead:
            return
        y = view_step(c, y)
    if c.rng.rand() < 0.5 and not c.dead:
        y = c.op("mul", [y, dc.scalar(c.rng)])
    finish(c, y)


def view_step(c, x):
    shp = c.shp(x)
    nd = len(shp)
    n = 1
    for d in shp:
        n *= d
    r = int(c.rng.randint(12))
    rd = lambda: int(c.rng.randint(-nd, nd)) if nd else 0  # noqa: E731
    if r == 0:
        return c.op(["view", "reshape"][c.rng.randint(2)], [x], {"shape": factor(c.rng, n)})
    if r == 1:
        return c.op("permute", [x], {"dims": [int(i) for i in c.rng.permutation(nd)]})
    if r == 2:
        return c.op("transpose", [x], {"d0": rd(), "d1": rd()})
    if r == 3 and (nd <= 2 or c.rng.rand() < 0.1):
        return c.op("t", [x])
    if r == 4:
        return c.op("unsqueeze", [x], {"dim": int(c.rng.randint(-nd - 1, nd + 1))})
    if r == 5:
        return c.op("squeeze", [x], {"dim": rd()} if c.rng.rand() < 0.5 else None)
    if r == 6:
        return c.op("flatten", [x], {"start": 0, "end": rd()} if nd and c.rng.rand() < 0.4 else None)
    if r == 7 and nd:
        d = rd()
        return c.op("select", [x], {"dim": d, "i": int(c.rng.randint(-shp[d] - 1, shp[d] + 1))})
    if r == 8 and nd:
        d = rd()
        st = int(c.rng.randint(0, shp[d] + 1))
        return c.op("narrow", [x], {"dim": d, "start": st, "len": int(c.rng.randint(0, shp[d] - st + 2))})
    if r == 9:
        target = [3 if d == 1 else d for d in shp]
        if c.rng.rand() < 0.3:
            target = [2] + target
        return c.op("expand", [x], {"shape": target})
    if r == 10:
        return c.op(["contiguous", "clone", "detach"][c.rng.randint(3)], [x])
    if r == 11 and c.rng.rand() < 0.5:
        name = ["expand_as", "view_as", "reshape_as"][c.rng.randint(3)]
        other = [3 if d == 1 else d for d in shp] if name == "expand_as" else factor(c.rng, n)
        return c.op(name, [x, c.inp("float32", [max(d, 0) for d in other] if -1 not in other else [n])])
    return dc.noncontig(c, x)


def factor(rng, n):
    """A random shape with n elements, sometimes with a -1, sometimes wrong on purpose."""
    dims = []
    m = n
    for p in (2, 3, 2, 2):
        if m and m % p == 0 and rng.rand() < 0.5:
            dims.append(p)
            m //= p
    dims.append(m)
    dims = [int(d) for d in rng.permutation(dims)]
    if rng.rand() < 0.3:
        dims[rng.randint(len(dims))] = -1
    if rng.rand() < 0.05:
        dims.append(5)
    if n == 1 and rng.rand() < 0.3:
        dims = []
    return dims


def index(c):
    dt = dc.dtype(c.rng)
    shp = dc.shape(c.rng, 3, min_ndim=1)
    x = dc.noncontig(c, c.inp(dt, shp, maybe_rg(c, dt)))
    shp = c.shp(x)
    r = c.rng.rand()
    if r < 0.4:
        items = [basic_item(c.rng, d) for d in shp[:1 + c.rng.randint(len(shp))]]
        if c.rng.rand() < 0.2:
            items.insert(c.rng.randint(len(items) + 1), {"none": 1})
        if c.rng.rand() < 0.15:
            items = [{"ell": 1}] + items[1:]
        y = c.op("get", [x], {"idx": items})
    elif r < 0.65:
        items = [{"t": 1}] if c.rng.rand() < 0.6 or len(shp) < 2 else [{"s": ":"}, {"t": 1}]
        d = shp[len(items) - 1]
        off = int(c.rng.rand() < 0.1)  # sometimes out of range: the error is compared
        idx = c.inp("int64", [int(c.rng.randint(0, 4))], lo=-d - off, hi=max(d, 1) + off)
        y = c.op("get", [x, idx], {"idx": items})
    elif r < 0.8:
        mshape = shp if c.rng.rand() < 0.6 else shp[:1]
        m = c.inp("bool", mshape)
        y = c.op("get", [x, m], {"idx": [{"t": 1}]})
    else:
        target = c.op("clone", [x]) if c.rng.rand() < 0.7 else x
        if c.rng.rand() < 0.5:
            items = [basic_item(c.rng, shp[0])]
            args, k = [target], {"idx": items}
        else:
            m = c.inp("bool", shp)
            args, k = [target, m], {"idx": [{"t": 1}]}
        val = dc.scalar(c.rng) if c.rng.rand() < 0.6 else c.inp(dc.dtype(c.rng), [1] if c.rng.rand() < 0.5 else [])
        c.op("set", args + [val], k, v=None)
        y = target
    finish(c, y)


def basic_item(rng, d):
    r = rng.rand()
    if r < 0.4:
        return {"n": int(rng.randint(-d - (rng.rand() < 0.1), d + (rng.rand() < 0.1))) if d else 0}
    a = str(int(rng.randint(-d, d + 1))) if rng.rand() < 0.5 else ""
    b = str(int(rng.randint(-d, d + 2))) if rng.rand() < 0.5 else ""
    s = ":" + (str(int(rng.choice([1, 2, 3, -1 if rng.rand() < 0.1 else 2]))) if rng.rand() < 0.4 else "")
    return {"s": a + ":" + b + (s if s != ":" else "")}


def join(c):
    name = ["cat", "stack"][c.rng.randint(2)]
    shp = dc.shape(c.rng, 3, min_ndim=1 if name == "cat" else 0)
    parts = []
    for _ in range(1 + c.rng.randint(3)):
        s = list(shp)
        if name == "cat" and s and c.rng.rand() < 0.5:
            s[0] = int(c.rng.randint(0, 4))
        if c.rng.rand() < 0.05:
            s = [0]  # torch's legacy empty 1-d tensor, which cat skips
        dt = dc.dtype(c.rng)
        parts.append(c.inp(dt, s, maybe_rg(c, dt)))
    nd = len(shp) + (name == "stack")
    dim = 0 if name == "cat" and c.rng.rand() < 0.5 else int(c.rng.randint(-nd, nd)) if nd else 0
    y = c.op(name, parts, {"dim": dim})
    finish(c, y)


def convert(c):
    dt = dc.dtype(c.rng)
    x = dc.noncontig(c, c.inp(dt, dc.shape(c.rng), maybe_rg(c, dt)))
    name = ["to", "float", "double", "long", "int", "bool"][c.rng.randint(6)]
    y = c.op(name, [x], {"dtype": dc.dtype(c.rng)} if name == "to" else None)
    finish(c, y)


def factories(c):
    r = int(c.rng.randint(8))
    if r >= 6:
        k = {"shape": dc.shape(c.rng)}
        if c.rng.rand() < 0.5:
            k["dtype"] = dc.dtype(c.rng)
        c.op(["zeros", "ones"][r - 6], [], k)
        return
    if r == 0:
        n = int(c.rng.randint(-1, 6))
        args = [{"i": n}] if c.rng.rand() < 0.5 else [{"i": n}, {"i": n + int(c.rng.randint(-3, 8))}, {"i": int(c.rng.choice([1, 2, 3, -1]))}]
        c.op("arange", args)
    elif r == 1:
        c.op("arange", [dc.scalar(c.rng, int_ok=False), {"f": 4.5}, {"f": float(c.rng.choice([0.5, 1.0, 0.3, -1.0]))}])
    elif r == 2:
        c.op("linspace", [dc.scalar(c.rng), dc.scalar(c.rng)], {"n": int(c.rng.randint(0, 7))})
    elif r == 3:
        c.op("eye", [], {"n": int(c.rng.randint(0, 4)), "m": int(c.rng.randint(0, 4))})
    elif r == 4:
        k = {"shape": dc.shape(c.rng)}
        if c.rng.rand() < 0.4:
            k["dtype"] = dc.dtype(c.rng)
        c.op("full", [dc.scalar(c.rng)], k)
    else:
        x = c.inp(dc.dtype(c.rng), dc.shape(c.rng))
        c.op(["zeros_like", "ones_like"][c.rng.randint(2)], [x])


def predicates(c):
    """nonzero, equal and allclose: index lists and Python bools."""
    dt = dc.dtype(c.rng)
    shp = dc.shape(c.rng)
    x = dc.noncontig(c, c.inp(dt, shp, special=c.rng.rand() < 0.2, lo=-1, hi=2))
    r = c.rng.rand()
    if r < 0.5:
        c.op("nonzero", [x])
        return
    other = c.op("clone", [x]) if c.rng.rand() < 0.4 else c.inp(dc.dtype(c.rng), dc.broadcast_partner(c.rng, shp), lo=-1, hi=2)
    if c.rng.rand() < 0.3 and not c.dead and c.dt(other) in FLOATS:
        other = c.op("add", [other, {"f": float(c.rng.choice([1e-9, 1e-6, 1e-3]))}])
    c.op(["equal", "allclose"][c.rng.randint(2)], [x, other])


def scaled(v, mag, dt):
    """v * mag, rounded to float32 for a float32 tensor (overflowing to inf as torch would)."""
    with np.errstate(over="ignore"):
        return float(np.float32(v * mag)) if dt == "float32" else v * mag


def printing(c):
    """Tensors whose printed form is the point: magnitudes from 1e-8 to 1e9 (scientific
    notation), wide integers, nan/inf among them, and sizes past torch's summarizing
    threshold of 1000 elements."""
    dt = dc.dtype(c.rng, ALL, p_float=0.7)
    big = c.rng.rand() < 0.06
    shp = [int(c.rng.choice([1001, 1200, 2000]))] if big else dc.shape(c.rng, 3)
    if big and c.rng.rand() < 0.5:
        shp = [shp[0] // 40, 40]
    n = 1
    for d in shp:
        n *= d
    if dt in FLOATS:
        mag = 10.0 ** int(c.rng.randint(-8, 10))
        vals = dc.values(c.rng, dt, n, special=c.rng.rand() < 0.3)
        vals = [v if v in ("nan", "inf", "-inf") else dc.fmt(scaled(float(v), mag, dt)) for v in vals]
        x = c.inp(dt, shp, vals=vals)
    elif dt in INTS:
        lim = int(10 ** c.rng.randint(1, 9))
        x = c.inp(dt, shp, lo=-lim, hi=lim)
    else:
        x = c.inp(dt, shp)
    y = c.op("clone", [dc.noncontig(c, x)])
    if dt in FLOATS and c.rng.rand() < 0.3:
        c.op("mul", [y, dc.scalar(c.rng)])
