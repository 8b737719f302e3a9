package org.workbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/** Gradcheck itself: it must catch a wrong backward and say where. */
class GradcheckSelfTest {
    /** 2x forward, but a backward that claims the derivative is 1 for element 1 only. */
    private static Tensor wrongDouble(Tensor x) {
        Tensor out = x.detach().mul(2.0);
        out.setGradFn(new Node("WrongBackward", x) {
            @Override
            protected Tensor[] backward(Tensor g) {
                Tensor d = Tensors.fromArray(new double[] {2, 1, 2}, 3);
                return new Tensor[] {g.mul(d)};
            }
        });
        return out;
    }

    @Test
    void reportsTheWorstElementOfAWrongGradient() {
        Gradcheck.Result r = Gradcheck.check(xs -> wrongDouble(xs[0]), Tensors.tensor(0.1, 0.2, 0.3));
        assertFalse(r.ok());
        assertEquals(0, r.input());
        assertEquals(1, r.element());
        // Both sides are of the weighted output sum, so their ratio is that of the true derivatives.
        assertEquals(2.0, r.numeric() / r.analytic(), 1e-6);
        assertTrue(r.toString().startsWith("gradcheck FAILED at input 0, element 1"), r.toString());
        AssertionError e = assertThrows(AssertionError.class,
            () -> Gradcheck.assertOk(xs -> wrongDouble(xs[0]), Tensors.tensor(0.1, 0.2, 0.3)));
        assertTrue(e.getMessage().contains("for inputs of shapes [[3]]"), e.getMessage());
    }

    @Test
    void passesACorrectGradientAndReportsItsWorstError() {
        Gradcheck.Result r = Gradcheck.check(xs -> xs[0].exp().mul(xs[1]).sum(), Tensors.randn(3), Tensors.randn(3));
        assertTrue(r.ok(), r.toString());
        assertTrue(r.worstAbsError() < 1e-6, r.toString());
        assertTrue(r.toString().startsWith("gradcheck passed"), r.toString());
    }

    @Test
    void anInputTheOutputIgnoresHasZeroGradient() {
        Gradcheck.Result r = Gradcheck.check(xs -> xs[0].mul(2.0), Tensors.tensor(1.0, 2.0), Tensors.tensor(3.0));
        assertTrue(r.ok(), r.toString());
    }
}
