package org.workbook.e2e.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.learn.Metrics.accuracy;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.workbook.data.DataLoaders;
import org.workbook.data.MnistPkl;
import org.workbook.data.TensorDataset;
import org.workbook.display.Table;
import org.workbook.learn.Learner;
import org.workbook.nn.Linear;
import org.workbook.nn.LogSoftmax;
import org.workbook.nn.NLLLoss;
import org.workbook.nn.ReLU;
import org.workbook.nn.Sequential;
import org.workbook.optim.Adam;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * The ML course's lesson-8/9 training on the real MNIST split (first 50,000 to
 * train, last 10,000 to validate), normalised with the training statistics:
 * one epoch of Adam at 1e-3, batch 64, must reach the course's accuracies.
 */
class TrainMnistE2ETest {
    private static DataLoaders<?> dls;

    @BeforeAll
    static void data() {
        MnistPkl d = MnistPkl.load();
        Tensor mean = d.x().mean();
        Tensor std = d.x().std();
        Tensor x = d.x().sub(mean).div(std);
        Tensor xv = d.xValid().sub(mean).div(std);
        Tensors.manualSeed(0);
        dls = DataLoaders.fromDatasets(new TensorDataset(x, d.y()), new TensorDataset(xv, d.yValid()), 64);
    }

    private static double lastAccuracy(Learner learn) {
        List<Double> acc = learn.recorder().values("accuracy");
        return acc.get(acc.size() - 1);
    }

    @Test
    void logisticRegressionReaches91PercentInOneEpoch() {
        var net = new Sequential(new Linear(784, 10), new LogSoftmax(1));
        var learn = new Learner(dls, net, Adam::new, new NLLLoss(), accuracy());
        learn.fit(1, 1e-3);
        Table t = learn.results();
        assertEquals(1, t.rowCount());
        assertTrue(lastAccuracy(learn) >= 0.91, "accuracy " + lastAccuracy(learn) + "\n" + t.toText());
    }

    @Test
    void mlpReaches95PercentInOneEpoch() {
        var net = new Sequential(new Linear(784, 100), new ReLU(), new Linear(100, 10), new LogSoftmax(1));
        var learn = new Learner(dls, net, Adam::new, new NLLLoss(), accuracy());
        learn.fit(1, 1e-3);
        Table t = learn.results();
        assertTrue(lastAccuracy(learn) >= 0.95, "accuracy " + lastAccuracy(learn) + "\n" + t.toText());
        assertTrue(learn.recorder().batchLosses().size() == 782);
    }
}
