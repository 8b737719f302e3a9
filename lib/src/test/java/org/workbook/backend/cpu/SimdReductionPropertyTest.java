package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.workbook.nn.F;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * sum, mean and log_softmax through the public API on seeded random float32 tensors (0-d,
 * empty, size-1 dims, transposed and narrowed views, rows narrower and wider than a vector)
 * against a float64 reference computed here: whichever kernel the layout reaches (the SIMD
 * row and column sums, the general walk, the fused or composed log_softmax), the result is
 * within a few float ulps of the values' magnitude. Runs on the scalar path too
 * ({@code -Dworkbook.simd=false}), where the same bounds hold.
 */
class SimdReductionPropertyTest {
    private static final double U = Math.ulp(1f);

    /** A random shape of rank 0 to 3, sometimes with an empty or size-1 dim. */
    static int[] shape(Random r) {
        int nd = r.nextInt(4);
        int[] s = new int[nd];
        for (int i = 0; i < nd; i++) {
            int k = r.nextInt(10);
            s[i] = k == 0 ? 0 : k == 1 ? 1 : k < 6 ? 1 + r.nextInt(40) : 1 + r.nextInt(300);
        }
        return s;
    }

    /** A tensor of that shape, contiguous or a view (transposed, or narrowed from a bigger one). */
    static Tensor tensor(Random r, int[] s) {
        int kind = s.length == 0 ? 0 : r.nextInt(3);
        if (kind == 1 && s.length >= 2) {
            int[] t = s.clone();
            t[0] = s[1];
            t[1] = s[0];
            return Tensors.randn(t).transpose(0, 1);
        }
        if (kind == 2) {
            int[] t = s.clone();
            t[s.length - 1] += 3;
            return Tensors.randn(t).add(0.25).narrow(s.length - 1, 2, s[s.length - 1]);
        }
        return Tensors.randn(s).add(kind == 0 ? 0.0 : 0.5);
    }

    /** The values of t with the reduced dims moved last, in float64, and the groups' length. */
    static double[] grouped(Tensor t, int[] dims) {
        List<Integer> order = new ArrayList<>();
        for (int d = 0; d < t.ndim(); d++) {
            final int dd = d;
            if (java.util.Arrays.stream(dims).noneMatch(x -> x == dd)) {
                order.add(d);
            }
        }
        for (int d : dims) {
            order.add(d);
        }
        return t.permute(order.stream().mapToInt(Integer::intValue).toArray()).contiguous().toDoubleArray();
    }

    @Test
    void sumsAndMeansStayWithinAFewUlpsOfAFloat64Reference() {
        Random r = new Random(1616);
        for (int trial = 0; trial < 300; trial++) {
            int[] s = shape(r);
            Tensor x = tensor(r, s);
            int[] dims;
            if (s.length == 0 || r.nextInt(5) == 0) {
                dims = new int[0];
            } else {
                int a = r.nextInt(s.length);
                int b = a + r.nextInt(s.length - a);
                dims = new int[b - a + 1];
                for (int i = 0; i < dims.length; i++) {
                    dims[i] = a + i;
                }
            }
            boolean mean = r.nextBoolean() && x.numel() > 0;
            Tensor got = dims.length == 0 ? (mean ? x.mean() : x.sum()) : (mean ? x.mean(dims) : x.sum(dims));
            int[] all = dims.length == 0 ? java.util.stream.IntStream.range(0, s.length).toArray() : dims;
            double[] v = grouped(x, all);
            int count = 1;
            for (int d : all) {
                count *= s[d];
            }
            float[] out = got.toFloatArray();
            String what = java.util.Arrays.toString(s) + " dims " + java.util.Arrays.toString(dims) + (mean ? " mean" : "")
                + " strides " + java.util.Arrays.toString(x.strideArray());
            assertEquals(count == 0 ? out.length : v.length / count, out.length, what);
            for (int j = 0; j < out.length; j++) {
                double want = 0;
                double mag = 0;
                for (int i = 0; i < count; i++) {
                    want += v[j * count + i];
                    mag += Math.abs(v[j * count + i]);
                }
                if (mean) {
                    want /= count;
                    mag /= count;
                }
                double bound = 8 * U * mag + Math.ulp((float) want);
                assertTrue(Math.abs(out[j] - want) <= bound, what + " at " + j + ": " + out[j] + " vs " + want);
            }
        }
    }

    @Test
    void logSoftmaxOverTheLastDimMatchesAFloat64Reference() {
        Random r = new Random(1617);
        for (int trial = 0; trial < 200; trial++) {
            int[] s = shape(r);
            if (s.length == 0) {
                s = new int[] {1 + r.nextInt(50)};
            }
            Tensor x = tensor(r, s).mul(1 + 4 * r.nextDouble());
            Tensor y = F.logSoftmax(x, -1);
            assertArrayEquals(s, y.shapeArray());
            int cols = s[s.length - 1];
            double[] v = x.contiguous().toDoubleArray();
            float[] out = y.toFloatArray();
            for (int p = 0; cols > 0 && p < v.length; p += cols) {
                double m = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < cols; i++) {
                    m = Math.max(m, v[p + i]);
                }
                double sum = 0;
                for (int i = 0; i < cols; i++) {
                    sum += Math.exp(v[p + i] - m);
                }
                for (int i = 0; i < cols; i++) {
                    double want = v[p + i] - m - Math.log(sum);
                    // The operands' roundings, plus log(sum)'s absolute error: the float sum's relative one
                    // (a few ulps of 1, as torch's float sum), which stays when the result is near 0.
                    double tol = 3 * Math.ulp((float) Math.max(Math.abs(want), Math.abs(v[p + i] - m) + Math.log(sum)))
                        + 4 * U;
                    assertEquals(want, out[p + i], tol, java.util.Arrays.toString(s) + " at " + (p + i));
                }
            }
        }
    }
}
