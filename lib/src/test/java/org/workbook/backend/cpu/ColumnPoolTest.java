package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The convolution's buffer pool: reuse by size and kind, its caps, and no buffer handed out twice. */
class ColumnPoolTest {
    @Test
    void aGivenBufferComesBackForTheSameSizeAndKindOnly() {
        int len = 1_234_567;
        float[] a = (float[]) ColumnPool.take(true, len);
        ColumnPool.give(a);
        assertTrue(ColumnPool.take(false, len) instanceof double[], "a double[] request never gets the float[]");
        assertNotSame(a, ColumnPool.take(true, len + 1));
        assertSame(a, ColumnPool.take(true, len));
    }

    @Test
    void aBufferGivenTwiceIsHandedOutOnce() {
        int len = 765_431;
        float[] a = (float[]) ColumnPool.take(true, len);
        ColumnPool.give(a);
        ColumnPool.give(a);
        assertSame(a, ColumnPool.take(true, len));
        assertNotSame(a, ColumnPool.take(true, len));
    }

    @Test
    void manySizesStayUnderTheTotalCap() {
        // 40 sizes of ~4M floats: far more than the cap; the oldest sizes are dropped.
        for (int i = 0; i < 40; i++) {
            ColumnPool.give(ColumnPool.take(true, (1 << 22) + i));
        }
        assertTrue(ColumnPool.held() <= (1L << 25), "held " + ColumnPool.held());
        int last = (1 << 22) + 39;
        float[] recent = (float[]) ColumnPool.take(true, last);
        assertEquals(last, recent.length);
    }

    @Test
    void oversizedBuffersAreNotKept() {
        long before = ColumnPool.held();
        ColumnPool.give(new float[(1 << 24) + 1]);
        assertEquals(before, ColumnPool.held());
    }
}
