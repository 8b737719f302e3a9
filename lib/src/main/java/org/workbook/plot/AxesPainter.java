package org.workbook.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/**
 * Draws one panel. Charts get a quiet, matplotlib-like look (white, a dark frame,
 * faint grid, tab10 colours) with text sized to the panel so a 1x4 row stays
 * readable on a slide; images are drawn as crisp pixel blocks without axes, as
 * fastai's {@code show_image} does.
 */
final class AxesPainter {
    static final Color INK = new Color(0x26, 0x26, 0x26);
    private static final Color GRID = new Color(0xe5, 0xe5, 0xe5);

    private AxesPainter() { }

    /** Text scale for a panel {@code w} pixels wide: 1 at 600 and wider, down to 0.75. */
    static double fontScale(int w) {
        return Math.max(0.75, Math.min(1.0, w / 600.0));
    }

    static Font font(double size) {
        return new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(size));
    }

    static void paintChart(Graphics2D g, Axes a, XYChart chart, int w, int h) {
        double k = fontScale(w);
        XYStyler s = chart.getStyler();
        s.setAntiAlias(true);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(INK);
        s.setPlotGridLinesVisible(true);
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setAxisTicksLineVisible(false);
        s.setYAxisLabelAlignment(AxesChartStyler.TextAlignment.Right);
        s.setAxisTickMarksColor(INK);
        s.setAxisTickLabelsColor(INK);
        s.setChartFontColor(INK);
        s.setChartPadding((int) Math.round(10 * k));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(font(16 * k));
        s.setAxisTitleFont(font(14 * k));
        s.setAxisTickLabelsFont(font(13 * k));
        s.setLegendFont(font(13 * k));
        s.setMarkerSize((int) Math.round(8 * k));
        s.setToolTipsEnabled(false);
        chart.setTitle(a.title == null ? "" : a.title);
        s.setChartTitleVisible(a.title != null);
        chart.setXAxisTitle(a.xlabel == null ? "" : a.xlabel);
        chart.setYAxisTitle(a.ylabel == null ? "" : a.ylabel);
        s.setXAxisTitleVisible(a.xlabel != null);
        s.setYAxisTitleVisible(a.ylabel != null);
        s.setLegendVisible(a.legend);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setLegendBorderColor(GRID);
        s.setXAxisMin(a.xmin);
        s.setXAxisMax(a.xmax);
        s.setYAxisMin(a.ymin);
        s.setYAxisMax(a.ymax);
        niceTicks(chart);
        chart.paint(g, w, h);
    }

    private static final String TICK_HELPER = "\u0000ticks";

    /**
     * XChart puts x ticks on the data's own x values when they are equally spaced. That
     * suits epochs 0, 1, 2 but gives labels like -1.0393939 for {@code linspace(-2.1, 2.1,
     * 100)}. For such grids, one invisible point between the first two x values makes
     * the spacing uneven, so XChart picks round ticks instead.
     */
    static void niceTicks(XYChart chart) {
        chart.removeSeries(TICK_HELPER);
        java.util.LinkedHashSet<Double> xs = new java.util.LinkedHashSet<>();
        double y = Double.NaN;
        for (XYSeries series : chart.getSeriesMap().values()) {
            for (int i = 0; i < series.getXData().length; i++) {
                xs.add(series.getXData()[i]);
                if (Double.isNaN(y) && !Double.isNaN(series.getYData()[i])) {
                    y = series.getYData()[i];
                }
            }
        }
        if (xs.size() < 3 || Double.isNaN(y)) {
            return;
        }
        Double[] v = xs.toArray(new Double[0]);
        double step = v[1] - v[0];
        double range = Math.abs(v[v.length - 1] - v[0]);
        for (int i = 2; i < v.length; i++) {
            if (Math.abs(v[i] - v[i - 1] - step) > 1e-4 * range) {
                return; // uneven already: XChart chooses round ticks by itself
            }
        }
        if (isRound(step) && isRound(v[0] / step)) {
            return; // ticks on the data (0, 1, 2 or 0, 0.5, 1) read well
        }
        XYSeries helper = chart.addSeries(TICK_HELPER, new double[] {v[0] + step / 2}, new double[] {y});
        helper.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        helper.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        helper.setShowInLegend(false);
    }

    /** True for whole numbers and round steps like 0.5, 0.25, 0.2, 0.1 (times powers of ten). */
    private static boolean isRound(double x) {
        if (x == 0) {
            return true;
        }
        double a = Math.abs(x);
        double scale = Math.pow(10, Math.floor(Math.log10(a)));
        double m = a / scale;
        for (double nice : new double[] {1, 2, 2.5, 5, 10}) {
            if (Math.abs(m - nice) < 1e-6 * nice) {
                return true;
            }
        }
        return Math.abs(a - Math.rint(a)) < 1e-9 * Math.max(1, a);
    }

    /** Draws the image fitted (aspect kept) under its title; returns where it went. */
    static Rectangle2D paintImage(Graphics2D g, Axes a, BufferedImage img, int w, int h) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double pad = Math.max(2, w / 40.0);
        double top = pad + drawTitle(g, a.title, w, pad);
        double availW = w - 2 * pad;
        double availH = h - top - pad;
        double scale = Math.min(availW / img.getWidth(), availH / img.getHeight());
        double dw = img.getWidth() * scale;
        double dh = img.getHeight() * scale;
        double dx = (w - dw) / 2;
        double dy = top + (availH - dh) / 2;
        ImageData.drawBlocks(g, img, dx, dy, dw, dh);
        return new Rectangle2D.Double(dx, dy, dw, dh);
    }

    /** An axes with nothing drawn yet: its frame and title, as matplotlib shows it. */
    static void paintEmpty(Graphics2D g, Axes a, int w, int h) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double pad = Math.max(4, w / 30.0);
        double top = pad + drawTitle(g, a.title, w, pad);
        g.setColor(INK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect((int) Math.round(pad * 2), (int) Math.round(top), (int) Math.round(w - pad * 3),
                (int) Math.round(h - top - pad * 2));
    }

    /** The title font size of an image panel {@code w} pixels wide. */
    static double titleSize(int w) {
        return Math.max(10, Math.min(15, w / 11.0));
    }

    /** Draws {@code title} centred at the top; returns the height it took (0 when null). */
    private static double drawTitle(Graphics2D g, String title, int w, double pad) {
        if (title == null || title.isEmpty()) {
            return 0;
        }
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setFont(font(titleSize(w)));
        FontMetrics fm = g.getFontMetrics();
        String t = fit(title, fm, w - 2 * pad);
        g.setColor(INK);
        g.drawString(t, (float) ((w - fm.stringWidth(t)) / 2.0), (float) (pad + fm.getAscent()));
        return fm.getHeight() + pad / 2;
    }

    /** {@code s}, cut with an ellipsis so it fits in {@code width}. */
    static String fit(String s, FontMetrics fm, double width) {
        if (fm.stringWidth(s) <= width) {
            return s;
        }
        String cut = s;
        while (!cut.isEmpty() && fm.stringWidth(cut + "\u2026") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "\u2026";
    }
}
