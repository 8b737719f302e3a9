package org.workbook.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.workbook.display.Colormap;
import org.workbook.display.Displayable;
import org.workbook.display.MimeBundle;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * One panel of a {@link Figure}, matplotlib's {@code ax}: a chart of series (scatter
 * points, lines, functions) or an image. Every method returns the panel, so calls
 * chain; nothing is drawn until the figure is shown.
 *
 * <pre>{@code
 * jshell> var fig = subplots(1, 2)
 * jshell> fig.ax(0).scatter(time, speed).title("data")
 * jshell> fig.ax(1).imshow(mean3).title("ideal 3")
 * jshell> fig                                           // the cell shows both panels
 * }</pre>
 *
 * Series without a colour take matplotlib's cycle (C0 blue, C1 orange, ...); the
 * legend appears once a series has a label. {@link #xchart()} hands out the XChart
 * chart underneath for anything these methods do not cover.
 */
public final class Axes implements Displayable {
    private XYChart chart;
    private Chart<?, ?> raw;
    private ImageData image;
    private Colormap cmap = Colormap.GREYS;
    private Double vmin;
    private Double vmax;
    String title;
    String xlabel;
    String ylabel;
    Double xmin;
    Double xmax;
    Double ymin;
    Double ymax;
    private XYSeries last;
    private int seriesCount;
    boolean legend;
    private boolean off;
    // Where the last paint put this panel, in figure pixels (before the 2x density).
    private double originX;
    private double originY;
    private Rectangle2D imageBounds;

    Axes() { }

    /** A panel that paints an XChart chart as it is, with its own styling. */
    static Axes wrap(Chart<?, ?> chart) {
        Axes a = new Axes();
        a.raw = chart;
        return a;
    }

    // ---- series -------------------------------------------------------------------------

    /** Points at {@code (x[i], y[i])}, in the next cycle colour. */
    public Axes scatter(double[] x, double[] y) {
        return scatter(x, y, null, null);
    }

    /** Points in {@code color} ("red", "r", "C1", "#ff0000"). */
    public Axes scatter(double[] x, double[] y, String color) {
        return scatter(x, y, color, null);
    }

    /** Points in {@code color} (null: the cycle's), named {@code label} in the legend (null: none). */
    public synchronized Axes scatter(double[] x, double[] y, String color, String label) {
        XYSeries s = add("scatter", x, y, color, label);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        return this;
    }

    /** Points from two tensors of the same size (any shape, e.g. {@code x[:, None]}). */
    public Axes scatter(Tensor x, Tensor y) {
        return scatter(x, y, null, null);
    }

    public Axes scatter(Tensor x, Tensor y, String color) {
        return scatter(x, y, color, null);
    }

    public Axes scatter(Tensor x, Tensor y, String color, String label) {
        double[][] xy = TensorData.pair(x, y, "scatter");
        return scatter(xy[0], xy[1], color, label);
    }

    /** A line through {@code y[i]} at x = 0, 1, 2, ... (per-epoch values). */
    public Axes plot(double[] y) {
        return plot(TensorData.range(y.length), y, null, null);
    }

    /** A line through {@code (x[i], y[i])}. */
    public Axes plot(double[] x, double[] y) {
        return plot(x, y, null, null);
    }

    public Axes plot(double[] x, double[] y, String color) {
        return plot(x, y, color, null);
    }

    /** A line in {@code color} (null: the cycle's) named {@code label} in the legend (null: none). */
    public synchronized Axes plot(double[] x, double[] y, String color, String label) {
        XYSeries s = add("plot", x, y, color, label);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineWidth(2f);
        return this;
    }

    public Axes plot(Tensor x, Tensor y) {
        return plot(x, y, null, null);
    }

    public Axes plot(Tensor x, Tensor y, String color) {
        return plot(x, y, color, null);
    }

    public Axes plot(Tensor x, Tensor y, String color, String label) {
        double[][] xy = TensorData.pair(x, y, "plot");
        return plot(xy[0], xy[1], color, label);
    }

    /**
     * The curve of a function on tensors, computed as the lessons do: on
     * {@code linspace(min, max, 100)[:, None]}, one call for all 100 points.
     */
    public Axes plotFunction(Function<? super Tensor, ? extends Tensor> f, double min, double max) {
        return plotFunction(f, min, max, null);
    }

    /** The curve of {@code f} in {@code color}. */
    public Axes plotFunction(Function<? super Tensor, ? extends Tensor> f, double min, double max, String color) {
        checkRange(min, max);
        Tensor x = Tensors.linspace(min, max, Plot.FUNCTION_POINTS).get(":, None");
        Tensor y = f.apply(x);
        if (y == null) {
            throw new IllegalArgumentException("plotFunction: the function returned null for x = linspace("
                    + min + ", " + max + ", " + Plot.FUNCTION_POINTS + ")[:, None]");
        }
        if (y.numel() != x.numel()) {
            throw new IllegalArgumentException("plotFunction: the function turned x of shape " + x.shape()
                    + " into shape " + y.shape() + ": it must give one value per x (elementwise)");
        }
        return plot(x.toDoubleArray(), y.toDoubleArray(), color, null);
    }

    /** The curve of a function on numbers, at 100 points from {@code min} to {@code max}. */
    public Axes plotDoubleFunction(DoubleUnaryOperator f, double min, double max) {
        return plotDoubleFunction(f, min, max, null);
    }

    public Axes plotDoubleFunction(DoubleUnaryOperator f, double min, double max, String color) {
        checkRange(min, max);
        int n = Plot.FUNCTION_POINTS;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = min + (max - min) * i / (n - 1);
            y[i] = f.applyAsDouble(x[i]);
        }
        return plot(x, y, color, null);
    }

    private static void checkRange(double min, double max) {
        if (!(min < max) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("a function is plotted from min to max with min < max, both finite; got "
                    + min + " .. " + max);
        }
    }

    private XYSeries add(String what, double[] x, double[] y, String color, String label) {
        if (image != null || raw != null) {
            throw new IllegalStateException(what + ": this panel already shows "
                    + (image != null ? "an image" : "an XChart chart") + "; draw the series on another panel (fig.ax(i))");
        }
        double[][] xy = TensorData.clean(x, y, what);
        Color c = color == null ? Colors.cycle(seriesCount) : Colors.parse(color);
        if (chart == null) {
            chart = new XYChart(Figure.CHART_WIDTH, Figure.CHART_HEIGHT);
        }
        String name = label != null ? label : "_series" + seriesCount;
        if (chart.getSeriesMap().containsKey(name)) {
            throw new IllegalArgumentException(what + ": this panel already has a series labelled '" + label
                    + "': give each series its own label");
        }
        XYSeries s = chart.addSeries(name, xy[0], xy[1]);
        s.setMarkerColor(c);
        s.setLineColor(c);
        s.setShowInLegend(label != null);
        legend |= label != null;
        seriesCount++;
        last = s;
        return s;
    }

    // ---- images -------------------------------------------------------------------------

    /** Shows a 2-D tensor (or {@code [1,H,W]}, or RGB {@code [3,H,W]} / {@code [H,W,3]}) as an image. */
    public synchronized Axes imshow(Tensor t) {
        return setImage(TensorData.image(t));
    }

    /** Shows a Java image; a grey one goes through the colour map like a 2-D tensor. */
    public synchronized Axes imshow(BufferedImage img) {
        return setImage(ImageData.of(img));
    }

    /** Shows {@code height * width} grey levels (any range), row by row. */
    public synchronized Axes imshow(double[] values, int height, int width) {
        return setImage(ImageData.grey(values, height, width));
    }

    private Axes setImage(ImageData img) {
        if (chart != null || raw != null) {
            throw new IllegalStateException("imshow: this panel already has a chart; show the image on another panel (fig.ax(i))");
        }
        image = img;
        return this;
    }

    /** The colour map of grey images: "Greys" (the default, dark ink on white, like fastai) or "gray". */
    public synchronized Axes cmap(String name) {
        cmap = Colormap.parse(name);
        return this;
    }

    /** Fixes the grey levels drawn as the map's ends (matplotlib's {@code vmin}, {@code vmax}). */
    public synchronized Axes clim(double min, double max) {
        if (!(min < max)) {
            throw new IllegalArgumentException("clim needs min < max, got " + min + " .. " + max);
        }
        vmin = min;
        vmax = max;
        return this;
    }

    // ---- decorations --------------------------------------------------------------------

    /** Leaves an empty panel blank, without its frame (matplotlib's {@code ax.axis('off')}). */
    public synchronized Axes axisOff() {
        off = true;
        return this;
    }

    public synchronized Axes title(String t) {
        title = t;
        return this;
    }

    public synchronized Axes xlabel(String l) {
        xlabel = l;
        return this;
    }

    public synchronized Axes ylabel(String l) {
        ylabel = l;
        return this;
    }

    /** The x range shown (matplotlib's {@code set_xlim}). */
    public synchronized Axes xlim(double lo, double hi) {
        checkLimits("xlim", lo, hi);
        xmin = lo;
        xmax = hi;
        return this;
    }

    /** The y range shown (matplotlib's {@code set_ylim}, the lessons' {@code ylim=(-300, 100)}). */
    public synchronized Axes ylim(double lo, double hi) {
        checkLimits("ylim", lo, hi);
        ymin = lo;
        ymax = hi;
        return this;
    }

    private static void checkLimits(String what, double lo, double hi) {
        if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException(what + " needs finite lo < hi, got " + lo + " .. " + hi);
        }
    }

    /** Recolours the series drawn last. */
    public synchronized Axes color(String color) {
        Color c = Colors.parse(color);
        lastSeries("color").setMarkerColor(c);
        last.setLineColor(c);
        return this;
    }

    /** Names the series drawn last in the legend. */
    public synchronized Axes label(String label) {
        lastSeries("label").setLabel(label);
        last.setShowInLegend(true);
        legend = true;
        return this;
    }

    private XYSeries lastSeries(String what) {
        if (last == null) {
            throw new IllegalStateException(what + ": no series drawn on this panel yet; call scatter/plot first");
        }
        return last;
    }

    /** The XChart chart of this panel (made empty if there is none yet), for XChart's own styling. */
    public synchronized XYChart xchart() {
        if (image != null || raw != null) {
            throw new IllegalStateException("this panel shows " + (image != null ? "an image" : "an XChart chart")
                    + ", not an XYChart of series");
        }
        if (chart == null) {
            chart = new XYChart(Figure.CHART_WIDTH, Figure.CHART_HEIGHT);
        }
        return chart;
    }

    // ---- showing ------------------------------------------------------------------------

    /** This panel alone as a figure. */
    @Override
    public MimeBundle toMimeBundle() {
        return Figure.of(this).toMimeBundle();
    }

    /** Shows this panel alone now. */
    public void show() {
        Figure.of(this).show();
    }

    boolean isImage() {
        return image != null;
    }

    /** Height over width of the image shown (0 when none). */
    synchronized double aspect() {
        return image == null ? 0 : image.height() / (double) image.width();
    }

    Chart<?, ?> raw() {
        return raw;
    }

    synchronized void paint(Graphics2D g, double x, double y, int w, int h) {
        originX = x;
        originY = y;
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.translate(x, y);
            g2.clipRect(0, 0, w, h);
            if (raw != null) {
                raw.paint(g2, w, h);
            } else if (image != null) {
                Rectangle2D r = AxesPainter.paintImage(g2, this, image.toImage(cmap, vmin, vmax), w, h);
                imageBounds = new Rectangle2D.Double(r.getX() + x, r.getY() + y, r.getWidth(), r.getHeight());
            } else if (chart != null) {
                AxesPainter.paintChart(g2, this, chart, w, h);
            } else if (!off) {
                AxesPainter.paintEmpty(g2, this, w, h);
            }
        } finally {
            g2.dispose();
        }
    }

    /** Where data point {@code (dx, dy)} landed in the last paint, in figure pixels (1x). */
    synchronized Point2D pixelOf(double dx, double dy) {
        Chart<?, ?> c = raw != null ? raw : chart;
        if (c == null) {
            throw new IllegalStateException("no chart on this panel");
        }
        return new Point2D.Double(originX + c.getScreenXFromChart(dx), originY + c.getScreenYFromChart(dy));
    }

    /** Where the image landed in the last paint, in figure pixels (1x). */
    synchronized Rectangle2D imageBounds() {
        return imageBounds;
    }

    @Override
    public synchronized String toString() {
        String what = image != null ? "image " + image.height() + "x" + image.width()
                : raw != null ? raw.getClass().getSimpleName()
                : seriesCount + " series";
        return "Axes(" + what + (title != null ? ", '" + title + "'" : "") + ")";
    }
}
