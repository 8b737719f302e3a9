package org.workbook.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.workbook.tensor.DType;
import org.workbook.tensor.Slice;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/** LinearParts' bias rows give add_'s bits; linear's values and gradients stay those of the composed ops. */
class LinearPartsTest {
    private static Tensor rand(Random r, int... shape) {
        return rand(r, true, shape);
    }

    /** Gaussian values over seven decades, with NaNs when {@code odd}; plain N(0, 1) otherwise. */
    private static Tensor rand(Random r, boolean odd, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = !odd ? (float) r.nextGaussian()
                : r.nextInt(10) == 0 ? Float.NaN : (float) (r.nextGaussian() * Math.pow(10, r.nextInt(7) - 3));
        }
        return Tensors.fromArray(v, shape);
    }

    @Test
    void biasRowsEqualAddInPlaceOverRandomShapes() {
        Random r = new Random(16);
        for (int trial = 0; trial < 60; trial++) {
            int rows = 1 + r.nextInt(6);
            int cols = 1 + r.nextInt(40);
            Tensor out = rand(r, rows, cols);
            Tensor bias = r.nextBoolean() ? rand(r, cols) : rand(r, 2 * cols).get(Slice.of(0, 2 * cols, 2));
            Tensor expected = out.clone();
            expected.add_(bias);
            assertTrue(LinearParts.addBiasRows(out, bias));
            assertArrayEquals(expected.toFloatArray(), out.toFloatArray(), 0f, "trial " + trial);
        }
    }

    @Test
    void otherKindsAreLeftToAddInPlace() {
        Tensor out = Tensors.zeros(DType.FLOAT64, 2, 3);
        assertFalse(LinearParts.addBiasRows(out, Tensors.ones(DType.FLOAT64, 3)));
        assertFalse(LinearParts.addBiasRows(Tensors.zeros(2, 3), Tensors.ones(1)));
        assertFalse(LinearParts.addBiasRows(Tensors.zeros(3, 2).t(), Tensors.ones(3)));
    }

    @Test
    void linearMatchesTheComposedOpsWithGradients() {
        Random r = new Random(5);
        for (int trial = 0; trial < 20; trial++) {
            int b = 1 + r.nextInt(5);
            int in = 1 + r.nextInt(7);
            int out = 1 + r.nextInt(7);
            Tensor x = rand(r, false, b, in).requiresGrad_();
            Tensor w = rand(r, false, out, in).requiresGrad_();
            Tensor bias = rand(r, false, out).requiresGrad_();
            Tensor y = F.linear(x, w, bias);
            Tensor x2 = x.detach().clone().requiresGrad_();
            Tensor w2 = w.detach().clone().requiresGrad_();
            Tensor b2 = bias.detach().clone().requiresGrad_();
            Tensor y2 = x2.matmul(w2.t()).add(b2);
            assertArrayEquals(y2.toFloatArray(), y.toFloatArray(), 0f);
            Tensor g = rand(r, false, b, out);
            y.backward(g);
            y2.backward(g);
            // The products may run in another orientation through BLAS: equal to a few ulps.
            assertArrayEquals(x2.grad().toFloatArray(), x.grad().toFloatArray(), 1e-5f);
            assertArrayEquals(w2.grad().toFloatArray(), w.grad().toFloatArray(), 1e-5f);
            assertArrayEquals(b2.grad().toFloatArray(), bias.grad().toFloatArray(), 0f);
        }
    }
}
