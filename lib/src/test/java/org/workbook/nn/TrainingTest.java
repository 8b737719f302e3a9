package org.workbook.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.tensor.Tensors.manualSeed;
import static org.workbook.tensor.Tensors.randn;
import static org.workbook.tensor.Tensors.tensor;

import org.junit.jupiter.api.Test;
import org.workbook.optim.Adam;
import org.workbook.optim.Optimizer;
import org.workbook.optim.SGD;
import org.workbook.tensor.Tensor;

/** Small models that must learn synthetic problems completely: the whole stack working together. */
class TrainingTest {
    private static double accuracy(Tensor probs, Tensor y) {
        return probs.gt(0.5).toFloat().eq(y).toFloat().mean().item();
    }

    @Test
    void logisticRegressionSeparatesALinearlySeparableSet() {
        manualSeed(42);
        Tensor raw = randn(200, 2);
        // Label by a line, then drop points within 0.2 of it so a margin exists.
        Tensor score = raw.get(":, 0").add(raw.get(":, 1").mul(2.0)).sub(0.5);
        Tensor keep = score.abs().gt(0.2);
        Tensor x = raw.get(keep);
        Tensor y = score.get(keep).gt(0.0).toFloat().unsqueeze(1);
        assertTrue(x.size(0) > 150, "kept " + x.size(0) + " points");

        Sequential model = new Sequential(new Linear(2, 1), new Sigmoid());
        Loss lossFn = new BCELoss();
        Optimizer opt = new SGD(model.parameters(), 1.0);
        double first = Double.NaN;
        double last = Double.NaN;
        for (int epoch = 0; epoch < 300; epoch++) {
            Tensor loss = lossFn.apply(model.apply(x), y);
            if (epoch == 0) {
                first = loss.item();
            }
            last = loss.item();
            loss.backward();
            opt.step();
            opt.zeroGrad();
        }
        assertTrue(last < first / 4, "loss " + first + " -> " + last);
        assertEquals(1.0, accuracy(model.apply(x), y), "accuracy after training (loss " + last + ")");
    }

    @Test
    void aHiddenLayerLearnsXor() {
        manualSeed(0);
        Tensor x = tensor(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor y = tensor(new double[][] {{0}, {1}, {1}, {0}});
        Sequential model = new Sequential(new Linear(2, 8), new Tanh(), new Linear(8, 1));
        Optimizer opt = new Adam(model.parameters(), 0.05);
        Loss lossFn = new BCEWithLogitsLoss();
        Tensor loss = null;
        for (int step = 0; step < 300; step++) {
            loss = lossFn.apply(model.apply(x), y);
            opt.zeroGrad();
            loss.backward();
            opt.step();
        }
        assertTrue(loss.item() < 0.05, "final loss " + loss.item());
        assertEquals(1.0, accuracy(model.apply(x).sigmoid(), y));
    }

    @Test
    void xorWithReluAndCrossEntropyOverTwoClasses() {
        manualSeed(3);
        Tensor x = tensor(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor y = tensor(0, 1, 1, 0);
        Sequential model = new Sequential(new Linear(2, 8), new ReLU(), new Linear(8, 2));
        Optimizer opt = new Adam(model.parameters(), 0.05);
        for (int step = 0; step < 300; step++) {
            Tensor loss = new CrossEntropyLoss().apply(model.apply(x), y);
            opt.zeroGrad();
            loss.backward();
            opt.step();
        }
        assertTrue(model.apply(x).argmax(1).equal(y), model.apply(x).toString());
    }
}
