package org.workbook.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.plot.Plot.plotFunction;
import static org.workbook.plot.Plot.scatter;
import static org.workbook.plot.Plot.subplots;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.workbook.display.ConsoleSink;
import org.workbook.display.Display;
import org.workbook.display.DisplaySink;
import org.workbook.display.MimeBundle;
import org.workbook.display.Renderers;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/** Figures as MIME bundles: a 2x PNG with its display size, shown when asked, saved as files. */
class FigureDisplayTest {

    /** Collects what is shown, as the kernel's sink would send it. */
    static final class Recording implements DisplaySink {
        final List<MimeBundle> shown = new ArrayList<>();

        @Override
        public void display(MimeBundle bundle, String displayId) {
            shown.add(bundle);
        }

        @Override
        public void update(String displayId, MimeBundle bundle) {
            shown.add(bundle);
        }
    }

    @Test
    void aFigureIsPlainTextPlusA2xPngWithItsDisplayWidth() {
        Figure fig = scatter(new double[] {1, 2}, new double[] {3, 4}).title("two points");
        MimeBundle b = fig.toMimeBundle();
        assertEquals(List.of("text/plain", "image/png"), new ArrayList<>(b.data().keySet()));
        assertEquals("Figure(1x1, 600x400 px, 'two points')", b.plain());
        BufferedImage png = Png.decode(b.data().get("image/png"));
        assertEquals(1200, png.getWidth());
        assertEquals(800, png.getHeight());
        assertEquals(Map.of("width", 600, "height", 400), b.metadata().get("image/png"));
        assertFalse(b.data().get("image/png").contains("\n"), "base64 without line breaks");
    }

    @Test
    void showHandsTheFigureToTheSinkAndReturnsNothingToShowTwice() {
        Recording rec = new Recording();
        DisplaySink old = Display.setSink(rec);
        try {
            Figure fig = subplots(1, 2);
            fig.ax(0).scatter(new double[] {0, 1}, new double[] {0, 1});
            fig.show();
            fig.ax(1).plot(new double[] {3, 1, 2});
            Display.show(fig);
            assertEquals(2, rec.shown.size());
            assertTrue(rec.shown.get(1).has("image/png"));
            assertTrue(rec.shown.get(0).plain().startsWith("Figure(1x2, "));
        } finally {
            Display.setSink(old);
        }
    }

    @Test
    void renderersKnowXChartChartsAndJavaImages() {
        XYChart chart = new XYChartBuilder().width(300).height(200).title("raw").build();
        chart.addSeries("s", new double[] {0, 1, 2}, new double[] {1, 0, 1});
        MimeBundle b = Renderers.render(chart);
        assertEquals(Map.of("width", 300, "height", 200), b.metadata().get("image/png"));
        assertEquals(600, Png.decode(b.data().get("image/png")).getWidth());

        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        MimeBundle i = Renderers.render(img);
        assertEquals("BufferedImage(28x28, grey)", i.plain());
        assertEquals(28, Png.decode(i.data().get("image/png")).getWidth());
    }

    @Test
    void theConsoleSinkWritesThePngAndSaysWhere(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConsoleSink sink = new ConsoleSink(new PrintStream(out, true, StandardCharsets.UTF_8), dir);
        sink.display(scatter(new double[] {1}, new double[] {1}).toMimeBundle(), null);
        String printed = out.toString(StandardCharsets.UTF_8);
        Path file = dir.resolve("figure-001.png");
        assertTrue(printed.contains(file.toString()), printed);
        assertEquals(1200, javax.imageio.ImageIO.read(file.toFile()).getWidth());
    }

    @Test
    void saveWritesAPngFileMakingFolders(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a/b/fn.png");
        assertSame(file, plotFunction(x -> x.mul(2)).save(file));
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(file), 4);
        assertEquals("\u0089PNG", new String(head, StandardCharsets.ISO_8859_1));
    }

    @Test
    void plotFunctionEvaluatesOnLinspaceColumnAsTheLessonDoes() {
        List<int[]> shapes = new ArrayList<>();
        Figure fig = plotFunction(x -> {
            shapes.add(x.shape().toArray());
            return x.pow(2);
        }, "x²", -1, 1);
        assertEquals(1, shapes.size(), "one call for all points");
        assertEquals(List.of(100, 1), List.of(shapes.get(0)[0], shapes.get(0)[1]));
        assertEquals("Figure(1x1, 600x400 px, 'x²')", fig.toString());
        BufferedImage img = fig.toImage();
        assertTrue(Pixels.near(img, fig.ax(0).pixelOf(0.5, 0.25), 3, Pixels::red), "lesson default colour is red");
    }

    @Test
    void tensorSeriesOfAnyShapeWithTheSameCount() {
        Tensor x = Tensors.linspace(-2, 2, 20).get(":, None");
        Tensor y = x.pow(2);
        Figure fig = scatter(x, y);
        assertTrue(Pixels.near(fig.toImage(), fig.ax(0).pixelOf(2, 4), 1, Pixels::c0Blue));
        var e = assertThrows(IllegalArgumentException.class, () -> scatter(x, Tensors.zeros(19)));
        assertTrue(e.getMessage().contains("[20, 1]") && e.getMessage().contains("[19]") && e.getMessage().contains("one y per x"),
                e.getMessage());
        // Method references, Function variables and modules (UnaryOperator<Tensor>) all fit.
        java.util.function.Function<Tensor, Tensor> relu = Tensor::relu;
        java.util.function.UnaryOperator<Tensor> twice = t -> t.mul(2);
        assertEquals(3, List.of(plotFunction(Tensor::sigmoid, "sigmoid", -4, 4), plotFunction(relu, "relu"),
                plotFunction(twice)).size());
        var f = assertThrows(IllegalArgumentException.class, () -> plotFunction(t -> t.sum(), "sum"));
        assertTrue(f.getMessage().contains("one value per x"), f.getMessage());
    }

    @Test
    void onePanelShortcutsRefuseGridsAndSaySo() {
        Figure fig = subplots(1, 4);
        var e = assertThrows(IllegalStateException.class, () -> fig.scatter(new double[] {1}, new double[] {1}));
        assertEquals("scatter: this figure has 1 x 4 panels; pick one with fig.ax(i), i from 0 to 3, and draw on it",
                e.getMessage());
        var i = assertThrows(IndexOutOfBoundsException.class, () -> fig.ax(4));
        assertTrue(i.getMessage().contains("numbered 0 to 3"), i.getMessage());
        var c = assertThrows(IllegalArgumentException.class, () -> scatter(new double[] {1}, new double[] {1}, "reed"));
        assertTrue(c.getMessage().startsWith("unknown colour 'reed'"), c.getMessage());
        var s = assertThrows(IllegalArgumentException.class, () -> fig.size(10, 10));
        assertTrue(s.getMessage().contains("50 to 4000"), s.getMessage());
    }

    @Test
    void sizeAndSuptitleChangeTheCanvas() {
        Figure fig = subplots(2, 2).size(800, 600).suptitle("grid");
        BufferedImage img = fig.toImage();
        assertEquals(1600, img.getWidth());
        assertEquals(1200, img.getHeight());
        var band = new java.awt.geom.Rectangle2D.Double(0, 0, 800, 30);
        assertTrue(Pixels.count(img, band, Pixels::dark) > 30, "the suptitle is drawn at the top");
    }

    @Test
    void fontProblemsAreRecognisedAndExplained() {
        var npe = new NullPointerException("Cannot load from short array because \"sun.awt.FontConfiguration.head\" is null");
        assertTrue(Fonts.isFontProblem(npe));
        assertTrue(Fonts.isFontProblem(new RuntimeException("wrapped", new UnsatisfiedLinkError("libfontmanager.so"))));
        assertFalse(Fonts.isFontProblem(new IllegalArgumentException("x has 3 values")));
        String m = Fonts.missing(npe).getMessage();
        assertTrue(m.contains("apt-get install -y fontconfig fonts-dejavu-core") && m.contains("conda install"), m);
        Fonts.check(); // this machine has fonts: no exception
    }
}
