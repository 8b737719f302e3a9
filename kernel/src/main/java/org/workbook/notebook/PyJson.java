package org.workbook.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Writes JSON exactly as Python's {@code json.dumps(obj, sort_keys=True,
 * indent=1, ensure_ascii=False)} does, which is how Jupyter saves notebooks:
 * keys sorted by code point, one space of indent per level, non-ASCII text
 * as is, floats as Python's {@code repr}. Byte-identical output is what
 * keeps a notebook's diff down to the cells that really changed.
 *
 * <pre>{@code
 * jshell> PyJson.indented(new ObjectMapper().readTree("{\"b\": [1, 2.50], \"a\": {}}"))
 * $1 ==> "{\n \"a\": {},\n \"b\": [\n  1,\n  2.5\n ]\n}"
 * }</pre>
 */
final class PyJson {
    private PyJson() {
    }

    /** The indented layout of notebook files (no trailing newline, as json.dumps). */
    static String indented(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out, 0, true);
        return out.toString();
    }

    /**
     * One line, Python's default separators ({@code ", "} and {@code ": "}),
     * keys sorted; for metadata written into a lesson's HTML comment, so any
     * {@code -->} inside a string is escaped to keep the comment closed.
     */
    static String oneLine(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out, 0, false);
        return out.toString().replace("-->", "--\\u003e");
    }

    private static void write(JsonNode node, StringBuilder out, int depth, boolean indent) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            if (keys.isEmpty()) {
                out.append("{}");
                return;
            }
            keys.sort(PyJson::compareCodePoints);
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                separate(out, i, depth + 1, indent);
                string(keys.get(i), out);
                out.append(": ");
                write(node.get(keys.get(i)), out, depth + 1, indent);
            }
            close(out, depth, indent);
            out.append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            Iterator<JsonNode> it = node.elements();
            for (int i = 0; it.hasNext(); i++) {
                separate(out, i, depth + 1, indent);
                write(it.next(), out, depth + 1, indent);
            }
            close(out, depth, indent);
            out.append(']');
        } else if (node.isTextual()) {
            string(node.textValue(), out);
        } else if (node.isFloatingPointNumber()) {
            out.append(floatRepr(node.doubleValue()));
        } else if (node.isNumber()) {
            out.append(node.bigIntegerValue());
        } else if (node.isBoolean()) {
            out.append(node.booleanValue() ? "true" : "false");
        } else if (node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else {
            throw new IllegalArgumentException("cannot write a " + node.getNodeType() + " node as JSON");
        }
    }

    private static void separate(StringBuilder out, int index, int depth, boolean indent) {
        if (index > 0) {
            out.append(indent ? "," : ", ");
        }
        if (indent) {
            out.append('\n').append(" ".repeat(depth));
        }
    }

    private static void close(StringBuilder out, int depth, boolean indent) {
        if (indent) {
            out.append('\n').append(" ".repeat(depth));
        }
    }

    /** Python sorts str keys by code point; String.compareTo would sort by UTF-16 unit. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** Escapes like json.dumps with ensure_ascii=False: only quote, backslash and controls. */
    static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    /**
     * Python's {@code repr(float)}: the shortest digits that read back to the
     * same double, in fixed notation for 1e-4 <= |x| < 1e16, else as 1e-05.
     */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(d);
        BigDecimal shortest = exact;
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == d) {
                shortest = r;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int decpt = digits.length() - shortest.scale();
        String sign = d < 0 ? "-" : "";
        if (decpt > 16 || decpt <= -4) {
            int exp = decpt - 1;
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        }
        if (decpt <= 0) {
            return sign + "0." + "0".repeat(-decpt) + digits;
        }
        if (decpt >= digits.length()) {
            return sign + digits + "0".repeat(decpt - digits.length()) + ".0";
        }
        return sign + digits.substring(0, decpt) + "." + digits.substring(decpt);
    }
}
