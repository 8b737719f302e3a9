package org.workbook.display;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Writes a {@link Table} as aligned text or as HTML; the shading follows pandas' Styler. */
final class TableFormat {
    /** pandas' {@code text_color_threshold}: cells darker than this get light text. */
    static final double TEXT_COLOR_THRESHOLD = 0.408;
    static final String LIGHT_TEXT = "#f1f1f1";
    static final String DARK_TEXT = "#000000";

    private TableFormat() { }

    static String text(Table.Snapshot t) {
        int cols = t.columns().size();
        boolean hasIndex = t.index() != null;
        int first = hasIndex ? 1 : 0;
        List<String[]> lines = new ArrayList<>();
        String[] head = new String[cols + first];
        if (hasIndex) {
            head[0] = "";
        }
        for (int c = 0; c < cols; c++) {
            head[c + first] = t.columns().get(c);
        }
        lines.add(head);
        boolean[] right = new boolean[cols + first];
        for (int c = 0; c < cols; c++) {
            right[c + first] = numericColumn(t, c);
        }
        for (int r = 0; r < t.rows().size(); r++) {
            String[] line = new String[cols + first];
            if (hasIndex) {
                line[0] = label(t, r);
            }
            for (int c = 0; c < cols; c++) {
                line[c + first] = format(t.rows().get(r).get(c), t.floatFormat());
            }
            lines.add(line);
        }
        int[] width = new int[cols + first];
        for (String[] line : lines) {
            for (int c = 0; c < line.length; c++) {
                width[c] = Math.max(width[c], line[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] line : lines) {
            StringBuilder l = new StringBuilder();
            for (int c = 0; c < line.length; c++) {
                if (c > 0) {
                    l.append("  ");
                }
                String pad = " ".repeat(width[c] - line[c].length());
                l.append(right[c] ? pad + line[c] : line[c] + pad);
            }
            sb.append(l.toString().stripTrailing()).append('\n');
        }
        return sb.substring(0, sb.length() - 1);
    }

    static String html(Table.Snapshot t) {
        int cols = t.columns().size();
        String[][] bg = t.gradient() ? shades(t) : null;
        String font = t.fontSize() == null ? "" : "font-size: " + t.fontSize() + "; ";
        StringBuilder sb = new StringBuilder();
        sb.append("<table border=\"1\" class=\"dataframe\" style=\"").append(font)
          .append("border-collapse: collapse;\">\n<thead>\n<tr style=\"text-align: right;\">");
        if (t.index() != null) {
            sb.append("<th></th>");
        }
        for (String c : t.columns()) {
            sb.append("<th>").append(escape(c)).append("</th>");
        }
        sb.append("</tr>\n</thead>\n<tbody>\n");
        for (int r = 0; r < t.rows().size(); r++) {
            sb.append("<tr>");
            if (t.index() != null) {
                sb.append("<th>").append(escape(label(t, r))).append("</th>");
            }
            for (int c = 0; c < cols; c++) {
                Object v = t.rows().get(r).get(c);
                sb.append("<td");
                if (bg != null && bg[r][c] != null) {
                    sb.append(" style=\"").append(bg[r][c]).append('"');
                }
                sb.append('>').append(escape(format(v, t.floatFormat()))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>").toString();
    }

    /** The inline style of each shaded cell (null where the cell is not a number). */
    private static String[][] shades(Table.Snapshot t) {
        int rows = t.rows().size();
        int cols = t.columns().size();
        double[][] v = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                v[r][c] = value(t.rows().get(r).get(c));
            }
        }
        // The range each cell is scaled in: its column (pandas' default), its row, or all.
        Integer axis = t.gradientAxis();
        int groups = axis == null ? 1 : axis == 0 ? cols : rows;
        double[] lo = new double[groups];
        double[] hi = new double[groups];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int g = axis == null ? 0 : axis == 0 ? c : r;
                if (!Double.isNaN(v[r][c])) {
                    lo[g] = Math.min(lo[g], v[r][c]);
                    hi[g] = Math.max(hi[g], v[r][c]);
                }
            }
        }
        String[][] style = new String[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (Double.isNaN(v[r][c])) {
                    continue;
                }
                int g = axis == null ? 0 : axis == 0 ? c : r;
                // matplotlib's Normalize maps everything to 0 when vmin == vmax.
                double n = hi[g] > lo[g] ? (v[r][c] - lo[g]) / (hi[g] - lo[g]) : 0.0;
                int rgb = t.cmap().rgb(n);
                String text = Colormap.luminance(rgb) < TEXT_COLOR_THRESHOLD ? LIGHT_TEXT : DARK_TEXT;
                style[r][c] = String.format("background-color: #%06x; color: %s;", rgb, text);
            }
        }
        return style;
    }

    private static double value(Object o) {
        if (o instanceof Number n && !(o instanceof BigDecimal) && !(o instanceof BigInteger)) {
            double d = n.doubleValue();
            return Double.isInfinite(d) ? Double.NaN : d;
        }
        if (o instanceof BigDecimal b) {
            return b.doubleValue();
        }
        if (o instanceof BigInteger b) {
            return b.doubleValue();
        }
        return Double.NaN;
    }

    private static boolean numericColumn(Table.Snapshot t, int c) {
        boolean any = false;
        for (List<Object> row : t.rows()) {
            Object v = row.get(c);
            if (v == null) {
                continue;
            }
            if (!(v instanceof Number)) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static String label(Table.Snapshot t, int r) {
        return r < t.index().size() ? t.index().get(r) : "";
    }

    /** A cell as text: floats with the table's pattern and Python's nan/inf, booleans as True/False. */
    static String format(Object v, String floatFormat) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) {
                return "nan";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "inf" : "-inf";
            }
            return String.format(Locale.ROOT, floatFormat, d);
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return v.toString();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
