package org.workbook.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.tensor.Tensors.tensor;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.workbook.autograd.GradMode;
import org.workbook.nn.Parameter;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/** Optimizer behaviour around the update rule: skipping, groups, layouts, per-parameter state, errors. */
class OptimizerTest {
    @Test
    void parametersWithoutAGradientAreSkipped() {
        Tensor a = tensor(1.0, 2.0).requiresGrad_();
        Tensor b = tensor(3.0).requiresGrad_();
        SGD opt = new SGD(List.of(a, b), 0.5, 0.9, 0, 0, false);
        a.setGrad(tensor(1.0, 1.0));
        opt.step();
        assertEquals("tensor([0.5000, 1.5000], requires_grad=True)", a.toString());
        assertEquals("tensor(3., requires_grad=True)", b.toString());
        assertTrue(a.isLeaf() && a.requiresGrad(), "step() keeps the parameter a leaf that requires grad");
    }

    @Test
    void stepRecordsNoGraphAndRestoresGradMode() {
        Tensor a = tensor(1.0).requiresGrad_();
        a.setGrad(tensor(1.0));
        new Adam(List.of(a)).step();
        assertTrue(GradMode.isEnabled());
        assertTrue(a.isLeaf());
        assertEquals(1.0 - 1e-3, a.item(), 1e-6, "Adam's first step moves by lr");
    }

    @Test
    void changingTheLearningRateOfAGroup() {
        Tensor a = tensor(1.0).requiresGrad_();
        SGD opt = new SGD(List.of(a), 0.1);
        ParamGroup g = opt.paramGroups().get(0);
        assertEquals(0.1, g.get("lr"));
        g.set("lr", 0.0);
        a.setGrad(tensor(5.0));
        opt.step();
        assertEquals(1.0, a.item());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.get("betas"));
        assertTrue(e.getMessage().startsWith("parameter group has no option 'betas'"), e.getMessage());
    }

    @Test
    void nonContiguousAndOffsetParametersAreUpdatedInPlace() {
        Tensor base = Tensors.arange(6).toFloat().reshape(2, 3);
        Parameter transposed = new Parameter(base.t());          // stride (1, 3): not contiguous
        Parameter tail = new Parameter(Tensors.arange(5).toFloat().get("2:"));  // offset 2
        Tensor gT = Tensors.ones(3, 2).mul(2.0);
        transposed.setGrad(gT);
        tail.setGrad(Tensors.ones(3));
        new SGD(List.of(transposed, tail), 0.5).step();
        assertEquals("tensor([[-1.,  0.,  1.],\n        [ 2.,  3.,  4.]])", base.toString(), "updated through the view");
        assertEquals("tensor([1.5000, 2.5000, 3.5000])", tail.detach().toString());
        assertSame(base.storage(), transposed.storage());
    }

    @Test
    void adamKeepsAStepCountPerParameter() {
        // b first gets a gradient at step 2: its first update must be a first step (bias corrections of t=1).
        Tensor a = tensor(1.0).requiresGrad_();
        Tensor b = tensor(1.0).requiresGrad_();
        Adam opt = new Adam(List.of(a, b), 0.1);
        a.setGrad(tensor(1.0));
        opt.step();
        b.setGrad(tensor(3.0));
        opt.step();
        Tensor fresh = tensor(1.0).requiresGrad_();
        fresh.setGrad(tensor(3.0));
        new Adam(List.of(fresh), 0.1).step();
        assertEquals(fresh.item(), b.item());
        assertEquals(0.9, fresh.item(), 1e-6);
    }

    @Test
    void sgdMomentumBufferStartsAsTheFirstGradient() {
        Tensor p = tensor(0.0).requiresGrad_();
        SGD opt = new SGD(List.of(p), 1.0, 0.5, 0.5, 0, false);
        p.setGrad(tensor(1.0));
        opt.step();    // buf = 1 (no dampening on the first step, as torch)
        assertEquals(-1.0, p.item());
        opt.step();    // buf = 0.5 * 1 + 0.5 * 1 = 1
        assertEquals(-2.0, p.item());
    }

    @Test
    void invalidConfigurationsFailClearly() {
        Tensor a = tensor(1.0).requiresGrad_();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(), 0.1));
        assertTrue(e.getMessage().startsWith("optimizer got an empty parameter list"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(a.mul(2.0)), 0.1));
        assertTrue(e.getMessage().startsWith("can't optimize a non-leaf Tensor"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(a), -0.1));
        assertTrue(e.getMessage().startsWith("Invalid SGD hyper-parameter: lr=-0.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(a), 0.1, 0, 0, 0, true));
        assertEquals("Nesterov momentum requires a momentum and zero dampening", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(a), 0.1, 1.0, 0.999, 1e-8, 0));
        assertTrue(e.getMessage().startsWith("Invalid Adam hyper-parameter"), e.getMessage());
        assertFalse(e.getMessage().isEmpty());
    }

    @Test
    void theLessonsByHandStepWorks() {
        Tensor p = tensor(1.0, -1.0).requiresGrad_();
        p.mul(p).sum().backward();
        p.data().sub_(p.grad().mul(0.25));
        assertEquals("tensor([ 0.5000, -0.5000], requires_grad=True)", p.toString());
    }
}
