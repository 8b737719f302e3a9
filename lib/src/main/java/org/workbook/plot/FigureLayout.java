package org.workbook.plot;

/**
 * Default display sizes: a lone chart is 600x400 (matplotlib's 6x4 inches); charts in a
 * grid share at most 1000 pixels of width (a notebook column, a slide) at 4:3; images
 * get square-ish cells, 280 pixels alone and 150 in a grid (fastai's digit grids),
 * tall enough for their aspect and title.
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
}
