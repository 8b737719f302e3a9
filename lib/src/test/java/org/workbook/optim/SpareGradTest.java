package org.workbook.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.workbook.nn.Linear;
import org.workbook.nn.LogSoftmax;
import org.workbook.nn.NLLLoss;
import org.workbook.nn.ReLU;
import org.workbook.nn.Sequential;
import org.workbook.tensor.RandomTensors;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * zeroGrad keeps a gradient no one was handed as a spare that the next backward of a linear
 * layer writes over (TensorGrad.clearGradKeepingSpare, F.linear): training must give the same
 * bits as with fresh gradients, and a gradient anyone was handed must never change afterwards.
 */
class SpareGradTest {
    private static Tensor rand(Random r, int... shape) {
        return RandomTensors.gaussian(r, shape);
    }

    private static Sequential mlp(int in, int hidden, int out) {
        Tensors.manualSeed(1);
        return new Sequential(new Linear(in, hidden), new ReLU(), new Linear(hidden, out), new LogSoftmax(1));
    }

    /** Trains a few steps; with {@code look}, reads every gradient through grad() (which rules out reuse). */
    private static List<float[]> train(boolean look, boolean sgd, long seed, int in, int hidden, int out, int batch) {
        Sequential m = mlp(in, hidden, out);
        Optimizer opt = sgd ? new SGD(m.parameters(), 0.1, 0.9, 0, 0, false) : new Adam(m.parameters(), 1e-2);
        NLLLoss crit = new NLLLoss();
        Random r = new Random(seed);
        for (int step = 0; step < 5; step++) {
            Tensor x = rand(r, batch, in);
            long[] y = new long[batch];
            for (int i = 0; i < batch; i++) {
                y[i] = r.nextInt(out);
            }
            Tensor loss = crit.apply(m.apply(x), Tensors.fromArray(y, batch));
            opt.zeroGrad();
            loss.backward();
            if (look) {
                for (Tensor p : m.parameters()) {
                    p.grad();
                }
            }
            opt.step();
        }
        List<float[]> params = new ArrayList<>();
        for (Tensor p : m.parameters()) {
            params.add(p.detach().toFloatArray());
        }
        return params;
    }

    @Test
    void trainingWithReusedGradientsGivesTheSameBitsOverRandomShapes() {
        Random r = new Random(16);
        for (int trial = 0; trial < 12; trial++) {
            int in = 1 + r.nextInt(20);
            int hidden = 1 + r.nextInt(12);
            int out = 2 + r.nextInt(5);
            int batch = 1 + r.nextInt(9);
            boolean sgd = r.nextBoolean();
            List<float[]> fresh = train(true, sgd, trial, in, hidden, out, batch);
            List<float[]> reused = train(false, sgd, trial, in, hidden, out, batch);
            for (int i = 0; i < fresh.size(); i++) {
                assertArrayEquals(fresh.get(i), reused.get(i), 0f, "parameter " + i + " of trial " + trial);
            }
        }
    }

    @Test
    void aSpareIsReusedOnlyWhenNoOneWasHandedIt() {
        Random r = new Random(2);
        Linear lin = new Linear(5, 3);
        Adam opt = new Adam(lin.parameters(), 1e-3);
        Tensor x = rand(r, 4, 5);
        lin.apply(x).sum().backward();
        Tensor first = lin.weight.currentGrad();
        opt.step();
        opt.zeroGrad();
        assertNull(lin.weight.grad());
        lin.apply(x.mul(2)).sum().backward();
        assertSame(first, lin.weight.currentGrad(), "the untouched gradient's buffer is written over");
        assertArrayEquals(Tensors.ones(4, 3).t().matmul(x.mul(2)).toFloatArray(), lin.weight.currentGrad().toFloatArray(),
            1e-5f);

        Tensor held = lin.weight.grad();
        float[] before = held.toFloatArray();
        opt.zeroGrad();
        lin.apply(x.mul(3)).sum().backward();
        assertNotSame(held, lin.weight.currentGrad());
        assertArrayEquals(before, held.toFloatArray(), 0f, "a gradient someone holds never changes");
    }

    @Test
    void moduleZeroGradKeepsSparesToo() {
        Random r = new Random(4);
        Linear lin = new Linear(3, 2);
        Tensor x = rand(r, 2, 3);
        lin.apply(x).sum().backward();
        Tensor first = lin.weight.currentGrad();
        lin.zeroGrad();
        assertNull(lin.weight.grad());
        lin.apply(x).sum().backward();
        assertSame(first, lin.weight.currentGrad());
    }

    @Test
    void anOptimizerOfOurOwnThatKeepsGradientsSeesThemUnchanged() {
        Random r = new Random(6);
        Linear lin = new Linear(4, 2, false);
        List<Tensor> kept = new ArrayList<>();
        Optimizer keeper = new Optimizer(lin.parameters(), Map.of("lr", 0.1)) {
            @Override
            protected void update(Tensor p, Tensor grad, ParamGroup group, Map<String, Object> state) {
                kept.add(grad);
            }
        };
        List<float[]> values = new ArrayList<>();
        for (int step = 0; step < 3; step++) {
            Tensor x = rand(r, 3, 4);
            keeper.zeroGrad();
            lin.apply(x).sum().backward();
            keeper.step();
            values.add(kept.get(step).toFloatArray());
        }
        for (int step = 0; step < 3; step++) {
            assertArrayEquals(values.get(step), kept.get(step).toFloatArray(), 0f);
        }
    }
}
