#!/usr/bin/env python3
"""Golden text for org.workbook.tensor: what PyTorch 1.13 really prints and computes.

The Java tests (lib/src/test/java/org/workbook/tensor/PrintingTest.java, PromotionTest.java,
FactoriesTest.java) build the same tensors and compare with these files, so they run without
Python. Regenerate after changing the cases (the Java side must add or drop the same names):

    /usr/bin/python3 bench/golden/gen_tensor_print.py   # writes lib/src/test/resources/golden/tensor/

Needs PyTorch 1.13 (Debian 12: apt-get install python3-torch); other versions print differently
(e.g. grad_fn names), so the script refuses them. Use Debian's /usr/bin/python3, which sees it.

Values are made without any RNG, from integer formulas evaluated in double precision and
rounded to the tensor's dtype (F, G, H below); Java evaluates the same formulas the same way.

Files (blank lines inside a block are part of the text; '### ' starts the next block):

    print.txt        ### <case name>             then repr(tensor) (or str(...) for sizes)
    promotion.txt    <op> <a> <b> <result dtype>  a, b: <dtype>:dim (shape [2]), <dtype>:zero (0-d),
                                                  int:number / float:number (a Python scalar, b only)
    ranges.txt       <call> <args...> = <float.hex of each float32 value>
"""
import math
import os
import sys

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "lib", "src", "test", "resources", "golden", "tensor")

if not torch.__version__.startswith("1.13"):
    sys.exit("need PyTorch 1.13 (found %s): use Debian's /usr/bin/python3 with python3-torch" % torch.__version__)


def F(i):
    """Multiples of 1/8 in [-6.25, 6.25]: exact in every float type."""
    return ((i * 37) % 101 - 50) / 8.0


def G(i):
    """Fractions with no short binary form, in [-1.5, 1.5]."""
    return ((i * 7919) % 1000 - 500) / 333.0


def H(i):
    """Whole numbers 0..96."""
    return float(i * 13 % 97)


def vals(n, f):
    return [f(i) for i in range(n)]


def t32(n, f, *shape):
    return torch.tensor(vals(n, f), dtype=torch.float32).reshape(*shape) if shape else \
        torch.tensor(vals(n, f), dtype=torch.float32)


def t64(n, f, *shape):
    return torch.tensor(vals(n, f), dtype=torch.float64).reshape(*shape) if shape else \
        torch.tensor(vals(n, f), dtype=torch.float64)


def grad_x():
    return torch.tensor(vals(4, F), requires_grad=True)


nan, inf = float("nan"), float("inf")

# name -> a function giving the tensor (or the object) whose repr is stored
CASES = [
    ("int_vec", lambda: torch.tensor([1, 2, 3])),
    ("int_widths", lambda: torch.tensor([-100, 5, 42, 7])),
    ("int_2d", lambda: torch.arange(12).reshape(3, 4)),
    ("int_3d", lambda: torch.arange(24).reshape(2, 3, 4) - 10),
    ("int_0d", lambda: torch.tensor(7)),
    ("int_huge", lambda: torch.tensor([9007199254740993, -1])),
    ("int_wrap", lambda: torch.arange(100)),
    ("int_wrap_wide", lambda: torch.arange(10000, 10030)),
    ("bool_vec", lambda: torch.tensor([True, False, True])),
    ("bool_2d", lambda: torch.arange(6).reshape(2, 3) > 2),
    ("bool_0d", lambda: torch.tensor(True)),
    ("f32_small", lambda: torch.tensor([0.1, 0.25, -1.5])),
    ("f32_G", lambda: t32(7, G)),
    ("f32_2d", lambda: t32(12, G, 3, 4)),
    ("f32_3d", lambda: t32(24, F, 2, 3, 4)),
    ("f32_int_valued", lambda: torch.tensor([1., 2., 30.])),
    ("f32_int_valued_neg", lambda: torch.tensor([-1., 0., 5.])),
    ("f32_int_valued_2d", lambda: t32(6, H, 2, 3)),
    ("f32_int_mode_sci", lambda: torch.tensor([1., 1e6])),
    ("f32_int_mode_wide", lambda: torch.tensor([100., 2000.])),
    ("f32_sci_ratio", lambda: torch.tensor([1e-3, 1.0, 10.0, 1000.0])),
    ("f32_sci_small", lambda: torch.tensor([1e-5, 2e-5])),
    ("f32_sci_large", lambda: torch.tensor([1e9, 2.5e9])),
    ("f32_sci_neg", lambda: torch.tensor([-1e-5, 1.0])),
    ("f32_sci_2d", lambda: torch.tensor([[1e-6, 1.0], [123.5, -4e5]])),
    ("f32_ratio_ok", lambda: torch.tensor([0.5, 499.75])),
    ("f64_vec", lambda: t64(5, G)),
    ("f64_0d", lambda: torch.tensor(2.5, dtype=torch.float64)),
    ("f64_sci", lambda: torch.tensor([1e10, -1e-10], dtype=torch.float64)),
    ("f64_2d", lambda: t64(6, F, 3, 2)),
    ("neg_zero", lambda: torch.tensor([-0.0, 0.0])),
    ("neg_zero_0d", lambda: torch.tensor(-0.0)),
    ("neg_zero_mixed", lambda: torch.tensor([-0.0, 1.5, -2.25])),
    ("nan_inf", lambda: torch.tensor([nan, inf, -inf, 1.5])),
    ("nan_int_mode", lambda: torch.tensor([1., nan, 2.])),
    ("all_nan", lambda: torch.tensor([nan, nan])),
    ("inf_only", lambda: torch.tensor([inf, -inf])),
    ("nan_sci", lambda: torch.tensor([nan, 1e-5, 1.0])),
    ("nan_0d", lambda: torch.tensor(nan)),
    ("f32_0d", lambda: torch.tensor(3.)),
    ("f32_0d_frac", lambda: torch.tensor(0.125)),
    ("f32_0d_tiny", lambda: torch.tensor(1e-6)),
    ("f32_0d_big", lambda: torch.tensor(123456789.0)),
    ("f32_0d_zero", lambda: torch.tensor(0.)),
    ("empty_f32", lambda: torch.zeros(0)),
    ("empty_0x3", lambda: torch.zeros(0, 3)),
    ("empty_2x0x4", lambda: torch.zeros(2, 0, 4)),
    ("empty_int64", lambda: torch.zeros(0, dtype=torch.int64)),
    ("empty_bool", lambda: torch.zeros(0, dtype=torch.bool)),
    ("empty_f64", lambda: torch.zeros(0, dtype=torch.float64)),
    ("empty_int64_3x0", lambda: torch.zeros(3, 0, dtype=torch.int64)),
    ("empty_int32", lambda: torch.zeros(0, dtype=torch.int32)),
    ("empty_uint8_2d", lambda: torch.zeros(0, 2, dtype=torch.uint8)),
    ("sum_int_2000", lambda: torch.arange(2000)),
    ("sum_f32_1001", lambda: t32(1001, G)),
    ("sum_f32_40x30", lambda: t32(1200, F, 40, 30)),
    ("sum_f32_12x10x10", lambda: t32(1200, G, 12, 10, 10)),
    ("sum_f32_2x600", lambda: t32(1200, G, 2, 600)),
    ("sum_f32_600x2", lambda: t32(1200, F, 600, 2)),
    ("sum_int_11x11x11", lambda: torch.arange(1331).reshape(11, 11, 11)),
    ("sum_f64_1500", lambda: t64(1500, G)),
    ("sum_bool_1200", lambda: torch.arange(1200) % 3 == 0),
    ("wrap_f32_30", lambda: t32(30, F)),
    ("wrap_f32_3x25", lambda: t32(75, G, 3, 25)),
    ("wrap_f32_2x2x20", lambda: t32(80, F, 2, 2, 20)),
    ("wrap_f64_40", lambda: t64(40, G)),
    ("rg_vec", lambda: torch.tensor([1., 2.], requires_grad=True)),
    ("rg_f64", lambda: t64(3, G).requires_grad_()),
    ("rg_f64_wide", lambda: t64(7, G).requires_grad_()),
    ("rg_f64_wrapped_rows", lambda: t64(20, G).requires_grad_()),
    ("rg_0d", lambda: torch.tensor(1.5, requires_grad=True)),
    ("gf_mul", lambda: grad_x() * 2),
    ("gf_add", lambda: grad_x() + 1),
    ("gf_sub", lambda: grad_x() - grad_x()),
    ("gf_div", lambda: grad_x() / 4),
    ("gf_rsub", lambda: 1 - grad_x()),
    ("gf_neg", lambda: -grad_x()),
    ("gf_sum", lambda: grad_x().sum()),
    ("gf_mean", lambda: grad_x().mean()),
    ("gf_pow", lambda: grad_x().pow(2)),
    ("gf_relu", lambda: grad_x().relu()),
    ("gf_abs", lambda: grad_x().abs()),
    ("gf_view", lambda: grad_x().view(2, 2)),
    ("gf_reshape", lambda: grad_x().reshape(2, 2)),
    ("gf_t", lambda: grad_x().view(2, 2).t()),
    ("gf_transpose", lambda: grad_x().view(2, 2).transpose(0, 1)),
    ("gf_select", lambda: grad_x()[0]),
    ("gf_slice", lambda: grad_x()[1:]),
    ("gf_unsqueeze", lambda: grad_x().unsqueeze(0)),
    ("gf_squeeze_dim", lambda: grad_x().unsqueeze(0).squeeze(0)),
    ("gf_sum_dim", lambda: grad_x().view(2, 2).sum(0)),
    ("gf_mean_dim", lambda: grad_x().view(2, 2).mean(1)),
    ("gf_stack", lambda: torch.stack([grad_x(), grad_x()])),
    ("gf_cat", lambda: torch.cat([grad_x(), grad_x()])),
    ("gf_max", lambda: grad_x().max()),
    ("gf_clamp", lambda: grad_x().clamp(0, 1)),
    ("gf_double", lambda: grad_x().double()),
    ("gf_exp_f64", lambda: t64(3, F).requires_grad_().mul(2)),
    ("dt_uint8", lambda: torch.tensor([0, 7, 255], dtype=torch.uint8)),
    ("dt_uint8_2d", lambda: torch.tensor([[1, 2], [30, 200]], dtype=torch.uint8)),
    ("dt_int32_2d", lambda: torch.arange(6, dtype=torch.int32).reshape(2, 3)),
    ("dt_int32_0d", lambda: torch.tensor(5, dtype=torch.int32)),
    ("dt_int32_sum", lambda: torch.arange(1100, dtype=torch.int32)),
    ("size_2x3", lambda: torch.zeros(2, 3).shape),
    ("size_0d", lambda: torch.zeros(()).shape),
    ("max_dim", lambda: torch.tensor([[1., 5.], [3., 2.]]).max(1)),
    ("min_dim_keep", lambda: torch.tensor([[1., 5.], [3., 2.]]).min(0, keepdim=True)),
]

# ---- type promotion ------------------------------------------------------------------------

DTYPES = [torch.float32, torch.float64, torch.int64, torch.int32, torch.uint8, torch.bool]


def short(dt):
    return str(dt).replace("torch.", "")


def operand(dt, kind):
    if kind == "dim":
        return torch.ones(2, dtype=dt)
    return torch.ones((), dtype=dt)


def result(op, a, b):
    """The result dtype, or 'error' where torch refuses the combination."""
    try:
        return short(op(a, b).dtype)
    except RuntimeError:
        return "error"


def promotion_lines():
    lines = []
    ops = [("add", torch.add), ("div", torch.div), ("lt", torch.lt), ("maximum", torch.maximum)]
    for name, op in ops:
        for da in DTYPES:
            for ka in ("dim", "zero"):
                a = operand(da, ka)
                for db in DTYPES:
                    for kb in ("dim", "zero"):
                        b = operand(db, kb)
                        lines.append("%s %s:%s %s:%s %s" % (name, short(da), ka, short(db), kb, result(op, a, b)))
                if name in ("add", "div", "lt"):
                    for kind, num in (("int", 2), ("float", 2.5)):
                        lines.append("%s %s:%s %s:number %s" % (name, short(da), ka, kind, result(op, a, num)))
    return lines


# ---- ranges ----------------------------------------------------------------------------------

def hexes(t):
    return " ".join(float(v).hex() for v in t.tolist())


def range_lines():
    lines = []
    for start, end, steps in [(-2, 2, 5), (0, 1, 11), (0, 1, 100), (-3.7, 12.1, 33), (1e-3, 7.5, 17),
                              (5, -5, 9), (0, 1, 1), (2.5, 2.5, 4), (-1, 1, 2), (0, 10, 1000),
                              (-7.3, 11.9, 257), (0.1, 0.2, 64), (3, -3, 31), (-1e4, 3e4, 4099), (0.7, 0.3, 15)]:
        lines.append("linspace %r %r %d = %s" % (start, end, steps, hexes(torch.linspace(start, end, steps))))
    for start, end, step in [(0.0, 1.0, 0.1), (-2.0, 3.0, 0.25), (1.0, -1.0, -0.3), (0.5, 10.0, 1.5),
                             (1.234, 5.678, 0.1), (-10.0, 10.0, 0.37), (0.0, 100.0, 0.7), (5.0, -5.0, -0.013)]:
        lines.append("arange %r %r %r = %s" % (start, end, step, hexes(torch.arange(start, end, step))))
    return lines


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "print.txt"), "w") as f:
        f.write("# repr() of tensors from PyTorch %s; written by bench/golden/gen_tensor_print.py\n"
                % torch.__version__)
        for name, make in CASES:
            f.write("### %s\n%s\n" % (name, repr(make())))
    with open(os.path.join(OUT, "promotion.txt"), "w") as f:
        f.write("# result dtypes from PyTorch %s; written by bench/golden/gen_tensor_print.py\n"
                % torch.__version__)
        f.write("\n".join(promotion_lines()) + "\n")
    with open(os.path.join(OUT, "ranges.txt"), "w") as f:
        f.write("# float32 values from PyTorch %s; written by bench/golden/gen_tensor_print.py\n"
                % torch.__version__)
        f.write("\n".join(range_lines()) + "\n")
    print("wrote %d print cases, promotion and ranges to %s" % (len(CASES), OUT))


if __name__ == "__main__":
    main()
