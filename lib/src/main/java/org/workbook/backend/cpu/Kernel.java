package org.workbook.backend.cpu;

/**
 * One elementwise loop over primitive arrays: {@code n} elements, operand arrays
 * with their start offsets and steps. Each op has its own lambda, so its loop is
 * compiled for that op alone (no shared, megamorphic per-element call).
 */
@FunctionalInterface
interface Kernel {
    void run(Object a, int ao, int as, Object b, int bo, int bs, Object o, int oo, int os, int n);
}
