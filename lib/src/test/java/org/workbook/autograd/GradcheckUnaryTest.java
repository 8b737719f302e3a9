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
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/** Gradcheck of every elementwise unary op, on seeded random shapes and all three layouts. */
class GradcheckUnaryTest {
    /** An op, the interval its inputs come from, and points (kinks, poles) to keep away from. */
    record Op(String name, UnaryOperator<Tensor> fn, double lo, double hi, double... avoid) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Op> OPS = List.of(
        new Op("neg", Tensor::neg, -2, 2),
        new Op("abs", Tensor::abs, -2, 2, 0),
        new Op("exp", Tensor::exp, -2, 2),
        new Op("log", Tensor::log, 0.3, 3),
        new Op("sqrt", Tensor::sqrt, 0.3, 3),
        new Op("sigmoid", Tensor::sigmoid, -3, 3),
        new Op("relu", Tensor::relu, -2, 2, 0),
        new Op("tanh", Tensor::tanh, -2, 2),
        new Op("sin", Tensor::sin, -3, 3),
        new Op("cos", Tensor::cos, -3, 3),
        new Op("square", Tensor::square, -2, 2),
        new Op("reciprocal", Tensor::reciprocal, 0.4, 3),
        new Op("reciprocal-neg", Tensor::reciprocal, -3, -0.4),
        new Op("log1p", Tensor::log1p, -0.6, 3),
        new Op("expm1", Tensor::expm1, -2, 2),
        new Op("leakyRelu(0.1)", x -> x.leakyRelu(0.1), -2, 2, 0),
        new Op("clamp(-0.5, 0.7)", x -> x.clamp(-0.5, 0.7), -1.5, 1.5, -0.5, 0.7),
        new Op("clampMin(0.2)", x -> x.clampMin(0.2), -1, 1, 0.2),
        new Op("clampMax(-0.1)", x -> x.clampMax(-0.1), -1, 1, -0.1),
        new Op("pow(2)", x -> x.pow(2), -2, 2),
        new Op("pow(3)", x -> x.pow(3), -2, 2),
        new Op("pow(0.5)", x -> x.pow(0.5), 0.3, 3),
        new Op("pow(-1.5)", x -> x.pow(-1.5), 0.3, 3),
        new Op("pow(0)", x -> x.pow(0), -2, 2),
        new Op("add(2.5)", x -> x.add(2.5), -2, 2),
        new Op("sub(1.5)", x -> x.sub(1.5), -2, 2),
        new Op("mul(-3)", x -> x.mul(-3), -2, 2),
        new Op("div(4)", x -> x.div(4), -2, 2),
        new Op("rsub(1)", x -> x.rsub(1), -2, 2),
        new Op("rdiv(2)", x -> x.rdiv(2), 0.4, 3),
        new Op("clone", Tensor::clone, -2, 2),
        new Op("contiguous", Tensor::contiguous, -2, 2),
        new Op("sign*x", x -> x.sign().mul(x), -2, 2, 0),
        new Op("floor+x", x -> x.floor().add(x), -2, 2, -2, -1, 0, 1, 2));

    static Stream<Arguments> cases() {
        return GradAssert.everyLayout(OPS, 0);
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("cases")
    void gradcheck(Op op, Layout layout, int seed) {
        Random r = new Random(seed);
        int[] shape = GradAssert.shape(r, layout == Layout.CONTIGUOUS ? 0 : 2, 4, 4);
        Tensor x = GradAssert.values(r, shape, op.lo(), op.hi(), 0.05, op.avoid());
        GradAssert.check(op.name(), layout, op.fn(), x);
    }

    @Test
    void derivativesAtTheKinksFollowTorch() {
        // torch: d|x|/dx = sign(x) = 0 at 0; relu' = 0 at 0; clamp passes the gradient at its bounds.
        Tensor x = Tensors.tensor(0.0, -0.5, 0.5).toDouble().requiresGrad_();
        x.abs().sum().backward();
        assertEquals("[0.0, -1.0, 1.0]", java.util.Arrays.toString(x.grad().toDoubleArray()));
        x.setGrad(null);
        x.relu().sum().backward();
        assertEquals("[0.0, 0.0, 1.0]", java.util.Arrays.toString(x.grad().toDoubleArray()));
        x.setGrad(null);
        x.clamp(-0.5, 0.5).sum().backward();
        assertEquals("[1.0, 1.0, 1.0]", java.util.Arrays.toString(x.grad().toDoubleArray()));
        x.setGrad(null);
        x.pow(0).sum().backward();
        assertEquals("[0.0, 0.0, 0.0]", java.util.Arrays.toString(x.grad().toDoubleArray()));
    }

    @Test
    void piecewiseConstantOpsHaveZeroGradient() {
        Tensor x = Tensors.tensor(0.3, -1.7, 2.5).requiresGrad_();
        x.floor().add(x.ceil()).add(x.round()).add(x.sign()).sum().backward();
        assertEquals("tensor([0., 0., 0.])", x.grad().toString());
    }
}
