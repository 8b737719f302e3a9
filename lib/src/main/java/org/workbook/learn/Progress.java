package org.workbook.learn;

import java.io.PrintStream;
import java.util.List;

import org.workbook.display.ConsoleSink;
import org.workbook.display.Display;
import org.workbook.display.MimeBundle;
import org.workbook.display.Table;

/**
 * Shows training as it happens, wherever the code runs: in a notebook one
 * display (a progress bar over the results table) updated in place; on a
 * terminal a text bar redrawn with '\r' and each finished row printed; in
 * logs and tests only the finished rows. {@code -Dworkbook.progress=false}
 * turns the bars off.
 */
final class Progress {
    private static final long MIN_INTERVAL_NANOS = 200_000_000L;

    private final Table table;
    private final boolean console;
    private final boolean bars;
    private final PrintStream out = System.out;
    private String id;
    private long lastDraw;
    private int printedRows;

    Progress(List<String> columns) {
        table = new Table(columns).floatFormat("%.6f");
        console = Display.sink() instanceof ConsoleSink;
        boolean enabled = !"false".equals(System.getProperty("workbook.progress"));
        bars = enabled && (console ? System.console() != null : Display.sink().isInteractive());
    }

    Table table() {
        return table;
    }

    void start() {
        if (console) {
            out.println(String.join("  ", table.columns()));
        } else {
            id = Display.show(bundle(null), null);
        }
    }

    /** Called after each batch; redraws at most five times a second. */
    void batch(String phase, int done, int total, long startNanos) {
        if (!bars) {
            return;
        }
        long now = System.nanoTime();
        if (done < total && now - lastDraw < MIN_INTERVAL_NANOS) {
            return;
        }
        lastDraw = now;
        String bar = bar(phase, done, total, (now - startNanos) / 1e9);
        if (console) {
            out.print("\r" + bar);
            out.flush();
        } else {
            Display.update(id, bundle(bar));
        }
    }

    void row(Object... cells) {
        table.addRow(cells);
        if (console) {
            if (bars) {
                out.print("\r" + " ".repeat(70) + "\r");
            }
            List<List<Object>> rows = table.rows();
            for (; printedRows < rows.size(); printedRows++) {
                StringBuilder sb = new StringBuilder();
                for (Object c : rows.get(printedRows)) {
                    sb.append(c instanceof Double d ? String.format("%.6f", d) : String.valueOf(c)).append("  ");
                }
                out.println(sb.toString().trim());
            }
        } else {
            Display.update(id, bundle(null));
        }
    }

    void finish() {
        if (!console && id != null) {
            Display.update(id, bundle(null));
        }
    }

    MimeBundle bundle(String bar) {
        MimeBundle t = table.toMimeBundle();
        if (bar == null) {
            return t;
        }
        // The HTML shows the graphical bar and the counts; the text bar's [####....] is for text only.
        String html = "<div><progress value='" + barValue(bar) + "' max='100' style='width:300px'></progress> "
            + escape(bar.replaceFirst(" \\[[#.]*\\]", "")) + "</div>" + t.data().getOrDefault("text/html", "");
        return MimeBundle.text(bar + "\n" + t.plain()).with("text/html", html);
    }

    private static int barValue(String bar) {
        int pct = bar.indexOf('%');
        int start = bar.lastIndexOf(' ', pct) + 1;
        try {
            return Integer.parseInt(bar.substring(start, pct).trim());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    static String bar(String phase, int done, int total, double seconds) {
        int pct = total == 0 ? 100 : (int) (100L * done / total);
        int filled = pct / 5;
        return String.format("%s [%s%s] %3d%% %d/%d %s", phase, "#".repeat(filled), ".".repeat(20 - filled), pct, done,
            total, mmss(seconds));
    }

    static String mmss(double seconds) {
        long s = Math.round(seconds);
        return String.format("%02d:%02d", s / 60, s % 60);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
