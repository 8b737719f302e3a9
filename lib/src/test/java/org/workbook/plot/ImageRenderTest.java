package org.workbook.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.plot.Plot.showImage;
import static org.workbook.plot.Plot.showImages;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/** Images drawn to pixels: bright data is dark ink with Greys, light with gray; grids keep order. */
class ImageRenderTest {

    /** 20x20, zero except a bright 5x5 square at rows 5..9, columns 10..14. */
    static Tensor square(double background, double bright) {
        double[] v = new double[400];
        java.util.Arrays.fill(v, background);
        for (int r = 5; r < 10; r++) {
            for (int c = 10; c < 15; c++) {
                v[r * 20 + c] = bright;
            }
        }
        return Tensors.fromArray(v, 20, 20);
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "0, 255", "-0.4245, 2.8215", "-7, -3"})
    void brightSquareIsBlackOnWhiteWithGreysWhateverTheRange(double background, double bright) {
        Figure fig = showImage(square(background, bright));
        BufferedImage img = fig.toImage();
        Rectangle2D b = fig.ax(0).imageBounds();
        for (int r = 5; r < 10; r++) {
            for (int c = 10; c < 15; c++) {
                assertEquals(0x000000, Pixels.imagePixel(img, b, 20, 20, r, c), "square pixel " + r + "," + c);
            }
        }
        assertEquals(0xFFFFFF, Pixels.imagePixel(img, b, 20, 20, 2, 2));
        assertEquals(0xFFFFFF, Pixels.imagePixel(img, b, 20, 20, 15, 12));
    }

    @Test
    void grayColourMapIsTheOtherWayRound() {
        Figure fig = showImage(square(0, 1)).cmap("gray");
        BufferedImage img = fig.toImage();
        Rectangle2D b = fig.ax(0).imageBounds();
        assertEquals(0xFFFFFF, Pixels.imagePixel(img, b, 20, 20, 7, 12));
        assertEquals(0x000000, Pixels.imagePixel(img, b, 20, 20, 0, 0));
    }

    @Test
    void imageKeepsItsAspectAndTitleSitsAbove() {
        Figure fig = showImage(Tensors.fromArray(new double[10 * 40], 10, 40), "wide");
        BufferedImage img = fig.toImage();
        Rectangle2D b = fig.ax(0).imageBounds();
        assertEquals(4.0, b.getWidth() / b.getHeight(), 1e-6);
        Rectangle2D above = new Rectangle2D.Double(0, 0, fig.width(), b.getMinY());
        assertTrue(Pixels.count(img, above, Pixels::dark) > 20, "the title is drawn above the image");
    }

    @Test
    void midGreyValuesFollowMatplotlibsGreysTable() {
        Tensor ramp = Tensors.fromArray(new double[] {0, 0.5, 1}, 1, 3);
        Figure fig = showImage(ramp);
        BufferedImage img = fig.toImage();
        Rectangle2D b = fig.ax(0).imageBounds();
        // Greys at 0.5: entry int(0.5 * 256) = 128 of matplotlib's 256-entry table, 0x95 grey.
        assertEquals(0x959595, Pixels.imagePixel(img, b, 1, 3, 0, 1));
    }

    @Test
    void colourTensorsAreShownInColour() {
        float[] v = new float[3 * 2 * 2];
        v[0] = 1f;               // channel 0 (red) of pixel (0, 0)
        v[4 + 3] = 1f;           // channel 1 (green) of pixel (1, 1)
        Figure fig = showImage(Tensors.fromArray(v, 3, 2, 2));
        BufferedImage img = fig.toImage();
        Rectangle2D b = fig.ax(0).imageBounds();
        assertEquals(0xFF0000, Pixels.imagePixel(img, b, 2, 2, 0, 0));
        assertEquals(0x00FF00, Pixels.imagePixel(img, b, 2, 2, 1, 1));
        assertEquals(0x000000, Pixels.imagePixel(img, b, 2, 2, 0, 1));
    }

    @Test
    void aBufferedImageInGreyIsScaledLikeATensor() {
        BufferedImage in = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        in.getRaster().setSample(1, 2, 0, 200);  // x = 1, y = 2
        in.getRaster().setSample(3, 3, 0, 100);
        Figure fig = showImage(in);
        BufferedImage img = fig.toImage();
        Rectangle2D b = fig.ax(0).imageBounds();
        assertEquals(0x000000, Pixels.imagePixel(img, b, 4, 4, 2, 1), "the brightest pixel is black ink");
        assertEquals(0xFFFFFF, Pixels.imagePixel(img, b, 4, 4, 0, 0));
    }

    /** A 28x28 "digit": a slanted stroke like a hand-written 1, MNIST-style (ink is high). */
    static Tensor stroke() {
        float[] v = new float[28 * 28];
        for (int r = 4; r < 24; r++) {
            int c = 16 - (r - 4) / 4;
            for (int w = 0; w < 3; w++) {
                v[r * 28 + c + w] = w == 1 ? 1f : 0.6f;
            }
        }
        return Tensors.fromArray(v, 28, 28);
    }

    @Test
    void showImagesPutsTheDigitInItsGridCellWithItsTitle() {
        List<Tensor> images = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            images.add(i == 4 ? stroke() : Tensors.zeros(28, 28));
        }
        Figure fig = showImages(images, 2, List.of(0, 1, 2, 3, 4, 5));
        assertEquals(2, fig.rows());
        assertEquals(3, fig.cols());
        BufferedImage img = fig.toImage();
        for (int i = 0; i < 6; i++) {
            Rectangle2D b = fig.ax(i).imageBounds();
            int ink = Pixels.count(img, b, Pixels::dark);
            if (i == 4) {
                assertTrue(ink > 0.015 * b.getWidth() * b.getHeight() * 4, "the stroke is drawn in cell 4: " + ink);
                assertEquals(0x000000, Pixels.imagePixel(img, b, 28, 28, 4, 17), "top of the stroke");
                assertEquals(0x000000, Pixels.imagePixel(img, b, 28, 28, 23, 13), "bottom of the stroke");
            } else {
                assertEquals(0, ink, "cell " + i + " should be blank");
            }
            Rectangle2D title = new Rectangle2D.Double(b.getX(), b.getY() - 16, b.getWidth(), 16);
            assertTrue(Pixels.count(img, title, Pixels::dark) > 5, "title of cell " + i);
        }
        // Cell 4 is row 1, column 1: below and right of cell 0.
        assertTrue(fig.ax(4).imageBounds().getY() > fig.ax(0).imageBounds().getMaxY());
        assertTrue(fig.ax(4).imageBounds().getX() > fig.ax(0).imageBounds().getMaxX());
    }

    @Test
    void aBatchTensorAndALabelTensorMakeATitledRow() {
        Tensor batch = Tensors.stack(List.of(stroke(), stroke(), stroke()), 0);
        Figure fig = showImages(batch, 1, Tensors.tensor(3L, 8L, 6L));
        assertEquals(1, fig.rows());
        assertEquals(3, fig.cols());
        assertEquals("Figure(1x3, 450x" + fig.height() + " px, '3' '8' '6')", fig.toString());
    }

    @Test
    void errorsSayWhatShapeWasWrongAndWhatToDo() {
        var e = assertThrows(IllegalArgumentException.class, () -> showImage(Tensors.zeros(8, 28, 28)));
        assertTrue(e.getMessage().contains("[8, 28, 28]") && e.getMessage().contains("showImages"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> showImage(Tensors.zeros(784)));
        assertTrue(e.getMessage().contains("view(28, 28)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> showImages(List.of(stroke(), stroke()), 1, List.of("only one")));
        assertEquals("showImages: 2 images but 1 titles: give one title per image, or none", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> showImages(List.of(stroke()), 2));
        assertTrue(e.getMessage().contains("rows must be 1 to 1"), e.getMessage());
    }
}
