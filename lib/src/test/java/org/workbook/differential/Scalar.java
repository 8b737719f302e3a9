package org.workbook.differential;

import java.util.Map;

/**
 * A Python scalar from a case: an int ({"i": n}) or a float ({"f": x}, where x may be
 * "nan", "inf" or "-inf"). The calls pass an int as a Java long and a float as a double,
 * so each binds to the overload that matches Python's (x * 2 keeps ints, x * 2.0 does not).
 */
record Scalar(boolean isInt, long l, double d) {
    static Scalar of(Map<?, ?> m) {
        if (m.containsKey("i")) {
            long v = ((Number) m.get("i")).longValue();
            return new Scalar(true, v, v);
        }
        Object f = m.get("f");
        double v = f instanceof String s ? parse(s) : ((Number) f).doubleValue();
        return new Scalar(false, 0, v);
    }

    static double parse(String s) {
        switch (s) {
            case "nan": return Double.NaN;
            case "inf": return Double.POSITIVE_INFINITY;
            case "-inf": return Double.NEGATIVE_INFINITY;
            default: return Double.parseDouble(s);
        }
    }

    @Override
    public String toString() {
        return isInt ? Long.toString(l) : Double.toString(d);
    }
}
