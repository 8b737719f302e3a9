package org.workbook.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tables as text and HTML; shading like pandas' background_gradient('Greys'). */
class TableTest {
    private static final Pattern CELL = Pattern.compile(
            "<td style=\"background-color: #([0-9a-f]{6}); color: (#[0-9a-f]{6});\">([^<]*)</td>");

    record Cell(int bg, String fg, String text) { }

    static List<Cell> cells(String html) {
        List<Cell> l = new ArrayList<>();
        Matcher m = CELL.matcher(html);
        while (m.find()) {
            l.add(new Cell(Integer.parseInt(m.group(1), 16), m.group(2), m.group(3)));
        }
        return l;
    }

    @Test
    void resultsTableReadsLikeFastais() {
        Table t = new Table("epoch", "train_loss", "valid_loss", "accuracy", "time");
        t.addRow(0, 0.351234, 0.223456, 0.951, "00:02");
        t.addRow(1, 0.1, 0.09, 0.97, "00:01");
        assertEquals(String.join("\n",
                "epoch  train_loss  valid_loss  accuracy  time",
                "    0    0.351234    0.223456  0.951000  00:02",
                "    1    0.100000    0.090000  0.970000  00:01"), t.toText());
        String html = t.toHtml();
        assertTrue(html.startsWith("<table border=\"1\" class=\"dataframe\""), html);
        assertTrue(html.contains("<th>train_loss</th>"));
        assertTrue(html.contains("<td>0.351234</td>"));
        assertTrue(html.contains("<td>00:02</td>"));
        MimeBundle b = t.toMimeBundle();
        assertEquals(List.of("text/plain", "text/html"), new ArrayList<>(b.data().keySet()));
        assertEquals(2, t.rowCount());
        assertEquals(0.97, t.cell(1, 3));
    }

    @Test
    void aRowOfTheWrongLengthIsRefusedWithTheColumns() {
        Table t = new Table("epoch", "loss");
        var e = assertThrows(IllegalArgumentException.class, () -> t.addRow(1));
        assertEquals("addRow got 1 cells but the table has 2 columns [epoch, loss]: give one value per column", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Table());
        var r = assertThrows(IllegalArgumentException.class, () -> Table.of(new double[][] {{1, 2}, {3}}));
        assertTrue(r.getMessage().contains("row 1 has 1 numbers but row 0 has 2"), r.getMessage());
    }

    @Test
    void shadingIsDarkerForHigherValuesWithLightTextOnDarkCells() {
        double[][] m = new double[5][1];
        for (int i = 0; i < 5; i++) {
            m[i][0] = i * 60;
        }
        List<Cell> c = cells(Table.of(m).backgroundGradient().toHtml());
        assertEquals(5, c.size());
        for (int i = 1; i < 5; i++) {
            assertTrue(Colormap.luminance(c.get(i).bg()) < Colormap.luminance(c.get(i - 1).bg()), "row " + i);
        }
        assertEquals(0xffffff, c.get(0).bg());
        assertEquals(0x000000, c.get(4).bg());
        assertEquals("#000000", c.get(0).fg());
        assertEquals("#f1f1f1", c.get(4).fg());
    }

    @Test
    void eachColumnIsScaledOnItsOwnLikePandasAndTheWholeTableWhenAsked() {
        double[][] m = {{0, 0}, {10, 100}};
        List<Cell> perColumn = cells(Table.of(m).backgroundGradient().toHtml());
        assertEquals(0x000000, perColumn.get(2).bg(), "10 is its column's maximum");
        List<Cell> whole = cells(Table.of(m).backgroundGradient("Greys", null).toHtml());
        assertTrue(Colormap.luminance(whole.get(2).bg()) > 0.5, "10 of 100 is light over the whole table");
        assertEquals(0x000000, whole.get(3).bg());
        List<Cell> flat = cells(Table.of(new double[][] {{5}, {5}}).backgroundGradient().toHtml());
        assertEquals(0xffffff, flat.get(0).bg(), "a constant column is all white, as matplotlib's Normalize makes it");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void randomColumnsShadeInTheOrderOfTheirValues(long seed) {
        Random rng = new Random(seed);
        double[][] m = new double[12][3];
        for (double[] row : m) {
            for (int c = 0; c < 3; c++) {
                row[c] = rng.nextInt(256);
            }
        }
        List<Cell> cells = cells(Table.of(m).backgroundGradient().toHtml());
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 12; i++) {
                for (int j = 0; j < 12; j++) {
                    if (m[i][c] > m[j][c]) {
                        assertTrue(Colormap.luminance(cells.get(i * 3 + c).bg())
                                <= Colormap.luminance(cells.get(j * 3 + c).bg()), "column " + c + " rows " + i + ", " + j);
                    }
                }
            }
        }
    }

    @Test
    void indexFontSizeFormatsAndEscaping() {
        Table t = Table.of(new double[][] {{1.5, Double.NaN}}).floatFormat("%.2f").fontSize("6pt");
        assertEquals("      0    1\n0  1.50  nan", t.toText());
        assertTrue(t.toHtml().contains("font-size: 6pt;"));
        assertTrue(t.toHtml().contains("<th>0</th><td>1.50</td><td>nan</td>"), t.toHtml());
        Table s = new Table("a<b").addRow("x & y").addRow(true);
        assertTrue(s.toHtml().contains("<th>a&lt;b</th>") && s.toHtml().contains("<td>x &amp; y</td>"));
        assertTrue(s.toText().endsWith("True"));
        assertThrows(IllegalArgumentException.class, () -> t.fontSize("big"));
        assertThrows(java.util.IllegalFormatException.class, () -> t.floatFormat("%d"));
        var a = assertThrows(IllegalArgumentException.class, () -> t.backgroundGradient("Greys", 2));
        assertTrue(a.getMessage().contains("0 (per column), 1 (per row) or null"), a.getMessage());
        var c = assertThrows(IllegalArgumentException.class, () -> t.backgroundGradient("viridis", 0));
        assertTrue(c.getMessage().contains("\"Greys\""), c.getMessage());
    }
}
