package org.workbook.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.workbook.backend.cuda.OnGpu.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.workbook.backend.Window2d;
import org.workbook.backend.WindowKernels;
import org.workbook.backend.cpu.CpuBackend;
import org.workbook.tensor.DType;
import org.workbook.tensor.Device;
import org.workbook.tensor.Tensor;

/**
 * The sliding-window kernels of window.cu against the CPU backend's loops, primitive by
 * primitive, on seeded random geometries (stride above and below the kernel, dilation,
 * padding, 1-pixel inputs) and inputs with ties, infinities and NaNs. The gathers add in
 * the CPU's order, so everything but the channel sums (a tree in double) must be bit-equal.
 */
class CudaWindowKernelsTest {
    private static final CpuBackend CPU = CpuBackend.INSTANCE;

    static Stream<Arguments> cases() {
        Random r = new Random(17);
        List<Arguments> out = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            int kh = 1 + r.nextInt(3);
            int kw = 1 + r.nextInt(4);
            int sh = 1 + r.nextInt(3);
            int sw = 1 + r.nextInt(3);
            int dh = k % 3 == 0 ? 2 : 1;
            int dw = k % 4 == 0 ? 2 : 1;
            int h = 1 + r.nextInt(9);
            int w = 1 + r.nextInt(9);
            int ph = r.nextInt(kh / 2 + 1);
            int pw = r.nextInt(kw / 2 + 1);
            int oh = Math.floorDiv(h + 2 * ph - dh * (kh - 1) - 1, sh) + 1;
            int ow = Math.floorDiv(w + 2 * pw - dw * (kw - 1) - 1, sw) + 1;
            if (oh <= 0 || ow <= 0) {
                continue;
            }
            Window2d g = new Window2d(1 + r.nextInt(3), 1 + r.nextInt(4), h, w, kh, kw, oh, ow, ph, pw, sh, sw, dh,
                dw);
            out.add(Arguments.of(DType.FLOAT32, g, 100L + k));
            out.add(Arguments.of(DType.FLOAT64, g, 200L + k));
        }
        return out.stream();
    }

    /** Random values with ties (rounded to halves), and, in one tensor of four, an infinity and a NaN. */
    private static Tensor values(DType t, long seed, int... shape) {
        Tensor x = OnGpu.randn(seed, shape).mul(2).round().div(2).to(t);
        if (seed % 4 == 0 && x.numel() > 2) {
            x.view(-1).set("0", Double.NEGATIVE_INFINITY);
            x.view(-1).set(String.valueOf(x.numel() / 2), Double.NaN);
        }
        return x;
    }

    private static WindowKernels gpu() {
        return CudaBackend.of(OnGpu.device().index());
    }

    private static Tensor empty(DType t, Device d, int... shape) {
        return Tensor.empty(t, d, shape);
    }

    private static void exact(String what, Tensor cpu, Tensor gpu) {
        assertArrayEquals(cpu.toDoubleArray(), gpu.cpu().toDoubleArray(), what + " (bit-equal expected)");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void im2colAndCol2im(DType t, Window2d g, long seed) {
        Device d = OnGpu.device();
        Tensor x = values(t, seed, g.n(), g.c(), g.h(), g.w());
        Tensor cc = empty(t, Device.CPU, g.colsRows(), g.colsCols());
        Tensor cg = empty(t, d, g.colsRows(), g.colsCols());
        CPU.im2col(x, g, cc);
        gpu().im2col(x.to(d), g, cg);
        exact("im2col " + g, cc, cg);
        Tensor cols = values(t, seed + 1, g.colsRows(), g.colsCols());
        Tensor xc = empty(t, Device.CPU, g.n(), g.c(), g.h(), g.w());
        Tensor xg = empty(t, d, g.n(), g.c(), g.h(), g.w());
        CPU.col2im(cols, g, xc);
        gpu().col2im(cols.to(d), g, xg);
        exact("col2im " + g, xc, xg);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void maxPoolForwardAndBackward(DType t, Window2d g, long seed) {
        Device d = OnGpu.device();
        Tensor x = values(t, seed, g.n(), g.c(), g.h(), g.w());
        int[] out = {g.n(), g.c(), g.oh(), g.ow()};
        Tensor yc = empty(t, Device.CPU, out);
        Tensor ic = empty(DType.INT64, Device.CPU, out);
        Tensor yg = empty(t, d, out);
        Tensor ig = empty(DType.INT64, d, out);
        CPU.maxPool(x, g, yc, ic);
        gpu().maxPool(x.to(d), g, yg, ig);
        exact("max_pool values " + g, yc, yg);
        exact("max_pool indices " + g, ic, ig);
        Tensor gy = values(t, seed + 2, out);
        Tensor gc = empty(t, Device.CPU, g.n(), g.c(), g.h(), g.w());
        Tensor gg = empty(t, d, g.n(), g.c(), g.h(), g.w());
        CPU.maxPoolBackward(gy, ic, g, gc);
        gpu().maxPoolBackward(gy.to(d), ic.to(d), g, gg);
        exact("max_pool backward " + g, gc, gg);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void avgPoolEveryDivisorRule(DType t, Window2d g0, long seed) {
        Device d = OnGpu.device();
        // average pooling has no dilation
        Window2d g = new Window2d(g0.n(), g0.c(), g0.h(), g0.w(), g0.kh(), g0.kw(),
            Math.floorDiv(g0.h() + 2 * g0.padH() - g0.kh(), g0.sh()) + 1,
            Math.floorDiv(g0.w() + 2 * g0.padW() - g0.kw(), g0.sw()) + 1, g0.padH(), g0.padW(), g0.sh(), g0.sw(), 1, 1);
        Tensor x = values(t, seed, g.n(), g.c(), g.h(), g.w());
        int[] out = {g.n(), g.c(), g.oh(), g.ow()};
        Tensor gy = values(t, seed + 3, out);
        for (int rule = 0; rule < 3; rule++) {
            boolean include = rule != 1;
            int override = rule == 2 ? 3 : 0;
            Tensor yc = empty(t, Device.CPU, out);
            Tensor yg = empty(t, d, out);
            CPU.avgPool(x, g, include, override, yc);
            gpu().avgPool(x.to(d), g, include, override, yg);
            exact("avg_pool rule " + rule + " " + g, yc, yg);
            Tensor gc = empty(t, Device.CPU, g.n(), g.c(), g.h(), g.w());
            Tensor gg = empty(t, d, g.n(), g.c(), g.h(), g.w());
            CPU.avgPoolBackward(gy, g, include, override, gc);
            gpu().avgPoolBackward(gy.to(d), g, include, override, gg);
            exact("avg_pool backward rule " + rule + " " + g, gc, gg);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void batchNormChannelSums(DType t, Window2d g, long seed) {
        Device d = OnGpu.device();
        // [N, C, H, W], and [N·H, C] as BatchNorm1d sees a batch (trailing size 1)
        for (int[] shape : new int[][] {{g.n(), g.c(), g.h(), g.w()}, {g.n() * g.h(), g.c()}}) {
            Tensor a = OnGpu.randn(seed, shape).mul(3).add(1).to(t);
            Tensor b = OnGpu.randn(seed + 5, shape).to(t);
            Tensor mc = empty(t, Device.CPU, g.c());
            Tensor vc = empty(t, Device.CPU, g.c());
            Tensor mg = empty(t, d, g.c());
            Tensor vg = empty(t, d, g.c());
            CPU.channelStats(a, mc, vc);
            gpu().channelStats(a.to(d), mg, vg);
            assertSame("channel mean", mc, mg);
            assertSame("channel var", vc, vg);
            CPU.channelSums(a, b, mc, vc);
            gpu().channelSums(a.to(d), b.to(d), mg, vg);
            assertSame("channel sum", mc, mg);
            assertSame("channel sum of products", vc, vg);
        }
    }
}
