package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.workbook.nn.F;
import org.workbook.ops.ConvOptions;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * An output gradient that is one value expanded (what {@code conv(x).sum().backward()} passes)
 * takes {@link CpuConv}'s constant path in float32: one block of the value stands for every
 * block, and the bias gradient is v·N·L. It must give the bits of the same gradient made
 * contiguous, on random geometries (every walk: one sample per block, several, the stride
 * phases, samples innermost; groups, dilation, padding, no bias, any of x, weight and bias not
 * requiring a gradient, so the columns are kept or rebuilt) and values that test the bias sum:
 * 0, -0 (whose sum is +0), NaN, ±inf, a subnormal, the largest float, random ones.
 */
class ConvConstantGradientTest {
    private static final double[] SPECIAL = {0.0, -0.0, 1.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 1e-40, Float.MAX_VALUE, -3.5};

    static IntStream seeds() {
        return IntStream.range(0, 48);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void anExpandedValueGivesTheBitsOfItsContiguousCopy(int seed) {
        Random r = new Random(9100 + seed);
        int groups = 1 + r.nextInt(seed % 4 == 0 ? 3 : 1);
        int cin = groups * (1 + r.nextInt(4));
        int cout = groups * (1 + r.nextInt(5));
        // seeds 1 mod 3: the lesson's stride-2 "same" layer on an even image (the phases), with blocks of samples
        boolean phases = seed % 3 == 1;
        int size = phases ? 2 * (2 + r.nextInt(14)) : 1 + r.nextInt(20);
        int k = phases ? 3 : 1 + r.nextInt(Math.min(3, size));
        int stride = phases ? 2 : 1 + r.nextInt(3);
        int dilation = phases || r.nextInt(4) > 0 ? 1 : 2;
        int span = dilation * (k - 1) + 1;
        int pad = phases ? 1 : r.nextInt(k / 2 + 1);
        if (span > size + 2 * pad) {
            dilation = 1;
            span = k;
        }
        int n = 1 + r.nextInt(seed % 5 == 0 ? 90 : 12);
        ConvOptions o = ConvOptions.of(stride, pad, dilation, groups);
        double v = seed < SPECIAL.length ? SPECIAL[seed] : (float) (r.nextGaussian() * 3);
        boolean withBias = r.nextInt(4) > 0;
        boolean[] wants = {r.nextInt(4) > 0, r.nextInt(4) > 0, r.nextInt(4) > 0};
        if (!wants[0] && !wants[1] && !(wants[2] && withBias)) {
            wants[seed % 2] = true;
        }
        Tensors.manualSeed(seed);
        Tensor x = Tensors.randn(n, cin, size, size);
        Tensor w = Tensors.randn(cout, cin / groups, k, k);
        Tensor b = withBias ? Tensors.randn(cout) : null;
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensor[] args = {x.to(t), w.to(t), b == null ? null : b.to(t)};
            int[] out = F.conv2d(args[0], args[1], args[2], o).shapeArray();
            Tensor g = Tensors.full(t, new int[] {1, 1, 1, 1}, v).expand(out);
            Tensor[] expanded = grads(args, wants, o, g);
            Tensor[] dense = grads(args, wants, o, g.contiguous());
            String what = "seed " + seed + " " + t + " v=" + v + " " + n + "x" + cin + "x" + size + "x" + size + " -> "
                + java.util.Arrays.toString(out) + " k" + k + " s" + stride + " p" + pad + " d" + dilation + " g"
                + groups;
            for (int i = 0; i < 3; i++) {
                if (dense[i] == null) {
                    assertNull(expanded[i], what + ": gradient " + i);
                    continue;
                }
                assertArrayEquals(dense[i].toDoubleArray(), expanded[i].toDoubleArray(), what + ": gradient " + i);
            }
        }
    }

    /** The bias gradient of a constant gradient is N·L copies of it, summed: checked once by the definition. */
    @ParameterizedTest(name = "v = {0}")
    @MethodSource("values")
    void theBiasGradientIsTheSumOfTheCopies(double v) {
        Tensor x = Tensors.randn(5, 2, 8, 8);
        Tensor w = Tensors.randn(3, 2, 3, 3);
        Tensor b = Tensors.randn(3).requiresGrad_();
        Tensor y = F.conv2d(x, w, b, ConvOptions.of(2, 1));
        y.backward(Tensors.full(new int[] {1, 1, 1, 1}, v).expand(y.shapeArray()));
        double sum = 0.0;
        for (int i = 0; i < 5 * 4 * 4; i++) {
            sum += (float) v;
        }
        for (int c = 0; c < 3; c++) {
            assertEquals(Float.floatToIntBits((float) sum), Float.floatToIntBits(b.grad().toFloatArray()[c]),
                "bias gradient " + c + " for v = " + v + ": " + b.grad().toFloatArray()[c] + ", expected " + (float) sum);
        }
    }

    static double[] values() {
        return SPECIAL;
    }

    private static Tensor[] grads(Tensor[] args, boolean[] wants, ConvOptions o, Tensor g) {
        Tensor[] leaves = new Tensor[3];
        for (int i = 0; i < 3; i++) {
            leaves[i] = args[i] == null ? null : args[i].detach();
            if (leaves[i] != null && wants[i]) {
                leaves[i].requiresGrad_();
            }
        }
        F.conv2d(leaves[0], leaves[1], leaves[2], o).backward(g);
        Tensor[] grads = new Tensor[3];
        for (int i = 0; i < 3; i++) {
            grads[i] = leaves[i] == null ? null : leaves[i].grad();
        }
        return grads;
    }
}
