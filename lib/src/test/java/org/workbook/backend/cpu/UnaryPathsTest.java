package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workbook.nn.F;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * The transcendental kernels on both paths: this JVM has the Vector API ({@link SimdDoubleMath}, {@link SimdUnary}),
 * a forked one runs without {@code --add-modules} (the generated scalar kernels, through
 * {@link DoubleMath} and {@link FloatMath}), and both give the same bits, float32 and float64,
 * on contiguous and strided (transposed) runs, over values that reach the special cases.
 */
class UnaryPathsTest {
    @TempDir
    Path tmp;

    /** Every result as doubles (float32 ones widened exactly). */
    static List<double[]> results() {
        Tensors.manualSeed(23);
        Tensor a = Tensors.randn(37, 131).mul(4);
        Tensor special = Tensors.tensor(new float[] {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE, -Float.MIN_VALUE, 1f, -1f, 100f, -100f, 1e-30f, -200f, 50f, 9.5f, -9.5f, 3f, 0.5f, 2e38f,
            Float.MAX_VALUE, -0.999f, Float.MIN_NORMAL, 1e-40f, 89f, -88.5f, 17f, 1.5f, 0.75f});
        List<double[]> out = new ArrayList<>();
        for (Tensor x : new Tensor[] {a, a.t(), special, a.abs(), a.abs().t(), a.toDouble().mul(100),
            a.toDouble().t(), special.toDouble(), a.toDouble().abs()}) {
            out.add(x.sigmoid().toDoubleArray());
            out.add(x.log().toDoubleArray());
            out.add(x.log1p().toDoubleArray());
            out.add(x.tanh().toDoubleArray());
            out.add(x.exp().toDoubleArray());
            out.add(F.softplus(x).toDoubleArray());
            out.add(F.softplus(x, 2.5, 3).toDoubleArray());
            Tensor leaf = x.detach().requiresGrad_();
            F.softplus(leaf, 2.5, 3).mul(x.detach().cos()).sum().backward();
            out.add(leaf.grad().toDoubleArray());
            for (double e : new double[] {2, 3, 0.5, -1, -2, 1, 1.7, -0.3}) {
                out.add(x.pow(e).toDoubleArray());
            }
        }
        return out;
    }

    /** The forked JVM's side: writes Simd.describe() and the results to the file in args[0]. */
    public static void main(String[] args) throws IOException {
        ForkedBits.write(Path.of(args[0]), results());
    }

    @Test
    void scalarAndSimdKernelsGiveTheSameBits() throws Exception {
        assertTrue(Simd.ENABLED, Simd.describe());
        String why = ForkedBits.compare(UnaryPathsTest.class, List.of(), tmp, results());
        assertTrue(why.startsWith("scalar ("), why);
    }
}
