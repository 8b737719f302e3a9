package org.workbook.kernel.hints;

import java.util.ArrayList;
import java.util.List;

/** Writes the body of a Python f-string as Java string concatenation: {@code x={x:.2f}} gives {@code "x=" + x}. */
final class FStrings {
    private FStrings() { }

    static String toJava(String body) {
        List<String> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            int close = c == '{' ? body.indexOf('}', i) : -1;
            if (close > i) {
                if (lit.length() > 0) {
                    parts.add("\"" + lit + "\"");
                    lit.setLength(0);
                }
                String expr = body.substring(i + 1, close);
                int colon = expr.indexOf(':');
                parts.add((colon < 0 ? expr : expr.substring(0, colon)).strip());
                i = close + 1;
            } else {
                lit.append(c);
                i++;
            }
        }
        if (lit.length() > 0 || parts.isEmpty()) {
            parts.add("\"" + lit + "\"");
        }
        if (!parts.get(0).startsWith("\"")) {
            parts.add(0, "\"\"");
        }
        return String.join(" + ", parts);
    }
}
