package org.workbook.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.workbook.nn.F;
import org.workbook.tensor.RandomTensors;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * A leaf may take a gradient its node marked fresh as its .grad without a copy (Engine,
 * Node.fresh): the values must be those of the copying path, a later backward must add into
 * it without touching anything else, and no two leaves may ever share one tensor.
 */
class FreshGradTest {
    private static Tensor rand(Random r, int... shape) {
        return RandomTensors.gaussian(r, shape);
    }

    @Test
    void linearGradientsEqualTheComposedOnesOverRandomShapes() {
        Random r = new Random(16);
        for (int trial = 0; trial < 40; trial++) {
            int b = 1 + r.nextInt(5);
            int in = 1 + r.nextInt(6);
            int out = 1 + r.nextInt(6);
            Tensor x = rand(r, b, in);
            if (r.nextBoolean()) {
                x = rand(r, in, b).t(); // non-contiguous input
            }
            Tensor w = rand(r, out, in).requiresGrad_();
            Tensor bias = rand(r, out).requiresGrad_();
            Tensor g = rand(r, b, out);
            F.linear(x, w, bias).backward(g);
            Tensor w2 = w.detach().clone().requiresGrad_();
            Tensor b2 = bias.detach().clone().requiresGrad_();
            x.matmul(w2.t()).add(b2).backward(g);
            assertArrayEquals(w2.grad().toFloatArray(), w.grad().toFloatArray(), 1e-5f);
            assertArrayEquals(b2.grad().toFloatArray(), bias.grad().toFloatArray(), 1e-5f);
            assertNotSame(w.grad(), bias.grad());
            // A second backward adds into the kept gradient.
            float[] first = w.grad().toFloatArray();
            float[] firstB = bias.grad().toFloatArray();
            F.linear(x, w, bias).backward(g);
            float[] twice = w.grad().toFloatArray();
            for (int i = 0; i < first.length; i++) {
                org.junit.jupiter.api.Assertions.assertEquals(first[i] + first[i], twice[i], 0f);
            }
            float[] twiceB = bias.grad().toFloatArray();
            for (int i = 0; i < firstB.length; i++) {
                org.junit.jupiter.api.Assertions.assertEquals(firstB[i] + firstB[i], twiceB[i], 0f);
            }
        }
    }

    @Test
    void convolutionGradientsAreKeptAccumulateAndAreNeverShared() {
        Random r = new Random(17);
        for (int trial = 0; trial < 12; trial++) {
            int n = 1 + r.nextInt(3);
            Tensor x = rand(r, n, 2, 6 + r.nextInt(5), 7).requiresGrad_();
            Tensor w = rand(r, 3, 2, 3, 3).requiresGrad_();
            Tensor b = rand(r, 3).requiresGrad_();
            org.workbook.ops.ConvOptions o = org.workbook.ops.ConvOptions.of(1 + r.nextInt(2), 1);
            boolean twice = r.nextBoolean(); // the weight used by two convolutions: its gradient is a sum
            Tensor y = F.conv2d(x, w, b, o);
            Tensor loss = twice ? y.sum().add(F.conv2d(x, w, b, o).mul(y.detach()).sum()) : y.mul(y.detach()).sum();
            loss.backward();
            Tensor x2 = x.detach().clone().requiresGrad_();
            Tensor w2 = w.detach().clone().requiresGrad_();
            Tensor b2 = b.detach().clone().requiresGrad_();
            Tensor y2 = F.conv2d(x2, w2, b2, o);
            Tensor copy = y2.detach().clone();
            (twice ? y2.sum().add(F.conv2d(x2, w2, b2, o).mul(copy).sum()) : y2.mul(copy).sum()).backward();
            assertArrayEquals(x2.grad().toFloatArray(), x.grad().toFloatArray(), 0f);
            assertArrayEquals(w2.grad().toFloatArray(), w.grad().toFloatArray(), 0f);
            assertArrayEquals(b2.grad().toFloatArray(), b.grad().toFloatArray(), 0f);
            assertNotSame(x.grad(), w.grad());
            if (twice) {
                continue; // a second backward would add two parts again: a sum in another order
            }
            // A second backward adds into the kept gradients.
            float[] first = w.grad().toFloatArray();
            float[] firstX = x.grad().toFloatArray();
            F.conv2d(x, w, b, o).mul(y.detach()).sum().backward();
            float[] again = w.grad().toFloatArray();
            float[] againX = x.grad().toFloatArray();
            for (int i = 0; i < first.length; i++) {
                org.junit.jupiter.api.Assertions.assertEquals(first[i] + first[i], again[i], 0f);
            }
            for (int i = 0; i < firstX.length; i++) {
                org.junit.jupiter.api.Assertions.assertEquals(firstX[i] + firstX[i], againX[i], 0f);
            }
        }
    }

    @Test
    void reluAndLogSoftmaxGradientsOfALeafEqualTheComposedOnesAndAccumulate() {
        Random r = new Random(21);
        for (int trial = 0; trial < 30; trial++) {
            int rows = 1 + r.nextInt(6);
            int cols = 1 + r.nextInt(40);
            Tensor x = rand(r, rows, cols).requiresGrad_();
            Tensor g = rand(r, rows, cols);
            float[] gBefore = g.toFloatArray();
            boolean relu = r.nextBoolean();
            Tensor y = relu ? x.relu() : F.logSoftmax(x, 1);
            y.backward(g);
            Tensor xd = x.detach();
            Tensor expected = relu ? g.mul(xd.gt(0L).to(xd.dtype()))
                : g.sub(F.logSoftmax(xd, 1).exp().mul(g.sum(1, true)));
            assertArrayEquals(expected.toFloatArray(), x.grad().toFloatArray(), 1e-5f);
            assertNotSame(g, x.grad());
            float[] first = x.grad().toFloatArray();
            (relu ? x.relu() : F.logSoftmax(x, 1)).backward(g);
            float[] twice = x.grad().toFloatArray();
            for (int i = 0; i < first.length; i++) {
                org.junit.jupiter.api.Assertions.assertEquals(first[i] + first[i], twice[i], 0f);
            }
            assertArrayEquals(gBefore, g.toFloatArray(), 0f, "the incoming gradient was never written");
        }
    }

    @Test
    void aGradientHeldBeforeZeroGradStaysAsItWas() {
        Random r = new Random(3);
        Tensor x = rand(r, 4, 3);
        Tensor w = rand(r, 2, 3).requiresGrad_();
        F.linear(x, w, null).sum().backward();
        Tensor held = w.grad();
        float[] before = held.toFloatArray();
        w.setGrad(null);
        F.linear(x.mul(2), w, null).sum().backward();
        assertArrayEquals(before, held.toFloatArray(), 0f);
        assertNotSame(held, w.grad());
    }

    @Test
    void oneTensorUsedTwiceInAProductGivesEachUseItsOwnGradient() {
        Random r = new Random(5);
        Tensor a = rand(r, 3, 3).requiresGrad_();
        a.matmul(a).sum().backward();
        Tensor ones = Tensors.ones(3, 3);
        float[] expected = ones.matmul(a.detach().t()).add(a.detach().t().matmul(ones)).toFloatArray();
        assertArrayEquals(expected, a.grad().toFloatArray(), 1e-5f);
    }

    @Test
    void twoLeavesGetTwoTensors() {
        Random r = new Random(7);
        Tensor a = rand(r, 2, 3).requiresGrad_();
        Tensor b = rand(r, 3, 4).requiresGrad_();
        a.matmul(b).sum().backward();
        assertNotSame(a.grad(), b.grad());
        a.grad().zero_();
        assertArrayEquals(a.detach().t().matmul(Tensors.ones(2, 4)).toFloatArray(), b.grad().toFloatArray(), 1e-6f);
    }

    @Test
    void markingOutsideABackwardDoesNothing() {
        Tensor t = Tensors.ones(2);
        assertSame(t, new Node("Probe") {
            @Override
            protected Tensor[] backward(Tensor g) {
                return new Tensor[0];
            }

            Tensor mark(Tensor x) {
                return fresh(x);
            }
        }.mark(t));
    }
}
