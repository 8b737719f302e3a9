package org.workbook.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlibcLogTest {
    @Test
    void matchesGlibcBitForBit() {
        List<String> lines = Golden.lines("log.txt");
        int checked = 0;
        for (String line : lines) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] p = line.split(" ");
            double x = Double.parseDouble(p[0]);
            double expected = Double.parseDouble(p[1]);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(GlibcLog.log(x)),
                    () -> "log(" + p[0] + ") should be " + p[1] + " but was " + Double.toHexString(GlibcLog.log(x)));
            checked++;
        }
        assertTrue(checked > 5000, "log.txt should hold thousands of cases, had " + checked);
    }

    @Test
    void specialValuesFollowC() {
        assertEquals(Double.NEGATIVE_INFINITY, GlibcLog.log(0.0));
        assertEquals(Double.NEGATIVE_INFINITY, GlibcLog.log(-0.0));
        assertEquals(Double.POSITIVE_INFINITY, GlibcLog.log(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(GlibcLog.log(-1.0)));
        assertTrue(Double.isNaN(GlibcLog.log(Double.NaN)));
        assertTrue(Double.isNaN(GlibcLog.log(Double.NEGATIVE_INFINITY)));
        assertEquals(0.0, GlibcLog.log(1.0));
        assertEquals(Math.log(Double.MIN_VALUE), GlibcLog.log(Double.MIN_VALUE), 1e-12);
    }

    @Test
    void agreesWithJavaWithinAnUlpEverywhere() {
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 100_000; i++) {
            double x = Math.scalb(r.nextDouble() + 0.5, r.nextInt(2000) - 1000);
            double diff = Math.abs(GlibcLog.log(x) - StrictMath.log(x));
            assertTrue(diff <= Math.ulp(StrictMath.log(x)), "log(" + x + ") off by " + diff);
        }
    }
}
