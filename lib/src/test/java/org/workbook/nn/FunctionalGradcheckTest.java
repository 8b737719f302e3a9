package org.workbook.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.workbook.autograd.GradAssert;
import org.workbook.autograd.GradAssert.Layout;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/** Gradcheck of the functional layers and losses (the fused ones have hand-written backwards). */
class FunctionalGradcheckTest {
    static Stream<Arguments> seeds() {
        List<Arguments> out = new ArrayList<>();
        for (int seed = 700; seed < 706; seed++) {
            out.add(Arguments.of(Layout.values()[seed % 3], seed));
        }
        return out.stream();
    }

    private static long[] targets(Random r, int n, int classes) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextInt(classes);
        }
        return t;
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("seeds")
    void softmaxes(Layout layout, int seed) {
        Random r = new Random(seed);
        int[] shape = GradAssert.shape(r, 1, 3, 4);
        int dim = r.nextInt(shape.length) - (r.nextBoolean() ? shape.length : 0);
        Tensor x = GradAssert.values(r, shape, -3, 3, 0);
        GradAssert.check("logSoftmax dim " + dim, layout, v -> F.logSoftmax(v, dim), x);
        GradAssert.check("softmax dim " + dim, layout, v -> F.softmax(v, dim), x);
        GradAssert.check("LogSoftmax module", layout, new LogSoftmax(dim), x);
        GradAssert.check("Softmax module", layout, new Softmax(dim), x);
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("seeds")
    void classificationLosses(Layout layout, int seed) {
        Random r = new Random(seed);
        int n = 1 + r.nextInt(5);
        int c = 2 + r.nextInt(4);
        Tensor target = Tensors.fromArray(targets(r, n, c), n);
        Tensor x = GradAssert.values(r, new int[] {n, c}, -3, 3, 0);
        GradAssert.check("nllLoss", layout, v -> F.nllLoss(v, target), x);
        GradAssert.check("nllLoss sum", layout, v -> F.nllLoss(v, target, F.Reduction.SUM), x);
        GradAssert.check("nllLoss none", layout, v -> F.nllLoss(v, target, F.Reduction.NONE), x);
        GradAssert.check("nllLoss(logSoftmax)", layout, v -> F.nllLoss(F.logSoftmax(v, 1), target), x);
        GradAssert.check("crossEntropy", layout, v -> F.crossEntropy(v, target), x);
        GradAssert.check("CrossEntropyLoss", layout, v -> new CrossEntropyLoss().apply(v, target), x);
        GradAssert.check("NLLLoss", layout, v -> new NLLLoss().apply(v, target), x);
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("seeds")
    void regressionAndBinaryLosses(Layout layout, int seed) {
        Random r = new Random(seed);
        int[] shape = GradAssert.shape(r, 1, 3, 4);
        Tensor a = GradAssert.values(r, shape, -2, 2, 0);
        Tensor b = GradAssert.values(r, shape, -2, 2, 0);
        // l1 has a kink where a == b: move b away from a.
        Tensor bFar = Tensor.where(a.sub(b).abs().lt(0.1), b.add(0.5), b);
        Tensor la = GradAssert.leafFor(layout, a);
        GradAssert.check("mseLoss", xs -> F.mseLoss(layout.view(xs[0]), xs[1]), la, b);
        GradAssert.check("MSELoss", xs -> new MSELoss().apply(layout.view(xs[0]), xs[1]), la, b);
        GradAssert.check("l1Loss", xs -> F.l1Loss(layout.view(xs[0]), xs[1]), la, bFar);
        GradAssert.check("L1Loss", xs -> new L1Loss().apply(layout.view(xs[0]), xs[1]), la, bFar);
        Tensor p = GradAssert.values(r, shape, 0.05, 0.95, 0);
        Tensor y = GradAssert.values(r, shape, 0, 1, 0);
        // torch: target and input of one dtype (the checks run in float64 and float32)
        GradAssert.check("binaryCrossEntropy", layout, v -> F.binaryCrossEntropy(v, y.to(v.dtype())), p);
        GradAssert.check("BCELoss", layout, v -> new BCELoss().apply(v, y.to(v.dtype())), p);
        Tensor logits = GradAssert.values(r, shape, -4, 4, 0.05, 0);
        GradAssert.check("binaryCrossEntropyWithLogits", xs -> F.binaryCrossEntropyWithLogits(layout.view(xs[0]), xs[1]),
            GradAssert.leafFor(layout, logits), y);
        GradAssert.check("BCEWithLogitsLoss", layout, v -> new BCEWithLogitsLoss().apply(v, y), logits);
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("seeds")
    void linear(Layout layout, int seed) {
        Random r = new Random(seed);
        int batch = 1 + r.nextInt(4);
        int in = 1 + r.nextInt(4);
        int out = 1 + r.nextInt(4);
        Tensor x = GradAssert.values(r, new int[] {batch, in}, -1, 1, 0);
        Tensor w = GradAssert.values(r, new int[] {out, in}, -1, 1, 0);
        Tensor b = GradAssert.values(r, new int[] {out}, -1, 1, 0);
        GradAssert.check("F.linear", xs -> F.linear(layout.view(xs[0]), layout.view(xs[1]), xs[2]),
            GradAssert.leafFor(layout, x), GradAssert.leafFor(layout, w), b);
        GradAssert.check("F.linear no bias", xs -> F.linear(xs[0], xs[1], null), x, w);
        GradAssert.check("F.linear batched 3-D input", xs -> F.linear(xs[0], xs[1], xs[2]),
            GradAssert.values(r, new int[] {2, batch, in}, -1, 1, 0), w, b);
        GradAssert.check("relu/sigmoid/tanh/leakyRelu", layout,
            v -> F.relu(v).add(F.sigmoid(v)).add(F.tanh(v)).add(F.leakyRelu(v, 0.2)),
            GradAssert.values(r, new int[] {batch, in}, -2, 2, 0.05, 0));
    }
}
