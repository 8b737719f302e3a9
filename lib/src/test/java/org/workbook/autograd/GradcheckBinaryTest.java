package org.workbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.workbook.autograd.GradAssert.Layout;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * Gradcheck of the broadcasting binary ops and where: random shapes where either side may be
 * the smaller one, either side non-contiguous, so gradients must be summed back to each input.
 */
class GradcheckBinaryTest {
    record Op(String name, BinaryOperator<Tensor> fn) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Op> OPS = List.of(
        new Op("add", Tensor::add),
        new Op("sub", Tensor::sub),
        new Op("mul", Tensor::mul),
        new Op("div", Tensor::div),
        new Op("pow", Tensor::pow),
        new Op("maximum", Tensor::maximum),
        new Op("minimum", Tensor::minimum),
        new Op("where(a > b)", (a, b) -> Tensor.where(a.gt(b), a.mul(b), b.sub(a))));

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        int seed = 100;
        for (Op op : OPS) {
            for (int k = 0; k < 6; k++) {
                out.add(Arguments.of(op, Layout.values()[k % 3], k % 2 == 1, seed++));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} swapped={2} seed {3}")
    @MethodSource("cases")
    void gradcheck(Op op, Layout layout, boolean swapped, int seed) {
        Random r = new Random(seed);
        int[] big = GradAssert.shape(r, 1, 4, 3);
        int[] small = GradAssert.broadcastable(r, big);
        int[] sa = swapped ? small : big;
        int[] sb = swapped ? big : small;
        Tensor a;
        Tensor b;
        switch (op.name()) {
            case "div" -> {
                a = GradAssert.values(r, sa, -2, 2, 0);
                b = GradAssert.values(r, sb, -2, 2, 0.3, 0);
            }
            case "pow" -> {
                a = GradAssert.values(r, sa, 0.3, 2.5, 0);
                b = GradAssert.values(r, sb, -2, 2, 0);
            }
            default -> {
                // Values far apart (a near +-1, b near 0): max/min/where pick one side, never a tie.
                a = GradAssert.values(r, sa, -1.5, 1.5, 0.4, 0);
                b = GradAssert.values(r, sb, -0.3, 0.3, 0);
            }
        }
        Tensor la = GradAssert.leafFor(layout, a);
        Tensor lb = GradAssert.leafFor(layout, b);
        GradAssert.check(op.name() + " " + GradAssert.shapes(a, b) + " [" + layout + "]",
            xs -> op.fn().apply(layout.view(xs[0]), layout.view(xs[1])), la, lb);
    }

    @Test
    void sameTensorOnBothSidesGetsBothContributions() {
        GradAssert.check("x * x", xs -> xs[0].mul(xs[0]), Tensors.tensor(0.5, -1.5, 2.0).toDouble());
        GradAssert.check("x / x.exp()", xs -> xs[0].div(xs[0].exp()), Tensors.tensor(0.5, -1.5, 2.0).toDouble());
        GradAssert.check("x ^ x", xs -> xs[0].pow(xs[0]), Tensors.tensor(0.5, 1.5, 2.0).toDouble());
    }

    @Test
    void whereWithBroadcastCondition() {
        Tensor cond = Tensors.tensor(true, false, true);
        Random r = new Random(7);
        GradAssert.check("where(cond[3], a[2,3], b[2,1])", xs -> Tensor.where(cond, xs[0], xs[1]),
            GradAssert.values(r, new int[] {2, 3}, -1, 1, 0), GradAssert.values(r, new int[] {2, 1}, -1, 1, 0));
        GradAssert.check("where(cond, a, 0-d b)", xs -> Tensor.where(cond, xs[0], xs[1]),
            GradAssert.values(r, new int[] {3}, -1, 1, 0), GradAssert.values(r, new int[] {}, -1, 1, 0));
    }

    @Test
    void tiesSplitTheGradientAsTorch() {
        Tensor a = Tensors.tensor(1.0, 2.0, 3.0).requiresGrad_();
        Tensor b = Tensors.tensor(1.0, 1.0, 5.0).requiresGrad_();
        a.maximum(b).sum().backward();
        assertEquals("tensor([0.5000, 1.0000, 0.0000])", a.grad().toString());
        assertEquals("tensor([0.5000, 0.0000, 1.0000])", b.grad().toString());
    }

    @Test
    void anIntegerOperandGetsNoGradientAndTheFloatOneItsOwnDtype() {
        Tensor x = Tensors.tensor(1.0, 2.0).requiresGrad_();
        Tensor n = Tensors.tensor(3, 4);
        x.mul(n).add(n).sum().backward();
        assertEquals("tensor([3., 4.])", x.grad().toString());
        Tensor d = Tensors.tensor(1.0, 2.0).toDouble();
        Tensor f = Tensors.tensor(0.5, 0.25).requiresGrad_();
        f.mul(d).sum().backward(); // float64 result; the float32 leaf gets a float32 gradient
        assertEquals("tensor([1., 2.])", f.grad().toString());
    }
}
