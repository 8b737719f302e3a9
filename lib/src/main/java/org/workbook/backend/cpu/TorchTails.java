package org.workbook.backend.cpu;

import org.workbook.tensor.Tensor;

/**
 * Which elements torch's float32 sigmoid and softplus compute with their vector formula and which
 * with their scalar one, so ours give the same bits on every element; and which elements of a
 * maximum or minimum take their vector loop's answer to a tie of -0. and +0. ({@link #binaryHead}).
 *
 * <p>torch's elementwise CPU kernels ({@code cpu_kernel_vec}) walk each inner run of a tensor (its
 * trailing dims, merged while their strides chain) two AVX2 vectors (16 floats) a step through the
 * vector formula (an input of stride 0 along the run, a broadcast value, counts as contiguous), and
 * run the run's last {@code n mod 16} elements, and every element of a run with another stride,
 * through the scalar formula. For the sigmoid and softplus the two differ: the vector one uses
 * SLEEF's e^x and log1p ({@link FloatMath}), the scalar one the C library's
 * ({@link GlibcFloatMath}), and about one element in twenty comes out an ulp apart. So a
 * sigmoid of 3 values is the C library's, of 20 values 16 SLEEF's then 4 the C library's, as
 * PyTorch 1.13 gives ({@code GlibcGoldenTest}). (exp, log, log1p and tanh themselves go through
 * torch's vml loops instead, which load a short last vector and use SLEEF for every element, as we do.)
 * Not followed: torch also cuts a run where its threads split a tensor of more than 32768 elements,
 * and computes a transposed input in memory order where ours walks it strided.
 *
 * <pre>{@code
 * jshell> TorchTails.head(20, true)
 * $1 ==> 16
 * }</pre>
 */
public final class TorchTails {
    /** Floats per step of torch's vectorised loop: two 256-bit vectors. */
    static final int STEP = 16;

    private TorchTails() { }

    /** How many of a run's n elements torch's vector formula computes: none of a strided run. */
    static int head(int n, boolean unitStride) {
        return unitStride ? n - n % STEP : 0;
    }

    /**
     * How many of a binary op's run of n elements torch's vector loop takes, {@code step} (two AVX2
     * vectors: 16 floats, 8 doubles) at a time: a multiple of step when the output and both inputs
     * are contiguous along the run, or one input is a broadcast value (stride 0) and the other
     * contiguous; else (both broadcast, or any other stride) none: its scalar loop runs them all.
     */
    static int binaryHead(int n, int as, int bs, int os, int step) {
        boolean vector = os == 1 && (as == 1 && bs == 1 || as == 0 && bs == 1 || as == 1 && bs == 0);
        return vector ? n - n % step : 0;
    }

    /** One run of a block: its first element, its length, and how many of them torch's vector loop takes. */
    @FunctionalInterface
    interface RunBody {
        void run(int start, int len, int head);
    }

    /**
     * body for each run of n elements laid out one run after another, runs of {@code run} elements
     * ({@link #innerRun}'s length; 0: the block is one strided run, so no head).
     */
    static void forEachRun(int n, int run, RunBody body) {
        int step = run > 0 ? run : Math.max(n, 1);
        for (int r0 = 0; r0 < n; r0 += step) {
            int len = Math.min(step, n - r0);
            body.run(r0, len, head(len, run > 0));
        }
    }

    /**
     * The length of t's inner run as torch's iterator merges it: the trailing dims whose strides chain
     * from 1 (contiguous) or are all 0 (a broadcast value); 0 when the innermost dim of more than one
     * element has another stride (torch then runs the scalar formula on every element). Size-1 dims
     * merge with anything.
     */
    public static int innerRun(Tensor t) {
        int[] shape = t.shapeArray();
        int[] stride = t.strideArray();
        int run = 1;
        long expect = -1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] == 1) {
                continue;
            }
            if (expect < 0) {
                if (stride[d] != 1 && stride[d] != 0) {
                    return 0;
                }
                expect = stride[d];
            }
            if (stride[d] != expect) {
                break;
            }
            run *= shape[d];
            expect = stride[d] == 0 ? 0 : (long) stride[d] * shape[d];
        }
        return run;
    }

    /** The scalar sigmoid kernel: a unit-stride run's head by FloatMath's SLEEF steps, the rest glibc's. */
    static final Kernel SIGMOID = (a, ao, as, b, bo, bs, o, oo, os, n) ->
        sigmoid((float[]) a, ao, as, (float[]) o, oo, os, n, false);

    /** z = sigmoid(x) over one run of n elements (strides xs, zs); {@code simd}: the head through the Vector API. */
    static void sigmoid(float[] x, int xo, int xs, float[] z, int zo, int zs, int n, boolean simd) {
        int head = head(n, (xs == 1 || xs == 0) && zs == 1);
        if (head > 0) {
            if (xs == 0) {
                // one value broadcast along the run (torch's vector loop takes it as a scalar operand)
                java.util.Arrays.fill(z, zo, zo + head, FloatMath.sigmoid(x[xo]));
            } else if (simd) {
                SimdFloatMath.sigmoid(x, xo, z, zo, head);
            } else if (xo == zo) {
                FloatMath.sigmoid(x, z, zo, zo + head);
            } else {
                for (int i = 0; i < head; i++) {
                    z[zo + i] = FloatMath.sigmoid(x[xo + i]);
                }
            }
        }
        for (int i = head; i < n; i++) {
            z[zo + i * zs] = GlibcFloatMath.sigmoid(x[xo + i * xs]);
        }
    }
}
