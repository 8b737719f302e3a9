package org.workbook.backend.cpu;

import java.util.Random;

/**
 * Where a random column-major product's operands sit in their arrays: leading dimensions up to two
 * past the least, offsets up to four, drawn in this order, for tests that call a BLAS with netlib's
 * arguments (A m x k, or k x m when transposed; B k x n, or n x k; C m x n).
 */
record BlasLayout(int lda, int ldb, int ldc, int aOff, int bOff, int cOff) {
    static BlasLayout random(Random r, boolean ta, boolean tb, int m, int n, int k) {
        int lda = (ta ? k : m) + r.nextInt(3);
        int ldb = (tb ? n : k) + r.nextInt(3);
        int ldc = m + r.nextInt(3);
        return new BlasLayout(lda, ldb, ldc, r.nextInt(5), r.nextInt(5), r.nextInt(5));
    }
}
