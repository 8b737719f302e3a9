"""Case families centred on the course's training loop: matmul of every rank combination,
softmax and the losses, random differentiable chains with backward (accumulation over two
passes, retain_graph, a non-scalar root with a gradient), and in-place ops on leaves, on views
and on tensors inside a graph (where torch's version counters decide what may run).
"""
import differential_cases as dc
from differential_cases import FLOATS
from differential_families import DIFFERENTIABLE_UNARY, finish, maybe_rg, unary_step


def matmul(c):
    r1, r2 = int(c.rng.randint(1, 5)), int(c.rng.randint(1, 5))
    n, k, m = (int(c.rng.choice([1, 2, 3, 4])) for _ in range(3))
    if c.rng.rand() < 0.05:
        k = 0
    batch = [int(c.rng.choice([1, 2, 3])) for _ in range(2)]
    s1 = ([k] if r1 == 1 else batch[4 - r1:] + [n, k] if r1 > 2 else [n, k])
    s2 = ([k] if r2 == 1 else [1 if c.rng.rand() < 0.3 else b for b in batch[4 - r2:]] + [k, m] if r2 > 2 else [k, m])
    if c.rng.rand() < 0.06:
        s2 = list(s2)
        s2[0 if r2 == 1 else -2] += 1  # inner sizes disagree: the error is compared
    name = "matmul"
    if r1 == 2 and r2 == 2 and c.rng.rand() < 0.3:
        name = "mm"
    elif r1 == 1 and r2 == 1 and c.rng.rand() < 0.5:
        name = ["dot", "outer"][c.rng.randint(2)]
        if name == "outer":
            s2 = [m]
    dt = dc.dtype(c.rng, FLOATS + ["int64"], p_float=0.85)
    d2 = dt if c.rng.rand() < 0.9 else dc.dtype(c.rng, FLOATS + ["int64"])
    a = dc.noncontig(c, c.inp(dt, s1, maybe_rg(c, dt)))
    b = c.inp(d2, s2, maybe_rg(c, d2))
    if c.rng.rand() < 0.3 and len(s2) >= 2:
        b = c.op("t", [c.inp(d2, s2[::-1] if len(s2) == 2 else s2, maybe_rg(c, d2))]) if len(s2) == 2 else b
    y = c.op(name, [a, b])
    finish(c, y)


def nn(c):
    r = int(c.rng.randint(8))
    dt = FLOATS[c.rng.randint(2)] if c.rng.rand() < 0.9 else dc.dtype(c.rng)
    rg = dt in FLOATS and c.rng.rand() < 0.6
    if r <= 1:
        shp = dc.shape(c.rng, 3)
        x = dc.noncontig(c, c.inp(dt, shp, rg, special=c.rng.rand() < 0.2))
        nd = len(c.shp(x))
        y = c.op(["softmax", "log_softmax"][r], [x], {"dim": int(c.rng.randint(-nd, nd)) if nd else 0})
        finish(c, y)
        return
    if r == 2:
        n, i, o = (int(c.rng.randint(1, 4)) for _ in range(3))
        x = c.inp(dt, [n, i] if c.rng.rand() < 0.8 else [i], rg)
        w = c.inp(dt, [o, i], rg)
        b = c.inp(dt, [o], rg) if c.rng.rand() < 0.7 else None
        finish(c, c.op("linear", [x, w, b]))
        return
    if r in (3, 4):
        n, k = int(c.rng.randint(1, 4)), int(c.rng.randint(2, 5))
        shp = [n, k] if c.rng.rand() < 0.8 else [k]
        x = c.inp(dt, shp, rg, special=c.rng.rand() < 0.1)
        if r == 4:
            x = c.op("log_softmax", [x], {"dim": -1})
        tshape = shp[:-1]
        t = c.inp("int64", tshape, lo=0 - (c.rng.rand() < 0.05), hi=k)
        if r == 3 and c.rng.rand() < 0.2:
            t = c.op("softmax", [c.inp(dt, shp)], {"dim": -1})  # class-probability targets
        loss = c.op("cross_entropy" if r == 3 else "nll_loss", [x, t])
    else:
        shp = dc.shape(c.rng, 2)
        name = ["mse_loss", "l1_loss", "binary_cross_entropy", "binary_cross_entropy_with_logits"][r - 5 if r < 8 else 3]
        if c.rng.rand() < 0.3:
            name = "binary_cross_entropy_with_logits"
        x = c.inp(dt, shp, rg, special=c.rng.rand() < 0.1)
        if name == "binary_cross_entropy":
            x = c.op("sigmoid", [x])
        t = c.inp(dt if c.rng.rand() < 0.9 else dc.dtype(c.rng), shp if c.rng.rand() < 0.9 else dc.broadcast_partner(c.rng, shp))
        if name.startswith("binary") and not c.dead:
            t = c.op("clamp", [t, {"f": 0.0}, {"f": 1.0}]) if c.dt(t) in FLOATS else t
        loss = c.op(name, [x, t])
    if not c.dead and getattr(c.env.get(loss), "requires_grad", False):
        c.backward(loss)


CHAIN_BINARY = ["add", "sub", "mul", "div", "maximum", "minimum", "pow"]


def chain_step(c, y, leaves):
    r = c.rng.rand()
    if r < 0.3:
        return unary_step(c, y, DIFFERENTIABLE_UNARY[c.rng.randint(len(DIFFERENTIABLE_UNARY))])
    if r < 0.55:
        other = leaves[c.rng.randint(len(leaves))] if c.rng.rand() < 0.5 else dc.scalar(c.rng)
        name = CHAIN_BINARY[c.rng.randint(len(CHAIN_BINARY))]
        if not isinstance(other, str) and name in ("maximum", "minimum"):
            name = "mul"
        if isinstance(other, str) and c.shp(other) != c.shp(y) and c.rng.rand() < 0.7:
            other = c.op("sum", [other])
        return c.op(name, [y, other] if c.rng.rand() < 0.8 else [other, y] if isinstance(other, str) else [y, other])
    if r < 0.7:
        nd = len(c.shp(y))
        name = ["sum", "mean", "max", "min", "prod", "std", "var"][c.rng.randint(7)]
        if nd and c.rng.rand() < 0.6:
            z = c.op(name, [y], {"dim": int(c.rng.randint(nd)), "keepdim": bool(c.rng.rand() < 0.5)})
            return c.op("get_values", [z]) if name in ("max", "min") and not c.dead else z
        return c.op(name, [y])
    if r < 0.8:
        nd = len(c.shp(y))
        if nd:
            return c.op(["softmax", "log_softmax"][c.rng.randint(2)], [y], {"dim": int(c.rng.randint(nd))})
        return c.op("relu", [y])
    if r < 0.9:
        shp = c.shp(y)
        if shp and shp[0]:
            return c.op("get", [y], {"idx": [{"s": "%d:" % c.rng.randint(shp[0])}]})
        return c.op("t", [y])
    name = ["clamp", "clamp_min", "clamp_max"][c.rng.randint(3)]
    return c.op(name, [y, {"f": -0.5}, {"f": 0.5}] if name == "clamp" else [y, {"f": 0.0}])


def autograd(c):
    dt = FLOATS[c.rng.randint(2)]
    shp = dc.shape(c.rng, 3, empty=c.rng.rand() < 0.3)
    leaves = [c.inp(dt, shp, True, special=c.rng.rand() < 0.1)]
    if c.rng.rand() < 0.6:
        leaves.append(c.inp(dt, shp if c.rng.rand() < 0.7 else dc.broadcast_partner(c.rng, shp), True))
    y = leaves[0]
    for _ in range(1 + c.rng.randint(4)):
        if c.dead:
            return
        y = chain_step(c, y, leaves)
    if c.dead:
        return
    mode = c.rng.randint(8)
    if mode == 0 and c.shp(y):
        g = c.inp(dt, c.shp(y))
        c.backward(y, g)  # a non-scalar root with its gradient
        return
    s = c.op(["sum", "mean"][c.rng.randint(2)], [y])
    if mode == 1:
        c.backward(s, retain=True)
        c.backward(s)  # the grads accumulate
    elif mode == 2:
        c.backward(s)
        c.backward(s)  # torch refuses only if the first pass freed what the second needs
    else:
        c.backward(s)


def inplace(c):
    dt = dc.dtype(c.rng, FLOATS + ["int64"], p_float=0.8)
    shp = dc.shape(c.rng, 3, min_ndim=1)
    rg = dt in FLOATS and c.rng.rand() < 0.6
    x = c.inp(dt, shp, rg)
    r = c.rng.rand()
    if rg and r < 0.6:
        target = c.op(["mul", "add"][c.rng.randint(2)], [x, {"f": 2.0}])  # a non-leaf in the graph
    elif rg and r < 0.7:
        target = x  # a leaf that requires grad: torch refuses
    else:
        target = x if c.rng.rand() < 0.5 else c.op("clone", [x])
    saved = None
    if rg and c.rng.rand() < 0.3 and not c.dead:
        saved = c.op(["exp", "sigmoid", "square", "tanh"][c.rng.randint(4)], [target])  # saves its input or output
    view = target
    if c.rng.rand() < 0.5 and not c.dead:
        view = dc.noncontig(c, target) if c.rng.rand() < 0.4 else c.op("get", [target], {"idx": [{"s": "0:%d" % max(1, c.shp(target)[0] // 2 + 1)}]})
    name = ["add_", "sub_", "mul_", "div_", "pow_", "neg_", "relu_", "clamp_", "zero_", "fill_", "copy_", "set"][c.rng.randint(12)]
    if c.dead:
        return
    vs = c.shp(view)
    if name in ("neg_", "relu_", "zero_"):
        c.op(name, [view])
    elif name == "clamp_":
        c.op(name, [view, {"f": -0.5}, {"f": 1.0}])
    elif name == "copy_":
        c.op(name, [view, c.inp(dc.dtype(c.rng), dc.broadcast_partner(c.rng, vs))])
    elif name == "set":
        c.op("set", [view, dc.scalar(c.rng)], {"idx": [{"n": 0} if vs and vs[0] else {"s": ":"}]}, v=None)
    elif name in ("fill_", "pow_") or c.rng.rand() < 0.5:
        c.op(name, [view, dc.scalar(c.rng)])
    else:
        c.op(name, [view, c.inp(dc.dtype(c.rng, FLOATS + ["int64"]), dc.broadcast_partner(c.rng, vs))])
    if c.dead:
        return
    out = saved if saved is not None and c.rng.rand() < 0.7 else target
    if rg and getattr(c.env.get(out), "requires_grad", False):
        s = c.op("sum", [c.op("mul", [out, c.inp(c.dt(out), c.shp(out))])])
        c.backward(s)


ACTIVATIONS = [("ReLU", []), ("Sigmoid", []), ("Tanh", []), ("LeakyReLU", []), ("LeakyReLU", [0.2]),
               ("Softmax", [1]), ("LogSoftmax", [1]), ("Softmax", [-1]), ("Flatten", []), ("Flatten", [0, -1])]
LOSSES = ["MSELoss", "L1Loss", "BCEWithLogitsLoss", "BCELoss", "CrossEntropyLoss", "NLLLoss"]


def modules(c):
    """nn modules as students build them: activations and losses applied, and their repr."""
    r = c.rng.rand()
    if r < 0.15:
        cls, args = (ACTIVATIONS[c.rng.randint(len(ACTIVATIONS))] if c.rng.rand() < 0.6
                     else (LOSSES[c.rng.randint(len(LOSSES))], []))
        c.op("module_repr", [], {"cls": cls, "args": args})
        return
    dt = FLOATS[c.rng.randint(2)]
    rg = c.rng.rand() < 0.6
    if r < 0.6:
        cls, args = ACTIVATIONS[c.rng.randint(len(ACTIVATIONS))]
        x = dc.noncontig(c, c.inp(dt, dc.shape(c.rng, 3, min_ndim=2 if cls in ("Softmax", "LogSoftmax") else 0), rg))
        y = c.op("module", [x], {"cls": cls, "args": args})
        finish(c, y)
        return
    cls = LOSSES[c.rng.randint(len(LOSSES))]
    n, k = int(c.rng.randint(1, 4)), int(c.rng.randint(2, 4))
    if cls in ("CrossEntropyLoss", "NLLLoss"):
        x = c.inp(dt, [n, k], rg)
        if cls == "NLLLoss":
            x = c.op("log_softmax", [x], {"dim": 1})
        t = c.inp("int64", [n], lo=0, hi=k)
    else:
        shp = [n, k]
        x = c.inp(dt, shp, rg)
        if cls == "BCELoss":
            x = c.op("sigmoid", [x])
        t = c.op("clamp", [c.inp(dt, shp), {"f": 0.0}, {"f": 1.0}])
    loss = c.op("module", [x, t], {"cls": cls})
    if rg and not c.dead:
        c.backward(loss)
