package org.workbook.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.tensor.Tensors.arange;
import static org.workbook.tensor.Tensors.noGrad;
import static org.workbook.tensor.Tensors.tensor;

import org.junit.jupiter.api.Test;
import org.workbook.autograd.GradMode;

/**
 * Autograd sanity checks on the tensor core (numerical gradient checks live with the
 * autograd package): gradients of sum and mean, through views and broadcasting,
 * accumulation, the graph being freed, grad mode scopes and in-place misuse.
 */
class AutogradSanityTest {
    @Test
    void sumAndMeanGradients() {
        Tensor x = tensor(1.0, 2.0, 3.0).requiresGrad_();
        x.sum().backward();
        assertArrayEquals(new float[] {1, 1, 1}, x.grad().toFloatArray());
        Tensor y = tensor(1.0, 2.0, 3.0, 4.0).requiresGrad_();
        y.mean().backward();
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, y.grad().toFloatArray());
        Tensor z = tensor(DType.FLOAT64, 1, 2, 3).requiresGrad_();
        z.mul(z).sum().backward();
        assertEquals(DType.FLOAT64, z.grad().dtype());
        assertArrayEquals(new double[] {2, 4, 6}, z.grad().toDoubleArray());
    }

    @Test
    void gradientsThroughViewsBroadcastAndIndexing() {
        Tensor x = arange(6).toFloat().requiresGrad_();
        x.view(2, 3).t().get("1:, ::1").sum().backward(); // picks x[1], x[2], x[4], x[5]
        assertArrayEquals(new float[] {0, 1, 1, 0, 1, 1}, x.grad().toFloatArray());
        Tensor a = Tensors.ones(3, 1).requiresGrad_();
        Tensor b = Tensors.ones(1, 4).requiresGrad_();
        a.add(b).sum().backward();
        assertArrayEquals(new float[] {4, 4, 4}, a.grad().toFloatArray(), "summed over the broadcast dim");
        assertArrayEquals(new int[] {3, 1}, a.grad().shapeArray());
        assertArrayEquals(new float[] {3, 3, 3, 3}, b.grad().toFloatArray());
        Tensor preds = Tensors.zeros(3, 2).requiresGrad_();
        preds.get(arange(3), tensor(1, 0, 1)).sum().backward();
        assertArrayEquals(new float[] {0, 1, 1, 0, 0, 1}, preds.grad().toFloatArray());
        Tensor m = tensor(1.0, 3.0, 3.0).requiresGrad_();
        m.max().backward();
        assertArrayEquals(new float[] {0, 0.5f, 0.5f}, m.grad().toFloatArray(), "ties share max()'s gradient");
        Tensor d = tensor(2.0).requiresGrad_();
        Tensor e = d.mul(d.detach());
        e.backward();
        assertEquals(2.0, d.grad().item(), "detach() cuts the graph");
    }

    @Test
    void gradientsAccumulateUntilZeroed() {
        Tensor x = tensor(1.0, 2.0).requiresGrad_();
        x.mul(3).sum().backward();
        x.mul(x).sum().backward();
        assertArrayEquals(new float[] {5, 7}, x.grad().toFloatArray(), "3 + 2x");
        x.grad().zero_();
        x.sum().backward();
        assertArrayEquals(new float[] {1, 1}, x.grad().toFloatArray());
        x.setGrad(null);
        assertNull(x.grad());
    }

    @Test
    void backwardErrors() {
        Tensor x = tensor(1.0, 2.0).requiresGrad_();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.mul(2).backward());
        assertTrue(e.getMessage().startsWith("grad can be implicitly created only for scalar outputs"), e.getMessage());
        Tensor loss = x.mul(x).sum();
        loss.backward();
        e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().startsWith("Trying to backward through the graph a second time (or directly access "
            + "saved tensors after they have already been freed)."), e.getMessage());
        assertTrue(e.getMessage().contains("backward(gradient, true)"), "names the fix: " + e.getMessage());
        Tensor kept = x.mul(x).sum();
        kept.backward(null, true);
        kept.backward(null, true);
        assertArrayEquals(new float[] {2 + 4, 4 + 8}, x.grad().toFloatArray(), "retainGraph allows a second pass");
        e = assertThrows(IllegalStateException.class, () -> tensor(1.0).backward());
        assertTrue(e.getMessage().startsWith("element 0 of tensors does not require grad and does not have a grad_fn"),
            e.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
            () -> x.mul(2).backward(tensor(1.0, 1.0, 1.0)));
        assertTrue(a.getMessage().startsWith("Mismatch in shape: grad_output has a shape of [3] and output has a shape "
            + "of [2]"), a.getMessage());
        e = assertThrows(IllegalStateException.class, () -> arange(3).requiresGrad_());
        assertTrue(e.getMessage().startsWith("only Tensors of floating point dtype can require gradients"));
    }

    @Test
    void noGradScopesNest() {
        Tensor x = tensor(1.0).requiresGrad_();
        assertTrue(GradMode.isEnabled());
        try (var outer = noGrad()) {
            Tensor y = x.mul(2);
            assertFalse(y.requiresGrad());
            assertNull(y.gradFn());
            try (var inner = noGrad()) {
                assertFalse(GradMode.isEnabled());
            }
            assertFalse(GradMode.isEnabled(), "closing an inner noGrad keeps the outer one");
            try (var on = GradMode.enableGrad()) {
                Tensor z = x.mul(2);
                assertTrue(z.requiresGrad());
                assertEquals("MulBackward0", z.gradFn().name());
            }
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
        assertTrue(x.mul(2).requiresGrad());
    }

    @Test
    void inPlaceOnALeafThatRequiresGrad() {
        Tensor w = tensor(1.0, 2.0).requiresGrad_();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.sub_(tensor(0.1, 0.1)));
        assertTrue(e.getMessage().startsWith("a leaf Variable that requires grad is being used in an in-place "
            + "operation"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> w.zero_());
        e = assertThrows(IllegalStateException.class, () -> w.set("0", 5));
        assertTrue(e.getMessage().startsWith("a view of a leaf Variable that requires grad is being used in an "
            + "in-place operation"), e.getMessage());
        w.sum().backward();
        try (var g = noGrad()) {
            w.sub_(w.grad().mul(0.5)); // the SGD step students write
        }
        assertArrayEquals(new float[] {0.5f, 1.5f}, w.toFloatArray());
        assertTrue(w.requiresGrad() && w.isLeaf(), "still a leaf that requires grad");
        w.data().add_(1);
        assertArrayEquals(new float[] {1.5f, 2.5f}, w.toFloatArray(), "data() updates the same storage untracked");
    }
}
