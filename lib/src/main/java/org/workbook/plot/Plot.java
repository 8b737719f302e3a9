package org.workbook.plot;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.workbook.tensor.Tensor;

/**
 * The plotting helpers the lessons call, named after the course's Python:
 * {@code import static org.workbook.plot.Plot.*;}
 *
 * <pre>{@code
 * jshell> plotFunction(x -> x.pow(2).mul(3).add(x.mul(2)).add(1), "3x² + 2x + 1")
 * jshell> scatter(x, y).plotFunction(mkQuad(3, 2, 1), -2.1, 2.1).ylim(-3, 13)
 * jshell> scatter(time, speed).scatter(time, preds, "red").ylim(-300, 100)
 * jshell> showImage(mean3)
 * jshell> showImages(valid.get(":8"), 1, labels.get(":8")).cmap("gray")
 * jshell> plot(accuracies).xlabel("epoch").ylabel("accuracy")      // one value per epoch
 * }</pre>
 *
 * <h2>When a figure appears</h2>
 * Every helper returns a {@link Figure} and draws nothing yet. In a notebook the
 * figure appears when it is the cell's value, as a matplotlib figure appears when the
 * cell ends; because it is drawn then, the calls chained after it (a second series,
 * {@code .ylim(...)}, {@code .title(...)}) are in the picture. To show one at
 * another moment (inside a loop, several in one cell, from a main method), call
 * {@link Figure#show()}, which hands it to {@code Display.show}: Jupyter shows it at
 * once and plain Java writes it to a PNG file and prints where.
 *
 * <h2>Functions on tensors and on numbers</h2>
 * {@code plotFunction} takes a function on tensors, as the lessons' {@code plot_function}
 * does: it is called once on {@code linspace(min, max, 100)[:, None]}. A function on
 * plain numbers goes to {@code plotDoubleFunction} ({@code plotDoubleFunction(Math::sin,
 * "sin", -3, 3)}). They have different names on purpose: with one name, a lambda such as
 * {@code x -> f(x)} would not compile ("reference to plotFunction is ambiguous").
 */
public final class Plot {
    /** How many x values a function is evaluated at, as the lessons' {@code plot_function}. */
    public static final int FUNCTION_POINTS = 100;
    /** The lessons' {@code plot_function} defaults: {@code min=-2.1, max=2.1, color='r'}. */
    public static final double FUNCTION_MIN = -2.1;
    public static final double FUNCTION_MAX = 2.1;
    public static final String FUNCTION_COLOR = "r";

    private Plot() { }

    // ---- functions ----------------------------------------------------------------------

    /** {@code f} on tensors, drawn in red from -2.1 to 2.1. */
    public static Figure plotFunction(Function<? super Tensor, ? extends Tensor> f) {
        return plotFunction(f, null, FUNCTION_MIN, FUNCTION_MAX, FUNCTION_COLOR);
    }

    public static Figure plotFunction(Function<? super Tensor, ? extends Tensor> f, String title) {
        return plotFunction(f, title, FUNCTION_MIN, FUNCTION_MAX, FUNCTION_COLOR);
    }

    /** {@code f} on tensors from {@code min} to {@code max}; add {@code .ylim(lo, hi)} to fix the y range. */
    public static Figure plotFunction(Function<? super Tensor, ? extends Tensor> f, String title, double min, double max) {
        return plotFunction(f, title, min, max, FUNCTION_COLOR);
    }

    public static Figure plotFunction(Function<? super Tensor, ? extends Tensor> f, String title, double min, double max, String color) {
        return figure().plotFunction(f, min, max, color).title(title);
    }

    /** {@code f} on numbers, drawn in red from -2.1 to 2.1. */
    public static Figure plotDoubleFunction(DoubleUnaryOperator f) {
        return plotDoubleFunction(f, null, FUNCTION_MIN, FUNCTION_MAX, FUNCTION_COLOR);
    }

    public static Figure plotDoubleFunction(DoubleUnaryOperator f, String title) {
        return plotDoubleFunction(f, title, FUNCTION_MIN, FUNCTION_MAX, FUNCTION_COLOR);
    }

    public static Figure plotDoubleFunction(DoubleUnaryOperator f, String title, double min, double max) {
        return plotDoubleFunction(f, title, min, max, FUNCTION_COLOR);
    }

    public static Figure plotDoubleFunction(DoubleUnaryOperator f, String title, double min, double max, String color) {
        return figure().plotDoubleFunction(f, min, max, color).title(title);
    }

    // ---- points and lines ---------------------------------------------------------------

    /** An empty one-panel figure to draw on (matplotlib's {@code plt.figure()}). */
    public static Figure figure() {
        return Figure.subplots(1, 1);
    }

    /** A grid of empty panels (matplotlib's {@code plt.subplots(rows, cols)}); draw on {@code fig.ax(i)}. */
    public static Figure subplots(int rows, int cols) {
        return Figure.subplots(rows, cols);
    }

    public static Figure scatter(double[] x, double[] y) {
        return figure().scatter(x, y);
    }

    public static Figure scatter(double[] x, double[] y, String color) {
        return figure().scatter(x, y, color);
    }

    /** Points from two tensors with as many values (any shapes, e.g. {@code x[:, None]}). */
    public static Figure scatter(Tensor x, Tensor y) {
        return figure().scatter(x, y);
    }

    public static Figure scatter(Tensor x, Tensor y, String color) {
        return figure().scatter(x, y, color);
    }

    /** A line through the points. */
    public static Figure plot(double[] x, double[] y) {
        return figure().plot(x, y);
    }

    public static Figure plot(double[] x, double[] y, String color) {
        return figure().plot(x, y, color);
    }

    public static Figure plot(Tensor x, Tensor y) {
        return figure().plot(x, y);
    }

    public static Figure plot(Tensor x, Tensor y, String color) {
        return figure().plot(x, y, color);
    }

    /** A line through {@code y[i]} at x = 0, 1, 2, ...: one value per epoch. */
    public static Figure plot(double[] y) {
        return figure().plot(y);
    }

    /**
     * Per-epoch values as lines against 0, 1, 2, ..., one per entry and named by its key
     * in the legend (keep the order with a {@code LinkedHashMap}): what a Recorder plots.
     *
     * <pre>{@code
     * jshell> var m = new LinkedHashMap<String, double[]>(); m.put("train_loss", tl); m.put("valid_loss", vl)
     * jshell> plotLines(m, "epoch")
     * }</pre>
     */
    public static Figure plotLines(Map<String, double[]> series, String xLabel) {
        return plotLines(series, xLabel, null);
    }

    public static Figure plotLines(Map<String, double[]> series, String xLabel, String yLabel) {
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException("plotLines needs at least one named series, e.g. Map.of(\"valid_loss\", values)");
        }
        Figure fig = figure();
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            if (e.getValue() == null || e.getValue().length == 0) {
                throw new IllegalArgumentException("plotLines: series '" + e.getKey() + "' has no values yet");
            }
            // One series needs no legend box (it would cover the curve's end); its name labels the y axis.
            String label = series.size() == 1 ? null : e.getKey();
            fig.plot(TensorData.range(e.getValue().length), e.getValue(), null, label);
        }
        String y = yLabel == null && series.size() == 1 ? series.keySet().iterator().next() : yLabel;
        return fig.xlabel(xLabel).ylabel(y);
    }

    // ---- images -------------------------------------------------------------------------

    /** A 2-D tensor as a grey image, its own min..max from white to black (fastai's {@code show_image}). */
    public static Figure showImage(Tensor image) {
        return showImage(image, null);
    }

    public static Figure showImage(Tensor image, String title) {
        return figure().imshow(image).title(title);
    }

    /** A Java image; a grey one is scaled and coloured like a 2-D tensor. */
    public static Figure showImage(BufferedImage image) {
        return showImage(image, null);
    }

    public static Figure showImage(BufferedImage image, String title) {
        return figure().imshow(image).title(title);
    }

    /** Images in a grid of {@code rows} rows (fastai's {@code show_images}, the ML course's {@code plots}). */
    public static Figure showImages(List<Tensor> images, int rows) {
        return showImages(images, rows, (List<?>) null);
    }

    /** Images in a grid, each with its title ({@code titles} may be null, or labels of any type). */
    public static Figure showImages(List<Tensor> images, int rows, List<?> titles) {
        if (images == null || images.isEmpty()) {
            throw new IllegalArgumentException("showImages needs at least one image");
        }
        if (rows < 1 || rows > images.size()) {
            throw new IllegalArgumentException("showImages: rows must be 1 to " + images.size()
                    + " (the number of images), got " + rows);
        }
        if (titles != null && titles.size() != images.size()) {
            throw new IllegalArgumentException("showImages: " + images.size() + " images but " + titles.size()
                    + " titles: give one title per image, or none");
        }
        int cols = (images.size() + rows - 1) / rows;
        Figure fig = Figure.subplots(rows, cols);
        for (int i = 0; i < images.size(); i++) {
            Axes a = fig.ax(i).imshow(images.get(i));
            if (titles != null) {
                a.title(String.valueOf(titles.get(i)));
            }
        }
        for (int i = images.size(); i < rows * cols; i++) {
            fig.ax(i).axisOff();
        }
        return fig;
    }

    /** The images along dim 0 of a batch {@code [N, H, W]} in a grid. */
    public static Figure showImages(Tensor images, int rows) {
        return showImages(TensorData.split(images), rows, (List<?>) null);
    }

    public static Figure showImages(Tensor images, int rows, List<?> titles) {
        return showImages(TensorData.split(images), rows, titles);
    }

    /** A batch of images titled by a tensor of labels ({@code y_valid[:8]}). */
    public static Figure showImages(Tensor images, int rows, Tensor labels) {
        return showImages(TensorData.split(images), rows, TensorData.labels(labels));
    }
}
