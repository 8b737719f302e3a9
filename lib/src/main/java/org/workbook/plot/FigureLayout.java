package org.workbook.plot;

import java.awt.FontMetrics;
import java.awt.Graphics2D;

/**
 * Default display sizes: a lone chart is 600x400 (matplotlib's 6x4 inches); charts in a
 * grid share at most 1000 pixels of width (a notebook column, a slide) at 4:3; images
 * get square-ish cells, 280 pixels alone and 150 in a grid (fastai's digit grids),
 * tall enough for their aspect and title. Also lays the panels out when drawing.
 */
final class FigureLayout {
    private FigureLayout() { }

    static int defaultWidth(Figure f) {
        if (f.rows() == 1 && f.cols() == 1 && f.ax(0).raw() != null) {
            return f.ax(0).raw().getWidth();
        }
        return f.cols() * cellWidth(f);
    }

    static int defaultHeight(Figure f) {
        if (f.rows() == 1 && f.cols() == 1 && f.ax(0).raw() != null) {
            return f.ax(0).raw().getHeight();
        }
        return f.rows() * cellHeight(f);
    }

    private static boolean allImages(Figure f) {
        for (Axes a : f.axes()) {
            if (!a.isImage()) {
                return false;
            }
        }
        return true;
    }

    private static int cellWidth(Figure f) {
        boolean single = f.axes().size() == 1;
        if (allImages(f)) {
            return single ? Figure.IMAGE_SIZE : Math.min(Figure.GRID_IMAGE_SIZE, Figure.MAX_WIDTH / f.cols());
        }
        return single ? Figure.CHART_WIDTH : Math.min(400, Figure.MAX_WIDTH / f.cols());
    }

    private static int cellHeight(Figure f) {
        int w = cellWidth(f);
        if (!allImages(f)) {
            return f.axes().size() == 1 ? Figure.CHART_HEIGHT : Math.max(120, w * 3 / 4);
        }
        // Mirrors AxesPainter.paintImage: padding, an optional title line, the image at its aspect.
        double pad = Math.max(2, w / 40.0);
        double aspect = 0;
        boolean titled = false;
        for (Axes a : f.axes()) {
            aspect = Math.max(aspect, a.aspect());
            titled |= a.title != null && !a.title.isEmpty();
        }
        double title = titled ? AxesPainter.titleSize(w) * 1.2 + pad / 2 : 0;
        return (int) Math.ceil(pad + title + (w - 2 * pad) * aspect + pad);
    }

    /** Draws the suptitle (if any) and every panel in its cell; {@code g} is in display pixels. */
    static void paint(Figure f, Graphics2D g, int w, int h, String suptitle) {
        int top = 0;
        if (suptitle != null) {
            g.setFont(AxesPainter.font(18));
            g.setColor(AxesPainter.INK);
            FontMetrics fm = g.getFontMetrics();
            String t = AxesPainter.fit(suptitle, fm, w - 20);
            int band = Figure.SUPTITLE_HEIGHT;
            g.drawString(t, (w - fm.stringWidth(t)) / 2f, (band + fm.getAscent() - fm.getDescent()) / 2f);
            top = band;
        }
        int rows = f.rows();
        int cols = f.cols();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                // Cell edges are rounded from exact fractions so the cells tile the canvas.
                int x0 = Math.round((float) c * w / cols);
                int x1 = Math.round((float) (c + 1) * w / cols);
                int y0 = top + Math.round((float) r * (h - top) / rows);
                int y1 = top + Math.round((float) (r + 1) * (h - top) / rows);
                f.ax(r, c).paint(g, x0, y0, x1 - x0, y1 - y0);
            }
        }
    }
}
