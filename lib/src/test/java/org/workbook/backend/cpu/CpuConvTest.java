package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.workbook.backend.Window2d;
import org.workbook.nn.F;
import org.workbook.ops.ConvOptions;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * The CPU convolution ({@link CpuConv}: blocks of samples, columns walked row by row or samples
 * innermost) against a plain loop over the definition in double, forward and all three gradients,
 * in float32 and float64, on random shapes: batches from 1 to 40 (so blocks of one sample, of
 * several, and a short last block), outputs from 1x1 up, stride larger than the kernel, padding,
 * dilation, groups, no bias, and a non-contiguous input.
 */
class CpuConvTest {
    static IntStream seeds() {
        return IntStream.range(0, 24);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void matchesTheDefinition(int seed) {
        Random r = new Random(1717 + seed);
        int g = 1 + r.nextInt(2);
        int cin = g * (1 + r.nextInt(3));
        int cout = g * (1 + r.nextInt(4));
        int kh = 1 + r.nextInt(5);
        int kw = 1 + r.nextInt(3);
        int sh = 1 + r.nextInt(3);
        int sw = 1 + r.nextInt(4);
        int ph = r.nextInt(kh / 2 + 2);
        int pw = r.nextInt(kw / 2 + 1);
        int dh = 1 + r.nextInt(2);
        int dw = 1;
        int n = seed % 4 == 0 ? 1 : 1 + r.nextInt(40);
        int h = dh * (kh - 1) + 1 + r.nextInt(9);
        int w = dw * (kw - 1) + 1 + r.nextInt(12);
        DType t = seed % 3 == 0 ? DType.FLOAT64 : DType.FLOAT32;
        check(r, n, cin, cout, g, h, w, kh, kw, sh, sw, ph, pw, dh, dw, t, seed % 5 != 1, seed % 6 == 2);
    }

    /**
     * "Same"-padded geometries, whose blocks go through the input's stride phases ({@link PhaseWindows}):
     * lesson 05's five layers, odd image sizes (phases of unequal size), stride 3, dilation, groups.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("phaseCases")
    void phaseGeometries(String name, int[] c) {
        Random r = new Random(name.hashCode());
        int oh = (c[3] + 2 * c[7] - c[8] * (c[5] - 1) - 1) / c[6] + 1;
        int ow = (c[4] + 2 * c[7] - c[8] * (c[5] - 1) - 1) / c[6] + 1;
        Window2d out = new Window2d(c[0], c[1], c[3], c[4], c[5], c[5], oh, ow, c[7], c[7], c[6], c[6], c[8], c[8]);
        assertTrue(PhaseWindows.applies(out) && !Im2col.samplesInner(out, CpuConv.block(out)), name + " " + out);
        check(r, c[0], c[1], c[2], c[9], c[3], c[4], c[5], c[5], c[6], c[6], c[7], c[7], c[8], c[8], DType.FLOAT32,
            true, false);
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> phaseCases() {
        // n, cin, cout, h, w, k, stride, pad, dilation, groups
        return java.util.stream.Stream.of(
            org.junit.jupiter.params.provider.Arguments.of("lesson05 conv1", new int[] {5, 1, 8, 28, 28, 5, 2, 2, 1, 1}),
            org.junit.jupiter.params.provider.Arguments.of("lesson05 conv2", new int[] {3, 8, 16, 14, 14, 3, 2, 1, 1, 1}),
            org.junit.jupiter.params.provider.Arguments.of("bench conv_8to16", new int[] {2, 8, 16, 28, 28, 3, 2, 1, 1, 1}),
            org.junit.jupiter.params.provider.Arguments.of("odd 13x11", new int[] {3, 2, 3, 13, 11, 3, 2, 1, 1, 1}),
            org.junit.jupiter.params.provider.Arguments.of("odd 9x15 k5", new int[] {2, 3, 2, 9, 15, 5, 2, 2, 1, 1}),
            org.junit.jupiter.params.provider.Arguments.of("stride 3", new int[] {2, 2, 4, 16, 17, 3, 3, 1, 1, 2}),
            org.junit.jupiter.params.provider.Arguments.of("stride 1", new int[] {2, 3, 3, 9, 10, 3, 1, 1, 1, 1}),
            org.junit.jupiter.params.provider.Arguments.of("dilation 2", new int[] {1, 2, 2, 12, 12, 3, 2, 2, 2, 2}),
            org.junit.jupiter.params.provider.Arguments.of("batch 1 k7", new int[] {1, 1, 2, 20, 20, 7, 2, 3, 1, 1}),
            // phase rows of 17 and 32: a whole vector and a lone element past it, two whole vectors
            org.junit.jupiter.params.provider.Arguments.of("even 6x34", new int[] {3, 2, 3, 6, 34, 3, 2, 1, 1, 1}),
            org.junit.jupiter.params.provider.Arguments.of("even 8x64 k5", new int[] {2, 1, 2, 8, 64, 5, 2, 2, 1, 1}));
    }

    private static void check(Random r, int n, int cin, int cout, int g, int h, int w, int kh, int kw, int sh, int sw,
                              int ph, int pw, int dh, int dw, DType t, boolean bias, boolean transposed) {
        double[] xv = values(r, n * cin * h * w);
        double[] wv = values(r, cout * cin / g * kh * kw);
        double[] bv = values(r, cout);
        ConvOptions o = ConvOptions.of(1, 0, 1, g).withStride(sh, sw).withPadding(ph, pw).withDilation(dh, dw);
        Tensor x = Tensors.fromArray(xv, n, cin, h, w).to(t);
        if (transposed) { // same values, laid out [n, c, w, h] underneath
            x = x.transpose(2, 3).contiguous().transpose(2, 3);
        }
        x.requiresGrad_();
        Tensor wt = Tensors.fromArray(wv, cout, cin / g, kh, kw).to(t).requiresGrad_();
        Tensor b = bias ? Tensors.fromArray(bv, cout).to(t).requiresGrad_() : null;
        Tensor y = F.conv2d(x, wt, b, o);
        int oh = y.size(2);
        int ow = y.size(3);
        Window2d geo = new Window2d(n, cin, h, w, kh, kw, oh, ow, ph, pw, sh, sw, dh, dw);
        String what = "x" + java.util.Arrays.toString(x.shapeArray()) + " w" + java.util.Arrays.toString(
            wt.shapeArray()) + " " + o + " " + t + " block " + CpuConv.block(geo) + " samples inner "
            + Im2col.samplesInner(geo, CpuConv.block(geo));
        assertEquals("ConvolutionBackward0", y.gradFn().name(), what);
        double[] gyv = values(r, n * cout * oh * ow);
        y.backward(Tensors.fromArray(gyv, n, cout, oh, ow).to(t));

        Reference ref = new Reference(geo, g, cout, xv, wv, bias ? bv : null, gyv);
        double tol = t == DType.FLOAT32 ? 2e-5 : 1e-12;
        close(what + " forward", ref.y, ref.yAbs, y.toDoubleArray(), tol);
        close(what + " grad input", ref.gx, ref.gxAbs, x.grad().toDoubleArray(), tol);
        close(what + " grad weight", ref.gw, ref.gwAbs, wt.grad().toDoubleArray(), tol);
        if (bias) {
            close(what + " grad bias", ref.gb, ref.gbAbs, b.grad().toDoubleArray(), tol);
        }
    }

    /**
     * Float32 geometries whose blocks walk samples innermost ({@link SampleColumns}): lesson 05's last three
     * layers at batch 128, an odd batch (a short last block, which may walk rows instead), batch 2, stride 1,
     * groups, no bias.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleCases")
    void samplesInnerGeometries(String name, int[] c) {
        Random r = new Random(name.hashCode());
        int oh = (c[3] + 2 * c[7] - (c[5] - 1) - 1) / c[6] + 1;
        int ow = (c[4] + 2 * c[7] - (c[5] - 1) - 1) / c[6] + 1;
        Window2d out = new Window2d(c[0], c[1], c[3], c[4], c[5], c[5], oh, ow, c[7], c[7], c[6], c[6], 1, 1);
        assertTrue(Im2col.samplesInner(out, CpuConv.block(out)), name + " " + out);
        check(r, c[0], c[1], c[2], c[8], c[3], c[4], c[5], c[5], c[6], c[6], c[7], c[7], 1, 1, DType.FLOAT32,
            c[9] == 1, c[0] == 37);
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> sampleCases() {
        // n, cin, cout, h, w, k, stride, pad, groups, bias
        return java.util.stream.Stream.of(
            org.junit.jupiter.params.provider.Arguments.of("lesson05 conv3", new int[] {128, 16, 32, 7, 7, 3, 2, 1, 1, 1}),
            org.junit.jupiter.params.provider.Arguments.of("lesson05 conv4", new int[] {128, 32, 64, 4, 4, 3, 2, 1, 1, 1}),
            org.junit.jupiter.params.provider.Arguments.of("lesson05 conv5", new int[] {128, 64, 10, 2, 2, 3, 2, 1, 1, 1}),
            org.junit.jupiter.params.provider.Arguments.of("odd batch", new int[] {37, 6, 5, 5, 3, 3, 2, 1, 1, 1}),
            org.junit.jupiter.params.provider.Arguments.of("batch 2", new int[] {2, 3, 4, 1, 1, 1, 1, 0, 1, 1}),
            org.junit.jupiter.params.provider.Arguments.of("stride 1 groups", new int[] {50, 4, 6, 3, 3, 3, 1, 1, 2, 0}));
    }

    /**
     * An output gradient that is not contiguous (out.sum()'s one value expanded, one expanded over the
     * batch only, a transposed one) gives the bits of its contiguous copy, on the three walks (one sample
     * per block, the phases, samples innermost) in float32 and float64.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("gradientLayouts")
    void nonContiguousOutputGradientsGiveTheBitsOfTheirCopies(String name, int[] c) {
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensors.manualSeed(name.hashCode());
            Tensor x = Tensors.randn(c[0], c[1], c[2], c[2]).to(t);
            Tensor w = Tensors.randn(c[3], c[1], 3, 3).to(t);
            Tensor b = Tensors.randn(c[3]).to(t);
            ConvOptions o = ConvOptions.of(2, 1);
            int[] out = F.conv2d(x, w, b, o).shapeArray();
            Tensor[] layouts = {
                Tensors.randn(1, 1, 1, 1).to(t).expand(out),
                Tensors.randn(1, out[1], out[2], out[3]).to(t).expand(out),
                Tensors.randn(out[0], out[1], out[3], out[2]).to(t).transpose(2, 3)};
            for (Tensor g : layouts) {
                Tensor[] strided = grads(x, w, b, o, g);
                Tensor[] dense = grads(x, w, b, o, g.contiguous());
                for (int i = 0; i < 3; i++) {
                    assertArrayEquals(dense[i].toDoubleArray(), strided[i].toDoubleArray(), name + " " + t + " "
                        + java.util.Arrays.toString(g.strideArray()) + " gradient " + i);
                }
            }
        }
    }

    private static Tensor[] grads(Tensor x, Tensor w, Tensor b, ConvOptions o, Tensor g) {
        Tensor xr = x.detach().requiresGrad_();
        Tensor wr = w.detach().requiresGrad_();
        Tensor br = b.detach().requiresGrad_();
        F.conv2d(xr, wr, br, o).backward(g);
        return new Tensor[] {xr.grad(), wr.grad(), br.grad()};
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> gradientLayouts() {
        // n, cin, size, cout
        return java.util.stream.Stream.of(
            org.junit.jupiter.params.provider.Arguments.of("one sample", new int[] {1, 2, 9, 3}),
            org.junit.jupiter.params.provider.Arguments.of("phases", new int[] {4, 3, 28, 5}),
            org.junit.jupiter.params.provider.Arguments.of("samples inner", new int[] {40, 4, 4, 6}));
    }

    /** The paths the seeds must reach: several samples per block, and samples innermost. */
    @Test
    void blocksCoverBothWalks() {
        Window2d late = new Window2d(40, 32, 4, 4, 3, 3, 2, 2, 1, 1, 2, 2, 1, 1);
        assertTrue(CpuConv.block(late) > 1 && Im2col.samplesInner(late, CpuConv.block(late)));
        Window2d first = new Window2d(64, 8, 28, 28, 3, 3, 14, 14, 1, 1, 2, 2, 1, 1);
        assertTrue(!Im2col.samplesInner(first, CpuConv.block(first)));
    }

    /**
     * The columns a forward keeps for its backward go back to a pool when autograd frees the node:
     * a retained graph keeps them for a second backward, and a forward made while another graph is
     * alive never gets that graph's columns.
     */
    @Test
    void keptColumnsOutliveRetainedGraphsAndAreNeverShared() {
        Random r = new Random(17);
        ConvOptions o = ConvOptions.of(2, 1);
        Tensor w = Tensors.fromArray(values(r, 6 * 3 * 3 * 3), 6, 3, 3, 3).requiresGrad_();
        Tensor[] xs = new Tensor[3];
        double[][] expected = new double[3][];
        for (int i = 0; i < 3; i++) { // each alone: the expected weight gradients
            xs[i] = Tensors.fromArray(values(r, 5 * 3 * 9 * 9), 5, 3, 9, 9);
            F.conv2d(xs[i], w, null, o).sum().backward();
            expected[i] = w.grad().toDoubleArray();
            w.setGrad(null);
        }
        Tensor a = F.conv2d(xs[0], w, null, o).sum();
        Tensor b = F.conv2d(xs[1], w, null, o).sum();
        a.backward(null, true); // retained: a's columns stay
        assertArrayEquals(expected[0], w.grad().toDoubleArray(), 0);
        w.setGrad(null);
        a.backward(); // and serve again, then go back to the pool
        assertArrayEquals(expected[0], w.grad().toDoubleArray(), 0);
        w.setGrad(null);
        Tensor c = F.conv2d(xs[2], w, null, o).sum(); // may take a's columns, never b's
        b.backward();
        assertArrayEquals(expected[1], w.grad().toDoubleArray(), 0);
        w.setGrad(null);
        c.backward();
        assertArrayEquals(expected[2], w.grad().toDoubleArray(), 0);
    }

    private static double[] values(Random r, int len) {
        double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            v[i] = (float) (r.nextDouble() * 4 - 2); // exact in float32 too
        }
        return v;
    }

    /** |actual - expected| within tol times the sum of the magnitudes that went into each element. */
    private static void close(String what, double[] expected, double[] abs, double[] actual, double tol) {
        assertEquals(expected.length, actual.length, what + ": size");
        for (int i = 0; i < expected.length; i++) {
            double bound = tol * (abs[i] + 1e-3);
            if (!(Math.abs(actual[i] - expected[i]) <= bound)) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i]
                    + " (within " + bound + ")");
            }
        }
    }

    /** conv2d and its gradients by the definition, in double, with the magnitudes each sum adds up. */
    private static final class Reference {
        final double[] y;
        final double[] yAbs;
        final double[] gx;
        final double[] gxAbs;
        final double[] gw;
        final double[] gwAbs;
        final double[] gb;
        final double[] gbAbs;

        Reference(Window2d geo, int groups, int cout, double[] x, double[] w, double[] b, double[] gy) {
            int n = geo.n();
            int c = geo.c();
            int cg = c / groups;
            int og = cout / groups;
            int l = geo.oh() * geo.ow();
            y = new double[n * cout * l];
            yAbs = new double[y.length];
            gx = new double[x.length];
            gxAbs = new double[x.length];
            gw = new double[w.length];
            gwAbs = new double[w.length];
            gb = new double[cout];
            gbAbs = new double[cout];
            for (int s = 0; s < n; s++) {
                for (int oc = 0; oc < cout; oc++) {
                    int gr = oc / og;
                    for (int p = 0; p < l; p++) {
                        int yi = (s * cout + oc) * l + p;
                        double g = gy[yi];
                        y[yi] = b == null ? 0 : b[oc];
                        yAbs[yi] = b == null ? 0 : Math.abs(b[oc]);
                        gb[oc] += g;
                        gbAbs[oc] += Math.abs(g);
                        for (int ci = 0; ci < cg; ci++) {
                            for (int i = 0; i < geo.kh(); i++) {
                                for (int j = 0; j < geo.kw(); j++) {
                                    int ih = p / geo.ow() * geo.sh() - geo.padH() + i * geo.dh();
                                    int iw = p % geo.ow() * geo.sw() - geo.padW() + j * geo.dw();
                                    if (ih < 0 || ih >= geo.h() || iw < 0 || iw >= geo.w()) {
                                        continue;
                                    }
                                    int xi = ((s * c + gr * cg + ci) * geo.h() + ih) * geo.w() + iw;
                                    int wi = ((oc * cg + ci) * geo.kh() + i) * geo.kw() + j;
                                    y[yi] += w[wi] * x[xi];
                                    yAbs[yi] += Math.abs(w[wi] * x[xi]);
                                    gx[xi] += w[wi] * g;
                                    gxAbs[xi] += Math.abs(w[wi] * g);
                                    gw[wi] += x[xi] * g;
                                    gwAbs[wi] += Math.abs(x[xi] * g);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
