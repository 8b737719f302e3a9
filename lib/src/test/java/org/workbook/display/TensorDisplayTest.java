package org.workbook.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/** Tensors in a notebook: the PyTorch text always, a table for small matrices. */
class TensorDisplayTest {

    @Test
    void aSmallMatrixShowsItsTextAndATable() {
        Tensor t = Tensors.tensor(new int[][] {{1, 2, 3}, {4, 5, 6}});
        MimeBundle b = Renderers.render(t);
        assertEquals(List.of("text/plain", "text/html"), new ArrayList<>(b.data().keySet()));
        assertEquals(t.toString(), b.plain());
        String html = b.data().get("text/html");
        assertTrue(html.startsWith("<pre>" + TableFormat.escape(t.toString()) + "</pre>"), html);
        assertTrue(html.contains("<summary>as a table (2 &times; 3)</summary>"), html);
        assertTrue(html.contains("<tr><th>1</th><td>4</td><td>5</td><td>6</td></tr>"), html);
    }

    @Test
    void floatsShowFourDecimalsLikePyTorch() {
        Tensor t = Tensors.fromArray(new double[] {0.5, -1.25}, 1, 2);
        assertTrue(TensorDisplay.bundle(t).data().get("text/html").contains("<td>0.5000</td><td>-1.2500</td>"));
    }

    @Test
    void boolsAndTransposedViewsShowAsTheyRead() {
        Tensor b = Tensors.tensor(new int[][] {{1, 5}, {7, 2}}).gt(3);
        assertTrue(TensorDisplay.bundle(b).data().get("text/html").contains("<td>False</td><td>True</td>"));
        Tensor t = Tensors.tensor(new int[][] {{1, 2, 3}, {4, 5, 6}}).t();
        String html = TensorDisplay.bundle(t).data().get("text/html");
        assertTrue(html.contains("<tr><th>0</th><td>1</td><td>4</td></tr>"), html);
        assertTrue(html.contains("<tr><th>2</th><td>3</td><td>6</td></tr>"), html);
    }

    @Test
    void bigOrNotTwoDimensionalTensorsAreTextOnly() {
        assertFalse(TensorDisplay.bundle(Tensors.zeros(33, 4)).has("text/html"));
        assertFalse(TensorDisplay.bundle(Tensors.zeros(4, 33)).has("text/html"));
        assertFalse(TensorDisplay.bundle(Tensors.zeros(5)).has("text/html"));
        assertFalse(TensorDisplay.bundle(Tensors.zeros(2, 2, 2)).has("text/html"));
        assertTrue(TensorDisplay.bundle(Tensors.zeros(28, 28)).has("text/html"), "an MNIST digit fits");
    }

    @Test
    void aDigitCropAsAShadedTableLikeTheBook() {
        byte[] px = new byte[28 * 28];
        for (int r = 6; r < 12; r++) {
            px[r * 28 + 8] = (byte) 255;
            px[r * 28 + 9] = (byte) 128;
        }
        px[13 * 28 + 9] = (byte) 255; // so 128 is not its column's maximum (columns are shaded apart)
        Tensor im3 = Tensors.fromUint8(px, 28, 28);
        Table t = Table.of(im3.get("4:15, 4:22")).backgroundGradient().fontSize("6pt");
        assertEquals(18, t.columns().size());
        assertEquals(11, t.rowCount());
        assertEquals(255L, t.cell(2, 4), "uint8 pixels stay integers");
        List<TableTest.Cell> cells = TableTest.cells(t.toHtml());
        assertEquals(11 * 18, cells.size());
        TableTest.Cell ink = cells.get(2 * 18 + 4);
        TableTest.Cell half = cells.get(2 * 18 + 5);
        TableTest.Cell paper = cells.get(2 * 18 + 6);
        assertEquals(0x000000, ink.bg());
        assertEquals("#f1f1f1", ink.fg());
        assertTrue(Colormap.luminance(half.bg()) > 0.05 && Colormap.luminance(half.bg()) < 0.5, "128 of 255 is mid grey");
        assertEquals(0xffffff, paper.bg());
        assertEquals("255", ink.text());
    }

    @Test
    void tableOfATensorNeedsTwoDimensions() {
        var e = assertThrows(IllegalArgumentException.class, () -> Table.of(Tensors.zeros(3, 28, 28)));
        assertEquals("Table.of needs a 2-D tensor, got shape torch.Size([3, 28, 28]): pick one matrix first, e.g. t.get(\"0\")",
                e.getMessage());
    }
}
