package org.workbook.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.workbook.display.Display;
import org.workbook.display.Displayable;
import org.workbook.display.MimeBundle;
import org.workbook.tensor.Tensor;

/**
 * A picture made of panels ({@link Axes}) in a grid: what every helper in
 * {@link Plot} returns and what a notebook shows. It is drawn when shown, as a PNG
 * at twice its display size (crisp on high-density screens and slides) with Jupyter
 * told the display size.
 *
 * <pre>{@code
 * jshell> var fig = subplots(1, 4)
 * jshell> for (int i = 0; i < 4; i++) fig.ax(i).scatter(time, speed).plot(time, preds[i], "red")
 * jshell> fig                                      // shown when it is the cell's value
 * jshell> fig.show()                               // or now, from anywhere (a loop, a main method)
 * jshell> fig.save(Path.of("steps.png"))
 * }</pre>
 *
 * A one-panel figure (what {@code scatter}, {@code plotFunction}, {@code showImage}
 * return) takes the panel's methods directly: {@code scatter(x, y).plot(x, fit, "red")}.
 */
public final class Figure implements Displayable {
    /** Device pixels per display pixel. */
    public static final int DENSITY = 2;
    static final int CHART_WIDTH = 600;
    static final int CHART_HEIGHT = 400;
    /** The widest a default figure gets, in display pixels: a notebook column or a slide. */
    static final int MAX_WIDTH = 1000;
    static final int IMAGE_SIZE = 280;
    static final int GRID_IMAGE_SIZE = 150;
    static final int SUPTITLE_HEIGHT = 32;

    static {
        // Figures are only ever drawn into images: never let AWT start a window toolkit
        // (on a desktop it would open a dock icon or need a display), unless the host chose.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final int rows;
    private final int cols;
    private final List<Axes> axes;
    private Integer width;
    private Integer height;
    private String suptitle;

    private Figure(int rows, int cols, List<Axes> axes) {
        this.rows = rows;
        this.cols = cols;
        this.axes = List.copyOf(axes);
    }

    /** A grid of {@code rows x cols} empty panels (matplotlib's {@code plt.subplots}). */
    public static Figure subplots(int rows, int cols) {
        if (rows < 1 || cols < 1 || (long) rows * cols > 400) {
            throw new IllegalArgumentException("subplots needs 1 to 400 panels in all, rows and cols >= 1; got "
                    + rows + " x " + cols);
        }
        List<Axes> l = new ArrayList<>();
        for (int i = 0; i < rows * cols; i++) {
            l.add(new Axes());
        }
        return new Figure(rows, cols, l);
    }

    /** A figure of one panel. */
    static Figure of(Axes a) {
        return new Figure(1, 1, List.of(a));
    }

    /** An XChart chart as a figure, drawn as XChart styles it, at the chart's own size. */
    public static Figure of(Chart<?, ?> chart) {
        return of(Axes.wrap(chart)).size(chart.getWidth(), chart.getHeight());
    }

    /** Panel {@code i}, counting along rows (matplotlib's {@code axs.flat[i]}). */
    public Axes ax(int i) {
        if (i < 0 || i >= axes.size()) {
            throw new IndexOutOfBoundsException("panel " + i + " does not exist: this figure has " + rows + " x " + cols
                    + " panels, numbered 0 to " + (axes.size() - 1));
        }
        return axes.get(i);
    }

    /** The panel at {@code row}, {@code col} (matplotlib's {@code axs[row, col]}). */
    public Axes ax(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("panel (" + row + ", " + col + ") does not exist: this figure has "
                    + rows + " rows and " + cols + " columns, counted from 0");
        }
        return axes.get(row * cols + col);
    }

    public List<Axes> axes() {
        return axes;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The display size in pixels (the PNG has {@link #DENSITY} times as many). */
    public synchronized Figure size(int width, int height) {
        if (width < 50 || height < 50 || width > 4000 || height > 4000) {
            throw new IllegalArgumentException("a figure is 50 to 4000 display pixels each way; got " + width + " x " + height);
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /** A title over the whole figure (matplotlib's {@code fig.suptitle}). */
    public synchronized Figure suptitle(String title) {
        this.suptitle = title;
        return this;
    }

    /** Display width in pixels: set by {@link #size}, or chosen from the panels. */
    public synchronized int width() {
        return width != null ? width : FigureLayout.defaultWidth(this);
    }

    /** Display height in pixels. */
    public synchronized int height() {
        return height != null ? height : FigureLayout.defaultHeight(this) + (suptitle != null ? SUPTITLE_HEIGHT : 0);
    }

    /** Draws the figure: {@code width() * 2} by {@code height() * 2} pixels. */
    public synchronized BufferedImage toImage() {
        int w = width();
        int h = height();
        BufferedImage img = new BufferedImage(w * DENSITY, h * DENSITY, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.scale(DENSITY, DENSITY);
            FigureLayout.paint(this, g, w, h, suptitle);
        } catch (RuntimeException | Error e) {
            if (Fonts.isFontProblem(e)) {
                throw Fonts.missing(e);
            }
            throw e;
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The figure as PNG bytes. */
    public byte[] toPng() {
        return Png.encode(toImage());
    }

    /** Writes the figure as a PNG file (folders made as needed); returns the file. */
    public Path save(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, toPng());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the figure to " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code text/plain} (a description) and {@code image/png} with its display size as metadata. */
    @Override
    public MimeBundle toMimeBundle() {
        int w;
        int h;
        byte[] png;
        synchronized (this) {
            w = width();
            h = height();
            png = toPng();
        }
        return MimeBundle.text(toString())
                .with("image/png", Png.base64(png))
                .withMetadata("image/png", Map.of("width", w, "height", h));
    }

    /** Shows the figure now, wherever the code runs ({@code Display.show(this)}). */
    public void show() {
        Display.show(this);
    }

    @Override
    public synchronized String toString() {
        StringBuilder sb = new StringBuilder("Figure(");
        sb.append(rows).append('x').append(cols).append(", ").append(width()).append('x').append(height()).append(" px");
        if (suptitle != null) {
            sb.append(", '").append(suptitle).append('\'');
        }
        List<String> titles = new ArrayList<>();
        for (Axes a : axes) {
            if (a.title != null) {
                titles.add("'" + a.title + "'");
            }
        }
        if (!titles.isEmpty()) {
            sb.append(", ").append(String.join(" ", titles));
        }
        return sb.append(')').toString();
    }

    // ---- the one panel's methods, for one-panel figures (see Axes for each) --------------

    public Figure scatter(double[] x, double[] y) {
        only("scatter").scatter(x, y);
        return this;
    }

    public Figure scatter(double[] x, double[] y, String color) {
        only("scatter").scatter(x, y, color);
        return this;
    }

    public Figure scatter(double[] x, double[] y, String color, String label) {
        only("scatter").scatter(x, y, color, label);
        return this;
    }

    public Figure scatter(Tensor x, Tensor y) {
        only("scatter").scatter(x, y);
        return this;
    }

    public Figure scatter(Tensor x, Tensor y, String color) {
        only("scatter").scatter(x, y, color);
        return this;
    }

    public Figure scatter(Tensor x, Tensor y, String color, String label) {
        only("scatter").scatter(x, y, color, label);
        return this;
    }

    public Figure plot(double[] y) {
        only("plot").plot(y);
        return this;
    }

    public Figure plot(double[] x, double[] y) {
        only("plot").plot(x, y);
        return this;
    }

    public Figure plot(double[] x, double[] y, String color) {
        only("plot").plot(x, y, color);
        return this;
    }

    public Figure plot(double[] x, double[] y, String color, String label) {
        only("plot").plot(x, y, color, label);
        return this;
    }

    public Figure plot(Tensor x, Tensor y) {
        only("plot").plot(x, y);
        return this;
    }

    public Figure plot(Tensor x, Tensor y, String color) {
        only("plot").plot(x, y, color);
        return this;
    }

    public Figure plot(Tensor x, Tensor y, String color, String label) {
        only("plot").plot(x, y, color, label);
        return this;
    }

    public Figure plotFunction(Function<? super Tensor, ? extends Tensor> f, double min, double max) {
        only("plotFunction").plotFunction(f, min, max);
        return this;
    }

    public Figure plotFunction(Function<? super Tensor, ? extends Tensor> f, double min, double max, String color) {
        only("plotFunction").plotFunction(f, min, max, color);
        return this;
    }

    public Figure plotDoubleFunction(DoubleUnaryOperator f, double min, double max) {
        only("plotDoubleFunction").plotDoubleFunction(f, min, max);
        return this;
    }

    public Figure plotDoubleFunction(DoubleUnaryOperator f, double min, double max, String color) {
        only("plotDoubleFunction").plotDoubleFunction(f, min, max, color);
        return this;
    }

    public Figure imshow(Tensor t) {
        only("imshow").imshow(t);
        return this;
    }

    public Figure imshow(BufferedImage img) {
        only("imshow").imshow(img);
        return this;
    }

    public Figure title(String t) {
        only("title (for the whole figure use suptitle)").title(t);
        return this;
    }

    public Figure xlabel(String l) {
        only("xlabel").xlabel(l);
        return this;
    }

    public Figure ylabel(String l) {
        only("ylabel").ylabel(l);
        return this;
    }

    public Figure xlim(double lo, double hi) {
        only("xlim").xlim(lo, hi);
        return this;
    }

    public Figure ylim(double lo, double hi) {
        only("ylim").ylim(lo, hi);
        return this;
    }

    public Figure color(String color) {
        only("color").color(color);
        return this;
    }

    public Figure label(String label) {
        only("label").label(label);
        return this;
    }

    public Figure clim(double min, double max) {
        only("clim").clim(min, max);
        return this;
    }

    /** The colour map of every grey image in the figure: "Greys" (default) or "gray". */
    public Figure cmap(String name) {
        for (Axes a : axes) {
            a.cmap(name);
        }
        return this;
    }

    /** The one panel's XChart chart, for XChart's own styling. */
    public XYChart xchart() {
        return only("xchart").xchart();
    }

    /** The only panel, for the one-panel shortcuts above. */
    Axes only(String what) {
        if (axes.size() != 1) {
            throw new IllegalStateException(what + ": this figure has " + rows + " x " + cols
                    + " panels; pick one with fig.ax(i), i from 0 to " + (axes.size() - 1) + ", and draw on it");
        }
        return axes.get(0);
    }
}
