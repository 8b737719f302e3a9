package org.workbook.plot;

import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.function.IntPredicate;

/** Looking at rendered figures the way a person would: what colour is drawn where. */
final class Pixels {
    private Pixels() { }

    static int r(int rgb) {
        return (rgb >> 16) & 0xFF;
    }

    static int g(int rgb) {
        return (rgb >> 8) & 0xFF;
    }

    static int b(int rgb) {
        return rgb & 0xFF;
    }

    static int grey(int rgb) {
        return (r(rgb) + g(rgb) + b(rgb)) / 3;
    }

    /** Pure-ish red, as "r" / "red" draws. */
    static boolean red(int rgb) {
        return r(rgb) > 180 && g(rgb) < 90 && b(rgb) < 90;
    }

    /** matplotlib's C0 blue (#1f77b4), give or take anti-aliasing. */
    static boolean c0Blue(int rgb) {
        return b(rgb) > 140 && r(rgb) < 90 && g(rgb) > 80 && g(rgb) < 160;
    }

    /** matplotlib's C1 orange (#ff7f0e). */
    static boolean c1Orange(int rgb) {
        return r(rgb) > 200 && g(rgb) > 90 && g(rgb) < 170 && b(rgb) < 80;
    }

    static boolean white(int rgb) {
        return r(rgb) > 245 && g(rgb) > 245 && b(rgb) > 245;
    }

    static boolean dark(int rgb) {
        return grey(rgb) < 60;
    }

    /** True when some pixel within {@code radius} device pixels of a 1x figure point matches. */
    static boolean near(BufferedImage img, Point2D at, int radius, IntPredicate test) {
        int cx = (int) Math.round(at.getX() * Figure.DENSITY);
        int cy = (int) Math.round(at.getY() * Figure.DENSITY);
        for (int y = cy - radius; y <= cy + radius; y++) {
            for (int x = cx - radius; x <= cx + radius; x++) {
                if (x >= 0 && y >= 0 && x < img.getWidth() && y < img.getHeight() && test.test(img.getRGB(x, y) & 0xFFFFFF)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How many pixels in a 1x figure rectangle match. */
    static int count(BufferedImage img, Rectangle2D area, IntPredicate test) {
        int x0 = (int) Math.floor(area.getMinX() * Figure.DENSITY);
        int y0 = (int) Math.floor(area.getMinY() * Figure.DENSITY);
        int x1 = (int) Math.ceil(area.getMaxX() * Figure.DENSITY);
        int y1 = (int) Math.ceil(area.getMaxY() * Figure.DENSITY);
        int n = 0;
        for (int y = Math.max(0, y0); y < Math.min(img.getHeight(), y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x1); x++) {
                if (test.test(img.getRGB(x, y) & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The colour at the centre of image pixel (row, col) of an image drawn in {@code bounds}. */
    static int imagePixel(BufferedImage img, Rectangle2D bounds, int rows, int cols, int row, int col) {
        double x = bounds.getX() + (col + 0.5) * bounds.getWidth() / cols;
        double y = bounds.getY() + (row + 0.5) * bounds.getHeight() / rows;
        return img.getRGB((int) (x * Figure.DENSITY), (int) (y * Figure.DENSITY)) & 0xFFFFFF;
    }
}
