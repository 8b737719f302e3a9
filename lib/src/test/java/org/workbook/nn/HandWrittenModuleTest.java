package org.workbook.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.nn.F.logSoftmax;
import static org.workbook.tensor.Tensors.manualSeed;
import static org.workbook.tensor.Tensors.noGrad;
import static org.workbook.tensor.Tensors.randint;
import static org.workbook.tensor.Tensors.randn;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.workbook.optim.SGD;
import org.workbook.tensor.Tensor;

/** The lessons' hand-written logistic regression: fields found as parameters, trained by hand and by SGD. */
class HandWrittenModuleTest {
    /** As written in the lesson (28x28 images, 10 classes). */
    static class LogReg extends Module {
        Parameter w = param(randn(28 * 28, 10).div(28 * 28));
        Parameter b = param(randn(10).div(10));

        @Override
        public Tensor forward(Tensor x) {
            return logSoftmax(x.view(x.size(0), -1).matmul(w).add(b), 1);
        }
    }

    /** Images of class c are a fixed random prototype for c plus noise. */
    private static Tensor[] data(int n) {
        Tensor protos = randn(10, 28, 28);
        Tensor y = randint(0, 10, n);
        Tensor x = protos.get(y).add(randn(n, 28, 28).mul(0.5));
        return new Tensor[] {x, y};
    }

    @Test
    void itsFieldsAreItsParameters() {
        manualSeed(0);
        LogReg m = new LogReg();
        assertEquals(List.of("w", "b"), List.copyOf(m.namedParameters().keySet()));
        assertArrayEquals(new int[] {784, 10}, m.w.shapeArray());
        assertTrue(m.w.isLeaf() && m.w.requiresGrad());
        assertEquals("LogReg()", m.toString());
        assertArrayEquals(new int[] {5, 10}, m.apply(randn(5, 28, 28)).shapeArray());
    }

    @Test
    void aFewStepsByHandLowerTheLoss() {
        manualSeed(1);
        LogReg m = new LogReg();
        Tensor[] d = data(64);
        List<Double> losses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Tensor loss = F.nllLoss(m.apply(d[0]), d[1]);
            losses.add(loss.item());
            loss.backward();
            try (var g = noGrad()) {
                for (Parameter p : m.parameters()) {
                    p.sub_(p.grad().mul(1e-3));   // the lesson's update, then zero the gradient
                    p.grad().zero_();
                }
            }
        }
        for (int i = 1; i < losses.size(); i++) {
            assertTrue(losses.get(i) < losses.get(i - 1), "losses " + losses);
        }
    }

    @Test
    void theSameStepsWithSgdGiveTheSameResult() {
        manualSeed(2);
        LogReg byHand = new LogReg();
        manualSeed(2);
        LogReg withSgd = new LogReg();
        Tensor[] d = data(32);
        SGD opt = new SGD(withSgd.parameters(), 0.5);
        for (int i = 0; i < 3; i++) {
            F.nllLoss(byHand.apply(d[0]), d[1]).backward();
            for (Parameter p : byHand.parameters()) {
                p.data().sub_(p.grad().mul(0.5));   // through .data(): no noGrad needed
            }
            byHand.zeroGrad();
            F.nllLoss(withSgd.apply(d[0]), d[1]).backward();
            opt.step();
            opt.zeroGrad();
        }
        // SGD rounds once per element (a fused multiply-add, as torch); by hand rounds twice.
        assertTrue(byHand.w.allclose(withSgd.w, 1e-5, 1e-7));
        assertTrue(byHand.b.allclose(withSgd.b, 1e-5, 1e-7));
    }
}
