package org.workbook.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/** The layers' module behaviour: buffers in the state dict, train/eval, dropout's scaling, shapes of a CNN. */
class ConvLayersTest {
    @Test
    void batchNormBuffersAreSavedLoadedAndNotParameters(@TempDir Path dir) {
        Sequential m = new Sequential(new Conv2d(1, 2, 3), new BatchNorm2d(2));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias"), List.copyOf(m.namedParameters().keySet()));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
            "1.num_batches_tracked"), List.copyOf(m.stateDict().keySet()));
        m.apply(Tensors.randn(4, 1, 5, 5));
        m.save(dir.resolve("m.wbsd"));
        Sequential fresh = new Sequential(new Conv2d(1, 2, 3), new BatchNorm2d(2));
        fresh.load(dir.resolve("m.wbsd"));
        BatchNorm2d a = (BatchNorm2d) m.children().get(1);
        BatchNorm2d b = (BatchNorm2d) fresh.children().get(1);
        assertTrue(a.runningMean.equal(b.runningMean));
        assertTrue(a.runningVar.equal(b.runningVar));
        assertEquals(1L, b.numBatchesTracked.longItem());
    }

    @Test
    void evalFreezesRunningStatisticsAndDropout() {
        BatchNorm2d bn = new BatchNorm2d(3);
        bn.eval();
        Tensor x = Tensors.randn(2, 3, 4, 4);
        bn.apply(x);
        assertEquals(0L, bn.numBatchesTracked.longItem());
        assertTrue(bn.runningMean.equal(Tensors.zeros(3)));
        Dropout d = new Dropout(0.5);
        d.eval();
        assertSame(x, d.apply(x));
        d.train();
        Tensor y = d.apply(Tensors.ones(10000));
        double kept = y.gt(0.0).toFloat().mean().item();
        assertTrue(Math.abs(kept - 0.5) < 0.03, "kept " + kept);
        assertTrue(y.eq(0.0).logicalOr(y.eq(2.0)).all().item() == 1.0, "survivors are scaled by 1/(1-p)");
    }

    @Test
    void simpleCnnShapesAsTheChapter() {
        Sequential cnn = new Sequential(new Conv2d(1, 4, 3, 2, 1), new ReLU(), new Conv2d(4, 8, 3, 2, 1), new ReLU(),
            new Conv2d(8, 16, 3, 2, 1), new ReLU(), new Conv2d(16, 32, 3, 2, 1), new ReLU(), new Conv2d(32, 2, 3, 2, 1),
            new Flatten());
        Tensor x = Tensors.zeros(64, 1, 28, 28);
        int[][] shapes = {{64, 4, 14, 14}, {64, 8, 7, 7}, {64, 16, 4, 4}, {64, 32, 2, 2}, {64, 2, 1, 1}};
        int k = 0;
        for (Module m : cnn.children()) {
            x = m.apply(x);
            if (m instanceof Conv2d) {
                assertEquals(Tensors.zeros(shapes[k++]).shape(), x.shape());
            }
        }
        assertEquals(Tensors.zeros(64, 2).shape(), x.shape());
        int params = cnn.parameters().stream().mapToInt(Tensor::numel).sum();
        assertEquals(40 + 296 + 1168 + 4640 + 578, params);
    }
}
