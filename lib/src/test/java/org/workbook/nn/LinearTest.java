package org.workbook.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.tensor.Tensors.manualSeed;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/** Linear: torch's default init, shapes, the forward formula, its gradients, and its errors. */
class LinearTest {
    @ParameterizedTest(name = "in={0}")
    @ValueSource(ints = {1, 3, 16, 784})
    void defaultInitIsUniformWithinOneOverSqrtIn(int in) {
        manualSeed(in);
        Linear lin = new Linear(in, 30);
        double bound = 1 / Math.sqrt(in);
        float[] w = lin.weight.toFloatArray();
        float[] b = lin.bias.toFloatArray();
        for (float v : w) {
            assertTrue(Math.abs(v) <= bound, v + " beyond " + bound);
        }
        for (float v : b) {
            assertTrue(Math.abs(v) <= bound, v + " beyond " + bound);
        }
        // Uniform, not a constant or a narrower law: the extremes come close to the bound.
        double max = 0;
        for (float v : w) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max > 0.8 * bound, "largest |w| " + max + " for bound " + bound);
        assertEquals(DType.FLOAT32, lin.weight.dtype());
        assertArrayEquals(new int[] {30, in}, lin.weight.shapeArray());
        assertArrayEquals(new int[] {30}, lin.bias.shapeArray());
    }

    @Test
    void initMatchesTorchForTheSameSeed() {
        // torch.manual_seed(0); nn.Linear(3, 2): weight and bias as exact hex floats.
        manualSeed(0);
        Linear lin = new Linear(3, 2);
        double[] w = {-0x1.1b47dp-8, 0x1.3d2626p-2, -0x1.e696fcp-2, -0x1.b31792p-2, -0x1.c76962p-3, 0x1.3d12a6p-3};
        double[] b = {-0x1.76d68p-7, 0x1.d4c2f4p-2};
        assertArrayEquals(w, lin.weight.toDoubleArray());
        assertArrayEquals(b, lin.bias.toDoubleArray());
    }

    @Test
    void forwardIsXTimesWTransposedPlusB() {
        Linear lin = new Linear(3, 2);
        Random r = new Random(5);
        double[] xs = new double[12];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = r.nextGaussian();
        }
        Tensor x = Tensors.fromArray(xs, 4, 3).toFloat();
        Tensor y = lin.apply(x);
        assertArrayEquals(new int[] {4, 2}, y.shapeArray());
        double[] w = lin.weight.toDoubleArray();
        double[] b = lin.bias.toDoubleArray();
        double[] got = y.toDoubleArray();
        for (int i = 0; i < 4; i++) {
            for (int o = 0; o < 2; o++) {
                double e = b[o];
                for (int k = 0; k < 3; k++) {
                    e += x.getDouble(i, k) * w[o * 3 + k];
                }
                assertEquals(e, got[i * 2 + o], 1e-5);
            }
        }
        assertArrayEquals(new int[] {5, 4, 2}, lin.apply(Tensors.randn(5, 4, 3)).shapeArray());
        assertArrayEquals(new int[] {2}, lin.apply(Tensors.randn(3)).shapeArray());
    }

    @Test
    void gradientsOfItsParameters() {
        Linear lin = new Linear(3, 2);
        Tensor x = Tensors.tensor(new double[][] {{1, 2, 3}, {-1, 0, 2}});
        lin.apply(x).sum().backward();
        // d(sum)/dW[o, k] = sum_i x[i, k]; d(sum)/db = batch size
        assertEquals("tensor([[0., 2., 5.],\n        [0., 2., 5.]])", lin.weight.grad().toString());
        assertEquals("tensor([2., 2.])", lin.bias.grad().toString());
        assertNull(x.grad());
    }

    @Test
    void withoutBias() {
        Linear lin = new Linear(2, 3, false);
        assertNull(lin.bias);
        assertEquals(java.util.List.of("weight"), java.util.List.copyOf(lin.namedParameters().keySet()));
        Tensor x = Tensors.ones(1, 2);
        assertTrue(lin.apply(x).allclose(lin.weight.sum(1).reshape(1, 3)));
    }

    @Test
    void aWrongFeatureCountSaysWhatToDo() {
        Linear lin = new Linear(784, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> lin.apply(Tensors.zeros(64, 28, 28)));
        assertEquals("mat1 and mat2 shapes cannot be multiplied: Linear expects inputs with 784 features in the last "
            + "dim, got shape [64, 28, 28] (flatten images first, e.g. x.view(x.size(0), -1))", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Linear(-1, 2));
    }

    @Test
    void aMismatchBetweenTwoLinearsNamesTheSizesNotFlattening() {
        Sequential net = new Sequential(new Linear(4, 10), new ReLU(), new Linear(20, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.apply(Tensors.zeros(3, 4)));
        assertEquals("mat1 and mat2 shapes cannot be multiplied: Linear expects inputs with 20 features in the last dim,"
            + " got shape [3, 10] (the layer before this one gives 10 features: make them match, e.g. Linear(10, 5) here,"
            + " or change the layer before to give 20)", e.getMessage());
    }
}
