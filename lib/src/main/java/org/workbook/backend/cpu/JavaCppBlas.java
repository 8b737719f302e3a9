package org.workbook.backend.cpu;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The bundled OpenBLAS called through JavaCPP's own bindings: the path on platforms
 * (macOS, Windows) for which netlib ships no JNI shim. JavaCPP hands a Java array to
 * native code by copying all of it (JNI's {@code Get<Type>ArrayElements}), which for a
 * batch viewed out of a big dataset tensor would copy the whole dataset per product; so
 * each operand's own span is copied into a per-thread native buffer instead, and the
 * result's span back. Arguments are netlib's (column-major, as {@link Blas}).
 */
final class JavaCppBlas implements Blas {
    private static final ThreadLocal<Staging> STAGING = ThreadLocal.withInitial(Staging::new);

    /** Per-thread native buffers, grown as needed: A, B and C of the current product. */
    private static final class Staging {
        final FloatPointer[] f = new FloatPointer[3];
        final DoublePointer[] d = new DoublePointer[3];

        FloatPointer floats(int i, long n) {
            if (f[i] == null || f[i].capacity() < n) {
                if (f[i] != null) {
                    f[i].deallocate();
                }
                f[i] = new FloatPointer(Math.max(n, 1024));
            }
            return f[i].position(0);
        }

        DoublePointer doubles(int i, long n) {
            if (d[i] == null || d[i].capacity() < n) {
                if (d[i] != null) {
                    d[i].deallocate();
                }
                d[i] = new DoublePointer(Math.max(n, 1024));
            }
            return d[i].position(0);
        }
    }

    /** Elements from a matrix's first to its last: rows x cols (as stored) with leading dimension ld. */
    static int span(int rows, int cols, int ld) {
        return rows == 0 || cols == 0 ? 0 : Math.toIntExact((long) (cols - 1) * ld + rows);
    }

    private static int trans(String t) {
        return t.equalsIgnoreCase("N") ? openblas_nolapack.CblasNoTrans : openblas_nolapack.CblasTrans;
    }

    private static boolean plain(String t) {
        return t.equalsIgnoreCase("N");
    }

    @Override
    public void sgemm(String ta, String tb, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        Staging s = STAGING.get();
        int aSpan = plain(ta) ? span(m, k, lda) : span(k, m, lda);
        int bSpan = plain(tb) ? span(k, n, ldb) : span(n, k, ldb);
        int cSpan = span(m, n, ldc);
        FloatPointer pa = s.floats(0, aSpan).put(a, aOff, aSpan);
        FloatPointer pb = s.floats(1, bSpan).put(b, bOff, bSpan);
        FloatPointer pc = s.floats(2, cSpan);
        if (beta != 0f) {
            pc.put(c, cOff, cSpan);
        }
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasColMajor, trans(ta), trans(tb), m, n, k, alpha,
            pa, lda, pb, ldb, beta, pc, ldc);
        for (int j = 0; j < n; j += ldc == m ? n : 1) {
            // Columns one by one unless they are adjacent: what lies between them is not ours to write.
            int len = ldc == m ? cSpan : m;
            pc.position((long) j * ldc).get(c, cOff + j * ldc, len);
        }
    }

    @Override
    public void dgemm(String ta, String tb, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        Staging s = STAGING.get();
        int aSpan = plain(ta) ? span(m, k, lda) : span(k, m, lda);
        int bSpan = plain(tb) ? span(k, n, ldb) : span(n, k, ldb);
        int cSpan = span(m, n, ldc);
        DoublePointer pa = s.doubles(0, aSpan).put(a, aOff, aSpan);
        DoublePointer pb = s.doubles(1, bSpan).put(b, bOff, bSpan);
        DoublePointer pc = s.doubles(2, cSpan);
        if (beta != 0.0) {
            pc.put(c, cOff, cSpan);
        }
        openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasColMajor, trans(ta), trans(tb), m, n, k, alpha,
            pa, lda, pb, ldb, beta, pc, ldc);
        for (int j = 0; j < n; j += ldc == m ? n : 1) {
            int len = ldc == m ? cSpan : m;
            pc.position((long) j * ldc).get(c, cOff + j * ldc, len);
        }
    }

    @Override
    public void sgemv(String trans, int m, int n, float alpha, float[] a, int aOff, int lda, float[] x, int xOff,
                      int incx, float beta, float[] y, int yOff, int incy) {
        if (incx < 1 || incy < 1) {
            throw new IllegalArgumentException("sgemv: increments must be positive, got " + incx + ", " + incy);
        }
        Staging s = STAGING.get();
        int xLen = plain(trans) ? n : m;
        int yLen = plain(trans) ? m : n;
        int aSpan = span(m, n, lda);
        int xSpan = span(1, xLen, incx);
        int ySpan = span(1, yLen, incy);
        FloatPointer pa = s.floats(0, aSpan).put(a, aOff, aSpan);
        FloatPointer px = s.floats(1, xSpan).put(x, xOff, xSpan);
        FloatPointer py = s.floats(2, ySpan);
        if (beta != 0f || incy != 1) {
            py.put(y, yOff, ySpan);
        }
        openblas_nolapack.cblas_sgemv(openblas_nolapack.CblasColMajor, trans(trans), m, n, alpha, pa, lda, px, incx,
            beta, py, incy);
        py.get(y, yOff, ySpan);
    }
}
