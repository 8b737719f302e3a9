package org.workbook.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.workbook.autograd.GradAssert;
import org.workbook.autograd.GradAssert.Layout;
import org.workbook.tensor.DType;
import org.workbook.tensor.Slice;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * F.softplus and nn.Softplus: torch's values and gradients (goldens from bench/golden/gen_softplus.py,
 * float32 and float64, contiguous and transposed, special values), gradcheck in float64, random
 * shapes (0-d, empty, size 1, non-contiguous views) against a double reference, torch's refusals.
 */
class SoftplusTest {
    /** One golden case: its header and the x, y, grad lines. */
    record Case(String name, DType dtype, double beta, double threshold, boolean transpose, int rows, int cols,
                double[] x, double[] y, double[] grad) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> goldens() throws IOException {
        String text;
        try (InputStream in = SoftplusTest.class.getResourceAsStream("/golden/nn/softplus.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Case> cases = new ArrayList<>();
        String[] lines = text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toArray(String[]::new);
        for (int i = 0; i < lines.length; i += 4) {
            String[] h = lines[i].split(" ");
            cases.add(new Case(h[1], h[2].equals("float32") ? DType.FLOAT32 : DType.FLOAT64,
                Double.parseDouble(h[3]), Double.parseDouble(h[4]), h[5].equals("1"), Integer.parseInt(h[6]),
                Integer.parseInt(h[7]), values(lines[i + 1], "x"), values(lines[i + 2], "y"),
                values(lines[i + 3], "grad")));
        }
        return cases.stream();
    }

    static double[] values(String line, String tag) {
        String[] p = line.split(" ");
        assertEquals(tag, p[0]);
        return Arrays.stream(p, 1, p.length).mapToDouble(s -> s.equals("nan") ? Double.NaN
            : s.equals("inf") ? Double.POSITIVE_INFINITY : s.equals("-inf") ? Double.NEGATIVE_INFINITY
            : Double.parseDouble(s)).toArray();
    }

    /**
     * float32: torch rounds x beta, exp, log1p and the division each to float (SLEEF, 1 ulp each);
     * the rounding of y = x beta becomes a relative error |y| 2^-24 of e^y, which we do not make.
     */
    static void assertClose(String what, DType dtype, double[] bx, double[] want, double[] got) {
        double rel = dtype == DType.FLOAT32 ? 6e-7 : 1e-14;
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            if (Double.isNaN(want[i]) || Double.isInfinite(want[i]) || want[i] == 0) {
                assertEquals(want[i], got[i], what + " element " + i);
            } else {
                double tol = rel * Math.abs(want[i]) * (1 + Math.min(Math.abs(bx[i]), 200));
                assertEquals(want[i], got[i], tol, what + " element " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void matchesTorch(Case c) {
        Tensor x0 = Tensors.fromArray(c.x(), c.rows(), c.cols()).to(c.dtype());
        Tensor x = (c.transpose() ? x0.t() : x0).detach().requiresGrad_();
        Tensor y = F.softplus(x, c.beta(), c.threshold());
        assertEquals(c.dtype(), y.dtype());
        assertEquals("SoftplusBackward0", y.gradFn().name());
        double[] w = new double[y.numel()];
        for (int i = 0; i < w.length; i++) {
            w[i] = ((i * 7) % 11 - 5) / 4.0;
        }
        y.mul(Tensors.fromArray(w, y.shapeArray()).to(c.dtype())).sum().backward();
        double[] bx = x.detach().mul(c.beta()).toDoubleArray();
        assertClose(c + " forward", c.dtype(), bx, c.y(), y.detach().toDoubleArray());
        assertClose(c + " grad", c.dtype(), bx, c.grad(), x.grad().toDoubleArray());
    }

    static Stream<Arguments> layouts() {
        return GradAssert.everyLayout(List.of(new double[] {1, 20}, new double[] {2.5, 3}, new double[] {-0.7, 1}),
            900);
    }

    @ParameterizedTest(name = "beta/threshold {0} {1} seed {2}")
    @MethodSource("layouts")
    void gradcheck(double[] bt, Layout layout, int seed) {
        Random r = new Random(seed);
        // Away from the threshold, where the gradient jumps from sigmoid(beta x) to 1.
        Tensor x = GradAssert.values(r, GradAssert.shape(r, 1, 3, 4), -6, 6, 0.05, bt[1] / bt[0]);
        GradAssert.check("softplus " + Arrays.toString(bt), layout, v -> F.softplus(v, bt[0], bt[1]), x);
        GradAssert.check("Softplus module", layout, new Softplus(bt[0], bt[1]), x);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void randomShapesAndViewsMatchTheReference(int seed) {
        Random r = new Random(seed);
        int[][] shapes = {{}, {0}, {1}, {3, 0}, GradAssert.shape(r, 1, 4, 9), {2, 517}};
        for (int[] shape : shapes) {
            for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                double beta = 0.25 + 3 * r.nextDouble();
                double threshold = 1 + 25 * r.nextDouble();
                Tensor base = Tensors.randn(shape).mul(12).to(dt);
                for (Tensor x : new Tensor[] {base, base.ndim() >= 2 ? base.transpose(-1, -2)
                    : base.ndim() == 1 ? base.slice(0, Slice.of(null, null, 2)) : base}) {
                    double[] in = x.toDoubleArray();
                    double[] got = F.softplus(x, beta, threshold).toDoubleArray();
                    assertEquals(in.length, got.length);
                    for (int i = 0; i < in.length; i++) {
                        double v = in[i];
                        boolean f32 = dt == DType.FLOAT32;
                        // float32: torch's kernel rounds beta, threshold and y = x beta to float, then
                        // SLEEF's exp and log1p and a float division (2.5 ulps of that y's value);
                        // float64: torch's formula, a few ulps.
                        double b = f32 ? (float) beta : beta;
                        double y = f32 ? (float) v * (float) beta : v * beta;
                        double want = y > (f32 ? (float) threshold : threshold) ? v : StrictMath.log1p(StrictMath.exp(y)) / b;
                        double ulp = f32 ? Math.ulp((float) want) : Math.ulp(want);
                        assertEquals(want, got[i], (f32 ? 2.5 : 8) * ulp,
                            Arrays.toString(shape) + " " + dt + " beta " + beta + " threshold " + threshold + " x " + v);
                    }
                }
            }
        }
    }

    @Test
    void defaultsAreTorchs() {
        Tensor x = Tensors.tensor(-1f, 0f, 20f, 20.5f);
        assertEquals(Arrays.toString(F.softplus(x, 1, 20).toDoubleArray()), Arrays.toString(F.softplus(x)
            .toDoubleArray()));
        assertEquals(20.5, F.softplus(x).toDoubleArray()[3]);
        assertEquals((float) Math.log(2), (float) F.softplus(x).toDoubleArray()[1]);
        assertEquals("Softplus(beta=1, threshold=20)", new Softplus().toString());
        assertEquals("Softplus(beta=2.5, threshold=3.0)", new Softplus(2.5, 3).toString());
        assertNull(F.softplus(x).gradFn());
    }

    @Test
    void float32OverflowsWhereTorchsDoesWithAHighThreshold() {
        // torch 1.13: F.softplus(torch.tensor([90., 100., 50., 88.7, 88.73, -5.]), beta=1, threshold=200)
        // and F.softplus(torch.tensor([45., 44.]), beta=2, threshold=100): e^(beta x) overflows float past 88.72.
        // 88.7: e^88.7 = 3.3e38 is finite, and log1p of it is 88.7 by the C library (the scalar loop: a run's
        // last n mod 16 elements) but inf by SLEEF (past its 1e38 bound: the vector loop's elements).
        Tensor x = Tensors.tensor(90f, 100f, 50f, 88.7f, 88.73f, -5f);
        double inf = Double.POSITIVE_INFINITY;
        for (Tensor in : new Tensor[] {x, x.expand(3, 6).contiguous(), Tensors.cat(List.of(x, x, x, x), 0)}) {
            double[] got = F.softplus(in, 1, 200).toDoubleArray();
            int vectorLanes = got.length - got.length % 16;
            for (int i = 0; i < got.length; i++) {
                double want = new double[] {inf, inf, 50.0, i < vectorLanes ? inf : 88.69999694824219, inf,
                    0.006715348456054926}[i % 6];
                assertEquals(want, got[i], "element " + i + " of " + Arrays.toString(in.shapeArray()));
            }
        }
        assertEquals("[Infinity, 44.0]", Arrays.toString(F.softplus(Tensors.tensor(45f, 44f), 2, 100).toDoubleArray()));
        // float64 keeps the finite values, as torch's double kernel
        assertEquals("[90.0, 88.7300033569336]",
            Arrays.toString(F.softplus(Tensors.tensor(90f, 88.73f).toDouble(), 1, 200).toDoubleArray()));
    }

    @Test
    void integerAndBoolTensorsAreRefusedWithTorchsWords() {
        for (Tensor t : new Tensor[] {Tensors.tensor(1, 2), Tensors.tensor(true, false), Tensors.tensor(1, 2).toInt()}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> F.softplus(t));
            assertTrue(e.getMessage().startsWith("\"softplus_cpu\" not implemented for '"), e.getMessage());
            assertTrue(e.getMessage().contains("x.toFloat()"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> F.softplus(Tensors.tensor(1, 2)))
            .getMessage().contains("'Long'"));
    }
}
