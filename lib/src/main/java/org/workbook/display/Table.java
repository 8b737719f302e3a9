package org.workbook.display;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.workbook.tensor.Tensor;

/**
 * A table of columns and rows that shows itself as HTML in a notebook and as aligned
 * text everywhere else: the Learner's results (epoch, train_loss, valid_loss, metrics,
 * time), or a tensor's numbers shaded like pandas' {@code background_gradient('Greys')}.
 *
 * <pre>{@code
 * jshell> var t = new Table("epoch", "train_loss", "valid_loss", "accuracy", "time")
 * jshell> t.addRow(0, 0.3512, 0.2234, 0.9512, "00:02")
 * jshell> t
 * t ==> epoch  train_loss  valid_loss  accuracy  time
 *           0    0.351200    0.223400  0.951200  00:02
 * jshell> Table.of(im3.get("4:15, 4:22")).backgroundGradient().fontSize("6pt")   // the book's pixel table
 * }</pre>
 *
 * Numbers stay numbers (so shading and alignment know them); floating-point cells are
 * written with {@link #floatFormat} ({@code %.6f} by default, as pandas and fastai do).
 * A table may grow while it is shown: add a row, then {@code Display.update(id, table)}.
 * All methods are thread-safe.
 */
public final class Table implements Displayable {
    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();
    private List<String> index;
    private String floatFormat = "%.6f";
    private boolean gradient;
    private Integer gradientAxis = 0;
    private Colormap cmap = Colormap.GREYS;
    private String fontSize;

    /** An empty table with these column headers. */
    public Table(String... columns) {
        this(Arrays.asList(columns));
    }

    /** An empty table with these column headers. */
    public Table(List<String> columns) {
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("a Table needs at least one column name, e.g. new Table(\"epoch\", \"train_loss\")");
        }
        this.columns = List.copyOf(columns);
    }

    /**
     * A table of a matrix, headed and indexed 0, 1, 2, ... like {@code pd.DataFrame(m)}.
     *
     * @throws IllegalArgumentException if the rows have different lengths
     */
    public static Table of(double[][] values) {
        int cols = values.length == 0 ? 0 : values[0].length;
        Table t = new Table(numbers(Math.max(cols, 1)));
        for (int r = 0; r < values.length; r++) {
            if (values[r].length != cols) {
                throw new IllegalArgumentException("Table.of: row " + r + " has " + values[r].length
                        + " numbers but row 0 has " + cols + ": every row needs the same length");
            }
            Object[] row = new Object[cols];
            for (int c = 0; c < cols; c++) {
                row[c] = values[r][c];
            }
            t.addRow(row);
        }
        return t.index(numbers(values.length));
    }

    /**
     * A table of a 2-D tensor, headed and indexed 0, 1, 2, ... like
     * {@code pd.DataFrame(t)}; integer tensors keep integer cells.
     *
     * @throws IllegalArgumentException if {@code t} is not 2-D
     */
    public static Table of(Tensor t) {
        return TensorDisplay.table(t);
    }

    static List<String> numbers(int n) {
        List<String> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(Integer.toString(i));
        }
        return l;
    }

    /**
     * Appends a row, one cell per column: numbers, strings, or anything (shown by
     * {@code toString()}).
     *
     * @throws IllegalArgumentException if the number of cells is not the number of columns
     */
    public synchronized Table addRow(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("addRow got " + cells.length + " cells but the table has "
                    + columns.size() + " columns " + columns + ": give one value per column");
        }
        rows.add(Collections.unmodifiableList(new ArrayList<>(Arrays.asList(cells))));
        return this;
    }

    /** Row labels shown before the first column, like a DataFrame's index; null for none. */
    public synchronized Table index(List<?> labels) {
        if (labels == null) {
            index = null;
            return this;
        }
        List<String> l = new ArrayList<>(labels.size());
        for (Object o : labels) {
            l.add(String.valueOf(o));
        }
        index = l;
        return this;
    }

    /** The {@code String.format} pattern for float and double cells, e.g. {@code "%.4f"}. */
    public synchronized Table floatFormat(String format) {
        String.format(Locale.ROOT, format, 1.0); // fail here, not when the table is shown
        floatFormat = format;
        return this;
    }

    /**
     * Shades numeric cells with matplotlib's {@code Greys} map, each column scaled to its
     * own min..max, as pandas' {@code style.background_gradient('Greys')} does by default.
     */
    public Table backgroundGradient() {
        return backgroundGradient("Greys", 0);
    }

    /**
     * Shades numeric cells with {@code cmap} ("Greys" or "gray"), scaling per column
     * ({@code axis} 0, pandas' default), per row (1) or over the whole table (null).
     */
    public synchronized Table backgroundGradient(String cmap, Integer axis) {
        if (axis != null && axis != 0 && axis != 1) {
            throw new IllegalArgumentException("backgroundGradient axis must be 0 (per column), 1 (per row) or null (whole table), got " + axis);
        }
        this.cmap = Colormap.parse(cmap);
        this.gradientAxis = axis;
        this.gradient = true;
        return this;
    }

    /** CSS font size of the cells, e.g. {@code "6pt"} as the book's pixel table uses. */
    public synchronized Table fontSize(String css) {
        if (css == null || !css.matches("[0-9.]+(pt|px|em|rem|%)")) {
            throw new IllegalArgumentException("fontSize wants a CSS size like \"6pt\", \"10px\" or \"0.8em\", got " + css);
        }
        fontSize = css;
        return this;
    }

    public List<String> columns() {
        return columns;
    }

    /** A snapshot of the rows. */
    public synchronized List<List<Object>> rows() {
        return List.copyOf(rows);
    }

    public synchronized int rowCount() {
        return rows.size();
    }

    /** The cell at {@code row}, {@code col}. */
    public synchronized Object cell(int row, int col) {
        return rows.get(row).get(col);
    }

    /** Aligned text: numbers right-aligned, everything else left-aligned. */
    public synchronized String toText() {
        return TableFormat.text(snapshot());
    }

    /** An HTML {@code <table>} with inline styles only (they survive Jupyter's sanitizer). */
    public synchronized String toHtml() {
        return TableFormat.html(snapshot());
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(toText()).with("text/html", toHtml());
    }

    /** Shows the table now ({@code Display.show(this)}). */
    public void show() {
        Display.show(this);
    }

    @Override
    public String toString() {
        return toText();
    }

    /** What {@link TableFormat} needs, read under this table's lock. */
    record Snapshot(List<String> columns, List<List<Object>> rows, List<String> index, String floatFormat,
                    boolean gradient, Integer gradientAxis, Colormap cmap, String fontSize) { }

    private Snapshot snapshot() {
        return new Snapshot(columns, List.copyOf(rows), index == null ? null : List.copyOf(index), floatFormat,
                gradient, gradientAxis, cmap, fontSize);
    }
}
