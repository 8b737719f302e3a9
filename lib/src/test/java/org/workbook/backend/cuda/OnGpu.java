package org.workbook.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;

import org.workbook.tensor.DType;
import org.workbook.tensor.Device;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * What the CUDA-vs-CPU suites share: the skip when there is no GPU (with the reason,
 * so a skipped run says why), a copy of a CPU view onto the GPU with the very same
 * layout (strides, offset, stride-0 and negative strides included), and comparisons.
 */
final class OnGpu {
    private OnGpu() {
    }

    /** Skips the calling test, saying why, when no CUDA device can be used here. */
    static Device device() {
        assumeTrue(Device.cudaAvailable(), () -> "skipped: no CUDA device here (" + Cuda.unavailableReason()
            + "); this suite runs on a machine with an NVIDIA GPU, or under the CPU emulator (scripts/test-fakecuda.sh)");
        return Device.cuda(0);
    }

    /** The same logical tensor and the same view layout, on the GPU. */
    static Tensor sameLayout(Tensor cpu, Device d) {
        int len = cpu.storage().length();
        Tensor flat = Tensor.asStrided(cpu, new int[] {len}, new int[] {1}, 0).to(d);
        return Tensor.asStrided(flat, cpu.shapeArray().clone(), cpu.stride(), cpu.offset());
    }

    /** Values equal to within a tolerance for floats, exactly for the rest; shapes and dtypes equal. */
    static void assertSame(String what, Tensor expected, Tensor actualOnGpu) {
        assertSame(what, expected, actualOnGpu, 1);
    }

    /** As above with the float tolerances multiplied by {@code scale} (long sums in another order). */
    static void assertSame(String what, Tensor expected, Tensor actualOnGpu, double scale) {
        assertEquals(expected.dtype(), actualOnGpu.dtype(), what + ": dtype");
        assertArrayEquals(expected.shapeArray(), actualOnGpu.shapeArray(), what + ": shape");
        Tensor actual = actualOnGpu.cpu();
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        boolean f32 = expected.dtype() == DType.FLOAT32;
        for (int i = 0; i < e.length; i++) {
            if (!close(e[i], a[i], scale * (f32 ? 2e-5 : 1e-12), scale * (f32 ? 1e-5 : 1e-12),
                    expected.dtype().isFloatingPoint())) {
                fail(what + ": element " + i + " is " + a[i] + " on the GPU, " + e[i] + " on the CPU (shape "
                    + Arrays.toString(expected.shapeArray()) + ")");
            }
        }
    }

    static boolean close(double e, double a, double rtol, double atol, boolean floating) {
        if (Double.isNaN(e) || Double.isNaN(a)) {
            return Double.isNaN(e) && Double.isNaN(a);
        }
        if (!floating || Double.isInfinite(e)) {
            return e == a;
        }
        return Math.abs(e - a) <= atol + rtol * Math.abs(e);
    }

    static Tensor randn(long seed, int... shape) {
        Tensors.manualSeed(seed);
        return Tensors.randn(shape);
    }
}
