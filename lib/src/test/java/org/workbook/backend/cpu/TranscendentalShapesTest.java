package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.workbook.tensor.DType;
import org.workbook.tensor.Slice;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * The transcendental tensor ops (sigmoid, log, tanh, exp, pow with a general exponent) on random
 * shapes, 0-d, empty and size-1 ones included, as they are and through non-contiguous views
 * (transposed, every other element), float32 and float64, against StrictMath element by element:
 * within 1 float32 ulp, 2 float64 ulps (the SIMD runs, their scalar tails and the strided scalar
 * kernels alike).
 */
class TranscendentalShapesTest {
    record Op(String name, UnaryOperator<Tensor> fn, DoubleUnaryOperator ref, double lo, double hi) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Op> OPS = List.of(
        new Op("sigmoid", Tensor::sigmoid, v -> 1 / (1 + StrictMath.exp(-v)), -30, 30),
        new Op("log", Tensor::log, StrictMath::log, 0, 50),
        new Op("tanh", Tensor::tanh, StrictMath::tanh, -12, 12),
        new Op("exp", Tensor::exp, StrictMath::exp, -80, 80),
        new Op("pow 1.7", t -> t.pow(1.7), v -> StrictMath.pow(v, 1.7), 0, 40),
        new Op("pow -3", t -> t.pow(-3.0), v -> StrictMath.pow(v, -3), -9, 9));

    static Stream<Arguments> cases() {
        return OPS.stream().flatMap(op -> Stream.of(DType.FLOAT32, DType.FLOAT64).map(dt -> Arguments.of(op, dt)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void randomShapesAndViewsAreWithinAnUlpOrTwo(Op op, DType dt) {
        Random r = new Random(op.name().hashCode() * 31L + dt.ordinal());
        for (int trial = 0; trial < 6; trial++) {
            int[] random = new int[1 + r.nextInt(3)];
            for (int d = 0; d < random.length; d++) {
                random[d] = 1 + r.nextInt(40);
            }
            for (int[] shape : new int[][] {{}, {0}, {1}, {3, 0}, random, {2, 517}}) {
                Tensor base = Tensors.rand(shape).mul(op.hi() - op.lo()).add(op.lo()).to(dt);
                Tensor[] views = {base, base.ndim() >= 2 ? base.transpose(-1, -2) : base,
                    base.ndim() >= 1 ? base.slice(-1, Slice.of(null, null, 2)) : base};
                for (Tensor x : views) {
                    double[] in = x.toDoubleArray();
                    double[] got = op.fn().apply(x).toDoubleArray();
                    assertEquals(in.length, got.length);
                    for (int i = 0; i < in.length; i++) {
                        double want = op.ref().applyAsDouble(in[i]);
                        // float64: the reference itself rounds (sigmoid's 1 / (1 + e^-x) three times).
                        // float32 sigmoid: torch's float steps, within 2.5 ulps (SimdExpAccuracyTest).
                        double ulp = dt == DType.FLOAT64 ? 2 * Math.ulp(want)
                            : (op.name().equals("sigmoid") ? 2.5 : 1) * Math.ulp((float) want);
                        assertEquals(want, got[i], ulp, op + " " + dt + " " + Arrays.toString(x.shapeArray())
                            + " x = " + in[i]);
                    }
                }
            }
        }
    }
}
