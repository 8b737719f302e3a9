package org.workbook.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Index expressions as strings, numpy style: {@code "0, 10:15, 10:15"},
 * {@code ":, None"}, {@code "..., -4:"}, {@code "::2"}. Parsing gives the typed
 * items {@code get(Object...)} takes: Integer, {@link Slice}, {@link #NONE},
 * {@link #ELLIPSIS}.
 *
 * <pre>{@code
 * jshell> Index.parse("0, 1:3, None")
 * $1 ==> [0, 1:3, None]
 * jshell> Index.parse("0,, 1")
 * |  Exception java.lang.IllegalArgumentException: bad index "0,, 1": empty item at position 3 ...
 * }</pre>
 */
public final class Index {
    /** A new axis of size 1 (numpy's None / np.newaxis). */
    public static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /** "all the remaining dimensions" (Python's {@code ...}). */
    public static final Object ELLIPSIS = new Object() {
        @Override
        public String toString() {
            return "...";
        }
    };

    private Index() { }

    public static List<Object> parse(String expr) {
        List<Object> items = new ArrayList<>();
        String s = expr;
        int pos = 0;
        if (s.trim().isEmpty()) {
            throw bad(expr, 0, "the index is empty; use \":\" for everything");
        }
        for (String raw : s.split(",", -1)) {
            String item = raw.trim();
            int at = pos + (raw.length() - raw.stripLeading().length());
            if (item.isEmpty()) {
                throw bad(expr, at, "empty item");
            }
            items.add(parseItem(expr, item, at));
            pos += raw.length() + 1;
        }
        return items;
    }

    private static Object parseItem(String expr, String item, int at) {
        if (item.equals("None") || item.equals("newaxis")) {
            return NONE;
        }
        if (item.equals("...")) {
            return ELLIPSIS;
        }
        if (!item.contains(":")) {
            return parseInt(expr, item, at);
        }
        String[] parts = item.split(":", -1);
        if (parts.length > 3) {
            throw bad(expr, at, "too many ':' in '" + item + "' (start:stop:step at most)");
        }
        Integer[] v = new Integer[3];
        int[] tokenAt = new int[3];
        int off = at;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            // Errors point at the part itself (e.g. the 'x' of "1:x"), not at the start of the item.
            tokenAt[i] = off + parts[i].length() - parts[i].stripLeading().length();
            v[i] = p.isEmpty() ? null : parseInt(expr, p, tokenAt[i]);
            off += parts[i].length() + 1;
        }
        if (v[2] != null && v[2] == 0) {
            throw bad(expr, tokenAt[2], "slice step cannot be zero");
        }
        return new Slice(v[0], v[1], v[2]);
    }

    private static Integer parseInt(String expr, String tok, int at) {
        try {
            return Integer.valueOf(tok.trim());
        } catch (NumberFormatException e) {
            throw bad(expr, at, "'" + tok + "' is not an integer, a slice (start:stop:step), None or ...");
        }
    }

    private static IllegalArgumentException bad(String expr, int at, String why) {
        String caret = " ".repeat(Math.max(0, at)) + "^";
        return new IllegalArgumentException("bad index \"" + expr + "\": " + why + " at position " + (at + 1)
            + "\n  " + expr + "\n  " + caret);
    }
}
