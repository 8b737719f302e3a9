package org.workbook.display;

import org.workbook.tensor.Tensor;

/**
 * How a tensor shows itself: always its PyTorch-style {@code toString()} as
 * {@code text/plain} (so notebook output reads like the book's), and for a small 2-D
 * tensor also {@code text/html}: the same text followed by a table of its numbers that
 * opens on a click, as a DataFrame of it would show.
 *
 * <pre>{@code
 * jshell> TensorDisplay.bundle(tensor(new int[][] {{1, 2, 3}, {4, 5, 6}})).data().keySet()
 * $1 ==> [text/plain, text/html]
 * }</pre>
 */
public final class TensorDisplay {
    /** 2-D tensors up to this many rows and columns get a table (an MNIST digit fits). */
    public static final int MAX_TABLE_ROWS = 32;
    public static final int MAX_TABLE_COLS = 32;

    private TensorDisplay() { }

    /** The bundle of {@code t}: text, plus HTML when it is 2-D and small. */
    public static MimeBundle bundle(Tensor t) {
        String text = t.toString();
        MimeBundle b = MimeBundle.text(text);
        if (t.ndim() == 2 && t.size(0) <= MAX_TABLE_ROWS && t.size(1) <= MAX_TABLE_COLS && t.numel() > 0) {
            Table table = table(t).floatFormat("%.4f");
            String html = "<pre>" + TableFormat.escape(text) + "</pre>\n<details><summary>as a table ("
                    + t.size(0) + " &times; " + t.size(1) + ")</summary>\n" + table.toHtml() + "\n</details>";
            b = b.with("text/html", html);
        }
        return b;
    }

    /** A 2-D tensor as a {@link Table}, headed and indexed 0, 1, 2, ... like {@code pd.DataFrame(t)}. */
    static Table table(Tensor t) {
        if (t.ndim() != 2) {
            throw new IllegalArgumentException("Table.of needs a 2-D tensor, got shape " + t.shape()
                    + (t.ndim() > 2 ? ": pick one matrix first, e.g. t.get(\"0\")"
                                    : ": make it 2-D first, e.g. t.view(1, -1)"));
        }
        int rows = t.size(0);
        int cols = t.size(1);
        Table table = new Table(Table.numbers(Math.max(cols, 1)));
        String dtype = t.dtype().name();
        boolean integer = dtype.startsWith("INT") || dtype.startsWith("UINT");
        boolean bool = dtype.equals("BOOL");
        double[] d = integer ? null : t.toDoubleArray();
        long[] l = integer ? t.toLongArray() : null;
        for (int r = 0; r < rows; r++) {
            Object[] row = new Object[cols];
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                row[c] = integer ? (Object) l[i] : bool ? (Object) (d[i] != 0) : (Object) d[i];
            }
            if (cols > 0) {
                table.addRow(row);
            }
        }
        return table.index(Table.numbers(rows));
    }
}
