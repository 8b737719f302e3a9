"""Runs one differential case through torch and records what a student would see: for every
var, its dtype, shape, exact values, printed string, requires_grad and grad_fn name; every
leaf's grad; or the error (type, message and the key phrase the library's message must carry).
"""
import math
import re
import warnings

import torch

import differential_ops as ops

NAME = {v: k for k, v in ops.DTYPES.items()}


def fmt_value(x, is_float):
    if not is_float:
        return str(int(x))
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return repr(float(x))


def values_text(t):
    flat = t.detach().reshape(-1).tolist()
    fl = t.dtype.is_floating_point
    return " ".join(fmt_value(x, fl) for x in flat)


def describe(t):
    if isinstance(t, tuple) and hasattr(t, "values"):  # torch.return_types.max / min
        return {"pair": [describe(t.values), describe(t.indices)], "str": str(t)}
    if isinstance(t, str):
        return {"py": t}
    if not isinstance(t, torch.Tensor):
        return {"py": repr(t)}
    return {"dtype": NAME[t.dtype], "shape": list(t.shape), "vals": values_text(t), "str": str(t),
            "rg": t.requires_grad, "fn": t.grad_fn.name() if t.grad_fn is not None else None}


def key_phrase(msg):
    """The first run of at least three words in the message's first line between the characters
    that carry values (digits, brackets, quotes, punctuation), else the longest run: the words
    the library's message must contain."""
    first = msg.strip().split("\n")[0]
    frags = [f.strip() for f in re.split(r"[0-9()\[\]'\"`:,.;=<>{}]", first)]
    long_ones = [f for f in frags if len(f.split()) >= 3]
    if long_ones:
        return long_ones[0]
    frags = [f for f in frags if f]
    return max(frags, key=len) if frags else first


def make_input(step):
    k = step["k"]
    dt = ops.DTYPES[k["dtype"]]
    raw = k["data"].split()
    if k["dtype"] in ("float32", "float64"):
        vals = [float(x) for x in raw]
    elif k["dtype"] == "bool":
        vals = [x == "1" for x in raw]
    else:
        vals = [int(x) for x in raw]
    # clone(): a reshape of a fresh tensor is a view, and torch words in-place errors on
    # views differently ("a view of a leaf Variable"); an input is a plain leaf.
    t = torch.tensor(vals, dtype=dt).reshape(k["shape"]).clone()
    if k.get("rg"):
        t.requires_grad_()
    return t


def record(case):
    env = {}
    leaves = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for i, step in enumerate(case["steps"]):
            try:
                if step["op"] == "input":
                    env[step["v"]] = make_input(step)
                    if step["k"].get("rg"):
                        leaves.append(step["v"])
                    continue
                out = ops.run(step, env)
                if step.get("v"):
                    env[step["v"]] = out
            except Exception as e:  # torch refused: the library must refuse at the same step
                msg = str(e).strip()
                case["error"] = {"step": i, "type": type(e).__name__, "msg": msg.split("\n")[0][:400],
                                 "key": key_phrase(msg)}
                return case
    inputs = {s["v"] for s in case["steps"] if s["op"] == "input"}
    if any(s["op"].endswith("_") or s["op"] == "set" for s in case["steps"]):
        inputs = set()  # an in-place op may have changed an input: compare them all
    case["out"] = {v: describe(env[v]) for v in dict.fromkeys(s["v"] for s in case["steps"] if s.get("v"))
                   if v not in inputs or v in leaves}
    case["grads"] = {v: (describe(env[v].grad) if env[v].grad is not None else None) for v in leaves}
    return case
