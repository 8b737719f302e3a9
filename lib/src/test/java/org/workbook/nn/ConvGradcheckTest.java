package org.workbook.nn;

import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.workbook.autograd.GradAssert;
import org.workbook.ops.ConvOptions;
import org.workbook.tensor.Tensor;

/**
 * Gradcheck in float64 of conv2d with every option, on random odd shapes: stride larger
 * than the kernel, padding of half the kernel and more, dilation, groups, "same", batch 1,
 * unbatched input, and the layout (a non-contiguous input).
 */
class ConvGradcheckTest {
    static IntStream seeds() {
        return IntStream.range(1700, 1712);
    }

    private static Tensor rand(Random r, int... shape) {
        return GradAssert.values(r, shape, -2, 2, 0);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void conv2dEveryOption(int seed) {
        Random r = new Random(seed);
        int g = 1 + r.nextInt(3);
        int cin = g * (1 + r.nextInt(2));
        int cout = g * (1 + r.nextInt(2));
        int kh = 1 + r.nextInt(3);
        int kw = 1 + r.nextInt(3);
        int stride = 1 + r.nextInt(4);   // up to 4: often larger than the kernel
        int pad = r.nextInt(3);          // 0..2: up to and beyond half the kernel
        int dil = 1 + r.nextInt(2);
        int n = 1 + r.nextInt(2);        // batch 1 half the time
        int h = dil * (kh - 1) + 1 + r.nextInt(4);
        int w = dil * (kw - 1) + 1 + r.nextInt(5);
        ConvOptions o = ConvOptions.of(stride, pad, dil, g).withStride(stride, 1 + r.nextInt(3));
        Tensor x = rand(r, n, cin, h, w);
        Tensor wt = rand(r, cout, cin / g, kh, kw);
        Tensor b = rand(r, cout);
        String what = "conv2d x" + java.util.Arrays.toString(x.shapeArray()) + " w"
            + java.util.Arrays.toString(wt.shapeArray()) + " " + o;
        GradAssert.check(what, xs -> F.conv2d(xs[0], xs[1], xs[2], o), x, wt, b);
        GradAssert.check(what + " no bias", xs -> F.conv2d(xs[0], xs[1], null, o), x, wt);
        // a non-contiguous input: the transpose of a [n, c, w, h] leaf
        GradAssert.check(what + " transposed input",
            xs -> F.conv2d(xs[0].transpose(2, 3), xs[1], xs[2], o), x.transpose(2, 3).contiguous(), wt, b);
        ConvOptions same = ConvOptions.same().withDilation(dil).withGroups(g);
        GradAssert.check(what + " same", xs -> F.conv2d(xs[0], xs[1], xs[2], same), x, wt, b);
        GradAssert.check(what + " unbatched", xs -> F.conv2d(xs[0], xs[1], xs[2], o), x.select(0, 0), wt, b);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void pooling(int seed) {
        Random r = new Random(seed);
        int k = 1 + r.nextInt(3);
        int stride = 1 + r.nextInt(4);
        int pad = r.nextInt(k / 2 + 1);
        boolean ceil = r.nextBoolean();
        int n = 1 + r.nextInt(2);
        int h = k + 1 + r.nextInt(5);
        int w = k + r.nextInt(5);
        var o = org.workbook.ops.PoolOptions.of(k, stride, pad).withCeilMode(ceil);
        // distinct values: each window has one maximum, so the max is differentiable
        Tensor x = GradAssert.distinct(r, new int[] {n, 2, h, w});
        GradAssert.check("maxPool2d " + o, xs -> F.maxPool2d(xs[0], o), x);
        var dil = o.withDilation(2).withPadding(0, 0);
        if (h >= 2 * k - 1 && w >= 2 * k - 1) {
            GradAssert.check("maxPool2d dilated " + dil, xs -> F.maxPool2d(xs[0], dil), x);
        }
        GradAssert.check("avgPool2d " + o, xs -> F.avgPool2d(xs[0], o), x);
        var excl = o.withCountIncludePad(false);
        GradAssert.check("avgPool2d no pad count " + excl, xs -> F.avgPool2d(xs[0], excl), x);
        var div = o.withDivisorOverride(3);
        GradAssert.check("avgPool2d divisor 3 " + div, xs -> F.avgPool2d(xs[0], div), x);
        int oh = 1 + r.nextInt(h);
        int ow = 1 + r.nextInt(w);
        GradAssert.check("adaptiveAvgPool2d " + oh + "x" + ow, xs -> F.adaptiveAvgPool2d(xs[0], oh, ow), x);
        GradAssert.check("maxPool2d unbatched", xs -> F.maxPool2d(xs[0], o), x.select(0, 0));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void batchNormPadDropout(int seed) {
        Random r = new Random(seed);
        int n = 2 + r.nextInt(3);
        int c = 1 + r.nextInt(3);
        Tensor x4 = rand(r, n, c, 1 + r.nextInt(3), 1 + r.nextInt(3));
        Tensor x2 = rand(r, n, c);
        Tensor x3 = rand(r, 1, c, 2 + r.nextInt(3));
        Tensor w = rand(r, c);
        Tensor b = rand(r, c);
        Tensor rm = rand(r, c);
        Tensor rv = GradAssert.values(r, new int[] {c}, 0.5, 2, 0);
        for (Tensor x : new Tensor[] {x4, x2, x3}) {
            String what = "batchNorm " + java.util.Arrays.toString(x.shapeArray());
            GradAssert.check(what + " train", xs -> F.batchNorm(xs[0], null, null, xs[1], xs[2], true, 0.1, 1e-5),
                x, w, b);
            GradAssert.check(what + " train no affine", xs -> F.batchNorm(xs[0], null, null, null, null, true, 0.1,
                1e-5), x);
            GradAssert.check(what + " eval", xs -> F.batchNorm(xs[0], rm, rv, xs[1], xs[2], false, 0.1, 1e-5),
                x, w, b);
        }
        int[] pad = {r.nextInt(3), r.nextInt(3), r.nextInt(2), -r.nextInt(2)};
        GradAssert.check("pad " + java.util.Arrays.toString(pad), xs -> F.pad(xs[0], pad, 1.5), x4);
        // dropout: the same mask in every evaluation, from a reseeded generator
        GradAssert.check("dropout", xs -> {
            org.workbook.random.Generator.global().manualSeed(seed);
            return F.dropout(xs[0], 0.4);
        }, x4);
    }
}
