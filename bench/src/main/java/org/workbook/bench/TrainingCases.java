package org.workbook.bench;

import static org.workbook.tensor.Tensors.manualSeed;
import static org.workbook.tensor.Tensors.noGrad;
import static org.workbook.tensor.Tensors.randn;
import static org.workbook.tensor.Tensors.randperm;
import static org.workbook.tensor.Tensors.where;

import java.util.List;
import java.util.function.UnaryOperator;

import org.workbook.autograd.GradMode;
import org.workbook.nn.Linear;
import org.workbook.nn.LogSoftmax;
import org.workbook.nn.Module;
import org.workbook.nn.NLLLoss;
import org.workbook.nn.ReLU;
import org.workbook.nn.Sequential;
import org.workbook.optim.Adam;
import org.workbook.optim.Optimizer;
import org.workbook.optim.SGD;
import org.workbook.tensor.Slice;
import org.workbook.tensor.Tensor;

/**
 * Issue 4 item 6: one training epoch of each course workload on the real MNIST
 * (PERF-BASELINE 1a and 1b), each with target 0.5, and the accuracy each model
 * reaches (trained afresh, seed 0, outside the timing). compare_torch.py's
 * {@code training_cases} is the twin, step for step.
 *
 * <ul>
 * <li>{@code ch4_linear_epoch}: w = randn(784,1), b = randn(1), preds = xb@w+b,
 *     mnist_loss (sigmoid, where), {@code p.data().sub_(p.grad().mul(1))}, grads zeroed;
 *     batch 256 over the 12396 unshuffled 3s/7s: 49 steps. Accuracy after 20 epochs.</li>
 * <li>{@code ch4_simplenet_epoch}: Linear(784,30)-ReLU-Linear(30,1), library SGD lr 0.1,
 *     same data and loss. Accuracy after 40 epochs.</li>
 * <li>{@code l8_linear_epoch} / {@code l8_mlp_epoch}: Linear(784,10) (or 784-100-10 with
 *     ReLU) + LogSoftmax, NLLLoss, Adam 1e-3, batch 64 over a fresh randperm of the 50,000
 *     normalised training images: 782 steps (randperm and the gathers are timed too).
 *     Accuracy after 1 epoch on the 10,000 validation images.</li>
 * </ul>
 * An epoch is the timed call; the model keeps training from call to call, as it would.
 */
public final class TrainingCases {
    private static final int CH4_BATCH = 256;
    private static final int L8_BATCH = 64;

    private TrainingCases() { }

    public static List<BenchCase> all() {
        return List.of(
            new BenchCase("ch4_linear_epoch", "training", "ch4 linear 784->1 by hand, 49 steps", 0.5,
                () -> ch4Linear()::epoch, new BenchCase.Accuracy(20, () -> {
                    manualSeed(0);
                    Ch4Linear m = ch4Linear();
                    for (int e = 0; e < 20; e++) {
                        m.epoch();
                    }
                    return ch4Accuracy(m::predict);
                })),
            new BenchCase("ch4_simplenet_epoch", "training", "ch4 simple_net 784-30-1, SGD, 49 steps", 0.5,
                () -> simpleNet()::epoch, new BenchCase.Accuracy(40, () -> {
                    manualSeed(0);
                    Trainer t = simpleNet();
                    for (int e = 0; e < 40; e++) {
                        t.epoch();
                    }
                    return ch4Accuracy(t.model);
                })),
            l8("l8_linear_epoch", "l8 Linear(784,10), Adam, 782 steps",
                () -> new Sequential(new Linear(784, 10), new LogSoftmax(1))),
            l8("l8_mlp_epoch", "l8 MLP 784-100-10, Adam, 782 steps", TrainingCases::l8Mlp));
    }

    /** Lesson 8's MLP: 784-100-10 with a ReLU, then LogSoftmax (also the GPU suite's model). */
    static Module l8Mlp() {
        return new Sequential(new Linear(784, 100), new ReLU(), new Linear(100, 10), new LogSoftmax(1));
    }

    /** The book's mnist_loss: 1 - p for a 3 (target 1), p for a 7, averaged. */
    static Tensor mnistLoss(Tensor predictions, Tensor targets) {
        Tensor p = predictions.sigmoid();
        return where(targets.eq(1), p.rsub(1), p).mean();
    }

    /** Chapter 4's linear model from scratch, updated by hand. */
    static final class Ch4Linear {
        final Tensor w = randn(784, 1).requiresGrad_();
        final Tensor b = randn(1).requiresGrad_();

        Tensor predict(Tensor xb) {
            return xb.matmul(w).add(b);
        }

        Object epoch() {
            CourseData.Split d = CourseData.ch4();
            int n = d.x().size(0);
            Tensor loss = null;
            for (int i = 0; i < n; i += CH4_BATCH) {
                Slice s = Slice.of(i, Math.min(i + CH4_BATCH, n));
                loss = mnistLoss(predict(d.x().get(s)), d.y().get(s));
                loss.backward();
                for (Tensor p : new Tensor[] {w, b}) {
                    p.data().sub_(p.grad().mul(1.0));
                    p.grad().zero_();
                }
            }
            return loss;
        }
    }

    static Ch4Linear ch4Linear() {
        return new Ch4Linear();
    }

    /** A model, its loss and optimizer over one of the course's splits. */
    static final class Trainer {
        final Module model;
        final Optimizer opt;
        final boolean ch4;
        /** The lesson-8 split the l8 epochs run over: CourseData.lesson8() on the CPU, a copy on the GPU. */
        final java.util.function.Supplier<CourseData.Split> l8Data;

        Trainer(Module model, Optimizer opt, boolean ch4) {
            this(model, opt, ch4, CourseData::lesson8);
        }

        Trainer(Module model, Optimizer opt, boolean ch4, java.util.function.Supplier<CourseData.Split> l8Data) {
            this.model = model;
            this.opt = opt;
            this.ch4 = ch4;
            this.l8Data = l8Data;
        }

        Object epoch() {
            return ch4 ? ch4Epoch() : l8Epoch();
        }

        private Object ch4Epoch() {
            CourseData.Split d = CourseData.ch4();
            int n = d.x().size(0);
            Tensor loss = null;
            for (int i = 0; i < n; i += CH4_BATCH) {
                Slice s = Slice.of(i, Math.min(i + CH4_BATCH, n));
                loss = mnistLoss(model.apply(d.x().get(s)), d.y().get(s));
                loss.backward();
                opt.step();
                opt.zeroGrad();
            }
            return loss;
        }

        private Object l8Epoch() {
            CourseData.Split d = l8Data.get();
            NLLLoss crit = new NLLLoss();
            int n = d.x().size(0);
            Tensor perm = randperm(n);
            Tensor loss = null;
            for (int i = 0; i < n; i += L8_BATCH) {
                Tensor idx = perm.get(Slice.of(i, Math.min(i + L8_BATCH, n)));
                loss = crit.apply(model.apply(d.x().get(idx)), d.y().get(idx));
                opt.zeroGrad();
                loss.backward();
                opt.step();
            }
            return loss;
        }
    }

    static Trainer simpleNet() {
        Sequential m = new Sequential(new Linear(784, 30), new ReLU(), new Linear(30, 1));
        return new Trainer(m, new SGD(m.parameters(), 0.1), true);
    }

    private static BenchCase l8(String id, String title, java.util.function.Supplier<Module> model) {
        java.util.function.Supplier<Trainer> make = () -> {
            Module m = model.get();
            return new Trainer(m, new Adam(m.parameters(), 1e-3), false);
        };
        return new BenchCase(id, "training", title, 0.5, () -> make.get()::epoch, new BenchCase.Accuracy(1, () -> {
            manualSeed(0);
            Trainer t = make.get();
            t.epoch();
            CourseData.Split d = CourseData.lesson8();
            try (GradMode.Scope ignored = noGrad()) {
                return t.model.apply(d.xValid()).argmax(1).eq(d.yValid()).toFloat().mean().item();
            }
        }));
    }

    /** Validation accuracy on the 2038 3s/7s: sigmoid > 0.5 means "a 3". */
    static double ch4Accuracy(UnaryOperator<Tensor> model) {
        CourseData.Split d = CourseData.ch4();
        try (GradMode.Scope ignored = noGrad()) {
            Tensor correct = model.apply(d.xValid()).sigmoid().gt(0.5).toFloat().eq(d.yValid().toFloat());
            return correct.toFloat().mean().item();
        }
    }
}
