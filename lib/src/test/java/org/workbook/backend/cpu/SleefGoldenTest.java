package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.workbook.nn.F;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * float32 exp, log, log1p, tanh, sigmoid, softplus and softplus's gradient give PyTorch 1.13's own bits, element for element
 * (golden/tensor/float_math.txt, from bench/golden/gen_float_math.py: 2048 inputs per case across
 * the whole float range, torch's vectorised SLEEF path), through the tensor API: contiguous (the
 * Vector API loops); exp, log, log1p and tanh also as a strided view (the scalar kernels) and in a
 * length that leaves a scalar tail, since torch's vml loops use SLEEF on every element. (The sigmoid's
 * and softplus's tails and strided runs take the C library's functions, as torch's:
 * {@code GlibcGoldenTest}.)
 */
class SleefGoldenTest {
    record Case(String name, String op, double beta, double threshold, float[] x, float[] g, float[] y) {
        @Override
        public String toString() {
            return name;
        }

        Tensor apply(Tensor in) {
            UnaryOperator<Tensor> f = switch (op) {
                case "exp" -> Tensor::exp;
                case "log" -> Tensor::log;
                case "log1p" -> Tensor::log1p;
                case "tanh" -> Tensor::tanh;
                case "sigmoid" -> Tensor::sigmoid;
                case "softplus" -> t -> F.softplus(t, beta, threshold);
                case "softplus_grad" -> t -> {
                    Tensor leaf = t.detach().requiresGrad_();
                    Tensor gt = Tensors.tensor(g);
                    // g laid out like t (a strided t gets a strided g), so both backward paths are met
                    Tensor go = t.isContiguous() ? gt : stridedCopy(gt);
                    F.softplus(leaf, beta, threshold).backward(go);
                    return leaf.grad();
                };
                default -> throw new IllegalArgumentException("unknown op in the golden file: " + op);
            };
            return f.apply(in);
        }
    }

    static List<Case> goldens() throws IOException {
        List<Case> cases = new ArrayList<>();
        String file = "/golden/tensor/float_math.txt";
        for (GoldenBits.Block b : GoldenBits.read(file, "bench/golden/gen_float_math.py")) {
            String[] h = b.header();
            float[] x = b.get("x");
            assertEquals(Integer.parseInt(h[4]), x.length, String.join(" ", h));
            cases.add(new Case(h[0], h[1], Double.parseDouble(h[2]), Double.parseDouble(h[3]), x, b.get("g"), b.get("y")));
        }
        GoldenBits.assertCount(10, cases, file);
        return cases;
    }

    /** The values of a 1-d t as the first column of an [n, 2] tensor: a strided view. */
    static Tensor stridedCopy(Tensor t) {
        Tensor wide = Tensors.zeros(t.numel(), 2);
        wide.select(1, 0).copy_(t);
        return wide.select(1, 0);
    }

    static void assertBits(Case c, float[] want, Tensor got, float[] in, String how) {
        double[] g = got.toDoubleArray();
        assertEquals(want.length, g.length, how);
        for (int i = 0; i < want.length; i++) {
            assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits((float) g[i]),
                c.op() + "(" + in[i] + ") " + how + " at " + i + ": torch " + want[i] + ", ours " + g[i]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void torchsBitsOnEveryPath(Case c) {
        assertTrue(Simd.ENABLED, Simd.describe());
        int n = c.x().length;
        Tensor x = Tensors.tensor(c.x());
        assertBits(c, c.y(), c.apply(x), c.x(), "contiguous");
        if (c.op().startsWith("s")) {
            return; // sigmoid, softplus: their other paths are GlibcGoldenTest's
        }
        // A strided view: the same values every other element of a [n, 2] tensor's first column.
        assertBits(c, c.y(), c.apply(stridedCopy(x)), c.x(), "strided");
        // Seven elements off a vector's length: the vector loop and then the scalar tail.
        float[] xs = Arrays.copyOfRange(c.x(), 0, n - 7);
        float[] ys = Arrays.copyOfRange(c.y(), 0, n - 7);
        Case cut = new Case(c.name(), c.op(), c.beta(), c.threshold(), xs,
            c.g() == null ? null : Arrays.copyOfRange(c.g(), 0, n - 7), ys);
        assertBits(c, ys, cut.apply(Tensors.tensor(xs)), xs, "with a scalar tail");
    }
}
