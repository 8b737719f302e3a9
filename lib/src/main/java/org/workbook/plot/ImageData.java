package org.workbook.plot;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import org.workbook.display.Colormap;

/**
 * The pixels of one image panel: either grey levels that a colour map turns into
 * colours (scaled from their own min..max, as matplotlib's {@code imshow} does), or
 * ready RGB pixels.
 */
final class ImageData {
    private final int height;
    private final int width;
    private final double[] grey;     // row-major, or null for RGB
    private final int[] rgb;         // 0xRRGGBB row-major, or null for grey

    private ImageData(int height, int width, double[] grey, int[] rgb) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("an image needs at least one pixel, got " + height + " x " + width);
        }
        this.height = height;
        this.width = width;
        this.grey = grey;
        this.rgb = rgb;
    }

    /** Grey levels in any range, {@code height * width} of them, row by row. */
    static ImageData grey(double[] values, int height, int width) {
        if (values.length != (long) height * width) {
            throw new IllegalArgumentException("an image of " + height + " x " + width + " needs "
                    + (long) height * width + " values, got " + values.length);
        }
        return new ImageData(height, width, values.clone(), null);
    }

    /** Colour pixels as {@code 0xRRGGBB}, row by row. */
    static ImageData rgb(int[] pixels, int height, int width) {
        if (pixels.length != (long) height * width) {
            throw new IllegalArgumentException("an image of " + height + " x " + width + " needs "
                    + (long) height * width + " pixels, got " + pixels.length);
        }
        return new ImageData(height, width, null, pixels.clone());
    }

    /**
     * A Java image: a grey one (an MNIST PNG read by ImageIO) keeps its levels, so a
     * colour map applies as it would to the same pixels in matplotlib; a colour one
     * keeps its colours, composed over white where it is transparent.
     */
    static ImageData of(BufferedImage img) {
        int h = img.getHeight();
        int w = img.getWidth();
        boolean isGrey = img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && img.getColorModel().getNumColorComponents() == 1;
        if (isGrey) {
            Raster r = img.getRaster();
            double[] v = new double[h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    v[y * w + x] = r.getSampleDouble(x, y, 0);
                }
            }
            return new ImageData(h, w, v, null);
        }
        int[] px = new int[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = img.getRGB(x, y);
                double a = ((argb >>> 24) & 0xFF) / 255.0;
                int r = blend((argb >> 16) & 0xFF, a);
                int g = blend((argb >> 8) & 0xFF, a);
                int b = blend(argb & 0xFF, a);
                px[y * w + x] = (r << 16) | (g << 8) | b;
            }
        }
        return new ImageData(h, w, null, px);
    }

    private static int blend(int c, double alpha) {
        return (int) Math.round(c * alpha + 255 * (1 - alpha));
    }

    int height() {
        return height;
    }

    int width() {
        return width;
    }

    boolean isGrey() {
        return grey != null;
    }

    /**
     * The pixels as an RGB image: grey levels scaled from {@code vmin..vmax} (null:
     * the data's own min and max, ignoring NaN) through {@code cmap}.
     */
    BufferedImage toImage(Colormap cmap, Double vmin, Double vmax) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        if (rgb != null) {
            img.setRGB(0, 0, width, height, rgb, 0, width);
            return img;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : grey) {
            if (!Double.isNaN(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (vmin != null) {
            lo = vmin;
        }
        if (vmax != null) {
            hi = vmax;
        }
        int[] px = new int[grey.length];
        for (int i = 0; i < grey.length; i++) {
            // matplotlib's Normalize: (v - vmin) / (vmax - vmin), everything 0 when they are equal.
            double t = hi > lo ? (grey[i] - lo) / (hi - lo) : 0.0;
            px[i] = Double.isNaN(grey[i]) ? 0xFFFFFF : cmap.rgb(t);
        }
        img.setRGB(0, 0, width, height, px, 0, width);
        return img;
    }

    /** Draws the pixels as crisp blocks filling {@code w x h} at {@code (x, y)}. */
    static void drawBlocks(Graphics2D g, BufferedImage img, double x, double y, double w, double h) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                    RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g2.translate(x, y);
            g2.scale(w / img.getWidth(), h / img.getHeight());
            g2.drawImage(img, 0, 0, null);
        } finally {
            g2.dispose();
        }
    }
}
