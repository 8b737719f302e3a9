package org.workbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.tensor.Tensors.noGrad;
import static org.workbook.tensor.Tensors.ones;
import static org.workbook.tensor.Tensors.tensor;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.workbook.nn.Linear;
import org.workbook.optim.SGD;
import org.workbook.tensor.Tensor;

/** What lesson code relies on: accumulation, freed graphs, grad mode, detach, in-place rules, printing. */
class AutogradSemanticsTest {
    @Test
    void gradientsAccumulateUntilZeroed() {
        Tensor x = tensor(1.0, 2.0).requiresGrad_();
        x.mul(3.0).sum().backward();
        x.mul(3.0).sum().backward();
        assertEquals("tensor([6., 6.])", x.grad().toString());
        Tensor kept = x.grad();
        kept.zero_();
        x.square().sum().backward();
        assertSame(kept, x.grad(), "accumulates in place into the same tensor, as torch");
        assertEquals("tensor([2., 4.])", x.grad().toString());
        x.setGrad(null);
        x.sum().backward();
        assertEquals("tensor([1., 1.])", x.grad().toString());
    }

    @Test
    void moduleAndOptimizerZeroGradClearGradients() {
        Linear lin = new Linear(3, 2);
        SGD opt = new SGD(lin.parameters(), 0.1);
        lin.apply(ones(4, 3)).sum().backward();
        assertEquals("tensor([4., 4.])", lin.bias.grad().toString());
        lin.apply(ones(4, 3)).sum().backward();
        assertEquals("tensor([8., 8.])", lin.bias.grad().toString());
        lin.zeroGrad();
        assertNull(lin.weight.grad());
        assertNull(lin.bias.grad());
        lin.apply(ones(1, 3)).sum().backward();
        assertEquals("tensor([1., 1.])", lin.bias.grad().toString());
        opt.zeroGrad();
        assertNull(lin.weight.grad());
        assertNull(lin.bias.grad());
    }

    @Test
    void aSecondBackwardThroughAFreedGraphFailsClearly() {
        Tensor x = tensor(1.0, 2.0).requiresGrad_();
        Tensor loss = x.mul(x).sum();
        loss.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().startsWith("Trying to backward through the graph a second time"), e.getMessage());
        assertTrue(e.getMessage().contains("backward(gradient, true)"), e.getMessage());
        assertEquals("tensor([2., 4.])", x.grad().toString(), "the failed call added nothing");
    }

    @Test
    void retainGraphAllowsASecondBackward() {
        Tensor x = tensor(1.0, 2.0).requiresGrad_();
        Tensor loss = x.mul(x).sum();
        loss.backward(tensor(1.0).reshape(), true);
        loss.backward();
        assertEquals("tensor([4., 8.])", x.grad().toString());
    }

    @Test
    void noGradNestsAndRestores() {
        Tensor x = tensor(1.0).requiresGrad_();
        assertTrue(GradMode.isEnabled());
        try (var outer = noGrad()) {
            assertFalse(x.mul(2.0).requiresGrad());
            try (var inner = noGrad()) {
                assertFalse(GradMode.isEnabled());
            }
            assertFalse(GradMode.isEnabled(), "closing the inner scope keeps the outer one");
            try (var on = GradMode.enableGrad()) {
                assertTrue(x.mul(2.0).requiresGrad());
            }
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
        assertTrue(x.mul(2.0).requiresGrad());
    }

    @Test
    void gradModeIsPerThread() throws InterruptedException {
        AtomicBoolean otherRecords = new AtomicBoolean();
        try (var g = noGrad()) {
            Thread t = new Thread(() -> otherRecords.set(tensor(1.0).requiresGrad_().mul(2.0).requiresGrad()));
            t.start();
            t.join();
            assertFalse(tensor(1.0).requiresGrad_().mul(2.0).requiresGrad());
        }
        assertTrue(otherRecords.get(), "another thread still records while this one is in noGrad");
    }

    @Test
    void detachAndDataShareStorageButAreNotTracked() {
        Tensor x = tensor(1.0, 2.0).requiresGrad_();
        Tensor d = x.detach();
        assertFalse(d.requiresGrad());
        assertSame(x.storage(), d.storage());
        assertFalse(d.mul(2.0).requiresGrad());
        x.data().sub_(tensor(0.5, 0.5)); // the lessons' by-hand update, allowed outside noGrad
        assertEquals("tensor([0.5000, 1.5000], requires_grad=True)", x.toString());
        Tensor y = x.mul(2.0);
        Tensor yd = y.detach();
        assertTrue(yd.isLeaf());
        assertNull(yd.gradFn());
    }

    @Test
    void inPlaceOnALeafThatRequiresGradFailsLikeTorch() {
        Tensor x = tensor(1.0, 2.0).requiresGrad_();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.sub_(1.0));
        assertTrue(e.getMessage().startsWith("a leaf Variable that requires grad is being used in an in-place operation"),
            e.getMessage());
        assertThrows(IllegalStateException.class, () -> x.zero_());
        assertThrows(IllegalStateException.class, () -> x.set("0", 5.0));
        try (var g = noGrad()) {
            x.sub_(1.0);
            x.set("1", 5.0);
        }
        assertEquals("tensor([0., 5.], requires_grad=True)", x.toString());
    }

    @Test
    void assignmentIntoATensorOfTheGraphIsRecordedAsTorch() {
        Tensor x = tensor(1.0, 2.0, 3.0).requiresGrad_();
        Tensor y = x.mul(2.0);
        y.set(tensor(true, false, false), 5.0);
        y.set("1", 0.5);
        y.add_(1.0);
        assertEquals("tensor([6.0000, 1.5000, 7.0000], grad_fn=<AddBackward0>)", y.toString());
        y.sum().backward();
        assertEquals("tensor([0., 0., 2.])", x.grad().toString(), "overwritten places get no gradient");
        Tensor out = org.workbook.tensor.Tensors.where(tensor(true, false, true), 5.0, x.mul(2.0)); // out of place
        x.setGrad(null);
        out.sum().backward();
        assertEquals("tensor([0., 2., 0.])", x.grad().toString());
    }

    @Test
    void aDeepGraphBackpropagatesWithoutStackOverflow() {
        Tensor x = tensor(1.0).requiresGrad_();
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) {
            y = y.add(1.0);
        }
        y.sum().backward();
        assertEquals(1.0, x.grad().item());
        assertEquals(100_001.0, y.item());
    }

    @Test
    void aNodeUsedTwiceGetsBothContributions() {
        Tensor x = tensor(3.0).requiresGrad_();
        Tensor y = x.mul(2.0);          // used twice below
        Tensor z = y.mul(y).add(y);     // z = 4x² + 2x, dz/dx = 8x + 2
        z.backward();
        assertEquals(26.0, x.grad().item());
        Tensor a = tensor(1.0, 2.0).requiresGrad_();
        Tensor b = a.exp();
        Tensor c = b.add(b.mul(b)).add(b.sum());   // diamond: b feeds three paths
        c.sum().backward();
        double[] g = a.grad().toDoubleArray();
        for (int i = 0; i < 2; i++) {
            double e = Math.exp(i + 1);
            assertEquals(e + 2 * e * e + 2 * e, g[i], 1e-4);
        }
    }

    @Test
    void toStringShowsGradFnAndRequiresGradLikeTorch() {
        Tensor x = tensor(1.0, 2.0).requiresGrad_();
        assertEquals("tensor([1., 2.], requires_grad=True)", x.toString());
        assertEquals("tensor(1.5000, grad_fn=<MeanBackward0>)", x.mean().toString());
        assertEquals("tensor([2., 4.], grad_fn=<MulBackward0>)", x.mul(2.0).toString());
        assertEquals("tensor([2., 3.], grad_fn=<AddBackward0>)", x.add(1.0).toString());
        assertEquals("tensor(1.5000)", x.mean().detach().toString());
        assertEquals("<MulBackward0>", x.mul(2.0).gradFn().toString());
        assertEquals(List.of(x), List.of(x.mul(2.0).gradFn().inputs()).subList(0, 1));
    }

    @Test
    void backwardWithAGradientOnNonScalars() {
        Tensor x = tensor(1.0, 2.0, 3.0).requiresGrad_();
        Tensor y = x.mul(x);
        y.backward(tensor(1.0, 0.1, 0.01));
        assertTrue(x.grad().allclose(tensor(2.0, 0.4, 0.06)), x.grad().toString());
        Tensor z = x.mul(2.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> z.backward(tensor(1.0, 2.0)));
        assertEquals("Mismatch in shape: grad_output has a shape of [2] and output has a shape of [3]", e.getMessage());
    }

    @Test
    void implicitGradientOnlyForScalars() {
        Tensor x = tensor(1.0, 2.0).requiresGrad_();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.mul(2.0).backward());
        assertTrue(e.getMessage().startsWith("grad can be implicitly created only for scalar outputs"), e.getMessage());
        Tensor one = tensor(new double[][] {{2.0}}).requiresGrad_();
        one.mul(3.0).backward(); // one element (shape [1, 1]) counts as a scalar, as torch
        assertEquals("tensor([[3.]])", one.grad().toString());
    }

    @Test
    void backwardOnSomethingThatDoesNotRequireGradFails() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> tensor(1.0).mul(2.0).backward());
        assertTrue(e.getMessage().startsWith("element 0 of tensors does not require grad and does not have a grad_fn"),
            e.getMessage());
        Tensor x = tensor(1.0).requiresGrad_();
        Tensor y;
        try (var g = noGrad()) {
            y = x.mul(2.0);
        }
        assertThrows(IllegalStateException.class, y::backward);
    }

    @Test
    void onlyLeavesThatRequireGradGetGradients() {
        Tensor x = tensor(1.0, 2.0).requiresGrad_();
        Tensor c = tensor(5.0, 6.0);
        Tensor mid = x.mul(c);
        mid.sum().backward();
        assertNull(c.grad());
        assertNull(mid.grad(), "non-leaf tensors keep no .grad, as torch");
        assertEquals("tensor([5., 6.])", x.grad().toString());
        Tensor s = tensor(4.0).requiresGrad_();
        s.backward(); // a leaf scalar: its own gradient is 1
        assertEquals(1.0, s.grad().item());
    }

    @Test
    void requiresGradRules() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> tensor(1, 2).requiresGrad_());
        assertTrue(e.getMessage().startsWith("only Tensors of floating point dtype can require gradients"), e.getMessage());
        Tensor y = tensor(1.0).requiresGrad_().mul(2.0);
        assertThrows(IllegalStateException.class, () -> y.requiresGrad_(false));
        assertTrue(y.requiresGrad());
        assertFalse(y.isLeaf());
    }
}
