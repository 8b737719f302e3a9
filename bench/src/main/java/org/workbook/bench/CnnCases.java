package org.workbook.bench;

import static org.workbook.tensor.Tensors.manualSeed;
import static org.workbook.tensor.Tensors.randperm;

import java.util.List;

import org.workbook.data.Mnist;
import org.workbook.data.TensorDataset;
import org.workbook.nn.BatchNorm2d;
import org.workbook.nn.Conv2d;
import org.workbook.nn.CrossEntropyLoss;
import org.workbook.nn.Flatten;
import org.workbook.nn.Module;
import org.workbook.nn.ReLU;
import org.workbook.nn.Sequential;
import org.workbook.optim.Adam;
import org.workbook.tensor.Slice;
import org.workbook.tensor.Tensor;

/**
 * Issue 17 item 4: one epoch of lesson 05's batch-norm CNN (five stride-2 conv blocks,
 * 1-8-16-32-64-10 channels, kernel 5 then 3, each with BatchNorm2d and ReLU but the last,
 * then Flatten) on the full MNIST training set (60,000 images normalised as the lesson
 * does), batch 128 as the lesson's DataLoaders: a fresh randperm, the gathers, forward,
 * cross-entropy, backward and an Adam step (lr 1e-3; the lesson's one-cycle schedule
 * changes the rate, not the work): 469 steps. compare_torch.py's {@code cnn_cases} is the
 * twin. Target 1.0.
 */
public final class CnnCases {
    private static final int BATCH = 128;

    private CnnCases() { }

    public static List<BenchCase> all() {
        return List.of(new BenchCase("cnn_epoch", "conv", "lesson 05 batch-norm CNN, Adam, batch 128, 469 steps",
            1.0, () -> new Epoch()::run));
    }

    /** Lesson 05's cnn(true). */
    static Module cnn() {
        return new Sequential(block(1, 8, 5, true), block(8, 16, 3, true), block(16, 32, 3, true),
            block(32, 64, 3, true), block(64, 10, 3, false), new Flatten());
    }

    private static Module block(int ni, int nf, int ks, boolean act) {
        Sequential layers = new Sequential(new Conv2d(ni, nf, ks, 2, ks / 2), new BatchNorm2d(nf));
        if (act) {
            layers.add(new ReLU());
        }
        return layers;
    }

    private static final class Epoch {
        private static TensorDataset train;
        private final Tensor x;
        private final Tensor y;
        private final Module model;
        private final Adam opt;
        private final CrossEntropyLoss crit = new CrossEntropyLoss();

        Epoch() {
            synchronized (Epoch.class) {
                if (train == null) {
                    train = Mnist.train();
                }
            }
            x = train.x().toFloat().div(255).sub(0.1307).div(0.3081).unsqueeze(1);
            y = train.y();
            manualSeed(42);
            model = cnn();
            opt = new Adam(model.parameters(), 1e-3);
        }

        Object run() {
            int n = x.size(0);
            Tensor perm = randperm(n);
            Tensor loss = null;
            for (int i = 0; i < n; i += BATCH) {
                Tensor idx = perm.get(Slice.of(i, Math.min(i + BATCH, n)));
                loss = crit.apply(model.apply(x.get(idx)), y.get(idx));
                opt.zeroGrad();
                loss.backward();
                opt.step();
            }
            return loss;
        }
    }
}
