"""Random inputs and the case builder for the differential suite: seeded numpy values (with
0., -0., nan, inf and huge/tiny numbers in some cases), shapes with 0-d, empty and size-1
dims, and non-contiguous views of them.
"""
import warnings

import numpy as np
import torch

import differential_ops as ops
import differential_record as rec

FLOATS = ["float32", "float64"]
INTS = ["int64", "int32"]
ALL = FLOATS + INTS + ["bool"]
SPECIAL = [0.0, -0.0, float("nan"), float("inf"), float("-inf"), 1e30, -1e30, 1e-30, 3e38, 1e-40]


class Case:
    def __init__(self, rng, family, cid):
        self.rng = rng
        self.family = family
        self.id = cid
        self.steps = []
        self.n = 0
        self.meta = {}
        self.env = {}     # the torch values so far, so families can read real shapes
        self.dead = False  # a step raised: the case ends there

    def fresh(self):
        self.n += 1
        return "abcdefghijklmnopqrstuvwxyz"[self.n - 1] if self.n <= 26 else "v%d" % self.n

    def inp(self, dtype, shape, rg=False, special=False, vals=None, lo=-6, hi=7):
        n = int(np.prod(shape)) if shape else 1
        if vals is None:
            vals = values(self.rng, dtype, n, special, lo, hi)
        v = self.fresh()
        k = {"dtype": dtype, "shape": list(shape), "data": " ".join(vals)}
        if rg:
            k["rg"] = True
        step = {"v": v, "op": "input", "k": k}
        if not self.dead:
            self.steps.append(step)
            self.env[v] = rec.make_input(step)
        self.meta[v] = (dtype, list(shape))
        return v

    def op(self, name, args, k=None, v=True):
        step = {"v": self.fresh() if v is True else v, "op": name, "a": list(args)}
        if k:
            step["k"] = k
        if self.dead:
            return step["v"]
        self.steps.append(step)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                out = ops.run(step, self.env)
        except Exception:
            self.dead = True
            return step["v"]
        if step["v"]:
            self.env[step["v"]] = out
            if isinstance(out, torch.Tensor):
                self.meta[step["v"]] = (rec.NAME[out.dtype], list(out.shape))
        return step["v"]

    def dt(self, v):
        return self.meta[v][0]

    def shp(self, v):
        return self.meta[v][1]

    def backward(self, root, grad=None, retain=False):
        self.op("backward", [root] + ([grad] if grad else []), {"retain": True} if retain else None, v=None)

    def to_json(self):
        py, java = [], []
        for s in self.steps:
            if s["op"] == "input":
                py.append(input_line(s, "py"))
                java.append(input_line(s, "java"))
            else:
                py.append(ops.render(s, "py"))
                java.append(ops.render(s, "java"))
        return {"id": self.id, "family": self.family, "steps": self.steps, "py": py, "java": java}


def input_line(s, lang):
    k = s["k"]
    data = k["data"].split()
    shown = ", ".join(data[:8]) + (", ..." if len(data) > 8 else "")
    if lang == "py":
        return "%s = torch.tensor([%s], dtype=torch.%s).reshape(%s)%s" % (
            s["v"], shown, k["dtype"], ops.pytuple(k["shape"]), ".requires_grad_()" if k.get("rg") else "")
    return "var %s = tensor(DType.%s, %s).reshape(%s)%s;" % (
        s["v"], ops.JAVA_DTYPE[k["dtype"]], shown, ops.jints(k["shape"]), ".requiresGrad_()" if k.get("rg") else "")


def values(rng, dtype, n, special=False, lo=-6, hi=7):
    if dtype == "bool":
        return ["1" if x else "0" for x in rng.rand(n) < 0.5]
    if dtype in INTS:
        return [str(int(x)) for x in rng.randint(lo, hi, n)]
    style = rng.randint(3)
    if style == 0:
        x = rng.randn(n) * [0.5, 1.0, 3.0][rng.randint(3)]
    elif style == 1:
        x = rng.randint(-8, 9, n) / 4.0
    else:
        x = rng.uniform(-2, 2, n)
    if special and n:
        for i in rng.choice(n, min(n, 1 + rng.randint(2)), replace=False):
            x[i] = SPECIAL[rng.randint(len(SPECIAL))]
    if dtype == "float32":
        with np.errstate(over="ignore"):
            x = x.astype(np.float32).astype(np.float64)
    return [fmt(float(v)) for v in x]


def fmt(v):
    if v != v:
        return "nan"
    if v in (float("inf"), float("-inf")):
        return "inf" if v > 0 else "-inf"
    return repr(v)


def shape(rng, max_ndim=3, empty=True, min_ndim=0):
    nd = rng.randint(min_ndim, max_ndim + 1)
    dims = [int(rng.choice([1, 2, 3, 4])) for _ in range(nd)]
    if empty and nd and rng.rand() < 0.08:
        dims[rng.randint(nd)] = 0
    return dims


def dtype(rng, choices=ALL, p_float=0.6):
    fl = [c for c in choices if c in FLOATS]
    rest = [c for c in choices if c not in FLOATS]
    if fl and (not rest or rng.rand() < p_float):
        return fl[rng.randint(len(fl))]
    return rest[rng.randint(len(rest))]


def scalar(rng, special=False, int_ok=True):
    """A Python scalar: an int or a float (x * 2 and x * 2.0 differ in torch)."""
    if int_ok and rng.rand() < 0.45:
        return {"i": int(rng.randint(-3, 5))}
    if special and rng.rand() < 0.25:
        v = SPECIAL[rng.randint(len(SPECIAL))]
        return {"f": fmt(v)} if v != v or abs(v) == float("inf") else {"f": v}
    return {"f": float([0.5, 2.0, -1.5, 3.0, 0.0, 1.0, -2.0, 0.25][rng.randint(8)])}


def broadcast_partner(rng, shp):
    """A shape that broadcasts with shp: the same, size-1 dims, fewer leading dims, 0-d,
    or (rarely) one that does not broadcast, so the error is compared too."""
    r = rng.rand()
    if r < 0.35:
        return list(shp)
    if r < 0.6:
        return [1 if rng.rand() < 0.5 else d for d in shp]
    if r < 0.8:
        return list(shp[rng.randint(len(shp) + 1):])
    if r < 0.9:
        return []
    if not shp:
        return [2]
    s = list(shp)
    i = rng.randint(len(s))
    s[i] = s[i] + 1 if s[i] != 1 else 3
    return s


def noncontig(c, x):
    """Maybe a non-contiguous view of x (transpose, permute, a stepped slice, expand)."""
    if c.dead:
        return x
    dt, shp = c.meta[x]
    r = c.rng.rand()
    if len(shp) >= 2 and r < 0.3:
        return c.op("transpose", [x], {"d0": 0, "d1": len(shp) - 1})
    if len(shp) >= 1 and r < 0.5 and shp[0] >= 2:
        return c.op("get", [x], {"idx": [{"s": "::2"}]})
    if 1 in shp and r < 0.65:
        return c.op("expand", [x], {"shape": [3 if d == 1 else d for d in shp]})
    if len(shp) == 3 and r < 0.8:
        return c.op("permute", [x], {"dims": [2, 0, 1]})
    return x


def weighted_backward(c, out, dt, shp):
    """Backward through out via sum(out * w) with a random w, so a wrong gradient cannot hide
    behind a gradient of ones; the leaves' grads are recorded afterwards."""
    w = c.inp(dt, shp)
    s = c.op("sum", [c.op("mul", [out, w])])
    c.backward(s)
