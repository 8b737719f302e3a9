package org.workbook.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.plot.Plot.plotDoubleFunction;
import static org.workbook.plot.Plot.plotLines;
import static org.workbook.plot.Plot.scatter;
import static org.workbook.plot.Plot.subplots;

import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Charts drawn to pixels: the series are where their data says, in their colours. */
class ChartRenderTest {

    @Test
    void functionPlotIsRedAlongTheCurveAndWhiteAwayFromIt() {
        Figure fig = plotDoubleFunction(x -> x * x, "x squared", -2, 2);
        BufferedImage img = fig.toImage();
        assertEquals(1200, img.getWidth());
        assertEquals(800, img.getHeight());
        Axes ax = fig.ax(0);
        for (double x : new double[] {-1.5, -0.5, 0, 0.7, 1.9}) {
            Point2D p = ax.pixelOf(x, x * x);
            assertTrue(Pixels.near(img, p, 3, Pixels::red), "no red curve at x = " + x + " (" + p + ")");
        }
        // Well above the parabola's bottom there is nothing but background (and faint grid).
        Point2D empty = ax.pixelOf(0.03, 2.7);
        assertFalse(Pixels.near(img, empty, 3, Pixels::red));
        assertFalse(Pixels.near(img, empty, 3, Pixels::dark));
    }

    @Test
    void scatterPutsAKnownPointWhereItBelongs() {
        double[] x = {0, 1, 2, 3, 4};
        double[] y = {0, 3, 1, 4, 2};
        Figure fig = scatter(x, y);
        BufferedImage img = fig.toImage();
        for (int i = 0; i < x.length; i++) {
            Point2D p = fig.ax(0).pixelOf(x[i], y[i]);
            assertTrue(Pixels.c0Blue(img.getRGB((int) (p.getX() * 2), (int) (p.getY() * 2)) & 0xFFFFFF),
                    "point " + i + " is not drawn in C0 blue at " + p);
        }
        Point2D between = fig.ax(0).pixelOf(0.5, 3.5);
        assertFalse(Pixels.near(img, between, 4, Pixels::c0Blue), "nothing was plotted at (0.5, 3.5)");
    }

    @Test
    void dataAndRedPredictionsShareOneChartWithTheYLimitsGiven() {
        double[] t = new double[20];
        double[] speed = new double[20];
        double[] preds = new double[20];
        Random rng = new Random(1);
        for (int i = 0; i < 20; i++) {
            t[i] = i;
            speed[i] = rng.nextGaussian() * 3 + 0.75 * (i - 9.5) * (i - 9.5) + 1;
            preds[i] = -0.5 * i * i + 2 * i;
        }
        Figure fig = scatter(t, speed).scatter(t, preds, "red").ylim(-300, 100);
        BufferedImage img = fig.toImage();
        Axes ax = fig.ax(0);
        for (int i = 0; i < 20; i += 3) {
            assertTrue(Pixels.near(img, ax.pixelOf(t[i], speed[i]), 1, Pixels::c0Blue), "data point " + i);
            assertTrue(Pixels.near(img, ax.pixelOf(t[i], preds[i]), 1, Pixels::red), "prediction " + i);
        }
        // ylim(-300, 100): y = -300 is at the bottom of the plot, y = 100 at its top.
        double bottom = ax.pixelOf(0, -300).getY();
        double top = ax.pixelOf(0, 100).getY();
        assertTrue(bottom > top + 250, "the y axis should span -300..100 over most of 400 px: " + top + " .. " + bottom);
    }

    @Test
    void aFitLineGoesThroughTheScatter() {
        double[] x = {-2, -1, 0, 1, 2};
        double[] y = {4.2, 0.9, 0.1, 1.2, 3.9};
        Figure fig = scatter(x, y).plotDoubleFunction(v -> v * v, -2, 2, "red");
        BufferedImage img = fig.toImage();
        assertTrue(Pixels.near(img, fig.ax(0).pixelOf(1.5, 2.25), 3, Pixels::red));
        assertTrue(Pixels.near(img, fig.ax(0).pixelOf(-1, 0.9), 1, Pixels::c0Blue));
    }

    @Test
    void plotLinesDrawsEachSeriesInItsCycleColourWithALegend() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("train_loss", new double[] {1.0, 0.6, 0.4, 0.3});
        m.put("valid_loss", new double[] {0.9, 0.7, 0.55, 0.5});
        Figure fig = plotLines(m, "epoch");
        BufferedImage img = fig.toImage();
        Axes ax = fig.ax(0);
        assertTrue(Pixels.near(img, ax.pixelOf(1, 0.6), 2, Pixels::c0Blue), "train_loss in C0");
        assertTrue(Pixels.near(img, ax.pixelOf(2, 0.55), 2, Pixels::c1Orange), "valid_loss in C1");
        assertTrue(ax.xchart().getStyler().isLegendVisible(), "named series get a legend");
        assertEquals("epoch", ax.xchart().getXAxisTitle());
    }

    @Test
    void aSingleSeriesHasNoLegendAndNamesTheYAxis() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("accuracy", new double[] {0.5, 0.8, 0.9});
        Figure fig = plotLines(m, "epoch");
        fig.toImage();
        assertFalse(fig.ax(0).xchart().getStyler().isLegendVisible(), "one series: no legend box over the curve");
        assertEquals("accuracy", fig.ax(0).xchart().getYAxisTitle());
    }

    @Test
    void subplotsPlaceEachChartInItsOwnCell() {
        Figure fig = subplots(1, 4);
        for (int i = 0; i < 4; i++) {
            fig.ax(i).scatter(new double[] {0, 1, 2}, new double[] {i, i + 1, i + 2}, "red").title("step " + i);
        }
        BufferedImage img = fig.toImage();
        assertEquals(fig.width() * 2, img.getWidth());
        assertEquals(4 * 250, fig.width(), "four charts share 1000 display pixels");
        for (int i = 0; i < 4; i++) {
            Point2D p = fig.ax(i).pixelOf(1, i + 1);
            assertTrue(p.getX() >= i * 250 && p.getX() < (i + 1) * 250, "panel " + i + " drew outside its cell: " + p);
            assertTrue(Pixels.near(img, p, 1, Pixels::red), "panel " + i + " point");
        }
    }

    @Test
    void anEmptyPanelShowsItsFrameAndAnAxisOffPanelNothing() {
        Figure fig = subplots(1, 2);
        fig.ax(1).axisOff();
        BufferedImage img = fig.toImage();
        var left = new java.awt.geom.Rectangle2D.Double(0, 0, fig.width() / 2.0, fig.height());
        var right = new java.awt.geom.Rectangle2D.Double(fig.width() / 2.0, 0, fig.width() / 2.0, fig.height());
        assertTrue(Pixels.count(img, left, Pixels::dark) > 100);
        assertEquals(0, Pixels.count(img, right, rgb -> !Pixels.white(rgb)));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 10, 100})
    void equallySpacedXGetsRoundTicksUnlessItIsRoundAlready(int n) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -2.1 + 4.2 * i / (n - 1);
            y[i] = x[i];
        }
        Figure odd = Plot.plot(x, y);
        odd.toImage();
        assertTrue(odd.xchart().getSeriesMap().size() == 2, "an invisible helper point evens out the ticks");
        Figure epochs = Plot.plot(TensorData.range(n));
        epochs.toImage();
        assertEquals(1, epochs.xchart().getSeriesMap().size(), "0, 1, 2, ... keeps XChart's ticks on the data");
    }

    @Test
    void infinitiesBecomeGapsAndAllBadDataIsRefused() {
        Figure fig = plotDoubleFunction(x -> 1 / x, "1/x", -1, 1);
        assertEquals(1200, fig.toImage().getWidth());
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> scatter(new double[] {1, 2}, new double[] {Double.NaN, Double.POSITIVE_INFINITY}));
        assertTrue(e.getMessage().contains("every point has a NaN or infinite coordinate"), e.getMessage());
    }
}
