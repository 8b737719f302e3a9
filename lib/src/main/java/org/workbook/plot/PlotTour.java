package org.workbook.plot;

import static org.workbook.plot.Plot.plotFunction;
import static org.workbook.plot.Plot.plotLines;
import static org.workbook.plot.Plot.scatter;
import static org.workbook.plot.Plot.showImage;
import static org.workbook.plot.Plot.showImages;
import static org.workbook.plot.Plot.subplots;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.workbook.data.IdxFile;
import org.workbook.data.MnistFiles;
import org.workbook.display.Table;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * Writes the figures the lessons rely on into a folder, so a person can look at them
 * without Jupyter: {@code java org.workbook.plot.PlotTour build/figures/tour}.
 *
 * <ol>
 *   <li>{@code function.png}: {@code plotFunction} of 3x² + 2x + 1 (lesson 1);</li>
 *   <li>{@code scatter-fit.png}: noisy points and the quadratic they came from;</li>
 *   <li>{@code digits.png}: eight MNIST test digits titled with their labels
 *       ({@code showImages}; drawn digits when the data has not been fetched);</li>
 *   <li>{@code mean-digit.png}: the mean of the 3s, the "ideal 3" (lesson 2);</li>
 *   <li>{@code roller-coaster.png}: the 1x4 figure of SGD steps (lesson 2);</li>
 *   <li>{@code training.png}: loss curves per epoch, as a Recorder plots them;</li>
 *   <li>{@code pixels.html}: a 3's pixels as a table shaded like pandas' (lesson 2).</li>
 * </ol>
 */
public final class PlotTour {
    private PlotTour() { }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "build/figures/tour");
        for (Path p : write(dir)) {
            System.out.println(p);
        }
    }

    /** Writes every figure of the tour into {@code dir}; returns the files. */
    public static List<Path> write(Path dir) {
        Fonts.check();
        List<Path> out = new ArrayList<>();
        Random rng = new Random(42);

        out.add(plotFunction(x -> x.pow(2).mul(3).add(x.mul(2)).add(1), "3x² + 2x + 1")
                .save(dir.resolve("function.png")));

        double[] x = new double[20];
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            x[i] = -2 + 4.0 * i / 19;
            double f = 3 * x[i] * x[i] + 2 * x[i] + 1;
            y[i] = f * (1 + 0.15 * rng.nextGaussian()) + 1.5 * rng.nextGaussian();
        }
        out.add(scatter(x, y).plotFunction(t -> t.pow(2).mul(3).add(t.mul(2)).add(1), -2.1, 2.1, "red")
                .title("noisy data and the quadratic behind it").ylim(-3, 16)
                .save(dir.resolve("scatter-fit.png")));

        Digits digits = Digits.load(8);
        out.add(showImages(digits.images, 1, digits.labels).save(dir.resolve("digits.png")));
        out.add(showImage(digits.meanOfThrees, "mean of the 3s").save(dir.resolve("mean-digit.png")));

        out.add(rollerCoaster(rng).save(dir.resolve("roller-coaster.png")));

        Map<String, double[]> curves = new LinkedHashMap<>();
        double[] train = new double[10];
        double[] valid = new double[10];
        for (int e = 0; e < 10; e++) {
            train[e] = 0.9 * Math.exp(-e / 3.0) + 0.08 + 0.01 * rng.nextGaussian();
            valid[e] = 0.8 * Math.exp(-e / 3.5) + 0.12 + 0.01 * rng.nextGaussian();
        }
        curves.put("train_loss", train);
        curves.put("valid_loss", valid);
        out.add(plotLines(curves, "epoch", "loss").title("training").save(dir.resolve("training.png")));

        Tensor crop = digits.three.get("4:15, 4:22");
        String html = "<!doctype html><meta charset=\"utf-8\"><title>pixels</title>\n<p>"
                + digits.source + ": a 3's pixels [4:15, 4:22], shaded like pandas' background_gradient('Greys')</p>\n"
                + Table.of(crop).backgroundGradient().fontSize("6pt").toHtml() + "\n";
        out.add(writeText(dir.resolve("pixels.html"), html));
        return out;
    }

    /** Data like the book's roller coaster and four steps of a quadratic moving towards it. */
    private static Figure rollerCoaster(Random rng) {
        int n = 20;
        double[] time = new double[n];
        double[] speed = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = i;
            speed[i] = rng.nextGaussian() * 3 + 0.75 * (i - 9.5) * (i - 9.5) + 1;
        }
        Figure fig = subplots(1, 4);
        double[][] params = {{-0.3, 2.0, 0.5}, {0.1, 0.8, 0.6}, {0.35, -2.5, 0.7}, {0.6, -10.0, 0.9}};
        for (int s = 0; s < 4; s++) {
            double[] preds = new double[n];
            for (int i = 0; i < n; i++) {
                preds[i] = params[s][0] * i * i + params[s][1] * i + params[s][2];
            }
            fig.ax(s).scatter(time, speed).scatter(time, preds, "red").ylim(-300, 100).title("step " + s);
        }
        return fig;
    }

    private static Path writeText(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Digits with labels, one 3 and the mean 3: real MNIST when fetched, drawn ones otherwise. */
    static final class Digits {
        List<Tensor> images = new ArrayList<>();
        List<Object> labels = new ArrayList<>();
        Tensor three;
        Tensor meanOfThrees;
        String source;

        static Digits load(int count) {
            Digits d = new Digits();
            try {
                MnistFiles files = MnistFiles.located();
                IdxFile img = files.read(MnistFiles.TEST_IMAGES);
                IdxFile lab = files.read(MnistFiles.TEST_LABELS);
                byte[] pixels = img.data();
                byte[] labels = lab.data();
                double[] sum = new double[28 * 28];
                int threes = 0;
                for (int i = 0; i < img.count(); i++) {
                    if (i < count) {
                        d.images.add(Tensors.fromUint8(Arrays.copyOfRange(pixels, i * 784, (i + 1) * 784), 28, 28));
                        d.labels.add((int) labels[i]);
                    }
                    if (labels[i] == 3) {
                        if (threes == 0) {
                            d.three = Tensors.fromUint8(Arrays.copyOfRange(pixels, i * 784, (i + 1) * 784), 28, 28);
                        }
                        threes++;
                        for (int p = 0; p < 784; p++) {
                            sum[p] += (pixels[i * 784 + p] & 0xFF) / 255.0;
                        }
                    }
                }
                for (int p = 0; p < 784; p++) {
                    sum[p] /= threes;
                }
                d.meanOfThrees = Tensors.fromArray(sum, 28, 28);
                d.source = "MNIST test set";
            } catch (RuntimeException e) {
                System.out.println("(MNIST not found, so the tour draws its own digits: " + e.getMessage() + ")");
                d = drawn(count);
            }
            return d;
        }

        /** Digits drawn with a font, MNIST-style (white ink on black, 28x28), for when there is no data. */
        static Digits drawn(int count) {
            Digits d = new Digits();
            for (int i = 0; i < count; i++) {
                int digit = (3 + 4 * i) % 10;
                d.images.add(Tensors.fromUint8(glyph(digit), 28, 28));
                d.labels.add(digit);
            }
            d.three = Tensors.fromUint8(glyph(3), 28, 28);
            d.meanOfThrees = d.three.toFloat().div(255);
            d.source = "drawn digits";
            return d;
        }

        static byte[] glyph(int digit) {
            BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = img.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setColor(Color.WHITE);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 24));
                String s = Integer.toString(digit);
                int w = g.getFontMetrics().stringWidth(s);
                g.drawString(s, (28 - w) / 2, 23);
            } finally {
                g.dispose();
            }
            return ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        }
    }
}
