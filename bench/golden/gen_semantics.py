#!/usr/bin/env python3
"""Golden outputs for the regression tests of PyTorch's semantics in the corners (issue 13).

Each case below is a small torch program; the Java side (org.workbook.tensor.SemanticsGoldenTest)
has the same program under the same id. A case returns a string (usually str() of a tensor or of
a gradient, so printing is compared too) or raises; the error's message is recorded.

Writes lib/src/test/resources/golden/semantics/cases.txt, one case a line:
    id <TAB> out|err <TAB> text   (backslash and newline escaped as \\ and \n)
Run with Debian's python3-torch (1.13): /usr/bin/python3 bench/golden/gen_semantics.py
"""
import pathlib

import torch
import torch.nn.functional as F

OUT = pathlib.Path(__file__).resolve().parents[2] / "lib/src/test/resources/golden/semantics/cases.txt"
CASES = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


def rg(*v):
    return torch.tensor(list(v), requires_grad=True)


def grads(*ts):
    return " | ".join(str(t.grad) for t in ts)


# ---- masked gradients select, they do not multiply ------------------------------------------
@case
def mask_relu_log():
    x = rg(-1., 2.); x.relu().log().sum().backward(); return grads(x)

@case
def mask_relu_dead_units_no_negative_zero():
    x = rg(-1., -2., 3.); (x.relu() * -1).sum().backward(); return grads(x)

@case
def mask_relu_keeps_negative_zero():
    return str(torch.tensor([-0., 0., -1., float("nan"), 2.]).relu())

@case
def mask_clamp_inf_gradient():
    x = rg(-2., 0.5, 3.); x.clamp(0, 1).log().sum().backward(); return grads(x)

@case
def mask_clamp_negative_gradient():
    x = rg(-2., 0.5, 3.); (x.clamp(0., 1.) * -1).sum().backward(); return grads(x)

@case
def mask_clamp_min_nan_input():
    x = rg(float("nan"), 1.); x.clamp(min=0).sum().backward(); return grads(x)

@case
def mask_max_whole_ties():
    x = rg(1., 3., 3.); (x.max() * -1).backward(); return grads(x)

@case
def mask_max_whole_inf_gradient():
    x = rg(0., -1.); x.max().log().backward(); return grads(x)

@case
def mask_min_whole_negative():
    x = rg(4., 1., 2.); (x.min() * -2).backward(); return grads(x)

@case
def mask_max_dim():
    x = torch.tensor([[1., 5.], [7., 2.]], requires_grad=True); (x.max(1).values * -1).sum().backward(); return grads(x)

@case
def mask_min_dim_keepdim_inf():
    x = torch.tensor([[1., 0.], [3., 2.]], requires_grad=True); x.min(1, keepdim=True).values.log().sum().backward()
    return grads(x)

@case
def mask_maximum_ties_and_signs():
    a = rg(1., 2., 3.); b = rg(3., 2., 1.); (a.maximum(b) * -1).sum().backward(); return grads(a, b)

@case
def mask_minimum_inf_gradient():
    a = rg(0., 2.); b = rg(1., 0.5); a.minimum(b).log().sum().backward(); return grads(a, b)

@case
def mask_maximum_nan():
    a = rg(float("nan"), 1.); b = rg(1., 2.); a.maximum(b).sum().backward(); return grads(a, b)


# ---- a Java double is a Python float, a Java int/long a Python int -----------------------------
@case
def scalar_int_times_float():
    return str(torch.arange(3) * 2.0)

@case
def scalar_int_times_int():
    return str(torch.arange(3) * 2)

@case
def scalar_int_pow_negative_float():
    return str(torch.arange(1, 3).pow(-1.0))

@case
def scalar_int_pow_int():
    return str(torch.arange(4).pow(2))

@case
def scalar_int_pow_float():
    return str(torch.arange(4).pow(2.0))

@case
def scalar_int_plus_float():
    return str(torch.arange(3) + 1.0)

@case
def scalar_int_minus_int():
    return str(torch.arange(3) - 1)

@case
def scalar_int_div_int():
    return str(torch.arange(4) / 2)

@case
def scalar_rsub_float():
    return str(1.0 - torch.arange(3))

@case
def scalar_rsub_int():
    return str(1 - torch.arange(3))

@case
def scalar_eq_float():
    return str(torch.arange(3) == 1.0)

@case
def scalar_where_float():
    return str(torch.where(torch.tensor([True, False]), torch.tensor([1, 2]), 0.5))

@case
def scalar_where_int():
    return str(torch.where(torch.tensor([True, False]), torch.tensor([1, 2]), 0))

@case
def scalar_clamp_float_bounds():
    return str(torch.arange(5).clamp(0., 2.))

@case
def scalar_clamp_int_bounds():
    return str(torch.arange(5).clamp(0, 2))

@case
def scalar_fill_float_into_int():
    return str(torch.arange(5).fill_(2.7))

@case
def scalar_bool_plus_int():
    return str(torch.tensor([True, False]) + 1)

@case
def scalar_float32_times_double_stays_float32():
    return str((torch.tensor([1.5, 2.5]) * 0.1).dtype)


# ---- in-place ops in the graph, and version counters -----------------------------------------------
@case
def inplace_chain_on_views():
    x = rg(1., 2., 3.); y = x * 2; y.add_(1); y[0:2].mul_(3); y.sum().backward()
    return str(y) + " | " + grads(x)

@case
def inplace_mul_by_tensor():
    x = rg(1., 2.); w = rg(3., 4.); y = x * 1; y.mul_(w); y.sum().backward(); return str(y) + " | " + grads(x, w)

@case
def inplace_div_by_tensor():
    x = rg(1., 2.); w = rg(4., 8.); y = x * 1; y.div_(w); y.sum().backward(); return grads(x, w)

@case
def inplace_relu_then_scale():
    x = rg(-1., 2.); y = x * 3; y.relu_(); (y * y).sum().backward(); return str(y) + " | " + grads(x)

@case
def inplace_saved_output_modified():
    x = rg(1., 2., 3.); y = x.exp(); y.add_(1); y.sum().backward()

@case
def inplace_saved_input_modified():
    x = rg(1., 2.); w = rg(3., 4.); y = x * 1; z = y * w; y.mul_(2); z.sum().backward()

@case
def inplace_leaf_refused():
    x = rg(1., 2.); x.add_(1)

@case
def inplace_view_of_leaf_refused():
    x = rg(1., 2.); x[0:1].mul_(2)

@case
def inplace_no_grad_update_bumps_version():
    w = rg(1., 2.); out = (w * w).sum()
    with torch.no_grad():
        w.add_(1)
    out.backward()

@case
def inplace_data_is_untracked():
    x = rg(1., 2.); y = x.exp(); y.data.add_(1); y.sum().backward(); return grads(x)

@case
def inplace_set_into_plain_tensor():
    x = rg(1., 2., 3.); a = torch.zeros(4); a[1:] = x * 2; (a * a).sum().backward()
    return str(a) + " | " + grads(x)

@case
def inplace_set_scalar_in_graph():
    x = rg(1., 2., 3.); y = x * 1; y[0] = 5; y.sum().backward(); return str(y) + " | " + grads(x)

@case
def inplace_index_put_in_graph():
    x = rg(1., 2., 3.); v = rg(7., 8.); y = x * 1; y[torch.tensor([0, 2])] = v; (y * 2).sum().backward()
    return str(y) + " | " + grads(x, v)

@case
def inplace_mask_put_in_graph():
    x = rg(-1., 2., -3.); y = x * 1; y[y < 0] = 0.; y.sum().backward(); return str(y) + " | " + grads(x)

@case
def inplace_other_view_sees_write():
    x = rg(1., 2., 3.); y = x * 1; v = y[1:]; w = y[:2]; v.mul_(2); w.sum().backward()
    return str(w) + " | " + grads(x)

@case
def inplace_copy_into_graph():
    x = rg(1., 2.); y = (x * 5); y.copy_(x * x); y.sum().backward(); return str(y) + " | " + grads(x)

@case
def inplace_zero_and_fill():
    x = rg(1., 2.); y = x * 2; z = x * 3; y.zero_(); z.fill_(4.); (y + z + x).sum().backward()
    return str(y) + " " + str(z) + " | " + grads(x)

@case
def inplace_exp_of_view_in_place():
    x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True); y = x * 1; y[:, 1].pow_(2); y.sum().backward()
    return str(y) + " | " + grads(x)


# ---- backward twice -------------------------------------------------------------------------------
@case
def twice_add_accumulates():
    x = rg(1., 2.); y = (x + 1).sum(); y.backward(); y.backward(); return grads(x)

@case
def twice_mul_refused():
    x = rg(1., 2.); y = (x * 2).sum(); y.backward(); y.backward()

@case
def twice_retain_graph():
    x = rg(1., 2.); y = (x * x).sum(); y.backward(retain_graph=True); y.backward(); return grads(x)

@case
def twice_views_and_sum():
    x = rg(1., 2., 3.); y = x[1:].sum(); y.backward(); y.backward(); return grads(x)


# ---- grad_fn names -----------------------------------------------------------------------------------
def fn(t):
    return str(t.grad_fn).split(" ")[0].lstrip("<")

@case
def name_mse_loss():
    return fn(F.mse_loss(rg(1., 2.), torch.tensor([0., 0.])))

@case
def name_index_pairs():
    w = torch.randn(3, 4, requires_grad=True); return fn(w[torch.arange(2), torch.tensor([1, 3])])

@case
def name_index_mask():
    w = torch.randn(3, requires_grad=True); return fn(w[torch.tensor([True, False, True])])

@case
def name_index_columns():
    w = torch.randn(3, 4, requires_grad=True); return fn(w[:, torch.tensor([0, 2])])

@case
def name_dot():
    return fn(rg(1., 2.) @ torch.tensor([3., 4.]))

@case
def name_mv():
    return fn(torch.randn(2, 3, requires_grad=True) @ torch.randn(3))

@case
def name_vector_matrix():
    return fn(rg(1., 2.) @ torch.randn(2, 3))

@case
def name_mm():
    return fn(torch.randn(2, 3, requires_grad=True) @ torch.randn(3, 4))

@case
def name_batched():
    return fn(torch.randn(2, 2, 3, requires_grad=True) @ torch.randn(3, 4))

@case
def name_batched_both():
    return fn(torch.randn(2, 2, 3, requires_grad=True) @ torch.randn(2, 3, 4))

@case
def name_rdiv():
    return fn(3 / rg(1., 2.))

@case
def name_rdiv_value():
    return str(3 / torch.tensor([3., 7.]))

@case
def name_full_slice():
    return fn(rg(1., 2.)[:])

@case
def name_full_slice_in_tuple():
    return fn(torch.randn(2, 3, requires_grad=True)[:, 0])

@case
def name_t_of_vector():
    return fn(rg(1., 2.).t())

@case
def name_expand_same_shape():
    return fn(rg(1., 2.).expand(2))

@case
def name_flatten_vector_is_self():
    x = rg(1., 2.); return str(x.flatten() is x)

@case
def name_max_dim_of_scalar():
    return fn(torch.tensor(3., requires_grad=True).max(0).values)


# ---- losses and reductions on the shapes torch accepts ---------------------------------------------
@case
def loss_cross_entropy_unbatched():
    x = rg(1., 2., 0.5); l = F.cross_entropy(x, torch.tensor(1)); l.backward(); return str(l) + " | " + grads(x)

@case
def loss_nll_unbatched():
    x = rg(-1., -2., -0.5); return str(F.nll_loss(x, torch.tensor(2)))

@case
def loss_cross_entropy_probabilities():
    x = torch.tensor([[1., 2., 0.5], [0., 0., 3.]], requires_grad=True)
    p = torch.tensor([[0.2, 0.5, 0.3], [1., 0., 0.]])
    l = F.cross_entropy(x, p); l.backward(); return str(l) + " | " + grads(x)

@case
def loss_softmax_empty_dim():
    return str(torch.zeros(2, 0).softmax(1)) + " " + str(torch.zeros(2, 0).log_softmax(0))

@case
def loss_cat_legacy_empty():
    return str(torch.cat([torch.zeros(0), torch.ones(2, 2)]))

@case
def loss_set_one_element_into_scalar_slot():
    y = torch.zeros(5); y[3] = torch.tensor([2.]); return str(y)

@case
def loss_max_dim_of_scalar_backward():
    x = torch.tensor(3., requires_grad=True); x.max(0).values.mul(2).backward(); return grads(x)

@case
def loss_bce_logits_promotes():
    return str(F.binary_cross_entropy_with_logits(torch.tensor([0.5, -1.]), torch.tensor([1., 0.], dtype=torch.float64)))

@case
def loss_bce_logits_infinite():
    return str(F.binary_cross_entropy_with_logits(torch.tensor([float("inf"), -1.]), torch.tensor([1., 0.])))

@case
def loss_bce_logits_value():
    x = rg(0.5, -1., 3.); l = F.binary_cross_entropy_with_logits(x, torch.tensor([1., 0., 0.])); l.backward()
    return str(l) + " | " + grads(x)

@case
def loss_mse_value_and_grad():
    x = rg(0.5, -1., 3.); l = F.mse_loss(x, torch.tensor([1., 0., 0.])); l.backward(); return str(l) + " | " + grads(x)


# ---- errors where torch errors, with torch's words -----------------------------------------------
@case
def err_narrow_past_end():
    torch.arange(5).narrow(0, 3, 4)

@case
def err_mean_of_long():
    torch.arange(3).mean()

@case
def err_std_of_long():
    torch.arange(3).std()

@case
def err_var_of_bool():
    torch.tensor([True, False]).var()

@case
def err_softmax_of_long():
    torch.arange(3).softmax(0)

@case
def err_argmax_of_bool():
    torch.tensor([True, False]).argmax()

@case
def err_abs_of_bool():
    torch.tensor([True]).abs()

@case
def err_relu_of_bool():
    torch.tensor([True]).relu()

@case
def err_sub_with_bool():
    torch.tensor([1]) - torch.tensor([True])

@case
def err_arange_step_sign():
    torch.arange(5, 0, 1)

@case
def err_negative_slice_step():
    torch.arange(5)[::-1]

@case
def err_int_pow_negative_number():
    torch.arange(1, 3) ** -1

@case
def int_pow_negative_exponent_tensor():
    return str(torch.tensor([2, 4, 1, -1]) ** torch.tensor([-1, 2, -3, -3]))

@case
def pow_one_to_inf():
    return str(torch.tensor([1.]) ** float("inf")) + " " + str(torch.tensor([1.]) ** torch.tensor([float("nan")]))

@case
def pow_minus_inf_half():
    return str(torch.tensor([-float("inf"), 4.]) ** 0.5)

@case
def clamp_min_above_max():
    return str(torch.tensor([1., 5., 9.]).clamp(6, 2)) + " " + str(torch.arange(5).clamp(3, 1))


# ---- corners found by differential runs with other seeds (TorchCornersTest) -----------------
def fn_name(t):
    return "None" if t.grad_fn is None else type(t.grad_fn).__name__

def bits(t):
    """float32 values as their bit patterns, so a last-bit difference shows."""
    return " ".join("%08x" % (b & 0xffffffff) for b in t.view(torch.int32).tolist())

@case
def corner_leaky_relu_float_slope():
    # the slope is rounded to float and the product computed in float
    return bits(F.leaky_relu(torch.tensor([-1.9478622674942017, -0.22847935557365417, -1.0921868085861206, 2.]), 0.2)) \
        + " " + bits(F.leaky_relu(torch.tensor([-1.0921868085861206]), 0.01))

@case
def corner_index_whole_slice_in_tuple():
    a = torch.randn(4, 3, requires_grad=True) * 1
    return " ".join(fn_name(t) for t in (a[:4], a[:, :3], a[:4, :3], a[None, :4], a[..., :3], a[:], a[0:4, 1:]))

@case
def corner_setitem_whole_slice_copies():
    out = []
    for items in ((slice(None, 4), slice(None, 3)), (slice(None, 4),), (slice(None), slice(None, 3)),
                  (None, slice(None, 4)), (Ellipsis,)):
        x = torch.randn(4, 3, requires_grad=True) * 1
        x[items if len(items) > 1 else items[0]] = torch.ones(3)
        out.append(type(x.grad_fn).__name__)
    return " ".join(out)

@case
def corner_setitem_number_fills_expanded():
    a = torch.zeros(1, 3); b = a.expand(3, 3); b[0] = 4; b[1:] = torch.tensor(2.); return str(a)

@case
def corner_setitem_tensor_into_expanded():
    b = torch.zeros(1, 3).expand(3, 3); b[:] = torch.ones(3); return str(b)

@case
def corner_fill_tensor_value_gradient():
    w = torch.tensor(2., requires_grad=True); x = torch.randn(4, 3, requires_grad=True) * 1
    x[...] = w; (x * 3).sum().backward(); return fn_name(x) + " | " + str(w.grad)

@case
def corner_empty_target_overlap_allowed():
    b = torch.zeros(1, 3).expand(3, 3); b[3:1] = torch.ones(1); b[3:1].add_(1); return str(b)

@case
def corner_overlap_before_broadcast():
    torch.zeros(1, 3).expand(3, 3).div_(torch.ones(2, 3)); return "no error"

@case
def corner_clamp_cast_before_overlap():
    torch.zeros(1, dtype=torch.int64).expand(3).clamp_(-0.5, 1.0); return "no error"

@case
def corner_pow_overlap_before_cast():
    torch.zeros(1, dtype=torch.int64).expand(3).pow_(0.5); return "no error"

@case
def corner_mean_dim_second_backward():
    a = torch.randn(1, 2, 2, requires_grad=True); c = a.mean(2, keepdim=True).mean(); c.backward(); c.backward()
    return "no error"

@case
def corner_mean_dim_saves_input():
    a = torch.randn(2, 3, requires_grad=True); b = a * 1; c = b.mean(1); b.add_(1); c.sum().backward()
    return "no error"

@case
def corner_cat_legacy_empty_any_dim():
    return str(torch.cat([torch.tensor([]), torch.tensor([])], 3)) + " " + str(torch.cat([torch.tensor([])], -2).shape)

@case
def corner_cross_entropy_probabilities_unbatched():
    a = torch.tensor([0.1, -0.3, 0.4, 0.5], dtype=torch.float64, requires_grad=True)
    p = F.softmax(torch.tensor([-1.25, 0.25, 1.0, -1.25], dtype=torch.float64), 0)
    l = F.cross_entropy(a, p); l.backward(); return str(l) + " | " + str(a.grad)

@case
def corner_bce_logits_bool_input():
    F.binary_cross_entropy_with_logits(torch.tensor([True, False]), torch.tensor([True, False])); return "no error"

@case
def corner_bce_logits_target_dtype():
    x = torch.tensor([0.05587093541183453, -2.], dtype=torch.float64, requires_grad=True)
    l = F.binary_cross_entropy_with_logits(x, torch.tensor([1., 0.])); l.backward()
    return str(l) + " | " + str(x.grad)

@case
def corner_softmax_empty_bool():
    return str(F.softmax(torch.zeros(1, 0, dtype=torch.bool), 1)) + " " + str(F.log_softmax(torch.zeros(4, 0, dtype=torch.bool), -2))

@case
def corner_argmax_empty_bool():
    torch.zeros(2, 0, dtype=torch.bool).argmax(-1); return "no error"

@case
def corner_argmax_empty_result_bool():
    return str(torch.zeros(0, 3, dtype=torch.bool).argmax(1))

@case
def corner_mse_bool_target():
    return str(F.mse_loss(torch.tensor([1.897693395614624, 0.5]), torch.tensor([True, False])))

@case
def corner_pow_zero_exponent_gradient():
    a = torch.tensor([0.5, 2.], requires_grad=True); (a ** torch.tensor([0., 1.]) * torch.tensor([-1.5, 1.])).sum().backward()
    return str(a.grad)

@case
def corner_expand_to_scalar_gradient():
    a = torch.tensor(4., requires_grad=True); (a.expand_as(torch.tensor(1.)) * 0 * -0.75).sum().backward()
    return str(a.grad)

@case
def corner_outer_gradient_sign():
    c = torch.tensor([-0.1], requires_grad=True); (torch.tensor([0.]).outer(c) * -1.75).sum().backward()
    return str(c.grad)

@case
def corner_prod_gradient_huge():
    a = torch.tensor([-0.75, -1.0000000150474662e+30], requires_grad=True)
    (a.prod(0) * a).backward(torch.tensor([0.16838438808918, 1.9539856910705566])); return str(a.grad)

@case
def corner_var_of_scalar_gradient():
    out = []
    for v in (2., float("nan"), float("inf")):
        a = torch.tensor(v, dtype=torch.float64, requires_grad=True); a.var().backward(torch.tensor(-3., dtype=torch.float64))
        out.append(str(a.grad))
    return " ".join(out)

@case
def corner_max_min_zero_ties():
    z = torch.tensor([-0.])
    return " ".join(str(t) for t in (
        torch.maximum(z, torch.zeros(3)), torch.minimum(torch.zeros(20), torch.full((20,), -0.)),
        torch.maximum(torch.full((20,), -0.), torch.zeros(20)), torch.minimum(-z.expand(9), z.expand(9)),
        torch.maximum(torch.tensor([-0.], dtype=torch.float64), torch.zeros(10, dtype=torch.float64))))


@case
def corner_mean_is_float_sum_over_n():
    x = torch.tensor([1.75, 3.0000000054977558e+38, 3.0000000054977558e+38])
    return str(x.mean()) + " " + str(x.reshape(3, 1).mean(0)) + " " + bits(torch.tensor([0.1, 0.7, 0.3]).mean().reshape(1))


@case
def corner_softmax_backward_negative_zero_rows():
    out = []
    for f in (F.log_softmax, F.softmax):
        for dt in (torch.float32, torch.float64):
            a = torch.tensor([[0.68], [-0.13]], dtype=dt, requires_grad=True)
            f(a, 1).backward(torch.full((2, 1), -0., dtype=dt)); out.append(str(a.grad.flatten().tolist()))
            a = torch.tensor([[0.68, 0.1]], dtype=dt, requires_grad=True)
            f(a, 0).backward(torch.full((1, 2), -0., dtype=dt)); out.append(str(a.grad.flatten().tolist()))
    return " ".join(out)

@case
def corner_pow_bool_shapes_first():
    torch.zeros(3, 2, dtype=torch.bool) ** torch.zeros(3, 3, dtype=torch.bool); return "no error"

@case
def corner_bce_nan_probability():
    F.binary_cross_entropy(torch.tensor([0.5, float("nan")]), torch.tensor([1., 0.])); return "no error"


@case
def corner_log1p_past_sleef_bound():
    return str(torch.tensor([1e38, 1.0000001e38, 3e38, -0.5]).log1p()) + " " \
        + str(torch.tensor([1e307, 2e307, 0.5], dtype=torch.float64).log1p())


@case
def corner_empty_products_of_two_dtypes():
    out = []
    for sa, sb in (((2, 0), (0,)), ((0,), (0, 3)), ((2, 0), (0, 3)), ((2, 3), (3, 0)), ((1, 2, 0), (1, 0, 3)),
                   ((2, 2, 0), (0, 3)), ((2, 0), (2, 0, 3)), ((0,), (2, 0, 3)), ((2, 0, 3), (3,))):
        r = torch.zeros(sa, dtype=torch.float64) @ torch.zeros(sb, dtype=torch.float32)
        out.append(str(r.dtype) + str(list(r.shape)))
    return " ".join(out)


@case
def corner_max_min_all_zero_ties():
    out = []
    for dt in (torch.float32, torch.float64):
        for n in (2, 3, 5, 9, 12, 20, 37):
            v = [-0.0 if (i * 7 + n) % 3 else 0.0 for i in range(n)]
            t = torch.tensor(v, dtype=dt)
            out.append(str(t.max().item()) + "," + str((-t).min().item()) + "," + str((-t).max().item()))
    return " ".join(out)


@case
def corner_mse_shapes_before_dtype():
    F.mse_loss(torch.zeros(4, dtype=torch.bool), torch.zeros(5, dtype=torch.bool)); return "no error"


def esc(s):
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def main():
    torch.manual_seed(0)
    lines = []
    for name, f in CASES.items():
        try:
            out = f()
            if out is None:
                raise AssertionError(f"case {name} returned nothing and raised nothing")
            lines.append(f"{name}\tout\t{esc(out)}")
        except (RuntimeError, ValueError, IndexError, TypeError) as e:
            lines.append(f"{name}\terr\t{esc(str(e))}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("".join(line + "\n" for line in lines))
    print(f"wrote {len(lines)} cases to {OUT}")


if __name__ == "__main__":
    main()
