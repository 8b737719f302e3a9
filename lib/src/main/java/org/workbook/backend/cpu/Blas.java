package org.workbook.backend.cpu;

/**
 * The three BLAS routines matmul needs, in netlib's argument order (column-major,
 * Fortran-style transpose letters, an offset beside each array). One implementation
 * calls a netlib {@code BLAS} (the bundled or the system OpenBLAS through netlib's
 * JNI, or its pure-Java BLAS), the other the bundled OpenBLAS through JavaCPP
 * ({@link JavaCppBlas}, on platforms netlib has no JNI shim for). {@link BlasChoice}
 * picks one.
 */
interface Blas {
    void sgemm(String ta, String tb, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
               float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc);

    void dgemm(String ta, String tb, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
               double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc);

    void sgemv(String trans, int m, int n, float alpha, float[] a, int aOff, int lda, float[] x, int xOff,
               int incx, float beta, float[] y, int yOff, int incy);

    /** A netlib BLAS as a {@link Blas}: its arrays go to native code in place (JNI critical regions). */
    record Netlib(dev.ludovic.netlib.blas.BLAS blas) implements Blas {
        @Override
        public void sgemm(String ta, String tb, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                          float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
            blas.sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }

        @Override
        public void dgemm(String ta, String tb, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                          double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
            blas.dgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }

        @Override
        public void sgemv(String trans, int m, int n, float alpha, float[] a, int aOff, int lda, float[] x, int xOff,
                          int incx, float beta, float[] y, int yOff, int incy) {
            blas.sgemv(trans, m, n, alpha, a, aOff, lda, x, xOff, incx, beta, y, yOff, incy);
        }
    }
}
