"""The differential suite's little language: every op a step may name, how torch runs it, and
how it reads as one line of Python and one line of Java.

A step is {"v": result var, "op": name, "a": [args], "k": {params}}. An arg is a var name (a
string), {"i": n} (a Python int), {"f": x} (a Python float; x may be "nan", "inf", "-inf"),
or null. The Java interpreter (lib/src/test/java/org/workbook/differential/) knows the same
names; adding an op means adding it on both sides. Rendered lines are only for people reading
a mismatch report: the Java side never parses them.
"""
import math

import torch
import torch.nn.functional as F

DTYPES = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64,
          "int32": torch.int32, "bool": torch.bool}
JAVA_DTYPE = {"float32": "FLOAT32", "float64": "FLOAT64", "int64": "INT64", "int32": "INT32", "bool": "BOOL"}


def scalar_value(a):
    if "i" in a:
        return int(a["i"])
    return float(a["f"])


def py_lit(a):
    if a is None:
        return "None"
    if isinstance(a, str):
        return a
    if "i" in a:
        return str(a["i"])
    x = a["f"]
    if isinstance(x, str):
        return "float('%s')" % x
    return repr(float(x))


def java_lit(a):
    if a is None:
        return "null"
    if isinstance(a, str):
        return a
    if "i" in a:
        return str(a["i"])
    x = a["f"]
    if isinstance(x, str):
        return {"nan": "Double.NaN", "inf": "Double.POSITIVE_INFINITY", "-inf": "Double.NEGATIVE_INFINITY"}[x]
    return repr(float(x))


def jints(xs):
    return ", ".join(str(x) for x in xs)


def pytuple(xs):
    return "(" + ", ".join(str(x) for x in xs) + ("," if len(xs) == 1 else "") + ")"


def jbool(b):
    return "true" if b else "false"


# op -> (torch function (args, k), Python line, Java line). Lines are format strings over
# a0, a1, a2 (rendered args) and k's entries; a callable gets (args, k, lit) instead.
def _bin(pyop, jname):
    return (None, "{a0} %s {a1}" % pyop, "{a0}.%s({a1})" % jname)


OPS = {}


def op(name, fn, py, java):
    OPS[name] = (fn, py, java)


for _n, _py, _j, _f in [("add", "+", "add", torch.add), ("sub", "-", "sub", torch.sub),
                        ("mul", "*", "mul", torch.mul), ("div", "/", "div", torch.div),
                        ("pow", "**", "pow", torch.pow), ("lt", "<", "lt", torch.lt),
                        ("le", "<=", "le", torch.le), ("gt", ">", "gt", torch.gt),
                        ("ge", ">=", "ge", torch.ge), ("eq", "==", "eq", torch.eq),
                        ("ne", "!=", "ne", torch.ne)]:
    op(_n, (lambda f: lambda a, k: f(a[0], a[1]))(_f), "{a0} %s {a1}" % _py, "{a0}.%s({a1})" % _j)

for _n, _j in [("maximum", "maximum"), ("minimum", "minimum"), ("logical_and", "logicalAnd"),
               ("logical_or", "logicalOr"), ("logical_xor", "logicalXor")]:
    op(_n, (lambda n: lambda a, k: getattr(torch, n)(a[0], a[1]))(_n), "torch.%s({a0}, {a1})" % _n,
       "{a0}.%s({a1})" % _j)

op("rsub", lambda a, k: a[1] - a[0], "{a1} - {a0}", "{a0}.rsub({a1})")
op("rdiv", lambda a, k: a[1] / a[0], "{a1} / {a0}", "{a0}.rdiv({a1})")

for _n, _j in [("neg", "neg"), ("abs", "abs"), ("exp", "exp"), ("log", "log"), ("sqrt", "sqrt"),
               ("sigmoid", "sigmoid"), ("relu", "relu"), ("tanh", "tanh"), ("sin", "sin"),
               ("cos", "cos"), ("square", "square"), ("reciprocal", "reciprocal"), ("log1p", "log1p"),
               ("expm1", "expm1"), ("sign", "sign"), ("floor", "floor"), ("ceil", "ceil"),
               ("round", "round"), ("logical_not", "logicalNot"), ("contiguous", "contiguous"),
               ("clone", "clone"), ("detach", "detach"), ("t", "t"), ("float", "toFloat"),
               ("double", "toDouble"), ("long", "toLong"), ("int", "toInt"), ("bool", "bool"),
               ("neg_", "neg_"), ("relu_", "relu_"), ("zero_", "zero_")]:
    op(_n, (lambda n: lambda a, k: getattr(a[0], n)())(_n), "{a0}.%s()" % _n, "{a0}.%s()" % _j)

for _n in ["add_", "sub_", "mul_", "div_", "pow_", "copy_", "fill_"]:
    op(_n, (lambda n: lambda a, k: getattr(a[0], n)(a[1]))(_n), "{a0}.%s({a1})" % _n, "{a0}.%s({a1})" % _n)

op("leaky_relu", lambda a, k: F.leaky_relu(a[0], k["slope"]), "F.leaky_relu({a0}, {slope})",
   "{a0}.leakyRelu({slope})")
op("clamp", lambda a, k: a[0].clamp(a[1], a[2]), "{a0}.clamp({a1}, {a2})", "{a0}.clamp({a1}, {a2})")
op("clamp_", lambda a, k: a[0].clamp_(a[1], a[2]), "{a0}.clamp_({a1}, {a2})", "{a0}.clamp_({a1}, {a2})")
op("clamp_min", lambda a, k: a[0].clamp(min=a[1]), "{a0}.clamp(min={a1})", "{a0}.clampMin({a1})")
op("clamp_max", lambda a, k: a[0].clamp(max=a[1]), "{a0}.clamp(max={a1})", "{a0}.clampMax({a1})")
op("where", lambda a, k: torch.where(a[0], a[1], a[2]), "torch.where({a0}, {a1}, {a2})", "where({a0}, {a1}, {a2})")


def _red_py(name):
    def render(a, k, lit):
        if "dim" not in k:
            return "%s.%s()" % (lit(a[0]), name)
        d = k["dim"]
        ds = str(d) if isinstance(d, int) else pytuple(d)
        extra = ", unbiased=False" if k.get("unbiased") is False else ""
        return "%s.%s(%s%s, keepdim=%s)" % (lit(a[0]), name, ds, extra, k.get("keepdim", False))
    return render


def _red_java(jname, style):
    def render(a, k, lit):
        x = lit(a[0])
        if "dim" not in k:
            return "%s.%s()" % (x, jname)
        d, kd = k["dim"], jbool(k.get("keepdim", False))
        if style == "dims":
            ds = "new int[] {%s}" % jints(d if isinstance(d, list) else [d])
            if jname in ("var", "std"):
                return "%s.%s(%s, %s, %s)" % (x, jname, ds, jbool(k.get("unbiased", True)), kd)
            return "%s.%s(%s, %s)" % (x, jname, ds, kd)
        if style == "nokeep":
            return "%s.%s(%d)" % (x, jname, d)
        return "%s.%s(%d, %s)" % (x, jname, d, kd)
    return render


def _reduce(name):
    def fn(a, k):
        if "dim" not in k:
            return getattr(a[0], name)()
        kw = {"keepdim": k.get("keepdim", False)}
        if name in ("var", "std"):
            kw["unbiased"] = k.get("unbiased", True)
        d = k["dim"]
        return getattr(a[0], name)(tuple(d) if isinstance(d, list) else d, **kw)
    return fn


for _n, _style in [("sum", "dims"), ("mean", "dims"), ("var", "dims"), ("std", "dims"), ("prod", "one"),
                   ("max", "one"), ("min", "one"), ("argmax", "one"), ("argmin", "one"),
                   ("all", "nokeep"), ("any", "nokeep")]:
    op(_n, _reduce(_n), _red_py(_n), _red_java(_n, _style))

op("view", lambda a, k: a[0].view(tuple(k["shape"])), lambda a, k, l: "%s.view(%s)" % (l(a[0]), pytuple(k["shape"])),
   lambda a, k, l: "%s.view(%s)" % (l(a[0]), jints(k["shape"])))
op("reshape", lambda a, k: a[0].reshape(tuple(k["shape"])),
   lambda a, k, l: "%s.reshape(%s)" % (l(a[0]), pytuple(k["shape"])),
   lambda a, k, l: "%s.reshape(%s)" % (l(a[0]), jints(k["shape"])))
op("expand", lambda a, k: a[0].expand(tuple(k["shape"])),
   lambda a, k, l: "%s.expand(%s)" % (l(a[0]), ", ".join(map(str, k["shape"]))),
   lambda a, k, l: "%s.expand(%s)" % (l(a[0]), jints(k["shape"])))
op("permute", lambda a, k: a[0].permute(tuple(k["dims"])),
   lambda a, k, l: "%s.permute(%s)" % (l(a[0]), ", ".join(map(str, k["dims"]))),
   lambda a, k, l: "%s.permute(%s)" % (l(a[0]), jints(k["dims"])))
op("transpose", lambda a, k: a[0].transpose(k["d0"], k["d1"]), "{a0}.transpose({d0}, {d1})",
   "{a0}.transpose({d0}, {d1})")
op("unsqueeze", lambda a, k: a[0].unsqueeze(k["dim"]), "{a0}.unsqueeze({dim})", "{a0}.unsqueeze({dim})")
op("squeeze", lambda a, k: a[0].squeeze(k["dim"]) if "dim" in k else a[0].squeeze(),
   lambda a, k, l: "%s.squeeze(%s)" % (l(a[0]), k.get("dim", "")),
   lambda a, k, l: "%s.squeeze(%s)" % (l(a[0]), k.get("dim", "")))
op("flatten", lambda a, k: a[0].flatten(k["start"], k["end"]) if "start" in k else a[0].flatten(),
   lambda a, k, l: "%s.flatten(%s)" % (l(a[0]), "%d, %d" % (k["start"], k["end"]) if "start" in k else ""),
   lambda a, k, l: "%s.flatten(%s)" % (l(a[0]), "%d, %d" % (k["start"], k["end"]) if "start" in k else ""))
op("select", lambda a, k: a[0].select(k["dim"], k["i"]), "{a0}.select({dim}, {i})", "{a0}.select({dim}, {i})")
op("narrow", lambda a, k: a[0].narrow(k["dim"], k["start"], k["len"]), "{a0}.narrow({dim}, {start}, {len})",
   "{a0}.narrow({dim}, {start}, {len})")
op("to", lambda a, k: a[0].to(DTYPES[k["dtype"]]), lambda a, k, l: "%s.to(torch.%s)" % (l(a[0]), k["dtype"]),
   lambda a, k, l: "%s.to(DType.%s)" % (l(a[0]), JAVA_DTYPE[k["dtype"]]))


def _items(a, k, env_vals):
    """An index: k["idx"] lists items: {"s": "1:3"} (slice text), {"n": int}, {"none": 1},
    {"ell": 1}, or {"t": j} naming args[j] (an index tensor or a mask)."""
    out = []
    for it in k["idx"]:
        if "t" in it:
            out.append(env_vals[it["t"]])
        elif "n" in it:
            out.append(it["n"])
        elif "none" in it:
            out.append(None)
        elif "ell" in it:
            out.append(Ellipsis)
        else:
            parts = [int(p) if p else None for p in it["s"].split(":")]
            out.append(slice(*parts))
    # One item goes alone, as the rendered x[1:3] does: torch treats a lone slice unlike a 1-tuple
    # (inside a tuple a 0:size slice is skipped; alone it is recorded as SliceBackward0).
    return out[0] if len(out) == 1 else tuple(out)


def _idx_py(a, k, l):
    txt = []
    for it in k["idx"]:
        txt.append(l(a[it["t"]]) if "t" in it else str(it["n"]) if "n" in it else "None" if "none" in it
                   else "..." if "ell" in it else it["s"])
    return ", ".join(txt)


def _idx_java(a, k, l):
    if all("t" not in it for it in k["idx"]):
        return '"%s"' % _idx_py(a, k, l)
    txt = []
    for it in k["idx"]:
        if "t" in it:
            txt.append(l(a[it["t"]]))
        elif "n" in it:
            txt.append(str(it["n"]))
        elif "none" in it:
            txt.append("Index.NONE")
        elif "ell" in it:
            txt.append("Index.ELLIPSIS")
        else:
            txt.append("Slice.ALL" if it["s"] == ":" else 'Index.parse("%s").get(0)' % it["s"])
    return ", ".join(txt)


def _set(a, k):
    a[0][_items(a, k, a)] = a[-1] if not isinstance(a[-1], torch.Tensor) else a[-1]
    return a[0]


op("get", lambda a, k: a[0][_items(a, k, a)], lambda a, k, l: "%s[%s]" % (l(a[0]), _idx_py(a, k, l)),
   lambda a, k, l: "%s.get(%s)" % (l(a[0]), _idx_java(a, k, l)))
# set: the value is the last arg; the result is the target itself (Python: a statement).
op("set", _set, lambda a, k, l: "%s[%s] = %s" % (l(a[0]), _idx_py(a, k, l), l(a[-1])),
   lambda a, k, l: "%s.set(%s, %s)" % (l(a[0]), _idx_java(a, k, l), l(a[-1])))

op("cat", lambda a, k: torch.cat(list(a), k["dim"]),
   lambda a, k, l: "torch.cat([%s], %d)" % (", ".join(map(l, a)), k["dim"]),
   lambda a, k, l: "cat(List.of(%s), %d)" % (", ".join(map(l, a)), k["dim"]))
op("stack", lambda a, k: torch.stack(list(a), k["dim"]),
   lambda a, k, l: "torch.stack([%s], %d)" % (", ".join(map(l, a)), k["dim"]),
   lambda a, k, l: "stack(List.of(%s), %d)" % (", ".join(map(l, a)), k["dim"]))
op("matmul", lambda a, k: a[0] @ a[1], "{a0} @ {a1}", "{a0}.matmul({a1})")
for _n in ["mm", "dot", "outer"]:
    op(_n, (lambda n: lambda a, k: getattr(a[0], n)(a[1]))(_n), "{a0}.%s({a1})" % _n, "{a0}.%s({a1})" % _n)

op("softmax", lambda a, k: F.softmax(a[0], k["dim"]), "F.softmax({a0}, {dim})", "F.softmax({a0}, {dim})")
op("log_softmax", lambda a, k: F.log_softmax(a[0], k["dim"]), "F.log_softmax({a0}, {dim})",
   "F.logSoftmax({a0}, {dim})")
op("linear", lambda a, k: F.linear(a[0], a[1], a[2]), "F.linear({a0}, {a1}, {a2})", "F.linear({a0}, {a1}, {a2})")
for _n, _j in [("mse_loss", "mseLoss"), ("l1_loss", "l1Loss"), ("cross_entropy", "crossEntropy"),
               ("nll_loss", "nllLoss"), ("binary_cross_entropy", "binaryCrossEntropy"),
               ("binary_cross_entropy_with_logits", "binaryCrossEntropyWithLogits")]:
    op(_n, (lambda n: lambda a, k: getattr(F, n)(a[0], a[1]))(_n), "F.%s({a0}, {a1})" % _n, "F.%s({a0}, {a1})" % _j)

op("arange", lambda a, k: torch.arange(*a),
   lambda a, k, l: "torch.arange(%s)" % ", ".join(map(l, a)),
   lambda a, k, l: "arange(%s)" % ", ".join(map(l, a)))
op("linspace", lambda a, k: torch.linspace(a[0], a[1], k["n"]),
   "torch.linspace({a0}, {a1}, {n})", "linspace({a0}, {a1}, {n})")
op("eye", lambda a, k: torch.eye(k["n"], k["m"]), "torch.eye({n}, {m})", "eye({n}, {m})")
op("full", lambda a, k: torch.full(k["shape"], a[0]) if k.get("dtype") is None
   else torch.full(k["shape"], a[0], dtype=DTYPES[k["dtype"]]),
   lambda a, k, l: "torch.full(%s, %s%s)" % (pytuple(k["shape"]), l(a[0]),
                                              ", dtype=torch." + k["dtype"] if k.get("dtype") else ""),
   lambda a, k, l: "full(%snew int[] {%s}, %s)" % ("DType.%s, " % JAVA_DTYPE[k["dtype"]] if k.get("dtype") else "",
                                                   jints(k["shape"]), l(a[0])))
for _n, _j in [("zeros_like", "zerosLike"), ("ones_like", "onesLike")]:
    op(_n, (lambda n: lambda a, k: getattr(torch, n)(a[0]))(_n), "torch.%s({a0})" % _n, "%s({a0})" % _j)

# backward: a0 is the root; k: "gradient" (an arg index) and "retain".
op("backward", None,
   lambda a, k, l: "%s.backward(%s%s)" % (l(a[0]), l(a[1]) if len(a) > 1 else "",
                                          ("" if len(a) == 1 else ", ") + "retain_graph=True" if k.get("retain") else ""),
   lambda a, k, l: "%s.backward(%s)" % (l(a[0]), "%s, true" % (l(a[1]) if len(a) > 1 else "null") if k.get("retain")
                                         else (l(a[1]) if len(a) > 1 else "")))


def render(step, lang):
    """One step as a line of Python or Java."""
    lit = py_lit if lang == "py" else java_lit
    if step["op"] == "input":
        return None
    fn, py, java = OPS[step["op"]]
    tmpl = py if lang == "py" else java
    a = step.get("a", [])
    k = step.get("k", {})
    if callable(tmpl):
        expr = tmpl(a, k, lit)
    else:
        fmt = {"a%d" % i: lit(x) for i, x in enumerate(a)}
        fmt.update({key: (jbool(v) if lang == "java" and isinstance(v, bool) else v) for key, v in k.items()})
        expr = tmpl.format(**fmt)
    if step["op"] in ("backward", "set"):
        return expr + ("" if lang == "py" else ";")
    return ("%s = %s" % (step["v"], expr)) if lang == "py" else ("var %s = %s;" % (step["v"], expr))


def run(step, env):
    """Runs one step on torch values; returns the result."""
    a = [env[x] if isinstance(x, str) else None if x is None else scalar_value(x) for x in step.get("a", [])]
    k = step.get("k", {})
    if step["op"] == "backward":
        a[0].backward(a[1] if len(a) > 1 else None, retain_graph=bool(k.get("retain")))
        return None
    return OPS[step["op"]][0](a, k)

op("get_values", lambda a, k: a[0].values, "{a0}.values", "{a0}.values()")
op("get_indices", lambda a, k: a[0].indices, "{a0}.indices", "{a0}.indices()")
op("nonzero", lambda a, k: a[0].nonzero(), "{a0}.nonzero()", "{a0}.nonzero()")
for _n, _j in [("expand_as", "expandAs"), ("view_as", "viewAs"), ("reshape_as", "reshapeAs")]:
    op(_n, (lambda n: lambda a, k: getattr(a[0], n)(a[1]))(_n), "{a0}.%s({a1})" % _n, "{a0}.%s({a1})" % _j)
for _n in ["equal", "allclose"]:
    op(_n, (lambda n: lambda a, k: getattr(torch, n)(a[0], a[1]))(_n), "torch.%s({a0}, {a1})" % _n, "{a0}.%s({a1})" % _n)
for _n in ["zeros", "ones"]:
    op(_n, (lambda n: lambda a, k: getattr(torch, n)(tuple(k["shape"]), dtype=DTYPES[k["dtype"]]) if k.get("dtype")
            else getattr(torch, n)(tuple(k["shape"])))(_n),
       (lambda n: lambda a, k, l: "torch.%s(%s%s)" % (n, pytuple(k["shape"]), ", dtype=torch." + k["dtype"] if k.get("dtype") else ""))(_n),
       (lambda n: lambda a, k, l: "%s(%s%s)" % (n, "DType.%s, " % JAVA_DTYPE[k["dtype"]] if k.get("dtype") else "", jints(k["shape"])))(_n))


# nn modules, built with k["cls"] and k["args"]: "module" applies one to a0 (a loss module to
# a0 and a1), "module_repr" gives its printed form, as students see it in a Sequential.
def _module(k):
    return getattr(torch.nn, k["cls"])(*k.get("args", []))


def _module_new(k, lang):
    args = ", ".join(repr(x) for x in k.get("args", []))
    return ("nn.%s(%s)" if lang == "py" else "new %s(%s)") % (k["cls"], args)


op("module", lambda a, k: _module(k)(*a),
   lambda a, k, l: "%s(%s)" % (_module_new(k, "py"), ", ".join(map(l, a))),
   lambda a, k, l: "%s.apply(%s)" % (_module_new(k, "java"), ", ".join(map(l, a))))
op("module_repr", lambda a, k: repr(_module(k)), lambda a, k, l: "repr(%s)" % _module_new(k, "py"),
   lambda a, k, l: "%s.toString()" % _module_new(k, "java"))
