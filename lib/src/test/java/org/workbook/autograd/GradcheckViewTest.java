package org.workbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.workbook.autograd.GradAssert.Layout;
import org.workbook.tensor.DType;
import org.workbook.tensor.Index;
import org.workbook.tensor.Slice;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * Gradcheck of views (the gradient is reshaped, permuted, summed or scattered back) and of
 * indexing with strings, ints, slices with negative steps, integer tensors and bool masks.
 * Each view is followed by a multiplication with a ramp so every output position matters.
 */
class GradcheckViewTest {
    record Op(String name, int[] shape, UnaryOperator<Tensor> fn) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static int[] s(int... d) {
        return d;
    }

    static final List<Op> OPS = List.of(
        new Op("view(6, 4)", s(2, 3, 4), x -> x.contiguous().view(6, 4)),
        new Op("view(-1)", s(2, 3, 4), x -> x.contiguous().view(-1)),
        new Op("reshape(4, -1)", s(2, 3, 4), x -> x.reshape(4, -1)),
        new Op("reshape of a transpose", s(3, 4), x -> x.t().reshape(2, 6)),
        new Op("permute(2, 0, 1)", s(2, 3, 4), x -> x.permute(2, 0, 1)),
        new Op("transpose(0, -1)", s(2, 3, 4), x -> x.transpose(0, -1)),
        new Op("t()", s(3, 4), Tensor::t),
        new Op("T()", s(2, 3, 4), Tensor::T),
        new Op("expand(2, 3, 4)", s(3, 1), x -> x.expand(2, 3, 4)),
        new Op("expand(-1, 5)", s(3, 1), x -> x.expand(-1, 5)),
        new Op("expandAs", s(1, 4), x -> x.expandAs(Tensors.zeros(3, 4))),
        new Op("unsqueeze(1)", s(3, 4), x -> x.unsqueeze(1)),
        new Op("unsqueeze(-1)", s(3, 4), x -> x.unsqueeze(-1)),
        new Op("squeeze()", s(3, 1, 4, 1), Tensor::squeeze),
        new Op("squeeze(1)", s(3, 1, 4, 1), x -> x.squeeze(1)),
        new Op("flatten()", s(2, 3, 4), Tensor::flatten),
        new Op("flatten(1, 2)", s(2, 3, 4, 2), x -> x.flatten(1, 2)),
        new Op("select(1, -1)", s(2, 3, 4), x -> x.select(1, -1)),
        new Op("slice(1, 1:3)", s(2, 4, 3), x -> x.slice(1, Slice.of(1, 3))),
        new Op("narrow(0, 1, 2)", s(4, 3), x -> x.narrow(0, 1, 2)),
        new Op("get(\"0, 1:3\")", s(2, 4, 3), x -> x.get("0, 1:3")),
        new Op("get(\":, None\")", s(5), x -> x.get(":, None")),
        new Op("get(\"..., -2:\")", s(2, 3, 4), x -> x.get("..., -2:")),
        new Op("get(\"::2, 1\")", s(5, 3), x -> x.get("::2, 1")),
        new Op("get(-1, Slice, NONE)", s(3, 4), x -> x.get(-1, Slice.of(null, null, 2), Index.NONE)),
        new Op("get(int tensor with repeats)", s(4, 3), x -> x.get(Tensors.tensor(0, 2, 0, 3, 0))),
        new Op("get(int tensor, negative)", s(4, 3), x -> x.get(Tensors.tensor(-1, 1))),
        new Op("get(arange, target)", s(4, 3), x -> x.get(Tensors.arange(4), Tensors.tensor(2, 0, 1, 2))),
        new Op("get(:, int tensor)", s(2, 5, 3), x -> x.get(Slice.ALL, Tensors.tensor(4, 1, 1))),
        new Op("get(2-D int tensor)", s(5), x -> x.get(Tensors.tensor(new int[][] {{0, 4}, {4, 2}}))),
        new Op("get(bool mask)", s(3, 4), x -> x.get(mask(3, 4))),
        new Op("get(bool mask over rows)", s(3, 4), x -> x.get(Tensors.tensor(true, false, true))),
        new Op("cat dim 0", s(2, 3), x -> Tensors.cat(x, x.mul(2), x.get("1:"))),
        new Op("cat dim -1", s(2, 3), x -> Tensors.cat(List.of(x.exp(), x, x.get(":, :1")), -1)),
        new Op("stack dim 0", s(2, 3), x -> Tensors.stack(x, x.square())),
        new Op("stack dim -1", s(2, 3), x -> Tensors.stack(List.of(x, x.sin(), x), -1)),
        new Op("view chain", s(2, 3, 4), x -> x.permute(1, 0, 2).reshape(3, 8).get("1:, ::3").unsqueeze(0)));

    static Tensor mask(int rows, int cols) {
        Random r = new Random(rows * 31 + cols);
        boolean[] m = new boolean[rows * cols];
        for (int i = 0; i < m.length; i++) {
            m[i] = r.nextBoolean();
        }
        m[0] = true;
        return Tensors.tensor(m).reshape(rows, cols);
    }

    static Stream<Arguments> cases() {
        return GradAssert.everyLayout(OPS, 600);
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("cases")
    void gradcheck(Op op, Layout layout, int seed) {
        Random r = new Random(seed);
        Tensor x = GradAssert.values(r, op.shape(), -2, 2, 0);
        GradAssert.check(op.name(), layout, v -> {
            Tensor y = op.fn().apply(v);
            return y.mul(Tensors.arange(y.numel()).toDouble().reshape(y.shapeArray()).add(1.0));
        }, x);
    }

    @Test
    void conversionsPassTheGradientBackInTheInputsDtype() {
        // float32 round trips lose precision, so compare with a wider step than gradcheck's default.
        Tensor x = GradAssert.values(new Random(650), new int[] {3, 2}, -2, 2, 0);
        Gradcheck.Result res = Gradcheck.check(xs -> xs[0].toFloat().square().toDouble().mul(xs[0]), 1e-2, 1e-3, 1e-3, x);
        if (!res.ok()) {
            throw new AssertionError("toFloat/toDouble: " + res);
        }
        GradAssert.assertGradShapes("to(float32)", DType.FLOAT64, xs -> xs[0].toFloat().mul(3.0), x);
        GradAssert.assertGradShapes("to(float64)", DType.FLOAT32, xs -> xs[0].toDouble().mul(3.0), x);
        GradAssert.check("to(float64)", xs -> xs[0].to(DType.FLOAT64).exp(), x);
        Tensor f = Tensors.tensor(1.0, 2.0).requiresGrad_();
        f.toDouble().mul(f.toDouble()).sum().backward();
        assertEquals("tensor([2., 4.])", f.grad().toString());
        assertEquals("<ToCopyBackward0>", f.toDouble().gradFn().toString());
        // cat promotes float32 + float64 to float64; each piece's gradient comes back in its own dtype.
        Tensor d = Tensors.tensor(3.0).toDouble().reshape(1).requiresGrad_();
        f.setGrad(null);
        Tensors.cat(f, d).mul(Tensors.tensor(1.0, 2.0, 3.0).toDouble()).sum().backward();
        assertEquals(DType.FLOAT32, f.grad().dtype());
        assertEquals("tensor([1., 2.])", f.grad().toString());
        assertEquals("tensor([3.], dtype=torch.float64)", d.grad().toString());
    }
}
