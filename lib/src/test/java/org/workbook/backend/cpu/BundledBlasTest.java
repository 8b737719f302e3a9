package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import dev.ludovic.netlib.blas.JavaBLAS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bundled OpenBLAS: chosen first on the build host (whose natives the build bundles), its threads
 * following Parallel, and the JavaCPP call path (used off Linux) equal to the reference BLAS on operands
 * with offsets, padding and transposes, never writing outside its result's columns.
 */
class BundledBlasTest {
    private static final Blas REFERENCE = new Blas.Netlib(JavaBLAS.getInstance());

    @Test
    void theBundledOpenBlasRunsMatmulAndFollowsTheThreadCount() {
        int before = Parallel.getNumThreads();
        try {
            assertEquals(BlasChoice.Tier.BUNDLED, BlasChoice.get().tier(), Gemm.describe());
            Parallel.setNumThreads(1);
            assertEquals(1, Gemm.threads());
            assertTrue(Gemm.describe().matches("OpenBLAS 0\\.3\\.\\d+ bundled \\(org\\.bytedeco:openblas [a-z0-9_-]+, "
                + "through (netlib's JNI|JavaCPP)\\): native, 1 thread"
                + (SmallGemm.active() ? java.util.regex.Pattern.quote(SmallGemm.DESCRIBED) : "")), Gemm.describe());
            Parallel.setNumThreads(2);
            assertEquals(2, Gemm.threads());
        } finally {
            Parallel.setNumThreads(before);
        }
    }

    @Test
    void pureJavaWhenAskedSaysWhyNotNative() {
        String old = System.getProperty(BlasChoice.PROPERTY);
        try {
            System.setProperty(BlasChoice.PROPERTY, "java");
            BlasChoice.Chosen c = BlasChoice.choose();
            assertEquals(BlasChoice.Tier.JAVA, c.tier());
            assertTrue(c.what().endsWith("(pure Java: slow)"), c.what());
            assertEquals("[bundled OpenBLAS not tried: -Dworkbook.blas=java, system BLAS not tried: -Dworkbook.blas=java]",
                c.passedOver().toString());
            System.setProperty(BlasChoice.PROPERTY, "mkl");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, BlasChoice::choose);
            assertEquals("-Dworkbook.blas takes bundled, system or java (the first BLAS to try), not 'mkl'", e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(BlasChoice.PROPERTY);
            } else {
                System.setProperty(BlasChoice.PROPERTY, old);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void theJavaCppPathMatchesTheReferenceInPlace(long seed) {
        BlasChoice.get(); // loads the bundled natives
        Blas cpp = new JavaCppBlas();
        Random r = new Random(seed);
        for (int trial = 0; trial < 20; trial++) {
            int m = 1 + r.nextInt(40);
            int n = 1 + r.nextInt(40);
            int k = 1 + r.nextInt(40);
            boolean ta = r.nextBoolean();
            boolean tb = r.nextBoolean();
            BlasLayout at = BlasLayout.random(r, ta, tb, m, n, k);
            int lda = at.lda();
            int ldb = at.ldb();
            int ldc = at.ldc();
            int aOff = at.aOff();
            int bOff = at.bOff();
            int cOff = at.cOff();
            double[] a = random(r, aOff + lda * (ta ? m : k) + r.nextInt(4));
            double[] b = random(r, bOff + ldb * (tb ? k : n) + r.nextInt(4));
            double[] c0 = random(r, cOff + ldc * n + r.nextInt(4));
            double beta = r.nextBoolean() ? 0 : 0.5;
            double[] want = c0.clone();
            double[] got = c0.clone();
            REFERENCE.dgemm(ta ? "T" : "N", tb ? "T" : "N", m, n, k, 1.5, a, aOff, lda, b, bOff, ldb, beta, want, cOff, ldc);
            cpp.dgemm(ta ? "T" : "N", tb ? "T" : "N", m, n, k, 1.5, a, aOff, lda, b, bOff, ldb, beta, got, cOff, ldc);
            assertArrayEquals(want, got, 1e-9, "dgemm trial " + trial);
            float[] fa = floats(a);
            float[] fb = floats(b);
            float[] fwant = floats(c0);
            float[] fgot = floats(c0);
            REFERENCE.sgemm(ta ? "T" : "N", tb ? "T" : "N", m, n, k, 1.5f, fa, aOff, lda, fb, bOff, ldb, (float) beta,
                fwant, cOff, ldc);
            cpp.sgemm(ta ? "T" : "N", tb ? "T" : "N", m, n, k, 1.5f, fa, aOff, lda, fb, bOff, ldb, (float) beta,
                fgot, cOff, ldc);
            assertArrayEquals(fwant, fgot, 1e-3f, "sgemm trial " + trial);
            int incx = 1 + r.nextInt(2);
            int incy = 1 + r.nextInt(2);
            float[] g = floats(random(r, aOff + ldc * n));   // an m x n matrix, leading dimension ldc
            float[] x = floats(random(r, 2 + incx * Math.max(m, n)));
            float[] ywant = floats(random(r, 2 + incy * Math.max(m, n)));
            float[] ygot = ywant.clone();
            String t = ta ? "T" : "N";
            REFERENCE.sgemv(t, m, n, 0.5f, g, aOff, ldc, x, 1, incx, (float) beta, ywant, 2, incy);
            cpp.sgemv(t, m, n, 0.5f, g, aOff, ldc, x, 1, incx, (float) beta, ygot, 2, incy);
            assertArrayEquals(ywant, ygot, 1e-3f, "sgemv trial " + trial);
        }
    }

    @Test
    void javaCppSpansCoverExactlyTheMatrix() {
        assertEquals(0, JavaCppBlas.span(0, 5, 7));
        assertEquals(3 * 7 + 2, JavaCppBlas.span(2, 4, 7));
    }

    private static double[] random(Random r, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = r.nextGaussian();
        }
        return d;
    }

    private static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
